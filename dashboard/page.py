"""The dashboard page: lays out filters, figures and charts for one visitor; the numbers come from `analysis.store.queries`."""
from __future__ import annotations

import datetime as dt
import functools
from dataclasses import replace
from urllib.parse import urlencode

import streamlit as st

from analysis.understand.figures import KINDS
from analysis.store.figure_text import as_reported
from analysis.store.filters import Filter, describe_filter
from analysis.store.queries import partial_periods
from analysis.store.parquet_store import resolve_db_path
from dashboard import articles, charts, first_chart_gate, first_run, incidents, rising
from dashboard.counts import counted
from dashboard.data import ARTICLE_ROWS, EVIDENCE_ROWS, FIGURE_POINTS, StoreUnavailable, StoreView, refresh
from dashboard.escape import markdown as md
from dashboard.share import (
    SAMPLE_LABEL, STATIC_DIR, Provenance, file_base, provenance, set_provenance, show_chart, table_csv,
)
from dashboard.state import (
    FREQUENCIES, MAP_METRICS, SECTIONS, TOGETHER, Choices, fold_key, View, current_filter, current_view, filter_widgets,
    ignored_in_link, reset_filters, view_query, write_url,
)

FIRST_CHART_COUNTRIES = 15  # the bars of the mentions chart, the page's first chart
RISING_PLACE, HEADER_PLACE = "rising_place", "header_place"  # keyed: their room is kept in a first run

# Text from articles or links may hold a 5,000-character word: it wraps instead of widening the page.
PAGE_CSS = """<style>
[data-testid="stMarkdownContainer"], [data-testid="stCaptionContainer"], [data-testid="stAlert"] {
  overflow-wrap: anywhere; word-break: break-word; }
</style>"""
# A first run's room for Rising now and the header (see `draw`): their heights on a wide screen (Rising now
# with its ten rows) and on a phone, so that the first chart stays where it is when they arrive above it.
RESERVED_CSS_WITHOUT_RISING = f"""<style>
.st-key-{HEADER_PLACE} {{ min-height: 204px; }}
@media (max-width: 640px) {{ .st-key-{HEADER_PLACE} {{ min-height: 620px; }} }}
</style>"""
RESERVED_CSS = RESERVED_CSS_WITHOUT_RISING.replace("</style>", f""".st-key-{RISING_PLACE} {{ min-height: 386px; }}
@media (max-width: 640px) {{ .st-key-{RISING_PLACE} {{ min-height: 642px; }} }}
</style>""")


def share_link(flt: Filter, view: View) -> str:
    base = (st.context.url or "").split("?", 1)[0]
    query = urlencode(view_query(flt, view), doseq=True)
    return f"{base}?{query}" if query else base


def data_status(store: StoreView) -> None:
    sb = st.sidebar
    sb.divider()
    last = store.query("last_ingest")
    sb.caption(
        f"Database {md(store.db_path.name)} · last ingestion {md(last or 'unknown')} · "
        f"loaded {store.loaded_at:%H:%M:%S} (reloads within a minute of a new ingestion)"
    )
    if sb.button("Refresh data", icon=":material/refresh:", width="stretch"):
        refresh()
        st.rerun()


def reported(report: dict) -> str:
    """A report's number as Markdown, a vague one as worded: "dozens (counted as 12)"."""
    shown = as_reported(report["value"], report.get("wording"))
    return md(shown) if report.get("wording") else shown


def figure_metric(column, label: str, report: dict) -> None:
    """The latest running total of a kind, with the highest reported: never an arrow (the highest is no
    change, and an upward arrow beside a lower latest figure would read as a rise)."""
    latest, highest = report["latest"], report["highest"]
    if not latest:
        column.metric(label, "–")
        column.caption("no running total reported in this view")
        return
    qualifier = f"{md(latest['qualifier'])} " if latest["qualifier"] else ""
    outlet = md(latest["source"] or "unknown outlet")
    latest_as_reported = reported(latest)
    column.metric(
        label, latest_as_reported, help=f"“{md(latest['sentence'])}” ({outlet})",
        delta=f"highest reported {reported(highest)}, {highest['published']:%b %d}"
        if highest and highest["value"] != latest["value"] else None, delta_color="off", delta_arrow="off",
    )
    column.caption(f"running total {qualifier}{latest_as_reported}, reported {latest['published']:%Y-%m-%d} by {outlet}")


