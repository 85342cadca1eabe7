"""Plotly figures for the dashboard. Each function draws a DataFrame returned by `analysis.store.queries` as is."""
from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from analysis.store.figure_text import as_reported
from analysis.understand.figures import KINDS
from dashboard import escape, geo
from dashboard.counts import counted
from dashboard.palette import PALETTE, country_colour, country_colours, shared_colour_marks  # noqa: F401 (the charts' API)

# When two countries of one chart share a colour (see dashboard/palette.py), the later one is drawn
# dashed (a line) or hatched (a bar).
DASHES = ("solid", "dash", "dot", "dashdot")
HATCHES = ("", "/", "x", ".")
SYMBOLS = ("", "square", "diamond", "cross")  # "": no marker
TONE_SCALE = "RdBu"  # red = hostile coverage, blue = warm
MENTION_SCALE = "OrRd"
HEIGHT = 380
# A line of up to this many periods gets a dot on each. Longer ones are drawn as lines only: dots hide
# the line there, and each costs the browser time before it paints (~0.4 s for two charts of 850 dots,
# see bench/); a country named in only a few periods keeps its dots, so it stays visible.
MARKED_POINTS = 60
# Below this many sentences naming it in view, a country's mean tone is noise: the map greys it. Sentences,
# not mentions: "Ukraine, Ukraine and Ukraine" is one sentence and one tone.
MIN_TONE_SENTENCES = 5
NO_DATA_GREY = "#d0d0d0"
# Room for tick labels, measured in the page's font (Source Sans, 12 px): "United States" is 67 px wide.
LABEL_PX_PER_CHAR = 5.6
COUNT_AXIS_PX = 65  # a horizontal count axis: its tick labels and title


def country_dashes(codes: Iterable[str]) -> dict[str, str]:
    """Line dashes for the countries of one chart, most important first: solid unless a country before
    it has the same colour."""
    return shared_colour_marks(codes, DASHES)


def country_hatches(codes: Iterable[str]) -> dict[str, str]:
    """Bar hatchings for the countries of one chart, most important first: plain unless a country
    before it has the same colour."""
    return shared_colour_marks(codes, HATCHES)


def safe_text(text: object, width: int = 80) -> str:
    """Text for a Plotly label: escaped (Plotly renders a subset of HTML) and wrapped with <br>."""
    return escape.plotly(text, width)


def _style(fig: go.Figure, title: str, height: int = HEIGHT) -> go.Figure:
    fig.update_layout(
        # Pinned to the top: the subtitle's lines (filter, source, sample label) grow downwards into the margin.
        title={"text": "<br>".join(escape.plotly(line) for line in title.split("\n")), "x": 0,
               "y": 1, "yref": "container", "yanchor": "top", "pad": {"t": 10}, "xanchor": "left", "font": {"size": 15}},
        height=height, margin={"l": 10, "r": 10, "t": 50, "b": 10}, template="plotly_white",
        legend={"title": None}, hoverlabel={"align": "left"},
        # Upright at the right edge, the toolbar never covers the title on a narrow (phone) screen.
        modebar={"orientation": "v"},
    )
    return fig


def _integer_counts(fig: go.Figure, top: float, axis: str = "y") -> None:
    """A count axis: from zero, whole numbers only (no "0, 1, 1, 2" from 0.5 steps)."""
    update = fig.update_yaxes if axis == "y" else fig.update_xaxes
    update(rangemode="tozero", tickformat=",d", **({"dtick": 1} if top <= 6 else {}))


# Tick labels that fit the period: a month is not labelled by a day of it.
_TICK_FORMATS = {"day": "%b %d", "week": "%b %d", "month": "%b %Y"}
_HOVER_PERIOD = {"day": "%Y-%m-%d", "week": "week of %Y-%m-%d", "month": "%B %Y"}


