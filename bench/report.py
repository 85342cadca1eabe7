"""`python -m bench.report [RESULTS.json] [--targets]`: the results as a Markdown table (for the README):
every measure but the individual queries (the slowest query per size stands for them; all are in the JSON)."""
from __future__ import annotations

import json
import sys
from pathlib import Path

from bench.__main__ import RESULTS


def markdown(result: dict, only_targets: bool = False) -> str:
    m = result["machine"]
    lines = [f"Measured {m['date'][:10]} on {m['cores']} cores ({m['cpu']}), {m['memory_gb']} GB, Python {m['python']}, "
             f"DuckDB {m['duckdb']}.", "", "| measure | value | baseline (same run) | ratio | target |", "|---|---|---|---|---|"]
    for r in result["rows"]:
        if only_targets and not r.get("target") and not r["name"].startswith("slowest"):
            continue
        if r["name"].startswith("query ") and r.get("ok") is not False:
            continue  # every query is in the JSON; the table keeps the slowest and any that missed
        verdict = "" if r.get("ok") is None else (" ✓" if r["ok"] else " ✗ missed")
        lines.append(f"| {r['name']} | {r['value_text']} | {r.get('baseline_text', '')} | {r.get('ratio_text', '')} | "
                     f"{r.get('target', '')}{verdict} |")
    return "\n".join(lines)


if __name__ == "__main__":
    path = Path(sys.argv[1]) if len(sys.argv) > 1 and not sys.argv[1].startswith("-") else RESULTS
    print(markdown(json.loads(path.read_text()), only_targets="--targets" in sys.argv))
