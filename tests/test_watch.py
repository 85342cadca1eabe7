import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from analysis.store.parquet_store import read_connection
from analysis.watch import FeedState, load_state, parse_interval, poll_once, save_state
from feed_fixtures import RFC822, STORIES, page_html, rss
from localserver import FixtureSite, serve

ROOT = Path(__file__).resolve().parents[1]


def article_count(db) -> int:
    with read_connection(db) as con:
        return con.execute("SELECT count(*) FROM articles").fetchone()[0]


def publish_feed(site: FixtureSite, n: int) -> str:
    items = [(f"/story/{i}", t, RFC822[d], p[0]) for i, (t, d, p) in enumerate(STORIES[:n])]
    return site.add("/rss.xml", rss(site.base, items), "application/rss+xml")


@pytest.fixture
def site():
    with serve(FixtureSite()) as s:
        for i, (title, date, paras) in enumerate(STORIES):
            s.add(f"/story/{i}", page_html(title, date, paras))
        yield s


@pytest.mark.parametrize("text, seconds", [("30s", 30), ("15m", 900), ("1h", 3600), ("90", 90), ("0.5s", 0.5)])
def test_parse_interval(text, seconds):
    assert parse_interval(text) == seconds


@pytest.mark.parametrize("text", ["", "0", "fast", "-5m", "15x"])
def test_parse_interval_rejects(text):
    with pytest.raises(ValueError):
        parse_interval(text)


def test_rounds_ingest_only_what_is_new(site, tmp_path):
    db = tmp_path / "w.duckdb"
    feed = publish_feed(site, 2)
    state: dict[str, FeedState] = {}

    first = poll_once([feed], state, db)
    assert first.report.new == 2 and article_count(db) == 2

    # Unchanged feed: one conditional request answered 304, no page fetched again.
    second = poll_once([feed], state, db)
    assert second.feeds_unchanged == 1 and second.report.new == 0
    assert site.hits("/story/0") == 1

    publish_feed(site, 3)
    third = poll_once([feed], state, db)
    assert third.report.new == 1 and article_count(db) == 3
    assert site.hits("/story/0") == 1 and site.hits("/story/2") == 1


def test_a_round_survives_feeds_that_are_down_or_malformed(site, tmp_path):
    db = tmp_path / "w.duckdb"
    good = publish_feed(site, 1)
    bad = site.add("/bad.xml", "this is not a feed at all", "text/plain")
    down = "http://127.0.0.1:9/rss.xml"
    result = poll_once([down, bad, good], {}, db)
    assert result.feeds_ok == 1 and len(result.feeds_failed) == 2
    assert article_count(db) == 1


def test_state_survives_a_restart(tmp_path):
    path = tmp_path / "state.json"
    save_state(path, {"http://x/feed": FeedState(etag='"a"', seen=["k1"])})
    assert load_state(path)["http://x/feed"].seen == ["k1"]
    (tmp_path / "bad.json").write_text("{not json")
    assert load_state(tmp_path / "bad.json") == {}


@pytest.mark.slow
def test_watch_command_polls_and_stops_cleanly_on_ctrl_c(site, tmp_path):
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"# my feeds\n{publish_feed(site, 2)}\n")
    db = tmp_path / "w.duckdb"
    proc = subprocess.Popen(
        [sys.executable, "-m", "analysis", "watch", str(feeds), "--every", "0.2s", "--db", str(db)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    deadline = time.time() + 60
    while time.time() < deadline and site.hits("/rss.xml") < 3:
        time.sleep(0.1)
    proc.send_signal(signal.SIGINT)
    out, _ = proc.communicate(timeout=30)
    assert proc.returncode == 0, out
    assert "round 1" in out and "stopped" in out
    assert article_count(db) == 2


def test_a_round_survives_a_feed_with_a_bad_entry_and_names_it(site, tmp_path, caplog):
    import argparse
    import logging

    from analysis.watch import run_watch

    good = publish_feed(site, 2)
    hostile = site.add("/hostile.xml", """<?xml version="1.0"?><rss version="2.0"><channel><title>H</title>
<item><title>Bad &#xD800;</title><guid>h1</guid><description>Troops crossed into Ukraine and fighting spread
across the region, officials said on Monday.</description></item></channel></rss>""", "application/rss+xml")
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"{hostile}\n{good}\n")
    db = tmp_path / "w.duckdb"
    args = argparse.Namespace(db=str(db), every="1s", feeds_file=str(feeds), no_fetch=False, rounds=1)
    with caplog.at_level(logging.INFO, logger="analysis.watch"):
        assert run_watch(args) == 0
    assert article_count(db) == 2
    assert f"skipped {hostile}#1: feed entry 1: the title holds a character reference to no character" in caplog.text


def test_a_ctrl_c_that_a_step_swallows_still_stops_the_watch_after_that_round(tmp_path, monkeypatch, caplog):
    """DuckDB reports a Ctrl-C during a query as its InterruptException, which a step that reads the store
    turns into a StoreError (or a skipped item): the watch must stop all the same, not poll on."""
    import argparse
    import logging
    import os

    from analysis import watch
    from analysis.store.parquet_store import StoreError

    calls = []

    def interrupted_round(*args, **kwargs):
        calls.append(1)
        try:
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(1)  # the handler runs here, as DuckDB's check for signals would run it
        except KeyboardInterrupt as exc:
            raise StoreError("cannot read the database (INTERRUPT Error: Interrupted!)") from exc
        raise AssertionError("Ctrl-C did not arrive")

    monkeypatch.setattr(watch, "poll_once", interrupted_round)
    feeds = tmp_path / "feeds.txt"
    feeds.write_text("https://example.org/rss.xml\n")
    args = argparse.Namespace(db=str(tmp_path / "w.duckdb"), every="0.01s", feeds_file=str(feeds), no_fetch=True,
                              rounds=50)
    previous = signal.getsignal(signal.SIGINT)
    with caplog.at_level(logging.INFO, logger="analysis.watch"):
        assert watch.run_watch(args) == 0
    assert len(calls) == 1
    assert "stopped after 1 rounds" in caplog.text
    assert signal.getsignal(signal.SIGINT) is previous  # the caller's handler is back
