"""The sidebar's filter widgets, kept in step with the URL so that the address bar is always a shareable link.

The URL is read once per browser session to seed the widgets (`analysis.store.filters` decides what a link
means and drops anything unreadable); after that the widgets are the truth and every rerun writes them
back to the URL. View options that are not filters (period, map colouring, the open tab, the article
being read, acts and threats over time, what "Countries together" counts, the folds opened) travel in the URL too, so a
link reopens the same view and not only the same data. Every widget that changes what the page shows is
one of these or a filter.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

import streamlit as st

from analysis.understand.countries import country_name
from analysis.understand.figures import KINDS
from analysis.store.filters import (
    FILTER_KEYS, Filter, Ignored, filter_to_query, known_sources, parse_pair, read_link,
)

FREQUENCIES = ("week", "day", "month")
MAP_METRICS = ("mentions", "tone")
# What the "Countries together" tab counts: articles naming both, or act/threat sentences naming both.
TOGETHER = ("co-mentions", "pairs")
SWITCH = ("off", "on")  # a link's spelling of a toggle
# The sections folded away until opened (`open=reports`), by the name a link uses for each.
FOLDS = ("alerts", "reports", "stories")


def fold_key(name: str) -> str:
    """The widget key of a fold (an expander): its open state is the view's too."""
    return f"v_open_{name}"
# The page's tabs, by the name a link uses for each.
SECTIONS = {"time": "Over time", "figures": "Reported figures", "articles": "Articles", "together": "Countries together"}

_SEEDED = "_filters_seeded_from_url"
_IGNORED = "_link_parts_ignored"
VIEW_KEYS = ("freq", "map", "article", "tab", "signals", "together", "open")
# Streamlit forgets a widget's state after a run that did not draw it, and the period, article, acts and
# threats, and together widgets live in tabs that are only drawn when open: their values are kept here meanwhile.
_KEPT = "_view_kept_while_tab_closed"
_TAB_WIDGETS = ("v_freq", "v_article", "v_signals", "v_together", *(fold_key(f) for f in FOLDS))
_DEFAULTS = {
    "f_country": [], "f_from": None, "f_to": None, "f_source": [], "f_kind": [], "f_q": "", "f_pair": None,
    "v_freq": FREQUENCIES[0], "v_map": MAP_METRICS[0], "v_article": None, "v_tab": SECTIONS["time"],
    "v_signals": False, "v_together": TOGETHER[0], **{fold_key(f): False for f in FOLDS},
}


@dataclass(frozen=True)
class View:
    freq: str = FREQUENCIES[0]
    map_metric: str = MAP_METRICS[0]
    article: str | None = None
    section: str = "time"  # a key of SECTIONS: the open tab
    signals: bool = False  # acts and threats per period drawn on the over-time tab
    together: str = TOGETHER[0]  # what the "Countries together" tab counts
    opened: tuple[str, ...] = ()  # the FOLDS open, in FOLDS order


@dataclass(frozen=True)
class Choices:
    """What the store offers to pick from."""

    countries: Sequence[str]  # ISO3, most mentioned first
    sources: Sequence[str]
    first: dt.date | None
    last: dt.date | None
    pairs: Sequence[str] = ()  # "ISO3|ISO3" named together in act/threat sentences, most often first


def _url_params() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params.keys()}


