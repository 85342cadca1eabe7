"""The shipped starter list of feeds reads as `watch` reads it: every line an http(s) URL, none twice."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from analysis.watch import read_feed_list

FEEDS = Path(__file__).resolve().parents[1] / "data" / "feeds.txt"


def test_the_starter_feed_list_is_well_formed():
    feeds = read_feed_list(FEEDS)
    assert len(feeds) >= 15
    assert len(set(feeds)) == len(feeds)
    for url in feeds:
        parts = urlsplit(url)
        assert parts.scheme == "https" and parts.netloc and " " not in url, url
    assert any("un.org" in u for u in feeds)  # the UN is among them
    assert "NOT CHECKED" in FEEDS.read_text(encoding="utf-8")  # says it could not be verified offline
