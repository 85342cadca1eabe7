"""Dates as pages and feeds write them -> datetime.date, or None; never a guess."""
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.dates import find_date, parse_date

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
