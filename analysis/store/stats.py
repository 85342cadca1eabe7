"""Store-wide counts for `python -m analysis stats`."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import duckdb

from analysis.store import schema
from analysis.store.queries import has_table
from analysis.store.manifest import read_manifest


def _signal_counts(con: duckdb.DuckDBPyConnection, top: int) -> tuple[dict[str, int], dict[str, int]]:
    """Act and threat sentences, and every country pair with the signalled sentences naming both."""
    try:
        signals = dict(con.execute(f"SELECT kind, count(*) FROM {schema.SIGNALS} GROUP BY kind").fetchall())
    except duckdb.CatalogException:  # a store written before signals existed
        return {}, {}
    rows = con.execute(
        f"""SELECT pair, count(*) AS n FROM (
                SELECT unnest(flatten([[x || '|' || y for y in countries if x < y] for x in countries])) AS pair
                FROM {schema.SIGNALS} WHERE len(countries) > 1)
            GROUP BY pair ORDER BY n DESC, pair"""
    ).fetchall()
    return signals, {pair: int(n) for pair, n in rows}


def store_stats(con: duckdb.DuckDBPyConnection, top: int = 10) -> dict[str, Any]:
    articles, first, last = con.execute(
        f"SELECT count(*), min(published), max(published) FROM {schema.ARTICLES}"
    ).fetchone()
    mentions, countries = con.execute(
        f"SELECT coalesce(sum(count), 0), count(DISTINCT country) FROM {schema.MENTIONS}"
    ).fetchone()
    (figures,) = con.execute(f"SELECT count(*) FROM {schema.FIGURES}").fetchone()
    signals, pairs = _signal_counts(con, top)
    (undated,) = con.execute(
        f"SELECT count(*) FROM {schema.ARTICLES} WHERE published IS NULL"
    ).fetchone()
    (sources,) = con.execute(f"SELECT count(DISTINCT source) FROM {schema.ARTICLES}").fetchone()
    # A store written before stories were linked has no links table: it counts 0 stories.
    linked = has_table(con, schema.ARTICLE_LINKS)
    stories = con.execute(f"SELECT count(DISTINCT story) FROM {schema.ARTICLE_LINKS}").fetchone()[0] if linked else 0
    top_countries = con.execute(
        f"""SELECT country, sum(count) AS n FROM {schema.MENTIONS}
            GROUP BY country ORDER BY n DESC, country LIMIT ?""",
        [top],
    ).fetchall()
    return {
        "articles": int(articles),
        "stories": int(stories),
        "mentions": int(mentions),
        "figures": int(figures),
        "signals": {kind: int(signals.get(kind, 0)) for kind in ("act", "threat")},
        "pairs": len(pairs),
        "top_pairs": dict(list(pairs.items())[:top]),
        "countries": int(countries),
        "sources": int(sources),
        "undated": int(undated),
        "first": first.isoformat() if first else None,
        "last": last.isoformat() if last else None,
        "top_countries": {c: int(n) for c, n in top_countries},
    }


def storage_stats(db_path: str | os.PathLike[str]) -> dict[str, Any]:
    """How the store sits on disk: segments per table, bytes listed, and bytes still held by segments that
    a merge replaced (kept for readers for a grace period, removed by a later ingestion)."""
    root = Path(db_path)
    manifest = read_manifest(root)
    listed = sum(s.bytes for segments in manifest.tables.values() for s in segments)
    retired = sum((root / f).stat().st_size for f, _ in manifest.retired if (root / f).exists())
    return {
        "version": manifest.version,
        "segments": {table: len(segments) for table, segments in manifest.tables.items()},
        "bytes": listed,
        "retired_bytes": retired,
    }
