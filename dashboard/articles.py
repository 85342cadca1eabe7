"""The articles behind the charts: a table, and one article's text with its evidence highlighted.

Article text comes from scraped pages and feeds, so it is untrusted: every piece of it is escaped
before it reaches the page, and it goes through `st.html` (no Markdown, sanitised) rather than Markdown,
where `*`, `$` or `[..](..)` in a story would be interpreted.
"""
from __future__ import annotations

import bisect
import html
from typing import Any

import pandas as pd
import streamlit as st

from analysis.store.figure_text import as_reported
from analysis.understand.countries import country_name
from dashboard.counts import counted
from dashboard.escape import is_web_link

MENTION_STYLE = "background:#dbe9f6;border-radius:3px;padding:0 2px"
FIGURE_STYLE = "background:#fde2c4;border-radius:3px;padding:0 2px;font-weight:600"
# A 5,000-character word (or URL) wraps instead of widening the page.
WRAP_STYLE = "overflow-wrap:anywhere;word-break:break-word"

# Act and threat sentences are underlined, so that the mentions and figures inside them stay marked.
SIGNAL_STYLES = {
    "act": ("border-bottom:2px solid #c0392b", "act: force used"),
    "threat": ("border-bottom:2px dashed #d68910", "threat: force shown, warned of or prepared"),
}

Span = tuple[int, int, str, str]  # start, end, style, tooltip


def _spans(detail: dict[str, Any]) -> list[Span]:
    """Non-overlapping (start, end, style, tooltip) spans in text order, figures first when they collide.

    Linear after sorting: one sweep keeps the figures that do not overlap an earlier figure, then one
    merge keeps the mentions (which never overlap each other) that fall between the kept figures. An
    article with tens of thousands of mentions costs milliseconds, not minutes (tests/test_dashboard_views).
    """
    figures = sorted(
        (f["match_start"], f["match_end"], FIGURE_STYLE,
         f"{f['kind']}: {as_reported(f['value'], f.get('wording'))}" + (f" ({f['qualifier']})" if f["qualifier"] else ""))
        for f in detail["figures"] if f["match_start"] is not None
    )
    kept: list[Span] = []
    for span in figures:
        if not kept or span[0] >= kept[-1][1]:
            kept.append(span)
    mentions = sorted((m["start"], m["end"], MENTION_STYLE, country_name(m["country"])) for m in detail["mentions"])
    chosen: list[Span] = []
    i = 0
    for span in mentions:
        while i < len(kept) and kept[i][1] <= span[0]:  # figures wholly before this mention
            chosen.append(kept[i])
            i += 1
        if i < len(kept) and kept[i][0] < span[1]:  # overlaps the next figure: the figure wins
            continue
        if chosen and chosen[-1][1] > span[0]:  # overlaps the previous kept span
            continue
        chosen.append(span)
    chosen.extend(kept[i:])
    return chosen


def _tagged(detail: dict[str, Any]) -> list[tuple[int, int, str]]:
    """(position, order, HTML tag) to insert into the text: signal sentences around the marked spans.

    A mark that would cross a sentence's edge (none should) is left out, so the tags always nest.
    """
    shown = len(detail["text"])  # the text may be cut for the page
    sentences = sorted(
        (s["start"], s["end"], s["kind"]) for s in detail.get("signals") or ()
        if s["kind"] in SIGNAL_STYLES and s["end"] <= shown
    )
    starts = [start for start, _, _ in sentences]
    tags = []
    for start, end, kind in sentences:
        style, tip = SIGNAL_STYLES[kind]
        tags += [(start, 1, f'<span style="{style}" title="{html.escape(tip)}">'), (end, 0, "</span>")]
    for start, end, style, tip in _spans(detail):
        # The sentences do not overlap: only the last one starting before the mark's end can cross it.
        i = bisect.bisect_left(starts, end) - 1
        if i >= 0 and (starts[i] < start < sentences[i][1] < end or start < starts[i] < end < sentences[i][1]):
            continue
        tags += [(start, 2, f'<mark style="{style}" title="{html.escape(tip)}">'), (end, -1, "</mark>")]
    # At one position: close marks, then sentences, then open sentences, then marks.
    return sorted(tags, key=lambda t: (t[0], t[1]))


def highlighted_html(detail: dict[str, Any]) -> str:
    """The article's text as escaped HTML paragraphs, with mentions, figures, acts and threats marked."""
    text: str = detail["text"]
    parts, cursor = [], 0
    for position, _, tag in _tagged(detail):
        parts.append(html.escape(text[cursor:position]))
        parts.append(tag)
        cursor = position
    parts.append(html.escape(text[cursor:]))
    body = "".join(parts)
    paragraphs = [p.replace("\n", "<br>") for p in body.split("\n\n") if p.strip()]
    return "".join(f"<p style='margin:0 0 .8em 0;line-height:1.55'>{p}</p>" for p in paragraphs)


def for_display(df: pd.DataFrame) -> pd.DataFrame:
    """The table as people read it: only http(s) links are links, and a missing value is blank, not "None"."""
    out = df.copy()
    if "url" in out:
        out["url"] = [u.strip() if is_web_link(u) else None for u in out["url"]]
    for column in ("source", "title", "countries", "figures", "qualifier", "sentence"):
        if column in out:
            out[column] = out[column].astype(object).where(out[column].notna(), "")
    return out


