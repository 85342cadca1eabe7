"""Feeds and links: the network edge of ingestion.

A URL is fetched once; if it is an RSS/Atom feed each entry becomes an article (its page fetched and
extracted, or the entry's own text when fetching is off or fails), otherwise it is an article page.

Every fetch is guarded (see `network_policy`): each hop's host is resolved here, the address is checked,
and the connection goes to that checked address (so DNS cannot answer differently between the check and
the connection); only http(s) redirects are followed; and the whole fetch, redirects, headers and body,
has a time budget, so a server that drips a byte now and then cannot hold the batch.
"""
from __future__ import annotations

import html
import http.client
import re
import socket
import ssl
import threading
import time
from collections.abc import Container, Iterator
from dataclasses import dataclass
from urllib.parse import SplitResult, urljoin, urlsplit

import feedparser

from analysis.models import RawDocument
from analysis.read.network_policy import ForbiddenAddress, Network, check_address
from analysis.read.sources import Skipped, binary_reason, decode_bytes, document_text_problem, one_line

USER_AGENT = "TensionMonitor/0.1 (+https://github.com/; news monitoring)"
MAX_FETCH_BYTES = 10 * 1024 * 1024
TIMEOUT_S = 20.0  # connecting, and each wait for data
FETCH_BUDGET_S = 60.0  # one fetch in all: every redirect, the headers and the body
MAX_REDIRECTS = 5
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_CHUNK = 64 * 1024

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
    network: Network = Network.PUBLIC  # the class of the address that served it: its links' floor


def is_url(source: str) -> bool:
    return bool(re.match(r"^https?://", source, re.I))


def _resolve(host: str, port: int) -> list[str]:
    """The addresses of a host, in the resolver's order (tests replace this to classify test names)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(info[4][0] for info in infos))


def _open_socket(address: str, port: int, timeout: float) -> socket.socket:
    """A TCP connection to exactly this address (tests replace this to reach their local server)."""
    return socket.create_connection((address, port), timeout=timeout)


def _connect(host: str, port: int, floor: Network | None, timeout: float) -> tuple[socket.socket, Network]:
    """A socket to the first address of `host` that the policy allows, and that address's class."""
    try:
        addresses = _resolve(host, port)
    except (OSError, UnicodeError) as exc:
        raise FetchError(f"cannot resolve {host}: {one_line(exc)}") from exc
    refused: list[str] = []
    last: OSError | None = None
    for address in addresses:
        try:
            network = check_address(address, floor)
        except ForbiddenAddress as exc:
            refused.append(str(exc))
            continue
        try:
            return _open_socket(address, port, timeout), network
        except OSError as exc:
            last = exc
    if refused:
        raise FetchError(f"refused: {host} resolves to {'; '.join(refused)}")
    raise FetchError(f"cannot connect to {host}: {one_line(last) if last else 'no address'}")


