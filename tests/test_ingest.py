import fcntl
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from concurrent.futures.process import BrokenProcessPool

from analysis import ingest as ingest_module
from analysis.ingest import ingest_documents, ingest_paths
from analysis.read.sources import read_inputs
from analysis.store.stats import store_stats
from analysis.store.parquet_store import read_connection, store_exists

ROOT = Path(__file__).resolve().parents[1]

COUNTRIES = ["Venezuela", "Ukraine", "Russia", "Israel", "Iran", "Sudan", "Colombia", "Poland"]


def write_corpus(folder: Path, n: int) -> Path:
    """n small distinct articles as clean text files, dated over ten weeks."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        a, b = COUNTRIES[i % 8], COUNTRIES[(i * 3 + 1) % 8]
        day = 1 + i % 28
        month = 9 + (i // 28) % 3
        (folder / f"a{i:05d}.txt").write_text(
            f"Tensions rise between {a} and {b} in report {i}\n"
            f"Published: 2025-{month:02d}-{day:02d}\n\n"
            f"Officials in {a} said at least {i + 3} people were killed in strikes this week. "
            f"{b} denied involvement and called for calm.\n\n"
            f"Analysts said the crisis could deepen. Report number {i} ends here.\n",
            encoding="utf-8",
        )
    return folder


def cli(*args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "analysis", *args], cwd=ROOT, capture_output=True, text=True, timeout=300, **kw
    )


def stats(db: Path) -> dict:
    with read_connection(db) as con:
        return store_stats(con)


def test_ingesting_twice_adds_nothing(tmp_path):
    corpus = write_corpus(tmp_path / "in", 12)
    db = tmp_path / "t.duckdb"
    first = ingest_paths([corpus], db)
    after_first = stats(db)
    second = ingest_paths([corpus], db)
    assert (first.new, first.present) == (12, 0)
    assert (second.new, second.present) == (0, 12)
    assert stats(db) == after_first and after_first["articles"] == 12


def test_progress_is_reported_with_a_total(tmp_path):
    corpus = write_corpus(tmp_path / "in", 5)
    seen = []
    ingest_paths([corpus], tmp_path / "t.duckdb", progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (5, 5) and len(seen) == 5


def test_bad_files_are_reported_by_name_and_change_nothing_else(tmp_path):
    corpus = write_corpus(tmp_path / "in", 3)
    db = tmp_path / "t.duckdb"
    ingest_paths([corpus], db)
    before = stats(db)
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "binary.txt").write_bytes(bytes(range(256)) * 20)
    (bad / "broken.jsonl").write_text('{"title": "x", "text": \n', encoding="utf-8")
    (bad / "nothing.html").write_text("<html><body><nav>Home</nav></body></html>", encoding="utf-8")
    report = ingest_paths([bad], db)
    reasons = dict(report.skipped)
    assert report.new == 0
    assert {Path(o.split(":")[0]).name for o in reasons} >= {"empty.txt", "binary.txt", "broken.jsonl"}
    assert all(reasons.values())
    assert stats(db) == before


def test_latin1_file_is_decoded_not_lost(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "latin1.txt").write_bytes(
        "Bogotá and Caracas trade accusations\n\nColombia's president said Venezuela's "
        "troops crossed the border near Cúcuta, where at least 3 soldiers were killed.\n".encode("latin-1")
    )
    db = tmp_path / "t.duckdb"
    assert ingest_paths([folder], db).new == 1
    with read_connection(db) as con:
        (title,) = con.execute("SELECT title FROM articles").fetchone()
    assert "Bogotá" in title


@pytest.mark.slow
def test_killed_ingestion_leaves_the_store_readable_and_a_rerun_completes_it(tmp_path):
    corpus = write_corpus(tmp_path / "in", 5000)  # several seconds of work: time to kill it
    clean_db, db = tmp_path / "clean.duckdb", tmp_path / "killed.duckdb"
    assert cli("ingest", str(corpus), "--db", str(clean_db), "--quiet", "--workers", "1").returncode == 0

    proc = subprocess.Popen(
        [sys.executable, "-m", "analysis", "ingest", str(corpus), "--db", str(db), "--quiet", "--workers", "1"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    lock = db / ".lock"  # the writer has started
    deadline = time.time() + 60
    while not lock.exists() and time.time() < deadline:
        time.sleep(0.05)
    time.sleep(1.0)
    # The dashboard can read while the ingestion writes: nothing is published yet, and nothing is locked.
    assert proc.poll() is None, "the ingestion finished before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert not store_exists(db)

    rerun = cli("ingest", str(corpus), "--db", str(db), "--quiet", "--workers", "1")
    assert rerun.returncode == 0, rerun.stderr
    assert stats(db) == stats(clean_db)
    assert not any((db / "tmp").iterdir())  # the killed run's unpublished files are gone


def writer_running(db: Path) -> bool:
    """Whether an ingestion holds the store's writer lock."""
    with open(db / ".lock", "a") as f:
        try:
            fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(f, fcntl.LOCK_UN)
        return False


