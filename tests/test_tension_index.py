"""The index: shares of the day's stories, indexed to the average entity, weighted in one place."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.monitor.tension_index import WEIGHTS, rising, tension_index
from analysis.monitor.tension_panel import COMPONENTS
from synthetic_series import daily_frame, plant


def frame(days: int = 70) -> pd.DataFrame:
    rng = np.random.default_rng(11)
    f = daily_frame(rng, [2.0, 4.0, 8.0, 20.0], days=days, killed_mean=1.0)
    pair = f[f["entity"] == "E000"].assign(entity="E001|E002")
    return pd.concat([f, pair], ignore_index=True)


def test_weights_are_one_documented_set_summing_to_one():
    w = WEIGHTS.as_dict()
    assert set(w) == set(COMPONENTS)
    assert sum(w.values()) == pytest.approx(1.0)


def test_100_is_the_average_country_over_the_reference_period():
    ix = tension_index(frame())
    countries = ix[~ix["entity"].str.contains("|", regex=False)]
    for c in COMPONENTS:
        assert countries[f"{c}_index"].mean() == pytest.approx(100.0, rel=1e-9)
    assert countries["index"].mean() == pytest.approx(100.0)
    # Pairs have their own yardstick: the one pair is its own average.
    pairs = ix[ix["entity"] == "E001|E002"]
    assert pairs["volume_index"].mean() == pytest.approx(100.0)


def test_the_index_is_the_weighted_sum_of_its_components():
    ix = tension_index(frame())
    total = sum(w * ix[f"{c}_index"] for c, w in WEIGHTS.as_dict().items())
    assert np.allclose(ix["index"], total)


def test_levels_are_comparable_across_countries():
    ix = tension_index(frame())
    mean = ix.groupby("entity")["volume_index"].mean()
    # Covered 2, 4, 8 and 20 stories a day: the volume index keeps those proportions.
    assert mean["E003"] / mean["E000"] == pytest.approx(10, rel=0.2)  # E000: 140 stories, +-8.5%
    assert mean["E002"] / mean["E001"] == pytest.approx(2, rel=0.1)


def test_more_news_overall_is_not_more_tension():
    f = frame()
    doubled = f.copy()
    cols = ["articles", "act_articles", "threat_articles", "hostile_articles", "killed", "wounded",
            "total_articles"]
    doubled[cols] = doubled[cols] * 2
    a, b = tension_index(f, reference=("2025-01-06", "2025-02-28")), tension_index(doubled, reference=("2025-01-06", "2025-02-28"))
    assert np.allclose(a["index"], b["index"])


def test_change_against_the_own_baseline_and_its_label():
    f = frame()
    rng = np.random.default_rng(12)
    for day in pd.date_range("2025-03-10", "2025-03-16"):  # the last week: E002 covered three times as much
        plant(f, rng, "E002", day, 24)
    ix = tension_index(f)
    last = ix[pd.to_datetime(ix["date"]) == pd.Timestamp("2025-03-16")].set_index("entity")
    assert last.loc["E002", "change"] > 1.0
    assert last.loc["E002", "change_level"] == "large increase"
    assert last.loc["E002", "arrow"] == "deteriorated" and last.loc["E002", "rose_most"] == "acts"
    assert last.loc["E003", "change_level"] in ("no change", "moderate increase", "moderate decrease")
    early = ix[pd.to_datetime(ix["date"]) == pd.Timestamp("2025-01-20")]
    assert (early["change_level"] == "no baseline").all()
    top = rising(ix, "2025-03-16", top=3)
    assert top.loc[0, "entity"] == "E002"


def test_a_quiet_country_gets_limited_change_not_a_large_rise():
    rng = np.random.default_rng(13)
    f = daily_frame(rng, [0.1, 10.0], days=70)
    for day in pd.date_range("2025-03-10", "2025-03-16", freq="3D"):
        plant(f, rng, "E000", day, 1)
    ix = tension_index(f)
    last = ix[(pd.to_datetime(ix["date"]) == pd.Timestamp("2025-03-16")) & (ix["entity"] == "E000")]
    assert last["change_level"].item() == "limited change"
    assert "E000" not in set(rising(ix, "2025-03-16")["entity"])


def test_what_rose_is_the_component_that_moved_the_index():
    f = frame()
    last_week = f["date"] >= pd.Timestamp("2025-03-10")
    f.loc[last_week & (f["entity"] == "E003"), "threat_articles"] *= 3  # the same stories, more threats
    ix = tension_index(f)
    row = ix[(pd.to_datetime(ix["date"]) == pd.Timestamp("2025-03-16")) & (ix["entity"] == "E003")]
    assert row["rose_most"].item() == "threats" and row["arrow"].item() == "deteriorated"


def test_rising_now_puts_the_entities_whose_rise_passed_its_tests_first():
    f = frame()
    rng = np.random.default_rng(14)
    for day in pd.date_range("2025-03-12", "2025-03-16"):
        plant(f, rng, "E003", day, 30)  # +50% for E003, a large increase but a smaller one than E002's below
    for day in pd.date_range("2025-03-10", "2025-03-16"):
        plant(f, rng, "E002", day, 24)
    ix = tension_index(f)
    plain = rising(ix, "2025-03-16")
    assert plain.loc[0, "entity"] == "E002"
    flagged = rising(ix, "2025-03-16", flagged={"E003": "alert", "E002": "watch"})
    assert flagged["entity"].tolist()[:2] == ["E003", "E002"] and flagged.loc[0, "flag"] == "alert"
