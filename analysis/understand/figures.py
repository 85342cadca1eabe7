"""Figures: the counts an article reports (strikes, killed, troops…), each with the sentence proving it.

One compiled regex finds every number phrase in the text (digits, "1.2 million", number words, "a
dozen", vague plurals). Each is then classified by its immediate context, in this order:
1. contexts that make it not a count at all: dates, years, ages, money, percentages, times, sub-counts
   ("including 5 children");
2. a casualty verb just before it ("killing at least 83 people", "wounded 17") or a death toll
   ("the death toll rose to 83");
3. the head noun of the words right after it ("21 known strikes", "15,000 US troops", "dozens of
   aircraft"), where people-nouns ("83 people", "12 civilians") need a casualty word after them
   ("were killed", "dead", "displaced") to be counted.
A figure is a *report*: the same (kind, value) is kept once per article, at its first sentence. Adding
reports across articles is the caller's mistake to avoid (see `queries.figure_tallies`).
"""
from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass
from collections.abc import Iterator, Sequence

import ahocorasick

from analysis.models import Figure, Sentence
from analysis.understand.lowercase import lowercase_twin
from analysis.understand.lowercase import lowered as lowercased
from analysis.understand.text import split_sentences

KINDS: tuple[str, ...] = (
    "strikes",
    "killed",
    "wounded",
    "troops",
    "warships",
    "aircraft",
    "missiles",
    "drones",
    "detained",
    "displaced",
)

# --- numbers -------------------------------------------------------------------------------------

_UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
# Vague plurals, counted conservatively as ACLED does: "dozens" is at least 12.
_VAGUE = {
    "dozens": 12,
    "scores": 20,
    "hundreds": 100,
    "thousands": 1_000,
    "tens of thousands": 10_000,
    "hundreds of thousands": 100_000,
    "millions": 1_000_000,
}

_UNIT_RE = "|".join(sorted(_UNITS, key=len, reverse=True))
_TENS_RE = "|".join(_TENS)
_WORD_NUMBER = rf"(?:(?:{_TENS_RE})(?:[- ](?:{_UNIT_RE}))?|{_UNIT_RE})"
_NUMBER = re.compile(
    r"(?<![\w$€£¥.,/*:#+-])(?:"
    # 15,000 / 83 / 1.2 million / 3 thousand
    r"(?P<digits>\d{1,3}(?:,\d{3})+|\d+)(?P<decimals>\.\d+)?"
    r"(?:\s*(?P<dscale>million|billion|thousand|hundred)\b)?"
    # half a dozen / a dozen / two dozen
    r"|(?P<dozen>(?:half\s+a|a|one|two|three|four|five|six)\s+dozen)\b"
    # half a million / a hundred / a thousand
    r"|(?P<half>half\s+a\s+million)\b"
    r"|(?P<a_scale>an?\s+(?:hundred|thousand|million))\b"
    # forty-two / three hundred / two thousand / twenty-five thousand
    rf"|(?P<words>{_WORD_NUMBER}(?:\s+(?:hundred|thousand|million)(?:\s+(?:and\s+)?{_WORD_NUMBER})?)?)\b"
    # dozens / hundreds of thousands
    r"|(?P<vague>tens\s+of\s+thousands|hundreds\s+of\s+thousands|dozens|scores|hundreds|thousands|millions)\b"
    r")(?![\w%*/:]|\.\d|-(?:year|month|week|day|hour|point|page|member|kilo|km|mile|foot|metre|meter)|\s*(?:%|per\s*cent|percent))",
    re.IGNORECASE,
)


_WORD_SEPARATORS = re.compile(r"[\s-]+")
_SPACES = re.compile(r"\s+")


def _words_value(words: str) -> int:
    total, current = 0, 0
    for token in _WORD_SEPARATORS.split(words.lower()):
        if token == "and":
            continue
        if token in _UNITS:
            current += _UNITS[token]
        elif token in _TENS:
            current += _TENS[token]
        elif token == "hundred":
            current = max(current, 1) * 100
        elif token in ("thousand", "million"):
            total += max(current, 1) * _SCALES[token]
            current = 0
    return total + current


def parse_number(phrase: str) -> tuple[int, bool] | None:
    """The integer a number phrase states, and whether it is vague ("dozens").

    None when it is not a whole count ("3.5" without a scale).

    >>> parse_number("1.2 million")
    (1200000, False)
    >>> parse_number("dozens")
    (12, True)
    """
    m = _NUMBER.fullmatch(phrase.strip())
    if not m:
        return None
    return _match_value(m)


def _match_value(m: re.Match[str]) -> tuple[int, bool] | None:
    digits, decimals, scale = m.group("digits", "decimals", "dscale")
    if digits:
        if not scale:
            if decimals:
                return None
            whole = digits.replace(",", "")
            # Below 10**15 a float holds the number exactly: int() is what float() and round() give.
            return (int(whole) if len(whole) <= 15 else int(round(float(whole)))), False
        return int(round(float(digits.replace(",", "") + (decimals or "")) * _SCALES[scale.lower()])), False
    if m.group("dozen"):
        head = m.group("dozen").lower().split()[0]
        return (6 if head == "half" else 12 * (_UNITS.get(head, 1))), False
    if m.group("half"):
        return 500_000, False
    if m.group("a_scale"):
        return _SCALES[m.group("a_scale").split()[-1].lower()], False
    if m.group("words"):
        return _words_value(m.group("words")), False
    vague = _SPACES.sub(" ", m.group("vague").lower())
    return _VAGUE[vague], True


# --- context -------------------------------------------------------------------------------------

# The words just before a number decide a lot: a qualifier ("at least"), a casualty verb ("killing"), a
# death toll ("rose to"), or a context where it is no count at all ("Sept. 2", "aged 34"). They are
# compared as lowered word tuples rather than by regexes anchored at the number: scanning back with a
# regex per rule cost more than the rest of the extraction together.
def _phrases(table: str) -> dict[tuple[str, ...], str]:
    out = {}
    for line in table.strip().splitlines():
        name, _, phrases = line.partition(":")
        for phrase in phrases.split(","):
            out[tuple(phrase.split())] = name.strip()
    return out


