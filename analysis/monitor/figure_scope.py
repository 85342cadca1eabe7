"""What a reported figure counts, and who says so: pure functions of the figure's sentence and match.

Scope decides how reports may be combined (see GUIDE "Figures are reports, not events"):
- `cumulative`: a running total ("the death toll rose to 83", "so far", "since September", "the war has
  killed"): across reports, take the highest to date;
- `incident`: the toll of one event or one day's attack ("on Friday", "overnight", "a strike that killed"):
  one incident reported by many outlets counts once, distinct incidents add up;
- `state`: a standing count (troops, warships or aircraft deployed, people held): a level, neither summed
  nor a trend of events.

The cues are read in the clause holding the number first (a sentence can carry an incident and a running
total: "A strike on Friday killed 12, bringing the toll since February to 300"), then in the whole sentence.
"""
from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import ahocorasick

from analysis.understand.lowercase import FOLDS_TO_ASCII as _FOLDS_TO_ASCII
from analysis.understand.lowercase import lowercase_twin as _lowercase_twin
from analysis.understand.lowercase import lowered as _lowered

CUMULATIVE = "cumulative"
INCIDENT = "incident"
STATE = "state"
SCOPES: tuple[str, ...] = (CUMULATIVE, INCIDENT, STATE)

_DAYS = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_EVENT = (
    r"(?:attack|strike|air\s?strike|drone\s+strike|missile\s+strike|raid|bombing|blast|explosion|shelling|"
    r"ambush|assault|barrage|bombardment|incident|clash(?:es)?|massacre|shooting|crash)"
)
_WAR = r"(?:war|conflict|campaign|invasion|offensive|fighting|insurgency|operation|siege|crisis|occupation)"

# A running total: the phrase says the count accumulates over a period, not one event.
_CUMULATIVE = re.compile(
    r"\b(?:so\s+far|to\s+date|in\s+total|a\s+total\s+of|overall|cumulative|altogether|all\s+told|"
    r"since\s+(?:the\s+(?:start|beginning|outbreak)|" + _MONTHS + r"|\d{4}|early|late|mid|last\s+(?:year|month)|"
    r"(?:the\s+)?" + _WAR + r"|it\s+began|then)|"
    r"(?:this|last)\s+year|over\s+the\s+(?:past|last)\s+(?:\w+\s+)?(?:weeks|months|years)|"
    r"in\s+(?:\w+\s+){0,2}(?:weeks|months|years)\s+of|"
    r"(?:the\s+)?" + _WAR + r"(?:'s|’s)\s+(?:death\s+)?toll|"
    r"(?:the\s+)?" + _WAR + r"\s+(?:has|have|had)\s+(?:now\s+)?(?:killed|claimed|left|displaced|wounded|injured)|"
    r"(?:death\s+)?toll\s+(?:of|from|in)\s+(?:the\s+)?(?:\w+\s+)?" + _WAR + r"|"
    r"(?:since|during)\s+(?:the\s+)?(?:\w+\s+)?" + _WAR + r")\b",
    re.IGNORECASE,
)

# One event or one day: a day or a night named, or the figure tied to one attack.
_INCIDENT = re.compile(
    r"\b(?:(?:on|late|early|last)\s+" + _DAYS + r"|" + _DAYS + r"(?:'s|’s)?|overnight|yesterday|last\s+night|"
    r"this\s+(?:morning|afternoon|evening)|(?:earlier|later)\s+today|tonight|"
    r"on\s+(?:" + _MONTHS + r"\s+\d{1,2}|\d{1,2}\s+" + _MONTHS + r")|"
    r"(?:in|during|by|from|after)\s+(?:an?|the|one|another|a\s+single|a\s+\w+)\s+(?:\w+\s+){0,2}" + _EVENT + r"|"
    r"(?:an?|the|one)\s+(?:\w+\s+){0,2}" + _EVENT + r"\s+(?:on|in|at|near|that|which)|"
    r"(?:death\s+)?toll\s+(?:of|from)\s+(?:the|an?|this|that|[a-z]+(?:'s|’s))\s+(?:\w+\s+){0,2}" + _EVENT + r"|"
    r"(?:hit|struck|pounded|targeted|attacked|shelled|bombed)\s+(?:the\s+)?[A-Z]\w+)\b",
    re.IGNORECASE,
)

