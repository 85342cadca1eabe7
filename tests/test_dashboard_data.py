"""The dashboard's reads while ingestions publish: no error ever reaches a visitor as a traceback."""
from __future__ import annotations

import shutil
import sys
import threading
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from analysis.store import schema
from analysis.store.filters import Filter
from analysis.store.parquet_store import StoreWriter
from dashboard import data
from tests.test_store import make_extraction

APP = str(Path(__file__).resolve().parent.parent / "app.py")


@pytest.fixture(autouse=True)
def fresh_snapshots():
    data.close_connections()
    main = sys.modules["__main__"]
    yield
    data.close_connections()
    sys.modules["__main__"] = main


def test_pages_reading_while_an_ingestion_publishes_repeatedly_never_fail(tmp_path):
    """As the dashboard does: each rerun takes the store's version and queries the shared snapshot of that
    version (renewed when it changes) from several threads, while a writer publishes after every batch."""
    db = tmp_path / "live"
    with StoreWriter(db) as w:
        w.write([make_extraction(0)])
    errors: list[BaseException] = []
    reads = []
    done = threading.Event()

    def visitor() -> None:
        while not done.is_set():
            try:
                _, con = data._snapshot(str(db))  # a rerun of the page: its view of the store
                head = data._query(con, "headline", (Filter(),), ())
                by_country = data._query(con, "mentions_by_country", (Filter(keyword="venezuela"),), ())
                articles = data._query(con, "articles_table", (Filter(countries=("VEN",)),), ())
                assert head["articles"] % 5 == 1 and len(articles) == head["articles"]  # one snapshot: they agree
                assert not by_country.empty
                reads.append(head["articles"])
            except BaseException as exc:  # noqa: BLE001 - any failure is what this test looks for
                errors.append(exc)
                return

    visitors = [threading.Thread(target=visitor) for _ in range(4)]
    for t in visitors:
        t.start()
    try:
        with StoreWriter(db, publish_every=0) as w:
            for batch in range(30):
                w.write([make_extraction(1 + batch * 5 + k) for k in range(5)])
    finally:
        done.set()
        for t in visitors:
            t.join(30)
    assert not errors, errors[:3]
    assert len(set(reads)) > 3


def test_a_damaged_store_is_a_sentence_not_a_traceback(tmp_path):
    db = tmp_path / "broken"
    with StoreWriter(db) as w:
        w.write([make_extraction(1)])
    for segment in (db / "segments" / schema.MENTIONS).iterdir():
        segment.write_bytes(b"not parquet")
    with pytest.raises(data.StoreUnavailable, match="could not be read just now.*python -m analysis stats"):
        data.StoreView(db).query("mentions_by_country", Filter())


def test_the_page_shows_a_sentence_when_a_read_fails(tmp_path, monkeypatch, store_db):
    db = tmp_path / "copy"
    shutil.copytree(store_db, db)
    for segment in (db / "segments" / schema.FIGURES).iterdir():
        segment.write_bytes(b"not parquet")
    monkeypatch.setenv("TENSION_DB", str(db))
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert any("could not be read just now" in w.value for w in at.warning)


def test_the_page_asks_to_migrate_an_old_single_file_database(tmp_path, monkeypatch):
    old = tmp_path / "old.duckdb"
    duckdb.connect(str(old)).close()
    monkeypatch.setenv("TENSION_DB", str(old))
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert any(f"python -m analysis migrate --db {old}" in w.value for w in at.warning)


def test_a_snapshot_whose_files_were_merged_away_reads_the_current_store(tmp_path):
    """A page that still holds a snapshot after the grace period (here: none) reads the current one."""
    db = tmp_path / "live"
    with StoreWriter(db) as w:
        w.write([make_extraction(0)])
    first_files = list((db / "segments").rglob("*.parquet"))
    view = data.StoreView(db)
    assert view.query("headline", Filter())["articles"] == 1
    with StoreWriter(db, publish_every=0, grace_seconds=0) as w:  # merges, and deletes what they replace at once
        for i in range(1, 9):
            w.write([make_extraction(i)])
    assert not any(f.exists() for f in first_files)  # the view's snapshot lists only deleted files
    by_country = view.query("mentions_by_country", Filter())
    assert set(by_country["country"]) == {"VEN", "USA"} and by_country["articles"].max() == 9
