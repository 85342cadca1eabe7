import pytest

from analysis.read.feeds import FetchError, fetch, url_documents
from analysis.read.sources import Skipped
from feed_fixtures import RFC822, STORIES, atom, page_html, rss
from localserver import FixtureSite, serve


@pytest.fixture
def site():
    with serve(FixtureSite()) as s:
        for i, (title, date, paras) in enumerate(STORIES):
            s.add(f"/story/{i}", page_html(title, date, paras))
        items = [(f"/story/{i}", t, RFC822[d], p[0]) for i, (t, d, p) in enumerate(STORIES)]
        s.add("/rss.xml", rss(s.base, items), "application/rss+xml")
        s.add("/atom.xml", atom(s.base, [(p, t, f"{d}T08:15:00Z", x) for p, t, d, x in
                                         [(f"/story/{i}", t, d, p[0]) for i, (t, d, p) in enumerate(STORIES)]]),
              "application/atom+xml")
        s.add("/broken.xml", "<rss><channel><item><title>oops", "application/rss+xml")
        yield s


def test_an_article_url_is_one_html_document(site):
    (doc,) = list(url_documents(site.base + "/story/0"))
    assert doc.is_html and "90 drones" in doc.content and doc.origin == site.base + "/story/0"


@pytest.mark.parametrize("feed", ["/rss.xml", "/atom.xml"])
def test_feed_entries_are_fetched_as_pages(site, feed):
    docs = list(url_documents(site.base + feed))
    assert [d.title for d in docs] == [t for t, _, _ in STORIES]
    assert [d.published for d in docs] == ["2025-11-20", "2025-11-21", "2025-11-22"]
    assert all(d.is_html and "<article>" in d.content for d in docs)
    assert docs[0].source in ("Harbor Wire World", "Meridian Daily")
    assert site.hits("/story/2") == 1


def test_without_fetching_the_entry_text_is_used(site):
    docs = list(url_documents(site.base + "/rss.xml", fetch_pages=False))
    assert docs[0].content == STORIES[0][2][0]
    assert site.hits("/story/0") == 0


def test_an_entry_whose_page_fails_falls_back_to_its_own_text(site):
    del site.routes["/story/1"]
    docs = list(url_documents(site.base + "/rss.xml"))
    assert docs[1].content == STORIES[1][2][0] and docs[0].content.startswith("<!DOCTYPE")


def test_a_malformed_feed_is_reported(site):
    (item,) = list(url_documents(site.base + "/broken.xml"))
    assert isinstance(item, Skipped) and "feed" in item.reason


def test_a_missing_page_is_reported_with_its_status(site):
    (item,) = list(url_documents(site.base + "/nope"))
    assert isinstance(item, Skipped) and "404" in item.reason


def test_a_server_that_is_down_is_reported():
    (item,) = list(url_documents("http://127.0.0.1:9/feed.xml"))
    assert isinstance(item, Skipped)


def test_conditional_get_uses_the_etag(site):
    first = fetch(site.base + "/rss.xml")
    again = fetch(site.base + "/rss.xml", etag=first.etag)
    assert first.etag and not first.not_modified and again.not_modified


def test_oversized_responses_are_refused(site):
    site.add("/big", b"x" * 5000)
    with pytest.raises(FetchError, match="limit"):
        fetch(site.base + "/big", max_bytes=1000)


# --- SSRF: an entry link may not reach a more private network than its feed ---------------------------
# Host names are classified by a patched resolver; every connection goes to the local server on 127.0.0.1
# whatever address was resolved, so no packet is sent to the other classes. `contacted` records the
# addresses the fetcher chose to connect to: a refused one never appears there.

NAMES = {
    "loopback.test": "127.0.0.1", "loopback6.test": "::1", "mapped-loopback.test": "::ffff:127.0.0.1",
    "private.test": "10.20.30.40", "private6.test": "fd12:3456::1", "cgnat.test": "100.64.0.9",
    "mapped-private.test": "::ffff:192.168.1.1",
    "public.test": "93.184.216.34", "public6.test": "2606:4700:4700::1111",
    "linklocal.test": "169.254.10.1", "linklocal6.test": "fe80::1", "metadata.test": "169.254.169.254",
    "aws6.test": "fd00:ec2::254", "zero.test": "0.0.0.0", "multicast.test": "239.1.2.3",
}
CLASS = {"loopback": 0, "private": 1, "public": 2, "never": 99}
HOST_CLASS = {
    "loopback.test": "loopback", "loopback6.test": "loopback", "mapped-loopback.test": "loopback",
    "private.test": "private", "private6.test": "private", "cgnat.test": "private", "mapped-private.test": "private",
    "public.test": "public", "public6.test": "public",
    "linklocal.test": "never", "linklocal6.test": "never", "metadata.test": "never", "aws6.test": "never",
    "zero.test": "never", "multicast.test": "never",
}


