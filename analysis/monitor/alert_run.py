"""One alerts run: evaluate the days since the last run, queue the new alerts, deliver what is pending.

`run_alerts` is what `python -m analysis alerts run` and `watch --alerts` call once the daily frame is
read from the store: it takes the frame, the ledger and a `send` function, and changes only the ledger
(the caller loads and saves it with `analysis.monitor.alert_ledger`).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from analysis.monitor.alert_ledger import DeliveryReport, Ledger, deliver_pending
from analysis.monitor.alerts import Alert, EvidenceLookup, evaluate
from analysis.monitor.spikes import ALERT, DEFAULT_SETTINGS, SpikeSettings

FIRST_RUN_DAYS = 7


def days_to_evaluate(last_run: str | None, latest: dt.date, first_run_days: int = FIRST_RUN_DAYS) -> tuple[dt.date, dt.date]:
    """From the last day evaluated (again: it may have had only part of its articles then) to the latest
    day with data; on a first run, the last `first_run_days` days."""
    if last_run is None:
        return latest - dt.timedelta(days=first_run_days - 1), latest
    return min(dt.date.fromisoformat(last_run), latest), latest


@dataclass(frozen=True)
class RunReport:
    first: dt.date
    last: dt.date
    alerts: tuple[Alert, ...]  # every alert and watch of the days evaluated
    new: tuple[str, ...]  # keys queued for delivery by this run
    delivery: DeliveryReport


def run_alerts(daily: pd.DataFrame, ledger: Ledger, send: Callable[[Alert], None] | None,
               settings: SpikeSettings = DEFAULT_SETTINGS, evidence: EvidenceLookup | None = None,
               now: Callable[[], dt.datetime] | None = None) -> RunReport:
    """Evaluate, queue and deliver. With `send` None (no webhook) alerts are queued and stay pending."""
    if daily.empty:
        today = dt.date.today()
        return RunReport(today, today, (), (), DeliveryReport((), ()))
    latest = pd.to_datetime(daily["date"]).max().date()
    first, last = days_to_evaluate(ledger.last_run, latest)
    alerts = evaluate(daily, first, last, settings, ledger.last_alerts(), evidence)
    new = ledger.add(a for a in alerts if a.level == ALERT)
    delivery = DeliveryReport((), ())
    if send is not None:
        delivery = deliver_pending(ledger, send, now) if now else deliver_pending(ledger, send)
    ledger.last_run = last.isoformat()
    return RunReport(first, last, tuple(alerts), tuple(new), delivery)
