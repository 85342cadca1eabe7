"""The benchmark script runs end to end (at toy sizes) and writes its results; figures are not checked here."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_bench_quick_run_writes_every_section(tmp_path):
    out = tmp_path / "bench.json"
    run = subprocess.run([sys.executable, "-m", "bench", "--quick", "--no-browser", "--out", str(out)], cwd=ROOT,
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-2000:]
    result = json.loads(out.read_text())
    names = " ".join(r["name"] for r in result["rows"])
    for expected in ("extraction", "python -m analysis extract", "tone:", "ingestion, 1 process", "query headline",
                     "slowest dashboard query", "copies and stories for", "copies and stories: a batch"):
        assert expected in names
    assert all("ratio" in r for r in result["rows"] if r["name"].startswith(("extraction", "ingestion, ", "query ")))
    assert result["machine"]["cores"] >= 1
    assert "ratio" in run.stdout  # the table is printed
