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
    ("massive drone", 1),  # a phrase: the words in order ("massive drone attack")
    ("drone massive", 0),
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


# --- a keyword of several words is a phrase ----------------------------------------------------------

PHRASE_ARTICLES = {
    "plain": "An air strike hit the depot on Monday, officials said.",
    "plural": "Two air strikes hit the port overnight, the navy said.",
    "hyphen": "The Air-Strike on the bridge was confirmed.",
    "line break": "Witnesses described the air\nstrike near the market.",
    "apart": "A strike by the union shut the air traffic control centre.",
    "reversed": "The strike came from the air, witnesses said.",
    "inside a word": "The airport strike left thousands stranded.",
    "cyrillic": "Масований удар по Києву зруйнував будинок.",
    "cyrillic apart": "Удар був завданий вночі по околицях Києва.",
}


@pytest.fixture(scope="module")
def phrase_con(tmp_path_factory):
    from analysis.ingest import ingest_documents
    from analysis.models import RawDocument
    from analysis.store.parquet_store import read_connection

    db = tmp_path_factory.mktemp("phrases") / "store"
    docs = [RawDocument(origin=f"phrase:{name}", title=name, content=text, source="Andes Post",
                        published="2025-11-20") for name, text in PHRASE_ARTICLES.items()]
    report = ingest_documents(docs, db)
    assert report.new == len(docs), report.skipped
    with read_connection(db) as connection:
        yield connection


@pytest.mark.parametrize("keyword, titles", [
    ("air strike", {"plain", "plural", "hyphen", "line break"}),  # not apart, reversed or "airport strike"
    ("Air Strikes", {"plural"}),
    ("air-strike", {"plain", "plural", "hyphen", "line break"}),  # punctuation between words is any separator
    ("strike air", set()),  # order counts
    ("airport strike", {"inside a word"}),
    ("air str", {"plain", "plural", "hyphen", "line break"}),  # the last word begins a word, as a single one does
    ("ai strike", set()),  # every word but the last is whole
    ("strike", {"plain", "plural", "hyphen", "line break", "apart", "reversed", "inside a word"}),
    ("удар по Києву", {"cyrillic"}),
    ("УДАР ПО", {"cyrillic"}),
    ("удар києва", set()),
])
def test_a_keyword_of_several_words_is_a_phrase(phrase_con, keyword, titles):
    found = Q.articles_table(phrase_con, Filter(keyword=keyword))
    assert set(found["title"]) == titles
    assert Q.headline(phrase_con, Filter(keyword=keyword))["articles"] == len(titles)


@pytest.mark.parametrize("keyword", ["air strike", "удар по Києву"])
def test_a_phrase_reads_the_text_of_the_articles_with_every_word_only(phrase_con, keyword):
    """The index narrows first: the text is read for the articles holding every word of the phrase."""
    from analysis.store.keywords import phrase_pattern

    candidates = Q._keyword_articles(keyword.split()[0])[0]  # the articles with the first word
    assert phrase_pattern(keyword) and phrase_pattern(keyword.split()[0]) is None
    sql, params = Q._keyword_articles(keyword)
    assert "regexp_matches(text" in sql and sql.index("FROM keywords") < sql.index("regexp_matches")
    assert len(phrase_con.execute(sql, params).fetchall()) <= len(phrase_con.execute(candidates, params[:2]).fetchall())
