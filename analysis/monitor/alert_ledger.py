"""Delivered once: which alerts were pushed, which wait for a retry, and when the last run was.

The ledger maps an alert's key ("DATE|ENTITY") to its record, the time it was delivered (None while
pending), the attempts and the last error. A run adds the new alerts as pending, then tries every pending
one: a rerun finds their keys and adds nothing, and an alert whose delivery failed stays pending until a
later run delivers it, so none is lost. Only `load_ledger` and `save_ledger` touch the disk (a small JSON
file next to the database, replaced atomically).
"""
from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from analysis.monitor.alerts import ALERT, Alert, alert_from_dict


@dataclass
class LedgerEntry:
    alert: dict
    delivered_at: str | None = None
    attempts: int = 0
    last_error: str | None = None


@dataclass
class Ledger:
    entries: dict[str, LedgerEntry] = field(default_factory=dict)
    last_run: str | None = None  # ISO date of the last day evaluated

    def add(self, alerts: Iterable[Alert]) -> list[str]:
        """Record the pushable alerts not seen before; returns their keys."""
        added = []
        for a in alerts:
            if a.level != ALERT or a.key in self.entries:
                continue
            self.entries[a.key] = LedgerEntry(alert=a.to_dict())
            added.append(a.key)
        return added

    def pending(self) -> list[Alert]:
        return [alert_from_dict(e.alert) for _, e in sorted(self.entries.items()) if e.delivered_at is None]

    def delivered(self) -> list[Alert]:
        return [alert_from_dict(e.alert) for _, e in sorted(self.entries.items()) if e.delivered_at is not None]

    def last_alerts(self) -> dict[str, str]:
        """entity -> date of its latest recorded alert (continues the cooldown across runs)."""
        out: dict[str, str] = {}
        for e in self.entries.values():
            entity, day = e.alert["entity"], e.alert["date"]
            if day > out.get(entity, ""):
                out[entity] = day
        return out


@dataclass(frozen=True)
class DeliveryReport:
    delivered: tuple[str, ...]
    failed: tuple[tuple[str, str], ...]  # (key, error)


def deliver_pending(ledger: Ledger, send: Callable[[Alert], None],
                    now: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.timezone.utc)) -> DeliveryReport:
    """Try every pending alert once with `send` (which raises on failure); the ledger records each outcome."""
    delivered, failed = [], []
    for alert in ledger.pending():
        entry = ledger.entries[alert.key]
        entry.attempts += 1
        try:
            send(alert)
        except Exception as exc:  # noqa: BLE001 - any failure leaves the alert pending for the next run
            entry.last_error = f"{type(exc).__name__}: {exc}"[:500]
            failed.append((alert.key, entry.last_error))
            continue
        entry.delivered_at = now().isoformat(timespec="seconds")
        entry.last_error = None
        delivered.append(alert.key)
    return DeliveryReport(tuple(delivered), tuple(failed))


def ledger_path_for(db_path: str | os.PathLike[str]) -> Path:
    p = Path(db_path)
    return p.with_name(p.name + ".alerts.json")


def load_ledger(path: str | os.PathLike[str]) -> Ledger:
    """The ledger at `path`; an absent file is an empty ledger. A corrupt one is an error, not a fresh
    start: starting afresh would deliver every alert again."""
    p = Path(path)
    if not p.exists():
        return Ledger()
    raw = json.loads(p.read_text(encoding="utf-8"))
    return Ledger(entries={k: LedgerEntry(**v) for k, v in raw.get("entries", {}).items()},
                  last_run=raw.get("last_run"))


def save_ledger(path: str | os.PathLike[str], ledger: Ledger) -> None:
    p = Path(path)
    tmp = p.with_name(p.name + ".tmp")
    body = {"last_run": ledger.last_run, "entries": {k: vars(e) for k, e in sorted(ledger.entries.items())}}
    # ASCII JSON: a lone surrogate in some evidence text is written as \\udXXX and read back the same; as
    # UTF-8 it would fail to encode after the alerts went out, and the next run would send them again.
    tmp.write_text(json.dumps(body, indent=1, ensure_ascii=True), encoding="utf-8")
    os.replace(tmp, p)
