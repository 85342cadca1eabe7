"""The terms index of the story window: each linked article's title-and-lede terms, one row each, by day.

Linking a new article compares it with the stored articles of its days (`stories.WINDOW_DAYS` either side)
that share one of its most distinctive terms. Read from `story_window`, every article of the window was
decoded, tokenised and given a vector, though only a few are ever candidates: a batch dated over months
(an archive's backfill) has a window of most of the store (582,778 articles at 1,000,000, 800 s for 1,000
articles). This table (`schema.STORY_TERMS`) holds each article's terms with their counts, written with
its links, its segments ordered by day, so that DuckDB gives a batch's window the three things linking
needs of all of it: its size, each term's document frequency (the IDF) and the postings of the terms the
new articles seek. Only the articles those postings make candidates, and their stories' members, are
then read from `story_window` (`StoredWindow.members`): the same links (`stories.assign`) from a small
part of the window.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence

import duckdb
import numpy as np
import pyarrow as pa

from analysis.monitor import story_window
from analysis.monitor.stories import POSTINGS_READ, WINDOW_DAYS, Article, Assignment, Key, window_terms
from analysis.store import schema as S
from analysis.store.parquet_store import arrow_schema


def encode_counts(counts: Sequence[int]) -> bytes:
    return np.asarray(counts, dtype="<u2").tobytes()


def decode_counts(blob: bytes) -> list[int]:
    return np.frombuffer(blob, dtype="<u2").tolist()


def pairs(terms: Sequence[str], blob: bytes) -> list[tuple[str, int]]:
    """A stored row's (term, count) pairs, in order of first occurrence."""
    return list(zip(terms, decode_counts(blob)))


def terms_rows(articles: Sequence[Article], assignments: Sequence[Assignment]) -> pa.Table:
    """The index rows of newly linked `articles` (any order) given their `assignments` (their days)."""
    by_id = {a.id: a for a in articles}
    counted = [(x, window_terms(by_id[x.article_id])) for x in assignments]
    return pa.table({
        "article_id": [x.article_id for x, _ in counted],
        "day": [x.day for x, _ in counted],
        "terms": [[t for t, _ in c] for _, c in counted],
        "counts": [encode_counts([n for _, n in c]) for _, c in counted],
    }, schema=arrow_schema(S.STORY_TERMS))


def complete(con: duckdb.DuckDBPyConnection, lo: dt.date, hi: dt.date) -> bool:
    """Whether every link of the days [lo, hi] has its terms and its story window row (a store linked
    before this table existed has none until `python -m analysis migrate`). Counts, not ids: a linked
    article has one row of each, written together."""
    links, indexed, terms = con.execute(
        f"""SELECT (SELECT count(*) FROM {S.ARTICLE_LINKS} WHERE day BETWEEN $lo AND $hi),
                   (SELECT count(*) FROM {S.STORY_WINDOW} WHERE day BETWEEN $lo AND $hi),
                   (SELECT count(*) FROM {S.STORY_TERMS} WHERE day BETWEEN $lo AND $hi)""",
        {"lo": lo, "hi": hi}).fetchone()
    return links == indexed == terms