def incident_metric(column, label: str, summary: dict) -> None:
    """A toll summed over distinct incidents: never a one-off toll called "latest" beside a "peak"."""
    running, top = summary["running"], summary["top"]
    highest = f" Highest: {reported(top)}, “{md(top['sentence'])}” ({md(', '.join(top['outlets']) or 'unknown outlet')})." \
        if top else ""
    column.metric(
        label, f"{summary['total']:,}" if summary["incidents"] else "–",
        help="each incident counted once, at its highest report across outlets, and summed over distinct "
             "incidents; running totals (\"the toll rose to\") are never added to it." + highest,
    )
    parts = [f"in {counted(summary['incidents'], 'incident')}, from {counted(summary['reports'], 'report')}"] \
        if summary["incidents"] \
        else ["no incident reported in this view"]
    if summary.get("worded"):
        parts.append(f"{summary['worded']:,} of them counted from words such as “dozens”")
    if running:
        parts.append(f"highest running total {reported(running)} ({running['published']:%Y-%m-%d}, "
                     f"{md(running['source'] or 'unknown outlet')})")
    column.caption("; ".join(parts))


def header(store: StoreView, flt: Filter) -> dict:
    head = store.query("headline", flt)
    cols = st.columns(5)
    cols[0].metric("Articles", f"{head['articles']:,}", help="articles matching the filter")
    cols[0].caption(f"in {counted(head['stories'], 'story', 'stories')} (copies and rewrites of one event counted once)")
    cols[1].metric("Countries named", f"{head['countries']:,}")
    cols[2].metric(
        "Mean tone", "n/a" if head["tone"] is None else f"{head['tone']:+.2f}",
        help="mean VADER compound of the articles' sentences, from -1 (hostile) to +1 (warm)",
    )
    figure_metric(cols[3], "Strikes, latest", head["strikes"])
    incident_metric(cols[4], "Killed in incidents", store.query("incident_summary", flt, "killed"))
    return head


def over_time(store: StoreView, flt: Filter, bounds: tuple[dt.date | None, dt.date | None]) -> None:
    """Mentions and tone per period; `bounds` is the store's date range (periods cut by the filter's
    dates, or by the data's own start and end, are marked partial)."""
    period_picker()
    view = current_view()
    first, last = flt.start or bounds[0], flt.end or bounds[1]
    # Without a selection, the countries rising now (a fast-rising smaller crisis, not the most named).
    follow = () if flt.countries else rising.rising_countries(store, flt)
    st.caption(rising.followed_caption(flt, follow))
    left, right = st.columns(2)
    with left:
        per_period = store.query("mentions_over_time", flt, freq=view.freq, countries=follow)
        partial = partial_periods(sorted(set(per_period["period"])), view.freq, first, last)
        show_chart(charts.mentions_lines(per_period, view.freq, partial), per_period, "mentions-over-time", flt)
    with right:
        tone = store.query("tone_by_country_over_time", flt, freq=view.freq, countries=follow)
        partial = partial_periods(sorted(set(tone["period"])), view.freq, first, last)
        show_chart(charts.tone_lines(tone, view.freq, partial), tone, "tone-over-time", flt)
    acts_and_threats_over_time(store, flt, view.freq, follow, (first, last))
    rising.index_over_time(store, flt)


def acts_and_threats_over_time(store: StoreView, flt: Filter, freq: str, follow: tuple[str, ...] = (),
                               dates: tuple[dt.date | None, dt.date | None] = (None, None)) -> None:
    # Off by default: each Plotly chart costs the browser about a second before the page paints.
    if not st.toggle("Acts and threats per period", key="v_signals",
                     help="Sentences that report force used (acts) or shown, warned of or prepared (threats)."):
        return
    signals = store.query("signals_over_time", flt, freq=freq, countries=follow)
    if signals.empty:
        st.info("No act or threat sentence names these countries.")
        return
    partial = partial_periods(sorted(set(signals["period"])), freq, *dates)
    show_chart(charts.signal_lines(signals, freq, partial), signals, "acts-threats-over-time", flt)


def countries_together(store: StoreView, flt: Filter) -> None:
    st.segmented_control(
        "Count", TOGETHER, key="v_together",
        format_func={"co-mentions": "Articles naming both", "pairs": "Act/threat sentences naming both"}.get,
    )
    if current_view().together == "pairs":
        pairs = store.query("signal_pairs", flt, top_n=12)
        if pairs.empty:
            st.info("No act or threat sentence names two countries in these articles.")
            return
        show_chart(charts.signal_pair_heatmap(pairs), pairs, "pairs", flt)
        return
    pairs = store.query("co_mentions", flt, top_n=12)
    show_chart(charts.co_mention_heatmap(pairs), pairs, "co-mentions", flt)