_QUALIFIERS = _phrases(
    """
    at least: at least, no fewer than, not less than, a minimum of
    more than: more than, over, well over, upwards of, in excess of, above, well above
    about: about, around, some, nearly, almost, roughly, approximately, an estimated, estimated, close to, approx., circa, an approximate
    up to: up to, as many as, at most
    """
)
_CASUALTY_VERBS = _phrases(
    """
    killed: kill, kills, killed, killing, martyred, executed, claimed the lives of, claiming the lives of, claims the lives of, took the lives of, taking the lives of, taken the lives of, cost the lives of, costing the lives of, deaths of, death of, killing of, killings of
    killed: shot dead, shooting dead, shoots dead, shot and killed, shooting and killing, shoots and kills, gunned down, gunning down, guns down, mowed down, mowing down, mown down, massacred, massacring, massacres, massacre of, massacres of, slaughtered, slaughtering, slaughter of, murdered, murdering, murders, murder of, murders of, lynched, lynching, lynching of, beheaded, beheading, beheading of, assassinated, assassinating, assassination of, executing, execution of, executions of, butchered, slew, slaying, slaying of
    killed: shot to death, stabbed to death, beaten to death, beat to death, hacked to death, clubbed to death, bludgeoned to death, burned to death, burnt to death, crushed to death, starved to death, stoned to death, tortured to death
    wounded: wound, wounds, wounded, wounding, injured, injuring, injures, hurt, hurting, injuries to, injuries on, injury to, wounds to
    detained: detain, detains, detained, detaining, arrest, arrests, arrested, arresting, captured, capturing, captures, abducted, abducting, rounded up, rounding up, kidnapped, kidnapping, apprehended, jailed, jailing
    displaced: displaced, displacing, displaces, uprooted, uprooting, forced out, forcing out, evacuated, evacuating, evacuates
    """
)
_MONTHS = frozenset(
    "jan january feb february mar march apr april may jun june jul july aug august sep sept september "
    "oct october nov november dec december".split()
)
_CURRENCY_WORDS = frozenset({"us$", "usd", "eur", "gbp", "rs", "rs."})
# Words after which a number is an identifier, a time or a rank, not a count.
_NOT_COUNT_WORDS = frozenset(
    """aged age ages page no. number resolution article chapter section flight route highway room phone
    tel code channel version v model unit brigade division regiment battalion corps district precinct
    kilometres kilometre kilometers km miles mile minute hour day week year top ranked rank no per
    every each""".split()
)
# "in 2024", "since 1999" are dates; "in 21 strikes" is a count: after these a number counts only when
# a kind noun follows it.
_WEAK_WORDS = frozenset("since in until by from between within under below on at".split())
_SUBCOUNT = frozenset({("including",), ("among", "them"), ("of", "whom"), ("of", "them"), ("of", "which")})
_TOLL_LINKS = frozenset(
    """to of at reached reaching hit hitting passed passing past surpassed topped topping exceeded exceeding is
    was be now stands stood rose risen climbed jumped soared""".split()
)
# A tally named before its link word ("the number displaced to", "the toll of the offensive to"): the words
# between say what it counts; a toll alone counts the dead.
_TALLY_NOUNS = frozenset("toll number total count tally figure level levels strength presence".split())
_TALLY_KIND_WORDS = {
    **dict.fromkeys("killed dead deaths death fatalities lives bodies".split(), "killed"),
    **dict.fromkeys("injured wounded injuries injury".split(), "wounded"),
    **dict.fromkeys("displaced refugees fled homeless evacuated displacement".split(), "displaced"),
    **dict.fromkeys("arrested detained arrests detentions detainees".split(), "detained"),
    # "troop levels of 28,500", "the number of USFK troops has increased to 32,000"
    **dict.fromkeys("troops troop soldiers personnel".split(), "troops"),
}
# Words that make the verb after them a possibility, not a report: "enough poison to kill 10,000",
# "could kill thousands", "threatens to displace a million".
_HYPOTHETICAL = frozenset("to could would might can will may should must".split())
# Verbs that displace the people after them only when a place they leave follows: "forced 20,000 from
# their homes", "sent 3,000 people fleeing" (not "forced 12 companies to close").
_CLAIMING_VERBS = frozenset("claimed claiming claims claim cost costing costs took taking taken".split())
_LIVES = re.compile(r"(?:\s+(?:more|other|civilian|innocent|young))?\s+lives\b", re.IGNORECASE)
_DISPLACING_VERBS = frozenset("forced forcing forces force drove driving drives drive sent sending pushed pushing".split())
_TOTAL_OF = ("a", "total", "of")
# Verbs that kill the people after them only with "to death" or "dead" there: "beat three men to death",
# "shot five protesters dead", "burned six traders alive"; "shot 5 people" alone counts them wounded,
# "burned 12 houses" nothing.
_MANNER_VERBS = frozenset(
    """shot shoot shoots shooting stabbed stabbing beat beaten beating hacked hacking clubbed bludgeoned burned
    burnt burning crushed crushing starved starving stoned stoning tortured torturing strangled trampled""".split()
)
_SHOOTING_VERBS = frozenset({"shot", "shoot", "shoots", "shooting"})
_TO_DEATH = re.compile(r"\s+(?:to\s+death|dead|alive)\b", re.IGNORECASE)
_STRIKE_VERBS = frozenset("struck hit hits bombed bombing shelled pounded targeted targeting striking".split())
# What strikes are counted by when the verb says they were strikes: "struck nine sites", "hit 12 targets".
_TARGETS = frozenset("sites targets locations positions facilities".split())


@dataclass(slots=True)
class _Before:
    """What the words before a number say about it. Not frozen: a frozen dataclass's __init__ pays a
    setattr call per field, and one is built for every number of every article."""

    qualifier: str | None
    qualifier_words: int
    verb_kind: str | None  # a casualty verb or a death toll right before the number (and qualifier)
    not_count: bool  # a date, money, an identifier or a sub-count
    weak: bool  # a preposition: a count only if a kind noun follows
    strike_verb: bool = False  # "struck", "hit", "bombed": "struck nine sites" counts strikes
    claims_lives: bool = False  # "claimed", "cost", "took": "claimed 12 lives" counts the dead
    displacing_verb: bool = False  # "forced", "drove": displaced if "from their homes" follows
    manner_verb: bool = False  # "beat", "shot": killed if "to death" or "dead" follows the people
    last: str = ""  # the word before the number (and its qualifier)


