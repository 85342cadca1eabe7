"""Menus in scraped text: navigation bars, breadcrumbs, share rows and language pickers.

A page saved as text keeps its menus as lines of short items joined by a separator: "Home | India | World",
"Home > World > Asia", "News · Sport · Weather", "Share | Tweet | Email", "English | Français | عربي", or
items set apart by tabs or runs of spaces ("HOME  WORLD  BUSINESS"). None of them is a headline or story
text, however many items they have. A headline may hold one separator too ("Ukraine war | Live updates",
"Gaza: what we know – BBC News"): its parts are longer, or read as prose, and it stays a headline; an
outlet's name after the last separator is not part of it (`split_outlet_suffix`).
"""
from __future__ import annotations

import re

# What joins a menu's items: a bar, a slash, a middle dot or bullet, an arrow, a dash between spaces.
_MARK_SEPARATOR = re.compile(r"[ \t]*(?:[|/·•»›>]|(?<=[ \t])[-–—](?=[ \t]))[ \t]*")
# Separators a breadcrumb uses and a headline does not: "World > Asia", "Home / Middle East".
_PATH_MARK = re.compile(r"[/>»›]")
# Whitespace that sets items apart in a menu saved as text (lost once a page's spaces are collapsed).
_SPACING_SEPARATOR = re.compile(r"\t+[ \t]*| {2,}\t*")

# An item of a menu: a few words of letters (any script), perhaps a digit in a name ("COP28", "G20"), "&",
# an apostrophe, a dot or a hyphen ("U.S.", "Op-Ed", "Editor's Picks"); never sentence punctuation.
_ITEM = re.compile(r"[^\W_]+(?:['’.&-][^\W_]*)*")
_ITEM_CHARS = re.compile(r"^[\w &'’.\-]+$")
_LETTER = re.compile(r"[^\W\d_]")
_WORD_WITHOUT_LETTER = re.compile(r"(?:^|\s)[\d'’.\-]+(?=\s|$)")
_MAX_ITEM_WORDS = 3  # besides connectors
_MAX_ITEM_CHARS = 32
_MAX_MENU_CHARS = 600
# Words that may be lower-case inside a menu item of names ("Science and Technology", "Middle East & Africa").
_CONNECTORS = frozenset({"and", "of", "the", "in", "for", "on", "to", "at", "de", "la", "le", "et", "y", "&"})


def _item_words(item: str) -> list[str] | None:
    """The words of a menu item, or None when it cannot be one (prose, a date, a figure)."""
    if not item or len(item) > _MAX_ITEM_CHARS or not _ITEM_CHARS.match(item):
        return None
    words = item.split()
    if len(words) > _MAX_ITEM_WORDS + 2 or len([w for w in words if w not in _CONNECTORS]) > _MAX_ITEM_WORDS:
        return None  # "Middle East & North Africa" is a section; "France Sign Defence Deal" is a headline's
    if not _LETTER.search(item):
        return None
    if _WORD_WITHOUT_LETTER.search(item):
        return None  # a number alone ("3 June 2024", "Page 1"): a date or a count, not a section's name
    return words


def _names_only(words: list[str]) -> bool:
    """Every word a name (capitalised, all capitals, or a script without case) or a connector."""
    return all(not word[0].islower() or word in _CONNECTORS for word in words)


def _is_menu_items(items: list[str], path: bool, spaced: bool) -> bool:
    items = [item for item in items if item]  # a leading or trailing bar ("| Home | World |")
    if len(items) < 2:
        return False
    words = [_item_words(item) for item in items]
    if any(w is None for w in words):
        return False
    counts = [sum(word not in _CONNECTORS for word in w) for w in words]  # type: ignore[union-attr]
    names = all(_names_only(w) for w in words)  # type: ignore[arg-type]
    if len(items) >= 3:
        # "Home | India | World | Opinion", "home | world | sport": names, or words one by one
        return names or sum(counts) <= 1.5 * len(items)
    if spaced:
        return False  # two phrases apart by spaces: a typing slip as likely as a menu
    if path:
        return names  # "World > Taiwan Strait", "Home / Middle East"
    # Two parts joined by a bar or a dash: a menu only when too short to be a headline ("Home | World",
    # "News · Middle East"); "Ukraine war | Live updates" is a headline.
    return sum(counts) <= 3


# Every character a menu may hold: a line with any other (a comma, a colon, a quote) is prose or a byline.
_MENU_CHARS = re.compile(r"[\w &'’.\-|/·•»›>–—\t]+")
_SEPARATOR_SEARCH = re.compile(r"[|/·•»›>]|\s[-–—]\s")


