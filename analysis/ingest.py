"""Ingestion: sources in, cleaned and analysed articles out, written to the store in batches.

Cleaning and extraction are pure, so with `workers > 1` they run in a process pool while this process
writes batches: local files are read by the workers themselves (see `partitions`), other documents
(feeds, URLs) are sent to them in chunks. Articles already in the store (same body hash) are recognised
after cleaning and not analysed again.
"""
from __future__ import annotations

import contextlib
import itertools
import os
from collections.abc import Callable, Container, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TypeVar
from pathlib import Path

import pyarrow as pa

from analysis.understand.extract import AlreadyPresent, analyse_document, analyse_documents
from analysis.store import schema
from analysis.models import Extraction, RawDocument
from analysis.read.partitions import Partition, partition_documents, plan_partitions
from analysis.process_pool import ordered_map
from analysis.read.sources import Skipped, one_line, read_inputs
from analysis.store.parquet_store import StoreWriter, extraction_tables
from analysis.monitor.story_store import link_new_articles

BATCH_SIZE = 256
CHUNK_SIZE = 32  # documents (or page files) per task sent to a worker
POOL_PARTITION_BYTES = 2**18  # JSONL archives: about this much per task (small: the last task runs alone)
# Batches of a few hundred articles gain nothing from DuckDB's threads, which only take CPU from the
# analysis (measured: ingestion 4-6% faster with one, with 1 or 2 worker processes).
WRITER_THREADS = 1
T = TypeVar("T")

ProgressCallback = Callable[[int, int], None]


@dataclass
class IngestReport:
    read: int = 0  # articles read and cleaned (pages, export rows, feed entries): new + present
    new: int = 0  # written to the store
    present: int = 0  # already in the store, or a duplicate of another article in this run
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (origin, reason)

    def summary(self) -> str:
        return (
            f"read {self.read}, new {self.new}, already present {self.present}, "
            f"skipped {len(self.skipped)}"
        )


_known_in_worker: Container[str] = frozenset()


def _init_worker(known_ids: Container[str]) -> None:
    global _known_in_worker
    _known_in_worker = known_ids


@dataclass
class _ChunkResult:
    """A worker's answer for a chunk of documents: the rows to write, ready as Arrow tables."""

    tables: dict[str, pa.Table] | None
    analysed: int
    present: int
    skipped: list[tuple[str, str]]


def _analyse_in_worker(items: Iterable[RawDocument | Skipped]) -> _ChunkResult:
    # Rows are built here, not in the parent: the parent writes the store, and with as many workers as
    # cores every millisecond it spends per article is the whole run's limit.
    extractions: list[Extraction] = []
    present = 0
    skipped: list[tuple[str, str]] = []
    # The chunk's articles are analysed as one batch (each stage over all of them in turn: ~20% less CPU).
    for outcome in analyse_documents(items, _known_in_worker):
        if isinstance(outcome, Skipped):
            skipped.append((outcome.origin, outcome.reason))
        elif isinstance(outcome, AlreadyPresent):
            present += 1
        else:
            extractions.append(outcome)
    tables, unstorable = storable_tables(extractions)
    skipped.extend(unstorable)
    return _ChunkResult(tables, len(extractions) - len(unstorable), present, skipped)


def storable_tables(extractions: list[Extraction]) -> tuple[dict[str, pa.Table] | None, list[tuple[str, str]]]:
    """The store's rows for these articles, and the articles whose rows cannot be built (named, with why).
    Sources refuse text that cannot be stored, so the second list is a safety net: without it, one such
    article would fail the conversion of its whole batch."""
    if not extractions:
        return None, []
    try:
        return extraction_tables(extractions), []
    except Exception:
        good: list[Extraction] = []
        bad: list[tuple[str, str]] = []
        for extraction in extractions:
            try:
                extraction_tables([extraction])
                good.append(extraction)
            except Exception as exc:
                bad.append((extraction.article.origin, f"cannot be stored: {type(exc).__name__}: {one_line(exc)}"))
        return (extraction_tables(good) if good else None), bad


def _analyse_partition_in_worker(part: Partition) -> _ChunkResult:
    """A worker reads its own part of the archive: the parent never parses or pickles the articles."""
    return _analyse_in_worker(partition_documents(part))


@contextlib.contextmanager
def open_writer(db_path: str | os.PathLike[str], threads: int | None = WRITER_THREADS) -> Iterator[StoreWriter]:
    """The store's writer for an ingestion: once every batch is written, and before it is published, the
    new articles are given their copy group and story (compared with the store, not re-clustering it)."""
    with StoreWriter(db_path, threads=threads) as writer:
        yield writer
        link_new_articles(writer)


