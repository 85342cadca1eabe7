"""The terms index of the story window (analysis.monitor.story_terms): a batch reads its window's statistics
and postings from it and the rows of its candidates only, and gets the links of reading the whole window."""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from analysis.ingest import ingest_documents
from analysis.migrate import upgrade
from analysis.models import RawDocument
from analysis.monitor import story_store, story_terms
from analysis.store import schema as S
from analysis.store.parquet_store import arrow_schema, read_connection
from tests.story_fixture import FIRST_DAY, labelled_corpus, raw_documents, stored_links


@pytest.fixture(autouse=True)
def _index_every_window(monkeypatch):
    # the index is read from `INDEX_FROM_ARTICLES` stored articles of a window on; these stores are small
    monkeypatch.setattr(story_store, "INDEX_FROM_ARTICLES", 0)


def _ingest_all(batches: list[list[RawDocument]], db: Path, whole_window: bool, monkeypatch) -> None:
    with monkeypatch.context() as m:
        if whole_window:  # every window read whole, as before the index
            m.setattr(story_terms, "complete", lambda *args: False)
        for batch in batches:
            ingest_documents(batch, db)


def _by_date(cuts: tuple[int, ...]) -> list[list[RawDocument]]:
    items = labelled_corpus()
    docs = dict(zip((it.name for it in items), raw_documents(items)))
    bounds = [FIRST_DAY + dt.timedelta(days=d) for d in cuts]
    out: list[list[RawDocument]] = [[] for _ in range(len(bounds) + 1)]
    for it in items:
        out[sum(it.published >= c for c in bounds)].append(docs[it.name])
    return [b for b in out if b]


def _backfill(every: int) -> list[list[RawDocument]]:
    """Every `every`-th article of the corpus held back and ingested last: a batch dated over the whole
    corpus's weeks into a store holding the rest (an archive's backfill)."""
    docs = raw_documents(labelled_corpus())
    return [[d for i, d in enumerate(docs) if i % every], docs[::every]]


@pytest.mark.parametrize("batches", [
    pytest.param(lambda: _by_date((6, 11, 17)), id="four batches by date"),
    pytest.param(lambda: _by_date((3, 5, 8, 10, 13, 20, 30)), id="eight batches by date"),
    pytest.param(lambda: _backfill(3), id="a third backfilled"),
    pytest.param(lambda: _backfill(7), id="a seventh backfilled"),
])
def test_batches_linked_through_the_terms_index_get_the_links_of_the_whole_window(batches, tmp_path, monkeypatch):
    indexed, whole = tmp_path / "indexed", tmp_path / "whole"
    _ingest_all(batches(), indexed, False, monkeypatch)
    _ingest_all(batches(), whole, True, monkeypatch)
    links = stored_links(indexed)
    assert len(links) > 200 and links == stored_links(whole)
    assert len({s for _, s in links.values()}) < len(links) * 0.6  # stories of several articles were joined


def test_a_window_below_the_threshold_is_read_whole_with_the_same_links(tmp_path, monkeypatch):
    batches = _by_date((6, 11, 17))
    indexed, small = tmp_path / "indexed", tmp_path / "small"
    _ingest_all(batches, indexed, False, monkeypatch)
    monkeypatch.setattr(story_store, "INDEX_FROM_ARTICLES", 10_000)
    monkeypatch.setattr(story_terms.StoredWindow, "postings_read",
                        lambda *args: pytest.fail("a small window's postings were read from the index"))
    _ingest_all(batches, small, False, monkeypatch)
    assert stored_links(small) == stored_links(indexed)


def test_a_backfill_reads_its_candidates_not_its_window(tmp_path, monkeypatch):
    """A batch dated over the store's months (the bench corpus's): its steps' windows are most of the store,
    of which it reads the stories its articles may join, and gets the links of reading it all."""
    from bench.corpus import synthetic_documents

    stored = list(synthetic_documents(1500, seed=5, page_share=0.0))
    backfill = [d for d in synthetic_documents(40, seed=6, duplicate_share=0.0, page_share=0.0)]
    indexed, whole = tmp_path / "indexed", tmp_path / "whole"
    _ingest_all([stored], indexed, False, monkeypatch)
    _ingest_all([stored], whole, False, monkeypatch)
    seen: list[tuple[int, int]] = []
    real = story_terms.StoredWindow.members

    def spy(self, stories):
        rows = real(self, stories)
        seen.append((self.size, len(rows)))
        return rows

    monkeypatch.setattr(story_terms.StoredWindow, "members", spy)
    _ingest_all([backfill], indexed, False, monkeypatch)
    window, read = map(sum, zip(*seen))
    assert window > 1000 and read < window / 5  # 187 of 1,134 when written
    _ingest_all([backfill], whole, True, monkeypatch)
    assert _links(indexed) == _links(whole)


