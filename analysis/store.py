"""The embedded DuckDB store: one file, written only through a staging copy.

DuckDB lets one process hold a database file for writing, and while it does no other process can open the
file at all, not even read-only. So the published file (`data/tension.duckdb`) is never opened for
writing: an ingestion copies it to a staging file next to it, writes its batches there (each batch in a
transaction), checkpoints, and atomically renames the staging file over the published one. Readers (the
dashboard, `stats`) open the published file read-only and always see a complete state: the one before the
ingestion or the one after. An ingestion killed half-way leaves only a stale staging file, which the next
run discards; as articles are keyed by the hash of their body, running it again completes it with no
duplicate.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import os
import shutil
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from . import schema
from .models import Extraction

DB_ENV_VAR = "TENSION_DB"
DEFAULT_DB = Path("data") / "tension.duckdb"


class StoreError(RuntimeError):
    pass


class StoreNotFound(StoreError):
    pass


class StoreBusy(StoreError):
    pass


def default_db_path() -> Path:
    return Path(os.environ.get(DB_ENV_VAR) or DEFAULT_DB)


def resolve_db_path(db: str | os.PathLike[str] | None) -> Path:
    return Path(db) if db else default_db_path()


def open_read_only(db_path: str | os.PathLike[str]) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the published database (the caller closes it); never blocks an ingestion."""
    path = Path(db_path)
    if not path.exists():
        raise StoreNotFound(f"no database at {path}: ingest some articles first")
    return duckdb.connect(str(path), read_only=True)


@contextlib.contextmanager
def read_connection(db_path: str | os.PathLike[str]) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection to the published database, closed on exit."""
    con = open_read_only(db_path)
    try:
        yield con
    finally:
        con.close()


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    for statement in schema.create_statements():
        con.execute(statement)
    con.execute(
        f"INSERT OR REPLACE INTO {schema.META} VALUES ('schema_version', ?)", [schema.SCHEMA_VERSION]
    )


def _arrow_types() -> dict[str, pa.DataType]:
    return {
        "VARCHAR": pa.string(),
        "DATE": pa.date32(),
        "TIMESTAMP": pa.timestamp("us"),
        "DOUBLE": pa.float64(),
        "INTEGER": pa.int32(),
        "BIGINT": pa.int64(),
        "VARCHAR[]": pa.list_(pa.string()),
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
    rows: dict[str, list[dict]] = {schema.ARTICLES: [], schema.MENTIONS: [], schema.FIGURES: []}
    for r in results:
        a = r.article
        rows[schema.ARTICLES].append(
            {
                "id": a.id,
                "url": a.url,
                "source": a.source,
                "title": a.title,
                "published": a.published,
                "ingested_at": ingested_at,
                "text": a.text,
                "tone": r.tone,
                "n_sentences": r.n_sentences,
                "origin": a.origin,
            }
        )
        for iso3, count in r.countries.items():
            rows[schema.MENTIONS].append(
                {
                    "article_id": a.id,
                    "country": iso3,
                    "count": count,
                    "tone": r.tone_by_country.get(iso3),
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
                    "published": a.published,
                    "source": a.source,
                }
            )
    return rows


def rows_to_arrow(table: str, rows: list[dict]) -> pa.Table:
    target = arrow_schema(table)
    # Column by column: six times faster than Table.from_pylist, which the main process of an
    # ingestion pays for every article while its workers analyse.
    return pa.Table.from_pydict({name: [row[name] for row in rows] for name in target.names}, schema=target)


def extraction_tables(results: Iterable[Extraction], ingested_at: dt.datetime | None = None) -> dict[str, pa.Table]:
    """Each table's rows for these results as Arrow tables, ready for `StoreWriter.write_tables`."""
    ingested_at = ingested_at or dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    rows = extraction_rows(results, ingested_at)
    return {table: rows_to_arrow(table, table_rows) for table, table_rows in rows.items()}


def insert_arrow(con: duckdb.DuckDBPyConnection, table: str, data: pa.Table, distinct: bool = False) -> None:
    """Insert rows; with `distinct`, one row per key (schema.ROW_KEYS) where the batch repeats an article."""
    if data.num_rows == 0:
        return
    cols = ", ".join(f'"{c}"' for c in schema.column_names(table))
    pick = f"DISTINCT ON ({', '.join(schema.ROW_KEYS[table])}) " if distinct else ""
    con.register("_incoming", data)
    try:
        con.execute(f"INSERT INTO {table} ({cols}) SELECT {pick}{cols} FROM _incoming")
    finally:
        con.unregister("_incoming")


