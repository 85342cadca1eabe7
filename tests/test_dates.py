"""Dates as pages and feeds write them -> datetime.date, or None; never a guess."""
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.read.dates import (
    date_in_url, date_readings, find_date, find_yearless_dateline, find_yearless_stamp, infer_year, numeric_order,
    parse_date,
)

TODAY = dt.date(2026, 1, 1)


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2025-12-02", dt.date(2025, 12, 2)),
        ("2025-12-02T17:30:00Z", dt.date(2025, 12, 2)),
        ("Updated: 2025-12-02 17:30", dt.date(2025, 12, 2)),
        ("2025/12/02", dt.date(2025, 12, 2)),
        ("Dec. 2, 2025", dt.date(2025, 12, 2)),
        ("December 2, 2025", dt.date(2025, 12, 2)),
        ("Sept. 30, 2025", dt.date(2025, 9, 30)),
        ("2 December 2025", dt.date(2025, 12, 2)),
        ("2nd of December, 2025", dt.date(2025, 12, 2)),
        ("Tue, 02 Dec 2025 17:30:00 GMT", dt.date(2025, 12, 2)),
        ("Veröffentlicht am 02.12.2025 um 17:30", dt.date(2025, 12, 2)),  # dots: day first, as in Europe
        ("14 March, 2024", dt.date(2024, 3, 14)),  # a comma before the year
        ("3rd of March, 2024 at 10:00", dt.date(2024, 3, 3)),
        ("PublishedMarch 3, 2024", dt.date(2024, 3, 3)),  # a label glued to the month
        ("UpdatedDec. 2, 2025 17:30 GMT", dt.date(2025, 12, 2)),
        ("June 2, 2024The minister said", dt.date(2024, 6, 2)),  # the story glued to the year
        ("Posted 2 June 2024Officials said", dt.date(2024, 6, 2)),
        ("Room 12 March 20245", None),  # no year: five digits
        # not dates, or not believable ones
        ("02/12/2025", None),  # day/month order unknown: no guess
        ("2025-02-30", None),
        ("Dec. 2", None),
        ("1850-01-01", None),
        ("2031-01-01", None),  # in the future
        ("garbage", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_date(value, expected):
    assert parse_date(value, today=TODAY) == expected


def test_find_date_gives_the_first_and_its_span():
    text = "Posted Nov. 20, 2025; updated 2025-11-21"
    date, start, end = find_date(text, today=TODAY)
    assert date == dt.date(2025, 11, 20) and text[start:end] == "Nov. 20, 2025"


@given(st.text(max_size=200))
def test_parse_date_never_raises(text):
    result = parse_date(text)
    assert result is None or isinstance(result, dt.date)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("TAIPEI, Nov 27 (Reuters) - China sent ships", (11, 27)),
        ("SEOUL, March 9. /Yonhap/. North Korea fired", (3, 9)),
        ("SEOUL, March 9 /Yonhap/ -- North Korea fired", (3, 9)),
        ("KHARTOUM, 14 March (AFP) - Shelling hit", (3, 14)),
        ("KYIV, Ukraine, Nov. 20 - Drones hit", (11, 20)),
        ("Goma, Sept 3 — Rebels advanced", (9, 3)),
        # an agency in parentheses after the day is a dateline with or without a dash after it
        ("ALGIERS, Sept 5 (KUNA) -- Algeria said", (9, 5)),
        ("ALGIERS, Sept 5 (KUNA) Algeria said", (9, 5)),
        ("ALGIERS , Sept 5 (KUNA) -- Algeria said", (9, 5)),
        ("CAIRO, Jan. 12 (Xinhua) -- Egypt hosted", (1, 12)),
        ("KYIV, March 3 (Reuters) - Drones hit", (3, 3)),
        ("Algeria, Kuwait discuss ties ALGIERS, Sept 5 (KUNA) -- Algeria said", (9, 5)),  # run on from a headline
        ("He met them in PARIS, March 9 (a Monday) to talk", None),  # words in parentheses are no agency
        ("They met in Paris, March 9 (Monday) and talked", None),
        ("WASHINGTON, Dec. 2, 2025 (Reuters) - The", None),  # it has its year: find_date reads it
        ("In March 9 people died", None),
        ("Officials said, March 9 was the day.", None),
        ("The army said on Nov 27 - a Thursday - that", None),
    ],
)
def test_find_yearless_dateline(text, expected):
    found = find_yearless_dateline(text)
    assert (found[:2] if found else None) == expected


@pytest.mark.parametrize(
    "month, day, evidence, expected",
    [
        (11, 27, dt.date(2026, 1, 3), dt.date(2025, 11, 27)),  # read in January: last year's November
        (11, 27, dt.date(2026, 11, 28), dt.date(2026, 11, 27)),
        (11, 27, dt.date(2026, 11, 27), dt.date(2026, 11, 27)),  # the same day is not after it
        (2, 29, dt.date(2025, 3, 1), dt.date(2024, 2, 29)),  # the latest year that has the day
        (2, 30, dt.date(2025, 3, 1), None),
    ],
)
def test_infer_year_takes_the_latest_date_not_after_the_evidence(month, day, evidence, expected):
    assert infer_year(month, day, evidence) == expected


@given(st.integers(1, 12), st.integers(1, 31), st.dates(dt.date(1995, 1, 1), dt.date(2030, 12, 31)))
def test_an_inferred_date_is_never_after_its_evidence_nor_a_year_before_it(month, day, evidence):
    date = infer_year(month, day, evidence)
    # within the year before the evidence; Feb 29 is the latest leap day, which may be further back
    window = dt.timedelta(days=366 if (month, day) != (2, 29) else 366 * 2)
    assert date is None or (evidence - window < date <= evidence and (date.month, date.day) == (month, day))


@pytest.mark.parametrize(
    "url, expected",
    [
        ("https://news.example/world/2024/03/14/story-slug/", dt.date(2024, 3, 14)),
        ("https://news.example/2024-03-14-story-slug", dt.date(2024, 3, 14)),
        ("https://news.example/a/story_20240314_1.html", dt.date(2024, 3, 14)),
        ("https://news.example/a/story-2024031", None),
        ("https://news.example/2024/13/40/x", None),
        ("https://news.example/id/1234567890", None),
        ("https://news.example/2031/01/01/x", None),  # in the future
        (None, None),
        # the month by name, year first or day first, one separator throughout
        ("http://news.example/world/2019/may/27/soldier-killed-1982398.html", dt.date(2019, 5, 27)),
        ("https://news.example/amp/international/2016/aug/3/missile-fired", dt.date(2016, 8, 3)),
        ("http://news.example/news/2017/mar/07/12-troops-die/", dt.date(2017, 3, 7)),
        ("https://news.example/2017/Sept/7/x", dt.date(2017, 9, 7)),
        ("https://news.example/23-Apr-2024/north-korea-fires-missile", dt.date(2024, 4, 23)),
        ("https://en.news.example/03-Feb-2022/4-soldiers-martyred", dt.date(2022, 2, 3)),
        ("https://news.example/story_14_march_2024.html", dt.date(2024, 3, 14)),
        ("https://news.example/2019/may/killed-27/x", None),  # no day
        ("https://news.example/2019/may-27/x", None),  # two separators
        ("https://news.example/31-Feb-2024/x", None),
        ("https://news.example/2031/jan/01/x", None),  # in the future
        ("https://news.example/tag/may-day/2024", None),
        ("https://23-apr-2024.news.example/story", None),  # a host's name
    ],
)
def test_date_in_url(url, expected):
    assert date_in_url(url, today=TODAY) == expected


def test_every_date_form_holds_the_hint_find_date_looks_for_first() -> None:
    # find_date skips text without `_HINT`: that is only right while each form needs it. Every form's
    # year is four digits (19xx, 20xx) or two after a digit and a separator.
    from analysis.read.dates import _FORMS

    assert all("(?P<year>(?:19|20)\\d\\d)" in form or "(?P=sep)(?P<year>\\d\\d)" in form for form in _FORMS)


@pytest.mark.parametrize(
    "line, expected",
    [
        ("05/27 08:14", (5, 27)),
        ("11/03 19:40 GMT", None),  # 11 March or 3 November: nothing on the line says which
        ("Updated 05/27 08:14 pm", (5, 27)),
        ("05/27", None),  # no clock: a fraction or a score as much as a date
        ("13/27 08:14", None),
        ("05/27 08:14 Officials said the port was hit", None),  # a stamp is alone on its line
        ("2025/05/27 08:14", None),
    ],
)
def test_find_yearless_stamp(line, expected):
    assert find_yearless_stamp(line) == expected


@given(st.dates(dt.date(2000, 1, 1), dt.date(2030, 12, 31)), st.integers(0, 23), st.integers(0, 59),
       st.booleans(), st.sampled_from(["", " GMT", " UTC", " KST"]))
def test_a_stamp_reads_back_the_month_and_day_it_was_written_with(date, hour, minute, padded, zone):
    month, day = (f"{date.month:02d}", f"{date.day:02d}") if padded else (str(date.month), str(date.day))
    stamp = f"{month}/{day} {hour:02d}:{minute:02d}{zone}"
    assert find_yearless_stamp(stamp, day_first=False) == (date.month, date.day)
    assert find_yearless_stamp(f"{day}/{month} {hour:02d}:{minute:02d}{zone}", day_first=True) == (date.month, date.day)
    # without the page's order, only a stamp whose order is certain is read
    certain = date.day > 12 or date.day == date.month
    assert find_yearless_stamp(stamp) == ((date.month, date.day) if certain else None)


# --- numeric dates: the order of day and month ------------------------------------------------------


@pytest.mark.parametrize("byline", ["Published on: 14/03/2024", "03/14/2024", "Published: 14-03-2024", "14-Mar-2024"])
def test_an_unambiguous_numeric_date_is_read(byline):
    # issue 12 §3 (was an acceptance gap): where the day > 12 the order is certain
    found = find_date(byline)
    assert found is not None and found[0] == dt.date(2024, 3, 14)


MARCH_14 = dt.date(2024, 3, 14)


@pytest.mark.parametrize(
    "value, expected",
    [
        # day > 12: the order is certain, whichever way round, with any of the three separators
        ("14/03/2024", MARCH_14),
        ("03/14/2024", MARCH_14),
        ("14-03-2024", MARCH_14),
        ("03-14-2024", MARCH_14),
        ("14.03.2024", MARCH_14),
        ("14/3/2024", MARCH_14),
        ("3/14/2024", MARCH_14),
        ("Published on: 14/03/2024", MARCH_14),
        ("Published: 14-03-2024 09:30 IST", MARCH_14),
        ("Updated 03/14/2024 at 9:30 a.m. ET", MARCH_14),
        ("Posted: 14/03/2024, 10:22", MARCH_14),
        ("Last updated (14/03/2024)", MARCH_14),
        ("Xinhua | 14/03/2024 09:30", MARCH_14),
        ("03/03/2024", dt.date(2024, 3, 3)),  # either way round, one date
        # both parts <= 12: no guess ...
        ("03/04/2024", None),
        ("03-04-2024", None),
        ("Published: 11/12/2024 08:00", None),
        # ... except dots, day first wherever they are written
        ("03.04.2024", dt.date(2024, 4, 3)),
        ("Stand: 03.04.2024, 17:30 Uhr", dt.date(2024, 4, 3)),
        # months by name, short or long, any separator
        ("14-Mar-2024", MARCH_14),
        ("14-MAR-2024", MARCH_14),
        ("14-March-2024", MARCH_14),
        ("14/Mar/2024", MARCH_14),
        ("14.Mar.2024", MARCH_14),
        ("14 Mar 2024", MARCH_14),
        ("Mar-14-2024", MARCH_14),
        ("Mar/14/2024", MARCH_14),
        ("2024-Mar-14", MARCH_14),
        ("2024/Mar/14", MARCH_14),
        ("2024 March 14", MARCH_14),
        ("Thursday, 14-Mar-2024 09:30", MARCH_14),
        ("Published in Dawn, March 14th , 2024", MARCH_14),  # a space before the comma
        ("14 March , 2024", MARCH_14),
        # two-digit years, only after a label
        ("Published: 14/03/24", MARCH_14),
        ("Updated on 03/14/24 09:30", MARCH_14),
        ("Date: 14.03.24", MARCH_14),
        ("Posted 14-03-24", MARCH_14),
        ("Last updated: 3/14/24 6:12 PM ET", MARCH_14),
        ("Published: 14/03/99", dt.date(1999, 3, 14)),
        ("14/03/24", None),  # no label: a score or a reference as much as a date
        ("Published: 03/04/24", None),  # labelled, but which way round?
        ("Published: 14/03/31", None),  # 2031 is to come, 1931 too early
        # ISO with a time and a zone: the day the page wrote, not converted
        ("2024-03-14T09:30:00Z", MARCH_14),
        ("2024-03-14T23:30:00-05:00", MARCH_14),
        ("2024-03-14T09:30:00.123+08:00", MARCH_14),
        ("2024-03-14 09:30:00 +0000", MARCH_14),
        ("  2024-03-14", MARCH_14),
        ("20240314T093000Z", MARCH_14),
        ("20240314T0930", MARCH_14),
        # not dates, or not believable ones
        ("20240314", None),  # eight digits alone: an id as often as a date
        ("v1.14.03.2024", None),
        ("ref 12/14/2024/7", None),
        ("14-03-2024-55", None),
        ("1/14/20245", None),
        ("31/02/2024", None),
        ("13/13/2024", None),
        ("00/12/2024", None),
        ("12/31/2026", None),  # in the future
        ("to their dismay 3, 2024 was", None),  # a month name inside a word is no month
        ("The score was 3-1 at 12.30", None),
    ],
)
def test_numeric_dates(value, expected):
    assert parse_date(value, today=TODAY) == expected