_TOTAL_OF_WORDS = list(_TOTAL_OF)
# The last words of the qualifier and casualty-verb phrases: a number whose previous word is none of them
# needs no look-up of the phrases that end there (most numbers).
_QUALIFIER_LAST_WORDS = frozenset(phrase[-1] for phrase in _QUALIFIERS)
_CASUALTY_VERB_LAST_WORDS = frozenset(phrase[-1] for phrase in _CASUALTY_VERBS)
_SUBCOUNT_LAST_WORDS = frozenset(phrase[-1] for phrase in _SUBCOUNT)


def _read_before(text: str, start: int, pos: int) -> _Before:
    window = text[max(start, pos - 120) : pos]
    if window[-1:] and not window[-1].isspace():
        # glued to the number ("$5", "(3"): not a word before it
        return _Before(None, 0, None, window[-1] in "$€£¥#", False)
    words = window.lower().split()[-16:]
    if words[-3:] == _TOTAL_OF_WORDS:
        words = words[:-3]
    qualifier, n_qual = None, 0
    if words and words[-1] in _QUALIFIER_LAST_WORDS:
        for n in (3, 2, 1):
            if len(words) >= n and tuple(words[-n:]) in _QUALIFIERS:
                qualifier, n_qual = _QUALIFIERS[tuple(words[-n:])], n
                words = words[:-n]
                break
    if words[-3:] == _TOTAL_OF_WORDS:
        words = words[:-3]
    last = words[-1] if words else ""
    verb_kind = None
    if last in _CASUALTY_VERB_LAST_WORDS:
        for n in (4, 3, 2, 1):
            if len(words) >= n and tuple(words[-n:]) in _CASUALTY_VERBS:
                verb_kind = _CASUALTY_VERBS[tuple(words[-n:])]
                modal = words[-n - 2 : -n]
                if modal[-1:] and modal[-1] in _HYPOTHETICAL or (modal[-1:] == ["have"] and modal[0] in _HYPOTHETICAL):
                    return _Before(qualifier, n_qual, None, True, False)  # a possibility, not a report
                break
    if verb_kind is None and last in _TOLL_LINKS:
        verb_kind = _tally_kind(words[-14:-1])
    if not _POSSIBLE.isdisjoint(words[-3:]):
        return _Before(qualifier, n_qual, None, True, False)  # "could send 10,000 troops": a possibility
    not_count = (
        last.rstrip(".") in _MONTHS
        or last in _NOT_COUNT_WORDS
        or last in _CURRENCY_WORDS
        or last[-1:] in ("$", "€", "£", "¥")
        or (last in _SUBCOUNT_LAST_WORDS and (tuple(words[-1:]) in _SUBCOUNT or tuple(words[-2:]) in _SUBCOUNT))
        or (last in ("to", "and") and len(words) >= 3 and words[-2].isdigit() and words[-3] in _NOT_COUNT_WORDS)
        or (not _ENUMERATION_WORDS.isdisjoint(words) and _in_enumeration(window))
    )
    weak = verb_kind is None and (last in _WEAK_WORDS or (last == "the" and len(words) >= 2 and words[-2] == "of"))
    manner_verb = last in _MANNER_VERBS and not (len(words) >= 2 and words[-2] in _HYPOTHETICAL)
    return _Before(qualifier, n_qual, verb_kind, not_count, weak, last=last, strike_verb=last in _STRIKE_VERBS,
                   displacing_verb=last in _DISPLACING_VERBS, claims_lives=last in _CLAIMING_VERBS,
                   manner_verb=manner_verb)


_POSSIBLE = frozenset({"could", "might"})
_ENUMERATION_WORDS = frozenset({"including", "among", "whom", "them", "which"})
_ENUMERATION_START = re.compile(r"\b(?:including|among\s+them|of\s+whom|of\s+them|of\s+which)\b", re.IGNORECASE)
_ENUMERATION_ITEM = re.compile(r"\s*(?:and\s+)?(?:an?\b|\d|" + "|".join(sorted([*_UNITS, *_TENS], key=len, reverse=True)) + r")",
                               re.IGNORECASE)


def _in_enumeration(window: str) -> bool:
    """Whether the number goes on a list that a sub-count opened: "45 aircraft, including 12 J-16 fighters
    and four H-6 bombers" (the four are among the 45)."""
    opened = None
    for opened in _ENUMERATION_START.finditer(window):
        pass
    if opened is None:
        return False
    items = re.split(r",|\band\b", window[opened.end() :])
    if len(items) < 2 or any(ch in window[opened.end() :] for ch in ".;:()–—"):
        return False
    listed, last = items[:-1], items[-1]
    return not last.strip() and all(_ENUMERATION_ITEM.match(i) and len(i.split()) <= 6 for i in listed if i.strip())


def _tally_kind(context: list[str]) -> str | None:
    """The kind a tally before a link word counts: "the death toll (rose to)", "the number displaced (to)"."""
    for i in range(len(context) - 1, -1, -1):
        if context[i].strip(",") in _TALLY_NOUNS:
            between = [w.strip(",") for w in context[i - 1 : i] + context[i + 1 :]]
            kinds = [_TALLY_KIND_WORDS[w] for w in between if w in _TALLY_KIND_WORDS]
            if kinds:  # "the number of troops killed": the casualty, not the force
                return next((k for k in kinds if k != "troops"), kinds[0])
            return "killed" if context[i].strip(",") == "toll" else None
    return None


# Head nouns that name a kind by themselves (plural, or singular after "one"/"1").
_NOUN_KINDS: dict[str, str] = {}
for _kind, _nouns in {
    "strikes": "strikes airstrikes air-strikes attacks raids bombings bombardments strike airstrike attack raid",
    "troops": "troops soldiers servicemen servicemembers marines paratroopers personnel reservists "
    "conscripts sailors peacekeepers soldier marine",
    "warships": "warships destroyers frigates cruisers corvettes submarines carriers warship destroyer "
    "frigate submarine carrier",
    "aircraft": "aircraft planes warplanes airplanes jets fighters bombers helicopters gunships choppers plane warplane jet "
    "helicopter bomber",
    "missiles": "missiles rockets projectiles missile rocket projectile",
    "drones": "drones uavs drone uav uas",
    "killed": "deaths fatalities dead bodies death fatality",
    "wounded": "injuries wounded injured",
    "detained": "detainees arrests detentions arrest detainee",
    "displaced": "refugees displaced idps",
}.items():
    for _noun in _nouns.split():
        _NOUN_KINDS[_noun] = _kind