def period_picker() -> None:
    """The page's period (`freq` in the link): one widget key, drawn in whichever tab is open."""
    st.radio("Period", FREQUENCIES, key="v_freq", horizontal=True, format_func=lambda f: f"per {f}")


def reported_figures(store: StoreView, flt: Filter, bounds: tuple[dt.date | None, dt.date | None]) -> None:
    if not flt.countries:
        st.caption("Running totals from different conflicts share these lines: pick a country to follow one conflict.")
    tallies = store.query("figure_tallies", flt)
    if tallies.empty:
        kinds = ", ".join(flt.kinds or KINDS)
        st.info(f"No dated figures ({kinds}) are reported in these articles.")
        return
    points = store.query("figure_points", flt, max_points=FIGURE_POINTS)
    total = store.query("count_figure_reports", flt)
    show_chart(charts.figure_tallies_chart(tallies, points), lambda: store.query("figure_reports", flt), "figures", flt)
    if (span := points["span"].iloc[0]) != "report":  # too many reports to draw each: thinned
        st.caption(f"{total:,} reports: the dots show the highest of each {span} (hover for how many); "
                   "the table below and the CSV have them all.")
    period_picker()
    incidents.incidents_per_period(store, flt, current_view().freq, bounds)
    shown = min(total, EVIDENCE_ROWS)
    fold = st.expander(f"Reports with their sentence ({'newest ' + format(shown, ',') + ' of ' if shown < total else ''}{total:,})",
                       key=fold_key("reports"), on_change="rerun")
    if not fold.open:  # read and drawn only when open (and `open=reports` in the link)
        return
    with fold:
        reports = store.query("figure_reports", flt, limit=EVIDENCE_ROWS)
        # A vague figure's wording beside the number it is counted as: "dozens (counted as 12)"
        reports = reports.assign(as_reported=[as_reported(v, w) if isinstance(w, str) else ""
                                              for v, w in zip(reports["value"], reports["wording"])])
        st.dataframe(
            articles.for_display(reports[["published", "kind", "value", "as_reported", "qualifier", "scope", "source",
                                          "claimant", "sentence", "title"]]),
            hide_index=True,
            column_config={"published": st.column_config.DateColumn("date", format="YYYY-MM-DD"),
                           "value": st.column_config.NumberColumn("value", format="localized"),
                           "as_reported": st.column_config.TextColumn("as reported", help="a vague figure's words"),
                           "sentence": st.column_config.TextColumn("evidence", width="large")},
        )


def story_list(store: StoreView, flt: Filter) -> None:
    fold = st.expander(f"Stories: the same articles as events ({store.query('count_stories', flt):,})",
                       key=fold_key("stories"), on_change="rerun")
    if not fold.open:  # read and drawn only when open (and `open=stories` in the link)
        return
    stories = store.query("stories_table", flt, limit=ARTICLE_ROWS)
    with fold:
        st.caption("Copies and rewrites of one event by several outlets make one story; choose one to read it.")
        articles.stories_table(stories)


def article_list(store: StoreView, flt: Filter, matching: int) -> None:
    table = store.query("articles_table_named", flt, limit=ARTICLE_ROWS)
    st.caption(f"{len(table):,} newest of {matching:,}" if matching > len(table) else counted(len(table), "article"))
    articles.articles_table(table)
    st.download_button(
        "Articles (CSV)", functools.partial(table_csv, table.drop(columns=["id"]), provenance()),
        f"{file_base('articles', flt)}.csv", "text/csv", on_click="ignore", icon=":material/table:",
    )
    story_list(store, flt)
    view = current_view()
    detail = store.query("article_detail", view.article) if view.article else None
    relations = store.query("article_relations", view.article) if detail else None
    articles.article_reader(table, detail, relations)


def sample_notice(sample: int, total: int) -> None:
    """At the top of the page whenever the store holds sample articles: invented data must never pass
    for real (every chart and file says it too, see dashboard/share.py)."""
    share = "All" if sample >= total else f"{sample:,} of {total:,}"
    st.warning(
        f"**{SAMPLE_LABEL}.** {share} articles in this database come from the bundled sample corpus "
        "(invented outlets, stories and figures, for trying the dashboard). Ingest your own articles for real data.",
        icon=":material/science:",
    )


LINK_NOTICE_PARTS = 12  # a link of a thousand bad values is named by its first few


