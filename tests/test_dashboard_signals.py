"""The dashboard's acts, threats and pairs: the pair filter in the link, the pairs heatmap, the acts and
threats over time, and the article reader's marks (AppTest, on the shared fixture store)."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from analysis.store import queries as Q
from analysis.store.filters import Filter
from analysis.store.parquet_store import read_connection
from dashboard.articles import highlighted_html

APP = str(Path(__file__).resolve().parent.parent / "app.py")


pytestmark = pytest.mark.usefixtures("restore_main_module")


def _articles(at: AppTest) -> str:
    return next(m.value for m in at.metric if m.label == "Articles")


def test_a_pair_link_filters_the_view_and_stays_in_the_link(app, store_db):
    at = app(pair="ukr|rus")
    assert at.selectbox(key="f_pair").value == "RUS|UKR"
    with read_connection(store_db) as con:
        assert _articles(at) == str(Q.headline(con, Filter(pair=("RUS", "UKR")))["articles"]) == "2"
    assert at.query_params["pair"] in ("RUS|UKR", ["RUS|UKR"])
    at.selectbox(key="f_pair").set_value(None).run()
    assert "pair" not in at.query_params
    assert _articles(at) == "12"


def test_a_bad_pair_in_a_link_is_dropped(app):
    at = app(pair="USA|USA")
    assert at.selectbox(key="f_pair").value is None
    assert "pair" not in at.query_params


def test_countries_together_switches_to_pairs(app):
    at = app(tab="together")
    assert any("Countries named in the same articles" in c.proto.spec for c in at.get("plotly_chart"))
    at.session_state["v_together"] = "pairs"
    at.run()
    assert not at.exception
    specs = [c.proto.spec for c in at.get("plotly_chart")]
    assert any("act or threat sentences (pairs)" in s for s in specs)
    assert not any("Countries named in the same articles" in s for s in specs)


def test_acts_and_threats_over_time_on_demand(app):
    at = app(country="VEN")
    before = len(at.get("plotly_chart"))
    at.toggle(key="v_signals").set_value(True).run()
    assert not at.exception
    specs = [c.proto.spec for c in at.get("plotly_chart")]
    assert len(specs) == before + 1 and any("Acts (solid) and threats (dashed)" in s for s in specs)


def test_the_reader_marks_act_and_threat_sentences_with_a_legend(app, store_db):
    with read_connection(store_db) as con:
        article_id = con.execute("SELECT id FROM articles WHERE title = 'Pentagon widens Caribbean campaign'").fetchone()[0]
    body = app(article=article_id).get("html")[0].proto.body
    assert "act sentence" in body and "threat sentence" in body  # the legend
    threat = body.split('title="threat: force shown, warned of or prepared">', 1)[1].split("</span>", 1)[0]
    assert "Washington</mark> has deployed" in threat  # the sentence, its mention still marked inside
    assert 'title="act: force used">' in body


def test_marks_nest_inside_signal_sentences():
    text = "Title\n\nUS forces struck a boat. Talks resumed."
    detail = {
        "text": text,
        "figures": [],
        "mentions": [{"country": "USA", "start": 7, "end": 9}],
        "signals": [{"kind": "act", "start": 7, "end": 32, "sentence": "US forces struck a boat."}],
    }
    html = highlighted_html(detail)
    assert html.index("<span") < html.index("<mark") < html.index("</mark>") < html.index("</span>")
    assert "Talks resumed." in html.split("</span>")[1]
