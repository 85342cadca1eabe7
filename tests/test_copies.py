"""Near-duplicate signatures: copies with the edits syndication makes match, other texts do not."""
from __future__ import annotations

import numpy as np
from hypothesis import given, settings, strategies as st

from analysis.monitor import copies

WIRE = " ".join(
    f"Paragraph {i}: the regional governor said rescuers in the port city searched the ruins of block {i} "
    f"through the night while engineers restored power to {i * 3} streets and schools stayed closed."
    for i in range(1, 9)
)
OTHER = " ".join(
    f"Item {i}: the finance ministry said exports of grain and steel fell in quarter {i} as shipping costs rose "
    f"and {i * 7} firms asked the central bank for cheaper credit lines this year."
    for i in range(1, 9)
)


def _pair(a: str, b: str) -> tuple[float, bool]:
    sigs = copies.signatures([a, b])
    j = copies.jaccard(sigs.bins[0], sigs.bins[1])
    return j, copies.is_copy(j, int(sigs.shingles[0]), int(sigs.shingles[1]))


def test_the_same_text_is_a_copy_with_jaccard_one():
    assert _pair(WIRE, WIRE) == (1.0, True)


def test_edits_of_syndication_keep_a_copy():
    last = WIRE.rfind("Paragraph 8")
    trimmed = WIRE[:last]
    assert _pair(WIRE, trimmed)[1]
    assert _pair(WIRE, WIRE + "\nReporting by Lena Marsh; Editing by Tom Hale")[1]
    assert _pair(WIRE, "(Harbor Wire) - " + WIRE.upper())[1]  # dateline and case
    assert _pair(WIRE, WIRE.replace(",", " ,").replace(".", " ."))[1]  # punctuation is not a word


def test_a_trimmed_half_is_a_copy_by_containment():
    half = WIRE[: len(WIRE) // 3]
    j, copy = _pair(WIRE, half)
    assert j < copies.JACCARD and copy


def test_different_texts_are_not_copies():
    j, copy = _pair(WIRE, OTHER)
    assert j < 0.1 and not copy


def test_short_texts_are_never_compared():
    sigs = copies.signatures(["Kyiv was hit overnight.", "Kyiv was hit overnight."])
    assert (copies.band_keys(sigs) == -1).all()
    assert not copies.is_copy(1.0, int(sigs.shingles[0]), int(sigs.shingles[1]))


def test_candidate_pairs_find_copies_and_skip_others():
    sigs = copies.signatures([WIRE, OTHER, WIRE + " Reporting by Ana Ruiz", OTHER.replace("steel", "copper")])
    left, right = copies.candidate_pairs(copies.band_keys(sigs))
    assert set(zip(left.tolist(), right.tolist())) == {(0, 2), (1, 3)}


def test_jaccards_match_the_single_pair_estimate():
    sigs = copies.signatures([WIRE, WIRE[:900], OTHER])
    left, right = np.array([0, 0, 1]), np.array([1, 2, 2])
    expected = [copies.jaccard(sigs.bins[a], sigs.bins[b]) for a, b in zip(left, right)]
    assert copies.jaccards(sigs.bins, left, right).tolist() == expected


@settings(max_examples=30, deadline=None)
@given(st.lists(st.text(min_size=0, max_size=400), min_size=1, max_size=6))
def test_signatures_are_a_function_of_each_text_alone(texts):
    together = copies.signatures(texts)
    for i, text in enumerate(texts):
        alone = copies.signatures([text])
        assert (alone.bins[0] == together.bins[i]).all() and alone.shingles[0] == together.shingles[i]
