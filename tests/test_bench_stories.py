"""bench.stories' batch into an existing store: it times the linking step and leaves the store as it was."""
from __future__ import annotations

import pytest

from analysis.ingest import ingest_documents
from analysis.store import schema as S
from analysis.store.parquet_store import read_connection
from bench.corpus import synthetic_documents
from bench.stories import batch_into_store


def _state(db):
    with read_connection(db) as con:
        return (con.execute(f"SELECT count(*) FROM {S.ARTICLES}").fetchall()[0][0],
                con.execute(f"SELECT count(*), max(day) FROM {S.ARTICLE_LINKS}").fetchall()[0],
                (db / "manifest.json").read_text())


def test_a_batch_into_an_existing_store_is_timed_and_never_published(tmp_path):
    db = tmp_path / "big"
    ingest_documents(list(synthetic_documents(120, seed=3)), db)
    before = _state(db)
    result = batch_into_store(db, batch=25, work=tmp_path)
    assert _state(db) == before
    assert result["name"].startswith("copies and stories: a batch of ") and f"into {before[1][0]:,}" in result["name"]
    assert result["value"] > 0 and result["baseline"] > 0 and result["cpu_seconds"] >= 0
    assert result["ok"] is None  # a toy store is not held to the 100,000 target


def test_a_store_with_unlinked_articles_is_refused(tmp_path, monkeypatch):
    import analysis.ingest

    db = tmp_path / "unlinked"
    monkeypatch.setattr(analysis.ingest, "link_new_articles", lambda writer: 0)
    ingest_documents(list(synthetic_documents(20, seed=3)), db)
    with pytest.raises(SystemExit, match="without copies and stories"):
        batch_into_store(db, batch=5)
