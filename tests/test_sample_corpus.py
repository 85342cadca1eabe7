"""The bundled sample corpus: deterministic, as large and varied as promised, and read correctly.

Its answer key (data/sample_truth.jsonl) says what each story names and states, as the generator
planted it; the extraction is scored against it like the issue's real-article benchmark is. The planted
events (data/sample_events.json, and `story`/`copy_of` per article) say which articles are copies of one
another, which report one story, what the incidents and the running total add up to, and when the planted
escalation starts and peaks: the store's copies, stories and incident queries are checked against them.
"""
from __future__ import annotations

import datetime as dt
import filecmp
import importlib.util
import itertools
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

import pandas as pd
import pytest

from analysis.store import queries as Q
from analysis.store import schema as S
from analysis.read.clean import clean_document
from analysis.understand.extract import extract_article
from analysis.store.filters import Filter
from analysis.ingest import ingest_paths
from analysis.read.sources import Skipped, read_inputs
from analysis.store.stats import store_stats
from analysis.store.parquet_store import read_connection

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


@pytest.fixture(scope="module")
def events() -> dict:
    return json.loads((DATA / "sample_events.json").read_text(encoding="utf-8"))


def _same_tree(a: Path, b: Path) -> bool:
    cmp = filecmp.dircmp(a, b)
    if cmp.left_only or cmp.right_only or cmp.diff_files or cmp.funny_files:
        return False
    same, different, errors = filecmp.cmpfiles(a, b, cmp.common_files, shallow=False)
    return not different and not errors and all(_same_tree(a / d, b / d) for d in cmp.common_dirs)


def test_committed_sample_is_what_the_generator_writes(tmp_path):
    _generator().write_sample(tmp_path / "sample", tmp_path / "truth.jsonl", tmp_path / "events.json")
    assert _same_tree(SAMPLE, tmp_path / "sample"), "data/sample is stale: run python data/make_sample.py"
    assert (tmp_path / "truth.jsonl").read_bytes() == (DATA / "sample_truth.jsonl").read_bytes()
    assert (tmp_path / "events.json").read_bytes() == (DATA / "sample_events.json").read_bytes()


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


# --- planted copies, stories, incidents and escalation ------------------------------------------------


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("sample") / "sample.duckdb"
    ingest_paths([SAMPLE], db)
    return db


def _key(record: dict) -> str:
    return record.get("file") or record["url"]


@pytest.fixture(scope="module")
def links(store) -> dict[str, tuple[str, str]]:
    """Per answer-key key (file name or URL): the store's (story, copy group) of that article."""
    with read_connection(store) as con:
        rows = con.execute(
            f"SELECT a.origin, a.url, l.story, l.copy_of FROM {S.ARTICLES} a "
            f"JOIN {S.ARTICLE_LINKS} l ON l.article_id = a.id"
        ).fetchall()
    return {url or Path(origin).name: (story, copy_of) for origin, url, story, copy_of in rows}


def _planted(truth: list[dict]) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = defaultdict(list)
    for t in truth:
        if t.get("story"):
            out[t["story"]].append(t)
    return out


def test_planted_articles_state_what_the_key_says(truth):
    """Every planted article is read exactly: its figures are what the incident sums below add up."""
    planted = {_key(t): t for t in truth if t.get("story")}
    wrong = []
    for raw in read_inputs([SAMPLE]):
        want = planted.get(raw.url or Path(raw.origin).name)
        if want is None:
            continue
        result = extract_article(clean_document(raw))
        got_f = sorted([f.kind, f.value] for f in result.figures)
        if got_f != want["figures"] or set(result.countries) != set(want["countries"]):
            wrong.append((_key(want), got_f, want["figures"], sorted(result.countries), want["countries"]))
    assert not wrong, wrong


def test_planted_copies_are_grouped_as_copies_and_nothing_else_is(truth, links):
    planted = [t for t in truth if t.get("story")]
    original = {_key(t): t.get("copy_of", _key(t)) for t in planted}
    assert sum(1 for t in planted if t.get("copy_of")) >= 15  # copies with edits: headline, trim, credit, local line
    for a, b in itertools.combinations(original, 2):
        same_group = links[a][1] == links[b][1]
        assert same_group == (original[a] == original[b]), (a, b)


def test_planted_stories_group_their_outlets_articles_and_stay_apart(truth, links):
    planted = _planted(truth)
    story_of = {sid: {links[_key(t)][0] for t in records} for sid, records in planted.items()}
    assert all(len(ids) == 1 for ids in story_of.values()), {s: len(i) for s, i in story_of.items() if len(i) > 1}
    ids = [next(iter(i)) for i in story_of.values()]
    assert len(set(ids)) == len(ids), "distinct planted stories were merged"
    # and no other article of the sample was pulled into one of them
    members = Counter(story for story, _ in links.values())
    assert all(members[next(iter(story_of[sid]))] == len(records) for sid, records in planted.items())
    assert sum(1 for records in planted.values() if len({t["source"] for t in records}) >= 3) >= 5


def test_stories_table_lists_a_planted_story_with_its_outlets(store, truth, events):
    syndicated = events["syndicated"][0]
    records = _planted(truth)[syndicated["story"]]
    day = dt.date.fromisoformat(syndicated["date"])
    with read_connection(store) as con:
        table = Q.stories_table(con, Filter(countries=("TWN",), start=day, end=day))
    row = table[table["articles"] == len(records)].iloc[0]
    assert set(row["outlets"]) == {t["source"] for t in records} and len(row["outlets"]) == syndicated["outlets"]
    assert row["copy_groups"] == 1  # ten outlets, one wire story: counted per story or copy group, it is one