_STATE_KINDS = frozenset({"troops", "warships", "aircraft"})
# A standing count: forces positioned, people held.
_STATE = re.compile(
    r"\b(?:deployed|deploying|deploy|stationed|based|present|massed|massing|amassed|positioned|"
    r"gathered|patrolling|patrol|operating|remain|remaining|still|currently|now\s+has|has|have|keeps?|"
    r"held|holding|holds|being\s+held|in\s+(?:custody|detention|captivity|prison|jail)|prisoners?|"
    r"hostages?|behind\s+bars)\b",
    re.IGNORECASE,
)
_HELD = re.compile(
    r"\b(?:held|holding|holds|being\s+held|in\s+(?:custody|detention|captivity|prison|jail)|prisoners?|"
    r"hostages?|behind\s+bars|remain\s+(?:detained|jailed|imprisoned))\b",
    re.IGNORECASE,
)
# A present perfect or a rising toll with no event named: the count accumulates.
_RUNNING = re.compile(
    r"\b(?:(?:has|have)\s+(?:now\s+|so\s+far\s+|also\s+)?(?:been\s+)?(?:killed|wounded|injured|detained|"
    r"arrested|displaced|launched|fired|carried\s+out|conducted|struck|died|fled|claimed)|"
    r"(?:death\s+)?toll\s+(?:has\s+)?(?:rose|risen|rises|climbed|climbs|reached|reaches|stands|stood|passed|"
    r"topped|exceeded|surpassed|hit|now)|rising\s+toll|"
    r"brings?\s+(?:the\s+)?(?:total|toll|number)|bringing\s+(?:the\s+)?(?:total|toll|number))\b",
    re.IGNORECASE,
)
_SHOT_DOWN = re.compile(r"\b(?:shot|shoot|shooting)\s+down|downed|intercepted|destroyed|lost\b", re.IGNORECASE)

# Words without which `_CUMULATIVE`, `_INCIDENT` or `_RUNNING` cannot match: each alternative of the
# pattern holds one of them (lower-cased). Most figures' sentences hold none for one of the two patterns, and a test for
# thirty substrings costs a tenth of one search of these patterns (which try every alternative at every
# word). Keep them in step with the patterns: tests/test_figure_scope.py checks the patterns still match
# only where one of these words is.
_WAR_WORDS = ("war", "conflict", "campaign", "invasion", "offensive", "fighting", "insurgency", "operation",
              "siege", "crisis", "occupation")
_EVENT_WORDS = ("attack", "strike", "raid", "bomb", "blast", "explosion", "shelling", "ambush", "assault",
                "barrage", "incident", "clash", "massacre", "shooting", "crash")
_CUMULATIVE_NEEDS = ("far", "date", "total", "overall", "cumulative", "altogether", "told", "since", "year",
                     "over", "week", "month", "toll", "during", *_WAR_WORDS)
_INCIDENT_NEEDS = ("day", "night", "morning", "afternoon", "evening", "jan", "feb", "mar", "apr", "may", "jun",
                   "jul", "aug", "sep", "oct", "nov", "dec", "hit", "struck", "pounded", "targeted", "shelled",
                   *_EVENT_WORDS)
_RUNNING_NEEDS = ("has", "have", "toll", "bring")
def _may_match(sentence: str, lowered: str | None = None) -> tuple[bool, bool, bool]:
    """(`_CUMULATIVE`, `_INCIDENT`, `_RUNNING`) each False when it cannot match in the sentence nor in any
    clause of it.
    (Not a dict by pattern: hashing a compiled pattern hashes its whole program, every time.)"""
    if any(ch in sentence for ch in _FOLDS_TO_ASCII):
        return True, True, True
    if lowered is None:
        lowered = sentence.lower()
    return _patterns_that_may_match(_screen(lowered))


