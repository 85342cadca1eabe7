"""`python -m analysis migrate`: convert a single-file DuckDB store of earlier versions into a store folder,
or bring a store folder of an earlier version up to date in place (`upgrade`);
`python -m analysis migrate --places`: link the places of a store folder written before they were stored.

The old file is read (read-only) table by table in chunks and written through `StoreWriter` into a new
folder beside it, with the keyword index built from the articles' text; only when that folder is complete
does it take the old path (the old file is kept beside it, renamed, until the user deletes it). A
migration that fails or is interrupted leaves the old file as it was and the half-built folder is
removed by the next attempt.
"""
from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pyarrow as pa

import pyarrow.parquet as pq

from analysis.store import aggregates, known_ids, schema
from analysis.store.parquet_store import (
    DB_ENV_VAR, DEFAULT_DB, LEGACY_DEFAULT_DB, StoreError, StoreWriter, arrow_schema, is_legacy_store, keyword_table,
    read_connection, store_exists,
)

CHUNK_ROWS = 20_000


@dataclass
class Migration:
    source: Path
    target: Path
    kept_as: Path | None
    rows: dict[str, int] = field(default_factory=dict)


def plan(db: Path | None) -> tuple[Path, Path]:
    """(old file, new store folder) for `--db` or $TENSION_DB (converted in place), or else the default."""
    db = db or (Path(os.environ[DB_ENV_VAR]) if os.environ.get(DB_ENV_VAR) else None)
    if db is not None:
        return db, db
    if is_legacy_store(DEFAULT_DB):
        return DEFAULT_DB, DEFAULT_DB
    return LEGACY_DEFAULT_DB, DEFAULT_DB


def _conform(table: str, data: pa.Table) -> pa.Table:
    """The old table's rows with the current columns (a column the old file lacks is NULL)."""
    if table not in schema.TABLES:
        return data
    target = arrow_schema(table)
    columns = [data.column(f.name) if f.name in data.column_names else pa.nulls(data.num_rows, f.type) for f in target]
    return pa.Table.from_arrays(columns, schema=target) if data.num_rows else target.empty_table()


def migrate(source: Path, target: Path, progress: Callable[[str, int], None] | None = None) -> Migration:
    if not is_legacy_store(source):
        if store_exists(target):
            raise StoreError(f"nothing to migrate: {target} is already a store folder")
        raise StoreError(f"nothing to migrate: no single-file database at {source}")
    if target != source and target.exists():
        raise StoreError(f"{target} exists already: move it away or pass --db {source} to convert in place")
    building = target.with_name(target.name + ".migrating")
    shutil.rmtree(building, ignore_errors=True)  # an earlier attempt that did not finish
    try:
        old = duckdb.connect(str(source), read_only=True)
    except duckdb.Error as exc:
        raise StoreError(f"cannot open {source}: {str(exc).splitlines()[0]} (is an ingestion of an earlier version "
                         "still writing to it?)") from exc
    result = Migration(source, target, None)
    try:
        present = {r[0] for r in old.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        with StoreWriter(building, publish_every=float("inf")) as writer:
            for table in [t for t in present if t not in (schema.META, schema.KEYWORDS)]:
                result.rows[table] = 0
                reader = old.sql(f'SELECT * FROM "{table}"').to_arrow_reader(CHUNK_ROWS)
                for batch in reader:
                    data = _conform(table, pa.Table.from_batches([batch]))
                    writer.append(table, data)
                    if table == schema.ARTICLES:
                        writer.append(schema.KEYWORDS, keyword_table(data))
                        if schema.PLACES not in present and (places := place_table(data)).num_rows:
                            writer.append(schema.PLACES, places)
                    result.rows[table] += data.num_rows
                    if progress:
                        progress(table, result.rows[table])
            if schema.META in present:
                for key, value in old.execute(f"SELECT key, value FROM {schema.META}").fetchall():
                    if key not in ("schema_version", aggregates.COMPLETE_KEY):
                        writer.meta[key] = value
            writer.rebuild_daily_totals()
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise
    finally:
        old.close()
    with read_connection(building) as con:
        for table, n in result.rows.items():
            if con.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] != n:
                shutil.rmtree(building, ignore_errors=True)
                raise StoreError(f"the converted {table} does not hold the {n:,} rows of {source}; nothing was changed")
    if target == source:
        result.kept_as = source.with_name(source.name + ".pre-migration")
        os.replace(source, result.kept_as)
    os.rename(building, target)
    _move_feed_state(source, target)
    return result


