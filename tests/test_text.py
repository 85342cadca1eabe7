import pytest
from hypothesis import given, strategies as st

from analysis.understand.text import normalise_whitespace, split_sentences


@pytest.mark.parametrize(
    "text, expected",
    [
        ("One. Two.", ["One.", "Two."]),
        ("Strikes since Sept. 2 on boats. Then more.", ["Strikes since Sept. 2 on boats.", "Then more."]),
        ("The U.S. Navy moved. It sailed.", ["The U.S. Navy moved.", "It sailed."]),
        ("Mr. Smith and Dr. Jones met. They talked.", ["Mr. Smith and Dr. Jones met.", "They talked."]),
        ("President George W. Bush spoke. Then left.", ["President George W. Bush spoke.", "Then left."]),
        ('"It went well," he said. "Very well."', ['"It went well," he said.', '"Very well."']),
        ("Headline without a period\nBody sentence.", ["Headline without a period", "Body sentence."]),
        ("Is it over? No! Not yet.", ["Is it over?", "No!", "Not yet."]),
        ("It cost 1.2 million dollars. Fine.", ["It cost 1.2 million dollars.", "Fine."]),
        ("", []),
        ("\n\n  \n", []),
    ],
)
def test_split_sentences(text, expected):
    assert [s.text for s in split_sentences(text)] == expected


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=400))
def test_sentence_spans_index_into_the_text(text):
    for s in split_sentences(text):
        assert text[s.start : s.end] == s.text
        assert s.text == s.text.strip() and s.text


@given(st.text(max_size=300))
def test_sentences_are_ordered_and_disjoint(text):
    sentences = split_sentences(text)
    for a, b in zip(sentences, sentences[1:]):
        assert a.end <= b.start


def test_normalise_whitespace():
    assert normalise_whitespace("  a \t b \n\n\n c\u00a0 d ") == "a b\nc d"


@given(st.text(alphabet=st.sampled_from(list("ab. \t\u00a0\n\r")), max_size=60))
def test_normalise_whitespace_keeps_the_words_and_one_space_between(text):
    out = normalise_whitespace(text)
    assert "  " not in out and "\t" not in out and "\u00a0" not in out
    assert all(line and line == line.strip() for line in (out.split("\n") if out else []))
    assert out.split() == text.replace("\u00a0", " ").split()