def link_notice(flt: Filter) -> None:
    """Say which parts of the link this visitor opened were left out, and why (never silently)."""
    if ignored := ignored_in_link(flt):
        parts = "; ".join(f"{md(i.key)}={md(i.value[:80])}: {md(i.reason)}" for i in ignored[:LINK_NOTICE_PARTS])
        if len(ignored) > LINK_NOTICE_PARTS:
            parts += f"; and {len(ignored) - LINK_NOTICE_PARTS:,} more"
        st.warning(f"Parts of this link were ignored, so this is not exactly the view that was shared. {parts}.",
                   icon=":material/link_off:")


def select_map_country() -> None:
    """A click on a country of the map filters to it."""
    event = st.session_state.get("chart_map")
    points = (event or {}).get("selection", {}).get("points", []) if isinstance(event, dict) else \
        getattr(getattr(event, "selection", None), "points", [])
    codes = [p.get("location") for p in points if p.get("location")]
    if codes:
        st.session_state.f_country = list(dict.fromkeys(codes))


def world_map(store: StoreView, flt: Filter, view: View) -> None:
    st.radio("Colour the map by", MAP_METRICS, key="v_map", horizontal=True, format_func=str.capitalize)
    countries = store.query("country_map", flt)
    show_chart(charts.world_map(countries, view.map_metric, focus=flt.countries), countries, "map", flt,
               on_select=select_map_country, selection_mode="points")
    st.caption("Click a country to filter to it." + (
        f" Grey: named in fewer than {charts.MIN_TONE_SENTENCES} sentences in view, too few for a tone."
        if view.map_metric == "tone" else ""))


def store_wide(store: StoreView) -> tuple[dict, Choices]:
    """What every view reads of the whole store before its first chart: how much is sample data (the
    notice and the chart's label), the dates it spans and its outlets (a link's outlet it has none from
    is dropped and said). The countries and pairs the sidebar offers are read after the chart
    (`with_widget_choices`): the pairs scan every act/threat sentence (seconds at 1,000,000 articles)."""
    first, last = store.query("date_bounds")
    return store.query("sample_share"), Choices((), store.query("sources_list"), first, last)


def with_widget_choices(store: StoreView, choices: Choices) -> Choices:
    """The rest of what the sidebar offers: the countries present and the pairs named together."""
    return replace(choices, countries=list(store.query("countries_present")["country"]),
                   pairs=list(store.query("top_pairs", Filter())["pair"]))


def warm_first_chart(store: StoreView) -> Choices:
    """Run, into the shared cache, what every visitor's first run reads before its first chart, and the
    unfiltered view's first chart: called when the server starts (dashboard/serving.py)."""
    _, choices = store_wide(store)
    store.query("headline", Filter())
    store.query("mentions_by_country", Filter(), top_n=FIRST_CHART_COUNTRIES)
    return choices


def warm_rest(store: StoreView, choices: Choices) -> None:
    """Then what the rest of the page reads: the sidebar's choices and the unfiltered "Rising now" (the
    slowest). dashboard/serving.py runs it once a first chart went out (or no visitor came soon): run
    while the first visitor's browser loads, its queries took the two cores the browser needed."""
    with_widget_choices(store, choices)
    store.query("last_ingest")
    if choices.first is not None:
        store.query("tension_overview", rising.selected_entities(Filter()))


def main() -> None:
    # Every run: the page is a module imported once, and its first st call of each run sets the page up.
    st.set_page_config(page_title="Tension Monitor", page_icon=str(STATIC_DIR / "favicon.png"), layout="wide")
    db_path = resolve_db_path(None)
    store = StoreView(db_path)
    try:
        draw(store, db_path)
    except StoreUnavailable as exc:
        # A read that failed for real (a damaged or vanished file): a sentence, never a traceback.
        st.warning(str(exc), icon=":material/database:")
        st.button("Reload", on_click=refresh)


