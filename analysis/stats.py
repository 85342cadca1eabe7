"""Store-wide counts for `python -m analysis stats`."""
from __future__ import annotations

from typing import Any

import duckdb

from . import schema


def store_stats(con: duckdb.DuckDBPyConnection, top: int = 10) -> dict[str, Any]:
    articles, first, last = con.execute(
        f"SELECT count(*), min(published), max(published) FROM {schema.ARTICLES}"
    ).fetchone()
    mentions, countries = con.execute(
        f"SELECT coalesce(sum(count), 0), count(DISTINCT country) FROM {schema.MENTIONS}"
    ).fetchone()
    (figures,) = con.execute(f"SELECT count(*) FROM {schema.FIGURES}").fetchone()
    (undated,) = con.execute(
        f"SELECT count(*) FROM {schema.ARTICLES} WHERE published IS NULL"
    ).fetchone()
    (sources,) = con.execute(f"SELECT count(DISTINCT source) FROM {schema.ARTICLES}").fetchone()
    top_countries = con.execute(
        f"""SELECT country, sum(count) AS n FROM {schema.MENTIONS}
            GROUP BY country ORDER BY n DESC, country LIMIT ?""",
        [top],
    ).fetchall()
    return {
        "articles": int(articles),
        "mentions": int(mentions),
        "figures": int(figures),
        "countries": int(countries),
        "sources": int(sources),
        "undated": int(undated),
        "first": first.isoformat() if first else None,
        "last": last.isoformat() if last else None,
        "top_countries": {c: int(n) for c, n in top_countries},
    }
