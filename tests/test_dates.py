"""Dates as pages and feeds write them -> datetime.date, or None; never a guess."""
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.read.dates import (
    date_in_url, find_date, find_yearless_dateline, find_yearless_stamp, infer_year, parse_date,
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
        ("11/03 19:40 GMT", (11, 3)),
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
    assert find_yearless_stamp(f"{month}/{day} {hour:02d}:{minute:02d}{zone}") == (date.month, date.day)
