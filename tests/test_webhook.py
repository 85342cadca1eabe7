"""Webhook delivery against a local HTTP server (loopback only)."""
from __future__ import annotations

import json
import socket

import pytest

from analysis.monitor.alert_ledger import Ledger, deliver_pending
from analysis.monitor.alerts import Alert, Evidence, Rise
from analysis.monitor.spikes import ALERT
from analysis.monitor.webhook import DISCORD_LIMIT, DeliveryError, alert_body, post_json, webhook_sender
from localserver import FixtureSite, free_port, serve


def alert(entity: str = "VEN", sentence: str = "US forces struck a boat.") -> Alert:
    ev = Evidence(story_id="s1", title="Strike near Venezuela", url="https://example.org/s1", source="Wire",
                  published="2025-10-01", sentence=sentence, kind="act", outlets=4)
    return Alert(date="2025-10-01", entity=entity, level=ALERT,
                 rises=(Rise("acts", 1, 12, 3.0, 1e-6, 1e-5), Rise("threats", 5, 20, 8.0, 1e-4, 1e-3)),
                 evidence=(ev,))


@pytest.fixture(scope="module")
def server():
    with serve(FixtureSite()) as s:  # one server for the module: each stop waits for its poll (0.5 s)
        yield s


@pytest.fixture
def site(server):
    server.posts.clear()
    server.post_status.clear()
    return server


@pytest.mark.parametrize("style", ["json", "slack", "discord"])
def test_each_style_posts_json_the_service_accepts(site, style):
    webhook_sender(site.base + "/hook", style)(alert())
    (path, headers, body), = site.posts
    assert path == "/hook" and headers["Content-Type"].startswith("application/json")
    payload = json.loads(body)
    if style == "json":
        assert payload["entity"] == "VEN" and payload["level"] == "alert" and payload["components"] == ["acts", "threats"]
        assert payload["rises"][0]["observed"] == 12 and payload["evidence"][0]["url"] == "https://example.org/s1"
    else:
        text = payload["text" if style == "slack" else "content"]
        assert set(payload) == ({"text"} if style == "slack" else {"content", "allowed_mentions"})
        # Discord's Markdown escapes show as the plain characters.
        shown = text.replace("\\", "") if style == "discord" else text
        assert shown.startswith("VEN 2025-10-01 alert: acts 12 vs 3.0 expected (day)")
        assert "<https://example.org/s1>" in text and "US forces struck a boat." in shown


def test_discord_bodies_fit_its_limit(site):
    body = alert_body(alert(sentence="x" * 5000), "discord")
    assert len(body["content"]) == DISCORD_LIMIT


def test_an_error_status_is_a_delivery_error(site):
    site.post_status["/hook"] = 503
    with pytest.raises(DeliveryError, match="HTTP 503"):
        post_json(site.base + "/hook", {"a": 1})


def test_a_refused_connection_and_a_silent_server_are_delivery_errors():
    with pytest.raises(DeliveryError, match="cannot reach"):
        post_json(f"http://127.0.0.1:{free_port()}/hook", {"a": 1}, timeout=2)
    with socket.socket() as silent:  # accepts the connection, never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)
        with pytest.raises(DeliveryError):
            post_json(f"http://127.0.0.1:{silent.getsockname()[1]}/hook", {"a": 1}, timeout=0.3)


def test_only_http_urls_and_known_styles():
    with pytest.raises(DeliveryError, match="not an http"):
        post_json("file:///etc/passwd", {})
    with pytest.raises(ValueError, match="unknown webhook style"):
        webhook_sender("http://127.0.0.1/", "telegram")


def test_a_down_webhook_gets_the_alert_on_the_next_run_and_only_once(site):
    ledger = Ledger()
    ledger.add([alert("VEN"), alert("COL")])
    send = webhook_sender(site.base + "/hook", "slack", timeout=2)
    site.post_status["/hook"] = 500
    assert len(deliver_pending(ledger, send).failed) == 2
    site.post_status["/hook"] = 200
    assert len(deliver_pending(ledger, send).delivered) == 2
    ledger.add([alert("VEN"), alert("COL")])  # a rerun finds them again
    assert deliver_pending(ledger, send).delivered == ()
    bodies = [json.loads(b)["text"] for _, _, b in site.posts]
    assert len(bodies) == 4 and sorted(t[:3] for t in bodies[2:]) == ["COL", "VEN"]


HOSTILE = "<!channel> @everyone [click](https://evil.example) *bold* <https://evil.example|here> & more"


def test_article_text_cannot_make_links_mentions_or_formatting_in_chat():
    a = alert(sentence=HOSTILE)
    slack = alert_body(a, "slack")["text"]
    assert "<!channel>" not in slack and "<https://evil.example|here>" not in slack
    assert "&lt;!channel&gt; @everyone" in slack and "&amp; more" in slack
    assert "<https://example.org/s1>" in slack  # our own link still a link
    discord = alert_body(a, "discord")
    assert discord["allowed_mentions"] == {"parse": []}
    text = discord["content"]
    assert "[click](https://evil.example)" not in text and "*bold*" not in text
    assert r"\[click\]\(https\:" in text and r"\@everyone" in text


def test_a_lone_surrogate_in_article_text_neither_blocks_delivery_nor_the_ledger(site, tmp_path):
    from analysis.monitor.alert_ledger import load_ledger, save_ledger

    bad = alert(sentence="broken \ud800 text")
    webhook_sender(site.base + "/hook", "json")(bad)
    assert json.loads(site.posts[0][2])["evidence"][0]["sentence"] == "broken ? text"
    ledger = Ledger()
    ledger.add([bad])
    save_ledger(tmp_path / "l.json", ledger)
    assert load_ledger(tmp_path / "l.json").pending()[0] == bad
