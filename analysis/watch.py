"""`python -m analysis watch`: poll a list of feeds and ingest what is new, round after round.

Each feed's ETag/Last-Modified and the entries already taken are kept in a small JSON state file next to
the database, so an unchanged feed costs one conditional request and an old entry is never fetched again.
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import re
import signal
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from analysis.read.feeds import FetchError, entry_key, feed_documents, fetch, looks_like_feed, parse_feed
from analysis.ingest import IngestReport, ingest_documents
from analysis.models import RawDocument
from analysis.read.sources import Skipped
from analysis.store.parquet_store import StoreError, resolve_db_path

log = logging.getLogger("analysis.watch")

_SEEN_PER_FEED = 5000  # enough for any feed's window, bounded so the state file stays small


def parse_interval(text: str) -> float:
    """'30s', '15m', '1h', '90' (seconds) → seconds."""
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*", text.lower())
    if not m or float(m.group(1)) <= 0:
        raise ValueError(f"not an interval: {text!r} (use e.g. 30s, 15m, 1h)")
    return float(m.group(1)) * {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}[m.group(2)]


def read_feed_list(path: str | os.PathLike[str]) -> list[str]:
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return [ln.strip() for ln in lines if ln.strip() and not ln.lstrip().startswith("#")]


@dataclass
class FeedState:
    etag: str | None = None
    last_modified: str | None = None
    seen: list[str] = field(default_factory=list)


def load_state(path: Path) -> dict[str, FeedState]:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return {url: FeedState(**value) for url, value in raw.items()}
    except (OSError, ValueError, TypeError):
        return {}


def save_state(path: Path, state: dict[str, FeedState]) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps({u: vars(s) for u, s in state.items()}, indent=1), encoding="utf-8")
    os.replace(tmp, path)


@dataclass
class RoundLog:
    feeds_ok: int = 0
    feeds_unchanged: int = 0
    feeds_failed: list[tuple[str, str]] = field(default_factory=list)
    report: IngestReport = field(default_factory=IngestReport)


def poll_once(
    feeds: Sequence[str], state: dict[str, FeedState], db_path: Path, fetch_pages: bool = True
) -> RoundLog:
    """One round: conditional GET of every feed, then one ingestion of all their new entries."""
    round_log = RoundLog()
    taken: dict[str, list[str]] = {}

    def documents() -> Iterator[RawDocument | Skipped]:
        for url in feeds:
            st = state.setdefault(url, FeedState())
            try:
                fetched = fetch(url, etag=st.etag, last_modified=st.last_modified)
            except FetchError as exc:
                round_log.feeds_failed.append((url, str(exc)))
                continue
            if fetched.not_modified:
                round_log.feeds_unchanged += 1
                continue
            try:
                parsed = parse_feed(fetched.content)
            except Exception as exc:  # feedparser's own failure on hostile input: this feed, not the round
                round_log.feeds_failed.append((url, f"not a readable RSS/Atom feed: {type(exc).__name__}"))
                continue
            if not looks_like_feed(fetched) or (parsed.bozo and not parsed.entries):
                round_log.feeds_failed.append((url, "not a readable RSS/Atom feed"))
                continue
            round_log.feeds_ok += 1
            st.etag, st.last_modified = fetched.etag, fetched.last_modified
            taken[url] = [entry_key(e) for e in parsed.entries]
            yield from feed_documents(parsed, url, fetch_pages, seen=set(st.seen), network=fetched.network)

    round_log.report = ingest_documents(documents(), db_path)
    # Entries count as seen only once the round's ingestion is published.
    for url, keys in taken.items():
        st = state[url]
        st.seen = list(dict.fromkeys(st.seen + keys))[-_SEEN_PER_FEED:]
    return round_log


def _run_alerts(args: argparse.Namespace) -> None:
    """`alerts run` after a round: its output goes to the log; a failure is logged, the watch goes on."""
    import io

    from analysis.monitor.alerts_cli import alerts_run

    out = io.StringIO()
    code = alerts_run(args, out=out)
    for line in out.getvalue().splitlines():
        log.info("  alerts: %s", line)
    if code:
        log.warning("  alerts: the run did not finish cleanly (see above); pending alerts are retried next round")


def run_watch(args: argparse.Namespace) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    db = resolve_db_path(args.db)
    try:
        every = parse_interval(args.every)
        feeds = read_feed_list(args.feeds_file)
    except (ValueError, OSError) as exc:
        log.error("error: %s", exc)
        return 2
    if not feeds:
        log.error("error: no feed URLs in %s", args.feeds_file)
        return 2
    state_path = db.with_name(db.name + ".feeds.json")
    state = load_state(state_path)
    log.info("watching %d feeds every %s into %s (Ctrl-C to stop)", len(feeds), args.every, db)
    rounds = 0
    stop = _CtrlC().install()
    try:
        while True:
            rounds += 1
            try:
                result = poll_once(feeds, state, db, fetch_pages=not args.no_fetch)
                save_state(state_path, state)
                log.info(
                    "round %d: %d feeds read, %d unchanged, %d failed; %s",
                    rounds, result.feeds_ok, result.feeds_unchanged, len(result.feeds_failed),
                    result.report.summary(),
                )
                for url, reason in result.feeds_failed:
                    log.warning("  feed %s: %s", url, reason)
                for origin, reason in result.report.skipped:
                    log.warning("  skipped %s: %s", origin, reason)
                if getattr(args, "alerts", False):
                    _run_alerts(args)
            except StoreError as exc:
                log.warning("round %d: %s", rounds, exc)
            if stop.is_set():
                raise KeyboardInterrupt  # a Ctrl-C that a step of the round took for its own error
            if args.rounds and rounds >= args.rounds:
                return 0
            time.sleep(every)
    except KeyboardInterrupt:
        log.info("stopped after %d rounds", rounds)
        return 0
    finally:
        stop.restore()


class _CtrlC(threading.Event):
    """Set when Ctrl-C was pressed. DuckDB turns a Ctrl-C during a query into its InterruptException, an
    ordinary error that the steps which skip one bad item or fall back on a failed read catch; the watch
    must still stop after that round instead of polling on."""

    def __init__(self) -> None:
        super().__init__()
        self._previous = None

    def _handler(self, signum, frame) -> None:
        self.set()
        raise KeyboardInterrupt

    def install(self) -> _CtrlC:
        try:
            self._previous = signal.signal(signal.SIGINT, self._handler)
        except ValueError:  # not the main thread (an embedding caller): Ctrl-C is the caller's
            pass
        return self

    def restore(self) -> None:
        if self._previous is not None:
            signal.signal(signal.SIGINT, self._previous)
            self._previous = None
