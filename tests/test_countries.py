"""Country mentions: sentence -> the ISO3 codes it names, in order. Each row is a rule of the matcher."""
import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.understand.countries import (
    all_countries,
    count_country_mentions,
    country_name,
    _in_dateline,
    dateline_spans,
    find_country_mentions,
)

CASES = [
    # names, short forms, demonyms, capitals and metonyms
    ("Venezuela rejected the ultimatum.", ["VEN"]),
    ("Venezuelan officials and Venezuelans abroad protested.", ["VEN", "VEN"]),
    ("The US, the U.S. and the USA are one country.", ["USA", "USA", "USA"]),
    ("The United States of America and America.", ["USA", "USA"]),
    ("The UK and the U.K. both said so; Britain and British ministers agreed.", ["GBR"] * 4),
    ("The UAE and the DRC signed a deal.", ["ARE", "COD"]),
    ("Washington and Moscow traded accusations.", ["USA", "RUS"]),
    ("The White House and the Kremlin spoke; the Pentagon declined.", ["USA", "RUS", "USA"]),
    ("Drones hit Kyiv overnight; Kiev is the older spelling.", ["UKR", "UKR"]),
    ("Beijing warned Taipei.", ["CHN", "TWN"]),
    ("Iranian and Iraqi officials met with Israelis and Palestinians.", ["IRN", "IRQ", "ISR", "PSE"]),
    ("Strikes on Gaza and raids in the West Bank continued.", ["PSE", "PSE"]),
    ("Gazans fled south as Hong Kongers watched.", ["PSE", "HKG"]),
    # the traps
    ("FOLLOW US on social media.", []),
    ("The Philippines and Australia held drills in the South China Sea.", ["PHL", "AUS"]),
    ("In the U.S. state of Georgia, voters went to the polls; Georgian protesters rallied in Tbilisi.", ["USA", "GEO", "GEO"]),
    ("Let us know what you think; tell us more.", []),
    ("CONTACT US | ABOUT US", []),
    ("A report from The Washington Post said so.", []),
    ("The Washington Post reported that Washington had decided.", ["USA"]),
    ("The Times of Israel and the South China Morning Post reported it.", []),  # outlets, not countries
    ("Defence Minister Israel Katz said Israel would respond.", ["ISR"]),  # a man's name, then the country
    ("Ukraine gave up its arsenal under the Budapest Memorandum; the Minsk agreements failed.", ["UKR"]),
    ("Jordan Bardella met officials from Jordan.", ["JOR"]),
    ("North Korea's Korean Central News Agency said Pyongyang fired a missile.", ["PRK", "PRK"]),
    ("He left the oil-rich South American country.", []),
    ("Latin American and North American leaders met in Central America.", []),
    ("American and Venezuelan negotiators met.", ["USA", "VEN"]),
    ("The governor of New Mexico visited Mexico.", ["MEX"]),
    ("Papua New Guinea and Guinea are different countries, as is Guinea-Bissau.", ["PNG", "GIN", "GNB"]),
    ("Equatorial Guinea is another.", ["GNQ"]),
    ("Niger and Nigeria share a border; Nigerien and Nigerian troops patrol it.", ["NER", "NGA", "NER", "NGA"]),
    ("Sudan and South Sudan; Sudanese and South Sudanese refugees.", ["SDN", "SSD", "SDN", "SSD"]),
    ("The Democratic Republic of the Congo and the Republic of the Congo.", ["COD", "COG"]),
    ("Fighting in eastern Congo and in DR Congo.", ["COD", "COD"]),
    ("North Korea fired missiles toward South Korea.", ["PRK", "KOR"]),
    ("Pyongyang and Seoul exchanged warnings; the DPRK denied it.", ["PRK", "KOR", "PRK"]),
    ("Georgia and Armenia held talks in Tbilisi.", ["GEO", "ARM", "GEO"]),
    ("Jordan closed its airspace; Jordanian jets flew.", ["JOR", "JOR"]),
    ("Turkey, also called Türkiye, and Turkish forces.", ["TUR", "TUR", "TUR"]),
    ("We ate turkey and chad is not a word here.", []),
    ("Chad and Cameroon.", ["TCD", "CMR"]),
    ("Czechia, once the Czech Republic.", ["CZE", "CZE"]),
    ("Ivory Coast, or Côte d'Ivoire, and Cote d’Ivoire.", ["CIV", "CIV", "CIV"]),
    ("Dominica is not the Dominican Republic.", ["DMA", "DOM"]),
    ("Nigerians in Nigeria.", ["NGA", "NGA"]),
    ("US-led forces and Russia-Ukraine talks.", ["USA", "RUS", "UKR"]),
    ("Venezuela's airspace and the U.S.'s fleet.", ["VEN", "USA"]),
    ("Prices in USD rose; the USSR is gone; a USB stick.", []),
    ("Journalists at China Daily and the Kyiv Independent wrote.", []),
    ("The Americas summit.", []),
    ("VENEZUELA REJECTS US DEMANDS", ["VEN", "USA"]),
    ("Democratic Republic Of The Congo", ["COD"]),
]


