"""Tension Monitor: `streamlit run app.py`. The page itself is `dashboard/page.py`."""
from __future__ import annotations

import streamlit as st

if __name__ == "__main__":
    # Streamlit runs this file as __main__ for each visitor. (A process pool started by "spawn" imports
    # the parent's main module again, as __mp_main__: that must draw no page and build no store.)
    from dashboard.page import main

    main()
elif __name__ == "app" and hasattr(st, "App"):
    # `streamlit run app.py` finds this ASGI app and serves this same file as the page through it, with
    # a start-up that loads the page while the first browser loads (Streamlit's st.App; older versions
    # run the page directly).
    from starlette.middleware import Middleware

    from dashboard.serving import ChartLibraryPreload, load_page_in_background

    app = st.App("app.py", lifespan=load_page_in_background, middleware=[Middleware(ChartLibraryPreload)])
