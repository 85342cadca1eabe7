"""The user's journey in a real browser: Debian chromium driven by Playwright against a real Streamlit server.

Open a shared link, see the charts draw (with the world's coastlines, served by the app itself), see the
filter, change it and get a new link, download snapshots, and leave a screenshot to look at.
"""
from __future__ import annotations

import base64
import io
import json
import os
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import parse_qs, quote, urlparse

import numpy as np
import pytest
from localserver import free_port

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
CHART_SVG = '[data-testid="stPlotlyChart"] .main-svg'
ANSWER_KEY = ROOT / "data" / "sample_events.json"



@contextmanager
def serving(db: Path, log_name: str = "streamlit.log"):
    """A real Streamlit server on the app with TENSION_DB=db; yields its base URL."""
    port = free_port()
    log = open(ARTIFACTS.mkdir(parents=True, exist_ok=True) or ARTIFACTS / log_name, "w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true"],
        cwd=ROOT, env={**os.environ, "TENSION_DB": str(db)}, stdout=log, stderr=subprocess.STDOUT,
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
            pytest.fail(f"the Streamlit server did not start: see tests/artifacts/{log_name}")
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        log.close()


@pytest.fixture(scope="module")
def server(sample_store):
    # The bundled sample corpus, as `make run` first shows it: its planted escalation is what "Rising now"
    # must lead with, and its label what every chart and snapshot must carry.
    with serving(sample_store) as base:
        yield base


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
    # The first chart is now sent before the rest of the page (first paint): wait for the sidebar's widgets.
    chosen = sidebar.get_by_text("United States", exact=True)
    chosen.wait_for(state="visible", timeout=30_000)
    assert chosen.is_visible()
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


PLOTS = "[...document.querySelectorAll('.js-plotly-plot')]"


def _open(browser, server, query: str, viewport=(1500, 3400)):
    page = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]}, accept_downloads=True)
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith((server, "data:", "blob:")) else None)
    page.goto(f"{server}/{query}", timeout=60_000)
    page.wait_for_selector(CHART_SVG, timeout=60_000)
    page.wait_for_function(f"{PLOTS}.length >= 2 && {PLOTS}.every(gd => gd.data)", timeout=60_000)
    return page, outside


def _country_colours(page) -> dict[str, set[str]]:
    """Per country name, every colour it is drawn in (bars and lines) on the page."""
    return page.evaluate(f"""() => {{
        const seen = {{}};
        const add = (name, colour) => {{ (seen[name] = seen[name] || []).push(colour); }};
        for (const gd of {PLOTS}) for (const t of gd.data) {{
            if (t.type === 'bar') t.y.forEach((name, i) => add(name, t.marker.color[i]));
            else if (t.type === 'scatter' && t.line && t.line.color && t.name && t.name !== 'highest to date') add(t.name, t.line.color);
        }}
        return seen;
    }}""")


def _pixels(png: bytes | Path) -> np.ndarray:
    from PIL import Image

    with Image.open(png if isinstance(png, Path) else io.BytesIO(png)) as image:
        return np.asarray(image.convert("RGB"), dtype=np.int16)


def _near(pixels: np.ndarray, colour: str, tolerance: int = 30) -> np.ndarray:
    rgb = np.array([int(colour[i:i + 2], 16) for i in (1, 3, 5)], dtype=np.int16)
    return np.abs(pixels - rgb).max(axis=-1) <= tolerance


