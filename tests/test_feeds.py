import pytest

from analysis.feeds import FetchError, fetch, url_documents
from analysis.sources import Skipped
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