def _patterns_that_may_match(words: int) -> tuple[bool, bool, bool]:
    return bool(words & _CUMULATIVE_WORD), bool(words & _INCIDENT_WORD), bool(words & _RUNNING_WORD)


_CLAUSE_BREAK = re.compile(r"[,;:()—–]|\s-\s|\b(?:while|whereas|but|bringing|taking|raising)\b", re.IGNORECASE)
(_CUMULATIVE_LOW, _INCIDENT_LOW, _STATE_LOW, _HELD_LOW, _RUNNING_LOW, _SHOT_DOWN_LOW, _CLAUSE_BREAK_LOW) = map(
    _lowercase_twin, (_CUMULATIVE, _INCIDENT, _STATE, _HELD, _RUNNING, _SHOT_DOWN, _CLAUSE_BREAK))


@dataclass(frozen=True)
class Scope:
    scope: str  # one of SCOPES
    cue: str | None  # the words that decided it, or None for the kind's default


class _Text:
    """A sentence read for its figures: lower-cased once, then every pattern runs as its lower-case twin
    (see `_lowercase_twin`), or as written where the sentence has a character that forbids it."""

    __slots__ = ("text", "lowered", "_may", "_screened")

    def __init__(self, text: str) -> None:
        self.text = text
        self.lowered = _lowered(text)
        self._may: tuple[bool, bool, bool] | None = None
        self._screened: int | None = None

    def may_match(self) -> tuple[bool, bool, bool]:
        if self._may is None:
            if self.lowered is None:
                self._may = _may_match(self.text)
            else:
                self._may = _patterns_that_may_match(self.screened())
        return self._may

    def screened(self) -> int:
        """`_screen` of the lowered sentence (only where `lowered` is not None), once for all the figures."""
        if self._screened is None:
            self._screened = _screen(self.lowered)  # type: ignore[arg-type]
        return self._screened

    def clause(self, start: int, end: int) -> tuple[int, int]:
        """The clause holding text[start:end] (between breaks on either side), as offsets."""
        if self.lowered is None:
            text, breaks = self.text, _CLAUSE_BREAK
        else:
            text, breaks = self.lowered, _CLAUSE_BREAK_LOW
        left = 0
        for m in breaks.finditer(text, 0, start):
            left = m.end()
        right_match = breaks.search(text, end)
        return left, right_match.start() if right_match else len(text)

    def find(self, rule: re.Pattern[str], twin: re.Pattern[str], start: int = 0,
             end: int | None = None) -> tuple[int, int] | None:
        """The span of the first match in text[start:end] (searched as that slice), or None."""
        m = rule.search(self.text[start:end]) if self.lowered is None else twin.search(self.lowered[start:end])
        return (start + m.start(), start + m.end()) if m else None

    def found_outside(self, rule: re.Pattern[str], twin: re.Pattern[str], start: int, end: int,
                      span: tuple[int, int]) -> bool:
        """Whether the pattern matches text[start:end] with the words of `span` taken out."""
        if self.lowered is None:
            return bool(rule.search(self.text[start:span[0]] + self.text[span[1]:end]))
        return bool(twin.search(self.lowered[start:span[0]] + self.lowered[span[1]:end]))

    def groups(self, rule: re.Pattern[str], twin: re.Pattern[str], group: str) -> Iterator[str]:
        """The text of `group` in each match, in order."""
        if self.lowered is None:
            yield from (m.group(group) for m in rule.finditer(self.text))
        else:
            yield from (self.text[m.start(group):m.end(group)] for m in twin.finditer(self.lowered))

    def cue(self, span: tuple[int, int]) -> str:
        return self.text[span[0]:span[1]]