def _time_axis(fig: go.Figure, periods: pd.Series, freq: str, partial: Iterable = ()) -> None:
    days = pd.to_datetime(pd.Series(periods).dropna().unique())
    axis: dict = {"tickformat": _TICK_FORMATS[freq], "title": None}
    if freq == "month":
        axis["dtick"] = f"M{max(1, -(-len(days) // 8))}"
    elif freq == "week" and len(days):
        axis.update(tick0=days.min(), dtick=7 * 86_400_000 * max(1, -(-len(days) // 8)))
    fig.update_xaxes(**axis)
    # A period cut by the edge of the date range counts only some of its days: shaded and said, so that
    # it does not read as a real dip.
    step = {"day": pd.Timedelta(days=1), "week": pd.Timedelta(days=7), "month": pd.DateOffset(months=1)}[freq]
    for period in partial:
        start = pd.Timestamp(period)
        fig.add_vrect(
            x0=start - pd.Timedelta(hours=12), x1=start + step - pd.Timedelta(hours=12),
            fillcolor="#888", opacity=0.12, line_width=0, layer="below",
            annotation_text=f"partial {freq}", annotation_position="top left", annotation_font_size=10,
            annotation_font_color="#666",
        )


def _country_lines(df: pd.DataFrame, value: str, freq: str, said: Sequence[str], hover_value: str = "",
                   weights: pd.Series | None = None) -> go.Figure:
    """One line per country, most mentioned first, in the country's own colour. `said` is each row's counts
    in words (Plotly's templates cannot make "1 articles" singular), shown under `hover_value`."""
    ranked = df.groupby("country", sort=False)["articles"].sum().sort_values(ascending=False, kind="stable").index
    dashes = country_dashes(ranked)
    said = pd.Series(list(said), index=df.index, dtype=object)
    fig = go.Figure()
    for code in ranked:
        rows = df[df["country"] == code]
        short = len(rows) <= MARKED_POINTS
        # Tone keeps its dots on long lines too (smaller): a point that stands on few sentences is faint,
        # its value mostly noise, and per-day tone is where that matters most.
        marked = short or weights is not None
        marker: dict = {"color": country_colour(code), "size": 7 if short else 4}
        if weights is not None:
            marker["opacity"] = list(np.clip(0.2 + weights.loc[rows.index] / 10, 0.2, 1.0))
        fig.add_trace(go.Scatter(
            x=rows["period"], y=rows[value], name=escape.plotly(rows["name"].iloc[0]),
            mode="lines+markers" if marked else "lines", marker=marker,
            line={"color": country_colour(code), "dash": dashes[code], "width": 2},
            customdata=said.loc[rows.index].to_numpy().reshape(-1, 1),
            hovertemplate=f"<b>{escape.plotly(rows['name'].iloc[0])}</b><br>%{{x|{_HOVER_PERIOD[freq]}}}<br>"
                          f"{hover_value}%{{customdata[0]}}<extra></extra>",
        ))
    fig.update_layout(legend={"orientation": "h", "yanchor": "top", "y": -0.12, "x": 0})
    return fig


def _mentions_in_articles(df: pd.DataFrame) -> list[str]:
    """"12 mentions in 1 article" per row: a hover's numbers in words the server writes (Plotly's
    templates cannot make "1 articles" singular)."""
    return [f"{counted(int(m), 'mention')} in {counted(int(a), 'article')}" for m, a in zip(df["mentions"], df["articles"])]


def _tone_behind(df: pd.DataFrame) -> list[str]:
    """What each tone point stands on, in words: "from 3 sentences (5 mentions) in 1 article"."""
    articles = [counted(int(a), "article") for a in df["articles"]]
    if "sentences" in df:
        return [f"from {counted(int(s), 'sentence')} ({counted(int(m), 'mention')}) in {a}"
                for s, m, a in zip(df["sentences"], df["mentions"], articles)]
    if "mentions" in df:
        return [f"from {counted(int(m), 'mention')} in {a}" for m, a in zip(df["mentions"], articles)]
    return [f"from {a}" for a in articles]


def mentions_bar(df: pd.DataFrame) -> go.Figure:
    data = df.iloc[::-1]  # largest at the top
    hatches = country_hatches(df["country"])  # the most named keeps the plain bar
    # Only a chart with two bars of one colour carries patterns.
    pattern = {"shape": [hatches[c] for c in data["country"]], "fgcolor": "white", "solidity": 0.4} \
        if any(hatches.values()) else None
    fig = go.Figure(
        go.Bar(
            x=data["mentions"], y=data["name"], orientation="h",
            marker_color=[country_colour(c) for c in data["country"]], marker_pattern=pattern,
            customdata=data[["articles", "tone"]].assign(said=_mentions_in_articles(data)).to_numpy(),
            hovertemplate="<b>%{y}</b><br>%{customdata[2]}<br>mean tone %{customdata[1]:+.2f}<extra></extra>",
        )
    )
    fig.update_xaxes(title="mentions")
    _integer_counts(fig, float(df["mentions"].max()) if len(df) else 0, axis="x")
    fig = _style(fig, "Mentions by country", height=max(HEIGHT, 24 * len(df) + 80))
    # Margins that already hold the country names and the count axis: when the labels do not fit the
    # margins, Plotly draws the chart, widens them and draws it again (automargin, still on if these are
    # short), ~40% of this chart's first draw in the browser, before the page's first paint.
    longest = max((len(name) for name in data["name"]), default=0)
    fig.update_layout(margin_l=max(fig.layout.margin.l, round(LABEL_PX_PER_CHAR * longest) + 20), margin_b=COUNT_AXIS_PX)
    return fig


def mentions_lines(df: pd.DataFrame, freq: str, partial: Iterable = ()) -> go.Figure:
    fig = _country_lines(df, "mentions", freq, _mentions_in_articles(df))
    _integer_counts(fig, float(df["mentions"].max()) if len(df) else 0)
    fig.update_yaxes(title="mentions")
    _time_axis(fig, df["period"], freq, partial)
    return _style(fig, f"Mentions per {freq}")


def tone_lines(df: pd.DataFrame, freq: str, partial: Iterable = ()) -> go.Figure:
    # A point's weight is the sentences it stands on (each scored once), else its mentions.
    weights = df["sentences"] if "sentences" in df else df["mentions"] if "mentions" in df else None
    fig = _country_lines(df, "tone", freq, _tone_behind(df), "tone %{y:+.2f}<br>", weights)
    fig.add_hline(y=0, line_color="#999", line_width=1)
    fig.update_yaxes(range=[-1, 1], title="tone of the sentences naming it")
    _time_axis(fig, df["period"], freq, partial)
    note = " (faint dots: few sentences)" if weights is not None else ""
    return _style(fig, f"Tone per {freq}{note}")


def world_map(df: pd.DataFrame, metric: str, focus: Sequence[str] = ()) -> go.Figure:
    """The countries named in view on a world map; with `focus` (the filter's countries), zoomed to
    their region. By tone, a country named in fewer than MIN_TONE_SENTENCES sentences is grey: its tone is
    a handful of sentences."""
    is_tone = metric == "tone"
    hover = "<b>%{text}</b><br>%{customdata[5]}%{customdata[4]}<br>%{customdata[2]}<extra></extra>"
    df = df.assign(
        tone_text=[f"mean tone {t:+.2f} of {counted(int(n), 'sentence')}" if pd.notna(t) else "no sentence names it"
                   for t, n in zip(df["tone"], df["sentences"])],
        said=_mentions_in_articles(df),
        # Articles that name only a place in the country ("Kharkiv"): counted as its articles, not its mentions.
        place_note=[f" ({n:,} through a place only)" if n else "" for n in
                    (df["place_articles"] if "place_articles" in df else [0] * len(df))],
    )
    thin = df["sentences"] < MIN_TONE_SENTENCES if is_tone else pd.Series(False, index=df.index)
    data = ["mentions", "articles", "tone_text", "sentences", "place_note", "said"]
    shown, greyed = df[~thin], df[thin]
    greyed = greyed.assign(tone_text=[
        f"named in {counted(int(n), 'sentence')}: too few for a tone (fewer than {MIN_TONE_SENTENCES} sentences)"
        if n else text for n, text in zip(greyed["sentences"], greyed["tone_text"])])
    traces = [go.Choropleth(
        locations=shown["country"], locationmode="ISO-3", z=shown[metric],
        colorscale=TONE_SCALE if is_tone else MENTION_SCALE, zmid=0 if is_tone else None,
        zmin=-1 if is_tone else None, zmax=1 if is_tone else None,
        text=[escape.plotly(n) for n in shown["name"]], customdata=shown[data].to_numpy(),
        hovertemplate=hover, marker_line_color="white", marker_line_width=0.5,
        colorbar={"title": {"text": f"tone<br><sub>grey: named in<br>fewer than {MIN_TONE_SENTENCES}<br>sentences</sub>"
                            if is_tone else "mentions"}, "thickness": 12},
    )]
    if len(greyed):
        traces.append(go.Choropleth(
            locations=greyed["country"], locationmode="ISO-3", z=[0] * len(greyed), showscale=False,
            colorscale=[[0, NO_DATA_GREY], [1, NO_DATA_GREY]], text=[escape.plotly(n) for n in greyed["name"]],
            customdata=greyed[data].to_numpy(), marker_line_color="white",
            marker_line_width=0.5, hovertemplate=hover,
        ))
    fig = go.Figure(traces)
    region = geo.region_of(focus) if focus else None
    fig.update_geos(
        # Plotly 6+ zooms to the drawn countries unless told otherwise: the whole world, or the region of
        # the countries the filter follows, is the context.
        fitbounds=False, projection_type="natural earth", showcountries=True, countrycolor="#bbb",
        showcoastlines=True, coastlinecolor="#888", showland=True, landcolor="#f3f3f3", showframe=False,
        **({"lataxis_range": [region[2], region[3]], "lonaxis_range": [region[0], region[1]]} if region
           else {"lataxis_range": [-58, 85]}),
    )
    fig.update_layout(clickmode="event+select")
    _style(fig, "Tone by country" if is_tone else "Mentions by country (map)", height=480)
    fig.update_layout(margin_r=50)  # the colour bar's title clear of the upright toolbar
    return fig


def co_mention_heatmap(df: pd.DataFrame, noun: str = "article", title: str = "Countries named in the same articles"
                       ) -> go.Figure:
    """How many `noun`s (the `articles` column) name each pair of countries; each country alone in grey."""
    order = list(dict.fromkeys(df.sort_values("articles", ascending=False)["name_a"]))
    grid = df.pivot(index="name_a", columns="name_b", values="articles").reindex(index=order, columns=order)
    z = grid.to_numpy(dtype=float)
    itself = np.eye(len(order), dtype=bool)
    # Each cell's count in words, written here: Plotly's templates cannot make "1 articles" singular.
    said = np.array([["" if np.isnan(v) else counted(int(v), noun) for v in line] for line in z], dtype=object) \
        .reshape(z.shape)
    # A country "with itself" is every article naming it: the largest numbers by far. Drawn in grey
    # with their own hover, they leave the colour scale to the pairs.
    fig = go.Figure([
        go.Heatmap(
            z=np.where(itself, np.nan, z), x=order, y=order, colorscale="Blues", hoverongaps=False,
            text=said, hovertemplate="%{y} and %{x}: %{text}<extra></extra>",
            colorbar={"title": {"text": noun + "s"}},
        ),
        go.Heatmap(
            z=np.where(itself, z, np.nan), x=order, y=order, colorscale=[[0, "#d9d9d9"], [1, "#d9d9d9"]],
            showscale=False, hoverongaps=False, text=said, hovertemplate="%{y}: named in %{text}<extra></extra>",
        ),
    ])
    fig.update_yaxes(autorange="reversed")
    return _style(fig, title, height=max(HEIGHT, 28 * len(order) + 120))


def figure_tallies_chart(tallies: pd.DataFrame, points: pd.DataFrame) -> go.Figure:
    """Per kind: the highest running total or standing count reported up to each day (step line) and the
    reports (points, from `queries.figure_points`: every report, or the highest of each day, week or month
    when there are very many). The toll of one incident is a hollow point, off the line: it is no total."""
    kinds = [k for k in KINDS if k in set(tallies["kind"])]
    cols = 1 if len(kinds) == 1 else 2
    rows = -(-len(kinds) // cols)
    fig = make_subplots(
        # Room between panels for the dates under one and the title of the next (narrow screens too).
        rows=rows, cols=cols, shared_xaxes="all", vertical_spacing=min(0.2, 90 / (130 + 260 * rows)),
        horizontal_spacing=0.1,
        subplot_titles=list(kinds),
    )
    dated = points[points["published"].notna()]
    span = points["span"].iloc[0] if "span" in points and len(points) else "day"
    last_day = tallies["published"].max()
    for i, kind in enumerate(kinds):
        row, col = i // cols + 1, i % cols + 1
        series = tallies[(tallies["kind"] == kind) & tallies["highest_to_date"].notna()]
        if len(series):
            # The highest figure stays the highest until a report beats it: carry the step to the last day shown.
            x, y = list(series["published"]), [float(v) for v in series["highest_to_date"]]
            if x[-1] != last_day:
                x, y = x + [last_day], y + [y[-1]]
            fig.add_trace(
                go.Scatter(
                    x=x, y=y, mode="lines", line_shape="hv",
                    line={"color": "#c0392b", "width": 2}, name="highest to date", legendgroup="highest",
                    showlegend=i == 0, hovertemplate="%{x|%Y-%m-%d}: highest running total so far %{y:,}<extra></extra>",
                ),
                row=row, col=col,
            )
        points = dated[dated["kind"] == kind]
        one_off = points["scope"].eq("incident") if "scope" in points else pd.Series(False, index=points.index)
        for name, chosen, marker, note in (
            ("a report", points[~one_off], {"color": "#2c3e50", "size": 7, "opacity": 0.7}, ""),
            ("one incident's toll", points[one_off],
             {"color": "#2c3e50", "size": 8, "symbol": "circle-open", "line": {"width": 1.5}},
             "<br>one incident's toll: summed per period below, not a running total"),
        ):
            if not len(chosen):
                continue
            counts = chosen["reports"] if "reports" in chosen else [1] * len(chosen)
            wordings = chosen["wording"] if "wording" in chosen else [None] * len(chosen)
            hover = [
                f"<b>{safe_text(as_reported(v, w))}</b> {safe_text(q)}<br>{safe_text(s) or 'unknown outlet'}, "
                f"{p:%Y-%m-%d}" + (f" (the highest of {int(n)} reports that {span})" if n > 1 else "") + note
                + f"<br><i>{safe_text(t, 70)}</i><br>{safe_text(sentence, 70)}"
                for v, w, q, s, p, t, sentence, n in zip(
                    chosen["value"], wordings, chosen["qualifier"], chosen["source"], chosen["published"],
                    chosen["title"], chosen["sentence"], counts,
                )
            ]
            fig.add_trace(
                go.Scatter(
                    x=chosen["published"], y=chosen["value"], mode="markers", name=name, marker=marker,
                    legendgroup=name, showlegend=i == 0, hovertext=hover, hoverinfo="text",
                ),
                row=row, col=col,
            )
        top = max([*series["highest_to_date"].astype(float), *points["value"]], default=0)
        fig.update_yaxes(rangemode="tozero", tickformat=",d", row=row, col=col, **({"dtick": 1} if top <= 6 else {}))
    fig.update_xaxes(showticklabels=True, tickformat="%b %d")
    fig.update_annotations(font_size=12)
    # Short lines: a title cut by a 390-pixel phone screen says half of what it means.
    _style(fig, "Reported figures, never summed:\nthe highest running total (line),\nevery report (dots; hollow: the toll\n"
                "of one incident, not a total)",
           height=130 + 260 * rows)
    fig.update_layout(showlegend=False)
    return fig


INCIDENT_COLOUR = "#0072B2"
RUNNING_COLOUR = "#c0392b"  # the same red as the tallies' "highest to date"


def incidents_per_period_chart(totals: pd.DataFrame, freq: str, partial: Iterable = ()) -> go.Figure:
    """Per kind (`queries.incident_totals`): the sum over the distinct incidents that began in each period
    (bars, hover: how many incidents and reports) and the highest running total reported by then (line).
    A one-off toll is never drawn as a running total, nor running totals summed."""
    kinds = [k for k in KINDS if k in set(totals["kind"])]
    cols = 1 if len(kinds) == 1 else 2
    rows = max(1, -(-len(kinds) // cols))
    fig = make_subplots(rows=rows, cols=cols, shared_xaxes="all", vertical_spacing=min(0.2, 90 / (130 + 260 * rows)),
                        horizontal_spacing=0.1, subplot_titles=kinds)
    when = _HOVER_PERIOD[freq]
    running_in_legend = False
    for i, kind in enumerate(kinds):
        row, col = i // cols + 1, i % cols + 1
        series = totals[totals["kind"] == kind]
        bars = series[series["incidents"] > 0]
        fig.add_trace(go.Bar(
            x=bars["period"], y=bars["incident_total"], marker_color=INCIDENT_COLOUR, name="sum over incidents",
            legendgroup="incidents", showlegend=i == 0,
            customdata=[[f"{counted(int(n), 'incident')}, from {counted(int(r), 'report')}"]
                        for n, r in zip(bars["incidents"], bars["reports"])],
            hovertemplate=f"%{{x|{when}}}<br><b>{kind} in reported incidents: %{{y:,}}</b><br>"
                          "%{customdata[0]}<extra></extra>",
        ), row=row, col=col)
        running = series[series["highest_running_total"].notna()]
        if len(running):
            fig.add_trace(go.Scatter(
                x=running["period"], y=running["highest_running_total"].astype(float), mode="lines+markers",
                line_shape="hv", line={"color": RUNNING_COLOUR, "width": 2}, marker={"size": 5},
                name="highest running total", legendgroup="running", showlegend=not running_in_legend,
                hovertemplate=f"%{{x|{when}}}<br>highest running total reported by then: %{{y:,}}<extra></extra>",
            ), row=row, col=col)
            running_in_legend = True
        top = max([*bars["incident_total"], *running["highest_running_total"].astype(float)], default=0)
        fig.update_yaxes(rangemode="tozero", tickformat=",d", row=row, col=col, **({"dtick": 1} if top <= 6 else {}))
    _time_axis(fig, totals["period"], freq, partial)
    fig.update_xaxes(showticklabels=True)
    fig.update_annotations(font_size=12)
    _style(fig, f"Per {freq}: the sum over distinct\nincidents (bars), beside the highest\nrunning total (line)",
           height=130 + 260 * rows)
    # The title says which is which: a legend would crowd the toolbar on a phone.
    fig.update_layout(showlegend=False, bargap=0.3)
    return fig


def signal_lines(df: pd.DataFrame, freq: str, partial: Iterable = ()) -> go.Figure:
    """Act and threat sentences naming each country per period (`queries.signals_over_time`): each
    country in its own colour, solid for acts, dashed for threats; counts from zero, ticks that fit the
    period, and periods cut by the dates shaded, like the other charts over time."""
    # Imported here: plotly.express is half the page's own import time, and only this chart (off by
    # default) uses it.
    import plotly.express as px

    # Each point's counts in words, written here: "1 act sentence in 1 article", never "1 sentences".
    said = [f"<b>{escape.plotly(name)}</b><br>{counted(int(n), f'{kind} sentence')} in {counted(int(a), 'article')}"
            for name, kind, n, a in zip(df["name"], df["kind"], df["sentences"], df["articles"])]
    fig = px.line(
        df.assign(said=said), x="period", y="sentences", color="name", line_dash="kind",
        color_discrete_map={name: country_colour(code) for code, name in zip(df["country"], df["name"])},
        line_dash_map={"act": "solid", "threat": "dash"}, custom_data=["said"],
        labels={"period": freq, "name": "country", "sentences": "sentences"},
    )
    fig.update_traces(hovertemplate=f"%{{x|{_HOVER_PERIOD[freq]}}}<br>%{{customdata[0]}}<extra></extra>")
    # Dashes say act or threat here: a country sharing its colour with one before it is marked by a symbol.
    ranked = df.groupby("country", sort=False)["sentences"].sum().sort_values(ascending=False, kind="stable").index
    symbols = shared_colour_marks(ranked, SYMBOLS)
    names = dict(zip(df["name"], df["country"]))
    for trace in fig.data:
        symbol = symbols.get(names.get((trace.legendgroup or trace.name or "").rsplit(", ", 1)[0], ""), SYMBOLS[0])
        if symbol != SYMBOLS[0]:
            trace.update(mode="lines+markers", marker={"symbol": symbol, "size": 8})
    fig.update_yaxes(title="act / threat sentences")
    _integer_counts(fig, float(df["sentences"].max()) if len(df) else 0)
    _time_axis(fig, df["period"], freq, partial)
    return _style(fig, f"Acts (solid) and threats (dashed) naming each country, per {freq}")


def signal_pair_heatmap(df: pd.DataFrame) -> go.Figure:
    """`co_mention_heatmap` for `queries.signal_pairs`: countries named in the same act/threat sentences."""
    return co_mention_heatmap(df.rename(columns={"sentences": "articles"}), noun="act/threat sentence",
                              title="Countries named in the same act or threat sentences (pairs)")


# The index's components, each in one colour everywhere (Okabe & Ito: acts and threats the strongest).
COMPONENT_COLOURS = {"acts": "#D55E00", "threats": "#E69F00", "severity": "#882255", "hostility": "#CC79A7",
                     "volume": "#999999"}


def tension_components(series: pd.DataFrame, marks: pd.DataFrame, names: dict[str, str]) -> go.Figure:
    """The tension index over time, one panel per entity, stacked by component (their sum is the index);
    the days an alert (a watch) fired are marked on the index with a triangle (an open one)."""
    entities = list(dict.fromkeys(series["entity"]))
    fig = make_subplots(rows=max(len(entities), 1), cols=1, shared_xaxes=True, vertical_spacing=0.08,
                        subplot_titles=[escape.plotly(names.get(e, e)) for e in entities])
    for row, entity in enumerate(entities, start=1):
        part = series[series["entity"] == entity]
        for component, colour in COMPONENT_COLOURS.items():
            comp = part[part["component"] == component].sort_values("date")
            fig.add_scatter(x=comp["date"], y=comp["points"], name=component, stackgroup=f"s{row}", mode="lines",
                            line={"color": colour, "width": 0.5}, legendgroup=component, showlegend=row == 1,
                            customdata=[[counted(round(p), "point") if p == p else ""] for p in comp["points"]],
                            hovertemplate=f"{component}: %{{customdata[0]}}<extra></extra>", row=row, col=1)
        here = marks[marks["entity"] == entity]
        for level, symbol in (("alert", "triangle-up"), ("watch", "triangle-up-open")):
            m = here[here["level"] == level]
            if len(m):
                fig.add_scatter(x=m["date"], y=m["index"], mode="markers", name=level, legendgroup=level,
                                marker={"symbol": symbol, "size": 11, "color": "#000000"}, showlegend=False,
                                hovertemplate=f"{level} %{{x}}<extra></extra>", row=row, col=1)
    fig = _style(fig, "Tension index by component (100 = an average country on an average day)",
                 height=max(HEIGHT, 220 * len(entities)))
    return fig
