"""The story window index (analysis.monitor.story_window): linking a batch reads its days' rows instead of
the store's articles, mentions, figures and places by id, and gives the same links as reading those."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from analysis.ingest import ingest_documents
from analysis.monitor import story_window
from analysis.monitor.event_evidence import Reported
from analysis.store import schema as S
from analysis.migrate import upgrade
from analysis.store.parquet_store import arrow_schema, read_connection
from tests.story_fixture import FIRST_DAY, labelled_corpus, raw_documents, stored_links

D = dt.date


@pytest.mark.parametrize("figure", [
    Reported("killed", 12, "incident"),
    Reported("killed", 12, "incident", True, D(2025, 10, 6)),
    Reported("injured", 0, None),
    Reported("displaced", 1_500_000, "cumulative", False, None),
    Reported("troops", 40_000, "state", False, D(2024, 2, 29)),
    Reported("killed|or missing", 7, "incident", True, None),  # a separator inside the free text: the kind
])
def test_a_figure_is_stored_as_linking_compares_it(figure):
    assert story_window.decode_figure(story_window.encode_figure(figure)) == figure


def _index(db: Path) -> list[tuple]:
    with read_connection(db) as con:
        rows = con.execute(f"SELECT * FROM {S.STORY_WINDOW} ORDER BY article_id").fetchall()
    return [(*r[:8], sorted(r[8])) for r in rows]  # figures in any order: linking groups them


def _batches() -> list[list]:
    """The labelled corpus in four batches by date: each later one is linked against the store."""
    items = labelled_corpus()
    docs = dict(zip((it.name for it in items), raw_documents(items)))
    cuts = [FIRST_DAY + dt.timedelta(days=d) for d in (6, 11, 17)]
    out: list[list] = [[] for _ in range(len(cuts) + 1)]
    for it in items:
        out[sum(it.published >= c for c in cuts)].append(docs[it.name])
    assert all(out)
    return out


@pytest.fixture(scope="module")
def indexed(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("indexed") / "store"
    for batch in _batches():
        ingest_documents(batch, db)
    return db


@pytest.fixture(scope="module")
def unindexed(tmp_path_factory) -> Path:
    """The same batches linked as before the index: every window read from the articles by id."""
    db = tmp_path_factory.mktemp("unindexed") / "store"
    empty = arrow_schema(S.STORY_WINDOW).empty_table()
    with pytest.MonkeyPatch.context() as m:
        m.setattr(story_window, "window_rows", lambda *args: empty)
        for batch in _batches():
            ingest_documents(batch, db)
    with read_connection(db) as con:
        assert con.execute(f"SELECT count(*) FROM {S.STORY_WINDOW}").fetchone()[0] == 0
    return db


def test_every_linked_article_has_its_row(indexed):
    with read_connection(indexed) as con:
        links, rows, unindexed = con.execute(
            f"SELECT (SELECT count(*) FROM {S.ARTICLE_LINKS}), (SELECT count(*) FROM {S.STORY_WINDOW}), "
            f"(SELECT count(*) FROM {S.ARTICLE_LINKS} l ANTI JOIN {S.STORY_WINDOW} w USING (article_id))"
        ).fetchone()
    assert links > 200 and rows == links and unindexed == 0


def test_batches_linked_through_the_index_get_the_links_of_the_articles_read_by_id(indexed, unindexed):
    assert stored_links(indexed) == stored_links(unindexed)


def test_migrate_writes_the_rows_linking_would_have_written(indexed, unindexed, tmp_path):
    import shutil

    db = tmp_path / "migrated"
    shutil.copytree(unindexed, db)
    assert upgrade(db).story_window == len(stored_links(db))
    assert _index(db) == _index(indexed)
    assert upgrade(db).story_window == 0  # again: nothing to add


@pytest.mark.parametrize("migrated", [True, False])
def test_batches_into_a_store_linked_before_the_index_are_linked_as_into_one_indexed_all_along(
        indexed, tmp_path, migrated):
    """Linked before the index (its first two batches), then migrated or not: the next batches' windows
    read the indexed rows, and the others by id, and give the links of a store indexed all along."""
    batches = _batches()
    db = tmp_path / "store"
    empty = arrow_schema(S.STORY_WINDOW).empty_table()
    with pytest.MonkeyPatch.context() as m:
        m.setattr(story_window, "window_rows", lambda *args: empty)
        for batch in batches[:2]:
            ingest_documents(batch, db)
    if migrated:
        assert upgrade(db).story_window == len(stored_links(db))
    for batch in batches[2:]:
        ingest_documents(batch, db)
    assert stored_links(db) == stored_links(indexed)


def test_a_batch_into_a_linked_store_is_read_from_the_batch_alone(tmp_path, monkeypatch):
    """Every published article linked (as many links as articles in the manifest): the articles to link
    are found among the writer's unpublished rows, not by searching the store's ids and texts."""
    import analysis.ingest
    from analysis.monitor import story_store
    from analysis.store.parquet_store import StoreWriter

    docs = raw_documents(labelled_corpus()[:30])
    linked, unlinked = tmp_path / "linked", tmp_path / "unlinked"
    ingest_documents(docs[:20], linked)
    with monkeypatch.context() as m:  # a store from before links: its articles are to be linked too
        m.setattr(analysis.ingest, "link_new_articles", lambda writer: 0)
        ingest_documents(docs[:20], unlinked)
    seen = {}
    real = story_store._unlinked

    def spy(writer):
        seen[writer.path] = real(writer)
        return seen[writer.path]

    monkeypatch.setattr(story_store, "_unlinked", spy)
    for db in (linked, unlinked):
        ingest_documents(docs[20:], db)
    (ids, own), (old_ids, old_own) = seen[linked], seen[unlinked]
    assert own and len(ids) == 10
    assert not old_own and len(old_ids) == 30
    for db in (linked, unlinked):
        with StoreWriter(db) as writer:
            assert writer.published_rows(S.ARTICLES) == writer.published_rows(S.ARTICLE_LINKS) == 30


@pytest.mark.parametrize("days, chunk, sizes", [
    ([0, 1, 2, 3], 5000, [4]),
    ([0, 1, 2, 3], 2, [2, 2]),
    ([0, 120, 121, 400, 401, 402], 5000, [2, 1, 3]),  # a batch dated over a year: windows of its months
    ([0, 82], 5000, [2]),  # the labelled corpus's span: one step
])
def test_a_batch_is_linked_in_steps_of_bounded_count_and_span(days, chunk, sizes):
    from analysis.monitor.stories import Article
    from analysis.monitor.story_store import _steps

    articles = [Article(id=str(i), day=D(2025, 1, 1) + dt.timedelta(days=d), title="", body="") for i, d in enumerate(days)]
    steps = _steps(articles, chunk)
    assert [len(s) for s in steps] == sizes and [a for s in steps for a in s] == articles
