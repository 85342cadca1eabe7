"""The benchmark's planted events (bench/planted.py): deterministic articles, and the scoring of a backtest's
lines against the events (hits, misses, false alerts, the background's alerts)."""
from __future__ import annotations

import datetime as dt

import pytest

from analysis.monitor.spikes import DEFAULT_SETTINGS
from bench.planted import AFTERMATH_DAYS, PlantedEvent, planted_documents, score

D = dt.date
SHARP = PlantedEvent("sharp", ("ERI", "ETH", "ERI|ETH"), D(2026, 1, 10), D(2026, 1, 16))
SYNDICATED = PlantedEvent("syndicated", ("MNG",), D(2026, 3, 1), D(2026, 3, 5))


def line(day: dt.date, entity: str, level: str = "alert") -> dict:
    return {"date": day.isoformat(), "entity": entity, "level": level}


def test_the_planted_articles_are_the_same_every_run_and_fall_in_the_year():
    first = D(2025, 11, 20)
    rows, events = planted_documents(first)
    again, _ = planted_documents(first)
    assert rows == again
    assert {e.kind for e in events} == {"sharp", "buildup", "syndicated"}
    days = [D.fromisoformat(r["published"]) for r in rows]
    # within the year, or the history a backtest of the year reads before it (the first pair's friction)
    assert min(days) >= first - dt.timedelta(days=DEFAULT_SETTINGS.history_days)
    assert max(days) < first + dt.timedelta(days=365)
    assert len(rows) == len(planted_documents(D(2024, 6, 1))[0])  # the count does not depend on the dates
    wire = [r for r in rows if r["published"] == events[-1].start.isoformat() and "Harbor Wire" in r["text"]]
    assert len({r["source"] for r in wire}) == 20  # one wire story, twenty outlets


@pytest.mark.parametrize("found, hits, misses, false, other", [
    # every owed entity alerted during the event: all hits
    ([line(D(2026, 1, 10), "ERI"), line(D(2026, 1, 11), "ETH"), line(D(2026, 1, 12), "ERI|ETH")], 3, 0, 0, 0),
    # a watch is shown, not pushed: the pair is a miss
    ([line(D(2026, 1, 10), "ERI"), line(D(2026, 1, 11), "ETH"), line(D(2026, 1, 12), "ERI|ETH", "watch")], 2, 1, 0, 0),
    # an alert in the friction before the event is false; one in its aftermath is neither
    ([line(D(2026, 1, 10), "ERI"), line(D(2025, 12, 20), "ETH"), line(D(2026, 1, 16) + dt.timedelta(days=AFTERMATH_DAYS), "ERI|ETH")],
     1, 2, 1, 0),
    # the syndicated story's country alerting while it is in the news is false; the background is counted apart
    ([line(D(2026, 3, 2), "MNG"), line(D(2026, 3, 2), "USA")], 0, 3, 1, 1),
])
def test_a_backtest_is_scored_against_the_events(found, hits, misses, false, other):
    result = score([SHARP, SYNDICATED], found)
    assert result["owed"] == 3
    assert (result["hits"], len(result["misses"]), len(result["false"]), result["other"]) == (hits, misses, false, other)


def test_the_bench_times_a_given_store_read_only_and_reports_its_phases(tmp_path, capsys):
    """`python -m bench.alerts --store PATH`: the entry point for a store built elsewhere (the 1,000,000-article
    one of issue 17). It reads the store and leaves it as it was."""
    import json

    from bench.alerts import main
    from tests.tension_store import write_tension_store

    db = write_tension_store(tmp_path / "db")
    before = sorted((p.relative_to(db), p.stat().st_size) for p in db.rglob("*"))
    main(["--store", str(db)])
    rows = json.loads(capsys.readouterr().out.splitlines()[-1])
    (timed,) = rows
    assert timed["name"].startswith("alerts backtest, 365 days @") and timed["value"] > 0
    assert timed["read_s"] > 0 and timed["test_s"] > 0 and timed["days"] == 70  # the store's 70 days
    assert timed["alerts"] >= 1  # the store's escalation (RUS|UKR on its last days) is found
    assert sorted((p.relative_to(db), p.stat().st_size) for p in db.rglob("*")) == before
