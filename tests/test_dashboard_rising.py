""""Rising now" at the top of the page (AppTest), on a store with an escalation (tests/tension_store.py)."""
from __future__ import annotations

import datetime as dt

import pytest

from analysis.store.filters import Filter
from dashboard.escape import markdown as md
from dashboard.rising import rising_line, selected_entities
from tests.tension_store import FIRST, write_tension_store


@pytest.fixture(scope="module")
def tension_db(tmp_path_factory):
    return write_tension_store(tmp_path_factory.mktemp("rising") / "db")


@pytest.fixture
def page(tension_db, app, monkeypatch):
    """conftest's `app`, opened on the store with an escalation instead of the fixture store."""
    monkeypatch.setenv("TENSION_DB", str(tension_db))
    return app


def texts(at: AppTest) -> str:
    return "\n".join([m.value for m in at.markdown] + [c.value for c in at.caption])


def test_rising_now_comes_first_and_links_the_escalation(page):
    at = page()
    assert at.subheader[0].value == "Rising now"
    body = texts(at)
    first = next(m.value for m in at.markdown if "](?" in m.value)
    # The escalating pair and its two countries lead, flagged as alerts; each links to its own view.
    assert first.splitlines()[0].startswith("- ↑ [")
    assert "(?pair=RUS%7CUKR)" in first and "(?country=UKR)" in first and "**alert**" in first
    assert "The index of the rising" in body


def test_the_charts_over_time_follow_the_rising_countries_and_say_so(page):
    body = texts(page())
    assert "No country selected: the countries rising now, " + md("Russia, Ukraine") in body
    body = texts(page(country=["FRA"]))
    assert "The selected countries: France." in body
    # Dates that end before the rise: the charts follow the most named, and say so.
    body = texts(page(**{"to": (FIRST + dt.timedelta(days=30)).isoformat()}))
    assert "none rising in these dates: the 5 most named" in body


def test_a_rising_link_opens_the_pair_and_its_index(page):
    at = page(pair="RUS|UKR")
    assert at.selectbox(key="f_pair").value == "RUS|UKR"
    assert "The index of the selected " + md("Russia & Ukraine") in texts(at)


def test_the_index_follows_the_selected_countries(page):
    at = page(country=["FRA", "DEU"])
    assert "The index of the selected " + md("France, Germany") in texts(at)


def test_a_pair_too_thin_to_follow_says_so(page):
    body = texts(page(pair="DEU|FRA"))  # named in 4 stories
    assert "The index of the rising " in body and "too few stories in the last 90 days to follow" in body


def test_selected_entities_and_a_line():
    assert selected_entities(Filter(countries=("FRA",), pair=("RUS", "UKR"))) == ("RUS|UKR",)
    assert selected_entities(Filter(countries=("FRA", "DEU"))) == ("FRA", "DEU")

    class Row:
        name, link, arrow, change, rose_most, index_7d, baseline, flag = "Chad [x](y)", "?country=TCD", "deteriorated", 0.5, "acts", 150.0, 100.0, "watch"

    line = rising_line(Row())
    assert line.startswith("↑ [") and "(?country=TCD)" in line and "+50%" in line and "watch" in line
    assert "[x](y)" not in line  # an entity name is text, never a link
