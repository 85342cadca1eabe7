"""`python -m bench --scale N`: the store at N articles, each measure against its baseline in the same run.

N synthetic articles (realistic text: `bench/corpus.py`, not copies of a few) are ingested into a new
store; then, against that store and against an empty one:
- ingestion throughput of a batch of new articles (other seeds of the corpus): into N vs into empty;
- a `python -m analysis ingest` of 1,000 new articles, start-up included: into N vs into empty, and the
  store's disk use sampled while it runs (an append may add its batch, never a copy of the store);
- peak memory of the ingestion of the N articles (main + worker processes);
- the dashboard's queries at N for the issue's four views (default, a country over 90 days, a keyword,
  a pair of countries), p95 cold, against a scan of the mentions;
- with chromium: the dashboard's first chart at N against a minimal Streamlit page.
"""
from __future__ import annotations

import datetime as dt
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

from analysis.store import schema
from analysis.store.filters import Filter
from bench.scenarios import (
    CHROMIUM, MINIMAL_PAGE, ROOT, _percentile, _probe, dashboard_calls, first_paint, row, write_export,
)

BATCH_SEEDS = (11, 12)  # each run ingests articles no store holds yet
SMALL_SEEDS = (21, 22)
SMALL_BATCH = 1000


def folder_bytes(path: Path) -> int:
    total = 0
    for root, _, files in os.walk(path):
        for name in files:
            try:
                total += os.stat(os.path.join(root, name)).st_size
            except FileNotFoundError:  # a temporary file renamed meanwhile
                pass
    return total


def _cli_ingest(source: Path, db: Path, cores: int, watch_disk: bool = False) -> tuple[float, int]:
    """Seconds of `python -m analysis ingest` (start-up included) and the most bytes the store held meanwhile."""
    peak = folder_bytes(db) if db.exists() else 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, folder_bytes(db) if db.exists() else 0)
            time.sleep(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    if watch_disk:
        sampler.start()
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "analysis", "ingest", str(source), "--db", str(db), "--quiet",
                    "--workers", str(cores)], cwd=ROOT, check=True, capture_output=True)
    seconds = time.perf_counter() - start
    done.set()
    if watch_disk:
        sampler.join()
    return seconds, max(peak, folder_bytes(db))


