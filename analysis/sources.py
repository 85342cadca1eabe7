"""Reading inputs: files, folders and exports in, RawDocuments out, every failure a named `Skipped`.

This is the I/O edge of the pipeline. Nothing here raises for a bad input: an empty, binary, oversized
or malformed file becomes a `Skipped(origin, reason)` that the caller reports, and the rest of the
batch goes on.
"""
from __future__ import annotations

import codecs
import csv
import io
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .models import RawDocument

MAX_BYTES_ENV = "TENSION_MAX_BYTES"
# A news article is rarely over 1 MB even as a full HTML page; a JSONL/CSV export holds many.
MAX_BYTES = int(os.environ.get(MAX_BYTES_ENV) or 50_000_000)

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
FEED_SUFFIXES = frozenset({".xml", ".rss", ".atom"})
PARQUET_SUFFIXES = frozenset({".parquet"})
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | FEED_SUFFIXES | PARQUET_SUFFIXES | {".json", ".csv"}

_BINARY_MAGIC = (
    (b"%PDF", "a PDF"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or Office document)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "an executable"),
    (b"DUCK", "a database file"),
)

_TEXT_FIELDS = ("text", "body", "content", "article", "description")
_DATE_FIELDS = ("published", "date", "published_at", "publishedat", "published_date", "pub_date", "pubdate",
                "date_published", "datetime")


@dataclass(frozen=True)
class Skipped:
    """An input that could not be read, and why, in words a user can act on."""

    origin: str
    reason: str


def decode_bytes(data: bytes, charset: str | None = None) -> str:
    """Text from bytes, never raising: BOM, the declared charset, UTF-8, then Windows-1252/Latin-1.

    Scraped pages are often Latin-1 or Windows-1252 mislabelled as nothing at all; decoding them that
    way loses nothing, where `errors="replace"` on UTF-8 would turn every accent into "?".
    """
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(encoding, errors="replace").lstrip("\ufeff")
    candidates = [charset] if charset else []
    candidates += ["utf-8", "cp1252"]
    for encoding in candidates:
        try:
            return data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("latin-1")  # maps every byte: the last resort cannot fail


def binary_reason(head: bytes) -> str | None:
    """Why these first bytes are not text, or None if they look like text."""
    for magic, what in _BINARY_MAGIC:
        if head.startswith(magic):
            return f"binary file ({what}), not text"
    if b"\x00" in head[:4096] and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "binary file, not text"
    return None


def looks_like_html(text: str) -> bool:
    """Whether a text is an HTML page saved under a text name (a scraper's .txt can hold HTML)."""
    head = text.lstrip()[:1024].lower()
    return head.startswith(("<!doctype html", "<html")) or (head.startswith("<") and "<body" in head)


def _size_reason(size: int) -> str:
    return f"too large: {size / 1e6:.1f} MB, the limit is {MAX_BYTES / 1e6:.0f} MB (set {MAX_BYTES_ENV} to raise it)"


def read_inputs(paths: Iterable[str | os.PathLike[str]]) -> Iterator[RawDocument | Skipped]:
    """Every document in these files and folders (folders walked in sorted order), lazily."""
    for path in paths:
        path = Path(path)
        if path.is_dir():
            for file in _walk(path):
                yield from read_file(file)
        else:
            yield from read_file(path)


def _walk(folder: Path) -> Iterator[Path]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith((".", "__")))
        for name in sorted(files):
            if not name.startswith("."):
                yield Path(root) / name


def read_file(path: Path) -> Iterator[RawDocument | Skipped]:
    """The documents in one file: one for a page, one per row for an export, one per entry for a feed."""
    origin = str(path)
    suffix = path.suffix.lower()
    if not path.exists():
        yield Skipped(origin, "no such file or directory")
        return
    if suffix not in SUPPORTED:
        yield Skipped(origin, f"unsupported file type {suffix or '(no extension)'}: expected one of "
                              f"{', '.join(sorted(SUPPORTED))}")
        return
    if suffix in JSONL_SUFFIXES:
        # An export can be an archive of any size: read line by line (the size cap applies to each line).
        yield from _jsonl_file_documents(path)
        return
    if suffix in PARQUET_SUFFIXES:
        # An archive, read row group by row group: the size cap is for one page, not for a whole archive.
        yield from parquet_documents(path)
        return
    try:
        size = path.stat().st_size
        if size == 0:
            yield Skipped(origin, "empty file")
            return
        if size > MAX_BYTES:
            yield Skipped(origin, _size_reason(size))
            return
        data = path.read_bytes()
    except OSError as exc:
        yield Skipped(origin, f"cannot read: {exc.strerror or exc}")
        return
    reason = binary_reason(data[:8192])
    if reason:
        yield Skipped(origin, reason)
        return
    if suffix in FEED_SUFFIXES:
        from .feeds import feed_documents  # feedparser is only needed for feeds

        yield from feed_documents(data, origin, fetch_pages=False)
        return
    text = decode_bytes(data)
    if not text.strip():
        yield Skipped(origin, "empty file (only whitespace)")
        return
    if suffix == ".json":
        yield from _json_documents(text, origin)
    elif suffix == ".csv":
        yield from _csv_documents(text, origin)
    else:
        yield RawDocument(origin=origin, content=text, is_html=suffix in HTML_SUFFIXES or looks_like_html(text))


