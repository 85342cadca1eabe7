import datetime as dt
import errno
import multiprocessing
import os
import random
import string
import threading
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from analysis.store import schema

from analysis.store import parquet_store as store_module
from analysis.models import Article, Extraction, Figure
from analysis.store.parquet_store import (
    LegacyStore, StoreBusy, StoreNotFound, StoreWriteError, StoreWriter, open_read_only, read_connection,
)
from analysis.store.manifest import MANIFEST, SEGMENTS, TMP


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


def random_text(seed: int, words: int = 300) -> str:
    rnd = random.Random(seed)
    return " ".join("".join(rnd.choices(string.ascii_lowercase, k=rnd.randint(2, 9))) for _ in range(words))


def files_of(db: Path) -> dict[str, tuple[int, int]]:
    """Every file of the store with its inode and modification time: what an append may not touch."""
    return {str(p.relative_to(db)): (p.stat().st_ino, p.stat().st_mtime_ns)
            for p in db.rglob("*") if p.is_file() and p.name != ".lock"}


def test_writes_rows_in_every_table(tmp_path):
    db = tmp_path / "t.duckdb"
    with StoreWriter(db) as w:
        assert w.write([make_extraction(1), make_extraction(2)]) == 2
    assert counts(db) == (2, 4, 2)
    with read_connection(db) as con:
        row = con.execute(
            f"SELECT kind, value, qualifier, countries, published FROM {schema.FIGURES} ORDER BY value"
        ).fetchone()
        terms = {r[0] for r in con.execute(f"SELECT term FROM {schema.KEYWORDS} WHERE article_id = 'id0001'").fetchall()}
    assert row == ("strikes", 21, "at least", ["USA"], dt.date(2025, 11, 2))
    assert {"title", "body", "venezuela"} <= terms and "about" in terms


def test_the_same_article_twice_is_one_article(tmp_path):
    db = tmp_path / "t.duckdb"
    with StoreWriter(db) as w:
        assert w.write([make_extraction(1), make_extraction(1)]) == 1
    with StoreWriter(db) as w:
        assert w.write([make_extraction(1)]) == 0
    assert counts(db) == (1, 2, 1)


def test_an_append_writes_the_batch_and_touches_no_stored_file(tmp_path):
    db = tmp_path / "t.duckdb"
    with StoreWriter(db) as w:
        w.write([make_extraction(i, body=random_text(i)) for i in range(500)])
    before = files_of(db)
    size_before = sum((db / f).stat().st_size for f in before)
    with StoreWriter(db) as w:
        w.write([make_extraction(1000)])
    after = files_of(db)
    unchanged = {f: v for f, v in before.items() if f != MANIFEST}
    assert {f: after[f] for f in unchanged} == unchanged  # no stored segment rewritten or copied
    added = sum((db / f).stat().st_size for f in after.keys() - before.keys())
    assert added < size_before / 20
    assert counts(db) == (501, 1002, 501)


def test_failed_ingestion_leaves_the_store_as_it_was(tmp_path):
    db = tmp_path / "t.duckdb"
    with StoreWriter(db) as w:
        w.write([make_extraction(1)])
    before = files_of(db)
    with pytest.raises(RuntimeError):
        with StoreWriter(db) as w:
            w.write([make_extraction(2)])
            w.publish()  # this part is published (as a periodic publish would)...
            w.write([make_extraction(3)])
            raise RuntimeError("boom")  # ...this one is not
    assert counts(db) == (2, 4, 2)
    assert not any((db / TMP).iterdir())
    with pytest.raises(RuntimeError):
        with StoreWriter(db) as w:
            w.write([make_extraction(4)])
            raise RuntimeError("boom")
    assert counts(db) == (2, 4, 2)
    assert set(files_of(db)) > set(before)


def _fail_with(err: int):
    def fail(*args, **kwargs):
        raise OSError(err, os.strerror(err))
    return fail