@pytest.mark.parametrize(
    "value, day_first, today, expected",
    [
        ("03/04/2024", True, TODAY, dt.date(2024, 4, 3)),
        ("03/04/2024", False, TODAY, dt.date(2024, 3, 4)),
        ("03-04-2024", True, TODAY, dt.date(2024, 4, 3)),
        ("Published: 03/04/24", False, TODAY, dt.date(2024, 3, 4)),
        ("14/03/2024", False, TODAY, MARCH_14),  # a certain order wins over the page's habit
        ("03/14/2024", True, TODAY, MARCH_14),
        ("03.04.2024", False, TODAY, dt.date(2024, 4, 3)),  # dots stay day first
        # read on 10 March 2024, "04/03/2024" cannot be 3 April: it is 4 March
        ("04/03/2024", None, dt.date(2024, 3, 10), dt.date(2024, 3, 4)),
        ("03/04/2024", None, dt.date(2024, 3, 10), dt.date(2024, 3, 4)),
        ("03/04/2024", None, dt.date(2024, 4, 10), None),  # both past by then
    ],
)
def test_an_ambiguous_numeric_date_is_read_in_the_order_given(value, day_first, today, expected):
    assert parse_date(value, today=today, day_first=day_first) == expected


def test_an_ambiguous_date_is_passed_over_for_a_later_one_that_is_certain():
    text = "03/04/2024 · updated 15/04/2024"
    date, start, end = find_date(text, today=TODAY)
    assert date == dt.date(2024, 4, 15) and text[start:end] == "15/04/2024"
    assert date_readings(text, today=TODAY)[0] == (dt.date(2024, 4, 3), dt.date(2024, 3, 4))


def test_a_labelled_two_digit_date_spans_the_date_alone():
    text = "Published: 14/03/24 09:30"
    date, start, end = find_date(text, today=TODAY)
    assert (date, text[start:end]) == (MARCH_14, "14/03/24")


@pytest.mark.parametrize(
    "text, url, expected",
    [
        # the page's own certain dates: a comment's stamp, a teaser, an update line
        ("Published: 03/04/2024\nComments\nRavi 15/04/2024 10:22", None, True),
        ("Published: 03/04/2024\nComments\nRavi 04/15/2024 10:22", None, False),
        ("Published 03/04/2024 ... Related: Floods kill 9 - 21-03-2024", None, True),
        ("03/04/2024 and 15/04/2024 and 04/16/2024", None, None),  # both ways on one page: no evidence
        ("15/04/2024", "https://news.example.com/x", True),  # the page's dates win over its address
        ("Published: 03/04/2024", "https://news.example.com/x", None),  # .com says nothing
        ("Published: 03/04/2024", None, None),
        ("Published: 14.04.2024", None, None),  # dots are day first everywhere: no evidence of slashes' order
        # the country of the address
        ("Published: 03/04/2024", "https://www.example.co.uk/news/x", True),
        ("Published: 03/04/2024", "https://www.example.in/x", True),
        ("Published: 03/04/2024", "https://example.de/x", True),
        ("Published: 03/04/2024", "http://www.example.us/x", False),
        ("Published: 03/04/2024", "https://example.ph/x", False),
        ("Published: 03/04/2024", "https://example.ca/x", None),  # Canada writes both
        ("Published: 03/04/2024", "https://focustaiwan.tw/x", False),  # the year first at home, month before day
        ("Published: 03/04/2024", "https://example.jp/x", False),
        ("Published: 03/04/2024", "https://example.com.hk/x", True),
        ("Published: 03/04/2024", "not an address", None),
        ("Published: 03/04/2024", "https://user@example.co.uk:8080/x", True),
    ],
)
def test_numeric_order(text, url, expected):
    assert numeric_order(text, url) is expected


# Each supported way of writing a date, and the order of day and month it needs to be read back (None:
# the form says it itself).
FORMATS = [
    ("{d:%Y-%m-%d}", None),
    ("{d:%Y-%m-%d}T{h:02d}:{m:02d}:00Z", None),
    ("{d:%Y-%m-%d}T{h:02d}:{m:02d}:00+05:30", None),
    ("{d:%Y/%m/%d}", None),
    ("{d:%Y%m%d}T{h:02d}{m:02d}00Z", None),
    ("{d:%d/%m/%Y}", True),
    ("{d:%m/%d/%Y}", False),
    ("{d:%d-%m-%Y}", True),
    ("{d:%m-%d-%Y}", False),
    ("{d:%d.%m.%Y}", None),
    ("{d.day}/{d.month}/{d.year}", True),
    ("{d.month}/{d.day}/{d.year} {h}:{m:02d} PM", False),
    ("{d:%d-%b-%Y}", None),
    ("{d:%d/%b/%Y}", None),
    ("{d:%b-%d-%Y}", None),
    ("{d:%Y-%b-%d}", None),
    ("{d:%d %B %Y}", None),
    ("{d:%B %d, %Y}", None),
    ("{d:%a, %d %b %Y} {h:02d}:{m:02d}:00 GMT", None),
    ("Published: {d:%d/%m/%y}", True),
    ("Updated {d:%m/%d/%y} {h:02d}:{m:02d}", False),
]


@given(st.dates(dt.date(2000, 1, 1), TODAY), st.integers(0, 23), st.integers(0, 59), st.sampled_from(FORMATS),
       st.sampled_from(["", "Published: ", "By Jane Doe | "]), st.sampled_from(["", " | Reuters", " The minister said"]))
def test_a_date_in_any_supported_form_reads_back(date, hour, minute, form, before, after):
    template, day_first = form
    written = template.format(d=date, h=hour, m=minute)
    text = before + written + after
    # in the order the form needs, the date itself; without it, the date or nothing, never another date
    assert parse_date(text, today=TODAY, day_first=day_first) == date
    assert parse_date(text, today=TODAY) in (date, None)
    if day_first is None or date.day > 12 or date.day == date.month:
        assert parse_date(text, today=TODAY) == date


DATE_ALPHABET = st.sampled_from(list("0123456789/.-: ,T+Z") + ["Mar", "March", "Sept.", "2024", "19", "20", "of",
                                                                "Published", "th", " "])


@given(st.lists(DATE_ALPHABET, max_size=30).map("".join) | st.text(max_size=120), st.booleans() | st.none())
def test_any_text_yields_no_date_or_a_possible_one_it_spans(text, day_first):
    found = find_date(text, today=TODAY, day_first=day_first)
    if found is not None:
        date, start, end = found
        assert dt.date(1990, 1, 1) <= date <= TODAY + dt.timedelta(days=1)
        assert 0 <= start < end <= len(text)
        # the span alone reads the same date (a label before a two-digit year is outside the span)
        assert parse_date(text[start:end], today=TODAY, day_first=day_first) in (date, None)
    readings = date_readings(text, today=TODAY)
    assert readings is None or 1 <= len(readings[0]) <= 2


# --- dates without a year: the whole family ----------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        # a place, then the day and month, then an agency, a dash, a colon or a full stop
        ("TAIPEI, Nov 27 (Reuters) - China sent ships", (11, 27)),
        ("TAIPEI, Nov. 27 (Reuters) - China sent ships", (11, 27)),
        ("TAIPEI, November 27 (Reuters) – China sent ships", (11, 27)),
        ("SEOUL, March 9. /Yonhap/. North Korea fired", (3, 9)),
        ("SEOUL, March 9 (Yonhap) -- North Korea fired", (3, 9)),
        ("MOSCOW, March 9th (TASS) - Russia said", (3, 9)),
        ("MOSCOW, 9 March. /TASS/. Russia said", (3, 9)),
        ("NAIROBI, 9 March (AFP) — Kenya said", (3, 9)),
        ("Beirut, Lebanon, Sept. 5: Israeli jets struck", (9, 5)),
        ("UNITED NATIONS, Sept 5 (AP) — The council met", (9, 5)),
        ("KYIV, Monday, March 9 - Drones hit", (3, 9)),
        ("Monday, March 9 - Drones hit the city", (3, 9)),
        # the place's country or state in brackets or parentheses (ANI, IANS, PTI)
        ("Manila [Philippines], November 4 (ANI/Xinhua): Two soldiers were killed", (11, 4)),
        ("Islamabad [Pakistan], June 2 (ANI): Ten terrorists were killed", (6, 2)),
        ("New Delhi [India], Jan. 15 (ANI): The army said", (1, 15)),
        ("Faizabad (Afghanistan), April 25 (IANS) Five militants have been confirmed dead", (4, 25)),
        ("Srinagar (J&K), Oct 5 (IANS) - Militants fired", (10, 5)),
        ("Beirut (Lebanon), 2 January (AFP) — Israeli jets struck", (1, 2)),
        ("Kabul [Afghanistan], May 3: A blast hit", (5, 3)),
        # no place: the day alone, then an agency, a dash or a colon
        ("Nov. 27 (Reuters) - China sent ships", (11, 27)),
        ("Nov 27 (Reuters) China sent ships", (11, 27)),
        ("Nov 27 - China sent ships", (11, 27)),
        ("27 Nov (AFP) - China sent ships", (11, 27)),
        ("March 9: Troops crossed the river", (3, 9)),
        # a dateline alone on its line (a paragraph of its own in an export's text)
        ("Gurdaspur, January 9", (1, 9)),
        ("Chandigarh, June 28\nThe Border Security Force shot down a drone", (6, 28)),
        ("March 9 — Troops crossed the river", (3, 9)),
        # not datelines
        ("March 9. North Korea fired", None),  # a full stop after the bare day starts sentences too
        ("Nov 27 was a Thursday, officials said", None),
        ("May 5-7 talks in Geneva ended", None),
        ("March 9, 2024 - Troops crossed", None),  # it has its year: find_date reads it
        ("On Nov 27 - a Thursday - troops crossed", None),
        ("Manila [Philippines], November 4, 2021 (ANI): Two soldiers", None),  # its year: find_dated_dateline
        ("The talks (in Geneva), May 5 - officials said", None),  # lower case: no place
        ("Islamabad [the capital of Pakistan and its largest], June 2 (ANI):", None),  # not a short qualifier
    ],
)
def test_the_year_less_dateline_family(text, expected):
    found = find_yearless_dateline(text)
    assert (found[:2] if found else None) == expected