def _assert_rendered_chart_with_the_label(page, chart, png: Path) -> None:
    """The PNG from a chart's toolbar is the drawn chart (its size, not blank, the bars in their colours)
    and carries the sample label: compared, pixel by pixel, with the same chart drawn by the page's own
    Plotly without the label's line, the difference is the label, in its colour, above the plot."""
    from dashboard.charts import country_colour
    from dashboard.share import SAMPLE_COLOUR, SAMPLE_LABEL

    shot = _pixels(png)
    plot = chart.locator(".js-plotly-plot")
    width, height, margin_top, scale = plot.evaluate(
        "gd => [gd._fullLayout.width, gd._fullLayout.height, gd._fullLayout.margin.t,"
        " (gd._context.toImageButtonOptions || {}).scale || 1]")
    assert shot.shape == (height * scale, width * scale, 3), (shot.shape, width, height, scale)
    assert shot.std() > 20 and len(np.unique(shot.reshape(-1, 3), axis=0)) > 50  # drawn, not a blank frame
    assert _near(shot, country_colour("USA"), 8).sum() > 1000  # the selected country's bar, in its colour
    unlabelled = base64.b64decode(plot.evaluate(
        """(gd, label) => window.Plotly.toImage({data: gd.data, config: gd._context, layout: {...gd.layout,
               title: {...gd.layout.title, subtitle: {...gd.layout.title.subtitle,
                   text: gd.layout.title.subtitle.text.split('<br>').filter(l => !l.includes(label)).join('<br>')}}}},
           {format: 'png', width: gd._fullLayout.width, height: gd._fullLayout.height,
            scale: (gd._context.toImageButtonOptions || {}).scale || 1})
           .then(url => url.split(',')[1])""", SAMPLE_LABEL))
    bare = _pixels(unlabelled)
    assert bare.shape == shot.shape
    changed = np.argwhere(np.abs(shot - bare).max(axis=-1) > 40)
    above_plot = margin_top * scale
    assert len(changed) > 200 and changed[:, 0].max() < above_plot, (len(changed), changed[:, 0].max(), above_plot)
    label_ink = _near(shot[:above_plot], SAMPLE_COLOUR).sum()
    assert label_ink > 300 and _near(bare[:above_plot], SAMPLE_COLOUR).sum() == 0, label_ink


def test_labels_colours_notices_and_zoom_in_the_browser(server, browser, tmp_path):
    # A bad link: the view opens, and a notice says what was ignored and why.
    page, outside = _open(browser, server, "?country=XXX&country=Ukraine&from=notadate&to=2025-10-05")
    notice = page.get_by_text("Parts of this link were ignored")
    assert notice.is_visible()
    assert "from=notadate" in notice.text_content() and "country=XXX" in notice.text_content()
    # The sidebar may still be drawing on a loaded machine: wait for the country, don't sample once.
    page.locator('[data-testid="stSidebar"]').get_by_text("Ukraine", exact=True).first.wait_for(state="visible", timeout=30_000)
    # The date boxes show whole dates (side by side they cut "2025-10-0").
    to_box = page.locator('[data-testid="stSidebar"] [data-testid="stDateInput"] input').nth(1)
    assert to_box.input_value() == "2025-10-05"
    assert page.evaluate("""i => { const cs = getComputedStyle(i), c = document.createElement('canvas').getContext('2d');
        c.font = cs.font; return c.measureText(i.value).width
            <= i.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight) + 1; }""", to_box.element_handle())
    page.close()

    # Sample data: said at the top of the page, written in each chart (so in its PNG) and in the HTML file.
    page, outside = _open(browser, server, "?country=USA")
    label = page.get_by_text("Illustrative sample data, not real news").first
    assert label.is_visible() and label.bounding_box()["y"] < 200
    subtitles = page.eval_on_selector_all(".gtitle-subtitle", "ts => ts.map(t => t.textContent)")
    assert subtitles and all("Illustrative sample data" in t and "United States" in t for t in subtitles), subtitles
    chart = page.locator('[data-testid="stPlotlyChart"]').first
    chart.hover()
    with page.expect_download(timeout=60_000) as download:
        chart.locator('[data-title="Download plot as a PNG"]').click()
    png = tmp_path / download.value.suggested_filename
    download.value.save_as(png)
    assert png.name.startswith("tension-monitor-mentions-by-country-united-states") and png.read_bytes()[:4] == b"\x89PNG"
    _assert_rendered_chart_with_the_label(page, chart, png)
    with page.expect_download(timeout=60_000) as download:
        page.get_by_role("button", name="Chart (HTML)").first.click()
    assert "Illustrative sample data" in download.value.path().read_text(encoding="utf-8")
    filtered = _country_colours(page)
    page.close()

    # The same country, the same colour: in the bar and the lines, and in another view.
    page, outside = _open(browser, server, "")
    page.wait_for_function(f"{PLOTS}.length >= 4", timeout=60_000)
    unfiltered = _country_colours(page)
    for name in ("United States", "Venezuela"):
        assert len(set(filtered[name]) | set(unfiltered[name])) == 1, (name, filtered[name], unfiltered[name])
    # The bar and both lines: the selected country in one view, a rising one (followed unselected) in the other.
    assert len(filtered["United States"]) >= 3 and len(unfiltered["Armenia"]) >= 3, (filtered, unfiltered)
    assert len(set(unfiltered["Armenia"])) == 1
    # A click on a country of the map filters to it.
    page.wait_for_function(f"{PLOTS}.some(gd => gd.layout && gd.layout.geo)", timeout=60_000)
    index = page.evaluate(f"() => [...{PLOTS}.find(gd => gd.layout.geo).data[0].locations].indexOf('VEN')")
    box = page.locator(".geo .choroplethlocation").nth(index).bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_function("location.search.includes('country=VEN')", timeout=30_000)
    page.close()

    # One country: the map shows its region, not the world.
    page, outside = _open(browser, server, "?country=ISR")
    page.wait_for_function(f"{PLOTS}.some(gd => gd.layout && gd.layout.geo)", timeout=60_000)
    lat, lon = page.evaluate(f"() => {{ const g = {PLOTS}.find(gd => gd.layout.geo).layout.geo;"
                             " return [g.lataxis.range, g.lonaxis.range]; }")
    assert lat[1] - lat[0] <= 25 and lon[0] < 34.3 < 35.9 < lon[1], (lat, lon)
    # It has room (issue 13: it was ~370x170 px of world): the main column's width, and a plot area to match.
    main_width = page.locator('[data-testid="stMainBlockContainer"]').bounding_box()["width"]
    map_width, plot_width, plot_height = page.evaluate(
        f"() => {{ const gd = {PLOTS}.find(gd => gd.layout.geo); const s = gd._fullLayout._size;"
        " return [gd.getBoundingClientRect().width, s.w, s.h]; }")
    assert map_width >= 0.8 * main_width and plot_width >= 700 and plot_height >= 350, (main_width, map_width, plot_width, plot_height)
    page.screenshot(path=str(ARTIFACTS / "dashboard-israel.png"), full_page=True)
    assert not outside, outside
    page.close()


