"""Alert records, evidence selection, and the backtest's no-lookahead guarantee."""
from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from analysis.monitor.alerts import (Alert, Rise, alert_from_dict, alerts_from_detections, backtest, entity_flags, evaluate,
                             select_evidence)
from analysis.monitor.spikes import ALERT, WATCH, detect
from synthetic_series import daily_frame, plant

DAYS = pd.date_range("2025-01-06", periods=200)


@pytest.fixture(scope="module")
def frame() -> pd.DataFrame:
    rng = np.random.default_rng(21)
    f = daily_frame(rng, [10.0, 6.0, 3.0, 20.0], days=120)
    plant(f, rng, "E000", DAYS[70], 40)
    plant(f, rng, "E001", DAYS[71], 30)
    for day in DAYS[90:100]:  # E003 builds up
        plant(f, rng, "E003", day, 40)
    return f


def test_detections_become_one_alert_per_entity_and_day(frame):
    alerts = alerts_from_detections(detect(frame))
    keys = [a.key for a in alerts]
    assert len(keys) == len(set(keys))
    first = next(a for a in alerts if a.entity == "E000" and a.date == str(DAYS[70].date()))
    assert first.level == ALERT and first.key == f"{DAYS[70].date()}|E000"
    assert "volume" in first.components
    assert all(r.observed > r.expected for r in first.rises)
    assert first.rises == tuple(sorted(first.rises, key=lambda r: (r.q, r.p)))


def test_an_alert_survives_json(frame):
    alert = alerts_from_detections(detect(frame))[0]
    again = alert_from_dict(json.loads(json.dumps(alert.to_dict())))
    assert again == alert and again.key == alert.key


def test_backtest_uses_only_data_published_up_to_each_day(frame):
    first, last = DAYS[60], DAYS[119]
    whole = {(a.date, a.entity): (a.level, a.rises) for a in backtest(frame, first, last)}
    assert any(level == ALERT for level, _ in whole.values())
    # Around the planted rises, and every fifth day elsewhere (each truncated run takes ~50 ms).
    days = sorted(set(DAYS[68:74]) | set(DAYS[89:101]) | set(DAYS[60:120:5]))
    for day in days:
        known = frame[frame["date"] <= day]
        that_day = {(a.date, a.entity): (a.level, a.rises) for a in evaluate(known, day, day)}
        assert that_day == {k: v for k, v in whole.items() if k[0] == str(day.date())}, day


def test_backtest_ignores_what_comes_after_its_last_day(frame):
    later = frame.copy()
    later.loc[later["date"] > DAYS[80], ["articles", "act_articles"]] = 500  # a flood after the range
    assert backtest(frame, DAYS[60], DAYS[80]) == backtest(later, DAYS[60], DAYS[80])


def evidence_rows():
    base = {"title": "T", "url": "https://example.org/", "source": "Wire", "sentence": "S"}
    return [
        {**base, "story_id": "a", "entity": "VEN", "published": "2025-10-02", "kind": "threat", "outlets": 5},
        {**base, "story_id": "a", "entity": "VEN", "published": "2025-10-02", "kind": "act", "outlets": 5},
        {**base, "story_id": "b", "entity": "VEN", "published": "2025-10-02", "kind": "act", "outlets": 2},
        {**base, "story_id": "c", "entity": "VEN", "published": "2025-10-01", "kind": "act", "outlets": 9},
        {**base, "story_id": "d", "entity": "VEN", "published": "2025-10-03", "kind": "act", "outlets": 9},  # after
        {**base, "story_id": "e", "entity": "COL", "published": "2025-10-02", "kind": "act", "outlets": 9},  # other
        {**base, "story_id": "f", "entity": "VEN", "published": "2025-09-20", "kind": "act", "outlets": 9},  # old
        {**base, "story_id": "g", "entity": "VEN", "published": "2025-10-02", "kind": "mention", "outlets": 9},
    ]


def test_evidence_is_the_top_stories_of_the_rising_components_in_the_window():
    alert = Alert(date="2025-10-02", entity="VEN", level=ALERT,
                  rises=(Rise("acts", 5, 12, 3.0, 1e-5, 1e-4), Rise("threats", 1, 4, 1.0, 1e-3, 1e-2)))
    chosen = select_evidence(alert, evidence_rows())
    # acts first (the strongest rise), more outlets first, each story once; no story after the day,
    # before the 5-day window, of another entity, or of a kind that does not speak for acts or threats.
    assert [(e.story_id, e.kind) for e in chosen] == [("c", "act"), ("a", "act"), ("b", "act")]
    assert select_evidence(alert, evidence_rows(), limit=1)[0].story_id == "c"
    untitled = [{**evidence_rows()[2], "title": None, "url": None, "outlets": None}]
    plain = select_evidence(alert, untitled)[0]
    assert (plain.title, plain.url, plain.outlets) == ("", "", 1)
    day_only = Alert(date="2025-10-02", entity="VEN", level=WATCH, rises=(Rise("threats", 1, 4, 1.0, 1e-3, 1e-2),))
    assert [e.story_id for e in select_evidence(day_only, evidence_rows())] == ["a"]


def test_evaluate_attaches_evidence_through_a_lookup(frame):
    seen = []

    def lookup(alert):
        seen.append(alert.key)
        return [{"story_id": "s1", "entity": alert.entity, "published": alert.date, "kind": "mention",
                 "title": "Story", "url": "https://example.org/s1", "source": "Wire", "sentence": "A sentence."}]

    alerts = evaluate(frame, DAYS[70], DAYS[70], evidence=lookup)
    assert alerts and seen == [a.key for a in alerts]
    assert all(a.evidence and a.evidence[0].url == "https://example.org/s1" for a in alerts)
    assert "Story" in alerts[0].to_dict()["evidence"][0]["title"]


def test_entity_flags_keep_the_highest_level():
    rise = (Rise("acts", 1, 9, 2.0, 1e-5, 1e-4),)
    alerts = [Alert("2025-10-01", "VEN", ALERT, rise), Alert("2025-10-02", "VEN", WATCH, rise),
              Alert("2025-10-02", "COL", WATCH, rise)]
    assert entity_flags(alerts) == {"VEN": ALERT, "COL": WATCH}
