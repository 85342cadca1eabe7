"""Whole articles from several conflicts and outlets, annotated by hand: the extractor must match exactly.

The annotations in golden/expected.json are what a careful reader records (mentions in title and body,
datelines excluded; one figure per kind and value), not what the extractor happened to print.
"""
import datetime as dt
import json
from pathlib import Path

import pytest

from analysis.read.clean import clean_document
from analysis.understand.extract import extract_article
from analysis.models import Article, RawDocument

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
        assert set(fig.countries) <= set(result.countries) | {p.iso3 for p in result.places}


# Whole pages as users save them (no headline, glued text, year-less datelines, numeric bylines, every casualty family,
# places): cleaned, then analysed, against a hand annotation. Ingested on a fixed day, so a dateline's
# year is inferred the same way every run.
PAGES = GOLDEN / "pages"
EXPECTED_PAGES = json.loads((PAGES / "expected.json").read_text(encoding="utf-8"))
INGESTED = dt.date(2026, 1, 5)


@pytest.mark.parametrize("name", sorted(EXPECTED_PAGES))
def test_golden_page(name):
    want = EXPECTED_PAGES[name]
    raw = RawDocument(name, (PAGES / name).read_text(encoding="utf-8"))
    article = clean_document(raw, today=INGESTED)
    assert article.title == want["title"]
    assert (str(article.published) if article.published else None, article.date_inferred) == (
        want["published"], want["date_inferred"])
    assert article.body.startswith(want["body_starts"])
    result = extract_article(article)
    assert result.countries == want["countries"]
    assert [[p.name, p.iso3] for p in result.places] == want["places"]
    assert [[f.kind, f.value, f.qualifier, f.wording, list(f.countries)] for f in result.figures] == want["figures"]
    text = result.article.text
    for fig in result.figures:
        assert text[fig.start : fig.end] == fig.evidence
        assert set(fig.countries) <= set(result.countries) | {p.iso3 for p in result.places}