@pytest.mark.parametrize("where", ["segment", "manifest"])
@pytest.mark.parametrize("err", [errno.ENOSPC, errno.EROFS])
def test_disk_full_or_read_only_while_writing_leaves_the_store_as_it_was(tmp_path, monkeypatch, where, err):
    db = tmp_path / "t.duckdb"
    with StoreWriter(db) as w:
        w.write([make_extraction(1)])
    before = {f: (db / f).read_bytes() for f in files_of(db)}
    target = "pq.write_table" if where == "segment" else "write_manifest"
    module, name = (store_module.pq, "write_table") if where == "segment" else (store_module, "write_manifest")
    monkeypatch.setattr(module, name, _fail_with(err))
    with pytest.raises(StoreWriteError) as caught:
        with StoreWriter(db) as w:
            w.write([make_extraction(2)])
    message = str(caught.value)
    assert "\n" not in message and str(db) in message and "the store is as it was" in message, target
    assert ("disk is full" if err == errno.ENOSPC else "cannot be written") in message
    monkeypatch.undo()
    assert {f: (db / f).read_bytes() for f in files_of(db)} == before  # nothing changed, nothing left behind
    assert counts(db) == (1, 2, 1)
    with StoreWriter(db) as w:  # and the next ingestion works
        assert w.write([make_extraction(2)]) == 1


def test_a_folder_that_cannot_be_created_is_one_clear_line(tmp_path, monkeypatch):
    monkeypatch.setattr(Path, "mkdir", _fail_with(errno.EACCES))
    with pytest.raises(StoreWriteError, match="cannot write to .*cannot be written .*Permission denied"):
        with StoreWriter(tmp_path / "new.duckdb"):
            pass


def _write_then_die_before_publishing(db: str) -> None:
    """In a child process: write a batch, move its segments in, and die (kill -9) before the manifest."""
    def die(*args, **kwargs):
        os._exit(9)

    store_module.write_manifest = die
    with StoreWriter(db) as w:
        w.write([make_extraction(i) for i in range(10, 20)])


def test_a_writer_killed_mid_publish_leaves_the_store_readable_and_nothing_behind(tmp_path):
    db = tmp_path / "t.duckdb"
    with StoreWriter(db) as w:
        w.write([make_extraction(1)])
    before = files_of(db)
    child = multiprocessing.get_context("spawn").Process(target=_write_then_die_before_publishing, args=(str(db),))
    child.start()
    child.join(60)
    assert child.exitcode == 9
    assert counts(db) == (1, 2, 1)  # readers see the last published state
    assert set(files_of(db)) > set(before)  # the dead writer's segments, listed nowhere
    with StoreWriter(db) as w:  # the next writer removes them and can take the lock
        assert w.write([make_extraction(10)]) == 1
    assert counts(db) == (2, 4, 2)
    listed = {s.file for segs in w.manifest.tables.values() for s in segs} | {MANIFEST}
    assert set(files_of(db)) == listed
    assert not any((db / TMP).iterdir())


def test_readers_see_the_published_state_while_a_writer_works(tmp_path):
    db = tmp_path / "t.duckdb"
    with StoreWriter(db) as w:
        w.write([make_extraction(1)])
    with StoreWriter(db) as w:
        w.write([make_extraction(2)])
        # Another process can read the published store while this one writes.
        with multiprocessing.get_context("spawn").Pool(1) as pool:
            assert pool.apply(counts, (db,)) == (1, 2, 1)
    assert counts(db) == (2, 4, 2)


