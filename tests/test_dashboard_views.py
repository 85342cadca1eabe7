"""The dashboard's drawing helpers: charts draw what the queries return, snapshots are self-contained,
untrusted text is escaped."""
from __future__ import annotations

import datetime as dt
import io
import json
import re
import string

import numpy as np
import pandas as pd
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from analysis.store import queries as Q
from analysis.store.filters import Filter
from analysis.ingest import ingest_documents
from analysis.models import RawDocument
from analysis.store.parquet_store import read_connection
from dashboard import charts, escape, geo, share
from dashboard.articles import _spans, for_display, highlighted_html

# Markdown that Streamlit would render (an image fetched from elsewhere, a link, coloured text, icons,
# emoji, KaTeX, HTML, emphasis, headings, autolinks, entities), each a payload a field or link may carry.
MARKDOWN_PAYLOADS = [
    "![px](http://evil.test/pixel.png)",
    "[sign in](http://evil.test/login)",
    ":red[alarm] :blue-background[x]",
    ":material/warning: and :smile: and :+1:",
    "$x^2$ and $$\\frac{1}{2}$$",
    "<img src=http://evil.test/x.png> <b>bold</b>",
    "**bold** _it_ `code` ~~gone~~",
    "# heading\n- item\n> quote\n    code",
    "http://evil.test/auto www.evil.test mail@evil.test",
    "&lt;b&gt; &amp; &#58;red[x]",
    "a | b |\n|---|---|",
    "[ref]: http://evil.test/ref",
]

VEN = Filter(countries=("VEN",))


def test_tallies_draw_the_running_maximum_and_every_report(con):
    tallies, points = Q.figure_tallies(con, VEN), Q.figure_points(con, VEN)
    fig = charts.figure_tallies_chart(tallies, points)
    line = next(t for t in fig.data if t.name == "highest to date" and t.yaxis == "y")
    assert list(line.y) == [14, 21, 21, 22]  # never 14 + 21 + 19 + 22
    points = next(t for t in fig.data if t.name == "a report" and t.yaxis == "y")
    assert sorted(points.y) == [14, 19, 21, 22]
    assert all("<br>" in h for h in points.hovertext)  # each point carries its sentence


def test_a_thinned_point_says_how_many_reports_it_stands_for_and_over_what(con):
    points = Q.figure_points(con, Filter(), max_points=1)  # months
    fig = charts.figure_tallies_chart(Q.figure_tallies(con, Filter()), points)
    hovers = [h for t in fig.data if t.name in ("a report", "one incident's toll") for h in t.hovertext]
    assert len(hovers) == len(points)
    assert any("reports that month" in h for h in hovers) and not any("that day" in h for h in hovers)


def test_the_line_is_the_highest_running_total_and_one_incidents_toll_a_hollow_point(con):
    # killed: 50 and "at least 61 so far" are running totals; 4, 6, 104 and 460 the tolls of one attack each
    fig = charts.figure_tallies_chart(Q.figure_tallies(con, Filter()), Q.figure_points(con, Filter()))
    panel = [a.text for a in fig.layout.annotations].index("killed")  # the subplot titles, in panel order
    axis = "y" if panel == 0 else f"y{panel + 1}"
    line = next(t for t in fig.data if t.name == "highest to date" and t.yaxis == axis)
    assert max(line.y) == 61  # never 460: one attack's toll is no running total
    hollow = next(t for t in fig.data if t.name == "one incident's toll" and t.yaxis == axis)
    assert sorted(hollow.y) == [4, 6, 104, 460] and hollow.marker.symbol == "circle-open"
    assert all("summed per period below" in h for h in hollow.hovertext)
    filled = next(t for t in fig.data if t.name == "a report" and t.yaxis == axis)
    assert sorted(filled.y) == [50, 61]


def test_a_step_carries_on_to_the_last_day_shown(con):
    fig = charts.figure_tallies_chart(Q.figure_tallies(con, VEN), Q.figure_points(con, VEN))
    troops = next(t for t in fig.data if t.name == "highest to date" and t.yaxis == "y3")  # third panel
    assert list(troops.y) == [10000, 10000] and troops.x[-1] == max(fig.data[0].x)


def test_hover_text_is_escaped():
    assert charts.safe_text("<img src=x onerror=alert(1)>") == "&lt;img src=x onerror=alert(1)&gt;"
    assert charts.safe_text(None) == "" and charts.safe_text(float("nan")) == ""
    assert charts.safe_text("word " * 40, width=20).count("<br>") >= 5


