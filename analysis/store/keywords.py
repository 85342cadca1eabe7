"""The keyword index: each article's distinct words, so that a keyword view reads a few rows of an index
sorted by word instead of every article's text.

One row per (term, article): lowercase word tokens (`\\w+`, so any script), 2 to 40 characters, without the
commonest English function words (they select nearly everything: a keyword made only of them scans).
A keyword matches an article when each of its words begins a word of the article ("strike" finds
"strikes" and "strike-force", not "airstrike"); the text is then checked for the keyword as typed.
"""
from __future__ import annotations

import re

_WORD = re.compile(r"\w+")
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


def prefix_upper_bound(term: str) -> str:
    """The smallest string greater than every string starting with `term` (for a range scan)."""
    return term[:-1] + chr(ord(term[-1]) + 1)
