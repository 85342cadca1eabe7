"""Reading inputs: every file becomes documents or a Skipped with a reason a user can act on."""
import json

import pytest

from analysis.models import RawDocument
from analysis.sources import Skipped, decode_bytes, read_inputs


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
    import analysis.sources as sources

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
    import analysis.sources as sources

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
