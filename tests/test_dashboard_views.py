"""The dashboard's drawing helpers: charts draw what the queries return, snapshots are self-contained,
untrusted text is escaped."""
from __future__ import annotations

import json

import numpy as np
import pandas as pd

from analysis import queries as Q
from analysis.filters import Filter
from dashboard import charts, share
from dashboard.articles import highlighted_html

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
    hovers = [h for t in fig.data if t.name == "a report" for h in t.hovertext]
    assert len(hovers) == len(points)
    assert any("reports that month" in h for h in hovers) and not any("that day" in h for h in hovers)


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
    for fig in (charts.mentions_lines(df, "week"), charts.tone_lines(df, "week")):
        modes = {t.name: t.mode for t in fig.data}
        assert modes == {"United States": "lines", "Cuba": "lines+markers"}
    at_limit = df[df["period"] < weeks[-1]]
    assert {t.mode for t in charts.mentions_lines(at_limit, "week").data} == {"lines+markers"}


def test_map_shows_the_whole_world_not_only_the_named_countries(con):
    fig = charts.world_map(Q.country_map(con, Filter()), "tone")
    assert fig.layout.geo.fitbounds is False
    assert fig.data[0].locationmode == "ISO-3" and fig.data[0].zmid == 0


def test_a_country_has_one_colour_whatever_the_view():
    most_covered = list(charts.FIXED_SLOTS)
    assert len(set(charts.PALETTE)) == len(charts.PALETTE) == 16
    assert len({charts.country_colour(c) for c in most_covered}) == len(most_covered)  # all different
    # The colour is a function of the code alone: not of the other countries drawn, nor of their order.
    assert charts.country_colours(["ISR"]) == {"ISR": charts.country_colours(["USA", "PSE", "ISR"])["ISR"]}
    assert charts.country_colours(["ARG", "ISR"])["ISR"] == charts.country_colour("ISR")
    assert charts.country_colour("ARG") in charts.PALETTE  # any other country: the slot its code hashes to


def test_two_countries_of_one_chart_sharing_a_colour_differ_in_dash():
    codes = [c for c in ("BRA", "MEX", "ARG", "CHL", "PER", "BOL", "ECU", "URY", "PRY", "CAN", "FRA", "DEU",
                         "ITA", "ESP", "POL", "TUR", "IND", "PAK") if c not in charts.FIXED_SLOTS]
    by_colour: dict[str, list[str]] = {}
    for code in codes:
        by_colour.setdefault(charts.country_colour(code), []).append(code)
    shared = next(group for group in by_colour.values() if len(group) > 1)  # 18 codes, 16 colours
    dashes = charts.country_dashes(shared)
    assert dashes[shared[0]] == "solid" and len(set(dashes.values())) == len(shared)


def test_every_chart_draws_a_country_in_its_own_colour(con):
    flt = Filter()
    lines = charts.mentions_lines(Q.mentions_over_time(con, flt), "week")
    tone = charts.tone_lines(Q.tone_by_country_over_time(con, flt), "week")
    bar = charts.mentions_bar(Q.mentions_by_country(con, flt))
    codes = dict(zip(Q.mentions_by_country(con, flt)["name"], Q.mentions_by_country(con, flt)["country"]))
    for fig in (lines, tone):
        assert all(trace.line.color == charts.country_colour(codes[trace.name]) for trace in fig.data if trace.name)
    assert list(bar.data[0].marker.color) == [charts.country_colour(codes[n]) for n in bar.data[0].y]


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


def test_a_new_ingestion_is_read_without_restarting(tmp_path, store_db):
    """The store is replaced by each ingestion; the dashboard must read the new file, not the old one."""
    import os
    import shutil

    from analysis.ingest import ingest_documents
    from analysis.models import RawDocument
    from dashboard.data import StoreView

    db = tmp_path / "live.duckdb"
    shutil.copy(store_db, db)
    before = StoreView(db).query("headline", Filter())["articles"]
    ingest_documents([RawDocument(origin="new", content="Chile and Peru signed a border accord on fishing rights.",
                                  title="Chile and Peru sign accord", published="2025-11-20", source="Atlas")], db)
    os.utime(db, ns=(1, os.stat(db).st_mtime_ns + 1))  # the same nanosecond is possible on coarse clocks
    after = StoreView(db)
    assert after.query("headline", Filter())["articles"] == before + 1
    assert "CHL" in set(after.query("countries_present")["country"])
