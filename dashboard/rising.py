""""Rising now" and the alert feed (the top of the page), and the tension index over time (its tab).

Everything shown comes from one cached query (`analysis.monitor.tension_queries.tension_overview`, per store
version and selection); this module only lays it out.
"""
from __future__ import annotations

import datetime as dt

import streamlit as st

from analysis.store.filters import Filter
from analysis.monitor.tension_queries import OVERVIEW_DAYS, entity_name, within_dates
from dashboard import charts
from dashboard.data import StoreView
from dashboard.escape import is_web_link
from dashboard.escape import markdown as md
from dashboard.share import show_chart
from dashboard.state import fold_key

ARROWS = {"deteriorated": "↑", "improved": "↓", "unchanged": "→"}
FLAGS = {"alert": " · **alert**", "watch": " · watch"}
FEED_ROWS = 12


def selected_entities(flt: Filter) -> tuple[str, ...]:
    """The pair of the filter, else its countries: what the index chart follows."""
    return ("|".join(flt.pair),) if flt.pair else tuple(flt.countries)


def rising_line(row) -> str:
    change = f"{row.change:+.0%}" if row.change == row.change else "new"
    rose = f", {md(row.rose_most)} rose most" if row.rose_most else ""
    return (f"{ARROWS.get(row.arrow, '→')} [{md(row.name)}]({row.link}) {change} against its 4 weeks before "
            f"(index {row.index_7d:.0f} vs {row.baseline:.0f}{rose}){FLAGS.get(row.flag, '')}")


def evidence_line(e: dict) -> str:
    title = md(e["title"] or "untitled")
    link = f"[{title}]({e['url']})" if is_web_link(e["url"]) else title
    outlets = f", {e['outlets']} outlets" if e.get("outlets", 1) > 1 else ""
    return f"  - {md(e['published'])} {md(e['source'])}{outlets}: {link}"


def alert_feed(alerts: list[dict]) -> None:
    pushed = sum(a["level"] == "alert" for a in alerts)
    # Its open state is in the link (`open=alerts`, see dashboard/state.py).
    with st.expander(f"Alerts of the last week: {pushed} alerts, {len(alerts) - pushed} watches",
                     key=fold_key("alerts"), on_change="rerun"):
        if not alerts:
            st.caption("Nothing rose beyond its baseline's noise this week.")
        for a in alerts[:FEED_ROWS]:
            rises = ", ".join(f"{md(r['component'])} {r['observed']:g} vs {r['expected']:.1f} expected"
                              for r in a["rises"][:3])
            lines = [f"**{md(a['date'])}** {'🔴' if a['level'] == 'alert' else '🟡'} [{md(a['name'])}]({a['link']}) "
                     f"{md(a['level'])}: {rises}"]
            lines += [evidence_line(e) for e in a["evidence"][:3]]
            st.markdown("\n".join(lines))


def rising_now(store: StoreView, flt: Filter) -> None:
    overview = store.query("tension_overview", selected_entities(flt))
    st.subheader("Rising now")
    ranked = overview["rising"]
    if ranked.empty:
        st.caption("No country or pair rose against its own baseline in the last week "
                   "(or the store holds less than five weeks of news).")
    else:
        st.caption(f"The 7 days to {overview['day']}, against each one's own 4 weeks before; those whose rise "
                   "passed the spike tests first. A link opens that country or pair.")
        st.markdown("\n".join(f"- {rising_line(r)}" for r in ranked.itertuples(index=False)))
    alert_feed(overview["alerts"])


def index_over_time(store: StoreView, flt: Filter) -> None:
    """The index of the selected countries or pair (else the rising ones), stacked by component. In the
    over-time tab, not at the top: the first chart on the page stays the cheap bar chart."""
    overview = store.query("tension_overview", selected_entities(flt))
    shown = overview["shown"]
    if not shown:
        return
    chosen = selected_entities(flt)
    names = {e: entity_name(e) for e in shown}
    which = ", ".join(names[e] for e in shown)
    missing = [entity_name(e) for e in chosen if e not in shown]
    lead = "The index of the selection: " if any(e in shown for e in chosen) else "The index of those rising now: "
    note = (f" {md(', '.join(missing))}: too few stories in the last {OVERVIEW_DAYS} days to follow."
            if missing else "")
    series, marks = within_dates(overview["series"], flt), within_dates(overview["alert_days"], flt)
    scope = ""
    if flt.sources or flt.kinds or flt.keyword:
        # The index weighs a country's day against its own history in all the news: one outlet's or
        # keyword's share of it would be another measure, so the chart says what it counts.
        scope = " It counts every outlet and article: the sources, figure kinds and keyword chosen do not change it."
    if series.empty:
        st.caption(f"The tension index covers the last {OVERVIEW_DAYS} days to {overview['day']}: none of them is "
                   "in the dates chosen.")
        return
    st.caption(lead + md(which) + "." + note + scope)
    show_chart(charts.tension_components(series, marks, names), series, "tension-index", flt)



FOLLOWED = 5  # countries the charts over time follow without a selection


def rising_countries(store: StoreView, flt: Filter) -> tuple[str, ...]:
    """The countries rising now (those of a rising pair too), in rank order, at most `FOLLOWED`; none when
    the filter's dates end before the week they rose in."""
    overview = store.query("tension_overview", selected_entities(flt))
    if overview["day"] is None or (flt.end and flt.end < overview["day"] - dt.timedelta(days=6)):
        return ()
    ranked = overview["rising"]
    codes = [c for entity in ranked["entity"] for c in entity.split("|")]
    return tuple(dict.fromkeys(codes))[:FOLLOWED]


def followed_caption(flt: Filter, follow: tuple[str, ...]) -> str:
    if flt.countries:
        return "The selected countries: " + md(", ".join(entity_name(c) for c in flt.countries)) + "."
    if follow:
        return ("No country selected: the countries rising now, " + md(", ".join(entity_name(c) for c in follow))
                + ". Select countries to follow others.")
    return f"No country selected and none rising in these dates: the {FOLLOWED} most named."
