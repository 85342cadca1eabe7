"""Cleaning: raw pages of several outlets' layouts -> title, date, outlet and the story's own text."""
import datetime as dt
import hashlib
import json
import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.read.clean import (
    CleaningError,
    article_id,
    clean_document,
    cut_footer,
    is_furniture,
    is_headline,
    outlet_in_page_title,
    plain_text,
    read_byline,
    unglue,
)
from analysis.understand.extract import extract_article
from analysis.models import RawDocument
from analysis.read.menus import drop_menus, is_menu, mark_spaced_menus, split_outlet_suffix
from analysis.read.sources import read_inputs
from analysis.understand.text import normalise_whitespace

PAGES = Path(__file__).parent / "fixtures" / "pages"
EXPECTED = json.loads((PAGES / "expected.json").read_text(encoding="utf-8"))
SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "000_a69457a0b8eee7a7.txt"


def _clean(name: str):
    (raw,) = list(read_inputs([PAGES / name]))
    return clean_document(raw)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_pages_golden(name):
    want = EXPECTED[name]
    article = _clean(name)
    assert article.title == want["title"]
    assert str(article.published) == want["published"]
    assert article.source == want["source"]
    assert article.body.startswith(want["body_starts"])
    assert article.body.endswith(want["body_ends"])
    result = extract_article(article)
    assert result.countries == want["countries"]
    assert [[f.kind, f.value, f.qualifier] for f in result.figures] == want["figures"]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_page_furniture_never_reaches_the_body(name):
    body = _clean(name).body
    for clutter in ("Most Viewed", "Most Read", "Related Stories", "Copyright", "FOLLOW US", "Share", "Home /",
                    "Advertisement", "Editor:", "2024"):
        assert clutter not in body


def test_teaser_dates_are_not_the_article_date():
    page = "Home / World\n\nA headline long enough to be one\n\nSome body text of the story, long enough.\n\nMost Read\nOld story - 2024-05-03\n"
    article = clean_document(RawDocument("p.txt", page))
    assert article.published is None


@pytest.mark.parametrize(
    "above, below, published, source",
    [
        ("Latest: Ethiopia floods kill 12 - June 3, 2024", "By Amina Yusuf | 3 November 2025", "2025-11-03", None),
        ("Latest: Ethiopia floods kill 12 - June 3, 2024", "", None, None),  # a teaser's date is not ours
        ("Kenya protests: 3 dead - May 30, 2024", "", None, None),
        ("Nile Post | Updated: 2025-11-03 17:30", "", "2025-11-03", "Nile Post"),  # a byline above the title
    ],
)
def test_a_teaser_above_the_headline_is_not_its_byline(above, below, published, source):
    page = (f"{above}\nHome | Africa | Sudan\nSudan: RSF shelling kills 40 in El Obeid\n{below}\n\n"
            "KHARTOUM - Shelling killed at least 40 people in the city of El Obeid on Sunday, doctors said.\n")
    article = clean_document(RawDocument("p.txt", page))
    assert (str(article.published) if article.published else None, article.source) == (published, source)
    assert article.body.startswith("KHARTOUM")


@pytest.mark.parametrize(
    "line, expected",
    [
        ("Xinhua | Updated: 2025-12-02 17:30", ("2025-12-02", "Xinhua")),
        ("Meridian Daily | Published: 2025-11-20 09:12", ("2025-11-20", "Meridian Daily")),
        ("Source: Harbor Wire | Updated: 2025-10-31 08:15", ("2025-10-31", "Harbor Wire")),
        ("By Grace Lin, The Eastern Ledger | November 18, 2025", ("2025-11-18", "The Eastern Ledger")),
        ("By Grace Lin | Nov. 18, 2025", ("2025-11-18", None)),
        ("Updated: 2 December 2025", ("2025-12-02", None)),
    ],
)
def test_read_byline(line, expected):
    assert read_byline(line) == expected