def _links(db: Path) -> dict[str, tuple[str, str]]:
    with read_connection(db) as con:
        return {a: (c, s) for a, c, s in con.execute(f"SELECT article_id, copy_of, story FROM {S.ARTICLE_LINKS}").fetchall()}


def test_every_linked_article_has_its_terms(tmp_path):
    db = tmp_path / "store"
    for batch in _by_date((6, 11, 17)):
        ingest_documents(batch, db)
    with read_connection(db) as con:
        links, rows, missing = con.execute(
            f"SELECT (SELECT count(*) FROM {S.ARTICLE_LINKS}), (SELECT count(*) FROM {S.STORY_TERMS}), "
            f"(SELECT count(*) FROM {S.ARTICLE_LINKS} l ANTI JOIN {S.STORY_TERMS} t USING (article_id))"
        ).fetchone()
    assert links > 200 and rows == links and missing == 0


def _terms(db: Path) -> list[tuple]:
    with read_connection(db) as con:
        return con.execute(f"SELECT article_id, day, terms, counts FROM {S.STORY_TERMS} ORDER BY article_id").fetchall()


def test_migrate_writes_the_terms_linking_would_have_written(tmp_path, monkeypatch):
    batches = _by_date((6, 11, 17))
    indexed, before = tmp_path / "indexed", tmp_path / "before"
    for batch in batches:
        ingest_documents(batch, indexed)
    empty = arrow_schema(S.STORY_TERMS).empty_table()
    with monkeypatch.context() as m:  # linked before the terms index existed
        m.setattr(story_terms, "terms_rows", lambda *args: empty)
        for batch in batches[:2]:
            ingest_documents(batch, before)
    migrated = tmp_path / "migrated"
    shutil.copytree(before, migrated)
    assert upgrade(migrated).story_terms == len(stored_links(migrated))
    assert upgrade(migrated).story_terms == 0  # again: nothing to add
    for batch in batches[2:]:  # the next batches read the index the migration wrote
        ingest_documents(batch, migrated)
        ingest_documents(batch, before)  # and without it, the whole window
    assert _terms(migrated) == _terms(indexed)
    assert stored_links(migrated) == stored_links(indexed) == stored_links(before)


def _doc(name: str, day: str, title: str, body: str, source: str) -> RawDocument:
    return RawDocument(origin=name, content=f"{title}\n\n{body}", title=title, source=source, url=f"https://{source}/{name}",
                       published=day)


_FIRE = ("A fire at the Harwell chemical works killed 14 workers on the night shift and injured 31 more, the plant's "
         "operator said on Tuesday. Firefighters fought the blaze at the solvent store for nine hours before it "
         "was brought under control, and investigators from the safety regulator began examining the storage "
         "tanks, the sprinkler records and the evacuation alarms that several workers said never sounded. ")


@pytest.mark.parametrize("rewrite_title, rewrite_lede", [
    ("Harwell chemical works fire kills 14 workers", "Fourteen workers on the night shift died when fire tore through the Harwell chemical works solvent store, the operator said."),
    ("Blaze at Harwell solvent store: 14 workers dead", "A blaze at the Harwell chemical works solvent store killed 14 night shift workers, its operator said, as the safety regulator examined storage tanks."),
    ("Harwell chemical works: regulator examines solvent store tanks after fire", "The safety regulator is examining the storage tanks at the Harwell chemical works, where fire killed 14 workers on the night shift."),
])
def test_an_article_naming_no_country_or_place_finds_its_copy_and_story_through_the_index(
        tmp_path, rewrite_title, rewrite_lede):
    db = tmp_path / "store"
    title = "Fire at Harwell chemical works kills 14 night shift workers"
    ingest_documents([_doc("first", "2025-03-04", title, _FIRE * 2, "wire.example")], db)
    ingest_documents([
        _doc("copy", "2025-03-05", "Night shift workers killed in chemical works fire", _FIRE * 2 + "\nReporting by A. Writer",
             "paper.example"),
        _doc("rewrite", "2025-03-05", rewrite_title, rewrite_lede + " " + _FIRE[200:], "daily.example"),
    ], db)
    with read_connection(db) as con:
        countries, places = con.execute(f"SELECT (SELECT count(*) FROM {S.MENTIONS}), (SELECT count(*) FROM {S.PLACES})").fetchone()
        assert story_terms.complete(con, dt.date(2025, 3, 1), dt.date(2025, 3, 8))
    links = stored_links(db)
    assert countries == 0 and places == 0
    assert links["copy"] == ("first", "first")
    assert links["rewrite"][1] == "first"