# Nouns naming people: they become a figure only with a casualty word ("83 people were killed").
_PEOPLE = frozenset(
    """people persons individuals civilians children kids women men adults residents villagers
    migrants locals fishermen workers aid-workers journalists medics doctors nurses patients students
    protesters demonstrators fighters militants combatants insurgents rebels officers policemen police
    guards crew passengers members others palestinians israelis ukrainians russians sudanese americans
    venezuelans colombians lebanese syrians yemenis iraqis iranians afghans somalis haitians chinese
    taiwanese filipinos gazans kurds yazidis rohingya congolese ethiopians eritreans libyans nigerians
    malians pakistanis indians armenians azerbaijanis georgians belarusians poles koreans mexicans
    hondurans cubans darfuris tigrayans uyghurs hostages captives prisoners
    family families infants babies teenagers minors pilgrims farmers herders shepherds worshippers elders
    suspects officials activists traders teachers pupils miners drivers monks priests
    person civilian child woman man resident worker journalist soldier officer""".split()
)
_TROOP_NOUNS = frozenset(n for n, k in _NOUN_KINDS.items() if k == "troops")
# Ships and vessels are warships only when the words before them say naval/military.
_SHIPS = frozenset({"ships", "vessels", "boats", "ship", "vessel"})
_NAVAL = frozenset({"naval", "navy", "military", "war", "combat", "pla", "plan", "coast-guard", "amphibious", "landing"})
# Participles that classify the people before them: "12 civilians dead", "40,000 displaced people".
_CASUALTY_WORDS = {
    "killed": "killed", "dead": "killed", "died": "killed", "slain": "killed", "perished": "killed",
    "martyred": "killed", "executed": "killed", "fallen": "killed",
    # a manner of death: "were massacred", "gunned down", "hanged" (after a sentence, an execution)
    "massacred": "killed", "slaughtered": "killed", "murdered": "killed", "lynched": "killed",
    "beheaded": "killed", "decapitated": "killed", "assassinated": "killed", "butchered": "killed",
    "hanged": "killed", "gunned": "killed", "mowed": "killed", "mown": "killed",
    "shot": "wounded",  # shot, not "shot dead": hit, not killed
    "wounded": "wounded", "injured": "wounded", "hurt": "wounded",
    "detained": "detained", "arrested": "detained", "held": "detained", "captured": "detained",
    "abducted": "detained", "imprisoned": "detained", "jailed": "detained",
    "displaced": "displaced", "uprooted": "displaced", "fled": "displaced", "homeless": "displaced",
    "forced": "displaced", "driven": "displaced", "flee": "displaced", "fleeing": "displaced",
    "evacuated": "displaced",
}
_STOP = frozenset(
    """of in on at to for from since and or with by the a an that which who whom whose were was is are
    have has had be been being per than as after before during over across into onto this these those
    its their his her our each every but if while when where there here it they them we you he she
    including among days day weeks week months month years year decades decade hours hour minutes
    times kilometres kilometers miles km percent dollars euros pounds yuan rubles roubles""".split()
)
_AFTER_PEOPLE = re.compile(
    # an aside between the noun and its verb: ", including 11 children," or " - about 90% of them - "
    r"(?:\s+more\b)?"  # "two more were killed"
    r"(?:\s*,[^,.;]{1,60},|\s+-\s[^.;]{1,60}?\s-|\s*[–—][^.;–—]{1,60}[–—])?\s*(?:(?:who|that)\s+)?(?P<aux>(?:(?:overall|were|was|have|has|had|are|is|been|being|reportedly|reported|also"
    r"|later|all|now|confirmed|believed|feared|still|left|made|remain|remained|remains|found|so\s+far|in\s+total)\s+){0,4})"
    # "were martyred", "were 'arbitrarily executed'"
    r"[\"“‘]?(?:[a-z]+ly\s+)?(?P<word>"
    # a manner of death: "shot dead", "stabbed to death", "gunned down", "burned alive", "massacred"
    r"(?:shot|stabbed|beaten|hacked|clubbed|bludgeoned|burned|burnt|crushed|starved|stoned|tortured|strangled"
    r"|trampled)\s+(?:to\s+death|dead|and\s+killed)|(?:burned|burnt|buried)\s+alive|(?:gunned|mowed|mown)\s+down"
    r"|succumbed\s+to\s+(?:(?:their|his|her)\s+)?(?:\w+\s+)?(?:wounds|injuries)"
    r"|massacred|slaughtered|murdered|lynched|beheaded|decapitated|assassinated|butchered|hanged"
    r"|shot(?!\s+(?:down|at|up|back)\b)"
    r"|killed|dead|died|slain|perished|martyred|executed|wounded|injured|hurt|detained|arrested|held|captured"
    r"|abducted|kidnapped|apprehended|imprisoned|jailed|taken\s+(?:into\s+(?:custody|detention)|hostage|prisoner|captive)"
    r"|in\s+custody|rounded\s+up|displaced|uprooted|evacuated|fled|flee|fleeing|homeless|without\s+(?:shelter|homes?)|lost\s+their\s+lives"
    r"|hospitali[sz]ed|(?:treated\s+for|suffered|sustained|received)\s+(?:\w+\s+)?(?:injuries|wounds)"
    r"|(?:sought|taken|took|sheltering|seeking)\s+(?:refuge|shelter)|forced\s+(?:from|out\s+of|to\s+flee)|driven\s+from"
    r"|left\s+their\s+(?:homes?|villages?|towns?))\b",
    re.IGNORECASE,
)
# After a bare participle, an object means the people did it rather than suffered it: "hundreds of people
# killed 12" is not hundreds killed.
_ACTIVE_OBJECT = re.compile(
    r"\s+(?:\d|(?:at\s+least|more\s+than|some|about|nearly|over|up\s+to|as\s+many\s+as|a|an|the|his|her|their|its"
    r"|dozens|hundreds|thousands|scores|one|two|three|four|five|six|seven|eight|nine|ten)\b)",
    re.IGNORECASE,
)
_TRANSITIVE = frozenset(
    "killed wounded injured hurt held detained arrested captured abducted kidnapped evacuated martyred executed "
    "shot stabbed beaten gunned mowed mown massacred slaughtered murdered lynched beheaded assassinated "
    "butchered hanged".split()
)
_DISPLACED_FROM = re.compile(
    r"\s+(?:from|out\s+of|to\s+(?:flee|leave|evacuate|relocate)|fleeing|into\s+(?:exile|hiding|camps))\b",
    re.IGNORECASE,
)
_OF = re.compile(r"\s+of\b", re.IGNORECASE)
_DATE_AFTER = re.compile(r"\s+(?:([A-Za-z]+\.?)(?=[\s,]|$)|o['’]clock\b)")
# Where people were or came from, between them and what happened to them: "soldiers from Mali", "in the Sahel".
_WHERE_FROM = re.compile(r"\s+(?:from|in|at|near|inside)\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3}")
_FORCE_UNITS = frozenset(
    """force forces contingent army unit units brigade battalion division corps garrison militia troops
    deployment mission detachment regiment""".split()
)
# "Up to 100,000 troops could be deployed if needed": a possibility, not a force that is there.
_POSSIBLE_AFTER = re.compile(r"(?:\s*,[^,.;]{1,60},)?\s+(?:(?!and\b|but\b|or\b)\w+\s+)?(?:could|might)\b", re.IGNORECASE)
_ASSET_KINDS = frozenset({"troops", "warships", "aircraft", "missiles", "drones"})
# Soldiers counted as losses, convicts or prisoners, not as a force: "lost 600,000 soldiers", "returned 84
# soldiers in the swap", "150 soldiers surrendered", "twenty soldiers are missing".
_NOT_A_FORCE_BEFORE = frozenset(
    """lost losing sentenced convicted released releasing freed freeing returned returning repatriated
    exchanged exchanging swapped swapping""".split()
)
_NOT_A_FORCE_AFTER = re.compile(
    r"(?:\s+(?:have|has|had|were|was|are|is|been|reportedly|also|later|still|now|all)){0,3}\s+(?:surrendered|missing"
    r"|deserted|defected|mutinied|sentenced|convicted|released|freed|returned|repatriated|exchanged|swapped"
    r"|went\s+missing|laid\s+down|taken\s+prisoner)\b",
    re.IGNORECASE,
)
# A prisoner exchange counts prisoners, whatever they were: "84 soldiers came home in the swap".
_PRISONER_EXCHANGE = re.compile(
    r"\b(?:swaps?|exchanges?(?!\s+of\s+(?:fire|gunfire|shots))|prisoners?\s+of\s+war|POWs?|repatriat\w*|handed\s+over)\b",
    re.IGNORECASE,
)
_TARGET = re.compile(r"(?:\s+[\"“]?[A-Za-z-]+[\"”]?){0,2}?\s+(?:" + "|".join(_TARGETS) + r")\b", re.IGNORECASE)
_OF_POSSESSIVE = re.compile(r"\s+of\s+(?:its|their|our|his|her)\b", re.IGNORECASE)
_CASUALTY_KINDS = frozenset({"killed", "wounded", "detained", "displaced"})
# A quote may open the noun phrase: 14 "one-way attack drones".
_WORD = re.compile(r"\s*[\"“‘]?((?:[A-Za-z]\.){2,}|[A-Za-z][A-Za-z'’]*(?:-[A-Za-z0-9]+)*|\d+-[A-Za-z]+)")
_COMPOUND_HEADS = frozenset({"members", "systems", "vehicles"})
# "fighters" are aircraft after a model or a jet ("four J-16 fighters", "stealth fighters"), else people
# ("the RSF has some 100,000 fighters").
_FIGHTER_MODIFIERS = frozenset("jet stealth multirole multi-role air-superiority interceptor".split())
# Nouns that two words make a kind: "service members", "unmanned aerial systems".
_COMPOUND_KINDS = {
    ("service", "members"): "troops",
    ("unmanned", "systems"): "drones", ("unmanned", "vehicles"): "drones",
    ("aerial", "systems"): "drones", ("aerial", "vehicles"): "drones",
}

