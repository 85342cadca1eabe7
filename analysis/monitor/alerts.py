"""Alert records: what rose, for whom, on which day, against what baseline, and the evidence.

Pure: detections (from `analysis.monitor.spikes.detect`) and plain evidence rows in, `Alert` records out. Delivery
(`analysis.monitor.webhook`) and the delivered-once bookkeeping (`analysis.monitor.alert_ledger`) are at the edge.

An alert's key is "DATE|ENTITY": one alert per entity and day, whatever components rose, so a rerun over the
same day (with a few more articles) finds the same key and delivers nothing new.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field

import pandas as pd

from analysis.monitor.spikes import ALERT, DEFAULT_SETTINGS, WATCH, SpikeSettings, detect
from analysis.monitor.tension_panel import DailyPanel, to_panel

EVIDENCE_PER_ALERT = 5

# Which evidence sentences speak for which component (the `kind` of an evidence row).
COMPONENT_EVIDENCE: dict[str, tuple[str, ...]] = {
    "acts": ("act",),
    "threats": ("threat",),
    "severity": ("killed", "wounded", "figure"),
    "hostility": ("act", "threat", "negative"),
    "volume": ("act", "threat", "figure", "negative", "mention"),
}


@dataclass(frozen=True)
class Rise:
    """One component that rose: over `window_days` ending on the alert's date, observed vs expected."""

    component: str
    window_days: int
    observed: float
    expected: float
    p: float
    q: float

    @property
    def ratio(self) -> float:
        return self.observed / self.expected if self.expected > 0 else float("inf")


@dataclass(frozen=True)
class Evidence:
    """A story that shows the rise: its title and link, and the sentence that names the entity."""

    story_id: str
    title: str
    url: str
    source: str
    published: str  # ISO date
    sentence: str
    kind: str  # act, threat, killed, wounded, figure, negative, mention
    outlets: int = 1  # how many outlets carried the story


@dataclass(frozen=True)
class Alert:
    date: str  # ISO date of the day evaluated
    entity: str  # ISO3 or "ISO3|ISO3"
    level: str  # "alert" (pushed) or "watch" (shown)
    rises: tuple[Rise, ...]
    evidence: tuple[Evidence, ...] = ()
    cooled: bool = False  # an alert within its entity's cooldown, shown as a watch
    key: str = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "key", alert_key(self.date, self.entity))

    @property
    def components(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(r.component for r in self.rises))

    def to_dict(self) -> dict:
        d = asdict(self)
        d["components"] = list(self.components)
        return d

    def summary(self) -> str:
        """One line: 'RUS 2025-10-02 alert: acts 12 vs 3.1 expected (day), ...'."""
        parts = [f"{r.component} {r.observed:g} vs {r.expected:.1f} expected "
                 f"({'day' if r.window_days == 1 else f'{r.window_days} days'})" for r in self.rises]
        return f"{self.entity} {self.date} {self.level}: " + ", ".join(parts)


def alert_key(date: str | dt.date, entity: str) -> str:
    return f"{date}|{entity}"


def alert_from_dict(d: Mapping) -> Alert:
    return Alert(date=d["date"], entity=d["entity"], level=d["level"],
                 rises=tuple(Rise(**r) for r in d["rises"]),
                 evidence=tuple(Evidence(**e) for e in d.get("evidence", ())), cooled=bool(d.get("cooled", False)))


def alerts_from_detections(det: pd.DataFrame) -> list[Alert]:
    """Group detections by entity and day: the level is the highest among its components, and the rises
    listed are those at that level (strongest first). One pass over the rows (a pandas group per alert
    cost 30 ms each: 2.3 s of a year's backtest at 100,000 articles)."""
    groups: dict[tuple[str, str], list] = {}
    for r in det.itertuples(index=False):
        groups.setdefault((str(r.date), str(r.entity)), []).append(r)
    out: list[Alert] = []
    for (day, entity), rows in sorted(groups.items()):
        level = ALERT if any(r.level == ALERT for r in rows) else WATCH
        top = sorted((r for r in rows if r.level == level), key=lambda r: (r.q, r.p))
        rises = tuple(Rise(component=r.component, window_days=int(r.window_days), observed=float(r.observed),
                           expected=float(r.expected), p=float(r.p), q=float(r.q)) for r in top)
        out.append(Alert(date=day, entity=entity, level=level, rises=rises,
                         cooled=any(bool(r.cooled) for r in rows) and level == WATCH))
    return out


