import pytest

from analysis.understand.tone import SentenceToneScorer, mean_tone, tone_and_sentences_by_country


@pytest.fixture(scope="module")
def scorer():
    return SentenceToneScorer()


@pytest.mark.parametrize(
    "sentence, sign",
    [
        ("The strike killed 12 civilians and wounded dozens more.", -1),
        ("Leaders welcomed the peace agreement as a hopeful step.", 1),
        ("The ministers met on Tuesday.", 0),
    ],
)
def test_sentence_tone_sign(scorer, sentence, sign):
    value = scorer.score(sentence)
    assert -1.0 <= value <= 1.0
    if sign == 0:
        assert value == pytest.approx(0.0, abs=0.05)
    else:
        assert value * sign > 0.2


def test_a_sentence_seen_before_is_not_scored_again():
    scorer = SentenceToneScorer()
    first = scorer.score("Missiles hit the port, killing three.")
    again = scorer.score("Missiles hit the port, killing three.")
    assert first == again and scorer.misses == 1 and scorer.hits == 1


def test_cache_is_bounded():
    scorer = SentenceToneScorer(cache_size=2)
    for s in ("a bad day.", "a good day.", "a sad day."):
        scorer.score(s)
    scorer.score("a bad day.")
    assert scorer.misses == 4


def test_article_tone_is_the_mean_of_its_sentences():
    assert mean_tone([-0.5, 0.1, 0.0]) == pytest.approx(-0.4 / 3)
    assert mean_tone([]) == 0.0


def test_country_tone_is_the_mean_over_sentences_naming_it():
    scores = [-0.8, 0.4, 0.0]
    named = [["VEN", "USA", "VEN"], ["USA"], []]
    tone, _ = tone_and_sentences_by_country(scores, named)
    assert tone == {"USA": pytest.approx(-0.2), "VEN": pytest.approx(-0.8)}


@pytest.mark.parametrize(
    "named, expected",
    [
        ([["VEN", "USA", "VEN"], ["USA"], []], {"USA": 2, "VEN": 1}),  # named twice in a sentence: one sentence
        ([["UKR"] * 6], {"UKR": 1}),
        ([["RUS"], ["RUS"], ["RUS", "UKR"]], {"RUS": 3, "UKR": 1}),
        ([], {}),
    ],
)
def test_sentences_naming_each_country(named, expected):
    assert tone_and_sentences_by_country([0.0] * len(named), named)[1] == expected


def test_cache_size_zero_scores_every_sentence():
    scorer = SentenceToneScorer(cache_size=0)
    scorer.score_all(["Missiles hit the port.", "Missiles hit the port."])
    assert scorer.misses == 2 and scorer.hits == 0