def view_from_params(params: Mapping[str, Sequence[str]], ignored: list[Ignored] | None = None) -> View:
    """The view options a link's parameters describe; what cannot be used is appended to `ignored`."""
    ignored = [] if ignored is None else ignored

    def one(key: str, allowed: Sequence[str]) -> str:
        raw, *extra = params.get(key) or [""]
        ignored.extend(Ignored(key, e, f"only the first {key} is used") for e in extra)
        value = raw.strip().lower()
        if value in allowed:
            return value
        if value:
            ignored.append(Ignored(key, raw, "not one of " + ", ".join(allowed)))
        return allowed[0]

    raw_article = (params.get("article") or [""])[0]
    article = raw_article.strip() if raw_article.strip().isalnum() else None
    if raw_article.strip() and not article:
        ignored.append(Ignored("article", raw_article, "not an article id"))
    # A link to an article opens the tab where it is read.
    section = one("tab", tuple(SECTIONS)) if params.get("tab") or not article else "articles"
    opened = set()
    for raw in params.get("open") or []:
        if raw.strip().lower() in FOLDS:
            opened.add(raw.strip().lower())
        elif raw.strip():
            ignored.append(Ignored("open", raw, "not one of " + ", ".join(FOLDS)))
    return View(one("freq", FREQUENCIES), one("map", MAP_METRICS), article, section,
                one("signals", SWITCH) == "on", one("together", TOGETHER), tuple(f for f in FOLDS if f in opened))


def view_to_params(view: View) -> dict[str, str | list[str]]:
    """A view's parameters, defaults left out; `view_from_params(view_to_params(v)) == v`."""
    params = {}
    if view.freq != FREQUENCIES[0]:
        params["freq"] = view.freq
    if view.map_metric != MAP_METRICS[0]:
        params["map"] = view.map_metric
    if view.article:
        params["article"] = view.article
    # A link with an article and no tab opens the Articles tab: any other open tab is then said.
    if view.section != "time" or (view.article and view.section != "articles"):
        params["tab"] = view.section
    if view.signals:
        params["signals"] = "on"
    if view.together != TOGETHER[0]:
        params["together"] = view.together
    if view.opened:
        params["open"] = list(view.opened)
    return params


def seed_from_url(outlets: Sequence[str] | None = None) -> None:
    """Copy the link's filter and view into the widgets' state, once per browser session; with the
    store's `outlets`, a source it has no article from is dropped and said."""
    if st.session_state.get(_SEEDED):
        return
    params = _url_params()
    flt, ignored = read_link(params)
    if outlets is not None:
        sources, unknown = known_sources(flt.sources, outlets)
        flt = replace(flt, sources=sources)
        ignored += unknown
    view = view_from_params(params, ignored)
    ignored += [Ignored(key, ", ".join(values), "not a parameter of this page")
                for key, values in params.items() if key not in (*FILTER_KEYS, *VIEW_KEYS)]
    st.session_state[_IGNORED] = (flt, ignored)
    st.session_state.update(
        f_country=list(flt.countries), f_from=flt.start, f_to=flt.end, f_source=list(flt.sources),
        f_kind=list(flt.kinds), f_q=flt.keyword, f_pair="|".join(flt.pair) if flt.pair else None, v_freq=view.freq, v_map=view.map_metric, v_article=view.article,
        v_tab=SECTIONS[view.section], v_signals=view.signals, v_together=view.together,
        **{fold_key(f): f in view.opened for f in FOLDS},
    )
    st.session_state[_KEPT] = {key: st.session_state[key] for key in _TAB_WIDGETS}
    st.session_state[_SEEDED] = True


def ignored_in_link(flt: Filter) -> list[Ignored]:
    """What the link this session opened with said that the page could not use (and why), for as long
    as the view is still the one the link opened (once the reader changes the filter, it is theirs)."""
    opened, ignored = st.session_state.get(_IGNORED, (None, []))
    return ignored if flt == opened else []


def reset_filters() -> None:
    for key, value in _DEFAULTS.items():
        if key.startswith("f_"):
            st.session_state[key] = list(value) if isinstance(value, list) else value


def _with_chosen(options: Sequence[str], chosen: Sequence[str]) -> list[str]:
    """Options plus whatever a link chose that the store does not (yet) have, so the link still opens."""
    return list(dict.fromkeys([*options, *chosen]))


PLACES_COUNT = ("Places count: an article that names only a city or region in a country (Kharkiv, El Fasher) "
                "is that country's, with its figures; mention counts are of the country's name alone.")