class StoreWriter:
    """Writes batches to a staging copy and publishes it atomically.

    Use as a context manager: on a clean exit the staging file replaces the published one; on an
    exception nothing is published and the staging file is removed.
    """

    def __init__(self, db_path: str | os.PathLike[str], publish_every: float = 30.0, threads: int | None = None) -> None:
        self.path = Path(db_path)
        self.threads = threads
        self.staging = self.path.with_name(self.path.name + ".staging")
        self.lock_path = self.path.with_name(self.path.name + ".lock")
        self.publish_every = publish_every
        self._con: duckdb.DuckDBPyConnection | None = None
        self._lock_file = None
        self._last_publish = time.monotonic()
        self.known_ids: set[str] = set()

    def __enter__(self) -> StoreWriter:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock_file = open(self.lock_path, "w")
        try:
            fcntl.flock(self._lock_file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self._lock_file.close()
            raise StoreBusy(f"another ingestion is writing to {self.path}; try again when it ends")
        self._open_staging()
        return self

    def _open_staging(self) -> None:
        # A staging file left here belongs to an ingestion that died: what it wrote was never published.
        for stale in (self.staging, Path(str(self.staging) + ".wal")):
            stale.unlink(missing_ok=True)
        if self.path.exists():
            shutil.copyfile(self.path, self.staging)
        self._con = self._connect()
        ensure_schema(self._con)
        self.known_ids = {
            row[0] for row in self._con.execute(f"SELECT id FROM {schema.ARTICLES}").fetchall()
        }

    def _connect(self) -> duckdb.DuckDBPyConnection:
        config = {"threads": self.threads} if self.threads else {}
        return duckdb.connect(str(self.staging), config=config)

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        assert self._con is not None, "StoreWriter used outside its context"
        return self._con

    def write(self, results: Iterable[Extraction]) -> int:
        """Write one batch in a transaction; returns how many articles were new."""
        return self.write_tables(extraction_tables(results))

    def write_tables(self, tables: dict[str, pa.Table]) -> int:
        """Write one batch of rows (articles, mentions, figures, e.g. from Parquet parts) in a transaction,
        leaving out articles already in the store; returns how many articles were new."""
        articles = tables[schema.ARTICLES]
        fresh: list[str] = []
        for article_id in articles.column("id").to_pylist():
            if article_id not in self.known_ids:
                self.known_ids.add(article_id)
                fresh.append(article_id)
        if not fresh:
            return 0
        if len(fresh) < articles.num_rows:
            wanted = pa.array(fresh)
            tables = {
                table: data.filter(pc.is_in(data.column("id" if table == schema.ARTICLES else "article_id"), wanted))
                for table, data in tables.items()
            }
        # Two copies of one article in the same batch (a wire story twice in one archive) give the same rows.
        twice = tables[schema.ARTICLES].num_rows > len(fresh)
        self.con.execute("BEGIN TRANSACTION")
        try:
            for table, data in tables.items():
                insert_arrow(self.con, table, data, distinct=twice)
            self.con.execute(
                f"INSERT OR REPLACE INTO {schema.META} VALUES ('last_ingest', ?)",
                [dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")],
            )
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            self.known_ids.difference_update(fresh)
            raise
        if time.monotonic() - self._last_publish >= self.publish_every:
            self.publish(keep_open=True)
        return len(fresh)

    def publish(self, keep_open: bool = False) -> None:
        """Make everything written so far visible to readers, atomically."""
        self.con.execute("CHECKPOINT")
        self.con.close()
        self._con = None
        if keep_open:
            tmp = self.path.with_name(self.path.name + ".publishing")
            shutil.copyfile(self.staging, tmp)
            _fsync(tmp)
            os.replace(tmp, self.path)
            self._con = self._connect()
        else:
            _fsync(self.staging)
            os.replace(self.staging, self.path)
        _fsync_dir(self.path.parent)
        self._last_publish = time.monotonic()

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            if exc_type is None:
                self.publish()
            else:
                if self._con is not None:
                    self._con.close()
                    self._con = None
                self.staging.unlink(missing_ok=True)
        finally:
            if self._lock_file is not None:
                fcntl.flock(self._lock_file, fcntl.LOCK_UN)
                self._lock_file.close()
                self._lock_file = None


def _fsync(path: Path) -> None:
    with open(path, "rb") as f:
        os.fsync(f.fileno())


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
