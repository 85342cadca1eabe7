"""The articles behind the charts: a table, and one article's text with its evidence highlighted.

Article text comes from scraped pages and feeds, so it is untrusted: every piece of it is escaped
before it reaches the page, and it goes through `st.html` (no Markdown, sanitised) rather than Markdown,
where `*`, `$` or `[..](..)` in a story would be interpreted.
"""
from __future__ import annotations

import html
from typing import Any

import pandas as pd
import streamlit as st

from analysis.countries import country_name

MENTION_STYLE = "background:#dbe9f6;border-radius:3px;padding:0 2px"
FIGURE_STYLE = "background:#fde2c4;border-radius:3px;padding:0 2px;font-weight:600"


def _spans(detail: dict[str, Any]) -> list[tuple[int, int, str, str]]:
    """Non-overlapping (start, end, style, tooltip) spans, figures first when they collide."""
    wanted = [
        (f["match_start"], f["match_end"], FIGURE_STYLE,
         f"{f['kind']}: {f['value']:,}" + (f" ({f['qualifier']})" if f["qualifier"] else ""))
        for f in detail["figures"] if f["match_start"] is not None
    ] + [(m["start"], m["end"], MENTION_STYLE, country_name(m["country"])) for m in detail["mentions"]]
    chosen: list[tuple[int, int, str, str]] = []
    taken: list[tuple[int, int]] = []
    for span in wanted:
        if all(span[1] <= s or span[0] >= e for s, e in taken):
            chosen.append(span)
            taken.append((span[0], span[1]))
    return sorted(chosen)


def highlighted_html(detail: dict[str, Any]) -> str:
    """The article's text as escaped HTML paragraphs, with mentions and figures marked."""
    text: str = detail["text"]
    parts, cursor = [], 0
    for start, end, style, tip in _spans(detail):
        parts.append(html.escape(text[cursor:start]))
        parts.append(f'<mark style="{style}" title="{html.escape(tip)}">{html.escape(text[start:end])}</mark>')
        cursor = end
    parts.append(html.escape(text[cursor:]))
    body = "".join(parts)
    paragraphs = [p.replace("\n", "<br>") for p in body.split("\n\n") if p.strip()]
    return "".join(f"<p style='margin:0 0 .8em 0;line-height:1.55'>{p}</p>" for p in paragraphs)


def _select_from_table() -> None:
    state = st.session_state.get("articles_table")
    rows = state.selection.rows if state else []
    ids = st.session_state.get("_article_ids", [])
    if rows and rows[0] < len(ids):
        st.session_state.v_article = ids[rows[0]]


def articles_table(df: pd.DataFrame) -> None:
    st.session_state["_article_ids"] = list(df["id"])
    st.dataframe(
        df.drop(columns=["id"]), hide_index=True, key="articles_table", on_select=_select_from_table,
        selection_mode="single-row", height=min(420, 38 + 35 * len(df)),
        column_config={
            "published": st.column_config.DateColumn("date", format="YYYY-MM-DD"),
            "source": "outlet",
            "title": st.column_config.TextColumn("title", width="large"),
            "tone": st.column_config.NumberColumn("tone", format="%+.2f", help="mean VADER compound of its sentences"),
            "countries": st.column_config.TextColumn("countries (mentions)"),
            "figures": "figures reported",
            "url": st.column_config.LinkColumn("link", display_text="open"),
        },
    )


def article_reader(df: pd.DataFrame, detail: dict[str, Any] | None) -> None:
    """A picker (bound to the URL's `article`) and the chosen article with its evidence marked."""
    titles = dict(zip(df["id"], df["title"]))
    current = st.session_state.get("v_article")
    if detail and current and current not in titles:
        titles[current] = detail["title"]
    st.selectbox(
        "Read an article", list(titles), key="v_article", format_func=lambda i: titles.get(i) or "(untitled)",
        index=None, placeholder="Choose an article (or click a row above)",
    )
    if not current:
        return
    if detail is None:
        st.info("That article is not in the database any more.")
        return
    meta = " · ".join(
        html.escape(str(x)) for x in (detail["published"] or "undated", detail["source"] or "unknown outlet") if x
    )
    link = (
        f" · <a href='{html.escape(detail['url'], quote=True)}' target='_blank' rel='noopener'>original</a>"
        if detail.get("url") and str(detail["url"]).startswith(("http://", "https://")) else ""
    )
    tone = f" · tone {detail['tone']:+.2f}" if detail.get("tone") is not None else ""
    legend = (
        f"<span style='{MENTION_STYLE}'>country mention</span> "
        f"<span style='{FIGURE_STYLE}'>reported figure</span>"
    )
    st.html(
        f"<div style='max-width:52em'>"
        f"<div style='font-size:1.15em;font-weight:600;margin-bottom:.2em'>{html.escape(detail['title'] or '(untitled)')}</div>"
        f"<div style='color:#666;font-size:.85em;margin-bottom:.6em'>{meta}{tone}{link}<br>{legend}</div>"
        f"{highlighted_html(detail)}</div>"
    )
