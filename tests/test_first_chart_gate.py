"""A session served to a browser gets its first chart alone, then the whole page once the browser drew it
(dashboard/first_chart_gate.py). AppTest plays the browser's part: it does what the gate's trigger does
(its callback sets REST_DRAWN); tests/test_browser.py runs the gate's script in chromium."""
from __future__ import annotations

import asyncio
import json

import pytest

from dashboard import first_chart_gate
from dashboard.first_chart_gate import REST_DRAWN


@pytest.fixture()
def served_to_browsers():
    first_chart_gate.served_to_browsers.set()
    yield
    first_chart_gate.served_to_browsers.clear()


def gates(at) -> list:
    return [g for g in at.get("bidi_component") if g.proto.component_name == "tension_monitor_first_chart_gate"]


def test_without_a_browser_serving_the_page_every_run_draws_it_whole(app):
    at = app()
    assert not gates(at)
    assert at.sidebar.multiselect and len(at.get("plotly_chart")) >= 2 and at.metric


def test_the_first_run_draws_the_top_and_the_first_chart_and_the_gate_only(app, served_to_browsers):
    at = app()
    assert len(gates(at)) == 1
    assert len(at.get("plotly_chart")) == 1  # the mentions bar
    assert at.title[0].value == "Tension Monitor" and at.caption[0].value == "All countries"
    assert at.caption[1].value.startswith("Loading the numbers")  # where they will be
    # Rising now's heading and the sidebar's are in their places already: the chart does not move later.
    assert [s.value for s in at.subheader] == ["Rising now"] and [h.value for h in at.sidebar.header] == ["Filters"]
    # The chart's snapshot buttons, the widgets, the numbers and the other charts wait.
    assert not at.get("download_button") and not at.sidebar.multiselect and not at.metric and not at.tabs
    # The fixture's outlets are the sample corpus's: the first run says so, at the top and on its chart.
    assert "Illustrative sample data, not real news" in at.warning[0].value
    assert "Illustrative sample data" in at.get("plotly_chart")[0].proto.spec


def test_once_the_browser_drew_the_chart_the_page_is_whole_and_stays_so(app, served_to_browsers):
    at = app()
    at.session_state[REST_DRAWN] = True  # what the gate's trigger does once the chart is drawn
    at.run()
    assert not at.exception
    assert at.sidebar.multiselect and len(at.get("plotly_chart")) >= 2 and at.metric
    assert {b.proto.label for b in at.get("download_button")} >= {"Chart (HTML)", "Data (CSV)"}
    at.sidebar.multiselect[0].set_value(["USA"]).run()  # a later run: whole at once, no gate
    assert not gates(at) and at.metric and at.sidebar.multiselect[0].value == ["USA"]


def test_a_first_run_drawn_again_without_the_gate_opening_draws_the_whole_page(app, served_to_browsers):
    # What the backstop's timer does when the gate's script never ran (its fragment runs a second time).
    at = app()
    assert len(gates(at)) == 1
    at.run()
    assert not at.exception and not gates(at)
    assert at.sidebar.multiselect and at.metric and at.session_state[REST_DRAWN]


def test_the_first_run_keeps_the_link_its_notices_and_writes_the_address(app, served_to_browsers):
    at = app(country="Venezuela", **{"from": "notadate"}, freq="month")
    assert len(gates(at)) == 1
    notice = " ".join(w.value for w in at.warning)
    assert "Parts of this link were ignored" in notice and "from=notadate" in notice
    assert at.caption[0].value.startswith("Venezuela")
    assert at.query_params["country"] == "VEN" and at.query_params["freq"] == "month"
    at.session_state[REST_DRAWN] = True
    at.run()
    assert at.sidebar.multiselect[0].value == ["VEN"] and at.query_params["freq"] == "month"


def test_an_empty_view_opens_the_gate_without_waiting_for_a_chart(app, served_to_browsers):
    at = app(q="no-such-word-anywhere")
    assert len(at.get("plotly_chart")) == 0
    (gate,) = gates(at)
    assert json.loads(gate.proto.json)["wait_for_chart"] is False


def test_the_server_that_serves_browsers_switches_the_gate_on(monkeypatch):
    from dashboard import serving

    # The start-up's page loading is tested in test_serving: here it would read the checkout's store in a
    # thread that outlives the test.
    monkeypatch.setattr(serving, "preload", lambda **_: None)
    load_page_in_background = serving.load_page_in_background
    first_chart_gate.served_to_browsers.clear()

    async def start() -> None:
        async with load_page_in_background(object()):
            pass

    try:
        asyncio.run(start())
        assert first_chart_gate.served_to_browsers.is_set()
    finally:
        first_chart_gate.served_to_browsers.clear()


def test_the_gate_runs_in_the_page_and_waits_for_a_drawn_chart():
    # An st.components.v2 module run in the page itself: no frame, no file to fetch from /component/.
    assert "export default function" in first_chart_gate.GATE_JS and "<iframe" not in first_chart_gate.GATE_JS
    assert 'setTriggerValue("drawn", true)' in first_chart_gate.GATE_JS
    assert '[data-testid="stPlotlyChart"] .main-svg' in first_chart_gate.GATE_JS  # what a drawn chart looks like
    assert first_chart_gate.DEADLINE_MS / 1000 < first_chart_gate.BACKSTOP_SECONDS
