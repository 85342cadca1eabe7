"""Cleaning: a raw page in, the article out (title, date, outlet, body without the page around it).

HTML goes through trafilatura, which is built for exactly this. Scraped pages saved as *text* (the page's
visible text, navigation and footers included) have no tags left to guide a library, so they go
through a pipeline of small steps, each testable on a fragment:

    lines -> cut the footer -> find the title -> read the byline (date, outlet) -> drop page furniture

Dates are only read from metadata and from the header around the title: a teaser under "Most Viewed"
carries another story's date, and a wrong date is worse than none.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import html
import itertools
import re
import unicodedata
from collections.abc import Iterator

from analysis.read.menus import drop_menus, is_menu, mark_spaced_menus, split_outlet_suffix
from analysis.read.dates import (
    date_in_url, date_readings, day_in_year_month, end_of_year_month, find_date, find_dated_dateline,
    find_yearless_dateline, find_yearless_stamp, infer_year, is_date_alone, is_yearless_stamp, numeric_order,
    numeric_writing, parse_date, same_day_stated, stamp_set_apart, stated_weekday, weekday_of_stamp,
    year_month_in_url,
)
from analysis.models import Article, RawDocument
from analysis.understand.text import normalise_whitespace


class CleaningError(ValueError):
    """The input holds no article text; the message names the input and says why, for the ingestion
    report (`reason` is the why alone, for reports that name the input themselves)."""

    def __init__(self, reason: str, origin: str = ""):
        super().__init__(f"{origin}: {reason}" if origin else reason)
        self.reason = reason
        self.origin = origin


MIN_BODY_CHARS = 40
# An article's body is cut past this many characters at ingestion (issue 18): every later step (sentences,
# figures, the store, the article view) then has a bound. 200,000 characters is ~30,000 words, some 15 times
# a long feature; what lies past it in a scraped page is almost always clutter or a concatenation of pages.
MAX_BODY_CHARS = 200_000

# Lines where the page's own furniture starts: everything from here down is not the article.
_FOOTER = re.compile(
    r"^(?:most\s+(?:viewed|read|popular|shared|watched)|related(?:\s+(?:stories|articles|news|coverage|content"
    r"|topics|posts))?:?|read\s+more|more\s+(?:from|on|stories|news)\b|recommended|trending|you\s+may\s+also\s+like"
    r"|top\s+stories|editor'?s\s+picks|latest\s+(?:news|stories)|back\s+to\s+(?:the\s+)?top|follow\s+us"
    r"|sign\s+up\s+for|subscribe\s+to\s+our|copyright\b|©|\(c\)\s+\d{4}|all\s+rights\s+reserved"
    r"|share\s+this\s+(?:article|story)|comments?\s*\(\d+\)|leave\s+a\s+comment|tags?:)",
    re.IGNORECASE,
)
# Short lines that are page widgets, wherever they sit.
_FURNITURE = re.compile(
    r"^(?:share(?:\s*[-–:|]\s*\w+)?|tweet|print|e-?mail|facebook|twitter|x|linkedin|whatsapp|wechat|weibo"
    r"|telegram|reddit|copy\s+link|listen(?:\s+to\s+this\s+article)?|save|comments?|advertisement|ad"
    r"|skip\s+to\s+(?:main\s+)?content|menu|search|log\s*in|sign\s+in|subscribe|home|top|english|font\s*size"
    r"|[a+\-]{1,3}|\d+\s+min(?:ute)?s?\s+read|editor:.*|photo:.*|file\s+photo.*|image:.*|credit:.*"
    r"|(?:license|licence|registration)\b.*|\d{2,4}\s*[*x×]\s*\d{2,4}|follow\s+us.*|global\s+edition.*"
    r"|updated\s*:.*|published\s*:.*)$",
    re.IGNORECASE,
)
_BYLINE_SOURCE = re.compile(r"^(?:source|by|from|via)\s*:?\s+", re.IGNORECASE)
_DATE_LABEL = re.compile(r"\b(?:updated|published|posted|last\s+modified|date)\s*:?\s*", re.IGNORECASE)
_TAGS = re.compile(r"</?[A-Za-z!?][^>]{0,500}>")
_MAX_TITLE_WORDS = 30
_BARE_MARK = re.compile(r"(?:^|\s)[^\w\s]+(?=\s|$)")  # "|", "–", "»" standing alone between words


# ASCII characters that are not word characters (`\w`) as spaces: on ASCII text, splitting the result
# gives the words `re.findall(r"\w+")` would, in a third of the time (translate has a fast path for ASCII).
_ASCII_NON_WORD_AS_SPACE = str.maketrans(
    {c: " " for c in map(chr, range(128)) if not (c.isalnum() or c == "_")}
)


def article_id(body: str) -> str:
    """Hash of the normalised body: case, accents' forms, punctuation and whitespace do not count, so
    the same story saved from two pages (or re-encoded) is one article."""
    text = unicodedata.normalize("NFKC", body)
    data = text.encode("utf-8", "surrogatepass")  # a lone surrogate is no word character, as any other
    if not text.isascii():
        # News is rarely ASCII, but its other characters are mostly punctuation (quotes, dashes, the euro
        # sign) that case-folding leaves as they are and the words' key drops. When all are, the key is made
        # from the UTF-8 bytes alone, each of those characters' bytes a space.
        outside = set(data.translate(None, _ASCII_BYTES).decode("utf-8", "surrogatepass"))
        if not all(not (ch.isalnum() or ch == "_") and ch.casefold() == ch for ch in outside):
            return _id_of_key(_words_key(text.casefold()).encode("utf-8"))
    return _id_of_key(b" ".join(data.translate(_KEY_BYTES).split()))


def _id_of_key(key: bytes) -> str:
    return hashlib.blake2b(key, digest_size=16).hexdigest()


_ASCII_BYTES = bytes(range(128))
# Each byte as `_words_key` of the case-folded text sees it: ASCII's letters lower-cased, its digits and "_"
# kept (the word characters), any other byte (ASCII's punctuation and spaces, UTF-8's bytes of other
# characters) a space.
_KEY_BYTES = bytes(
    ord(chr(b).lower()) if b < 128 and (chr(b).isalnum() or chr(b) == "_") else ord(" ") for b in range(256)
)


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _words_key(text: str) -> str:
    r"""The words `re.findall(r"\w+", text)` gives, joined by spaces."""
    if not text.isascii():
        # Most non-ASCII characters in news are punctuation (quotes, dashes, the euro sign): as spaces,
        # they leave ASCII text, and its fast path.
        for ch in set(_NON_ASCII.findall(text)):
            if ch.isalnum() or ch == "_":  # what `\w` matches besides ASCII: a letter or digit stays
                return " ".join(re.findall(r"\w+", text))
            text = text.replace(ch, " ")
    return " ".join(text.translate(_ASCII_NON_WORD_AS_SPACE).split())


_SCRIPT_OR_STYLE = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)


def plain_text(value: str | None) -> str:
    """Markup as text: tags dropped, entities decoded, whitespace collapsed (titles with HTML or
    scripts in them must be shown, never run)."""
    if not value:
        return ""
    text = html.unescape(value)
    # Titles, outlets and bylines, a few per article, mostly hold no markup: without a "<" neither
    # pattern can match. (Patterns compiled once: `re.sub` with flags combined them again on every call.)
    if "<" in text:
        text = _SCRIPT_OR_STYLE.sub(" ", text)
        text = _TAGS.sub(" ", text)
        text = text.replace("<", "‹")
    text = text.replace(">", "›")  # a stray bracket can never become a tag again
    # str.split() and the regex `\s` split on the same (Unicode) whitespace
    return " ".join(text.split())


# --- text pages ----------------------------------------------------------------------------------


def cut_footer(lines: list[str], start: int = 0, story_from: int | None = None) -> list[str]:
    """Lines up to the first footer marker at or after `start`; above the story's first paragraph
    (`story_from`), a menu that opens with a section's name ("Top Stories | World | Business") is
    navigation, not the footer."""
    for i in range(start, len(lines)):
        line = lines[i]
        if story_from is not None and i < story_from and is_menu(line):
            continue
        if len(line) <= 80 and _FOOTER.match(line):
            return lines[:i]
        # (a line's first nine characters, lower-cased, open it as its whole would: no prose line is copied)
        if line[:9].lower().startswith(("copyright", "©")):
            return lines[:i]
    return lines


def is_furniture(line: str) -> bool:
    """A navigation, widget or caption line rather than article prose: menus and breadcrumbs of any length
    ("Home | India | World | Opinion | Sports", "Home > World > Asia") included."""
    stripped = line.strip()
    if not stripped:
        return True
    return len(stripped) <= 80 and bool(_FURNITURE.match(stripped)) or is_menu(stripped)


def is_headline(line: str) -> bool:
    """Whether a line reads like a headline: a few words of prose, not a menu or a byline."""
    words = len(line.split()) - len(_BARE_MARK.findall(line))  # a bar or a dash is no word
    if not 4 <= words <= _MAX_TITLE_WORDS or is_furniture(line) or is_byline(line) or is_story_paragraph(line):
        return False
    if line[:1] in "PpUuFfLl" and labelled_opening_readings(line):  # "Posted on May 2, 2024 by ...": a byline
        return False
    if _FOOTER.match(line):
        return False  # a section's name ("Most Read | Most Shared", "Top Stories"), not a story's
    letters = sum(map(str.isalpha, line))
    return letters >= 0.6 * len(line.replace(" ", "")) and not line.endswith(":")


def is_byline(line: str) -> bool:
    """A short line naming the date and/or the author or outlet ("Xinhua | Updated: 2025-12-02 17:30")."""
    if len(line) > 160:
        return False
    return bool(date_readings(line)) or bool(re.match(r"^by\s+[A-Z]", line)) or bool(_BYLINE_SOURCE.match(line) and len(line.split()) <= 8)


def read_byline(
    line: str, day_first: bool | None = None, today: dt.date | None = None
) -> tuple[str | None, str | None]:
    """(published ISO date or None, outlet or None) from a byline; a numeric date that may be either way
    round ("03/04/2024") is read in `day_first`'s order, or not at all."""
    found = find_date(line, today, day_first)
    published = found[0].isoformat() if found else None
    source = None
    for part in re.split(r"\s*(?:\||·|•|—|–|\s-\s)\s*", line):
        part = part.strip(" ,;")
        if not part or date_readings(part) or _DATE_LABEL.fullmatch(part + " "):
            continue
        label = _BYLINE_SOURCE.match(part)
        if label and part.lower().startswith("by "):
            # "By Jane Doe, Reuters": the outlet, if any, follows the author's name
            _, _, outlet = part[label.end():].partition(",")
            source = outlet.strip() or source
            continue
        candidate = part[label.end():] if label else part
        candidate = _DATE_LABEL.sub("", candidate).strip(" ,;:")
        if candidate and len(candidate.split()) <= 6 and not any(ch.isdigit() for ch in candidate):
            source = candidate
            break
    return published, source


