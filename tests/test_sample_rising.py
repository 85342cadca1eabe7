"""The sample corpus's planted escalations (data/sample_events.json) at the top of the dashboard: "Rising
now" lists them, and each link opens that country's view. Skipped until the sample has its answer key."""
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


def planted_countries() -> set[str]:
    escalations = json.loads(EVENTS.read_text(encoding="utf-8"))["escalations"]
    return {e["entity"] for e in escalations if "|" not in e["entity"]}


def test_rising_now_leads_with_the_planted_escalation_and_links_open_its_country(page):
    at = page()
    rising = next(m.value for m in at.markdown if "](?" in m.value).splitlines()
    top = [re.search(r"\(\?country=([A-Z]{3})\)", line) for line in rising[:len(planted_countries())]]
    assert {m.group(1) for m in top if m} == planted_countries()
    assert all(line.startswith("- ↑") for line in rising[:len(planted_countries())])
    code = sorted(planted_countries())[0]
    at = page(country=code)
    assert at.multiselect(key="f_country").value == [code]


def test_backtest_watches_the_planted_escalation_from_its_start_and_not_before(sample_db, capsys):
    import datetime as dt

    from analysis.__main__ import main

    escalations = json.loads(EVENTS.read_text(encoding="utf-8"))["escalations"]
    start = min(dt.date.fromisoformat(e["start"]) for e in escalations)
    peak = max(dt.date.fromisoformat(e["peak"]) for e in escalations)
    assert main(["alerts", "backtest", "--db", str(sample_db), "--from", (start - dt.timedelta(days=14)).isoformat(),
                 "--to", peak.isoformat(), "--json"]) == 0
    found = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    for code in planted_countries():
        days = [dt.date.fromisoformat(a["date"]) for a in found if a["entity"] == code]
        assert days and min(days) >= start and min(days) <= peak  # flagged during the escalation, never before
