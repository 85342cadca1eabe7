"""VADER's compound score, the same number as `SentimentIntensityAnalyzer.polarity_scores`, with less work.

Tone is most of the analysis' cost, and stock VADER spends much of it on work that cannot change the
compound score of a news sentence: a character-by-character emoji pass over text that has no emoji, a
full scoring pass over sentences with no word in its lexicon (45% of news sentences; their compound is 0),
and a fresh lower-cased copy of the sentence for every negation and idiom check of every sentiment word.
This module skips that work and keeps every rule: the rules below are VADER 3.3.2's (MIT licence,
C.J. Hutto), rewritten over one lower-cased token list, and `tests/test_vader_compound.py` holds them
equal to the stock analyser on real-shaped sentences and on Hypothesis-generated ones. Text with an emoji
goes through the stock analyser unchanged.
"""
from __future__ import annotations

import string

from vaderSentiment.vaderSentiment import (
    BOOSTER_DICT,
    C_INCR,
    N_SCALAR,
    NEGATE,
    SPECIAL_CASES,
    SentimentIntensityAnalyzer,
    normalize,
    scalar_inc_dec,
)

_PUNCTUATION = string.punctuation

_NEGATE = frozenset(NEGATE)

# The idioms and multi-word boosters a sentiment word's neighbours are checked against: each needs all of
# its words among the sentence's, so a sentence with none of these words (one of each) skips the check.
_IDIOM_WORDS = frozenset(
    max(key.split(), key=len) for key in (*SPECIAL_CASES, *BOOSTER_DICT) if " " in key
)
# Words seen before are not stripped and lower-cased again: news reuses its words, and a dict lookup per
# word (made in C through map) costs a fraction of the string work. Bounded: cleared when full.
_MEMO_SIZE = 200_000


class _Memo(dict):
    """token -> f(token), computed once."""

    def __init__(self, f) -> None:
        super().__init__()
        self._f = f

    def __missing__(self, token: str) -> str:
        if len(self) >= _MEMO_SIZE:
            self.clear()
        value = self[token] = self._f(token)
        return value


def _senti_token(word: str) -> str:
    # SentiText's tokens: punctuation stripped from a word unless that leaves 2 characters or fewer.
    return word if len(s := word.strip(_PUNCTUATION)) <= 2 else s


def _negated(word_lower: str) -> bool:
    return word_lower in _NEGATE or "n't" in word_lower


class VaderCompound:
    """`compound(text)` equals `SentimentIntensityAnalyzer().polarity_scores(text)["compound"]`."""

    def __init__(self) -> None:
        self.analyzer = SentimentIntensityAnalyzer()
        self._lexicon = self.analyzer.lexicon
        self._emoji_chars = frozenset(k for k in self.analyzer.emojis if len(k) == 1)
        self._tokens = _Memo(_senti_token)
        self._lower = _Memo(str.lower)

    def compound(self, text: str) -> float:
        if not text.isascii() and not self._emoji_chars.isdisjoint(text):
            return float(self.analyzer.polarity_scores(text)["compound"])
        # Without emoji, VADER's emoji pass returns the text unchanged; it then strips it.
        text = text.strip()
        words = list(map(self._tokens.__getitem__, text.split()))
        lowered = list(map(self._lower.__getitem__, words))
        lexicon = self._lexicon
        if lexicon.keys().isdisjoint(lowered):
            return 0.0  # every token's valence is 0, so the sum and its normalised compound are 0
        # allcap_differential: some words in capitals, not all
        is_cap_diff = 0 < len(words) - sum(map(str.isupper, words)) < len(words)
        idioms = not _IDIOM_WORDS.isdisjoint(lowered)
        sentiments: list[float] = []
        last = len(words) - 1
        for i, low in enumerate(lowered):
            if low not in lexicon or low in BOOSTER_DICT or (low == "kind" and i < last and lowered[i + 1] == "of"):
                sentiments.append(0)
            else:
                sentiments.append(self._valence(words, lowered, i, is_cap_diff, idioms))
        if "but" in lowered:  # without it, VADER's "but" rule leaves the scores as they are
            sentiments = self.analyzer._but_check(words, sentiments)
        # score_valence's compound; its pos/neu/neg shares are not needed.
        total = float(sum(sentiments))
        if total > 0:
            total += self.analyzer._punctuation_emphasis(text)
        elif total < 0:
            total -= self.analyzer._punctuation_emphasis(text)
        return round(normalize(total), 4)

    def _valence(self, words: list[str], lowered: list[str], i: int, is_cap_diff: bool, idioms: bool) -> float:
        """`SentimentIntensityAnalyzer.sentiment_valence` for a lexicon word at position i."""
        lexicon = self._lexicon
        low = lowered[i]
        valence = lexicon[low]
        if low == "no" and i != len(words) - 1 and lowered[i + 1] in lexicon:
            valence = 0.0
        if (i > 0 and lowered[i - 1] == "no") or (i > 1 and lowered[i - 2] == "no") \
                or (i > 2 and lowered[i - 3] == "no" and lowered[i - 1] in ("or", "nor")):
            valence = lexicon[low] * N_SCALAR
        if words[i].isupper() and is_cap_diff:
            valence = valence + C_INCR if valence > 0 else valence - C_INCR
        for start_i in range(3):
            before = i - (start_i + 1)
            if i > start_i and lowered[before] not in lexicon:
                # scalar_inc_dec is 0 for a word that is no booster
                if lowered[before] in BOOSTER_DICT:
                    s = scalar_inc_dec(words[before], valence, is_cap_diff)
                    if start_i == 1 and s != 0:
                        s = s * 0.95
                    if start_i == 2 and s != 0:
                        s = s * 0.9
                    valence = valence + s
                valence = _negation_check(valence, lowered, start_i, i)
                if start_i == 2 and idioms:
                    valence = _special_idioms_check(valence, lowered, i)
        if i > 0 and lowered[i - 1] == "least":  # otherwise _least_check leaves the valence as it is
            valence = self.analyzer._least_check(valence, words, i)
        return valence


