"""Plotly figures for the dashboard. Each function draws a DataFrame returned by `analysis.queries` as is."""
from __future__ import annotations

import html
import textwrap
import zlib
from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from analysis.figures import KINDS

PALETTE = px.colors.qualitative.D3 + px.colors.qualitative.Dark2  # no pale colours: lines on white
TONE_SCALE = "RdBu"  # red = hostile coverage, blue = warm
MENTION_SCALE = "OrRd"
HEIGHT = 380
# A line of up to this many periods gets a dot on each. Longer ones are drawn as lines only: dots hide
# the line there, and each costs the browser time before it paints (~0.4 s for two charts of 850 dots,
# see bench/); a country named in only a few periods keeps its dots, so it stays visible.
MARKED_POINTS = 60


def country_colours(codes: Iterable[str], given: Mapping[str, str] | None = None) -> dict[str, str]:
    """Colours for the countries of a view, most important first: each keeps the colour its code
    hashes to unless a country before it has that colour, then takes the next free one. With 18
    colours, hashing alone gave the United States and Israel the same line. Pass the view's colours
    as `given` to extend them, so that a country has one colour in every chart of the page."""
    colours = dict(given or {})
    used = set(colours.values())
    for code in codes:
        if code in colours:
            continue
        start = zlib.crc32(code.encode()) % len(PALETTE)
        free = [PALETTE[(start + k) % len(PALETTE)] for k in range(len(PALETTE))]
        colours[code] = next((c for c in free if c not in used), free[0])  # more countries than colours
        used.add(colours[code])
    return colours


def _colours_by_name(df: pd.DataFrame, given: Mapping[str, str] | None) -> dict[str, str]:
    # Most mentioned first, so that the lines' countries claim their colours in the bar chart's order.
    ranked = df.groupby("country", sort=False)["articles"].sum().sort_values(ascending=False, kind="stable").index
    colours = country_colours(ranked, given)
    return {name: colours[code] for code, name in zip(df["country"], df["name"])}


def safe_text(text: object, width: int = 80) -> str:
    """Text for a Plotly label: escaped (Plotly renders a subset of HTML) and wrapped with <br>."""
    if text is None or (isinstance(text, float) and pd.isna(text)):
        return ""
    return "<br>".join(html.escape(line) for line in textwrap.wrap(str(text), width) or [""])


def _style(fig: go.Figure, title: str, height: int = HEIGHT) -> go.Figure:
    fig.update_layout(
        title={"text": html.escape(title), "x": 0, "xanchor": "left", "font": {"size": 15}},
        height=height, margin={"l": 10, "r": 10, "t": 50, "b": 10}, template="plotly_white",
        legend={"title": None}, hoverlabel={"align": "left"},
    )
    return fig


def mentions_bar(df: pd.DataFrame, colours: Mapping[str, str] | None = None) -> go.Figure:
    colours = country_colours(df["country"], colours)
    data = df.iloc[::-1]  # largest at the top
    fig = go.Figure(
        go.Bar(
            x=data["mentions"], y=data["name"], orientation="h",
            marker_color=[colours[c] for c in data["country"]],
            customdata=data[["articles", "tone"]].to_numpy(),
            hovertemplate="<b>%{y}</b><br>%{x} mentions in %{customdata[0]} articles"
            "<br>mean tone %{customdata[1]:+.2f}<extra></extra>",
        )
    )
    fig.update_xaxes(title="mentions")
    return _style(fig, "Mentions by country", height=max(HEIGHT, 24 * len(df) + 80))


def _dots_on_short_lines(fig: go.Figure) -> go.Figure:
    fig.for_each_trace(lambda t: t.update(mode="lines+markers") if len(t.x) <= MARKED_POINTS else None)
    return fig


def mentions_lines(df: pd.DataFrame, freq: str, colours: Mapping[str, str] | None = None) -> go.Figure:
    fig = px.line(
        df, x="period", y="mentions", color="name", color_discrete_map=_colours_by_name(df, colours),
        hover_data={"articles": True, "name": False}, labels={"period": freq, "name": "country"},
    )
    return _style(_dots_on_short_lines(fig), f"Mentions per {freq}")


def tone_lines(df: pd.DataFrame, freq: str, colours: Mapping[str, str] | None = None) -> go.Figure:
    fig = px.line(
        df, x="period", y="tone", color="name", color_discrete_map=_colours_by_name(df, colours),
        hover_data={"articles": True, "name": False, "tone": ":+.2f"}, labels={"period": freq, "name": "country"},
    )
    _dots_on_short_lines(fig)
    fig.add_hline(y=0, line_color="#999", line_width=1)
    fig.update_yaxes(range=[-1, 1], title="tone (VADER compound)")
    return _style(fig, f"Tone of the sentences naming each country, per {freq}")


