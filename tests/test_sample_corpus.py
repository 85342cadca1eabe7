"""The bundled sample corpus: deterministic, as large and varied as promised, and read correctly.

Its answer key (data/sample_truth.jsonl) says what each story names and states, as the generator
planted it; the extraction is scored against it like the issue's real-article benchmark is.
"""
from __future__ import annotations

import filecmp
import importlib.util
import json
import sys
from collections import Counter
from pathlib import Path

import pytest

from analysis.clean import clean_document
from analysis.extract import extract_article
from analysis.ingest import ingest_paths
from analysis.sources import Skipped, read_inputs
from analysis.stats import store_stats
from analysis.store import read_connection

DATA = Path(__file__).resolve().parent.parent / "data"
SAMPLE = DATA / "sample"


def _generator():
    spec = importlib.util.spec_from_file_location("make_sample", DATA / "make_sample.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def truth() -> list[dict]:
    return [json.loads(line) for line in (DATA / "sample_truth.jsonl").read_text(encoding="utf-8").splitlines()]


def _same_tree(a: Path, b: Path) -> bool:
    cmp = filecmp.dircmp(a, b)
    if cmp.left_only or cmp.right_only or cmp.diff_files or cmp.funny_files:
        return False
    same, different, errors = filecmp.cmpfiles(a, b, cmp.common_files, shallow=False)
    return not different and not errors and all(_same_tree(a / d, b / d) for d in cmp.common_dirs)


def test_committed_sample_is_what_the_generator_writes(tmp_path):
    _generator().write_sample(tmp_path / "sample", tmp_path / "truth.jsonl")
    assert _same_tree(SAMPLE, tmp_path / "sample"), "data/sample is stale: run python data/make_sample.py"
    assert (tmp_path / "truth.jsonl").read_bytes() == (DATA / "sample_truth.jsonl").read_bytes()


def test_sample_is_as_large_and_varied_as_promised(truth):
    weeks = {__import__("datetime").date.fromisoformat(t["published"]).isocalendar()[:2] for t in truth}
    countries = Counter(c for t in truth for c in t["countries"])
    assert len(truth) >= 120
    assert len(weeks) >= 10
    assert len(countries) >= 15
    assert len({t["region"] for t in truth}) >= 3
    assert {p.suffix for p in SAMPLE.rglob("*.*")} == {".txt", ".html", ".jsonl", ".csv"}
    assert sum(1 for t in truth if t.get("copy_url")) >= 10  # syndicated copies


def test_strike_tallies_grow_like_running_totals(truth):
    reports = sorted((t["published"], v) for t in truth for k, v in t["figures"] if k == "strikes")
    by_month = {}
    for day, value in reports:
        by_month[day[:7]] = max(by_month.get(day[:7], 0), value)
    months = sorted(by_month)
    assert [by_month[m] for m in months] == sorted(by_month[m] for m in months)
    assert by_month[months[-1]] >= 20 > by_month[months[0]]
    # some outlets repeat an older, lower tally: a sum would be wrong, the running maximum is right
    assert any(b < a for (_, a), (_, b) in zip(reports, reports[1:]))


def _f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def test_extraction_matches_the_answer_key(truth):
    by_key = {t[k]: t for t in truth for k in ("file", "url", "copy_url") if t.get(k)}
    c = Counter()
    wrong: list[str] = []
    for raw in read_inputs([SAMPLE]):
        assert not isinstance(raw, Skipped), raw
        key = raw.url or Path(raw.origin).name
        want = by_key[key]
        article = clean_document(raw)
        result = extract_article(article)
        got_c, want_c = set(result.countries), set(want["countries"])
        got_f, want_f = {(f.kind, f.value) for f in result.figures}, {tuple(f) for f in want["figures"]}
        c.update(ctp=len(got_c & want_c), cfp=len(got_c - want_c), cfn=len(want_c - got_c),
                 ftp=len(got_f & want_f), ffp=len(got_f - want_f), ffn=len(want_f - got_f),
                 dates=str(article.published) == want["published"], titles=want["title"] in article.title, n=1)
        if got_c != want_c or got_f != want_f:
            wrong.append(f"{key}: countries {got_c ^ want_c}, figures {got_f ^ want_f}")
    assert c["n"] == len(truth) + sum(1 for t in truth if t.get("copy_url"))
    assert c["dates"] == c["titles"] == c["n"]
    assert _f1(c["ctp"], c["cfp"], c["cfn"]) >= 0.97, wrong[:10]
    assert _f1(c["ftp"], c["ffp"], c["ffn"]) >= 0.95, wrong[:10]


def test_sample_ingests_once_and_twice_the_same(tmp_path, truth):
    db = tmp_path / "sample.duckdb"
    first = ingest_paths([SAMPLE], db)
    # Named, so that an install missing a module (lxml_html_clean with Python 3.11's own pip) says so.
    assert not first.skipped, "sample files skipped:\n" + "\n".join(f"  {o}: {r}" for o, r in first.skipped)
    assert first.new == len(truth)
    with read_connection(db) as con:
        before = store_stats(con)
    again = ingest_paths([SAMPLE], db)
    assert again.new == 0 and again.present == again.read
    with read_connection(db) as con:
        assert store_stats(con) == before
    assert before["articles"] == len(truth)