@pytest.mark.parametrize(
    "line, day_first, expected",
    [
        # a day and month by name alone on the line, perhaps with a weekday, a label or a clock
        ("Monday, March 9", None, (3, 9)),
        ("Mon, 9 March", None, (3, 9)),
        ("Sunday 9 March", None, (3, 9)),
        ("March 9 10:30", None, (3, 9)),
        ("March 9", None, None),  # a bare day and month: a heading, an event's name ("July 4th"), no stamp
        ("July 17th", None, None),
        ("Updated: Nov 27, 2:15 pm ET", None, (11, 27)),
        ("Published Nov. 27 at 08:14", None, (11, 27)),
        ("Last updated on 27 November 10:30 GMT", None, (11, 27)),
        ("9 March 10:30 GMT", None, (3, 9)),
        ("14 MAR, 09:30", None, (3, 14)),
        ("UPD: 14 MAR, 09:30", None, (3, 14)),
        # a dateline on a line of its own above the story
        ("Gurdaspur, January 9", None, (1, 9)),
        ("Chandigarh, June 28", None, (6, 28)),
        ("NEW DELHI, Monday, June 28", None, (6, 28)),
        ("Port Au Prince, 28 June", None, (6, 28)),
        ("the army said, June 28", None, None),  # a place has a capital
        # numbers: a day over 12 says the order; else the page's order; else unread
        ("27/05 08:14", None, (5, 27)),
        ("05/27 08:14", True, (5, 27)),
        ("05/03 08:14", None, None),
        ("05/03 08:14", True, (3, 5)),
        ("05/03 08:14", False, (5, 3)),
        ("Updated 05/03 08:14 GMT", None, None),
        ("Thu 05/03 08:14", None, None),  # a weekday decides only with the day it is read (below)
        ("04/04 10:00", None, (4, 4)),  # both ways the same day
        # not stamps
        ("March 9, 2024", None, None),  # a year: a byline for find_date
        ("March 9 talks end in Geneva", None, None),
        ("Monday, March 9 - Drones hit", None, None),  # a dateline (above), not a line alone
        ("March 32", None, None),
        ("13/27 08:14", None, None),
        ("05/27", None, None),
    ],
)
def test_the_year_less_stamp_family(line, day_first, expected):
    assert find_yearless_stamp(line, day_first) == expected


@pytest.mark.parametrize(
    "line, read_on, expected",
    [
        # the reading whose latest date not after the day read falls on the weekday named
        ("Thu 05/03 08:14", dt.date(2026, 5, 20), (3, 5)),  # 2026-03-05 a Thursday; 2025-05-03 a Saturday
        ("Sun 05/03 08:14", dt.date(2026, 5, 20), (5, 3)),  # 2026-05-03 a Sunday
        ("Tue, 11/03 19:40 GMT", dt.date(2026, 11, 20), (11, 3)),  # 2026-11-03 a Tuesday; 2026-03-11 a Wednesday
        ("Wednesday 11/03 19:40", dt.date(2026, 11, 20), (3, 11)),
        # neither reading, or both, fall on it: unread
        ("Mon 05/03 08:14", dt.date(2026, 5, 20), None),
        ("Sat 05/03 08:14", dt.date(2026, 5, 20), None),  # 2025-05-03 was, but the latest May 3 is 2026's
        ("11/03 19:40 GMT", dt.date(2026, 11, 20), None),
    ],
)
def test_a_year_less_stamp_s_weekday_settles_its_order(line, read_on, expected):
    assert find_yearless_stamp(line, None, read_on) == expected


# --- whole pages: which date becomes the story's ----------------------------------------------------

STORY = "The port was hit by 12 drones overnight, officials said on Thursday, and two people were hurt.\n"


@pytest.mark.parametrize(
    "page, url, today, published, inferred",
    [
        # a numeric byline, certain
        ("Drones hit the port city\nPublished on: 14/03/2024\n\n" + STORY, None, None, "2024-03-14", False),
        ("Drones hit the port city\nBy Jane Doe | 03/14/2024 6:12 PM ET\n\n" + STORY, None, None, "2024-03-14", False),
        ("Drones hit the port city\nUpdated: 14-Mar-2024 09:30\n\n" + STORY, None, None, "2024-03-14", False),
        ("Drones hit the port city\nPosted 14/03/24 09:30\n\n" + STORY, None, None, "2024-03-14", False),
        ("Drones hit the port city\n2024-03-14T09:30:00+05:30\n\n" + STORY, None, None, "2024-03-14", False),
        # ambiguous: the page's other dates say the order (a comment's stamp under the story) ...
        ("Drones hit the port city\nPublished: 03/04/2024\n\n" + STORY + "Comments (1)\nRavi 15/04/2024 10:22\nSad.\n",
         None, None, "2024-04-03", False),
        ("Drones hit the port city\nPublished: 03/04/2024\n\n" + STORY + "Comments (1)\nRavi 04/15/2024 10:22\nSad.\n",
         None, None, "2024-03-04", False),
        # ... or the country of its address
        ("Drones hit the port city\nPublished: 03/04/2024\n\n" + STORY, "https://www.example.co.uk/world/x", None,
         "2024-04-03", False),
        ("Drones hit the port city\nPublished: 03/04/2024\n\n" + STORY, "https://www.example.us/world/x", None,
         "2024-03-04", False),
        # ... or the dateline's day and month, one of its two dates (stated, not inferred)
        ("Drones hit the port city\nPublished: 03/04/2024\n\nODESA, April 3 (Reuters) - " + STORY, None,
         dt.date(2026, 1, 5), "2024-04-03", False),
        # ... or the other reading being after the day it is read
        ("Drones hit the port city\nPublished: 03/04/2024\n\n" + STORY, None, dt.date(2024, 3, 20), "2024-03-04",
         False),
        # ... else it stays unread: the address's date, then nothing
        ("Drones hit the port city\nPublished: 03/04/2024\n\n" + STORY, "https://news.example.com/world/x", None,
         None, False),
        ("Drones hit the port city\nPublished: 03/04/2024\n\n" + STORY, "https://news.example.com/2024/04/03/x", None,
         "2024-04-03", False),
        # a numeric date in a teaser above the headline, in a list of related stories, or a comment's stamp is
        # never the story's
        ("Latest: Floods kill 9 - 14/03/2024\nDrones hit the port city\n\n" + STORY, None, None, None, False),
        ("Drones hit the port city\n\n" + STORY + "Related stories\nFloods kill 9 - 14/03/2024\n", None, None, None,
         False),
        ("Drones hit the port city\n\n" + STORY + "Comments (1)\nRavi 15/04/2024 10:22\nSad.\n", None, None, None,
         False),
        ("Drones hit the port city\n\n" + STORY + "Most Read\nFloods kill 9\n14-Mar-2024\n", None, None, None, False),
        # year-less: a bare dateline, a weekday stamp under the headline, the address's year first
        ("Drones hit the port city\n\nNov. 27 (Reuters) - " + STORY, None, dt.date(2026, 1, 5), "2025-11-27", True),
        ("Drones hit the port city\nSunday, March 9\n\n" + STORY, None, dt.date(2026, 1, 5), "2025-03-09", True),
        ("Drones hit the port city\nUpdated: Nov 27, 2:15 pm ET\n\n" + STORY, None, dt.date(2026, 11, 28),
         "2026-11-27", True),
        ("Drones hit the port city\n\nNov. 27 (Reuters) - " + STORY, "https://news.example/2024/11/27/x",
         dt.date(2026, 1, 5), "2024-11-27", False),
        ("Drones hit the port city\n27/05 08:14\n\n" + STORY, None, dt.date(2026, 1, 5), "2025-05-27", True),
        # a dateline on a line of its own, under the headline or heading a page without one
        ("Drones hit the port city\nGurdaspur, January 9\n" + STORY, None, dt.date(2026, 1, 5), "2025-01-09", True),
        ("Chandigarh, June 28\n" + STORY, None, dt.date(2026, 1, 5), "2025-06-28", True),
        # a stamp read day first on a page whose other dates are day first
        ("Drones hit the port city\n05/03 08:14\n\n" + STORY + "Comments (1)\nRavi 15/04/2025 10:22\nSad.\n", None,
         dt.date(2026, 1, 5), "2025-03-05", True),
    ],
)
def test_the_story_date_of_a_page(page, url, today, published, inferred):
    from analysis.models import RawDocument
    from analysis.read.clean import clean_document

    article = clean_document(RawDocument("p.txt", page, url=url), today=today or TODAY)
    assert (str(article.published) if article.published else None, article.date_inferred) == (published, inferred)


@pytest.mark.parametrize(
    "published, body, expected",
    [
        # an export's ambiguous date: unread, unless the dateline names one of its two days
        ("03/04/2024", "ODESA, April 3 (Reuters) - " + STORY, "2024-04-03"),
        ("03/04/2024 10:00", "ODESA, March 4 (Reuters) - " + STORY, "2024-03-04"),
        ("03/04/2024", STORY, None),
        ("15/04/2024", STORY, "2024-04-15"),
        # another day: its year is certain, and the dateline's is inferred from its later date, not from
        # the ingestion day (2026)
        ("03/04/2024", "ODESA, March 2 (Reuters) - " + STORY, "2024-03-02 inferred"),
        ("03/04/2024", "ODESA, Dec. 30 (Reuters) - " + STORY, "2023-12-30 inferred"),
    ],
)
def test_an_exports_ambiguous_date(published, body, expected):
    from analysis.models import RawDocument
    from analysis.read.clean import clean_document

    article = clean_document(RawDocument("e.jsonl:1", body, title="Drones hit the port city", published=published),
                             today=dt.date(2026, 1, 5))
    got = f"{article.published}{' inferred' if article.date_inferred else ''}" if article.published else None
    assert got == expected


def test_the_article_view_says_a_year_was_inferred(tmp_path):
    from analysis.ingest import ingest_documents
    from analysis.models import RawDocument
    from analysis.store import queries as Q
    from analysis.store.parquet_store import read_connection
    from dashboard.articles import date_shown

    pages = [RawDocument("a.txt", "Drones hit the port city\n\nNov. 27 (Reuters) - " + STORY),
             RawDocument("b.txt", "Drones hit the port city\nPublished on: 14/03/2024\n\n" + STORY.replace("12", "14")),
             RawDocument("c.txt", "Drones hit the port city\n\n" + STORY.replace("12", "15"))]
    ingest_documents(pages, tmp_path / "s")
    with read_connection(tmp_path / "s") as con:
        shown = {origin: date_shown(Q.article_detail(con, article_id)) for article_id, origin in
                 con.execute("SELECT id, origin FROM articles").fetchall()}
    assert shown["a.txt"].endswith("-11-27 (year inferred)")
    assert shown["b.txt"] == "2024-03-14" and shown["c.txt"] == "undated"


# --- HTML pages: htmldate reads "03/04/2024" day first without evidence ------------------------------


@pytest.mark.parametrize(
    "page, published, url, expected",
    [
        # the page writes the date only either way round: the evidence decides, else no date
        ("<span>Published: 03/04/2024</span>", "2024-04-03", None, None),
        ("<span>Published: 03/04/2024</span>", "2024-04-03", "https://example.co.uk/a", "2024-04-03"),
        ("<span>Published: 03/04/2024</span>", "2024-04-03", "https://example.us/a", "2024-03-04"),
        ("<span>Published: 3-4-2024</span>", "2024-04-03", "https://example.us/a", "2024-03-04"),
        ("<span>Published: 03/04/2024</span><p>Ravi 15/04/2024 10:22</p>", "2024-04-03", None, "2024-04-03"),
        ("<span>Published: 03/04/2024</span><p>Ravi 04/15/2024 10:22</p>", "2024-04-03", None, "2024-03-04"),
        # the page also writes it a way that is certain, or the date cannot be read two ways: kept
        ('<meta content="2024-04-03T10:00:00Z"><span>03/04/2024</span>', "2024-04-03", None, "2024-04-03"),
        ("<span>03/04/2024</span> <a href='/2024/04/03/x'>", "2024-04-03", None, "2024-04-03"),
        ("<span>Published: 03.04.2024</span>", "2024-04-03", None, "2024-04-03"),
        ("<span>Published: April 3, 2024</span>", "2024-04-03", None, "2024-04-03"),
        ("<span>Published: 14/03/2024</span>", "2024-03-14", None, "2024-03-14"),
        ("<span>Published: 03/03/2024</span>", "2024-03-03", None, "2024-03-03"),
        ("<span>no date</span>", None, None, None),
    ],
)
def test_an_html_pages_date_written_either_way_round(page, published, url, expected):
    from analysis.read.clean import html_date

    assert html_date(page, published, url) == expected