@pytest.mark.parametrize(
    "line, furniture",
    [
        ("Home / World / Americas", True),
        ("News > Asia > Taiwan", True),
        ("Share", True),
        ("Share - WeChat", True),
        ("FOLLOW US", True),
        ("Editor: Li Wen", True),
        ("1024*768", True),
        ("Licence for publishing multimedia online 0108263", True),
        ("5 min read", True),
        ("Russia launched 90 drones at Ukraine overnight.", False),
        ("Trump weighs options on Venezuela", False),
        ("Home | India | World | Opinion | Sports", True),  # nine "words" with the bars: still a menu
        ("Home | India | World | Opinion | Sports | Business | Tech | Entertainment | Lifestyle | Videos | Photos", True),
        ("Ukraine war | Live updates", False),
    ],
)
def test_is_furniture(line, furniture):
    assert is_furniture(line) is furniture


@pytest.mark.parametrize(
    "line, headline",
    [
        ("Trump weighs options on Venezuela after Maduro reportedly refuses to step down", True),
        ("Global EditionASIA 中文双语Français", False),
        ("Home / World / Americas", False),
        ("Xinhua | Updated: 2025-12-02 17:30", False),
        ("World", False),
        ("Home | India | World | Opinion | Sports", False),
        ("News · Sport · Weather · Travel · Culture", False),
        ("Ukraine war | Live updates", True),  # four words and a bar
        ("Gaza: what we know – BBC News", True),
        ("Sport | Premier League", False),  # three words: the bar is not one
        ("Most Read | Most Shared", False),  # section names
    ],
)
def test_is_headline(line, headline):
    assert is_headline(line) is headline


def test_footer_cut_at_first_marker():
    lines = ["Title of it all here", "Body one.", "Most Viewed in 24 Hours", "Teaser", "Copyright 2025"]
    assert cut_footer(lines) == lines[:2]


@pytest.mark.parametrize(
    "raw, text",
    [
        ("<script>alert('x')</script>Gaza <b>talks</b>", "Gaza talks"),
        ("&lt;img src=x onerror=alert(1)&gt;Kyiv", "Kyiv"),
        ("Tom &amp; Jerry", "Tom & Jerry"),
        ("a < b > c", "a ‹ b › c"),
        (None, ""),
    ],
)
def test_plain_text_never_keeps_markup(raw, text):
    assert plain_text(raw) == text


def test_same_story_saved_twice_is_one_article():
    a = clean_document(RawDocument("a.txt", "Nav\n\nHeadline of the syndicated story\n\nThe story body, as the wire sent it to everyone.\n"))
    b = clean_document(RawDocument("b.txt", "Other outlet | Home\nHeadline of the syndicated story\nShare\n\nThe  story body, as the wire sent it to everyone.\n\nMost Read\n"))
    assert a.id == b.id
    assert article_id("Hello,  world!") == article_id("hello world")


def test_export_metadata_wins_and_fills_in():
    raw = RawDocument("x.jsonl:3", "Talks resumed in Doha on Monday between the two delegations.", title="Talks resume <i>in Doha</i>",
                      published="2025-11-03", source="Gulf Courier", url="https://example.org/a")
    article = clean_document(raw)
    assert (article.title, str(article.published), article.source, article.url) == (
        "Talks resume in Doha", "2025-11-03", "Gulf Courier", "https://example.org/a")


@pytest.mark.parametrize(
    "raw",
    [
        RawDocument("nav.html", "<html><body><nav>Home</nav></body></html>", is_html=True),
        RawDocument("nav.txt", "Home / World / Europe\nShare\nFOLLOW US\nCopyright 2025\n"),
        RawDocument("broken.html", "<html><body><p>unclosed <div><<<>>", is_html=True),
    ],
)
def test_no_article_text_is_a_cleaning_error(raw):
    with pytest.raises(CleaningError):
        clean_document(raw)


@pytest.mark.skipif(not SEED.exists(), reason="the shared seed page is not in this checkout")
def test_seed_page():
    (raw,) = list(read_inputs([SEED]))
    article = clean_document(raw)
    assert article.title == "Trump weighs options on Venezuela after Maduro reportedly refuses to step down"
    assert str(article.published) == "2025-12-02"
    assert article.source == "Xinhua"
    assert article.body.startswith("WASHINGTON - ")
    assert "Most Viewed" not in article.body and "FOLLOW US" not in article.body
    result = extract_article(article)
    assert set(result.countries) == {"VEN", "USA", "IRQ", "UKR"}
    assert result.countries["VEN"] == 9 and 12 <= result.countries["USA"] <= 16
    assert sorted((f.kind, f.value) for f in result.figures) == [
        ("killed", 83), ("strikes", 21), ("troops", 15000), ("warships", 12)]
    assert result.tone < 0


