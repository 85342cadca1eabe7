"""The daily frame and the evidence read from a store the test writes (tests/tension_store.py)."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from analysis.monitor import tension_queries as TQ
from analysis.monitor.alerts import evaluate
from analysis.store.parquet_store import read_connection
from tests.tension_store import DAYS, ESCALATION, FIRST, REPUBLISHED_DAY, write_tension_store

LAST = FIRST + dt.timedelta(days=DAYS - 1)


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    db = write_tension_store(tmp_path_factory.mktemp("tension") / "db")
    with read_connection(db) as c:
        yield c


@pytest.fixture(scope="module")
def daily(con):
    return TQ.daily_frame(con, FIRST, LAST)


def test_the_frame_has_countries_and_only_well_covered_pairs(daily):
    entities = set(daily["entity"])
    assert {"FRA", "DEU", "BRA", "IND", "USA", "RUS", "UKR", "RUS|UKR"} <= entities
    assert "DEU|FRA" not in entities  # named in 4 stories


def test_the_one_pass_read_equals_the_pandas_computation_over_the_rows(con, daily):
    from analysis.monitor.tension_panel import daily_entity_counts

    mentions = TQ.entity_mentions(con, FIRST, LAST)
    cas = TQ.casualties(con, FIRST, LAST)
    pairs = {e for e in mentions["entity"] if "|" in e}
    cas = cas[~cas["entity"].str.contains("|", regex=False) | cas["entity"].isin(pairs)]
    expected = daily_entity_counts(TQ.story_copies(con, FIRST, LAST), mentions, cas)
    assert pairs and (expected["killed"] > 0).any() and (expected["outlets"] >= 20).any()  # a frame with all of it
    pd.testing.assert_frame_equal(daily, expected)


def test_a_story_carried_by_twenty_outlets_is_one_story(daily):
    day = daily[(daily["entity"] == "BRA") & (pd.to_datetime(daily["date"]) == pd.Timestamp(REPUBLISHED_DAY))].iloc[0]
    others = daily[(daily["entity"] == "BRA") & (pd.to_datetime(daily["date"]) != pd.Timestamp(REPUBLISHED_DAY))]
    assert day["outlets"] >= 20 and day["top_outlet_articles"] <= others["top_outlet_articles"].max() + 1
    assert day["articles"] <= others["articles"].max() + 1


def test_acts_and_casualties_of_the_escalation(daily):
    pair = daily[daily["entity"] == "RUS|UKR"].set_index(pd.to_datetime(daily.loc[daily["entity"] == "RUS|UKR", "date"]))
    esc = pair.loc[pd.Timestamp(ESCALATION[1])]
    assert esc["act_articles"] == esc["articles"] >= 8 and esc["hostile_articles"] == esc["articles"]
    assert esc["killed"] % 40 == 0 and esc["killed"] > 0
    assert pair.loc[pair.index < pd.Timestamp(ESCALATION[0]), "killed"].sum() == 0


def test_a_day_does_not_change_with_later_articles(con, daily):
    day = ESCALATION[0]
    cut = TQ.daily_frame(con, FIRST, day)
    full = daily[pd.to_datetime(daily["date"]) <= pd.Timestamp(day)]
    cols = ["date", "entity", "articles", "act_articles", "threat_articles", "hostile_articles", "killed",
            "outlets", "total_articles"]
    key = ["date", "entity"]
    # Pairs are kept by their coverage in the period read: compare the entities both frames have.
    full = full[full["entity"].isin(set(cut["entity"]))]
    pd.testing.assert_frame_equal(cut[cols].sort_values(key).reset_index(drop=True),
                                  full[cols].sort_values(key).reset_index(drop=True))


def test_the_escalation_alerts_with_evidence_and_the_quiet_ones_do_not(con, daily):
    alerts = evaluate(daily, LAST - dt.timedelta(days=6), LAST, evidence=TQ.evidence_lookup(con))
    fired = {a.entity for a in alerts if a.level == "alert"}
    assert "RUS|UKR" in fired
    assert not fired & {"FRA", "DEU", "BRA", "IND", "USA"}
    pair = next(a for a in alerts if a.entity == "RUS|UKR" and a.level == "alert")
    assert pair.evidence and all(e.url.startswith("https://news.example/") for e in pair.evidence)
    # Severity rose first (40 killed from nothing): its evidence is the toll's sentence.
    assert {e.kind for e in pair.evidence} <= {"killed", "act"} and all(e.sentence for e in pair.evidence)


def test_evidence_rows_of_a_country_include_negative_mentions(con):
    rows = TQ.evidence_rows(con, "RUS", ESCALATION[0], ESCALATION[1])
    kinds = {r["kind"] for r in rows}
    assert {"act", "killed", "negative"} <= kinds
    assert all(r["entity"] == "RUS" and r["published"] >= ESCALATION[0].isoformat() for r in rows)


def test_evidence_counts_the_outlets_of_a_story_that_day(con):
    rows = TQ.evidence_rows(con, "BRA", REPUBLISHED_DAY, REPUBLISHED_DAY)
    favela = [r for r in rows if "favela" in r["sentence"]]
    assert favela and all(r["outlets"] == 20 for r in favela)
    assert all(r["outlets"] >= 1 for r in rows)


def test_the_latest_day_is_never_in_the_future(con):
    assert TQ.latest_day(con) == LAST
    assert TQ.latest_day(con, today=LAST - dt.timedelta(days=3)) == LAST - dt.timedelta(days=3)


def test_units_of_several_copies_and_of_one_article_are_counted_as_the_pandas_path(tmp_path):
    """The read counts a unit of one article from its rows directly and groups only the units of several
    (copies the same day): both kinds, pairs among them, an outlet twice in a unit, no outlet, a copy a day
    later (its own unit) and a signal naming a country its article has no mention of."""
    from analysis.monitor.tension_panel import daily_entity_counts
    from analysis.store.parquet_store import StoreWriter, rows_to_arrow
    from tests.tension_store import _Rows

    rows = _Rows()
    day, next_day = FIRST, FIRST + dt.timedelta(days=1)
    strike = (("act", "Russian forces struck Ukraine", ("RUS", "UKR")),)
    original = rows.article(day, "Harbor Wire", {"RUS": -0.6, "UKR": -0.2}, "Strike", signals=strike)
    rows.article(day, "Meridian Daily", {"RUS": 0.5, "UKR": 0.4, "POL": 0.1}, "Strike", story=original)
    rows.article(day, "Harbor Wire", {"RUS": -0.1}, "Strike", story=original,
                 signals=(("threat", "Russia warned of more", ("RUS",)),))
    rows.article(next_day, "Atlas Report", {"RUS": -0.5, "UKR": -0.5}, "Strike", signals=strike, story=original)
    rows.article(day, None, {"UKR": -0.3}, "No outlet", signals=strike)  # names Russia in a signal only
    db = tmp_path / "db"
    with StoreWriter(db) as w:
        w.write_tables({t: rows_to_arrow(t, r) for t, r in rows.tables.items()})
    with read_connection(db) as c:
        daily = TQ.daily_frame(c, FIRST, next_day, min_pair_stories=1)
        expected = daily_entity_counts(TQ.story_copies(c, FIRST, next_day),
                                       TQ.entity_mentions(c, FIRST, next_day, min_pair_stories=1),
                                       TQ.casualties(c, FIRST, next_day))
    pd.testing.assert_frame_equal(daily, expected)
    first = daily[daily["date"] == pd.Timestamp(day)].set_index("entity")
    # Russia: one unit (three copies), acted on and threatened, hostile on the copies' mean tone (-0.07)
    assert first.loc["RUS", ["articles", "act_articles", "threat_articles", "hostile_articles"]].tolist() == [1, 1, 1, 1]
    # Ukraine: that unit and the article without an outlet; two outlets carried the unit, each once
    assert first.loc["UKR", ["articles", "outlets", "top_outlet_articles"]].tolist() == [2, 2, 1]
    assert first.loc["RUS|UKR", "articles"] == 2 and first["total_articles"].iloc[0] == 2
    second = daily[daily["date"] == pd.Timestamp(next_day)].set_index("entity")
    assert second.loc["RUS", "articles"] == 1  # the copy a day later is a unit of its own day
