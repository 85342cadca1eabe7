"""Partitions of archives: line-aligned byte ranges that know where they start."""
from __future__ import annotations

import json

from analysis.read.partitions import partition_documents, plan_partitions
from analysis.read.sources import read_inputs


def test_jsonl_partitions_cut_on_lines_and_know_their_line_numbers(tmp_path):
    path = tmp_path / "a.jsonl"
    lines = [json.dumps({"text": f"story {i} " + "x" * (i % 50)}) for i in range(500)]
    path.write_text("\n".join(lines) + "\n")
    parts = plan_partitions([path], partition_bytes=1000)
    assert len(parts) > 10
    assert parts[0].start == 0 and parts[-1].end == path.stat().st_size
    assert all(a.end == b.start for a, b in zip(parts, parts[1:]))
    data = path.read_bytes()
    for part in parts:
        assert data[part.start:part.end].endswith(b"\n")
        assert data[:part.start].count(b"\n") + 1 == part.first_line


def test_partitions_give_the_documents_one_reader_gives_in_the_same_order(tmp_path):
    export = tmp_path / "export.jsonl"
    rows = [json.dumps({"title": f"Story {i}", "text": f"Body of story {i}. " * (i % 7 + 1)}) for i in range(300)]
    export.write_text("\n".join(rows[:150]) + "\n{broken\n" + "\n".join(rows[150:]) + "\n", encoding="utf-8")
    pages = tmp_path / "pages"
    pages.mkdir()
    for i in range(20):
        (pages / f"p{i:02d}.txt").write_text(f"Page {i}\n\nThe text of page {i}.", encoding="utf-8")
    (pages / "empty.txt").write_text("")

    def key(item):
        return (type(item).__name__, item.origin, getattr(item, "content", getattr(item, "reason", None)))

    expected = [key(d) for d in read_inputs([export, pages])]
    plan = plan_partitions([export, pages], partition_bytes=2000, files_per_partition=6)
    assert len(plan) > 5
    assert [key(d) for part in plan for d in partition_documents(part)] == expected
