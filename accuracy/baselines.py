"""Naive peers, written to be simple rather than good, so the project's numbers mean something.

- countries: a country is named when one of its ISO names (pycountry's name, common and official names,
  and the head of a sort key: "Korea, Republic of" -> "Korea") occurs as a plain, case-sensitive
  substring. No demonyms, capitals or word boundaries ("Niger" is found in "Nigeria").
- figures: a number (digits, "1.2 million", one..twenty, "a dozen") with a kind's keyword within the
  three words after it or the two words before it (the nearest keyword wins).
- dates: the first date-looking string in the text (ISO, "Month D, YYYY", "D Month YYYY").
- signals, GPR-style (Caldara & Iacoviello): per sentence, an act word within two words of a topic word is
  an act; else a threat word within two words of a topic word is a threat; GPR's exclusion words
  anywhere in the sentence silence it. Pairs: the pairs of baseline countries of a signalled sentence.
  `keyword_signal` is a looser peer: an act or threat word anywhere in the sentence.
"""
from __future__ import annotations

import datetime as dt
import functools
import itertools
import re
from collections.abc import Callable

import pycountry

from .labels import Figure

# --- countries -----------------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _country_names() -> list[tuple[str, str]]:
    names = set()
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(c, attr, None)
            if value:
                names.add((value.split(",")[0].strip(), c.alpha_3))
    return sorted(names)


def baseline_countries(text: str) -> frozenset[str]:
    return frozenset(iso3 for name, iso3 in _country_names() if name in text)


# --- figures -------------------------------------------------------------------------------------

_KEYWORDS = {
    "killed": "killed|kill|kills|killing|dead|deaths|died|fatalities",
    "wounded": "wounded|wounding|injured|injuries|injuring|hurt",
    "troops": "troops|soldiers|personnel|marines|sailors",
    "warships": "warships|ships|destroyers|vessels",
    "aircraft": "aircraft|jets|planes|warplanes",
    "missiles": "missiles|missile|rockets",
    "drones": "drones|drone|uavs",
    "strikes": "strikes|airstrikes|attacks",
    "detained": "detained|arrested|held|captured",
    "displaced": "displaced|fled|displacement",
}
_KIND_OF = {w: kind for kind, words in _KEYWORDS.items() for w in words.split("|")}
_SMALL = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty".split())}
_NUMBER = re.compile(
    r"(?P<n>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s+(?P<scale>million|thousand))?"
    r"|\b(?P<w>" + "|".join(_SMALL) + r"|a dozen|dozens)\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"[A-Za-z]+")


def _value(m: re.Match[str]) -> int:
    if m.group("w"):
        w = m.group("w").lower()
        return 12 if "dozen" in w else _SMALL[w]
    value = float(m.group("n").replace(",", ""))
    scale = (m.group("scale") or "").lower()
    return int(value * {"million": 1_000_000, "thousand": 1_000}.get(scale, 1))


def baseline_figures(text: str) -> frozenset[Figure]:
    found = set()
    for m in _NUMBER.finditer(text):
        after = [w.lower() for w in _WORD.findall(text[m.end() : m.end() + 60])][:3]
        before = [w.lower() for w in _WORD.findall(text[max(0, m.start() - 40) : m.start()])][-2:][::-1]
        # the nearest keyword wins, after the number before before it at the same distance
        near = [w for pair in itertools.zip_longest(after, before) for w in pair if w]
        kind = next((_KIND_OF[w] for w in near if w in _KIND_OF), None)
        if kind:
            found.add((kind, _value(m)))
    return frozenset(found)


# --- dates ---------------------------------------------------------------------------------------

_MONTHS = "january february march april may june july august september october november december".split()
_MONTH_RE = r"(?P<month>jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE = re.compile(
    r"(?P<iso>(?:19|20)\d\d-\d\d-\d\d)"
    rf"|\b{_MONTH_RE}\s+(?P<d1>\d{{1,2}}),?\s+(?P<y1>(?:19|20)\d\d)"
    rf"|\b(?P<d2>\d{{1,2}})\s+{_MONTH_RE.replace('month', 'month2')}\s+(?P<y2>(?:19|20)\d\d)",
    re.IGNORECASE,
)


