"""The benchmark script runs end to end (at toy sizes) and writes its results; figures are not checked here."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_bench_quick_run_writes_every_section(tmp_path):
    out = tmp_path / "bench.json"
    run = subprocess.run([sys.executable, "-m", "bench", "--quick", "--no-browser", "--out", str(out)], cwd=ROOT,
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-2000:]
    result = json.loads(out.read_text())
    names = " ".join(r["name"] for r in result["rows"])
    for expected in ("extraction", "python -m analysis extract", "tone:", "ingestion, 1 process", "query headline",
                     "slowest dashboard query", "copies and stories for", "copies and stories: a batch",
                     "alerts backtest"):
        assert expected in names
    assert all("ratio" in r for r in result["rows"] if r["name"].startswith(("extraction", "ingestion, ", "query ")))
    assert result["machine"]["cores"] >= 1
    assert "ratio" in run.stdout  # the table is printed


def test_read_path_compares_every_query_with_native_tables_and_answers_alike(store_db, tmp_path):
    from analysis.store import queries as Q
    from analysis.store.parquet_store import open_read_only
    from bench.read_path import native_copy, read_path, views

    rows = read_path(0, tmp_path, reps=1, store=store_db)
    names = [r["name"] for r in rows]
    assert names[0].startswith("open + first count") and names[-1].startswith("slowest query")
    assert {"default", "keyword drone"} <= {n.split("[")[1].rstrip("]") for n in names if "[" in n}
    assert all(r["ratio"] > 0 for r in rows)
    # The baseline holds the same rows: each view's headline is the same over both.
    snapshot = open_read_only(store_db)
    native = native_copy(snapshot, tmp_path / "again.duckdb")
    filters, _ = views(snapshot)
    for flt in filters.values():
        assert Q.headline(native, flt) == Q.headline(snapshot, flt)


@pytest.mark.slow
def test_paint_only_builds_the_stores_once_and_visits_both_checkouts(tmp_path, monkeypatch):
    """`python -m bench --paint --keep DIR [--paint-against CHECKOUT]`: the dashboard section alone, on the
    stores the standard run builds (kept for the next run); the browser itself is not started here."""
    from bench import scenarios

    visited = []
    monkeypatch.setattr(scenarios, "dashboard", lambda sizes, work, against=None: visited.append((work, against)) or [])
    sizes = scenarios.Sizes.quick()
    assert scenarios.paint_only(sizes, tmp_path, against=ROOT) == []
    stores = sorted(p.name for p in tmp_path.glob("*.store"))
    assert stores == ["ingest-n.store", *(f"store-{n}.store" for n in sizes.query_sizes)]
    built = {p: p.stat().st_mtime_ns for p in tmp_path.glob("*.store")}
    scenarios.paint_only(sizes, tmp_path)  # a second run reuses them
    assert {p: p.stat().st_mtime_ns for p in tmp_path.glob("*.store")} == built
    assert visited == [(tmp_path, ROOT), (tmp_path, None)]


def test_read_path_of_the_snapshot_alone_times_every_view_with_cpu(store_db):
    from bench.read_path import snapshot_only

    rows = snapshot_only(store_db, reps=1)
    timed = [r for r in rows if not r["name"].startswith("slowest")]
    assert {"default", "keyword drone"} <= {r["name"].split("[")[1].rstrip("]") for r in timed}
    assert all(r["cpu_best_ms"] > 0 and r["best_ms"] > 0 for r in timed)
    slowest = [r for r in rows if r["name"].startswith("slowest")]
    assert len(slowest) == len({r["name"].split("[")[1].rstrip("]") for r in timed})