def _negation_check(valence: float, lowered: list[str], start_i: int, i: int) -> float:
    if start_i == 0:
        if _negated(lowered[i - 1]):
            valence = valence * N_SCALAR
    if start_i == 1:
        if lowered[i - 2] == "never" and (lowered[i - 1] == "so" or lowered[i - 1] == "this"):
            valence = valence * 1.25
        elif lowered[i - 2] == "without" and lowered[i - 1] == "doubt":
            pass
        elif _negated(lowered[i - 2]):
            valence = valence * N_SCALAR
    if start_i == 2:
        if lowered[i - 3] == "never" and (lowered[i - 2] == "so" or lowered[i - 2] == "this") or \
                (lowered[i - 1] == "so" or lowered[i - 1] == "this"):
            valence = valence * 1.25
        elif lowered[i - 3] == "without" and (lowered[i - 2] == "doubt" or lowered[i - 1] == "doubt"):
            pass
        elif _negated(lowered[i - 3]):
            valence = valence * N_SCALAR
    return valence


def _special_idioms_check(valence: float, lowered: list[str], i: int) -> float:
    onezero = f"{lowered[i - 1]} {lowered[i]}"
    twoonezero = f"{lowered[i - 2]} {lowered[i - 1]} {lowered[i]}"
    twoone = f"{lowered[i - 2]} {lowered[i - 1]}"
    threetwoone = f"{lowered[i - 3]} {lowered[i - 2]} {lowered[i - 1]}"
    threetwo = f"{lowered[i - 3]} {lowered[i - 2]}"
    for seq in (onezero, twoonezero, twoone, threetwoone, threetwo):
        if seq in SPECIAL_CASES:
            valence = SPECIAL_CASES[seq]
            break
    if len(lowered) - 1 > i:
        zeroone = f"{lowered[i]} {lowered[i + 1]}"
        if zeroone in SPECIAL_CASES:
            valence = SPECIAL_CASES[zeroone]
    if len(lowered) - 1 > i + 1:
        zeroonetwo = f"{lowered[i]} {lowered[i + 1]} {lowered[i + 2]}"
        if zeroonetwo in SPECIAL_CASES:
            valence = SPECIAL_CASES[zeroonetwo]
    for n_gram in (threetwoone, threetwo, twoone):
        if n_gram in BOOSTER_DICT:
            valence = valence + BOOSTER_DICT[n_gram]
    return valence