def is_menu(line: str) -> bool:
    """A line of short items joined by separators or set apart by tabs or runs of spaces: a menu, a
    breadcrumb, a share row or a language picker, never a headline or story text."""
    stripped = line.strip()
    # Most lines are prose and stop here: a comma (which no menu holds) is found in C before any regex runs.
    if not stripped or "," in stripped or len(stripped) > _MAX_MENU_CHARS or not _MENU_CHARS.fullmatch(stripped):
        return False
    if _SEPARATOR_SEARCH.search(stripped):
        parts = _MARK_SEPARATOR.split(stripped)
        if len(parts) >= 2:
            path = bool(_PATH_MARK.search(stripped))
            if _is_menu_items([p.strip() for p in parts], path, spaced=False):
                return True
    if "\t" in stripped or "  " in stripped:
        return _is_menu_items([p.strip() for p in _SPACING_SEPARATOR.split(stripped)], path=False, spaced=True)
    return False


def mark_spaced_menus(text: str) -> str:
    """`text` with each menu whose items are set apart only by tabs or runs of spaces rewritten with bars
    ("HOME  WORLD  BUSINESS" -> "HOME | WORLD | BUSINESS"), so that it is still known for a menu once the
    text's whitespace is collapsed. Other lines are unchanged."""
    if "\t" not in text and "  " not in text:
        return text
    lines = text.split("\n")
    for i, line in enumerate(lines):
        stripped = line.strip()
        if ("\t" in stripped or "  " in stripped) and not _SEPARATOR_SEARCH.search(stripped) and is_menu(stripped):
            items = [p.strip() for p in _SPACING_SEPARATOR.split(stripped) if p.strip()]
            if len(items) >= 3:
                lines[i] = " | ".join(items)
    return "\n".join(lines)


def drop_menus(text: str) -> str:
    """`text` without its menu lines (an export's text saved with the page's navigation or share row)."""
    if not _SEPARATOR_SEARCH.search(text) and "\t" not in text and "  " not in text:
        return text
    # Most texts have no menu, and stay as they are. A line with a comma is prose (no menu holds one), and
    # saying so costs less than asking `is_menu`.
    for line in text.split("\n"):
        if line and "," not in line and is_menu(line):
            return "\n".join(line for line in text.split("\n") if not is_menu(line))
    return text


# An outlet's name after a headline's last separator: "Gaza: what we know – BBC News", "... | The Times".
_HEADLINE_SEPARATOR = re.compile(r"[ \t]+(?:[|·•]|[-–—])[ \t]+|[ \t]*\|[ \t]*")
_OUTLET_WORDS = frozenset({
    "news", "times", "post", "daily", "herald", "journal", "tribune", "guardian", "telegraph", "gazette",
    "chronicle", "observer", "express", "independent", "press", "wire", "today", "online", "ledger", "standard",
    "mail", "mirror", "dispatch", "courier", "bulletin", "monitor", "insider", "radio", "tv", "television",
    "network", "agency", "broadcasting", "reuters", "xinhua", "kyodo", "yonhap", "tass", "anadolu",
})
_OUTLET_ACRONYM = re.compile(r"^(?:AP|AFP|BBC|CNN|NPR|ABC|CBS|NBC|DW|RFI|NDTV|PTI|ANI|IANS|CGTN|RT|WION|KUNA|WAFA)$")


def _is_outlet(part: str, known: str | None) -> bool:
    """A short name that reads as an outlet's: the page's own outlet, a name ending in an outlet's word
    ("BBC News", "The Eastern Ledger") or a broadcaster's or agency's initials ("AFP")."""
    words = _item_words(part)
    if not words or not _names_only(words):
        return False
    if known and part.casefold() == known.casefold():
        return True
    return words[-1].casefold() in _OUTLET_WORDS or (len(words) == 1 and bool(_OUTLET_ACRONYM.match(part)))


def _last_separator(text: str) -> re.Match[str] | None:
    last = None
    for last in _HEADLINE_SEPARATOR.finditer(text):
        pass
    return last


def split_outlet_suffix(headline: str, outlet: str | None = None) -> tuple[str, str | None]:
    """(the headline, the outlet it names after its last separator, or None): "Gaza: what we know – BBC
    News" is ("Gaza: what we know", "BBC News"), "Sudan: RSF kills 40 | World | Nile Post" is ("Sudan: RSF
    kills 40", "Nile Post") (a section between them goes with the outlet); "Ukraine war | Live updates"
    stays whole (no outlet). `outlet`, the page's outlet when known, is recognised whatever its name."""
    last = _last_separator(headline)
    if last is None:
        return headline, None
    head, suffix = headline[: last.start()].strip(), headline[last.end():].strip()
    if len(head.split()) < 3 or not _is_outlet(suffix, outlet):
        return headline, None
    while (last := _last_separator(head)) is not None:
        section = _item_words(head[last.end():].strip())
        rest = head[: last.start()].strip()
        if not section or len(section) > 2 or not _names_only(section) or len(rest.split()) < 3:
            break
        head = rest
    return head, suffix
