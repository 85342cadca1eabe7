"""How `streamlit run app.py` serves the page quickly to its first visitor (see bench/: first chart).

Three waits are moved off the first chart's path, all into time the browser and the server would
otherwise spend idle:
- the page's Python libraries (pandas, DuckDB, Plotly: ~0.5 s) load in a background thread when the
  server starts, while the first browser is still loading Streamlit's JavaScript;
- that thread then opens the store's snapshot and runs the queries every visitor's first run reads
  before its first chart (`dashboard.page.warm_first_chart`) into the page's shared cache; the rest of
  the top of the page (the sidebar's choices, "Rising now": seconds of both cores at 1,000,000 articles)
  once a first chart went out (`warm_rest`); a store that does not exist yet is left to the page;
- the browser fetches and runs Plotly's JavaScript (Streamlit's 4.6 MB PlotlyChart chunk, ~0.3 s of
  CPU), the first run's other chunks, then those of the widgets every view draws (multiselect, date
  input...), while it waits for the page's first run, not after it arrives: the page's HTML imports
  them at once.

Only the standard library and Starlette (which Streamlit serves with) here: this module is imported
when the server starts, before any visitor.
"""
from __future__ import annotations

import importlib
import logging
import threading
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

PRELOAD_THREAD = "tension-monitor-preload"
PAGE_MODULE = "dashboard.page"

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


def _outside_preload(record: logging.LogRecord) -> bool:
    # Creating the page's cached queries outside a visitor's run makes Streamlit warn that there is no
    # script context: expected in the preload thread, and only there.
    return record.threadName != PRELOAD_THREAD


# How long the start-up waits for a first chart to go out before it warms the rest of the page anyway.
REST_AFTER_SECONDS = 10.0


def preload(page_module: str = PAGE_MODULE, rest_after: threading.Event | None = None,
            rest_after_seconds: float = REST_AFTER_SECONDS) -> None:
    """Import the page, then warm its cache from the store it will show (when there is one): what a
    first run reads before its first chart, then, once `rest_after` is set (a first chart went out) or
    `rest_after_seconds` passed, what the rest of the page reads. Without `rest_after`, both at once."""
    page = importlib.import_module(page_module)
    from analysis.store.parquet_store import resolve_db_path
    from dashboard.data import StoreView

    store = StoreView(resolve_db_path(None))
    if not store.exists or store.problem():
        return
    try:
        choices = page.warm_first_chart(store)
        if rest_after is not None:
            rest_after.wait(rest_after_seconds)
        page.warm_rest(store, choices)
    except Exception:  # the visitor's own run meets the same error and says it in a sentence
        logging.getLogger(__name__).warning("could not warm the page's cache", exc_info=True)


@asynccontextmanager
async def load_page_in_background(_app: object) -> AsyncIterator[None]:
    """st.App lifespan hook: import the page and its libraries, and warm its cache, while the server starts."""
    for name in ("streamlit.runtime.scriptrunner_utils.script_run_context", "streamlit.runtime.caching.cache_data_api"):
        logging.getLogger(name).addFilter(_outside_preload)
    # Browsers run the pages this server serves: a session's first run may wait for its first chart.
    from dashboard.first_chart_gate import first_chart_sent, served_to_browsers

    served_to_browsers.set()
    # The rest of the page's queries wait for a first chart to go out: run while the first visitor's
    # browser loads, they take the cores it needs (at 1,000,000 articles, the pairs and Rising now take
    # seconds of both).
    threading.Thread(target=preload, kwargs={"rest_after": first_chart_sent}, name=PRELOAD_THREAD, daemon=True).start()
    yield


# The widgets the page draws on every view, whose code Streamlit also imports only when the first one
# arrives: the browser would fetch and run each chunk while it renders the page's first run.
WIDGET_CHUNKS = ("Multiselect", "DateInput", "TextInput", "Selectbox", "Button", "DownloadButton", "Metric",
                 "Radio", "Checkbox")