def test_short_lines_have_a_dot_per_period_long_ones_are_lines():
    weeks = pd.date_range("2024-01-01", periods=charts.MARKED_POINTS + 1, freq="W-MON")
    df = pd.concat([
        pd.DataFrame({"period": weeks, "country": "USA", "name": "United States", "mentions": 5, "articles": 3,
                      "tone": -0.2}),
        # named in two weeks only: without its dots it would be a short stroke lost among long lines
        pd.DataFrame({"period": weeks[:2], "country": "CUB", "name": "Cuba", "mentions": 1, "articles": 1,
                      "tone": 0.1}),
    ])
    modes = {t.name: t.mode for t in charts.mentions_lines(df, "week").data}
    assert modes == {"United States": "lines", "Cuba": "lines+markers"}
    # Tone keeps small dots on a long line: each dot's opacity says how many sentences stand behind it.
    tone = {t.name: t for t in charts.tone_lines(df.drop(columns=["mentions"]), "week").data if t.name}
    assert {n: t.mode for n, t in tone.items()} == {"United States": "lines", "Cuba": "lines+markers"}
    tone = {t.name: t for t in charts.tone_lines(df, "week").data if t.name}
    assert tone["United States"].mode == "lines+markers" and tone["United States"].marker.size == 4
    at_limit = df[df["period"] < weeks[-1]]
    assert {t.mode for t in charts.mentions_lines(at_limit, "week").data} == {"lines+markers"}


def test_map_shows_the_whole_world_not_only_the_named_countries(con):
    fig = charts.world_map(Q.country_map(con, Filter()), "tone")
    assert fig.layout.geo.fitbounds is False
    assert fig.data[0].locationmode == "ISO-3" and fig.data[0].zmid == 0


def test_every_chart_draws_a_country_in_its_own_colour(con):
    flt = Filter()
    lines = charts.mentions_lines(Q.mentions_over_time(con, flt), "week")
    tone = charts.tone_lines(Q.tone_by_country_over_time(con, flt), "week")
    bar = charts.mentions_bar(Q.mentions_by_country(con, flt))
    codes = dict(zip(Q.mentions_by_country(con, flt)["name"], Q.mentions_by_country(con, flt)["country"]))
    for fig in (lines, tone):
        assert all(trace.line.color == charts.country_colour(codes[trace.name]) for trace in fig.data if trace.name)
    assert list(bar.data[0].marker.color) == [charts.country_colour(codes[n]) for n in bar.data[0].y]


def test_country_hovers_count_in_words():
    df = pd.DataFrame({"country": ["UKR", "SDN"], "name": ["Ukraine", "Sudan"], "mentions": [1, 12000],
                       "articles": [1, 3], "place_articles": [0, 0], "tone": [-0.2, 0.1], "sentences": [1, 9]})
    bar = charts.mentions_bar(df).data[0]
    assert dict(zip(bar.y, bar.customdata[:, 2])) == {"Ukraine": "1 mention in 1 article",
                                                       "Sudan": "12,000 mentions in 3 articles"}
    assert "%{customdata[2]}" in bar.hovertemplate and "articles" not in bar.hovertemplate
    assert not isinstance(bar.customdata[0][1], str)  # the tone stays a number for %{customdata[1]:+.2f}
    for fig in (charts.world_map(df, "mentions"), charts.world_map(df, "tone")):
        rows = {c: list(d) for t in fig.data for c, d in zip(t.locations, t.customdata)}
        assert rows["UKR"][5] == "1 mention in 1 article" and rows["SDN"][5] == "12,000 mentions in 3 articles"
    assert rows["SDN"][2] == "mean tone +0.10 of 9 sentences"
    assert rows["UKR"][2] == "named in 1 sentence: too few for a tone (fewer than 5 sentences)"


def test_every_chart_draws_from_its_query(con):
    flt = Filter()
    assert len(charts.mentions_bar(Q.mentions_by_country(con, flt)).data[0].y) == len(Q.mentions_by_country(con, flt))
    assert charts.mentions_lines(Q.mentions_over_time(con, flt), "week").data
    assert charts.tone_lines(Q.tone_by_country_over_time(con, flt), "week").data
    heat = charts.co_mention_heatmap(Q.co_mentions(con, flt)).data[0]
    assert len(heat.x) == len(heat.y) and heat.z.shape == (len(heat.y), len(heat.x))


def test_co_mention_colours_are_for_pairs_and_each_country_alone_is_grey(con):
    pairs = Q.co_mentions(con, Filter())
    pairs_trace, alone_trace = charts.co_mention_heatmap(pairs).data
    n = len(pairs_trace.x)
    assert all(np.isnan(pairs_trace.z[i][i]) and not np.isnan(alone_trace.z[i][i]) for i in range(n))
    first, second = pairs_trace.y[0], pairs_trace.x[1]
    both = pairs[(pairs["name_a"] == first) & (pairs["name_b"] == second)]["articles"].item()
    assert pairs_trace.z[0][1] == both and np.isnan(alone_trace.z[0][1])
    assert alone_trace.z[0][0] == pairs[(pairs["name_a"] == first) & (pairs["name_b"] == first)]["articles"].item()


def test_html_snapshot_is_self_contained_and_names_its_filter(con):
    fig = share.stamp(charts.world_map(Q.country_map(con, VEN), "mentions"), VEN)
    page = share.chart_html(fig, VEN).decode()
    assert "<title>Tension Monitor: Venezuela</title>" in page
    assert "window.PlotlyGeoAssets" in page and '"world_110m"' in page  # outlines inside: draws offline
    assert "cdn.plot.ly/plotly" not in page  # plotly.js inside too
    assert fig.layout.title.subtitle.text.split("<br>")[0] == "Venezuela"


