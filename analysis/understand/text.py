"""Sentence splitting with character spans.

Sentences are the unit of evidence (a figure is proved by its sentence) and of tone (VADER is meant
for sentences and saturates on whole articles), so every later step shares this one splitter.
"""
from __future__ import annotations

import re

from analysis.models import Sentence

# Words that end in a period without ending the sentence: titles, months, and common news shorthand.
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof gen lt col maj capt sgt adm cmdr gov sen rep rev st mt ft sr jr vs etc
    no nos vol fig approx est dept univ inc corp ltd co
    jan feb mar apr jun jul aug sep sept oct nov dec
    a.m p.m u.s u.k u.n e.u u.s.a d.c i.e e.g""".split()
)

# A candidate end: terminal punctuation, optional closing quotes/brackets, then whitespace.
_END = re.compile(r"""[.!?]+["'”’)\]]*(?=\s)""")
_PARAGRAPH = re.compile(r"\n\s*")
_LAST_WORD = re.compile(r"[\w.]*$")
# The word before a period is looked for in a window one longer than the longest abbreviation: a longer word
# fills the window, is no abbreviation either way, and the regex (which tries every start in the window)
# has a third of the positions to try that a wider window gave it.
_WORD_WINDOW = max(map(len, _ABBREVIATIONS)) + 1
_NEXT_CHAR = re.compile(r"\s*(\S?)")


def _ends_sentence(text: str, dot: int, after: int) -> bool:
    """Whether the punctuation at text[dot] really closes a sentence."""
    if text[dot] != ".":
        return True
    word = _LAST_WORD.search(text, max(0, dot - _WORD_WINDOW), dot).group(0).lower()
    # "U.S." keeps its inner dots in `word` ("u.s"); single letters are initials ("George W. Bush").
    if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
        nxt = _NEXT_CHAR.match(text, after).group(1)
        # After an abbreviation a sentence only ends if what follows cannot continue it; be
        # conservative and keep going unless a new paragraph starts.
        return nxt == ""
    return True


def split_sentences(text: str) -> list[Sentence]:
    """Split text into sentences; each keeps its span in `text`.

    Line breaks always end a sentence: scraped pages and exports put one paragraph per line, and
    headlines carry no final period.
    """
    sentences: list[Sentence] = []
    pos = 0
    for para in _PARAGRAPH.split(text):
        start = text.find(para, pos) if para else pos
        if not para.strip():
            continue
        pos = start + len(para)
        cut = start
        for m in _END.finditer(para):
            dot = start + m.start()
            end = start + m.end()
            if not _ends_sentence(text, dot + len(m.group(0).rstrip("\"'”’)]")) - 1, end):
                continue
            _append(sentences, text, cut, end)
            cut = end
        _append(sentences, text, cut, start + len(para))
    return sentences


def _append(out: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(start, end, text[start:end]))


# Only what changes: single spaces, the vast majority, are left alone rather than replaced by themselves.
_SPACES = re.compile(r"[ \t\u00a0]{2,}|[\t\u00a0]")


def normalise_whitespace(text: str) -> str:
    """Collapse runs of spaces inside lines and blank lines between paragraphs."""
    # Spaces, tabs and no-break spaces never break a line, so one pass over the whole text does it.
    # A list, not a generator: join() makes one of it anyway, and building it directly is faster.
    # Most texts hold nothing `_SPACES` matches, and three substring tests say so in a tenth of the time the
    # regex takes to try every space.
    if "  " in text or "\t" in text or "\u00a0" in text:
        text = _SPACES.sub(" ", text)
    return "\n".join([stripped for line in text.splitlines() if (stripped := line.strip())])