@pytest.fixture
def net(site, monkeypatch):
    """(site, port, contacted): names resolve as in NAMES (changeable per test), connections go to 127.0.0.1."""
    import ipaddress
    import socket

    from analysis.read import feeds

    port = int(site.base.rsplit(":", 1)[1])
    contacted: list[str] = []
    names = dict(NAMES)

    def resolve(host, _port):
        if host in names:
            answer = names[host]
            return [answer() if callable(answer) else answer]
        ipaddress.ip_address(host)  # an IP literal resolves to itself; any other name is unknown here
        return [host]

    def open_socket(address, _port, timeout):
        contacted.append(address)
        return socket.create_connection(("127.0.0.1", port), timeout=timeout)

    monkeypatch.setattr(feeds, "_resolve", resolve)
    monkeypatch.setattr(feeds, "_open_socket", open_socket)
    site.names = names
    return site, port, contacted


def _one_entry_feed(site, port, path, link):
    return site.add(path, rss(f"http://{link}:{port}", [("/story/0", "Drones over Kharkiv", RFC822["2025-11-20"],
                                                         "The entry's own text: " + STORIES[0][2][0])]),
                    "application/rss+xml")


@pytest.mark.parametrize("feed_host", ["loopback.test", "private.test", "public.test"])
@pytest.mark.parametrize("link_host", sorted(NAMES) + ["127.0.0.1", "[::1]", "169.254.169.254", "10.0.0.1"])
def test_the_ssrf_matrix(net, feed_host, link_host):
    site, port, contacted = net
    _one_entry_feed(site, port, "/feed.xml", link_host)
    link_class = HOST_CLASS.get(link_host) or {"127.0.0.1": "loopback", "[::1]": "loopback",
                                                "169.254.169.254": "never", "10.0.0.1": "private"}[link_host]
    allowed = CLASS[link_class] != 99 and CLASS[link_class] >= CLASS[HOST_CLASS[feed_host]]
    (doc,) = list(url_documents(f"http://{feed_host}:{port}/feed.xml"))
    link_address = NAMES.get(link_host, link_host.strip("[]"))
    assert contacted[0] == NAMES[feed_host]
    if allowed:
        assert "<article>" in doc.content and contacted[1:] == [link_address]
    else:
        assert doc.content.startswith("The entry's own text") and contacted == [NAMES[feed_host]]


def test_a_refused_link_without_text_of_its_own_is_skipped_with_the_rule_as_its_reason(net):
    site, port, _ = net
    site.add("/feed.xml", f"""<rss version="2.0"><channel><title>W</title>
<item><title>Metadata</title><link>http://metadata.test:{port}/latest/meta-data</link></item>
<item><title>Inward</title><link>http://private.test:{port}/story/0</link></item></channel></rss>""",
             "application/rss+xml")
    first, second = url_documents(f"http://public.test:{port}/feed.xml")
    assert isinstance(first, Skipped) and "169.254.169.254 is a cloud metadata address" in first.reason
    assert isinstance(second, Skipped) and second.reason == (
        f"feed entry 2 has no text of its own, and its page could not be fetched (http://private.test:{port}"
        "/story/0: refused: private.test resolves to 10.20.30.40 is a private address, more private than the "
        "public network the feed came from)")


@pytest.mark.parametrize("feed_host, target, allowed", [
    ("public.test", "http://loopback.test:{port}/story/0", False),
    ("public.test", "http://private6.test:{port}/story/0", False),
    ("public.test", "http://metadata.test:{port}/story/0", False),
    ("public.test", "http://public6.test:{port}/story/0", True),
    ("private.test", "http://public.test:{port}/story/0", True),
    ("private.test", "http://loopback6.test:{port}/story/0", False),
    ("loopback.test", "http://private.test:{port}/story/0", True),
    ("loopback.test", "ftp://loopback.test/story/0", False),
    ("loopback.test", "file:///etc/passwd", False),
    ("loopback.test", "gopher://loopback.test:{port}/_GET", False),
    ("loopback.test", "/story/0", True),  # a relative redirect stays on the host
])
def test_every_redirect_hop_is_checked_and_only_http_is_followed(net, feed_host, target, allowed):
    site, port, contacted = net
    site.redirect("/moved", target.format(port=port))
    site.add("/feed.xml", rss(f"http://{feed_host}:{port}", [("/moved", "Moved", RFC822["2025-11-20"],
                                                              "The entry's own text, long enough to keep.")]),
             "application/rss+xml")
    (doc,) = list(url_documents(f"http://{feed_host}:{port}/feed.xml"))
    assert ("<article>" in doc.content) == allowed
    assert site.hits("/story/0") == (1 if allowed else 0)