def _select_from_table() -> None:
    state = st.session_state.get("articles_table")
    rows = state.selection.rows if state else []
    ids = st.session_state.get("_article_ids", [])
    if rows and rows[0] < len(ids):
        st.session_state.v_article = ids[rows[0]]


def articles_table(df: pd.DataFrame) -> None:
    st.session_state["_article_ids"] = list(df["id"])
    st.dataframe(
        for_display(df.drop(columns=["id"])), hide_index=True, key="articles_table", on_select=_select_from_table,
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


def _select_story() -> None:
    state = st.session_state.get("stories_table")
    rows = state.selection.rows if state else []
    firsts = st.session_state.get("_story_firsts", [])
    if rows and rows[0] < len(firsts):
        st.session_state.v_article = firsts[rows[0]]


def stories_table(df: pd.DataFrame) -> None:
    """Stories, newest first; choosing one opens its first article (with the story's other articles below it)."""
    st.session_state["_story_firsts"] = [ids[0] if len(ids) else None for ids in df["article_ids"]]
    shown = df.assign(
        outlets=[", ".join(o) if o is not None and len(o) else "" for o in df["outlets"]],
        countries=[", ".join(f"{k} {v}" for k, v in c.items()) if isinstance(c, dict) else "" for c in df["countries"]],
        figures=[", ".join(f) if f is not None and not isinstance(f, float) and len(f) else "" for f in df["figures"]],
    )[["last", "first", "title", "articles", "copy_groups", "outlets", "countries", "figures"]]
    st.dataframe(
        shown, hide_index=True, key="stories_table", on_select=_select_story, selection_mode="single-row",
        height=min(360, 38 + 35 * len(df)),
        column_config={
            "last": st.column_config.DateColumn("last seen", format="YYYY-MM-DD"),
            "first": st.column_config.DateColumn("first seen", format="YYYY-MM-DD"),
            "title": st.column_config.TextColumn("story (its earliest article's title)", width="large"),
            "articles": st.column_config.NumberColumn("articles", help="every article, copies included"),
            "copy_groups": st.column_config.NumberColumn("texts", help="articles once each copy group is counted once"),
            "figures": "highest figures reported",
        },
    )


def _select_related() -> None:
    state = st.session_state.get("related_table")
    rows = state.selection.rows if state else []
    ids = st.session_state.get("_related_ids", [])
    if rows and rows[0] < len(ids):
        st.session_state.v_article = ids[rows[0]]


def related_articles(relations: dict[str, Any]) -> None:
    """The article's copies and the other articles of its story (choosing one opens it)."""
    rows = [{**r, "relation": "copy of this text"} for r in relations["copies"]] + \
           [{**r, "relation": "same story"} for r in relations["story_articles"]]
    if not rows:
        st.caption("No copy of this article and no other article of its story in the database.")
        return
    df = pd.DataFrame(rows)
    st.session_state["_related_ids"] = list(df["id"])
    st.caption(f"{counted(len(relations['copies']), 'copy', 'copies')} of this text by other outlets or pages, "
               f"{counted(len(relations['story_articles']), 'other article')} of its story:")
    st.dataframe(
        df[["relation", "published", "source", "title"]], hide_index=True, key="related_table",
        on_select=_select_related, selection_mode="single-row",
        column_config={"published": st.column_config.DateColumn("date", format="YYYY-MM-DD"), "source": "outlet"},
    )


def date_shown(detail: dict[str, Any]) -> str:
    """The article's date as the reader shows it: a year the page did not give is said to be inferred."""
    if not detail["published"]:
        return "undated"
    return f"{detail['published']} (year inferred)" if detail.get("date_inferred") else str(detail["published"])


def article_reader(df: pd.DataFrame, detail: dict[str, Any] | None, relations: dict[str, Any] | None = None) -> None:
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
        html.escape(str(x)) for x in (date_shown(detail), detail["source"] or "unknown outlet") if x
    )
    link = (
        f" · <a href='{html.escape(detail['url'].strip(), quote=True)}' target='_blank' "
        "rel='noopener noreferrer'>original</a>"
        if is_web_link(detail.get("url")) else ""
    )
    tone = f" · tone {detail['tone']:+.2f}" if detail.get("tone") is not None else ""
    if detail.get("body_cut"):
        tone += f" · <b>cut at {detail['stored_chars']:,} characters at ingestion</b>"
    if detail.get("cut"):
        tone += f" · <b>only the first {len(detail['text']):,} characters are shown</b>"
    legend = (
        f"<span style='{MENTION_STYLE}'>country mention</span> "
        f"<span style='{FIGURE_STYLE}'>reported figure</span> "
        + " ".join(f"<span style='{style}' title='{tip}'>{kind} sentence</span>" for kind, (style, tip) in SIGNAL_STYLES.items())
    )
    st.html(
        f"<div style='max-width:52em;{WRAP_STYLE}'>"
        f"<div style='font-size:1.15em;font-weight:600;margin-bottom:.2em'>{html.escape(detail['title'] or '(untitled)')}</div>"
        f"<div style='color:#666;font-size:.85em;margin-bottom:.6em'>{meta}{tone}{link}<br>{legend}</div>"
        f"{highlighted_html(detail)}</div>"
    )
    if relations is not None:
        related_articles(relations)