def _clause(sentence: str, start: int, end: int) -> str:
    """The clause of the sentence holding the number (between breaks on either side)."""
    left, right = _Text(sentence).clause(start, end)
    return sentence[left:right]


def figure_scope(sentence: str, match_start: int, match_end: int, kind: str) -> Scope:
    """The scope of the figure whose number phrase is `sentence[match_start:match_end]`."""
    return _scope(_Text(sentence), match_start, match_end, kind)


def scopes_and_claimant(sentence: str, figures: Sequence[tuple[int, int, str]]) -> tuple[list[Scope], str | None]:
    """For one sentence, the scope of each of its figures (number span in the sentence, kind) and who the
    sentence says reports them: the sentence is lower-cased and screened once for all of them."""
    text = _Text(sentence)
    return [_scope(text, start, end, kind) for start, end, kind in figures], _claimant(text)


def _scope(text: _Text, match_start: int, match_end: int, kind: str) -> Scope:
    left, right = text.clause(match_start, match_end)
    if kind in _STATE_KINDS:
        if kind == "aircraft" and (span := text.find(_SHOT_DOWN, _SHOT_DOWN_LOW, left, right)):
            return Scope(INCIDENT, text.cue(span))
        # "Troops massed since October" is still a standing count; only a running tally of moves is not.
        span = text.find(_RUNNING, _RUNNING_LOW, left, right) if text.may_match()[2] else None
        if span and not text.found_outside(_STATE, _STATE_LOW, left, right, span):
            return Scope(CUMULATIVE, text.cue(span))
        span = text.find(_STATE, _STATE_LOW, left, right)
        return Scope(STATE, text.cue(span) if span else None)
    if kind == "detained" and (span := text.find(_HELD, _HELD_LOW, left, right)):
        return Scope(STATE, text.cue(span))
    may_cumulative, may_incident, may_running = text.may_match()
    ruled = ((_CUMULATIVE, _CUMULATIVE_LOW, CUMULATIVE, may_cumulative),
             (_INCIDENT, _INCIDENT_LOW, INCIDENT, may_incident))
    for rule, twin, scope, may in ruled:
        if may and (span := text.find(rule, twin, left, right)):
            return Scope(scope, text.cue(span))
    if may_running and (span := text.find(_RUNNING, _RUNNING_LOW, left, right)):
        return Scope(CUMULATIVE, text.cue(span))
    for rule, twin, scope, may in (*ruled, (_RUNNING, _RUNNING_LOW, CUMULATIVE, may_running)):
        if may and (span := text.find(rule, twin)):
            return Scope(scope, text.cue(span))
    if kind == "detained" and (span := text.find(_HELD, _HELD_LOW)):
        return Scope(STATE, text.cue(span))
    # No cue: people displaced are counted as a stock; a casualty or a salvo as the toll of its event.
    return Scope(CUMULATIVE if kind == "displaced" else INCIDENT, None)


# --- who claims the figure ----------------------------------------------------------------------

_SAY_WORDS = ("said", "says", "say", "reported", "reports", "told", "announced", "claimed", "claims", "stated",
              "added", "estimated", "estimates", "confirmed", "confirms", "wrote", "posted", "tallied", "counted",
              "recorded")
_SAY = "(?:" + "|".join(_SAY_WORDS) + ")"
# Every claimant pattern holds "according" or one of these words: a sentence without any names no claimant.
_CLAIM_WORDS = ("according", *_SAY_WORDS)

# The screens' words found in one Aho-Corasick pass over the lowered sentence instead of one substring
# search per word (~60 of them): which of the four lists has a word in the sentence, as bits.
_CUMULATIVE_WORD, _INCIDENT_WORD, _CLAIM_WORD, _RUNNING_WORD = 1, 2, 4, 8
_SCREEN_WORDS = ahocorasick.Automaton()
for _bit, _words in ((_CUMULATIVE_WORD, _CUMULATIVE_NEEDS), (_INCIDENT_WORD, _INCIDENT_NEEDS),
                     (_CLAIM_WORD, _CLAIM_WORDS), (_RUNNING_WORD, _RUNNING_NEEDS)):
    for _word in _words:
        _SCREEN_WORDS.add_word(_word, _SCREEN_WORDS.get(_word, 0) | _bit)
