"""The held-out scorer itself: its metrics, its baselines, and that it can tell right from wrong.

Runs on a few of accuracy/'s articles only; it checks the harness, never the analysis's numbers."""
from __future__ import annotations

import json

import pytest

from accuracy import baselines, evaluate as evaluate_module
from accuracy.__main__ import main
from accuracy.evaluate import evaluate
from accuracy.labels import load_article_labels, load_sentence_labels
from accuracy.metrics import Score, score_labels, score_set
from accuracy.project import ArticleFindings
from accuracy.report import NOT_BUILT, format_table

FEW = ["001", "020", "045"]


def _labels_as_findings(paths):
    """Findings equal to the labels: a perfect extraction."""
    by_id = {l.id: l for l in load_article_labels()}
    return [
        ArticleFindings(countries=l.countries, figures=l.figures, published=l.published)
        for l in (by_id[p.stem] for p in paths)
    ]


def _labels_as_signals():
    by_sentence = {s.sentence: s for s in load_sentence_labels()}
    return (lambda s: by_sentence[s].label), (lambda s: sorted(by_sentence[s].pairs))


@pytest.mark.parametrize(
    "predicted, required, optional, expected",
    [
        ({"a", "b"}, {"a", "b"}, set(), Score(2, 0, 0)),
        ({"a"}, {"a", "b"}, set(), Score(1, 0, 1)),
        ({"a", "x"}, {"a"}, set(), Score(1, 1, 0)),
        ({"a", "o"}, {"a"}, {"o"}, Score(2, 0, 0)),  # an optional item found is right
        ({"a"}, {"a"}, {"o"}, Score(1, 0, 0)),  # and not a miss when absent
        (set(), set(), set(), Score(0, 0, 0)),
    ],
)
def test_score_set(predicted, required, optional, expected):
    assert score_set(predicted, required, optional) == expected


def test_score_arithmetic():
    s = Score(tp=3, fp=1, fn=2)
    assert (s.precision, s.recall) == (0.75, 0.6)
    assert s.f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)
    assert Score().precision == 1.0 and Score().recall == 1.0
    assert score_labels(["act", "threat", None, "act"], ["act", "act", None, None], "act") == Score(1, 1, 1)


def test_labels_scored_against_themselves_are_perfect(monkeypatch):
    monkeypatch.setattr(evaluate_module, "signal_functions", _labels_as_signals)
    result = evaluate(ids=FEW, analyse=_labels_as_findings)
    for key in ("countries", "figures", "act", "threat", "pairs"):
        assert result["project"][key].f1 == 1.0, key
    dates = result["project"]["dates"]
    assert dates.right == dates.stated and dates.invented == 0


def test_a_wrong_prediction_lowers_the_scores(monkeypatch):
    def one_figure_wrong(paths):
        found = _labels_as_findings(paths)
        first = found[0]
        dropped = sorted(first.figures)[0]
        found[0] = ArticleFindings(
            countries=first.countries | {"ATA"},
            figures=(first.figures - {dropped}) | {("warships", 999_999)},
            published=first.published,
        )
        return found

    def always_act(_sentence):
        return "act"

    monkeypatch.setattr(evaluate_module, "signal_functions", lambda: (always_act, lambda s: []))
    result = evaluate(ids=FEW, analyse=one_figure_wrong)
    figures = result["project"]["figures"]
    assert (figures.fp, figures.fn) == (1, 1) and figures.f1 < 1.0
    assert result["project"]["countries"].precision < 1.0
    assert result["project"]["threat"].recall == 0.0  # every threat sentence was called an act
    assert result["project"]["act"].precision < 1.0


def test_the_real_extraction_on_a_few_articles_gives_scores_in_range():
    result = evaluate(ids=FEW)
    assert result["n_articles"] == len(FEW) and result["n_sentences"] > 0
    labels = [l for l in load_article_labels() if l.id in FEW]
    required = sum(len(l.figures) for l in labels)
    optional = sum(len(l.optional_figures) for l in labels)
    figures = result["project"]["figures"]
    # every required figure is found or missed; the found ones may include optional items
    assert figures.fn <= required <= figures.tp + figures.fn <= required + optional
    for side in ("project", "baseline"):
        for key in ("countries", "figures"):
            score = result[side][key]
            assert 0.0 <= score.precision <= 1.0 and 0.0 <= score.recall <= 1.0
    table = format_table(result)
    assert "countries" in table and "baseline" in table


def test_signals_not_built_are_said_so(monkeypatch, capsys):
    monkeypatch.setattr(evaluate_module, "signal_functions", lambda: None)
    result = evaluate(ids=FEW, analyse=_labels_as_findings)
    assert result["project"]["act"] is None
    assert format_table(result).count(NOT_BUILT) == 3


def test_json_output_is_one_object(monkeypatch, capsys):
    monkeypatch.setattr(evaluate_module, "signal_functions", lambda: None)
    monkeypatch.setattr(evaluate_module, "analyse_files", _labels_as_findings)
    assert main(["--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["n_articles"] == len(load_article_labels())
    assert out["project"]["figures"]["f1"] == 1.0 and out["project"]["act"] == NOT_BUILT


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("The outbreak of war was declared on Monday.", "act"),
        ("Officials warn of the threat of war in the region.", "threat"),
        ("Troops massed as the military buildup grew.", "threat"),
        ("Terrorists attacked a hotel in the capital.", "act"),
        ("A film about the war and its bombing premiered.", None),  # GPR's exclusions
        ("A drone strike killed eight people.", None),  # no topic word: GPR per sentence misses it
    ],
)
def test_baseline_signal(sentence, expected):
    assert baselines.baseline_signal(sentence) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Nigeria and Niger", {"NGA", "NER"}),  # plain substring: naive on purpose
        ("Russia and Iran", {"IRN"}),  # no short forms beyond ISO's names
        ("Korea, the United States", {"KOR", "PRK", "USA"}),
    ],
)
def test_baseline_countries(text, expected):
    assert baselines.baseline_countries(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("A strike killed 11 people and wounded 20.", {("killed", 11), ("wounded", 20)}),
        ("It deployed 15,000 troops and three warships.", {("troops", 15000), ("warships", 3)}),
        ("They spent $50 on lunch in 2024.", set()),
    ],
)
def test_baseline_figures(text, expected):
    assert baselines.baseline_figures(text) == expected


def test_baseline_date_is_the_first_date_looking_string():
    assert str(baselines.baseline_date("Photo, July 20, 2018. Published 2023-07-29")) == "2018-07-20"
    assert baselines.baseline_date("no date here") is None


def test_signal_functions_are_found_or_reported_absent():
    from accuracy.project import signal_functions

    found = signal_functions()
    assert found is None or all(callable(f) for f in found)


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("A drone strike killed eight people.", "act"),  # what GPR's topic rule misses per sentence
        ("Officials warned of more unrest.", "threat"),
        ("The film shows the bombing.", None),
        ("Aid trucks entered the city.", None),
    ],
)
def test_keyword_signal(sentence, expected):
    assert baselines.keyword_signal(sentence) == expected


def test_figures_by_kind_add_up_to_the_figures():
    result = evaluate(ids=FEW)
    for side in ("project", "baseline"):
        total = result[side]["figures"]
        by_kind = result[side]["figures_by_kind"].values()
        assert sum((s for s in by_kind), Score()) == total
