"""Export files of given rows, in the format the path's suffix names (.csv, .jsonl, .json, .parquet),
as the export tests write them."""
from __future__ import annotations

import csv
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq


def write_export(path: Path, rows: list[dict[str, str]], parquet_row_group: int | None = None) -> Path:
    kind = path.suffix
    if kind == ".csv":
        with path.open("w", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
    elif kind == ".jsonl":
        path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    elif kind == ".json":
        path.write_text(json.dumps(rows))
    elif kind == ".parquet":
        pq.write_table(pa.Table.from_pylist(rows), path, row_group_size=parquet_row_group)
    else:
        raise ValueError(f"no export format for {kind!r}")
    return path