_SCREEN_WORDS.make_automaton()
_ALL_SCREENS = _CUMULATIVE_WORD | _INCIDENT_WORD | _CLAIM_WORD | _RUNNING_WORD


def _screen(lowered: str) -> int:
    """The bits of the lists (`_CUMULATIVE_NEEDS`, `_INCIDENT_NEEDS`, `_CLAIM_WORDS`, `_RUNNING_NEEDS`) that
    have a word in `lowered`, as a substring (what `any(w in lowered for w in words)` says of each list)."""
    found = 0
    for _, bits in _SCREEN_WORDS.iter(lowered):
        found |= bits
        if found == _ALL_SCREENS:
            break
    return found


_ACCORDING = re.compile(r"\baccording\s+to\s+(?P<who>[^,;.()]+)", re.IGNORECASE)
# "X said", with X a short noun phrase (up to six words) that starts the clause or follows a break.
_SUBJECT_SAID = re.compile(
    r"(?:^|[,;:(]\s*|\b(?:and|but|as|while)\s+)(?P<who>(?:[\w'’.-]+\s+){0,5}?[\w'’.-]+)\s+"
    r"(?:(?:has|have|had)\s+)?" + _SAY + r"\b",
    re.IGNORECASE,
)
# ", said the health ministry" / "said Ukraine's air force on Friday".
_SAID_SUBJECT = re.compile(
    r"[,;]\s*" + _SAY + r"\s+(?P<who>(?:the\s+)?[\w'’.-]+(?:\s+(?!on\b|in\b|at\b|late\b|early\b|last\b)[\w'’.-]+){0,5})",
    re.IGNORECASE,
)
_NOT_CLAIMANTS = frozenset(
    "he she it they we i you who which that this there officials official sources source one".split()
)
_LEADING = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_TRAILING = re.compile(
    r"\s+(?:on|in|at|late|early|last|this|earlier|later|yesterday|today|overnight|separately|also|"
    r"has|have|had|was|were|is|are)\b.*$",
    re.IGNORECASE,
)
_SPEECH_STARTS = frozenset(
    "a an at least more than about some nearly over up to killed were was two three four five six seven eight "
    "nine ten eleven twelve dozens hundreds thousands several many".split()
)


def _tidy(who: str) -> str | None:
    who = _TRAILING.sub("", who.strip().strip("\"'“”‘’"))
    who = _LEADING.sub("", who).strip()
    words = who.split()
    if not words or who.lower() in _NOT_CLAIMANTS or words[0].lower() in _SPEECH_STARTS:
        return None
    if any(map(str.isdigit, who)):  # "12 people said" is a count, not an authority
        return None
    return who


def figure_claimant(sentence: str) -> str | None:
    """Who the sentence says reports its figures ("the health ministry said" -> "health ministry"), or None."""
    return _claimant(_Text(sentence))


def _claimant(text: _Text) -> str | None:
    if text.lowered is not None and not text.screened() & _CLAIM_WORD:
        return None
    for rule, twin in ((_ACCORDING, _ACCORDING_LOW), (_SAID_SUBJECT, _SAID_SUBJECT_LOW),
                       (_SUBJECT_SAID, _SUBJECT_SAID_LOW)):
        for who in text.groups(rule, twin, "who"):
            if who := _tidy(who):
                return who
    return None


_ACCORDING_LOW, _SAID_SUBJECT_LOW, _SUBJECT_SAID_LOW = map(_lowercase_twin, (_ACCORDING, _SAID_SUBJECT, _SUBJECT_SAID))