def test_readers_never_fail_nor_see_half_a_batch_while_a_writer_publishes_repeatedly(tmp_path):
    """Reader threads query in a loop (a fresh snapshot each time, and one long-lived snapshot) while an
    ingestion publishes and compacts after every batch: no error, and every read is whole batches."""
    db = tmp_path / "t.duckdb"
    with StoreWriter(db) as w:
        w.write([make_extraction(0)])
    errors: list[BaseException] = []
    seen: set[int] = set()
    done = threading.Event()
    held = open_read_only(db)

    def read_loop(fresh: bool) -> None:
        while not done.is_set():
            try:
                con = open_read_only(db) if fresh else held.cursor()
                try:
                    articles, mentions, figures, keyed = con.execute(
                        f"SELECT (SELECT count(*) FROM {schema.ARTICLES}), (SELECT count(*) FROM {schema.MENTIONS}), "
                        f"(SELECT count(*) FROM {schema.FIGURES}), "
                        f"(SELECT count(DISTINCT article_id) FROM {schema.KEYWORDS})").fetchone()
                finally:
                    con.close()
                assert (mentions, figures, keyed) == (2 * articles, articles, articles), (articles, mentions, figures)
                assert articles % 5 == 1  # batches of 5 after the first article: never part of one
                seen.add(articles)
            except BaseException as exc:  # noqa: BLE001 - every failure counts
                errors.append(exc)
                return

    readers = [threading.Thread(target=read_loop, args=(fresh,)) for fresh in (True, True, False)]
    for t in readers:
        t.start()
    try:
        with StoreWriter(db, publish_every=0) as w:
            for batch in range(40):
                w.write([make_extraction(1 + batch * 5 + k) for k in range(5)])
    finally:
        done.set()
        for t in readers:
            t.join(30)
        held.close()
    assert not errors, errors[:3]
    assert len(seen) > 3  # the readers did see publishes happen
    assert counts(db) == (201, 402, 201)
    assert len(w.manifest.tables[schema.ARTICLES]) < 10  # compacted as it went


def test_compaction_keeps_few_segments_and_deletes_replaced_ones_after_the_grace_period(tmp_path):
    db = tmp_path / "t.duckdb"
    with StoreWriter(db, publish_every=0, grace_seconds=0) as w:
        for i in range(30):
            w.write([make_extraction(i)])
    assert counts(db) == (30, 60, 30)
    assert len(w.manifest.tables[schema.ARTICLES]) <= 4
    listed = {s.file for segs in w.manifest.tables.values() for s in segs}
    on_disk = {str(p.relative_to(db)) for p in (db / SEGMENTS).rglob("*.parquet")}
    assert on_disk - listed <= {f for f, _ in w.manifest.retired}
    with read_connection(db) as con:  # merged segments are ordered: by date, and articles by id
        for table, key in ((schema.MENTIONS, "published"), (schema.ARTICLES, "id")):
            merged = db / w.manifest.tables[table][0].file
            values = [r[0] for r in con.execute(f"SELECT {key} FROM read_parquet('{merged}')").fetchall()]
            assert values == sorted(values) and len(values) > 1


def test_only_one_writer_at_a_time(tmp_path):
    db = tmp_path / "t.duckdb"
    with StoreWriter(db):
        with pytest.raises(StoreBusy):
            with StoreWriter(db):
                pass


def test_leftovers_of_a_killed_run_are_discarded(tmp_path):
    db = tmp_path / "t.duckdb"
    with StoreWriter(db) as w:
        w.write([make_extraction(1)])
    (db / TMP / "articles-dead.parquet").write_bytes(b"half-written garbage")
    (db / SEGMENTS / schema.ARTICLES / "99999999-dead.parquet").write_bytes(b"moved in, never listed")
    with StoreWriter(db) as w:
        w.write([make_extraction(2)])
    assert counts(db) == (2, 4, 2)
    assert not (db / TMP / "articles-dead.parquet").exists()
    assert not (db / SEGMENTS / schema.ARTICLES / "99999999-dead.parquet").exists()


def test_periodic_publish_makes_batches_visible_before_the_end(tmp_path):
    db = tmp_path / "t.duckdb"
    with StoreWriter(db, publish_every=0) as w:
        w.write([make_extraction(1)])
        assert counts(db) == (1, 2, 1)
        w.write([make_extraction(2)])
    assert counts(db) == (2, 4, 2)


def test_a_reader_of_the_writer_sees_the_store_and_this_ingestion(tmp_path):
    db = tmp_path / "t.duckdb"
    with StoreWriter(db) as w:
        w.write([make_extraction(1)])
    with StoreWriter(db) as w:
        w.write([make_extraction(2)])
        with w.reader() as con:
            assert con.execute(f"SELECT count(*) FROM {schema.ARTICLES}").fetchone()[0] == 2
        assert counts(db) == (1, 2, 1)  # readers of the store do not see it yet


