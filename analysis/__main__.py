"""Command line: each command parses its arguments and calls one library function.

    python -m analysis extract PATH...          one JSON line per article on stdout
    python -m analysis ingest SOURCE... [--db]  files, directories, exports, feed or article URLs
    python -m analysis stats [--db] [--json]
    python -m analysis migrate [--db]           a single-file database of an earlier version into a folder
    python -m analysis migrate --places [--db]  link the places of a store written before they were stored
    python -m analysis stories [--db] [--json] [--limit N]
    python -m analysis watch FEEDS_FILE [--every 15m] [--db] [--alerts [--webhook URL] [--jsonl FILE]]
    python -m analysis alerts run [--db] [--webhook URL] [--style json|slack|discord] [--jsonl FILE]
    python -m analysis alerts list [--db] [--json]
    python -m analysis alerts backtest --from YYYY-MM-DD --to YYYY-MM-DD [--db] [--json]
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from concurrent.futures.process import BrokenProcessPool

from analysis.understand.extract_files import extract_paths
from analysis.read.sources import Skipped


def _cmd_extract(args: argparse.Namespace) -> int:
    ok = 0
    try:
        for outcome in extract_paths(args.paths, workers=args.workers):
            if isinstance(outcome, Skipped):
                print(f"skipped {outcome.origin}: {outcome.reason}", file=sys.stderr)
            else:
                print(outcome)
                ok += 1
    except BrokenProcessPool:
        print(f"error: a worker process died (out of memory?) after {ok} articles; try --workers 1", file=sys.stderr)
        return 1
    return 0 if ok else 1


def _cmd_ingest(args: argparse.Namespace) -> int:
    from analysis.ingest_cli import run_ingest

    return run_ingest(args)


def _cmd_stats(args: argparse.Namespace) -> int:
    from analysis.store.stats import storage_stats, store_stats
    from analysis.store.parquet_store import StoreError, read_connection, resolve_db_path  # DuckDB and Arrow: not needed to extract

    db = resolve_db_path(args.db)
    try:
        with read_connection(db) as con:
            stats = store_stats(con)
        storage = storage_stats(db)
    except StoreError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps({**stats, "storage": storage}))
        return 0
    print(f"database   {db}")
    print(f"articles   {stats['articles']} ({stats['undated']} undated) from {stats['sources']} sources")
    print(f"stories    {stats['stories']}")
    print(f"dates      {stats['first']} .. {stats['last']}")
    print(f"mentions   {stats['mentions']} of {stats['countries']} countries")
    print(f"figures    {stats['figures']}")
    print(f"signals    {stats['signals']['act']} acts, {stats['signals']['threat']} threats, {stats['pairs']} country pairs")
    top = ", ".join(f"{c} {n}" for c, n in stats["top_countries"].items())
    print(f"most named {top}")
    segments = ", ".join(f"{t} {n}" for t, n in storage["segments"].items())
    print(f"on disk    {storage['bytes'] / 2**20:,.1f} MB in segments ({segments}), version {storage['version']}"
          + (f"; {storage['retired_bytes'] / 2**20:,.1f} MB replaced, kept for readers a while" if storage["retired_bytes"] else ""))
    return 0


def _cmd_migrate(args: argparse.Namespace) -> int:
    from analysis.store.parquet_store import StoreError, is_legacy_store, resolve_db_path, store_exists
    from analysis.migrate import link_places, migrate, plan, upgrade

    if args.places:
        db = resolve_db_path(args.db)
        try:
            read, linked = link_places(db)
        except StoreError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
        print(f"read {read:,} articles without places in {db}: {linked:,} places linked to their country")
        return 0

    source, target = plan(Path(args.db) if args.db else None)
    if store_exists(target) and not is_legacy_store(source):
        try:
            up = upgrade(target)
        except StoreError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
        did = [*(["daily totals computed"] if up.daily_totals else []),
               *([f"{up.sidecars} id sidecars written"] if up.sidecars else []),
               *([f"{up.story_window:,} linked articles indexed for the next batches' story windows"]
                 if up.story_window else []),
               *([f"{up.story_terms:,} linked articles' terms indexed (a batch reads only its candidates)"]
                 if up.story_terms else [])]
        if not did:
            print(f"error: nothing to migrate: {target} is already a store folder, up to date", file=sys.stderr)
            return 1
        print(f"brought the store folder {target} up to date: {', '.join(did)}")
        return 0
    try:
        done = migrate(source, target)
    except StoreError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    rows = ", ".join(f"{n:,} {table}" for table, n in done.rows.items())
    print(f"migrated {done.source} into the store folder {done.target} ({rows})")
    if done.kept_as:
        print(f"the old file is kept as {done.kept_as}: delete it once you are satisfied")
    elif done.source != done.target:
        print(f"the old file {done.source} is no longer read: delete it once you are satisfied")
    return 0


def _cmd_stories(args: argparse.Namespace) -> int:
    from analysis.monitor.story_report import story_report
    from analysis.store.parquet_store import StoreError, read_connection, resolve_db_path

    try:
        with read_connection(resolve_db_path(args.db)) as con:
            stories = story_report(con, limit=args.limit)
    except StoreError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for story in stories:
        if args.json:
            print(json.dumps(story, ensure_ascii=False))
        else:
            countries = " ".join(list(story["countries"])[:4])
            print(f"{story['last']}  {sum(map(len, story['copies']))} articles  {story['outlets']} outlets  "
                  f"{countries:<15}  {story['title']}")
    return 0


def _cmd_watch(args: argparse.Namespace) -> int:
    from analysis.watch import run_watch

    return run_watch(args)


def _cmd_alerts(args: argparse.Namespace) -> int:
    from analysis.monitor import alerts_cli

    return {"run": alerts_cli.alerts_run, "list": alerts_cli.alerts_list,
            "backtest": alerts_cli.alerts_backtest}[args.alerts_command](args)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m analysis", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("extract", help="analyse files and print one JSON object per article")
    p.add_argument("paths", nargs="+", help="files or directories (walked)")
    p.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                   help="processes (default: all cores); the output is the same with any number")
    p.set_defaults(func=_cmd_extract)

    db_help = "the store, a folder (default: $TENSION_DB or data/tension)"
    p = sub.add_parser("ingest", help="add articles to the store")
    p.add_argument("sources", nargs="+", help="files, directories, JSONL/CSV exports, feed or article URLs")
    p.add_argument("--db", help=db_help)
    p.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="processes (default: all cores)")
    p.add_argument("--no-fetch", action="store_true", help="use feed entries' own text, fetch no pages")
    p.add_argument("--engine", choices=("local", "dask"), default="local")
    p.add_argument("--scheduler", help="Dask scheduler address, e.g. tcp://HOST:8786 (default: a local cluster)")
    p.add_argument("--parts", help="with --engine dask: where workers write Parquet parts (shared storage on a "
                   "real cluster; default: a temporary folder next to the database)")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=_cmd_ingest)

    p = sub.add_parser("stats", help="counts of what the store holds")
    p.add_argument("--db", help=db_help)
    p.add_argument("--json", action="store_true", help="one JSON line")
    p.set_defaults(func=_cmd_stats)

    p = sub.add_parser("migrate", help="convert a single-file database of an earlier version into a store folder, "
                       "or bring a store folder up to date (its daily totals)")
    p.add_argument("--db", help="the old file, converted in place (default: data/tension.duckdb into data/tension)")
    p.add_argument("--places", action="store_true",
                   help="instead, link the places (Kharkiv: Ukraine) of a store folder written before they were stored")
    p.set_defaults(func=_cmd_migrate)
    p = sub.add_parser("stories", help="stories (articles about one event), newest first, with their copies")
    p.add_argument("--db", help=db_help)
    p.add_argument("--json", action="store_true", help="one JSON object per story")
    p.add_argument("--limit", type=int, default=None, help="the newest N stories only")
    p.set_defaults(func=_cmd_stories)

    p = sub.add_parser("watch", help="poll feeds and ingest what is new")
    p.add_argument("feeds_file", help="a text file with one feed URL per line")
    p.add_argument("--every", default="15m", help="interval: 30s, 15m, 1h (default 15m)")
    p.add_argument("--db", help=db_help)
    p.add_argument("--rounds", type=int, default=0, help="stop after N rounds (default: until Ctrl-C)")
    p.add_argument("--no-fetch", action="store_true", help="use feed entries' own text, fetch no pages")
    p.add_argument("--alerts", action="store_true", help="after each round, run `alerts run` with the options below")
    _alert_options(p)
    p.set_defaults(func=_cmd_watch)

    p = sub.add_parser("alerts", help="what is heating up: evaluate, deliver, list and backtest alerts")
    alerts = p.add_subparsers(dest="alerts_command", required=True)
    a = alerts.add_parser("run", help="evaluate the days since the last run and deliver each new alert once")
    a.add_argument("--db", help=db_help)
    _alert_options(a)
    a = alerts.add_parser("list", help="the alerts recorded, delivered or pending")
    a.add_argument("--db", help=db_help)
    a.add_argument("--json", action="store_true", help="one JSON object per alert")
    a = alerts.add_parser("backtest", help="the alerts each day would have fired, without lookahead")
    a.add_argument("--db", help=db_help)
    a.add_argument("--from", dest="date_from", required=True, help="first day, YYYY-MM-DD")
    a.add_argument("--to", dest="date_to", required=True, help="last day, YYYY-MM-DD")
    a.add_argument("--json", action="store_true", help="one JSON object per alert (date, entity, level, rises)")
    a.add_argument("--evidence", action="store_true", help="with each alert its top stories (slower)")
    p.set_defaults(func=_cmd_alerts)
    return parser


def _alert_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--webhook", help="POST each new alert as JSON to this URL")
    p.add_argument("--style", choices=("json", "slack", "discord"), default="json",
                   help="the webhook body: the alert record (json), or Slack's or Discord's")
    p.add_argument("--jsonl", help="append each new alert as one JSON line to this file")


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
