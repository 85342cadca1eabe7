"""Benchmark section: copies and stories over a whole store, and one batch linked into it.

    python -m bench.stories [N]     # this section alone (N articles, default 100,000)

The store is the synthetic corpus but its last 1,000 articles, ingested with all cores
(`scenarios.write_export`) without the linking step; then the step that assigns copy groups and stories
(`story_store.link_new_articles`, which an ingestion runs before publishing) is timed over all of it;
then the last 1,000 are ingested and the step is timed as that ingestion runs it (a batch arriving).
Baselines: the ingestion of the whole store, and the ingestion of the same 1,000 articles into a new store.
The step runs in one process: its CPU time is recorded too (on a shared machine the wall time is not its own).
"""
from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

from analysis.store import schema as S
from analysis.ingest import ingest_paths
from analysis.store.parquet_store import StoreWriter, read_connection
from bench.scenarios import Sizes, row, write_export


def stories(sizes: Sizes, work: Path) -> list[dict]:
    """copies and stories: a whole store linked, and a batch of 1,000 linked into it"""
    import analysis.ingest as ingest_module

    n = max(sizes.query_sizes)
    batch = min(1000, n // 10)
    cores = max(2, os.cpu_count() or 1)
    lines = write_export(work / "stories.jsonl", n).read_text(encoding="utf-8").splitlines(keepends=True)
    first, last = work / "stories-first.jsonl", work / "stories-last.jsonl"
    first.write_text("".join(lines[:-batch]), encoding="utf-8")
    last.write_text("".join(lines[-batch:]), encoding="utf-8")
    db = work / "stories"
    link = ingest_module.link_new_articles
    timings: list[tuple[float, float, int]] = []

    def timed(writer: StoreWriter) -> int:
        start, cpu = time.perf_counter(), time.process_time()
        linked = link(writer)
        timings.append((time.perf_counter() - start, time.process_time() - cpu, linked))
        return linked

    try:
        ingest_module.link_new_articles = lambda writer: 0  # the store first, unlinked
        start = time.perf_counter()
        ingest_paths([first], db, workers=cores)
        ingest_seconds = time.perf_counter() - start
        with StoreWriter(db) as writer:  # then every article linked at once
            timed(writer)
        ingest_module.link_new_articles = timed  # then a batch ingested, linked into the store
        ingest_paths([last], db, workers=cores)
    finally:
        ingest_module.link_new_articles = link
    (whole, whole_cpu, linked), (incremental, incremental_cpu, linked_batch) = timings
    with read_connection(db) as con:
        groups, stories_n = con.execute(
            f"SELECT count(DISTINCT copy_of), count(DISTINCT story) FROM {S.ARTICLE_LINKS}"
        ).fetchall()[0]
    start = time.perf_counter()
    ingest_paths([last], work / "stories-batch", workers=cores)
    batch_ingest = time.perf_counter() - start
    return [
        row(f"copies and stories for {linked:,} articles", whole, "s", ingest_seconds,
            f"s (ingestion of the same, {cores} workers)", whole / ingest_seconds,
            "< 60 s for 100,000 on 2 cores", whole < 60 if n >= 100_000 else None,
            copy_groups=groups, stories=stories_n, cpu_seconds=round(whole_cpu, 2)),
        row(f"copies and stories: a batch of {linked_batch:,} into {linked:,}", incremental, "s",
            batch_ingest, f"s (ingesting {batch:,} articles into a new store)", incremental / batch_ingest,
            "< 5 s for 1,000 into 100,000", incremental < 5 if n >= 100_000 else None,
            cpu_seconds=round(incremental_cpu, 2)),
    ]


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    with tempfile.TemporaryDirectory(prefix="tension-bench-stories-") as tmp:
        for r in stories(Sizes(extract_docs=0, ingest_docs=0, query_sizes=(count,), query_reps=0), Path(tmp)):
            print(r["name"], r["value_text"], f"(CPU {r['cpu_seconds']} s)", r.get("baseline_text", ""),
                  r.get("ratio_text", ""), r["target"], r["ok"])
