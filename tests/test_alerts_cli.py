"""`python -m analysis alerts run | list | backtest` on a store the test writes, delivering to a local server."""
from __future__ import annotations

import datetime as dt
import fcntl
import io
import json
import shutil
import signal
import subprocess
import sys
from contextlib import redirect_stdout
from pathlib import Path

import pytest
from localserver import FixtureSite, serve

from analysis.__main__ import main
from analysis.monitor.alert_ledger import ledger_path_for
from analysis.monitor.alerts_cli import run_lock
from tests.tension_store import DAYS, ESCALATION, FIRST, write_tension_store

LAST = FIRST + dt.timedelta(days=DAYS - 1)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return write_tension_store(tmp_path_factory.mktemp("alerts") / "db")


@pytest.fixture
def db(built, tmp_path):
    copy = tmp_path / "db"
    shutil.copytree(built, copy)  # each test has its own ledger next to its own store
    return copy


@pytest.fixture
def site():
    with serve(FixtureSite()) as s:
        yield s


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    with redirect_stdout(out):
        code = main(list(argv))
    return code, out.getvalue()


def test_a_run_delivers_each_alert_once(db, site):
    url = site.base + "/hook"
    code, out = run("alerts", "run", "--db", str(db), "--webhook", url)
    assert code == 0, out
    bodies = [json.loads(b) for _, _, b in site.posts]
    assert {b["entity"] for b in bodies} >= {"RUS|UKR"}
    assert all(b["level"] == "alert" and b["date"] in {d.isoformat() for d in ESCALATION} for b in bodies)
    assert all(b["evidence"] for b in bodies)
    code, out = run("alerts", "run", "--db", str(db), "--webhook", url)
    assert code == 0 and len(site.posts) == len(bodies)  # a rerun delivers nothing new
    assert "0 new" in out


def test_a_failed_delivery_is_retried_on_the_next_run(db, site, capsys):
    site.post_status["/hook"] = 503
    code, _ = run("alerts", "run", "--db", str(db), "--webhook", site.base + "/hook")
    assert code == 1 and "retried on the next run" in capsys.readouterr().err
    failed = len(site.posts)
    assert failed >= 1
    code, listed = run("alerts", "list", "--db", str(db), "--json")
    entries = [json.loads(line) for line in listed.splitlines()]
    assert entries and all(e["delivered_at"] is None and "503" in e["last_error"] for e in entries)
    site.post_status["/hook"] = 200
    code, _ = run("alerts", "run", "--db", str(db), "--webhook", site.base + "/hook")
    assert code == 0 and len(site.posts) == 2 * failed
    code, listed = run("alerts", "list", "--db", str(db), "--json")
    assert all(json.loads(line)["delivered_at"] for line in listed.splitlines())


def test_slack_style_and_a_jsonl_file(db, site, tmp_path):
    target = tmp_path / "alerts.jsonl"
    code, _ = run("alerts", "run", "--db", str(db), "--webhook", site.base + "/slack", "--style", "slack",
                  "--jsonl", str(target))
    assert code == 0
    assert all("text" in json.loads(b) for _, _, b in site.posts)
    lines = [json.loads(line) for line in target.read_text().splitlines()]
    assert len(lines) == len(site.posts) and {"date", "entity", "level"} <= set(lines[0])


def test_without_a_destination_alerts_wait_in_the_ledger(db):
    code, out = run("alerts", "run", "--db", str(db))
    assert code == 0 and "wait in the ledger" in out
    code, listed = run("alerts", "list", "--db", str(db))
    assert "RUS|UKR" in listed and "pending" in listed


def test_a_second_run_while_one_holds_the_lock_delivers_nothing(db, site, capsys):
    with run_lock(ledger_path_for(db)):
        code, _ = run("alerts", "run", "--db", str(db), "--webhook", site.base + "/hook")
    assert code == 1 and "another alerts run" in capsys.readouterr().err
    assert site.posts == []


def test_a_run_leaves_no_lock_file_behind(db, site, tmp_path):
    lock = ledger_path_for(db).with_name(ledger_path_for(db).name + ".lock")
    assert run("alerts", "run", "--db", str(db), "--jsonl", str(tmp_path / "a.jsonl"))[0] == 0
    assert ledger_path_for(db).exists() and not lock.exists()
    assert run("alerts", "run", "--db", str(tmp_path / "nowhere" / "db"))[0] == 1  # a failed run neither
    assert not list((tmp_path / "nowhere").parent.glob("*.lock"))


