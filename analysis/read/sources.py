"""Reading inputs: files, folders and exports in, RawDocuments out, every failure a named `Skipped`.

This is the I/O edge of the pipeline. Nothing here raises for a bad input: an empty, binary, oversized
or malformed file becomes a `Skipped(origin, reason)` that the caller reports, and the rest of the
batch goes on.
"""
from __future__ import annotations

import codecs
import csv
import dataclasses
import io
import json
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from analysis.models import RawDocument
from analysis.read.dates import ColumnOrder, settle_numeric_date
from analysis.read.export_dates import (
    DATE_FIELDS, csv_date_order, jsonl_date_order, parquet_date_order, rows_date_order,
)

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
_DATE_FIELDS = DATE_FIELDS


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


def one_line(exc: BaseException) -> str:
    """An exception's message on one line, for a report that lists one skipped item per line."""
    return " ".join(str(exc).split())[:300] or type(exc).__name__


def _size_reason(size: int) -> str:
    return f"too large: {_bytes(size)}, the limit is {_bytes(MAX_BYTES)} (set {MAX_BYTES_ENV} to raise it)"


def _bytes(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 100_000 else f"{n:,} bytes"


def read_inputs(paths: Iterable[str | os.PathLike[str]]) -> Iterator[RawDocument | Skipped]:
    """Every document in these files and folders (folders walked in sorted order), lazily."""
    for path in paths:
        path = Path(path)
        if path.is_dir():
            for entry in walk_folder(path):
                if isinstance(entry, Skipped):
                    yield entry
                else:
                    yield from read_file(entry)
        else:
            yield from read_file(path)


def walk_folder(folder: Path) -> Iterator[Path | Skipped]:
    """The regular files inside a folder, in sorted order; hidden names are left out, and anything else
    (a symbolic link leading out of the folder or to a folder, a FIFO, a device, a socket) is a Skipped:
    a folder of articles must not become a way to read /etc/passwd or to hang on a pipe."""
    root = os.path.realpath(folder)
    for top, dirs, files in os.walk(folder):
        kept = []
        for name in sorted(dirs):
            if name.startswith((".", "__")):
                continue
            if os.path.islink(os.path.join(top, name)):
                yield Skipped(os.path.join(top, name), "a symbolic link to a folder: not followed")
            else:
                kept.append(name)
        dirs[:] = kept
        for name in sorted(files):
            if name.startswith("."):
                continue
            path = Path(top) / name
            reason = _not_a_file_inside(path, root)
            yield Skipped(str(path), reason) if reason else path


def _not_a_file_inside(path: Path, root: str) -> str | None:
    """Why a folder entry is not a regular file inside the folder `root`, or None if it is one."""
    try:
        info = os.lstat(path)
        if stat.S_ISLNK(info.st_mode):
            target = os.path.realpath(path)
            if os.path.commonpath([root, target]) != root:
                return f"a symbolic link to {target}, outside the folder: not followed"
            info = os.stat(path)
    except OSError as exc:
        return f"cannot read: {exc.strerror or exc}"  # a broken link, a file gone meanwhile
    return _not_regular_reason(info.st_mode)


def _not_regular_reason(mode: int) -> str | None:
    if stat.S_ISREG(mode):
        return None
    kinds = ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISCHR, "a character device"),
             (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a folder"))
    what = next((name for test, name in kinds if test(mode)), "not a file")
    return f"not a regular file ({what})"


class _NotRegular(OSError):
    pass


def _open_regular(path: Path) -> BinaryIO:
    """A binary file object for `path`, only if it is a regular file. O_NONBLOCK: opening a FIFO that
    replaced the file since it was checked returns at once (and is refused) instead of hanging."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        reason = _not_regular_reason(os.fstat(fd).st_mode)
        if reason:
            raise _NotRegular(reason)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_file(path: Path) -> Iterator[RawDocument | Skipped]:
    """The documents in one file: one for a page, one per row for an export, one per entry for a feed.
    Whatever goes wrong costs this file (or only the rows that are bad), never the batch."""
    try:
        yield from _read_file(Path(path))
    except Exception as exc:  # a reader's surprise (a library error on a strange file) is this file's
        yield Skipped(str(path), f"could not read: {type(exc).__name__}: {one_line(exc)}")


def _read_file(path: Path) -> Iterator[RawDocument | Skipped]:
    origin = str(path)
    suffix = path.suffix.lower()
    try:
        reason = _not_regular_reason(os.stat(path).st_mode)
    except FileNotFoundError:
        yield Skipped(origin, "no such file or directory")
        return
    except OSError as exc:
        yield Skipped(origin, f"cannot read: {exc.strerror or exc}")
        return
    if reason:
        yield Skipped(origin, reason)
        return
    if suffix not in SUPPORTED:
        yield Skipped(origin, f"unsupported file type {suffix or '(no extension)'}: expected one of "
                              f"{', '.join(sorted(SUPPORTED))}")
        return
    try:
        f = _open_regular(path)
    except OSError as exc:
        yield Skipped(origin, str(exc) if isinstance(exc, _NotRegular) else f"cannot read: {exc.strerror or exc}")
        return
    with f:
        if suffix in JSONL_SUFFIXES:
            # An export can be an archive of any size: read line by line (the size cap applies to each line).
            yield from with_settled_dates(_jsonl_file_documents(f, origin), column=jsonl_date_order(path))
            return
        if suffix in PARQUET_SUFFIXES:
            # An archive, read row group by row group: the size cap is for one page, not for a whole archive.
            yield from parquet_documents(path, source=f)
            return
        try:
            size = os.fstat(f.fileno()).st_size
            if size > MAX_BYTES:
                yield Skipped(origin, _size_reason(size))
                return
            data = f.read(MAX_BYTES + 1)  # the cap holds even for a file that grows while it is read
        except OSError as exc:
            yield Skipped(origin, f"cannot read: {exc.strerror or exc}")
            return
    if not data:
        yield Skipped(origin, "empty file")
        return
    if len(data) > MAX_BYTES:
        yield Skipped(origin, _size_reason(len(data)))
        return
    reason = binary_reason(data[:8192])
    if reason:
        yield Skipped(origin, reason)
        return
    if suffix in FEED_SUFFIXES:
        from analysis.read.feeds import feed_documents  # feedparser is only needed for feeds

        yield from feed_documents(data, origin, fetch_pages=False)
        return
    text = decode_bytes(data)
    if not text.strip():
        yield Skipped(origin, "empty file (only whitespace)")
        return
    if suffix == ".json":
        yield from _json_documents(text, origin)  # its rows' dates settled by their whole column
    elif suffix == ".csv":
        yield from with_settled_dates(_csv_documents(text, origin), column=csv_date_order(text))
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


def invalid_text_reason(value: str) -> str | None:
    """Why a string is not text that can be stored, or None. JSON's "\\ud800" and a feed's "&#xD800;"
    give a lone surrogate: a valid Python str that no UTF-8 encoder accepts, which fails far from here
    (in the store, for a whole batch) unless it is caught where it enters."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        return f"an invalid character U+{ord(value[exc.start]):04X} ({exc.reason}) at position {exc.start}"
    return None


def row_document(row: Any, origin: str) -> RawDocument | Skipped:
    """One export row (title, text/body, published, source, url) as a RawDocument."""
    if not isinstance(row, dict):
        return Skipped(origin, f"expected an object with a text field, found {_json_type(row)}")
    text = _field(row, _TEXT_FIELDS)
    if not text or not text.strip():
        return Skipped(origin, f"no article text (expected one of the fields {', '.join(_TEXT_FIELDS)})")
    doc = RawDocument(
        origin=origin,
        content=text,
        is_html=looks_like_html(text) or "<p>" in text[:2000].lower() or "<p " in text[:2000].lower(),
        title=_field(row, ("title", "headline")),
        published=_field(row, _DATE_FIELDS),
        source=_field(row, ("source", "outlet", "publisher", "site")),
        url=_field(row, ("url", "link")),
    )
    return document_text_problem(doc) or doc


# Without a pre-pass over its date column (`export_dates`), an export's rows are read in windows of this many: a
# numeric date that may be either way round ("05/03/2024") is read in the order its column's values show, from
# the rows of its window and those before.
DATE_EVIDENCE_ROWS = 2_000


def with_settled_dates(
    items: Iterable[RawDocument | Skipped], window: int = DATE_EVIDENCE_ROWS, column: ColumnOrder | None = None
) -> Iterator[RawDocument | Skipped]:
    """The rows of one export, each numeric date that may be either way round read in its column's order
    (`dates.column_order`: a value over 12 in the same column settles day first or month first), the rows in
    their order. `column`: the whole column's order, from a pre-pass over it (`export_dates`), for every row;
    without it, the rows of each window and those before decide. A column that writes both ways, or never
    shows which, leaves such dates as they are (unread)."""
    if column is not None:
        yield from _settled(items, column.day_first)
        return
    order = ColumnOrder()
    held: list[RawDocument | Skipped] = []
    for item in items:
        if isinstance(item, RawDocument):
            order.add(item.published)
        held.append(item)
        if len(held) >= window:
            yield from _settled(held, order.day_first)
            held = []
    yield from _settled(held, order.day_first)


def _settled(items: Iterable[RawDocument | Skipped], day_first: bool | None) -> Iterator[RawDocument | Skipped]:
    for item in items:
        if isinstance(item, RawDocument) and day_first is not None:
            settled = settle_numeric_date(item.published, day_first)
            if settled != item.published:
                item = dataclasses.replace(item, published=settled)
        yield item


def document_text_problem(doc: RawDocument) -> Skipped | None:
    """A Skipped naming the field of `doc` that holds text no store can keep, or None."""
    for name in ("content", "title", "published", "source", "url"):
        value = getattr(doc, name)
        reason = invalid_text_reason(value) if isinstance(value, str) else None
        if reason:
            return Skipped(doc.origin, f"the {'text' if name == 'content' else name} holds {reason}")
    return None


def _json_type(value: Any) -> str:
    names = {type(None): "null", bool: "a boolean", int: "a number", float: "a number", str: "a string",
             list: "a list", dict: "an object"}
    return names.get(type(value), type(value).__name__)


class _Oversized(int):
    """The length of a JSONL line that was skipped over, not read: it is longer than the cap."""


def capped_lines(f: BinaryIO, cap: int, limit: int | None = None) -> Iterator[bytes | _Oversized]:
    """The lines of a binary file, newline included, none read whole if it is longer than `cap`: such a
    line is skipped over in small chunks and given as its length (`_Oversized`). So a 1 GB line costs
    `cap` bytes of memory, not 1 GB. `limit`: stop after this many bytes (a partition of the file)."""
    left = limit
    while left is None or left > 0:
        line = f.readline(cap + 1 if left is None else min(cap + 1, left))
        if not line:
            return
        size = len(line)
        if size > cap and not line.endswith(b"\n"):
            line = b""
            while True:
                chunk = f.readline(1 << 16 if left is None else min(1 << 16, left - size))
                size += len(chunk)
                if not chunk or chunk.endswith(b"\n"):
                    break
            yield _Oversized(size)
        else:
            yield line
        if left is not None:
            left -= size


def _jsonl_documents(lines: Iterable[bytes | _Oversized], origin: str, first_line: int = 1) -> Iterator[RawDocument | Skipped]:
    """Export rows from JSONL lines (bytes, split on newlines only: JSON strings may hold U+2028)."""
    for number, raw in enumerate(lines, start=first_line):
        where = f"{origin}:{number}"
        if isinstance(raw, _Oversized) or len(raw.rstrip(b"\r\n")) > MAX_BYTES:
            yield Skipped(where, f"line {number}: {_size_reason(int(raw) if isinstance(raw, _Oversized) else len(raw))}")
            continue
        line = decode_bytes(raw).strip()
        if not line:
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Skipped(where, f"invalid JSON on line {number}: {exc.msg} (column {exc.colno})")
            continue
        except RecursionError:
            yield Skipped(where, f"invalid JSON on line {number}: nested too deeply")
            continue
        item = row_document(row, where)
        yield Skipped(where, f"line {number}: {item.reason}") if isinstance(item, Skipped) else item


def _jsonl_file_documents(f: BinaryIO, origin: str) -> Iterator[RawDocument | Skipped]:
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
    for item in _jsonl_documents(capped_lines(f, MAX_BYTES), origin):
        found = True
        yield item
    if not found:
        yield Skipped(origin, "empty file (only whitespace)")


def jsonl_range_documents(path: Path, start: int, end: int, first_line: int) -> Iterator[RawDocument | Skipped]:
    """The export rows in bytes [start, end) of a JSONL file, which begin at line `first_line`
    (a partition of an archive; origins are the same as reading the whole file)."""
    with _open_regular(path) as f:
        f.seek(start)
        lines = capped_lines(f, MAX_BYTES, limit=end - start)
        # (the whole file's date column decides, not this partition's rows alone)
        yield from with_settled_dates(_jsonl_documents(lines, str(path), first_line), column=jsonl_date_order(path))


def parquet_documents(
    path: Path, row_groups: Iterable[int] | None = None, source: Any = None
) -> Iterator[RawDocument | Skipped]:
    """Export rows from a Parquet archive (columns as in JSONL/CSV exports), one row group at a time; a
    row group that cannot be read is skipped and named, the others are read."""
    return with_settled_dates(_parquet_rows(path, row_groups, source), column=_parquet_date_order(path, source))


def _parquet_date_order(path: Path, source: Any) -> ColumnOrder | None:
    """The whole archive's date column order (every row group, whichever this reading covers); None when the
    archive cannot be opened (its rows say why)."""
    import pyarrow.parquet as pq

    try:
        return parquet_date_order(pq.ParquetFile(source if source is not None else path))
    except Exception:  # pyarrow raises several types for a file that is not Parquet
        return None


def _parquet_rows(path: Path, row_groups: Iterable[int] | None, source: Any) -> Iterator[RawDocument | Skipped]:
    import pyarrow.parquet as pq

    origin = str(path)
    try:
        archive = pq.ParquetFile(source if source is not None else path)
    except Exception as exc:  # pyarrow raises several types for a file that is not Parquet
        yield Skipped(origin, f"cannot read Parquet: {one_line(exc)}")
        return
    offsets = [0]
    for i in range(archive.metadata.num_row_groups):
        offsets.append(offsets[-1] + archive.metadata.row_group(i).num_rows)
    groups = range(archive.metadata.num_row_groups) if row_groups is None else row_groups
    for group in groups:
        try:
            rows = archive.read_row_group(group).to_pylist()
        except Exception as exc:  # a corrupt page, a bad encoding: this row group only
            yield Skipped(f"{origin}#row-group-{group}",
                          f"row group {group} (rows {offsets[group] + 1}-{offsets[group + 1]}) cannot be read: "
                          f"{type(exc).__name__}: {one_line(exc)}")
            continue
        for i, row in enumerate(rows, start=offsets[group] + 1):
            yield row_document({k: v for k, v in row.items() if v is not None}, f"{origin}#{i}")


def _json_documents(text: str, origin: str) -> Iterator[RawDocument | Skipped]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        yield Skipped(origin, f"invalid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})")
        return
    except RecursionError:
        yield Skipped(origin, "invalid JSON: nested too deeply")
        return
    if isinstance(data, dict) and "articles" in data:  # a NewsAPI response
        rows = data["articles"]
        if not isinstance(rows, list):
            yield Skipped(origin, f'"articles" is {_json_type(rows)}, expected a list of articles')
            return
    else:
        rows = data if isinstance(data, list) else [data]
    if not rows:
        yield Skipped(origin, "no articles (an empty list)")
    documents = (row_document(row, f"{origin}#{i}" if len(rows) > 1 else origin) for i, row in enumerate(rows, start=1))
    yield from with_settled_dates(documents, column=rows_date_order(rows))


def _csv_documents(text: str, origin: str) -> Iterator[RawDocument | Skipped]:
    """Rows of a CSV export; a malformed row is skipped and named by its line, the rows after it are read."""
    csv.field_size_limit(MAX_BYTES)  # an article body is far longer than csv's 128 KB default
    # strict: '"a"b' is an error to report, not a field to guess at
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    header: list[str] | None = None
    while True:
        line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield Skipped(f"{origin}:{line}", f"malformed CSV on line {line}: {exc}")
            if header is None:
                return
            continue
        if not row or not any(cell.strip() for cell in row):
            continue
        if header is None:
            header = row
            continue
        if len(row) > len(header):
            # An unquoted comma in the text: the columns after it cannot be trusted.
            yield Skipped(f"{origin}:{line}", f"malformed CSV on line {line}: {len(row)} fields, the header has "
                                              f"{len(header)} (a comma in an unquoted field?)")
            continue
        yield row_document(dict(zip(header, row)), f"{origin}:{line}")