def baseline_date(text: str) -> dt.date | None:
    for m in _DATE.finditer(text):
        try:
            if m.group("iso"):
                return dt.date.fromisoformat(m.group("iso"))
            month = (m.group("month") or m.group("month2")).lower()[:3]
            number = [name[:3] for name in _MONTHS].index(month) + 1
            day, year = (m.group("d1"), m.group("y1")) if m.group("d1") else (m.group("d2"), m.group("y2"))
            return dt.date(int(year), number, int(day))
        except ValueError:
            continue
    return None


# --- signals (GPR-style) -------------------------------------------------------------------------

# GPR's topic words (war, peace, military buildup, nuclear and terror categories), as search terms.
_TOPIC = re.compile(
    r"^(?:war|wars|warfare|conflicts?|hostilities|revolution\w*|insurrection|uprising|revolt|coup|geopolitical"
    r"|peace|truce|armistice|treaty|military|troops|missiles?|arms|weapons?|warheads?|nuclear|atomic"
    r"|terror\w*|guerrilla\w*|hostages?)$"
)
_ACT = re.compile(
    r"^(?:begin\w*|began|declar\w*|outbreak|attack\w*|strikes?|struck|striking|shell\w*|invasion|invad\w*"
    r"|clash\w*|raid\w*|bomb\w*|kill\w*|hijack\w*)$"
)
# GPR's threat words, with its military-buildup words (buildup, sanctions, blockade, ultimatum...).
_THREAT = re.compile(
    r"^(?:threat\w*|warn\w*|fear\w*|risk\w*|concern\w*|danger\w*|crisis|tension\w*|imminen\w*|brink"
    r"|menac\w*|peril\w*|inevitable|footing|scare|buildups?|build-ups?|sanction\w*|blockade\w*|embargo"
    r"|quarantine|ultimatum|mobiliz\w*|mobilis\w*)$"
)
_EXCLUDE = re.compile(
    r"\b(?:movie\w*|film\w*|anniversar\w*|obituar\w*|book|price war|game|history|sport\w*|tax)\b",
    re.IGNORECASE,
)
_WINDOW = 2


def _near(words: list[str], kind: re.Pattern[str]) -> bool:
    topics = [i for i, w in enumerate(words) if _TOPIC.match(w)]
    return any(
        kind.match(words[j])
        for i in topics
        for j in range(max(0, i - _WINDOW - 1), min(len(words), i + _WINDOW + 2))
        if j != i
    )


def baseline_signal(sentence: str) -> str | None:
    if _EXCLUDE.search(sentence):
        return None
    words = [w.lower() for w in re.findall(r"[A-Za-z][A-Za-z'-]*", sentence)]
    if _near(words, _ACT):
        return "act"
    if _near(words, _THREAT):
        return "threat"
    return None


def keyword_signal(sentence: str) -> str | None:
    """A looser peer than GPR's: an act or threat word anywhere in the sentence, no topic word needed
    (exclusions still apply). It shows how much of GPR's low recall per sentence is the topic rule."""
    if _EXCLUDE.search(sentence):
        return None
    words = [w.lower() for w in re.findall(r"[A-Za-z][A-Za-z'-]*", sentence)]
    if any(_ACT.match(w) for w in words):
        return "act"
    if any(_THREAT.match(w) for w in words):
        return "threat"
    return None


def baseline_pairs(sentence: str, signal: Callable[[str], str | None] | None = None) -> frozenset[str]:
    if (signal or baseline_signal)(sentence) is None:
        return frozenset()
    codes = sorted(baseline_countries(sentence))
    return frozenset(f"{a}|{b}" for a, b in itertools.combinations(codes, 2))