_MAX_MODIFIERS = 5


def _head_noun(text: str, pos: int, end: int) -> tuple[str | None, int, str | None, bool]:
    """Scan the words after a number for its head noun.

    Returns (kind the noun names or "people"/None, end of the noun, casualty kind found among the
    modifiers like "displaced people", whether a naval modifier was seen).
    """
    kind: str | None = None
    noun_end = pos
    modifier_kind: str | None = None
    naval = False
    demonym = False
    words = 0
    modifiers: list[str] = []
    while words <= _MAX_MODIFIERS:
        m = _WORD.match(text, pos, end)
        if not m:
            break
        word = m.group(1).lower().replace("’", "'")
        pos = m.end()
        words += 1
        if word in _CASUALTY_WORDS:
            nxt = _WORD.match(text, pos, end)
            if nxt and (nxt.group(1).lower() in _PEOPLE or nxt.group(1).lower() in _TROOP_NOUNS):
                modifier_kind = _CASUALTY_WORDS[word]
                continue
            if word in _NOUN_KINDS and kind is None:  # "40,000 displaced", "the dead"
                return _NOUN_KINDS[word], pos, modifier_kind, naval
            break
        if word in _STOP:
            break
        compound = word in _COMPOUND_HEADS and next(
            (_COMPOUND_KINDS[(m_, word)] for m_ in modifiers if (m_, word) in _COMPOUND_KINDS), None)
        if compound:
            kind, noun_end = compound, pos
            continue
        if word in ("fighters", "fighter") and not any(
            m_ in _FIGHTER_MODIFIERS or any(c.isdigit() for c in m_) for m_ in modifiers
        ):
            kind, noun_end = "people", pos
            demonym = False
            continue
        modifiers.append(word)
        if word in _NOUN_KINDS:
            kind, noun_end = _NOUN_KINDS[word], pos
            continue  # "drone strikes", "aircraft carriers": the last noun is the head
        if word in _SHIPS:
            if naval or kind in ("warships", "missiles", "aircraft"):  # "navy ships", "missile boats"
                kind, noun_end = "warships", pos
                continue
            break
        if word in _PEOPLE:
            kind, noun_end = "people", pos
            demonym = m.group(1)[0].isupper()
            continue
        if kind is not None and not (kind == "people" and demonym):
            break  # the noun phrase ended; a demonym ("32 Chinese military aircraft") may go on
        if word in _NAVAL:
            naval = True
    return kind, noun_end, modifier_kind, naval