def _move_feed_state(source: Path, target: Path) -> None:
    """`watch` keeps its feeds' state beside the store, named after it."""
    old, new = source.with_name(source.name + ".feeds.json"), target.with_name(target.name + ".feeds.json")
    if old != new and old.exists() and not new.exists():
        os.replace(old, new)


# --- places for stores written before they were stored ------------------------------------------------


def place_table(articles: pa.Table) -> pa.Table:
    """The `places` rows of some stored articles (id, text, published, source), found in their text as an
    ingestion finds them (analysis.understand.places)."""
    from collections import Counter

    from analysis.store import article_key
    from analysis.understand.countries import find_country_mentions
    from analysis.understand.places import find_places

    rows: dict[str, list] = {name: [] for name in schema.column_names(schema.PLACES) if name != schema.ARTICLE_KEY}
    columns = [articles.column(c).to_pylist() for c in ("id", "text", "published", "source")]
    for article_id, text, published, source in zip(*columns):
        text = text or ""
        found = Counter((p.name, p.iso3) for p in find_places(text, find_country_mentions(text)))
        for (place, iso3), count in found.items():
            for name, value in zip(("article_id", "place", "country", "count", "published", "source"),
                                   (article_id, place, iso3, count, published, source)):
                rows[name].append(value)
    target = arrow_schema(schema.PLACES)
    ids = pa.array(rows["article_id"], pa.string())
    arrays = [article_key.keys_of(ids) if f.name == schema.ARTICLE_KEY else pa.array(rows[f.name], f.type)
              for f in target]
    return pa.Table.from_arrays(arrays, schema=target)


def link_places(db: Path, progress: Callable[[int], None] | None = None) -> tuple[int, int]:
    """Link the places of the articles a store holds without any (a store written before places were
    stored: its country filter found only the articles naming the country). Returns (articles read, places
    linked); running it again reads the articles without places again and adds nothing new."""
    if not store_exists(db):
        raise StoreError(f"no store folder at {db}")
    read = linked = 0
    with StoreWriter(db, publish_every=float("inf")) as writer:
        con = writer.reader()
        try:
            reader = con.sql(
                f"SELECT id, text, published, source FROM {schema.ARTICLES} "
                f"WHERE {schema.ARTICLE_KEY} NOT IN (SELECT {schema.ARTICLE_KEY} FROM {schema.PLACES})"
            ).to_arrow_reader(CHUNK_ROWS)
            for batch in reader:
                places = place_table(pa.Table.from_batches([batch]))
                if places.num_rows:
                    writer.append(schema.PLACES, places)
                read, linked = read + batch.num_rows, linked + places.num_rows
                if progress:
                    progress(read)
        finally:
            con.close()
    return read, linked


@dataclass
class Upgrade:
    store: Path
    daily_totals: bool = False  # computed now (a store written before them had none)
    sidecars: int = 0  # articles segments given their sorted ids (analysis.store.known_ids)
    story_window: int = 0  # linked articles given their row of the story window index (analysis.monitor.story_window)
    story_terms: int = 0  # linked articles given their terms (analysis.monitor.story_terms)


def upgrade(store: Path) -> Upgrade:
    """Bring a store folder written by an earlier version up to date, in place and atomically: compute
    its daily totals (published with one manifest, as a batch is), write the id sidecar of each
    articles segment that lacks one (a file beside its segment, which readers never open) and the story
    window index of the articles linked before it existed. Running it again changes nothing."""
    from analysis.monitor.story_store import index_linked_articles, index_window_terms

    result = Upgrade(store)
    with StoreWriter(store) as writer:
        if stale := aggregates.stale(writer.manifest.meta.get(aggregates.COMPLETE_KEY)):
            writer.rebuild_daily_totals(stale)  # the tables of totals added since the store's were complete
            result.daily_totals = True
        for segment in writer.manifest.tables.get(schema.ARTICLES, []):
            path = store / segment.file
            if known_ids.sidecar(path).exists():
                continue
            packed = known_ids.pack(pq.ParquetFile(path).read(columns=["id"]).column("id"))
            if packed is not None:
                staged = known_ids.write_sidecar(store / "tmp" / path.name, packed)
                os.replace(staged, known_ids.sidecar(path))
                result.sidecars += 1
        result.story_window = index_linked_articles(writer)
        result.story_terms = index_window_terms(writer)
    return result
