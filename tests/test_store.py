import datetime as dt
import multiprocessing

import duckdb
import pytest

from analysis import schema
from analysis.models import Article, Extraction, Figure
from analysis.store import StoreBusy, StoreNotFound, StoreWriter, read_connection


def make_extraction(i: int, body: str | None = None) -> Extraction:
    article = Article(
        id=f"id{i:04d}",
        title=f"Title {i}",
        published=dt.date(2025, 11, 1) + dt.timedelta(days=i % 30),
        source="Harbor Wire",
        url=None,
        body=body or f"Body {i} about Venezuela.",
    )
    fig = Figure("strikes", 20 + i, "at least", "At least 21 strikes.", 0, 20, 9, 11, ("USA",))
    return Extraction(
        article=article,
        countries={"VEN": 2, "USA": 1},
        figures=[fig],
        tone=-0.3,
        tone_by_country={"VEN": -0.4, "USA": -0.1},
        n_sentences=3,
    )


def counts(db) -> tuple[int, int, int]:
    with read_connection(db) as con:
        return tuple(
            con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in (schema.ARTICLES, schema.MENTIONS, schema.FIGURES)
        )


def test_writes_rows_in_every_table(tmp_path):
    db = tmp_path / "t.duckdb"
    with StoreWriter(db) as w:
        assert w.write([make_extraction(1), make_extraction(2)]) == 2
    assert counts(db) == (2, 4, 2)
    with read_connection(db) as con:
        row = con.execute(
            f"SELECT kind, value, qualifier, countries, published FROM {schema.FIGURES} ORDER BY value"
        ).fetchone()
    assert row == ("strikes", 21, "at least", ["USA"], dt.date(2025, 11, 2))


def test_the_same_article_twice_is_one_article(tmp_path):
    db = tmp_path / "t.duckdb"
    with StoreWriter(db) as w:
        assert w.write([make_extraction(1), make_extraction(1)]) == 1
    with StoreWriter(db) as w:
        assert w.write([make_extraction(1)]) == 0
    assert counts(db) == (1, 2, 1)


def test_failed_ingestion_leaves_the_store_as_it_was(tmp_path):
    db = tmp_path / "t.duckdb"
    with StoreWriter(db) as w:
        w.write([make_extraction(1)])
    before = db.read_bytes()
    with pytest.raises(RuntimeError):
        with StoreWriter(db) as w:
            w.write([make_extraction(2)])
            raise RuntimeError("boom")
    assert db.read_bytes() == before
    assert counts(db) == (1, 2, 1)
    assert not w.staging.exists()


def test_readers_see_the_published_state_while_a_writer_works(tmp_path):
    db = tmp_path / "t.duckdb"
    with StoreWriter(db) as w:
        w.write([make_extraction(1)])
    with StoreWriter(db) as w:
        w.write([make_extraction(2)])
        # Another process can read the published file while this one writes.
        with multiprocessing.get_context("spawn").Pool(1) as pool:
            assert pool.apply(counts, (db,)) == (1, 2, 1)
    assert counts(db) == (2, 4, 2)


def test_only_one_writer_at_a_time(tmp_path):
    db = tmp_path / "t.duckdb"
    with StoreWriter(db):
        with pytest.raises(StoreBusy):
            with StoreWriter(db):
                pass


def test_a_stale_staging_file_from_a_killed_run_is_discarded(tmp_path):
    db = tmp_path / "t.duckdb"
    with StoreWriter(db) as w:
        w.write([make_extraction(1)])
    (tmp_path / "t.duckdb.staging").write_bytes(b"half-written garbage")
    with StoreWriter(db) as w:
        w.write([make_extraction(2)])
    assert counts(db) == (2, 4, 2)


def test_periodic_publish_makes_batches_visible_before_the_end(tmp_path):
    db = tmp_path / "t.duckdb"
    with StoreWriter(db, publish_every=0) as w:
        w.write([make_extraction(1)])
        assert counts(db) == (1, 2, 1)
        w.write([make_extraction(2)])
    assert counts(db) == (2, 4, 2)


def test_reading_a_missing_database_says_so(tmp_path):
    with pytest.raises(StoreNotFound, match="ingest"):
        with read_connection(tmp_path / "none.duckdb"):
            pass


def test_schema_module_names_every_column():
    con = duckdb.connect()
    for statement in schema.create_statements():
        con.execute(statement)
    for table in schema.TABLES:
        cols = [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall()]
        assert cols == schema.column_names(table)
