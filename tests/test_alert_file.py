"""Alerts delivered to a JSON-lines file, once each."""
from __future__ import annotations

import json

from analysis.monitor.alert_file import jsonl_sender
from analysis.monitor.alert_ledger import Ledger, deliver_pending
from analysis.monitor.alerts import Alert, Rise, alert_from_dict
from analysis.monitor.spikes import ALERT


def test_each_alert_is_one_line_once(tmp_path):
    out = tmp_path / "alerts.jsonl"
    alerts = [Alert(date="2025-10-01", entity=e, level=ALERT, rises=(Rise("acts", 1, 9, 2.0, 1e-5, 1e-4),))
              for e in ("VEN", "RUS|UKR")]
    ledger = Ledger()
    ledger.add(alerts)
    send = jsonl_sender(out)
    deliver_pending(ledger, send)
    ledger.add(alerts)  # a rerun
    deliver_pending(ledger, send)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert [alert_from_dict(json.loads(line)) for line in lines] == sorted(alerts, key=lambda a: a.key)
    assert {"date", "entity", "level"} <= set(json.loads(lines[0]))
