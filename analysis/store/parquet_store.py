"""The store: immutable Parquet segments per batch and table, published by atomically replacing a manifest.

A store is a folder (layout in `analysis.store.manifest`). An ingestion writes each table's new rows to new
Parquet files and publishes them by replacing `manifest.json` (write a temporary file, fsync, rename):
an append costs the batch, never a copy of the archive, and needs no second copy of the store on disk.
Readers (the dashboard, `stats`, notebooks) open a *snapshot*: an in-memory DuckDB whose tables are
views over the files one manifest lists. They take no lock, so they never wait for a writer and a writer
never waits for them; they see one published state whole, never half a batch; and as no file they read
is changed or removed while they read (replaced segments are deleted only after `GRACE_SECONDS`), a
publish never makes a read fail. A killed ingestion leaves only unpublished files in `tmp/` (and maybe
unlisted segments), which the next writer removes; a failed one removes its own at once. Articles are
keyed by the hash of their body, so running an ingestion again adds only what is missing.

Small segments are merged as they accumulate (`analysis.store.compact`), so a read opens few files.
"""
from __future__ import annotations

import contextlib
import logging
import datetime as dt
import errno
import fcntl
import os
import shutil
import time
import uuid
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from analysis.store import article_key

from analysis.store import schema
from analysis.models import Extraction
from analysis.store.compact import plan_merges
from analysis.store import aggregates, known_ids as ids_index
from analysis.store.keywords import index_terms
from analysis.store.manifest import LOCK, MANIFEST, SEGMENTS, TMP, Manifest, Segment, fsync_dir, fsync_file, read_manifest, write_manifest

log = logging.getLogger("analysis.store.parquet_store")

DB_ENV_VAR = "TENSION_DB"
DEFAULT_DB = Path("data") / "tension"
LEGACY_DEFAULT_DB = Path("data") / "tension.duckdb"  # the single-file store of earlier versions
GRACE_SECONDS = 15 * 60.0  # a replaced segment stays readable this long after it left the manifest
SPILL_BYTES = 64 * 2**20  # rows held in memory before they go to an unpublished segment file
ROW_GROUP_BYTES = 4 * 2**20  # of uncompressed data: small enough that a lookup by id decodes little text
MAX_ROW_GROUP_ROWS = 128 * 1024
COMPRESSION_GUESS = 4  # uncompressed / Parquet bytes, to size the row groups of a merge
WRITER_MEMORY = "1GB"  # DuckDB's limit when merging segments (it spills to tmp/ beyond)


class StoreError(RuntimeError):
    pass


class StoreNotFound(StoreError):
    pass


class StoreBusy(StoreError):
    pass


class StoreWriteError(StoreError):
    """The disk refused a write (full, read-only, no permission); nothing was published."""


class LegacyStore(StoreError):
    """The path holds a single-file DuckDB store of an earlier version: `python -m analysis migrate`."""


def default_db_path() -> Path:
    return Path(os.environ.get(DB_ENV_VAR) or DEFAULT_DB)


def resolve_db_path(db: str | os.PathLike[str] | None) -> Path:
    return Path(db) if db else default_db_path()


def is_legacy_store(path: Path) -> bool:
    return path.is_file()


def store_exists(path: str | os.PathLike[str]) -> bool:
    """Whether a store has been published at `path` (a writer may have created the folder before)."""
    return (Path(path) / MANIFEST).is_file()


def migrate_hint(path: Path) -> str:
    db = "" if path == LEGACY_DEFAULT_DB else f" --db {path}"
    return f"python -m analysis migrate{db}"


def _check_not_legacy(path: Path) -> None:
    if is_legacy_store(path):
        raise LegacyStore(
            f"{path} is a single-file database from an earlier version; convert it once with "
            f"`{migrate_hint(path)}`"
        )
    if path == DEFAULT_DB and not path.exists() and is_legacy_store(LEGACY_DEFAULT_DB):
        raise LegacyStore(
            f"the database is now the folder {DEFAULT_DB}; convert {LEGACY_DEFAULT_DB} once with "
            f"`python -m analysis migrate`"
        )


# --- reading: snapshots ------------------------------------------------------------------------------


def _column_type(ctype: str) -> str:
    return ctype.replace(" PRIMARY KEY", "")


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _file_list(files: Iterable[Path]) -> str:
    return "[" + ", ".join(_literal(str(f)) for f in files) + "]"


def _key_select(table: str, anywhere: set[str], everywhere: set[str]) -> str:
    """The article key of a keyed table's rows: stored, or computed from the id in segments written
    before the key existed (the same value, see `analysis.store.article_key`)."""
    key, derived = _quote(schema.ARTICLE_KEY), article_key.sql(_quote(schema.KEYED[table]))
    if schema.ARTICLE_KEY in everywhere:
        return key
    if schema.ARTICLE_KEY in anywhere:
        return f"coalesce({key}, {derived}) AS {key}"
    return f"{derived} AS {key}"


