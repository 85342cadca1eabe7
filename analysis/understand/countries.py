"""Country mentions: every way news names a country, found in one pass of an Aho-Corasick automaton.

The vocabulary is pycountry's names (maintained ISO 3166-1 data) plus `country_aliases` (short forms,
demonyms, capitals, metonyms such as "White House"). Matching runs over the lower-cased text, then each
hit is checked against the original text:

- word boundaries, so "Niger" is not found in "Nigeria" nor "US" in "USD";
- case: single words must be capitalised as written ("Chad", "Turkey") or all caps, so "us", "turkey"
  and "china plates" are not countries;
- longest match wins among overlapping hits, and phrases that are not countries ("The Washington Post",
  "South American", "New Mexico") take part in that contest, so they hide the name inside them;
- a dateline ("WASHINGTON -", "KYIV, Nov. 20 (Reuters) -") says where the reporter filed from, not who acts;
- "US" after a button word in capitals ("FOLLOW US", "CONTACT US") is page furniture.
"""
from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass

import ahocorasick
import pycountry

from analysis.understand.country_aliases import parse_aliases, parse_phrases
from analysis.models import CountryMention

# Alpha-3 codes in common use that ISO 3166-1 has not (yet) assigned.
_EXTRA_COUNTRIES = {"XKX": "Kosovo"}

# Words that, in capitals before "US", make it the pronoun of a button or a slogan.
_US_PRONOUN_BEFORE = frozenset(
    "FOLLOW CONTACT ABOUT JOIN EMAIL E-MAIL CALL WITH FOR TO LET TELL HELP SUPPORT SUBSCRIBE BY FROM "
    "OF AMONG INFORM VISIT LIKE WRITE MESSAGE FIND SHARE GIVE SEND ASK WATCH TRUST BETWEEN".split()
)
_US_PRONOUN_AFTER = frozenset("ON AT NOW TODAY TODAY!".split())

_DATELINE = re.compile(
    r"^[ \t]*(?P<place>[A-Z][A-Z.'\-]+(?:[ ,]+[A-Z][A-Z.'\-]+)*)"  # WASHINGTON / PORT-AU-PRINCE, Haiti
    # , Dec. 2 / , Nov 20, 2025 / , Ukraine, Nov. 20
    r"(?:,[ \t]*[A-Z][a-z]+\.?(?:[ \t]+\d{1,2})?(?:,[ \t]*\d{4})?){0,2}"
    r"(?:\.?[ \t]*(?:\([^)\n]{1,40}\)|/[^/\n]{1,40}/))?"  # (Xinhua) / . /Yonhap/
    r"[ \t]*(?:-{1,2}|—|–|:|(?<=[\d/])\.(?=[ \t]))[ \t]",
    re.MULTILINE,
)

# Lower-casing must keep offsets: these characters change length under str.lower().
_SAME_LENGTH_PUNCTUATION = (("’", "'"), ("‘", "'"), ("–", "-"), ("‐", "-"))


@dataclass(frozen=True)
class _Alias:
    surface: str  # as written in the vocabulary
    iso3: str | None  # None: a phrase that is not a country


def _official_names() -> dict[str, list[str]]:
    names: dict[str, list[str]] = {}
    for c in pycountry.countries:
        forms = [getattr(c, attr, None) for attr in ("common_name", "name", "official_name")]
        for form in forms:
            if not form or "," in form:  # "Korea, Republic of" is a sort key, not how anyone writes
                continue
            form = form[4:] if form.startswith("the ") else form
            names.setdefault(c.alpha_3, []).append(form)
    for iso3, name in _EXTRA_COUNTRIES.items():
        names.setdefault(iso3, []).append(name)
    return names


def _plural(alias: str) -> str | None:
    # Demonyms in -an/-i take an -s for the people: Venezuelans, Iraqis.
    if " " not in alias and alias[:1].isupper() and alias.endswith(("an", "i")) and alias.isalpha():
        return alias + "s"
    return None


def _vocabulary() -> dict[str, str | None]:
    """surface form -> ISO3, or None for phrases that are not countries."""
    vocab: dict[str, str | None] = {}
    # The curated table first: where pycountry and news usage disagree ("Congo"), usage wins.
    for source in (parse_aliases(), _official_names()):
        for iso3, aliases in source.items():
            for alias in aliases:
                vocab.setdefault(alias, iso3)
                plural = _plural(alias)
                if plural:
                    vocab.setdefault(plural, iso3)
    for phrase in parse_phrases():
        vocab[phrase] = None
    return vocab


@functools.lru_cache(maxsize=1)
def _automaton() -> ahocorasick.Automaton:
    by_key: dict[str, list[_Alias]] = {}
    for surface, iso3 in _vocabulary().items():
        by_key.setdefault(_plain_punctuation(surface.lower()), []).append(_Alias(surface, iso3))
    automaton = ahocorasick.Automaton()
    for key, aliases in by_key.items():
        # Each alias with the forms its case is checked against, computed once: (surface, in capitals,
        # lower-cased when it has several words, else None; ISO3 or None).
        forms = tuple((a.surface, a.surface.upper(), a.surface.lower() if " " in a.surface else None, a.iso3)
                      for a in aliases)
        automaton.add_word(key, (len(key), forms))
    automaton.make_automaton()
    return automaton


def _plain_punctuation(text: str) -> str:
    # str.replace per character is much faster than str.translate with a table on long texts.
    for fancy, plain in _SAME_LENGTH_PUNCTUATION:
        if fancy in text:
            text = text.replace(fancy, plain)
    return text


