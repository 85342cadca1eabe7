"""Compaction: merge small segments of a table so that a read opens few files, at a bounded cost.

Each publish adds one segment per table, so a `watch` polling every 15 minutes would leave tens of
thousands of small files in a year, and a scan pays per file. Segments are grouped in size tiers (each
tier FANOUT times the one below); when a tier holds FANOUT segments they are merged into one of the next
tier. A row is so rewritten about log_FANOUT(MAX / MIN) times at most, and segments past
MAX_SEGMENT_BYTES are never rewritten: the cost of a publish stays bounded by the batch and by
MAX_SEGMENT_BYTES, never by the archive. Merged rows are sorted (by date, or by term for the keyword
index), so that a query's date range or keyword skips most row groups by their min/max statistics.
"""
from __future__ import annotations

from collections.abc import Sequence

from analysis.store.manifest import Segment

FANOUT = 4
MIN_SEGMENT_BYTES = 2 * 2**20
MAX_SEGMENT_BYTES = 192 * 2**20


def tier(size: int) -> int:
    level, bound = 0, MIN_SEGMENT_BYTES
    while size > bound:
        level += 1
        bound *= FANOUT
    return level


def plan_merges(segments: Sequence[Segment], fanout: int = FANOUT, max_bytes: int = MAX_SEGMENT_BYTES) -> list[list[Segment]]:
    """Groups of segments to merge, each into one segment (oldest first within a tier)."""
    tiers: dict[int, list[Segment]] = {}
    for seg in segments:
        if seg.bytes < max_bytes:
            tiers.setdefault(tier(seg.bytes), []).append(seg)
    return [group for _, group in sorted(tiers.items()) if len(group) >= fanout]
