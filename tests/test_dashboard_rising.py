""""Rising now" at the top of the page (AppTest), on a store with an escalation (tests/tension_store.py)."""
from __future__ import annotations

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

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
    assert "The index of those rising now: " in body


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
    assert "The index of the selection: " + md("Russia & Ukraine") in texts(at)


def test_the_index_follows_the_selected_countries(page):
    at = page(country=["FRA", "DEU"])
    assert "The index of the selection: " + md("France, Germany") in texts(at)


def test_a_pair_too_thin_to_follow_says_so(page):
    body = texts(page(pair="DEU|FRA"))  # named in 4 stories
    assert "The index of those rising now: " in body and "too few stories in the last 90 days to follow" in body


def test_selected_entities_and_a_line():
    assert selected_entities(Filter(countries=("FRA",), pair=("RUS", "UKR"))) == ("RUS|UKR",)
    assert selected_entities(Filter(countries=("FRA", "DEU"))) == ("FRA", "DEU")

    class Row:
        name, link, arrow, change, rose_most, index_7d, baseline, flag = "Chad [x](y)", "?country=TCD", "deteriorated", 0.5, "acts", 150.0, 100.0, "watch"

    line = rising_line(Row())
    assert line.startswith("↑ [") and "(?country=TCD)" in line and "+50%" in line and "watch" in line
    assert "[x](y)" not in line  # an entity name is text, never a link


def _index_days(at: AppTest) -> set[str]:
    import json

    spec = next(json.loads(c.proto.spec) for c in at.get("plotly_chart") if "Tension index" in c.proto.spec)
    return {x[:10] for trace in spec["data"] for x in (trace.get("x") or [])}


def test_the_index_is_drawn_for_the_dates_of_the_view(page):
    start, end = FIRST + dt.timedelta(days=50), FIRST + dt.timedelta(days=60)
    days = _index_days(page(pair="RUS|UKR", **{"from": start.isoformat(), "to": end.isoformat()}))
    assert days and min(days) >= start.isoformat() and max(days) <= end.isoformat()
    assert max(_index_days(page(pair="RUS|UKR"))) > end.isoformat()  # unfiltered: to the last day


def _index_of_a_window_before(to: str) -> None:
    """index_over_time on a store whose 90-day window is later than the view's dates."""
    import datetime as dt

    import pandas as pd

    from analysis.store.filters import Filter
    from dashboard.rising import index_over_time

    class Store:
        def query(self, name, *args, **kwargs):
            return {"day": dt.date(2025, 12, 1), "shown": ("UKR",),
                    "series": pd.DataFrame({"date": [dt.date(2025, 11, 30)], "entity": ["UKR"], "component": ["acts"],
                                            "points": [5.0]}),
                    "alert_days": pd.DataFrame(columns=["date", "entity", "level", "index"])}

    index_over_time(Store(), Filter(countries=("UKR",), end=dt.date.fromisoformat(to)))


def test_the_index_says_when_the_view_has_none_of_its_days(restore_main_module):
    at = AppTest.from_function(_index_of_a_window_before, args=("2025-06-01",))
    at.run()
    assert not at.exception
    assert [c.value for c in at.caption] == ["The tension index covers the last 90 days to 2025-12-01: none of them is in "
                                            "the dates chosen."]
    assert not at.get("plotly_chart")


def test_the_index_says_that_sources_and_keywords_do_not_change_it(page):
    said = "the sources, figure kinds and keyword chosen do not change it"
    assert said in texts(page(pair="RUS|UKR", source="Harbor Wire"))
    assert said not in texts(page(pair="RUS|UKR"))
