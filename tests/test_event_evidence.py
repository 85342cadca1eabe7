"""Whether two reports can be of one event by the figures they state (pure): tables of sentences and figures."""
from __future__ import annotations

import datetime as dt

import pytest

from analysis.monitor.event_evidence import (
    Reported, close, different_events, different_texts, event_day, is_revision, reported,
)

MON = dt.date(2025, 10, 6)  # a Monday
TUE = MON + dt.timedelta(days=1)


@pytest.mark.parametrize("sentence, revision", [
    ("The death toll from Monday's strike on a fuel terminal in Saada rose to 38, the group said.", True),
    ("The death toll from the attack has risen to 31, officials said.", True),
    ("The toll climbed to 9 overnight.", True),
    ("The number of dead in the Ternopil strike has risen to 31.", True),
    ("The number of victims rose to 14 on Tuesday.", True),
    ("Officials raised the death toll to 25.", True),
    ("Rescuers recovered more bodies from the market, bringing the toll from the attack to 40.", True),
    ("Two more people later died of their wounds, taking the toll to 14.", True),
    ("Three of the injured died of their injuries in hospital.", True),
    ("The casualty count now stands at 61, the ministry said.", True),
    ("A strike on a market in Kharkiv killed 12 people on Monday.", False),
    ("At least 6 people were killed and 24 wounded in Dnipro, regional officials said.", False),
    ("Russia launched 483 drones and 13 missiles at Ukraine overnight, the air force said.", False),
    ("Taiwan's defence ministry said it had detected 41 Chinese military aircraft around the island.", False),
    ("Funerals were held for the 12 victims.", False),
])
def test_a_revised_count_is_read_from_its_sentence(sentence, revision):
    assert is_revision(sentence) is revision


@pytest.mark.parametrize("sentence, published, day", [
    ("A strike killed 12 people on Monday, the governor said.", MON, MON),
    ("Monday's drone strike on a grain terminal in Odesa killed 15 people.", TUE, MON),
    ("A missile hit the city late Sunday, killing 4.", TUE, MON - dt.timedelta(days=1)),
    ("Shelling on Monday night killed 3 civilians.", TUE, MON),
    ("Israeli strikes killed 79 Palestinians across Gaza on Sept. 10, the ministry said.", dt.date(2025, 9, 10),
     dt.date(2025, 9, 10)),
    ("Fighting killed at least 77 people near Goma on Nov. 2, local officials said.", dt.date(2025, 11, 3),
     dt.date(2025, 11, 2)),
    ("The attack on 14 September killed 20.", dt.date(2025, 9, 15), dt.date(2025, 9, 14)),
    ("The raid on the 3rd of October left 9 dead.", dt.date(2025, 10, 5), dt.date(2025, 10, 3)),
    ("A strike on Dec. 30 killed 8.", dt.date(2026, 1, 2), dt.date(2025, 12, 30)),  # last year's December
    ("Five people were killed yesterday in Sumy.", TUE, MON),
    ("The bombing last night killed 7.", TUE, MON),
    # no day, or only the day something was said
    ("Russia launched 101 drones and 7 missiles at Ukraine overnight, the air force said.", TUE, None),
    ("The strike killed 15 people, officials said on Tuesday.", TUE, None),
    ("The toll rose to 40, the governor told reporters on Tuesday.", TUE, None),
    ("Some 8 people may 10 times have been hurt.", TUE, None),
    ("A strike killed 12 people on Monday.", None, None),  # undated: a weekday has nothing to count back from
])
def test_the_day_of_the_event_is_read_from_the_figures_sentence(sentence, published, day):
    assert event_day(sentence, published) == day


def test_a_running_total_is_read_for_neither_a_revision_nor_a_day():
    f = reported("killed", 300, "cumulative", "The toll rose to 300 on Monday.", MON)
    assert (f.revision, f.day) == (False, None)
    g = reported("killed", 30, "incident", "The toll rose to 30 on Monday.", MON)
    assert (g.revision, g.day) == (True, MON)