class StoredWindow:
    """`stories.Window` over the store's days [lo, hi]: statistics and postings from `story_terms`, the
    candidates' rows from `story_window`. Keys are article ids."""

    def __init__(self, con: duckdb.DuckDBPyConnection, lo: dt.date, hi: dt.date):
        self._con, self._range = con, {"lo": lo, "hi": hi}
        self.size = con.execute(
            f"SELECT count(*) FROM {S.STORY_TERMS} WHERE day BETWEEN $lo AND $hi", self._range).fetchone()[0]

    def document_frequencies(self) -> Counter[str]:
        # each term is listed once per article: its rows are its document frequency
        return Counter(dict(self._con.execute(
            f"SELECT term, count(*) FROM (SELECT unnest(terms) AS term FROM {S.STORY_TERMS} "
            "WHERE day BETWEEN $lo AND $hi) GROUP BY term", self._range).fetchall()))

    def postings_read(self, wanted: Sequence[tuple[dt.date, list[str]]]) -> list[list[tuple[str, list[Key]]]]:
        # The selection in DuckDB (stories._newest: the newest POSTINGS_READ within WINDOW_DAYS of each
        # article, by (day, id) descending): only the postings read come back, not every posting sought.
        requests = [(i, t, day - dt.timedelta(days=WINDOW_DAYS), day + dt.timedelta(days=WINDOW_DAYS))
                    for i, (day, seeds) in enumerate(wanted) for t in seeds]
        out: list[dict[str, list[Key]]] = [{} for _ in wanted]
        if not requests:
            return [[] for _ in wanted]
        i_, t_, lo_, hi_ = zip(*requests)
        self._con.register("_wanted", pa.table({"i": list(i_), "term": list(t_), "lo": list(lo_), "hi": list(hi_)}))
        try:
            rows = self._con.execute(
                f"""SELECT i, term, article_id FROM (
                        SELECT r.i, r.term, p.article_id, row_number() OVER (
                            PARTITION BY r.i, r.term ORDER BY p.day DESC, p.article_id DESC) AS nth
                        FROM _wanted r JOIN (
                            SELECT day, article_id, unnest(terms) AS term FROM {S.STORY_TERMS}
                            WHERE day BETWEEN $lo AND $hi) p
                        ON p.term = r.term AND p.day BETWEEN r.lo AND r.hi)
                    WHERE nth <= {POSTINGS_READ} ORDER BY i, term, nth""", self._range).fetchall()
        finally:
            self._con.unregister("_wanted")
        for i, term, article_id in rows:
            out[i].setdefault(term, []).append(article_id)
        # in the order of the article's seed terms
        return [[(t, found[t]) for t in seeds if t in found] for (_, seeds), found in zip(wanted, out)]

    def term_counts(self, keys: set[Key]) -> dict[Key, tuple[str, list[tuple[str, int]]]]:
        if not keys:
            return {}
        self._con.register("_keys", pa.table({"article_id": sorted(keys)}))
        try:
            rows = self._con.execute(
                f"""SELECT t.article_id, w.story, t.terms, t.counts
                    FROM (SELECT * FROM {S.STORY_TERMS} WHERE day BETWEEN $lo AND $hi) t
                    SEMI JOIN _keys USING (article_id)
                    JOIN (SELECT article_id, story FROM {S.STORY_WINDOW} WHERE day BETWEEN $lo AND $hi) w
                      USING (article_id)""", self._range).fetchall()
        finally:
            self._con.unregister("_keys")
        return {article_id: (story, pairs(terms, counts)) for article_id, story, terms, counts in rows}

    def members(self, stories: set[str]) -> list[tuple[Key, Article, list[tuple[str, int]]]]:
        if not stories:
            return []
        self._con.register("_stories", pa.table({"story": sorted(stories)}))
        try:
            rows = self._con.execute(
                f"""SELECT w.article_id, w.day, w.story, w.story_first, w.countries, w.places, w.figures,
                           t.terms, t.counts
                    FROM (SELECT * FROM {S.STORY_WINDOW} WHERE day BETWEEN $lo AND $hi) w
                    SEMI JOIN _stories USING (story)
                    JOIN (SELECT * FROM {S.STORY_TERMS} WHERE day BETWEEN $lo AND $hi) t USING (article_id)
                    ORDER BY w.day, w.article_id""", self._range).fetchall()
        finally:
            self._con.unregister("_stories")
        # A story's articles in the window all say when it began: the earliest of them (as `_load_window`).
        began: dict[str, dt.date] = {}
        for r in rows:
            if r[3]:
                began[r[2]] = min(r[3], began.get(r[2], r[3]))
        out = []
        for article_id, day, story, _, countries, places, figures, terms, counts in rows:
            a = Article(id=article_id, day=day, title="", body="", countries=frozenset(countries or ()),
                        story=story, story_first=began.get(story), figures=story_window.decode_figures(figures),
                        places=frozenset(places or ()))
            out.append((article_id, a, pairs(terms, counts)))
        return out


    def began(self, stories: set[str]) -> dict[str, dt.date]:
        if not stories:
            return {}
        self._con.register("_stories", pa.table({"story": sorted(stories)}))
        try:
            return dict(self._con.execute(
                f"""SELECT story, min(coalesce(story_first, day)) FROM {S.STORY_WINDOW} SEMI JOIN _stories USING (story)
                    WHERE day BETWEEN $lo AND $hi GROUP BY story""", self._range).fetchall())
        finally:
            self._con.unregister("_stories")
