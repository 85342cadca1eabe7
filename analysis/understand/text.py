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
_CLOSERS = "\"'”’)]"
_END = re.compile(r"""[.!?]+["'”’)\]]*(?=\s)""")
_PARAGRAPH = re.compile(r"\n\s*")
_LAST_WORD = re.compile(r"[\w.]*$")
# The word before a period is looked for in a window one longer than the longest abbreviation: a longer word
# fills the window, is no abbreviation either way, and the regex (which tries every start in the window)
# has a third of the positions to try that a wider window gave it.
_WORD_WINDOW = max(map(len, _ABBREVIATIONS)) + 1
_NEXT_CHAR = re.compile(r"\s*(\S?)")


def _ends_sentence(text: str, dot: int, after: int) -> bool:
    """Whether the period at text[dot] really closes a sentence (a "!" or "?" always does)."""
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
    append = sentences.append
    # Paragraphs are the spans between line breaks (a break takes all the whitespace after it); each is
    # searched in place, not copied out of the text.
    para_start = 0
    for para_end in [m.start() for m in _PARAGRAPH.finditer(text)] + [len(text)]:
        cut = para_start
        while cut < para_end and text[cut].isspace():
            cut += 1
        for m in _END.finditer(text, cut, para_end):
            end = m.end()
            dot = end - 1  # the last punctuation mark, before any closing quotes or brackets
            if text[dot] in _CLOSERS:
                dot = m.start() + len(m.group().rstrip(_CLOSERS)) - 1
            if text[dot] == "." and not _ends_sentence(text, dot, end):
                continue
            append(Sentence(cut, end, text[cut:end]))
            # The next sentence starts after the whitespace the match was followed by.
            cut = end + 1
            while cut < para_end and text[cut].isspace():
                cut += 1
        if cut < para_end:  # the paragraph's last sentence, without the spaces at the end of its line
            last = text[cut:para_end].rstrip()
            if last:
                append(Sentence(cut, cut + len(last), last))
        para_start = para_end
    return sentences


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