def chunk_url(component: str, static_dir: Path | None = None) -> str | None:
    """The page-relative URL of one of Streamlit's lazily imported chunks (its name carries a hash that
    changes with each Streamlit release), or None if this Streamlit has none or several."""
    if static_dir is None:
        import streamlit

        static_dir = Path(streamlit.__file__).parent / "static"
    found = sorted((static_dir / "static" / "js").glob(f"{component}.*.js"))
    return f"./static/js/{found[0].name}" if len(found) == 1 else None


def plotly_chunk_url(static_dir: Path | None = None) -> str | None:
    """The page-relative URL of Streamlit's Plotly chunk, or None if this Streamlit has none."""
    return chunk_url("PlotlyChart", static_dir)


# What a session's first run draws besides its title and captions: the first chart, the gate
# (dashboard/first_chart_gate.py, an st.components.v2 component) and the page's style (st.html).
FIRST_RUN_CHUNKS = ("PlotlyChart", "BidiComponent", "Html")


def page_chunk_urls(static_dir: Path | None = None) -> list[str]:
    """Plotly's chunk first (the first chart waits for it) and the rest of the first run's, then the
    widgets' that this Streamlit has."""
    urls = [chunk_url(name, static_dir) for name in (*FIRST_RUN_CHUNKS, *WIDGET_CHUNKS)]
    return [url for url in urls if url]


def import_tag(*urls: str) -> bytes:
    # The same URL Streamlit's own lazy import resolves to, so the browser runs the module once and
    # Streamlit's import finds it loaded.
    return ('<script type="module">' + "".join(f'import("{url}");' for url in urls) + "</script>").encode()


class ChartLibraryPreload:
    """ASGI middleware: the dashboard's HTML page (and only it) gets a tag that imports Plotly's chunk.

    Other responses (static files, downloads, the websocket) pass through untouched. The page is
    Streamlit's 8 KB index.html, read whole and sent with its new length."""

    def __init__(self, app: ASGIApp, chunk_url: str | None = None, base_path: str | None = None) -> None:
        self.app = app
        urls = ([chunk_url] if chunk_url else []) if chunk_url is not None else page_chunk_urls()
        self.tag = import_tag(*urls) if urls else None
        self.base_path = base_path

    def _is_page(self, scope: Scope) -> bool:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD") or self.tag is None:
            return False
        if self.base_path is None:
            from streamlit import config

            self.base_path = (config.get_option("server.baseUrlPath") or "").strip("/")
        root = f"/{self.base_path}" if self.base_path else ""
        return scope["path"].rstrip("/") == root

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not self._is_page(scope):
            await self.app(scope, receive, send)
            return
        # The body is rewritten, so the server must not send the file by path.
        extensions = {k: v for k, v in (scope.get("extensions") or {}).items() if k != "http.response.pathsend"}
        scope = {**scope, "extensions": extensions}
        start: Message | None = None
        body: list[bytes] = []

        async def rewrite(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
                return
            if start is None or message["type"] != "http.response.body":
                await send(message)
                return
            body.append(message.get("body", b""))
            if message.get("more_body", False):
                return
            await self._send_page(start, b"".join(body), send, scope["method"] == "HEAD")

        await self.app(scope, receive, rewrite)

    async def _send_page(self, start: Message, page: bytes, send: Send, head_only: bool) -> None:
        headers = list(start.get("headers", []))
        types = [v for k, v in headers if k.lower() == b"content-type"]
        encoded = any(k.lower() == b"content-encoding" for k, _ in headers)
        if start.get("status") == 200 and types and types[0].startswith(b"text/html") and not encoded:
            if head_only:  # no body to look at: say the length the same GET gets
                length = next((int(v) for k, v in headers if k.lower() == b"content-length"), None)
                headers = _with_length(headers, None if length is None else length + len(self.tag))
            elif b"</head>" in page:
                page = page.replace(b"</head>", self.tag + b"</head>", 1)
                headers = _with_length(headers, len(page))
        await send({**start, "headers": headers})
        await send({"type": "http.response.body", "body": page, "more_body": False})


def _with_length(headers: list[tuple[bytes, bytes]], length: int | None) -> list[tuple[bytes, bytes]]:
    kept = [(k, v) for k, v in headers if k.lower() != b"content-length"]
    return kept if length is None else [*kept, (b"content-length", str(length).encode())]
