"""Acceptance of the spike detector on synthetic series (seeded), and its rules one by one."""
from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest

from analysis.monitor.spikes import ALERT, DEFAULT_SETTINGS, WATCH, SpikeSettings, change_level, detect, expected_counts
from analysis.monitor.tension_panel import daily_entity_counts
from synthetic_series import WEEKLY, daily_frame, plant, stationary_means

DAYS = pd.date_range("2025-01-06", periods=500)


def alert_days(det: pd.DataFrame, level: str = ALERT) -> set[tuple[str, pd.Timestamp]]:
    rows = det[det["level"] == level]
    return set(zip(rows["entity"], pd.to_datetime(rows["date"])))


def test_stationary_weekly_cycle_raises_almost_no_alerts():
    # 250 entities from 0.3 to 60 stories a day, a weekly cycle, bursty casualty counts, one year.
    rng = np.random.default_rng(1)
    frame = daily_frame(rng, stationary_means(rng, 250), days=365, killed_mean=2.0)
    det = detect(frame)
    tested_entity_days = 250 * (365 - DEFAULT_SETTINGS.history_days)
    rate = len(alert_days(det)) / tested_entity_days
    # Measured: no alert and 4 watches in 81,250 entity-days. (A panel of ONE entity has no other series
    # to share the false-discovery rate with: 20 false alerts in 6,600 entity-days, ~1 a year.)
    assert rate < 1e-4, rate
    assert len(alert_days(det, WATCH)) / tested_entity_days < 2e-3


def test_sparse_series_raise_nothing():
    rng = np.random.default_rng(2)
    frame = daily_frame(rng, np.full(200, 1 / 7), days=365)  # about one story a week
    det = detect(frame)
    assert not (det["level"] == ALERT).any()
    # Measured: no alert, and 6 watches in 65,000 entity-days.
    assert len(det) / (200 * (365 - DEFAULT_SETTINGS.history_days)) < 5e-4


def test_one_day_tripling_at_mean_10_is_caught_at_least_90_percent():
    flat = np.ones(7)
    caught = trials = 0
    for seed in range(20):
        rng = np.random.default_rng(100 + seed)
        frame = daily_frame(rng, [10.0], days=45 + 40 * 10, weekly=flat, total_weekly=flat)
        # Ten spikes 40 days apart (so no spike sits in another's baseline), on every weekday in turn.
        spike_days = [DAYS[45 + 40 * i + (seed + i) % 7] for i in range(10)]
        for day in spike_days:
            plant(frame, rng, "E000", day, int(rng.poisson(30)))
        hits = alert_days(detect(frame))
        caught += sum(("E000", d) in hits for d in spike_days)
        trials += len(spike_days)
    # Measured: 182 of 200 (91%). With a weekly cycle (a mean of 7 at weekends, 12.5 on Mondays) it is
    # 86%: the weekend's tripled 21 against 7 is the one most often missed. Among 250 entities tested
    # together, one lone tripling is an alert 19 times in 30: BH's price when nothing else happens.
    assert caught / trials >= 0.9, caught / trials


def story_rows(rng: np.random.Generator, days: int, per_day: float, outlets: list[str]):
    copies, mentions = [], []
    n = 0
    for t in range(days):
        for _ in range(rng.poisson(per_day)):
            sid = f"s{n}"
            n += 1
            copies.append({"story_id": sid, "published": DAYS[t], "source": outlets[rng.integers(len(outlets))]})
            mentions.append({"story_id": sid, "entity": "VEN", "act": bool(rng.random() < 0.3),
                             "threat": False, "tone": -0.3})
        for k in range(50):  # the rest of the day's news
            copies.append({"story_id": f"o{t}-{k}", "published": DAYS[t], "source": "Other"})
    return copies, mentions


def test_a_story_republished_by_20_outlets_raises_nothing():
    rng = np.random.default_rng(3)
    outlets = [f"Outlet {i}" for i in range(20)]
    copies, mentions = story_rows(rng, 80, 2.0, outlets)
    day = DAYS[70]
    for i, source in enumerate(outlets):  # one wire story, twenty copies (each its own article)
        copies.append({"story_id": "wire", "published": day, "source": source})
        mentions.append({"story_id": "wire", "entity": "VEN", "act": True, "threat": True, "tone": -0.8})
    copies, mentions = pd.DataFrame(copies), pd.DataFrame(mentions)
    daily = daily_entity_counts(copies, mentions)
    assert daily.loc[daily["date"] == day, "outlets"].item() == 20
    assert detect(daily).query("level == 'alert'").empty
    # The same articles counted per copy, not per story, would have raised an alert: the counting matters.
    per_copy = copies.assign(story_id=[f"c{i}" for i in range(len(copies))])
    per_copy_mentions = mentions.merge(copies.reset_index()[["story_id", "index"]], on="story_id")
    per_copy_mentions["story_id"] = "c" + per_copy_mentions["index"].astype(str)
    inflated = daily_entity_counts(per_copy, per_copy_mentions)
    assert ("VEN", day) in alert_days(detect(inflated))


