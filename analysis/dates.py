"""Publication dates as news pages write them: "2025-12-02 17:30", "Dec. 2, 2025", "2 December 2025",
RFC 2822 from feeds. A few compiled patterns rather than a general date parser: they are exact about
which string they read, fast, and never guess (no "today" fallback, no day/month swap on "02/12/2025").
"""
from __future__ import annotations

import datetime as dt
import re

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
_MONTH = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_PATTERNS = (
    # 2025-12-02, 2025-12-02T17:30:00Z, 2025/12/02
    re.compile(r"(?<!\d)(?P<year>(?:19|20)\d\d)[-/.](?P<mnum>\d{1,2})[-/.](?P<day>\d{1,2})(?!\d)"),
    # Dec. 2, 2025 / December 2 2025 / Sept. 30, 2025
    re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)\b", re.I),
    # 2 December 2025 / 02 Dec 2025 (RFC 2822) / 2nd of December, 2025
    re.compile(rf"(?<!\d)(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+(?P<year>(?:19|20)\d\d)\b", re.I),
    # 20.11.2025: dots are the European day-first order (slashes, "02/12/2025", stay unread: no guessing)
    re.compile(r"(?<![\d.])(?P<day>\d{1,2})\.(?P<mnum>\d{1,2})\.(?P<year>(?:19|20)\d\d)(?![\d.]\d)"),
)
EARLIEST_YEAR = 1990


def _plausible(date: dt.date, today: dt.date | None) -> bool:
    today = today or dt.date.today()
    return date.year >= EARLIEST_YEAR and date <= today + dt.timedelta(days=1)


def _from_match(m: re.Match[str]) -> dt.date | None:
    parts = m.groupdict()
    month = int(parts["mnum"]) if parts.get("mnum") else _MONTHS[parts["month"].lower()[:3]]
    try:
        return dt.date(int(parts["year"]), month, int(parts["day"]))
    except ValueError:  # 2025-02-30
        return None


def find_date(text: str, today: dt.date | None = None) -> tuple[dt.date, int, int] | None:
    """The first plausible date written in `text`, with its span."""
    best: tuple[dt.date, int, int] | None = None
    for pattern in _PATTERNS:
        for m in pattern.finditer(text):
            date = _from_match(m)
            if date and _plausible(date, today):
                if best is None or m.start() < best[1]:
                    best = (date, m.start(), m.end())
                break
    return best


def parse_date(value: str | None, today: dt.date | None = None) -> dt.date | None:
    """The date a metadata field or byline states, or None; never raises, never guesses."""
    if not value or not isinstance(value, str):
        return None
    found = find_date(value[:500], today)
    return found[0] if found else None
