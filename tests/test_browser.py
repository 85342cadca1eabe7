"""The user's journey in a real browser: Debian chromium driven by Playwright against a real Streamlit server.

Open a shared link, see the charts draw (with the world's coastlines, served by the app itself), see the
filter, change it and get a new link, download snapshots, and leave a screenshot to look at.
"""
from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from localserver import free_port

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
CHART_SVG = '[data-testid="stPlotlyChart"] .main-svg'



@pytest.fixture(scope="module")
def server(store_db):
    port = free_port()
    log = open(ARTIFACTS.mkdir(parents=True, exist_ok=True) or ARTIFACTS / "streamlit.log", "w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true"],
        cwd=ROOT, env={**os.environ, "TENSION_DB": str(store_db)}, stdout=log, stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{base}/_stcore/health", timeout=1)
                break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail("the Streamlit server did not start: see tests/artifacts/streamlit.log")
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        log.close()


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium (make browser)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield b
        b.close()


def test_a_shared_link_draws_the_view_and_snapshots_download(server, browser, tmp_path):
    page = browser.new_page(viewport={"width": 1500, "height": 3400}, accept_downloads=True)
    errors: list[str] = []
    outside: list[str] = []
    plotly_fetches: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: plotly_fetches.append(r.url) if "/PlotlyChart." in r.url else None)
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith((server, "data:", "blob:")) else None)

    page.goto(f"{server}/?country=USA", timeout=60_000)
    page.wait_for_selector(CHART_SVG, timeout=60_000)
    page.wait_for_function(  # bar, map and the open tab's two line charts (each draws two .main-svg)
        "document.querySelectorAll('[data-testid=\"stPlotlyChart\"] .main-svg').length >= 8", timeout=60_000
    )
    # The map's coastlines are drawn from the app's own topojson: real paths, not an empty frame.
    page.wait_for_selector(".geo .coastlines path", state="attached", timeout=30_000)
    coast = page.eval_on_selector(".geo .coastlines path", "p => (p.getAttribute('d') || '').length")
    assert coast > 1000
    assert page.locator(".geo .choroplethlocation").count() >= 3
    # The page's HTML imports Plotly's chunk at once (dashboard/serving.py), and Streamlit's own lazy
    # import then finds it: one fetch, not two copies of plotly.js.
    assert 'import("./static/js/PlotlyChart.' in urllib.request.urlopen(f"{server}/?country=USA").read().decode()
    assert len(plotly_fetches) == 1, plotly_fetches

    sidebar = page.locator('[data-testid="stSidebar"]')
    assert sidebar.get_by_text("United States", exact=True).is_visible()
    assert not page.locator('[data-testid="stException"]').count()
    # The wide layout (set on every run of the page): the charts get the window's width, not a column.
    assert page.locator('[data-testid="stMainBlockContainer"]').bounding_box()["width"] > 1000
    assert page.title() == "Tension Monitor"

    with page.expect_download(timeout=60_000) as download:
        page.get_by_role("button", name="Chart (HTML)").first.click()
    snapshot = tmp_path / "chart.html"
    download.value.save_as(snapshot)
    html = snapshot.read_text(encoding="utf-8")
    assert "United States" in html and "Plotly" in html
    with page.expect_download(timeout=60_000) as download:
        page.get_by_role("button", name="Data (CSV)").first.click()
    download.value.save_as(tmp_path / "chart.csv")
    assert (tmp_path / "chart.csv").read_text().startswith("country,")

    # Another tab: its charts are drawn when it opens, and the link says which tab is open.
    page.get_by_role("tab", name="Reported figures").click()
    page.wait_for_function("location.search.includes('tab=figures')", timeout=30_000)
    page.wait_for_selector('[data-testid="stPlotlyChart"] .scatterlayer .trace', timeout=60_000)
    page.wait_for_function(
        "[...document.querySelectorAll('[data-testid=\"stPlotlyChart\"] .gtitle')].some(t => t.textContent.includes('every report'))",
        timeout=60_000)

    ARTIFACTS.mkdir(exist_ok=True)
    page.wait_for_timeout(500)
    page.screenshot(path=str(ARTIFACTS / "dashboard.png"), full_page=True)

    # Changing a filter rewrites the address bar: the link is always the view.
    page.get_by_label("Keyword").fill("strikes")
    page.get_by_label("Keyword").press("Enter")
    page.wait_for_function("location.search.includes('q=strikes')", timeout=30_000)
    assert parse_qs(urlparse(page.url).query) == {"country": ["USA"], "q": ["strikes"], "tab": ["figures"]}
    page.wait_for_selector(CHART_SVG, timeout=60_000)

    assert not errors, errors
    assert not outside, f"the page reached outside the app: {outside}"
    page.close()
