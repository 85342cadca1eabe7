"""Whether two reports can be of one event, by the figures they state: pure functions.

Word overlap finds the reports of one event, but also the next night's attack of the same conflict told
in the same words ("Russia launched 483 drones and 13 missiles at Ukraine overnight" / "... 101 drones and
7 missiles ..."), and an outlet's template page reused for another day. What tells them apart is the
event's own evidence: the toll of one attack, the count of one day's sorties. So

- **another event**: two reports published on different days that both state a figure of one kind and
  scope, and whose values have none in common (within the slack outlets' counts differ by), are of
  different events. An event's toll may be revised: a later `incident` figure whose sentence says so ("the
  death toll from Friday's strike rose to 45", "bringing the toll to") agrees with any. A running total
  (`cumulative`) that changed at all between two days counts events that happened in between: the later
  report is of another one ("US strikes another boat, tally rises to 14" and, days later, "... to 18"),
  whatever its wording. Reports of one day may differ (a toll is revised through the day, outlets repeat an older
  tally), so the rule is for different days only.
- **not a copy**: a copy carries the original's text, so it states the original's figures. Two texts
  that share their words but state another value of one kind (a template page reused, a wire story
  rewritten with a new toll) are not copies; at most they are one story, if the rule above allows.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import NamedTuple

EVENT_SCOPES = frozenset({"incident", "state"})  # the event's own figures: a revision of one is read
# Outlets' counts of one event differ a little (early and later counts, "at least 20" and "22").
SLACK = 2
SLACK_SHARE = 0.1

# The sentence says its figure revises an earlier one: the toll rose, was raised, now stands at.
_REVISION = re.compile(
    r"\b(?:(?:death\s+|casualty\s+)?toll|number\s+of\s+(?:dead|deaths|victims|casualties|injured|wounded)|"
    r"(?:dead|casualty|injury)\s+(?:count|figure))\s+"
    r"(?:[\w'’-]+,?\s+){0,12}?(?:has\s+|had\s+|was\s+|have\s+)?(?:now\s+)?"
    r"(?:rose|risen|rises|rising|climbed|climbs|climbing|jumped|increased|grew|reached|reaches|stands|stood|"
    r"raised|revised|updated|went\s+up)\b|"
    r"\b(?:bringing|brings?|took|taking|pushing|raising|raised|revised|updated)\s+(?:the\s+)?"
    r"(?:\w+\s+){0,2}?(?:toll|number\s+of\s+(?:dead|deaths|victims))\b|"
    r"\bmore\s+bodies\b|\b(?:later\s+)?died\s+(?:of|from)\s+(?:their|his|her)\s+(?:wounds|injuries)\b",
    re.IGNORECASE,
)


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10,
           "nov": 11, "dec": 12}
_MONTH = (r"(?P<{g}>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
# The day an event happened, as a figure's sentence names it (month names capitalised: "may" is a verb).
_EVENT_DAY = re.compile(
    r"\b(?:(?:on|late|early|last)\s+(?P<wd>(?i:monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b|"
    r"(?P<wd2>(?i:monday|tuesday|wednesday|thursday|friday|saturday|sunday))(?:'s|’s|\s+(?i:night|morning|evening|afternoon))\b|"
    r"\bon\s+" + _MONTH.format(g="m1") + r"\s+(?P<d1>\d{1,2})\b|"
    r"\bon\s+(?:the\s+)?(?P<d2>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH.format(g="m2") + r"|"
    r"(?P<yesterday>(?i:yesterday|last\s+night)))",
)

_SAID = re.compile(r"\b(?:said|says|say|told|reported|announced|added|confirmed|stated)(?:\s+\w+)?\s+$", re.IGNORECASE)


def event_day(sentence: str, published: dt.date | None) -> dt.date | None:
    """The day the sentence says its event happened, read against the day it was published: a weekday is
    the latest such day up to it, a month and day the nearest such date not after it."""
    if published is None:
        return None
    lowered = sentence.lower()
    if not any(w in lowered for w in _DAY_NEEDS) and not _DATE_HINT.search(sentence):
        return None
    # The day something was said is not the event's ("..., officials said on Tuesday").
    m = next((m for m in _EVENT_DAY.finditer(sentence) if not _SAID.search(sentence, 0, m.start())), None)
    if m is None:
        return None
    weekday = m.group("wd") or m.group("wd2")
    if weekday:
        back = (published.weekday() - _WEEKDAYS.index(weekday.lower())) % 7
        return published - dt.timedelta(days=back)
    if m.group("yesterday"):
        return published - dt.timedelta(days=1)
    month, day = (m.group("m1"), m.group("d1")) if m.group("m1") else (m.group("m2"), m.group("d2"))
    try:
        found = dt.date(published.year, _MONTHS[month[:3].lower()], int(day))
        if found > published + dt.timedelta(days=1):  # a date after publication was last year's
            found = found.replace(year=published.year - 1)
    except ValueError:  # "Feb. 30", "Feb. 29" of a common year
        return None
    return found


class Reported(NamedTuple):
    """A figure an article states, as linking needs it."""

    kind: str
    value: int
    scope: str | None  # figure_scope.SCOPES, None where unknown
    revision: bool = False  # its sentence says it revises an earlier count (`is_revision`)
    day: dt.date | None = None  # the day its sentence says its event happened (`event_day`)


# Words without which `_REVISION` / `_EVENT_DAY` cannot match (lower-cased): most figures' sentences hold
# none, and a test for a dozen substrings costs a fraction of one search of the patterns.
_REVISION_NEEDS = ("toll", "number of", "count", "figure", "bodies", "died")
_DAY_NEEDS = (*_WEEKDAYS, "yesterday", "last night")
_DATE_HINT = re.compile(r"\bon\s+(?:the\s+)?(?:\d|[A-Z][a-z]+\.?\s+\d)")  # "on Sept. 10", "on 10 September"


def is_revision(sentence: str) -> bool:
    """The sentence reports a revised count: "the death toll rose to 45", "bringing the toll to 20"."""
    lowered = sentence.lower()
    return any(w in lowered for w in _REVISION_NEEDS) and bool(_REVISION.search(sentence))


def reported(kind: str, value: int, scope: str | None, sentence: str, published: dt.date | None = None) -> Reported:
    """A figure as linking compares it. Only an event's figures (`EVENT_SCOPES`) are read for a revision
    and a day: a running total's sentence says nothing about one event."""
    if scope not in EVENT_SCOPES or not sentence:
        return Reported(kind, int(value), scope)
    return Reported(kind, int(value), scope, is_revision(sentence), event_day(sentence, published))