def test_non_map_snapshot_does_not_carry_the_outlines(con):
    fig = charts.mentions_bar(Q.mentions_by_country(con, VEN))
    assert "PlotlyGeoAssets =" not in share.chart_html(fig, VEN).decode()


def test_world_outlines_are_served_by_the_app():
    outlines = json.loads((share.TOPOJSON_DIR / f"{share.WORLD_TOPOJSON}.json").read_text())
    assert {"countries", "coastlines", "land"} <= set(outlines["objects"])
    assert share.plotly_config("map")["topojsonURL"] == "app/static/topojson/"


def test_csv_snapshot_round_trips(con):
    df = Q.mentions_by_country(con, VEN)
    assert pd.read_csv(pd.io.common.BytesIO(share.table_csv(df)))["country"].tolist() == df["country"].tolist()


def test_article_text_is_escaped_and_marked():
    text = "Raid <img src=x onerror=alert(1)> in Venezuela\n\nUS forces carried out 21 strikes."
    start = text.index("21 strikes")
    detail = {
        "text": text,
        "mentions": [{"country": "VEN", "start": text.index("Venezuela"), "end": text.index("Venezuela") + 9},
                     {"country": "USA", "start": text.index("US "), "end": text.index("US ") + 2}],
        "figures": [{"kind": "strikes", "value": 21, "qualifier": None, "match_start": start, "match_end": start + 10}],
    }
    page = highlighted_html(detail)
    assert "<img" not in page and "&lt;img src=x" in page
    assert page.count("<p ") == 2
    assert 'title="Venezuela">Venezuela</mark>' in page
    assert 'title="strikes: 21">21 strikes</mark>' in page


def test_a_vague_figure_is_marked_in_the_article_as_worded():
    text = "Fighting near Goma killed dozens of people on Tuesday."
    start = text.index("killed dozens")
    detail = {"text": text, "mentions": [], "figures": [
        {"kind": "killed", "value": 12, "qualifier": "at least", "wording": "dozens", "match_start": start,
         "match_end": start + 13}]}
    assert 'title="killed: dozens (counted as 12) (at least)">killed dozens</mark>' in highlighted_html(detail)


def test_a_new_ingestion_is_read_without_restarting(tmp_path, store_db):
    """Each ingestion publishes a new manifest; the dashboard must read the new snapshot, not the old one."""
    import shutil

    from analysis.ingest import ingest_documents
    from analysis.models import RawDocument
    from dashboard.data import StoreView

    db = tmp_path / "live.duckdb"
    shutil.copytree(store_db, db)
    before = StoreView(db).query("headline", Filter())["articles"]
    ingest_documents([RawDocument(origin="new", content="Chile and Peru signed a border accord on fishing rights.",
                                  title="Chile and Peru sign accord", published="2025-11-20", source="Atlas")], db)
    after = StoreView(db)
    assert after.query("headline", Filter())["articles"] == before + 1
    assert "CHL" in set(after.query("countries_present")["country"])


# --- text from articles and links is shown as text -------------------------------------------------


def _unescape_markup(markdown: str) -> str:
    """The text after Markdown has removed its escapes (what a shortcode replacer would see)."""
    return re.sub(r"\\(.)", r"\1", markdown)


def _unescape(markdown: str) -> str:
    out, chars = [], iter(markdown)
    for ch in chars:
        out.append(next(chars) if ch == "\\" else ch)
    return "".join(out).replace(escape.WORD_JOINER, "")


@pytest.mark.parametrize("payload", MARKDOWN_PAYLOADS)
def test_markdown_payloads_become_literal_text(payload):
    shown = escape.markdown(payload)
    # Every ASCII punctuation character is escaped (CommonMark then treats it as a literal character),
    # and no colon is directly followed by a name (no shortcode can form after parsing).
    for i, ch in enumerate(shown):
        if ch in string.punctuation and ch != "\\":
            assert shown[i - 1] == "\\", (payload, shown, i)
    after_parsing = _unescape_markup(shown)
    assert not re.search(r":[\w+\-]", after_parsing), shown  # no shortcode
    assert not re.search(r"(?i)https?://[\w.-]|www\.|@[\w-]", after_parsing), shown  # no GFM autolink
    assert "\n" not in shown
    assert _unescape(shown) == " ".join(payload.split())  # nothing lost but line breaks


@given(st.text())
@example("\u2060")
def test_markdown_escaping_loses_nothing(text):
    # The escaper's own word joiners are taken out to compare, so one already in the text (invisible on
    # the page either way) is taken out of the expected text too.
    expected = " ".join(text.split()).replace(escape.WORD_JOINER, "")
    assert _unescape(escape.markdown(text)) == expected


def test_plotly_text_shows_tags_as_text_and_quotes_as_quotes():
    assert escape.plotly('keyword "drone"') == 'keyword "drone"'  # not &quot;, which Plotly prints as is
    assert escape.plotly("<a href='x'>y</a> & z") == "&lt;a href='x'&gt;y&lt;/a&gt; &amp; z"
    assert escape.plotly("x" * 200, width=50).count("<br>") == 3  # a long token is cut to wrap