def test_rising_now_leads_with_the_planted_escalation_and_its_link_opens_the_country(server, browser):
    key = json.loads(ANSWER_KEY.read_text(encoding="utf-8"))
    planted = {e["entity"] for e in key["escalations"]}
    page, outside = _open(browser, server, "")
    # "Rising now" comes before the header's numbers; its entries are the list of links just under it.
    heading = page.get_by_role("heading", name="Rising now")
    assert heading.is_visible() and heading.bounding_box()["y"] < page.locator('[data-testid="stMetric"]').first.bounding_box()["y"]
    entries = page.evaluate("""() => [...document.querySelectorAll('[data-testid="stMain"] li')]
        .filter(li => li.querySelector('a[href*="?country="], a[href*="?pair="]') && li.offsetParent)
        .map(li => ({text: li.textContent, href: li.querySelector('a').getAttribute('href'), name: li.querySelector('a').textContent}))""")
    def entity(href: str) -> str:
        query = parse_qs(urlparse(href).query)
        return (query.get("country") or query.get("pair"))[0]
    top = entries[:len(planted)]
    assert {entity(e["href"]) for e in top} == planted, entries
    assert all(e["text"].startswith("↑") and e["text"].rstrip().endswith("alert") for e in top), top

    # Its link opens that country's view: the link is the view (the filter set, in the address bar too).
    code = sorted(e for e in planted if "|" not in e)[0]
    name = next(e["name"] for e in top if entity(e["href"]) == code)
    link = page.get_by_role("link", name=name, exact=True).first
    rising_page = page
    if link.get_attribute("target") == "_blank":  # Streamlit opens Markdown links in a new tab
        with page.context.expect_page(timeout=30_000) as opened:
            link.click()
        page = opened.value
    else:
        link.click()
    page.wait_for_function(f"location.search.includes('country={code}')", timeout=60_000)
    page.wait_for_selector(CHART_SVG, timeout=60_000)
    assert parse_qs(urlparse(page.url).query)["country"] == [code]
    page.locator('[data-testid="stSidebar"]').get_by_text(name, exact=True).first.wait_for(state="visible", timeout=30_000)
    assert page.locator('[data-testid="stCaptionContainer"]').filter(has_text=name).first.is_visible()
    # With that country's evidence: its reports, each with its sentence, hold the escalation's incidents.
    page.get_by_role("tab", name="Reported figures").click()
    page.wait_for_function("location.search.includes('tab=figures')", timeout=30_000)
    # Every report is a point whose hover holds its sentence (a running total's and one incident's toll alike).
    page.wait_for_function(f"{PLOTS}.some(gd => gd.data && gd.data.some(t => t.mode === 'markers' && t.hovertext))",
                           timeout=60_000)
    reports = page.evaluate(f"() => {PLOTS}.flatMap(gd => gd.data.filter(t => t.mode === 'markers' && t.hovertext)"
                            ".flatMap(t => [...t.hovertext]))")
    incidents = [i for i in key["incidents"] if code in i["countries"]]
    assert incidents
    for incident in incidents:
        assert any(incident["place"] in r and f"<b>{incident['value']:,}</b>" in r for r in reports), (incident, reports)
    assert not page.locator('[data-testid="stException"]').count()
    assert not outside, outside
    rising_page.close()  # its context holds the opened tab too