def _classify(
    text: str, lowered: str | None, m: re.Match[str], before: _Before, end: int, vague: bool
) -> tuple[str, int] | None:
    """The kind a number counts and the end of its phrase, or None when it counts nothing we track."""
    if _next_word_may_start(text, m.end(), _DATE_STARTS) and (after := _DATE_AFTER.match(text, m.end(), end)) and (
        after.group(1) is None or after.group(1)[0].isupper() and after.group(1).lower().rstrip(".") in _MONTHS
    ):
        return None  # a day ("the 7 October attacks", "on 22 June drones hit") or a time ("the 10 o'clock raid")
    if text.startswith("-strong", m.end()):
        # "a 5,000-strong force" counts troops; "a 40-strong crowd" counts nothing we track.
        pos, unit = m.end() + len("-strong"), None
        for _ in range(_MAX_MODIFIERS):  # "a 1,500-strong special forces unit"
            word = _WORD.match(text, pos, end)
            if not word or word.group(1).lower() in _STOP:
                break
            pos = word.end()
            if word.group(1).lower() in _FORCE_UNITS:
                unit = word
        if before.not_count or not unit:
            return None
        # "of" names its members: "a 1,200-strong contingent of peacekeepers" is troops, "a 200-strong unit
        # of chemical specialists" is not a force we count.
        if _next_word_may_start(text, unit.end(), "oO") and (of := _OF.match(text, unit.end(), end)):
            members = _head_noun(text, of.end(), end)
            return ("troops", members[1]) if members[0] == "troops" else None
        return "troops", unit.end()
    noun_from = m.end()
    if vague or m.group("dozen"):
        of = _OF.match(text, noun_from, end)
        if of:
            noun_from = of.end()
    elif _next_word_may_start(text, noun_from, "oO") and (of := _OF_POSSESSIVE.match(text, noun_from, end)):
        # "two of its soldiers were wounded" counts casualties; "one of its soldiers" singles one out, and
        # "one of its warships" is no fleet's size.
        if m.group(0).lower() in ("one", "1"):
            return None
        found = _classify_noun(text, lowered, m, before, end, of.end())
        return found if found and found[0] in _CASUALTY_KINDS else None
    return _classify_noun(text, lowered, m, before, end, noun_from)


def _classify_noun(
    text: str, lowered: str | None, m: re.Match[str], before: _Before, end: int, noun_from: int
) -> tuple[str, int] | None:
    noun, noun_end, modifier_kind, _ = _head_noun(text, noun_from, end)
    if before.not_count or (before.weak and noun in (None, "people")):
        return None
    # Only exact numbers: "struck dozens of targets" says little about how many strikes there were.
    if before.strike_verb and noun is None and not m.group("vague") and (target := _TARGET.match(text, noun_from, end)):
        return "strikes", target.end()
    verb_kind = before.verb_kind
    if before.claims_lives and noun is None and (lives := _LIVES.match(text, m.end(), end)):
        return "killed", lives.end()  # "claimed 12 lives" (never "saved 30 lives")
    if verb_kind is None and before.displacing_verb and noun in (None, "people") and _DISPLACED_FROM.match(
        text, noun_end if noun else m.end(), end
    ):
        return "displaced", noun_end if noun else m.end()

    if noun in _ASSET_KINDS and verb_kind is None and _POSSIBLE_AFTER.match(text, noun_end, end):
        return None
    if noun in KINDS and noun not in ("troops",):
        if noun in ("detained", "displaced") and verb_kind is None and (
            after := _after_people(text, lowered, noun_end, end)
        ) and (harmed := _after_kind(after.group("word"))) in ("killed", "wounded"):
            return harmed, after.end()  # "40 detainees were starved to death", "five refugees were killed"
        if noun in ("killed", "wounded", "detained", "displaced") or verb_kind is None:
            return noun, noun_end
        return verb_kind, noun_end  # "wounded 3 soldiers"-like: the verb decides
    after = _after_people(text, lowered, noun_end if noun else m.end(), end)
    if after is None and noun in ("troops", "people") and (where := _where_from(text, noun_end, end)):
        after = _after_people(text, lowered, where.end(), end)  # "10 soldiers from Mali have been killed"
    if after and not after.group("aux") and after.group("word").lower().split()[0] in _TRANSITIVE and _ACTIVE_OBJECT.match(
        text, after.end(), end
    ):
        after = None  # "ten soldiers shot dead five villagers": the soldiers did it
    after_kind = _after_kind(after.group("word")) if after else None
    if noun == "troops":
        kind = verb_kind or modifier_kind or after_kind
        if kind is None and (before.last in _NOT_A_FORCE_BEFORE or _NOT_A_FORCE_AFTER.match(text, noun_end, end)):
            return None  # soldiers lost, sentenced, swapped, missing or surrendered are no force in the field
        kind = kind or "troops"
        return kind, (after.end() if after and not verb_kind and not modifier_kind else noun_end)
    if verb_kind is None and before.manner_verb and noun in ("people", "troops"):
        if death := _TO_DEATH.match(text, noun_end, end):
            return "killed", death.end()  # "beat three men to death", "shot five protesters dead"
        if before.last in _SHOOTING_VERBS and after_kind is None:
            return "wounded", noun_end  # "the gunman shot 5 people"
    if noun == "people":
        kind = verb_kind or modifier_kind or after_kind
        if kind is None:
            return None
        return kind, (after.end() if after and not verb_kind and not modifier_kind else noun_end)
    # No noun: "killing 4", "wounding 17 others" handled above; "83 killed", "12 dead".
    if verb_kind:
        return verb_kind, m.end()
    if after_kind:  # "83 killed", "12 dead", "two were injured"
        return after_kind, after.end()
    return None


def _after_kind(word: str) -> str | None:
    """The kind a casualty phrase after people names: "killed", "taken into custody", "sought refuge"."""
    words = word.lower().split()
    if words[0] in ("lost", "succumbed") or words[-1] in ("dead", "death", "killed", "alive"):
        return "killed"  # "lost their lives", "succumbed to their wounds", "shot dead", "stabbed to death"
    if words[-1] in ("injuries", "wounds") or words[0].startswith("hospitali"):
        return "wounded"
    if words[-1] in ("refuge", "shelter", "home", "homes", "village", "villages", "town", "towns"):
        return "displaced"
    if words[0] in ("taken", "in", "rounded", "kidnapped", "apprehended"):
        return "detained"
    return _CASUALTY_WORDS.get(words[0])