def draw(store: StoreView, db_path) -> None:
    if problem := store.problem():
        st.title("Tension Monitor")
        st.warning(problem, icon=":material/database:")
        st.stop()
    if not store.exists:
        building = st.empty()
        with building.container():
            st.title("Tension Monitor")
            if not first_run.build_from_sample(db_path):
                st.stop()
        building.empty()
        store = StoreView(db_path)
    if built := st.session_state.get("built_from_sample"):
        st.sidebar.success(f"Built the database from the illustrative sample corpus ({built} articles).", icon=":material/info:")

    origin, choices = store_wide(store)
    set_provenance(Provenance(store.db_path.name, origin["sample"] > 0, dt.date.today()))
    first, last = choices.first, choices.last
    # The page's places, top to bottom; the bar chart is drawn into its place first (see bench/: first
    # chart): a browser renders the elements it gets in order, and the sidebar's widgets, the notices and
    # the header cost it more than a second before it would draw the chart after them. The filter is read
    # from the widgets' state, which holds the link's filter before they are drawn.
    notices, top = st.container(), st.container()
    rising_place = st.container(key=RISING_PLACE)
    header_place = st.container(key=HEADER_PLACE)
    undated_place = st.container()
    flt = current_filter(choices)
    view = current_view()
    # A session's first run in a browser ends after its first chart (dashboard/first_chart_gate.py): the
    # browser draws a run's elements together, so the rest comes in the next run, once the chart is drawn.
    holding = first_chart_gate.holding()
    head = store.query("headline", flt)
    if head["articles"]:
        # The bar chart first: it draws at once, while the map waits for its outlines. Its snapshot
        # buttons come with the rest of the page.
        by_country = store.query("mentions_by_country", flt, top_n=FIRST_CHART_COUNTRIES)
        show_chart(charts.mentions_bar(by_country), by_country, "mentions-by-country", flt, snapshots=not holding)
    first_chart_gate.first_chart_sent.set()

    with notices:
        st.html(PAGE_CSS)
        if origin["sample"]:
            sample_notice(origin["sample"], origin["articles"])
        link_notice(flt)
    with top:
        st.title("Tension Monitor")
        st.caption(md(describe_filter(flt)))  # what this view is, then what is heating up, then its numbers
    if holding:
        first_chart_gate.hold(wait_for_chart=bool(head["articles"]))
        # Room for what comes above the chart, so that it does not move down when the rest arrives.
        if first is not None:
            rising_place.subheader("Rising now")  # where Rising now's own heading will be
        with header_place:
            st.caption("Loading the numbers, the filters and the other charts…")
            st.html(RESERVED_CSS if first is not None else RESERVED_CSS_WITHOUT_RISING)
        st.sidebar.header("Filters")  # the sidebar is there from the start: the page does not narrow later
        write_url(flt, view)
        return
    choices = with_widget_choices(store, choices)
    filter_widgets(choices)
    data_status(store)
    # Rising now and the header's tallies are the slowest cold queries of the top of the page: computed
    # after the first chart went out.
    if first is not None:
        with rising_place:
            rising.rising_now(store, flt)
    with header_place:
        header(store, flt)
    if first is None and head["articles"] == 0:
        st.info(
            "**The database is empty.** Add articles, then press *Refresh data*:\n\n"
            "```\npython -m analysis ingest path/to/articles/ feeds.txt https://example.org/feed.xml\n```"
        )
        write_url(flt, view)
        return
    if head["articles"] == 0:
        st.warning("No articles match this filter. Widen the dates, remove a country or a keyword, or reset.")
        st.button("Reset filters", on_click=reset_filters, key="reset_empty")
        write_url(flt, view)
        return
    undated = store.query("undated_articles", flt)
    if undated:
        one = undated == 1
        undated_place.caption(
            f"{undated:,} of these {counted(head['articles'], 'article')} {'has' if one else 'have'} no "
            f"publication date: {'it is' if one else 'they are'} in the counts and the map, not in the "
            "charts over time or the figures.")
    world_map(store, flt, view)

    # Only the open tab is computed and drawn: without a GPU a browser spends about a second on each
    # Plotly chart, hidden or not, before it paints the page (see bench/).
    tabs = st.tabs(list(SECTIONS.values()), key="v_tab", on_change="rerun")
    sections = dict(zip(SECTIONS, tabs))
    if sections["time"].open:
        with sections["time"]:
            over_time(store, flt, (first, last))
    if sections["figures"].open:
        with sections["figures"]:
            reported_figures(store, flt, (first, last))
    if sections["articles"].open:
        with sections["articles"]:
            article_list(store, flt, head["articles"])
    if sections["together"].open:
        with sections["together"]:
            countries_together(store, flt)

    view = current_view()
    with st.sidebar:
        st.divider()
        # A link, not st.code: the code block's highlighter is 1.5 MB of JavaScript that the browser
        # would load and parse before it draws the first chart (~0.3 s, see bench/).
        st.markdown(f"[Link to this view]({share_link(flt, view)})", help="The address bar always holds the "
                    "same link: copy either to share this view with its filters.")
    write_url(flt, view)
