"""Benchmark section: `alerts backtest` over a year of a 100,000-article store (issue 16: < 30 s on 2 cores).

    python -m bench.alerts [N]     # this section alone (N articles, default 100,000)

The store is the ingested benchmark corpus scaled to N articles (`scenarios.scaled_store`: copies with new
ids and shifted dates, act/threat sentences and story links included). Timed: the command as a user runs
it, `python -m analysis alerts backtest --from D --to D --json` over the store's last 365 days, start-up
included. Baseline: `python -m analysis stats --json` on the same store (start-up plus a scan of each table).
Also timed: what the dashboard computes for "Rising now" once per store version (cached after).
"""
from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from analysis.store import schema as S
from analysis.ingest import ingest_paths
from analysis.store.parquet_store import read_connection
from bench.scenarios import ROOT, Sizes, row, scaled_store, write_export

BASE_DOCS = 5000  # ingested when no earlier section left a store to scale


def _timed(*argv: str) -> tuple[float, str]:
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-m", "analysis", *argv], cwd=ROOT, capture_output=True, text=True, check=True)
    return time.perf_counter() - start, out.stdout


def alerts(sizes: Sizes, work: Path) -> list[dict]:
    """alerts backtest over a year of the largest store"""
    n = max(sizes.query_sizes)
    base = work / "ingest-n.store"
    if not base.exists():
        ingest_paths([write_export(work / "alerts-base.jsonl", min(BASE_DOCS, n))], base, workers=2)
    db = work / f"alerts-{n}.store"
    articles = scaled_store(base, n, db)
    with read_connection(db) as con:
        last = con.execute(f"SELECT max(published) FROM {S.ARTICLES}").fetchone()[0]
        signals = con.execute(f"SELECT count(*) FROM {S.SIGNALS}").fetchone()[0]
    first = last - dt.timedelta(days=364)
    baseline, _ = _timed("stats", "--db", str(db), "--json")
    seconds, out = _timed("alerts", "backtest", "--db", str(db), "--from", first.isoformat(), "--to", last.isoformat(), "--json")
    found = [json.loads(line) for line in out.splitlines() if line.strip()]
    from analysis.monitor.tension_queries import tension_overview

    with read_connection(db) as con:  # what the dashboard computes once per store version, before any chart
        start = time.perf_counter()
        overview = tension_overview(con)
        overview_s = time.perf_counter() - start
    big = n >= 100_000
    return [row(f"dashboard Rising now (tension_overview, cold) @ {articles:,}", overview_s, "s",
                rising=len(overview["rising"]), alerts=len(overview["alerts"])),
            row(f"alerts backtest, 365 days @ {articles:,}", seconds, "s", baseline, "s (stats --json)", seconds / baseline,
                "< 30 s" if big else "", seconds < 30 if big else None, articles=articles, signals=signals,
                alerts=sum(a["level"] == "alert" for a in found), watches=sum(a["level"] == "watch" for a in found))]


if __name__ == "__main__":
    from bench.__main__ import print_table

    size = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    with tempfile.TemporaryDirectory(prefix="tension-bench-alerts-") as tmp:
        rows = alerts(Sizes(extract_docs=0, ingest_docs=0, query_sizes=(size,), query_reps=0), Path(tmp))
    print_table(rows)
    print(json.dumps(rows, default=str))
