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

import math
import string
from itertools import compress

from vaderSentiment.vaderSentiment import (
    BOOSTER_DICT,
    C_INCR,
    N_SCALAR,
    NEGATE,
    SPECIAL_CASES,
    SentimentIntensityAnalyzer,
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


def _booster(word_lower: str, word: str, valence: float, is_cap_diff: bool) -> float:
    """`scalar_inc_dec` for a booster (`word_lower`, its token lower-cased; `word`, as split)."""
    scalar = BOOSTER_DICT[word_lower]
    if valence < 0:
        scalar *= -1
    if word.isupper() and is_cap_diff:
        if valence > 0:
            scalar += C_INCR
        else:
            scalar -= C_INCR
    return scalar


def _punctuation_emphasis(text: str) -> float:
    """`SentimentIntensityAnalyzer._punctuation_emphasis`: up to 4 "!", and 2 or more "?"."""
    ep_count = min(text.count("!"), 4)
    qm_count = text.count("?")
    qm_amplifier = 0 if qm_count <= 1 else qm_count * 0.18 if qm_count <= 3 else 0.96
    return ep_count * 0.292 + qm_amplifier


class VaderCompound:
    """`compound(text)` equals `SentimentIntensityAnalyzer().polarity_scores(text)["compound"]`."""

    def __init__(self) -> None:
        self.analyzer = SentimentIntensityAnalyzer()
        self._lexicon = self.analyzer.lexicon
        self._emoji_chars = frozenset(k for k in self.analyzer.emojis if len(k) == 1)
        # A word as split -> its token lower-cased, in one lookup. VADER reads its tokens only lower-cased or
        # through isupper(), which stripping punctuation (never a cased character) leaves as it is: the words
        # as split serve for the latter.
        self._lowered_tokens = _Memo(lambda word: _senti_token(word).lower())

    def compound(self, text: str) -> float:
        if not text.isascii() and not self._emoji_chars.isdisjoint(text):
            return float(self.analyzer.polarity_scores(text)["compound"])
        # Without emoji, VADER's emoji pass returns the text unchanged; it then strips it, which changes neither
        # its words nor its count of "!" and "?".
        split = text.split()
        lowered = list(map(self._lowered_tokens.__getitem__, split))
        lexicon = self._lexicon
        if lexicon.keys().isdisjoint(lowered):
            return 0.0  # every token's valence is 0, so the sum and its normalised compound are 0
        # allcap_differential: some words in capitals, not all
        is_cap_diff = 0 < len(split) - sum(map(str.isupper, split)) < len(split)
        idioms = not _IDIOM_WORDS.isdisjoint(lowered)
        # A word outside the lexicon, a booster and "kind" of "kind of" score 0 (an int, as VADER's list holds).
        sentiments: list[float] = [0] * len(split)
        last = len(split) - 1
        # Only the lexicon's words are visited: compress picks their positions without a Python loop.
        for i in compress(range(len(lowered)), map(lexicon.__contains__, lowered)):
            low = lowered[i]
            if low not in BOOSTER_DICT and not (low == "kind" and i < last and lowered[i + 1] == "of"):
                sentiments[i] = self._valence(split, lowered, i, is_cap_diff, idioms)
        if "but" in lowered:  # without it, VADER's "but" rule leaves the scores as they are
            sentiments = self.analyzer._but_check(lowered, sentiments)  # it lower-cases the tokens first
        # score_valence's compound; its pos/neu/neg shares are not needed.
        total = float(sum(sentiments))
        if total != 0 and ("!" in text or "?" in text):  # otherwise the emphasis adds 0.0
            if total > 0:
                total += _punctuation_emphasis(text)
            else:
                total -= _punctuation_emphasis(text)
        # normalize(total), VADER's alpha of 15
        compound = total / math.sqrt(total * total + 15)
        return round(-1.0 if compound < -1.0 else 1.0 if compound > 1.0 else compound, 4)

    def _valence(self, split: list[str], lowered: list[str], i: int, is_cap_diff: bool, idioms: bool) -> float:
        """`SentimentIntensityAnalyzer.sentiment_valence` for a lexicon word at position i (`split`: the words
        as split, `lowered`: their tokens lower-cased).

        VADER's loop over the three words before it is written out, with its negation check inlined: this runs
        for every sentiment word, and the calls cost more than the checks."""
        lexicon = self._lexicon
        low = lowered[i]
        valence = lexicon[low]
        if low == "no" and i != len(lowered) - 1 and lowered[i + 1] in lexicon:
            valence = 0.0
        if (i > 0 and lowered[i - 1] == "no") or (i > 1 and lowered[i - 2] == "no") \
                or (i > 2 and lowered[i - 3] == "no" and lowered[i - 1] in ("or", "nor")):
            valence = lexicon[low] * N_SCALAR
        if split[i].isupper() and is_cap_diff:
            valence = valence + C_INCR if valence > 0 else valence - C_INCR
        if i > 0:
            # One word before (VADER's start_i 0). scalar_inc_dec is 0 for a word that is no booster.
            before = lowered[i - 1]
            if before not in lexicon:
                if before in BOOSTER_DICT:
                    valence = valence + _booster(before, split[i - 1], valence, is_cap_diff)
                if before in _NEGATE or "n't" in before:
                    valence = valence * N_SCALAR
        if i > 1:
            # Two words before (start_i 1): a booster counts 95%.
            before = lowered[i - 2]
            if before not in lexicon:
                if before in BOOSTER_DICT:
                    s = _booster(before, split[i - 2], valence, is_cap_diff)
                    if s != 0:
                        s = s * 0.95
                    valence = valence + s
                if before == "never" and (lowered[i - 1] == "so" or lowered[i - 1] == "this"):
                    valence = valence * 1.25
                elif before == "without" and lowered[i - 1] == "doubt":
                    pass
                elif before in _NEGATE or "n't" in before:
                    valence = valence * N_SCALAR
        if i > 2:
            # Three words before (start_i 2): a booster counts 90%; then the idioms.
            before = lowered[i - 3]
            if before not in lexicon:
                if before in BOOSTER_DICT:
                    s = _booster(before, split[i - 3], valence, is_cap_diff)
                    if s != 0:
                        s = s * 0.9
                    valence = valence + s
                if before == "never" and (lowered[i - 2] == "so" or lowered[i - 2] == "this") or \
                        (lowered[i - 1] == "so" or lowered[i - 1] == "this"):
                    valence = valence * 1.25
                elif before == "without" and (lowered[i - 2] == "doubt" or lowered[i - 1] == "doubt"):
                    pass
                elif before in _NEGATE or "n't" in before:
                    valence = valence * N_SCALAR
                if idioms:
                    valence = _special_idioms_check(valence, lowered, i)
        if i > 0 and lowered[i - 1] == "least":  # otherwise _least_check leaves the valence as it is
            valence = self.analyzer._least_check(valence, lowered, i)  # it lower-cases the tokens first
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