class _Connection(http.client.HTTPConnection):
    """http.client's connection, with the socket opened by `_connect` (checked, pinned address)."""

    def __init__(self, host: str, port: int, sock: socket.socket, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self._given = sock

    def connect(self) -> None:
        self.sock = self._given


class _TLSConnection(_Connection):
    def connect(self) -> None:
        self.sock = ssl.create_default_context().wrap_socket(self._given, server_hostname=self.host)


class _Budget:
    """A deadline for one fetch; when it passes, the open socket is shut down, which ends any read
    that is waiting on it (a per-read timeout alone never fires on a server that drips)."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.deadline = time.monotonic() + seconds
        self.expired = False
        self._sock: socket.socket | None = None
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True
        self._timer.start()

    def left(self) -> float:
        return max(0.0, self.deadline - time.monotonic())

    def watch(self, sock: socket.socket | None) -> None:
        with self._lock:
            self._sock = sock
            if self.expired and sock is not None:
                _shutdown(sock)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            if self._sock is not None:
                _shutdown(self._sock)

    def check(self, url: str) -> None:
        if self.expired or time.monotonic() >= self.deadline:
            self.expired = True
            raise FetchError(f"{url}: took longer than the {self.seconds:g} s allowed for one fetch")

    def cancel(self) -> None:
        self._timer.cancel()


def _shutdown(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass


def fetch(
    url: str,
    etag: str | None = None,
    last_modified: str | None = None,
    timeout: float = TIMEOUT_S,
    max_bytes: int = MAX_FETCH_BYTES,
    floor: Network | None = None,
    budget: float | None = None,
) -> Fetched:
    """GET with conditional headers; a 304 gives `not_modified=True` and no content.

    `floor`: the most private address class this fetch may reach (a feed's class for its entry links);
    None for a URL the user gave, which may be of any class but the forbidden ones, and whose first hop
    sets the floor for its redirects."""
    headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "identity", "Accept": "*/*"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    clock = _Budget(FETCH_BUDGET_S if budget is None else budget)
    try:
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            parts = urlsplit(current)
            if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
                raise FetchError(f"{url}: redirected to {current[:200]}: only http(s) URLs are followed")
            status, fetched, location = _get_once(current, parts, headers, timeout, max_bytes, floor, clock)
            if fetched is not None:
                return fetched
            if status == 304:
                return Fetched(current, b"", "", None, etag, last_modified, not_modified=True)
            floor = location[1]
            current = urljoin(current, location[0])
        raise FetchError(f"{url}: more than {MAX_REDIRECTS} redirects")
    except FetchError as exc:
        if clock.expired and "allowed for one fetch" not in str(exc):
            raise FetchError(f"{url}: took longer than the {clock.seconds:g} s allowed for one fetch") from exc
        raise
    except (OSError, http.client.HTTPException, ValueError) as exc:
        if clock.expired:
            raise FetchError(f"{url}: took longer than the {clock.seconds:g} s allowed for one fetch") from exc
        raise FetchError(f"{url}: {one_line(exc)}") from exc
    finally:
        clock.cancel()


def _get_once(
    current: str, parts: SplitResult, headers: dict[str, str], timeout: float, max_bytes: int,
    floor: Network | None, clock: _Budget,
) -> tuple[int, Fetched | None, tuple[str, Network] | None]:
    """One hop: (status, Fetched or None, (redirect location, the floor for the next hop) or None)."""
    https = parts.scheme.lower() == "https"
    port = parts.port or (443 if https else 80)
    clock.check(current)
    try:
        sock, network = _connect(parts.hostname, port, floor, min(timeout, max(clock.left(), 0.01)))
    except FetchError as exc:
        raise FetchError(f"{current}: {exc}") from None
    clock.watch(sock)
    sock.settimeout(min(timeout, max(clock.left(), 0.01)))
    conn = (_TLSConnection if https else _Connection)(parts.hostname, port, sock, timeout)
    try:
        conn.connect()
        clock.watch(conn.sock)
        path = parts.path or "/"
        conn.request("GET", path + (f"?{parts.query}" if parts.query else ""), headers=headers)
        response = conn.getresponse()
        clock.check(current)
        status = response.status
        if status in _REDIRECTS and response.getheader("Location"):
            # A user's own URL may redirect within or out of its class, never inward past it.
            return status, None, (response.getheader("Location"), network if floor is None else floor)
        if status == 304:
            return status, None, None
        if status >= 400 or status < 200:
            raise FetchError(f"{current}: HTTP {status} {response.reason}")
        data = _read_body(response, current, max_bytes, clock)
        info = response.headers
        return status, Fetched(
            url=current,
            content=data,
            content_type=(info.get_content_type() or "").lower(),
            charset=info.get_content_charset(),
            etag=info.get("ETag"),
            last_modified=info.get("Last-Modified"),
            network=network,
        ), None
    finally:
        clock.watch(None)
        conn.close()
        sock.close()  # when TLS failed, conn never held it


def _read_body(response: http.client.HTTPResponse, url: str, max_bytes: int, clock: _Budget) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while True:
        clock.check(url)
        chunk = response.read1(_CHUNK)
        if not chunk:
            break
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(f"{url}: larger than the {max_bytes // (1024 * 1024)} MB limit")
        chunks.append(chunk)
    clock.check(url)  # the socket shut down at the deadline reads as an end of data: not a whole page
    return b"".join(chunks)


def looks_like_feed(fetched: Fetched) -> bool:
    if any(t in fetched.content_type for t in _FEED_TYPES):
        return True
    head = fetched.content[:2048].lstrip().lower()
    return head.startswith(b"<?xml") or b"<rss" in head or b"<feed" in head


_MARKUP = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>|&(?:[a-zA-Z]+|#\d+|#x[0-9a-fA-F]+);")
_BLOCKS = ("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section", "article")


def has_markup(text: str) -> bool:
    """Whether an entry's text holds HTML tags or entities (feeds call plain text "html" too)."""
    return bool(_MARKUP.search(text[:20_000]))


def fragment_text(markup: str) -> str:
    """The text of an HTML fragment (a feed entry's description or content), paragraphs kept. Not
    trafilatura: it looks for the article inside a whole page, and a fragment is the article already."""
    from lxml import etree, html as lxml_html

    try:
        root = lxml_html.fragment_fromstring(markup, create_parent="div")
    except (etree.ParserError, ValueError):
        return html.unescape(re.sub(r"<[^>]*>", " ", markup))
    for element in root.xpath("//script|//style"):
        element.drop_tree()
    for element in root.iter(*_BLOCKS):
        element.tail = "\n\n" + (element.tail or "")
    for element in root.iter("br"):
        element.tail = "\n" + (element.tail or "")
    paragraphs = (" ".join(p.split()) for p in re.split(r"\n\s*\n", root.text_content()))
    return "\n\n".join(p for p in paragraphs if p)


def _entry_text(entry: feedparser.FeedParserDict) -> str:
    """The entry's own text, as plain text."""
    for content in entry.get("content") or []:
        if content.get("value"):
            text = content["value"]
            break
    else:
        text = entry.get("summary") or entry.get("description") or ""
    return fragment_text(text) if has_markup(text) else text.strip()


def _entry_published(entry: feedparser.FeedParserDict) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if parsed:
        return f"{parsed.tm_year:04d}-{parsed.tm_mon:02d}-{parsed.tm_mday:02d}"
    return entry.get("published") or entry.get("updated")


def entry_key(entry: feedparser.FeedParserDict) -> str:
    """What identifies an entry across polls: its id, else its link, else its title."""
    return entry.get("id") or entry.get("link") or entry.get("title") or ""


# A character reference to no character (a surrogate, NUL, beyond U+10FFFF) makes feedparser raise for the
# whole feed, or gives a string no store accepts. Each is replaced by a noncharacter, so the feed parses and
# the entry that held one is found and skipped by name.
_CHAR_REF = re.compile(rb"&#(?:[xX]([0-9a-fA-F]{1,16})|([0-9]{1,20}));")
_BAD_REF_MARK = "\ufdd0"


def _mark_bad_references(data: bytes) -> bytes:
    def replace(m: re.Match[bytes]) -> bytes:
        code = int(m.group(1), 16) if m.group(1) else int(m.group(2))
        bad = code == 0 or 0xD800 <= code <= 0xDFFF or code > 0x10FFFF
        return _BAD_REF_MARK.encode("ascii", "xmlcharrefreplace") if bad else m.group(0)

    return _CHAR_REF.sub(replace, data) if b"&#" in data else data


def parse_feed(data: bytes) -> feedparser.FeedParserDict:
    return feedparser.parse(_mark_bad_references(data))


def _bad_entry_reason(doc: RawDocument) -> str | None:
    for name in ("content", "title", "url", "published"):
        value = getattr(doc, name)
        if isinstance(value, str) and _BAD_REF_MARK in value:
            return f"the {'text' if name == 'content' else name} holds a character reference to no character " \
                   "(a surrogate such as &#xD800;, NUL or beyond U+10FFFF)"
    problem = document_text_problem(doc)
    return problem.reason if problem else None


def feed_documents(
    data: bytes | feedparser.FeedParserDict,
    feed_url: str,
    fetch_pages: bool = True,
    seen: Container[str] = frozenset(),
    network: Network = Network.PUBLIC,
) -> Iterator[RawDocument | Skipped]:
    """One RawDocument per feed entry not in `seen`; the entry's page when it can be fetched, else
    its own text. `network`: the class of the address the feed came from; entry links may not reach
    a more private one (the default, public, is the strictest)."""
    try:
        parsed = parse_feed(data) if isinstance(data, bytes) else data
    except Exception as exc:  # feedparser's own failures on hostile input: the feed, not the batch
        yield Skipped(feed_url, f"not a readable feed: {type(exc).__name__}: {one_line(exc)}")
        return
    if parsed.bozo and not parsed.entries:
        yield Skipped(feed_url, f"not a readable feed: {one_line(parsed.get('bozo_exception', 'malformed'))}")
        return
    outlet = (parsed.feed.get("title") or "").replace(_BAD_REF_MARK, "").strip() or None
    for i, entry in enumerate(parsed.entries):
        if entry_key(entry) in seen:
            continue
        try:
            yield _entry_document(entry, i, feed_url, outlet, fetch_pages, network)
        except Exception as exc:  # one strange entry costs that entry
            yield Skipped(f"{feed_url}#{i + 1}", f"feed entry {i + 1}: {type(exc).__name__}: {one_line(exc)}")


def _entry_document(entry, i: int, feed_url: str, outlet: str | None, fetch_pages: bool,
                    network: Network) -> RawDocument | Skipped:
    link = entry.get("link")
    origin = link if link and is_url(link) else f"{feed_url}#{i + 1}"  # feedparser may take a guid as the link
    meta = dict(title=entry.get("title"), published=_entry_published(entry), source=outlet, url=link)
    own_text = _entry_text(entry)
    why_not_page = "it has no link to fetch"
    if not fetch_pages:
        why_not_page = "fetching pages is off"
    elif link and not is_url(link):
        why_not_page = f"its link is not an http(s) URL: {link[:100]}"
    elif link:
        try:
            page = fetch(link, floor=network)
            page_reason = binary_reason(page.content[:8192]) or ("" if page.content.strip() else "an empty page")
            if not page_reason:
                doc = RawDocument(
                    origin=origin,
                    content=decode_bytes(page.content, page.charset),
                    is_html="html" in page.content_type or page.content[:512].lstrip().startswith(b"<"),
                    **meta,
                )
                reason = _bad_entry_reason(doc)
                if reason:
                    return Skipped(origin, f"feed entry {i + 1}: {reason}")
                page_reason = _no_article_in(doc) if own_text else ""
                if not page_reason:
                    return doc
            why_not_page = f"its page is {page_reason}"
        except FetchError as exc:
            why_not_page = f"its page could not be fetched ({exc})"  # the entry's own text is the fallback
    if not own_text:
        return Skipped(origin, f"feed entry {i + 1} has no text of its own, and {why_not_page}")
    doc = RawDocument(origin=origin, content=own_text, is_html=False, **meta)
    reason = _bad_entry_reason(doc)
    return Skipped(origin, f"feed entry {i + 1}: {reason}") if reason else doc


def _no_article_in(page: RawDocument) -> str:
    """Why a fetched page holds no article (a paywall, a consent wall, a page of links), or "" if it holds
    one. Asked only when the entry has text of its own to fall back on: cleaning a page twice costs far
    less than the fetch did."""
    from analysis.read.clean import CleaningError, clean_document

    try:
        clean_document(page)
    except CleaningError as exc:
        return f"without an article ({exc.reason})"
    except Exception:
        return ""  # not this function's to judge: the analysis will name it
    return ""


def url_documents(url: str, fetch_pages: bool = True) -> Iterator[RawDocument | Skipped]:
    """A feed URL or an article URL, as RawDocuments; a fetch failure is one Skipped."""
    try:
        fetched = fetch(url)
    except FetchError as exc:
        yield Skipped(url, str(exc))
        return
    if looks_like_feed(fetched):
        yield from feed_documents(fetched.content, url, fetch_pages, network=fetched.network)
        return
    reason = binary_reason(fetched.content[:8192]) or ("" if fetched.content.strip() else "an empty page")
    if reason:
        yield Skipped(url, reason)
        return
    yield RawDocument(
        origin=url,
        content=decode_bytes(fetched.content, fetched.charset),
        is_html=True,
        url=fetched.url,
    )
