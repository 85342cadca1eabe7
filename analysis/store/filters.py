"""The dashboard's filter, and its round trip through the URL query string (the shareable link).

Query keys: `country` (repeatable ISO3, or a country's name or common alias: "Ukraine", "Kyiv"),
`from` and `to` (YYYY-MM-DD), `source` (repeatable), `kind` (repeatable figure kind), `q` (keyword),
`country` and `kind` also as a comma-separated list (`country=ISR,PSE`; a source's name may hold a comma,
so `source` is split by `known_sources`, given the store's outlets);
`pair` (two countries, `USA|VEN`: the articles with an act or threat sentence naming both).
Anything unreadable in a link is left out, not an error: a link typed by hand should still open a view,
and `read_link` says what it left out and why, so that the page can tell the reader.
"""
from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import pycountry

from analysis.understand.countries import all_countries, country_name
from analysis.understand.country_aliases import parse_aliases
from analysis.understand.figures import KINDS

FILTER_KEYS = ("country", "from", "to", "source", "kind", "q", "pair")
MAX_KEYWORD = 200


@dataclass(frozen=True)
class Filter:
    countries: tuple[str, ...] = ()  # ISO3; empty = all
    start: dt.date | None = None
    end: dt.date | None = None
    sources: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()  # figure kinds; empty = all
    keyword: str = ""
    pair: tuple[str, str] | None = None  # two ISO3 codes, sorted: named together in an act/threat sentence

    @property
    def is_empty(self) -> bool:
        return self == Filter()


def _values(params: Mapping[str, str | Sequence[str]], key: str) -> list[str]:
    value = params.get(key)
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value]


def _date(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text.strip()) if text else None
    except ValueError:
        return None


@dataclass(frozen=True)
class Ignored:
    """A part of a link that was left out: the parameter, its value, and why."""

    key: str
    value: str
    reason: str


@functools.lru_cache(maxsize=1)
def _country_lookup() -> dict[str, str]:
    """Lower-cased ISO3, ISO2, display name, official names and the news aliases -> ISO3."""
    lookup: dict[str, str] = {}
    for iso3, aliases in parse_aliases().items():
        for alias in aliases:
            lookup.setdefault(alias.lower(), iso3)
    for c in pycountry.countries:
        for form in (c.alpha_3, c.alpha_2, getattr(c, "common_name", None), c.name, getattr(c, "official_name", None)):
            if form:
                lookup.setdefault(form.lower(), c.alpha_3)
    for iso3, name in all_countries().items():
        lookup[iso3.lower()] = iso3  # a code always means its own country
        lookup.setdefault(name.lower(), iso3)
    return lookup


def country_code(text: str) -> str | None:
    """ISO3 for what a link may say: "UKR", "ukr", "UA", "Ukraine", "Kyiv"; None if it is no country."""
    return _country_lookup().get(" ".join(text.split()).lower())


def listed(value: str, known: Callable[[str], object]) -> list[str]:
    """The items of one link value written as a comma-separated list ("ISR,PSE", by hand for
    `country=ISR&country=PSE`): from the left, the longest run of parts that `known` knows is one item, so a
    name holding a comma stays whole ("Korea, Republic of,Japan" is two); an unknown part is an item alone."""
    parts = value.split(",")
    items = []
    i = 0
    while i < len(parts):
        # A name holds at most one comma ("Korea, Republic of"): a run of four parts is the most tried,
        # so a hand-made link of thousands of commas costs a linear pass, not a quadratic one.
        end = next((j for j in range(min(len(parts), i + 4), i + 1, -1) if known(",".join(parts[i:j]).strip())), i + 1)
        if item := ",".join(parts[i:end]).strip():
            items.append(item)
        i = end
    return items


def known_sources(requested: Sequence[str], outlets: Sequence[str]) -> tuple[tuple[str, ...], list[Ignored]]:
    """A link's sources as the store spells them ("reuters" is "Reuters"), a value split into outlets as
    `listed` splits countries when the store has every one ("A,B" is two when it has both and no outlet
    "A,B"), and those with no article in the store, which would open an empty view that looks like a quiet one."""
    spelled = {" ".join(o.split()).casefold(): o for o in outlets}

    def spelling(text: str) -> str | None:
        return spelled.get(" ".join(text.split()).casefold())

    found: list[str] = []
    ignored: list[Ignored] = []
    for value in requested:
        parts = listed(value, spelling)
        if len(parts) > 1 and not all(spelling(p) for p in parts):
            parts = [value.strip()]  # not a list of the store's outlets: one name, which it does not have
        for part in parts:
            if outlet := spelling(part):
                found.append(outlet)
            else:
                ignored.append(Ignored("source", part, "no article from this outlet in the database"))
    return tuple(dict.fromkeys(found)), ignored


