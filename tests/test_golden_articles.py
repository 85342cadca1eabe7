"""Whole articles from several conflicts and outlets, annotated by hand: the extractor must match exactly.

The annotations in golden/expected.json are what a careful reader records (mentions in title and body,
datelines excluded; one figure per kind and value), not what the extractor happened to print.
"""
import json
from pathlib import Path

import pytest

from analysis.extract import extract_article
from analysis.models import Article

GOLDEN = Path(__file__).parent / "golden"
EXPECTED = json.loads((GOLDEN / "expected.json").read_text(encoding="utf-8"))


def _article(name: str) -> Article:
    title, _, body = (GOLDEN / name).read_text(encoding="utf-8").partition("\n\n")
    return Article(id=name, title=title.strip(), published=None, source=None, url=None, body=body.strip())


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_golden_article(name):
    result = extract_article(_article(name))
    assert result.countries == EXPECTED[name]["countries"]
    assert [[f.kind, f.value, f.qualifier] for f in result.figures] == EXPECTED[name]["figures"]
    text = result.article.text
    for fig in result.figures:
        assert text[fig.start : fig.end] == fig.evidence
        assert set(fig.countries) <= set(result.countries)
