"""`python -m bench --scale N --keep DIR`: the N-article store is built in parts, resumed and reused."""
from __future__ import annotations

import json

import pytest

from analysis.store.parquet_store import open_read_only
from bench import scale


def _count(store) -> int:
    con = open_read_only(store)
    try:
        return con.execute("SELECT count(*) FROM articles").fetchone()[0]
    finally:
        con.close()


@pytest.mark.slow
def test_build_resumes_after_the_parts_done_and_reuses_a_finished_store(tmp_path, monkeypatch):
    store, parts = scale.build_store(40, tmp_path, cores=2, part_size=20)
    assert [p["index"] for p in parts] == [0, 1]
    whole = _count(store)
    assert whole == sum(p["new"] for p in parts) > 20
    assert not list(tmp_path.glob("part-*.jsonl"))  # each part's export is removed once ingested

    # As if the run had been killed during the second part: that part is ingested again, the first is not.
    state = json.loads((tmp_path / scale.BUILD_STATE).read_text())
    state["parts"] = state["parts"][:1]
    (tmp_path / scale.BUILD_STATE).write_text(json.dumps(state))
    ingested = []
    real_probe = scale._probe

    def probe(*args, **kwargs):
        ingested.append(args[1])
        return real_probe(*args, **kwargs)

    monkeypatch.setattr(scale, "_probe", probe)
    store, parts = scale.build_store(40, tmp_path, cores=2, part_size=20)
    assert [p.rsplit("/", 1)[-1] for p in ingested] == ["part-1.jsonl"]
    assert parts[1]["new"] == 0 and _count(store) == whole  # what it had published is recognised

    ingested.clear()
    assert scale.build_store(40, tmp_path, cores=2, part_size=20)[0] == store
    assert ingested == []


def test_a_linked_copy_takes_appends_without_changing_the_store(store_db, tmp_path):
    from analysis.store.parquet_store import StoreWriter

    before = (store_db / "manifest.json").read_bytes()
    copy = scale.linked_copy(store_db, tmp_path / "copy")
    with StoreWriter(copy) as writer:
        writer.meta["touched"] = "yes"
    assert (copy / "manifest.json").read_bytes() != before  # the copy was published to
    assert (store_db / "manifest.json").read_bytes() == before
    assert _count(copy) == _count(store_db)


@pytest.mark.slow
def test_a_scaled_build_copies_the_ingested_store_with_complete_totals(tmp_path):
    from analysis.store import aggregates

    ingested, parts = scale.build_store(30, tmp_path / "ingested", cores=2, part_size=30)
    store, scaled_parts = scale.scaled_build(80, ingested, tmp_path / "scaled")
    assert scaled_parts == parts
    assert _count(store) == 80
    con = open_read_only(store)
    try:
        assert aggregates.complete(con)
        assert con.execute("SELECT sum(articles) FROM daily_articles").fetchone()[0] == 80
        # every table of an article comes along, so filters and the next batch's copy search meet a real store
        for table in ("mentions", "places", "copy_keys", "signals", "article_links", "story_window"):
            orphans = con.execute(f"SELECT count(*) FROM {table} WHERE article_id NOT IN (SELECT id FROM articles)")
            assert orphans.fetchone()[0] == 0, table
            assert con.execute(f"SELECT count(*) FROM {table}").fetchone()[0] > 0, table
        # the story window index moves with its links: each copy's day, story and its first day shifted alike
        assert con.execute(
            "SELECT count(*) FROM story_window w JOIN article_links l USING (article_id) "
            "WHERE w.day = l.day AND w.story = l.story AND w.story_first <= w.day"
        ).fetchone()[0] == 80
    finally:
        con.close()


def test_copies_and_stories_of_a_batch_are_timed_in_turns_and_leave_the_store_as_it_was(store_db, tmp_path):
    store = scale.linked_copy(store_db, tmp_path / "copy")
    before = (store / "manifest.json").read_bytes()
    result = scale.link_batches(store, 200, batch=15)
    assert (store / "manifest.json").read_bytes() == before
    assert [r["seed"] for r in result["runs"]] == list(scale.LINK_SEEDS)
    assert result["value"] == max(r["value"] for r in result["runs"]) > 0
    assert result["baseline"] > 0 and result["peak_mb"] > 0 and result["ok"] is None  # no target below 1,000,000


def test_a_recent_batch_is_dated_in_the_stores_last_three_days(store_db, tmp_path):
    """The `watch`-like batch of `bench --scale`: the export's articles redated to the store's newest days."""
    import datetime as dt

    from bench.scenarios import write_export

    con = open_read_only(store_db)
    try:
        last = min(con.execute("SELECT max(published) FROM articles").fetchone()[0], dt.date.today())
    finally:
        con.close()
    source = write_export(tmp_path / "small.jsonl", 40, seed=23)
    before = [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines()]
    scale.redate_to_last_days(source, store_db, seed=23)
    after = [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines()]
    assert [{k: v for k, v in r.items() if k != "published"} for r in after] == \
        [{k: v for k, v in r.items() if k != "published"} for r in before]
    days = {dt.date.fromisoformat(r["published"]) for r in after}
    assert days <= {last - dt.timedelta(days=d) for d in range(3)} and len(days) > 1
