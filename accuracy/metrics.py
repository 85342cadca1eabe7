"""Precision, recall and F1 over sets of items, micro-averaged (summed over articles or sentences)."""
from __future__ import annotations

from collections.abc import Hashable, Iterable, Set
from dataclasses import dataclass


@dataclass(frozen=True)
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: "Score") -> "Score":
        return Score(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float:
        # Nothing predicted is nothing wrong: precision 1.0, and recall says what was missed.
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


def score_set(
    predicted: Set[Hashable], required: Set[Hashable], optional: Set[Hashable] = frozenset()
) -> Score:
    """One item set against its labels. An optional item (a reading on which careful labellers differ)
    counts as right when predicted and is not missed when absent."""
    predicted = set(predicted)
    allowed = set(required) | set(optional)
    return Score(
        tp=len(predicted & allowed),
        fp=len(predicted - allowed),
        fn=len(set(required) - predicted),
    )


def score_sets(
    items: Iterable[tuple[Set[Hashable], Set[Hashable], Set[Hashable]]],
) -> Score:
    """Sum of `score_set` over (predicted, required, optional) triples."""
    total = Score()
    for predicted, required, optional in items:
        total = total + score_set(predicted, required, optional)
    return total


def score_labels(predicted: Iterable[str | None], gold: Iterable[str | None], label: str) -> Score:
    """One class of a per-sentence label ("act"): each sentence is one item."""
    total = Score()
    for p, g in zip(predicted, gold, strict=True):
        total = total + Score(tp=int(p == label and g == label), fp=int(p == label and g != label),
                              fn=int(p != label and g == label))
    return total
