"""Figure scope and claimant: sentence -> expected, one row per phrasing family."""
from __future__ import annotations

import pytest

from analysis.monitor.figure_scope import CUMULATIVE, INCIDENT, STATE, figure_claimant, figure_scope


def _scope(sentence: str, number: str, kind: str) -> str:
    start = sentence.index(number)
    return figure_scope(sentence, start, start + len(number), kind).scope


SCOPES = [
    # running totals
    ("The death toll of the campaign rose to 83, officials said.", "83", "killed", CUMULATIVE),
    ("The toll has climbed to 1,200 since the war began.", "1,200", "killed", CUMULATIVE),
    ("At least 21 known strikes since Sept. 2 have destroyed boats.", "21", "strikes", CUMULATIVE),
    ("So far 460 people have been killed in the region.", "460", "killed", CUMULATIVE),
    ("In total, 3,400 civilians were wounded last year.", "3,400", "wounded", CUMULATIVE),
    ("The war has killed more than 10,000 civilians.", "10,000", "killed", CUMULATIVE),
    ("The conflict's death toll now stands at 15,000.", "15,000", "killed", CUMULATIVE),
    ("More than 570,000 people have been displaced since April.", "570,000", "displaced", CUMULATIVE),
    ("Some 2 million people have fled their homes.", "2 million", "displaced", CUMULATIVE),
    ("Russia has launched 5,000 drones over the past three months.", "5,000", "drones", CUMULATIVE),
    ("The strikes have killed 83 people, the Pentagon said.", "83", "killed", CUMULATIVE),
    ("That brings the total to 40 strikes in the Caribbean.", "40", "strikes", CUMULATIVE),
    ("A total of 1,300 people were arrested during the protests.", "1,300", "detained", CUMULATIVE),
    ("Over the last two years the fighting has killed 12,000.", "12,000", "killed", CUMULATIVE),
    # one event or one day
    ("A strike on a market killed 40 people on Friday.", "40", "killed", INCIDENT),
    ("Russia launched 48 drones overnight, the air force said.", "48", "drones", INCIDENT),
    ("Eleven people were killed in an attack on a bus station.", "Eleven", "killed", INCIDENT),
    ("A strike that killed 12 civilians hit the port.", "12", "killed", INCIDENT),
    ("Friday's attack wounded 44 people.", "44", "wounded", INCIDENT),
    ("Police detained 35 protesters yesterday.", "35", "detained", INCIDENT),
    ("Five soldiers died in an ambush near the border.", "Five", "killed", INCIDENT),
    ("The barrage included 31 missiles fired at Kyiv.", "31", "missiles", INCIDENT),
    ("At least 9 were killed when a missile struck Odesa.", "9", "killed", INCIDENT),
    ("On Oct. 14 a strike killed 7 fishermen.", "7", "killed", INCIDENT),
    ("The death toll from the Tuesday bombing rose to 27.", "27", "killed", INCIDENT),
    ("A drone struck an apartment block, killing 6 people.", "6", "killed", INCIDENT),
    ("US forces carried out 3 strikes in the Pacific this morning.", "3", "strikes", INCIDENT),
    # a sentence with both: the clause of the number decides
    ("A strike on Friday killed 12, bringing the toll since February to 300.", "12", "killed", INCIDENT),
    ("A strike on Friday killed 12, bringing the toll since February to 300.", "300", "killed", CUMULATIVE),
    # standing counts
    ("The US has deployed 15,000 troops to the region.", "15,000", "troops", STATE),
    ("Eight warships remain off the coast of Venezuela.", "Eight", "warships", STATE),
    ("Some 10 F-35 aircraft are stationed in Puerto Rico.", "10", "aircraft", STATE),
    ("Russia has massed 100,000 troops near the border.", "100,000", "troops", STATE),
    ("At least 1,200 people are being held in detention.", "1,200", "detained", STATE),
    ("The group holds 59 hostages.", "59", "detained", STATE),
    ("About 4,500 troops took part in the drills.", "4,500", "troops", STATE),
    ("Ukraine's air force said it shot down 40 aircraft.", "40", "aircraft", INCIDENT),
]


@pytest.mark.parametrize("sentence, number, kind, expected", SCOPES)
def test_figure_scope(sentence: str, number: str, kind: str, expected: str) -> None:
    assert _scope(sentence, number, kind) == expected