def _weekly(events: dict) -> dict[dt.date, tuple[int, int]]:
    """The key's killed per ISO week (Monday): the sum over planted incidents, and how many."""
    out: dict[dt.date, tuple[int, int]] = {}
    for inc in events["incidents"]:
        day = dt.date.fromisoformat(inc["date"])
        monday = day - dt.timedelta(days=day.weekday())
        total, n = out.get(monday, (0, 0))
        out[monday] = (total + inc["value"], n + 1)
    return out


@pytest.mark.parametrize("country", ["ARM", "AZE"])
def test_incident_sums_and_running_totals_match_the_key(store, truth, events, country):
    want = _weekly(events)
    assert len(want) >= 2  # the incidents span two weeks: a per-week sum is tested, not only a total
    running = events["running_totals"][0]
    flt = Filter(countries=(country,), kinds=("killed",))
    with read_connection(store) as con:
        weekly = Q.incident_totals(con, flt, ("killed",), freq="week")
        summary = Q.incident_summary(con, flt, "killed")
        found = Q.incidents(con, flt, ("killed",))
    got = {pd.Timestamp(row.period).date(): (int(row.incident_total), int(row.incidents)) for row in weekly.itertuples() if row.incidents}
    assert got == want
    assert int(weekly["highest_running_total"].max()) == running["highest"]
    assert summary["total"] == sum(i["value"] for i in events["incidents"])
    assert summary["incidents"] == len(events["incidents"])
    assert summary["running"]["value"] == running["highest"]
    assert str(summary["running"]["published"]) == running["date"]
    # each incident keeps its corroboration: the outlets of its planted story
    planted = _planted(truth)
    outlets = {inc["value"]: {t["source"] for t in planted[inc["story"]]} for inc in events["incidents"]}
    assert {int(r.value): set(r.outlets) for r in found.itertuples()} == outlets


_PERIOD_START = {
    "day": lambda d: d,
    "week": lambda d: d - dt.timedelta(days=d.weekday()),
    "month": lambda d: d.replace(day=1),
}


def _per_period(events: dict, freq: str) -> dict[dt.date, tuple[int, int]]:
    """The key's killed per period: the sum over the planted incidents that happened in it, and how many."""
    out: dict[dt.date, tuple[int, int]] = {}
    for inc in events["incidents"]:
        start = _PERIOD_START[freq](dt.date.fromisoformat(inc["date"]))
        total, n = out.get(start, (0, 0))
        out[start] = (total + inc["value"], n + 1)
    return out


@pytest.mark.parametrize("freq", ["day", "week", "month"])
def test_incident_sums_per_period_of_the_page_match_the_key(store, events, freq):
    with read_connection(store) as con:
        totals = Q.incident_totals(con, Filter(countries=("ARM",)), ("killed",), freq=freq)
    got = {pd.Timestamp(r.period).date(): (int(r.incident_total), int(r.incidents))
           for r in totals.itertuples() if r.incidents}
    assert got == _per_period(events, freq)
    assert sum(t for t, _ in got.values()) == sum(i["value"] for i in events["incidents"])  # 28 in 5 incidents


def test_the_dashboard_shows_the_keys_incident_sums(store, events, monkeypatch, restore_main_module):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("TENSION_DB", str(store))
    at = AppTest.from_file(str(Path(__file__).resolve().parent.parent / "app.py"), default_timeout=120)
    for key, value in {"country": "ARM", "tab": "figures", "freq": "month"}.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    total, n = sum(i["value"] for i in events["incidents"]), len(events["incidents"])
    ((month, (month_total, month_n)),) = _per_period(events, "month").items()
    assert next(m.value for m in at.metric if m.label == "Killed in incidents") == str(total)
    captions = " ".join(c.value for c in at.caption)
    assert f"in {n} incidents, from" in captions
    assert f"Killed in reported incidents in {month:%B %Y}: {month_total} in {month_n} incidents" in captions
    running = events["running_totals"][0]["highest"]
    assert f"highest running total {running}" in captions


def test_planted_escalation_is_calm_before_its_start_and_peaks_on_its_peak(store, events):
    """The key's dates are what the data says: no act or threat naming the entity before the start, some
    on most days from it, and the most articles with one on the peak day; a baseline of weeks before."""
    for esc in events["escalations"]:
        start, peak = dt.date.fromisoformat(esc["start"]), dt.date.fromisoformat(esc["peak"])
        named = [c for c in esc["entity"].split("|")]
        with read_connection(store) as con:
            per_day = dict(con.execute(
                f"SELECT published, count(DISTINCT article_id) FROM {S.SIGNALS} "
                f"WHERE list_has_all(countries, ?) GROUP BY published", [named]
            ).fetchall())
            baseline = con.execute(
                f"SELECT count(DISTINCT a.published) FROM {S.ARTICLES} a JOIN {S.MENTIONS} m ON m.article_id = a.id "
                f"WHERE m.country = ? AND a.published < ?", [named[0], start]
            ).fetchall()[0][0]
        assert min(per_day) == start, esc
        assert max(per_day, key=lambda d: (per_day[d], -abs((d - peak).days))) == peak, (esc, per_day)
        assert sum(1 for d in per_day if start <= d <= peak) >= (peak - start).days
        assert (start - dt.date.fromisoformat(esc["baseline_from"])).days >= 28 and baseline >= 12
