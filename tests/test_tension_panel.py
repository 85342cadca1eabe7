"""From story-level rows to the daily frame: each story once, its outlets, the day's total."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis.monitor.tension_panel import DAILY_COLUMNS, daily_entity_counts, to_panel


def frames():
    copies = pd.DataFrame([
        # a wire story carried by three outlets over two days: one story, dated by its first copy
        ("w", "2025-10-01", "Wire"), ("w", "2025-10-01", "Daily"), ("w", "2025-10-02", "Post"),
        ("a", "2025-10-01", "Daily"), ("b", "2025-10-01", "Daily"),
        ("x", "2025-10-01", "Other"),  # names no entity, still part of the day's news
        ("c", "2025-10-02", "Post"),
    ], columns=["story_id", "published", "source"])
    mentions = pd.DataFrame([
        ("w", "RUS", True, False, -0.6), ("w", "RUS", False, True, -0.2), ("w", "UKR", True, False, 0.1),
        ("w", "RUS|UKR", True, False, -0.5),
        ("a", "RUS", False, True, -0.1), ("b", "RUS", False, False, 0.3), ("c", "RUS", True, False, -0.4),
    ], columns=["story_id", "entity", "act", "threat", "tone"])
    return copies, mentions


def test_each_story_counts_once_on_the_day_of_its_first_copy():
    daily = daily_entity_counts(*frames())
    assert list(daily.columns) == list(DAILY_COLUMNS)
    rus = daily[daily["entity"] == "RUS"]
    rus = rus.set_index(rus["date"].dt.strftime("%Y-%m-%d"))
    first = rus.loc["2025-10-01"]
    assert first["articles"] == 3  # w, a, b: the wire story once, not three times
    assert first["act_articles"] == 1 and first["threat_articles"] == 2
    assert first["hostile_articles"] == 2  # w (mean tone -0.4 over its copies) and a (-0.1)
    assert first["outlets"] == 3  # Wire, Daily, and Post (which carried w a day later)
    assert first["top_outlet_articles"] == 3  # Daily carried w, a and b
    assert first["total_articles"] == 4  # w, a, b, x
    assert rus.loc["2025-10-02", "articles"] == 1  # c; w's late copy is not a new story
    pair = daily[daily["entity"] == "RUS|UKR"]
    assert pair["articles"].tolist() == [1] and pair["act_articles"].tolist() == [1]


def test_casualties_join_per_day_and_entity():
    cas = pd.DataFrame({"date": ["2025-10-02", "2025-10-03"], "entity": ["RUS", "UKR"],
                        "killed": [4, 2], "wounded": [10, 0]})
    daily = daily_entity_counts(*frames(), casualties=cas)
    row = daily[(daily["entity"] == "UKR") & (daily["date"] == "2025-10-03")]
    assert row[["killed", "articles", "total_articles"]].values.tolist() == [[2, 0, 0]]


def test_to_panel_fills_silent_days_with_zeros():
    daily = daily_entity_counts(*frames())
    panel = to_panel(daily, end="2025-10-05")
    assert len(panel.dates) == 5 and panel.entities == ("RUS", "RUS|UKR", "UKR")
    assert panel.counts["volume"][0].tolist() == [3, 1, 0, 0, 0]
    assert panel.counts["severity"].sum() == 0
    assert panel.total.tolist() == [4, 1, 0, 0, 0]


def test_a_frame_without_the_contract_is_refused():
    with pytest.raises(ValueError, match="lacks columns"):
        to_panel(pd.DataFrame({"date": ["2025-10-01"], "entity": ["RUS"], "articles": [1]}))


def test_dates_may_be_strings_dates_or_aware_datetimes():
    daily = daily_entity_counts(*frames())
    as_text = daily.assign(date=daily["date"].dt.strftime("%Y-%m-%d"))
    aware = daily.assign(date=daily["date"].dt.tz_localize("UTC").dt.tz_convert("America/Caracas") + pd.Timedelta(hours=4))
    for variant in (as_text, aware, daily.assign(date=daily["date"].dt.date)):
        panel = to_panel(variant)
        assert panel.dates.tz is None and panel.counts["volume"][0].tolist() == [3, 1]