def test_a_keyword_filter_is_written_on_the_chart_with_plain_quotes():
    flt = Filter(keyword="drone")
    fig = share.stamp(charts.mentions_bar(pd.DataFrame(
        {"country": ["UKR"], "name": ["Ukraine"], "mentions": [3], "articles": [2], "tone": [-0.2]})), flt)
    assert 'keyword "drone"' in fig.layout.title.subtitle.text and "&quot;" not in fig.layout.title.subtitle.text
    assert 'keyword \\"drone\\"' in share.chart_html(fig, flt).decode()  # in the HTML file's figure, as JSON


@pytest.mark.parametrize("url, is_link", [
    ("https://example.org/a", True), ("http://example.org", True), ("HTTPS://EXAMPLE.ORG/x", True),
    ("javascript:alert(1)", False), ("JavaScript:alert(1)", False), ("data:text/html,<b>x</b>", False),
    ("vbscript:x", False), ("//evil.test/x", False), ("http:/evil.test", False), ("https://", False),
    ("https://ok.test/a b", False), (" javascript:alert(1)", False), (None, False), (float("nan"), False),
])
def test_only_http_links_become_links(url, is_link):
    assert escape.is_web_link(url) is is_link
    shown = for_display(pd.DataFrame({"url": [url], "title": ["t"]}))["url"].iloc[0]
    assert (shown is not None) is is_link


def test_a_table_shows_blanks_not_none():
    shown = for_display(pd.DataFrame({"source": [None], "title": ["x"], "countries": [None], "figures": [np.nan]}))
    assert list(shown.iloc[0]) == ["", "x", "", ""]


# --- exports ---------------------------------------------------------------------------------------


def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised():
    df = pd.DataFrame({
        "title": ["=HYPERLINK(\"http://evil.test\",\"x\")", "+1+2", "-2+3", "@SUM(A1)", "\tx", "\rx", "plain", None],
        "value": [1, 2, -3, 4, 5, 6, 7, 8],
    })
    back = pd.read_csv(io.BytesIO(share.table_csv(df)), keep_default_na=False)
    assert list(back["title"]) == ["'=HYPERLINK(\"http://evil.test\",\"x\")", "'+1+2", "'-2+3", "'@SUM(A1)", "'\tx",
                                   "'\rx", "plain", ""]
    assert list(back["value"]) == [1, 2, -3, 4, 5, 6, 7, 8]  # numbers are numbers, negative ones too


def test_csv_lists_are_lists_and_the_sample_says_so():
    df = pd.DataFrame({"countries": [np.array(["RUS", "UKR"]), ["VEN"], None]})
    source = share.Provenance("sample.duckdb", True, dt.date(2025, 12, 1))
    back = pd.read_csv(io.BytesIO(share.table_csv(df, source)), keep_default_na=False)
    assert list(back["countries"]) == ["RUS; UKR", "VEN", ""]
    assert set(back["note"]) == {"illustrative sample data, not real news"}
    assert "note" not in pd.read_csv(io.BytesIO(share.table_csv(df))).columns


def test_every_snapshot_carries_filter_source_date_and_the_sample_label():
    flt = Filter(countries=("UKR",), keyword="drone")
    source = share.Provenance("tension.duckdb", True, dt.date(2025, 12, 1))
    fig = share.stamp(charts.mentions_bar(pd.DataFrame(
        {"country": ["UKR"], "name": ["Ukraine"], "mentions": [3], "articles": [2], "tone": [-0.2]})), flt, source)
    subtitle = fig.layout.title.subtitle.text
    assert 'Ukraine · keyword "drone"' in subtitle and "tension.duckdb" in subtitle and "2025-12-01" in subtitle
    assert "Illustrative sample data" in subtitle  # in the figure: the PNG from the toolbar has it too
    page = share.chart_html(fig, flt, source).decode()
    assert "<title>Tension Monitor: Illustrative sample data" in page and "Illustrative sample data" in page.split("<body>")[1]
    real = share.stamp(charts.mentions_bar(pd.DataFrame(
        {"country": ["UKR"], "name": ["Ukraine"], "mentions": [3], "articles": [2], "tone": [-0.2]})), flt,
        share.Provenance("tension.duckdb", False, dt.date(2025, 12, 1)))
    assert "sample" not in real.layout.title.subtitle.text
    assert "/" not in share.provenance_line(source).replace("</span>", "").replace("</b>", "")  # no folders


def test_snapshot_file_names_carry_the_filter():
    flt = Filter(countries=("UKR",), start=dt.date(2025, 10, 1), keyword="drone")
    base = share.file_base("map", flt)
    assert base == "tension-monitor-map-ukraine-2025-10-01-keyword-drone"
    assert share.plotly_config("map", base)["toImageButtonOptions"]["filename"] == base  # the PNG


# --- charts: axes, periods, the map -----------------------------------------------------------------


def _weekly(values: list[int], country: str = "UKR", name: str = "Ukraine") -> pd.DataFrame:
    weeks = pd.date_range("2025-09-01", periods=len(values), freq="W-MON")
    return pd.DataFrame({"period": weeks, "country": country, "name": name, "mentions": values,
                         "articles": values, "tone": [-0.1] * len(values)})