# A cheap look for a second group ("and four civilians", ", two police officers") before parsing groups.
_GROUP_HINT = re.compile(
    r"(?:,\s*|\s)(?:and\s+)?(?:\d|(?:an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty"
    r"|thirty|forty|fifty|dozens|scores|hundreds|thousands|half)\b)",
    re.IGNORECASE,
)
_GROUP_JOIN = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+", re.IGNORECASE)
_ONE_PERSON = re.compile(
    r"(?:an?|one)\s+(?:person|civilian|child|woman|man|resident|worker|journalist|soldier|officer|policeman|girl|boy)\b",
    re.IGNORECASE,
)


def _group_part(text: str, pos: int, end: int) -> tuple[int, bool, int] | None:
    """(value, vague, end) of one group of people: "four civilians", "dozens of residents", "a woman"."""
    one = _ONE_PERSON.match(text, pos, end)
    if one:
        return 1, False, one.end()
    m = _NUMBER.match(text, pos, end)
    if not m or _is_year(m):
        return None
    parsed = _match_value(m)
    if parsed is None:
        return None
    noun_from = m.end()
    if m.group("vague") or m.group("dozen"):
        of = _OF.match(text, noun_from, end)
        noun_from = of.end() if of else noun_from
    noun, noun_end, modifier_kind, _ = _head_noun(text, noun_from, end)
    if noun not in ("people", "troops") or modifier_kind:
        return None
    where = _where_from(text, noun_end, end)  # "two soldiers in Mali and three civilians in Burkina Faso"
    return parsed[0], parsed[1], where.end() if where else noun_end


def _group(
    text: str, lowered: str | None, m: re.Match[str], before: _Before, end: int
) -> tuple[str, int, bool, int, int] | None:
    """Groups of people counted together: "seven soldiers and four civilians were killed" is 11 killed (the
    soldiers are victims, not troops), "killed two children and a woman" is 3.

    (kind, total, any part vague, end of the phrase, end of the parts) or None.
    """
    part = _group_part(text, m.start(), end)
    if part is None:
        return None
    total, vague, pos = part
    parts = 1
    while True:
        join = _GROUP_JOIN.match(text, pos, end)
        nxt = _group_part(text, join.end(), end) if join else None
        if nxt is None:
            break
        total, vague, pos, parts = total + nxt[0], vague or nxt[1], nxt[2], parts + 1
    if parts < 2:
        return None
    if before.verb_kind:
        return before.verb_kind, total, vague, pos, pos
    after = _after_people(text, lowered, pos, end)
    if after is None or (not after.group("aux") and _ACTIVE_OBJECT.match(text, after.end(), end)):
        return None
    kind = _after_kind(after.group("word"))
    return (kind, total, vague, after.end(), pos) if kind else None


_AFTER_PEOPLE_LOW, _GROUP_HINT_LOW = lowercase_twin(_AFTER_PEOPLE), lowercase_twin(_GROUP_HINT)


def _after_people(text: str, lowered: str | None, pos: int, end: int) -> re.Match[str] | None:
    """`_AFTER_PEOPLE` at `pos`, as its lower-case twin where the text allows (callers read its groups
    lower-cased either way)."""
    if lowered is None:
        return _AFTER_PEOPLE.match(text, pos, end)
    return _AFTER_PEOPLE_LOW.match(lowered, pos, end)


def _group_hint(text: str, lowered: str | None, pos: int, end: int) -> bool:
    if lowered is None:
        return bool(_GROUP_HINT.search(text, pos, end))
    return bool(_GROUP_HINT_LOW.search(lowered, pos, end))


# What `_DATE_AFTER` can stop at: a month's capital or "o'clock".
_DATE_STARTS = "ABCDEFGHIJKLMNOPQRSTUVWXYZo"


def _next_word_may_start(text: str, pos: int, letters: str) -> bool:
    """False when one space and then a character out of `letters` follow `pos`: a pattern that starts with
    whitespace and then one of those letters cannot match there. Most numbers are followed by a word that
    no such pattern wants, and this costs less than the pattern's own try."""
    after = text[pos + 1 : pos + 2]
    return not (text[pos : pos + 1] == " " and after and not after.isspace() and after not in letters)


def _where_from(text: str, pos: int, end: int) -> re.Match[str] | None:
    if not _next_word_may_start(text, pos, "fina"):
        return None
    return _WHERE_FROM.match(text, pos, end)


def _words_back(text: str, pos: int, n: int) -> int:
    """Where the n words before `pos` start (to highlight "at least 21 strikes", not just "21 strikes")."""
    for _ in range(n):
        while pos > 0 and text[pos - 1].isspace():
            pos -= 1
        while pos > 0 and not text[pos - 1].isspace():
            pos -= 1
    return pos


def _is_year(m: re.Match[str]) -> bool:
    digits = m.group("digits")
    return bool(digits) and len(digits) == 4 and "," not in digits and 1900 <= int(digits) <= 2100 and not m.group("dscale")


_DIGITS = re.compile(r"\d+")
# A line that links to another story ("Related: 12 killed in Kharkiv strike") reports none of this one's figures.
_TEASER = re.compile(r"(?:related|read\s+more|also\s+read|read\s+also|see\s+also|more\s+on\s+this|watch)\s*:", re.IGNORECASE)
# Airliners and orders are aircraft of no force: "Boeing delivered 30 planes", "the airline grounded 12 jets".
_CIVIL_WORDS = ("airline", "airliner", "boeing", "airbus", "embraer", "bombardier", "comac", "passenger", "commercial",
                "cargo")


def _civil_aviation(sentence: str) -> bool:
    lowered = sentence.lower()  # a substring test first: the regex alone cost as much as the number scan
    return any(w in lowered for w in _CIVIL_WORDS) and bool(_CIVIL_AVIATION.search(sentence))


