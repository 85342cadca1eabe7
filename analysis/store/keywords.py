"""The keyword index: each article's distinct words, so that a keyword view reads a few rows of an index
sorted by word instead of every article's text.

One row per (term, article): lowercase word tokens (`\\w+`, so any script), 2 to 40 characters, without the
commonest English function words (they select nearly everything: a keyword made only of them scans).
A keyword of one word matches an article when it begins a word of the article ("strike" finds "strikes"
and "strike-force", not "airstrike"): the index alone answers. A keyword of several words is a phrase: the
index narrows to the articles holding each of its words, and only their text is then read for the words in
order, each beginning a word, with nothing but spaces or punctuation between them ("air strike" finds
"air strikes" and "air-strike", not "strike from the air" nor "airport strike").
"""
from __future__ import annotations

import re

_WORD = re.compile(r"\w+")
# Python's `\W` in RE2 (ASCII-only there): a run of characters that are no letter, digit, mark or "_".
_NON_WORD = r"[^\pL\pN\pM_]+"
MIN_LEN, MAX_LEN = 2, 40
STOPWORDS = frozenset(
    "the of and to in a an on for is was that with as by at from it its be are were has have had this "
    "which or but not will said he she they their his her we you i".split()
)


def index_terms(text: str) -> list[str]:
    """The distinct indexed words of a text, in first-seen order."""
    seen: dict[str, None] = {}
    for word in _WORD.findall(text.lower()):
        if MIN_LEN <= len(word) <= MAX_LEN and word not in STOPWORDS:
            seen.setdefault(word, None)
    return list(seen)


def query_terms(keyword: str) -> list[str]:
    """The words of a keyword that the index can look up (each a prefix of an indexed word); an empty
    list means the index cannot narrow the search (punctuation only, or only function words)."""
    words = _WORD.findall(keyword.lower())
    # A word longer than MAX_LEN was indexed nowhere: its first MAX_LEN characters are a prefix of itself.
    return list(dict.fromkeys(w[:MAX_LEN] for w in words if len(w) >= MIN_LEN and w not in STOPWORDS))


def phrase_pattern(keyword: str) -> str | None:
    """A case-insensitive regular expression (RE2, as DuckDB's `regexp_matches` reads it) for a keyword of
    several words as a phrase: its words in order, separated only by non-word characters, each but the last
    a whole word and the last the beginning of one. None for a keyword of at most one word (the index
    answers it alone)."""
    words = _WORD.findall(keyword.lower())
    if len(words) < 2:
        return None
    # Each word but the last is whole ("air strike" is not "airport strike"); the last begins a word, as a
    # single-word keyword does ("air strike" finds "air strikes").
    inner = _NON_WORD.join(re.escape(w) for w in words[:-1])
    return rf"(?i)(^|{_NON_WORD}){inner}{_NON_WORD}{re.escape(words[-1])}"


def prefix_upper_bound(term: str) -> str:
    """The smallest string greater than every string starting with `term` (for a range scan)."""
    return term[:-1] + chr(ord(term[-1]) + 1)
