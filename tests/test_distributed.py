"""The Dask engine gives the same store as the local path (LocalCluster, 2 worker processes)."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from analysis import schema
from analysis.distributed import ingest_with_dask
from analysis.ingest import ingest_paths
from analysis.store import read_connection

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "sample"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    """A small archive: the sample's pages, its JSONL export, and a Parquet copy of its CSV export."""
    root = tmp_path_factory.mktemp("archive")
    shutil.copytree(SAMPLE / "pages", root / "pages")
    shutil.copy(SAMPLE / "exports" / "articles.jsonl", root / "export.jsonl")
    import csv

    with open(SAMPLE / "exports" / "articles.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    pq.write_table(pa.Table.from_pylist(rows), root / "export.parquet", row_group_size=7)
    with open(root / "export.jsonl", "a", encoding="utf-8") as f:
        f.write("{not json\n")  # a bad line: reported by both engines, the same way
    return root


def _tables(db: Path) -> dict[str, list[tuple]]:
    out = {}
    with read_connection(db) as con:
        for table in (schema.ARTICLES, schema.MENTIONS, schema.FIGURES):
            cols = [c for c in schema.column_names(table) if c != "ingested_at"]
            out[table] = con.execute(
                f"SELECT {', '.join(repr(c).replace(chr(39), chr(34)) for c in cols)} FROM {table} ORDER BY ALL"
            ).fetchall()
    return out


def test_dask_engine_equals_the_local_path(archive, tmp_path):
    local_db, dask_db = tmp_path / "local.duckdb", tmp_path / "dask.duckdb"
    local = ingest_paths([archive], local_db)
    distributed = ingest_with_dask([archive], dask_db, workers=2, partition_bytes=4096, files_per_partition=10)
    assert (distributed.read, distributed.new, distributed.present) == (local.read, local.new, local.present)
    assert sorted(distributed.skipped) == sorted(local.skipped) and len(local.skipped) == 1
    assert local.new > 100
    assert _tables(dask_db) == _tables(local_db)
    # and again: nothing new
    again = ingest_with_dask([archive], dask_db, workers=2)
    assert again.new == 0 and again.present == again.read
    assert not list(tmp_path.glob("tension-parts-*"))  # parts cleaned up