def _pairs(counts: dict[tuple[str, str], int]) -> pd.DataFrame:
    rows = [(a, b, n) for (a, b), n in counts.items()] + [(b, a, n) for (a, b), n in counts.items() if a != b]
    return pd.DataFrame(rows, columns=["name_a", "name_b", "articles"])


def _hovers(trace) -> list[str]:
    """Each point's hover as the browser shows it: the trace's template with its customdata or text put in."""
    if trace.text is not None and "%{text}" in trace.hovertemplate:  # a heatmap: one text per cell
        cells = [t for line in trace.text for t in line if t]
        return [trace.hovertemplate.replace("%{text}", t) for t in cells]
    return [re.sub(r"%\{customdata\[0\]\}", str(row[0]), trace.hovertemplate) for row in trace.customdata]


# Every hover that counts something says it in words the server writes: "1 mention", never "1 mentions"
# (a Plotly template cannot choose the noun's number).
@pytest.mark.parametrize("chart, said", [
    (lambda: charts.mentions_lines(_weekly([1, 2]), "week"),
     ["1 mention in 1 article", "2 mentions in 2 articles"]),
    (lambda: charts.mentions_lines(_weekly([1, 12000]).assign(articles=[1, 3]), "day"),
     ["1 mention in 1 article", "12,000 mentions in 3 articles"]),
    (lambda: charts.tone_lines(_weekly([1, 2]), "week"),
     ["from 1 mention in 1 article", "from 2 mentions in 2 articles"]),
    (lambda: charts.tone_lines(_weekly([1, 4]).assign(sentences=[1, 3]), "month"),
     ["from 1 sentence (1 mention) in 1 article", "from 3 sentences (4 mentions) in 4 articles"]),
    (lambda: charts.tone_lines(_weekly([1, 4]).drop(columns="mentions"), "week"), ["from 1 article", "from 4 articles"]),
    (lambda: charts.co_mention_heatmap(_pairs({("Ukraine", "Russia"): 1, ("Ukraine", "Ukraine"): 1,
                                                ("Russia", "Russia"): 2})),
     ["1 article", "1 article", "2 articles"]),
    (lambda: charts.signal_pair_heatmap(_pairs({("Israel", "Iran"): 1, ("Israel", "Israel"): 3,
                                                 ("Iran", "Iran"): 1}).rename(columns={"articles": "sentences"})),
     ["1 act/threat sentence", "3 act/threat sentences", "1 act/threat sentence"]),
    (lambda: charts.incidents_per_period_chart(_incident_totals(), "week"),
     ["1 incident, from 3 reports", "4 incidents, from 14 reports"]),
    (lambda: charts.signal_lines(pd.DataFrame({
        "period": pd.to_datetime(["2025-09-01", "2025-09-08", "2025-09-01"]), "country": "UKR", "name": "Ukraine",
        "kind": ["act", "act", "threat"], "sentences": [1, 2, 1], "articles": [1, 1, 3]}), "week"),
     ["1 act sentence in 1 article", "2 act sentences in 1 article", "1 threat sentence in 3 articles"]),
    (lambda: charts.tension_components(pd.DataFrame({
        "entity": "UKR", "date": pd.to_datetime(["2025-09-01", "2025-09-02"]), "component": "acts",
        "points": [1.2, 40.0]}), pd.DataFrame(columns=["entity", "date", "level", "index"]), {"UKR": "Ukraine"}),
     ["1 point", "40 points"]),
])
def test_hovers_count_in_words(chart, said):
    fig = chart()
    hovers = [h for t in fig.data if t.hovertemplate and ("customdata" in t.hovertemplate or "%{text}" in t.hovertemplate)
              for h in _hovers(t)]
    assert all(any(s in h for h in hovers) for s in said), hovers
    assert not any(re.search(r"\b1 (mentions|articles|sentences|incidents|reports|points)\b", h) for h in hovers)
    # Nothing left for Plotly to count: no number formatted into a noun by the template itself.
    assert not any(re.search(r"%\{[^}]*\} (mentions|articles|sentences|incidents|reports|points)\b", t.hovertemplate)
                   for t in fig.data if t.hovertemplate)


def test_counts_start_at_zero_with_whole_number_ticks():
    fig = charts.mentions_lines(_weekly([22, 25, 23]), "week")
    assert fig.layout.yaxis.rangemode == "tozero" and fig.layout.yaxis.tickformat == ",d"
    assert charts.mentions_lines(_weekly([0, 1, 2]), "week").layout.yaxis.dtick == 1  # never 0, 0.5, 1
    tallies = pd.DataFrame({"published": [dt.date(2025, 9, 1), dt.date(2025, 9, 8)], "kind": "warships",
                            "reported": [1, 2], "reports": [1, 1], "highest_to_date": [1, 2]})
    points = pd.DataFrame({"published": [dt.date(2025, 9, 1), dt.date(2025, 9, 8)], "kind": "warships", "value": [1, 2],
                           "qualifier": None, "sentence": "s", "source": "o", "title": "t", "article_id": "a",
                           "reports": 1, "span": "report"})
    fig = charts.figure_tallies_chart(tallies, points)
    assert fig.layout.yaxis.dtick == 1 and fig.layout.yaxis.rangemode == "tozero"


