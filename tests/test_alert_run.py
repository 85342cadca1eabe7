"""A run evaluates the days since the last one, queues new alerts and delivers each once."""
from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from analysis.monitor.alert_ledger import Ledger, load_ledger, save_ledger
from analysis.monitor.alert_run import days_to_evaluate, run_alerts
from synthetic_series import daily_frame, plant

DAYS = pd.date_range("2025-01-06", periods=200)


def test_days_to_evaluate():
    latest = dt.date(2025, 10, 10)
    assert days_to_evaluate(None, latest) == (dt.date(2025, 10, 4), latest)
    assert days_to_evaluate("2025-10-08", latest) == (dt.date(2025, 10, 8), latest)


def test_runs_deliver_each_alert_once_and_retry_failures(tmp_path):
    rng = np.random.default_rng(31)
    frame = daily_frame(rng, [10.0, 5.0], days=100)
    plant(frame, rng, "E000", DAYS[97], 45)
    path = tmp_path / "alerts.json"
    sent: list[str] = []

    def down(alert):
        raise ConnectionError("down")

    # First run: the last 7 days; the webhook is down, the alert is queued.
    ledger = Ledger()
    report = run_alerts(frame, ledger, down)
    assert (report.first, report.last) == (DAYS[93].date(), DAYS[99].date())
    assert f"{DAYS[97].date()}|E000" in report.new and report.delivery.failed
    save_ledger(path, ledger)

    # Next run, same data: nothing new, and the pending alert goes out.
    ledger = load_ledger(path)
    report = run_alerts(frame, ledger, lambda a: sent.append(a.key))
    assert report.new == () and report.first == DAYS[99].date()
    assert sent == [f"{DAYS[97].date()}|E000"]
    save_ledger(path, ledger)

    # A day later with new data: only that day is new, and the old alert is not sent again.
    more = pd.concat([frame, daily_frame(np.random.default_rng(32), [10.0, 5.0], days=101).iloc[[100, 201]]])
    ledger = load_ledger(path)
    run_alerts(more, ledger, lambda a: sent.append(a.key))
    assert sent == [f"{DAYS[97].date()}|E000"]
    assert ledger.last_run == DAYS[100].date().isoformat()


def test_without_a_webhook_alerts_wait_in_the_ledger():
    rng = np.random.default_rng(33)
    frame = daily_frame(rng, [10.0], days=80)
    plant(frame, rng, "E000", DAYS[78], 45)
    ledger = Ledger()
    report = run_alerts(frame, ledger, None)
    assert report.new and [a.key for a in ledger.pending()] == list(report.new)
    assert run_alerts(pd.DataFrame(), Ledger(), None).alerts == ()
