"""Measurements that need a process of their own (peak memory, start-up): `python -m bench.probe KIND ...`.

Each prints one JSON line on stdout.
"""
from __future__ import annotations

import argparse
import json
import resource
import sys
import time


def _peak_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # Linux: KiB


def probe_imports() -> dict:
    import analysis.ingest  # noqa: F401
    import analysis.understand.extract  # noqa: F401

    return {"peak_mb": _peak_mb(resource.RUSAGE_SELF)}


def probe_ingest(source: str, workers: int, db: str) -> dict:
    from analysis.ingest import ingest_paths

    start = time.perf_counter()
    report = ingest_paths([source], db, workers=workers)
    seconds = time.perf_counter() - start
    return {
        "seconds": seconds, "read": report.read, "new": report.new, "skipped": len(report.skipped),
        "peak_mb": _peak_mb(resource.RUSAGE_SELF), "peak_worker_mb": _peak_mb(resource.RUSAGE_CHILDREN),
    }


def probe_vader(sentences_file: str) -> dict:
    """VADER alone over sentences, start-up included (the baseline for `python -m analysis extract`)."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    with open(sentences_file, encoding="utf-8") as f:
        sentences = json.load(f)
    analyzer = SentimentIntensityAnalyzer()
    total = 0.0
    for s in sentences:
        total += analyzer.polarity_scores(s)["compound"]
    return {"sentences": len(sentences), "checksum": round(total, 3)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.probe")
    sub = parser.add_subparsers(dest="kind", required=True)
    sub.add_parser("imports")
    p = sub.add_parser("ingest")
    p.add_argument("source", help="a file or folder to ingest (the benchmark writes a JSONL export)")
    p.add_argument("--workers", type=int, default=1)
    p.add_argument("--db", required=True)
    p = sub.add_parser("vader")
    p.add_argument("sentences_file")
    args = parser.parse_args(argv)
    if args.kind == "imports":
        out = probe_imports()
    elif args.kind == "ingest":
        out = probe_ingest(args.source, args.workers, args.db)
    else:
        out = probe_vader(args.sentences_file)
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