def current_filter(choices: Choices) -> Filter:
    """The filter the sidebar's widgets hold, read from their state (seeded from the link on a session's
    first run) without drawing them: a keyed widget's value is its session state, so the page can draw
    its first chart before the widgets (see `filter_widgets`)."""
    seed_from_url(choices.sources)
    ss = st.session_state
    start, end = ss.f_from, ss.f_to
    if start and end and start > end:
        start, end = end, start
    return Filter(
        countries=tuple(ss.f_country), start=start, end=end, sources=tuple(ss.f_source),
        kinds=tuple(ss.f_kind), keyword=" ".join((ss.f_q or "").split()), pair=parse_pair(ss.f_pair or ""),
    )


def filter_widgets(choices: Choices) -> None:
    """Draw the filter widgets in the sidebar, holding the values `current_filter` read."""
    seed_from_url(choices.sources)
    ss = st.session_state
    sb = st.sidebar
    sb.header("Filters")
    sb.multiselect(
        "Countries", _with_chosen(choices.countries, ss.f_country), key="f_country", format_func=country_name,
        placeholder="All countries",
        help="Articles that name any of these countries, or a city or region in them (Kharkiv: Ukraine).",
    )
    if ss.f_country:
        sb.caption(PLACES_COUNT)
    low = min(d for d in (choices.first, ss.f_from, ss.f_to) if d) if (choices.first or ss.f_from or ss.f_to) else None
    high = max(d for d in (choices.last, ss.f_from, ss.f_to) if d) if (choices.last or ss.f_from or ss.f_to) else None
    # One date per row: side by side, a narrow sidebar cuts them ("2025-10-0").
    sb.date_input("From", key="f_from", min_value=low, max_value=high, format="YYYY-MM-DD")
    sb.date_input("To", key="f_to", min_value=low, max_value=high, format="YYYY-MM-DD")
    sb.multiselect("Sources", _with_chosen(choices.sources, ss.f_source), key="f_source", placeholder="All sources")
    sb.multiselect("Figure kinds", list(KINDS), key="f_kind", placeholder="All kinds")
    sb.text_input("Keyword", key="f_q", placeholder="in title or text", max_chars=200)
    pair_picker(choices)
    sb.button("Reset filters", on_click=reset_filters, width="stretch")


def pair_label(pair: str) -> str:
    codes = pair.split("|")
    return " & ".join(country_name(c) for c in codes)


def pair_picker(choices: Choices) -> None:
    """The pair filter (`pair=USA|VEN`): the articles with an act or threat sentence naming both."""
    st.sidebar.selectbox(
        "Country pair", _with_chosen(choices.pairs, [st.session_state.f_pair] if st.session_state.f_pair else []),
        key="f_pair", format_func=pair_label, index=None, placeholder="Any pair",
        help="Articles with an act or threat sentence naming both countries.",
    )


def current_view() -> View:
    seed_from_url()
    ss = st.session_state
    kept = ss[_KEPT]
    for key in _TAB_WIDGETS:
        if key in ss:
            kept[key] = ss[key]
        else:  # its tab was closed last run: give the widget back its value for when it is drawn
            ss[key] = kept[key]
    section = next((key for key, label in SECTIONS.items() if label == ss.get("v_tab")), "time")
    # A segmented control clicked on its chosen option chooses nothing: that is the default count.
    return View(ss.v_freq, ss.v_map, ss.v_article, section, bool(ss.v_signals), ss.v_together or TOGETHER[0],
                tuple(f for f in FOLDS if ss.get(fold_key(f))))


def view_query(flt: Filter, view: View) -> dict[str, str | list[str]]:
    """The query parameters of a view: its filter and its view options."""
    return {**filter_to_query(flt), **view_to_params(view)}


def write_url(flt: Filter, view: View) -> None:
    """Put the filter and view in the address bar (only when they changed, to avoid needless history)."""
    wanted = view_query(flt, view)
    normalised = {k: v if isinstance(v, list) else [v] for k, v in wanted.items()}
    if normalised != _url_params():
        st.query_params.from_dict(wanted)
