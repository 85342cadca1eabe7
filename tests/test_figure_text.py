"""A figure as reported ("dozens (counted as 12)") is written by one function, analysis/store/figure_text.py:
the queries' tables and the dashboard's header, hovers, evidence table and reader all show its text."""
from __future__ import annotations

import io
import re
import tokenize
from pathlib import Path

import pytest

from analysis.store.figure_text import as_reported, kinds_as_reported

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("value, wording, shown", [
    (12, "dozens", "dozens (counted as 12)"),
    (11, "seven soldiers and four civilians", "seven soldiers and four civilians (counted as 11)"),
    (12000, "thousands", "thousands (counted as 12,000)"),
    (12000, None, "12,000"),
    (3, None, "3"),
    (12, float("nan"), "12"),  # a missing wording read from a table
    (12, "", "12"),
    (12, "  ", "12"),
])
def test_a_figure_as_reported(value, wording, shown):
    assert as_reported(value, wording) == shown


@pytest.mark.parametrize("figures, shown", [
    ([{"kind": "killed", "value": 12, "wording": "dozens"}, {"kind": "strikes", "value": 3, "wording": None}],
     ["killed dozens (counted as 12)", "strikes 3"]),
    ([{"kind": "displaced", "value": 65000, "wording": None}], ["displaced 65,000"]),
    ([{"kind": "killed", "value": 460}], ["killed 460"]),  # a row without the column
    ([], []),
    (None, []),
])
def test_figures_as_reported_after_their_kind(figures, shown):
    assert kinds_as_reported(figures) == shown


def _writes_the_wording(source: str) -> bool:
    """Code (not a comment or an example in a docstring) that builds "... (counted as N)": a string literal
    where "counted as " is followed by a placeholder, a quote (SQL's `' (counted as ' || value`) or its end."""
    tokens = tokenize.generate_tokens(io.StringIO(source).readline)
    return any(t.type == tokenize.STRING and re.search(r"counted as (\{|'|\"|$)", t.string) for t in tokens)


def test_the_wording_is_written_in_one_place():
    # A second formatter (in SQL or in the dashboard) would drift from this one: "12000" beside "12,000".
    writers = [p.relative_to(ROOT).as_posix() for folder in ("analysis", "dashboard")
               for p in sorted((ROOT / folder).rglob("*.py")) if _writes_the_wording(p.read_text(encoding="utf-8"))]
    assert writers == ["analysis/store/figure_text.py"]


@pytest.mark.parametrize("source, writes", [
    ('f"{wording} (counted as {number})"', True),
    ("f\"CASE WHEN w IS NULL THEN v ELSE w || ' (counted as ' || v || ')' END\"", True),
    ('"""A vague one reads "dozens (counted as 12)"."""', False),
    ('# counted as {n} in a comment', False),
])
def test_the_one_place_check_finds_a_formatter_not_a_mention(source, writes):
    assert _writes_the_wording(source + "\n") is writes
