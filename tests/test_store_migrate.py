"""`python -m analysis migrate`: a single-file database of an earlier version becomes a store folder."""
from __future__ import annotations

from pathlib import Path

import pytest

from analysis.store import schema
from analysis.__main__ import main
from analysis.store.parquet_store import read_connection
from analysis.store.migrate import migrate, plan
from analysis.store.parquet_store import StoreError

TABLES = (schema.ARTICLES, schema.MENTIONS, schema.FIGURES, schema.KEYWORDS)


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
    import analysis.store.migrate as m

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
