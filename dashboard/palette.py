"""One colour per country, the same in every chart, view and snapshot of every version.

PALETTE is colour-blind safe: Okabe & Ito's seven (without the yellow, too pale for a line on white),
then Paul Tol's "muted" nine. COLOURS gives every country a colour of it, chosen once by a graph colouring
(`dashboard/palette_build.py`, which wrote the table and says how) so that countries in the news together
never share one: rivals and belligerents, land neighbours, and the bundled sample's countries drawn in one
chart. It is a literal table so that it never changes between versions; the script only adds countries.

Sixteen colours cannot tell apart every set of countries a chart may draw (fifteen European bars, say):
when two countries of one chart share a colour, the later one is drawn dashed (lines) or hatched (bars),
see `shared_colour_marks`. A code outside the table (none that the country finder gives) takes the
colour its CRC-32 picks, so it too is the same everywhere.
"""
from __future__ import annotations

import zlib
from collections.abc import Iterable, Sequence

PALETTE = (
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000",
    "#882255", "#117733", "#332288", "#DDCC77", "#44AA99", "#999933", "#AA4499", "#CC6677", "#88CCEE",
)

# Written by `python -m dashboard.palette_build --write`: edit the script's groups, not this table.
COLOURS = {
    "ABW": "#882255", "AFG": "#56B4E9", "AGO": "#882255", "AIA": "#117733", "ALA": "#332288", "ALB": "#44AA99",
    "AND": "#56B4E9", "ARE": "#56B4E9", "ARG": "#DDCC77", "ARM": "#AA4499", "ASM": "#44AA99", "ATA": "#AA4499",
    "ATF": "#CC6677", "ATG": "#88CCEE", "AUS": "#0072B2", "AUT": "#CC6677", "AZE": "#000000", "BDI": "#117733",
    "BEL": "#44AA99", "BEN": "#E69F00", "BES": "#D55E00", "BFA": "#009E73", "BGD": "#AA4499", "BGR": "#0072B2",
    "BHR": "#009E73", "BHS": "#CC79A7", "BIH": "#999933", "BLM": "#E69F00", "BLR": "#56B4E9", "BLZ": "#D55E00",
    "BMU": "#56B4E9", "BOL": "#88CCEE", "BRA": "#999933", "BRB": "#000000", "BRN": "#117733", "BTN": "#117733",
    "BVT": "#882255", "BWA": "#CC79A7", "CAF": "#D55E00", "CAN": "#332288", "CCK": "#117733", "CHE": "#88CCEE",
    "CHL": "#000000", "CHN": "#CC79A7", "CIV": "#44AA99", "CMR": "#56B4E9", "COD": "#44AA99", "COG": "#0072B2",
    "COK": "#332288", "COL": "#DDCC77", "COM": "#DDCC77", "CPV": "#44AA99", "CRI": "#000000", "CUB": "#AA4499",
    "CUW": "#999933", "CXR": "#AA4499", "CYM": "#CC6677", "CYP": "#000000", "CZE": "#882255", "DEU": "#999933",
    "DJI": "#882255", "DMA": "#88CCEE", "DNK": "#44AA99", "DOM": "#56B4E9", "DZA": "#0072B2", "ECU": "#0072B2",
    "EGY": "#CC6677", "ERI": "#AA4499", "ESH": "#E69F00", "ESP": "#D55E00", "EST": "#332288", "ETH": "#117733",
    "FIN": "#CC6677", "FJI": "#0072B2", "FLK": "#D55E00", "FRA": "#882255", "FRO": "#009E73", "FSM": "#CC79A7",
    "GAB": "#117733", "GBR": "#88CCEE", "GEO": "#CC6677", "GGY": "#E69F00", "GHA": "#AA4499", "GIB": "#999933",
    "GIN": "#999933", "GLP": "#D55E00", "GMB": "#CC6677", "GNB": "#88CCEE", "GNQ": "#009E73", "GRC": "#CC79A7",
    "GRD": "#56B4E9", "GRL": "#000000", "GTM": "#0072B2", "GUF": "#CC79A7", "GUM": "#882255", "GUY": "#117733",
    "HKG": "#117733", "HMD": "#332288", "HND": "#CC79A7", "HRV": "#000000", "HTI": "#DDCC77", "HUN": "#D55E00",
    "IDN": "#D55E00", "IMN": "#DDCC77", "IND": "#E69F00", "IOT": "#44AA99", "IRL": "#AA4499", "IRN": "#117733",
    "IRQ": "#E69F00", "ISL": "#999933", "ISR": "#332288", "ITA": "#44AA99", "JAM": "#AA4499", "JEY": "#CC6677",
    "JOR": "#D55E00", "JPN": "#117733", "KAZ": "#332288", "KEN": "#332288", "KGZ": "#0072B2", "KHM": "#E69F00",
    "KIR": "#88CCEE", "KNA": "#0072B2", "KOR": "#009E73", "KWT": "#332288", "LAO": "#56B4E9", "LBN": "#000000",
    "LBR": "#882255", "LBY": "#999933", "LCA": "#D55E00", "LIE": "#E69F00", "LKA": "#009E73", "LSO": "#88CCEE",
    "LTU": "#44AA99", "LUX": "#CC6677", "LVA": "#117733", "MAC": "#CC79A7", "MAF": "#CC79A7", "MAR": "#CC6677",
    "MCO": "#999933", "MDA": "#CC79A7", "MDG": "#E69F00", "MDV": "#56B4E9", "MEX": "#CC6677", "MHL": "#000000",
    "MKD": "#DDCC77", "MLI": "#117733", "MLT": "#882255", "MMR": "#332288", "MNE": "#AA4499", "MNG": "#999933",
    "MNP": "#117733", "MOZ": "#0072B2", "MRT": "#332288", "MSR": "#332288", "MTQ": "#DDCC77", "MUS": "#44AA99",
    "MWI": "#E69F00", "MYS": "#000000", "MYT": "#999933", "NAM": "#D55E00", "NCL": "#AA4499", "NER": "#DDCC77",
    "NFK": "#CC6677", "NGA": "#000000", "NIC": "#56B4E9", "NIU": "#88CCEE", "NLD": "#DDCC77", "NOR": "#882255",
    "NPL": "#DDCC77", "NRU": "#0072B2", "NZL": "#D55E00", "OMN": "#CC79A7", "PAK": "#44AA99", "PAN": "#882255",
    "PCN": "#009E73", "PER": "#D55E00", "PHL": "#882255", "PLW": "#CC79A7", "PNG": "#009E73", "POL": "#DDCC77",
    "PRI": "#E69F00", "PRK": "#88CCEE", "PRT": "#0072B2", "PRY": "#0072B2", "PSE": "#882255", "PYF": "#56B4E9",
    "QAT": "#88CCEE", "REU": "#000000", "ROU": "#332288", "RUS": "#D55E00", "RWA": "#D55E00", "SAU": "#DDCC77",
    "SDN": "#44AA99", "SEN": "#AA4499", "SGP": "#882255", "SGS": "#117733", "SHN": "#332288", "SJM": "#DDCC77",
    "SLB": "#44AA99", "SLE": "#CC6677", "SLV": "#E69F00", "SMR": "#E69F00", "SOM": "#88CCEE", "SPM": "#999933",
    "SRB": "#882255", "SSD": "#E69F00", "STP": "#AA4499", "SUR": "#332288", "SVK": "#0072B2", "SVN": "#CC79A7",
    "SWE": "#AA4499", "SWZ": "#44AA99", "SXM": "#000000", "SYC": "#CC6677", "SYR": "#AA4499", "TCA": "#88CCEE",
    "TCD": "#CC79A7", "TGO": "#999933", "THA": "#009E73", "TJK": "#DDCC77", "TKL": "#0072B2", "TKM": "#88CCEE",
    "TLS": "#56B4E9", "TON": "#D55E00", "TTO": "#000000", "TUN": "#88CCEE", "TUR": "#009E73", "TUV": "#009E73",
    "TWN": "#56B4E9", "TZA": "#CC79A7", "UGA": "#009E73", "UKR": "#E69F00", "UMI": "#CC79A7", "URY": "#009E73",
    "USA": "#0072B2", "UZB": "#999933", "VAT": "#DDCC77", "VCT": "#E69F00", "VEN": "#009E73", "VGB": "#56B4E9",
    "VIR": "#000000", "VNM": "#CC6677", "VUT": "#882255", "WLF": "#117733", "WSM": "#332288", "XKX": "#009E73",
    "YEM": "#999933", "ZAF": "#009E73", "ZMB": "#56B4E9", "ZWE": "#000000",
}


def country_colour(code: str) -> str:
    """The colour of a country (ISO3) in every chart."""
    return COLOURS.get(code) or PALETTE[zlib.crc32(code.encode()) % len(PALETTE)]


def country_colours(codes: Iterable[str]) -> dict[str, str]:
    return {code: country_colour(code) for code in codes}


def shared_colour_marks(codes: Iterable[str], marks: Sequence[str]) -> dict[str, str]:
    """For the countries of one chart, most important first: marks[0] unless a country before it has the
    same colour, then the next mark (a dash for a line, a hatching for a bar)."""
    seen: dict[str, int] = {}
    chosen = {}
    for code in codes:
        colour = country_colour(code)
        chosen[code] = marks[seen.get(colour, 0) % len(marks)]
        seen[colour] = seen.get(colour, 0) + 1
    return chosen
