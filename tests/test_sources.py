"""Reading inputs: every file becomes documents or a Skipped with a reason a user can act on."""
import datetime as dt
import json
from pathlib import Path

import pytest

from analysis.models import RawDocument
from analysis.read.sources import Skipped, decode_bytes, read_inputs
from tests.export_files import write_export


def _read(path):
    return list(read_inputs([path]))


@pytest.mark.parametrize(
    "name, data, reason",
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\n ", "empty file (only whitespace)"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00", "binary file (a PNG image), not text"),
        ("nul.html", b"abc\x00def", "binary file, not text"),
        ("report.pdf", b"%PDF-1.7", "unsupported file type .pdf"),
    ],
)
def test_bad_files_are_skipped_with_a_reason(tmp_path, name, data, reason):
    path = tmp_path / name
    path.write_bytes(data)
    (item,) = _read(path)
    assert isinstance(item, Skipped) and item.origin == str(path) and item.reason.startswith(reason)


def test_missing_path(tmp_path):
    (item,) = _read(tmp_path / "nope.txt")
    assert isinstance(item, Skipped) and "no such file" in item.reason


def test_too_large(tmp_path, monkeypatch):
    import analysis.read.sources as sources

    monkeypatch.setattr(sources, "MAX_BYTES", 100)
    path = tmp_path / "big.txt"
    path.write_text("x" * 1000)
    (item,) = _read(path)
    assert isinstance(item, Skipped) and item.reason.startswith("too large")


def test_latin1_is_decoded_not_lost():
    assert decode_bytes("Bogotá, Nicolás".encode("latin-1")) == "Bogotá, Nicolás"
    assert decode_bytes("Kyiv — “quoted”".encode("utf-8")) == "Kyiv — “quoted”"
    assert decode_bytes("\ufeffBOM".encode("utf-8")) == "BOM"
    assert decode_bytes(b"caf\xe9", "no-such-charset") == "café"


def test_jsonl_rows_and_bad_lines(tmp_path):
    path = tmp_path / "export.jsonl"
    rows = [
        {"title": "One", "text": "Body one.", "published": "2025-11-01", "source": "A", "url": "u1"},
        "not json {",
        {"title": "No text"},
        {"headline": "Two", "body": "<p>Body two.</p>"},
    ]
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in rows), encoding="utf-8")
    items = _read(path)
    assert [type(i) for i in items] == [RawDocument, Skipped, Skipped, RawDocument]
    assert items[0] == RawDocument(f"{path}:1", "Body one.", False, "One", "2025-11-01", "A", "u1")
    assert items[1].origin == f"{path}:2" and items[1].reason.startswith("invalid JSON on line 2")
    assert "no article text" in items[2].reason
    assert items[3].title == "Two" and items[3].is_html


def test_a_newsapi_export_reads_its_nested_source_and_published_at(tmp_path):
    path = tmp_path / "newsapi.json"
    articles = [{"source": {"id": "reuters", "name": "Reuters"}, "author": "A. Writer", "title": "Talks stall",
                 "url": "https://example.org/a", "publishedAt": "2025-11-20T09:12:00Z", "content": "Talks stalled."}]
    path.write_text(json.dumps({"status": "ok", "totalResults": 1, "articles": articles}), encoding="utf-8")
    (item,) = _read(path)
    assert (item.source, item.published, item.title, item.content) == (
        "Reuters", "2025-11-20T09:12:00Z", "Talks stall", "Talks stalled.")