def test_an_html_page_with_an_ambiguous_byline_is_not_dated_by_a_guess():
    from analysis.models import RawDocument
    from analysis.read.clean import clean_document

    story = "<p>" + STORY * 3 + "</p>"
    page = ("<html><head><title>Drones hit the port</title></head><body><article><h1>Drones hit the port</h1>"
            "<div class='byline'>Published: 03/04/2024</div>{}</article></body></html>").format(story)
    undated = clean_document(RawDocument("p.html", page, is_html=True), today=TODAY)
    dated = clean_document(RawDocument("p.html", page, is_html=True, url="https://www.example.us/world/drones"),
                           today=TODAY)
    assert (undated.published, dated.published) == (None, dt.date(2024, 3, 4))


@pytest.mark.parametrize(
    "text, date, expected",
    [
        ("Published: 03/04/2024", dt.date(2024, 4, 3), "03/04/2024"),
        ("Published: 3/4/2024", dt.date(2024, 3, 4), "3/4/2024"),
        ("Published: 03-04-2024", dt.date(2024, 4, 3), "03-04-2024"),
        ("Published: 03/04/2024 · 2024-04-03", dt.date(2024, 4, 3), None),
        ("Published: 03.04.2024", dt.date(2024, 4, 3), None),
        ("Published: 03/04/2024", dt.date(2024, 4, 13), None),
        ("Published: 03/04/2024", dt.date(2024, 5, 3), None),
        ("Published: 03/04/20245", dt.date(2024, 4, 3), None),
        ("Published: April 3, 2024 · photo 03/04/2024", dt.date(2024, 4, 3), None),  # by name too: certain
        ("Published: 3 Apr 2024 · photo 03/04/2024", dt.date(2024, 4, 3), None),
        ("Published: March 4, 2024 · photo 03/04/2024", dt.date(2024, 4, 3), "03/04/2024"),
    ],
)
def test_numeric_writing(text, date, expected):
    from analysis.read.dates import numeric_writing

    assert numeric_writing(text, date) == expected


# --- a stated weekday is evidence of the year ----------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Monday, March 9", 0),
        ("Sunday 9 March", 6),
        ("Tues., Nov 27", 1),
        ("Thurs, Nov 27", 3),
        ("Sat. 9 March 10:30", 5),
        ("Thurs Nov 27", None),  # a short form needs its full stop or comma: "Mon" and "Sun" are places too
        ("MON STATE, March 9", None),
        ("Sun City, March 9", None),
        ("KYIV, Wednesday, March 9 -", 2),
        ("Updated: Sat, 9 March 10:30", 5),
        ("March 9", None),
        ("Monsoon, March 9", None),  # a word that starts like a weekday is none
        ("Sundance, March 9", None),
    ],
)
def test_stated_weekday(text, expected):
    from analysis.read.dates import stated_weekday

    assert stated_weekday(text) == expected


@pytest.mark.parametrize(
    "month, day, evidence, weekday, expected",
    [
        (3, 9, dt.date(2026, 1, 5), 6, dt.date(2025, 3, 9)),  # the latest March 9 was a Sunday
        (3, 9, dt.date(2026, 1, 5), 0, dt.date(2020, 3, 9)),  # the latest Monday, March 9
        (3, 9, dt.date(2026, 3, 10), 0, dt.date(2026, 3, 9)),
        (3, 9, dt.date(2026, 3, 10), None, dt.date(2026, 3, 9)),
        (2, 29, dt.date(2026, 1, 5), 0, dt.date(2016, 2, 29)),
        (2, 29, dt.date(2025, 3, 1), 1, dt.date(2024, 2, 29)),  # no Tuesday within the cycle: a slip
        (2, 29, dt.date(2026, 1, 5), 1, None),  # ... and no Feb 29 in the plain inference's two years
    ],
)
def test_infer_year_with_a_weekday(month, day, evidence, weekday, expected):
    assert infer_year(month, day, evidence, weekday) == expected


@given(st.integers(1, 12), st.integers(1, 31), st.dates(dt.date(1995, 1, 1), dt.date(2030, 12, 31)),
       st.integers(0, 6))
def test_a_date_inferred_with_a_weekday_has_it_or_is_the_plain_inference(month, day, evidence, weekday):
    date = infer_year(month, day, evidence, weekday)
    plain = infer_year(month, day, evidence)
    assert plain is None or date is not None
    if date is not None:
        assert date <= evidence and (date.month, date.day) == (month, day)
        assert date.weekday() == weekday or date == plain


@pytest.mark.parametrize(
    "page, expected",
    [
        ("Drones hit the port city\nMonday, March 9\n\n" + STORY, "2020-03-09"),
        ("Drones hit the port city\n\nKYIV, Monday, March 9 - " + STORY, "2020-03-09"),
        ("Drones hit the port city\n\nKYIV, March 9 - " + STORY, "2025-03-09"),
    ],
)
def test_a_pages_weekday_dates_its_year(page, expected):
    from analysis.models import RawDocument
    from analysis.read.clean import clean_document

    article = clean_document(RawDocument("p.txt", page), today=dt.date(2026, 1, 5))
    assert (str(article.published), article.date_inferred) == (expected, True)


# --- families found on real pages (tests/fixtures/dates_dev) -----------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        # a dateline that states its year, an agency before or after the date
        ("KABUL, Oct 3, 2024 (AFP) - The attack", dt.date(2024, 10, 3)),
        ("NEW DELHI, March 5, 2019 (Xinhua) -- India said", dt.date(2019, 3, 5)),
        ("ISLAMABAD, Dec 12, 2023 (APP): Prime Minister", dt.date(2023, 12, 12)),
        ("WASHINGTON, 14 March 2024 — The", dt.date(2024, 3, 14)),
        ("GAZA CITY, 2nd Nov, 2023 – Strikes", dt.date(2023, 11, 2)),
        ("CULIACAN, Mexico, (APP - UrduPoint / Pakistan Point News - 30th Sep, 2016 ) - Gunmen", dt.date(2016, 9, 30)),
        ("Kano, Nigeria, (UrduPoint / Pakistan Point News - 18th Mar, 2021 ) :At least", dt.date(2021, 3, 18)),
        ("Khartoum, Sudan, (SUNA - 4 May 2025) - The army", dt.date(2025, 5, 4)),
        ("Manila [Philippines], November 4, 2021 (ANI/Xinhua): Two soldiers", dt.date(2021, 11, 4)),
        ("Faizabad (Afghanistan), April 25, 2021 (IANS) - Five militants", dt.date(2021, 4, 25)),
        # a date after the dateline's dash is the story's, not the dateline's
        ("KABUL — The attack on March 5, 2019 killed", None),
        ("KABUL, Oct 3 (AFP) - The attack on March 5, 2019", None),
        ("The minister, speaking on March 5, 2019 - said", None),
        ("Officials said on March 5, 2019 that", None),
        ("TAIPEI, Nov 27 (Reuters) - China", None),  # year-less: `find_yearless_dateline`
        # a comment's name, date and clock are no dateline: the colon is the clock's
        ("Jane, 15/04/2024 10:22: so sad", None),
        ("Ravi Kumar, March 5, 2024 08:14: stay safe", None),
        ("Islamabad, March 5, 2024: Prime Minister", dt.date(2024, 3, 5)),
    ],
)
def test_the_dated_dateline_family(text, expected):
    from analysis.read.dates import find_dated_dateline

    assert find_dated_dateline(text, TODAY) == expected


_LEDE = "Three people were killed when a missile hit a residential building in the city, local officials said.\n"


@pytest.mark.parametrize(
    "page, published",
    [
        # a labelled byline right after a standfirst that reads like the story's first sentence
        ("Missile hits the port city\n" + _LEDE + "Reuters | Kyiv | Updated: 29-06-2022 11:23 IST | Created: "
         "29-06-2022 11:14 IST\n" + STORY, "2022-06-29"),
        ("Missile hits the port city\n" + _LEDE + "Desk | Updated: 27-09-2024 10:34 IST\n" + STORY, "2024-09-27"),
        ("Missile hits the port city\n" + _LEDE + "Published: March 14, 2024 09:30 GMT\n" + STORY, "2024-03-14"),
        ("Missile hits the port city\n" + _LEDE + "Updated at 1:53 pm ET on 2021-11-18\n" + STORY, "2021-11-18"),
        ("Missile hits the port city\n" + _LEDE + "By Jane Doe\nLast updated 14 March 2024\n" + STORY, "2024-03-14"),
        # ... but a story paragraph's date is not a byline's
        ("Missile hits the port city\n" + _LEDE + "The building was last updated in a survey on March 2, 2019, "
         "officials said, and had passed every inspection since then.\n" + STORY, None),
        # a time with am/pm beside the date is a clock, not a teaser's other figure
        ("DAWN.COM\nUpdated 01 Oct, 2016 08:40pm\nMissile hits the port city\n" + STORY, "2016-10-01"),
        ("Updated 01 Oct, 2016 08:40 p.m.\nMissile hits the port city\n" + STORY, "2016-10-01"),
        # the masthead's day ("Today's Paper") is the day the page was read, never the story's
        ("DAWN.COM\nToday's Paper | November 05, 2024\nUpdated 01 Oct, 2016 08:40pm\nMissile hits the port city\n"
         + STORY, "2016-10-01"),
        ("Today's Paper | November 05, 2024\nMissile hits the port city\n" + STORY, None),
        ("E-Paper | 5 November 2024\nMissile hits the port city\n" + STORY, None),
        # a dateline that states the year
        ("Missile hits the port city\nCULIACAN, Mexico, (APP - Pakistan Point News - 30th Sep, 2016 ) - " + STORY,
         "2016-09-30"),
        ("Missile hits the port city\nKABUL, Oct 3, 2024 (AFP) - " + STORY, "2024-10-03"),
        # a label and a date alone on a line right under the story (a widget's line between them at most)
        ("Missile hits the port city\n" + STORY + "First Published: Jul 12 2014 | 7:56 AM IST\n", "2014-07-12"),
        ("Missile hits the port city\n" + STORY + "Get our news on Telegram\nPublished on 12 July 2014\n",
         "2014-07-12"),
        ("Missile hits the port city\n" + STORY + "Last updated: 2014-07-12 07:56\nMore from World\n", "2014-07-12"),
        # ... but under other stories' headlines, or a section's name, the date is theirs
        ("Missile hits the port city\n" + STORY + "Opinion\nEditorial\nIMF's unease\nUpdated 24 May, 2024\n", None),
        ("Missile hits the port city\n" + STORY + "Related\nUpdated 24 May, 2024\n", None),
        ("Missile hits the port city\n" + STORY + "The report was published on March 2, 2019 by the ministry\n", None),
        # a photo's caption names the day the picture was taken: never the story's, whatever credits it
        ("Missile hits the port city\nNorth Korean leader Kim Jong Un (left) witnessing the launch of a missile, on "
         "March 16, 2023. AFP\n" + STORY, None),
        ("Missile hits the port city\nPresident Vladimir Putin (L) and Xi Jinping (R) shake hands in Moscow on March "
         "21, 2023\n" + STORY, None),
        ("Missile hits the port city\nSoldiers stand guard (2nd R) at a checkpoint in Kyiv on Jan. 5, 2024\n" + STORY,
         None),
        ("Missile hits the port city\nRescuers search the rubble of a building in Kharkiv, Ukraine, on March 3, 2024. "
         "AP Photo\n" + STORY, None),
        ("Missile hits the port city\nSmoke rises over the city after an air strike on October 9, 2023. AFP via "
         "Getty Images\n" + STORY, None),
        ("Missile hits the port city\nFirefighters work at the site of the strike in the port on May 2, 2024. "
         "REUTERS\n" + STORY, None),
        ("Missile hits the port city\nA woman walks past a damaged house in the village on 5 June 2024. EPA-EFE\n"
         + STORY, None),
        # ... while a byline after the caption is the story's
        ("Missile hits the port city\nKim Jong Un (left) watches the launch, on March 16, 2023. AFP\nAFP | March 18, "
         "2023\n" + STORY, "2023-03-18"),
        ("Missile hits the port city\nBy AFP\nMarch 18, 2023\n" + STORY, "2023-03-18"),
        # a date alone on its line right after a standfirst or a kicker that reads like a sentence
        ("Missile hits the port city\n\nPress release by Defense Ministry of Azerbaijan.\n\nOctober 14, 2021\n\n\n"
         + STORY, "2021-10-14"),
        ("Missile hits the port city\n" + _LEDE + "Tuesday June 28, 2016\n" + STORY, "2016-06-28"),
        ("Missile hits the port city\n" + _LEDE + "\n16 October 2023 | 10:31 GMT\n\n" + STORY, "2023-10-16"),
        ("Missile hits the port city\n" + _LEDE + "2025-06-04 04:39:27\n" + STORY, "2025-06-04"),
        # ... not a teaser's, nor a date in a sentence, nor one further down the story
        ("Missile hits the port city\n" + _LEDE + "Related\nFloods kill 9\nJune 3, 2024\n" + STORY, None),
        ("Missile hits the port city\n" + _LEDE + "The last attack came on June 3, 2024.\n" + STORY, None),
        ("Missile hits the port city\n" + _LEDE + STORY + STORY + "June 3, 2024\n" + STORY, None),
    ],
)
def test_date_families_of_real_pages(page, published):
    from analysis.models import RawDocument
    from analysis.read.clean import clean_document

    article = clean_document(RawDocument("p.txt", page), today=dt.date(2026, 12, 1))
    assert (str(article.published) if article.published else None) == published