def _fold(text: str) -> str:
    folded = _plain_punctuation(text.lower())
    if len(folded) == len(text):
        return folded
    # A rare character grew under lower() ("İ"): fold character by character to keep offsets aligned.
    return "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in _plain_punctuation(text))


def _word_before(text: str, start: int) -> str:
    m = re.search(r"([A-Za-z\-]+)[ \t]*$", text[max(0, start - 30) : start])
    return m.group(1) if m else ""


def _word_after(text: str, end: int) -> str:
    m = re.match(r"[ \t]*([A-Za-z!]+)", text[end : end + 20])
    return m.group(1) if m else ""


def _is_pronoun_us(text: str, start: int, end: int) -> bool:
    before = _word_before(text, start)
    if before.isupper() and before in _US_PRONOUN_BEFORE:
        return True
    after = _word_after(text, end)
    return after.isupper() and after in _US_PRONOUN_AFTER


_STATE_AFTER = re.compile(r",[ \t]*([A-Z][a-z]+(?:[ \t][A-Z][a-z]+)?)")


def _in_a_us_state(text: str, end: int) -> bool:
    if text[end : end + 1] != ",":
        return False
    m = _STATE_AFTER.match(text, end)
    if not m:
        return False
    from analysis.understand.places import us_states  # places builds on this module's vocabulary

    return m.group(1) in us_states()


def dateline_spans(text: str) -> list[tuple[int, int]]:
    """Spans of datelines that open a paragraph ("WASHINGTON -", "KYIV, Nov. 20 (Reuters) -")."""
    return [(m.start("place"), m.end("place")) for m in _DATELINE.finditer(text)]


def _in_dateline(text: str, at: int) -> bool:
    """Whether `at` lies in the place of a dateline (`dateline_spans`): a dateline opens its line, so only the
    line holding `at` is read, not the whole text."""
    line = text.rfind("\n", 0, at) + 1
    m = _DATELINE.match(text, line)  # `^` matches at a line's start, so this is the finditer's match there
    return m is not None and m.start("place") <= at < m.end("place")


def _candidates(text: str) -> list[tuple[int, int, str | None]]:
    """(start, -end, ISO3 or None) of every vocabulary form written in `text` as its rules allow: sorted, they
    come by start, the longest first."""
    found = []
    size = len(text)
    for end_index, (length, forms) in _automaton().iter(_fold(text)):
        end = end_index + 1
        start = end - length
        # Most hits are inside longer words ("us" in "because"): the word-boundary test is inlined
        # because it runs some 35 times per article.
        if (start > 0 and text[start - 1].isalnum()) or (end < size and text[end].isalnum()):
            continue
        written = text[start:end]
        if not written.isascii():
            written = _plain_punctuation(written)  # typographic apostrophes as plain
        # As written or in capitals; multi-word names may also be title-cased in headlines ("Republic Of
        # The Congo"); single words may not change case, or "us", "chad" and "turkey" would be countries.
        for surface, upper, lower, iso3 in forms:
            if written == surface or written == upper or (
                lower is not None and written[:1].isupper() and written.lower() == lower
            ):
                found.append((start, -end, iso3))
                break
    return found


def find_country_mentions(text: str) -> list[CountryMention]:
    """Every country mention in `text`, in order, each counted once (longest match wins)."""
    mentions = []
    last_end = -1
    # By start, the longest first; phrases that are no country ("The Washington Post") take part, so they
    # hide the names inside them.
    for start, negative_end, iso3 in sorted(_candidates(text)):
        if start < last_end:
            continue
        end = last_end = -negative_end
        if iso3 is None:
            continue
        # A dateline's place is written in capitals ("KYIV, Nov. 20 (Reuters) -"): a name inside one has no
        # lower-case second character, nor has one at the place's end (what follows it is punctuation).
        if (end - start < 2 or not text[start + 1].islower()) and _in_dateline(text, start):
            continue
        surface = text[start:end]
        if surface == "US" and _is_pronoun_us(text, start, end):
            continue
        if text[end : end + 1] == "," and _in_a_us_state(text, end):
            continue  # "Paris, Texas", "Lebanon, Pennsylvania": a town named after the country or its capital
        mentions.append(CountryMention(iso3, start, end, surface))
    return mentions


def count_country_mentions(text: str) -> dict[str, int]:
    """ISO3 -> number of mentions, most mentioned first."""
    return dict(Counter(m.iso3 for m in find_country_mentions(text)).most_common())


@functools.lru_cache(maxsize=1)
def all_countries() -> dict[str, str]:
    """ISO3 -> the short name to show users ("Venezuela", not "Venezuela, Bolivarian Republic of")."""
    names = {
        c.alpha_3: getattr(c, "common_name", None) or c.name for c in pycountry.countries
    }
    names.update(_EXTRA_COUNTRIES)
    # The display names that the ISO sort keys spell awkwardly.
    names.update({
        "COD": "DR Congo", "COG": "Congo-Brazzaville", "PSE": "Palestine", "VIR": "US Virgin Islands",
        "VGB": "British Virgin Islands", "FSM": "Micronesia", "RUS": "Russia", "GBR": "United Kingdom",
        "USA": "United States", "TUR": "Türkiye", "SYR": "Syria", "LAO": "Laos", "VNM": "Vietnam",
        "BES": "Caribbean Netherlands", "SHN": "Saint Helena",
    })
    return names


def country_name(iso3: str) -> str:
    return all_countries().get(iso3.upper(), iso3)