# A photo's caption or credit: between a headline and its byline on many pages, and no story paragraph.
_CAPTION = re.compile(
    r"^(?:file\s+)?(?:photo|image|picture|pictured)\b|\((?:file\s+)?(?:photo|image|picture)\b"
    r"|\b(?:reuters|afp|ap|getty\s+images|epa|anadolu|xinhua)\s*/\s*\w|\w\s*/\s*(?:reuters|afp|ap|getty\s+images|epa)\b"
    # an agency's photo credit in parentheses: "(AP Photo/Brian Inganga)", "(AFP Photo)", "(Reuters Photo)"
    r"|\((?:ap|afp|reuters|epa|upi|aa|xinhua|anadolu|yonhap|kyodo|ani|pti|tass|bernama)\s+photo\b"
    r"|\bphoto(?:graph)?s?\s*(?::|by\b)|\bcredit\s*:",
    re.IGNORECASE,
)
_CAPTION_WORDS = ("photo", "image", "picture", "credit", "/")
# Where the people pictured stand: "Kim Jong Un (left)", "(2nd R)", "(centre)", "Putin (L) and Xi (R)". A
# letter alone is a place only with an ordinal or beside another: "Sen. Tom Cotton (R)" is a party, "2(c)" a clause.
_PICTURED_AT = re.compile(
    r"\((?:(?:far\s+|\d(?:st|nd|rd|th)\s+(?:from\s+)?)?(?:left|right)|\d(?:st|nd|rd|th)\s+(?:from\s+)?[lr]"
    r"|centre|center|front|back)\)"
    r"|\([lr]\).*\([lrc]\)",
    re.IGNORECASE,
)
# A picture's credit closing a sentence that describes it: "... witnessing the launch, on March 16, 2023. AFP",
# "... in Kyiv. REUTERS", "... on Tuesday. AP Photo". A story's paragraph credits its agency in parentheses
# ("... officials said. (AFP)"), and a byline is not a sentence.
_CREDIT_AT_END = re.compile(
    r"\S[.!?”\"]\s+(?:afp(?:\s+via\s+getty\s+images)?|reuters(?:\s+file(?:\s+photo)?)?|ap(?:\s+photo)?|epa(?:-efe)?"
    r"|getty\s+images|yonhap|kyodo|xinhua|anadolu(?:\s+agency)?|bernama|file(?:\s+photo)?)\.?$",
    re.IGNORECASE,
)
_CREDIT_LAST_WORDS = frozenset(
    "afp reuters ap photo epa epa-efe images yonhap kyodo xinhua anadolu agency bernama file".split()
)
_CAPTION_MIN_WORDS = 8


