import json

import pytest

from analysis.understand import extract as extract_module
from analysis.understand import extract_files as extract_files_module
from analysis.understand.extract_files import extract_paths
from analysis.read.sources import Skipped

from test_ingest import write_corpus


def test_workers_print_what_one_process_prints_in_the_same_order(tmp_path, monkeypatch):
    # Small tasks, so that the pages fall into several groups and the export into several byte ranges.
    monkeypatch.setattr(extract_files_module, "FILES_PER_TASK", 4)
    monkeypatch.setattr(extract_files_module, "BYTES_PER_TASK", 2048)
    corpus = write_corpus(tmp_path / "in", 40)
    (corpus / "copy.txt").write_bytes((corpus / "a00003.txt").read_bytes())
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "furniture.txt").write_text("Home\nMenu\nShare\n")
    rows = [{"title": f"Export story {i} on Sudan", "text": f"Fighters in Sudan said {i + 2} troops were detained. "
             "The army denied it and called the report false.", "published": "2025-10-02"} for i in range(60)]
    (corpus / "export.jsonl").write_text("\n".join(map(json.dumps, rows)) + "\n{not json\n", encoding="utf-8")

    one = list(extract_paths([corpus], workers=1))
    two = list(extract_paths([corpus], workers=2))

    assert two == one
    lines = [json.loads(x) for x in one if isinstance(x, str)]
    skipped = {s.origin.rsplit("/", 1)[-1] for s in one if isinstance(s, Skipped)}
    assert len(lines) == 40 + 1 + 60  # the copy is printed too: extract reports every file, it keeps no store
    assert skipped == {"empty.txt", "furniture.txt", "export.jsonl:61"}
    assert [x["path"].rsplit("/", 1)[-1] for x in lines[:3]] == ["a00000.txt", "a00001.txt", "a00002.txt"]
    assert lines[0]["figures"][0]["value"] == 3


def test_one_small_input_runs_in_process(tmp_path, monkeypatch):
    write_corpus(tmp_path, 2)
    monkeypatch.setattr(extract_files_module, "ordered_map", None)  # a pool would fail
    assert len(list(extract_paths([tmp_path], workers=8))) == 2


@pytest.mark.parametrize("workers", [1, 2])
def test_a_file_that_breaks_the_analysis_is_reported_and_the_others_go_on(tmp_path, monkeypatch, workers):
    monkeypatch.setattr(extract_files_module, "FILES_PER_TASK", 2)
    write_corpus(tmp_path, 6)
    real = extract_module.extract_figures

    def fragile(text, *args, **kwargs):
        if "report 3" in text:
            raise RuntimeError("unexpected page")
        return real(text, *args, **kwargs)

    # A stage that breaks on one article: its batch is analysed again one by one, and only that one is skipped.
    monkeypatch.setattr(extract_module, "extract_figures", fragile)
    out = list(extract_paths([tmp_path], workers=workers))
    skipped = [o for o in out if isinstance(o, Skipped)]
    assert len(out) == 6 and len(skipped) == 1
    assert skipped[0].origin.endswith("a00003.txt") and "RuntimeError: unexpected page" in skipped[0].reason