def test_a_redirect_to_another_scheme_is_named(net):
    site, port, _ = net
    site.redirect("/moved", "ftp://example.org/file")
    with pytest.raises(FetchError, match="redirected to ftp://example.org/file: only http"):
        fetch(f"http://loopback.test:{port}/moved")


def test_a_users_own_url_may_not_redirect_inward_past_its_first_hop(net):
    site, port, contacted = net
    site.redirect("/moved", f"http://loopback.test:{port}/story/0")
    with pytest.raises(FetchError, match="127.0.0.1 is a loopback address, more private than the public"):
        fetch(f"http://public.test:{port}/moved")
    assert contacted == ["93.184.216.34"]


def test_the_address_is_checked_at_every_resolution_so_dns_rebinding_is_refused(net):
    site, port, contacted = net
    answers = iter(["93.184.216.34", "127.0.0.1"])  # public when first asked, loopback the next time
    site.names["rebind.test"] = lambda: next(answers)
    site.redirect("/hop", f"http://rebind.test:{port}/story/0")
    with pytest.raises(FetchError, match="refused: rebind.test resolves to 127.0.0.1"):
        fetch(f"http://rebind.test:{port}/hop")
    assert contacted == ["93.184.216.34"] and site.hits("/story/0") == 0


def test_a_redirect_loop_ends(net):
    site, port, _ = net
    site.redirect("/loop", "/loop")
    with pytest.raises(FetchError, match="more than 5 redirects"):
        fetch(f"http://loopback.test:{port}/loop")
    assert site.hits("/loop") == 6


def test_a_local_feed_and_its_local_pages_still_work(site):
    docs = list(url_documents(site.base + "/rss.xml"))  # 127.0.0.1 feed, 127.0.0.1 links: same class
    assert len(docs) == 3 and all("<article>" in d.content for d in docs)


# --- a total time budget per fetch -------------------------------------------------------------------

@pytest.mark.parametrize("headers_too", [False, True])
def test_a_server_that_drips_is_cut_off_at_the_budget(site, headers_too):
    import time

    site.drip("/slow", b"<html><body>" + b"x" * 200 + b"</body></html>", every=0.2, headers_too=headers_too)
    started = time.monotonic()
    with pytest.raises(FetchError, match="took longer than the 1 s allowed for one fetch"):
        fetch(site.base + "/slow", budget=1.0, timeout=5.0)
    assert time.monotonic() - started < 2.5


def test_the_batch_goes_on_without_a_slow_page(site, monkeypatch, tmp_path):
    import time

    from analysis.read import feeds
    from analysis.ingest import ingest_documents

    monkeypatch.setattr(feeds, "FETCH_BUDGET_S", 1.0)
    site.drip("/story/1", b"<html>" + b"x" * 500 + b"</html>", every=0.3)
    started = time.monotonic()
    report = ingest_documents(url_documents(site.base + "/rss.xml"), tmp_path / "t.duckdb")
    assert time.monotonic() - started < 6
    assert report.new == 3 and not report.skipped  # the slow entry is stored from its own text


# --- entries: plain text kept, bad characters named, every reason true ------------------------------

def _feed_file(tmp_path, items: str):
    path = tmp_path / "feed.xml"
    path.write_text(f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>{items}</channel></rss>',
                    encoding="utf-8")
    return path


def test_plain_text_and_html_descriptions_are_both_kept_as_text(tmp_path):
    from analysis.ingest import ingest_documents
    from analysis.read.sources import read_inputs

    path = _feed_file(tmp_path, f"""
<item><title>Plain</title><description>{STORIES[0][2][0]} {STORIES[0][2][1]}</description></item>
<item><title>Markup</title><description>&lt;p&gt;{STORIES[2][2][0]}&lt;/p&gt;&lt;p&gt;{STORIES[2][2][2]}&lt;script&gt;x()&lt;/script&gt;&lt;/p&gt;</description></item>""")
    plain, markup = read_inputs([path])
    assert not plain.is_html and plain.content.startswith("Russia launched 90 drones")
    assert not markup.is_html and markup.content == f"{STORIES[2][2][0]}\n\n{STORIES[2][2][2]}"
    report = ingest_documents([plain, markup], tmp_path / "t.duckdb")
    assert report.new == 2 and not report.skipped