def world_map(df: pd.DataFrame, metric: str) -> go.Figure:
    is_tone = metric == "tone"
    fig = go.Figure(
        go.Choropleth(
            locations=df["country"], locationmode="ISO-3", z=df[metric],
            colorscale=TONE_SCALE if is_tone else MENTION_SCALE, zmid=0 if is_tone else None,
            zmin=-1 if is_tone else None, zmax=1 if is_tone else None,
            text=df["name"], customdata=df[["mentions", "articles", "tone"]].to_numpy(),
            hovertemplate="<b>%{text}</b><br>%{customdata[0]} mentions in %{customdata[1]} articles"
            "<br>mean tone %{customdata[2]:+.2f}<extra></extra>",
            marker_line_color="white", marker_line_width=0.5,
            colorbar={"title": {"text": "tone" if is_tone else "mentions"}, "thickness": 12},
        )
    )
    fig.update_geos(
        # Plotly 6+ zooms to the drawn countries unless told otherwise; the whole world is the context.
        fitbounds=False, lataxis_range=[-58, 85], projection_type="natural earth", showcountries=True, countrycolor="#bbb", showcoastlines=True,
        coastlinecolor="#888", showland=True, landcolor="#f3f3f3", showframe=False,
    )
    return _style(fig, "Tone by country" if is_tone else "Mentions by country (map)", height=420)


def co_mention_heatmap(df: pd.DataFrame) -> go.Figure:
    order = list(dict.fromkeys(df.sort_values("articles", ascending=False)["name_a"]))
    grid = df.pivot(index="name_a", columns="name_b", values="articles").reindex(index=order, columns=order)
    z = grid.to_numpy(dtype=float)
    itself = np.eye(len(order), dtype=bool)
    # A country "with itself" is every article naming it: the largest numbers by far. Drawn in grey
    # with their own hover, they leave the colour scale to the pairs.
    fig = go.Figure([
        go.Heatmap(
            z=np.where(itself, np.nan, z), x=order, y=order, colorscale="Blues", hoverongaps=False,
            hovertemplate="%{y} and %{x}: %{z} articles<extra></extra>", colorbar={"title": {"text": "articles"}},
        ),
        go.Heatmap(
            z=np.where(itself, z, np.nan), x=order, y=order, colorscale=[[0, "#d9d9d9"], [1, "#d9d9d9"]],
            showscale=False, hoverongaps=False, hovertemplate="%{y}: named in %{z} articles<extra></extra>",
        ),
    ])
    fig.update_yaxes(autorange="reversed")
    return _style(fig, "Countries named in the same articles", height=max(HEIGHT, 28 * len(order) + 120))


def figure_tallies_chart(tallies: pd.DataFrame, points: pd.DataFrame) -> go.Figure:
    """Per kind: the highest figure reported up to each day (step line) and the reports (points, from
    `queries.figure_points`: every report, or the highest of each day, week or month when there are
    very many)."""
    kinds = [k for k in KINDS if k in set(tallies["kind"])]
    cols = 1 if len(kinds) == 1 else 2
    rows = -(-len(kinds) // cols)
    fig = make_subplots(
        rows=rows, cols=cols, shared_xaxes="all", vertical_spacing=min(0.12, 0.5 / rows), horizontal_spacing=0.08,
        subplot_titles=list(kinds),
    )
    dated = points[points["published"].notna()]
    span = points["span"].iloc[0] if "span" in points and len(points) else "day"
    last_day = tallies["published"].max()
    for i, kind in enumerate(kinds):
        row, col = i // cols + 1, i % cols + 1
        series = tallies[tallies["kind"] == kind]
        # The highest figure stays the highest until a report beats it: carry the step to the last day shown.
        x, y = list(series["published"]), list(series["highest_to_date"])
        if x[-1] != last_day:
            x, y = x + [last_day], y + [y[-1]]
        fig.add_trace(
            go.Scatter(
                x=x, y=y, mode="lines", line_shape="hv",
                line={"color": "#c0392b", "width": 2}, name="highest to date", legendgroup="highest",
                showlegend=i == 0, hovertemplate="%{x|%Y-%m-%d}: highest reported so far %{y:,}<extra></extra>",
            ),
            row=row, col=col,
        )
        points = dated[dated["kind"] == kind]
        counts = points["reports"] if "reports" in points else [1] * len(points)
        hover = [
            f"<b>{int(v):,}</b> {safe_text(q)}<br>{safe_text(s) or 'unknown outlet'}, "
            f"{p:%Y-%m-%d}" + (f" (the highest of {int(n)} reports that {span})" if n > 1 else "")
            + f"<br><i>{safe_text(t, 70)}</i><br>{safe_text(sentence, 70)}"
            for v, q, s, p, t, sentence, n in zip(
                points["value"], points["qualifier"], points["source"], points["published"], points["title"],
                points["sentence"], counts,
            )
        ]
        fig.add_trace(
            go.Scatter(
                x=points["published"], y=points["value"], mode="markers", name="a report",
                marker={"color": "#2c3e50", "size": 7, "opacity": 0.7}, legendgroup="report",
                showlegend=i == 0, hovertext=hover, hoverinfo="text",
            ),
            row=row, col=col,
        )
    fig.update_yaxes(rangemode="tozero", tickformat=",d")
    fig.update_xaxes(showticklabels=True)
    fig.update_annotations(font_size=12)
    _style(fig, "Reported figures: the highest so far (line) and every report (dots), never a sum", height=130 + 230 * rows)
    fig.update_layout(showlegend=False)
    return fig
