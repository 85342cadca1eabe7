"""The dashboard's filter, and its round trip through the URL query string (the shareable link).

Query keys: `country` (repeatable ISO3), `from` and `to` (YYYY-MM-DD), `source` (repeatable), `kind`
(repeatable figure kind), `q` (keyword). Anything unreadable in a link is dropped, not an error: a
link typed by hand should still open a view.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .countries import all_countries, country_name
from .figures import KINDS


@dataclass(frozen=True)
class Filter:
    countries: tuple[str, ...] = ()  # ISO3; empty = all
    start: dt.date | None = None
    end: dt.date | None = None
    sources: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()  # figure kinds; empty = all
    keyword: str = ""

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


def filter_from_query(params: Mapping[str, str | Sequence[str]]) -> Filter:
    """The filter a URL's query parameters describe; unknown countries, kinds and bad dates dropped."""
    known = all_countries()
    countries = tuple(dict.fromkeys(c.strip().upper() for c in _values(params, "country") if c.strip().upper() in known))
    kinds = tuple(dict.fromkeys(k.strip().lower() for k in _values(params, "kind") if k.strip().lower() in KINDS))
    sources = tuple(dict.fromkeys(s.strip() for s in _values(params, "source") if s.strip()))
    start = _date(next(iter(_values(params, "from")), None))
    end = _date(next(iter(_values(params, "to")), None))
    if start and end and start > end:
        start, end = end, start
    keyword = " ".join(next(iter(_values(params, "q")), "").split())[:200]
    return Filter(countries, start, end, sources, kinds, keyword)


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
    return " · ".join(parts)
