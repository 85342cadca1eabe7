"""`python -m analysis ingest`: sources to documents, a progress bar, and a summary."""
from __future__ import annotations

import argparse
import itertools
import sys
from collections.abc import Iterable, Iterator
from concurrent.futures.process import BrokenProcessPool

from tqdm import tqdm

from analysis.read.feeds import is_url, url_documents
from analysis.ingest import IngestReport, ProgressCallback, ingest_documents, ingest_paths
from analysis.models import RawDocument
from analysis.read.sources import Skipped, read_inputs
from analysis.store.parquet_store import StoreError, resolve_db_path


def source_documents(sources: Iterable[str], fetch_pages: bool = True) -> Iterator[RawDocument | Skipped]:
    """Documents from a mix of local paths and URLs, in the order given."""
    for is_remote, group in itertools.groupby(sources, key=is_url):
        if is_remote:
            for url in group:
                yield from url_documents(url, fetch_pages)
        else:
            yield from read_inputs(list(group))


def print_report(report: IngestReport, db: str, out=sys.stderr) -> None:
    print(f"{db}: {report.summary()}", file=out)
    for origin, reason in report.skipped:
        print(f"  skipped {origin}: {reason}", file=out)


def run_ingest(args: argparse.Namespace) -> int:
    db = resolve_db_path(args.db)
    cluster_errors: tuple[type[Exception], ...] = ()
    if args.engine == "dask":
        if urls := [s for s in args.sources if is_url(s)]:
            print(f"error: the Dask engine reads files and folders (an archive), not feeds or pages: {urls[0]}. "
                  "Ingest URLs without --engine dask.", file=sys.stderr)
            return 2
        from analysis.distributed import ClusterError, ingest_with_dask  # here: Dask and Parquet load only for it

        cluster_errors = (ClusterError,)
        unit = "partition"

        def run(progress: ProgressCallback) -> IngestReport:
            return ingest_with_dask(args.sources, db, scheduler=args.scheduler, workers=args.workers,
                                    parts_dir=args.parts, progress=progress)
    else:
        unit = "article"

        def run(progress: ProgressCallback) -> IngestReport:
            local = [s for s in args.sources if not is_url(s)]
            if len(local) == len(args.sources):  # files only: with workers, each reads its own share
                return ingest_paths(local, db, progress=progress, workers=max(1, args.workers))
            return ingest_documents(
                source_documents(args.sources, fetch_pages=not args.no_fetch), db, workers=max(1, args.workers),
                progress=progress,
            )

    existed = db.exists()
    try:
        # The bar is closed before any error line, so that the error is the last line printed.
        with tqdm(unit=unit, disable=args.quiet, file=sys.stderr, smoothing=0.1) as bar:

            def progress(done: int, total: int) -> None:
                bar.total = total or None
                bar.update(done - bar.n)

            report = run(progress)
            bar.leave = bool(report.read)  # "1/1 100%" over a run that read nothing would say the opposite
    except StoreError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except BrokenProcessPool:
        print(f"error: a worker process died (out of memory?); nothing was written, {db} is as it was. "
              "Try again with fewer workers (--workers 1).", file=sys.stderr)
        return 1
    except cluster_errors as exc:
        print(f"error: {exc}; nothing was written, {db} is as it was.", file=sys.stderr)
        return 1
    print_report(report, str(db))
    if report.read:
        return 0
    why = "every source was skipped (see above)" if report.skipped else "the sources hold no articles"
    store = "left as it was" if existed else "created, empty" if db.exists() else "not created"
    print(f"error: nothing could be read: {why}; {db} was {store}.", file=sys.stderr)
    return 1
