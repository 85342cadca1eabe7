"""Every chart's data, from `analysis.queries`, cached per query, filter and version of the database.

The store is replaced atomically by each ingestion (see `analysis.store`), so the file's modification
time is its version: a new ingestion changes the cache key and the next rerun reads the new data. The
time-to-live bounds how long a cached answer can be served at all, and `refresh()` drops everything.
"""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import streamlit as st

from analysis import queries
from analysis.store import read_connection

CACHE_TTL_SECONDS = 60


def database_version(db_path: Path) -> int | None:
    """The store's version (modification time in ns), or None when there is no database yet."""
    try:
        return os.stat(db_path).st_mtime_ns
    except FileNotFoundError:
        return None


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False, max_entries=2000)
def _run(name: str, db_path: str, version: int, args: tuple, kwargs: tuple) -> Any:
    with read_connection(db_path) as con:
        return getattr(queries, name)(con, *args, **dict(kwargs))


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
