"""Partitions of local archives: byte ranges of JSONL files aligned on lines, row groups of Parquet files,
groups of page files. A partition is a small description that a worker process (or a Dask worker) turns
into documents itself, so that the process that plans them never reads the articles.
"""
from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from analysis.models import RawDocument
from analysis.read.sources import (
    JSONL_SUFFIXES,
    PARQUET_SUFFIXES,
    Skipped,
    jsonl_range_documents,
    parquet_documents,
    read_file,
    walk_folder,
)

PARTITION_BYTES = 16 * 2**20  # JSONL: about this much text per task
FILES_PER_PARTITION = 64  # pages: this many files per task
ROW_GROUPS_PER_PARTITION = 1


@dataclass(frozen=True)
class Partition:
    kind: str  # "jsonl" | "parquet" | "files" | "skipped" (a folder entry that is not a regular file)
    paths: tuple[str, ...]
    start: int = 0  # jsonl: byte range and first line; parquet: row groups [start, end)
    end: int = 0
    first_line: int = 1
    reason: str = ""  # skipped: why


def _jsonl_partitions(path: Path, target: int) -> Iterator[Partition]:
    """Byte ranges of about `target` bytes, cut after a newline, with the line number each starts at.
    The file is scanned in chunks: a line of any length never sits in memory whole."""
    size, start, line = path.stat().st_size, 0, 1
    with open(path, "rb") as f:
        while start < size:
            end = size if start + target >= size else _next_line_start(f, start + target, size)
            yield Partition("jsonl", (str(path),), start, end, line)
            line += _count_newlines(f, start, end)
            start = end


_SCAN_CHUNK = 1 << 20


def _next_line_start(f, offset: int, size: int) -> int:
    """The offset just after the first newline at or after `offset` (or the end of the file)."""
    f.seek(offset)
    while chunk := f.read(_SCAN_CHUNK):
        at = chunk.find(b"\n")
        if at >= 0:
            return offset + at + 1
        offset += len(chunk)
    return size


def _count_newlines(f, start: int, end: int) -> int:
    f.seek(start)
    count, left = 0, end - start
    while left > 0 and (chunk := f.read(min(_SCAN_CHUNK, left))):
        count += chunk.count(b"\n")
        left -= len(chunk)
    return count


def plan_partitions(
    sources: Iterable[str | os.PathLike[str]],
    partition_bytes: int = PARTITION_BYTES,
    files_per_partition: int = FILES_PER_PARTITION,
) -> list[Partition]:
    """Tasks for the cluster, in the order the local path would read the same sources."""
    plan: list[Partition] = []
    pages: list[str | Skipped] = []

    def flush_pages() -> None:
        for i in range(0, len(pages), files_per_partition):
            for group in _runs(pages[i:i + files_per_partition]):
                plan.append(group)
        pages.clear()

    for source in sources:
        source = Path(source)
        for path in walk_folder(source) if source.is_dir() else [source]:
            if isinstance(path, Skipped):
                pages.append(path)  # reported in its place, by the worker that reads its neighbours
                continue
            suffix = path.suffix.lower()
            if suffix in JSONL_SUFFIXES and path.is_file() and path.stat().st_size:
                flush_pages()
                plan.extend(_jsonl_partitions(path, partition_bytes))
            elif suffix in PARQUET_SUFFIXES and path.is_file():
                flush_pages()
                import pyarrow.parquet as pq  # here: ~0.1 s to import, and most runs read no Parquet

                try:
                    groups = pq.ParquetFile(path).metadata.num_row_groups
                except Exception:
                    groups = 0  # let the worker report it
                for g in range(0, max(groups, 1), ROW_GROUPS_PER_PARTITION):
                    plan.append(Partition("parquet", (str(path),), g, min(g + ROW_GROUPS_PER_PARTITION, groups)))
            else:
                pages.append(str(path))
    flush_pages()
    return plan


def partition_documents(part: Partition) -> Iterator[RawDocument | Skipped]:
    """The documents of one partition, in the order the local path reads them."""
    if part.kind == "jsonl":
        yield from jsonl_range_documents(Path(part.paths[0]), part.start, part.end, part.first_line)
    elif part.kind == "parquet":
        yield from parquet_documents(Path(part.paths[0]), range(part.start, part.end) if part.end else None)
    elif part.kind == "skipped":
        yield Skipped(part.paths[0], part.reason)
    else:
        for path in part.paths:
            yield from read_file(Path(path))


def _runs(items: list[str | Skipped]) -> Iterator[Partition]:
    """Runs of page files as "files" partitions, each Skipped folder entry as its own partition."""
    files: list[str] = []
    for item in items:
        if isinstance(item, Skipped):
            if files:
                yield Partition("files", tuple(files))
                files = []
            yield Partition("skipped", (item.origin,), reason=item.reason)
        else:
            files.append(item)
    if files:
        yield Partition("files", tuple(files))
