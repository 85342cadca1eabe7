"""Publication dates as news pages write them: "2025-12-02 17:30", "Dec. 2, 2025", "2 December 2025",
"14/03/2024", "14-Mar-2024", RFC 2822 from feeds. A few compiled patterns rather than a general date
parser: they are exact about which string they read, fast, and never guess.

Numeric dates ("03/04/2024") are read in the order the evidence allows (`numeric_order`): certain when one
part is over 12 or both are equal, or when the other reading is after the day the page is read; else by
the order of the page's other numeric dates or the country of its address; else they stay unread. Dots
("02.12.2025") are day first, as everywhere they are written.
"""
from __future__ import annotations

import datetime as dt
import functools
import re
import time
from collections.abc import Iterable, Iterator

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
_MONTH_NAME = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_MONTH = _MONTH_NAME + r"\.?"
# The months as French, Spanish, Portuguese, Italian, German, Dutch and Indonesian or Malay pages write them, and
# English-language pages that carry a French or Spanish byline ("18 février 2026 | Standard Digital"). Read only
# in a whole date with its year, day first as those languages write it ("24 Septembre 2017", "12 de septiembre
# de 2010", "13. Juni 2018", "Kamis, 21 Februari 2013"): alone, "mars", "mai" or "mei" are words of their own.
_OTHER_MONTHS = {
    "janvier": 1, "janv": 1, "enero": 1, "janeiro": 1, "gennaio": 1, "januar": 1, "janner": 1, "januari": 1,
    "fevrier": 2, "fevr": 2, "febrero": 2, "fevereiro": 2, "febbraio": 2, "februar": 2, "februari": 2,
    "mars": 3, "marzo": 3, "marco": 3, "marz": 3, "maart": 3, "maret": 3, "mac": 3,
    "avril": 4, "avr": 4, "abril": 4, "aprile": 4,
    "mai": 5, "mayo": 5, "maio": 5, "maggio": 5, "mei": 5,
    "juin": 6, "junio": 6, "junho": 6, "giugno": 6, "juni": 6,
    "juillet": 7, "juil": 7, "julio": 7, "julho": 7, "luglio": 7, "juli": 7,
    "aout": 8, "agosto": 8, "augustus": 8, "agustus": 8, "ogos": 8,
    "septembre": 9, "septiembre": 9, "setiembre": 9, "setembro": 9, "settembre": 9,
    "octobre": 10, "octubre": 10, "outubro": 10, "ottobre": 10, "oktober": 10,
    "novembre": 11, "noviembre": 11, "novembro": 11,
    "decembre": 12, "diciembre": 12, "dezembro": 12, "dicembre": 12, "dezember": 12, "desember": 12, "disember": 12,
}
_OTHER_MONTH_NAME = (
    r"(?P<omonth>janvier|janv|enero|janeiro|gennaio|januar|j[aä]nner|januari|f[ée]vrier|f[ée]vr|febrero|fevereiro"
    r"|febbraio|februar|februari|mars|marzo|mar[cç]o|m[aä]rz|maart|maret|mac|avril|abril|aprile|mai|mayo|maio|maggio"
    r"|mei|juin|junio|junho|giugno|juni|juillet|juil|julio|julho|luglio|juli|ao[uû]t|agosto|augustus|agustus|ogos"
    r"|septembre|septiembre|setiembre|setembro|settembre|octobre|octubre|outubro|ottobre|oktober|novembre|noviembre"
    r"|novembro|d[ée]cembre|d[ée]c|avr|diciembre|dezembro|dicembre|dezember|desember|disember)"
)
_ACCENTS = str.maketrans("éèêûäçâ", "eeeuaca")


def _month_number(name: str) -> int:
    """The month a name says: "Dec", "december", "décembre", "Dezember"."""
    name = name.lower().translate(_ACCENTS)
    return _OTHER_MONTHS.get(name) or _MONTHS[name[:3]]
# A month name may be glued to a label before it ("PublishedMarch 3, 2024": a lower-case letter then the
# capital) and a year to the story after it ("June 2, 2024The minister said"), as scraped pages lose spaces.
_MONTH_START = r"(?:\b|(?-i:(?<=[a-z])(?=[A-Z])))"  # case-sensitive: "dismay 3, 2024" is no date
_YEAR_END = r"(?!\d)"
_YEAR4 = r"(?P<year>(?:19|20)\d\d)"
# A day and month in numbers, either order, one separator used twice: 14/03/2024, 03-14-2024, 14.03.2024.
# Not inside a longer run of numbers (a version "1.14.03.2024", a reference "12/14/2024/7").
_NUMERIC_PARTS = r"(?P<a>\d{1,2})(?P<sep>[/.-])(?P<b>\d{1,2})(?P=sep)"
_NOT_AFTER_NUMBER = r"(?<![\d/.-])"
_NOT_BEFORE_NUMBER = r"(?!\d|[/.-]\d)"
# Two-digit years ("14/03/24") only after a label that says a date follows: alone, "14/03/24" may be a
# score, a reference or a year-first date as well.
_DATE_LABEL = r"(?:(?:first\s+|last\s+)?(?:published|updated|posted|modified)(?:\s+on)?|dated?)\s*:?\s*"

