"""The view options' round trip through the link (dashboard/state.py): period, map, tab, article, acts and
threats over time, what "Countries together" counts. The widgets themselves are tested with AppTest in
test_app.py and test_dashboard_signals.py."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dashboard.state import FOLDS, FREQUENCIES, MAP_METRICS, SECTIONS, TOGETHER, View, view_from_params, view_to_params

_views = st.builds(
    View,
    freq=st.sampled_from(FREQUENCIES),
    map_metric=st.sampled_from(MAP_METRICS),
    article=st.none() | st.text("0123456789abcdef", min_size=1, max_size=32),
    section=st.sampled_from(tuple(SECTIONS)),
    signals=st.booleans(),
    together=st.sampled_from(TOGETHER),
    opened=st.sets(st.sampled_from(FOLDS)).map(lambda chosen: tuple(f for f in FOLDS if f in chosen)),
)


def _as_link(params: dict[str, str | list[str]]) -> dict[str, list[str]]:
    return {key: value if isinstance(value, list) else [value] for key, value in params.items()}


@given(_views)
def test_view_round_trip(view):
    ignored = []
    assert view_from_params(_as_link(view_to_params(view)), ignored) == view
    assert ignored == []


def test_the_default_view_has_no_parameters():
    assert view_to_params(View()) == {}


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"signals": ["on"]}, View(signals=True)),
        ({"signals": ["ON "]}, View(signals=True)),
        ({"signals": ["off"]}, View()),
        ({"together": ["pairs"]}, View(together="pairs")),
        ({"together": ["Pairs"], "tab": ["together"]}, View(section="together", together="pairs")),
        ({"together": ["co-mentions"]}, View()),
        ({"open": ["stories", "Reports", "stories"]}, View(opened=("reports", "stories"))),
    ],
)
def test_view_from_a_link(params, expected):
    ignored = []
    assert view_from_params(params, ignored) == expected
    assert ignored == []


@pytest.mark.parametrize(
    "params, key, reason",
    [
        ({"signals": ["yes please"]}, "signals", "not one of off, on"),
        ({"together": ["triples"]}, "together", "not one of co-mentions, pairs"),
        ({"freq": ["hourly"]}, "freq", "not one of week, day, month"),
        ({"together": ["pairs", "co-mentions"]}, "together", "only the first together is used"),
        ({"open": ["reports", "drawer"]}, "open", "not one of alerts, reports, stories"),
    ],
)
def test_an_unusable_view_value_is_named_with_its_reason(params, key, reason):
    ignored = []
    view = view_from_params(params, ignored)
    assert [(i.key, i.reason) for i in ignored] == [(key, reason)]
    assert view.together == ("pairs" if params.get("together", [""])[0] == "pairs" else "co-mentions")
    assert view.signals is False


OUTLETS = ["Harbor Wire", "Meridian Daily", "Levant Observer", "Smith, Jones & Co"]


@pytest.mark.parametrize(
    "requested, sources, ignored",
    [
        (["Harbor Wire"], ("Harbor Wire",), []),
        (["harbor  wire", "MERIDIAN DAILY"], ("Harbor Wire", "Meridian Daily"), []),  # spelled as the store does
        (["Harbor Wire,Levant Observer"], ("Harbor Wire", "Levant Observer"), []),  # a list written by hand
        (["Smith, Jones & Co"], ("Smith, Jones & Co",), []),  # an outlet's name with a comma stays whole
        (["Reuters"], (), ["Reuters"]),
        (["Harbor Wire,Reuters"], (), ["Harbor Wire,Reuters"]),  # not all outlets: read as one name, unknown
        (["Harbor Wire", "Reuters", "harbor wire"], ("Harbor Wire",), ["Reuters"]),
    ],
)
def test_a_links_sources_are_the_stores_outlets(requested, sources, ignored):
    from analysis.store.filters import known_sources

    found, left_out = known_sources(requested, OUTLETS)
    assert found == sources
    assert [i.value for i in left_out] == ignored
    assert all(i.key == "source" and "no article from this outlet" in i.reason for i in left_out)
