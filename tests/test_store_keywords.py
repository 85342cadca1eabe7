"""The keyword index: which words an article is found by, and a keyword view that reads no article text."""
from __future__ import annotations

import pytest

from analysis.store import queries as Q
from analysis.store.filters import Filter
from analysis.store.keywords import index_terms, prefix_upper_bound, query_terms


@pytest.mark.parametrize("text, indexed, not_indexed", [
    ("Russia launched 90 drones at Ukraine.", {"russia", "launched", "90", "drones", "ukraine"}, {"at"}),
    ("US-led strikes; the Côte d'Ivoire talks", {"us", "led", "strikes", "côte", "ivoire", "talks"}, {"the", "d"}),
    ("ДРОНЫ атаковали Киев", {"дроны", "атаковали", "киев"}, set()),
    ("x" * 41 + " ok", {"ok"}, {"x" * 41}),
])
def test_index_terms(text, indexed, not_indexed):
    terms = index_terms(text)
    assert indexed <= set(terms) and not (not_indexed & set(terms))
    assert len(terms) == len(set(terms))


@pytest.mark.parametrize("keyword, terms", [
    ("Drone", ["drone"]),
    ("air strike", ["air", "strike"]),
    ("o'brien", ["brien"]),  # one-letter words are in no index entry: the other words narrow the search
    ("the", []),  # only function words: searched as text
    ("%", []),
    ("50%", ["50"]),
])
def test_query_terms(keyword, terms):
    assert query_terms(keyword) == terms


def test_prefix_upper_bound_closes_the_range():
    assert "drone" < "drones" < prefix_upper_bound("drone") == "dronf"
    assert not ("dronf" < prefix_upper_bound("drone"))


@pytest.mark.parametrize("keyword, articles", [
    ("drone", 2),  # finds "drones"
    ("DRONES", 2),
    ("rone", 0),  # words begin where the article's words begin
    ("massive drone", 1),  # every word, anywhere in the article
    ("drone Sudan", 0),
    ("the", None),  # no indexed word: the text is searched as typed
])
def test_keyword_views(con, keyword, articles):
    if articles is None:
        articles = con.execute("SELECT count(*) FROM articles WHERE title ILIKE ? OR text ILIKE ?",
                               [f"%{keyword}%"] * 2).fetchone()[0]
        assert articles > 2
    assert Q.headline(con, Filter(keyword=keyword))["articles"] == articles
    assert len(Q.articles_table(con, Filter(keyword=keyword))) == articles


def test_a_keyword_view_reads_no_article_text(con):
    """The index answers: the articles' text column is not read (it was, for every article, before)."""
    for name in ("headline", "mentions_by_country", "articles_table", "figure_tallies"):
        sql = []
        original = con.execute

        class Recorder:
            def __getattr__(self, attr):
                return getattr(con, attr)

            def execute(self, query, params=None):
                sql.append((query, params))
                return original(query, params or [])

        getattr(Q, name)(Recorder(), Filter(keyword="drone"))
        for query, params in sql:
            plan = con.execute("EXPLAIN " + query, params or []).fetchall()[0][1]
            assert "text" not in plan.replace("context", ""), (name, plan)