# Real pages (not from accuracy/), each labelled by reading it (`tests/dates_dev.py`, `python -m tests.dates_dev
# --errors`): 102 pages of 84 sites. Measured before the second round's fixes on the 66 pages added to the first
# 28: stated dates 36/43 read right, 1 wrong, 6 missed; year-less datelines 2/4; no date stated 1/19 given one.
# The third round moved in the 8 pages of the second check set that were not read right (a signed statement's
# date at its foot, a compact address, a caption's date taken for a byline, a list of recent posts and an
# Interfax dateline, a stamp by the headline's first copy, a slug's number taken for a day, a site header's
# day): all but one are read right now. The fifth round: 'July 17th' alone above a headline is no stamp (a bare
# day and month), so no page stating none is given a date; the one miss left is a year-less dateline whose year
# only the story's events tell. A regression fails here.
DATES_DEV_FLOOR = {"right": 73, "md right": 6}
DATES_DEV_CEILING = {"wrong": 0, "false": 0}


def test_the_dates_development_set():
    from tests.dates_dev import dev_pages, score

    counts, errors = score()
    assert len(dev_pages()) == 102
    assert all(counts[kind] >= floor for kind, floor in DATES_DEV_FLOOR.items()), (counts, errors)
    assert all(counts[kind] <= ceiling for kind, ceiling in DATES_DEV_CEILING.items()), (counts, errors)


# --- a year-less dateline's year, stated elsewhere on the page ----------------------------------------


@pytest.mark.parametrize(
    "text, month, day, expected",
    [
        # a line that is only a date, with its label, clock or outlet, naming the dateline's day
        ("BASRA, Iraq, April 14 (Reuters) - Troops killed eight gunmen.\n\nVon: 14.04.2007", 4, 14,
         dt.date(2007, 4, 14)),
        ("Attack kills seven\n11/17/2024 7:09:07 PM\nISLAMABAD, Nov 17 (KUNA) -- The attack", 11, 17,
         dt.date(2024, 11, 17)),
        ("Published: Apr 14, 2007 10:22 GMT | Reuters", 4, 14, dt.date(2007, 4, 14)),
        ("Datum: 2007-04-14", 4, 14, dt.date(2007, 4, 14)),
        ("14 April 2007", 4, 14, dt.date(2007, 4, 14)),
        ("Posted 04/05/2019 08:30", 4, 5, dt.date(2019, 4, 5)),  # either way round: the dateline's day decides
        ("Posted 04/05/2019 08:30", 5, 4, dt.date(2019, 5, 4)),
        # not a line of the date alone: a sentence of the story's history (an anniversary), or another day
        ("On April 14, 2003, US troops entered the city and toppled the statue.", 4, 14, None),
        ("The agreement signed on 14.04.2007 in Geneva by both governments lapsed", 4, 14, None),
        ("Von: 15.04.2007", 4, 14, None),
        ("Floods kill 9 - June 3, 2024", 4, 14, None),
        # the day in two different years: which one is the story's is not stated
        ("Von: 14.04.2007\nMore: 14.04.2006", 4, 14, None),
        ("", 4, 14, None),
    ],
)
def test_same_day_stated(text, month, day, expected):
    from analysis.read.dates import same_day_stated

    assert same_day_stated(text, month, day, TODAY) == expected


@pytest.mark.parametrize(
    "page, expected",
    [
        ("Troops kill eight gunmen in the city\n\nBASRA, Iraq, April 14 (Reuters) - " + STORY + "\nVon: 14.04.2007\n",
         ("2007-04-14", False)),
        ("Attack on a checkpoint kills seven\n11/17/2024 7:09:07 PM\nISLAMABAD, Nov 17 (KUNA) -- " + STORY,
         ("2024-11-17", False)),
        # an anniversary in the story is no stamp: the year is inferred from the day the page is read
        ("Crowds mark the fall of the city\n\nBAGHDAD, April 9 (Reuters) - On April 9, 2003, US troops entered the "
         "city and toppled the statue, and crowds marked the day with 12 marches on Friday.\n", ("2025-04-09", True)),
    ],
)
def test_a_year_less_dateline_takes_the_year_its_page_states(page, expected):
    from analysis.models import RawDocument
    from analysis.read.clean import clean_document

    article = clean_document(RawDocument("p.txt", page), today=dt.date(2026, 1, 5))
    assert (str(article.published), article.date_inferred) == expected


@pytest.mark.parametrize(
    "line, expected",
    [
        ("October 14, 2021", True),
        ("Tuesday June 28, 2016", True),
        ("Thursday, November 21, 2024", True),
        ("16 October 2023 | 10:31 GMT", True),
        ("Wednesday 19 February 2020 - 17:45", True),
        ("2025-06-04 04:39:27", True),
        ("Mon, 03/14/2024", True),
        ("Updated 14 March 2024", False),  # a label: a byline, read as one
        ("The attack on March 5, 2019", False),
        ("March 16, 2024At least seven soldiers", False),
        ("Floods kill 9 - June 3, 2024", False),
        ("No date here", False),
    ],
)
def test_is_date_alone(line, expected):
    from analysis.read.dates import is_date_alone

    assert is_date_alone(line, TODAY) is expected


# --- an export's date column: which way round its numeric dates are ----------------------------------


@pytest.mark.parametrize(
    "values, expected",
    [
        (["05/03/2024", "13/03/2024", "06/03/2024"], True),  # a day over 12 in the column: day first
        (["05/03/2024", "03/13/2024 08:14", None, ""], False),  # a day over 12 second: month first
        (["05-03-2024", "28-02-2024 17:30"], True),
        (["Published 05/03/2024", "Published 25/03/2024"], True),
        (["05/03/2024", "06/03/2024", "2024-03-13"], None),  # no numeric value whose order is certain
        (["05/03/2024", "13/03/2024", "03/14/2024"], None),  # both ways round: says nothing
        (["05.03.2024", "13.03.2024"], None),  # dots are day first anyway: no evidence needed or taken
        (["March 13, 2024", "05/03/2024"], None),  # a month by name says nothing of the numbers' order
        ([], None),
    ],
)
def test_column_order(values, expected):
    from analysis.read.dates import column_order

    assert column_order(values) is expected


@pytest.mark.parametrize(
    "value, day_first, expected",
    [
        ("05/03/2024", True, "2024-03-05"),
        ("05/03/2024", False, "2024-05-03"),
        ("05/03/2024 08:14", True, "2024-03-05"),
        ("05-03-2024", False, "2024-05-03"),
        ("05/03/2024", None, "05/03/2024"),  # no evidence: left as it is (unread)
        ("13/03/2024", False, "13/03/2024"),  # certain already: read as it is
        ("2024-03-05T08:14:00Z", True, "2024-03-05T08:14:00Z"),
        ("05/05/2024", True, "05/05/2024"),
        (None, True, None),
    ],
)
def test_settle_numeric_date(value, day_first, expected):
    from analysis.read.dates import settle_numeric_date

    assert settle_numeric_date(value, day_first, TODAY) == expected


# The check set (`tests/fixtures/dates_dev/dates_check.jsonl`): 20 pages of 19 sites (17 not in the dev set) collected and labelled
# after this round's fixes, not tuned on. Main's code before them read it the same: 7/8 stated dates (the miss: a
# compact address '/2008nov11/'), 2/2 year-less datelines, no date given to the 10 pages that state none.
def test_the_dates_check_set():
    from tests.dates_dev import dev_pages, score

    counts, errors = score("dates_check.jsonl")
    assert len(dev_pages("dates_check.jsonl")) == 20
    assert (counts["right"], counts["md right"], counts["wrong"], counts["false"]) >= (7, 2, 0, 0), (counts, errors)
    assert counts["wrong"] == 0 and counts["false"] == 0, (counts, errors)


# The second check set (`dates_check2.jsonl`): 54 pages of 54 sites in none of the other sets, labelled before the
# reader ran on them. Main's code read them: stated dates 24/27, year-less datelines 1/3, 3/24 false dates. Its 8
# misses moved to the dev set; the 46 left (24 stated, 1 year-less, 21 none) were read right before and must stay so.
def test_the_second_dates_check_set():
    from tests.dates_dev import dev_pages, score

    counts, errors = score("dates_check2.jsonl")
    assert len(dev_pages("dates_check2.jsonl")) == 46
    assert (counts["right"], counts["md right"], counts["none"]) == (24, 1, 21), (counts, errors)


# --- dates in addresses: compact, day first, in a query, and ids that look like dates ------------------


