"""One colour per country, the same in every chart, view and snapshot of every version.

PALETTE is two colour-blind-safe sets: Okabe & Ito's seven (without the yellow, too pale for a line on
white), then Paul Tol's "muted" nine. Across the two sets a few pairs look alike to a dichromat (pink
#CC79A7 and teal #44AA99 the most), so COLOURS, which gives every country one of them, was chosen once by a
graph colouring (`dashboard/palette_build.py`, which wrote the table and says how): countries in the news
together never share a colour (rivals and belligerents, land neighbours, and the bundled sample's countries
drawn in one chart), and get colours that every eye tells apart where the graph leaves a choice. It is a
literal table so that it never changes between versions; the script only adds countries.

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
    "ABW": "#44AA99", "AFG": "#88CCEE", "AGO": "#44AA99", "AIA": "#CC6677", "ALA": "#009E73", "ALB": "#332288",
    "AND": "#999933", "ARE": "#000000", "ARG": "#E69F00", "ARM": "#999933", "ASM": "#CC79A7", "ATA": "#E69F00",
    "ATF": "#44AA99", "ATG": "#CC6677", "AUS": "#88CCEE", "AUT": "#D55E00", "AZE": "#88CCEE", "BDI": "#999933",
    "BEL": "#44AA99", "BEN": "#88CCEE", "BES": "#0072B2", "BFA": "#009E73", "BGD": "#0072B2", "BGR": "#999933",
    "BHR": "#D55E00", "BHS": "#009E73", "BIH": "#000000", "BLM": "#CC79A7", "BLR": "#CC6677", "BLZ": "#000000",
    "BMU": "#E69F00", "BOL": "#009E73", "BRA": "#000000", "BRB": "#56B4E9", "BRN": "#CC6677", "BTN": "#D55E00",
    "BVT": "#000000", "BWA": "#009E73", "CAF": "#AA4499", "CAN": "#D55E00", "CCK": "#882255", "CHE": "#56B4E9",
    "CHL": "#AA4499", "CHN": "#CC79A7", "CIV": "#999933", "CMR": "#56B4E9", "COD": "#117733", "COG": "#332288",
    "COK": "#117733", "COL": "#DDCC77", "COM": "#332288", "CPV": "#DDCC77", "CRI": "#D55E00", "CUB": "#AA4499",
    "CUW": "#44AA99", "CXR": "#999933", "CYM": "#AA4499", "CYP": "#009E73", "CZE": "#AA4499", "DEU": "#000000",
    "DJI": "#117733", "DMA": "#CC6677", "DNK": "#009E73", "DOM": "#E69F00", "DZA": "#88CCEE", "ECU": "#44AA99",
    "EGY": "#CC6677", "ERI": "#999933", "ESH": "#CC79A7", "ESP": "#CC6677", "EST": "#56B4E9", "ETH": "#332288",
    "FIN": "#0072B2", "FJI": "#88CCEE", "FLK": "#0072B2", "FRA": "#882255", "FRO": "#D55E00", "FSM": "#009E73",
    "GAB": "#CC79A7", "GBR": "#56B4E9", "GEO": "#000000", "GGY": "#CC79A7", "GHA": "#AA4499", "GIB": "#56B4E9",
    "GIN": "#44AA99", "GLP": "#E69F00", "GMB": "#CC6677", "GNB": "#E69F00", "GNQ": "#0072B2", "GRC": "#AA4499",
    "GRD": "#56B4E9", "GRL": "#000000", "GTM": "#44AA99", "GUF": "#DDCC77", "GUM": "#882255", "GUY": "#332288",
    "HKG": "#117733", "HMD": "#332288", "HND": "#E69F00", "HRV": "#117733", "HTI": "#88CCEE", "HUN": "#882255",
    "IDN": "#88CCEE", "IMN": "#DDCC77", "IND": "#DDCC77", "IOT": "#44AA99", "IRL": "#AA4499", "IRN": "#117733",
    "IRQ": "#56B4E9", "ISL": "#999933", "ISR": "#332288", "ITA": "#CC79A7", "JAM": "#AA4499", "JEY": "#CC6677",
    "JOR": "#117733", "JPN": "#117733", "KAZ": "#332288", "KEN": "#882255", "KGZ": "#0072B2", "KHM": "#009E73",
    "KIR": "#88CCEE", "KNA": "#0072B2", "KOR": "#882255", "KWT": "#AA4499", "LAO": "#882255", "LBN": "#000000",
    "LBR": "#332288", "LBY": "#882255", "LCA": "#D55E00", "LIE": "#0072B2", "LKA": "#009E73", "LSO": "#44AA99",
    "LTU": "#DDCC77", "LUX": "#117733", "LVA": "#882255", "MAC": "#CC79A7", "MAF": "#CC79A7", "MAR": "#0072B2",
    "MCO": "#009E73", "MDA": "#CC79A7", "MDG": "#E69F00", "MDV": "#56B4E9", "MEX": "#999933", "MHL": "#000000",
    "MKD": "#56B4E9", "MLI": "#000000", "MLT": "#882255", "MMR": "#56B4E9", "MNE": "#DDCC77", "MNG": "#0072B2",
    "MNP": "#117733", "MOZ": "#0072B2", "MRT": "#332288", "MSR": "#332288", "MTQ": "#DDCC77", "MUS": "#44AA99",
    "MWI": "#000000", "MYS": "#DDCC77", "MYT": "#999933", "NAM": "#AA4499", "NCL": "#AA4499", "NER": "#E69F00",
    "NFK": "#CC6677", "NGA": "#AA4499", "NIC": "#009E73", "NIU": "#88CCEE", "NLD": "#E69F00", "NOR": "#CC79A7",
    "NPL": "#117733", "NRU": "#0072B2", "NZL": "#D55E00", "OMN": "#009E73", "PAK": "#999933", "PAN": "#CC79A7",
    "PCN": "#009E73", "PER": "#D55E00", "PHL": "#999933", "PLW": "#CC79A7", "PNG": "#CC6677", "POL": "#332288",
    "PRI": "#E69F00", "PRK": "#332288", "PRT": "#117733", "PRY": "#882255", "PSE": "#882255", "PYF": "#56B4E9",
    "QAT": "#88CCEE", "REU": "#000000", "ROU": "#0072B2", "RUS": "#D55E00", "RWA": "#DDCC77", "SAU": "#E69F00",
    "SDN": "#44AA99", "SEN": "#117733", "SGP": "#882255", "SGS": "#117733", "SHN": "#332288", "SJM": "#DDCC77",
    "SLB": "#44AA99", "SLE": "#D55E00", "SLV": "#882255", "SMR": "#0072B2", "SOM": "#DDCC77", "SPM": "#999933",
    "SRB": "#CC6677", "SSD": "#D55E00", "STP": "#AA4499", "SUR": "#44AA99", "SVK": "#44AA99", "SVN": "#88CCEE",
    "SWE": "#88CCEE", "SWZ": "#CC79A7", "SXM": "#DDCC77", "SYC": "#CC6677", "SYR": "#AA4499", "TCA": "#88CCEE",
    "TCD": "#DDCC77", "TGO": "#D55E00", "THA": "#D55E00", "TJK": "#000000", "TKL": "#0072B2", "TKM": "#CC6677",
    "TLS": "#E69F00", "TON": "#D55E00", "TTO": "#CC6677", "TUN": "#117733", "TUR": "#DDCC77", "TUV": "#009E73",
    "TWN": "#56B4E9", "TZA": "#56B4E9", "UGA": "#CC79A7", "UKR": "#E69F00", "UMI": "#CC79A7", "URY": "#56B4E9",
    "USA": "#0072B2", "UZB": "#882255", "VAT": "#332288", "VCT": "#E69F00", "VEN": "#009E73", "VGB": "#56B4E9",
    "VIR": "#000000", "VNM": "#000000", "VUT": "#882255", "WLF": "#117733", "WSM": "#332288", "XKX": "#999933",
    "YEM": "#999933", "ZAF": "#D55E00", "ZMB": "#E69F00", "ZWE": "#88CCEE",
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
