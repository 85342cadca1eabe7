"""Every chart's data, from `analysis.queries`, cached per query, filter and version of the database.

The store is replaced atomically by each ingestion (see `analysis.store`), so the file's modification
time is its version: a new ingestion changes the cache key and the next rerun reads the new data. The
time-to-live bounds how long a cached answer can be served at all, and `refresh()` drops everything.
"""
from __future__ import annotations

import datetime as dt
import os
import threading
from pathlib import Path
from typing import Any

import duckdb
import streamlit as st

from analysis import queries
from analysis.store import open_read_only

CACHE_TTL_SECONDS = 60
FIGURE_POINTS = 2000  # beyond this many reports, the tallies chart shows the highest report of each day
EVIDENCE_ROWS = 5000  # newest reports listed under the tallies (the CSV has them all)
ARTICLE_ROWS = 500  # newest articles in the table


def database_version(db_path: Path) -> int | None:
    """The store's version (changes whenever an ingestion publishes), or None when there is no database yet."""
    try:
        st_ = os.stat(db_path)
    except FileNotFoundError:
        return None
    # A replaced file is a new inode; mtime and size catch the rest.
    return hash((st_.st_mtime_ns, st_.st_ino, st_.st_size)) & ((1 << 62) - 1)


_connections: dict[str, tuple[int, duckdb.DuckDBPyConnection]] = {}
_connections_lock = threading.Lock()


def _connection(db_path: str, version: int) -> duckdb.DuckDBPyConnection:
    """One read-only connection per store, shared by every session, renewed when the store changes.

    Opening the file costs about 20 ms, more than most queries, so it stays open; each query takes its
    own cursor, which is how DuckDB shares a connection between threads. The old connection must be
    closed before the new one opens: DuckDB hands a new connection to a path that is still open to the
    same (old) database instance, even though an ingestion has replaced the file since.
    """
    with _connections_lock:
        current = _connections.get(db_path)
        if current and current[0] == version:
            return current[1]
        if current:
            current[1].close()
        con = open_read_only(db_path)
        _connections[db_path] = (version, con)
        return con


def close_connections() -> None:
    with _connections_lock:
        for _, con in _connections.values():
            con.close()
        _connections.clear()


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False, max_entries=2000)
def _run(name: str, db_path: str, version: int, args: tuple, kwargs: tuple) -> Any:
    with _connection(db_path, version).cursor() as cursor:
        return getattr(queries, name)(cursor, *args, **dict(kwargs))


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False)
def _loaded_at(db_path: str, version: int) -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


class StoreView:
    """The dashboard's window on one database file: `view.query("mentions_by_country", flt, top_n=10)`."""

    def __init__(self, db_path: Path) -> None:
        self.db_path = Path(db_path)
        self.version = database_version(self.db_path)

    @property
    def exists(self) -> bool:
        return self.version is not None

    def query(self, name: str, *args: Any, **kwargs: Any) -> Any:
        if not hasattr(queries, name):
            raise AttributeError(f"analysis.queries has no query {name!r}")
        return _run(name, str(self.db_path), self.version or 0, args, tuple(sorted(kwargs.items())))

    @property
    def loaded_at(self) -> dt.datetime:
        return _loaded_at(str(self.db_path), self.version or 0)


def refresh() -> None:
    _run.clear()
    _loaded_at.clear()
    close_connections()
