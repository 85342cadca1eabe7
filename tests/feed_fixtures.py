"""Fixture feeds and pages for the feed, URL and watch tests (written for the project)."""
from __future__ import annotations

import html

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{title} | Harbor Wire</title>
<meta property="og:title" content="{title}">
<meta property="og:site_name" content="Harbor Wire">
<meta property="article:published_time" content="{date}T08:15:00Z">
</head><body>
<nav><a href="/">Home</a> / <a href="/world">World</a> / <a href="/europe">Europe</a></nav>
<article>
<h1>{title}</h1>
<p class="byline">By Lena Marsh · <time datetime="{date}T08:15:00Z">{date}</time></p>
{paragraphs}
</article>
<aside><h2>Most read</h2><ul><li><a href="/x">Ceasefire talks stall in Doha</a> 2025-10-02</li></ul></aside>
<footer>© 2025 Harbor Wire. All rights reserved. FOLLOW US</footer>
</body></html>"""

STORIES = [
    (
        "Russia launches 90 drones at Ukrainian cities overnight",
        "2025-11-20",
        [
            "Russia launched 90 drones and 12 missiles at Ukraine overnight, the Ukrainian air force said on Thursday.",
            "Air defences shot down most of them, but at least four people were killed in the city of Kharkiv.",
            "Officials in Kyiv said 17 people were wounded and called on allies to send more air defence systems.",
        ],
    ),
    (
        "Poland scrambles jets as drones cross into its airspace",
        "2025-11-21",
        [
            "Poland scrambled four fighter jets early on Friday after Russian drones strayed into its airspace.",
            "Warsaw said it had summoned the Russian charge d'affaires and would raise the incident with NATO allies.",
            "No one was hurt, the Polish army said in a statement.",
        ],
    ),
    (
        "Sudan displacement tops 1.2 million as fighting spreads",
        "2025-11-22",
        [
            "Fighting in Sudan's Darfur region has displaced more than 1.2 million people since April, aid agencies said.",
            "Chad has received tens of thousands of Sudanese refugees in recent weeks, straining camps along the border.",
            "At least 40 civilians were killed in shelling on Saturday, a local monitor said.",
        ],
    ),
]


def page_html(title: str, date: str, paragraphs: list[str]) -> str:
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return PAGE.format(title=html.escape(title), date=date, paragraphs=body)


def rss(base: str, items: list[tuple[str, str, str, str]]) -> str:
    """items: (path, title, pubDate RFC 822, description)."""
    entries = "\n".join(
        f"""<item><title>{html.escape(t)}</title><link>{base}{p}</link><guid>{base}{p}</guid>
<pubDate>{d}</pubDate><description>{html.escape(s)}</description></item>"""
        for p, t, d, s in items
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Harbor Wire World</title><link>{base}/</link>
<description>World news</description>
{entries}
</channel></rss>"""


def atom(base: str, items: list[tuple[str, str, str, str]]) -> str:
    entries = "\n".join(
        f"""<entry><title>{html.escape(t)}</title><link href="{base}{p}"/><id>{base}{p}</id>
<updated>{d}</updated><content type="html">{html.escape(s)}</content></entry>"""
        for p, t, d, s in items
    )
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Meridian Daily</title><id>{base}/atom</id>
<updated>2025-11-22T10:00:00Z</updated>
{entries}
</feed>"""


RFC822 = {"2025-11-20": "Thu, 20 Nov 2025 08:15:00 GMT", "2025-11-21": "Fri, 21 Nov 2025 08:15:00 GMT",
          "2025-11-22": "Sat, 22 Nov 2025 08:15:00 GMT"}