def is_caption(line: str) -> bool:
    head = line[:200].lower()
    # the regexes only where one of their words is: most lines are prose and fail these at once
    if any(word in head for word in _CAPTION_WORDS) and _CAPTION.search(head):
        return True
    if "(" in head and _PICTURED_AT.search(head):
        return True
    last = line[line.rfind(" ") + 1:].rstrip(".").lower()
    return (
        last in _CREDIT_LAST_WORDS and line.count(" ") >= _CAPTION_MIN_WORDS
        and bool(_CREDIT_AT_END.search(line, max(0, len(line) - 60)))
    )


# A paragraph that opens with a dateline: "KHARTOUM — ", "TAIPEI, Nov 27 (Reuters) - ", "CAIRO (AP) — ".
_DATELINE_OPENING = re.compile(
    r"^[A-Z][A-Z.'’\-]+(?:[ ,]+[A-Z][A-Za-z.'’\-]+){0,4}(?:,[ \t]*[A-Za-z]+\.?[ \t]+\d{1,2}(?:,[ \t]*\d{4})?)?"
    r"[ \t]*(?:\([^)\n]{1,40}\))?[ \t]*(?:-{1,2}|—|–)[ \t]"
)
_STORY_MIN_WORDS = 12


def _starts_story(line: str) -> bool:
    """A sentence of the story itself: no byline comes after it."""
    return (
        len(line.split()) > 6 and line.endswith((".", '"', "”", "!", "?")) and not line.endswith(("a.m.", "p.m."))
        and not is_caption(line)
    )


def is_story_paragraph(line: str) -> bool:
    """A paragraph of the story's prose (never a headline): a dateline opens it, or it is long and ends
    a sentence."""
    words = line.count(" ") + 1  # lines are whitespace-normalised: one space between words
    if words < 6:
        return False
    prose = words >= _STORY_MIN_WORDS and line.rstrip("\"'”’)").endswith((".", "!", "?"))
    if not prose and not _DATELINE_OPENING.match(line):
        return False
    return not is_caption(line) and not is_furniture(line)


# A byline that labels its date, the label opening it or after a separator ("Reuters | Kyiv | Updated: ...").
_LABELLED_DATE_LINE = re.compile(
    r"^(?=.{0,160}$)(?:.{0,60}?\s[|•·—–-]\s*)?(?:(?:first|last)\s+)?(?:updated|published|posted|created)\b",
    re.IGNORECASE,
)
# The day's paper or edition in a masthead ("Today's Paper | November 05, 2024"): the day the page was
# read, not the story's.
# A line that is only a publication label and a date (with its clock): some pages put it under the story,
# not above it. The label must open the line: "the report was published on March 2, 2019" is prose.
_DATE_LINE_ALONE = re.compile(
    r"^(?:first\s+|last\s+)?(?:published|updated|posted)(?:\s+on)?\s*:?\s*(?=.{6,60}$)(?:[^.!?]*)$", re.IGNORECASE
)
_MASTHEAD_DAY = re.compile(r"\b(?:today['’]?s\s+(?:paper|edition)|e-?paper)\b", re.IGNORECASE)


