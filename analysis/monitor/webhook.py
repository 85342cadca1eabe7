"""Delivering an alert: a JSON POST with a timeout (the I/O edge of the alerts).

Three bodies, chosen by `style`:
- "json": the alert record itself (`Alert.to_dict()`), for a service of one's own;
- "slack": {"text": ...}, what a Slack incoming webhook takes;
- "discord": {"content": ...}, what a Discord webhook takes (at most 2,000 characters).

Article text is hostile input: in the chat bodies it is escaped so that a title cannot make a link, a
mention (@everyone, <!channel>) or formatting.

The URL is the operator's own configuration, not article input, so it is not screened for private
addresses; only http and https are accepted. A non-2xx answer, a timeout or a refused connection raises
`DeliveryError`, and the ledger keeps the alert for the next run.
"""
from __future__ import annotations

import json
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable

from analysis.monitor.alerts import Alert

STYLES = ("json", "slack", "discord")
DISCORD_LIMIT = 2000
TIMEOUT_S = 10.0
USER_AGENT = "tension-monitor-alerts/1"


class DeliveryError(Exception):
    pass


def slack_escape(text: str) -> str:
    """Slack's three control characters: article text must not make links or mentions (<!channel>)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


_DISCORD_MARKUP = re.compile(r"([\\*_~`|>\[\]()#@<:-])")


def discord_escape(text: str) -> str:
    """Discord's Markdown, masked links and mentions, backslash-escaped (mentions are also switched off in
    the body, `allowed_mentions`)."""
    return _DISCORD_MARKUP.sub(r"\\\1", text)


def alert_text(alert: Alert, escape: Callable[[str], str] = lambda t: t, link: Callable[[str], str] = lambda u: u) -> str:
    """Text for chat: the summary line, then one line per piece of evidence with its link. Article text
    (titles, sentences, outlet names) goes through `escape`; links through `link`."""
    lines = [escape(alert.summary())]
    for e in alert.evidence:
        lines.append(f"- {escape(e.source)} {escape(e.published)}: {escape(e.title)} {link(e.url)}")
        if e.sentence:
            lines.append(f"  \u201c{escape(e.sentence)}\u201d")
    return "\n".join(lines)


def alert_body(alert: Alert, style: str = "json") -> dict:
    if style == "json":
        return alert.to_dict()
    if style == "slack":
        return {"text": alert_text(alert, slack_escape, lambda u: f"<{slack_escape(u).replace('|', '%7C')}>")}
    if style == "discord":
        text = alert_text(alert, discord_escape, lambda u: f"<{u.replace('>', '%3E')}>")
        if len(text) > DISCORD_LIMIT:
            text = text[: DISCORD_LIMIT - 1] + "\u2026"
        return {"content": text, "allowed_mentions": {"parse": []}}
    raise ValueError(f"unknown webhook style {style!r}; one of {', '.join(STYLES)}")


def post_json(url: str, body: dict, timeout: float = TIMEOUT_S) -> int:
    """POST `body` as JSON; returns the HTTP status, raises DeliveryError unless it is 2xx."""
    scheme = urllib.parse.urlsplit(url).scheme.lower()
    if scheme not in ("http", "https"):
        raise DeliveryError(f"not an http(s) URL: {url!r}")
    # A lone surrogate from a badly decoded page would fail to encode: it becomes "?", not a lost alert.
    data = json.dumps(body, ensure_ascii=False).encode("utf-8", errors="replace")
    request = urllib.request.Request(url, data=data, method="POST", headers={
        "Content-Type": "application/json; charset=utf-8", "User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - scheme checked
            status = response.status
    except urllib.error.HTTPError as exc:
        raise DeliveryError(f"HTTP {exc.code} from {url}") from exc
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise DeliveryError(f"cannot reach {url}: {reason}") from exc
    if not 200 <= status < 300:
        raise DeliveryError(f"HTTP {status} from {url}")
    return status


def webhook_sender(url: str, style: str = "json", timeout: float = TIMEOUT_S) -> Callable[[Alert], None]:
    """A `send` for `alert_ledger.deliver_pending`."""
    if style not in STYLES:
        raise ValueError(f"unknown webhook style {style!r}; one of {', '.join(STYLES)}")

    def send(alert: Alert) -> None:
        post_json(url, alert_body(alert, style), timeout)

    return send