def define_tables(
    con: duckdb.DuckDBPyConnection, root: Path, manifest: Manifest,
    staged: dict[str, list[Segment]] | None = None, pending: dict[str, pa.Table] | None = None,
) -> None:
    """Make every table of `manifest` (plus a writer's unpublished rows) a view in `con`."""
    staged, pending = staged or {}, pending or {}
    names = list(dict.fromkeys([*schema.TABLES, *manifest.tables, *staged, *pending]))
    totals_complete = manifest.meta.get(aggregates.COMPLETE_KEY) == aggregates.COMPLETE_VALUE
    for table in names:
        if table == schema.META:
            con.execute(f"CREATE TABLE {schema.META} (key VARCHAR, value VARCHAR)")
            if manifest.meta:
                con.executemany(f"INSERT INTO {schema.META} VALUES (?, ?)", list(manifest.meta.items()))
            continue
        if table == schema.PAIR_ARTICLES and not totals_complete:
            # The pair filter always reads this index: until `migrate` computes it for a store written
            # before it, it is computed from the act and threat sentences (a scan, as the filter was).
            con.execute(f"CREATE VIEW {_quote(table)} AS {aggregates.of_rows(table, schema.SIGNALS)}")
            continue
        segments = [*manifest.tables.get(table, []), *staged.get(table, [])]
        columns = schema.TABLES.get(table)
        parts = []
        if segments:
            files = _file_list(root / s.file for s in segments)
            if columns:
                wanted = [name for name, _ in columns]
                everywhere = set.intersection(*(set(s.columns) for s in segments))
                anywhere = set().union(*(set(s.columns) for s in segments))
                # Segments written before a column was added lack it: it reads as NULL there.
                union = "" if set(wanted) <= everywhere else ", union_by_name = true"
                select = ", ".join(
                    _key_select(table, anywhere, everywhere) if name == schema.ARTICLE_KEY and table in schema.KEYED
                    else _quote(name) if name in anywhere else f"NULL::{_column_type(ctype)} AS {_quote(name)}"
                    for name, ctype in columns
                )
            else:
                select, union = "*", ", union_by_name = true"
            parts.append(f"SELECT {select} FROM read_parquet({files}{union})")
        if table in pending:
            view = f"_pending_{table}"
            con.register(view, pending[table])
            select = ", ".join(_quote(n) for n, _ in columns) if columns else "*"
            parts.append(f"SELECT {select} FROM {view}")
        if parts:
            con.execute(f"CREATE VIEW {_quote(table)} AS {' UNION ALL BY NAME '.join(parts)}")
        elif columns:
            cols = ", ".join(f"{_quote(name)} {_column_type(ctype)}" for name, ctype in columns)
            con.execute(f"CREATE TABLE {_quote(table)} ({cols})")


def _snapshot_connection(threads: int | None = None) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(":memory:", config={"threads": str(threads)} if threads else {})
    # Each query of a view reads the footers of its files again unless they are cached (a few ms each).
    con.execute("SET parquet_metadata_cache = true")
    return con


def open_read_only(db_path: str | os.PathLike[str]) -> duckdb.DuckDBPyConnection:
    """A snapshot of the published store (the caller closes it): it reads the same state until closed,
    takes no lock and never blocks or is blocked by an ingestion. Reopen it to see newer ingestions
    (a snapshot kept past GRACE_SECONDS after a compaction may lose files it lists)."""
    root = Path(db_path)
    _check_not_legacy(root)
    try:
        manifest = read_manifest(root)
    except FileNotFoundError:
        raise StoreNotFound(f"no database at {root}: ingest some articles first") from None
    except (OSError, ValueError, KeyError) as exc:
        raise StoreError(f"cannot read the database at {root} ({exc}); is it a Tension Monitor store?") from exc
    con = _snapshot_connection()
    try:
        define_tables(con, root, manifest)
    except (duckdb.Error, OSError) as exc:
        con.close()
        raise StoreError(f"cannot read the database at {root}: {str(exc).splitlines()[0]}") from exc
    return con


@contextlib.contextmanager
def read_connection(db_path: str | os.PathLike[str]) -> Iterator[duckdb.DuckDBPyConnection]:
    """A snapshot of the published store, closed on exit."""
    con = open_read_only(db_path)
    try:
        yield con
    finally:
        con.close()


def store_version(db_path: str | os.PathLike[str]) -> int | None:
    """Changes whenever a writer publishes (the manifest is a new file each time); None without a store."""
    try:
        st = os.stat(Path(db_path) / MANIFEST)
    except (FileNotFoundError, NotADirectoryError):
        return None
    return hash((st.st_ino, st.st_mtime_ns, st.st_size)) & ((1 << 62) - 1)


