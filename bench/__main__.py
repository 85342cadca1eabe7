"""`python -m bench`: Tension Monitor's performance figures, each as a ratio to a baseline measured in the same run.

    python -m bench                 # the standard run (2-5 minutes on 2 cores)
    python -m bench --quick         # a smoke run, small sizes (CI uses it to check the script works)
    python -m bench --full          # ingestion measured at 100,000 articles too (long)
    python -m bench --scale N       # the store at N articles: appends, disk, memory, queries (bench/scale.py)
    python -m bench --read-path N   # each dashboard query over the store's snapshot vs native DuckDB tables
    python -m bench --paint [--keep DIR]  # only the dashboard's first paint (the stores kept in DIR for the next run)

Sections: extraction against VADER alone, the tone cache, ingestion with 1 and all cores, every dashboard
query at 10,000 and 100,000 articles (cold and cached), the dashboard's first paint and memory. Results go
to bench/results/latest.json with the machine they were measured on.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

from bench import scenarios
from bench.alerts import alerts
from bench.stories import stories

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "latest.json"


def machine() -> dict:
    cpu = ""
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name"))
    except (OSError, StopIteration):
        cpu = platform.processor()
    try:
        mem_gb = round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1)
    except (ValueError, OSError):
        mem_gb = None
    import duckdb

    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gb": mem_gb, "python": platform.python_version(),
            "platform": platform.platform(), "duckdb": duckdb.__version__,
            "date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")}


def print_table(rows: list[dict]) -> None:
    header = ("measure", "value", "baseline", "ratio", "target", "")
    lines = [header]
    for r in rows:
        ok = "" if r.get("ok") is None else ("ok" if r["ok"] else "MISSED")
        lines.append((r["name"], r["value_text"], r.get("baseline_text", ""), r.get("ratio_text", ""), r.get("target", ""), ok))
    widths = [max(len(str(line[i])) for line in lines) for i in range(len(header))]
    for i, line in enumerate(lines):
        print("  ".join(str(cell).ljust(w) for cell, w in zip(line, widths)).rstrip())
        if i == 0:
            print("  ".join("-" * w for w in widths))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sizes: checks the script, not the targets")
    parser.add_argument("--full", action="store_true", help="also ingest 100,000 articles (peak memory target)")
    parser.add_argument("--out", type=Path, default=RESULTS, help=f"JSON results (default {RESULTS.relative_to(ROOT)})")
    parser.add_argument("--no-browser", action="store_true", help="skip the dashboard's first paint (needs chromium)")
    parser.add_argument("--scale", type=int, metavar="N", help="only the scale run: ingest N synthetic articles and "
                        "measure appends, disk, memory and queries at that size (issue 17's table)")
    parser.add_argument("--keep", type=Path, metavar="DIR", help="with --paint: build its stores in DIR once and reuse "
                        "them; with --scale: build the N-article store in DIR and "
                        "keep it; a later run resumes an unfinished build or reuses the store (appends go to linked copies)")
    parser.add_argument("--scaled-from", type=Path, metavar="STORE", help="with --scale: make the N-article store "
                        "from this ingested store (copies with new ids, dates shifted) instead of ingesting N")
    parser.add_argument("--scale-batch", type=int, default=20_000, metavar="N", help="with --scale: the batch whose "
                        "throughput into the store is compared with an empty store's (default 20,000)")
    parser.add_argument("--read-path", type=int, metavar="N", help="only the queries: each one over the store's "
                        "Parquet snapshot vs the same N articles' rows in native DuckDB tables (bench/read_path.py)")
    parser.add_argument("--store", type=Path, help="with --read-path: an existing store instead of a synthetic one")
    parser.add_argument("--paint", action="store_true", help="only the dashboard's first paint and memory, on the "
                        "standard run's 10,000- and 100,000-article stores (built first; with --keep DIR, once)")
    parser.add_argument("--paint-against", type=Path, metavar="CHECKOUT", help="with --paint: also visit another "
                        "checkout's app.py (e.g. a worktree of main), in the same turns")
    parser.add_argument("--paint-runs", type=int, metavar="N", help="with --paint: visits of each page, in turns "
                        "(default: the run's, 3)")
    parser.add_argument("--no-native", action="store_true", help="with --read-path --store: the snapshot alone, "
                        "with CPU times (no copy into native tables, which at a million articles costs more than the run)")
    args = parser.parse_args(argv)
    if args.scale and args.out == RESULTS:
        args.out = RESULTS.with_name(f"scale-{args.scale}.json")  # the standard run's figures stay
    if args.read_path and args.out == RESULTS:
        args.out = RESULTS.with_name(f"read-path-{args.read_path}.json")
    if args.paint and args.out == RESULTS:
        args.out = RESULTS.with_name("paint.json")

    sizes = scenarios.Sizes.quick() if args.quick else scenarios.Sizes.full() if args.full else scenarios.Sizes.standard()
    if args.paint_runs:
        sizes.paint_runs = args.paint_runs
    rows: list[dict] = []
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="tension-bench-") as tmp:
        work = Path(tmp)
        if args.scale:
            from bench.scale import scale

            print(f"# the store at {args.scale:,} articles", file=sys.stderr, flush=True)
            rows.extend(scale(args.scale, work, browser=not args.no_browser, keep=args.keep, scaled_from=args.scaled_from,
                              batch=args.scale_batch))
        if args.read_path:
            from bench.read_path import read_path

            print(f"# every dashboard query at {args.read_path:,} articles: snapshot vs native tables", file=sys.stderr, flush=True)
            if args.no_native and args.store:
                from bench.read_path import snapshot_only

                rows.extend(snapshot_only(args.store))
            else:
                rows.extend(read_path(args.read_path, work, store=args.store))
        if args.paint:
            print("# the dashboard's first paint alone (stores as the standard run builds them)", file=sys.stderr, flush=True)
            rows.extend(scenarios.paint_only(sizes, args.keep or work, args.paint_against))
        for section in [] if args.scale or args.read_path or args.paint else [*scenarios.SECTIONS, stories, alerts]:
            if section.__name__ == "dashboard" and args.no_browser:
                continue
            print(f"# {section.__doc__.splitlines()[0]}", file=sys.stderr, flush=True)
            rows.extend(section(sizes, work))
    print_table(rows)
    result = {"machine": machine(), "sizes": {"scale": args.scale} if args.scale else {"read_path": args.read_path} if args.read_path else {**sizes.__dict__, "paint_only": args.paint}, "seconds": round(time.perf_counter() - started, 1),
              "quick": args.quick, "rows": rows}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=1, default=str) + "\n")
    print(f"\nresults: {args.out} ({result['seconds']} s on {result['machine']['cores']} cores)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
