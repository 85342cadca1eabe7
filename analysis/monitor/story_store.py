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

from analysis.monitor import copies, story_terms, story_window
from analysis.monitor.event_evidence import Reported, reported
from analysis.store import schema as S
from analysis.monitor.stories import LEDE_CHARS, WINDOW_DAYS, Article, Assignment, ListWindow, Window, assign
from analysis.store.parquet_store import StoreWriter

CHUNK = 5000  # new articles linked per step (in date order): bounds memory on a first run over a large store
SCAN = 25_000  # new articles whose texts are read at once (a first run over 100,000 reads the texts 4 times, not 20)
# A step's new articles span at most this many days: its window is the store's articles of those days ± 3,
# so a batch dated over years (an archive's backfill into a large store) is linked in steps whose windows
# are bounded, where one step's window was the whole store (6 GB at 1,000,000). Wide enough that a batch
# of a few weeks (the labelled corpus spans 82 days) stays one step.
SPAN_DAYS = 120

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


def _rows_of(con: duckdb.DuckDBPyConnection, ids: list[str], select: str) -> list[tuple]:
    """The rows of `select` (a query with `{ids}` where the ids go) for `ids`, passed as a registered table:
    thousands of ids stay one parameter, not a SQL literal."""
    con.register("_linking_ids", pa.table({"id": ids}))
    try:
        return con.execute(select.format(ids="SELECT id FROM _linking_ids")).fetchall()
    finally:
        con.unregister("_linking_ids")


def _figures(con: duckdb.DuckDBPyConnection, ids: list[str]) -> dict[str, tuple[Reported, ...]]:
    """The figures each of `ids` states, as linking compares them (`event_evidence`)."""
    if not ids:
        return {}
    rows = _rows_of(
        con, ids,
        # a running total's sentence is never read (event_evidence.reported): not fetched either
        f"SELECT article_id, kind, value, scope, CASE WHEN scope IN ('incident', 'state') THEN sentence END, "
        f"published FROM {S.FIGURES} WHERE article_id IN ({{ids}})")
    out: dict[str, list[Reported]] = {}
    for article_id, kind, value, scope, sentence, published in rows:
        out.setdefault(article_id, []).append(reported(kind, value, scope, sentence, published))
    return {k: tuple(v) for k, v in out.items()}


def _places(con: duckdb.DuckDBPyConnection, ids: list[str]) -> dict[str, frozenset[str]]:
    """The places (cities, regions) each of `ids` names: where its event happened, as linking compares it."""
    if not ids:
        return {}
    rows = _rows_of(con, ids, f"SELECT article_id, list(DISTINCT place) FROM {S.PLACES} "
                              "WHERE article_id IN ({ids}) GROUP BY article_id")
    return {article_id: frozenset(places) for article_id, places in rows}


def unlinked_ids(con: duckdb.DuckDBPyConnection, among: pa.Array | None = None) -> list[tuple[str, dt.date]]:
    """The articles without a link, in (day, id) order; with `among`, only those of these ids."""
    if among is None:
        return con.execute(
            f"SELECT a.id, {_DAY} AS day FROM {S.ARTICLES} a ANTI JOIN {S.ARTICLE_LINKS} l ON l.article_id = a.id "
            "ORDER BY day, a.id"
        ).fetchall()
    con.register("_among_ids", pa.table({"id": among}))
    try:
        return con.execute(
            f"SELECT a.id, {_DAY} AS day FROM {S.ARTICLES} a SEMI JOIN _among_ids o ON o.id = a.id "
            f"ANTI JOIN {S.ARTICLE_LINKS} l ON l.article_id = a.id ORDER BY day, a.id"
        ).fetchall()
    finally:
        con.unregister("_among_ids")


def _load_new(con: duckdb.DuckDBPyConnection, ids: list[str]) -> list[Article]:
    con.register("_ids", pa.table({"id": ids}))
    try:
        rows = con.execute(
            f"SELECT a.id, {_DAY}, a.title, {_BODY}, {_COUNTRIES}, NULL, NULL, NULL "
            f"FROM {S.ARTICLES} a {_WITH_COUNTRIES.format(ids='id FROM _ids')} WHERE a.id IN (SELECT id FROM _ids)"
        ).fetchall()
        figures, places = _figures(con, ids), _places(con, ids)
    finally:
        con.unregister("_ids")
    articles = _articles(rows)
    for a in articles:
        a.figures, a.places = figures.get(a.id, ()), places.get(a.id, frozenset())
    return articles