def _byline_rows(lines: list[str], title_at: int | None, body_from: int) -> Iterator[int]:
    """Where a byline may be, nearest first: below the title (after a standfirst or a photo's caption,
    perhaps on two lines: "By Jane Doe, Meridian Daily", "Published: March 14, 2025") until the story
    starts, then just above."""
    for i in range(body_from, min(len(lines), body_from + 5)):
        if is_caption(lines[i]):
            continue
        if _starts_story(lines[i]):
            # A standfirst, or a photo's long caption, may read like the story's first sentence: a line
            # right after it that labels its date ("Reuters | Kyiv | Updated: 29-06-2022 11:23 IST") or is
            # a date alone ("October 14, 2021" under "Press release by the Defence Ministry.") is still the
            # byline.
            after = [j for j in range(i + 1, min(len(lines), i + 5)) if lines[j]][:2]
            yield from (
                j for j in after
                if (_LABELLED_DATE_LINE.search(lines[j]) or is_date_alone(lines[j])) and not _starts_story(lines[j])
            )
            break
        yield i
    if title_at is not None:
        # (a photo's caption above the headline, "... May 22, 2015. (File photo: Reuters)", is the photo's date;
        # only a row with a date is asked, as the byline's reading asks it again at no cost)
        yield from (i for i in _rows_above(lines, title_at) if not (date_readings(lines[i]) and is_caption(lines[i])))
        # The headline shown twice ("Rebels seize town" at the page's head, again over the story after a
        # photo widget and a list): the stamp by its first copy is this story's too.
        first_copy = next((j for j in range(title_at) if lines[j] == lines[title_at]), None)
        if first_copy is not None and first_copy < title_at - 3:
            yield from _rows_above(lines, first_copy)
            yield from _dated_rows_below(lines, first_copy, title_at)


def _dated_rows_below(lines: list[str], row: int, until: int) -> Iterator[int]:
    """The rows with a date just under a headline's first copy ("World News" / "2023-11-27 | 10:09" before share
    buttons and the headline again over the story), up to a section's name: below that are other stories'."""
    for i in range(row + 1, min(until, row + 4)):
        if _TEASER_LABEL.match(lines[i]) or _FOOTER.match(lines[i]):
            return
        if date_readings(lines[i]) or is_yearless_stamp(lines[i]):
            yield i


def _rows_above(lines: list[str], row: int) -> Iterator[int]:
    """The three rows above a headline, nearest first, up to a section's name ("Related Posts", "Top 5 This
    Week"): what is above that is the site's header (its day's date) or another block's."""
    rows = []
    for i in range(row - 1, max(-1, row - 4), -1):
        if _TEASER_LABEL.match(lines[i]) or _FOOTER.match(lines[i]):
            # "Latest News" / "Floods kill 9 in the north" / "March 3, 2024" above the headline: a teaser's
            # headline and date under the section's name, none of them this story's
            if any(is_headline(lines[j]) for j in rows):
                return
            break
        rows.append(i)
    yield from rows


_TEASER_LABEL = re.compile(
    r"^(?:latest|breaking|related|read\s+more|more|trending|popular|top\s+stories|also\s+read|see\s+also|watch"
    r"|top\s+\d+\s+(?:this\s+week|stories|news|articles)|recent\s+(?:posts|stories|news|articles)|must\s+read"
    r"|in\s+case\s+you\s+missed\s+it)\b",
    re.IGNORECASE,
)
# An item of a list ("- Rada terminates protocol 10.04.2023", "• Floods kill 9"): a list of posts, never the
# headline nor its byline.
_LIST_ITEM = re.compile(r"^[-–•*·]\s+\S")
# A sentence's small words: a line with many of them besides its date is prose (a caption: "Smoke billows
# from the village after forces captured it, on October 11, 2015"), never a byline of names and places.
_PROSE_WORD = re.compile(r"(?<![\w'’-])[a-z]{2,}(?![\w'’-])")
_BYLINE_MAX_SMALL_WORDS = 7
_CLOCK = re.compile(r"\b\d{1,2}[:.]\d{2}(?::\d{2})?(?:\s*[ap]\.?m\b\.?|\b)", re.IGNORECASE)  # "08:40pm" too


# A post's reading time, which blogs (Wix, Medium) print in the byline beside the author and the day: "1 min read".
_READ_TIME = re.compile(r"\b\d{1,3}\s*(?:min(?:ute)?s?)\.?\s+read\b", re.IGNORECASE)
_BYLINE_PART = re.compile(r"\s+[·•|]\s+|\s+[-–]\s+")


def _byline_item(lines: list[str], row: int) -> tuple[str, bool]:
    """(the row as a byline reads it, whether it is in a byline with a reading time): in such a byline ("- Saw
    Kyaw Oo" / "- Mar 6" / "- 1 min read", "Saw Kyaw Oo · Mar 6 · 2 min read") a list item is a part of it, not
    a list of posts, and a part that is a day and month is the post's stamp, bare as it is (a whole date is read
    from the whole line, with the author and outlet beside it)."""
    line = lines[row]
    # ("ead" first: a substring test costs a tenth of the pattern's, and most bylines have no reading time)
    near = lines[max(0, row - 3): row + 4]
    if not any(("ead" in other or "EAD" in other) and _READ_TIME.search(other) for other in near):
        return line, False
    item = line[1:].strip() if _LIST_ITEM.match(line) else line
    parts = [part for part in _BYLINE_PART.split(item) if part and not _READ_TIME.search(part)]
    stamp = next((part for part in parts if is_yearless_stamp(part, bare=True)), None)
    return stamp or item, True


def _teaser(line: str) -> bool:
    """A line above the headline that links another story ("Latest: Floods kill 12 - June 3, 2024"), not
    this story's byline: a teaser label, or figures besides its date and time."""
    found = date_readings(line)
    rest = _CLOCK.sub("", line[: found[1]] + line[found[2]:] if found else line)
    return bool(_TEASER_LABEL.match(line) or _LIST_ITEM.match(line)) or any(ch.isdigit() for ch in rest)


