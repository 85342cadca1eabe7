"""The Dask engine gives the same store as the local path: on a LocalCluster, and on a scheduler and workers
started apart from the project, as on a real cluster."""
from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from localserver import free_port

from analysis.store import schema
from analysis.distributed import ingest_with_dask
from analysis.ingest import ingest_paths
from analysis.store.parquet_store import read_connection

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


@pytest.fixture
def outside_cluster(tmp_path):
    """A scheduler and a worker started as the README says, from a folder without this project: they
    can import only what the client sends them."""
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    home = tmp_path / "cluster"
    home.mkdir()
    logs = open(home / "cluster.log", "w")
    commands = [
        ["scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
        ["worker", address, "--nworkers", "2", "--nthreads", "1", "--no-dashboard", "--local-directory", str(home)],
    ]
    procs = []
    try:
        for args in commands:
            procs.append(subprocess.Popen([sys.executable, "-m", "dask", *args], cwd=home, env=env, stdout=logs,
                                          stderr=subprocess.STDOUT))
        from dask.distributed import Client

        with Client(address, timeout=60) as client:  # retries until the scheduler listens
            client.wait_for_workers(2, timeout=60)
            # (before the ingestion ships it) the workers cannot import the project
            assert set(client.run(importlib.util.find_spec, "analysis").values()) == {None}
        yield address
    finally:
        for proc in reversed(procs):
            proc.terminate()
        for proc in procs:
            proc.wait(timeout=30)
        logs.close()


def test_a_cluster_without_the_project_runs_the_clients_copy(archive, tmp_path, outside_cluster, monkeypatch):
    local_db, dask_db, parts = tmp_path / "local.duckdb", tmp_path / "dask.duckdb", tmp_path / "parts"
    local = ingest_paths([archive], local_db)
    # Paths as a user types them, relative to where the client runs: the workers run elsewhere.
    monkeypatch.chdir(archive.parent)
    remote = ingest_with_dask([archive.name], dask_db, scheduler=outside_cluster, parts_dir=os.path.relpath(parts),
                              partition_bytes=8192, files_per_partition=20)
    assert (remote.read, remote.new, remote.present) == (local.read, local.new, local.present)
    assert _tables(dask_db) == _tables(local_db)
    assert not list(parts.glob("*.parquet"))  # each part is deleted once loaded


def test_the_package_zip_holds_every_module(tmp_path):
    import zipfile

    import analysis
    from analysis.distributed import package_zip

    names = set(zipfile.ZipFile(package_zip(tmp_path)).namelist())
    package = Path(analysis.__file__).parent
    modules = {f"analysis/{p.relative_to(package).as_posix()}" for p in package.rglob("*.py")}
    assert modules <= names and "analysis/monitor/signals.py" in names
    assert not any("__pycache__" in n for n in names)


class _FailedFuture:
    def __init__(self, exc: Exception):
        self.exc = exc

    def result(self):
        raise self.exc


@pytest.mark.parametrize("exc, says", [
    (FileNotFoundError(2, "No such file or directory", "/data/a.jsonl"), "same path on every worker"),
    (ModuleNotFoundError("No module named 'vaderSentiment'"), "pip install -r requirements.txt"),
    (ValueError("boom"), "worker's log"),
])
def test_a_failed_partition_is_one_clear_error(exc, says):
    from analysis.distributed import ClusterError, _result
    from analysis.read.partitions import Partition

    with pytest.raises(ClusterError) as raised:
        _result(_FailedFuture(exc), Partition("jsonl", ("/data/a.jsonl",), 0, 100))
    message = str(raised.value)
    assert "/data/a.jsonl" in message and type(exc).__name__ in message and says in message


def test_cli_an_unreachable_scheduler_is_one_line_and_the_store_is_untouched(tmp_path):
    db = tmp_path / "store.duckdb"
    done = subprocess.run(
        [sys.executable, "-m", "analysis", "ingest", str(SAMPLE / "exports" / "articles.jsonl"), "--engine", "dask",
         "--scheduler", f"tcp://127.0.0.1:{free_port()}", "--db", str(db), "--quiet"],
        capture_output=True, text=True, timeout=120, cwd=Path(__file__).resolve().parent.parent,
        env={**os.environ, "DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "2s"},
    )
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [done.stderr.strip()]  # one line, no traceback
    assert done.stderr.startswith("error: cannot reach the Dask scheduler at tcp://127.0.0.1:")
    assert not db.exists()


def test_cli_urls_are_not_for_the_dask_engine(tmp_path):
    db = tmp_path / "store.duckdb"
    done = subprocess.run(
        [sys.executable, "-m", "analysis", "ingest", str(SAMPLE / "pages"), "https://example.org/feed.xml",
         "--engine", "dask", "--db", str(db), "--quiet"],
        capture_output=True, text=True, timeout=120, cwd=Path(__file__).resolve().parent.parent,
    )
    assert done.returncode == 2
    assert done.stderr.startswith("error: the Dask engine reads files and folders")
    assert "https://example.org/feed.xml" in done.stderr and not db.exists()