# Each way of writing a date, as a pattern of its own (its groups: year, then mnum or month, and day; or a,
# sep and b for a numeric day and month either way round; date, where the date is only part of the match).
_FORMS = (
    # 2025-12-02, 2025-12-02T17:30:00Z, 2025-12-02T23:30:00-05:00 (the date as the page wrote it: the
    # publisher's own day, not converted to another zone), 2025/12/02, 2025.12.02
    rf"(?<!\d){_YEAR4}[-/.](?P<mnum>\d{{1,2}})[-/.](?P<day>\d{{1,2}})(?!\d)",
    # Dec. 2, 2025 / December 2 2025 / Sept. 30, 2025 / Mar-14-2024 / November 2nd , 2014
    rf"{_MONTH_START}{_MONTH_NAME}(?:\.?\s*|[-/])(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:[ \t]*,?\s+|[-/])"
    rf"{_YEAR4}{_YEAR_END}",
    # 2 December 2025 / 02 Dec 2025 (RFC 2822) / 2nd of December, 2025 / 14 March, 2024 / 14-Mar-2024 /
    # 14.Mar.2024; and a month in another language (`_OTHER_MONTH_NAME`): 18 février 2026 / 1er janvier 2024 /
    # 12 de septiembre de 2010 / 21 de Fevereiro 2022 / 13. Juni 2018 / 17 Mai 2022 (one form: a form of its own
    # would be tried at every place of every text)
    rf"(?<![\d.])(?P<day>\d{{1,2}})(?:(?:st|nd|rd|th)?(?:\s+(?:of\s+)?|[-/.]){_MONTH_NAME}(?:\.?[ \t]*,?\s+|[-/.])"
    # (a word and a year must follow the day before the other languages' names are tried: "12 soldiers" fails
    # at once)
    rf"|(?:er|º|°)?\.?[ \t]+(?:de[ \t]+)?(?=[^\W\d_]{{3,10}}+\.?[ \t]*,?[ \t]*(?:de[ \t]+)?(?:19|20)\d\d)"
    rf"{_OTHER_MONTH_NAME}\.?(?![^\W\d_])[ \t]*,?[ \t]*(?:de[ \t]+)?)"
    rf"{_YEAR4}{_YEAR_END}",
    # 2024-Mar-14 / 2024 March 14
    rf"(?<![\d.]){_YEAR4}(?P<sep>[-/ ]){_MONTH_NAME}\.?(?P=sep)(?P<day>\d{{1,2}})(?!\d)",
    # 14/03/2024, 03/14/2024, 14-03-2024, 20.11.2025; and with dots and spaces, 13. 06. 2018, 13.06. 2018 (day
    # first, as dots are). The year must follow: "13. 06." alone is a score, a chapter or a version as often.
    rf"{_NOT_AFTER_NUMBER}(?P<a>\d{{1,2}})(?P<sep>[/.-])(?:(?<=\.)[ \t]+)?(?P<b>\d{{1,2}})(?P=sep)(?:(?<=\.)[ \t]+)?"
    rf"{_YEAR4}{_NOT_BEFORE_NUMBER}",
    # 20240314T093000Z: the compact ISO form, only with its time (eight digits alone are an id as often)
    rf"(?<!\d){_YEAR4}(?P<mnum>0[1-9]|1[0-2])(?P<day>[0-3]\d)T[0-2]\d:?[0-5]\d",
    # Published: 14/03/24, Updated on 03/14/24 09:30. Two-digit years only after a label that says a date
    # follows: alone, "14/03/24" may be a score, a reference or a year-first date as well.
    rf"\b{_DATE_LABEL}(?P<date>{_NUMERIC_PARTS}(?P<year>\d\d)){_NOT_BEFORE_NUMBER}",
)


def _numbered(form: str, i: int) -> str:
    """The form with its groups named for its place among the forms (`year` -> `year_3`): one pattern then
    holds them all, and a text is scanned once."""
    return re.sub(r"\(\?P([<=])(\w+)", lambda m: f"(?P{m.group(1)}{m.group(2)}_{i}", form)


# One scan for all: the leftmost date in the text, the earlier form first where two start at one place.
_ANY_DATE = re.compile("|".join(f"(?P<form_{i}>{_numbered(form, i)})" for i, form in enumerate(_FORMS)), re.I)
EARLIEST_YEAR = 1990
# Every form above holds a four-digit year, or a digit, a separator and two digits: text without either
# (most lines a page's cleaning asks about) cannot match, and this scan costs a fraction of the full one.
_HINT = re.compile(r"(?:19|20)\d\d|\d[/.-]\d\d(?!\d)")


def _plausible(date: dt.date, today: dt.date | None) -> bool:
    today = today or dt.date.today()
    return date.year >= EARLIEST_YEAR and date <= today + dt.timedelta(days=1)


def _full_year(two_digits: str, today: dt.date | None) -> int:
    """"24" is 2024 unless that is after today's year, then 1924 (too early to be believed: unread)."""
    year = 2000 + int(two_digits)
    return year if year <= (today or dt.date.today()).year else year - 100


# Per form, its groups' names in `_FORMS` and in `_ANY_DATE`.
_FORM_GROUPS = {
    f"form_{i}": tuple((name, f"{name}_{i}") for name in dict.fromkeys(re.findall(r"\(\?P<(\w+)>", form)))
    for i, form in enumerate(_FORMS)
}


def _parts(m: re.Match[str]) -> dict[str, str]:
    """The groups of the form that matched, by their names in `_FORMS`."""
    if m.re is _ISO_AT_START:
        return m.groupdict()
    return {name: m.group(numbered) for name, numbered in _FORM_GROUPS[m.lastgroup]}  # type: ignore[index]


def _readings(m: re.Match[str], today: dt.date | None) -> tuple[dt.date, ...]:
    """The plausible dates a match may be: one, or two for a numeric day and month whose order is unknown
    (day first, then month first)."""
    parts = _parts(m)
    year = int(parts["year"]) if len(parts["year"]) == 4 else _full_year(parts["year"], today)
    if parts.get("a"):
        a, b = int(parts["a"]), int(parts["b"])
        orders = ((a, b), (b, a)) if a != b else ((a, b),)
    else:
        month = int(parts["mnum"]) if parts.get("mnum") else _month_number(parts.get("month") or parts["omonth"])
        orders = ((int(parts["day"]), month),)
    dates = []
    for day, month in orders:
        try:
            date = dt.date(year, month, day)
        except ValueError:  # 2025-02-30, or a month 14 in one of the two orders
            continue
        if _plausible(date, today):
            dates.append(date)
    if len(dates) == 2 and parts.get("sep") == ".":
        return (dates[0],)  # 02.12.2025: dots are day first
    return tuple(dates)


