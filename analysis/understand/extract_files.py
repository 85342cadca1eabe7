"""`python -m analysis extract` over files and folders: one JSON line per article, in input order, on as
many cores as asked. Workers read their own share of the files (partitions), so the parent only prints.
"""
from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from itertools import islice

from analysis.understand.extract import ARTICLES_PER_BATCH, analyse_documents, extract_article, extraction_to_json
from analysis.models import Article, RawDocument
from analysis.read.partitions import Partition, partition_documents, plan_partitions
from analysis.process_pool import ordered_map
from analysis.read.sources import Skipped, read_inputs

# Small tasks keep both cores busy to the end of a run of a few hundred files; each still costs a
# few milliseconds, far above what handing it to a worker costs.
FILES_PER_TASK = 16
BYTES_PER_TASK = 256 * 2**10


def extract_lines(items: Iterable[RawDocument | Skipped]) -> Iterator[str | Skipped]:
    """The JSON line for each input, or why it was skipped, in order; analysed in batches (a batch's lines
    come when it is done)."""
    items = iter(items)
    while chunk := list(islice(items, ARTICLES_PER_BATCH)):
        for item, outcome in zip(chunk, analyse_documents(chunk)):
            if isinstance(outcome, Skipped):
                yield outcome
            else:
                yield json.dumps(extraction_to_json(outcome, item.origin), ensure_ascii=False)


def _extract_partition(part: Partition) -> list[str | Skipped]:
    return list(extract_lines(partition_documents(part)))


def extract_paths(paths: Iterable[str | os.PathLike[str]], workers: int = 1) -> Iterator[str | Skipped]:
    """JSON lines (or Skipped) for every document in these files and folders, in the order they are read;
    the output is the same whatever the number of workers."""
    paths = list(paths)
    plan = plan_partitions(paths, BYTES_PER_TASK, FILES_PER_TASK) if workers > 1 else []
    if len(plan) <= 1:  # one process: nothing to share, or too little to be worth a pool
        yield from extract_lines(read_inputs(paths))
        return
    # Build the matchers and load the lexicon once, before forking, rather than once in every worker.
    extract_article(Article(id="", title="", published=None, source=None, url=None, body="Moscow: 3 were killed."))
    for lines in ordered_map(_extract_partition, plan, min(workers, len(plan))):
        yield from lines