@pytest.mark.parametrize("a, b, same", [(12, 12, True), (12, 14, True), (45, 47, True), (100, 109, True),
                                        (6, 24, False), (101, 483, False), (116, 101, False), (12, 15, False)])
def test_counts_outlets_may_give_of_one_event(a, b, same):
    assert close(a, b) is same


def inc(kind: str, value: int, revision: bool = False, day: dt.date | None = None, scope: str = "incident") -> Reported:
    return Reported(kind, value, scope, revision, day)


D0 = MON
D3 = MON + dt.timedelta(days=3)


@pytest.mark.parametrize("day_b, figures_a, figures_b, different", [
    # another night's attack, told in the same words: other tolls and counts, days apart
    (D3, [inc("drones", 483), inc("killed", 6)], [inc("drones", 101), inc("killed", 6)], True),
    (D3, [inc("killed", 6)], [inc("killed", 24)], True),
    (D3, [inc("aircraft", 41, scope="state")], [inc("aircraft", 25, scope="state")], True),
    # a running total that changed between two days: events happened in between
    (D3, [inc("killed", 14, scope="cumulative")], [inc("killed", 18, scope="cumulative")], True),
    (D3, [inc("killed", 14, revision=True, scope="cumulative")], [inc("killed", 18, revision=True, scope="cumulative")], True),
    (D3, [inc("killed", 81, scope="cumulative")], [inc("killed", 86, scope="cumulative")], True),  # no slack
    (D3, [inc("killed", 75, scope="cumulative")], [inc("killed", 75, scope="cumulative")], False),
    # the same event: the same toll, or near it, or revised in words
    (D3, [inc("killed", 12), inc("wounded", 45)], [inc("killed", 12), inc("wounded", 47)], False),
    (D3, [inc("killed", 23)], [inc("killed", 38, revision=True)], False),
    # the day the sentences name decides over the values
    (D3, [inc("killed", 12, day=D0)], [inc("killed", 15, day=D0)], False),
    (D3, [inc("killed", 79, day=D0)], [inc("killed", 81, day=D3)], True),
    (D3, [inc("killed", 77, day=D0), inc("killed", 12)], [inc("killed", 10, day=D3), inc("killed", 12)], True),  # "dozens" in both titles
    # the same day: tolls are revised through the day, outlets repeat older tallies
    (D0, [inc("killed", 6)], [inc("killed", 24)], False),
    # nothing to compare: no kind and scope in common
    (D3, [inc("killed", 6)], [inc("wounded", 60)], False),
    (D3, [inc("killed", 6)], [inc("killed", 300, scope="cumulative")], False),
    (D3, [], [inc("killed", 6)], False),
])
def test_reports_are_of_different_events_by_their_figures(day_b, figures_a, figures_b, different):
    assert different_events(D0, figures_a, day_b, figures_b) is different
    assert different_events(day_b, figures_b, D0, figures_a) is different  # either order


def test_a_revision_counts_only_in_the_later_report():
    earlier_revised = [inc("killed", 38, revision=True)]
    assert different_events(D0, earlier_revised, D3, [inc("killed", 23)])


@pytest.mark.parametrize("figures_a, figures_b, different", [
    ([inc("killed", 23)], [inc("killed", 41)], True),  # a template page reused with another toll
    ([inc("killed", 23), inc("displaced", 400_000)], [inc("killed", 41), inc("displaced", 400_000)], True),
    ([inc("killed", 12), inc("killed", 300, scope="cumulative")], [inc("killed", 12)], False),  # cut short
    ([inc("killed", 12)], [inc("killed", 12)], False),
    ([inc("killed", 12)], [inc("wounded", 30)], False),
    ([], [inc("killed", 12)], False),
])
def test_near_identical_texts_with_other_figures_are_not_copies(figures_a, figures_b, different):
    assert different_texts(figures_a, figures_b) is different