def _reads_as_prose(line: str) -> bool:
    """Whether a line with a date is a sentence that names a day (a photo's caption, the story's history),
    not a byline: many lower-case words besides its date."""
    found = date_readings(line)
    rest = line[: found[1]] + " " + line[found[2]:] if found else line
    return len(_PROSE_WORD.findall(rest)) > _BYLINE_MAX_SMALL_WORDS


# Spaces lost after punctuation ("on Tuesday,hours after", "were killed.The army said"): put back where a
# word runs on into a word, never inside numbers ("1,000"), abbreviations ("U.S.") or addresses ("x.com").
_GLUE_CANDIDATE = re.compile(r"[,;.!?](?=[A-Za-z])")  # a cheap scan; the rule itself is in _space_after


def _space_after(m: re.Match[str]) -> str:
    text, i, mark = m.string, m.start(), m.group()
    run_on = i >= 2 and text[i - 1].islower() and text[i - 2].islower()
    if run_on and (mark in ",;" or (text[i + 1].isupper() and text[i + 2 : i + 3].islower())):
        return mark + " "
    return mark


def unglue(text: str) -> str:
    return _GLUE_CANDIDATE.sub(_space_after, text)


# A headline sits a few lines above the story at most: a standfirst, a kicker and a caption between them,
# bylines and page widgets aside. A "headline" further up is a site's tagline or a menu.
_MAX_LINES_HEADLINE_TO_STORY = 3
_MAX_TITLE_CHARS = 120


def _title_at(lines: list[str], first_story: int | None) -> int | None:
    """The headline's row: the first headline-like line close enough above the story's first paragraph."""
    for i, line in enumerate(lines[: first_story if first_story is not None else 40]):
        if not is_headline(line) or _LIST_ITEM.match(line):
            continue
        if first_story is None:
            return i
        between = [
            row for row in lines[i + 1 : first_story]
            if not is_furniture(row) and not is_byline(row) and not is_caption(row)
        ]
        # A section label ("Latest News", "Most Read") between them: the line is a site's tagline or a teaser.
        if len(between) <= _MAX_LINES_HEADLINE_TO_STORY and not any(_FOOTER.match(row) for row in between):
            return i
    return None


def first_sentence_title(paragraph: str) -> str:
    """A title for a page that has none: the story's first sentence without its dateline, cut at a word
    to a sensible length."""
    m = _DATELINE_OPENING.match(paragraph)
    text = paragraph[m.end():] if m else paragraph
    yearless = None if m else find_yearless_dateline(text)
    if yearless and not text[: yearless[2]].strip():  # a dateline opening the paragraph, not one run into it
        text = text[yearless[3]:]
    text = text.strip()
    end = re.search(r"(?<=[a-z0-9\"”’)][.!?])\s+(?=[A-Z\"“‘])", text)
    sentence = text[: end.start()] if end else text
    sentence = sentence.rstrip(".")
    if len(sentence) <= _MAX_TITLE_CHARS:
        return sentence
    head = sentence[: _MAX_TITLE_CHARS]
    clause = max(head.rfind(", "), head.rfind("; "), head.rfind(" — "))
    cut = head[:clause] if clause >= _MAX_TITLE_CHARS // 2 else head.rsplit(" ", 1)[0]
    return cut.rstrip(",;:—–- ") + "…"


def _date_line_at_foot(lines: list[str], body_from: int, today: dt.date | None) -> tuple[dt.date, int] | None:
    """(date, row) of a line that is only a publication label and a date right under a paragraph of the story
    ("First Published: Jul 12 2014 | 7:56 AM IST"), a widget's line between them at most; one under other
    stories' headlines or a section's name ("Opinion", "IMF's unease", "Updated 24 May, 2024") is theirs."""
    last_story = None
    for i in range(body_from, len(lines)):
        if is_story_paragraph(lines[i]):
            last_story, between = i, 0
            continue
        if last_story is None or is_furniture(lines[i]):
            continue
        if _DATE_LINE_ALONE.match(lines[i]) and (found := find_date(lines[i], today)):
            return (found[0], i) if between <= 1 else None
        between += 1
        if _FOOTER.match(lines[i]) or _TEASER_LABEL.match(lines[i]):  # "Most Read", "Related", "Also read"
            return None
    return None


# Who signs a statement at its foot, above its date: "Office of the Spokesperson", "Ministry Of Foreign Affairs
# of the FDRE", "Embassy of Japan in Kenya", "Press Service of the President".
_SIGNATURE = re.compile(
    r"\b(?:office|ministry|minister|spokes(?:person|man|woman)|embassy|consulate|department|secretariat"
    r"|press\s+(?:service|office|section|centre|center)|government|directorate|headquarters|command|council"
    r"|mission|bureau|presidency|commission|agency)\b",
    re.IGNORECASE,
)
# The small words a signature has (the rest are names, capitalised): a teaser's headline has verbs and nouns
# ("Ministry of Health warns of floods").
_SIGNATURE_SMALL_WORDS = frozenset("of the and for in on to at by de des du la le".split())
_MAX_SIGNATURE_LINES = 3


def _signed_date_at_foot(lines: list[str], body_from: int, today: dt.date | None) -> tuple[dt.date, int] | None:
    """(date, row) of a statement's date alone on its last line under its signature ("Office of the
    Spokesperson" / "31 May 2020"), the story's paragraphs above them: a release dated where it is signed."""
    rows = [i for i in range(body_from, len(lines)) if lines[i]]
    if len(rows) < 2 or not is_date_alone(lines[rows[-1]], today):
        return None
    signature = []
    for i in reversed(rows[:-1]):
        if is_story_paragraph(lines[i]):
            break
        signature.append(lines[i])
        if len(signature) > _MAX_SIGNATURE_LINES:
            return None
    else:
        return None  # no story above the signature
    if not signature or not any(_SIGNATURE.search(line) for line in signature):
        return None
    for line in signature:
        small = {word for word in re.findall(r"[A-Za-z]+", line) if word.islower()}
        if any(ch.isdigit() for ch in line) or not small <= _SIGNATURE_SMALL_WORDS or len(line.split()) > 10:
            return None
    found = find_date(lines[rows[-1]], today)
    return (found[0], rows[-1]) if found else None