@pytest.mark.parametrize("sentence, expected", CASES, ids=[c[0][:40] for c in CASES])
def test_country_mentions(sentence, expected):
    assert [m.iso3 for m in find_country_mentions(sentence)] == expected


def test_mention_spans_point_at_the_words():
    text = "Talks in Caracas. Venezuelan ministers met US envoys."
    for m in find_country_mentions(text):
        assert text[m.start : m.end] == m.surface
    assert [m.surface for m in find_country_mentions(text)] == ["Caracas", "Venezuelan", "US"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("WASHINGTON - US President Donald Trump met advisers.", ["USA"]),
        ("KYIV, Nov. 20 (Reuters) - Russia launched drones.", ["RUS"]),
        ("KYIV, Ukraine, Nov. 20 - Russia launched drones.", ["UKR", "RUS"]),  # the country after the city counts
        ("SEOUL, March 9. /Asia Wire/. North Korea fired missiles.", ["PRK"]),
        ("SEOUL, March 9. North Korea fired missiles.", ["PRK"]),
        ("US. officials said so.", ["USA"]),  # a full stop ends a dateline only after its date or agency
        ("MOSCOW, Dec. 2 (Xinhua) -- Moscow said.", ["RUS"]),
        ("Intro line.\nCARACAS — Venezuela responded.", ["VEN"]),
        ("Kyiv - a city under fire.", ["UKR"]),  # not in capitals: a sentence, not a dateline
    ],
)
def test_datelines_are_not_mentions(text, expected):
    assert [m.iso3 for m in find_country_mentions(text)] == expected


def test_dateline_spans():
    text = "Title\n\nWASHINGTON - Officials met."
    ((start, end),) = dateline_spans(text)
    assert text[start:end] == "WASHINGTON"


# Lines that open with a dateline, with one in its parts only, with none, and the characters around them.
_DATELINE_LINES = st.lists(
    st.sampled_from([
        "WASHINGTON - ", "KYIV, Nov. 20 (Reuters) - ", "KYIV, Ukraine, Nov. 20 - ", "SEOUL, March 9. /Asia Wire/. ",
        "US. ", "US - ", " \tMOSCOW, Dec. 2 (Xinhua) -- ", "CARACAS — ", "PORT-AU-PRINCE, Haiti: ", "US", "Kyiv - ",
        "Officials said.", "\n", "\n\n", " ", "\t", "-", "UK ", "(AP) ", "2024. ", "Russia", "x",
    ]),
    max_size=12,
).map("".join)


@given(st.one_of(_DATELINE_LINES, st.text(alphabet="AKUSY -,.:/()\n\t2", max_size=60)))
def test_a_position_is_in_a_dateline_as_the_whole_texts_datelines_say(text):
    """The line-by-line test reads what `dateline_spans` reads over the whole text, at every position."""
    spans = dateline_spans(text)
    assert [_in_dateline(text, at) for at in range(len(text))] == [
        any(start <= at < end for start, end in spans) for at in range(len(text))
    ]


def test_count_country_mentions_orders_by_count():
    text = "Ukraine and Russia. Ukrainian drones. Kyiv said."
    assert count_country_mentions(text) == {"UKR": 3, "RUS": 1}
    assert list(count_country_mentions(text)) == ["UKR", "RUS"]


def test_every_country_has_a_display_name():
    names = all_countries()
    assert len(names) >= 249
    assert country_name("VEN") == "Venezuela" and country_name("usa") == "United States"
    assert country_name("COD") == "DR Congo" and country_name("XKX") == "Kosovo"


@pytest.mark.parametrize("iso3", ["FRA", "BRA", "IND", "KEN", "PER", "ZAF", "SYR", "YEM", "MMR", "HTI"])
def test_official_names_from_pycountry_are_found(iso3):
    name = country_name(iso3)
    assert [m.iso3 for m in find_country_mentions(f"Officials in {name} said.")] == [iso3]


@given(st.text(max_size=300))
def test_any_text_gives_mentions_that_point_into_it(text):
    for m in find_country_mentions(text):
        assert text[m.start : m.end] == m.surface and m.iso3 in all_countries()