def _pick(readings: tuple[dt.date, ...], day_first: bool | None) -> dt.date | None:
    if len(readings) == 1:
        return readings[0]
    if len(readings) == 2 and day_first is not None:
        return readings[0] if day_first else readings[1]
    return None


def _span(m: re.Match[str]) -> tuple[int, int]:
    date = f"date{m.lastgroup.removeprefix('form')}"  # type: ignore[union-attr]
    return m.span(date) if date in m.re.groupindex else m.span()


# Metadata is most often ISO from its first character ("2025-12-02T17:30:00Z"): read at once, as the scan
# would (the ISO form is first among the forms, and nothing starts before it).
_ISO_AT_START = re.compile(r"[ \t]*(?P<year>(?:19|20)\d\d)-(?P<mnum>\d\d)-(?P<day>\d\d)(?!\d)")


def _dates_in(text: str, today: dt.date | None) -> Iterator[tuple[tuple[dt.date, ...], int, int]]:
    """Each date written in `text`, in order, as the dates it may be (`_readings`), with its span."""
    iso = _ISO_AT_START.match(text)
    if iso:
        readings = _readings(iso, today)
        if readings:
            yield readings, iso.start("year"), iso.end()
    if not _HINT.search(text):
        return
    for m in _ANY_DATE.finditer(text):
        readings = _readings(m, today)
        if readings:
            yield (readings, *_span(m))


_DatesFound = tuple[tuple[tuple[dt.date, ...], int, int], ...]
_SHORT_TEXT = 300


@functools.lru_cache(maxsize=1024)
def _dates_in_line(text: str, today: dt.date | None, day: int) -> _DatesFound:
    return tuple(_dates_in(text, today))


