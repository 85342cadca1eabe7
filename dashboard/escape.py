"""Untrusted text (article data, URL parameters) made safe for the two renderers the page has.

Streamlit renders Markdown not only in `st.markdown` but in captions, metric labels, values and help
tooltips, widget labels, tabs and expanders, with its own extensions (`:red[...]` directives, emoji and
`:material/...:` shortcodes, `$...$` KaTeX, GFM autolinks). `markdown()` is the one helper every such
place goes through. Plotly renders a subset of HTML in titles, labels and hovers: `plotly()` is the
helper there.
"""
from __future__ import annotations

import html
import math
import re
import string
import textwrap

# CommonMark lets any ASCII punctuation be escaped with a backslash, and an escaped character is never
# syntax: not emphasis, link, image, heading, list, table, HTML, entity, directive, math or autolink.
_PUNCTUATION = frozenset(string.punctuation)
# Shortcodes (`:smile:`, `:+1:`, `:material/home:`) are replaced in the text after parsing, where escapes
# are gone: an invisible word joiner between a colon and a name keeps `:name:` from being a shortcode.
# (Only there: "10:30" stays as it is, for copying and searching.)
WORD_JOINER = "\u2060"
_SHORTCODE_START = re.compile(r":(?=[\w+\-])")
# GFM autolinks ("http://x", "www.x", "a@x") are also found in the text after parsing: a word joiner
# after "://", after "www" and after "@" breaks each pattern.
_AUTOLINK = re.compile(r"(?<=://)|(?<=www)(?=\.)|(?<=@)", re.IGNORECASE)
_MARKDOWN_TABLE = {ord(ch): "\\" + ch for ch in _PUNCTUATION}


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def one_line(value: object) -> str:
    """The text on one line: line breaks and runs of spaces become one space (a newline in Markdown can
    open a heading, a list or a code block; in a caption it only breaks the layout)."""
    return "" if _missing(value) else " ".join(str(value).split())


def markdown(value: object) -> str:
    """`value` as Markdown that Streamlit shows exactly as the text it is (on one line)."""
    text = _AUTOLINK.sub(WORD_JOINER, _SHORTCODE_START.sub(":" + WORD_JOINER, one_line(value)))
    return text.translate(_MARKDOWN_TABLE)


def plotly(value: object, width: int | None = None) -> str:
    """`value` for a Plotly title, label or hover: tags and entities shown as text, optionally wrapped
    at `width` characters with <br> (long words are cut, so a 5,000-character token cannot overflow).

    Quotes are left alone: Plotly shows `&quot;` as those six characters (it knows only a few named
    entities), and a quote is harmless where Plotly reads no attributes from the text.
    """
    text = one_line(value)
    lines = textwrap.wrap(text, width, break_long_words=True) if width else [text]
    return "<br>".join(html.escape(line, quote=False) for line in lines or [""])


def is_web_link(url: object) -> bool:
    """Only http(s) addresses become links: `javascript:`, `data:` and the rest stay text."""
    if _missing(url):
        return False
    text = str(url).strip()
    scheme, sep, rest = text.partition(":")
    return bool(sep) and scheme.lower() in ("http", "https") and rest.startswith("//") and len(rest) > 2 \
        and not any(ch.isspace() or ord(ch) < 32 for ch in text)
