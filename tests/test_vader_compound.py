"""The fast compound must be VADER's compound, to the last digit, on every kind of sentence."""
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from vaderSentiment.vaderSentiment import BOOSTER_DICT, NEGATE, SPECIAL_CASES, SentimentIntensityAnalyzer

from analysis.read.clean import clean_document
from analysis.read.sources import Skipped, read_inputs
from analysis.understand.text import split_sentences
from analysis.understand.vader_compound import VaderCompound

ROOT = Path(__file__).resolve().parents[1]
STOCK = SentimentIntensityAnalyzer()
FAST = VaderCompound()


def stock(text: str) -> float:
    return STOCK.polarity_scores(text)["compound"]


@pytest.mark.parametrize(
    "sentence",
    [
        "The strike killed 12 civilians and wounded dozens more.",
        "Leaders welcomed the peace agreement as a hopeful step.",
        "The ministers met on Tuesday.",
        "",
        "   ",
        "VADER is VERY SMART, handsome, and FUNNY!!!",
        "VADER is not smart, handsome, nor funny.",
        "At least it isn't a horrible book.",
        "The book was only kind of good.",
        "The plot was good, but the characters are uncompelling and the dialog is not great.",
        "Today only kinda sux! But I'll get by, lol",
        "Make sure you :) or :D today!",
        "Not bad at all",
        "No problem, no worries or no fear.",
        "No food or hope remained.",
        "no, nor fear",
        "It was the least bad option, and never so good.",
        "Without doubt the best; the shit hit the fan?? Really???",
        "Officials said it was a kiss of death for the talks.",
        "Catch utf-8 emoji such as 💘 and 💋 and 😁",
        "Residents “feared the worst” — the strikes continued.",
        "KILLED and wounded: the army said it was GREAT news",
        "He said the attack was somewhat good but mostly terrible.",
        # the idiom screen: a word of each idiom or multi-word booster present, then all of them
        "The bomb hit, at least the damage was just enough to repair.",
        "It was the bomb and a beating heart, sort of good, least good.",
        "Yeah right, a bus stop was hit; death and BAD ass HEART.",
    ],
)
def test_equal_to_stock_vader(sentence):
    assert FAST.compound(sentence) == stock(sentence)


def test_equal_on_every_sentence_of_the_sample_corpus_and_golden_articles():
    sentences = [s.text for raw in read_inputs([ROOT / "data" / "sample", ROOT / "tests" / "golden"])
                 if not isinstance(raw, Skipped) for s in split_sentences(clean_document(raw).text)]
    assert len(sentences) > 900
    assert [FAST.compound(s) for s in sentences] == [stock(s) for s in sentences]


# Words that trigger each of VADER's rules, mixed with lexicon words, neutral words and punctuation.
_RULE_WORDS = sorted(set(NEGATE) | set(BOOSTER_DICT) | {w for k in SPECIAL_CASES for w in k.split()}
                     | {"no", "but", "kind", "of", "least", "at", "very", "never", "so", "this", "without",
                        "doubt", "or", "nor"})
_LEXICON_WORDS = sorted(STOCK.lexicon)[::37]
_NEUTRAL = ["the", "army", "said", "troops", "Moscow", "on", "Tuesday", "12", "ships", ":)", "(", "—"]
_token = st.one_of(st.sampled_from(_RULE_WORDS), st.sampled_from(_LEXICON_WORDS), st.sampled_from(_NEUTRAL))
_styled = st.tuples(_token, st.sampled_from(["", "upper", "title"]), st.sampled_from(["", ",", ".", "!", "?", "'", "..."]))


def _render(parts) -> str:
    out = []
    for word, case, punct in parts:
        word = word.upper() if case == "upper" else word.title() if case == "title" else word
        out.append(word + punct)
    return " ".join(out)


@settings(max_examples=600, deadline=None)
@given(st.lists(_styled, max_size=14))
def test_equal_on_generated_sentences(parts):
    sentence = _render(parts)
    assert FAST.compound(sentence) == stock(sentence)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_equal_on_arbitrary_text(text):
    assert FAST.compound(text) == stock(text)


def test_the_word_memo_is_bounded_and_changes_nothing(monkeypatch):
    import analysis.understand.vader_compound as module

    monkeypatch.setattr(module, "_MEMO_SIZE", 5)
    fast = VaderCompound()
    sentences = ["The strike killed 12 civilians.", "Leaders welcomed the GOOD peace deal!", "Not bad at all"] * 2
    assert [fast.compound(s) for s in sentences] == [stock(s) for s in sentences]
    assert len(fast._lowered_tokens) <= 5