@pytest.mark.parametrize(
    "title_tag, outlet",
    [
        ("<title>Sudan: RSF kills 40 - Nile Post</title>", "Nile Post"),
        ("<title>Sudan: RSF kills 40 | World | Nile Post</title>", "Nile Post"),
        ("<TITLE>Sudan: RSF kills 40 — The Ledger</TITLE>", "The Ledger"),
        ("<title>Sudan: RSF kills 40</title>", None),
        ("<title>Breaking: Sudan: RSF kills 40</title>", None),
        ("<title>Sudan: RSF kills 40 - 2025-11-03</title>", None),
        ("<title>Sudan: RSF kills 40-year-old man</title>", None),
    ],
)
def test_outlet_in_page_title(title_tag, outlet):
    assert outlet_in_page_title(f"<html><head>{title_tag}</head></html>", "Sudan: RSF kills 40") == outlet


# --- pages that start with the story ----------------------------------------------------------------

LEDE_ONLY = (
    "KHARTOUM — A drone strike on a crowded livestock market in Omdurman killed at least 40 people on Friday, "
    "medics said, the deadliest attack on the city in weeks.\n"
    "The paramilitary forces denied any role and blamed the army for the attack on the market.\n"
    "Short reply.\n"
    "Aid groups said the city's hospitals were running out of blood and fuel for their generators.\n"
)


@pytest.mark.parametrize(
    "page, title, body_starts",
    [
        # the lede opens the page: no headline, nothing above it
        (LEDE_ONLY, "A drone strike on a crowded livestock market in Omdurman killed at least 40 people on Friday, medics said…",
         "KHARTOUM — A drone strike"),
        # the site's name and a menu above the lede are not a headline
        ("Nile Ledger - independent news from the Nile valley\nHome | Africa | Sudan\nLatest News\n\n" + LEDE_ONLY,
         "A drone strike on a crowded livestock market in Omdurman killed at least 40 people on Friday, medics said…",
         "KHARTOUM — A drone strike"),
        # a short first sentence is the whole title, without its dateline
        ("GOMA, Congo (Wire) — Rebels seized the airport. Residents fled toward the lake as shells fell on the "
         "northern districts overnight.\nThe army said it would retake the city within days, officials said.\n",
         "Rebels seized the airport", "GOMA, Congo (Wire) — Rebels"),
        # a year-less dateline is not part of the title either
        ("TAIPEI, Nov 27 (Wire) - Taiwan said it tracked 40 Chinese aircraft around the island on Thursday, "
         "the second large drill this month.\nOfficials said nine ships took part.\n",
         "Taiwan said it tracked 40 Chinese aircraft around the island on Thursday, the second large drill this month",
         "TAIPEI, Nov 27 (Wire) - Taiwan"),
    ],
)
def test_a_page_without_a_headline_starts_at_its_first_story_paragraph(page, title, body_starts):
    article = clean_document(RawDocument("lede.txt", page), today=dt.date(2026, 1, 5))
    assert article.title == title
    assert article.body.startswith(body_starts)
    assert article.text == article.body  # the title is the body's own first sentence: counted once
    assert "Latest News" not in article.body and "Nile Ledger" not in article.body


def test_a_headline_with_a_standfirst_and_bylines_is_still_the_title():
    page = ("Menu\nWorld\nShelling kills 40 in Omdurman market as army and RSF trade blame\n"
            "Medics say the toll could rise; both sides deny targeting civilians at the market\n"
            "By Hana Idris | 14 March 2025\n\n" + LEDE_ONLY)
    article = clean_document(RawDocument("p.txt", page))
    assert article.title == "Shelling kills 40 in Omdurman market as army and RSF trade blame"
    assert not article.title_from_body and article.text.startswith(article.title + "\n\n")
    assert str(article.published) == "2025-03-14"


