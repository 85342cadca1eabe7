"""Every chart's data, from `analysis.store.queries`, cached per query, filter and version of the store.

Each ingestion publishes a new manifest (see `analysis.store.parquet_store`), whose file identity is the store's version:
a new ingestion changes the cache key and the next rerun reads the new data. The time-to-live bounds how
long a cached answer can be served at all, and `refresh()` drops everything.

Reads never fail because a writer published: a snapshot reads only files that no writer changes, and the
one a query started on is never closed under it (when the store moves on, the old snapshot is dropped
and freed once its last query ends). Any error that is real (no store, an old-format file, a damaged
or vanished file) reaches the page as `StoreUnavailable`: one sentence saying what to do.
"""
from __future__ import annotations

import datetime as dt
import logging
import threading
from pathlib import Path
from typing import Any

import duckdb
import streamlit as st

from analysis.store import queries

from analysis.monitor import tension_queries
from analysis.store.parquet_store import LegacyStore, StoreError, StoreNotFound, open_read_only, store_version

CACHE_TTL_SECONDS = 60
FIGURE_POINTS = 2000  # beyond this many reports, the tallies chart shows the highest report of each day
EVIDENCE_ROWS = 5000  # newest reports listed under the tallies (the CSV has them all)
ARTICLE_ROWS = 500  # newest articles in the table

log = logging.getLogger("dashboard.data")


class StoreUnavailable(Exception):
    """The store cannot be read just now; the message is a sentence for the visitor, with what to do."""


def database_version(db_path: Path) -> int | None:
    """The store's version (changes whenever an ingestion publishes), or None when there is no store yet."""
    return store_version(db_path)


_snapshots: dict[str, tuple[int, duckdb.DuckDBPyConnection]] = {}
_snapshots_lock = threading.Lock()


def _snapshot(db_path: str) -> tuple[int, duckdb.DuckDBPyConnection]:
    """The current snapshot of a store and its version: one per store, shared by every session, renewed
    when the store changes.

    Opening one costs a few milliseconds and the Parquet footers it caches save more on each query, so it
    stays open; each query takes its own cursor, which is how DuckDB shares a connection between threads.
    The previous snapshot is not closed: another session's page may still be querying it (closing it was
    what made pages fail while an ingestion published); its cursors keep it alive until they finish.
    """
    version = store_version(db_path) or 0
    with _snapshots_lock:
        current = _snapshots.get(db_path)
        if current and current[0] == version:
            return current
        _snapshots[db_path] = (version, open_read_only(db_path))
        return _snapshots[db_path]


def _forget(db_path: str) -> None:
    with _snapshots_lock:
        _snapshots.pop(db_path, None)


def close_connections() -> None:
    with _snapshots_lock:
        _snapshots.clear()


def _sentence(exc: BaseException, db_path: str) -> str:
    if isinstance(exc, LegacyStore):
        return f"The database needs a one-time conversion: {exc}. Then reload this page."
    if isinstance(exc, StoreNotFound):
        return f"There is no database at {db_path} any more. Ingest articles into it, then reload this page."
    return (f"The database at {db_path} could not be read just now ({type(exc).__name__}). Reload the page in a "
            "moment; if this persists, check that the folder is readable and run `python -m analysis stats`.")


def _module(name: str) -> Any:
    """Where a query lives: `analysis.store.queries`, or the tension index's own (`analysis.monitor.tension_queries`)."""
    return queries if hasattr(queries, name) else tension_queries


def _query(con: duckdb.DuckDBPyConnection, name: str, args: tuple, kwargs: tuple) -> Any:
    with con.cursor() as cursor:
        return getattr(_module(name), name)(cursor, *args, **dict(kwargs))


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False, max_entries=2000)
def _run(name: str, db_path: str, version: int, args: tuple, kwargs: tuple, _con: duckdb.DuckDBPyConnection) -> Any:
    # `_con` (not hashed) is the snapshot of `version` that the whole page reads, so that its charts agree.
    try:
        return _query(_con, name, args, kwargs)
    except (duckdb.Error, OSError) as first:
        # A snapshot held past the grace period can miss a file that compaction replaced: read the
        # current snapshot once more before calling it an error.
        log.warning("query %s failed on %s (%s); retrying on a fresh snapshot", name, db_path, first)
        _forget(db_path)
        try:
            return _query(_snapshot(db_path)[1], name, args, kwargs)
        except (duckdb.Error, OSError, StoreError) as exc:
            log.exception("query %s failed on %s", name, db_path)
            raise StoreUnavailable(_sentence(exc, db_path)) from exc


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False)
def _loaded_at(db_path: str, version: int) -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


class StoreView:
    """The dashboard's window on one snapshot of a store: `view.query("mentions_by_country", flt, top_n=10)`.
    Every query of one view reads the same snapshot, so the numbers on a page always agree."""

    def __init__(self, db_path: Path) -> None:
        self.db_path = Path(db_path)
        self.version = database_version(self.db_path)
        self._con: duckdb.DuckDBPyConnection | None = None

    @property
    def exists(self) -> bool:
        return self.version is not None

    def problem(self) -> str | None:
        """Why this store cannot be shown at all (an old-format file), as a sentence; None when it can."""
        try:
            self._connection()
        except StoreNotFound:
            return None
        except StoreError as exc:
            return _sentence(exc, str(self.db_path))
        return None

    def _connection(self) -> duckdb.DuckDBPyConnection:
        if self._con is None:
            self.version, self._con = _snapshot(str(self.db_path))
        return self._con

    def query(self, name: str, *args: Any, **kwargs: Any) -> Any:
        if not hasattr(_module(name), name):
            raise AttributeError(f"analysis.store.queries and analysis.monitor.tension_queries have no query {name!r}")
        try:
            con = self._connection()
        except StoreError as exc:
            raise StoreUnavailable(_sentence(exc, str(self.db_path))) from exc
        return _run(name, str(self.db_path), self.version or 0, args, tuple(sorted(kwargs.items())), con)

    @property
    def loaded_at(self) -> dt.datetime:
        return _loaded_at(str(self.db_path), self.version or 0)


def refresh() -> None:
    _run.clear()
    _loaded_at.clear()
    close_connections()
