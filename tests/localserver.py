"""A local HTTP server on 127.0.0.1 serving fixture feeds and pages, with ETag support, and a free port
for the tests that start servers of their own (Streamlit, Dask).

Feeds, URLs and `watch` are tested against it; no test needs the internet.
"""
from __future__ import annotations

import hashlib
import http.server
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class FixtureSite:
    def __init__(self) -> None:
        self.routes: dict[str, tuple[bytes, str]] = {}
        self.redirects: dict[str, tuple[int, str]] = {}
        self.drips: dict[str, tuple[bytes, float, bool]] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.base = ""
        # POST (webhooks): what each path answers (default 200), and every body received.
        self.post_status: dict[str, int] = {}
        self.posts: list[tuple[str, dict[str, str], bytes]] = []

    def add(self, path: str, body: bytes | str, content_type: str = "text/html; charset=utf-8") -> str:
        self.routes[path] = (body.encode("utf-8") if isinstance(body, str) else body, content_type)
        return self.base + path

    def redirect(self, path: str, location: str, status: int = 302) -> str:
        self.redirects[path] = (status, location)
        return self.base + path

    def drip(self, path: str, body: bytes, every: float, headers_too: bool = False) -> str:
        """A slow server: one byte of the body (or, with headers_too, of the whole response) every
        `every` seconds."""
        self.drips[path] = (body, every, headers_too)
        return self.base + path

    def hits(self, path: str) -> int:
        return sum(1 for p, _ in self.requests if p == path)


@contextmanager
def serve(site: FixtureSite) -> Iterator[FixtureSite]:
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            site.requests.append((self.path, dict(self.headers)))
            if self.path in site.redirects:
                status, location = site.redirects[self.path]
                self.send_response(status)
                self.send_header("Location", location)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if self.path in site.drips:
                self._drip(*site.drips[self.path])
                return
            if self.path not in site.routes:
                self.send_error(404)
                return
            body, ctype = site.routes[self.path]
            etag = '"' + hashlib.sha1(body).hexdigest()[:12] + '"'
            if self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("ETag", etag)
            self.end_headers()
            self.wfile.write(body)

        def _drip(self, body: bytes, every: float, headers_too: bool) -> None:
            head = (f"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\nContent-Length: {len(body)}\r\n\r\n").encode()
            try:
                if not headers_too:
                    self.wfile.write(head)
                    head = b""
                for i in range(len(head + body)):
                    self.wfile.write((head + body)[i:i + 1])
                    self.wfile.flush()
                    time.sleep(every)
            except OSError:
                pass  # the client gave up: what the test wants
            self.close_connection = True
        def do_POST(self) -> None:  # noqa: N802 (http.server's name)
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length)
            site.posts.append((self.path, dict(self.headers), body))
            self.send_response(site.post_status.get(self.path, 200))
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    # A short poll: shutdown() waits for it, once per test that starts a server.
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