def test_a_crashed_run_blocks_nothing(db, tmp_path):
    ledger = ledger_path_for(db)
    lock = ledger.with_name(ledger.name + ".lock")
    crash = ("import os, sys, pathlib; from analysis.monitor.alerts_cli import run_lock; "
             "held = run_lock(pathlib.Path(sys.argv[1])); held.__enter__(); os.kill(os.getpid(), 9)")
    done = subprocess.run([sys.executable, "-c", crash, str(ledger)], cwd=Path(__file__).parent.parent, timeout=120)
    assert done.returncode == -signal.SIGKILL and lock.exists()  # killed while holding the lock: its file is left
    code, out = run("alerts", "run", "--db", str(db), "--jsonl", str(tmp_path / "a.jsonl"))
    assert code == 0, out
    assert not lock.exists()


def test_a_run_that_locked_a_file_just_removed_locks_the_new_one(tmp_path, monkeypatch):
    """Run B opened the lock file, run A ended (removing it) and run C created it anew before B locked:
    B must not run on the removed file beside C, it locks the path's file."""
    ledger = tmp_path / "db.alerts.json"
    lock = ledger.with_name(ledger.name + ".lock")
    real_flock, calls = fcntl.flock, []

    def flock(f, operation):
        calls.append(operation)
        if len(calls) == 1:  # between B's open and its lock: A removes the file, C creates it
            lock.unlink()
            lock.touch()
        return real_flock(f, operation)

    monkeypatch.setattr(fcntl, "flock", flock)
    with run_lock(ledger):
        with open(lock) as other, pytest.raises(BlockingIOError):  # the path's file is the one held
            real_flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)
    assert len(calls) == 2 and not lock.exists()


def test_backtest_lines_and_no_lookahead(db):
    start = (LAST - dt.timedelta(days=9)).isoformat()
    code, out = run("alerts", "backtest", "--db", str(db), "--from", start, "--to", LAST.isoformat(), "--json")
    assert code == 0
    lines = [json.loads(line) for line in out.splitlines()]
    assert all({"date", "entity", "level"} <= set(x) for x in lines)
    assert any(x["entity"] == "RUS|UKR" and x["level"] == "alert" and x["date"] == ESCALATION[0].isoformat() for x in lines)
    assert not any(x["entity"] in {"FRA", "DEU", "BRA", "IND", "USA"} and x["level"] == "alert" for x in lines)
    # Stopping the backtest on the first escalation day reads nothing after it: the same answer up to it.
    code, cut = run("alerts", "backtest", "--db", str(db), "--from", start, "--to", ESCALATION[0].isoformat(), "--json")
    upto = [x for x in lines if x["date"] <= ESCALATION[0].isoformat()]
    assert [json.loads(line) for line in cut.splitlines()] == upto


def test_backtest_rejects_bad_dates(db, capsys):
    assert run("alerts", "backtest", "--db", str(db), "--from", "2025-13-01", "--to", "2025-12-01")[0] == 2
    assert run("alerts", "backtest", "--db", str(db), "--from", "2025-05-01", "--to", "2025-04-01")[0] == 2


def test_watch_with_alerts_runs_them_after_each_round(db, site, tmp_path):
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(site.base + "/missing.xml\n")  # a feed that is down: the round goes on, then the alerts
    target = tmp_path / "alerts.jsonl"
    code = main(["watch", str(feeds), "--db", str(db), "--rounds", "1", "--every", "1s", "--alerts",
                 "--jsonl", str(target)])
    assert code == 0
    assert "RUS|UKR" in {json.loads(line)["entity"] for line in target.read_text().splitlines()}


def test_a_missing_store_is_an_error_not_a_traceback(tmp_path, capsys):
    assert run("alerts", "run", "--db", str(tmp_path / "nowhere" / "db"))[0] == 1
    assert "error:" in capsys.readouterr().err
    assert run("alerts", "list", "--db", str(tmp_path / "db"))[0] == 0
    assert "no alerts recorded yet" in capsys.readouterr().err