def test_scope_names_its_cue() -> None:
    sentence = "Russia launched 48 drones overnight."
    start = sentence.index("48")
    found = figure_scope(sentence, start, start + 2, "drones")
    assert found.cue == "overnight"


CLAIMANTS = [
    ("A strike killed 12 people, the health ministry said.", "health ministry"),
    ("Ukraine's air force said Russia launched 48 drones overnight.", "Ukraine's air force"),
    ("According to the UN, 570,000 people have been displaced.", "UN"),
    ("More than 400 were killed, according to local health officials.", "local health officials"),
    ("At least 40 were killed, said the regional governor on Friday.", "regional governor"),
    ("The Pentagon announced 3 more strikes on Tuesday.", "Pentagon"),
    ("Israel's military said it struck 20 targets in Gaza.", "Israel's military"),
    ("Twelve people were killed in the attack, officials said.", None),
    ("He said 12 people were killed.", None),
    ("A strike on a market killed 40 people on Friday.", None),
    ("Twelve residents said 9 people died in the raid.", None),
    ("Russia has deployed 15,000 troops, Ukrainian intelligence reported.", "Ukrainian intelligence"),
]


@pytest.mark.parametrize("sentence, expected", CLAIMANTS)
def test_figure_claimant(sentence: str, expected: str | None) -> None:
    assert figure_claimant(sentence) == expected


# --- the words `_CUMULATIVE` and `_INCIDENT` need, which let most sentences skip their search ----------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from analysis.monitor import figure_scope as scope_module  # noqa: E402

_NEEDING = [(scope_module._CUMULATIVE, scope_module._CUMULATIVE_NEEDS), (scope_module._INCIDENT, scope_module._INCIDENT_NEEDS),
            (scope_module._RUNNING, scope_module._RUNNING_NEEDS)]


def _words_without_required(pattern, required) -> list[str]:
    # Every literal word the pattern is written with, except those holding a required word: texts of
    # these cannot hold one, so the pattern must never match them.
    words = set(__import__("re").findall(r"[a-z]+", pattern.pattern.lower()))
    return sorted(w for w in words | {"the", "a", "in", "on", "of", "has", "12", "2024", "'s"}
                  if not any(r in w for r in required))


@pytest.mark.parametrize("pattern, required", _NEEDING, ids=["cumulative", "incident", "running"])
@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_patterns_match_only_with_a_required_word(pattern, required, data) -> None:
    vocabulary = _words_without_required(pattern, required)
    words = data.draw(st.lists(st.sampled_from(vocabulary), min_size=1, max_size=8))
    text = " ".join(words)
    assert pattern.search(text) is None
    assert pattern.search(text.title()) is None


@pytest.mark.parametrize("sentence", [s for s, *_ in SCOPES] + [s for s, _ in CLAIMANTS] + [
    "Since the war began, 9 were killed.", "On Friday 12 died.", "Overnight 3 drones were downed.",
    "\u017fince the war began 9 died.", "Over the past two weeks 40 were wounded.",
])
def test_required_words_never_rule_out_a_match(sentence: str) -> None:
    for (pattern, _), may in zip(_NEEDING, scope_module._may_match(sentence)):
        if pattern.search(sentence):
            assert may


def test_only_the_listed_characters_fold_to_ascii_letters_unlike_lower() -> None:
    import re
    import sys

    letter = re.compile("[a-z]", re.IGNORECASE)
    folding = [chr(c) for c in range(128, sys.maxunicode + 1) if letter.fullmatch(chr(c))]
    unlike_lower = [ch for ch in folding if not any(c.isascii() and c.isalpha() for c in ch.lower())]
    assert sorted(unlike_lower) == sorted(scope_module._FOLDS_TO_ASCII)


@pytest.mark.parametrize("pattern, required", _NEEDING, ids=["cumulative", "incident", "running"])
def test_no_two_words_match_without_a_required_word(pattern, required) -> None:
    # Every pair, deterministically: most alternatives are one or two words ("so far", "overnight").
    vocabulary = _words_without_required(pattern, required)
    texts = [f"{a} {b}" for a in vocabulary for b in vocabulary]
    assert [t for t in texts if pattern.search(t) or pattern.search(t.upper())] == []


# --- the lower-case twins the patterns run as, and one reading per sentence ---------------------------

_RULES = [name for name in dir(scope_module) if isinstance(getattr(scope_module, name), __import__("re").Pattern)
          and hasattr(scope_module, name + "_LOW")]
