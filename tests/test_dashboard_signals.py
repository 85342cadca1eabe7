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
from dashboard.escape import markdown

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


# --- the two switches live in the link ---------------------------------------------------------------


def _specs(at: AppTest) -> list[str]:
    return [c.proto.spec for c in at.get("plotly_chart")]


def test_a_pairs_link_opens_the_pairs_heatmap_and_switching_back_cleans_the_link(app):
    at = app(tab="together", together="pairs")
    assert at.session_state["v_together"] == "pairs"
    assert any("act or threat sentences (pairs)" in s for s in _specs(at))
    assert at.query_params["together"] == "pairs" and at.query_params["tab"] == "together"
    at.session_state["v_together"] = "co-mentions"
    at.run()
    assert "together" not in at.query_params
    assert any("Countries named in the same articles" in s for s in _specs(at))
    at.session_state["v_together"] = None  # the chosen option clicked again: nothing chosen is the default
    at.run()
    assert not at.exception and "together" not in at.query_params
    assert any("Countries named in the same articles" in s for s in _specs(at))


def test_switching_to_pairs_writes_the_link(app):
    at = app(tab="together")
    at.session_state["v_together"] = "pairs"
    at.run()
    assert at.query_params["together"] == "pairs"
    (link,) = [m.value for m in at.sidebar.markdown if m.value.startswith("[Link to this view]")]
    assert "together=pairs" in link


def test_an_acts_and_threats_link_draws_them_and_the_toggle_writes_the_link(app):
    at = app(country="VEN", signals="on")
    assert at.toggle(key="v_signals").value is True
    assert any("Acts (solid) and threats (dashed)" in s for s in _specs(at))
    assert at.query_params["signals"] == "on"
    at.toggle(key="v_signals").set_value(False).run()
    assert "signals" not in at.query_params
    assert not any("Acts (solid) and threats (dashed)" in s for s in _specs(at))
    at.toggle(key="v_signals").set_value(True).run()
    assert at.query_params["signals"] == "on"


def test_the_switches_stay_in_the_link_while_their_tab_is_closed(app):
    at = app(signals="on", together="pairs")
    at.session_state["v_tab"] = "Articles"
    at.run()
    at.run()  # a second run without either widget drawn: Streamlit has dropped their state by now
    assert at.query_params["signals"] == "on" and at.query_params["together"] == "pairs"
    at.session_state["v_tab"] = "Countries together"
    at.run()
    assert any("act or threat sentences (pairs)" in s for s in _specs(at))


def test_unusable_switch_values_in_a_link_are_named(app):
    at = app(signals="maybe", together="triples", tab="together")
    notice = " ".join(w.value for w in at.warning)
    for key, value, reason in (("signals", "maybe", "not one of off, on"),
                               ("together", "triples", "not one of co-mentions, pairs")):
        assert f"{markdown(key)}={markdown(value)}: {markdown(reason)}" in notice, key
    assert "signals" not in at.query_params and "together" not in at.query_params
    assert any("Countries named in the same articles" in s for s in _specs(at))


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