def test_missing_spaces_after_punctuation_do_not_turn_the_story_into_clutter():
    page = ("Harbour Times\nLatest News\n"
            "BEIRUT — An Israeli strike on a flat in the southern suburbs killed 4 people on Tuesday,hours after "
            "the army ordered residents to leave.Lebanon's health ministry said 12 others were wounded.\n"
            "The army said it had targeted a weapons depot,a claim residents disputed.\n")
    article = clean_document(RawDocument("glued.txt", page))
    assert article.body.startswith("BEIRUT — An Israeli strike")
    assert "Tuesday, hours after" in article.body and "leave. Lebanon's" in article.body
    assert "depot, a claim" in article.body
    assert article.title.startswith("An Israeli strike on a flat")
    result = extract_article(article)
    assert {(f.kind, f.value) for f in result.figures} == {("killed", 4), ("wounded", 12)}
    assert result.countries == {"ISR": 1, "LBN": 1}


@pytest.mark.parametrize("text, glued", [("1,000 people", False), ("the U.S. said", False), ("see x.com now", False),
                                         ("on Tuesday,hours", True), ("killed.The army", True)])
def test_unglue_only_separates_words(text, glued):
    assert (unglue(text) != text) is glued


def test_an_empty_body_is_an_error_naming_the_file():
    with pytest.raises(CleaningError, match="pages/menu_only.txt"):
        clean_document(RawDocument("pages/menu_only.txt", "Home | World\nShare\nSubscribe\n"))


# --- menus, breadcrumbs, share rows, language pickers ---------------------------------------------------

MENUS = [
    # navigation bars, however many items
    "Home | India | World | Opinion | Sports",
    "Home | India | World | Opinion | Sports | Business | Tech | Entertainment | Lifestyle | Videos | Photos",
    "| Home | World | Business |",
    "home | india | world | sport news",
    "News · Sport · Weather",
    "News • Sport • Weather • Travel",
    "World – Europe – Africa – Americas",
    "Politics - Business - Science & Technology - Op-Ed",
    "News > Middle East & Africa > Sudan",
    "Home  |  World  |  Asia",
    "U.S. | World | COP28 | Editor's Picks",
    "Home/World/Asia",
    "Top Stories | World | Business",  # a section's name first: navigation above the story, not its footer
    "Latest News | Sport | Weather",
    # breadcrumbs
    "Home > World > Asia",
    "Home » World » Middle East",
    "News › Africa › Sudan",
    "Home / World / Americas",
    "News > Middle East",
    "World > Taiwan Strait",
    "Home | World",
    "Africa · Sudan",
    # items set apart by tabs or runs of spaces
    "HOME  WORLD  BUSINESS",
    "Home\tWorld\tBusiness\tSport",
    "News   Sport   Weather   Culture",
    # share rows
    "Share | Tweet | Email",
    "Facebook · X · WhatsApp · Copy link",
    "Share - WhatsApp",
    # language pickers
    "English | Français | عربي",
    "EN | FR | AR | ES",
    "Global Edition | Español | Français",
    "中文 | English",
    "English  Français  Español  Deutsch",
]
NOT_MENUS = [
    # headlines with one separator
    "Ukraine war | Live updates",
    "Gaza: what we know – BBC News",
    "Sudan shelling kills 40 - The Eastern Ledger",
    "Ukraine war | Live updates | BBC",
    "Talks in Doha stall – officials",
    "US/UK/France Sign Defence Deal",  # title case and slashes: a headline's words are more than a menu's
    "U.S./China Trade Talks Resume",
    # bylines, teasers, story text
    "Meridian Daily | Published: 30 November 2025",
    "Xinhua | Updated: 2025-12-02 17:30",
    "By Jane Doe | Reuters",
    "China and India agree border patrols - 3 April 2024",
    "Floods kill 9 - 3 June 2024",
    "© 2025 Meridian Daily. Contact us | Privacy",
    "Killed 40 | Wounded 12 | Missing 3",
    "The  story body, as the wire sent it to everyone.",
    "The talks, he said  ,  would resume on Monday.",
    "Russia launched 90 drones at Ukraine overnight.",
    "KHARTOUM — A drone strike on a market killed at least 40 people on Friday, medics said.",
    "Page 1 / 3",
    "and/or",
    "",
]


@pytest.mark.parametrize("line, menu", [(line, True) for line in MENUS] + [(line, False) for line in NOT_MENUS])
def test_is_menu(line, menu):
    assert is_menu(line) is menu


@pytest.mark.parametrize("line", MENUS)
def test_a_menu_is_furniture_and_never_a_headline(line):
    written = normalise_whitespace(mark_spaced_menus(line))  # as a text page's line reaches the cleaner
    assert is_furniture(written) and not is_headline(written)