class Page(tuple):
    """What a text page holds: (title, published, source, body), and whether the title was made from
    the story's first sentence because the page has no headline."""

    title_from_body: bool
    stamp: tuple[int, int] | None  # (month, day) of a year-less time stamp at the page's head ("05/27 08:14")
    stamp_weekday: int | None  # the weekday the stamp names ("Sunday, March 9": 6), evidence of its year
    # A byline's numeric date that may be either way round ("03/04/2024"), as its two dates, when nothing on
    # the page said which: a dateline's day and month may still tell (`publication_date`).
    either_way: tuple[dt.date, ...]

    def __new__(cls, title: str, published: str | None, source: str | None, body: str, title_from_body: bool = False,
                stamp: tuple[int, int] | None = None, either_way: tuple[dt.date, ...] = (),
                stamp_weekday: int | None = None):
        page = super().__new__(cls, (title, published, source, body))
        page.title_from_body = title_from_body
        page.stamp = stamp
        page.either_way = either_way
        page.stamp_weekday = stamp_weekday
        return page


# A publication label opening a line: the date right after it is the page's, whatever the line runs on into.
# "Posted on", "Last Updated: Tuesday,", "Posted by admin on".
_OPENING_LABEL = re.compile(
    r"(?:(?:first|last)\s+)?(?:published|updated|posted)(?:\s+by\s+(?:[\w.'’-]+\s+){1,3}?on\b|\s+on)?\s*:?\s*"
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?",
    re.IGNORECASE,
)


_POST_HEADER_ROWS = 4


def _post_header(
    lines: list[str], title_at: int | None, url: str | None, today: dt.date | None
) -> tuple[dt.date, int] | None:
    """(date, row) of a blog post's header: a date alone ("Sunday, February 10, 2013", "domenica 1 settembre
    2019") among the page's first lines, above its headline, on a page whose address files it under that year
    and month without a day ("/2013/02/slug.html", as Blogger does). The address's agreement says it is the
    post's day, not a site's clock (which shows the day the page was read) nor a date in the post."""
    # (the address first: most have no year and month, and one search of it says so)
    if not url or not (year_month := year_month_in_url(url)):
        return None
    head = itertools.islice((i for i in range(title_at if title_at is not None else len(lines)) if lines[i]),
                            _POST_HEADER_ROWS)
    row = next((i for i in head if is_date_alone(lines[i], today)), None)
    found = find_date(lines[row], today) if row is not None else None
    if not found or date_in_url(url, today) is not None:
        return None
    return (found[0], row) if (found[0].year, found[0].month) == year_month else None


def labelled_opening_readings(line: str) -> tuple[dt.date, ...]:
    """The dates a line may open with after a publication label ("Posted on September 12, 2023 by ...": one;
    "Posted on 09/12/2023 by ...": two, either way round), or none: such a line is a byline, however long, and
    never a headline."""
    label = _OPENING_LABEL.match(line)
    if not label or not _DATE_FIRST.match(line, label.end()):
        return ()
    found = date_readings(line[label.end():label.end() + 40])
    return found[0] if found and found[1] == 0 else ()


def labelled_opening_date(line: str) -> dt.date | None:
    """The date a line opens with after a publication label, when it can be only one."""
    readings = labelled_opening_readings(line)
    return readings[0] if len(readings) == 1 else None


_DATE_FIRST = re.compile(r"\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)", re.IGNORECASE)