def scale(n: int, work: Path, browser: bool = True, batch: int = 20_000, reps: int = 15) -> list[dict]:
    cores = max(2, os.cpu_count() or 1)
    store = work / f"scale-{n}.store"
    print(f"  writing {n:,} synthetic articles", file=sys.stderr, flush=True)
    export = write_export(work / "scale.jsonl", n)
    print(f"  ingesting them with {cores} workers", file=sys.stderr, flush=True)
    big, _ = _probe("ingest", str(export), "--workers", str(cores), "--db", str(store))
    export.unlink()
    peak = big["peak_mb"] + big["peak_worker_mb"]
    imports, _ = _probe("imports")
    stored = big["new"]
    rows = [
        row(f"ingestion of {n:,} articles into an empty store", big["read"] / big["seconds"], "articles/s",
            seconds=big["seconds"], new=big["new"]),
        row(f"peak memory, ingesting {n:,} (main + worker)", peak, "MB", imports["peak_mb"], "MB (imports alone)",
            peak / imports["peak_mb"], "< 2 GB", peak < 2048),
        row(f"store size @ {stored:,} articles", folder_bytes(store) / 2**20, "MB"),
    ]

    # Throughput of a batch into N vs into an empty store; faster of two runs each, taken in turns.
    batch = min(batch, max(1000, n // 5))
    into = {"empty": [], "full": []}
    for seed in BATCH_SEEDS:
        source = write_export(work / f"batch-{seed}.jsonl", batch, seed=seed)
        empty = work / "empty.store"
        shutil.rmtree(empty, ignore_errors=True)
        for name, db in (("empty", empty), ("full", store)):
            print(f"  {batch:,} new articles into the {name} store", file=sys.stderr, flush=True)
            result, _ = _probe("ingest", str(source), "--workers", str(cores), "--db", str(db))
            into[name].append(result["new"] / result["seconds"])
        source.unlink()
    empty_speed, full_speed = max(into["empty"]), max(into["full"])
    rows.append(row(f"ingestion throughput into a store of {n:,} ({batch:,} new articles)", full_speed, "articles/s",
                    empty_speed, "articles/s (into an empty store)", full_speed / empty_speed, ">= 0.8x",
                    full_speed / empty_speed >= 0.8))

    # 1,000 new articles with the command users run, start-up included; the disk the append takes.
    small = {"empty": [], "full": []}
    extra_bytes = 0
    for seed in SMALL_SEEDS:
        source = write_export(work / f"small-{seed}.jsonl", SMALL_BATCH, seed=seed)
        empty = work / "empty-small.store"
        shutil.rmtree(empty, ignore_errors=True)
        small["empty"].append(_cli_ingest(source, empty, cores)[0])
        before = folder_bytes(store)
        seconds, most = _cli_ingest(source, store, cores, watch_disk=True)
        small["full"].append(seconds)
        extra_bytes = max(extra_bytes, most - before)
        source.unlink()
    size = folder_bytes(store)
    t_empty, t_full = min(small["empty"]), min(small["full"])
    rows.append(row(f"ingesting {SMALL_BATCH:,} new articles into a store of {n:,}", t_full, "s", t_empty,
                    "s (into an empty store)", t_full / t_empty, "<= 2x", t_full / t_empty <= 2))
    rows.append(row(f"disk during an append of {SMALL_BATCH:,} (most bytes added at any moment)", extra_bytes / 2**20, "MB",
                    size / 2**20, "MB (the store)", extra_bytes / size, "< the store (no second copy)",
                    extra_bytes < size))
    rows.extend(scale_queries(store, reps))
    if browser and Path(CHROMIUM).exists():
        rows.extend(scale_first_paint(store, work, n))
    elif browser:
        print(f"  first paint skipped: {CHROMIUM} not installed (make browser)", file=sys.stderr)
    print("  not measured here: copies and stories for a batch, `alerts backtest` (no such layers on this branch)",
          file=sys.stderr)
    return rows


def scale_queries(store: Path, reps: int) -> list[dict]:
    from analysis.store import queries as Q
    from analysis.store.parquet_store import open_read_only

    con = open_read_only(store)
    try:
        articles = con.execute(f"SELECT count(*) FROM {schema.ARTICLES}").fetchone()[0]
        top, second = [r[0] for r in con.execute(
            f"SELECT country FROM {schema.MENTIONS} GROUP BY 1 ORDER BY sum(count) DESC LIMIT 2").fetchall()]
        last = con.execute(f"SELECT max(published) FROM {schema.ARTICLES}").fetchone()[0]
        article_id = con.execute(f"SELECT id FROM {schema.ARTICLES} USING SAMPLE 1").fetchone()[0]
        views = {
            "default view": Filter(),
            f"{top}, 90 days": Filter(countries=(top,), start=last - dt.timedelta(days=90), end=last),
            "keyword 'drone'": Filter(keyword="drone"),
            f"pair {top}+{second}": Filter(countries=(top, second)),
        }
        baseline = []
        for _ in range(reps):
            start = time.perf_counter()
            with con.cursor() as cur:
                cur.execute(f"SELECT count(*), avg(tone) FROM {schema.MENTIONS}").fetchone()
            baseline.append((time.perf_counter() - start) * 1000)
        base_ms = statistics.median(baseline)
        rows, worst, worst_name = [], 0.0, ""
        for label, flt in views.items():
            view_worst, view_name = 0.0, ""
            for call, (name, args, kwargs) in dashboard_calls(flt, article_id).items():
                cold = []
                for _ in range(reps):
                    start = time.perf_counter()
                    with con.cursor() as cur:
                        getattr(Q, name)(cur, *args, **kwargs)
                    cold.append((time.perf_counter() - start) * 1000)
                p95 = _percentile(cold, 0.95)
                if p95 > view_worst:
                    view_worst, view_name = p95, call
            rows.append(row(f"slowest query [{label}] @ {articles:,}: {view_name}", view_worst, "ms p95 cold", base_ms,
                            "ms (a scan of mentions)", view_worst / base_ms, "< 150 ms p95", view_worst < 150))
            if view_worst > worst:
                worst, worst_name = view_worst, f"{view_name} [{label}]"
        rows.append(row(f"slowest dashboard query @ {articles:,}: {worst_name}", worst, "ms p95 cold", base_ms, "ms",
                        worst / base_ms, "< 150 ms p95", worst < 150))
        return rows
    finally:
        con.close()


def scale_first_paint(store: Path, work: Path, n: int) -> list[dict]:
    minimal = work / "minimal_page.py"
    minimal.write_text(MINIMAL_PAGE)
    base, dash = [], []
    for _ in range(3):  # in turns, the median of three
        base.append(first_paint(minimal, None, charts=1, visits=1)[0][0][0])
        dash.append(first_paint(ROOT / "app.py", store, charts=4, visits=1)[0][0][0])
    b, d = statistics.median(base), statistics.median(dash)
    return [row(f"dashboard first chart @ {n:,} (median of 3)", d, "s", b, "s (minimal page, one Plotly chart)", d / b,
                "<= 1.3x", d / b <= 1.3)]