@pytest.mark.parametrize("outlets, alerted", [(1, False), (2, True)])
def test_a_rise_from_one_outlet_alone_is_not_an_alert(outlets, alerted):
    rng = np.random.default_rng(4)
    frame = daily_frame(rng, [1.0], days=80)
    day = DAYS[70]
    plant(frame, rng, "E000", day, 15, outlets=outlets)
    assert (("E000", day) in alert_days(detect(frame))) is alerted


def test_a_gradual_buildup_of_threats_is_caught_within_days():
    delays = []
    for seed in range(20):
        rng = np.random.default_rng(200 + seed)
        frame = daily_frame(rng, [10.0], days=100)
        start = 70
        # Threats climb from 2 a day to 6 over ten days, then stay; the stories are the same ones (threats
        # are a larger part of them), so only the threat series rises.
        step = np.minimum(np.arange(1, 31), 10) * 0.4 * WEEKLY[DAYS[start:100].day_of_week]
        frame.loc[start:99, "threat_articles"] += rng.poisson(step)  # one entity: row i is day i
        det = detect(frame)
        rows = det[(det["level"] == ALERT) & (det["component"] == "threats")]
        after = sorted(d for d in (pd.to_datetime(rows["date"]) - DAYS[start]).dt.days if d >= 0)
        delays.append(after[0] if after else 99)
    # Measured: 16 of 20 within 9 days (median 7: the 5-day window sees it first), 18 of 20 within 14;
    # the two others only reach `watch`.
    assert sum(d <= 10 for d in delays) >= 16, delays
    assert np.median(delays) <= 7, delays


def test_cooldown_turns_the_next_alerts_into_watches_and_continues_across_runs():
    rng = np.random.default_rng(5)
    frame = daily_frame(rng, [10.0], days=80)
    for day in DAYS[60:62]:
        plant(frame, rng, "E000", day, 45)
    det = detect(frame)
    first = det[pd.to_datetime(det["date"]) == DAYS[60]]
    second = det[pd.to_datetime(det["date"]) == DAYS[61]]
    assert (first["level"] == ALERT).any()
    assert not (second["level"] == ALERT).any() and second["cooled"].any()
    # An earlier run pushed an alert the day before: today's is cooled too.
    again = detect(frame, last_alerts={"E000": DAYS[59].date()})
    assert not (again[pd.to_datetime(again["date"]) == DAYS[60]]["level"] == ALERT).any()


def test_days_without_a_full_baseline_are_not_tested():
    rng = np.random.default_rng(6)
    frame = daily_frame(rng, [10.0], days=60)
    plant(frame, rng, "E000", DAYS[20], 60)  # a huge day, but only 20 days of history
    assert ("E000", DAYS[20]) not in alert_days(detect(frame))


def test_weekday_rhythm_of_entities_is_learnt():
    # Entities covered three times as much on Mondays (24 stories) as on other days (8), while total news
    # is flat: the baseline expects a Monday to be busy, and a busy Monday is no alert.
    rng = np.random.default_rng(7)
    frame = daily_frame(rng, np.full(20, 8.0), days=200, weekly=np.array([3.0, 1, 1, 1, 1, 1, 1]),
                        total_weekly=np.ones(7))
    expected = expected_counts(frame, "volume").iloc[:, 60:]
    weekday = expected.columns.day_of_week
    assert expected.loc[:, weekday == 0].to_numpy().mean() == pytest.approx(24, rel=0.1)
    assert expected.loc[:, weekday == 1].to_numpy().mean() == pytest.approx(8, rel=0.1)
    mondays = [d for _, d in alert_days(detect(frame)) if d.day_of_week == 0]
    assert len(mondays) <= 1, mondays


