"""Delivering alerts to a JSON-lines file (`alerts run --jsonl FILE`): one alert record a line, appended.

The same delivered-once bookkeeping as the webhook applies (`alert_ledger.deliver_pending`), so a rerun
appends nothing new. Each line is written and flushed whole; ASCII JSON, so a lone surrogate in article
text cannot make the file unreadable as UTF-8.
"""
from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

from analysis.monitor.alerts import Alert


def jsonl_sender(path: str | os.PathLike[str]) -> Callable[[Alert], None]:
    target = Path(path)

    def send(alert: Alert) -> None:
        line = json.dumps(alert.to_dict(), ensure_ascii=True) + "\n"
        with target.open("a", encoding="utf-8") as f:
            f.write(line)
            f.flush()

    return send
