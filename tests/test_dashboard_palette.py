"""A country's colour: one per country everywhere, never shared by countries in the news together."""
from __future__ import annotations

import zlib

import pandas as pd
import pytest

from dashboard import charts, palette
from dashboard import palette_build as build

# Written here, apart from the script's groups: countries that conflict news names together.
RIVALS = [
    ("AZE", "ARM"), ("UKR", "RUS"), ("ISR", "PSE", "LBN", "IRN", "SYR", "YEM"), ("SDN", "TCD", "SSD", "EGY", "ETH"),
    ("COD", "RWA", "UGA", "BDI"), ("CHN", "TWN", "JPN", "PHL", "KOR", "PRK", "USA"), ("IND", "PAK", "AFG"),
    ("VEN", "COL", "USA", "GUY"), ("SRB", "XKX"), ("ETH", "ERI"), ("GRC", "TUR"), ("THA", "KHM"), ("MAR", "DZA"),
    ("ISR", "IRN", "USA"), ("RUS", "GEO"), ("MLI", "BFA", "NER"), ("IRQ", "SYR", "TUR"), ("HTI", "DOM"),
]


@pytest.mark.parametrize("group", RIVALS, ids="-".join)
def test_countries_in_the_news_together_never_share_a_colour(group):
    colours = {code: palette.country_colour(code) for code in group}
    assert len(set(colours.values())) == len(group), colours


def test_no_two_neighbours_nor_countries_of_one_news_group_share_a_colour():
    assert build.clashes(palette.COLOURS, build.constraint_graph(build.NEWS_GROUPS, build.land_borders())) == []
    assert len(build.land_borders()) > 300  # GeoNames' borders were read, not an empty table


def test_every_country_has_a_colour_of_the_palette():
    assert len(set(palette.PALETTE)) == len(palette.PALETTE) == 16
    assert set(palette.COLOURS) == set(build.all_codes()) and len(palette.COLOURS) >= 250
    assert set(palette.COLOURS.values()) == set(palette.PALETTE)  # all sixteen in use
    assert "XKX" in palette.COLOURS and "PSE" in palette.COLOURS


def test_the_table_is_the_scripts_and_keeps_the_first_colours():
    """The literal table is what the script gives from the 16 countries of the first palette, and a run of
    the script on the table adds nothing: the colours never change between versions."""
    graph = build.full_graph()
    assert build.colour_graph(build.all_codes(), graph, build.FIRST_SLOTS) == palette.COLOURS
    assert build.colour_graph(build.all_codes(), graph, palette.COLOURS) == palette.COLOURS
    assert all(palette.COLOURS[code] == colour for code, colour in build.FIRST_SLOTS.items())


def test_the_script_stops_rather_than_recolour_a_country():
    graph = build.constraint_graph([("AAA", "BBB")])
    with pytest.raises(ValueError, match="AAA"):
        build.colour_graph(["AAA", "BBB"], graph, {"AAA": "#0072B2", "BBB": "#0072B2"})
    # and colours what it lacks apart from its neighbours
    coloured = build.colour_graph(["AAA", "BBB", "CCC"], build.constraint_graph([("AAA", "BBB", "CCC")]), {"AAA": "#0072B2"})
    assert coloured["AAA"] == "#0072B2" and len(set(coloured.values())) == 3


@pytest.mark.parametrize("a, b, near", [
    ("#CC79A7", "#44AA99", True),  # pink and teal: apart to most eyes, alike to a dichromat
    ("#56B4E9", "#88CCEE", True),  # two light blues
    ("#0072B2", "#D55E00", False),  # Okabe-Ito's blue and vermillion: apart to every eye
    ("#000000", "#DDCC77", False),
])
def test_colour_distance_is_that_of_the_eye_that_confuses_them_most(a, b, near):
    assert build.colour_distance(a, a) == 0
    assert (build.colour_distance(a, b) < 12) is near
    assert build.colour_distance(a, b) == build.colour_distance(b, a)


def test_a_neighbour_gets_a_colour_every_eye_tells_apart():
    graph = build.constraint_graph([("AAA", "BBB")])
    for seed in palette.PALETTE:
        chosen = build.colour_graph(["AAA", "BBB"], graph, {"AAA": seed})["BBB"]
        assert build.colour_distance(seed, chosen) >= build.CLEAR, (seed, chosen)


def test_the_table_literal_reads_back():
    table: dict = {}
    exec(build.table_literal({"ARM": "#AA4499", "AZE": "#000000"}), table)  # noqa: S102 (our own output)
    assert table["COLOURS"] == {"ARM": "#AA4499", "AZE": "#000000"}


def test_no_two_countries_drawn_together_by_the_sample_share_a_colour(sample_store):
    """The sample's mentions bar, unfiltered and filtered to each of its countries: all colours differ."""
    from analysis.store.parquet_store import read_connection

    with read_connection(sample_store) as con:
        groups = build.chart_groups(con)
    assert len(groups) >= 5 and len(groups[0]) == 15
    for group in groups:
        colours = palette.country_colours(group)
        assert len(set(colours.values())) == len(group), colours
        # the script knows the group, so a new country coloured later keeps clear of these
        assert any(set(group) <= set(known) for known in build.SAMPLE_GROUPS), group


@pytest.mark.parametrize("code", ["USA", "ARM", "XKX", "ZZZ", "EUU"])
def test_a_colour_depends_on_the_code_alone(code):
    assert palette.country_colour(code) in palette.PALETTE
    assert palette.country_colours([code, "ISR"])[code] == palette.country_colours(["RUS", code])[code]
    if code not in palette.COLOURS:  # the documented fallback: the slot its CRC-32 picks
        assert palette.country_colour(code) == palette.PALETTE[zlib.crc32(code.encode()) % 16]


def _same_colour_pair() -> tuple[str, str]:
    by_colour: dict[str, list[str]] = {}
    for code, colour in sorted(palette.COLOURS.items()):
        by_colour.setdefault(colour, []).append(code)
    return tuple(by_colour[palette.COLOURS["USA"]][:2])


def test_two_bars_of_one_colour_differ_in_hatching():
    first, second = _same_colour_pair()
    df = pd.DataFrame({"country": [first, "UKR", second], "name": ["First", "Ukraine", "Second"],
                       "mentions": [9, 5, 3], "articles": [1, 1, 1], "tone": [0.0, 0.0, 0.0]})
    bar = charts.mentions_bar(df).data[0]
    hatching = dict(zip(bar.y, bar.marker.pattern.shape))
    assert hatching == {"First": "", "Ukraine": "", "Second": "/"}
    assert bar.marker.color[list(bar.y).index("First")] == bar.marker.color[list(bar.y).index("Second")]
    plain = charts.mentions_bar(df.iloc[:2]).data[0]
    assert plain.marker.pattern.shape is None  # no pattern at all when every colour differs


def test_two_lines_of_one_colour_differ_in_dash_or_symbol():
    first, second = _same_colour_pair()
    assert charts.country_dashes([first, "UKR", second]) == {first: "solid", "UKR": "solid", second: "dash"}
    period = pd.to_datetime(["2025-01-06"] * 4)
    signals = pd.DataFrame({"period": period, "country": [first, first, second, second],
                            "name": ["First", "First", "Second", "Second"], "kind": ["act", "threat"] * 2,
                            "sentences": [5, 1, 3, 2], "articles": [1] * 4})
    marked = {t.name: t.marker.symbol for t in charts.signal_lines(signals, "week").data if t.mode == "lines+markers"}
    assert marked == {"Second, act": "square", "Second, threat": "square"}