def test_a_jsonl_archive_larger_than_the_cap_is_streamed_line_by_line(tmp_path, monkeypatch):
    import analysis.read.sources as sources

    monkeypatch.setattr(sources, "MAX_BYTES", 300)
    path = tmp_path / "archive.jsonl"
    lines = [json.dumps({"title": f"Story {i}", "text": f"Body of story {i}. " * 5}) for i in range(40)]
    lines.insert(7, json.dumps({"title": "Huge", "text": "word " * 200}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = _read(path)
    assert sum(isinstance(i, RawDocument) for i in items) == 40  # the file is far above the cap
    (huge,) = [i for i in items if isinstance(i, Skipped)]
    assert huge.origin == f"{path}:8" and "too large" in huge.reason


def test_jsonl_strings_may_hold_line_separators(tmp_path):
    path = tmp_path / "export.jsonl"
    row = {"title": "Sep", "text": "First paragraph.\u2028Second one, after a line separator."}
    path.write_text(json.dumps(row, ensure_ascii=False) + "\n", encoding="utf-8")
    (item,) = _read(path)
    assert isinstance(item, RawDocument) and "Second one" in item.content


def test_csv_and_json(tmp_path):
    (tmp_path / "a.csv").write_text('title,text,published,source,url\nT,"Body, with comma",2025-10-01,S,u\n', encoding="utf-8")
    (tmp_path / "b.json").write_text(json.dumps([{"title": "J", "content": "Json body"}]), encoding="utf-8")
    items = list(read_inputs([tmp_path]))
    assert [(i.title, i.content) for i in items] == [("T", "Body, with comma"), ("J", "Json body")]


def test_folders_are_walked_in_order_and_hidden_files_ignored(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("two")
    (tmp_path / "1.html").write_text("<html><body><p>one</p></body></html>")
    (tmp_path / ".hidden.txt").write_text("hidden")
    items = list(read_inputs([tmp_path]))
    assert [(i.content[:6], i.is_html) for i in items] == [("<html>", True), ("two", False)]


def test_text_file_holding_html_is_read_as_html(tmp_path):
    path = tmp_path / "saved.txt"
    path.write_text("<!DOCTYPE html><html><body><p>x</p></body></html>")
    (item,) = _read(path)
    assert item.is_html


# --- one malformed item never sinks a batch: it is skipped and named, every good item is read ----------

GOOD = "Russia launched 90 drones at Ukraine overnight, killing four people in Kharkiv."


def _kinds(items):
    return [(type(i).__name__, i.origin) for i in items]


def test_a_jsonl_line_holding_a_lone_surrogate_is_named_and_the_others_read(tmp_path):
    path = tmp_path / "export.jsonl"
    lines = [json.dumps({"title": "One", "text": GOOD}),
             '{"title": "Bad", "text": "Troops \\ud800 crossed the border."}',  # valid JSON, not valid text
             '{"title": "Bad title \\udfff", "text": "A body that is fine on its own."}',
             json.dumps({"title": "Two", "text": GOOD + " Again."})]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = _read(path)
    assert _kinds(items) == [("RawDocument", f"{path}:1"), ("Skipped", f"{path}:2"), ("Skipped", f"{path}:3"),
                             ("RawDocument", f"{path}:4")]
    assert items[1].reason == "line 2: the text holds an invalid character U+D800 (surrogates not allowed) at position 7"
    assert items[2].reason.startswith("line 3: the title holds an invalid character U+DFFF")


@pytest.mark.parametrize("payload, reason", [
    ({"articles": None}, '"articles" is null, expected a list of articles'),
    ({"articles": "none"}, '"articles" is a string, expected a list of articles'),
    ({"articles": {"text": "x"}}, '"articles" is an object, expected a list of articles'),
    ([], "no articles (an empty list)"),
    (42, "expected an object with a text field, found a number"),
])
def test_a_json_export_of_the_wrong_shape_is_named(tmp_path, payload, reason):
    path = tmp_path / "export.json"
    path.write_text(json.dumps(payload), encoding="utf-8")
    (item,) = _read(path)
    assert isinstance(item, Skipped) and item.origin == str(path) and item.reason == reason


def test_a_json_export_with_some_bad_articles_keeps_the_good_ones(tmp_path):
    path = tmp_path / "export.json"
    path.write_text('{"articles": [{"title": "A", "content": "' + GOOD + '"}, null, {"title": "B"}, '
                    '{"title": "C", "content": "x \\ud83d y"}, {"title": "D", "content": "' + GOOD + '"}]}',
                    encoding="utf-8")
    items = _read(path)
    assert [type(i).__name__ for i in items] == ["RawDocument", "Skipped", "Skipped", "Skipped", "RawDocument"]
    assert [i.origin for i in items] == [f"{path}#{n}" for n in range(1, 6)]
    assert "found null" in items[1].reason and "no article text" in items[2].reason
    assert "U+D83D" in items[3].reason


def test_malformed_csv_rows_are_named_by_line_and_the_rows_after_them_read(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text(
        "title,text,source\n"
        f'One,"{GOOD}",Wire\n'
        f"Two,{GOOD.replace(',', '')} and then, an unquoted comma,Wire\n"  # one field too many
        f'Three,"{GOOD}"garbage,Wire\n'  # text after a closing quote
        "\n"
        f'Four,"{GOOD}\nacross two lines",Wire\n'
        f'Five,"{GOOD}"\n'  # a missing trailing column is fine
        f'Six,"{GOOD} and a quote never closed\n',
        encoding="utf-8")
    items = _read(path)
    assert _kinds(items) == [("RawDocument", f"{path}:2"), ("Skipped", f"{path}:3"), ("Skipped", f"{path}:4"),
                             ("RawDocument", f"{path}:6"), ("RawDocument", f"{path}:8"), ("Skipped", f"{path}:9")]
    assert items[1].reason == "malformed CSV on line 3: 4 fields, the header has 3 (a comma in an unquoted field?)"
    assert items[2].reason == "malformed CSV on line 4: ',' expected after '\"'"
    assert items[3].content.endswith("across two lines") and items[4].title == "Five"
    assert items[5].reason == "malformed CSV on line 9: unexpected end of data"


def _parquet_with_a_corrupt_row_group(path, rows_per_group=3, groups=3, corrupt=1):
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [{"title": f"T{i}", "text": f"Story {i}: {GOOD}"} for i in range(rows_per_group * groups)]
    pq.write_table(pa.Table.from_pylist(rows), path, row_group_size=rows_per_group)
    column = pq.ParquetFile(path).metadata.row_group(corrupt).column(1)
    start = column.dictionary_page_offset or column.data_page_offset
    data = bytearray(path.read_bytes())
    data[start:start + column.total_compressed_size] = b"\xff" * column.total_compressed_size  # page header gone
    path.write_bytes(bytes(data))


def test_a_parquet_row_group_that_cannot_be_read_is_named_and_the_others_read(tmp_path):
    path = tmp_path / "archive.parquet"
    _parquet_with_a_corrupt_row_group(path)
    items = _read(path)
    assert _kinds(items) == [("RawDocument", f"{path}#{i}") for i in (1, 2, 3)] + [
        ("Skipped", f"{path}#row-group-1")] + [("RawDocument", f"{path}#{i}") for i in (7, 8, 9)]
    assert items[3].reason.startswith("row group 1 (rows 4-6) cannot be read: ")
    assert "\n" not in items[3].reason


@pytest.mark.parametrize("name, data, reason", [
    ("notparquet.parquet", b"PAR1 this is not parquet", "cannot read Parquet: "),
    ("binary.jsonl", b"\x7fELF\x02\x01\x01" + b"\x00" * 100, "binary file (an executable), not text"),
    ("nul.csv", b"title,text\x00\x00", "binary file, not text"),
    ("empty.jsonl", b"", "empty file"),
    ("blank.jsonl", b"\n \n", "empty file (only whitespace)"),
    ("empty.csv", b"", "empty file"),
])
def test_unreadable_exports_are_named(tmp_path, name, data, reason):
    path = tmp_path / name
    path.write_bytes(data)
    (item,) = _read(path)
    assert isinstance(item, Skipped) and item.origin == str(path) and item.reason.startswith(reason)


def test_non_utf8_lines_of_an_export_are_decoded_not_skipped(tmp_path):
    path = tmp_path / "export.jsonl"
    path.write_bytes(json.dumps({"title": "Bogotá", "text": "Nicolás said " + GOOD}, ensure_ascii=False).encode("cp1252")
                     + b"\n" + json.dumps({"title": "Kyiv", "text": GOOD}).encode() + b"\n")
    items = _read(path)
    assert [i.title for i in items] == ["Bogotá", "Kyiv"] and items[0].content.startswith("Nicolás")


def test_a_reader_that_fails_unexpectedly_costs_its_file_only(tmp_path, monkeypatch):
    import analysis.read.sources as sources

    (tmp_path / "a.csv").write_text(f'title,text\nA,"{GOOD}"\n', encoding="utf-8")
    (tmp_path / "b.txt").write_text(GOOD, encoding="utf-8")

    def broken(text, origin):
        raise ValueError("a library\nsurprise")
        yield  # a generator, like the reader it stands for

    monkeypatch.setattr(sources, "_csv_documents", broken)
    items = list(read_inputs([tmp_path]))
    assert _kinds(items) == [("Skipped", str(tmp_path / "a.csv")), ("RawDocument", str(tmp_path / "b.txt"))]
    assert items[0].reason == "could not read: ValueError: a library surprise"


# --- the size cap applies while reading: a huge JSONL line is never in memory whole ---------------------

def test_a_jsonl_line_far_beyond_the_cap_is_skipped_without_being_read_into_memory(tmp_path, monkeypatch):
    import tracemalloc

    import analysis.read.sources as sources

    monkeypatch.setattr(sources, "MAX_BYTES", 10_000)
    path = tmp_path / "archive.jsonl"
    huge = 20_000_000  # 2,000 times the cap
    with open(path, "wb") as f:
        f.write(json.dumps({"title": "Before", "text": GOOD}).encode() + b"\n")
        f.write(b'{"title": "Huge", "text": "')
        for _ in range(huge // 1_000_000):
            f.write(b"x" * 1_000_000)
        f.write(b'"}\n')
        f.write(json.dumps({"title": "After", "text": GOOD}).encode() + b"\n")
    tracemalloc.start()
    try:
        items = _read(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [getattr(i, "title", None) for i in items] == ["Before", None, "After"]
    assert items[1].origin == f"{path}:2" and items[1].reason.startswith("line 2: too large: 20.0 MB")
    assert peak < 2_000_000, f"peak {peak / 1e6:.1f} MB: the line was read whole"


def test_a_partition_of_a_jsonl_archive_caps_its_lines_too(tmp_path, monkeypatch):
    import analysis.read.sources as sources
    from analysis.read.partitions import partition_documents, plan_partitions

    monkeypatch.setattr(sources, "MAX_BYTES", 1000)
    path = tmp_path / "archive.jsonl"
    rows = [json.dumps({"title": f"S{i}", "text": ("y" * 5000 if i == 3 else GOOD)}) for i in range(8)]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    items = [d for part in plan_partitions([path], partition_bytes=300) for d in partition_documents(part)]
    assert [type(i).__name__ for i in items] == ["RawDocument"] * 3 + ["Skipped"] + ["RawDocument"] * 4
    assert items[3].origin == f"{path}:4" and "too large" in items[3].reason


# --- folders yield the regular files inside them, and name the rest -------------------------------------

def test_a_folder_yields_its_regular_files_and_names_links_out_pipes_and_devices(tmp_path):
    import os

    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("a system file that must not be stored")
    folder = tmp_path / "articles"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text(GOOD)
    (folder / "sub" / "b.txt").write_text(GOOD + " Two.")
    os.symlink(outside / "secret.txt", folder / "leak.txt")
    os.symlink(folder / "a.txt", folder / "alias.txt")  # a link inside the folder is fine
    os.symlink(outside, folder / "linked_dir")
    os.symlink(folder / "gone.txt", folder / "broken.txt")
    os.symlink("/dev/null", folder / "device.txt")
    os.mkfifo(folder / "pipe.jsonl")
    items = {i.origin: i for i in read_inputs([folder])}
    docs = sorted(Path(o).name for o, i in items.items() if isinstance(i, RawDocument))
    assert docs == ["a.txt", "alias.txt", "b.txt"]
    reasons = {Path(o).name: i.reason for o, i in items.items() if isinstance(i, Skipped)}
    assert reasons == {
        "leak.txt": f"a symbolic link to {outside / 'secret.txt'}, outside the folder: not followed",
        "linked_dir": "a symbolic link to a folder: not followed",
        "broken.txt": "cannot read: No such file or directory",
        "device.txt": "a symbolic link to /dev/null, outside the folder: not followed",
        "pipe.jsonl": "not a regular file (a named pipe (FIFO))",
    }


def test_a_pipe_or_device_named_directly_is_refused_without_opening_it(tmp_path):
    import os

    os.mkfifo(tmp_path / "pipe.txt")  # opening it to read would wait for a writer forever
    (pipe,) = _read(tmp_path / "pipe.txt")
    (device,) = _read(Path("/dev/null"))
    assert pipe.reason == "not a regular file (a named pipe (FIFO))"
    assert device.reason == "not a regular file (a character device)"


def test_partitions_name_the_same_folder_entries_in_the_same_places(tmp_path):
    import os

    from analysis.read.partitions import partition_documents, plan_partitions

    for i in range(5):
        (tmp_path / f"{i}.txt").write_text(f"{GOOD} {i}")
    os.mkfifo(tmp_path / "2b.txt")
    os.symlink("/etc/hostname", tmp_path / "3b.txt")
    expected = [(type(i).__name__, i.origin) for i in read_inputs([tmp_path])]
    plan = plan_partitions([tmp_path], files_per_partition=2)
    assert [(type(i).__name__, i.origin) for p in plan for i in partition_documents(p)] == expected
    assert [k for k, _ in expected].count("Skipped") == 2


# --- properties: whatever the bytes, a reader yields one item per row and never raises -----------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_HOSTILE_TEXT = st.lists(st.one_of(st.text(max_size=30), st.sampled_from(["\ud800", "\udfff", "\x00", "\u2028", "é"])),
                         max_size=5).map("".join)
_ROW = st.dictionaries(st.sampled_from(["title", "text", "body", "source", "published", "url", "articles"]),
                       st.one_of(_HOSTILE_TEXT, st.integers(), st.none(), st.lists(st.integers(), max_size=2)),
                       max_size=6)
_LINE = st.one_of(_ROW.map(json.dumps), st.binary(max_size=80).map(lambda b: b.replace(b"\n", b" ")),
                  _HOSTILE_TEXT.map(lambda t: t.replace("\n", " ").encode("utf-8", "surrogatepass")))


def _storable(doc):
    for value in (doc.content, doc.title, doc.published, doc.source, doc.url):
        if value is not None:
            value.encode("utf-8")  # what the store will do with it


@settings(max_examples=150, deadline=None)
@given(st.lists(_LINE, max_size=12))
def test_any_jsonl_lines_give_one_storable_item_per_line(lines):
    import io

    from analysis.read.sources import _jsonl_documents, capped_lines

    raw = [line if isinstance(line, bytes) else line.encode() for line in lines]
    data = b"\n".join(raw) + b"\n"
    items = list(_jsonl_documents(capped_lines(io.BytesIO(data), 10_000), "x.jsonl"))
    assert len(items) == sum(1 for line in raw if decode_bytes(line).strip())
    for item in items:
        if isinstance(item, RawDocument):
            _storable(item)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(_HOSTILE_TEXT.map(lambda t: t.replace("\ud800", "").replace("\udfff", "")), max_size=5),
                max_size=8), st.booleans())
def test_any_csv_gives_documents_or_named_rows_and_never_raises(rows, quote_all):
    import csv
    import io

    from analysis.read.sources import _csv_documents

    out = io.StringIO()
    csv.writer(out, quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL).writerows([["title", "text"], *rows])
    text = out.getvalue()
    for cut in (len(text), len(text) // 2):  # whole, and cut off in the middle of a row
        for item in _csv_documents(text[:cut], "x.csv"):
            assert isinstance(item, (RawDocument, Skipped))
            if isinstance(item, Skipped):
                assert item.origin.startswith("x.csv:") and item.reason


def test_json_nested_beyond_the_recursion_limit_is_named_not_raised(tmp_path):
    (tmp_path / "deep.jsonl").write_text(json.dumps({"title": "Fine", "text": GOOD}) + "\n" + "[" * 200_000 + "\n")
    (tmp_path / "deep.json").write_text('{"articles": ' + "[" * 200_000)
    fine, deep_line, deep_file = read_inputs([tmp_path / "deep.jsonl", tmp_path / "deep.json"])
    assert fine.title == "Fine"
    assert deep_line.reason == "invalid JSON on line 2: nested too deeply"
    assert deep_file.reason.startswith("invalid JSON")


_STORY = "The port was hit by 12 drones overnight, officials said on Thursday, and two people were hurt."


def _published_in(path):
    from analysis.read.clean import clean_document

    docs = [d for d in read_inputs([path]) if isinstance(d, RawDocument)]
    return [str(clean_document(d, today=dt.date(2026, 1, 1)).published) for d in docs]


@pytest.mark.parametrize(
    "dates, expected",
    [
        # another row's day over 12 settles the column's order, before or after the ambiguous row
        (["05/03/2024", "13/03/2024"], ["2024-03-05", "2024-03-13"]),
        (["03/13/2024 08:14", "05/03/2024 10:00"], ["2024-03-13", "2024-05-03"]),
        (["05-03-2024", "06-03-2024", "28-02-2024"], ["2024-03-05", "2024-03-06", "2024-02-28"]),
        # no row says, or rows say both: the ambiguous date stays unread
        (["05/03/2024", "06/03/2024"], ["None", "None"]),
        (["05/03/2024", "13/03/2024", "03/14/2024"], ["None", "2024-03-13", "2024-03-14"]),
    ],
)
@pytest.mark.parametrize("kind", ["csv", "jsonl", "json", "parquet"])
def test_an_export_date_column_settles_its_own_numeric_order(tmp_path, kind, dates, expected):
    rows = [{"title": f"Drones hit port {i}", "text": f"{_STORY} Report {i}.", "published": d}
            for i, d in enumerate(dates)]
    path = write_export(tmp_path / f"export.{kind}", rows)
    assert _published_in(path) == expected


def test_a_date_column_is_settled_by_the_rows_of_its_window_and_those_before(tmp_path):
    from analysis.read.sources import with_settled_dates

    docs = [RawDocument(f"r{i}", _STORY, title="t", published=d)
            for i, d in enumerate(["05/03/2024", "06/03/2024", "13/03/2024", "07/03/2024"])]
    settled = [d.published for d in with_settled_dates(iter(docs), window=2)]
    # the first window shows no order; the second does, and rows after it keep it
    assert settled == ["05/03/2024", "06/03/2024", "13/03/2024", "2024-03-07"]
