"""`python -m analysis migrate`: a single-file database of an earlier version becomes a store folder."""
from __future__ import annotations

from pathlib import Path

import pytest

from analysis.store import schema
from analysis.__main__ import main
from analysis.store.parquet_store import read_connection
from analysis.migrate import migrate, plan
from analysis.store.parquet_store import StoreError

TABLES = (schema.ARTICLES, schema.MENTIONS, schema.FIGURES, schema.KEYWORDS, schema.PLACES)  # places: found again


def contents(db: Path) -> dict[str, list[tuple]]:
    with read_connection(db) as con:
        return {t: con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in TABLES} | {
            "last_ingest": con.execute(f"SELECT value FROM {schema.META} WHERE key = 'last_ingest'").fetchall()}


def write_legacy(store: Path, old: Path) -> None:
    """The fixture store as the single file earlier versions wrote (schema 1: no keyword index)."""
    with read_connection(store) as con:
        con.execute(f"ATTACH '{old}' AS old")
        for table in (schema.ARTICLES, schema.MENTIONS, schema.FIGURES, schema.META):
            con.execute(f"CREATE TABLE old.{table} AS SELECT * FROM {table}")
        con.execute("UPDATE old.meta SET value = '1' WHERE key = 'schema_version'")
        con.execute("DETACH old")


def test_migrating_in_place_keeps_every_row_and_builds_the_keyword_index(tmp_path, store_db, capsys):
    old = tmp_path / "mine.duckdb"
    write_legacy(store_db, old)
    assert main(["migrate", "--db", str(old)]) == 0
    assert old.is_dir() and (tmp_path / "mine.duckdb.pre-migration").is_file()
    assert contents(old) == contents(store_db)
    out = capsys.readouterr().out
    assert f"migrated {old}" in out and "delete it" in out
    assert main(["migrate", "--db", str(old)]) == 1  # twice: nothing to do, said so
    assert "already a store folder" in capsys.readouterr().err
    assert main(["stats", "--db", str(old)]) == 0


def test_the_default_old_file_becomes_the_default_folder(tmp_path, store_db, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TENSION_DB", raising=False)
    (tmp_path / "data").mkdir()
    write_legacy(store_db, tmp_path / "data" / "tension.duckdb")
    (tmp_path / "data" / "tension.duckdb.feeds.json").write_text("{}")
    assert main(["stats"]) == 1  # asks for the migration rather than showing an empty store
    assert plan(None) == (Path("data/tension.duckdb"), Path("data/tension"))
    assert main(["migrate"]) == 0
    assert contents(tmp_path / "data" / "tension") == contents(store_db)
    assert (tmp_path / "data" / "tension.feeds.json").exists()


def test_a_failed_migration_leaves_the_old_file_as_it_was(tmp_path, store_db, monkeypatch):
    old = tmp_path / "mine.duckdb"
    write_legacy(store_db, old)
    before = old.read_bytes()
    import analysis.migrate as m

    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(m, "keyword_table", broken)
    with pytest.raises(StoreError, match="disk is full"):
        migrate(old, old)
    assert old.read_bytes() == before
    assert not (tmp_path / "mine.duckdb.migrating").exists()


def test_a_file_that_is_not_an_old_store_is_refused(tmp_path):
    with pytest.raises(StoreError, match="nothing to migrate"):
        migrate(tmp_path / "none.duckdb", tmp_path / "none.duckdb")
    bogus = tmp_path / "notes.duckdb"
    bogus.write_text("not a database")
    with pytest.raises(StoreError, match="cannot open"):
        migrate(bogus, bogus)


def _places_store(tmp_path: Path) -> Path:
    """A store of stories that name only a city, as a version before the places table wrote it."""
    import json

    from analysis.ingest import ingest_documents
    from analysis.models import RawDocument

    db = tmp_path / "placeless"
    docs = [RawDocument(origin="p:0", title="Strike on Kharkiv", published="2025-10-01", source="Harbor Wire",
                        content="A missile strike on Kharkiv killed 5 people on Monday, the governor said."),
            RawDocument(origin="p:1", title="Drones over Ukraine", published="2025-10-02", source="Harbor Wire",
                        content="Ukraine said its air defences shot down 40 drones overnight.")]
    assert ingest_documents(docs, db).new == 2
    manifest = json.loads((db / "manifest.json").read_text())
    manifest["tables"].pop(schema.PLACES)
    (db / "manifest.json").write_text(json.dumps(manifest))
    return db


def test_linking_the_places_of_an_older_store_lets_its_country_filter_find_them(tmp_path, capsys):
    from analysis.store.filters import Filter
    from analysis.store.queries import articles_table

    db = _places_store(tmp_path)
    ukraine = Filter(countries=("UKR",))
    with read_connection(db) as con:
        assert list(articles_table(con, ukraine)["title"]) == ["Drones over Ukraine"]
    assert main(["migrate", "--places", "--db", str(db)]) == 0
    assert "read 2 articles without places" in capsys.readouterr().out
    with read_connection(db) as con:
        assert sorted(articles_table(con, ukraine)["title"]) == ["Drones over Ukraine", "Strike on Kharkiv"]
        places = con.execute(f"SELECT place, country, count FROM {schema.PLACES}").fetchall()
    assert places == [("Kharkiv", "UKR", 2)]  # in its title and its text
    assert main(["migrate", "--places", "--db", str(db)]) == 0  # again: the linked article is not read again
    assert "read 1 articles without places" in capsys.readouterr().out
    with read_connection(db) as con:
        assert con.execute(f"SELECT count(*) FROM {schema.PLACES}").fetchone()[0] == 1


def test_the_places_of_stored_articles_are_found_as_an_ingestion_finds_them(tmp_path):
    from analysis.migrate import place_table

    db = _places_store(tmp_path)
    with read_connection(db) as con:
        articles = con.sql(f"SELECT * FROM {schema.ARTICLES}").arrow()
    if hasattr(articles, "read_all"):
        articles = articles.read_all()
    assert place_table(articles).select(["place", "country", "count"]).to_pylist() == [
        {"place": "Kharkiv", "country": "UKR", "count": 2}]


def test_linking_places_needs_a_store_folder(tmp_path, capsys):
    assert main(["migrate", "--places", "--db", str(tmp_path / "nothing")]) == 1
    assert "no store folder" in capsys.readouterr().err