def _dates_of(text: str, today: dt.date | None) -> Iterable[tuple[tuple[dt.date, ...], int, int]]:
    """`_dates_in`, remembered for short texts: a page's cleaning asks about each line of its head several
    times (is it a byline, a teaser, what does it say), and a cache hit costs a tenth of a scan."""
    if len(text) > _SHORT_TEXT:
        return _dates_in(text, today)
    # What is plausible changes with the day: without `today`, the clock's day is in the key (a tenth of
    # the cost of asking for the date).
    return _dates_in_line(text, today, int(time.time() // 86_400) if today is None else 0)


def date_readings(text: str, today: dt.date | None = None) -> tuple[tuple[dt.date, ...], int, int] | None:
    """The first date written in `text`, as the dates it may be (two for "03/04/2024": day first, then
    month first), with its span; None when there is none."""
    return next(iter(_dates_of(text, today)), None)


def find_date(
    text: str, today: dt.date | None = None, day_first: bool | None = None
) -> tuple[dt.date, int, int] | None:
    """The first plausible date written in `text`, with its span. A numeric date whose day and month may be
    either way round is read in the order `day_first` gives (the page's evidence, `numeric_order`); without
    it, it is passed over: a date one cannot tell is better unread than a month wrong."""
    for readings, start, end in _dates_of(text, today):
        date = _pick(readings, day_first)
        if date:
            return date, start, end
    return None


def parse_date(value: str | None, today: dt.date | None = None, day_first: bool | None = None) -> dt.date | None:
    """The date a metadata field or byline states, or None; never raises, never guesses."""
    if not value or not isinstance(value, str):
        return None
    found = find_date(value[:500], today, day_first)
    return found[0] if found else None


# --- which way round a page writes day and month ---------------------------------------------------

_NUMERIC_DATE = re.compile(rf"{_NOT_AFTER_NUMBER}{_NUMERIC_PARTS}(?:(?:19|20)\d\d|\d\d){_NOT_BEFORE_NUMBER}")
# Countries whose pages write the month first: the United States, the Philippines, and those that write
# the year first at home (China, Taiwan, Japan, Korea), the month before the day whichever end the year
# goes ("03/14/2024 09:30 PM" on Focus Taiwan). The ones that write the day first: most of the world (Hong
# Kong too). Generic domains (.com, .org) and countries that write both (Canada) say nothing.
_MONTH_FIRST_DOMAINS = frozenset({"us", "gov", "mil", "ph", "cn", "tw", "jp", "kr"})  # .gov, .mil: the United States
_DAY_FIRST_DOMAINS = frozenset(
    "uk ie au nz in pk bd lk np za ng ke gh ug tz zw zm et eg ma dz tn ly sd ae sa qa kw bh om jo lb iq il ps "
    "ir af tr ru ua by pl cz sk hu ro bg md rs hr si ba me mk al gr cy mt it es pt fr be nl lu de at ch dk no "
    "se fi ee lv lt is br ar cl co pe ve ec bo py uy mx gt hn ni cr pa cu do sv my sg id vn th mm kh "
    "ng sn ml ne bf ci cm cd cg ga td cf ss so dj er rw bi mg mz ao na bw hk".split()
)
_HOST = re.compile(r"^[a-z][a-z0-9+.-]*://(?:[^/@?#]*@)?(?P<host>[^/:?#]+)", re.I)


def _order_of_address(url: str | None) -> bool | None:
    m = _HOST.match(url or "")
    if not m:
        return None
    tld = m.group("host").rstrip(".").rsplit(".", 1)[-1].lower()
    return True if tld in _DAY_FIRST_DOMAINS else False if tld in _MONTH_FIRST_DOMAINS else None


def _certain_order(m: re.Match[str]) -> bool | None:
    """True (day first) or False (month first) when a numeric date's order is certain: one part over 12."""
    a, b = int(m.group("a")), int(m.group("b"))
    if m.group("sep") == "." or not (1 <= a <= 31 and 1 <= b <= 31):
        return None
    return True if a > 12 >= b else False if b > 12 >= a else None


def numeric_order(text: str, url: str | None = None) -> bool | None:
    """Whether a page writes numeric dates day first (True), month first (False), or one cannot tell
    (None): from its own numeric dates whose order is certain (a part over 12: a comment's time stamp, a
    teaser's date, an update line are the same site's habit), else from the country of its address. Dates
    both ways round on one page say nothing."""
    seen = {order for m in _NUMERIC_DATE.finditer(text) if (order := _certain_order(m)) is not None}
    if len(seen) == 1:
        return seen.pop()
    return None if seen else _order_of_address(url)


class ColumnOrder:
    """Which way round an export's date column writes numeric dates, from the values seen so far: day first
    (True) or month first (False) once a value's order is certain ("13/05/2024"), None while none is, and
    None for good once values disagree (a column that mixes both says nothing of its "05/03/2024")."""

    def __init__(self) -> None:
        self._seen: set[bool] = set()

    def add(self, value: str | None) -> None:
        m = _NUMERIC_DATE.search(value[:100]) if isinstance(value, str) else None
        order = _certain_order(m) if m else None
        if order is not None:
            self._seen.add(order)

    @property
    def day_first(self) -> bool | None:
        return next(iter(self._seen)) if len(self._seen) == 1 else None

    @property
    def conflicting(self) -> bool:
        """Whether values both ways round were seen: no value read later changes the answer (None)."""
        return len(self._seen) == 2


def column_order(values: Iterable[str | None]) -> bool | None:
    """Whether a column of dates writes numeric dates day first (True), month first (False), or one cannot
    tell (None): from its values whose order is certain (a part over 12); values both ways round say nothing."""
    order = ColumnOrder()
    for value in values:
        order.add(value)
    return order.day_first


def settle_numeric_date(value: str | None, day_first: bool | None, today: dt.date | None = None) -> str | None:
    """The value, or the ISO date it means when it is a numeric date that may be either way round ("05/03/2024
    08:14") and `day_first` (the column's order, `column_order`) says which way it is written."""
    if not isinstance(value, str) or day_first is None:
        return value
    found = date_readings(value[:500], today)
    if found and len(found[0]) == 2:
        return found[0][0 if day_first else 1].isoformat()
    return value


def numeric_writing(text: str, date: dt.date) -> str | None:
    """The numeric date that may be either way round ("03/04/2024") `text` writes `date` as, when that is
    the only way it writes it: not in ISO ("2024-04-03"), year first, nor by a day over 12 (a reader that
    took "03/04/2024" for 3 April, as htmldate does, took the day first without evidence)."""
    if date.day > 12 or date.day == date.month:
        return None
    if date.isoformat() in text or f"{date.year}/{date.month:02d}/{date.day:02d}" in text:
        return None
    a, b, year = date.day, date.month, date.year
    either = re.compile(
        rf"{_NOT_AFTER_NUMBER}(?:0?{a}(?P<s>[/-])0?{b}(?P=s)|0?{b}(?P<t>[/-])0?{a}(?P=t)){year}{_NOT_BEFORE_NUMBER}"
    )
    m = either.search(text)
    if not m:
        return None
    # Written another way too ("April 3, 2024" in the byline, "03/04/2024" under a photo): certain.
    if any(_readings(other, None) == (date,) for other in _ANY_DATE.finditer(text)):
        return None
    return m.group()


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
# A dateline alone on its line ("Gurdaspur, January 9" above the story) ends with it.
_DATELINE_END = (
    r"(?:[ \t]*(?:\([^)\n]{1,40}\)|/[^/\n]{1,40}/)[ \t]*(?:\.|-{1,2}|—|–|:)?|[ \t]*(?:\.|-{1,2}|—|–|:)"
    r"|[ \t]*(?=\n|$))"
)
# The place may name its country or state in brackets or parentheses: "Manila [Philippines], November 4 (ANI/
# Xinhua):", "Faizabad (Afghanistan), April 25 (IANS)", "Srinagar (J&K), Oct 5".
_PLACE_QUALIFIER = r"(?:[ \t]*(?:\[[A-Z][^\]\n]{1,30}\]|\([A-Z][^)\n]{1,30}\)))?"
_YEARLESS_DATELINE = re.compile(
    rf"^[ \t]*[A-Z][\w.'’\-]*(?:[ \t,]+[A-Z][\w.'’\-]*){{0,4}}{_PLACE_QUALIFIER}[ \t]*,[ \t]*{_DAY_MONTH}"
    rf"{_DATELINE_END}",
)
# The same dateline after other text on its line (a headline or a tag run into it: "Algeria, Kuwait discuss
# ties ALGIERS, Sept 5 (KUNA) --"): only a place in capitals and an agency in parentheses are sure enough.
_AGENCY_DATELINE = re.compile(
    rf"(?<![\w-])[A-Z][A-Z.'’\-]+(?:[ \t]+[A-Z][A-Z.'’\-]+){{0,3}}[ \t]*,[ \t]*{_DAY_MONTH}"
    r"[ \t]*\((?:[A-Z][\w.&' -]{1,30})\)",
)
# A place in capitals and a full stop before the day, as Interfax writes its datelines: "KHARKIV. Aug 15
# (Interfax-Ukraine) –", "KYIV. March 9 -". An agency in parentheses or a dash must follow (a full stop after a
# place in capitals may end a sentence).
_FULL_STOP_DATELINE = re.compile(
    rf"^[ \t]*[A-Z][A-Z'’\-]+(?:[ \t]+[A-Z][A-Z'’\-]+){{0,3}}\.[ \t]+{_DAY_MONTH}"
    r"[ \t]*(?:\([^)\n]{1,40}\)[ \t]*(?:-{1,2}|—|–|:)?|(?:-{1,2}|—|–))"
)
# A numeric day and month and a clock alone on a line at the head of a page: "05/27 08:14", "11/03 19:40
# GMT", "Updated 27/05 08:14".
_CLOCK = r"(?:[01]?\d|2[0-3])[:.][0-5]\d(?::[0-5]\d)?(?:[ \t]*[ap]\.?m\.?)?(?:[ \t]*[A-Z]{2,4}(?:[+-]\d{1,2})?)?"
_STAMP_LABEL = r"(?:(?:last[ \t]+)?(?:updated|upd\.?|published|posted)(?:[ \t]+on)?[ \t]*:?[ \t]*)?"
_WEEKDAY = r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?[ \t]+"
_YEARLESS_STAMP = re.compile(
    rf"^[ \t]*{_STAMP_LABEL}(?:(?P<weekday>mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?[ \t]+)?"
    rf"(?P<a>\d{{1,2}})/(?P<b>\d{{1,2}})[ \t]+{_CLOCK}[ \t]*$",
    re.IGNORECASE,
)
# A day and month by name alone on such a line, perhaps with a weekday, a label, a clock or a place before
# it (a dateline on a line of its own): "Monday, March 9", "Updated: Nov 27, 2:15 pm ET", "9 March 10:30
# GMT", "Gurdaspur, January 9". With a year it would be a byline (`find_date`).
_PLACE_BEFORE = r"(?-i:[A-Z][\w.'’\-]*(?:[ \t]+[A-Z][\w.'’\-]*){0,3})[ \t]*,[ \t]*"
_YEARLESS_NAMED_STAMP = re.compile(
    rf"^[ \t]*(?:{_STAMP_LABEL}|{_PLACE_BEFORE})(?:{_WEEKDAY})?"
    rf"(?:{_MONTH}[ \t]*(?P<day>\d{{1,2}})|(?P<day2>\d{{1,2}})[ \t]+{_MONTH.replace('month', 'month2')})"
    rf"(?:st|nd|rd|th)?(?:,?[ \t]+(?:at[ \t]+)?{_CLOCK})?[ \t]*$",
    re.IGNORECASE,
)
# A day and month and nothing else ("July 17th", "March 9", "17 July") names no stamp: a heading, an event's name
# ("September 11", "July 4th"), a slogan. A page's stamp says what it is with a weekday, a clock, a label or a place.
_MONTH_WORD = _MONTH.replace("(?P<month>", "(?:")
_BARE_DAY_MONTH = re.compile(
    rf"^[ \t]*(?:{_MONTH_WORD}[ \t]*\d{{1,2}}|\d{{1,2}}[ \t]+{_MONTH_WORD})(?:st|nd|rd|th)?[ \t]*$", re.IGNORECASE
)
# A dateline of the day alone, no place: "Nov. 27 (Reuters) -", "Nov 27 -", "March 9: ". A dash, a colon or an
# agency must follow (a full stop after "March 9" starts many a sentence).
_BARE_DATELINE = re.compile(
    rf"^[ \t]*{_DAY_MONTH}(?:[ \t]*(?:\([^)\n]{{1,40}}\)|/[^/\n]{{1,40}}/)[ \t]*(?:-{{1,2}}|—|–|:)?"
    r"|[ \t]*(?:-{1,2}|—|–|:))[ \t]",
)
# Where a date in an address may start and end: between the path's separators, a file's extension or the query.
_URL_BEFORE = r"[/_-]"
_URL_AFTER = r"(?=[/_.?#&-]|$)"
# A clock run on after a compact date ("/20130722090830-", "-05152019151900"): hours, minutes, seconds.
_URL_CLOCK = r"(?:[01]\d|2[0-3])[0-5]\d[0-5]\d"
# /2024/03/14/, /2024-03-14-, /2012-10/31/ (the separators of one date), _20240314_, /20130722090830- (with its
# clock) in a page's address (the date outlets file stories under). A run of digits of another length is an id.
_URL_DATE = re.compile(
    rf"{_URL_BEFORE}(?P<year>(?:19|20)\d\d)(?:[/-](?P<mnum>\d{{1,2}})(?P<sep>[/-])(?P<day>\d{{1,2}})"
    rf"|(?P<mnum2>[01]\d)(?P<day2>[0-3]\d)(?:{_URL_CLOCK})?){_URL_AFTER}"
)
# The same with the month by name, as many outlets file them: /2019/may/27/, /2016/aug/3/, /23-Apr-2024/,
# /03-feb-2022-slug, and run together: /2008nov11/, /11nov2008/. One separator throughout, so a slug's words
# ("/2019/may/27-killed") are not a date's.
_URL_NAMED_DATE = re.compile(
    rf"{_URL_BEFORE}(?:(?P<year>(?:19|20)\d\d)(?P<sep>[/_-]?){_MONTH_NAME}(?P=sep)(?P<day>\d{{1,2}})"
    rf"|(?P<day2>\d{{1,2}})(?P<sep2>[/_-]?){_MONTH_NAME.replace('month', 'month2')}(?P=sep2)(?P<year2>(?:19|20)\d\d))"
    rf"{_URL_AFTER}",
    re.IGNORECASE,
)
# The day and month before the year: /14-03-2024/, _03_14_2024, -05152019151900 (month, day, year and clock run
# together: eight digits alone are an id as often). Either way round: read when one part is over 12, else in the
# order of the address's country; else not at all.
_URL_DAY_MONTH_YEAR = re.compile(
    rf"{_URL_BEFORE}(?:(?P<a>\d{{1,2}})(?P<sep>[-_.])(?P<b>\d{{1,2}})(?P=sep)(?P<year>(?:19|20)\d\d)"
    rf"|(?P<a2>[0-3]\d)(?P<b2>[0-3]\d)(?P<year2>(?:19|20)\d\d){_URL_CLOCK}){_URL_AFTER}"
)
# A query that names the date: ?date=2024-03-14, &pubdate=20240314, ?published=14-03-2024. Other stamps in a
# query are a cache's or a session's ("CTIME=2012-12-05-06-03-23"), not the story's.
_URL_DATE_PARAM = re.compile(
    r"[?&;](?:date|pub_?date|publish(?:ed|_?date)?|publication_?date|article_?date|story_?date|dt)=(?P<value>[^&#]{6,40})",
    re.IGNORECASE,
)
# /2024/03/ or /2019/aug/ with no day after it: the year and month a story is filed under.
_URL_YEAR_MONTH = re.compile(
    rf"{_URL_BEFORE}(?P<year>(?:19|20)\d\d)[/-](?:(?P<mnum>0?[1-9]|1[0-2])|{_MONTH_NAME})[/_-]",
    re.IGNORECASE,
)


# A dateline that states the whole date, at a paragraph's start: "KABUL, Oct 3, 2024 (AFP) -", "NEW DELHI,
# 14 March 2024 (Xinhua) --", "CULIACAN, Mexico, (APP - UrduPoint - 30th Sep, 2016 ) -", "Kano, Nigeria,
# (UrduPoint - 18th Mar, 2021 ) :". The date must lie before the dash or colon that ends the dateline: a date
# after it is the story's ("KABUL - The attack on March 5, 2019").
_DATED_DATELINE = re.compile(
    rf"^[ \t]*[A-Z][\w.'’\-]*(?:[ \t,]+[A-Z][\w.'’\-]*){{0,4}}{_PLACE_QUALIFIER}[ \t]*,[ \t]*"
    # (a colon before digits is a clock's: "Jane, 15/04/2024 10:22: so sad" is a comment, not a dateline)
    r"(?P<head>\([^)\n]{1,80}\)|[^()\n:—–]{1,40}?(?:[ \t]*\([^)\n]{1,40}\))?)[ \t]*(?:-{1,2}|—|–|:(?!\d))",
)


# The whole date right after an agency's dateline, as some wires run it: "SEOUL, South Korea (AP) - March 27,
# 2008 Yonhap news agency reported", "BEIJING (Xinhua) -- 12 March 2019:". The date must open what follows the
# dash: one later in the sentence is the story's ("CAIRO (AP) - The attack on March 5, 2019").
_AGENCY_THEN_DATE = re.compile(
    rf"^[ \t]*[A-Z][\w.'’\-]*(?:[ \t,]+[A-Z][\w.'’\-]*){{0,4}}{_PLACE_QUALIFIER}[ \t]*"
    r"\((?:[A-Z][\w.&' /-]{1,30})\)[ \t]*(?:-{1,2}|—|–|:)[ \t]*(?P<head>[^\n]{1,40})"
)


def find_dated_dateline(text: str, today: dt.date | None = None) -> dt.date | None:
    """The date a dateline at the start of `text` states with its year, or None."""
    m = _DATED_DATELINE.match(text)
    found = find_date(m.group("head"), today) if m else None
    if found is None and "(" in text[:80] and (m := _AGENCY_THEN_DATE.match(text)):
        found = find_date(m.group("head"), today)
        found = found if found and found[1] == 0 else None
    return found[0] if found else None


def find_yearless_dateline(text: str) -> tuple[int, int, int, int] | None:
    """(month, day, start, end) of a dateline with no year at the start of `text`."""
    m = (_YEARLESS_DATELINE.match(text) or _BARE_DATELINE.match(text) or _FULL_STOP_DATELINE.match(text)
         or _AGENCY_DATELINE.search(text, 0, 300))
    if not m:
        return None
    month_name = m.group("month") or m.group("month2")
    day = int(m.group("day") or m.group("day2"))
    return _MONTHS[month_name.lower()[:3]], day, m.start(), m.end()


def is_yearless_stamp(line: str, bare: bool = False) -> bool:
    """Whether a line is only a day and month, perhaps with a clock, a weekday or a label ("05/03 08:14",
    "Monday, March 9"): the page's stamp, whichever way round its numbers are. A bare day and month ("March 9")
    is one only where its place says so (`bare`: a byline's part beside a post's reading time)."""
    return bool(_YEARLESS_STAMP.match(line) or (
        _YEARLESS_NAMED_STAMP.match(line) and (bare or not _BARE_DAY_MONTH.match(line))))


def find_yearless_stamp(
    line: str, day_first: bool | None = None, evidence: dt.date | None = None, bare: bool = False
) -> tuple[int, int] | None:
    """(month, day) of a line that is only a day and month, perhaps with a clock ("05/27 08:14", "Monday,
    March 9"). Numbers are read in the order that is certain (a part over 12), else in `day_first`'s (the
    page's other dates or its address, `numeric_order`), else in the one whose latest date not after
    `evidence` falls on the weekday the line names ("Thu 05/03 08:14" read in May 2026: 2026-03-05 was a
    Thursday, 2025-05-03 a Saturday); else not at all: "05/03 08:14" alone may be 5 March or 3 May."""
    m = _YEARLESS_STAMP.match(line)
    if m:
        a, b = int(m.group("a")), int(m.group("b"))
        if not (1 <= a <= 31 and 1 <= b <= 31) or min(a, b) > 12:
            return None
        if a > 12 or b > 12 or a == b:
            order = a > 12
        elif day_first is not None:
            order = day_first
        else:
            weekday = weekday_of_stamp(line)
            order = _order_by_weekday(a, b, weekday, evidence) if weekday is not None and evidence else None
            if order is None:
                return None
        month, day = (b, a) if order else (a, b)
        return (month, day) if 1 <= day <= 31 else None
    m = None if _BARE_DAY_MONTH.match(line) and not bare else _YEARLESS_NAMED_STAMP.match(line)
    if m:
        month_name = m.group("month") or m.group("month2")
        day = int(m.group("day") or m.group("day2"))
        return (_MONTHS[month_name.lower()[:3]], day) if 1 <= day <= 31 else None
    return None


# A stamp or a date set apart at the end of a line by a run of spaces or a tab, as hard-wrapped wire pages print
# a headline and its time: "Taiwan: Chinese Warships in Strait     05/27 08:14".
_SET_APART_END = re.compile(r"\S(?: {3,}|\t+)(?P<stamp>[^\t]{5,40}?)[ \t]*$")
_HEAD_LINES = 8
_HEAD_CHARS = 2000


def stamp_set_apart(text: str, today: dt.date | None = None) -> str | None:
    """The stamp ("05/27 08:14", "May 27, 2023") that ends one line of a page's head, set apart from its
    headline by wide spaces, or None: none, or several (a list of headlines, each with its own time)."""
    head = text[:_HEAD_CHARS]
    if "   " not in head and "\t" not in head:
        return None
    found = []
    for line in [line for line in head.splitlines() if line.strip()][:_HEAD_LINES]:
        m = _SET_APART_END.search(line)
        if m and re.search(r" {3,}|\t", line[: m.start() + 1]):
            m = None  # a menu set apart by spaces ("Home   News   Sport      Tuesday, May 27"): the site's day
        if m and (is_yearless_stamp(m.group("stamp")) or is_date_alone(m.group("stamp"), today)):
            found.append(m.group("stamp"))
    return found[0] if len(found) == 1 else None


def weekday_of_stamp(line: str) -> int | None:
    """The weekday (Monday 0) a year-less stamp names: "Thu 05/03 08:14" (a short form is a weekday before a
    stamp's numbers), "Sunday, March 9"."""
    m = _YEARLESS_STAMP.match(line)
    if m and m.group("weekday"):
        return _WEEKDAYS[m.group("weekday").lower()]
    return stated_weekday(line)


def _order_by_weekday(a: int, b: int, weekday: int, evidence: dt.date) -> bool | None:
    """Day first (True) or month first (False) for "a/b": the reading whose latest date not after `evidence`
    falls on `weekday`, when only one does."""
    fits = {
        day_first for day_first, (month, day) in ((True, (b, a)), (False, (a, b)))
        if (date := infer_year(month, day, evidence)) is not None and date.weekday() == weekday
    }
    return fits.pop() if len(fits) == 1 else None


# A weekday's name, or a short form before a full stop or a comma ("Mon.", "Tues,"): alone, "Mon" and "Sun"
# are places as often ("MON STATE, March 9 -", "Sun City").
_WEEKDAY_WORD = re.compile(
    r"\b(?P<weekday>mon|tue|wed|thu|fri|sat|sun)(?:(?:day|sday|nesday|rsday|urday)\b|(?:s|rs)?(?=[.,]))",
    re.IGNORECASE,
)
_WEEKDAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
# The weekday of a day and month comes round to the same date within 11 years (28 for Feb 29).
_WEEKDAY_CYCLE_YEARS = 11


def stated_weekday(text: str) -> int | None:
    """The weekday (Monday 0) a stamp or a dateline's head names ("Sunday, March 9", "KYIV, Monday, March
    9 -"), or None."""
    m = _WEEKDAY_WORD.search(text, 0, 60)
    return _WEEKDAYS[m.group("weekday").lower()] if m else None


def infer_year(month: int, day: int, evidence: dt.date, weekday: int | None = None) -> dt.date | None:
    """The latest (month, day) not after `evidence` (the feed's date, the address's date, the ingestion
    day): a story dated "Nov 27" read on 2026-01-03 is from 2025, read on 2026-11-28 from 2026. A weekday
    the page states is evidence too: "Monday, March 9" read on 2026-01-05 is 2020-03-09, the latest March 9
    that was a Monday (if none in a cycle of years is, the weekday is a slip and the plain inference stands)."""
    if weekday is not None:
        for year in range(evidence.year, evidence.year - _WEEKDAY_CYCLE_YEARS - 1, -1):
            try:
                date = dt.date(year, month, day)
            except ValueError:  # Feb 29 in a year without it
                continue
            if date <= evidence and date.weekday() == weekday:
                return date
    for year in (evidence.year, evidence.year - 1):
        try:
            date = dt.date(year, month, day)
        except ValueError:
            continue
        if date <= evidence:
            return date
    return None


# A line that is a date's and little else (a label, a clock, an outlet): "Von: 14.04.2007", "11/17/2024 7:09:07
# PM", "Published: Apr 14, 2007 | Reuters". A sentence that names a day ("On April 14, 2003, troops entered
# Baghdad") is the story's history, not its stamp.
_DATE_LINE_MAX_WORDS = 5
_DATE_LINE_MAX_CHARS = 100
_LINE_CLOCK = re.compile(_CLOCK, re.IGNORECASE)
# The weekdays of the languages whose months a whole date may name (`_OTHER_MONTH_NAME`): "domingo, 12 de
# septiembre de 2010", "Kamis, 21 Februari 2013", "Montag, 13. Juni 2018" are dates alone as "Sunday, ..." is.
_OTHER_WEEKDAY = (
    r"lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lunes|martes|mi[ée]rcoles|jueves|viernes|s[áa]bado"
    r"|domingo|segunda|ter[çc]a|quarta|quinta|sexta|(?<=-)feira|luned[ìi]|marted[ìi]|mercoled[ìi]|gioved[ìi]"
    r"|venerd[ìi]|sabato|domenica|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|maandag|dinsdag"
    r"|woensdag|donderdag|vrijdag|zaterdag|zondag|senin|selasa|rabu|kamis|jumat|sabtu|minggu"
)
_WEEKDAY_OR_CLOCK = re.compile(
    rf"\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\b|\b(?:{_OTHER_WEEKDAY})\b|{_CLOCK}", re.IGNORECASE
)


def is_date_alone(line: str, today: dt.date | None = None) -> bool:
    """Whether a line is a date and nothing else but a weekday, a clock and punctuation ("October 14, 2021",
    "Tuesday June 28, 2016", "16 October 2023 | 10:31 GMT"): a stamp, never a sentence of a story."""
    if len(line) > 60 or not _HINT.search(line):
        return False
    found = next(iter(_dates_of(line, today)), None)
    if not found:
        return False
    rest = _WEEKDAY_OR_CLOCK.sub(" ", line[: found[1]] + " " + line[found[2]:])
    return not re.search(r"\w", rest)


def same_day_stated(text: str, month: int, day: int, today: dt.date | None = None) -> dt.date | None:
    """The date a line of `text` that is only a date (with its label or clock) states for this month and day
    ("Von: 14.04.2007" under a story datelined "BASRA, Iraq, April 14 (Reuters) -"): a year-less dateline's
    year, stated on the page. None when no such line names the day, or lines name it in different years."""
    found: set[dt.date] = set()
    for line in text.splitlines():
        line = line.strip()
        if not line or len(line) > _DATE_LINE_MAX_CHARS or not _HINT.search(line):
            continue
        for readings, start, end in _dates_of(line, today):
            rest = _LINE_CLOCK.sub(" ", line[:start] + " " + line[end:])
            if len(re.findall(r"\w+", rest)) > _DATE_LINE_MAX_WORDS:
                continue
            found.update(date for date in readings if (date.month, date.day) == (month, day))
    return found.pop() if len(found) == 1 else None


def date_in_url(url: str | None, today: dt.date | None = None) -> dt.date | None:
    """The date in a story's address ("/2024/03/14/", "/2008nov11/", "?date=2024-03-14"), or None."""
    if not url:
        return None
    path, _, query = _HOST.sub("", url).partition("?")  # a host's name ("may-2024.example") is not where a story is filed
    path = path.partition("#")[0]
    for date in _dates_in_path(path, _order_of_address(url)):
        if _plausible(date, today):
            return date
    for m in _URL_DATE_PARAM.finditer("?" + query):
        value = m.group("value")
        compact = re.fullmatch(r"((?:19|20)\d\d)([01]\d)([0-3]\d)", value)
        date = _valid_date(*compact.groups()) if compact else parse_date(value, today, _order_of_address(url))
        if date and _plausible(date, today):
            return date
    return None


def _dates_in_path(path: str, day_first: bool | None) -> Iterator[dt.date]:
    """The dates an address's path is filed under, in the order its patterns are trusted."""
    for m in _URL_DATE.finditer(path):
        if m.group("sep") == "/" and path[m.end():m.end() + 1] == "-":
            continue  # "/2017/04/4-children-among-9-dead": the slug starts with a number, not a day
        date = _valid_date(m.group("year"), m.group("mnum") or m.group("mnum2"), m.group("day") or m.group("day2"))
        if date:
            yield date
    for m in _URL_NAMED_DATE.finditer(path):
        month = _MONTHS[(m.group("month") or m.group("month2")).lower()[:3]]
        date = _valid_date(m.group("year") or m.group("year2"), month, m.group("day") or m.group("day2"))
        if date:
            yield date
    for m in _URL_DAY_MONTH_YEAR.finditer(path):
        a, b = int(m.group("a") or m.group("a2")), int(m.group("b") or m.group("b2"))
        order = True if a > 12 >= b else False if b > 12 >= a else day_first if a != b else True
        if order is not None:
            day, month = (a, b) if order else (b, a)
            if date := _valid_date(m.group("year") or m.group("year2"), month, day):
                yield date


def year_month_in_url(url: str | None) -> tuple[int, int] | None:
    """(year, month) an address files its story under without a day ("/2019/08/slug", "/2019/aug/slug"): a
    year-less dateline's or stamp's year when its month is that month. None when the address has a whole date."""
    if not url:
        return None
    path = _HOST.sub("", url).partition("?")[0]
    m = _URL_YEAR_MONTH.search(path)
    if not m or next(_dates_in_path(path, None), None):
        return None
    month = int(m.group("mnum")) if m.group("mnum") else _MONTHS[m.group("month").lower()[:3]]
    return int(m.group("year")), month


def day_in_year_month(month: int, day: int, year_month: tuple[int, int] | None) -> dt.date | None:
    """A year-less day and month in the year of an address filed under that month ("Aug 06" under
    "/2019/08/": 2019-08-06, stated by the two together), else None."""
    if year_month is None or year_month[1] != month:
        return None
    return _valid_date(year_month[0], month, day)


def end_of_year_month(year_month: tuple[int, int]) -> dt.date:
    """The last day of an address's month: the latest a story filed under it can be."""
    year, month = year_month
    return dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)


def _valid_date(year: str | int, month: str | int, day: str | int) -> dt.date | None:
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:  # 2024-13-40
        return None
