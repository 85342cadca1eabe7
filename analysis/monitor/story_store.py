"""Store glue for copies and stories: load the candidates of the articles not yet linked, assign, write.

Run once after an ingestion's batches are written (and on any store: articles without a link are exactly
the ones to do, so a killed run, the Dask engine's parts or a store from before this step are completed by
the next run). The work is in `stories.assign`, a pure function; this module only reads and writes rows.
"""
from __future__ import annotations

import datetime as dt

import duckdb
import numpy as np
import pyarrow as pa

from analysis.monitor import copies
from analysis.store import schema as S
from analysis.monitor.stories import WINDOW_DAYS, Article, Assignment, assign
from analysis.store.parquet_store import StoreWriter

CHUNK = 5000  # new articles linked per step (in date order): bounds memory on a first run over a large store

# The body is the text after the title and its blank line (models.document_text).
_BODY = "CASE WHEN coalesce(a.title, '') <> '' THEN substr(a.text, length(a.title) + 3) ELSE a.text END"
_DAY = "coalesce(a.published, CAST(a.ingested_at AS DATE))"
_COUNTRIES = "c.countries"
# Joined where _COUNTRIES is read: one grouping of the mentions, not a subquery per article.
_WITH_COUNTRIES = (
    f"LEFT JOIN (SELECT article_id, list(country) AS countries FROM {S.MENTIONS} "
    "WHERE article_id IN (SELECT {ids}) GROUP BY article_id) c ON c.article_id = a.id"
)


def _articles(rows: list[tuple]) -> list[Article]:
    return [
        Article(id=r[0], day=r[1], title=r[2] or "", body=r[3] or "", countries=frozenset(r[4] or ()),
                copy_of=r[5], story=r[6], story_first=r[7])
        for r in rows
    ]


def unlinked_ids(con: duckdb.DuckDBPyConnection) -> list[tuple[str, dt.date]]:
    return con.execute(
        f"SELECT a.id, {_DAY} AS day FROM {S.ARTICLES} a ANTI JOIN {S.ARTICLE_LINKS} l ON l.article_id = a.id "
        "ORDER BY day, a.id"
    ).fetchall()


def _load_new(con: duckdb.DuckDBPyConnection, ids: list[str]) -> list[Article]:
    con.register("_ids", pa.table({"id": ids}))
    try:
        rows = con.execute(
            f"SELECT a.id, {_DAY}, a.title, {_BODY}, {_COUNTRIES}, NULL, NULL, NULL "
            f"FROM {S.ARTICLES} a {_WITH_COUNTRIES.format(ids='id FROM _ids')} WHERE a.id IN (SELECT id FROM _ids)"
        ).fetchall()
    finally:
        con.unregister("_ids")
    return _articles(rows)


def _load_copy_candidates(
    con: duckdb.DuckDBPyConnection, keys: np.ndarray, first: dt.date, last: dt.date,
) -> tuple[list[Article], copies.Signatures]:
    """Stored articles sharing a band key with a new one and dated within `copies.COPY_DAYS` of the batch,
    with their stored signatures: the HEAD newest of those under each key, as `copies.candidate_pairs`
    pairs a row with the HEAD before it. A key that boilerplate or a much-carried wire story shares with
    thousands of articles would otherwise load them all.

    Only the batch's dates are read: `copy_keys` and `article_links` segments are ordered by day, so the
    date range skips the rest of the store's row groups by their statistics (the batch's cost does not
    grow with the store)."""
    wanted = copies.distinct(keys[keys != -1])
    if len(wanted) == 0:
        return [], copies.from_bytes([], [])
    lo, hi = first - dt.timedelta(days=copies.COPY_DAYS), last + dt.timedelta(days=copies.COPY_DAYS)
    con.register("_keys", pa.table({"key": wanted.astype(np.int32)}))
    try:
        rows = con.execute(
            f"""WITH k AS (
                    SELECT key, article_id, day FROM {S.COPY_KEYS} SEMI JOIN _keys USING (key)
                    WHERE day BETWEEN $lo AND $hi
                    UNION ALL  -- keys stored before copy_keys had a day: their article's
                    SELECT k.key, k.article_id, l.day
                    FROM (SELECT key, article_id FROM {S.COPY_KEYS} SEMI JOIN _keys USING (key) WHERE day IS NULL) k
                    JOIN {S.ARTICLE_LINKS} l ON l.article_id = k.article_id AND l.day BETWEEN $lo AND $hi),
                picked AS (
                    SELECT article_id FROM (
                        SELECT article_id, row_number() OVER (PARTITION BY key ORDER BY day DESC, article_id) AS nth
                        FROM k)
                    WHERE nth <= {copies.HEAD})
                SELECT l.article_id, l.day, l.copy_of, l.story, l.signature, l.shingles
                FROM {S.ARTICLE_LINKS} l
                WHERE l.day BETWEEN $lo AND $hi AND l.article_id IN (SELECT article_id FROM picked)
                ORDER BY l.day, l.article_id""",
            {"lo": lo, "hi": hi},
        ).fetchall()
    finally:
        con.unregister("_keys")
    articles = [Article(id=r[0], day=r[1], title="", body="", copy_of=r[2], story=r[3]) for r in rows]
    return articles, copies.from_bytes([r[4] for r in rows], [r[5] for r in rows])