@pytest.mark.parametrize(
    "url, expected",
    [
        # run together: year, month by name, day; or day, month, year
        ("https://news.example/2008nov11/security_forces_kill_13.html", dt.date(2008, 11, 11)),
        ("https://news.example/2007dec13/army_relocating_troops.html", dt.date(2007, 12, 13)),
        ("https://news.example/2019sept5/x", dt.date(2019, 9, 5)),
        ("https://news.example/11nov2008/story", dt.date(2008, 11, 11)),
        ("https://news.example/news/2024March14/x", dt.date(2024, 3, 14)),
        # eight digits between separators, and with the clock run on (six digits)
        ("https://news.example/world/20081111/story.html", dt.date(2008, 11, 11)),
        ("https://news.example/world/us-strikes-20240314-slug", dt.date(2024, 3, 14)),
        ("https://news.example/item/20130722090830-mvs1f", dt.date(2013, 7, 22)),
        ("https://news.example/a/story_20240314235959.html", dt.date(2024, 3, 14)),
        # day, month and year: certain when a part is over 12, else in the order of the address's country
        ("https://news.example/news/14-03-2024/strike", dt.date(2024, 3, 14)),
        ("https://news.example/news/03-14-2024/strike", dt.date(2024, 3, 14)),
        ("https://news.example/a/story_14_03_2024.html", dt.date(2024, 3, 14)),
        ("https://www.news.co.uk/news/03-04-2024/strike", dt.date(2024, 4, 3)),
        ("https://www.news.us/news/03-04-2024/strike", dt.date(2024, 3, 4)),
        ("https://news.example/news/03-04-2024/strike", None),  # either way round, nothing says which
        ("https://news.example/philippine/South-China-Sea-drills-05152019151900.html", dt.date(2019, 5, 15)),
        ("https://news.example/china/block-11182021141058.html", dt.date(2021, 11, 18)),
        ("https://www.news.in/story-14032024101500.html", dt.date(2024, 3, 14)),
        # a query that names the date
        ("https://news.example/story?date=2024-03-14", dt.date(2024, 3, 14)),
        ("https://news.example/story?id=7&pubdate=20240314", dt.date(2024, 3, 14)),
        ("https://news.example/story?published=14-03-2024&x=1", dt.date(2024, 3, 14)),
        ("https://news.example/view.php?Date=2024/03/14#top", dt.date(2024, 3, 14)),
        # ids, slugs and stamps that look like dates: not the story's
        ("https://news.example/stories/M/ML_SYRIA?SITE=X&CTIME=2012-12-05-06-03-23", None),  # a cache's stamp
        ("https://news.example/2017/04/4-children-among-9-dead-us-syria-strike/", None),  # "4 children"
        ("https://news.example/2019/05/15-killed-in-blast", None),
        ("https://news.example/2019/08/tensions-rising-india/", None),  # year and month only
        ("https://news.example/article/2024031412/x", None),  # ten digits: an id
        ("https://news.example/stories/202006010222.html", None),  # twelve digits: a date and a number
        ("https://news.example/content_20241399.htm", None),  # no 13th month
        ("https://news.example/article/idUSKBN0UD11K20151230", None),  # glued to an id's letters
        ("https://news.example/p/12345678", None),
        ("https://news.example/news/05152019/x", None),  # eight digits day or month first: an id as often
        ("https://news.example/video/1.6743173", None),
        ("https://news.example/?p=20240314", None),  # a post's number
        ("https://news.example/story?date=tomorrow", None),
    ],
)
def test_the_address_date_family(url, expected):
    assert date_in_url(url, today=TODAY) == expected


@pytest.mark.parametrize(
    "url, expected",
    [
        ("https://news.example/2019/08/tensions-rising/", (2019, 8)),
        ("https://news.example/world/2019/aug/tensions-rising", (2019, 8)),
        ("https://news.example/2017/04/4-children-among-9-dead/", (2017, 4)),
        ("https://news.example/2019-08/tensions", (2019, 8)),
        ("https://news.example/2019/08/06/tensions/", None),  # a whole date
        ("https://news.example/2019/13/x/", None),
        ("https://news.example/tensions-2019/", None),
        (None, None),
    ],
)
def test_year_month_in_url(url, expected):
    from analysis.read.dates import year_month_in_url

    assert year_month_in_url(url) == expected


@pytest.mark.parametrize(
    "page, url, expected",
    [
        # the address's year and month with a dateline's or stamp's day: stated, not inferred
        ("Troops rushed to the border\n\nNew Delhi, Aug 06: " + STORY, "https://news.example/2019/08/troops/",
         ("2019-08-06", False)),
        ("Troops rushed to the border\n\nNEW DELHI, Aug. 6 (Reuters) - " + STORY, "https://news.example/2019/aug/x",
         ("2019-08-06", False)),
        ("Troops rushed to the border\nTuesday, August 6\n\n" + STORY, "https://news.example/2019/08/troops/",
         ("2019-08-06", False)),
        # another month: the latest such day not after the address's month
        ("Troops rushed to the border\n\nNEW DELHI, Dec 31 (Reuters) - " + STORY, "https://news.example/2020/01/x/",
         ("2019-12-31", True)),
        # no day anywhere: the address's month alone dates nothing
        ("Troops rushed to the border\n\n" + STORY, "https://news.example/2019/08/troops/", (None, False)),
    ],
)
def test_an_addresss_year_and_month_date_a_year_less_day(page, url, expected):
    from analysis.models import RawDocument
    from analysis.read.clean import clean_document

    article = clean_document(RawDocument(url, page, url=url), today=dt.date(2026, 1, 5))
    assert (str(article.published) if article.published else None, article.date_inferred) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("KHARKIV. Aug 15 (Interfax-Ukraine) – As a result of the shelling", (8, 15)),
        ("KYIV. March 9 (Interfax-Ukraine) - Troops", (3, 9)),
        ("KYIV. March 9 - Troops", (3, 9)),
        ("NEW YORK. Sept. 5 (Interfax) - The council", (9, 5)),
        ("MOSCOW. 14 March (Interfax) - The ministry", (3, 14)),
        # a full stop after a place is a dateline's only with an agency or a dash after the day
        ("KYIV. March 9 was the day the talks began", None),
        ("Officials said. March 9 - the talks", None),  # not a place in capitals
        ("U.S. May 5 - x", None),
    ],
)
def test_the_full_stop_dateline_family(text, expected):
    found = find_yearless_dateline(text)
    assert (found[:2] if found else None) == expected


_STATEMENT = ("The Ministry strongly believes that there is no honorable reason for the two countries to descend into "
              "hostility and calls for close collaboration between the regional administrations.\n\n" + STORY + "\n"
              + STORY + "\n")


@pytest.mark.parametrize(
    "page, published",
    [
        # a caption's sentence with a date is not the byline: the blog's date line above the headline is
        ("Tuesday, 30 August 2016\n\nRebels capture strategic town\n\nSmoke billows from Atshan after pro-regime "
         "forces captured the village as part of their offensive across the province, on October 11, 2015\n\n"
         + STORY, "2016-08-30"),
        ("Rebels capture strategic town\nFighters gather in the square of the town after the army withdrew from it "
         "on the night of March 5, 2019\n" + STORY, None),
        # ... while a byline of names, places and a label is read
        ("Rebels capture strategic town\nAFP Damascus, Damascus Governorate, Syria Apr 07, 2017, 10.58 AM (IST)\n\n"
         + STORY, "2017-04-07"),
        ("Rebels capture strategic town\nPublished Jun 1, 2023 9:36 AM by The Maritime Executive\n\n" + STORY,
         "2023-06-01"),
        # a section's name between a date and the headline: the date is the site header's day
        ("Monday, February 17, 2025\n\nTop 5 This Week\n\nRelated Posts\n\nRebels capture strategic town\n\n" + STORY,
         None),
        ("Monday, February 17, 2025\nRecent Posts\nRebels capture strategic town\n\n" + STORY, None),
        ("Monday, February 17, 2025\nTrending\nRebels capture strategic town\n\n" + STORY, None),
        ("Monday, February 17, 2025\nRebels capture strategic town\n\n" + STORY, "2025-02-17"),
        # a list of recent posts with their dates above the story: neither its headline nor its byline
        ("Recent Posts\n- Ukraine repatriates five wounded POWs 10.04.2023\n- Rada terminates a protocol on joint "
         "measures 10.04.2023\nMorning shelling of Kharkiv wounds five\n\nKHARKIV. Aug 15 (Interfax-Ukraine) – "
         + STORY, "2026-08-15"),
        ("• Floods kill nine in the north of the country 14/03/2024\nMorning shelling of Kharkiv wounds five\n\n"
         + STORY, None),
        # the headline shown twice: the stamp by its first copy is the story's
        ("Apr 25, 1:24 PM EDT\n\nRebels seize northwest Syrian town\n\nAP Photo\n\nDocuments\nIndictment of a dealer "
         "in arms\nLatest Syria News\nRebels seize northwest Syrian town\n\nUN envoy to start talks in May on Syria\n\n"
         "Buy AP Photo Reprints\n\n" + STORY, "2026-04-25"),
        ("March 14, 2024\n\nRebels seize northwest Syrian town\n\nAP Photo\n\nDocuments\nLatest Syria News\nRebels "
         "seize northwest Syrian town\n\nUN envoy to start talks in May on Syria\n\nBuy AP Photo Reprints\n\n" + STORY,
         "2024-03-14"),
        # a statement dated where it is signed, at its foot
        ("Statement on the border incident\n\n" + _STATEMENT + "Ministry Of Foreign Affairs of the FDRE\n\nOffice of "
         "the Spokesperson\n\n31 May 2020\n", "2020-05-31"),
        ("Statement on the border incident\n\n" + _STATEMENT + "Issued by the Ministry of Foreign Affairs\nAddis "
         "Ababa\n31 May 2020\n", "2020-05-31"),
        ("Statement on the border incident\n\n" + _STATEMENT + "Embassy of Japan in Kenya\n14.03.2024\n", "2024-03-14"),
        ("Statement on the border incident\n\n" + _STATEMENT + "Press Service of the President\nMarch 14, 2024\n",
         "2024-03-14"),
        # ... not a teaser's headline and date, nor a date alone with no signature, nor one above more story
        ("Statement on the border incident\n\n" + _STATEMENT + "Ministry of Health warns of floods\nJune 3, 2024\n",
         None),
        ("Statement on the border incident\n\n" + _STATEMENT + "Floods kill nine in the north\nJune 3, 2024\n", None),
        ("Statement on the border incident\n\n" + _STATEMENT + "Related\nMinistry Of Defence\nJune 3, 2024\n", None),
        ("Statement on the border incident\n\n" + _STATEMENT + "June 3, 2024\n", None),
        ("Statement on the border incident\n\n" + _STATEMENT + "Office of the Spokesperson\n31 May 2020\n" + STORY,
         None),
    ],
)
def test_byline_and_foot_families_of_the_third_round(page, published):
    from analysis.models import RawDocument
    from analysis.read.clean import clean_document

    article = clean_document(RawDocument("p.txt", page), today=dt.date(2026, 12, 1))
    assert (str(article.published) if article.published else None) == published


# The third check set (`dates_check3.jsonl`): 34 pages of 34 sites in none of the other sets, collected and
# labelled after the third round's fixes, before the reader ran on them. That round's code: 11/11 stated, 0/1
# year-less (a Wix post's '- Mar 6' under its author's name, missed; read since the fifth round), 22/22 given no
# date; main's code before the round:
# 11/11, 0/1, and one false date (a headline's number after a year and month in the address,
# '/2017/03/10-malian-soldiers...', read as the 10th).
def test_the_third_dates_check_set():
    from tests.dates_dev import dev_pages, score

    counts, errors = score("dates_check3.jsonl")
    assert len(dev_pages("dates_check3.jsonl")) == 34
    assert (counts["right"], counts["none"]) == (11, 22), (counts, errors)
    # the fifth round: the Wix byline's '- Mar 6' beside '- 1 min read' is read (a byline with a reading time)
    assert counts["md right"] == 1, (counts, errors)


# --- fifth round: the families the accuracy set's dates missed (dev data since the dates held-out set moved to
# tests/fixtures/dates_heldout), and the known misses of the dev and check sets; variants of our own ------------

_HEADLINE = "Taiwan says it spotted 22 Chinese warplanes near the island"