def _load_copy_candidates(
    con: duckdb.DuckDBPyConnection, keys: np.ndarray, first: dt.date, last: dt.date,
) -> tuple[list[Article], copies.Signatures]:
    """Stored articles sharing a band key with a new one and dated within `copies.COPY_DAYS` of the batch,
    with their stored signatures: the HEAD newest of those under each key, as `copies.candidate_pairs`
    pairs a row with the HEAD before it. A key that boilerplate or a much-carried wire story shares with
    thousands of articles would otherwise load them all.

    Only the batch's dates are read: `copy_keys`, `article_links` and `story_window` segments are ordered
    by day, so the date range skips the rest of the store's row groups by their statistics (the batch's
    cost does not grow with the store)."""
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
                SELECT l.article_id, l.day, l.copy_of, l.story, l.signature, l.shingles, g.day,
                       w.article_id IS NOT NULL, w.story_first, w.figures, w.places
                FROM {S.ARTICLE_LINKS} l
                -- when the group began, where it is recent enough to be joined still
                LEFT JOIN (SELECT article_id, day FROM {S.ARTICLE_LINKS} WHERE day BETWEEN $lo AND $hi) g
                    ON g.article_id = l.copy_of
                LEFT JOIN (SELECT article_id, story_first, figures, places FROM {S.STORY_WINDOW}
                           WHERE day BETWEEN $lo AND $hi) w ON w.article_id = l.article_id
                WHERE l.day BETWEEN $lo AND $hi AND l.article_id IN (SELECT article_id FROM picked)
                ORDER BY l.day, l.article_id""",
            {"lo": lo, "hi": hi},
        ).fetchall()
        unindexed = [r[0] for r in rows if not r[7]]  # linked before story_window existed (not migrated)
        figures, places = _figures(con, unindexed), _places(con, unindexed)
        began = _story_began(con, {r[3] for r in rows if not r[7] and r[3]})
    finally:
        con.unregister("_keys")
    articles = [Article(id=r[0], day=r[1], title="", body="", copy_of=r[2], story=r[3],
                        story_first=r[8] if r[7] else began.get(r[3]),
                        copy_first=r[6] or dt.date.min,  # a group begun before the window: too old to join
                        figures=story_window.decode_figures(r[9]) if r[7] else figures.get(r[0], ()),
                        places=frozenset(r[10] or ()) if r[7] else places.get(r[0], frozenset()))
                for r in rows]
    return articles, copies.from_bytes([r[4] for r in rows], [r[5] for r in rows])


def _story_began(con: duckdb.DuckDBPyConnection, stories: set[str]) -> dict[str, dt.date]:
    """When each of `stories` began (its earliest article's day), from every link of the store: what
    `story_window.story_first` holds, for the stories whose articles were linked before that table
    existed (a scan of the links; a migrated store never needs it)."""
    if not stories:
        return {}
    con.register("_stories", pa.table({"story": sorted(stories)}))
    try:
        return dict(con.execute(
            f"SELECT story, min(day) FROM {S.ARTICLE_LINKS} SEMI JOIN _stories USING (story) GROUP BY story"
        ).fetchall())
    finally:
        con.unregister("_stories")


def _load_window(
    con: duckdb.DuckDBPyConnection, first: dt.date, last: dt.date, known: dict[str, Article] | None = None,
) -> list[Article]:
    """Stored articles dated within WINDOW_DAYS of [first, last], with their story and its first day, in
    (day, id) order, from the days' rows of `story_window` (ordered by day, so the batch reads its window's
    row groups only). An article linked before that table existed (a store not migrated) is read as it was:
    title, lede and countries from `known` (articles of the previous chunk, still in memory) where there,
    else from the articles, whose ids are spread over every row group of the text."""
    lo, hi = first - dt.timedelta(days=WINDOW_DAYS), last + dt.timedelta(days=WINDOW_DAYS)
    known = known or {}
    links = con.execute(
        f"""SELECT l.article_id, l.day, l.copy_of, l.story, w.article_id IS NOT NULL, w.story_first,
                   w.title, w.lede, w.countries, w.places, w.figures
            FROM {S.ARTICLE_LINKS} l
            LEFT JOIN (SELECT * FROM {S.STORY_WINDOW} WHERE day BETWEEN $lo AND $hi) w ON w.article_id = l.article_id
            WHERE l.day BETWEEN $lo AND $hi
            ORDER BY l.day, l.article_id""",
        {"lo": lo, "hi": hi},
    ).fetchall()
    # When each story began: the earliest its indexed articles knew, and from the links for the others.
    began: dict[str, dt.date] = {}
    for r in links:
        if r[4] and r[3] and r[5]:
            began[r[3]] = min(r[5], began.get(r[3], r[5]))
    for story, day in _story_began(con, {r[3] for r in links if not r[4] and r[3]}).items():
        began[story] = min(day, began.get(story, day))
    missing = [r[0] for r in links if not r[4] and r[0] not in known]
    texts: dict[str, tuple] = {}
    figures: dict[str, tuple[Reported, ...]] = {}
    places: dict[str, frozenset[str]] = {}
    if missing:
        con.register("_window_ids", pa.table({"id": missing}))
        try:
            texts = {r[0]: r[1:] for r in con.execute(
                f"SELECT a.id, a.title, substr({_BODY}, 1, {LEDE_CHARS}), {_COUNTRIES} FROM {S.ARTICLES} a "
                f"{_WITH_COUNTRIES.format(ids='id FROM _window_ids')} WHERE a.id IN (SELECT id FROM _window_ids)"
            ).fetchall()}
            figures, places = _figures(con, missing), _places(con, missing)
        finally:
            con.unregister("_window_ids")
    out = []
    for article_id, day, copy_of, story, indexed, _, w_title, w_lede, w_countries, w_places, w_figures in links:
        if indexed:
            title, lede_text, countries = w_title, w_lede, w_countries
            stated, named = story_window.decode_figures(w_figures), frozenset(w_places or ())
        elif article_id in known:
            k = known[article_id]
            title, lede_text, countries, stated, named = k.title, k.body[:LEDE_CHARS], k.countries, k.figures, k.places
        elif article_id in texts:
            (title, lede_text, countries), stated = texts[article_id], figures.get(article_id, ())
            named = places.get(article_id, frozenset())
        else:
            continue  # a link whose article is gone
        out.append(Article(id=article_id, day=day, title=title or "", body=lede_text or "",
                           countries=frozenset(countries or ()), copy_of=copy_of, story=story,
                           story_first=began.get(story), figures=stated, places=named))
    return out


def link_new_articles(writer: StoreWriter, chunk: int = CHUNK) -> int:
    """Assign a copy group and a story to every article of the store (published or written by this
    ingestion) that has none; returns how many. Reads through `writer.reader()`, which sees this
    ingestion's unpublished rows, and appends through `writer.append`, published with the articles."""
    pending, own = _unlinked(writer)
    done = 0
    scan = chunk * max(1, SCAN // chunk)  # whole chunks
    for scan_start in range(0, len(pending), scan):
        # Texts for several chunks in one read: published unlinked ids are spread over every row group of
        # the articles (stored by id), so each such read decodes most of the store's text.
        con = writer.reader(published=not own)
        try:
            loaded = sorted(_load_new(con, [i for i, _ in pending[scan_start:scan_start + scan]]),
                            key=lambda a: (a.day, a.id))
        finally:
            con.close()
        known: dict[str, Article] = {}
        for part in _steps(loaded, chunk):
            done += _link_chunk(writer, part, known)
            known = {a.id: a for a in part}  # the next chunk's window is mostly this one
    return done


def _steps(articles: list[Article], chunk: int) -> list[list[Article]]:
    """`articles` (in date order) cut into steps of at most `chunk` articles spanning at most SPAN_DAYS."""
    steps: list[list[Article]] = []
    for a in articles:
        if not steps or len(steps[-1]) >= chunk or (a.day - steps[-1][0].day).days > SPAN_DAYS:
            steps.append([])
        steps[-1].append(a)
    return steps


def _unlinked(writer: StoreWriter) -> tuple[list[tuple[str, dt.date]], bool]:
    """The articles to link, in (day, id) order, and whether they are all among this ingestion's own rows.
    They are when every article published before it began was linked (an article has at most one link and
    none is ever removed): then only what the ingestion wrote is read, published midway or not, not the ids
    and texts of the whole store. Otherwise (a killed ingestion's articles, a store from before links) the
    whole store is searched."""
    own = writer.opened_linked
    con = writer.reader(published=not own)
    try:
        return unlinked_ids(con, writer.written_ids() if own else None), own
    finally:
        con.close()


def _link_chunk(writer: StoreWriter, new: list[Article], known: dict[str, Article]) -> int:
    """Link `new` (in date order) against the store as `writer` sees it now and append the links."""
    sigs = copies.signatures([a.body for a in new])
    keys = copies.band_keys(sigs)
    con = writer.reader()  # a fresh view: it includes the links the previous chunk appended
    try:
        candidates, candidate_sigs = _load_copy_candidates(con, keys, new[0].day, new[-1].day)
        lo, hi = new[0].day - dt.timedelta(days=WINDOW_DAYS), new[-1].day + dt.timedelta(days=WINDOW_DAYS)
        window = _story_window(con, lo, hi, new, known)
        assignments = assign(new, candidates, window, sigs, candidate_sigs)
        began = _stories_began(assignments, candidates, window.began({x.story for x in assignments}))
    finally:
        con.close()
    _write(writer, assignments, sigs, keys)
    writer.append(S.STORY_WINDOW, story_window.window_rows(new, assignments, began))
    writer.append(S.STORY_TERMS, story_terms.terms_rows(new, assignments))
    return len(assignments)


# A window of fewer stored articles is read whole: its postings query over the terms index costs more than
# decoding it (911 articles of the last three days into 1,000,000: a window of 4,023 articles, ~5 s of CPU
# through the index against ~3 s whole). Either way gives the same links (tests/test_story_terms.py).
INDEX_FROM_ARTICLES = 50_000


def _story_window(con: duckdb.DuckDBPyConnection, lo: dt.date, hi: dt.date, new: list[Article],
                  known: dict[str, Article]) -> Window:
    """The stored articles of days [lo, hi] as linking reads them: through the terms index when the window
    is large and indexed, else whole (a small window, or a store not migrated to the index)."""
    if story_terms.complete(con, lo, hi):
        indexed = story_terms.StoredWindow(con, lo, hi)
        if indexed.size >= INDEX_FROM_ARTICLES:
            return indexed
    return ListWindow(_load_window(con, new[0].day, new[-1].day, known))


def _stories_began(assignments: list[Assignment], candidates: list[Article], window: dict[str, dt.date]) -> dict[str, dt.date]:
    """When the story of each assignment began: the earliest day known of any of its articles (the stored
    ones of the window, `window`, and the copy candidates, as they were read, and the new ones), which is
    what a scan of every link of the story would say for a store linked in date order."""
    began = dict(window)
    for a in candidates:
        if a.story and a.story_first:
            began[a.story] = min(a.story_first, began.get(a.story, a.story_first))
    for x in assignments:
        began[x.story] = min(x.day, began.get(x.story, x.day))
    return began


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


# Linked articles are indexed by ranges of their ids (articles are stored by id, so a range reads its own
# row groups of the text): a sixteenth of a million articles' lists of mentions and figures at a time stays
# within the writer's memory, where the whole store's at once did not (out of memory at 1,000,000).
_ID_BOUNDS = (None, *"123456789abcdef", None)


def index_linked_articles(writer: StoreWriter, chunk_rows: int = 20_000) -> int:
    """Write the `story_window` row of every linked article that has none (a store linked before that
    table existed: `python -m analysis migrate`); returns how many. Their story began on its earliest
    article's day. Read by ranges of ids, streamed in chunks; running it again adds nothing."""
    done = 0
    for lo, hi in zip(_ID_BOUNDS, _ID_BOUNDS[1:]):
        ids = " AND ".join([*([f"{{col}} >= '{lo}'"] if lo else []), *([f"{{col}} < '{hi}'"] if hi else [])])
        con = writer.reader()
        try:
            done += _index_range(writer, con, ids, chunk_rows)
        finally:
            con.close()
    return done


def _index_range(writer: StoreWriter, con: duckdb.DuckDBPyConnection, ids: str, chunk_rows: int) -> int:
    """`index_linked_articles` for the articles whose id meets `ids` (a condition on `{col}`)."""
    reader = con.sql(
        f"""WITH todo AS (SELECT l.article_id, l.day, l.story FROM {S.ARTICLE_LINKS} l
                          ANTI JOIN {S.STORY_WINDOW} w ON w.article_id = l.article_id
                          WHERE {ids.format(col='l.article_id')}),
                 began AS (SELECT story, min(day) AS first FROM {S.ARTICLE_LINKS}
                           WHERE story IN (SELECT story FROM todo) GROUP BY story)
            SELECT t.article_id, t.day, t.story, b.first, a.title, substr({_BODY}, 1, {LEDE_CHARS}) AS lede,
                   c.countries, p.places, f.figures
            FROM todo t JOIN began b ON b.story = t.story
            JOIN (SELECT * FROM {S.ARTICLES} WHERE {ids.format(col='id')}) a ON a.id = t.article_id
            LEFT JOIN (SELECT article_id, list(country) AS countries FROM {S.MENTIONS}
                       WHERE {ids.format(col='article_id')} GROUP BY article_id) c ON c.article_id = t.article_id
            LEFT JOIN (SELECT article_id, list(DISTINCT place) AS places FROM {S.PLACES}
                       WHERE {ids.format(col='article_id')} GROUP BY article_id) p ON p.article_id = t.article_id
            LEFT JOIN (SELECT article_id, list({{'kind': kind, 'value': value, 'scope': scope,
                             'sentence': CASE WHEN scope IN ('incident', 'state') THEN sentence END,
                             'published': published}}) AS figures
                       FROM {S.FIGURES} WHERE {ids.format(col='article_id')} GROUP BY article_id) f
                ON f.article_id = t.article_id"""
    ).to_arrow_reader(chunk_rows)
    done = 0
    for batch in reader:
        rows = batch.to_pylist()
        articles = [Article(id=r["article_id"], day=r["day"], title=r["title"] or "", body=r["lede"] or "",
                            countries=frozenset(r["countries"] or ()), places=frozenset(r["places"] or ()),
                            figures=tuple(reported(f["kind"], f["value"], f["scope"], f["sentence"], f["published"])
                                          for f in r["figures"] or ()))
                    for r in rows]
        # the index row needs only the story of each: copy group and shingles are article_links'
        assignments = [Assignment(r["article_id"], r["article_id"], r["story"], r["day"], 0) for r in rows]
        began = {r["story"]: r["first"] for r in rows}
        writer.append(S.STORY_WINDOW, story_window.window_rows(articles, assignments, began))
        done += len(rows)
    return done


def index_window_terms(writer: StoreWriter, chunk_rows: int = 50_000) -> int:
    """Write the `story_terms` row of every article of the story window index that has none (a store
    linked before that table existed: `python -m analysis migrate`, after `index_linked_articles`), from
    its title and lede there; returns how many. Running it again adds nothing."""
    done = 0
    con = writer.reader()
    try:
        reader = con.sql(
            f"""SELECT w.article_id, w.day, w.title, w.lede FROM {S.STORY_WINDOW} w
                ANTI JOIN {S.STORY_TERMS} t ON t.article_id = w.article_id"""
        ).to_arrow_reader(chunk_rows)
        for batch in reader:
            rows = batch.to_pylist()
            articles = [Article(id=r["article_id"], day=r["day"], title=r["title"] or "", body=r["lede"] or "")
                        for r in rows]
            assignments = [Assignment(a.id, a.id, a.id, a.day, 0) for a in articles]
            writer.append(S.STORY_TERMS, story_terms.terms_rows(articles, assignments))
            done += len(rows)
    finally:
        con.close()
    return done
