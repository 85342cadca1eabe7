"""The store's manifest: which Parquet segments make up each table now, published by one atomic rename.

A store is a folder:

    manifest.json              the current snapshot (this module); replaced whole, never edited in place
    segments/<table>/*.parquet immutable segments; a file is only ever created, listed, retired, deleted
    tmp/                       the writer's files that are not published yet (removed by the next writer)
    .lock                      held by the one writer (flock); readers take no lock

Readers read `manifest.json` once and query exactly the files it lists, so a reader sees one published
state whole, whatever a writer does meanwhile. A segment that compaction has replaced stays on disk,
listed under `retired`, for a grace period, because a reader may still be scanning it.
"""
from __future__ import annotations

import json
import os
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

MANIFEST = "manifest.json"
SEGMENTS = "segments"
TMP = "tmp"
LOCK = ".lock"
FORMAT = 1


@dataclass(frozen=True)
class Segment:
    file: str  # relative to the store folder
    rows: int
    bytes: int
    columns: tuple[str, ...]


@dataclass
class Manifest:
    version: int = 0
    tables: dict[str, list[Segment]] = field(default_factory=dict)
    meta: dict[str, str] = field(default_factory=dict)
    retired: list[tuple[str, float]] = field(default_factory=list)  # (file, when it stopped being listed)

    def files(self) -> set[str]:
        return {s.file for segments in self.tables.values() for s in segments}

    def to_json(self) -> str:
        return json.dumps({
            "format": FORMAT,
            "version": self.version,
            "tables": {t: [asdict(s) for s in segs] for t, segs in self.tables.items()},
            "meta": self.meta,
            "retired": [list(r) for r in self.retired],
        }, indent=1)

    @classmethod
    def from_json(cls, text: str) -> Manifest:
        raw: dict[str, Any] = json.loads(text)
        if raw.get("format") != FORMAT:
            raise ValueError(f"manifest format {raw.get('format')!r}, expected {FORMAT}")
        return cls(
            version=int(raw["version"]),
            tables={t: [Segment(s["file"], s["rows"], s["bytes"], tuple(s["columns"])) for s in segs]
                    for t, segs in raw["tables"].items()},
            meta=dict(raw.get("meta", {})),
            retired=[(f, float(at)) for f, at in raw.get("retired", [])],
        )


def read_manifest(root: Path) -> Manifest:
    return Manifest.from_json((root / MANIFEST).read_text(encoding="utf-8"))


def write_manifest(root: Path, manifest: Manifest) -> None:
    """Replace the manifest atomically: readers see the old one or the new one, never a mix."""
    tmp = root / TMP / f"{MANIFEST}.{os.getpid()}.{time.monotonic_ns()}"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(manifest.to_json())
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, root / MANIFEST)
    fsync_dir(root)


def fsync_file(path: Path) -> None:
    with open(path, "rb") as f:
        os.fsync(f.fileno())


def fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