@pytest.mark.parametrize(
    "page, published",
    [
        # an agency's photo credit in parentheses makes a line a caption: its date is the picture's
        ("Members of M23 patrol on the street of Goma, Congo Thursday, Jan. 30, 2025. (AP Photo/Brian Inganga) "
         "ASSOCIATED PRESS\n\nPeople rush to shop in downtown Goma, Congo Thursday, Jan. 30, 2025. (AP Photo/Moses "
         "Sawasawa) ASSOCIATED PRESS\n", None),
        ("Rebels capture strategic town\nFighters patrol in Goma, Congo, Jan. 30, 2025. (AP Photo/Brian Inganga)\n"
         + STORY, None),
        ("Rebels capture strategic town\nFighters patrol in Goma on Jan. 30, 2025 (AFP Photo/Alexis Huguet)\n" + STORY,
         None),
        ("Rebels capture strategic town\nSoldiers in Goma, Congo, 30 January 2025 (Reuters Photo)\n" + STORY, None),
        ("Rebels capture strategic town\nResidents flee Goma, Jan 30, 2025. (UPI Photo/Jane Doe)\n" + STORY, None),
        ("Rebels capture strategic town\nA checkpoint in Goma on 30.01.2025 (AA Photo)\n" + STORY, None),
        # ... while the byline under such a caption is the story's
        ("Rebels capture strategic town\nFighters patrol in Goma, Congo, Jan. 30, 2025. (AP Photo/Brian Inganga)\n"
         "By Jane Doe | February 1, 2025\n" + STORY, "2025-02-01"),
        # a stamp under a headline's first copy, when the headline is shown again over the story
        ("News\nSierra Leone clashes killed 13 soldiers\nWorld News\n2023-11-27 | 10:09\nHigh views\nShare\nShare\n0\n"
         "min\nSierra Leone clashes killed 13 soldiers\n" + STORY, "2023-11-27"),
        ("Sierra Leone clashes killed 13 soldiers\nWorld\n27 November 2023 - 10:09\nShare\nTweet\nEmail\nPrint\n"
         "Sierra Leone clashes killed 13 soldiers\n" + STORY, "2023-11-27"),
        ("Sierra Leone clashes killed 13 soldiers\nNov 27, 2023 10:09 AM\nListen\nShare\nSave\nComment\n"
         "Sierra Leone clashes killed 13 soldiers\n" + STORY, "2023-11-27"),
        # ... never a teaser's under a section's name there
        ("Sierra Leone clashes killed 13 soldiers\nRelated\n2023-11-20 | 08:00\nShare\nTweet\nEmail\nPrint\n"
         "Sierra Leone clashes killed 13 soldiers\n" + STORY, None),
        # a publication label and its date opening a line the rest of the page is run into
        ("Posted on September 12, 2023 by " + _HEADLINE + " " + _HEADLINE + " on Tuesday Uncategorized\n",
         "2023-09-12"),
        ("Published on 12 September 2023 by admin " + _HEADLINE + " on Tuesday, the ministry said\n", "2023-09-12"),
        ("Posted: Sep 12, 2023 " + _HEADLINE + " on Tuesday, the ministry said in a statement\n", "2023-09-12"),
        ("Last updated on 2023-09-12 by News Desk " + _HEADLINE + " on Tuesday, the ministry said\n", "2023-09-12"),
        ("Posted by admin on September 12, 2023 in World " + _HEADLINE + " " + _HEADLINE + " on Tuesday\n",
         "2023-09-12"),
        ("Last Updated: Tuesday, September 12, 2023 " + _HEADLINE + " on Tuesday, the ministry said\n",
         "2023-09-12"),
        ("POSTED ON SEPTEMBER 12, 2023 " + _HEADLINE + " " + _HEADLINE + " on Tuesday Uncategorized\n", "2023-09-12"),
        ("Published 12.09.2023 | " + _HEADLINE + " " + _HEADLINE + " on Tuesday Uncategorized\n", "2023-09-12"),
        # ... a numeric date either way round stays unread without evidence of its order
        ("Posted on 09/12/2023 by admin " + _HEADLINE + " " + _HEADLINE + " on Tuesday Uncategorized\n", None),
        # ... not a sentence that mentions a posting ("was posted on")
        ("The video was posted on September 12, 2023 by a resident who filmed the aircraft over the island on "
         "Tuesday\n", None),
        # a stamp set apart at the end of the headline's line by wide spaces (hard-wrapped wire pages)
        ("Printable Page Headline News   Return to Menu - Page 1 2 3\nTaiwan: Chinese Warships in Strait     05/27 "
         "08:14\n\n\n   BEIJING (AP) -- " + STORY, "2026-05-27"),
        ("Taiwan: Chinese Warships in Strait\t\t05/27/2023 08:14\n\n   BEIJING (AP) -- " + STORY, "2023-05-27"),
        ("Taiwan: Chinese Warships in Strait      May 27, 2023\n\n   BEIJING (AP) -- " + STORY, "2023-05-27"),
        ("Taiwan: Chinese Warships in Strait      27 May 2023 08:14 GMT\n\n" + STORY, "2023-05-27"),
        # ... not in a list of headlines, each with its own stamp
        ("Headline News\nTaiwan: Chinese Warships in Strait     05/27 08:14\nFloods hit the south     05/26 19:02\n"
         "Markets close higher     05/26 16:30\n\n" + STORY, None),
        # a bare day and month alone names no stamp: a heading, an event's name ("July 4th"), no weekday, clock or label
        ("July 17th\n\nNew Sanctions on Iran\n\n" + STORY, None),
        ("March 9\n\nNew Sanctions on Iran\n\n" + STORY, None),
        ("17 July\n\nNew Sanctions on Iran\n\n" + STORY, None),
        ("September 11th\nNew Sanctions on Iran\n\n" + STORY, None),
        # ... while a stamp with a weekday, a clock or a label is one
        ("Wednesday, July 17th\n\nNew Sanctions on Iran\n\n" + STORY, "2024-07-17"),  # the latest on a Wednesday
        ("July 17, 10:30 am\n\nNew Sanctions on Iran\n\n" + STORY, "2026-07-17"),
        ("Updated: July 17\n\nNew Sanctions on Iran\n\n" + STORY, "2026-07-17"),
        # a byline of list items with a reading time (Wix, Medium): its year-less date is the post's
        ("Myanmar junta airstrikes kill 26 in Myaing Township\n- Saw Kyaw Oo\n- Mar 6\n- 1 min read\n" + STORY,
         "2026-03-06"),
        ("Myanmar junta airstrikes kill 26 in Myaing Township\n• Saw Kyaw Oo\n• 6 March\n• 3 min read\n" + STORY,
         "2026-03-06"),
        ("Myanmar junta airstrikes kill 26 in Myaing Township\nSaw Kyaw Oo · Mar 6 · 2 min read\n" + STORY,
         "2026-03-06"),
        ("Myanmar junta airstrikes kill 26 in Myaing Township\n- Saw Kyaw Oo\n- Mar 6, 2024\n- 1 min read\n" + STORY,
         "2024-03-06"),
        ("Myanmar junta airstrikes kill 26 in Myaing Township\nSaw Kyaw Oo\nMar 6, 2024 · 4 min read\n" + STORY,
         "2024-03-06"),
        ("Myanmar junta airstrikes kill 26 in Myaing Township\nSaw Kyaw Oo\n3 min read · Mar 6\n" + STORY,
         "2026-03-06"),
        ("Myanmar junta airstrikes kill 26 in Myaing Township\nWritten by Saw Kyaw Oo\nMarch 6\n5 minute read\n"
         + STORY, "2026-03-06"),
        ("Medium\nMyanmar junta airstrikes kill 26 in Myaing Township\nSaw Kyaw Oo\nFollow\n3 min read\n·\n"
         "Mar 6, 2024\n" + STORY, "2024-03-06"),
        # ... never a list of recent posts without one
        ("Myanmar junta airstrikes kill 26 in Myaing Township\n- Floods hit the south\n- Mar 6\n- Markets close\n"
         + STORY, None),
    ],
)
def test_families_of_the_fifth_round(page, published):
    from analysis.models import RawDocument
    from analysis.read.clean import clean_document

    article = clean_document(RawDocument("p.txt", page), today=dt.date(2026, 12, 1))
    assert (str(article.published) if article.published else None) == published


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Taiwan: Chinese Warships in Strait     05/27 08:14\n\nBEIJING (AP) --", "05/27 08:14"),
        ("Menu\nTaiwan: Chinese Warships in Strait\t05/27/2023 08:14\n", "05/27/2023 08:14"),
        ("Taiwan: Chinese Warships in Strait      May 27, 2023\n", "May 27, 2023"),
        ("Taiwan: Chinese Warships in Strait      Monday, May 27\n", "Monday, May 27"),
        # not a menu's end (the site header's day), a bare day and month, a number, nor one of many
        ("Home   World   Business   Sport      Tuesday, May 27, 2023\nTaiwan: Chinese Warships in Strait\n", None),
        ("Taiwan: Chinese Warships in Strait      May 27\n", None),
        ("Killed      12\nWounded      40\n", None),
        ("Taiwan: Chinese Warships in Strait     05/27 08:14\nFloods hit the south     05/26 19:02\n", None),
        ("Taiwan: Chinese Warships in Strait 05/27 08:14\n", None),  # one space: part of the line
        ("Line one\nTwo\nThree\nFour\nFive\nSix\nSeven\nEight\nNine is far down      May 27, 2023\n", None),
    ],
)
def test_stamp_set_apart(text, expected):
    from analysis.read.dates import stamp_set_apart

    assert stamp_set_apart(text, dt.date(2026, 12, 1)) == expected


@pytest.mark.parametrize(
    "page",
    [
        # comments' stamps, under the story or beside a reader's name
        "Rebels capture strategic town\n\n" + STORY + "\nComments\nJane Doe 14 November 2017 10:38\nSo sad.\n",
        "Rebels capture strategic town\n\n" + STORY + "\n2 comments\n- ahmed_k on 12/05/2018 at 9:14 pm\n"
        "Great report\n",
        "Rebels capture strategic town\n\n" + STORY + "\nLeave a Reply\nxetai9977 14 November 2017 10: 38\n"
        "Well, it was confirmed.\n",
        # a copyright year, a founding year, an edition's number
        "Rebels capture strategic town\n\n" + STORY + "\nCopyright © 2024 WPVI-TV. All Rights Reserved.\n",
        "© 2023 The Eastern Ledger\nRebels capture strategic town\n\n" + STORY,
        "Rebels capture strategic town\n\n" + STORY + "\n(Copyright 2012 by BNO News B.V. All rights reserved.)\n",
        # the story's own events
        "Rebels capture strategic town\n\nThe army said the town fell on March 5, 2019 after a week of fighting, and "
        "that 12 soldiers were killed.\n",
        "Rebels capture strategic town\n\nYesterday on February 16 2015 the village was shelled three times, the "
        "governor said, and nobody was hurt.\n",
        "Rebels capture strategic town\n\nThe drill will run from October 27 to November 4, the Joint Chiefs of Staff "
        "said on Thursday in a statement.\n",
        # teasers of other stories, below the story or under a section's name above it
        "Rebels capture strategic town\n\n" + STORY + "\nRelated Stories\nFloods kill 9 in the north - March 3, 2024\n",
        "Latest News\nFloods kill 9 in the north\nMarch 3, 2024\nRebels capture strategic town\nWar in the north\n"
        "The army says it holds the centre\nResidents count the cost\n" + STORY,
        "Most Read\nFloods kill 9 in the north\n03/03/2024 10:15\nRebels capture strategic town\nWar in the north\n"
        "The army says it holds the centre\nResidents count the cost\n" + STORY,
        # an embedded post's stamp
        "Rebels capture strategic town\n\n" + STORY + "— UAE Voice (@uae_voiceeng) March 22, 2024\n",
    ],
)
def test_no_false_date_from_comments_copyright_events_or_teasers(page):
    from analysis.models import RawDocument
    from analysis.read.clean import clean_document

    assert clean_document(RawDocument("p.txt", page), today=dt.date(2026, 12, 1)).published is None


# --- sixth round: the families of set A's misses (`tests/fixtures/dates_heldout`, dev data since set B holds out),
# and the two seen while collecting it: months in other languages, dots with spaces; variants of our own ---------

_READ_ON = dt.date(2026, 12, 1)


