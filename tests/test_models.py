"""The pipeline's data classes: the cheaper constructor keeps every promise of a frozen dataclass."""
import dataclasses
import pickle

import pytest

from analysis.models import CountryMention, Figure, PlaceMention, Sentence, Signal, _fills_its_dict


@pytest.mark.parametrize("make", [
    lambda: Sentence(1, 9, "A sentence."),
    lambda: CountryMention("UKR", 0, 7, "Ukraine"),
    lambda: PlaceMention("Kharkiv", "UKR", 3, 10),
    lambda: Figure("killed", 12, "at least", "12 died.", 0, 8, 0, 2),
    lambda: Signal("act", "Shelling hit the port.", 0, 22, ("UKR",)),
])
def test_instances_stay_frozen_equal_hashable_and_picklable(make):
    one, two = make(), make()
    assert one == two and hash(one) == hash(two) and pickle.loads(pickle.dumps(one)) == one
    first = dataclasses.fields(one)[0].name
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(one, first, None)
    assert dataclasses.asdict(one) == dataclasses.asdict(two)


def test_defaults_keywords_and_replace_work_as_generated():
    figure = Figure(kind="killed", value=3, qualifier=None, evidence="3 died.", start=0, end=7, match_start=0,
                    match_end=1, claimant="ministry")
    assert (figure.countries, figure.wording, figure.scope, figure.claimant) == ((), None, None, "ministry")
    assert dataclasses.replace(figure, scope="incident").scope == "incident"
    assert Signal("threat", "x", 0, 1).countries == ()
    with pytest.raises(TypeError):
        Sentence(1, 2)


def test_a_field_with_a_factory_is_refused():
    with pytest.raises(TypeError):
        @_fills_its_dict
        @dataclasses.dataclass(frozen=True)
        class WithFactory:
            items: list = dataclasses.field(default_factory=list)