def test_every_skip_reason_of_a_feed_entry_says_what_happened(site, tmp_path):
    from analysis.ingest import ingest_documents

    site.add("/feed.xml", f"""<rss version="2.0"><channel><title>W</title>
<item><title>No link, no text</title></item>
<item><title>Gone</title><link>{site.base}/gone</link></item>
<item><title>Not web</title><link>mailto:desk@example.org</link></item>
<item><title>Short</title><description>Troops crossed.</description></item>
</channel></rss>""", "application/rss+xml")
    items = list(url_documents(site.base + "/feed.xml"))
    assert [i.reason for i in items[:3]] == [
        "feed entry 1 has no text of its own, and it has no link to fetch",
        f"feed entry 2 has no text of its own, and its page could not be fetched ({site.base}/gone: HTTP 404 Not Found)",
        "feed entry 3 has no text of its own, and its link is not an http(s) URL: mailto:desk@example.org",
    ]
    no_fetch = list(url_documents(site.base + "/feed.xml", fetch_pages=False))[1]
    assert no_fetch.reason == "feed entry 2 has no text of its own, and fetching pages is off"
    report = ingest_documents([items[3]], tmp_path / "t.duckdb")
    assert report.skipped == [(f"{site.base}/feed.xml#4", "article text too short: 15 characters, at least 40 needed")]


@pytest.mark.parametrize("reference", ["&#xD800;", "&#xdfff;", "&#55296;", "&#0;", "&#x110000;"])
def test_an_entry_with_a_reference_to_no_character_is_named_and_the_others_kept(tmp_path, reference):
    from analysis.read.sources import read_inputs

    path = _feed_file(tmp_path, f"""
<item><title>Good one</title><description>{STORIES[0][2][0]}</description></item>
<item><title>Bad {reference} title</title><description>{STORIES[1][2][0]} {reference}</description></item>
<item><title>Good two</title><description>{STORIES[2][2][0]}</description></item>""")
    first, bad, last = read_inputs([path])
    assert (first.title, last.title) == ("Good one", "Good two")
    assert isinstance(bad, Skipped) and bad.origin == f"{path}#2"
    assert bad.reason.startswith("feed entry 2: the text holds a character reference to no character")


@pytest.mark.skipif(not __import__("shutil").which("openssl"), reason="needs the openssl command to make a certificate")
def test_https_goes_to_the_checked_address_and_verifies_the_certificate(tmp_path, monkeypatch):
    import http.server
    import ssl
    import subprocess
    import threading

    from analysis.read import feeds

    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert),
                    "-days", "1", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost"],
                   check=True, capture_output=True)

    class Page(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            body = page_html(*STORIES[0]).encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Page)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"https://localhost:{server.server_address[1]}/story"
    try:
        with pytest.raises(FetchError, match="CERTIFICATE_VERIFY_FAILED"):
            fetch(url)  # a certificate no authority signed
        trusted = ssl.create_default_context
        monkeypatch.setattr(feeds.ssl, "create_default_context", lambda: trusted(cafile=str(cert)))
        page = fetch(url)  # the name is verified against the certificate though the socket went to 127.0.0.1
        assert b"90 drones" in page.content and page.network == feeds.Network.LOOPBACK
    finally:
        server.shutdown()
        server.server_close()


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_FIELD = st.lists(st.one_of(
    st.text(max_size=20).map(lambda t: __import__("html").escape(t.replace("\x00", ""))),
    st.integers(0, 0x110010).map(lambda n: f"&#x{n:X};"),
    st.integers(0, 1_200_000).map(lambda n: f"&#{n};"),
    st.sampled_from(["&lt;p&gt;", "&lt;/p&gt;", "&lt;b&gt;bold&lt;/b&gt;", "&amp;", "&lt;br/&gt;", "&amp;#xD800;"]),
), max_size=6).map("".join)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(_FIELD, _FIELD), min_size=1, max_size=4))
def test_any_feed_gives_one_storable_item_per_entry_and_never_raises(entries):
    from analysis.read.feeds import feed_documents
    from analysis.models import RawDocument

    items = "".join(f"<item><title>{t}</title><description>{d}</description></item>" for t, d in entries)
    data = f'<?xml version="1.0"?><rss version="2.0"><channel><title>W</title>{items}</channel></rss>'.encode()
    out = list(feed_documents(data, "feed.xml", fetch_pages=False))
    assert len(out) == len(entries)  # one bad entry costs that entry, never its neighbours
    assert all(isinstance(i, (RawDocument, Skipped)) for i in out)
    for item in out:
        if isinstance(item, RawDocument):
            for value in (item.content, item.title, item.url, item.published):
                if value is not None:
                    value.encode("utf-8")


def test_an_entry_whose_page_holds_no_article_keeps_its_own_text(site):
    site.add("/story/1", "<html><body><nav>Home / World</nav><p>Subscribe to read.</p></body></html>")
    docs = list(url_documents(site.base + "/rss.xml"))
    assert docs[1].content == STORIES[1][2][0] and not docs[1].is_html  # the entry's own description
    assert "<article>" in docs[0].content and "<article>" in docs[2].content