@pytest.mark.parametrize("freq, label", [("month", "%b %Y"), ("week", "%b %d"), ("day", "%b %d")])
def test_tick_labels_fit_the_period(freq, label):
    fig = charts.mentions_lines(_weekly([3, 4, 5]), freq)
    assert fig.layout.xaxis.tickformat == label
    if freq == "month":
        assert str(fig.layout.xaxis.dtick).startswith("M")


def test_partial_edge_periods_are_found_and_marked():
    weeks = [dt.date(2025, 9, 1), dt.date(2025, 9, 8), dt.date(2025, 9, 15)]
    assert Q.partial_periods(weeks, "week", dt.date(2025, 9, 3), dt.date(2025, 9, 21)) == [dt.date(2025, 9, 1)]
    assert Q.partial_periods(weeks, "week", dt.date(2025, 9, 1), dt.date(2025, 9, 17)) == [dt.date(2025, 9, 15)]
    assert Q.partial_periods(weeks, "week", dt.date(2025, 9, 1), dt.date(2025, 9, 21)) == []
    months = [dt.date(2025, 9, 1), dt.date(2025, 10, 1)]
    assert Q.partial_periods(months, "month", dt.date(2025, 9, 1), dt.date(2025, 10, 30)) == [dt.date(2025, 10, 1)]
    assert Q.partial_periods(months, "month", dt.date(2025, 9, 1), dt.date(2025, 10, 31)) == []
    assert Q.partial_periods(weeks, "day", dt.date(2025, 9, 1), dt.date(2025, 9, 15)) == []
    # As the page passes them: the Timestamps of a query's period column.
    assert Q.partial_periods(list(pd.to_datetime(months)), "month", dt.date(2025, 9, 10), dt.date(2025, 10, 31)) \
        == [dt.date(2025, 9, 1)]
    fig = charts.mentions_lines(_weekly([3, 4, 5]), "week", partial=[dt.date(2025, 9, 1)])
    assert [a.text for a in fig.layout.annotations] == ["partial week"] and len(fig.layout.shapes) == 1


def test_thin_tone_points_fade_and_say_what_they_stand_on():
    df = _weekly([1, 10, 3])
    fig = charts.tone_lines(df, "day")
    opacity = list(fig.data[0].marker.opacity)
    assert opacity[0] < opacity[2] < opacity[1] == 1.0
    assert list(fig.data[0].customdata[:, 0]) == ["from 1 mention in 1 article", "from 10 mentions in 10 articles",
                                                  "from 3 mentions in 3 articles"]


def test_tone_points_weigh_the_sentences_they_stand_on():
    df = _weekly([10, 10, 10]).assign(sentences=[1, 10, 3])  # as many mentions, fewer sentences
    fig = charts.tone_lines(df, "day")
    opacity = list(fig.data[0].marker.opacity)
    assert opacity[0] < opacity[2] < opacity[1] == 1.0
    assert list(fig.data[0].customdata[:, 0]) == ["from 1 sentence (10 mentions) in 10 articles",
                                                  "from 10 sentences (10 mentions) in 10 articles",
                                                  "from 3 sentences (10 mentions) in 10 articles"]
    assert "tone %{y:+.2f}<br>%{customdata[0]}" in fig.data[0].hovertemplate


def test_a_filtered_map_is_zoomed_to_the_countries_region(con):
    whole = charts.world_map(Q.country_map(con, Filter()), "mentions")
    assert tuple(whole.layout.geo.lataxis.range) == (-58, 85) and whole.layout.geo.lonaxis.range is None
    israel = charts.world_map(Q.country_map(con, Filter(countries=("ISR",))), "mentions", focus=("ISR",))
    lon, lat = israel.layout.geo.lonaxis.range, israel.layout.geo.lataxis.range
    assert lon[0] < 34.3 and lon[1] > 35.9 and lat[0] < 29.5 and lat[1] > 33.3  # Israel is in the frame
    assert lon[1] - lon[0] <= 60 and lat[1] - lat[0] <= 25  # and the frame is its region, not the world
    assert israel.layout.geo.fitbounds is False
    assert geo.region_of(["XXX"]) is None  # not on the map: the whole world


def test_the_tone_map_greys_countries_named_in_too_few_sentences(con):
    df = Q.country_map(con, Filter())
    fig = charts.world_map(df, "tone")
    coloured, grey = fig.data
    assert set(grey.locations) == set(df.loc[df.sentences < charts.MIN_TONE_SENTENCES, "country"])
    assert set(coloured.locations) == set(df.loc[df.sentences >= charts.MIN_TONE_SENTENCES, "country"])
    # Palestine: named 5 times, in 4 sentences: its tone stands on 4 sentences, so it is grey.
    assert "PSE" in set(grey.locations) and "VEN" in set(coloured.locations)
    legend = coloured.colorbar.title.text
    assert f"fewer than {charts.MIN_TONE_SENTENCES}" in legend and "sentences" in legend  # the legend says so
    said = dict(zip(grey.locations, grey.customdata[:, 2]))
    assert said["PSE"] == "named in 4 sentences: too few for a tone (fewer than 5 sentences)"
    assert "%{customdata[2]}" in grey.hovertemplate
    assert len(charts.world_map(df, "mentions").data) == 1


