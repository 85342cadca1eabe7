"""The story window index: what linking compares of each linked article, one row each, stored by day.

Linking a batch compares it with the stored articles of its days (± `stories.WINDOW_DAYS` for stories,
± `copies.COPY_DAYS` for copies): their title and lede, countries, places and figures, and when their
story began. Read from `articles`, `mentions`, `figures` and `places` by article id, those rows are spread
over every row group of the store (articles are stored by id, the others by date of publication, not by
the linking day), so each batch decoded most of the store's text and its cost grew with the store: a
5,000-article batch into a million-article store was still linking after 14 minutes. This table
(`schema.STORY_WINDOW`) holds exactly those fields, written with each batch's links, its segments ordered
by day: a batch reads the row groups of its window's days and nothing else.

A figure is stored as linking compares it (`event_evidence.Reported`: kind, value, scope, whether its
sentence revises a count, the day its sentence names), so its sentence is neither stored again nor read
again by later batches.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

import pyarrow as pa

from analysis.monitor.event_evidence import Reported
from analysis.monitor.stories import LEDE_CHARS, Article, Assignment
from analysis.store import schema as S
from analysis.store.parquet_store import arrow_schema

_SEP = "|"


def encode_figure(figure: Reported) -> str:
    """`Reported` as one string: "kind|value|scope|revision|day" (empty where None; revision 1 or 0)."""
    day = figure.day.isoformat() if figure.day else ""
    return _SEP.join((figure.kind, str(figure.value), figure.scope or "", "1" if figure.revision else "0", day))


def decode_figure(text: str) -> Reported:
    """The inverse of `encode_figure`. The kind is split off from the right: it is the one free text."""
    kind, value, scope, revision, day = text.rsplit(_SEP, 4)
    return Reported(kind, int(value), scope or None, revision == "1", dt.date.fromisoformat(day) if day else None)


def decode_figures(texts: Iterable[str] | None) -> tuple[Reported, ...]:
    return tuple(decode_figure(t) for t in texts or ())


def window_rows(articles: Sequence[Article], assignments: Sequence[Assignment],
                story_first: dict[str, dt.date]) -> pa.Table:
    """The index rows of newly linked `articles` (any order) given their `assignments`; `story_first` is
    when each of their stories began (see `story_store`: the earliest day known of any of its articles)."""
    by_id = {a.id: a for a in articles}
    rows = [(x, by_id[x.article_id]) for x in assignments]
    return pa.table({
        "article_id": [x.article_id for x, _ in rows],
        "day": [x.day for x, _ in rows],
        "story": [x.story for x, _ in rows],
        "story_first": [story_first[x.story] for x, _ in rows],
        "title": [a.title for _, a in rows],
        "lede": [a.body[:LEDE_CHARS] for _, a in rows],
        # sorted: the stored row does not depend on a set's order (the same article, the same bytes)
        "countries": [sorted(a.countries) for _, a in rows],
        "places": [sorted(a.places) for _, a in rows],
        "figures": [[encode_figure(f) for f in a.figures] for _, a in rows],
    }, schema=arrow_schema(S.STORY_WINDOW))