def test_markdown_in_a_link_is_shown_as_text_and_fetches_nothing(server, browser):
    payload = "![px](http://evil.test/pixel.png) [sign in](http://evil.test/login) :red[alarm] $x^2$ :material/home:"
    page = browser.new_page(viewport={"width": 1500, "height": 2000})
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith((server, "data:", "blob:")) else None)
    long_word = "W" * 5000  # a very long token wraps, it does not widen the page
    page.goto(f"{server}/?q={quote(payload)}&source={quote('[x](http://evil.test/s)')}&source={long_word}",
              timeout=60_000)
    page.wait_for_selector('[data-testid="stCaptionContainer"]', timeout=60_000)
    page.wait_for_timeout(1500)
    main = page.locator('[data-testid="stMain"]')
    caption = main.locator('[data-testid="stCaptionContainer"]').first.text_content().replace("\u2060", "")
    assert "![px](http://evil.test/pixel.png)" in caption and ":red[alarm] $x^2$" in caption  # the text, as text
    assert not main.locator("img[src*='evil.test'], a[href*='evil.test'], .katex").count()
    # The sidebar's link to this view carries the parameters (URL-encoded) to our own server only.
    assert all(h.startswith(server) for h in page.eval_on_selector_all("a[href*='evil.test']", "as => as.map(a => a.href)"))
    assert not page.locator("[data-testid='stMarkdownColoredText'], span[style*='color: red']").count()
    assert not outside, f"the page reached outside the app: {outside}"
    assert page.evaluate("() => { const m = document.querySelector('[data-testid=\"stMain\"]');"
                         " return m.scrollWidth <= m.clientWidth + 1; }")
    page.close()


def test_a_phone_sized_window_keeps_titles_clear(server, browser):
    page, outside = _open(browser, server, "?country=VEN&tab=figures", viewport=(390, 3000))
    page.wait_for_selector('[data-testid="stPlotlyChart"] .scatterlayer .trace', timeout=60_000)
    page.wait_for_timeout(1000)
    page.screenshot(path=str(ARTIFACTS / "dashboard-phone.png"), full_page=True)
    # The toolbar stands upright at the right edge: it never covers a chart's title.
    for chart in page.locator('[data-testid="stPlotlyChart"]').all():
        title = chart.locator(".gtitle").first.bounding_box()
        bar = chart.locator(".modebar").first.bounding_box()
        if title and bar:
            assert title["y"] + title["height"] <= bar["y"] or title["x"] + title["width"] <= bar["x"] or \
                bar["y"] + bar["height"] <= title["y"], (title, bar)
    # No x-axis label runs into a panel's title (the figures chart has a panel per kind).
    collisions = page.evaluate("""() => {
        const boxes = (chart, selector) => [...chart.querySelectorAll(selector)].map(e => [e.textContent, e.getBoundingClientRect()])
            .filter(([, b]) => b.width > 0 && b.height > 0);
        const meet = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
        const found = [];
        for (const chart of document.querySelectorAll('[data-testid="stPlotlyChart"]'))
            for (const [tick, t] of boxes(chart, '.xtick text'))
                for (const [panel, p] of boxes(chart, '.annotation-text'))
                    if (meet(t, p)) found.push([tick, panel]);
        return found; }""")
    assert not collisions, collisions
    page.close()


EVIL = [
    "![px](http://evil.test/pixel.png)", "[sign in](http://evil.test/login)", ":red[alarm] :material/home:",
    "$x^2$", "http://evil.test/auto", "<img src=http://evil.test/x.png>",
]