def test_new_tables_and_derived_rows_flow_through_without_store_changes(tmp_path, monkeypatch):
    """A table declared in schema.TABLES (filled by extraction or appended by a derived layer) is written,
    de-duplicated with its articles, published atomically with them, and read like the others."""
    # (a table of its own: the real act and threat sentences feed the pair index, which needs their columns)
    monkeypatch.setitem(schema.TABLES, "labels", (("article_id", "VARCHAR"), ("label", "VARCHAR")))
    monkeypatch.setitem(schema.TABLES, "stories", (("story", "BIGINT"), ("article_id", "VARCHAR")))
    db = tmp_path / "t.duckdb"
    batch = store_module.extraction_tables([make_extraction(1), make_extraction(2)])
    batch["labels"] = pa.table({"article_id": ["id0001", "id0002"], "label": ["threat", "act"]})
    with StoreWriter(db) as w:
        w.write_tables(batch)
        w.append("stories", pa.table({"story": [7, 7], "article_id": ["id0001", "id0002"]}))
        with w.reader() as con:  # derived layers see this ingestion's rows before they are published
            assert con.execute("SELECT count(*) FROM stories").fetchone()[0] == 2
    with StoreWriter(db) as w:
        assert w.write_tables(batch) == 0  # the same articles again: their labels are not added twice
    with read_connection(db) as con:
        assert con.execute("SELECT count(*) FROM labels").fetchone()[0] == 2
        assert con.execute("SELECT label FROM labels WHERE article_id = 'id0002'").fetchone()[0] == "act"
        assert con.execute("SELECT count(DISTINCT story) FROM stories").fetchone()[0] == 1


def test_a_column_added_later_reads_as_null_in_older_segments(tmp_path, monkeypatch):
    db = tmp_path / "t.duckdb"
    with StoreWriter(db) as w:
        w.write([make_extraction(1)])
    batch = store_module.extraction_tables([make_extraction(2)])
    monkeypatch.setitem(schema.TABLES, schema.FIGURES, (*schema.FIGURE_COLUMNS, ("added_later", "VARCHAR")))
    batch[schema.FIGURES] = batch[schema.FIGURES].append_column("added_later", pa.array(["cumulative"]))
    with StoreWriter(db) as w:
        w.write_tables(batch)
    with read_connection(db) as con:
        rows = con.execute(f"SELECT article_id, added_later FROM {schema.FIGURES} ORDER BY article_id").fetchall()
    assert rows == [("id0001", None), ("id0002", "cumulative")]


def test_reading_a_missing_database_says_so(tmp_path):
    with pytest.raises(StoreNotFound, match="ingest"):
        with read_connection(tmp_path / "none.duckdb"):
            pass


def test_an_old_single_file_database_asks_for_migration(tmp_path):
    old = tmp_path / "old.duckdb"
    duckdb.connect(str(old)).close()
    with pytest.raises(LegacyStore, match=f"python -m analysis migrate --db {old}"):
        open_read_only(old)
    with pytest.raises(LegacyStore):
        with StoreWriter(old):
            pass


def test_schema_module_names_every_column():
    con = duckdb.connect()
    for statement in schema.create_statements():
        con.execute(statement)
    for table in schema.TABLES:
        cols = [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall()]
        assert cols == schema.column_names(table)


