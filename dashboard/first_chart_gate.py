"""A session's first run stops after the first chart; the rest of the page follows once the browser drew it.

Why (see bench/: first chart): a browser renders a run's elements together. Streamlit imports each
element's code lazily (React.lazy): the first chart waits for Plotly's chunk behind a skeleton, and by
the time React draws it again the rest of the run has arrived, so one commit draws every element and
every chart (Plotly draws each in the same task), and the first chart is painted with the last one.
Loading the chunks early (dashboard/serving.py) does not help: React.lazy suspends on its first render
whatever the module's state. So the first run of a session sends the page's top and its first chart,
plus a gate: a few lines of JavaScript (an `st.components.v2` component, run in the page itself: no
frame, no file to fetch) that wait until the page shows a drawn Plotly chart (or a deadline, or at once
when the view draws none), then send a trigger: Streamlit runs the page again, and that run draws
everything. Later runs (a filter changed) draw everything at once.

If the gate's script cannot run at all (a page that forbids scripts from blob: addresses), a fragment
that Streamlit's own page reruns on a timer (`BACKSTOP_SECONDS`) asks for the whole page: it is never
left half-drawn for long.

The gate exists only where a browser runs it: the server that serves the page to browsers (app.py's
st.App, `dashboard.serving`) says so when it starts. Elsewhere (AppTest, an older Streamlit that runs
the page directly) nothing holds the page: every run draws it whole.
"""
from __future__ import annotations

import threading

import streamlit as st

GATE_KEY = "first_chart_gate"
REST_DRAWN = "_rest_of_page_drawn"  # what the gate's trigger sets (`on_drawn_change`)
_BACKSTOP_ARMED = "_first_chart_backstop_armed"
# Past this after the gate runs, the rest of the page comes even if no chart was seen drawn.
DEADLINE_MS = 4000
# Past this after the first run reached the browser, Streamlit's own timer asks for the rest (the gate's
# script did not run). Longer than the gate's deadline: under load a browser takes seconds to draw.
BACKSTOP_SECONDS = 8.0

served_to_browsers = threading.Event()  # set by dashboard.serving when the server starts
# Set once a run sent its first chart: the server's start-up then warms what the rest of the page reads.
first_chart_sent = threading.Event()

# The page's own module: `setTriggerValue("drawn", true)` reruns the script with the trigger set once.
GATE_JS = """
const CHART = '[data-testid="stPlotlyChart"] .main-svg';

export default function ({ data, setTriggerValue }) {
  let sent = false;
  const release = () => {
    if (sent) return;
    sent = true;
    setTriggerValue("drawn", true);
  };
  // The chart is in the document: let the browser paint it (the frame after this one) first.
  const afterPaint = () => requestAnimationFrame(() => setTimeout(release, 0));
  if (!data.wait_for_chart || document.querySelector(CHART)) {
    afterPaint();
    return;
  }
  const deadline = setTimeout(release, data.deadline_ms);  // never leave the page half-drawn
  const observer = new MutationObserver(() => {
    if (document.querySelector(CHART)) {
      observer.disconnect();
      clearTimeout(deadline);
      afterPaint();
    }
  });
  observer.observe(document.body, { childList: true, subtree: true });
  return () => {
    observer.disconnect();
    clearTimeout(deadline);
  };
}
"""

_gate = st.components.v2.component("tension_monitor_first_chart_gate", js=GATE_JS, isolate_styles=False)


def holding() -> bool:
    """Whether this run is a session's first in a browser: it stops after its first chart (`hold`)."""
    return served_to_browsers.is_set() and not st.session_state.get(REST_DRAWN)


def _open() -> None:
    st.session_state[REST_DRAWN] = True


@st.fragment(run_every=BACKSTOP_SECONDS)
def _backstop() -> None:
    # Drawn with the first run, then rerun alone by the browser's timer (a whole run, once the gate
    # opened, cancels the timer): a second call means the gate never opened.
    if st.session_state.get(_BACKSTOP_ARMED):
        _open()
        st.rerun(scope="app")
    st.session_state[_BACKSTOP_ARMED] = True


def hold(wait_for_chart: bool) -> None:
    """Draw the gate where it is called: the rest of the page waits for the browser to draw the first
    chart. `wait_for_chart`: the run drew a chart to wait for (an empty view draws none, and the gate
    opens as soon as its script runs)."""
    _gate(key=GATE_KEY, data={"wait_for_chart": wait_for_chart, "deadline_ms": DEADLINE_MS},
          on_drawn_change=_open)
    _backstop()