def _load_window(con: duckdb.DuckDBPyConnection, first: dt.date, last: dt.date) -> list[Article]:
    lo, hi = first - dt.timedelta(days=WINDOW_DAYS), last + dt.timedelta(days=WINDOW_DAYS)
    rows = con.execute(
        f"""WITH w AS (SELECT * FROM {S.ARTICLE_LINKS} WHERE day BETWEEN ? AND ?),
                 began AS (SELECT story, min(day) AS first FROM {S.ARTICLE_LINKS}
                           WHERE story IN (SELECT story FROM w) GROUP BY story)
            SELECT a.id, w.day, a.title, substr({_BODY}, 1, 400), {_COUNTRIES}, w.copy_of, w.story, b.first
            FROM w JOIN {S.ARTICLES} a ON a.id = w.article_id JOIN began b ON b.story = w.story
            {_WITH_COUNTRIES.format(ids='article_id FROM w')}""",
        [lo, hi],
    ).fetchall()
    return _articles(rows)


def link_new_articles(writer: StoreWriter, chunk: int = CHUNK) -> int:
    """Assign a copy group and a story to every article of the store (published or written by this
    ingestion) that has none; returns how many. Reads through `writer.reader()`, which sees this
    ingestion's unpublished rows, and appends through `writer.append`, published with the articles."""
    con = writer.reader()
    try:
        pending = unlinked_ids(con)
    finally:
        con.close()
    done = 0
    for start in range(0, len(pending), chunk):
        part = pending[start:start + chunk]
        con = writer.reader()  # a fresh view: it includes the links the previous chunk appended
        try:
            new = sorted(_load_new(con, [i for i, _ in part]), key=lambda a: (a.day, a.id))
            sigs = copies.signatures([a.body for a in new])
            keys = copies.band_keys(sigs)
            candidates, candidate_sigs = _load_copy_candidates(con, keys, new[0].day, new[-1].day)
            window = _load_window(con, new[0].day, new[-1].day)
        finally:
            con.close()
        assignments = assign(new, candidates, window, sigs, candidate_sigs)
        _write(writer, assignments, sigs, keys)
        done += len(assignments)
    return done


_LINKS_SCHEMA = pa.schema([
    ("article_id", pa.string()), ("copy_of", pa.string()), ("story", pa.string()), ("day", pa.date32()),
    ("shingles", pa.int32()), ("signature", pa.binary()),
])
_KEYS_SCHEMA = pa.schema([("key", pa.int32()), ("article_id", pa.string()), ("day", pa.date32())])


def _write(writer: StoreWriter, assignments: list[Assignment], sigs: copies.Signatures, keys: np.ndarray) -> None:
    """Append the batch's links and band keys. `assignments` are in the order of the signatures' rows
    (date order)."""
    links = pa.table({
        "article_id": [x.article_id for x in assignments], "copy_of": [x.copy_of for x in assignments],
        "story": [x.story for x in assignments], "day": [x.day for x in assignments],
        "shingles": [x.shingles for x in assignments],
        "signature": [copies.to_bytes(sigs, i) for i in range(len(assignments))],
    }, schema=_LINKS_SCHEMA)
    ids = np.array([x.article_id for x in assignments], dtype=object)
    filled = keys != -1
    per_article = filled.sum(axis=1)
    key_table = pa.table({
        "key": pa.array(keys[filled], type=pa.int32()),
        "article_id": pa.array(np.repeat(ids, per_article), type=pa.string()),
        "day": pa.array(np.repeat(np.array([x.day for x in assignments], dtype="datetime64[D]"), per_article)),
    }, schema=_KEYS_SCHEMA)
    writer.append(S.ARTICLE_LINKS, links)
    writer.append(S.COPY_KEYS, key_table)