STORY = (
    "KHARTOUM — A drone strike on a crowded livestock market in Omdurman killed at least 40 people on Friday, "
    "medics said, the deadliest attack on the city in weeks.\n"
    "The paramilitary forces denied any role and blamed the army for the attack on the market.\n"
)
LEDE_TITLE = "A drone strike on a crowded livestock market in Omdurman killed at least 40 people on Friday, medics said…"


@pytest.mark.parametrize("menu", MENUS)
def test_a_menu_above_the_lede_is_not_the_title(menu):
    page = f"{menu}\nHome > World > Africa\n\n{STORY}"
    article = clean_document(RawDocument("menu.txt", page))
    assert (article.title, article.title_from_body) == (LEDE_TITLE, True)
    assert article.body.startswith("KHARTOUM — A drone strike")


@pytest.mark.parametrize("menu", MENUS)
def test_a_menu_between_headline_and_story_is_not_story_text(menu):
    page = f"Nile Ledger\n{menu}\nDrone strike kills 40 at Omdurman market\n{menu}\nBy Hana Idris | 14 March 2025\n\n{STORY}{menu}\n"
    article = clean_document(RawDocument("menu.txt", page))
    assert article.title == "Drone strike kills 40 at Omdurman market"
    assert article.body.startswith("KHARTOUM — A drone strike")
    assert article.body.endswith("the attack on the market.")


@pytest.mark.parametrize(
    "headline, title, source",
    [
        # the outlet after the last separator is not the headline; it names the outlet when the page does not
        ("Gaza: what we know – BBC News", "Gaza: what we know", "BBC News"),
        ("Sudan shelling kills 40 - The Eastern Ledger", "Sudan shelling kills 40", "The Eastern Ledger"),
        ("Russia strikes Kyiv overnight | AFP", "Russia strikes Kyiv overnight", "AFP"),
        ("Russia strikes Kyiv overnight · Nile Post", "Russia strikes Kyiv overnight", "Nile Post"),
        ("Sudan: RSF kills 40 | World | Nile Post", "Sudan: RSF kills 40", "Nile Post"),  # a section goes with it
        ("Ukraine war | Live updates | Kyiv Post", "Ukraine war | Live updates", "Kyiv Post"),
        # no outlet after the separator: the whole line is the headline
        ("Ukraine war | Live updates", "Ukraine war | Live updates", None),
        ("Aid blocked at Rafah crossing – UN", "Aid blocked at Rafah crossing – UN", None),
        ("Talks in Doha stall – officials", "Talks in Doha stall – officials", None),
        ("Israel-Gaza war: ceasefire holds", "Israel-Gaza war: ceasefire holds", None),
    ],
)
def test_a_headline_with_one_separator_stays_the_headline(headline, title, source):
    page = f"Home | World | Middle East | Opinion | Sport\n{headline}\n\n{STORY}"
    article = clean_document(RawDocument("h.txt", page))
    assert (article.title, article.source, article.title_from_body) == (title, source, False)
    assert article.body.startswith("KHARTOUM — A drone strike")


def test_the_outlet_a_byline_names_is_cut_from_the_headline_whatever_its_name():
    assert split_outlet_suffix("Drone strike kills 40 at market | Al Jazeera", "Al Jazeera") == (
        "Drone strike kills 40 at market", "Al Jazeera")
    assert split_outlet_suffix("Drone strike kills 40 at market | Al Jazeera") == (
        "Drone strike kills 40 at market | Al Jazeera", None)
    page = f"Drone strike kills 40 at market | Al Jazeera\nSource: Al Jazeera | 14 March 2025\n\n{STORY}"
    assert clean_document(RawDocument("h.txt", page)).title == "Drone strike kills 40 at market"


@pytest.mark.parametrize("menu", MENUS)
def test_an_exports_text_loses_its_menus(menu):
    raw = RawDocument("export.jsonl:1", f"{menu}\n{STORY}{menu}\n", title="Drone strike kills 40 at Omdurman market")
    article = clean_document(raw)
    assert article.title == "Drone strike kills 40 at Omdurman market"
    assert article.body.startswith("KHARTOUM — A drone strike")
    assert article.body.endswith("the attack on the market.")