def _field(row: dict[str, Any], names: tuple[str, ...]) -> str | None:
    lowered = {str(k).strip().lower(): v for k, v in row.items() if k is not None}
    for name in names:
        value = lowered.get(name)
        if isinstance(value, dict):  # NewsAPI-style {"source": {"id": "reuters", "name": "Reuters"}}
            value = value.get("name") or value.get("title")
        if value not in (None, ""):
            return str(value)
    return None


def row_document(row: Any, origin: str) -> RawDocument | Skipped:
    """One export row (title, text/body, published, source, url) as a RawDocument."""
    if not isinstance(row, dict):
        return Skipped(origin, f"expected an object with a text field, found {type(row).__name__}")
    text = _field(row, _TEXT_FIELDS)
    if not text or not text.strip():
        return Skipped(origin, f"no article text (expected one of the fields {', '.join(_TEXT_FIELDS)})")
    return RawDocument(
        origin=origin,
        content=text,
        is_html=looks_like_html(text) or "<p>" in text[:2000].lower() or "<p " in text[:2000].lower(),
        title=_field(row, ("title", "headline")),
        published=_field(row, _DATE_FIELDS),
        source=_field(row, ("source", "outlet", "publisher", "site")),
        url=_field(row, ("url", "link")),
    )


def _jsonl_documents(lines: Iterable[bytes], origin: str, first_line: int = 1) -> Iterator[RawDocument | Skipped]:
    """Export rows from JSONL lines (bytes, split on newlines only: JSON strings may hold U+2028)."""
    for number, raw in enumerate(lines, start=first_line):
        where = f"{origin}:{number}"
        if len(raw) > MAX_BYTES:
            yield Skipped(where, f"line {number}: {_size_reason(len(raw))}")
            continue
        line = decode_bytes(raw).strip()
        if not line:
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Skipped(where, f"invalid JSON on line {number}: {exc.msg} (column {exc.colno})")
            continue
        yield row_document(row, where)


def _jsonl_file_documents(path: Path) -> Iterator[RawDocument | Skipped]:
    origin = str(path)
    try:
        f = open(path, "rb")
    except OSError as exc:
        yield Skipped(origin, f"cannot read: {exc.strerror or exc}")
        return
    with f:
        head = f.read(8192)
        if not head:
            yield Skipped(origin, "empty file")
            return
        reason = binary_reason(head)
        if reason:
            yield Skipped(origin, reason)
            return
        f.seek(0)
        found = False
        for item in _jsonl_documents(f, origin):
            found = True
            yield item
        if not found:
            yield Skipped(origin, "empty file (only whitespace)")


def jsonl_range_documents(path: Path, start: int, end: int, first_line: int) -> Iterator[RawDocument | Skipped]:
    """The export rows in bytes [start, end) of a JSONL file, which begin at line `first_line`
    (a partition of an archive; origins are the same as reading the whole file)."""
    with open(path, "rb") as f:
        f.seek(start)
        data = f.read(end - start)
    yield from _jsonl_documents(data.split(b"\n"), str(path), first_line)


def parquet_documents(path: Path, row_groups: Iterable[int] | None = None) -> Iterator[RawDocument | Skipped]:
    """Export rows from a Parquet archive (columns as in JSONL/CSV exports), one row group at a time."""
    import pyarrow.parquet as pq

    origin = str(path)
    try:
        archive = pq.ParquetFile(path)
    except Exception as exc:  # pyarrow raises several types for a file that is not Parquet
        yield Skipped(origin, f"cannot read Parquet: {exc}")
        return
    offsets = [0]
    for i in range(archive.metadata.num_row_groups):
        offsets.append(offsets[-1] + archive.metadata.row_group(i).num_rows)
    groups = range(archive.metadata.num_row_groups) if row_groups is None else row_groups
    for group in groups:
        for i, row in enumerate(archive.read_row_group(group).to_pylist(), start=offsets[group] + 1):
            yield row_document({k: v for k, v in row.items() if v is not None}, f"{origin}#{i}")


def _json_documents(text: str, origin: str) -> Iterator[RawDocument | Skipped]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        yield Skipped(origin, f"invalid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})")
        return
    rows = data if isinstance(data, list) else data.get("articles", [data]) if isinstance(data, dict) else [data]
    for i, row in enumerate(rows, start=1):
        yield row_document(row, f"{origin}#{i}" if len(rows) > 1 else origin)


def _csv_documents(text: str, origin: str) -> Iterator[RawDocument | Skipped]:
    csv.field_size_limit(MAX_BYTES)  # an article body is far longer than csv's 128 KB default
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        for row in reader:
            yield row_document(row, f"{origin}:{reader.line_num}")
    except csv.Error as exc:
        yield Skipped(f"{origin}:{reader.line_num}", f"malformed CSV: {exc}")
