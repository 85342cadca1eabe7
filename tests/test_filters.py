"""Filters <-> URL query strings: the address bar is the shareable link."""
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.understand.figures import KINDS
from analysis.store.filters import Filter, describe_filter, filter_from_query, filter_to_query, read_link


@pytest.mark.parametrize(
    "params, expected",
    [
        ({}, Filter()),
        ({"country": "VEN"}, Filter(countries=("VEN",))),
        ({"country": ["ven", "USA", "XXX", "VEN"]}, Filter(countries=("VEN", "USA"))),
        ({"from": "2025-11-01", "to": "2025-12-01"}, Filter(start=dt.date(2025, 11, 1), end=dt.date(2025, 12, 1))),
        ({"from": "2025-12-01", "to": "2025-11-01"}, Filter(start=dt.date(2025, 11, 1), end=dt.date(2025, 12, 1))),
        ({"from": "yesterday", "to": "2025-13-01"}, Filter()),
        ({"source": ["Harbor Wire", " "], "kind": ["strikes", "STRIKES", "bananas"]},
         Filter(sources=("Harbor Wire",), kinds=("strikes",))),
        ({"q": "  drone   strike "}, Filter(keyword="drone strike")),
    ],
)
def test_filter_from_query(params, expected):
    assert filter_from_query(params) == expected


@pytest.mark.parametrize(
    "value, countries, ignored",
    [
        ("ISR,PSE", ("ISR", "PSE"), []),
        ("ISR, PSE ,", ("ISR", "PSE"), []),
        ("Israel,Palestine,Lebanon", ("ISR", "PSE", "LBN"), []),
        ("isr,XXX", ("ISR",), ["XXX"]),
        ("Korea, Republic of", ("KOR",), []),  # a name with a comma is one country
        ("Iran, Islamic Republic of,Iraq", ("IRN", "IRQ"), []),
        ("Korea, Republic of,Japan,Taiwan, Province of China", ("KOR", "JPN", "TWN"), []),
        ("Iran, Islamic,Iraq", ("IRN", "IRQ"), ["Islamic"]),
        ("Iraq,Iran", ("IRQ", "IRN"), []),
        (",", (), []),
    ],
)
def test_a_link_may_list_countries_with_commas(value, countries, ignored):
    flt, left_out = read_link({"country": value})
    assert flt.countries == countries
    assert [i.value for i in left_out] == ignored


def test_a_link_may_list_kinds_with_commas():
    flt, left_out = read_link({"kind": "killed,Strikes,bananas"})
    assert flt.kinds == ("killed", "strikes") and [(i.key, i.value) for i in left_out] == [("kind", "bananas")]


def test_describe_filter():
    flt = Filter(countries=("VEN", "USA"), start=dt.date(2025, 11, 1), kinds=("strikes",), keyword="boat")
    assert describe_filter(flt) == 'Venezuela, United States · 2025-11-01 → … · figures: strikes · keyword "boat"'
    assert describe_filter(Filter()) == "All countries"


_filters = st.builds(
    Filter,
    countries=st.lists(st.sampled_from(["VEN", "USA", "UKR", "PSE", "SDN"]), unique=True).map(tuple),
    start=st.none() | st.dates(dt.date(2000, 1, 1), dt.date(2025, 6, 1)),
    end=st.none() | st.dates(dt.date(2025, 6, 2), dt.date(2030, 1, 1)),
    sources=st.lists(st.text("abc XYZ'&", min_size=1).map(str.strip).filter(bool), unique=True).map(tuple),
    kinds=st.lists(st.sampled_from(KINDS), unique=True).map(tuple),
    keyword=st.text("abc %_'\"<>", max_size=20).map(lambda s: " ".join(s.split())),
)


@given(_filters)
def test_query_round_trip(flt):
    assert filter_from_query(filter_to_query(flt)) == flt


@pytest.mark.parametrize(
    "value, pair",
    [("USA|VEN", ("USA", "VEN")), ("ven|usa", ("USA", "VEN")), ("USA|USA", None), ("USA", None),
     ("USA|XXX", None), ("USA|VEN|COL", None), ("", None)],
)
def test_pair_from_query(value, pair):
    assert filter_from_query({"pair": value}).pair == pair


def test_pair_round_trip_and_description():
    flt = Filter(pair=("USA", "VEN"))
    assert filter_to_query(flt) == {"pair": "USA|VEN"}
    assert filter_from_query(filter_to_query(flt)) == flt
    assert describe_filter(flt) == "All countries · pair: United States & Venezuela"
