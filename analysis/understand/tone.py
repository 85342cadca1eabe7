"""Tone: VADER compound scores per sentence, averaged per article and per country.

VADER is built for sentences; on a whole article its compound saturates towards ±1, so we score each
sentence and aggregate. Wire stories are syndicated word for word, so scores are cached by sentence text:
a sentence seen before is not scored again. Scores come from `vader_compound`, VADER's own compound with
the work that cannot change it skipped.
"""
from __future__ import annotations

import os
from collections import OrderedDict
from collections.abc import Iterable, Sequence

from analysis.understand.vader_compound import VaderCompound

TONE_CACHE_ENV = "TENSION_TONE_CACHE"
# ~200,000 sentences is ~60 MB: enough to catch a day of syndicated wire copy. 0 turns the cache off.
_CACHE_SIZE = int(os.environ.get(TONE_CACHE_ENV) or 200_000)


class SentenceToneScorer:
    """VADER with a bounded cache of sentence → compound."""

    def __init__(self, cache_size: int | None = None) -> None:
        self._vader = VaderCompound()
        self._cache: OrderedDict[str, float] = OrderedDict()
        self._cache_size = _CACHE_SIZE if cache_size is None else cache_size
        self.hits = 0
        self.misses = 0

    def score(self, sentence: str) -> float:
        cached = self._cache.get(sentence)
        if cached is not None:
            self.hits += 1
            self._cache.move_to_end(sentence)
            return cached
        self.misses += 1
        value = self._vader.compound(sentence)
        if self._cache_size > 0:
            self._cache[sentence] = value
            if len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
        return value

    def score_all(self, sentences: Iterable[str]) -> list[float]:
        if self._cache_size <= 0:  # no cache to consult: straight to VADER
            sentences = list(sentences)
            self.misses += len(sentences)
            return [self._vader.compound(s) for s in sentences]
        return [self.score(s) for s in sentences]


_default_scorer: SentenceToneScorer | None = None


def default_scorer() -> SentenceToneScorer:
    """One scorer per process (VADER's lexicon takes ~0.1 s to load)."""
    global _default_scorer
    if _default_scorer is None:
        _default_scorer = SentenceToneScorer()
    return _default_scorer


def sentence_tones(sentences: Sequence[str], scorer: SentenceToneScorer | None = None) -> list[float]:
    return (scorer or default_scorer()).score_all(sentences)


def mean_tone(scores: Sequence[float]) -> float:
    return sum(scores) / len(scores) if scores else 0.0


def tone_and_sentences_by_country(
    scores: Sequence[float], countries_by_sentence: Sequence[Iterable[str]]
) -> tuple[dict[str, float], dict[str, int]]:
    """Per country, the mean compound of the sentences naming it and how many they are (a sentence naming it
    twice counts once): what a country's tone stands on, which its mention count overstates ("Ukraine,
    Ukraine and Ukraine" is one sentence). One pass: the count is the number of scores the mean is over."""
    totals: dict[str, list[float]] = {}
    for score, countries in zip(scores, countries_by_sentence):
        if countries:  # most sentences name no country
            for iso3 in set(countries):
                if iso3 in totals:
                    totals[iso3].append(score)
                else:
                    totals[iso3] = [score]
    ordered = sorted(totals.items())
    return {iso3: sum(vals) / len(vals) for iso3, vals in ordered}, {iso3: len(vals) for iso3, vals in ordered}