def _chunked(items: Iterable[RawDocument | Skipped], size: int) -> Iterator[list[RawDocument | Skipped]]:
    chunk: list[RawDocument | Skipped] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _ingest_in_pool(
    tasks: Iterable[T], analyse: Callable[[T], _ChunkResult], writer: StoreWriter, workers: int,
    report: IngestReport, progress: ProgressCallback | None, total: int,
) -> None:
    pending: list[dict[str, pa.Table]] = []
    pending_rows = done = 0
    # pyarrow imports pandas (~0.3 s of CPU) when it builds its first array: let that happen here, once,
    # before the workers fork, rather than in each worker and again here.
    pa.array([0])
    writer.known_ids.load()  # once here, not in each worker after the fork
    for chunk in ordered_map(analyse, tasks, workers, _init_worker, (writer.known_ids,)):
        report.skipped.extend(chunk.skipped)
        report.read += chunk.analysed + chunk.present
        report.present += chunk.present
        done += chunk.analysed + chunk.present + len(chunk.skipped)
        if chunk.tables is not None:
            pending.append(chunk.tables)
            pending_rows += chunk.analysed
        if pending_rows >= BATCH_SIZE:
            _flush_tables(writer, pending, report)
            pending_rows = 0
        if progress:
            progress(done, max(total, done))
    _flush_tables(writer, pending, report)


def _flush_tables(writer: StoreWriter, pending: list[dict[str, pa.Table]], report: IngestReport) -> None:
    if not pending:
        return
    tables = {name: pa.concat_tables([p[name] for p in pending]) for name in pending[0]}
    analysed = tables[schema.ARTICLES].num_rows
    new = writer.write_tables(tables)
    report.new += new
    report.present += analysed - new
    pending.clear()


def count_inputs(paths: Iterable[str | Path]) -> int:
    """How many articles the sources hold (a cheap first pass for progress bars)."""
    return sum(1 for _ in read_inputs(paths))


def first_readable(items: Iterable[RawDocument | Skipped]) -> tuple[list[Skipped], Iterator[RawDocument | Skipped] | None]:
    """The Skipped items before the first document, and every item from that document on (None if
    there is no document at all): the store is opened, and created, only when there is something to read."""
    items = iter(items)
    skipped: list[Skipped] = []
    for item in items:
        if isinstance(item, Skipped):
            skipped.append(item)
        else:
            return skipped, itertools.chain([item], items)
    return skipped, None


def _nothing_readable(skipped: list[Skipped], progress: ProgressCallback | None) -> IngestReport:
    report = IngestReport(skipped=[(s.origin, s.reason) for s in skipped])
    if progress and skipped:
        progress(len(skipped), len(skipped))
    return report


def ingest_documents(
    items: Iterable[RawDocument | Skipped],
    db_path: str | os.PathLike[str],
    workers: int = 1,
    progress: ProgressCallback | None = None,
    total: int = 0,
) -> IngestReport:
    """Analyse the documents and write them to the store at `db_path`. When no document can be read
    (every source skipped), the store is not opened: nothing is created or published."""
    skipped, rest = first_readable(items)
    if rest is None:
        return _nothing_readable(skipped, progress)
    items = itertools.chain(skipped, rest)
    report = IngestReport()
    with open_writer(db_path) as writer:
        if workers > 1:
            _ingest_in_pool(_chunked(items, CHUNK_SIZE), _analyse_in_worker, writer, workers, report, progress, total)
            return report
        batch: list[Extraction] = []
        done = 0
        for item in items:
            result = item if isinstance(item, Skipped) else analyse_document(item, writer.known_ids)
            done += 1
            if isinstance(result, Skipped):
                report.skipped.append((result.origin, result.reason))
            else:
                report.read += 1
                if isinstance(result, AlreadyPresent):
                    report.present += 1
                else:
                    batch.append(result)
            if len(batch) >= BATCH_SIZE:
                _flush(writer, batch, report)
            if progress:
                progress(done, max(total, done))
        _flush(writer, batch, report)
    return report


def _flush(writer: StoreWriter, batch: list[Extraction], report: IngestReport) -> None:
    if not batch:
        return
    tables, unstorable = storable_tables(batch)
    report.skipped.extend(unstorable)
    report.read -= len(unstorable)
    if tables is not None:
        new = writer.write_tables(tables)
        report.new += new
        report.present += tables[schema.ARTICLES].num_rows - new
    batch.clear()


def ingest_paths(
    paths: Iterable[str | Path],
    db_path: str | os.PathLike[str],
    progress: ProgressCallback | None = None,
    workers: int = 1,
) -> IngestReport:
    """Ingest files and directories into the store at `db_path`.

    With workers, each worker reads its own partitions of the files (line-aligned byte ranges of a JSONL
    archive, row groups of Parquet, groups of pages), in the same order as one process would."""
    paths = list(paths)
    total = count_inputs(paths) if progress else 0
    if workers <= 1:
        return ingest_documents(read_inputs(paths), db_path, workers, progress, total)
    skipped, readable = first_readable(read_inputs(paths))  # reads up to the first document only
    if readable is None:
        return _nothing_readable(skipped, progress)
    report = IngestReport()
    plan = plan_partitions(paths, partition_bytes=POOL_PARTITION_BYTES, files_per_partition=CHUNK_SIZE)
    with open_writer(db_path) as writer:
        _ingest_in_pool(plan, _analyse_partition_in_worker, writer, workers, report, progress, total)
    return report
