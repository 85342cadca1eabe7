"""Benchmark section: copies and stories over a whole store, and one batch linked into it.

    python -m bench.stories [N]                    # this section alone (N articles, default 100,000)
    python -m bench.stories --store PATH [--batch 1000] [--seed S] [--json]   # a batch linked into an existing store, left as it was

The store is the synthetic corpus but its last 1,000 articles, ingested with all cores
(`scenarios.write_export`) without the linking step; then the step that assigns copy groups and stories
(`story_store.link_new_articles`, which an ingestion runs before publishing) is timed over all of it;
then the last 1,000 are ingested and the step is timed as that ingestion runs it (a batch arriving).
Baselines: the ingestion of the whole store, and the ingestion of the same 1,000 articles into a new store.
The step runs in one process: its CPU time is recorded too (on a shared machine the wall time is not its own).
"""
from __future__ import annotations

import argparse
import datetime as dt
import math
import os
import random
import resource
import tempfile
import time
from pathlib import Path

from analysis.ingest import ingest_documents, ingest_paths, storable_tables
from analysis.models import Extraction, RawDocument
from analysis.monitor.story_store import link_new_articles, unlinked_ids
from analysis.store import schema as S
from analysis.store.parquet_store import StoreWriter, read_connection
from analysis.understand.extract import analyse_document
from bench.corpus import synthetic_documents
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


class _Discard(Exception):
    """Raised inside the writer so that nothing of the measured batch is published."""


def batch_into_store(store: Path, batch: int = 1000, seed: int = 1017, work: Path | None = None,
                     spread: bool = False) -> dict:
    """Link `batch` new articles into an existing, linked store (e.g. issue 17's 1,000,000) and time that
    step as an ingestion runs it; the store is left as it was (the batch is written but never published).

    The batch is the synthetic corpus (another seed, so its articles are new) dated in the store's last
    three days, as a batch arriving is: its copy and story windows are read from the store, nothing else.
    With `spread`, the articles keep the corpus's own dates (two years, as `bench --scale`'s ingestion of
    1,000 articles has them: an archive's backfill), so the batch's windows cover most of the store's days.
    Baseline: ingesting the same articles into a new store."""
    rng = random.Random(seed)
    with read_connection(store) as con:
        stored, last = con.execute(f"SELECT count(*), max(day) FROM {S.ARTICLE_LINKS}").fetchall()[0]
        unlinked = len(unlinked_ids(con))
    if unlinked:
        raise SystemExit(f"{store} has {unlinked:,} articles without copies and stories: link them first "
                         f"(any ingestion into it does), or the step would time them too")
    last = last or dt.date.today()
    docs = [RawDocument(origin=d.origin + "-batch", content=d.content, title=d.title, source=d.source, url=d.url,
                        published=d.published if spread else (last - dt.timedelta(days=rng.randrange(3))).isoformat())
            for d in synthetic_documents(batch, seed=seed, duplicate_share=0.08, page_share=0.0)]
    try:
        # never a periodic publish (the analysis of the batch may take longer than its 30 s on a loaded
        # machine): it would publish the batch, unlinked, into the store the bench must leave as it was
        with StoreWriter(store, publish_every=math.inf) as writer:
            extractions = [analyse_document(d, writer.known_ids) for d in docs]
            tables, _ = storable_tables([e for e in extractions if isinstance(e, Extraction)])
            writer.write_tables(tables)
            start, cpu = time.perf_counter(), time.process_time()
            linked = link_new_articles(writer)
            seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu
            raise _Discard
    except _Discard:
        pass
    with tempfile.TemporaryDirectory(prefix="tension-bench-batch-", dir=work) as tmp:
        start = time.perf_counter()
        ingest_documents(docs, Path(tmp) / "new")
        baseline = time.perf_counter() - start
    # The bench corpus of N articles stores ~0.91 N once word-for-word copies are merged.
    big = stored >= 900_000
    dated = "dated over the corpus's two years" if spread else "dated in the store's last three days"
    return row(f"copies and stories: a batch of {linked:,} into {stored:,} (existing store; {dated})", seconds, "s",
               baseline, f"s (ingesting {len(docs):,} articles into a new store)", seconds / baseline,
               "< 10 s for 1,000 into 1,000,000" if big else "< 5 s for 1,000 into 100,000",
               (seconds < 10 if big else seconds < 5) if stored >= 90_000 else None,
               cpu_seconds=round(cpu_seconds, 2), store=str(store), seed=seed, stored=stored,
               # run as `python -m bench.stories --store`, the process's peak: the batch's extraction, the
               # step and the baseline's ingestion (the largest of the three)
               peak_mb=round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024))


def _print(r: dict) -> None:
    print(r["name"], r["value_text"], f"(CPU {r['cpu_seconds']} s)", r.get("baseline_text", ""),
          r.get("ratio_text", ""), r["target"], r["ok"])


if __name__ == "__main__":
    parser = argparse.ArgumentParser(prog="python -m bench.stories", description=__doc__.splitlines()[0])
    parser.add_argument("count", nargs="?", type=int, default=100_000, help="articles of the synthetic store")
    parser.add_argument("--store", type=Path, help="time a batch into this existing store instead (left as it was)")
    parser.add_argument("--batch", type=int, default=1000, help="articles in the batch (--store)")
    parser.add_argument("--seed", type=int, default=1017, help="of the batch's synthetic articles (--store)")
    parser.add_argument("--spread", action="store_true",
                        help="the batch keeps the corpus's dates (two years) instead of the store's last three days (--store)")
    parser.add_argument("--json", action="store_true", help="print the row as one JSON line (--store)")
    args = parser.parse_args()
    if args.store:
        result = batch_into_store(args.store, args.batch, seed=args.seed, spread=args.spread)
        if args.json:
            import json

            print(json.dumps(result, default=str))
        else:
            _print(result)
    else:
        with tempfile.TemporaryDirectory(prefix="tension-bench-stories-") as tmp:
            for r in stories(Sizes(extract_docs=0, ingest_docs=0, query_sizes=(args.count,), query_reps=0), Path(tmp)):
                _print(r)