# --- rows ----------------------------------------------------------------------------------------


def _arrow_types() -> dict[str, pa.DataType]:
    return {
        "VARCHAR": pa.string(),
        "DATE": pa.date32(),
        "TIMESTAMP": pa.timestamp("us"),
        "DOUBLE": pa.float64(),
        "INTEGER": pa.int32(),
        "BIGINT": pa.int64(),
        "BOOLEAN": pa.bool_(),
        "VARCHAR[]": pa.list_(pa.string()),
        "BOOLEAN": pa.bool_(),
        "BLOB": pa.binary(),
    }


def arrow_schema(table: str) -> pa.Schema:
    types = _arrow_types()
    return pa.schema(
        [(name, types[ctype.split(" ")[0]]) for name, ctype in schema.TABLES[table]]
    )


def extraction_rows(
    results: Iterable[Extraction], ingested_at: dt.datetime
) -> dict[str, list[dict]]:
    """Rows for each table, keyed by schema table name."""
    rows: dict[str, list[dict]] = {
        schema.ARTICLES: [], schema.MENTIONS: [], schema.FIGURES: [], schema.KEYWORDS: [], schema.SIGNALS: [],
        schema.PLACES: [],
    }
    for r in results:
        a = r.article
        rows[schema.ARTICLES].append(
            {
                "id": a.id,
                "url": a.url,
                "source": a.source,
                "title": a.title,
                "published": a.published,
                "date_inferred": a.date_inferred,
                "ingested_at": ingested_at,
                "text": a.text,
                "tone": r.tone,
                "n_sentences": r.n_sentences,
                "origin": a.origin,
                "body_cut": a.body_cut,
            }
        )
        for iso3, count in r.countries.items():
            rows[schema.MENTIONS].append(
                {
                    "article_id": a.id,
                    "country": iso3,
                    "count": count,
                    "tone": r.tone_by_country.get(iso3),
                    "sentences": r.sentences_by_country.get(iso3),
                    "published": a.published,
                    "source": a.source,
                }
            )
        for f in r.figures:
            rows[schema.FIGURES].append(
                {
                    "article_id": a.id,
                    "kind": f.kind,
                    "value": f.value,
                    "qualifier": f.qualifier,
                    "sentence": f.evidence,
                    "start": f.start,
                    "end": f.end,
                    "match_start": f.match_start,
                    "match_end": f.match_end,
                    "countries": list(f.countries),
                    "wording": f.wording,
                    "published": a.published,
                    "source": a.source,
                    "scope": f.scope,
                    "claimant": f.claimant,
                }
            )
        for (place, iso3), count in Counter((p.name, p.iso3) for p in r.places).items():
            rows[schema.PLACES].append(
                {"article_id": a.id, "place": place, "country": iso3, "count": count, "published": a.published,
                 "source": a.source}
            )
        rows[schema.KEYWORDS].extend({"term": term, "article_id": a.id} for term in index_terms(a.text))
        for s in r.signals:
            rows[schema.SIGNALS].append(
                {
                    "article_id": a.id,
                    "kind": s.kind,
                    "sentence": s.evidence,
                    "start": s.start,
                    "end": s.end,
                    "countries": list(s.countries),
                    "published": a.published,
                    "source": a.source,
                }
            )
    return rows


def rows_to_arrow(table: str, rows: list[dict]) -> pa.Table:
    target = arrow_schema(table)
    # Column by column: six times faster than Table.from_pylist, which the main process of an
    # ingestion pays for every article while its workers analyse.
    columns = {name: [row[name] for row in rows] for name in target.names if name != schema.ARTICLE_KEY}
    if table in schema.KEYED:
        columns[schema.ARTICLE_KEY] = article_key.keys_of(pa.array(columns[schema.KEYED[table]], pa.string()))
    return pa.Table.from_pydict(columns, schema=target)


def extraction_tables(results: Iterable[Extraction], ingested_at: dt.datetime | None = None) -> dict[str, pa.Table]:
    """Each table's rows for these results as Arrow tables, ready for `StoreWriter.write_tables`."""
    ingested_at = ingested_at or dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    rows = extraction_rows(results, ingested_at)
    return {table: rows_to_arrow(table, table_rows) for table, table_rows in rows.items()}


def keyword_table(articles: pa.Table) -> pa.Table:
    """The keyword index rows of some articles (for stores and parts written without them)."""
    terms: list[str] = []
    ids: list[str] = []
    for article_id, text in zip(articles.column("id").to_pylist(), articles.column("text").to_pylist()):
        words = index_terms(text or "")
        terms.extend(words)
        ids.extend([article_id] * len(words))
    id_array = pa.array(ids, pa.string())
    return pa.Table.from_arrays([pa.array(terms, pa.string()), id_array, article_key.keys_of(id_array)],
                                schema=arrow_schema(schema.KEYWORDS))