# Words of the patterns in every case, letters that fold oddly ("ſ", "ı", "İ", the Kelvin sign) and
# punctuation that splits clauses: the twins must agree with the rules as written on all of them.
_PIECES = st.sampled_from(["Since", "the", "WAR", "began", "On", "friday", "overnight", "toll", "ROSE", "to",
                           "said", "According", "health", "Ministry", "held", "hostages", "shot", "down",
                           "ſince", "ıs", "İstanbul", "\u212aherson", "12", ",", ";", " - ", "(", "Ünited"])


def test_every_pattern_has_a_twin() -> None:
    assert {"_CUMULATIVE", "_INCIDENT", "_STATE", "_HELD", "_RUNNING", "_SHOT_DOWN", "_CLAUSE_BREAK",
            "_ACCORDING", "_SAID_SUBJECT", "_SUBJECT_SAID"} <= set(_RULES)


@settings(max_examples=300, deadline=None)
@given(words=st.lists(_PIECES, min_size=1, max_size=14), rule=st.sampled_from(_RULES))
def test_lower_case_twins_match_where_the_rules_do(words, rule) -> None:
    sentence = " ".join(words)
    lowered = scope_module._lowered(sentence)
    if lowered is None:
        return  # such a sentence is searched with the rule itself
    pattern, twin = getattr(scope_module, rule), getattr(scope_module, rule + "_LOW")
    assert [m.span() for m in twin.finditer(lowered)] == [m.span() for m in pattern.finditer(sentence)]


def test_a_twin_refuses_a_pattern_with_capitals() -> None:
    import re

    with pytest.raises(ValueError):
        scope_module._lowercase_twin(re.compile(r"\bUS\b", re.IGNORECASE))


@pytest.mark.parametrize("sentence", [s for s, _ in CLAIMANTS] + [
    "ſince the war began 9 died, the mınistry said.", "İn total 40 were killed, said the governor.",
])
def test_one_reading_per_sentence_equals_one_per_figure(sentence: str) -> None:
    numbers = [(m.start(), m.end()) for m in __import__("re").finditer(r"\d[\d,]*|Twelve|Eleven", sentence)]
    kinds = ["killed", "troops", "detained", "aircraft", "displaced"]
    figures = [(start, end, kinds[i % len(kinds)]) for i, (start, end) in enumerate(numbers)]
    scopes, claimant = scope_module.scopes_and_claimant(sentence, figures)
    assert scopes == [figure_scope(sentence, start, end, kind) for start, end, kind in figures]
    assert claimant == figure_claimant(sentence)


@pytest.mark.parametrize("rule", ["_ACCORDING", "_SAID_SUBJECT", "_SUBJECT_SAID"])
def test_claimant_patterns_need_a_claim_word(rule) -> None:
    # The screen that skips them: every pair of the patterns' other words, without a claim word, never matches.
    pattern = getattr(scope_module, rule)
    vocabulary = _words_without_required(pattern, scope_module._CLAIM_WORDS) + [",", "the ministry", "Kyiv's"]
    texts = [f"{a} {b} {c}" for a in vocabulary for b in vocabulary for c in ("", ", officials", "40 dead")]
    assert [t for t in texts if pattern.search(t) or pattern.search(t.upper())] == []


@settings(max_examples=300, deadline=None)
@given(words=st.lists(st.sampled_from(
    [*scope_module._CUMULATIVE_NEEDS, *scope_module._INCIDENT_NEEDS, *scope_module._CLAIM_WORDS, *scope_module._RUNNING_NEEDS,
     "the", "toll", "warship", "yesterday", "12", ",", "reportedly", "accordingly", "sai", "d"]), max_size=12),
       glue=st.sampled_from([" ", "", "-"]))
def test_the_one_pass_screen_finds_each_lists_words_as_substring_tests_do(words, glue) -> None:
    lowered = glue.join(words)
    found = scope_module._screen(lowered)
    for bit, listed in ((scope_module._CUMULATIVE_WORD, scope_module._CUMULATIVE_NEEDS),
                        (scope_module._INCIDENT_WORD, scope_module._INCIDENT_NEEDS),
                        (scope_module._CLAIM_WORD, scope_module._CLAIM_WORDS),
                        (scope_module._RUNNING_WORD, scope_module._RUNNING_NEEDS)):
        assert bool(found & bit) == any(w in lowered for w in listed)
