"""Delivered once: a rerun delivers nothing new, a failed delivery waits for the next run."""
from __future__ import annotations

import datetime as dt
import json

import pytest

from analysis.monitor.alert_ledger import Ledger, deliver_pending, ledger_path_for, load_ledger, save_ledger
from analysis.monitor.alerts import Alert, Rise
from analysis.monitor.spikes import ALERT, WATCH


def alert(day: str, entity: str, level: str = ALERT) -> Alert:
    return Alert(date=day, entity=entity, level=level, rises=(Rise("acts", 1, 12, 3.0, 1e-6, 1e-5),))


def clock() -> dt.datetime:
    return dt.datetime(2025, 10, 2, 12, 0, tzinfo=dt.timezone.utc)


def test_only_alerts_are_queued_each_once():
    ledger = Ledger()
    first = ledger.add([alert("2025-10-01", "VEN"), alert("2025-10-01", "COL", WATCH)])
    assert first == ["2025-10-01|VEN"]
    assert ledger.add([alert("2025-10-01", "VEN")]) == []  # the same alert found again by a rerun
    assert [a.key for a in ledger.pending()] == ["2025-10-01|VEN"]


def test_a_failed_delivery_is_kept_and_retried_until_it_succeeds(tmp_path):
    path = tmp_path / "alerts.json"
    ledger = Ledger()
    ledger.add([alert("2025-10-01", "VEN"), alert("2025-10-01", "RUS|UKR")])

    def down(a: Alert) -> None:
        raise ConnectionError("webhook down")

    report = deliver_pending(ledger, down, clock)
    assert report.delivered == () and len(report.failed) == 2
    save_ledger(path, ledger)

    ledger = load_ledger(path)  # the next run
    entry = ledger.entries["2025-10-01|VEN"]
    assert entry.attempts == 1 and "webhook down" in entry.last_error and entry.delivered_at is None
    sent: list[str] = []
    report = deliver_pending(ledger, lambda a: sent.append(a.key), clock)
    assert sorted(report.delivered) == sorted(sent) == ["2025-10-01|RUS|UKR", "2025-10-01|VEN"]
    assert ledger.entries["2025-10-01|VEN"].delivered_at == "2025-10-02T12:00:00+00:00"
    save_ledger(path, ledger)

    ledger = load_ledger(path)  # a rerun: the same alerts found again, nothing sent
    ledger.add([alert("2025-10-01", "VEN"), alert("2025-10-01", "RUS|UKR")])
    assert deliver_pending(ledger, lambda a: sent.append(a.key), clock).delivered == ()
    assert len(sent) == 2
    assert [a.key for a in ledger.delivered()] == ["2025-10-01|RUS|UKR", "2025-10-01|VEN"]


def test_one_failure_does_not_stop_the_others():
    ledger = Ledger()
    ledger.add([alert("2025-10-01", "AAA"), alert("2025-10-01", "BBB")])

    def flaky(a: Alert) -> None:
        if a.entity == "AAA":
            raise TimeoutError("slow")

    report = deliver_pending(ledger, flaky, clock)
    assert report.delivered == ("2025-10-01|BBB",) and report.failed[0][0] == "2025-10-01|AAA"


def test_the_ledger_file(tmp_path):
    assert load_ledger(tmp_path / "absent.json").entries == {}
    ledger = Ledger(last_run="2025-10-01")
    ledger.add([alert("2025-09-28", "VEN"), alert("2025-10-01", "VEN")])
    save_ledger(tmp_path / "l.json", ledger)
    again = load_ledger(tmp_path / "l.json")
    assert again.last_run == "2025-10-01" and again.entries.keys() == ledger.entries.keys()
    assert again.last_alerts() == {"VEN": "2025-10-01"}
    assert not list(tmp_path.glob("*.tmp"))
    (tmp_path / "bad.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(json.JSONDecodeError):  # never a silent fresh start that would resend everything
        load_ledger(tmp_path / "bad.json")
    assert ledger_path_for(tmp_path / "t.duckdb").name == "t.duckdb.alerts.json"