def split_page(text: str, url: str | None = None, today: dt.date | None = None) -> Page:
    """(title, published, source, body) of a scraped page saved as text (`url`, its address, and `today`,
    the day it is read, are evidence of the order of a numeric date's day and month)."""
    lines = [line.strip() for line in unglue(normalise_whitespace(mark_spaced_menus(text))).splitlines()]
    first_story = next((i for i, line in enumerate(lines) if is_story_paragraph(line)), None)
    title_at = _title_at(lines, first_story)
    title_from_body = title_at is None and first_story is not None
    if title_from_body:
        # No headline: the story starts at its first paragraph, and its first sentence names it.
        title, body_from = first_sentence_title(lines[first_story]), first_story
    elif title_at is None:
        title, body_from = "", 0
    else:
        title, body_from = lines[title_at], title_at + 1
    lines = cut_footer(lines, body_from, first_story)
    published = source = None
    if body_from < len(lines) and (labelled := labelled_opening_date(lines[body_from])):
        # "Posted on September 12, 2023 by Taiwan says...": the rest of the page run into its labelled date (the
        # line is kept whole: it may be all the text)
        published = labelled.isoformat()
    elif body_from < len(lines) and _DATE_FIRST.match(lines[body_from]) and (
        opening := find_date(lines[body_from][:40])
    ) and opening[1] == 0:
        # "June 2, 2024The minister said...": the story glued to its date
        published = opening[0].isoformat()
        lines[body_from] = lines[body_from][opening[2]:].lstrip(" |·•—–-")
    bylines: set[int] = set()
    if published is None and (header := _post_header(lines, title_at, url, today)):
        # "Sunday, February 10, 2013" heading a blog post filed under /2013/02/: its day, not a reposted text's
        published = header[0].isoformat()
        bylines.add(header[1])
    stamp = stamp_weekday = None
    either_way: tuple[dt.date, ...] = ()
    orders: list[bool | None] = []

    def day_first() -> bool | None:  # the page's order of day and month, looked for only when needed
        if not orders:
            orders.append(numeric_order(text, url))
        return orders[0]

    above = first_story if title_from_body else title_at
    for i in _byline_rows(lines, above, body_from):
        line, with_read_time = _byline_item(lines, i)
        if stamp is None and is_yearless_stamp(line, bare=with_read_time):
            # "05/03 08:14": in the order the page's other dates or its address show, or its weekday; else unread
            stamp = (find_yearless_stamp(line, bare=with_read_time)
                     or find_yearless_stamp(line, day_first(), today or dt.date.today(), bare=with_read_time))
            stamp_weekday = weekday_of_stamp(line)
            bylines.add(i)  # a line that is only a date and a time is the page's stamp, never a teaser
            continue
        if not is_byline(line) or _MASTHEAD_DAY.search(line) or _reads_as_prose(line) or (
            above is not None and i < above and _teaser(line)
        ):
            continue
        line_published, line_source = read_byline(line, today=today)
        if line_published is None and (found := date_readings(line, today)) and len(found[0]) == 2:
            if (order := day_first()) is not None:
                line_published = found[0][0 if order else 1].isoformat()
            elif not either_way:
                either_way = found[0]
        published, source = published or line_published, source or line_source
        bylines.add(i)
        if published and source:
            break
    if published is None and (foot := _date_line_at_foot(lines, body_from, today)
                              or _signed_date_at_foot(lines, body_from, today)):
        published = foot[0].isoformat()
        bylines.add(foot[1])
    if published is None and stamp is None and (apart := stamp_set_apart(text, today)):
        # "Taiwan: Chinese Warships in Strait     05/27 08:14": the headline's stamp, on its line
        stamp = find_yearless_stamp(apart) or find_yearless_stamp(apart, day_first(), today or dt.date.today())
        stamp_weekday = weekday_of_stamp(apart)
        if stamp is None and (found := find_date(apart, today, day_first())):
            published = found[0].isoformat()
    body = [
        line for i, line in enumerate(lines)
        if i >= body_from and i not in bylines and not is_furniture(line) and (title_from_body or line != title)
    ]
    if title_at is None and not title_from_body and body and is_headline(body[0]) and not body[0].endswith("."):
        title, body = body[0], body[1:]
    if title and not title_from_body:
        # "Gaza: what we know – BBC News": the outlet's name is not the headline's
        title, outlet = split_outlet_suffix(title, source)
        source = source or outlet
    return Page(title, published, source, "\n\n".join(body), title_from_body, stamp, either_way, stamp_weekday)


# --- HTML pages ----------------------------------------------------------------------------------


def split_html(page: str, url: str | None = None) -> tuple[str, str | None, str | None, str]:
    """(title, published, source, body) of an HTML page, via trafilatura (`url`, the page's address, is
    evidence of the order of a numeric date's day and month)."""
    import trafilatura  # imported here: loading it costs ~0.5 s that text-only runs need not pay

    doc = trafilatura.bare_extraction(
        page,
        with_metadata=True,
        favor_precision=True,
        include_comments=False,
        include_tables=False,
        # Only the page's own publication date: the extensive search reads dates out of the text,
        # which is how a teaser's date becomes the article's.
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if doc is None:
        return "", None, None, ""
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    body = normalise_whitespace(data.get("text") or "").replace("\n", "\n\n")
    title = plain_text(data.get("title"))
    source = plain_text(data.get("sitename")) or outlet_in_page_title(page, title)
    return title, html_date(page, data.get("date"), url), source, body


def html_date(page: str, published: str | None, url: str | None = None) -> str | None:
    """trafilatura's date, unless the page writes it only as a numeric date that may be either way round
    ("03/04/2024"): htmldate reads those day first without evidence; then it is read in the order the page's
    evidence gives (`numeric_order`), or not at all."""
    date = parse_date(published)
    written = numeric_writing(page, date) if date else None
    if not written:
        return published
    found = date_readings(written)
    order = numeric_order(page, url)
    if not found or len(found[0]) != 2 or order is None:
        return None
    return found[0][0 if order else 1].isoformat()


_PAGE_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)
_TITLE_SEPARATOR = re.compile(r"\s+[-|–—·]\s+|\s*[|–—·]\s*")


def outlet_in_page_title(page: str, headline: str) -> str | None:
    """The outlet a page's <title> adds after its headline: "Sudan: shelling kills 40 - Nile Post",
    "... | World | Nile Post" (the last part)."""
    m = _PAGE_TITLE.search(page[:20_000])
    if not m or not headline:
        return None
    full = plain_text(m.group(1))
    rest = full[len(headline):] if full.startswith(headline) else ""
    if not _TITLE_SEPARATOR.match(rest):
        return None
    outlet = _TITLE_SEPARATOR.split(rest)[-1].strip()
    return outlet if 2 <= len(outlet) <= 40 and len(outlet.split()) <= 5 and not any(ch.isdigit() for ch in outlet) else None


# --- the entry point -----------------------------------------------------------------------------