def close(a: int, b: int) -> bool:
    """Two counts outlets may give of one event."""
    return abs(a - b) <= max(SLACK, SLACK_SHARE * max(a, b))


def _by_kind_and_scope(figures: Iterable[Reported]) -> dict[tuple[str, str | None], list[Reported]]:
    out: dict[tuple[str, str | None], list[Reported]] = {}
    for f in figures:
        out.setdefault((f.kind, f.scope), []).append(f)
    return out


def _agree(earlier: list[Reported], later: list[Reported]) -> bool:
    """Whether the figures of one kind and scope of two reports may be counts of one event."""
    days_a = {f.day for f in earlier if f.day is not None}
    days_b = {f.day for f in later if f.day is not None}
    if days_a and days_b:  # the days the sentences name decide, whatever other figures of the kind say
        return bool(days_a & days_b)
    for x in earlier:
        for y in later:
            if x.scope not in EVENT_SCOPES:
                # A running total that moved at all between two days counted another event: no slack.
                if x.value == y.value:
                    return True
            elif close(x.value, y.value) or y.revision:
                return True
    return False


Evidence = dict  # (kind, scope) -> the report's figures of that kind and scope (`evidence`)


def evidence(figures: Iterable[Reported]) -> Evidence:
    """A report's figures grouped as `conflict` compares them: computed once per report."""
    return _by_kind_and_scope(figures)


def conflict(day_a: dt.date, evidence_a: Evidence, day_b: dt.date, evidence_b: Evidence) -> bool:
    """`different_events` of two reports' `evidence`."""
    if day_a == day_b or not evidence_a or not evidence_b:
        return False
    if day_a > day_b:
        evidence_a, evidence_b = evidence_b, evidence_a
    return any(not _agree(evidence_a[key], evidence_b[key]) for key in evidence_a.keys() & evidence_b.keys())


def different_events(day_a: dt.date, figures_a: Iterable[Reported], day_b: dt.date,
                     figures_b: Iterable[Reported]) -> bool:
    """Whether the two reports' figures say they are of different events (see the module's doc)."""
    return conflict(day_a, evidence(figures_a), day_b, evidence(figures_b))


def different_texts(figures_a: Iterable[Reported], figures_b: Iterable[Reported]) -> bool:
    """Whether two near-identical texts state other values of one kind: then they are not copies.

    A copy cut short may have lost a figure, so only a kind whose values in one are not all among the
    other's counts (a toll of 23 in one and 41 in the other; {12, 300} and {12} agree)."""
    values_a: dict[str, set[int]] = {}
    values_b: dict[str, set[int]] = {}
    for f in figures_a:
        values_a.setdefault(f.kind, set()).add(f.value)
    for f in figures_b:
        values_b.setdefault(f.kind, set()).add(f.value)
    for kind in values_a.keys() & values_b.keys():
        a, b = values_a[kind], values_b[kind]
        if not (a <= b or b <= a):
            return True
    return False
