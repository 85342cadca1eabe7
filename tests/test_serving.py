"""The server's start-up help: the page's HTML imports Plotly's chunk at once, and nothing else changes."""
from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from dashboard.serving import FIRST_RUN_CHUNKS, WIDGET_CHUNKS, ChartLibraryPreload, import_tag, page_chunk_urls, plotly_chunk_url

PAGE = b"<!DOCTYPE html><html><head><title>Streamlit</title></head><body><div id=root></div></body></html>"
CHUNK = "./static/js/PlotlyChart.abc123.js"


def _inner_app(body: bytes, content_type: bytes = b"text/html; charset=utf-8", status: int = 200, parts: int = 2):
    """A stand-in for Streamlit's static files: the body in `parts` messages, with its length."""
    seen_scopes: list[dict] = []

    async def app(scope, receive, send):
        seen_scopes.append(scope)
        headers = [(b"content-type", content_type), (b"content-length", str(len(body)).encode()), (b"etag", b'"x"')]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        if scope["method"] == "HEAD" or status == 304:
            await send({"type": "http.response.body", "body": b"", "more_body": False})
            return
        step = max(1, -(-len(body) // parts))
        pieces = [body[i:i + step] for i in range(0, len(body), step)] or [b""]
        for i, piece in enumerate(pieces):
            await send({"type": "http.response.body", "body": piece, "more_body": i < len(pieces) - 1})

    app.seen_scopes = seen_scopes
    return app


def _get(app, path: str, method: str = "GET", extensions: dict | None = None) -> tuple[int, dict[bytes, bytes], bytes]:
    sent: list[dict] = []

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "method": method, "path": path, "headers": [], "extensions": extensions or {}}
    asyncio.run(app(scope, receive, send))
    start = sent[0]
    assert start["type"] == "http.response.start"
    body = b"".join(m.get("body", b"") for m in sent[1:])
    return start["status"], dict(start["headers"]), body


def test_the_installed_streamlit_has_one_plotly_chunk():
    # A Streamlit release that renames the chunk would silently lose the early import: fail here instead.
    import streamlit

    url = plotly_chunk_url()
    assert url is not None and url.startswith("./static/js/PlotlyChart.")
    assert (Path(streamlit.__file__).parent / "static" / url.removeprefix("./")).is_file()


def test_the_installed_streamlit_has_each_chunk_the_page_imports_early():
    # A renamed chunk would silently drop out of the early imports: fail here instead.
    urls = page_chunk_urls()
    assert urls[0] == plotly_chunk_url()
    assert [url.removeprefix("./static/js/").split(".")[0] for url in urls] == [*FIRST_RUN_CHUNKS, *WIDGET_CHUNKS]


def test_the_page_imports_plotly_first_then_the_widgets_it_finds(tmp_path):
    js = tmp_path / "static" / "js"
    js.mkdir(parents=True)
    for name in ("Radio.r1.js", "PlotlyChart.p1.js", "Multiselect.m1.js", "Multiselect.m2.js", "Unused.u1.js"):
        (js / name).write_text("")
    # Two Multiselect chunks: which one Streamlit imports is unknown, so neither.
    assert page_chunk_urls(tmp_path) == ["./static/js/PlotlyChart.p1.js", "./static/js/Radio.r1.js"]
    assert import_tag("./a.js", "./b.js") == b'<script type="module">import("./a.js");import("./b.js");</script>'


@pytest.mark.parametrize("names, expected", [
    ([], None),
    (["PlotlyChart.a1.js"], "./static/js/PlotlyChart.a1.js"),
    (["PlotlyChart.a1.js", "PlotlyChart.b2.js"], None),  # which one Streamlit imports is unknown
    (["Plotly.a1.js", "PlotlyChartX.js"], None),
])
def test_plotly_chunk_url(tmp_path, names, expected):
    js = tmp_path / "static" / "js"
    js.mkdir(parents=True)
    for name in names:
        (js / name).write_text("")
    assert plotly_chunk_url(tmp_path) == expected


@pytest.mark.parametrize("path", ["/", ""])
def test_the_page_imports_the_chunk_before_its_head_ends(path):
    status, headers, body = _get(ChartLibraryPreload(_inner_app(PAGE), CHUNK, base_path=""), path)
    tag = import_tag(CHUNK)
    assert status == 200
    assert body == PAGE.replace(b"</head>", tag + b"</head>")
    assert body.count(tag) == 1
    assert int(headers[b"content-length"]) == len(body)
    assert headers[b"etag"] == b'"x"'


def test_head_says_the_length_get_sends():
    app = ChartLibraryPreload(_inner_app(PAGE), CHUNK, base_path="")
    _, get_headers, get_body = _get(app, "/")
    status, head_headers, head_body = _get(app, "/", method="HEAD")
    assert (status, head_body) == (200, b"")
    assert head_headers[b"content-length"] == get_headers[b"content-length"] == str(len(get_body)).encode()


@pytest.mark.parametrize("path, content_type, status", [
    ("/static/js/index.js", b"text/javascript", 200),
    ("/media/chart.html", b"text/html", 200),  # a chart downloaded as HTML stays the user's file
    ("/_stcore/health", b"text/plain", 200),
    ("/", b"text/html", 304),  # not modified: no body to change
    ("/", b"application/json", 200),
])
def test_everything_else_passes_through(path, content_type, status):
    app = ChartLibraryPreload(_inner_app(PAGE, content_type, status), CHUNK, base_path="")
    got_status, headers, body = _get(app, path)
    assert got_status == status
    assert body == (b"" if status == 304 else PAGE)
    assert int(headers[b"content-length"]) == len(PAGE)


def test_under_a_base_path_only_its_root_is_the_page():
    app = ChartLibraryPreload(_inner_app(PAGE), CHUNK, base_path="monitor")
    assert import_tag(CHUNK) in _get(app, "/monitor/")[2]
    assert import_tag(CHUNK) in _get(app, "/monitor")[2]
    assert _get(app, "/")[2] == PAGE


def test_without_a_chunk_nothing_changes():
    assert _get(ChartLibraryPreload(_inner_app(PAGE), "", base_path=""), "/")[2] == PAGE


def test_the_page_is_not_sent_by_path():
    # A server that can send files by path would bypass the rewritten body.
    inner = _inner_app(PAGE)
    app = ChartLibraryPreload(inner, CHUNK, base_path="")
    _get(app, "/", extensions={"http.response.pathsend": {}, "http.response.trailers": {}})
    assert inner.seen_scopes[-1]["extensions"] == {"http.response.trailers": {}}
    _get(app, "/static/x.js", extensions={"http.response.pathsend": {}})
    assert inner.seen_scopes[-1]["extensions"] == {"http.response.pathsend": {}}


def _query_calls(monkeypatch) -> list[str]:
    """The queries that reach the store from now on (a cached answer does not)."""
    from analysis.monitor import tension_queries
    from analysis.store import queries

    calls: list[str] = []
    for module, names in ((queries, ("sample_share", "date_bounds", "countries_present", "sources_list", "top_pairs",
                                     "last_ingest", "headline")), (tension_queries, ("tension_overview",))):
        for name in names:
            real = getattr(module, name)
            monkeypatch.setattr(module, name, lambda *a, _real=real, _name=name, **k: calls.append(_name) or _real(*a, **k))
    return calls


def test_start_up_warms_what_the_first_visitor_reads_first(store_db, monkeypatch):
    from dashboard import page
    from dashboard.data import StoreView, refresh
    from dashboard.serving import preload

    monkeypatch.setenv("TENSION_DB", str(store_db))
    refresh()
    preload()
    calls = _query_calls(monkeypatch)
    store = StoreView(store_db)
    page.store_wide(store)
    store.query("last_ingest")
    store.query("tension_overview", ())
    assert calls == []  # all answered from the cache the start-up filled
    store.query("headline", page.Filter(countries=("USA",)))
    assert calls == ["headline"]  # a view's own numbers are the visitor's run's to compute
    refresh()


def test_start_up_warms_the_rest_of_the_page_once_a_first_chart_went_out(store_db, monkeypatch):
    import sys
    import threading
    import types

    from dashboard.serving import preload

    calls: list[str] = []
    fake = types.ModuleType("fake_page")
    fake.warm_first_chart = lambda store: calls.append("first chart") or "choices"
    fake.warm_rest = lambda store, choices: calls.append(f"rest with {choices}")
    monkeypatch.setitem(sys.modules, "fake_page", fake)
    monkeypatch.setenv("TENSION_DB", str(store_db))
    chart_sent = threading.Event()
    start_up = threading.Thread(target=preload, args=("fake_page",), kwargs={"rest_after": chart_sent})
    start_up.start()
    for _ in range(300):  # the first chart's queries only: the rest waits for the chart
        if calls:
            break
        start_up.join(timeout=0.1)
    start_up.join(timeout=0.5)
    assert start_up.is_alive() and calls == ["first chart"]
    chart_sent.set()
    start_up.join(timeout=30)
    assert calls == ["first chart", "rest with choices"]
    calls.clear()
    preload("fake_page", rest_after=threading.Event(), rest_after_seconds=0.1)  # no visitor came: warmed anyway
    assert calls == ["first chart", "rest with choices"]


def test_start_up_without_a_store_creates_none_and_a_damaged_one_is_left_to_the_page(tmp_path, monkeypatch):
    from dashboard.data import refresh
    from dashboard.serving import preload

    missing = tmp_path / "not-yet"
    monkeypatch.setenv("TENSION_DB", str(missing))
    preload()
    assert not missing.exists()  # the page builds the sample store, with its progress bar, for a visitor
    damaged = tmp_path / "old.duckdb"
    damaged.write_bytes(b"not a database")
    monkeypatch.setenv("TENSION_DB", str(damaged))
    preload()  # raises nothing: the visitor's page says what to do
    refresh()
