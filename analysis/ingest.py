"""Ingestion: sources in, cleaned and analysed articles out, written to the store in batches.

Cleaning and extraction are pure, so with `workers > 1` they run in a process pool while this process
reads inputs and writes batches. Articles already in the store (same body hash) are recognised after
cleaning and not analysed again.
"""
from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa

from .clean import CleaningError, clean_document
from .extract import extract_article
from . import schema
from .models import Extraction, RawDocument
from .sources import Skipped, read_inputs
from .store import StoreWriter, extraction_tables

BATCH_SIZE = 256
CHUNK_SIZE = 32  # documents per task sent to a worker

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


@dataclass(frozen=True)
class _Present:
    article_id: str


_known_in_worker: frozenset[str] = frozenset()


def _init_worker(known_ids: frozenset[str]) -> None:
    global _known_in_worker
    _known_in_worker = known_ids


def analyse_document(
    raw: RawDocument, known_ids: frozenset[str] | set[str] = frozenset()
) -> Extraction | Skipped | _Present:
    """Clean and analyse one input; never raises for bad input."""
    try:
        article = clean_document(raw)
    except CleaningError as exc:
        return Skipped(raw.origin, str(exc))
    except Exception as exc:  # a malformed page must not stop the batch
        return Skipped(raw.origin, f"could not clean: {type(exc).__name__}: {exc}")
    if article.id in known_ids:
        return _Present(article.id)
    try:
        return extract_article(article)
    except Exception as exc:
        return Skipped(raw.origin, f"analysis failed: {type(exc).__name__}: {exc}")


@dataclass
class _ChunkResult:
    """A worker's answer for a chunk of documents: the rows to write, ready as Arrow tables."""

    tables: dict[str, pa.Table] | None
    analysed: int
    present: int
    skipped: list[tuple[str, str]]


def _analyse_chunk_in_worker(docs: list[RawDocument]) -> _ChunkResult:
    # Rows are built here, not in the parent: the parent reads the input and writes the store, and
    # with as many workers as cores every millisecond it spends per article is the whole run's limit.
    extractions: list[Extraction] = []
    present = 0
    skipped: list[tuple[str, str]] = []
    for raw in docs:
        outcome = analyse_document(raw, _known_in_worker)
        if isinstance(outcome, Skipped):
            skipped.append((outcome.origin, outcome.reason))
        elif isinstance(outcome, _Present):
            present += 1
        else:
            extractions.append(outcome)
    tables = extraction_tables(extractions) if extractions else None
    return _ChunkResult(tables, len(extractions), present, skipped)


def _chunked(
    items: Iterable[RawDocument | Skipped], skipped: list[Skipped], size: int, in_flight: threading.Semaphore
) -> Iterator[list[RawDocument]]:
    """Chunks of documents for the pool. The pool's feeder thread reads its input as fast as it can:
    `in_flight` (released as results are written) keeps a large archive from being read into memory."""
    chunk: list[RawDocument] = []
    for item in items:
        if isinstance(item, Skipped):
            skipped.append(item)
            continue
        chunk.append(item)
        if len(chunk) >= size:
            in_flight.acquire()
            yield chunk
            chunk = []
    if chunk:
        in_flight.acquire()
        yield chunk


def _ingest_in_pool(
    items: Iterable[RawDocument | Skipped], writer: StoreWriter, workers: int, report: IngestReport,
    progress: ProgressCallback | None, total: int,
) -> None:
    read_skips: list[Skipped] = []  # filled by the pool's feeder thread as it reads the input
    pending: list[dict[str, pa.Table]] = []
    pending_rows = done = 0
    in_flight = threading.Semaphore(4 * workers)
    ctx = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
    with ctx.Pool(workers, initializer=_init_worker, initargs=(frozenset(writer.known_ids),)) as pool:
        for chunk in pool.imap(_analyse_chunk_in_worker, _chunked(items, read_skips, CHUNK_SIZE, in_flight)):
            in_flight.release()
            while read_skips:
                skip = read_skips.pop(0)
                report.skipped.append((skip.origin, skip.reason))
                done += 1
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
    for skip in read_skips:
        report.skipped.append((skip.origin, skip.reason))
        done += 1
    if progress and done:
        progress(done, max(total, done))


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


def ingest_documents(
    items: Iterable[RawDocument | Skipped],
    db_path: str | os.PathLike[str],
    workers: int = 1,
    progress: ProgressCallback | None = None,
    total: int = 0,
) -> IngestReport:
    report = IngestReport()
    with StoreWriter(db_path) as writer:
        if workers > 1:
            _ingest_in_pool(items, writer, workers, report, progress, total)
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
                if isinstance(result, _Present):
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
    new = writer.write(batch)
    report.new += new
    report.present += len(batch) - new
    batch.clear()


def ingest_paths(
    paths: Iterable[str | Path],
    db_path: str | os.PathLike[str],
    progress: ProgressCallback | None = None,
    workers: int = 1,
) -> IngestReport:
    """Ingest files and directories into the store at `db_path`."""
    paths = list(paths)
    total = count_inputs(paths) if progress else 0
    return ingest_documents(read_inputs(paths), db_path, workers, progress, total)
