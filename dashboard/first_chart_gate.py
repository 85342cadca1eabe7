"""A session's first run stops after the first chart; the rest of the page follows once the browser drew it.

Why (see bench/: first chart): a browser renders a run's elements together. Streamlit imports each
element's code lazily (React.lazy): the first chart waits for Plotly's chunk behind a skeleton, and by
the time React draws it again the rest of the run has arrived, so one commit draws every element and
every chart (Plotly draws each in the same task), and the first chart is painted with the last one.
Loading the chunks early (dashboard/serving.py) does not help: React.lazy suspends on its first render
whatever the module's state. So the first run of a session sends the page's top and its first chart,
plus a frame (`first_chart_gate_frame/index.html`, Streamlit's component protocol by hand) that waits
until the page shows a drawn Plotly chart (or a deadline, or at once when the view draws none), then
sets its value: Streamlit runs the page again, and that run draws everything. Later runs (a filter
changed) draw everything at once.

The gate exists only where a browser runs it: the server that serves the page to browsers (app.py's
st.App, `dashboard.serving`) says so when it starts. Elsewhere (AppTest, an older Streamlit that runs
the page directly) nothing holds the page: every run draws it whole.
"""
from __future__ import annotations

import threading
from pathlib import Path

import streamlit as st
import streamlit.components.v1 as components

FRAME_DIR = Path(__file__).resolve().parent / "first_chart_gate_frame"
GATE_KEY = "first_chart_gate"
_REST_DRAWN = "_rest_of_page_drawn"
# Past this, the rest of the page comes even if no chart was seen drawn: never a half-drawn page.
DEADLINE_MS = 4000

served_to_browsers = threading.Event()  # set by dashboard.serving when the server starts


def holds_rest(wait_for_chart: bool) -> bool:
    """Whether this run stops here, the rest of the page waiting for the browser to draw the first chart.

    Draws the gate (an invisible frame) where it is called. `wait_for_chart`: the run drew a chart to
    wait for (an empty view draws none, and the gate opens as soon as the frame runs)."""
    if not served_to_browsers.is_set() or st.session_state.get(_REST_DRAWN):
        return False
    # Declared in a run: Streamlit registers a component only with a script run's context.
    gate = components.declare_component("first_chart_gate", path=str(FRAME_DIR))
    if gate(wait_for_chart=wait_for_chart, deadline_ms=DEADLINE_MS, key=GATE_KEY, default=False):
        st.session_state[_REST_DRAWN] = True
        return False
    return True