@pytest.mark.parametrize("menu", ["Home | India | World | Opinion | Sports", "Home > World > Asia", "HOME  WORLD  BUSINESS"])
def test_an_exports_title_that_is_a_menu_gives_way_to_the_first_sentence(menu):
    article = clean_document(RawDocument("export.csv:2", STORY, title=menu))
    assert (article.title, article.title_from_body) == (LEDE_TITLE, True)


def test_an_export_that_keeps_the_page_with_an_outlets_headline_is_read_as_the_page():
    text = f"Home | World | Africa\nSudan shelling kills 40 – Nile Post\nBy Hana Idris | 14 March 2025\n\n{STORY}"
    article = clean_document(RawDocument("export.jsonl:4", text, title="Sudan shelling kills 40 – Nile Post"))
    assert article.title == "Sudan shelling kills 40 – Nile Post"  # the export's own title is kept as given
    assert str(article.published) == "2025-03-14" and article.body.startswith("KHARTOUM — A drone strike")


def test_drop_menus_keeps_every_other_line():
    text = "Home | World | Asia\nKilled 40 | Wounded 12 | Missing 3\nThe  story, as sent.\nShare | Tweet | Email"
    assert drop_menus(text) == "Killed 40 | Wounded 12 | Missing 3\nThe  story, as sent."


