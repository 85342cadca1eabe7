"""Benchmark section: `alerts backtest` over a year of a 100,000-article store (issue 16: < 30 s on 2 cores;
issue 17: a 1,000,000-article store < 60 s), checked against escalations planted in it.

    python -m bench.alerts [N]              # this section alone (N articles, default 100,000)
    python -m bench.alerts --store PATH     # time the backtest on an existing store (read only), e.g. 1M

The store is the ingested benchmark corpus scaled to N articles (`scenarios.scaled_store`: copies with new
ids and shifted dates, act/threat sentences and story links included) plus the events of `bench.planted`
ingested into it (sharp escalations and a threat buildup between country pairs, with months of friction
before; one wire story carried by 20 outlets): the backtest is timed doing the work of real alerts, and
its lines are scored against the events (hits, misses, false alerts, delays; the background's own alerts).

Timed: the command as a user runs it, `python -m analysis alerts backtest --from D --to D --json` over the
store's last 365 days, start-up included; and in this process, its two phases (the store read into the
daily frame, then the tests on the panel) so that a larger store's cost can be told apart. Baseline:
`python -m analysis stats --json` on the same store (start-up plus a scan of each table). Also timed: what
the dashboard computes for "Rising now" once per store version (cached after).
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from analysis.ingest import ingest_paths
from analysis.store import schema as S
from analysis.store.parquet_store import read_connection
from bench.planted import planted_documents, score
from bench.scenarios import ROOT, Sizes, row, scaled_store, write_export

BASE_DOCS = 5000  # ingested when no earlier section left a store to scale
YEAR = 365


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _timed(*argv: str) -> tuple[float, str, float]:
    """(wall seconds, stdout, CPU seconds of the command and its threads): on a shared machine the CPU time is
    what a change moves, the wall time what a user waits."""
    start, cpu = time.perf_counter(), _children_cpu()
    out = subprocess.run([sys.executable, "-m", "analysis", *argv], cwd=ROOT, capture_output=True, text=True, check=True)
    return time.perf_counter() - start, out.stdout, _children_cpu() - cpu


def _year(db: Path) -> tuple[dt.date, dt.date, int, int]:
    """(first, last) of the year evaluated, articles, signals. The year ends on the store's latest day not
    after today: a scaled store's shifted copies reach into the future, where ingestion would not date the
    planted articles (it takes no publication date after the day it runs)."""
    from analysis.monitor.tension_queries import latest_day

    with read_connection(db) as con:
        last = latest_day(con)
        articles = con.execute(f"SELECT count(*) FROM {S.ARTICLES}").fetchone()[0]
        signals = con.execute(f"SELECT count(*) FROM {S.SIGNALS}").fetchone()[0]
    return last - dt.timedelta(days=YEAR - 1), last, articles, signals


def plant(db: Path, work: Path) -> list:
    """Ingest the planted events into the store's last year; returns the events."""
    first, _, _, _ = _year(db)
    rows, events = planted_documents(first)
    export = work / "planted.jsonl"
    with open(export, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    ingest_paths([export], db, workers=2)
    with read_connection(db) as con:
        dated = con.execute(f"SELECT count(*) FROM {S.ARTICLES} WHERE url LIKE 'https://planted.example/%' "
                            "AND published IS NOT NULL").fetchone()[0]
    if dated != len(rows):  # a planted article merged with another or left undated would skew the score
        raise RuntimeError(f"{len(rows)} planted articles, {dated} stored with their dates")
    return events


def backtest_phases(db: Path, first: dt.date, last: dt.date) -> tuple[float, float, float, float, int, int]:
    """(wall and CPU seconds reading the daily frame, wall and CPU seconds testing it, entities, days): where a
    backtest's time goes."""
    from analysis.monitor.alerts import backtest
    from analysis.monitor.tension_panel import to_panel
    from analysis.monitor.tension_queries import daily_frame, history_start

    with read_connection(db) as con:
        start, cpu = time.perf_counter(), time.process_time()
        daily = daily_frame(con, history_start(first), last)
        read_s, read_cpu = time.perf_counter() - start, time.process_time() - cpu
    start, cpu = time.perf_counter(), time.process_time()
    panel = to_panel(daily, end=last)
    backtest(panel, first, last)
    return read_s, read_cpu, time.perf_counter() - start, time.process_time() - cpu, len(panel.entities), len(panel.dates)


def time_backtest(db: Path, label: str, events: list | None = None, target_s: float | None = None) -> list[dict]:
    first, last, articles, signals = _year(db)
    baseline, _, baseline_cpu = _timed("stats", "--db", str(db), "--json")
    seconds, out, cpu = _timed("alerts", "backtest", "--db", str(db), "--from", first.isoformat(), "--to", last.isoformat(), "--json")
    found = [json.loads(line) for line in out.splitlines() if line.strip()]
    read_s, read_cpu, test_s, test_cpu, entities, days = backtest_phases(db, first, last)
    extra = {}
    if events is not None:
        result = score(events, found)
        extra = {"planted_owed": result["owed"], "planted_hits": result["hits"], "planted_misses": result["misses"],
                 "false_alerts": result["false"], "delays_days": result["delays"], "background_alerts": result["other"]}
    rows = [row(f"alerts backtest, 365 days @ {articles:,}{label}", seconds, "s", baseline, "s (stats --json)",
                seconds / baseline, f"< {target_s:g} s" if target_s else "", seconds < target_s if target_s else None,
                articles=articles, signals=signals, alerts=sum(a["level"] == "alert" for a in found),
                watches=sum(a["level"] == "watch" for a in found), cpu_s=round(cpu, 2),
                baseline_cpu_s=round(baseline_cpu, 2), read_s=round(read_s, 2), read_cpu_s=round(read_cpu, 2),
                test_s=round(test_s, 2), test_cpu_s=round(test_cpu, 2),
                entities=entities, days=days, **extra)]
    if events is not None:
        ok = not extra["planted_misses"] and not extra["false_alerts"]
        rows.append(row(f"planted escalations alerted @ {articles:,} ({extra['planted_hits']} of "
                        f"{extra['planted_owed']}, {len(extra['false_alerts'])} false)", extra["planted_hits"], "hits",
                        extra["planted_owed"], "owed", extra["planted_hits"] / max(extra["planted_owed"], 1),
                        "all, none false", ok, **extra))
    return rows


def alerts(sizes: Sizes, work: Path) -> list[dict]:
    """alerts backtest over a year of the largest store, with planted escalations"""
    n = max(sizes.query_sizes)
    base = work / "ingest-n.store"
    if not base.exists():
        ingest_paths([write_export(work / "alerts-base.jsonl", min(BASE_DOCS, n))], base, workers=2)
    db = work / f"alerts-{n}.store"
    planted_count = len(planted_documents(dt.date(2025, 1, 1))[0])  # the same count whatever the dates
    scaled_store(base, max(n - planted_count, 1), db)
    events = plant(db, work)
    from analysis.monitor.tension_queries import tension_overview

    with read_connection(db) as con:  # what the dashboard computes once per store version, before any chart
        start = time.perf_counter()
        overview = tension_overview(con)
        overview_s = time.perf_counter() - start
        articles = con.execute(f"SELECT count(*) FROM {S.ARTICLES}").fetchone()[0]
    big = n >= 100_000
    return [row(f"dashboard Rising now (tension_overview, cold) @ {articles:,}", overview_s, "s",
                rising=len(overview["rising"]), alerts=len(overview["alerts"])),
            *time_backtest(db, "", events, 30.0 if big else None)]


def main(argv: list[str] | None = None) -> None:
    from bench.__main__ import print_table

    parser = argparse.ArgumentParser(prog="python -m bench.alerts", description=__doc__.split("\n\n")[0])
    parser.add_argument("size", nargs="?", type=int, default=100_000, help="articles in the scaled store")
    parser.add_argument("--store", type=Path, help="time the backtest on this existing store instead (read only)")
    args = parser.parse_args(argv)
    if args.store:
        _, _, articles, _ = _year(args.store)
        # Targets: issue 17 at a million articles, issue 16 at 100,000 (a store "of" that size, give or take).
        rows = time_backtest(args.store, " (given store)", target_s=60.0 if articles >= 900_000 else
                             30.0 if articles >= 90_000 else None)
    else:
        with tempfile.TemporaryDirectory(prefix="tension-bench-alerts-") as tmp:
            rows = alerts(Sizes(extract_docs=0, ingest_docs=0, query_sizes=(args.size,), query_reps=0), Path(tmp))
    print_table(rows)
    print(json.dumps(rows, default=str))


if __name__ == "__main__":
    main()
