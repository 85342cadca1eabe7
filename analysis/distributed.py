"""The distributed engine: the same pure extraction on a Dask cluster, for archives that outgrow one machine.

    python -m analysis ingest ARCHIVE... --engine dask [--scheduler tcp://HOST:8786] [--parts DIR]

The client plans partitions (byte ranges of JSONL files aligned on lines, row groups of Parquet files,
groups of page files), the workers read and analyse their partition with `extract.analyse_document` and
write the rows as Parquet parts, and the client loads each part into the store through `StoreWriter`
as it arrives (one writer, the same de-duplication and atomic publication as the local path).
Without a scheduler a `LocalCluster` of one worker process per core is started. On a real cluster the
parts directory must be on storage that the workers and the client share.
"""
from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from . import schema
from .extract import analyse_document
from .ingest import IngestReport
from .models import Extraction
from .partitions import FILES_PER_PARTITION, PARTITION_BYTES, Partition, partition_documents, plan_partitions
from .sources import Skipped
from .store import StoreWriter, arrow_schema, extraction_tables


@dataclass
class PartResult:
    parts: dict[str, str]  # table -> Parquet file
    read: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)


def analyse_partition(part: Partition, out_dir: str) -> PartResult:
    """Run on a worker: read, clean and analyse one partition; write its rows as Parquet parts."""
    result = PartResult(parts={})
    extractions: list[Extraction] = []
    for item in partition_documents(part):
        outcome = item if isinstance(item, Skipped) else analyse_document(item)
        if isinstance(outcome, Skipped):
            result.skipped.append((outcome.origin, outcome.reason))
        else:
            result.read += 1
            extractions.append(outcome)
    name = uuid.uuid4().hex
    for table, data in extraction_tables(extractions).items():
        target = Path(out_dir) / f"{name}-{table}.parquet"
        pq.write_table(data, target)
        result.parts[table] = str(target)
    return result


def load_parts(writer: StoreWriter, parts: dict[str, str]) -> int:
    """Load one partition's Parquet parts into the store; returns how many articles were new."""
    tables: dict[str, pa.Table] = {}
    for table in (schema.ARTICLES, schema.MENTIONS, schema.FIGURES):
        tables[table] = pq.read_table(parts[table], schema=arrow_schema(table))
    return writer.write_tables(tables)


def _client(scheduler: str | None, workers: int | None):
    from dask.distributed import Client, LocalCluster

    if scheduler:
        return Client(scheduler), None
    cluster = LocalCluster(
        n_workers=workers or os.cpu_count() or 1, threads_per_worker=1, processes=True,
        dashboard_address=None, silence_logs=40,
    )
    return Client(cluster), cluster


def ingest_with_dask(
    sources: Iterable[str | os.PathLike[str]],
    db_path: str | os.PathLike[str],
    scheduler: str | None = None,
    workers: int | None = None,
    parts_dir: str | os.PathLike[str] | None = None,
    progress: Callable[[int, int], None] | None = None,
    partition_bytes: int = PARTITION_BYTES,
    files_per_partition: int = FILES_PER_PARTITION,
) -> IngestReport:
    """Ingest `sources` with a Dask cluster (a local one by default); same result as `ingest_paths`."""
    from dask.distributed import as_completed

    plan = plan_partitions(sources, partition_bytes, files_per_partition)
    report = IngestReport()
    own_dir = parts_dir is None
    out_dir = Path(tempfile.mkdtemp(prefix="tension-parts-", dir=Path(db_path).parent)) if own_dir else Path(parts_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    client, cluster = _client(scheduler, workers)
    try:
        futures = client.map(analyse_partition, plan, out_dir=str(out_dir), pure=False)
        order = {f.key: i for i, f in enumerate(futures)}
        finished: dict[int, PartResult] = {}
        with StoreWriter(db_path) as writer:
            next_to_load = 0
            # Parts are loaded in plan order, so that which copy of a syndicated story is kept (the
            # first read) is the same as on the local path.
            for done, future in enumerate(as_completed(futures), start=1):
                finished[order[future.key]] = future.result()
                while next_to_load in finished:
                    part = finished.pop(next_to_load)
                    report.read += part.read
                    report.skipped.extend(part.skipped)
                    new = load_parts(writer, part.parts)
                    report.new += new
                    report.present += part.read - new
                    for path in part.parts.values():
                        Path(path).unlink(missing_ok=True)
                    next_to_load += 1
                if progress:
                    progress(done, len(plan))
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
        if own_dir:
            shutil.rmtree(out_dir, ignore_errors=True)
    return report