# --- dates ------------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "page, url, today, published, inferred",
    [
        # a dateline with the day and month only: the latest such day not after the ingestion day
        ("TAIPEI, Nov 27 (Wire) - Taiwan tracked 40 Chinese aircraft near the island, the ministry said on Thursday.\n",
         None, dt.date(2026, 1, 5), "2025-11-27", True),
        ("TAIPEI, Nov 27 (Wire) - Taiwan tracked 40 Chinese aircraft near the island, the ministry said on Thursday.\n",
         None, dt.date(2026, 11, 30), "2026-11-27", True),
        ("Seoul says North fired missiles\n\nSEOUL, March 9. /Agency/. North Korea fired two ballistic missiles "
         "into the sea on Sunday, the military said.\n", None, dt.date(2026, 3, 9), "2026-03-09", True),
        # the address's date is stated evidence, better than a guess
        ("TAIPEI, Nov 27 (Wire) - Taiwan tracked 40 Chinese aircraft near the island, the ministry said on Thursday.\n",
         "https://news.example/asia/2024/11/27/taiwan-drills/", dt.date(2026, 1, 5), "2024-11-27", False),
        ("Strikes hit the port city overnight\n\nThe port was hit by 12 drones overnight, officials said, and two "
         "people were hurt.\n", "https://news.example/world/2024-03-14-port-strikes.html", None, "2024-03-14", False),
        # dates written with a comma, glued to a label or to the story
        ("Strikes hit the port city overnight\nUpdated 14 March, 2024\n\nThe port was hit by 12 drones overnight, "
         "officials said on Thursday.\n", None, None, "2024-03-14", False),
        ("Strikes hit the port city overnight\nBy Lena Ortiz\nPublishedMarch 3, 2024\n\nThe port was hit by 12 drones "
         "overnight, officials said on Thursday.\n", None, None, "2024-03-03", False),
        ("Strikes hit the port city overnight\nJune 2, 2024The minister said the port was hit by 12 drones overnight "
         "and would reopen soon.\n", None, None, "2024-06-02", False),
        # a date alone on the line after a photo's caption
        ("Strikes hit the port city overnight\nFILE PHOTO: Smoke rises over the port after a strike, in Odesa, "
         "Ukraine. REUTERS/Staff/File Photo\nMarch 14, 2024\n\nThe port was hit by 12 drones overnight, officials "
         "said on Thursday.\n", None, None, "2024-03-14", False),
        # an agency in parentheses after the day, with or without a dash, or run on from a headline line
        ("Algeria, Kuwait discuss ties\n\nALGIERS, Sept 5 (KUNA) -- Algeria and Kuwait signed 12 accords on "
         "Thursday, the foreign ministry said.\n", None, dt.date(2026, 1, 5), "2025-09-05", True),
        ("Egypt hosts talks\n\nCAIRO, Jan. 12 (Xinhua) Egypt hosted talks on Gaza on Sunday, the foreign ministry "
         "said in a statement.\n", None, dt.date(2026, 1, 20), "2026-01-12", True),
        ("Talks on the border resume\nALGIERS, Sept 5 (KUNA) -- Algeria and Mali resumed talks on the border on "
         "Thursday, officials said.\n", None, dt.date(2026, 1, 5), "2025-09-05", True),
        # a numeric month/day and a clock at the head of the page: read when its order is certain
        ("Drones hit the port city overnight\n05/27 08:14\n\nThe port was hit by 12 drones overnight, officials "
         "said on Thursday.\n", None, dt.date(2026, 1, 5), "2025-05-27", True),
        # ... or the page's other dates, its address or its weekday settle it; else it stays unread
        ("11/03 19:40 GMT\nDrones hit the port city overnight\n\nThe port was hit by 12 drones overnight, "
         "officials said on Thursday.\n", None, dt.date(2026, 11, 20), None, False),
        ("11/03 19:40 GMT\nDrones hit the port city overnight\n\nThe port was hit by 12 drones overnight, "
         "officials said on Thursday.\nComments\nJane, 15/04/2024 10:22: so sad\n", None, dt.date(2026, 11, 20),
         "2026-03-11", True),
        ("11/03 19:40 GMT\nDrones hit the port city overnight\n\nThe port was hit by 12 drones overnight, "
         "officials said on Thursday.\nComments\nJane, 04/15/2024 10:22: so sad\n", None, dt.date(2026, 11, 20),
         "2026-11-03", True),
        ("11/03 19:40 GMT\nDrones hit the port city overnight\n\nThe port was hit by 12 drones overnight, "
         "officials said on Thursday.\n", "https://news.example.co.uk/world/drones-hit-port", dt.date(2026, 11, 20),
         "2026-03-11", True),
        ("11/03 19:40 GMT\nDrones hit the port city overnight\n\nThe port was hit by 12 drones overnight, "
         "officials said on Thursday.\n", "https://news.example.us/world/drones-hit-port", dt.date(2026, 11, 20),
         "2026-11-03", True),
        ("Tue 11/03 19:40 GMT\nDrones hit the port city overnight\n\nThe port was hit by 12 drones overnight, "
         "officials said on Thursday.\n", None, dt.date(2026, 11, 20), "2026-11-03", True),
        # ... but never a stamp of a teaser under the story, nor a fraction in its prose
        ("Drones hit the port city overnight\n\nThe port was hit by 12 drones overnight, officials said on "
         "Thursday.\nMost Read\nFloods kill 9\n06/03 10:15\n", None, dt.date(2026, 1, 5), None, False),
        ("Drones hit the port city overnight\n\nThe port was hit at 1/2 12:00 by 12 drones, officials said on "
         "Thursday.\n", None, dt.date(2026, 1, 5), None, False),
        # a teaser's date is another story's, and a day in the story's prose is no dateline
        ("Strikes hit the port city overnight\n\nThe port was hit by 12 drones overnight, officials said on "
         "Thursday.\nMost Read\nFloods kill 9 - June 3, 2024\n", None, None, None, False),
        ("Strikes hit the port city overnight\n\nThe port was hit on Nov 27 by 12 drones, officials said on "
         "Thursday.\n", None, dt.date(2026, 1, 5), None, False),
    ],
)
def test_publication_date(page, url, today, published, inferred):
    article = clean_document(RawDocument("p.txt", page, url=url), today=today)
    assert (str(article.published) if article.published else None, article.date_inferred) == (published, inferred)


@given(st.text(alphabet=st.characters(max_codepoint=127)) | st.text()
       # ASCII with the non-ASCII punctuation of news (made spaces, then the ASCII path) and a few letters
       | st.text(alphabet=st.characters(max_codepoint=127) | st.sampled_from("“”‘’—–€£°…\u00a0\u2009éßİ٣²"))
       # characters no word holds that case-folding changes (a ligature, a circled letter, a combining iota),
       # and a lone surrogate
       | st.text(alphabet=st.characters(max_codepoint=127) | st.sampled_from("“—€ﬁⒶ\u0345\ud800")))
def test_article_id_keys_on_the_words_of_any_text(body: str) -> None:
    # The fast paths must hash exactly what the general path does: the \w+ words, joined by spaces.
    text = unicodedata.normalize("NFKC", body).casefold()
    key = " ".join(re.findall(r"\w+", text))
    assert article_id(body) == hashlib.blake2b(key.encode("utf-8"), digest_size=16).hexdigest()