def _sort_keys(table: str, columns: Iterable[str]) -> tuple[str, ...]:
    if table in schema.SEGMENT_ORDER:  # the columns segments written before a column was added lack are left out
        return tuple(k for k in schema.SEGMENT_ORDER[table] if k in columns)
    return ("published",) if "published" in columns else ()


def _describe_os_error(exc: OSError, root: Path) -> str:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        why = "the disk is full"
        todo = "free some space and run it again"
    elif exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        why = f"the folder cannot be written ({exc.strerror})"
        todo = "check the path and its permissions"
    else:
        why = f"{exc.strerror or exc}"
        todo = "run it again"
    return f"cannot write to {root}: {why}; nothing was published, the store is as it was: {todo}"


# --- writing -------------------------------------------------------------------------------------


class StoreWriter:
    """Writes batches as new segments and publishes them atomically; one writer per store at a time.

    Use as a context manager: on a clean exit everything written is published; on an exception
    nothing more is published (earlier periodic publishes stay) and the unpublished files are removed.

    - `write(results)` / `write_tables({table: arrow_table})`: a batch of articles and their rows in any
      tables (those of `schema.TABLES`, including new ones), leaving out articles already stored.
    - `append(table, arrow_table)`: rows of a derived layer (no de-duplication), published with the batch.
    - `reader()`: a connection that sees the published store plus everything written so far.
    """

    def __init__(self, db_path: str | os.PathLike[str], publish_every: float = 30.0, threads: int | None = None,
                 grace_seconds: float = GRACE_SECONDS) -> None:
        self.path = Path(db_path)
        self.threads = threads
        self.publish_every = publish_every
        self.grace_seconds = grace_seconds
        self.tmp = self.path / TMP
        self.manifest = Manifest()
        self.known_ids = ids_index.KnownIds()
        self._lock_file = None
        self._pending: dict[str, list[pa.Table]] = {}
        self._pending_bytes = 0
        self._staged: dict[str, list[Segment]] = {}
        self._last_publish = time.monotonic()
        self._last_ingest: str | None = None
        self.meta: dict[str, str] = {}  # published into the manifest's meta (read as the meta table)
        self._db: duckdb.DuckDBPyConnection | None = None
        self._totals_complete = False  # every stored article is in the daily totals (analysis.store.aggregates)
        self._replaced: set[str] = set()  # tables whose published segments the next publish drops
        # This ingestion's own rows once published midway (`reader(published=False)` reads them with the unpublished
        # ones): the segments it published, or that compaction merged them into, and the ids of the articles it wrote.
        self._own: dict[str, list[Segment]] = {}
        self._own_ids: list[pa.Array] = []
        # Whether every article published before this writer opened had its link: then the articles to link are
        # exactly the ones it writes (`analysis.monitor.story_store`).
        self.opened_linked = True

    # -- lifecycle

    def __enter__(self) -> StoreWriter:
        _check_not_legacy(self.path)
        if self.path.is_dir() and not store_exists(self.path):
            foreign = sorted(p.name for p in self.path.iterdir() if p.name not in (SEGMENTS, TMP, LOCK))
            if foreign:
                raise StoreError(f"{self.path} is a folder that is not a store (it holds {', '.join(foreign[:3])}); "
                                 "give a new folder or an existing store")
        try:
            for folder in (self.path, self.path / SEGMENTS, self.tmp):
                folder.mkdir(parents=True, exist_ok=True)
            self._lock_file = open(self.path / LOCK, "a")
        except OSError as exc:
            raise StoreWriteError(_describe_os_error(exc, self.path)) from exc
        try:
            fcntl.flock(self._lock_file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self._unlock()
            raise StoreBusy(f"another ingestion is writing to {self.path}; try again when it ends") from None
        try:
            self._clear_tmp()
            if (self.path / MANIFEST).exists():
                try:
                    self.manifest = read_manifest(self.path)
                except (OSError, ValueError, KeyError) as exc:
                    raise StoreError(f"cannot read {self.path / MANIFEST} ({exc}); is it a Tension Monitor store?") from exc
            self._remove_unlisted_segments()
            self.known_ids = self._stored_ids()
            self.opened_linked = self.published_rows(schema.ARTICLES) == self.published_rows(schema.ARTICLE_LINKS)
            self._totals_complete = (not self.manifest.tables.get(schema.ARTICLES)
                                     or self.manifest.meta.get(aggregates.COMPLETE_KEY) == aggregates.COMPLETE_VALUE)
        except BaseException:
            self._unlock()
            raise
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            if exc_type is None:
                self.publish()
        except BaseException:
            self._discard()
            raise
        else:
            if exc_type is not None:
                self._discard()
                # A full or read-only disk met while writing rows elsewhere (a derived layer's files) is
                # this store's failure too; other OS errors (an input file) keep their own message.
                if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EROFS):
                    raise StoreWriteError(_describe_os_error(exc, self.path)) from exc
        finally:
            if self._db is not None:
                self._db.close()
                self._db = None
            self._unlock()

    def _unlock(self) -> None:
        if self._lock_file is not None:
            fcntl.flock(self._lock_file, fcntl.LOCK_UN)
            self._lock_file.close()
            self._lock_file = None

    def _discard(self) -> None:
        self._pending.clear()
        self._pending_bytes = 0
        self._staged.clear()
        self._clear_tmp()

    def _clear_tmp(self) -> None:
        # What is here was never published: this writer's own leftovers, or a killed writer's.
        for leftover in self.tmp.iterdir() if self.tmp.is_dir() else ():
            if leftover.is_dir():
                shutil.rmtree(leftover, ignore_errors=True)
            else:
                leftover.unlink(missing_ok=True)

    def _remove_unlisted_segments(self) -> None:
        """Segments a killed writer moved in but never listed; no reader can know of them."""
        keep = self.manifest.files() | {f for f, _ in self.manifest.retired}
        for table_dir in (self.path / SEGMENTS).iterdir():
            for f in table_dir.iterdir():
                name = str(f.relative_to(self.path)).removesuffix(ids_index.SUFFIX)  # a sidecar goes with its segment
                if name not in keep:
                    f.unlink(missing_ok=True)

    def _stored_ids(self) -> ids_index.KnownIds:
        """The stored articles' ids as their sidecars (mapped, not read; see `analysis.store.known_ids`)."""
        return ids_index.KnownIds(self.path / s.file for s in self.manifest.tables.get(schema.ARTICLES, []))

    def _duckdb(self) -> duckdb.DuckDBPyConnection:
        if self._db is None:
            config = {"memory_limit": WRITER_MEMORY, "temp_directory": str(self.tmp / "spill"),
                      "preserve_insertion_order": "false"}
            if self.threads:
                config["threads"] = str(self.threads)
            self._db = duckdb.connect(":memory:", config=config)
        return self._db

    # -- writing rows

    def write(self, results: Iterable[Extraction]) -> int:
        """Write one batch; returns how many articles were new."""
        return self.write_tables(extraction_tables(results))

    def write_tables(self, tables: dict[str, pa.Table]) -> int:
        """Write one batch of rows (articles and the rows of any other tables, e.g. from Parquet parts),
        leaving out articles already in the store; returns how many articles were new."""
        articles = tables[schema.ARTICLES]
        batch_ids = articles.column("id").to_pylist()
        stored = self.known_ids.contains(batch_ids)
        fresh = list(dict.fromkeys(i for i, known in zip(batch_ids, stored) if not known))
        if not fresh:
            return 0
        self.known_ids.add(fresh)
        if schema.KEYWORDS not in tables:
            tables = {**tables, schema.KEYWORDS: keyword_table(articles)}
        if len(fresh) < articles.num_rows:
            wanted = pa.array(fresh)
            tables = {table: _rows_of(table, data, wanted) for table, data in tables.items()}
        # Two copies of one article in the same batch (a wire story twice in one archive) give the same rows.
        if tables[schema.ARTICLES].num_rows > len(fresh):
            tables = {table: self._distinct(table, data) for table, data in tables.items()}
        if self._totals_complete:
            tables = {**tables, **self._daily_totals(tables)}
        try:
            for table, data in tables.items():
                if table != schema.META:
                    self._stage(table, data)
            if self._totals_complete and schema.ARTICLE_LINKS in tables:
                self._stage_link_totals(tables[schema.ARTICLE_LINKS])
        except BaseException:
            self.known_ids.discard(fresh)
            raise
        self._last_ingest = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        if time.monotonic() - self._last_publish >= self.publish_every:
            self.publish()
        return len(fresh)

    def append(self, table: str, data: pa.Table) -> None:
        """Add rows to `table` (a derived layer: stories, copies, an index), published atomically with
        this ingestion's articles. No de-duplication: the caller appends what is new."""
        if table == schema.META:
            raise ValueError("meta is kept in the manifest")
        if table == schema.ARTICLE_LINKS:
            self._stage(table, data)
            if self._totals_complete:  # the totals of stories and incidents are summed from each batch's links
                self._stage_link_totals(data)
            return
        if table in schema.AGGREGATES.values() and data.num_rows:
            self._totals_complete = False  # rows that bypass the totals: `rebuild_daily_totals` makes them whole
        self._stage(table, data)

    def _stage_link_totals(self, links: pa.Table) -> None:
        """The totals summed from a batch's story links (`aggregates`: incidents per story, stories per day),
        with their articles' reports as this writer sees them (stored, or written by this ingestion)."""
        if not links.num_rows:
            return
        days = pc.min_max(links.column("day"))
        first, last = days["min"].as_py(), days["max"].as_py()
        # A dated report's article has that date as its day: the reports of the links' days are all it needs.
        figures = (f"(SELECT * FROM {schema.FIGURES} WHERE published BETWEEN DATE '{first.isoformat()}' "
                   f"AND DATE '{last.isoformat()}')") if first else f"(SELECT * FROM {schema.FIGURES} WHERE FALSE)"
        con = self.reader()
        try:
            con.register("_batch_links", links)
            totals = {total: con.sql(aggregates.of_rows(total, "_batch_links", figures=figures)).to_arrow_table()
                      for total, source in schema.AGGREGATES.items() if source == schema.ARTICLE_LINKS}
        finally:
            con.close()
        for total, data in totals.items():
            self._stage(total, data)

    def _daily_totals(self, tables: dict[str, pa.Table]) -> dict[str, pa.Table]:
        """The daily totals of one batch's rows (analysis.store.aggregates)."""
        con = self._duckdb()
        out = {}
        con.register("_batch_mentions", tables.get(schema.MENTIONS, arrow_schema(schema.MENTIONS).empty_table()))
        try:
            for total, source in schema.AGGREGATES.items():
                if source in tables and tables[source].num_rows and source != schema.ARTICLE_LINKS:
                    con.register("_batch_rows", tables[source])
                    try:
                        out[total] = con.sql(aggregates.of_rows(total, "_batch_rows", "_batch_mentions")).to_arrow_table()
                    finally:
                        con.unregister("_batch_rows")
        finally:
            con.unregister("_batch_mentions")
        return out

    def rebuild_daily_totals(self, tables: Iterable[str] | None = None) -> None:
        """Compute the daily totals of the whole store (plus this writer's rows) again, replacing the
        published ones in the next publish: how a store written before them gains them. With `tables`, those
        only (`aggregates.stale`: the others are complete already, and this writer has appended nothing)."""
        tables = list(schema.AGGREGATES if tables is None else tables)
        for total in tables:
            self._pending.pop(total, None)
            self._staged.pop(total, None)
        con = self.reader()
        try:
            totals = {total: con.sql(aggregates.of_all_rows(total)).to_arrow_table() for total in tables}
        finally:
            con.close()
        self._replaced.update(totals)
        for total, data in totals.items():
            self._stage(total, data)
        self._totals_complete = True

    def _distinct(self, table: str, data: pa.Table) -> pa.Table:
        con = self._duckdb()
        keys = schema.ROW_KEYS.get(table)
        pick = f"DISTINCT ON ({', '.join(_quote(k) for k in keys)}) *" if keys else "DISTINCT *"
        con.register("_incoming", data)
        try:
            return con.sql(f"SELECT {pick} FROM _incoming").to_arrow_table().cast(data.schema)
        finally:
            con.unregister("_incoming")

    def _stage(self, table: str, data: pa.Table) -> None:
        if table in schema.TABLES:
            target = arrow_schema(table)
            if table in schema.KEYED and schema.KEYED[table] in data.column_names:
                # Derived, so always computed here: a caller's rows (copies with new ids, an old store's
                # rows) can never carry a key that disagrees with their id.
                keys = article_key.keys_of(data.column(schema.KEYED[table]))
                if schema.ARTICLE_KEY in data.column_names:
                    data = data.drop_columns([schema.ARTICLE_KEY])
                data = data.append_column(schema.ARTICLE_KEY, keys)
            missing = [n for n in target.names if n not in data.column_names]
            if missing:
                raise ValueError(f"rows for {table} lack the columns {', '.join(missing)}")
            data = data.select(target.names).cast(target)
        if data.num_rows == 0:
            return
        self._pending.setdefault(table, []).append(data)
        self._pending_bytes += data.nbytes
        if self._pending_bytes >= SPILL_BYTES:
            self._spill()

    def _spill(self) -> None:
        """Write the rows held in memory to unpublished segment files in tmp/ (bounded memory)."""
        with self._writing():
            for table, parts in self._pending.items():
                data = pa.concat_tables(parts)
                keys = _sort_keys(table, data.column_names)
                if keys:
                    data = data.sort_by([(k, "ascending", "at_end") for k in keys])
                target = self.tmp / f"{table}-{uuid.uuid4().hex}.parquet"
                pq.write_table(data, target, compression="zstd",
                               row_group_size=_row_group_rows(data.nbytes, data.num_rows))
                fsync_file(target)
                if table == schema.ARTICLES:
                    self._own_ids.append(data.column("id").combine_chunks())
                    packed = ids_index.pack(data.column("id"))
                    if packed is not None:
                        ids_index.write_sidecar(target, packed)
                        self.known_ids.absorb(packed)
                self._staged.setdefault(table, []).append(
                    Segment(str(target.relative_to(self.path)), data.num_rows, target.stat().st_size, tuple(data.column_names))
                )
        self._pending.clear()
        self._pending_bytes = 0

    @contextlib.contextmanager
    def _writing(self) -> Iterator[None]:
        try:
            yield
        except OSError as exc:
            raise StoreWriteError(_describe_os_error(exc, self.path)) from exc

    # -- publishing

    def publish(self) -> None:
        """Make everything written so far visible to readers, atomically (one manifest rename)."""
        self._spill()
        if (not self._staged and self.manifest.version and self._last_ingest is None and not self.meta
                and not self._replaced):
            self._last_publish = time.monotonic()
            return
        with self._writing():
            manifest = Manifest(self.manifest.version + 1, {t: list(s) for t, s in self.manifest.tables.items()},
                                dict(self.manifest.meta), list(self.manifest.retired))
            moved: list[Path] = []
            own: dict[str, list[Segment]] = {}
            for table in self._replaced:
                manifest.retired.extend((s.file, time.time()) for s in manifest.tables.pop(table, []))
            try:
                for table, segments in self._staged.items():
                    folder = self.path / SEGMENTS / table
                    folder.mkdir(exist_ok=True)
                    for seg in segments:
                        final = folder / f"{manifest.version:08d}-{uuid.uuid4().hex[:12]}.parquet"
                        os.replace(self.path / seg.file, final)
                        moved.append(final)
                        if ids_index.sidecar(self.path / seg.file).exists():
                            os.replace(ids_index.sidecar(self.path / seg.file), ids_index.sidecar(final))
                            moved.append(ids_index.sidecar(final))
                        published = Segment(str(final.relative_to(self.path)), seg.rows, seg.bytes, seg.columns)
                        manifest.tables.setdefault(table, []).append(published)
                        own.setdefault(table, []).append(published)
                    fsync_dir(folder)
                manifest.meta.update(self.meta)
                manifest.meta["schema_version"] = schema.SCHEMA_VERSION
                if self._totals_complete:
                    manifest.meta[aggregates.COMPLETE_KEY] = aggregates.COMPLETE_VALUE
                else:
                    manifest.meta.pop(aggregates.COMPLETE_KEY, None)
                if self._last_ingest:
                    manifest.meta["last_ingest"] = self._last_ingest
                self._commit(manifest)
            except BaseException:
                for f in moved:  # listed nowhere: no reader can have seen them
                    f.unlink(missing_ok=True)
                raise
            self._staged.clear()
            self._replaced.clear()
            self._last_ingest = None
            for table, segments in own.items():
                self._own.setdefault(table, []).extend(segments)
            self._compact()
        self._last_publish = time.monotonic()

    def _commit(self, manifest: Manifest) -> None:
        """Publish `manifest`, then delete the replaced segments no reader can still be reading."""
        now = time.time()
        expired = [f for f, at in manifest.retired if now - at >= self.grace_seconds]
        manifest.retired = [(f, at) for f, at in manifest.retired if now - at < self.grace_seconds]
        write_manifest(self.path, manifest)
        self.manifest = manifest
        for f in expired:
            (self.path / f).unlink(missing_ok=True)
            ids_index.sidecar(self.path / f).unlink(missing_ok=True)

    def _compact(self) -> None:
        """Merge small segments. The batch is published already: a merge that fails (a full disk) only
        leaves the segments as they were, to be merged by a later publish."""
        for table, segments in list(self.manifest.tables.items()):
            for group in plan_merges(segments):
                merged: Segment | None = None
                try:
                    merged = self._merge(table, group)
                    manifest = Manifest(self.manifest.version + 1, {t: list(s) for t, s in self.manifest.tables.items()},
                                        dict(self.manifest.meta), list(self.manifest.retired))
                    gone = {s.file for s in group}
                    kept = [s for s in manifest.tables[table] if s.file not in gone]
                    manifest.tables[table] = [merged, *kept]  # the merged rows are the oldest
                    manifest.retired.extend((f, time.time()) for f in sorted(gone))
                    self._commit(manifest)
                    mine = self._own.get(table, [])
                    if any(s.file in gone for s in mine):  # its rows now live in the merged segment
                        self._own[table] = [*(s for s in mine if s.file not in gone), merged]
                except (OSError, duckdb.Error) as exc:
                    log.warning("could not merge %d segments of %s (%s); they stay as they are", len(group), table, exc)
                    if merged is not None and merged.file not in self.manifest.files():
                        (self.path / merged.file).unlink(missing_ok=True)
                        ids_index.sidecar(self.path / merged.file).unlink(missing_ok=True)
                    self._clear_tmp()
                    return

    def _merge(self, table: str, group: list[Segment]) -> Segment:
        con = self._duckdb()
        columns = list(dict.fromkeys(c for s in group for c in s.columns))
        keys = _sort_keys(table, columns)
        order = f" ORDER BY {', '.join(_quote(k) + ' NULLS LAST' for k in keys)}" if keys else ""
        target = self.tmp / f"{table}-merge-{uuid.uuid4().hex}.parquet"
        files = _file_list(self.path / s.file for s in group)
        select = "*"
        if table in schema.KEYED and schema.KEYED[table] in columns:
            # Rows of segments written before the key existed get it here, so the merged segment has it everywhere.
            everywhere = set.intersection(*(set(s.columns) for s in group))
            if schema.ARTICLE_KEY not in everywhere:
                key = _key_select(table, set(columns), everywhere)
                if schema.ARTICLE_KEY in columns:
                    select = f"* REPLACE ({key})"
                else:
                    select = f"*, {key}"
                    columns.append(schema.ARTICLE_KEY)
        rows = f"SELECT {select} FROM read_parquet({files}, union_by_name = true)"
        if table in schema.AGGREGATES:  # totals of totals: a merge also sums the rows of the same day
            rows = aggregates.summed(table, rows)
        con.execute(
            f"COPY ({rows}{order}) TO {_literal(str(target))} "
            f"(FORMAT parquet, COMPRESSION zstd, "
            f"ROW_GROUP_SIZE {_row_group_rows(sum(s.bytes for s in group) * COMPRESSION_GUESS, sum(s.rows for s in group))})"
        )
        fsync_file(target)
        final = self.path / SEGMENTS / table / f"{self.manifest.version + 1:08d}-{uuid.uuid4().hex[:12]}.parquet"
        if table == schema.ARTICLES:
            packed = ids_index.pack(pq.ParquetFile(target).read(columns=["id"]).column("id"))
            if packed is not None:
                os.replace(ids_index.write_sidecar(target, packed), ids_index.sidecar(final))
        os.replace(target, final)
        fsync_dir(final.parent)
        rows = pq.ParquetFile(final).metadata.num_rows  # a merge of daily totals sums rows of the same day
        return Segment(str(final.relative_to(self.path)), rows, final.stat().st_size, tuple(columns))

    # -- reading what this ingestion wrote

    def reader(self, published: bool = True) -> duckdb.DuckDBPyConnection:
        """A connection that sees the published store plus this ingestion's unpublished rows (e.g. to
        cluster a new batch against the stories already stored); the caller closes it. With `published`
        false, this ingestion's rows alone, published midway (every `publish_every` seconds of a long one)
        or not: reading the batch's own rows then costs the batch, where the whole store's articles hold them
        among a million others. A segment that compaction merged this ingestion's rows into brings the rows
        merged with them along: select the articles by `written_ids`."""
        con = _snapshot_connection(self.threads)
        # An ingestion's derived layers join the store's rows (copy keys, story windows): DuckDB's share of
        # the writer's memory stays bounded, spilling to tmp/ beyond, whatever the store holds.
        con.execute(f"SET memory_limit = '{WRITER_MEMORY}'")
        con.execute(f"SET temp_directory = {_literal(str(self.tmp / 'spill'))}")
        pending = {t: pa.concat_tables(parts) for t, parts in self._pending.items() if parts}
        define_tables(con, self.path, self.manifest if published else Manifest(tables=self._own), self._staged, pending)
        return con

    def written_ids(self) -> pa.Array:
        """The ids of the articles this ingestion wrote (published midway or not)."""
        pending = [t.column("id") for t in self._pending.get(schema.ARTICLES, [])]
        chunks = [*self._own_ids, *(c for col in pending for c in col.chunks)]
        return pa.concat_arrays([c.cast(pa.string()) for c in chunks]) if chunks else pa.array([], pa.string())

    def published_rows(self, table: str) -> int:
        """Rows of `table` in the published store, from the manifest (nothing is read)."""
        return sum(s.rows for s in self.manifest.tables.get(table, []))


def _row_group_rows(nbytes: int, rows: int) -> int:
    per_row = max(1, nbytes // max(rows, 1))
    return max(256, min(MAX_ROW_GROUP_ROWS, ROW_GROUP_BYTES // per_row))


def _rows_of(table: str, data: pa.Table, wanted: pa.Array) -> pa.Table:
    """The rows of a table that belong to the `wanted` articles (tables not keyed by article pass whole)."""
    key = "id" if table == schema.ARTICLES else "article_id"
    return data.filter(pc.is_in(data.column(key), wanted)) if key in data.column_names else data