def test_ingest_on_a_full_disk_prints_one_line_and_exits_non_zero(tmp_path, monkeypatch, capsys):
    from analysis.__main__ import main

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Venezuela and Colombia resume talks\n\n" + "Venezuela said on Monday that its talks "
                                  "with Colombia over the border crossing at Cucuta had resumed after a pause. " * 3)
    db = tmp_path / "t.duckdb"
    monkeypatch.setattr(store_module.pq, "write_table", _fail_with(errno.ENOSPC))
    assert main(["ingest", str(folder), "--db", str(db), "--quiet", "--workers", "1"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error: cannot write to") and "disk is full" in err[0], err
    assert not any((db / TMP).iterdir()) and not (db / MANIFEST).exists()


def test_storage_stats_count_segments_and_replaced_bytes(tmp_path):
    from analysis.store.stats import storage_stats

    db = tmp_path / "t.duckdb"
    with StoreWriter(db, publish_every=0) as w:
        for i in range(8):
            w.write([make_extraction(i)])
    storage = storage_stats(db)
    assert storage["segments"] == {t: len(s) for t, s in w.manifest.tables.items()}
    assert storage["bytes"] == sum(s.bytes for segs in w.manifest.tables.values() for s in segs)
    assert storage["retired_bytes"] > 0  # merged away, still readable for the grace period


def test_a_folder_that_is_not_a_store_is_not_written_into(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(store_module.StoreError, match="not a store .*notes.txt"):
        with StoreWriter(tmp_path):
            pass
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_segments_written_before_the_article_key_read_and_merge_with_the_key_of_their_id(tmp_path, monkeypatch):
    from analysis.store.article_key import key_of
    from analysis.store.filters import Filter
    from analysis.store.queries import headline

    db = tmp_path / "t"
    keyed = dict(schema.KEYED)
    with monkeypatch.context() as old_version:  # a writer of a version before the key existed
        old_version.setattr(schema, "KEYED", {})
        for table in keyed:
            old_version.setitem(schema.TABLES, table,
                                tuple(c for c in schema.TABLES[table] if c[0] != schema.ARTICLE_KEY))
        with StoreWriter(db) as w:
            w.write([make_extraction(1)])
    old_files = [db / s.file for segs in w.manifest.tables.values() for s in segs]
    assert old_files and all(schema.ARTICLE_KEY not in pq.read_schema(f).names for f in old_files)

    def every_key_is_its_ids(con) -> None:
        for table, id_column in keyed.items():
            rows = con.execute(f"SELECT {id_column}, {schema.ARTICLE_KEY} FROM {table}").fetchall()
            assert all(key == key_of(article_id) for article_id, key in rows), table
            # no act or threat sentence (so no pair of countries in one), no place
            assert rows or table in (schema.SIGNALS, schema.PLACES, schema.PAIR_ARTICLES), table

    with read_connection(db) as con:
        every_key_is_its_ids(con)
        assert headline(con, Filter(countries=("VEN",)))["articles"] == 1
    with StoreWriter(db, publish_every=0, grace_seconds=0) as w:  # new segments, then a merge of old and new
        for i in range(2, 9):
            w.write([make_extraction(i)])
    merged = db / w.manifest.tables[schema.MENTIONS][0].file
    assert merged not in old_files
    stored = duckdb.connect().execute(
        f"SELECT article_id, {schema.ARTICLE_KEY} FROM read_parquet('{merged}')").fetchall()
    assert ("id0001", key_of("id0001")) in stored and all(key == key_of(i) for i, key in stored)
    with read_connection(db) as con:
        every_key_is_its_ids(con)
        assert headline(con, Filter(countries=("VEN",)))["articles"] == 8


def test_articles_of_a_store_made_before_bodies_were_cut_read_as_not_cut(tmp_path, monkeypatch):
    from analysis.store import queries as Q

    db = tmp_path / "old"
    old_columns = tuple(c for c in schema.ARTICLE_COLUMNS if c[0] != "body_cut")
    with monkeypatch.context() as m:
        m.setitem(schema.TABLES, schema.ARTICLES, old_columns)
        batch = store_module.extraction_tables([make_extraction(1)])  # rows as an older version wrote them
        assert "body_cut" not in batch[schema.ARTICLES].column_names
        with StoreWriter(db) as w:
            w.write_tables(batch)
    with StoreWriter(db) as w:
        w.write([make_extraction(2)])
    with read_connection(db) as con:
        assert con.execute("SELECT id, body_cut FROM articles ORDER BY id").fetchall() == [
            ("id0001", None), ("id0002", False)]
        assert Q.article_detail(con, "id0001")["body_cut"] is False
