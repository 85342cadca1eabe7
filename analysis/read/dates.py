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
# A month name may be glued to a label before it ("PublishedMarch 3, 2024": a lower-case letter then the
# capital) and a year to the story after it ("June 2, 2024The minister said"), as scraped pages lose spaces.
_MONTH_START = r"(?:\b|(?<=[a-z])(?=[A-Z]))"
_YEAR_END = r"(?!\d)"
_PATTERNS = (
    # 2025-12-02, 2025-12-02T17:30:00Z, 2025/12/02
    re.compile(r"(?<!\d)(?P<year>(?:19|20)\d\d)[-/.](?P<mnum>\d{1,2})[-/.](?P<day>\d{1,2})(?!\d)"),
    # Dec. 2, 2025 / December 2 2025 / Sept. 30, 2025
    re.compile(rf"{_MONTH_START}{_MONTH}\s*(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d){_YEAR_END}", re.I),
    # 2 December 2025 / 02 Dec 2025 (RFC 2822) / 2nd of December, 2025 / 14 March, 2024
    re.compile(rf"(?<!\d)(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+(?P<year>(?:19|20)\d\d){_YEAR_END}", re.I),
    # 20.11.2025: dots are the European day-first order (slashes, "02/12/2025", stay unread: no guessing)
    re.compile(r"(?<![\d.])(?P<day>\d{1,2})\.(?P<mnum>\d{1,2})\.(?P<year>(?:19|20)\d\d)(?![\d.]\d)"),
)
EARLIEST_YEAR = 1990
# Every pattern above holds this year: text without one (most lines a page's cleaning asks about) cannot
# match any, and one scan for it costs a seventh of the four scans.
_YEAR = re.compile(r"(?:19|20)\d\d")


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
    if not _YEAR.search(text):
        return None
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


# --- dates without a year, and dates in addresses ---------------------------------------------------

# A dateline that names the day but not the year: "TAIPEI, Nov 27 (Reuters) -", "SEOUL, March 9. /Yonhap/.",
# "KHARTOUM, 14 March (AFP) -". The place is in capitals or title case, then the date, then the agency or a
# dash or a full stop.
_DAY_MONTH = (
    rf"(?:(?i:{_MONTH})[ \t]*(?P<day>\d{{1,2}})|(?P<day2>\d{{1,2}})[ \t]+(?i:{_MONTH.replace('month', 'month2')}))"
    r"(?:st|nd|rd|th)?(?![\w,]|[ \t]*,?[ \t]*(?:19|20)\d\d)"
)
# After the date, an agency in parentheses or slashes says it is a dateline by itself ("Sept 5 (KUNA) Algeria
# said"); without one, a dash, a colon or a full stop must.
_DATELINE_END = r"(?:[ \t]*(?:\([^)\n]{1,40}\)|/[^/\n]{1,40}/)[ \t]*(?:\.|-{1,2}|—|–|:)?|[ \t]*(?:\.|-{1,2}|—|–|:))"
_YEARLESS_DATELINE = re.compile(
    rf"^[ \t]*[A-Z][\w.'’\-]*(?:[ \t,]+[A-Z][\w.'’\-]*){{0,4}}[ \t]*,[ \t]*{_DAY_MONTH}{_DATELINE_END}",
)
# The same dateline after other text on its line (a headline or a tag run into it: "Algeria, Kuwait discuss
# ties ALGIERS, Sept 5 (KUNA) --"): only a place in capitals and an agency in parentheses are sure enough.
_AGENCY_DATELINE = re.compile(
    rf"(?<![\w-])[A-Z][A-Z.'’\-]+(?:[ \t]+[A-Z][A-Z.'’\-]+){{0,3}}[ \t]*,[ \t]*{_DAY_MONTH}"
    r"[ \t]*\((?:[A-Z][\w.&' -]{1,30})\)",
)
# A numeric month/day and a clock alone on a line at the head of a page: "05/27 08:14", "11/03 19:40 GMT",
# "Updated 05/27 08:14".
_YEARLESS_STAMP = re.compile(
    r"^[ \t]*(?:(?:updated|published|posted)[ \t]*:?[ \t]*)?(?P<mnum>0?[1-9]|1[0-2])/(?P<day>0?[1-9]|[12]\d|3[01])"
    r"[ \t]+(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?(?:[ \t]*(?:[ap]\.?m\.?|[A-Z]{2,4}(?:[+-]\d{1,2})?))?[ \t]*$",
    re.IGNORECASE,
)
# /2024/03/14/, /2024-03-14-, _20240314_ in a page's address (the date outlets file stories under).
_URL_DATE = re.compile(
    r"[/_-](?P<year>(?:19|20)\d\d)(?:[/-](?P<mnum>\d{1,2})[/-](?P<day>\d{1,2})|(?P<mnum2>[01]\d)(?P<day2>[0-3]\d))(?=[/_.-]|$)"
)


def find_yearless_dateline(text: str) -> tuple[int, int, int, int] | None:
    """(month, day, start, end) of a dateline with no year at the start of `text`."""
    m = _YEARLESS_DATELINE.match(text) or _AGENCY_DATELINE.search(text, 0, 300)
    if not m:
        return None
    month_name = m.group("month") or m.group("month2")
    day = int(m.group("day") or m.group("day2"))
    return _MONTHS[month_name.lower()[:3]], day, m.start(), m.end()


def find_yearless_stamp(line: str) -> tuple[int, int] | None:
    """(month, day) of a line that is only a numeric date and a time ("05/27 08:14"), month first."""
    m = _YEARLESS_STAMP.match(line)
    return (int(m.group("mnum")), int(m.group("day"))) if m else None


def infer_year(month: int, day: int, evidence: dt.date) -> dt.date | None:
    """The latest (month, day) not after `evidence` (the feed's date, the address's date, the ingestion
    day): a story dated "Nov 27" read on 2026-01-03 is from 2025, read on 2026-11-28 from 2026."""
    for year in (evidence.year, evidence.year - 1):
        try:
            date = dt.date(year, month, day)
        except ValueError:  # Feb 29 in a year without it
            continue
        if date <= evidence:
            return date
    return None


def date_in_url(url: str | None, today: dt.date | None = None) -> dt.date | None:
    """The date in a story's address ("/2024/03/14/"), or None."""
    if not url:
        return None
    for m in _URL_DATE.finditer(url):
        try:
            date = dt.date(int(m.group("year")), int(m.group("mnum") or m.group("mnum2")),
                           int(m.group("day") or m.group("day2")))
        except ValueError:
            continue
        if _plausible(date, today):
            return date
    return None
