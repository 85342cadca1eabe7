"""Feeds and links: the network edge of ingestion.

A URL is fetched once; if it is an RSS/Atom feed each entry becomes an article (its page fetched and
extracted, or the entry's own text when fetching is off or fails), otherwise it is an article page.
"""
from __future__ import annotations

import re
import urllib.error
import urllib.request
from collections.abc import Container, Iterator
from dataclasses import dataclass

import feedparser

from .models import RawDocument
from .sources import Skipped, decode_bytes

USER_AGENT = "TensionMonitor/0.1 (+https://github.com/; news monitoring)"
MAX_FETCH_BYTES = 10 * 1024 * 1024
TIMEOUT_S = 20.0

_FEED_TYPES = ("rss", "atom", "xml", "rdf")


class FetchError(RuntimeError):
    pass


@dataclass(frozen=True)
class Fetched:
    url: str
    content: bytes
    content_type: str
    charset: str | None
    etag: str | None
    last_modified: str | None
    not_modified: bool = False


def is_url(source: str) -> bool:
    return bool(re.match(r"^https?://", source, re.I))


def fetch(
    url: str,
    etag: str | None = None,
    last_modified: str | None = None,
    timeout: float = TIMEOUT_S,
    max_bytes: int = MAX_FETCH_BYTES,
) -> Fetched:
    """GET with conditional headers; a 304 gives `not_modified=True` and no content."""
    headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "identity"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            data = response.read(max_bytes + 1)
            if len(data) > max_bytes:
                raise FetchError(f"{url}: larger than the {max_bytes // (1024 * 1024)} MB limit")
            info = response.headers
            return Fetched(
                url=response.geturl(),
                content=data,
                content_type=(info.get_content_type() or "").lower(),
                charset=info.get_content_charset(),
                etag=info.get("ETag"),
                last_modified=info.get("Last-Modified"),
            )
    except urllib.error.HTTPError as exc:
        if exc.code == 304:
            return Fetched(url, b"", "", None, etag, last_modified, not_modified=True)
        raise FetchError(f"{url}: HTTP {exc.code} {exc.reason}") from exc
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise FetchError(f"{url}: {reason}") from exc


def looks_like_feed(fetched: Fetched) -> bool:
    if any(t in fetched.content_type for t in _FEED_TYPES):
        return True
    head = fetched.content[:2048].lstrip().lower()
    return head.startswith(b"<?xml") or b"<rss" in head or b"<feed" in head


def _entry_text(entry: feedparser.FeedParserDict) -> tuple[str, bool]:
    for content in entry.get("content") or []:
        if content.get("value"):
            return content["value"], "html" in (content.get("type") or "html")
    summary = entry.get("summary") or entry.get("description") or ""
    return summary, True


def _entry_published(entry: feedparser.FeedParserDict) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if parsed:
        return f"{parsed.tm_year:04d}-{parsed.tm_mon:02d}-{parsed.tm_mday:02d}"
    return entry.get("published") or entry.get("updated")


def entry_key(entry: feedparser.FeedParserDict) -> str:
    """What identifies an entry across polls: its id, else its link, else its title."""
    return entry.get("id") or entry.get("link") or entry.get("title") or ""


def parse_feed(data: bytes) -> feedparser.FeedParserDict:
    return feedparser.parse(data)


def feed_documents(
    data: bytes | feedparser.FeedParserDict,
    feed_url: str,
    fetch_pages: bool = True,
    seen: Container[str] = frozenset(),
) -> Iterator[RawDocument | Skipped]:
    """One RawDocument per feed entry not in `seen`; the entry's page when it can be fetched, else
    its own text."""
    parsed = parse_feed(data) if isinstance(data, bytes) else data
    if parsed.bozo and not parsed.entries:
        yield Skipped(feed_url, f"not a readable feed: {parsed.get('bozo_exception', 'malformed')}")
        return
    outlet = (parsed.feed.get("title") or "").strip() or None
    for i, entry in enumerate(parsed.entries):
        if entry_key(entry) in seen:
            continue
        link = entry.get("link")
        origin = link or f"{feed_url}#{i + 1}"
        meta = dict(
            title=entry.get("title"),
            published=_entry_published(entry),
            source=outlet,
            url=link,
        )
        if fetch_pages and link and is_url(link):
            try:
                page = fetch(link)
                yield RawDocument(
                    origin=origin,
                    content=decode_bytes(page.content, page.charset),
                    is_html="html" in page.content_type or page.content[:512].lstrip().startswith(b"<"),
                    **meta,
                )
                continue
            except FetchError:
                pass  # the entry's own text is the fallback
        text, is_html = _entry_text(entry)
        if not text.strip():
            yield Skipped(origin, "feed entry has no text and its page could not be fetched")
            continue
        yield RawDocument(origin=origin, content=text, is_html=is_html, **meta)


def url_documents(url: str, fetch_pages: bool = True) -> Iterator[RawDocument | Skipped]:
    """A feed URL or an article URL, as RawDocuments; a fetch failure is one Skipped."""
    try:
        fetched = fetch(url)
    except FetchError as exc:
        yield Skipped(url, str(exc))
        return
    if looks_like_feed(fetched):
        yield from feed_documents(fetched.content, url, fetch_pages)
        return
    yield RawDocument(
        origin=url,
        content=decode_bytes(fetched.content, fetched.charset),
        is_html=True,
        url=fetched.url,
    )