# --- articles past MAX_BODY_CHARS are cut at ingestion (issue 18) ------------------------------------

from analysis.read.clean import MAX_BODY_CHARS, cut_body  # noqa: E402


@pytest.mark.parametrize("body, limit, expected, was_cut", [
    ("Short story. It ends.", 100, "Short story. It ends.", False),
    ("x" * 100, 100, "x" * 100, False),  # exactly the limit: kept whole
    # at the last paragraph break before the limit
    ("First paragraph here.\n\nSecond one is longer than the rest.\n\nThird.", 62,
     "First paragraph here.\n\nSecond one is longer than the rest.", True),
    # no paragraph break in the last half: at the last sentence end
    ("One sentence here. Two sentences here. Three sentences run past it.", 50,
     "One sentence here. Two sentences here.", True),
    ("He said “It ends.” Then more words follow on and on.", 30, "He said “It ends.”", True),
    # no sentence end either: at a space; no space: at the limit
    ("word " * 20, 42, ("word " * 8).strip(), True),
    ("y" * 80, 50, "y" * 50, True),
    # a break too early (in the first half) is not where it ends
    ("Hi.\n\n" + "Long paragraph without an end but with spaces " * 3, 60,
     ("Hi.\n\n" + "Long paragraph without an end but with spaces " * 3)[:60].rsplit(" ", 1)[0].rstrip(), True),
])
def test_cut_body_ends_at_a_paragraph_a_sentence_or_a_word(body, limit, expected, was_cut):
    assert cut_body(body, limit) == (expected, was_cut)


@given(st.text(alphabet=st.sampled_from(list("ab .!\n\"”")), max_size=300), st.integers(10, 200))
def test_cut_body_never_exceeds_the_limit_and_keeps_a_prefix(body, limit):
    kept, was_cut = cut_body(body, limit)
    assert was_cut == (len(body) > limit)
    assert len(kept) <= limit and body.startswith(kept)
    if not was_cut:
        assert kept == body


def test_an_article_past_the_limit_is_cut_and_says_so():
    paragraph = "Officials in Kyiv said 12 drones were shot down overnight, and the talks went on. " * 20
    raw = RawDocument("huge.txt", "\n\n".join([paragraph.strip()] * 200), title="A very long story")
    assert len(raw.content) > MAX_BODY_CHARS
    article = clean_document(raw)
    assert article.body_cut and len(article.body) <= MAX_BODY_CHARS
    assert article.body.endswith("went on.")  # at a paragraph's end, not inside one
    assert not clean_document(RawDocument("small.txt", paragraph, title="Short")).body_cut


@pytest.mark.parametrize(
    "line, expected",
    [
        # a photo's caption: where the people pictured stand, or a credit closing its sentence
        ("North Korean leader Kim Jong Un (left) witnessing the launch of a missile, on March 16, 2023. AFP", True),
        ("President Vladimir Putin (L) and Xi Jinping (R) shake hands in Moscow on March 21, 2023", True),
        ("Soldiers stand guard (2nd R) at a checkpoint in Kyiv on Jan. 5, 2024", True),
        ("Smoke rises (centre) over the city after the strike", True),
        ("Rescuers search the rubble of a building in Kharkiv, Ukraine, on March 3, 2024. AP Photo", True),
        ("Smoke rises over the city after an air strike on October 9, 2023. AFP via Getty Images", True),
        ("A woman walks past a damaged house in the village on 5 June 2024. EPA-EFE", True),
        # not captions: a party, a clause, an agency in parentheses, a byline
        ("Sen. Tom Cotton (R) said on Tuesday that the strikes would continue.", False),
        ("Under paragraph 2(c) of the resolution, troops must withdraw by Friday.", False),
        ("The NPA's strength is at 3,000, far lower than its peak in the 1980s. (ANI/Xinhua)", False),
        ("The army said 12 soldiers were killed in the attack on Friday, officials said. (AFP)", False),
        ("AFP | March 16, 2023", False),
        ("By Reuters", False),
    ],
)
def test_is_caption(line, expected):
    from analysis.read.clean import is_caption

    assert is_caption(line) is expected
