"""Which articles a store holds, answered for a batch without reading the archive: a sorted id file per segment.

An article's id is a uniform hash, so a segment's min/max id says nothing about which segments may hold
an id. Instead each articles segment has a sidecar `<segment>.ids`: its ids, 32 ASCII bytes each, sorted
(the segment itself is sorted by id), written with the segment and deleted with it. A writer maps these
files (nothing is read when it opens) and looks a batch up by binary search in each: B ids against S
segments touch about B * S * log2(rows) pages of the sidecars, whatever the archive's size. A segment
without a sidecar (written by an earlier version, or holding ids of another shape) has its id column read
once, on first use, and kept packed (32 bytes an id, not a Python string); `python -m analysis migrate`
writes the missing sidecars.
"""
from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

ID_BYTES = 32
SUFFIX = ".ids"
PACKED = np.dtype(f"S{ID_BYTES}")


def sidecar(segment: Path) -> Path:
    return segment.with_name(segment.name + SUFFIX)


def pack(ids: pa.Array | pa.ChunkedArray) -> np.ndarray | None:
    """The ids as a sorted array of 32-byte strings, or None when one of them is not 32 ASCII characters
    (an id of another shape is never packed: it is looked up in a set instead)."""
    if isinstance(ids, pa.ChunkedArray):
        ids = ids.combine_chunks()
    ids = ids.cast(pa.string())
    if len(ids) == 0:
        return np.empty(0, PACKED)
    if ids.null_count or not pc.all(pc.string_is_ascii(ids)).as_py():
        return None
    lengths = pc.utf8_length(ids)
    if pc.min(lengths).as_py() != ID_BYTES or pc.max(lengths).as_py() != ID_BYTES:
        return None
    offsets = np.frombuffer(ids.buffers()[1], dtype=np.int32, count=len(ids) + 1, offset=ids.offset * 4)
    values = np.frombuffer(ids.buffers()[2], dtype=np.uint8)[offsets[0]:offsets[-1]]
    return np.sort(values.view(PACKED), kind="stable")


def write_sidecar(segment: Path, packed: np.ndarray) -> Path:
    target = sidecar(segment)
    with open(target, "wb") as f:
        f.write(packed.tobytes())
        f.flush()
        os.fsync(f.fileno())
    return target


def load_sidecar(segment: Path) -> np.ndarray | None:
    """The segment's sorted ids, mapped (pages are read when a lookup touches them); None without a sidecar."""
    path = sidecar(segment)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return None
    if size == 0:
        return np.empty(0, PACKED)
    return np.memmap(path, dtype=PACKED, mode="r")


def _found(sorted_ids: np.ndarray, wanted: np.ndarray) -> np.ndarray:
    if len(sorted_ids) == 0 or len(wanted) == 0:
        return np.zeros(len(wanted), bool)
    at = np.searchsorted(sorted_ids, wanted)
    return sorted_ids[np.minimum(at, len(sorted_ids) - 1)] == wanted


class KnownIds:
    """The ids of a store's articles segments, plus those a writer added since it opened. Supports `in`
    (a worker's test of one article) and `contains` (a batch at once)."""

    def __init__(self, segments: Iterable[Path] = ()) -> None:
        self._packed: list[np.ndarray] = []
        self._unread: list[Path] = []  # segments without a sidecar: their id column is read on first use
        self._other: set[str] = set()  # ids of segments that could not be packed
        self._added: set[str] = set()
        for segment in segments:
            self.add_segment(segment)

    def add_segment(self, segment: Path, packed: np.ndarray | None = None) -> None:
        """A segment's ids: given (just written), its sidecar's, or else its id column's when first needed."""
        if packed is None:
            packed = load_sidecar(segment)
        if packed is None:
            self._unread.append(segment)
        else:
            self._packed.append(packed)

    def absorb(self, packed: np.ndarray) -> None:
        """Ids this writer added are now in a segment: keep them packed instead of as strings."""
        self._packed.append(packed)
        self._added.difference_update(packed.astype(str).tolist())

    def load(self) -> None:
        """Read the id columns of segments without a sidecar now (before forking workers, say)."""
        while self._unread:
            segment = self._unread.pop()
            ids = pq.ParquetFile(segment).read(columns=["id"]).column("id")
            packed = pack(ids)
            if packed is None:
                self._other.update(i for i in ids.to_pylist() if i is not None)
            else:
                self._packed.append(packed)

    def contains(self, ids: Sequence[str]) -> np.ndarray:
        """For each id, whether the store (or this writer) holds it."""
        self.load()
        found = np.fromiter((i in self._added or i in self._other for i in ids), bool, len(ids))
        shaped = [n for n, i in enumerate(ids) if len(i) == ID_BYTES and i.isascii()]
        if shaped and self._packed:
            wanted = np.array([ids[n] for n in shaped], dtype=PACKED)
            hit = np.zeros(len(wanted), bool)
            for packed in self._packed:
                hit |= _found(packed, wanted)
            found[np.array(shaped)[hit]] = True
        return found

    def __contains__(self, article_id: object) -> bool:
        return isinstance(article_id, str) and bool(self.contains([article_id])[0])

    def add(self, ids: Iterable[str]) -> None:
        self._added.update(ids)

    def discard(self, ids: Iterable[str]) -> None:
        self._added.difference_update(ids)