def test_markdown_in_article_data_is_shown_as_text_and_fetches_nothing(tmp_path_factory, browser):
    from analysis.ingest import ingest_documents
    from analysis.models import RawDocument

    db = tmp_path_factory.mktemp("hostile-browser") / "hostile.duckdb"
    docs = [
        RawDocument(
            origin=f"/feeds/{i}.xml", source=f"Outlet {payload}", title=f"Title {payload} on Ukraine",
            url="javascript:alert(1)" if i == 0 else f"https://news.test/{i}",
            content=f"Russia launched {10 + i} drones at Ukraine and at least {5 + i} people were killed {payload} "
                    f"in Ukraine. Officials in Kyiv said the attack {payload} was the largest this month. "
                    + "W" * 5000,
            published=f"2025-10-{10 + i:02d}")
        for i, payload in enumerate(EVIL)
    ]
    assert ingest_documents(docs, db).new == len(docs)
    from analysis.store.parquet_store import read_connection

    with read_connection(db) as con:
        newest = con.execute("SELECT id FROM articles ORDER BY published DESC LIMIT 1").fetchone()[0]
    with serving(db, "streamlit-hostile.log") as base:
        page = browser.new_page(viewport={"width": 1500, "height": 3000})
        outside: list[str] = []
        page.on("request", lambda r: outside.append(r.url) if not r.url.startswith((base, "data:", "blob:")) else None)
        page.goto(f"{base}/?article={newest}", timeout=60_000)
        page.wait_for_selector(CHART_SVG, timeout=60_000)
        page.wait_for_selector("mark", timeout=60_000)  # the article reader, with its marks
        # The tooltips render Markdown when shown: open the one holding the latest report's sentence.
        page.locator('[data-testid="stMetric"]').filter(has_text="Killed in incidents").locator(
            '[data-testid="stTooltipIcon"], [data-testid="stTooltipHoverTarget"]').first.hover()
        page.wait_for_timeout(1000)
        text = page.locator("body").inner_text().replace("\u2060", "")
        assert "killed <img src=http://evil.test/x.png> in Ukraine" in text  # the tooltip: the sentence, as text
        assert not page.locator("img[src*='evil.test'], a[href*='evil.test'], .katex, a[href^='javascript']").count()
        main = page.locator('[data-testid="stMain"]')
        assert page.evaluate("() => { const m = document.querySelector('[data-testid=\"stMain\"]');"
                             " return m.scrollWidth <= m.clientWidth + 1; }")  # the 5,000-character word wraps
        assert main.count() == 1
        page.screenshot(path=str(ARTIFACTS / "dashboard-hostile.png"), full_page=True)
        assert not outside, f"the page reached outside the app: {outside}"
        page.close()


def test_the_first_chart_comes_first_then_the_page_whole_even_when_the_gate_cannot_run(server, browser):
    # The page's first run draws the bar chart and stops; the gate (a script run in the page, loaded from a
    # blob: address) asks for the rest once the chart is drawn. When that script cannot load, Streamlit's
    # own timer (the backstop fragment) still draws the page.
    from dashboard.first_chart_gate import BACKSTOP_SECONDS

    no_gate_script = """(() => { const create = URL.createObjectURL;
      URL.createObjectURL = (blob) => { if (blob && blob.type === 'text/javascript') throw new Error('blocked'); return create(blob); };
    })();"""
    for blocked in (False, True):
        context = browser.new_context(viewport={"width": 1500, "height": 1000})
        if blocked:
            context.add_init_script(no_gate_script)
        page = context.new_page()
        page.goto(server)
        page.wait_for_selector(CHART_SVG, timeout=60_000)
        chart = page.locator('[data-testid="stPlotlyChart"]').first.bounding_box()
        started = time.monotonic()
        page.locator('[data-testid="stMetric"]').first.wait_for(timeout=60_000)
        waited = time.monotonic() - started
        assert page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').count() >= 1
        if blocked:
            assert waited < BACKSTOP_SECONDS + 30  # never left half-drawn for long (a loaded machine draws slowly)
        # The rest of the page came above and beside the chart into the room kept for it: the chart keeps
        # its width and moves by the difference between Rising now's rows and the ten kept for (it moved
        # 583 px down and narrowed by 300 px before).
        after = page.locator('[data-testid="stPlotlyChart"]').first.bounding_box()
        assert abs(after["x"] - chart["x"]) < 2 and abs(after["width"] - chart["width"]) < 2
        assert abs(after["y"] - chart["y"]) < 250, (chart, after)
        context.close()