def clean_document(raw: RawDocument, today: dt.date | None = None) -> Article:
    """The article in a raw document; metadata the document already carries (from an export or a feed)
    wins over what the page says, and what is missing is filled from the page.

    `today` is the ingestion day, the latest a dateline without a year can be ("Nov 27" read on
    2026-01-03 is 2025-11-27); it defaults to the clock's.
    """
    title_from_body = page_read = False
    stamp = stamp_weekday = None
    either_way: tuple[dt.date, ...] = ()
    address = raw.url or (raw.origin if raw.origin.startswith(("http://", "https://")) else None)
    if raw.is_html:
        title, published, source, body = split_html(raw.content, address)
    elif raw.title:  # an export row or feed entry: its text is the body already
        title, published, source = "", None, None
        # An export may keep the page's menus and share row in its text: they are no part of the story.
        body = normalise_whitespace(drop_menus(raw.content)).replace("\n", "\n\n")
        given_title = plain_text(raw.title)
        # Some exports keep the whole page (headline, byline) in their text: read it as a page then.
        head = raw.content[:3000]
        page = split_page(raw.content, address, today) if given_title and given_title in head else None
        # (the page's headline may have lost an outlet's name: "... – BBC News")
        if page and page[0] in (given_title, split_outlet_suffix(given_title, page[2])[0]):
            _, published, source, body = page  # the text repeats the headline: keep it once
            page_read, either_way = True, page.either_way
    else:
        page = split_page(raw.content, address, today)
        title, published, source, body = page
        title_from_body, page_read, stamp, either_way = page.title_from_body, True, page.stamp, page.either_way
        stamp_weekday = page.stamp_weekday

    given_title = plain_text(raw.title)
    # A title column that holds the page's menu ("Home | World | Asia") names nothing: the story names itself.
    # (tested before its spaces are collapsed too: "HOME  WORLD  BUSINESS")
    given_is_menu = is_menu(given_title) or is_menu(raw.title or "")
    title = (given_title if not given_is_menu else "") or plain_text(title)
    body = body.strip() if page_read else unglue(body.strip())
    if title and body.startswith(title) and not title_from_body:
        body = body[len(title):].strip()
    if len(body) < MIN_BODY_CHARS:  # the reason says what was found, so that it is true
        raise CleaningError(
            f"article text too short: {len(body)} characters, at least {MIN_BODY_CHARS} needed" if body
            else "no article text found besides the title" if title
            else "no article text found (only navigation, headings or page furniture)", raw.origin)
    body, body_cut = cut_body(body)
    if not title:
        title, title_from_body = first_sentence_title(body.split("\n", 1)[0]), True
    date, date_inferred = publication_date(raw, published, body, today, stamp, either_way, stamp_weekday)
    return Article(
        id=article_id(body),
        title=title,
        published=date,
        source=plain_text(raw.source) or (plain_text(source) or None),
        url=raw.url,
        body=body,
        origin=raw.origin,
        title_from_body=title_from_body,
        date_inferred=date_inferred,
        body_cut=body_cut,
    )


_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s")


def cut_body(body: str, limit: int | None = None) -> tuple[str, bool]:
    """(the body, whether it was cut): a body past `limit` characters (`MAX_BODY_CHARS`) ends at its last
    paragraph break before the limit, else at its last sentence end, else at a space (a paragraph or
    sentence is never cut in two when there is one to end at in the last half of the limit)."""
    limit = MAX_BODY_CHARS if limit is None else limit
    if len(body) <= limit:
        return body, False
    head = body[:limit + 1]  # a break right at the limit counts
    floor = limit // 2
    at = head.rfind("\n")
    if at < floor:
        ends = [m.end() for m in _SENTENCE_END.finditer(head, floor)]
        at = ends[-1] if ends else head.rfind(" ")
    if at < floor:
        at = limit
    return body[:at].rstrip(), True


def publication_date(
    raw: RawDocument, page_date: str | None, body: str, today: dt.date | None = None,
    stamp: tuple[int, int] | None = None, either_way: tuple[dt.date, ...] = (), stamp_weekday: int | None = None,
) -> tuple[dt.date | None, bool]:
    """(date, whether its year was inferred): the metadata's date, the page's, the address's, then a
    dateline's day and month ("TAIPEI, Nov 27 (Reuters) -") in the latest year that is not after the
    ingestion day, then the page head's time stamp without a year ("05/27 08:14", `stamp`). Only the story's
    opening paragraphs are read: a teaser's date is another story's.

    A numeric date that may be either way round (the metadata's "03/04/2024", or the page's: `either_way`)
    is unread, but when a dateline's day and month are one of its two dates, that one is stated; else its
    later date, not the ingestion day, is the evidence a dateline's year is inferred from (its year is
    certain). A weekday the dateline or stamp names is evidence of the year too (`infer_year`)."""
    today = today or dt.date.today()
    date = parse_date(raw.published, today) or parse_date(page_date, today)
    origin_url = raw.origin if raw.origin.startswith(("http://", "https://")) else None
    if date is None:
        date = date_in_url(raw.url, today) or date_in_url(origin_url, today)
    if date is not None:
        return date, False
    if not either_way and isinstance(raw.published, str) and (readings := date_readings(raw.published[:500], today)):
        either_way = readings[0]
    evidence = max(either_way) if either_way else today
    # "/2019/08/slug": the address's year and month, with a dateline's or stamp's day, state the date
    year_month = year_month_in_url(raw.url) or year_month_in_url(origin_url)
    if year_month and end_of_year_month(year_month) < evidence:
        evidence = end_of_year_month(year_month)
    for paragraph in body.split("\n\n", 2)[:2]:
        if dated := find_dated_dateline(paragraph, today):  # "KABUL, Oct 3, 2024 (AFP) -": its year is stated
            return dated, False
        found = find_yearless_dateline(paragraph)
        if found:
            stated = next((d for d in either_way if (d.month, d.day) == found[:2]), None) or (
                None if raw.is_html else same_day_stated(raw.content, *found[:2], today))  # "Von: 14.04.2007"
            if stated := stated or day_in_year_month(found[0], found[1], year_month):
                return stated, False
            inferred = infer_year(found[0], found[1], evidence, stated_weekday(paragraph[found[2]:found[3]]))
            return inferred, inferred is not None
    if stamp:
        if stated := day_in_year_month(stamp[0], stamp[1], year_month):
            return stated, False
        inferred = infer_year(stamp[0], stamp[1], evidence, stamp_weekday)
        return inferred, inferred is not None
    return None, False