@pytest.mark.slow
def test_stats_answers_while_an_ingestion_runs(tmp_path):
    corpus = write_corpus(tmp_path / "in", 5000)
    db = tmp_path / "t.duckdb"
    ingest_paths([write_corpus(tmp_path / "first", 5)], db)
    proc = subprocess.Popen(
        [sys.executable, "-m", "analysis", "ingest", str(corpus), "--db", str(db), "--quiet", "--workers", "1"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        while not writer_running(db) and proc.poll() is None:
            time.sleep(0.05)
        during = cli("stats", "--db", str(db), "--json")
        assert during.returncode == 0, during.stderr
        assert json.loads(during.stdout)["articles"] == 5
    finally:
        proc.wait(timeout=300)
    assert stats(db)["articles"] == 5000  # the first five were already in the store


def table_contents(db: Path) -> dict[str, list[tuple]]:
    with read_connection(db) as con:
        return {
            "articles": con.execute("SELECT id, title, published, source, text, tone, n_sentences FROM articles ORDER BY id").fetchall(),
            "mentions": con.execute("SELECT article_id, country, count, tone FROM mentions ORDER BY ALL").fetchall(),
            "figures": con.execute("SELECT article_id, kind, value, qualifier, sentence FROM figures ORDER BY ALL").fetchall(),
        }


@pytest.mark.parametrize("how", ["paths", "documents"])
def test_worker_processes_write_what_one_process_writes(tmp_path, how, monkeypatch):
    # Small tasks, so that the export is cut into several byte ranges and the pages into several groups.
    monkeypatch.setattr(ingest_module, "POOL_PARTITION_BYTES", 4096)
    monkeypatch.setattr(ingest_module, "CHUNK_SIZE", 8)
    corpus = write_corpus(tmp_path / "in", 90)
    (corpus / "copy.txt").write_bytes((corpus / "a00003.txt").read_bytes())  # a syndicated copy
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (corpus / "furniture.txt").write_text("Home\nMenu\nShare\n")
    rows = [{"title": f"Export story {i} on Sudan", "text": f"Fighters in Sudan said {i + 2} troops were detained. "
             "The army denied it and called the report false.", "published": "2025-10-02", "source": "Wire"}
            for i in range(150)]
    lines = [json.dumps(r) for r in rows] + ["{not json"]
    (corpus / "export.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    one, two = tmp_path / "one.duckdb", tmp_path / "two.duckdb"

    def ingest(db, workers, progress=None):
        if how == "paths":
            return ingest_paths([corpus], db, workers=workers, progress=progress)
        return ingest_documents(read_inputs([corpus]), db, workers=workers, progress=progress)

    seen: list[tuple[int, int]] = []
    r1 = ingest(one, 1)
    r2 = ingest(two, 2, progress=lambda done, total: seen.append((done, total)))
    assert (r2.read, r2.new, r2.present) == (r1.read, r1.new, r1.present) == (241, 240, 1)
    assert sorted(r2.skipped) == sorted(r1.skipped) and len(r1.skipped) == 4
    assert table_contents(two) == table_contents(one)
    if how == "paths":
        assert seen[-1] == (245, 245)
    # Again, into a store that holds them: workers recognise the articles and write nothing.
    again = ingest(two, 2)
    assert (again.read, again.new, again.present) == (241, 0, 241)
    assert table_contents(two) == table_contents(one)


_ANALYSE_PARTITION = ingest_module._analyse_partition_in_worker


def _die_on_third_file(part):
    if "a00002" in " ".join(part.paths):
        os._exit(1)  # as the kernel's OOM killer would end it
    return _ANALYSE_PARTITION(part)


def test_a_worker_that_dies_leaves_the_store_as_it_was(tmp_path, monkeypatch):
    corpus = write_corpus(tmp_path / "in", 12)
    db = tmp_path / "t.duckdb"
    ingest_paths([write_corpus(tmp_path / "first", 3)], db)
    before = stats(db)
    monkeypatch.setattr(ingest_module, "CHUNK_SIZE", 1)  # one file per task
    monkeypatch.setattr(ingest_module, "_analyse_partition_in_worker", _die_on_third_file)
    with pytest.raises(BrokenProcessPool):
        ingest_paths([corpus], db, workers=2)
    assert stats(db) == before and not any((db / "tmp").iterdir())  # nothing left behind


def test_the_cli_says_what_happened_when_a_worker_dies(tmp_path, monkeypatch, capsys):
    from analysis import ingest_cli
    from analysis.__main__ import build_parser

    def broken(*args, **kwargs):
        raise BrokenProcessPool("a process in the pool was terminated abruptly")

    monkeypatch.setattr(ingest_cli, "ingest_paths", broken)
    args = build_parser().parse_args(["ingest", str(write_corpus(tmp_path / "in", 2)), "--db", str(tmp_path / "t.duckdb"),
                                      "--quiet"])
    assert ingest_cli.run_ingest(args) == 1
    err = capsys.readouterr().err
    assert "a worker process died" in err and "is as it was" in err and "--workers 1" in err


# --- one malformed item never sinks a batch; nothing is created when nothing can be read -----------------

STORY = "Russia launched {n} drones at Ukraine overnight, killing four people in Kharkiv, officials said."


def write_hostile_folder(folder: Path) -> dict[str, str]:
    """A folder where every file holds good articles next to one malformed item (or is bad itself).
    Returns {name of a skipped item: a word its reason must hold}."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder.mkdir(parents=True)
    good = [json.dumps({"title": f"Story {n}", "text": STORY.format(n=n)}) for n in range(1, 4)]
    (folder / "export.jsonl").write_text(
        "\n".join([good[0], '{"title": "Bad", "text": "Troops \\ud800 crossed."}', good[1], "{not json", good[2]])
        + "\n", encoding="utf-8")
    (folder / "huge.jsonl").write_text(
        json.dumps({"title": "Huge", "text": "word " * 5000}) + "\n"
        + json.dumps({"title": "Small", "text": STORY.format(n=10)}) + "\n", encoding="utf-8")
    (folder / "newsapi.json").write_text('{"status": "ok", "articles": null}', encoding="utf-8")
    (folder / "export.csv").write_text(
        f'title,text\nC1,"{STORY.format(n=20)}"\nC2,"broken"quote\nC3,"{STORY.format(n=21)}"\n', encoding="utf-8")
    rows = [{"title": f"P{n}", "text": STORY.format(n=n)} for n in range(30, 36)]
    pq.write_table(pa.Table.from_pylist(rows), folder / "archive.parquet", row_group_size=2)
    column = pq.ParquetFile(folder / "archive.parquet").metadata.row_group(1).column(1)
    data = bytearray((folder / "archive.parquet").read_bytes())
    start = column.dictionary_page_offset or column.data_page_offset
    data[start:start + column.total_compressed_size] = b"\xff" * column.total_compressed_size
    (folder / "archive.parquet").write_bytes(bytes(data))
    (folder / "cp1252.txt").write_bytes(("Bogotá and Caracas trade accusations over the border\n\n"
                                         + STORY.format(n=40) + "\n\nColombia asked for calm.\n").encode("cp1252"))
    (folder / "binary.txt").write_bytes(b"\x7fELF" + bytes(range(256)))
    (folder / "empty.txt").write_bytes(b"")
    (folder / "big.txt").write_text("x " * 6000)
    return {"export.jsonl:2": "U+D800", "export.jsonl:4": "invalid JSON", "huge.jsonl:1": "too large",
            "newsapi.json": '"articles" is null', "export.csv:3": "malformed CSV",
            "archive.parquet#row-group-1": "row group 1 (rows 3-4)", "binary.txt": "binary",
            "empty.txt": "empty", "big.txt": "too large"}


@pytest.mark.parametrize("workers", ["1", "2"])
def test_one_malformed_item_of_each_kind_is_named_and_every_good_item_lands(tmp_path, workers):
    folder = tmp_path / "in"
    expected = write_hostile_folder(folder)
    db = tmp_path / "t.duckdb"
    done = cli("ingest", str(folder), "--db", str(db), "--quiet", "--workers", workers,
               env={**os.environ, "TENSION_MAX_BYTES": "10000"})
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    skipped = {line.split(": ", 1)[0].removeprefix("  skipped ").removeprefix(str(folder) + "/"): line
               for line in done.stderr.splitlines() if line.startswith("  skipped ")}
    assert set(skipped) == set(expected), done.stderr
    for name, word in expected.items():
        assert word in skipped[name]
    with read_connection(db) as con:
        titles = sorted(t for (t,) in con.execute("SELECT title FROM articles").fetchall())
    assert titles == sorted(["Story 1", "Story 2", "Story 3", "Small", "C1", "C3", "P30", "P31", "P34", "P35",
                             "Bogotá and Caracas trade accusations over the border"])
    assert f"read 11, new 11, already present 0, skipped {len(expected)}" in done.stderr


def test_an_article_that_cannot_be_stored_is_named_and_its_batch_lands(tmp_path):
    from analysis.models import RawDocument

    docs = [RawDocument(f"doc:{n}", STORY.format(n=n), title=f"T{n}") for n in range(5)]
    # A lone surrogate that got past the readers (here: a caller's own document) fails Arrow's conversion.
    docs[2] = RawDocument("doc:2", STORY.format(n=2), title="T2 \ud800")
    report = ingest_documents(docs, tmp_path / "t.duckdb")
    assert report.new == 4 and report.read == 4
    (origin, reason), = report.skipped
    assert origin == "doc:2" and reason.startswith("cannot be stored: ")


@pytest.mark.parametrize("workers", ["1", "2"])
def test_nothing_is_created_when_no_source_can_be_read(tmp_path, workers):
    db = tmp_path / "x.duckdb"
    done = cli("ingest", str(tmp_path / "does-not-exist"), "--db", str(db), "--workers", workers)
    assert done.returncode == 1
    assert list(tmp_path.iterdir()) == []  # no store, no lock, no staging file
    assert "no such file or directory" in done.stderr
    assert done.stderr.rstrip().endswith(f"error: nothing could be read: every source was skipped (see above); {db} was not created.")
    assert "100%" not in done.stderr and "1/1" not in done.stderr  # no finished bar over a run that read nothing
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    assert ingest_paths([bad], db, workers=int(workers)).skipped == [(str(bad / "empty.txt"), "empty file")]
    assert not db.exists()


def test_an_existing_store_is_left_as_it_was_when_nothing_can_be_read(tmp_path):
    db = tmp_path / "t.duckdb"
    ingest_paths([write_corpus(tmp_path / "in", 2)], db)
    before = (db.stat().st_mtime_ns, stats(db))
    done = cli("ingest", str(tmp_path / "nope.jsonl"), "--db", str(db), "--quiet")
    assert done.returncode == 1 and f"{db} was left as it was" in done.stderr
    assert (db.stat().st_mtime_ns, stats(db)) == before


def test_an_article_past_the_documented_size_is_stored_cut_and_flagged(tmp_path):
    from analysis.models import RawDocument
    from analysis.read.clean import MAX_BODY_CHARS
    from analysis.store import queries as Q

    paragraph = ("Officials in Kyiv said 12 drones were shot down overnight and the talks went on. " * 25).strip()
    docs = [RawDocument("huge.jsonl:1", "\n\n".join([paragraph] * 120), title="A very long story", source="S"),
            RawDocument("small.jsonl:1", paragraph, title="A short story", source="S")]
    db = tmp_path / "s"
    assert ingest_documents(docs, db).new == 2
    with read_connection(db) as con:
        rows = dict(con.execute("SELECT title, body_cut FROM articles").fetchall())
        assert rows == {"A very long story": True, "A short story": False}
        (long_id, stored), = con.execute(
            "SELECT id, length(text) FROM articles WHERE title = 'A very long story'").fetchall()
        assert stored <= MAX_BODY_CHARS + len("A very long story\n\n")
        detail = Q.article_detail(con, long_id)
    assert detail["body_cut"] and detail["stored_chars"] == stored and not detail["cut"]
