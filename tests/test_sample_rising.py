"""The sample corpus's planted escalations (data/sample_events.json) at the top of the dashboard: "Rising
now" lists them (the countries and their pair), each link opens its view, and the backtest flags each
during its escalation and never before. Skipped until the sample has its answer key."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from analysis.ingest import ingest_paths

ROOT = Path(__file__).resolve().parent.parent
EVENTS = ROOT / "data" / "sample_events.json"

pytestmark = pytest.mark.skipif(not EVENTS.exists(), reason="the sample corpus has no planted escalations yet")


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("sample") / "db"
    ingest_paths([ROOT / "data" / "sample"], db)
    return db


@pytest.fixture
def page(sample_db, app, monkeypatch):
    monkeypatch.setenv("TENSION_DB", str(sample_db))
    return app


def planted() -> list[dict]:
    return json.loads(EVENTS.read_text(encoding="utf-8"))["escalations"]


def linked_entity(line: str) -> str | None:
    m = re.search(r"\(\?(?:country|pair)=([A-Z]{3}(?:%7C[A-Z]{3})?)\)", line)
    return m.group(1).replace("%7C", "|") if m else None


def test_rising_now_leads_with_the_planted_escalation_and_links_open_its_views(page):
    """Both countries AND their pair: the pair is a series of its own (issue 8's dyads)."""
    entities = {e["entity"] for e in planted()}
    assert any("|" in e for e in entities) and any("|" not in e for e in entities)
    at = page()
    rising = next(m.value for m in at.markdown if "](?" in m.value).splitlines()
    assert {linked_entity(line) for line in rising[:len(entities)]} == entities
    assert all(line.startswith("- ↑") for line in rising[:len(entities)])
    code = sorted(e for e in entities if "|" not in e)[0]
    assert page(country=code).multiselect(key="f_country").value == [code]
    pair = next(e for e in entities if "|" in e)
    assert page(pair=pair).selectbox(key="f_pair").value == pair


@pytest.fixture(scope="module")
def backtest_lines(sample_db) -> list[dict]:
    """The backtest from two weeks before the planted escalation to the end of the sample."""
    import contextlib
    import datetime as dt
    import io

    from analysis.__main__ import main

    start = min(dt.date.fromisoformat(e["start"]) for e in planted())
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["alerts", "backtest", "--db", str(sample_db), "--from", (start - dt.timedelta(days=14)).isoformat(),
                     "--to", "2025-11-30", "--json"]) == 0
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_backtest_flags_each_planted_entity_during_its_escalation_and_not_before(backtest_lines):
    import datetime as dt

    for e in planted():  # the countries and the pair "ARM|AZE"
        days = [dt.date.fromisoformat(a["date"]) for a in backtest_lines if a["entity"] == e["entity"]]
        assert days, e["entity"]
        assert dt.date.fromisoformat(e["start"]) <= min(days) <= dt.date.fromisoformat(e["peak"]), (e["entity"], days)
        # ... and pushed (level alert) by the peak, not only shown
        assert any(a["level"] == "alert" and a["date"] <= e["peak"] for a in backtest_lines if a["entity"] == e["entity"]), e["entity"]


def test_backtest_raises_no_alert_for_the_syndicated_story(backtest_lines):
    import datetime as dt

    for story in json.loads(EVENTS.read_text(encoding="utf-8"))["syndicated"]:
        assert story["raises"] is False
        day = dt.date.fromisoformat(story["date"])
        window = {(day + dt.timedelta(days=i)).isoformat() for i in range(5)}  # the day, and the 5-day window's
        raised = [a for a in backtest_lines if a["date"] in window and a["level"] == "alert"
                  and set(a["entity"].split("|")) & set(story["entities"])]
        assert not raised, raised