# --- highlighting is linear -----------------------------------------------------------------------


class Position(int):
    """An offset that counts the comparisons made with it: the work highlighting does, measured exactly
    (a timing would flake on a shared machine)."""

    comparisons = 0

    def _count(op):
        def compare(self, other):
            Position.comparisons += 1
            return op(int(self), int(other) if isinstance(other, int) else other)
        return compare

    __lt__, __le__, __gt__, __ge__, __eq__, __ne__ = (
        _count(int.__lt__), _count(int.__le__), _count(int.__gt__), _count(int.__ge__), _count(int.__eq__),
        _count(int.__ne__),
    )
    __hash__ = int.__hash__


def _mentions_article(n: int) -> dict:
    text = " ".join(["Ukraine"] * n) + " 90 drones"
    mentions = [{"country": "UKR", "start": Position(8 * i), "end": Position(8 * i + 7)} for i in range(n)]
    start = text.index("90 drones")
    figures = [{"kind": "drones", "value": 90, "qualifier": None, "match_start": Position(start),
                "match_end": Position(start + 9)}]
    return {"text": text, "mentions": mentions, "figures": figures}


def _work(detail: dict) -> int:
    Position.comparisons = 0
    highlighted_html(detail)
    return Position.comparisons


def test_highlighting_grows_linearly_with_the_mentions():
    small, large = _mentions_article(2_000), _mentions_article(20_000)
    assert len(_spans(large)) == 20_001
    work_small, work_large = _work(small), _work(large)
    # Ten times the mentions: ~10x the work when linear (a little more for the sort), ~100x when each
    # span is checked against every span kept before it (the old way: 2x10^8 comparisons at 20,000).
    assert work_large / work_small < 15, (work_small, work_large)
    assert work_large < 40 * 20_000, work_large


def test_figures_win_over_mentions_they_overlap():
    text = "Ukraine said 90 drones hit Ukraine"
    detail = {"text": text, "figures": [
        {"kind": "drones", "value": 90, "qualifier": None, "match_start": 13, "match_end": 22},
        {"kind": "drones", "value": 90, "qualifier": None, "match_start": 16, "match_end": 22},  # inside the first
    ], "mentions": [{"country": "UKR", "start": 0, "end": 7}, {"country": "UKR", "start": 10, "end": 16},
                    {"country": "UKR", "start": 27, "end": 34}]}
    assert [(s, e) for s, e, *_ in _spans(detail)] == [(0, 7), (13, 22), (27, 34)]


def test_one_article_view_is_bounded(tmp_path):
    db = tmp_path / "long.duckdb"
    body = "Ukraine and Poland. " * 20_000  # 400,000 characters, 40,000 mentions
    ingest_documents([RawDocument(origin="long", content=body, title="Long", published="2025-10-01", source="S")], db)
    with read_connection(db) as con:
        article_id = con.execute("SELECT id FROM articles").fetchone()[0]
        detail = Q.article_detail(con, article_id, max_chars=50_000)
    assert detail["cut"] and len(detail["text"]) == 50_000
    assert all(m["end"] <= 50_000 for m in detail["mentions"]) and len(detail["mentions"]) < 6_000


# --- what the view stands on ----------------------------------------------------------------------


def _store(tmp_path, docs: list[RawDocument]):
    tmp_path.mkdir(exist_ok=True)
    db = tmp_path / "s.duckdb"
    report = ingest_documents(docs, db)
    assert report.new == len(docs), report.skipped
    return read_connection(db)


def test_sample_articles_are_recognised_by_any_of_their_marks(tmp_path):
    words = " The ministers met for two days and agreed to meet again next spring in the capital."
    real = dict(content="Chile and Peru signed a border accord on fishing rights." + words, published="2025-11-20")
    docs = [
        RawDocument(origin="/feeds/a.xml", title="Real one", source="Andes Post", url="https://andespost.cl/a", **real),
        RawDocument(origin="/x/data/sample/pages/a.txt", title="Sample page", source="Unknown",
                    content="Peru and Bolivia met in La Paz." + words, published="2025-11-21"),
        RawDocument(origin="/y/b.jsonl", title="Sample export", source="Other", url="https://northlinenews.example/x",
                    content="Chile and Argentina held talks." + words, published="2025-11-22"),
        RawDocument(origin="/y/c.jsonl", title="Sample outlet", source="Harbor Wire",
                    content="Ecuador and Colombia closed a crossing." + words, published="2025-11-23"),
    ]
    with _store(tmp_path, docs[:1]) as con:
        assert Q.sample_share(con) == {"articles": 1, "sample": 0}
    with _store(tmp_path / "b", docs) as con:
        assert Q.sample_share(con) == {"articles": 4, "sample": 3}


