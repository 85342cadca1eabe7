"""Articles analysed in batches (each stage over the whole batch in turn) come out exactly as one by one."""
from __future__ import annotations

from pathlib import Path

import pytest

import analysis.understand.extract as extract_module
from analysis.models import RawDocument
from analysis.read.clean import clean_document
from analysis.read.sources import Skipped, read_inputs
from analysis.understand.extract import AlreadyPresent, analyse_document, analyse_documents

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def sample_documents() -> list[RawDocument]:
    return [d for d in read_inputs([ROOT / "data" / "sample", ROOT / "tests" / "golden"]) if not isinstance(d, Skipped)]


def test_a_batch_analyses_each_article_as_alone(sample_documents, monkeypatch):
    monkeypatch.setattr(extract_module, "ARTICLES_PER_BATCH", 7)  # several batches, the last one short
    assert len(sample_documents) > 2 * 7
    known = {clean_document(sample_documents[3]).id}
    mixed = [*sample_documents[:5], RawDocument(origin="empty.txt", content="   "), *sample_documents[5:]]
    batched = analyse_documents(mixed, known)
    alone = [analyse_document(d, known) for d in mixed]
    assert [repr(b) for b in batched] == [repr(a) for a in alone]
    assert isinstance(batched[3], AlreadyPresent) and isinstance(batched[5], Skipped)


def test_an_article_that_breaks_a_stage_is_skipped_and_its_batch_goes_on(sample_documents, monkeypatch):
    real = extract_module.find_places
    broken = clean_document(sample_documents[2]).text

    def fragile(text, *args, **kwargs):
        if text == broken:
            raise ValueError("unexpected page")
        return real(text, *args, **kwargs)

    monkeypatch.setattr(extract_module, "find_places", fragile)
    outcomes = analyse_documents(sample_documents[:6])
    assert [type(o).__name__ for o in outcomes] == ["Extraction"] * 2 + ["Skipped"] + ["Extraction"] * 3
    assert "analysis failed: ValueError: unexpected page" in outcomes[2].reason
    assert repr(outcomes[4]) == repr(analyse_document(sample_documents[4]))


def test_an_input_a_source_skipped_is_its_own_outcome_in_its_place(sample_documents):
    unreadable = Skipped("broken.csv:3", "malformed CSV on line 3")
    outcomes = analyse_documents([sample_documents[0], unreadable, sample_documents[1]])
    assert outcomes[1] is unreadable
    assert [type(o).__name__ for o in outcomes] == ["Extraction", "Skipped", "Extraction"]
    assert repr(outcomes[2]) == repr(analyse_document(sample_documents[1]))


def test_the_cyclic_collector_is_paused_during_a_batch_and_restored_after(sample_documents, monkeypatch):
    import gc

    seen = []
    real = extract_module.find_places

    def watching(text, *args, **kwargs):
        seen.append(gc.isenabled())
        return real(text, *args, **kwargs)

    monkeypatch.setattr(extract_module, "find_places", watching)
    article = clean_document(sample_documents[0])
    assert gc.isenabled()
    extract_module.extract_articles([article])
    assert seen == [False] and gc.isenabled()

    def failing(text, *args, **kwargs):
        raise ValueError("unexpected page")

    monkeypatch.setattr(extract_module, "find_places", failing)
    with pytest.raises(ValueError):
        extract_module.extract_articles([article])
    assert gc.isenabled()  # back on after a batch that failed too

    monkeypatch.setattr(extract_module, "find_places", real)
    gc.disable()  # a caller that turned it off keeps it off
    try:
        extract_module.extract_articles([article])
        assert not gc.isenabled()
    finally:
        gc.enable()