@pytest.mark.parametrize("current, baseline, label", [
    (13, 10, "large increase"),  # +30%
    (12, 10, "moderate increase"),  # +20%
    (10.5, 10, "no change"),
    (7, 10, "large decrease"),
    (8.5, 10, "moderate decrease"),
    (5, 2, "limited change"),  # tiny numbers: +150% means nothing
    (6, 2, "large increase"),
    (3, 0, "limited change"),
    (9, 0, "large increase"),
])
def test_change_levels_follow_acled(current, baseline, label):
    assert change_level(current, baseline).item() == label


def test_every_threshold_is_one_frozen_setting():
    with pytest.raises(dataclasses.FrozenInstanceError):
        DEFAULT_SETTINGS.alert_q = 0.5  # type: ignore[misc]
    strict = SpikeSettings(min_outlets=50)
    rng = np.random.default_rng(8)
    frame = daily_frame(rng, [10.0], days=80)
    plant(frame, rng, "E000", DAYS[70], 60)
    assert ("E000", DAYS[70]) in alert_days(detect(frame))
    assert ("E000", DAYS[70]) not in alert_days(detect(frame, strict))


@pytest.mark.parametrize("killed, alerted", [(60, True), (8, False)])
def test_a_deadly_day_raises_severity_above_the_minimum_casualties(killed, alerted):
    rng = np.random.default_rng(9)
    frame = daily_frame(rng, [10.0, 12.0, 8.0], days=80, killed_mean=0.5)
    row = (frame["entity"] == "E000") & (frame["date"] == DAYS[70])
    frame.loc[row, "killed"] = killed
    det = detect(frame)
    severity = det[(det["component"] == "severity") & (det["level"] == ALERT)]
    assert (("E000", DAYS[70]) in set(zip(severity["entity"], pd.to_datetime(severity["date"])))) is alerted


def test_pairs_are_series_like_countries():
    rng = np.random.default_rng(10)
    frame = daily_frame(rng, [6.0, 10.0], days=80)
    frame["entity"] = frame["entity"].map({"E000": "RUS|UKR", "E001": "UKR"})
    plant(frame, rng, "RUS|UKR", DAYS[70], 30)
    assert ("RUS|UKR", DAYS[70]) in alert_days(detect(frame))


def test_a_pair_is_tested_only_on_days_its_coverage_up_to_then_reaches_the_minimum():
    rng = np.random.default_rng(11)
    frame = daily_frame(rng, [0.25, 10.0], days=80)
    frame["entity"] = frame["entity"].map({"E000": "RUS|UKR", "E001": "UKR"})
    plant(frame, rng, "RUS|UKR", DAYS[70], 8, outlets=4)
    window = DEFAULT_SETTINGS.pair_coverage_days
    seen = frame[(frame["entity"] == "RUS|UKR") & frame["date"].between(DAYS[70 - window + 1], DAYS[70])]["articles"].sum()
    assert seen < DEFAULT_SETTINGS.min_pair_stories  # a thin pair: 8 stories on a rumour is no alert
    assert ("RUS|UKR", DAYS[70]) not in alert_days(detect(frame)) | alert_days(detect(frame), WATCH)
    followed_sooner = SpikeSettings(min_pair_stories=int(seen))
    assert ("RUS|UKR", DAYS[70]) in alert_days(detect(frame, followed_sooner))


def test_a_pair_followed_from_a_later_day_changes_nothing_before_it():
    rng = np.random.default_rng(12)
    frame = daily_frame(rng, stationary_means(rng, 30), days=120)
    for i in (60, 75):
        plant(frame, rng, "E003", DAYS[i], 60)
    quiet = frame[frame["entity"] == "E000"].copy()
    quiet["entity"] = "ARM|AZE"
    quiet[["articles", "act_articles", "threat_articles", "hostile_articles", "outlets", "top_outlet_articles"]] = 0
    late = DAYS[95]
    burst = quiet["date"] >= late  # a new confrontation: nothing before it, 30 stories a day from then on
    quiet.loc[burst, ["articles", "act_articles", "hostile_articles", "outlets", "top_outlet_articles"]] = [30, 20, 25, 6, 5]
    both = pd.concat([frame, quiet], ignore_index=True)
    before = detect(frame)
    after = detect(both)
    earlier = lambda det: det[pd.to_datetime(det["date"]) < late].reset_index(drop=True)
    pd.testing.assert_frame_equal(earlier(before), earlier(after))
    assert not earlier(before).empty  # the comparison covers real detections (E003's planted days)
    assert ("ARM|AZE", late) in alert_days(after)  # ... and from its first covered day the pair is tested
