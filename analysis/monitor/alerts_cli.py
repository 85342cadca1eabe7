"""`python -m analysis alerts run | list | backtest`: the store read, the ledger and delivery around the
pure alerts library (`analysis.monitor.alerts`, `analysis.monitor.alert_run`).

A run holds a lock file next to the ledger, so two runs (a cron job and `watch --alerts`) never both
deliver the same alert: the second waits for nothing and says so. The file is removed when the run ends,
and one left by a run that crashed blocks nothing (see `run_lock`).
"""
from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import fcntl
import json
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TextIO

from analysis.monitor.alert_file import jsonl_sender
from analysis.monitor.alert_ledger import ledger_path_for, load_ledger, save_ledger
from analysis.monitor.alert_run import days_to_evaluate, run_alerts
from analysis.monitor.alerts import Alert, alert_from_dict, backtest
from analysis.monitor.spikes import ALERT
from analysis.store.parquet_store import StoreError, read_connection, resolve_db_path
from analysis.monitor.tension_queries import daily_frame, evidence_lookup, first_day, history_start, latest_day
from analysis.monitor.webhook import webhook_sender


class AlertsBusy(RuntimeError):
    pass


@contextlib.contextmanager
def run_lock(ledger_path: Path) -> Iterator[None]:
    """An exclusive, non-blocking lock beside the ledger, its file removed when the run ends.

    The lock is the kernel's (flock), so a run that crashed holds nothing: its leftover file is locked anew
    by the next run and removed when that one ends. The file is removed while still locked; a run that
    opened it before then and locked it after holds a removed file, so it checks that the path is still
    the file it locked and otherwise locks the path's new file."""
    path = ledger_path.with_name(ledger_path.name + ".lock")
    while True:
        f = open(path, "a")
        try:
            fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            f.close()
            raise AlertsBusy(f"another alerts run holds {path}; try again when it ends") from None
        if _same_file(path, f.fileno()):
            break
        f.close()
    try:
        yield
    finally:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
        f.close()  # releases the lock, after the file is gone


def _same_file(path: Path, fd: int) -> bool:
    try:
        on_disk, held = path.stat(), os.fstat(fd)
    except FileNotFoundError:
        return False
    return (on_disk.st_dev, on_disk.st_ino) == (held.st_dev, held.st_ino)


def _sender(args: argparse.Namespace) -> Callable[[Alert], None] | None:
    # The webhook first: it fails far more often than a file append, and an alert whose delivery failed is
    # sent again whole next run, so the file gets its line once, after the webhook took it.
    senders = []
    if getattr(args, "webhook", None):
        senders.append(webhook_sender(args.webhook, args.style))
    if getattr(args, "jsonl", None):
        senders.append(jsonl_sender(args.jsonl))
    if not senders:
        return None

    def send(alert: Alert) -> None:
        for s in senders:
            s(alert)

    return send


def alerts_run(args: argparse.Namespace, out: TextIO | None = None) -> int:
    """Evaluate the days since the last run, queue new alerts, deliver pending ones; 1 if any failed."""
    out = out or sys.stdout
    db = resolve_db_path(args.db)
    ledger_path = ledger_path_for(db)
    try:
        send = _sender(args)
        with run_lock(ledger_path), read_connection(db) as con:
            ledger = load_ledger(ledger_path)
            latest = latest_day(con)
            if latest is None:
                print("no dated articles in the store: nothing to evaluate", file=out)
                return 0
            first, _ = days_to_evaluate(ledger.last_run, latest)
            daily = daily_frame(con, history_start(first), latest)
            report = run_alerts(daily, ledger, send, evidence=evidence_lookup(con))
            save_ledger(ledger_path, ledger)
    except (StoreError, AlertsBusy, ValueError, OSError) as exc:  # OSError: the ledger's folder unwritable
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for a in report.alerts:
        mark = "new " if a.key in report.new else ""
        print(f"{mark}{a.summary()}", file=out)
    pending = len(ledger.pending())
    print(f"evaluated {report.first} .. {report.last}: {sum(a.level == ALERT for a in report.alerts)} alerts, "
          f"{sum(a.level != ALERT for a in report.alerts)} watches, {len(report.new)} new; "
          f"delivered {len(report.delivery.delivered)}, {pending} pending"
          + ("" if send else " (no --webhook or --jsonl: alerts wait in the ledger)"), file=out)
    for key, error in report.delivery.failed:
        print(f"delivery of {key} failed ({error}); it is retried on the next run", file=sys.stderr)
    return 1 if report.delivery.failed else 0


def alerts_list(args: argparse.Namespace, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    ledger = load_ledger(ledger_path_for(resolve_db_path(args.db)))
    if not ledger.entries:
        print("no alerts recorded yet (`alerts run` records them)", file=sys.stderr)
    for key, entry in sorted(ledger.entries.items()):
        if args.json:
            print(json.dumps({**entry.alert, "delivered_at": entry.delivered_at, "attempts": entry.attempts,
                              "last_error": entry.last_error}, ensure_ascii=True), file=out)
        else:
            state = f"delivered {entry.delivered_at}" if entry.delivered_at else f"pending ({entry.attempts} attempts)"
            print(f"{alert_from_dict(entry.alert).summary()}  [{state}]", file=out)
    return 0


def alerts_backtest(args: argparse.Namespace, out: TextIO | None = None) -> int:
    """The alerts each day from..to would have fired, reading only what was published up to that day."""
    out = out or sys.stdout
    try:
        start, end = dt.date.fromisoformat(args.date_from), dt.date.fromisoformat(args.date_to)
    except ValueError as exc:
        print(f"error: {exc} (dates are YYYY-MM-DD)", file=sys.stderr)
        return 2
    if end < start:
        print("error: --to is before --from", file=sys.stderr)
        return 2
    try:
        with read_connection(resolve_db_path(args.db)) as con:
            earliest = first_day(con)
            read_from = history_start(start)
            # Which pairs are tested each day is decided by the detector from the days before (no lookahead).
            daily = daily_frame(con, read_from, end)
            lookup = evidence_lookup(con) if args.evidence else None
            alerts = backtest(daily, start, end, evidence=lookup) if len(daily) else []
    except StoreError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if earliest is not None and earliest > read_from:
        print(f"note: the store begins {earliest}; days before {earliest + (start - read_from)} have less "
              "history than the detector wants and may not be tested", file=sys.stderr)
    for a in alerts:
        if args.json:
            d = a.to_dict()
            d.pop("key", None)
            print(json.dumps(d, ensure_ascii=True), file=out)
        else:
            print(a.summary(), file=out)
    return 0

