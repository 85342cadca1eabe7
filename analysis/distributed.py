"""The distributed engine: the same pure extraction on a Dask cluster, for archives that outgrow one machine.

    python -m analysis ingest ARCHIVE... --engine dask [--scheduler tcp://HOST:8786] [--parts DIR]

The client plans partitions (byte ranges of JSONL files aligned on lines, row groups of Parquet files,
groups of page files), the workers read and analyse their partition with `extract.analyse_document` and
write the rows as Parquet parts, and the client loads each part into the store through `StoreWriter`
as it arrives (one writer, the same de-duplication and atomic publication as the local path).
Without a scheduler a `LocalCluster` of one worker process per core is started. On a real cluster the
parts directory must be on storage that the workers and the client share, the machines need the
project's requirements, and the client sends its own copy of this package to the scheduler and the
workers (`ship_package`), so that they run the same extraction as the local path.
"""
from __future__ import annotations

import os
import shutil
import tempfile
import uuid
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow.parquet as pq

from analysis.understand.extract import analyse_document
from analysis.ingest import IngestReport, open_writer
from analysis.models import Extraction
from analysis.read.partitions import FILES_PER_PARTITION, PARTITION_BYTES, Partition, partition_documents, plan_partitions
from analysis.read.sources import Skipped
from analysis.store.parquet_store import StoreWriter, arrow_schema, extraction_tables


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
    # Every table the workers wrote (including any added to schema.TABLES later), not a fixed list.
    tables = {table: pq.read_table(path, schema=arrow_schema(table)) for table, path in parts.items()}
    return writer.write_tables(tables)


PACKAGE_DIR = Path(__file__).resolve().parent


def package_zip(directory: Path) -> Path:
    """This package (`analysis`, its Python files) as a zip in `directory` that Python can import from."""
    target = directory / f"{PACKAGE_DIR.name}.zip"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(PACKAGE_DIR.rglob("*.py")):
            archive.write(path, Path(PACKAGE_DIR.name) / path.relative_to(PACKAGE_DIR))
    return target


def ship_package(client) -> None:
    """Send this package to the scheduler (it unpickles the task graph, which names our functions) and
    to the workers (they run them). Without it a cluster needs the project installed on every machine,
    and one with an older copy would silently extract differently from the client."""
    with tempfile.TemporaryDirectory(prefix="tension-package-") as tmp:
        client.upload_file(str(package_zip(Path(tmp))))


class ClusterError(RuntimeError):
    """The cluster could not be reached or a partition failed on it; nothing was written to the store."""


def _client(scheduler: str | None, workers: int | None):
    from dask.distributed import Client, LocalCluster

    if scheduler:
        try:
            client = Client(scheduler)
        except OSError as exc:
            raise ClusterError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from exc
        try:
            ship_package(client)
        except BaseException:
            client.close()
            raise
        return client, None
    cluster = LocalCluster(
        n_workers=workers or os.cpu_count() or 1, threads_per_worker=1, processes=True,
        dashboard_address=None, silence_logs=40,
    )
    return Client(cluster), cluster


def _result(future, part: Partition) -> PartResult:
    try:
        return future.result()
    except Exception as exc:  # raised on a worker, re-raised here: say which partition and what to check
        hint = {
            FileNotFoundError: "the archive must be at the same path on every worker, on shared storage",
            ModuleNotFoundError: "the workers need the project's requirements (pip install -r requirements.txt)",
        }.get(type(exc), "see the worker's log")
        raise ClusterError(f"a worker failed on {', '.join(part.paths[:2])}: {type(exc).__name__}: {exc} ({hint})") from exc


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

    # Workers on other machines, in other folders, read these paths: relative ones would not be found.
    plan = plan_partitions([Path(s).absolute() for s in sources], partition_bytes, files_per_partition)
    report = IngestReport()
    own_dir = parts_dir is None
    out_dir = Path(tempfile.mkdtemp(prefix="tension-parts-", dir=Path(db_path).parent)) if own_dir else Path(parts_dir).absolute()
    out_dir.mkdir(parents=True, exist_ok=True)
    client, cluster = _client(scheduler, workers)
    try:
        futures = client.map(analyse_partition, plan, out_dir=str(out_dir), pure=False)
        order = {f.key: i for i, f in enumerate(futures)}
        finished: dict[int, PartResult] = {}
        with open_writer(db_path, threads=None) as writer:
            next_to_load = 0
            # Parts are loaded in plan order, so that which copy of a syndicated story is kept (the
            # first read) is the same as on the local path.
            for done, future in enumerate(as_completed(futures), start=1):
                finished[order[future.key]] = _result(future, plan[order[future.key]])
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