def read_link(params: Mapping[str, str | Sequence[str]]) -> tuple[Filter, list[Ignored]]:
    """The filter a URL's query parameters describe, and what in them was left out and why."""
    ignored: list[Ignored] = []
    countries = []
    for value in _values(params, "country"):
        for part in listed(value, country_code):
            if code := country_code(part):
                countries.append(code)
            else:
                ignored.append(Ignored("country", part, "not a country we know (an ISO code such as UKR, or a name)"))
    kinds = []
    for value in _values(params, "kind"):
        for part in listed(value, lambda k: k.strip().lower() in KINDS):
            if part.strip().lower() in KINDS:
                kinds.append(part.strip().lower())
            else:
                ignored.append(Ignored("kind", part, "not a figure kind (" + ", ".join(KINDS) + ")"))
    sources = tuple(dict.fromkeys(s.strip() for s in _values(params, "source") if s.strip()))
    dates = {}
    for key in ("from", "to"):
        values = _values(params, key)
        dates[key] = _date(values[0]) if values else None
        if values and values[0].strip() and dates[key] is None:
            ignored.append(Ignored(key, values[0], "not a date (YYYY-MM-DD)"))
        for extra in values[1:]:
            ignored.append(Ignored(key, extra, f"only the first {key} date is used"))
    start, end = dates["from"], dates["to"]
    if start and end and start > end:
        start, end = end, start
    words = " ".join(next(iter(_values(params, "q")), "").split())
    if len(words) > MAX_KEYWORD:
        ignored.append(Ignored("q", words[MAX_KEYWORD:], f"a keyword is at most {MAX_KEYWORD} characters"))
    pair = None
    for i, value in enumerate(_values(params, "pair")):
        if i:
            ignored.append(Ignored("pair", value, "only the first pair is used"))
        elif (pair := parse_pair(value)) is None and value.strip():
            ignored.append(Ignored("pair", value, "not two different countries (such as USA|VEN)"))
    flt = Filter(
        tuple(dict.fromkeys(countries)), start, end, sources, tuple(dict.fromkeys(kinds)), words[:MAX_KEYWORD], pair
    )
    return flt, ignored


def parse_pair(text: str) -> tuple[str, str] | None:
    """"USA|VEN" (either order, codes or names) -> ("USA", "VEN"); None unless two different countries."""
    parts = text.split("|")
    codes = [country_code(p) for p in parts]
    if len(codes) != 2 or None in codes or codes[0] == codes[1]:
        return None
    a, b = sorted(codes)
    return a, b


def filter_from_query(params: Mapping[str, str | Sequence[str]]) -> Filter:
    """The filter a URL's query parameters describe; unknown countries, kinds and bad dates dropped."""
    return read_link(params)[0]


def filter_to_query(flt: Filter) -> dict[str, str | list[str]]:
    """Query parameters for a filter; `filter_from_query(filter_to_query(f)) == f`."""
    params: dict[str, str | list[str]] = {}
    if flt.countries:
        params["country"] = list(flt.countries)
    if flt.start:
        params["from"] = flt.start.isoformat()
    if flt.end:
        params["to"] = flt.end.isoformat()
    if flt.sources:
        params["source"] = list(flt.sources)
    if flt.kinds:
        params["kind"] = list(flt.kinds)
    if flt.keyword:
        params["q"] = flt.keyword
    if flt.pair:
        params["pair"] = "|".join(flt.pair)
    return params


def describe_filter(flt: Filter) -> str:
    """One line naming the view, written on exported charts so a snapshot says what it shows."""
    parts = [", ".join(country_name(c) for c in flt.countries) if flt.countries else "All countries"]
    if flt.start or flt.end:
        parts.append(f"{flt.start.isoformat() if flt.start else '…'} → {flt.end.isoformat() if flt.end else '…'}")
    if flt.sources:
        parts.append("sources: " + ", ".join(flt.sources))
    if flt.kinds:
        parts.append("figures: " + ", ".join(flt.kinds))
    if flt.keyword:
        parts.append(f'keyword "{flt.keyword}"')
    if flt.pair:
        parts.append("pair: " + " & ".join(country_name(c) for c in flt.pair))
    return " · ".join(parts)
