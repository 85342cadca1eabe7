"""Ingestion: sources in, cleaned and analysed articles out, written to the store in batches.

Cleaning and extraction are pure, so with `workers > 1` they run in a process pool while this process
reads inputs and writes batches. Articles already in the store (same body hash) are recognised after
cleaning and not analysed again.
"""
from __future__ import annotations

import dataclasses
import multiprocessing
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .clean import CleaningError, clean_document
from .extract import extract_article
from .models import Extraction, RawDocument
from .sources import Skipped, read_inputs
from .store import StoreWriter

BATCH_SIZE = 256

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


def _analyse_in_worker(raw: RawDocument) -> Extraction | Skipped | _Present:
    result = analyse_document(raw, _known_in_worker)
    if isinstance(result, Extraction):
        # The store keeps counts, not the spans of each mention: don't pay to send them back.
        result = dataclasses.replace(result, mentions=[])
    return result


def _analysed(
    items: Iterable[RawDocument | Skipped], known_ids: set[str], workers: int
) -> Iterator[Extraction | Skipped | _Present]:
    docs_and_skips = iter(items)
    if workers <= 1:
        for item in docs_and_skips:
            yield item if isinstance(item, Skipped) else analyse_document(item, known_ids)
        return

    skipped: list[Skipped] = []

    def documents() -> Iterator[RawDocument]:
        for item in docs_and_skips:
            if isinstance(item, Skipped):
                skipped.append(item)
            else:
                yield item

    ctx = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
    with ctx.Pool(workers, initializer=_init_worker, initargs=(frozenset(known_ids),)) as pool:
        for result in pool.imap(_analyse_in_worker, documents(), chunksize=8):
            while skipped:
                yield skipped.pop(0)
            yield result
    yield from skipped


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
        batch: list[Extraction] = []
        done = 0
        for result in _analysed(items, writer.known_ids, workers):
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