@pytest.mark.parametrize(
    "text, expected",
    [
        # a month in another language, day first, with its year
        ("18 février 2026 | Standard Digital", dt.date(2026, 2, 18)),
        ("24 Septembre 2017", dt.date(2017, 9, 24)),
        ("1er janvier 2024", dt.date(2024, 1, 1)),
        ("Publié le 3 août 2021 à 10h15", dt.date(2021, 8, 3)),
        ("mardi 8 juin 2021", dt.date(2021, 6, 8)),
        ("5 déc. 2022", dt.date(2022, 12, 5)),
        ("12 de septiembre de 2010", dt.date(2010, 9, 12)),
        ("Publicado el 3 de marzo de 2024", dt.date(2024, 3, 3)),
        ("21 de Fevereiro 2022 - 08h53", dt.date(2022, 2, 21)),
        ("5 de maio de 2021", dt.date(2021, 5, 5)),
        ("domenica 1 settembre 2019", dt.date(2019, 9, 1)),
        ("Pubblicato il 14 luglio 2020", dt.date(2020, 7, 14)),
        ("13. Juni 2018", dt.date(2018, 6, 13)),
        ("Montag, 15. März 2023, 10:30 Uhr", dt.date(2023, 3, 15)),
        ("2 Jänner 2022", dt.date(2022, 1, 2)),
        ("17 Mai 2022 (AFP)", dt.date(2022, 5, 17)),
        ("Geplaatst op 27 juli 2023", dt.date(2023, 7, 27)),
        ("Kamis, 21 Februari 2013 – 18:12 WIB", dt.date(2013, 2, 21)),
        ("Senin, 7 Agustus 2023", dt.date(2023, 8, 7)),
        ("9 Ogos 2021", dt.date(2021, 8, 9)),
        # ... never without a day and year: the names are words too
        ("le 4 mars", None),
        ("Mars 2020 rover lands", None),
        ("en mai 2021", None),
        ("Maret 2024", None),
        ("the Mac 2020 edition", None),
        # day, month and year with dots and spaces, day first as dots are
        ("13. 06. 2018", dt.date(2018, 6, 13)),
        ("Veröffentlicht: 13. 06. 2018, 07:39", dt.date(2018, 6, 13)),
        ("13.06. 2018", dt.date(2018, 6, 13)),
        ("1. 6. 2018", dt.date(2018, 6, 1)),
        ("3. 11. 2021 | 08:00", dt.date(2021, 11, 3)),
        # ... never without a year (a score, a chapter, a version) nor a day past a month's
        ("Halbzeit 13. 06.", None),
        ("Kapitel 13. 06. und 14.", None),
        ("version 1. 2. 3", None),
        ("32. 06. 2018", None),
        ("13. 13. 2018", None),
        # ... nor ids and prices that look like them
        ("Rs 13.06 2018 model", None),
        ("ref. 2. 10. 20189", None),
        ("build 1.2.2019.7", None),
        ("Best.-Nr. 13. 06. 2018-4471", None),
        ("€ 12,50. 06. 2018", None),
    ],
)
def test_other_languages_months_and_spaced_dots(text, expected):
    assert parse_date(text, _READ_ON) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # the whole date right after an agency's dateline
        ("SEOUL, South Korea (AP) - March 27, 2008 Yonhap news agency reported the launches.", dt.date(2008, 3, 27)),
        ("BEIJING (Xinhua) -- 12 March 2019: China said on Tuesday it would respond.", dt.date(2019, 3, 12)),
        ("LONDON (Reuters) — Mar. 3, 2024 — Britain said it would send ships.", dt.date(2024, 3, 3)),
        ("KABUL, Afghanistan (AFP) – 2024-03-05 The Taliban said the border was shut.", dt.date(2024, 3, 5)),
        ("ISLAMABAD (APP): 5 May 2020 Pakistan summoned the envoy.", dt.date(2020, 5, 5)),
        # ... never a date later in the sentence (the story's), nor without an agency
        ("CAIRO (AP) - The attack on March 5, 2019 killed 12 people, officials said.", None),
        ("CAIRO (AP) - On March 5, 2019 the army said it had retaken the town.", None),
        ("CAIRO - March 5, 2019 was the deadliest day of the year, officials said.", None),
        ("The army said (AP) - March 5, 2019 was the deadliest day.", None),
    ],
)
def test_the_agency_dateline_then_its_date(text, expected):
    from analysis.read.dates import find_dated_dateline

    assert find_dated_dateline(text, _READ_ON) == expected


_BLOG_STORY = ("The United States condemns in the strongest terms the vicious and senseless attack that took place "
               "this morning, killing 6 people and injuring dozens more.\n")
_STATEMENT = "Press Statement\nJane Doe\nDepartment Spokesperson\nWashington, DC\nFebruary 9, 2013\n\n"


@pytest.mark.parametrize(
    "page, url, published",
    [
        # a blog post's header, above its headline, when the address files the post under its year and month
        ("Sunday, February 10, 2013\n\nSTATE DEPARTMENT CONDEMNS SATURDAY'S ATTACK IN IRAQ\n\nFROM: STATE "
         "DEPARTMENT\nAttack on Camp Hurriya in Iraq\n" + _STATEMENT + _BLOG_STORY,
         "https://example.blogspot.com/2013/02/state-department-condemns.html", "2013-02-10"),
        ("Search This Blog\nSunday, February 10, 2013\nState Department condemns attack on camp\n" + _BLOG_STORY,
         "https://example.blogspot.com/2013/02/state-department-condemns.html", "2013-02-10"),
        ("Friday, 21 March 2008\n\nLocalised incidents during otherwise peaceful protest\n\n" + _STATEMENT
         + _BLOG_STORY, "http://example.blogspot.com/2008/03/localised-incidents.html", "2008-03-21"),
        ("domenica 1 settembre 2019\n\nTENSIONE AL CONFINE FRA ISRAELE E LIBANO\n\n" + _STATEMENT + _BLOG_STORY,
         "https://example.blogspot.com/2019/09/tensione-al-confine.html", "2019-09-01"),
        ("domingo, 12 de septiembre de 2010\n\nLa guerrilla ataca una estación de policía\n\n" + _STATEMENT
         + _BLOG_STORY, "http://example.blogspot.com/2010/09/la-guerrilla-ataca.html", "2010-09-12"),
        # ... not where the address's month is another (a site's clock, or another post's day)
        ("Sunday, June 16, 2024\n\nSoldier dies after attack at the border\n\n" + _STATEMENT + _BLOG_STORY,
         "https://example.com/2024/05/soldier-dies-after-attack/", "2013-02-09"),
        # a photo's caption above the headline names the photo's day, not the story's
        ("Theme\nA flag flies over a boat at Dubai Marina, Dubai, United Arab Emirates May 22, 2015. (File photo: "
         "Reuters)\nIsrael Palestine Conflict\n\nUAE condemns ground operations in Gaza Strip: news agency\n\n"
         "Reuters\n" + _BLOG_STORY, "https://english.example.net/News/2023/10/28/UAE-condemns", "2023-10-28"),
        ("Soldiers patrol the border on 3 March 2024 (Photo: AFP)\nArmy says border is calm after clashes\n"
         + _BLOG_STORY, "https://example.com/news/army-says-border-is-calm", None),
        ("File photo of troops at the border, March 3, 2024\nArmy says border is calm after clashes\n"
         + _BLOG_STORY, "https://example.com/news/army-says-border-is-calm", None),
        # a United States government site writes its numbers month first
        ("Single Publication\nAll Evacuation Orders Lifted\nStorage Fire\nPublication Type: Announcement "
         "07/05/2023\nThis morning, July 2, 2023, all voluntary evacuation orders have been rescinded, the fire "
         "crews said in a statement to residents.\n", "https://inciweb.example.gov/incident/storage-fire",
         "2023-07-05"),
        ("Army says border is calm after clashes\nPosted 04/03/2024\n" + _BLOG_STORY,
         "https://www.example.mil/News/army-says-border-is-calm", "2024-04-03"),
        # a French byline on an English page
        ("Why there are growing fears over the roles of a city police unit\n\n18 février 2026 | Standard "
         "Digital\n" + _BLOG_STORY, "http://editions.example.info/why-there-is-growing-fears,14108392.html",
         "2026-02-18"),
        ("Army says border is calm after clashes\nPar Jean Dupont | 3 août 2021 à 10h15\n" + _BLOG_STORY,
         "https://example.com/army-says-border-is-calm", "2021-08-03"),
        # ... never the story's own events in another language, nor a score with dots
        ("Une attaque contre un convoi de l'armée\n\nUne attaque a été perpétrée ce jeudi 19 août 2021 contre un "
         "convoi des forces armées, a indiqué l'armée dans un communiqué publié dans la soirée.\n",
         "https://example.com/attaque-convoi", None),
        ("Bayern schlägt Dortmund im Pokal\n\nDas Spiel endete 13. 06. nach Verlängerung, sagte der Trainer nach "
         "dem Spiel vor den Journalisten in der Kabine.\n", "https://example.de/sport/pokal", None),
    ],
)
def test_families_of_the_sixth_round(page, url, published):
    from analysis.models import RawDocument
    from analysis.read.clean import clean_document

    article = clean_document(RawDocument(url, page, url=url), today=_READ_ON)
    assert (str(article.published) if article.published else None) == published


def _site(url: str) -> str:
    """A page's site: its registered domain (two labels, three under a short second-level one), or a blog's host."""
    from urllib.parse import urlparse

    host = urlparse(url).netloc.lower().removeprefix("www.")
    if host.endswith((".blogspot.com", ".wordpress.com")):
        return host
    parts = host.split(".")
    return ".".join(parts[-3:] if len(parts[-2]) <= 3 and len(parts) > 2 else parts[-2:])


def _sites_of(labels: list) -> set[str]:
    """The sites of the pages labelled in the `labels` files (JSON lines with a "url") and of accuracy/'s articles."""
    import json
    from pathlib import Path

    accuracy = Path(__file__).resolve().parents[1] / "accuracy" / "articles.jsonl"
    urls = [json.loads(line)["url"] for path in labels for line in path.read_text().splitlines()]
    urls += [json.loads(line)["url"] for line in accuracy.read_text(encoding="utf-8").splitlines()]
    return {_site(url) for url in urls}


# The first dates held-out set, set A (`tests/fixtures/dates_heldout`, `python -m tests.dates_dev --set heldout`): held
# out in the fifth round, development data since the sixth (set B holds out now). Its pages stay apart from the dev
# and check sets and accuracy/, so that its figures before and after each round stay comparable.
def test_the_dates_held_out_set_is_apart_from_every_other_set():
    from tests.dates_dev import FOLDER, HELDOUT_FOLDER, dev_pages

    held_out = dev_pages("dates_heldout.jsonl")
    assert len(held_out) == 66 and len({page.file for page in held_out}) == 66
    assert all(page.text() for page in held_out)  # each file's header names its page's address
    assert not {_site(page.url) for page in held_out} & _sites_of(sorted(FOLDER.glob("*.jsonl")))
    assert HELDOUT_FOLDER != FOLDER


# The dates held-out set B (`tests/fixtures/dates_heldout_b`, `python -m tests.dates_dev --set heldout_b`): collected
# and labelled before the sixth round read set A's errors; scored once before that round's changes and once after.
# Here only what keeps it held out: every page labelled, stored as the labels say, one page a site, and no site of it in
# the dev or check sets, in set A or in accuracy/.
def test_the_dates_held_out_set_b_is_apart_from_every_other_set():
    from tests.dates_dev import FOLDER, HELDOUT_B_FOLDER, HELDOUT_FOLDER, dev_pages

    held_out_b = dev_pages("dates_heldout_b.jsonl")
    assert len(held_out_b) == 69 and len({page.file for page in held_out_b}) == 69
    assert len({_site(page.url) for page in held_out_b}) == 69
    assert all(page.text() for page in held_out_b)  # each file's header names its page's address
    assert sum(page.date is not None for page in held_out_b) == 48
    assert sum(page.month_day is not None for page in held_out_b) == 5
    labels = sorted(FOLDER.glob("*.jsonl")) + [HELDOUT_FOLDER / "dates_heldout.jsonl"]
    assert not {_site(page.url) for page in held_out_b} & _sites_of(labels)