def test_undated_articles_are_counted(con):
    assert Q.undated_articles(con, Filter()) == 1
    assert Q.undated_articles(con, VEN) == 1 and Q.undated_articles(con, Filter(countries=("UKR",))) == 0


def test_the_articles_table_names_countries_and_separates_thousands(con):
    table = Q.articles_table_named(con, Filter())
    sudan = table[table.title == "Sudan's RSF seizes El Fasher"].iloc[0]
    assert sudan["countries"] == "Sudan 2, Chad 1" and sudan["figures"] == "displaced 65,000, killed 460"
    talks = table[table.title == "Talks on Venezuela resume"].iloc[0]
    assert talks["figures"] is None or pd.isna(talks["figures"])  # no figure: missing, not "None"
    assert list(table.drop(columns=["countries", "figures"]).columns) == \
        list(Q.articles_table(con, Filter()).drop(columns=["countries", "figures"]).columns)


def test_an_article_without_mentions_has_no_countries(tmp_path):
    doc = RawDocument(origin="/a", title="Markets calm", source="S", published="2025-11-20",
                      content="Markets were calm on Tuesday as traders waited for the central bank decision.")
    with _store(tmp_path, [doc]) as con:
        assert Q.articles_table_named(con, Filter())["countries"].isna().all()


# --- incidents per period ------------------------------------------------------------------------------


def _incident_totals() -> pd.DataFrame:
    weeks = pd.to_datetime(["2025-11-17", "2025-11-24", "2025-11-17", "2025-11-24"])
    return pd.DataFrame({"period": weeks, "kind": ["killed", "killed", "strikes", "strikes"],
                         "incident_total": [3, 25, 0, 0], "incidents": [1, 4, 0, 0], "reports": [3, 14, 0, 0],
                         "highest_running_total": pd.array([None, 28, 20, 22], dtype="Int64")})


def test_incidents_per_period_draw_sums_as_bars_beside_the_running_total():
    fig = charts.incidents_per_period_chart(_incident_totals(), "week")
    bars = [t for t in fig.data if t.type == "bar"]
    lines = [t for t in fig.data if t.type == "scatter"]
    assert [a.text for a in fig.layout.annotations] == ["strikes", "killed"]  # the panels, in KINDS order
    assert [list(b.y) for b in bars] == [[], [3, 25]]  # strikes: no incident, no bar
    assert [list(line.y) for line in lines] == [[20.0, 22.0], [28.0]]  # the running totals, never summed
    assert all(line.line.shape == "hv" for line in lines)
    assert "killed in reported incidents: %{y:,}</b><br>%{customdata[0]}" in bars[1].hovertemplate
    assert [list(row) for row in bars[1].customdata] == [["1 incident, from 3 reports"], ["4 incidents, from 14 reports"]]
    assert fig.layout.yaxis.rangemode == "tozero" and fig.layout.yaxis.tickformat == ",d"


def test_incidents_per_period_mark_partial_periods_and_fit_the_period():
    fig = charts.incidents_per_period_chart(_incident_totals(), "month", partial=[dt.date(2025, 11, 1)])
    assert fig.layout.xaxis.tickformat == "%b %Y" and "Per month" in fig.layout.title.text
    assert sum(a.text == "partial month" for a in fig.layout.annotations) >= 1


def test_incidents_per_period_draw_from_the_query(con):
    totals = Q.incident_totals(con, Filter(), freq="week")
    fig = charts.incidents_per_period_chart(totals, "week")
    drawn = sum(sum(t.y) for t in fig.data if t.type == "bar")
    assert drawn == totals["incident_total"].sum() == Q.incident_summary(con, Filter(), "killed")["total"] \
        + totals.loc[totals.kind != "killed", "incident_total"].sum()


def test_acts_and_threats_over_time_count_from_zero_with_ticks_of_the_period(con):
    df = Q.signals_over_time(con, Filter(countries=("VEN",)), freq="month")
    assert len(df)
    fig = charts.signal_lines(df, "month", partial=[df["period"].min()])
    assert fig.layout.yaxis.rangemode == "tozero" and fig.layout.yaxis.tickformat == ",d"
    assert fig.layout.xaxis.tickformat == "%b %Y"
    assert [a.text for a in fig.layout.annotations] == ["partial month"]


def test_the_map_says_which_articles_reach_a_country_only_through_a_place():
    df = pd.DataFrame({"country": ["UKR", "SDN"], "name": ["Ukraine", "Sudan"], "mentions": [2, 0],
                       "articles": [2, 1], "place_articles": [1, 1], "tone": [-0.2, float("nan")], "sentences": [9, 0]})
    for metric in ("mentions", "tone"):
        fig = charts.world_map(df, metric)
        rows = {c: list(d) for t in fig.data for c, d in zip(t.locations, t.customdata)}
        assert rows["SDN"][2:] == ["no sentence names it", 0, " (1 through a place only)", "0 mentions in 1 article"]
        assert rows["UKR"][2:4] == ["mean tone -0.20 of 9 sentences", 9]
        assert all("%{customdata[4]}" in t.hovertemplate for t in fig.data)
