"""Counts in the page's own words: "1 copy", never "1 copies"."""
from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.counts import counted

# AppTest leaves its script as __main__: put the real one back (see conftest).
pytestmark = pytest.mark.usefixtures("restore_main_module")


@pytest.mark.parametrize(
    "n, singular, plural, said",
    [
        (0, "copy", "copies", "0 copies"), (1, "copy", "copies", "1 copy"), (2, "copy", "copies", "2 copies"),
        (1, "article", None, "1 article"), (12000, "article", None, "12,000 articles"),
        (1, "story", "stories", "1 story"), (3, "other article", None, "3 other articles"),
    ],
)
def test_a_count_takes_the_number_of_its_noun(n, singular, plural, said):
    assert counted(n, singular, plural) == said


def _related(copies: int, others: int) -> None:
    from dashboard.articles import related_articles

    row = {"published": None, "source": "Harbor Wire", "title": "A title"}
    related_articles({"copies": [{**row, "id": f"c{i}"} for i in range(copies)],
                      "story_articles": [{**row, "id": f"s{i}"} for i in range(others)]})


@pytest.mark.parametrize("copies, others, said", [
    (1, 1, "1 copy of this text by other outlets or pages, 1 other article of its story:"),
    (2, 0, "2 copies of this text by other outlets or pages, 0 other articles of its story:"),
    (0, 3, "0 copies of this text by other outlets or pages, 3 other articles of its story:"),
])
def test_the_reader_counts_copies_and_story_articles_in_words(copies, others, said):
    at = AppTest.from_function(_related, args=(copies, others))
    at.run()
    assert not at.exception
    assert [c.value for c in at.caption] == [said]