_CIVIL_AVIATION = re.compile(
    r"\b(?:airlines?|airliners?|carriers?'s?\s+fleet|Boeing|Airbus|Embraer|Bombardier|COMAC|passenger|commercial|cargo)\b",
    re.IGNORECASE,
)
# Number words and ASCII digits found by one Aho-Corasick pass over the lowered text: scanning the whole
# text with the number regex costs several times more than this (see bench/), and a second scan for the
# digits (`_DIGITS`) costs more than the automaton's; the regex then only runs, anchored, at the candidate
# positions. Digits are keys of one to three (their value is their length), so that the longest matches
# (`iter_long`) give a run of digits in a few pieces. The automaton's longest, non-overlapping matches miss
# only keys that start inside another key: after a letter or a digit, where no number starts.
_NUMBER_WORDS = ahocorasick.Automaton()
for _word in (*_UNITS, *_TENS, "half", "tens", "dozens", "scores", "hundreds", "thousands", "millions",
              "dozen", "hundred", "thousand", "million"):
    _NUMBER_WORDS.add_word(_word, _word)
for _length in (1, 2, 3):
    for _digits in itertools.product("0123456789", repeat=_length):
        _NUMBER_WORDS.add_word("".join(_digits), _length)
_NUMBER_WORDS.make_automaton()
# `\d` also matches other scripts' digits (Arabic-Indic, Devanagari, fullwidth...). None of them is below
# U+0660 or among punctuation and currency signs (U+2000-U+20FF): a text with no character outside these
# has ASCII digits only, and the automaton finds them all (tests/test_figures.py checks every digit).
_MAY_HOLD_OTHER_DIGITS = re.compile(r"[^\x00-\u065f\u2000-\u20ff]")
# The characters `_NUMBER`'s look-behind refuses before a number, besides letters and digits ("$5", "M23",
# "drones" holding "one"): a candidate after one is dropped without trying the regex.
_GLUED_BEFORE = frozenset("_$€£¥.,/*:#+-")
_NEEDS_ARTICLE = frozenset({"dozen", "hundred", "thousand", "million"})


def _previous_word_start(text: str, pos: int) -> int:
    while pos > 0 and text[pos - 1].isspace():
        pos -= 1
    while pos > 0 and text[pos - 1].isalpha():
        pos -= 1
    return pos


def _number_matches(text: str, lowered: str | None = None) -> Iterator[re.Match[str]]:
    """The matches `_NUMBER.finditer(text)` would give, found faster. `lowered` is `text.lower()` if known."""
    if lowered is None:
        # "\u0130" (a Turkish capital I, "İdlib") is the one character lower() lengthens: as "i" (how an
        # IGNORECASE pattern reads it), the offsets of the lowered text stay those of the text.
        lowered = text.replace("\u0130", "i").lower() if "\u0130" in text else text.lower()
    other_digits = not text.isascii() and (len(lowered) != len(text) or bool(_MAY_HOLD_OTHER_DIGITS.search(text)))
    candidates = {m.start() for m in _DIGITS.finditer(text)} if other_digits else set()
    digit_at = -2
    for end, word in _NUMBER_WORDS.iter_long(lowered):
        if isinstance(word, int):  # `word` digits: a candidate where a run of them starts
            start = end - word + 1
            if start != digit_at + 1 and not other_digits:
                candidates.add(start)
            digit_at = end
            continue
        start = end - len(word) + 1
        candidates.add(start)
        if word in _NEEDS_ARTICLE:  # "a dozen", "a hundred", "half a million" start before the word
            previous = _previous_word_start(text, start)
            if text[previous:start].split()[:1] in (["a"], ["A"], ["an"], ["An"]):
                candidates.add(previous)
                candidates.add(_previous_word_start(text, previous))  # "half a"
    last_end = -1
    for pos in sorted(candidates):
        if pos < last_end or pos and (text[pos - 1].isalnum() or text[pos - 1] in _GLUED_BEFORE):
            continue
        m = _NUMBER.match(text, pos)
        if m:
            last_end = m.end()
            yield m


def extract_figures(text: str, sentences: Sequence[Sentence] | None = None) -> list[Figure]:
    """Every figure the text reports, one per (kind, value), in order of appearance.

    A figure stated twice is reported at its first sentence, unless only a later one says how exact it
    is: "Strikes kill 27" in a headline, "killed at least 27 people" in the story is "at least 27", with
    the story's sentence as its evidence.
    `sentences` are the text's sentences (from `text.split_sentences`); pass them when already split.
    """
    if sentences is None:
        sentences = split_sentences(text)
    lowered = lowercased(text)  # None: the case-insensitive rules run on the text as written
    starts = [s.start for s in sentences]
    seen: dict[tuple[str, int], int] = {}
    figures: list[Figure] = []
    group_end = -1
    teaser_checked, teaser = -1, False
    for m in _number_matches(text, lowered):
        if m.start() < group_end:
            continue  # a part of a group already summed
        i = bisect.bisect_right(starts, m.start()) - 1
        if i < 0 or m.start() >= sentences[i].end:
            continue
        sentence = sentences[i]
        if i != teaser_checked:
            teaser_checked, teaser = i, bool(_TEASER.match(sentence.text))
        if teaser:
            continue
        parsed = _match_value(m)
        if parsed is None or _is_year(m):
            continue
        value, vague = parsed
        if value <= 0:
            continue
        before = _read_before(text, sentence.start, m.start())
        wording = m.group(0) if vague else None
        group = None
        if not before.not_count and _group_hint(text, lowered, m.end(), min(sentence.end, m.end() + 60)):
            group = _group(text, lowered, m, before, sentence.end)
        if group is not None:
            kind, value, vague, phrase_end, group_end = group
            wording = text[m.start() : group_end]
        else:
            found = _classify(text, lowered, m, before, sentence.end, vague)
            if found is None:
                continue
            kind, phrase_end = found
        if kind == "aircraft" and _civil_aviation(sentence.text) or (
            kind == "troops" and _PRISONER_EXCHANGE.search(sentence.text)
        ):
            continue
        qualifier = before.qualifier
        if vague and qualifier is None:
            qualifier = "at least"
        at = seen.get((kind, value))
        if at is not None and (figures[at].qualifier is not None or qualifier is None):
            continue
        figure = Figure(
            kind=kind,
            value=value,
            qualifier=qualifier,
            evidence=sentence.text,
            start=sentence.start,
            end=sentence.end,
            match_start=_words_back(text, m.start(), before.qualifier_words),
            match_end=max(phrase_end, m.end()),
            wording=wording,
        )
        if at is None:
            seen[(kind, value)] = len(figures)
            figures.append(figure)
        else:
            figures[at] = figure
    return sorted(figures, key=lambda f: f.match_start)
