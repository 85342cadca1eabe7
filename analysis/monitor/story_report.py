"""The `python -m analysis stories` contract: one plain dict per story, newest first."""
from __future__ import annotations

from typing import Any

import duckdb
import pandas as pd

from analysis.store.filters import Filter
from analysis.store.queries import stories_table, story_copies


def _listed(value: Any) -> list:
    """A list column's value as a list (a story without figures or countries holds a missing value)."""
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return []
    return list(value.items()) if isinstance(value, dict) else list(value)


def story_report(con: duckdb.DuckDBPyConnection, flt: Filter = Filter(), limit: int | None = None) -> list[dict[str, Any]]:
    """{"story", "title", "first", "last", "countries": {ISO3: articles naming it}, "copies": [[origin, ...],
    ...] (origins grouped by copy group), "outlets": n, "figures": ["kind value", ...]} per story."""
    table = stories_table(con, flt, limit=limit)
    groups = story_copies(con, list(table["story"]))
    out = []
    for row in table.itertuples(index=False):
        copies = groups.get(row.story, [])
        out.append({
            "story": row.story,
            "title": row.title,
            "first": row.first.date().isoformat(),
            "last": row.last.date().isoformat(),
            "countries": {k: int(v) for k, v in _listed(row.countries)},
            "copies": copies,
            "outlets": len(_listed(row.outlets)),
            "figures": _listed(row.figures),
        })
    return out
