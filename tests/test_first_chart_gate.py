"""A session served to a browser gets its first chart alone, then the whole page once the browser drew it
(dashboard/first_chart_gate.py). AppTest plays the browser's part: it sets the gate's value."""
from __future__ import annotations

import asyncio
import json

import pytest

from dashboard import first_chart_gate
from dashboard.first_chart_gate import GATE_KEY


@pytest.fixture()
def served_to_browsers():
    first_chart_gate.served_to_browsers.set()
    yield
    first_chart_gate.served_to_browsers.clear()


def gates(at) -> list:
    return list(at.get("component_instance"))


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
    # Its snapshot buttons come with it; the widgets, the numbers and the other charts wait.
    assert {b.proto.label for b in at.get("download_button")} == {"Chart (HTML)", "Data (CSV)"}
    assert not at.sidebar.multiselect and not at.metric and not at.tabs
    # The fixture's outlets are the sample corpus's: the first run says so, at the top and on its chart.
    assert "Illustrative sample data, not real news" in at.warning[0].value
    assert "Illustrative sample data" in at.get("plotly_chart")[0].proto.spec


def test_once_the_browser_drew_the_chart_the_page_is_whole_and_stays_so(app, served_to_browsers):
    at = app()
    at.session_state[GATE_KEY] = True  # what the gate's frame sends once the chart is drawn
    at.run()
    assert not at.exception
    assert at.sidebar.multiselect and len(at.get("plotly_chart")) >= 2 and at.metric
    at.sidebar.multiselect[0].set_value(["USA"]).run()  # a later run: whole at once, no gate
    assert not gates(at) and at.metric and at.sidebar.multiselect[0].value == ["USA"]


def test_the_first_run_keeps_the_link_its_notices_and_writes_the_address(app, served_to_browsers):
    at = app(country="Venezuela", **{"from": "notadate"}, freq="month")
    assert len(gates(at)) == 1
    notice = " ".join(w.value for w in at.warning)
    assert "Parts of this link were ignored" in notice and "from=notadate" in notice
    assert at.caption[0].value.startswith("Venezuela")
    assert at.query_params["country"] == "VEN" and at.query_params["freq"] == "month"
    at.session_state[GATE_KEY] = True
    at.run()
    assert at.sidebar.multiselect[0].value == ["VEN"] and at.query_params["freq"] == "month"


def test_an_empty_view_opens_the_gate_without_waiting_for_a_chart(app, served_to_browsers):
    at = app(q="no-such-word-anywhere")
    assert len(at.get("plotly_chart")) == 0
    (gate,) = gates(at)
    assert json.loads(gate.proto.json_args)["wait_for_chart"] is False


def test_the_server_that_serves_browsers_switches_the_gate_on(monkeypatch):
    from dashboard import serving

    # The start-up's page loading is tested in test_serving: here it would read the checkout's store in a
    # thread that outlives the test.
    monkeypatch.setattr(serving, "preload", lambda: None)
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


def test_the_gate_frame_speaks_the_component_protocol():
    frame = (first_chart_gate.FRAME_DIR / "index.html").read_text()
    for message in ("streamlit:componentReady", "streamlit:setComponentValue", "streamlit:render", "streamlit:setFrameHeight"):
        assert message in frame
    assert '[data-testid="stPlotlyChart"] .main-svg' in frame  # what a drawn chart looks like