def entity_flags(alerts: Iterable[Alert]) -> dict[str, str]:
    """entity -> its highest level among `alerts` ("alert" over "watch"), for `tension_index.rising`."""
    flags: dict[str, str] = {}
    for a in alerts:
        if flags.get(a.entity) != ALERT:
            flags[a.entity] = a.level
    return flags


def select_evidence(alert: Alert, rows: Iterable[Mapping], limit: int = EVIDENCE_PER_ALERT) -> tuple[Evidence, ...]:
    """The top stories behind an alert, from plain rows (dicts with Evidence's fields plus `entity`).

    Kept: rows naming the alert's entity (a pair's rows name the pair), published within the widest window
    that rose and not after the alert's day, of a kind that speaks for a component that rose. Ranked by
    the component's rank in the alert, then by outlets, then newest; one sentence per story.
    """
    widest = max((r.window_days for r in alert.rises), default=1)
    last = dt.date.fromisoformat(alert.date)
    first = last - dt.timedelta(days=widest - 1)
    kind_rank: dict[str, int] = {}
    for i, component in enumerate(alert.components):
        for kind in COMPONENT_EVIDENCE.get(component, ()):
            kind_rank.setdefault(kind, i)
    candidates = []
    for row in rows:
        if row.get("entity") != alert.entity or row.get("kind") not in kind_rank:
            continue
        day = dt.date.fromisoformat(str(row["published"])[:10])
        if not first <= day <= last:
            continue
        candidates.append((kind_rank[row["kind"]], -int(row.get("outlets") or 1), -day.toordinal(), row))
    candidates.sort(key=lambda c: c[:3])
    chosen: list[Evidence] = []
    seen: set[str] = set()
    for *_, row in candidates:
        if row["story_id"] in seen:
            continue
        seen.add(row["story_id"])
        # Missing text (an untitled story, a feed without links) is an empty string, never None.
        chosen.append(Evidence(**{f: str(row.get(f) or "") for f in ("story_id", "title", "url", "source", "sentence", "kind")},
                               published=str(row["published"])[:10], outlets=int(row.get("outlets") or 1)))
        if len(chosen) == limit:
            break
    return tuple(chosen)


EvidenceLookup = Callable[[Alert], Iterable[Mapping]]


def with_evidence(alerts: Sequence[Alert], lookup: EvidenceLookup | None) -> list[Alert]:
    if lookup is None:
        return list(alerts)
    return [Alert(date=a.date, entity=a.entity, level=a.level, rises=a.rises,
                  evidence=select_evidence(a, lookup(a)), cooled=a.cooled) for a in alerts]


def evaluate(daily: pd.DataFrame | DailyPanel, first: object, last: object,
             settings: SpikeSettings = DEFAULT_SETTINGS, last_alerts: Mapping[str, object] | None = None,
             evidence: EvidenceLookup | None = None) -> list[Alert]:
    """Alerts and watches for the days first..last, from a daily frame that holds at least
    `settings.history_days` days before `first` (fewer: those days are not tested)."""
    panel = daily if isinstance(daily, DailyPanel) else to_panel(daily)
    det = detect(panel, settings, last_alerts)
    if not det.empty:
        days = pd.to_datetime(det["date"])
        det = det[(days >= pd.Timestamp(first)) & (days <= pd.Timestamp(last))]
    return with_evidence(alerts_from_detections(det), evidence)


def backtest(daily: pd.DataFrame | DailyPanel, first: object, last: object,
             settings: SpikeSettings = DEFAULT_SETTINGS, evidence: EvidenceLookup | None = None) -> list[Alert]:
    """Day by day from `first` to `last`, the alerts that would have fired using only the data published up
    to each day. The detector reads nothing after the day it tests (tests/test_alerts.py checks it against
    truncated data), so one vectorised pass gives the same answer as a loop over days."""
    panel = daily if isinstance(daily, DailyPanel) else to_panel(daily, end=last)
    return evaluate(panel, first, last, settings, None, evidence)
