"""Tension Monitor: `streamlit run app.py`. The page itself is `dashboard/page.py`."""
from __future__ import annotations

import importlib
import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import streamlit as st


PRELOAD_THREAD = "tension-monitor-preload"


def _outside_preload(record: logging.LogRecord) -> bool:
    # Creating the page's cached queries outside a visitor's run makes Streamlit warn that there is no
    # script context: expected in the preload thread, and only there.
    return record.threadName != PRELOAD_THREAD


@asynccontextmanager
async def _load_page_in_background(_app: object) -> AsyncIterator[None]:
    # The page's libraries (pandas, DuckDB, Plotly: ~0.5 s) load while the first visitor's browser is
    # still loading Streamlit's JavaScript, not after it connects (see bench/: first chart).
    logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").addFilter(_outside_preload)
    threading.Thread(target=importlib.import_module, args=("dashboard.page",), name=PRELOAD_THREAD, daemon=True).start()
    yield


if __name__ == "__main__":
    # Streamlit runs this file as __main__ for each visitor. (A process pool started by "spawn" imports
    # the parent's main module again, as __mp_main__: that must draw no page and build no store.)
    from dashboard.page import main

    main()
elif __name__ == "app" and hasattr(st, "App"):
    # `streamlit run app.py` finds this ASGI app and serves this same file as the page through it, with
    # the lifespan hook above (Streamlit's st.App; older versions run the page directly).
    app = st.App("app.py", lifespan=_load_page_in_background)
