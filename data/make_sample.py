"""Write the illustrative sample corpus in data/sample/ (and its answer key, data/sample_truth.jsonl).

Every article is invented for this project from templates: outlets, people and quotes are fictional;
the places and the shape of the stories (running totals of strikes and casualties that grow week after
week, nightly drone attacks, displacement counts) follow the kind of coverage the tool is built for.
It is deterministic: the same script writes the same bytes, and a test checks the committed files.

    python data/make_sample.py            # rewrite data/sample and data/sample_truth.jsonl

The answer key lists, per unique article, the countries it names and the figures it states, as the
templates planted them; tests score the extraction against it. The planted events (an escalation with
its incidents, copies and stories; a syndicated story) add `story` and `copy_of` to their articles' records
and are keyed in data/sample_events.json (see data/README.md).
"""
from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
import random
import re
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED = 20251201
START, END = dt.date(2025, 9, 1), dt.date(2025, 11, 30)
MONTHS = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]
WORDS = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine", 10: "10", 12: "a dozen"}


def ap_date(day: dt.date) -> str:
    return f"{MONTHS[day.month - 1]} {day.day}"


def num(value: int) -> str:
    return f"{value:,}"


@dataclass
class Sentence:
    text: str
    countries: frozenset[str]
    figures: tuple[tuple[str, int], ...] = ()


def S(text: str, countries: str = "", *figures: tuple[str, int]) -> Sentence:
    return Sentence(text, frozenset(countries.split()), tuple(figures))


@dataclass
class Story:
    region: str
    day: dt.date
    headline: Sentence
    dateline: str  # city for "CITY -" datelines
    sentences: list[Sentence]
    countries: set[str] = field(default_factory=set)
    figures: set[tuple[str, int]] = field(default_factory=set)

    @property
    def title(self) -> str:
        return self.headline.text

    def __post_init__(self) -> None:
        for s in [self.headline, *self.sentences]:
            self.countries |= s.countries
            self.figures |= set(s.figures)


# --- storylines: what is known on each day ---------------------------------------------------------


def caribbean(rng: random.Random, day: dt.date) -> Story:
    strike_days = [dt.date(2025, 9, 2) + dt.timedelta(days=round(i * 4.1 + (i % 3))) for i in range(22)]
    day = max(day, strike_days[1] + dt.timedelta(days=1))  # the campaign is news from its second strike
    done = [d for d in strike_days if d <= day]
    lag = rng.choice([0, 0, 0, 1, 2])  # some outlets repeat an older tally
    strikes = max(2, len(done) - lag)
    killed = sum(3 + (i * 7) % 4 for i in range(strikes))
    warships = min(12, 6 + (day - START).days // 12)
    troops = min(15000, 4000 + 1000 * ((day - START).days // 9))
    since = ap_date(strike_days[0])
    pool = [
        S(f"US forces have carried out at least {strikes} strikes on suspected drug boats since {since}, killing at least {killed} people.",
          "USA", ("strikes", strikes), ("killed", killed)),
        S(f"The latest strike, the {['second', 'third', 'fourth'][strikes % 3]} this week, hit a vessel off the coast of Venezuela.", "VEN"),
        S(f"Washington has deployed {WORDS.get(warships, num(warships))} warships and about {num(troops)} troops to the Caribbean.",
          "USA", ("warships", 12 if warships == 12 else warships), ("troops", troops)),
        S("Venezuelan officials called the campaign an act of aggression and said the armed forces were on alert.", "VEN"),
        S("Colombia's president said at least one of the people killed was a Colombian fisherman.", "COL"),
        S("Trinidad and Tobago, whose coast lies seven miles from Venezuela, backed the operation.", "TTO VEN"),
        S("Mexico and Brazil urged both sides to return to talks.", "MEX BRA"),
        S(f"The administration has not released evidence that the {strikes} boats carried drugs, legal experts in the United States said.", "USA"),
        S("Oil prices rose 2% and the bolivar slipped to a record low as traders weighed the risk of a wider conflict."),
        S("Cuba condemned what it called a naval blockade of a South American country.", "CUB"),
    ]
    head = [pool[0]]
    title = rng.choice([
        S(f"US strikes another boat near Venezuela, tally rises to {strikes}", "USA VEN", ("strikes", strikes)),
        S("Caribbean boat strikes draw protests from Caracas", "VEN"),
        S("Pentagon expands naval buildup in the Caribbean", "USA"),
        S(f"Death toll from US boat strikes reaches {killed}", "USA", ("killed", killed)),
    ])
    return Story("Caribbean", day, title, rng.choice(["CARACAS", "WASHINGTON", "PORT OF SPAIN", "BOGOTA"]),
                 head + rng.sample(pool[1:], rng.randint(3, 5)))


def ukraine(rng: random.Random, day: dt.date) -> Story:
    drones = rng.choice([rng.randint(40, 150), rng.randint(150, 500), rng.randint(500, 810)])
    missiles = rng.randint(2, 52)
    killed = rng.randint(2, 28)
    wounded = killed * rng.randint(2, 5)
    region = rng.choice(["Kyiv", "Lviv", "Kharkiv", "Odesa", "Dnipro", "Zaporizhzhia"])
    pool = [
        S(f"Russia launched {drones} drones and {missiles} missiles at Ukraine overnight, the air force said.",
          "RUS UKR", ("drones", drones), ("missiles", missiles)),
        S(f"At least {killed} people were killed and {wounded} wounded in {region}, regional officials said.",
          "", ("killed", killed), ("wounded", wounded)),
        S("Ukrainian air defences shot down most of the drones, the military said.", "UKR"),
        S("Poland scrambled jets and closed two airports as the attack unfolded near its border.", "POL"),
        S("Moscow said it had targeted military and energy facilities.", "RUS"),
        S("Kyiv asked its allies in Europe for more air defence systems.", "UKR"),
        S("Germany pledged two more Patriot batteries, worth more than $1 billion.", "DEU"),
        S(f"A {rng.randint(8, 15)}-year-old boy was among those pulled from the rubble."),
        S("Power was cut to hundreds of thousands of homes as temperatures fell below freezing."),
        S("The Kremlin said talks with the United States on a ceasefire plan would continue.", "RUS USA"),
    ]
    title = rng.choice([
        S(f"Russia fires {drones} drones at Ukraine in overnight attack", "RUS UKR", ("drones", drones)),
        S(f"{region} hit by drones and missiles, {killed} dead", "UKR" if region == "Kyiv" else "", ("killed", killed)),
        S("Ukraine appeals for air defence after massive strike", "UKR"),
        S("Night of drones: Ukraine's cities under fire again", "UKR"),
    ])
    return Story("Ukraine", day, title, rng.choice(["KYIV", "LVIV", "MOSCOW"]), pool[:2] + rng.sample(pool[2:], rng.randint(2, 4)))


def sudan(rng: random.Random, day: dt.date) -> Story:
    weeks = (day - START).days // 7
    displaced = 250_000 + 32_000 * weeks
    killed = rng.choice([rng.randint(12, 60), 460]) if day >= dt.date(2025, 10, 27) else rng.randint(8, 45)
    pool = [
        S(f"More than {num(displaced)} people have fled El Fasher since the siege began, the UN migration agency said.",
          "", ("displaced", displaced)),
        S(f"The Rapid Support Forces killed at least {killed} people in an attack on the city's last hospital, the World Health Organization said."
          if killed == 460 else f"Shelling by the Rapid Support Forces killed {killed} civilians in the camps around El Fasher.",
          "", ("killed", killed)),
        S("Sudan's army-backed government accused the paramilitary group of genocide.", "SDN"),
        S("Chad has received more than 800,000 Sudanese refugees since the war began in April 2023.",
          "TCD SDN", ("displaced", 800000)),
        S("The United Arab Emirates denied arming the RSF.", "ARE"),
        S("Egypt and Saudi Arabia called for an immediate humanitarian truce.", "EGY SAU"),
        S("Aid workers said 28 trucks of food had been stuck at the border for a week."),
        S("South Sudan closed a crossing after fighting spread near the frontier.", "SSD"),
        S("The war, now in its third year, has created the world's largest displacement crisis, aid groups said."),
    ]
    title = rng.choice([
        S("Thousands flee El Fasher as RSF tightens its grip", "", ("displaced", 1000)),  # "thousands": at least 1,000
        S("Sudan: UN warns of famine in Darfur camps", "SDN"),
        S("Aid convoys stuck as fighting spreads in Darfur"),
        S(f"Attack on El Fasher camps kills {killed}", "", ("killed", killed)),
    ])
    return Story("Sudan", day, title, rng.choice(["PORT SUDAN", "KHARTOUM", "NAIROBI"]), pool[:2] + rng.sample(pool[2:], rng.randint(2, 4)))


def gaza(rng: random.Random, day: dt.date) -> Story:
    truce = day >= dt.date(2025, 10, 10)
    killed = rng.randint(3, 30) if truce else rng.randint(20, 110)
    wounded = killed * rng.randint(2, 4)
    detained = rng.randint(12, 60)
    pool = [
        S(f"Israeli strikes killed {killed} Palestinians across Gaza on {ap_date(day)}, the territory's health ministry said.",
          "ISR PSE", ("killed", killed)),
        S(f"Hospitals said {wounded} people were wounded.", "", ("wounded", wounded)),
        S(f"Israeli forces detained {detained} people in raids in the occupied West Bank overnight.",
          "ISR PSE", ("detained", detained)),
        S("Egypt and Qatar, which mediated the ceasefire, urged both sides to keep to its terms." if truce
          else "Egypt and Qatar pressed for a ceasefire as talks resumed in Cairo.", "EGY QAT"),
        S("Israel said Hamas fighters had opened fire on its troops first.", "ISR"),
        S("Around 600 aid trucks a day are needed to meet basic needs, the United Nations said."),
        S("Hezbollah and Israel traded fire across the border with Lebanon.", "ISR LBN"),
        S(f"Families searched the rubble in Khan Younis for a {rng.choice(['second', 'third'])} day."),
        S("The United States said its envoy would travel to the region next week.", "USA"),
    ]
    title = rng.choice([
        S("Ceasefire strained as strikes hit Gaza" if truce else "Gaza strikes intensify as talks stall", "PSE"),
        S(f"Israeli strikes kill {killed} in Gaza", "ISR PSE", ("killed", killed)),
        S("Aid trickles into Gaza as hunger deepens", "PSE"),
    ])
    return Story("Gaza", day, title, rng.choice(["GAZA CITY", "JERUSALEM", "CAIRO"]), pool[:2] + rng.sample(pool[2:], rng.randint(2, 4)))


def taiwan(rng: random.Random, day: dt.date) -> Story:
    # The ministry reports one count a day: on the day of the planted snap drills it is theirs (41 aircraft,
    # the syndicated story below), so a daily report of another count drawn for that day is the day before's.
    if day == _SYNDICATED_DAY:
        day -= dt.timedelta(days=1)
    aircraft = rng.choice([rng.randint(8, 30), rng.randint(30, 71)])
    ships = rng.randint(4, 14)
    crossed = rng.randint(2, aircraft)
    pool = [
        S(f"Taiwan's defence ministry said it had detected {aircraft} Chinese military aircraft and {WORDS.get(ships, num(ships))} navy ships around the island.",
          "TWN CHN", ("aircraft", aircraft), ("warships", ships)),
        S(f"Officials in Taipei said {crossed} of the aircraft crossed the median line of the strait.", "TWN"),
        S("Beijing says the island is part of China and has not ruled out the use of force.", "CHN"),
        S("Japan voiced concern and said it was monitoring the drills closely.", "JPN"),
        S("The Philippines reported Chinese coast guard vessels near Scarborough Shoal in the South China Sea.", "PHL"),
        S("A US destroyer sailed through the Taiwan Strait last month, the navy said.", "USA TWN"),
        S("The drills came a day after Taipei announced a $6 billion defence budget increase.", "TWN"),
    ]
    title = rng.choice([
        S(f"Taiwan reports {aircraft} Chinese warplanes near the island", "TWN CHN", ("aircraft", aircraft)),
        S("China stages drills around Taiwan", "CHN TWN"),
        S("Chinese warships and aircraft encircle Taiwan", "CHN TWN"),
    ])
    return Story("Taiwan Strait", day, title, rng.choice(["TAIPEI", "BEIJING", "TOKYO"]), pool[:1] + rng.sample(pool[1:], rng.randint(2, 4)))


def great_lakes(rng: random.Random, day: dt.date) -> Story:
    killed = rng.randint(10, 90)
    displaced = rng.choice([120_000, 250_000, 400_000, 700_000])
    pool = [
        S(f"Fighting between M23 rebels and the army killed at least {killed} people near Goma on {ap_date(day)}, local officials said.",
          "", ("killed", killed)),
        S(f"About {num(displaced)} people have been displaced since the rebels advanced, the UN said.",
          "", ("displaced", displaced)),
        S("The Democratic Republic of the Congo accused Rwanda of backing the rebels, which Kigali denies.", "COD RWA"),
        S("Burundi sent troops to help defend the city of Uvira.", "BDI"),
        S("Washington and Doha have hosted talks between the two governments.", "USA QAT"),
    ]
    title = rng.choice([S("M23 advance displaces thousands in eastern Congo", "COD", ("displaced", 1000)),
                        S("Fighting near Goma kills dozens", "", ("killed", 12))])  # ACLED-style: dozens = 12
    return Story("Great Lakes", day, title, "GOMA", pool[:2] + rng.sample(pool[2:], 2))


STORYLINES = [(caribbean, 38), (ukraine, 32), (sudan, 26), (gaza, 26), (taiwan, 18), (great_lakes, 8)]


# --- outlets: how each one lays out a page -----------------------------------------------------------

TEASERS = [
    "Iran rejects new nuclear inspections 2024-06-11", "China and India agree border patrols - 3 April 2024",
    "North Korea fires missile into the sea 2024-01-14", "Floods in Pakistan displace thousands - May 2, 2024",
]


def body_paragraphs(story: Story, wire: str | None = None) -> list[str]:
    texts = [s.text for s in story.sentences]
    lead = texts[0]
    if wire:
        lead = f"{story.dateline}, {ap_date(story.day)} ({wire}) -- {lead}"
    else:
        lead = f"{story.dateline} - {lead}"
    rest = texts[1:]
    paragraphs = [lead] + [" ".join(rest[i:i + 2]) for i in range(0, len(rest), 2)]
    return paragraphs


def harbor_wire_page(story: Story, rng: random.Random) -> str:
    return "\n".join([
        "Global Edition | Español | Français", "World", f"Home / World / {story.region}", "",
        story.title, "", f"Source: Harbor Wire | Updated: {story.day.isoformat()} {rng.randint(6, 22):02d}:{rng.choice(['00', '15', '30', '45'])}",
        "Share", "Share - WhatsApp", "",
        *[p + "\n" for p in body_paragraphs(story, wire="Harbor Wire")],
        f"Editor: {rng.choice(['Li Wen', 'Sam Ortiz', 'Ana Duarte'])}", "Most Viewed in 24 Hours",
        *rng.sample(TEASERS, 2), "Top", f"Copyright {story.day.year} Harbor Wire. All rights reserved.", "FOLLOW US",
    ]) + "\n"


def meridian_page(story: Story, rng: random.Random) -> str:
    return "\n".join([
        "Skip to content", "Meridian Daily", "World > " + story.region, "Menu", "",
        story.title, "", f"Meridian Daily | Published: {story.day.day} {story.day:%B %Y}", "",
        *[p + "\n" for p in body_paragraphs(story)],
        "Advertisement", "Most Read", *rng.sample(TEASERS, 2),
        "Subscribe to our newsletter", f"© {story.day.year} Meridian Daily. Contact us | Privacy",
    ]) + "\n"


def ledger_page(story: Story, rng: random.Random) -> str:
    author = rng.choice(["Grace Lin", "Omar Haddad", "Ines Moreau", "Tom Okafor"])
    return "\n".join([
        "Skip to content", f"News > {story.region}", "Menu", "", story.title, "",
        f"By {author}, The Eastern Ledger | {story.day:%B} {story.day.day}, {story.day.year}", f"{rng.randint(2, 6)} min read", "",
        *[p + "\n" for p in body_paragraphs(story)],
        "Related Stories", *rng.sample(TEASERS, 2), "Advertisement",
    ]) + "\n"


def observer_html(story: Story, rng: random.Random, title: str | None = None) -> str:
    title = title or story.title
    paragraphs = "\n".join(f"<p>{html.escape(p)}</p>" for p in body_paragraphs(story))
    teasers = "".join(f"<li>{html.escape(t)}</li>" for t in rng.sample(TEASERS, 2))
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{html.escape(title)} | Levant Observer</title>
<meta property="og:site_name" content="Levant Observer">
<meta property="article:published_time" content="{story.day.isoformat()}T{rng.randint(6, 21):02d}:30:00+00:00">
<script>window.analytics = {{page: "article"}};</script>
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/region">{html.escape(story.region)}</a> <a href="/follow">FOLLOW US</a></nav>
<header><h1>{html.escape(title)}</h1></header>
<article>
{paragraphs}
</article>
<aside><h3>Most Read</h3><ul>{teasers}</ul></aside>
<footer>Copyright {story.day.year} Levant Observer. All rights reserved.</footer>
</body></html>
"""


PAGE_OUTLETS = [("harbor-wire", harbor_wire_page, "Harbor Wire"), ("meridian", meridian_page, "Meridian Daily"),
                ("ledger", ledger_page, "The Eastern Ledger")]
EXPORT_OUTLETS = ["Northline News", "Pacific Courier", "Atlas Report"]


def export_record(story: Story, source: str, rng: random.Random, n: int, wire: str | None = None) -> dict[str, str]:
    slug = re.sub(r"[^a-z0-9]+", "-", story.title.lower()).strip("-") + f"-{n}"
    return {
        "title": story.title, "text": "\n\n".join(body_paragraphs(story, wire=wire)),
        "published": story.day.isoformat() if rng.random() < 0.7 else f"{story.day:%b} {story.day.day}, {story.day.year}",
        "source": source, "url": f"https://{source.lower().replace(' ', '')}.example/{story.day:%Y/%m/%d}/{slug}",
    }


# --- planted events: copies, stories, incidents and an escalation, with their answer key -------------
#
# Unlike the storylines above (one article per draw, each its own report), these are planted so that a
# test knows what the store must make of them (data/sample_events.json):
# - a calm baseline on the Armenia-Azerbaijan border (talks, trade; no force) from September, then an
#   escalation from Nov. 22: five separate deadly incidents in five places, each reported by several
#   outlets (an original, a copy with edits, another outlet's own write-up), a running total of the
#   clashes' dead, and threats in between; its start and peak dates are the key's;
# - one Taiwan story republished by ten outlets with edits on one day: counted once, it is an ordinary day
#   of Taiwan coverage and must raise nothing.

CAUCASUS_START, CAUCASUS_PEAK = dt.date(2025, 11, 22), dt.date(2025, 11, 27)
CREDITS = ["Reporting by Li Wen; Editing by Sam Ortiz", "Reporting by Ana Duarte; Writing by Tom Okafor",
           "Additional reporting by Grace Lin"]
MORE_OUTLETS = ["Coastline Gazette", "Summit Times", "Riverbend Post", "Granite Herald"]

def caucasus_calm(rng: random.Random, day: dt.date) -> Story:
    """A quiet week's news from the border: talks, trade, roads; no force. A large pool, so that no two
    of these read as copies of one another (their shingles overlap little)."""
    rounds = rng.choice(["second", "third", "fourth", "fifth", "sixth", "seventh"])
    city = rng.choice(["Geneva", "Almaty", "Dubai", "Zurich"])  # no capitals: a capital names its country
    ledes = [
        S(f"Armenian and Azerbaijani negotiators met in {city} for a {rounds} round of talks on a peace treaty, the two foreign ministries said.", "ARM AZE"),
        S(f"The foreign ministers of Armenia and Azerbaijan spoke by phone about the {rounds} draft of a peace treaty, officials in Yerevan said.", "ARM AZE"),
        S(f"A joint commission of Armenia and Azerbaijan agreed to mark a further {rng.randint(12, 60)} kilometres of their shared frontier.", "ARM AZE"),
        S(f"Azerbaijan and Armenia signed a protocol on reopening a railway through the Nakhchivan exclave, state media in Baku reported.", "AZE ARM"),
    ]
    pool = [
        S("Officials said a new rail link across the region could open next year."),
        S("Customs data showed that trade between the two countries had doubled since the spring."),
        S("Georgia offered to host the next meeting of the commission.", "GEO"),
        S("Turkey said it was ready to reopen its land border with Armenia.", "TUR ARM"),
        S("Farmers in the border villages brought in the harvest without incident, local officials said."),
        S(f"A delegation of {rng.randint(8, 30)} business leaders visited factories on both sides of the line."),
        S("The two sides exchanged lists of people still missing from earlier decades."),
        S("Pensioners in Kapan said bus services to the capital had become more frequent."),
        S("A road-building company from Italy won a contract to repair the mountain highway.", "ITA"),
        S("The European Union said it would fund new border crossing points.",),
        S("Students from both countries met at a summer school in the Georgian town of Borjomi.", "GEO"),
        S("Kazakhstan said it was pleased to have hosted earlier meetings.", "KAZ"),
        S("The mayor of Goris said tourist numbers were the highest in a decade."),
        S("A new power line will carry electricity across the frontier from next spring, engineers said."),
    ]
    titles = [
        S("Armenia and Azerbaijan resume peace talks", "ARM AZE"),
        S("Border commission meets as Yerevan and Baku draft a treaty", "ARM AZE"),
        S("Trade across the Caucasus picks up as talks go on"),
        S("Quiet on the border as peace treaty takes shape"),
        S("Rail and road links on the agenda in Caucasus talks"),
    ]
    return Story("Caucasus", day, rng.choice(titles), rng.choice(["YEREVAN", "BAKU"]),
                 [rng.choice(ledes)] + rng.sample(pool, rng.randint(2, 4)))


@dataclass
class Incident:
    """One deadly incident: its own words in two write-ups (an original and another outlet's)."""
    day: dt.date
    place: str
    killed: int
    original: tuple[Sentence, list[Sentence]]  # headline, sentences
    rewrite: tuple[Sentence, list[Sentence]]


def _incidents() -> list[Incident]:
    d = dt.date
    return [
        Incident(d(2025, 11, 22), "Sotk", 3,
                 (S("Azerbaijani shelling of Sotk breaks months of calm on the Armenian border", "AZE ARM"), [
                     S("Azerbaijani artillery shelled Armenian army positions near the mining town of Sotk on Nov. 22, killing 3 soldiers, Armenia's defence ministry said.",
                       "AZE ARM", ("killed", 3)),
                     S("Baku said its troops had returned fire after an attack on one of its checkpoints.", "AZE"),
                     S("It was the first deadly exchange on the frontier in more than a year."),
                     S("France and Russia called on both sides to show restraint.", "FRA RUS")]),
                 (S("Azerbaijani shelling kills Armenian soldiers near Sotk", "AZE ARM"), [
                     S("Azerbaijani artillery shelled Armenian positions near the Sotk gold mine on Nov. 22, killing at least 3 soldiers, the defence ministry in Yerevan said.",
                       "AZE ARM", ("killed", 3)),
                     S("Miners at Sotk were sent home and the pit was closed until further notice."),
                     S("Azerbaijan's defence ministry accused Armenian units of firing first.", "AZE ARM")])),
        Incident(d(2025, 11, 24), "Jermuk", 5,
                 (S("Drone hits border post above Jermuk", ""), [
                     S("An Azerbaijani drone struck an Armenian border post in the hills above the spa town of Jermuk on Nov. 24, killing 5 border guards, officials in Yerevan said.",
                       "AZE ARM", ("killed", 5)),
                     S("Hotels in Jermuk told guests to leave as sirens sounded."),
                     S("Iran said it was watching the fighting near its northern border closely.", "IRN")]),
                 (S("Armenian border guards die in drone attack at Jermuk", "ARM"), [
                     S("Five border guards were among the dead after an Azerbaijani drone hit their post near Jermuk on Nov. 24, Yerevan said, putting the toll at 5.",
                       "AZE ARM", ("killed", 5)),
                     S("The spa town's mineral water plant halted work."),
                     S("Baku did not comment on the drone attack.", "AZE")])),
        Incident(d(2025, 11, 25), "Tegh", 2,
                 (S("Mortar rounds land on Tegh village", ""), [
                     S("Mortar rounds fired from Azerbaijani positions landed on the village of Tegh on Nov. 25, killing 2 civilians in their orchard, Armenia's interior ministry said.",
                       "AZE ARM", ("killed", 2)),
                     S("Villagers in Tegh spent the night in school basements."),
                     S("The European Union's monitoring mission said its patrols had been suspended.")]),
                 (S("Civilians killed in their orchard as mortars hit Tegh", ""), [
                     S("Mortar fire from across the frontier killed 2 elderly villagers picking apples in Tegh on Nov. 25, Armenian officials said, the first civilian deaths of the clashes.",
                       "ARM", ("killed", 2)),
                     S("Armenian officials blamed Azerbaijani units dug in on the heights above the village.", "ARM AZE"),
                     S("Schools in the district were closed.")])),
        Incident(d(2025, 11, 27), "Goris", 14,
                 (S("Azerbaijani troops storm heights above Goris", "AZE"), [
                     S("Azerbaijani troops backed by tanks attacked Armenian defences on the ridges above Goris on Nov. 27, killing 14 soldiers, Armenia's defence ministry said.",
                       "AZE ARM", ("killed", 14)),
                     S("Yerevan asked its allies for urgent military help and called the assault an invasion.", "ARM"),
                     S("Moscow and Washington urged an immediate ceasefire.", "RUS USA"),
                     S("Thousands of people left Goris by the road north.")]),
                 (S("Azerbaijani tanks storm the ridges above Goris", "AZE"), [
                     S("Azerbaijani tanks and infantry stormed the ridges above Goris on Nov. 27, killing 14 Armenian soldiers in the heaviest fighting in years, Yerevan said.",
                       "AZE ARM", ("killed", 14)),
                     S("Baku said it had taken the heights to stop attacks on its villages.", "AZE"),
                     S("Long queues of cars formed on the highway out of the town.")])),
        Incident(d(2025, 11, 28), "Kapan", 4,
                 (S("Rockets hit outskirts of Kapan", ""), [
                     S("Rockets fired by Azerbaijani forces hit the outskirts of Kapan on Nov. 28, killing 4 people at a bus depot, regional officials in Armenia said.",
                       "AZE ARM", ("killed", 4)),
                     S("The airport at Kapan was closed to civilian flights."),
                     S("Turkey said it stood by Azerbaijan.", "TUR AZE")]),
                 (S("Bus depot struck in Kapan rocket attack", ""), [
                     S("Rockets fired from Azerbaijan struck the edge of Kapan on Nov. 28, killing 4 workers at a bus depot, local officials said.",
                       "AZE", ("killed", 4)),
                     S("Armenia said the rockets had been aimed at the town's power station.", "ARM"),
                     S("Buses to the capital were cancelled.")])),
    ]


_THREATS = [  # (day, headline, sentences): threats between the incidents, each written by two outlets
    (dt.date(2025, 11, 23), S("Armenia warns of response after border shelling", "ARM"), [
        S("Armenia's prime minister warned that his country would respond with force to any new attack on its territory.", "ARM"),
        S("Azerbaijan warned Armenia that it would answer any provocation on the frontier with force.", "AZE ARM"),
        S("Both armies moved artillery closer to the border, officials on each side said.")]),
    (dt.date(2025, 11, 26), S("Baku threatens to push across the frontier", "AZE"), [
        S("Azerbaijan's president threatened to send troops across the frontier if the shelling of its villages continued.", "AZE"),
        S("Armenia called up reservists and put its air defences on alert against Azerbaijan.", "ARM AZE"),
        S("Diplomats in Brussels said talks on the peace treaty had been suspended.")]),  # Brussels: the EU's seat, not Belgium
    (dt.date(2025, 11, 29), S("Azerbaijan masses armour near Armenian border", "AZE ARM"), [
        S("Azerbaijan massed tanks and artillery along the border with Armenia, satellite images showed.", "AZE ARM"),
        S("Yerevan warned that a new offensive would mean open war.", "ARM"),
        S("Russia said it was ready to send mediators to both capitals.", "RUS")]),
]

# Reactions and follow-ups between the incidents, each its own story by one outlet: counted once per story
# (as an index does), the escalation is still many stories a day, not five incidents' worth of copies.
_REACTIONS = [
    (dt.date(2025, 11, 22), S("Yerevan summons Azerbaijani envoy over Sotk", "ARM AZE"), [
        S("Armenia's foreign ministry summoned Azerbaijan's ambassador and condemned the shelling of its positions as a grave provocation.", "ARM AZE"),
        S("The envoy was handed a note of protest."), S("Diplomats said the meeting lasted only minutes.")]),
    (dt.date(2025, 11, 23), S("Azerbaijan closes the airspace over Nakhchivan", "AZE"), [
        S("Azerbaijan closed the airspace over its Nakhchivan exclave to civilian flights, citing the threat of Armenian missile fire.", "AZE ARM"),
        S("Airlines rerouted flights to Central Asia."), S("Officials in the exclave opened shelters in schools.")]),
    (dt.date(2025, 11, 24), S("Air defences fire on drones over Syunik", ""), [
        S("Armenian air defences fired on Azerbaijani reconnaissance drones over the southern province of Syunik overnight, the defence ministry in Yerevan said.", "ARM AZE"),
        S("Residents of the provincial capital heard explosions before dawn."), S("No one was hurt, officials said.")]),
    (dt.date(2025, 11, 25), S("Baku says Armenian guns hit its villages in Zangilan", "AZE ARM"), [
        S("Azerbaijan said Armenian artillery had shelled villages in Zangilan district, damaging houses and a school.", "AZE ARM"),
        S("State television showed a classroom with its windows blown out."), S("Baku said it would hold Yerevan responsible.", "AZE ARM")]),
    (dt.date(2025, 11, 26), S("Armenia orders partial mobilisation", "ARM"), [
        S("Armenia ordered a partial mobilisation of reservists as Azerbaijani troops massed near the border.", "ARM AZE"),
        S("Queues formed outside recruiting offices in the capital."), S("Men under the age of fifty were told not to leave the country.")]),
    (dt.date(2025, 11, 26), S("Moscow warns of a wider war in the Caucasus", "RUS"), [
        S("Russia warned that the fighting between Armenia and Azerbaijan risked a wider war in the Caucasus.", "RUS ARM AZE"),
        S("The Kremlin said it was in contact with both leaders.", "RUS"), S("Russian peacekeepers left the region two years ago.")]),
    (dt.date(2025, 11, 27), S("Armenia asks its allies for military aid", "ARM"), [
        S("Armenia asked the Collective Security Treaty Organization for military help against what it called an Azerbaijani invasion.", "ARM AZE"),
        S("The alliance said its council would meet within days."), S("Analysts doubted that help would come quickly.")]),
    (dt.date(2025, 11, 27), S("Residents leave Goris under shellfire", ""), [
        S("Residents fled Goris as Azerbaijani shells fell on the outskirts of the town, Armenian officials said.", "AZE ARM"),
        S("Cars queued for hours at fuel stations on the road north."), S("A hospital moved its patients to basements.")]),
    (dt.date(2025, 11, 27), S("Azerbaijani jets strike artillery near Sisian", "AZE"), [
        S("Azerbaijani jets struck Armenian artillery batteries near Sisian, Baku's defence ministry said.", "AZE ARM"),
        S("Video released by the ministry showed smoke rising over a hillside."), S("Yerevan did not confirm the losses.", "ARM")]),
    (dt.date(2025, 11, 27), S("Security Council to meet on Caucasus fighting", ""), [
        S("The UN Security Council will hold an emergency meeting on the fighting between Armenia and Azerbaijan, diplomats said.", "ARM AZE"),
        S("France requested the session.", "FRA"), S("A draft statement calls for an immediate ceasefire.")]),
    (dt.date(2025, 11, 27), S("Iran moves troops to its northern frontier", "IRN"), [
        S("Iran moved troops to its border with Armenia and Azerbaijan and warned both not to threaten its frontier.", "IRN ARM AZE"),
        S("Tehran said any change to the borders of the region was unacceptable.", "IRN"), S("State media showed columns of trucks on mountain roads.")]),
    (dt.date(2025, 11, 28), S("Armenian counter-attack retakes a ridge", "ARM"), [
        S("Armenian forces counter-attacked and retook a ridge near Goris from Azerbaijani units, Yerevan said.", "ARM AZE"),
        S("Baku denied losing any ground.", "AZE"), S("Both sides reported heavy fire through the night.")]),
    (dt.date(2025, 11, 28), S("Yerevan accuses Ankara of arming Baku", "ARM TUR AZE"), [
        S("Armenia accused Turkey of sending armed drones to Azerbaijan for the offensive.", "ARM TUR AZE"),
        S("Ankara rejected the claim.", "TUR"), S("Drone makers have expanded exports across the region in recent years.")]),
    (dt.date(2025, 11, 29), S("Ceasefire talks break up without a deal", ""), [
        S("Talks on a ceasefire between Armenia and Azerbaijan broke up in Geneva without a deal as shelling continued along the border.", "ARM AZE"),
        S("Mediators said they would try again next week."), S("Each delegation blamed the other for the failure.")]),
]

_SYNDICATED_DAY = dt.date(2025, 11, 26)


def syndicated_taiwan() -> Story:
    return Story("Taiwan Strait", _SYNDICATED_DAY, S("China holds snap drills around Taiwan", "CHN TWN"), "TAIPEI", [
        S("Taiwan's defence ministry said it had detected 41 Chinese military aircraft and nine navy ships around the island.",
          "TWN CHN", ("aircraft", 41), ("warships", 9)),
        S("Beijing says the island is part of China and has not ruled out the use of force.", "CHN"),
        S("Japan voiced concern and said it was monitoring the drills closely.", "JPN"),
        S("The drills came a day after Taipei announced a $6 billion defence budget increase.", "TWN"),
        S("Shipping companies said vessels were being told to keep clear of the exercise area."),
    ])


_SYNDICATED_TITLES = [
    "Chinese drills encircle Taiwan, Taipei reports warplanes and ships",
    "Taiwan tracks Chinese warplanes in snap exercise", "China stages surprise military drills near Taiwan",
    "Snap Chinese exercise around Taiwan draws concern from Tokyo", "Beijing sends warplanes and ships around Taiwan",
    "Taiwan on alert as China launches drills", "China's military holds drills around Taiwan",
    "Chinese aircraft and warships near Taiwan, ministry says", "Taipei says Chinese drills surround the island",
]


# A line an outlet adds to a wire story it carries: an edit that survives cleaning (credit lines and wire
# datelines are stripped before an article's id is taken, so they alone would leave a word-for-word copy).
LOCAL_LINES = [
    "Our correspondent said the mood in the capital was tense but calm.", "This story has been updated.",
    "Readers can follow the latest developments on our live page.", "Markets were little changed on the news.",
    "Airlines said flights in the region were running as normal.", "The story was first reported by Harbor Wire.",
    "Analysts said the coming days would be decisive.", "Officials gave no further details.",
    "Our newsroom could not independently verify the reports.",
]


def _copy_with_edits(story: Story, title: str, trim: bool, local: str = "") -> Story:
    """The same wire text under another headline, its last sentence trimmed or a local line added."""
    kept = story.sentences[:-1] if trim else list(story.sentences)
    return Story(story.region, story.day, S(title), story.dateline, kept + ([S(local)] if local else []))


class _Writer:
    """Writes planted articles in any of the sample's formats and keeps their answer-key records."""

    def __init__(self, out_dir: Path, rng: random.Random, n: int, jsonl: list, rows: list) -> None:
        self.out_dir, self.rng, self.n, self.jsonl, self.rows = out_dir, rng, n, jsonl, rows
        self.truth: list[dict] = []

    def write(self, story: Story, fmt: str, source: str = "", planted: str = "", copy_of: str = "",
              wire: str | None = None, credit: str = "") -> str:
        """Writes one article; returns its key in the answer key (file name or URL). `wire` and `credit`
        (a "Reporting by" line) are for exports, where a syndicated copy carries them."""
        n, self.n = self.n, self.n + 1
        name = f"{story.day.isoformat()}-{n:03d}"
        record = {"title": story.title, "published": story.day.isoformat(), "region": story.region,
                  "countries": sorted(story.countries), "figures": sorted([k, v] for k, v in story.figures)}
        pages = {folder: (page, outlet) for folder, page, outlet in PAGE_OUTLETS}
        if fmt in pages:
            page, outlet = pages[fmt]
            text = page(story, self.rng)
            key = f"{fmt}-{name}.txt"
            (self.out_dir / "pages" / key).write_text(text, encoding="utf-8")
            record["source"], record["file"] = outlet, key
        elif fmt == "observer":
            key = f"levant-observer-{name}.html"
            (self.out_dir / "html" / key).write_text(observer_html(story, self.rng), encoding="utf-8")
            record["source"], record["file"] = "Levant Observer", key
        else:
            rec = export_record(story, source, self.rng, n, wire=wire)
            if credit:
                rec["text"] += "\n\n" + credit
            (self.jsonl if fmt == "jsonl" else self.rows).append(rec)
            key = rec["url"]
            record["source"], record["url"] = source, key
        if planted:
            record["story"] = planted
        if copy_of:
            record["copy_of"] = copy_of
        self.truth.append(record)
        return key


def write_planted(w: _Writer) -> dict:
    """Writes the planted articles (see above); returns the events' answer key."""
    rng = w.rng
    formats = ["harbor-wire", "meridian", "ledger", "observer", "jsonl", "csv"]
    calm_days = [START + dt.timedelta(days=1 + 4 * i + rng.randint(0, 1)) for i in range(20)]
    for i, day in enumerate(calm_days):
        story = caucasus_calm(rng, day)
        w.write(story, formats[i % 6], source=EXPORT_OUTLETS[i % 3], planted=f"caucasus-calm-{day.isoformat()}")
    incidents, toll = [], 0
    for i, inc in enumerate(_incidents()):
        sid = f"caucasus-{inc.day.isoformat()}-{inc.place.lower()}"
        title, sentences = inc.original
        toll += inc.killed
        if i:  # from the second incident on, the original also states the clashes' running total
            sentences = [sentences[0], S(f"The clashes have killed {toll} people since {ap_date(CAUCASUS_START)}, "
                                         f"{['officials', 'the ministry', 'Armenian officials'][i % 3]} said.", "", ("killed", toll)),
                         *sentences[1:]]
        original = Story("Caucasus", inc.day, title, "YEREVAN", sentences)
        key = w.write(original, ["harbor-wire", "meridian", "ledger"][i % 3], planted=sid)
        copy = _copy_with_edits(original, f"Armenia-Azerbaijan clashes: {original.title}", trim=True)
        w.write(copy, ["jsonl", "csv"][i % 2], source=EXPORT_OUTLETS[i % 3], planted=sid, copy_of=key,
                wire="Harbor Wire", credit=CREDITS[i % 3])
        title, sentences = inc.rewrite
        rewrite = Story("Caucasus", inc.day, title, rng.choice(["YEREVAN", "BAKU"]), sentences)
        rkey = w.write(rewrite, "observer" if i % 2 else ["meridian", "ledger", "harbor-wire"][i % 3], planted=sid)
        if inc.day == CAUCASUS_PEAK:  # the peak's rewrite is carried by two more outlets
            for j, outlet in enumerate(MORE_OUTLETS[:2]):
                again = _copy_with_edits(rewrite, f"{rewrite.title} ({outlet})" if j else f"{rewrite.title} in heaviest fighting in years", trim=bool(j))
                w.write(again, "jsonl", source=outlet, planted=sid, copy_of=rkey, credit=CREDITS[j])
        incidents.append({"story": sid, "kind": "killed", "value": inc.killed, "date": inc.day.isoformat(),
                          "place": inc.place, "countries": ["ARM", "AZE"]})
    for i, (day, title, sentences) in enumerate(_THREATS):
        sid = f"caucasus-{day.isoformat()}-threat"
        story = Story("Caucasus", day, title, "BAKU", sentences)
        key = w.write(story, ["ledger", "harbor-wire", "meridian"][i % 3], planted=sid)
        copy = _copy_with_edits(story, f"{title.text}: what we know", trim=False, local=LOCAL_LINES[i])
        w.write(copy, "csv", source=MORE_OUTLETS[2 + i % 2], planted=sid, copy_of=key, credit=CREDITS[(i + 1) % 3])
    formats = ["observer", "meridian", "jsonl", "ledger", "csv", "harbor-wire"]
    for i, (day, title, sentences) in enumerate(_REACTIONS):
        outlet = [*EXPORT_OUTLETS, *MORE_OUTLETS][i % 7]
        w.write(Story("Caucasus", day, title, ["YEREVAN", "BAKU"][i % 2], sentences), formats[i % 6], source=outlet,
                planted=f"caucasus-{day.isoformat()}-{re.sub(r'[^a-z]+', '-', title.text.lower()).strip('-')}")
    original = syndicated_taiwan()
    sid = f"taiwan-{_SYNDICATED_DAY.isoformat()}-syndicated"
    key = w.write(original, "harbor-wire", planted=sid)
    others = ["Meridian Daily", "The Eastern Ledger", "Levant Observer", *EXPORT_OUTLETS, *MORE_OUTLETS[:3]]
    carried = list(zip(others, _SYNDICATED_TITLES))
    for i, (outlet, title) in enumerate(carried):
        copy = _copy_with_edits(original, title, trim=i % 3 == 1, local=LOCAL_LINES[i])
        w.write(copy, ["jsonl", "csv"][i % 2], source=outlet, planted=sid, copy_of=key,
                wire="Harbor Wire" if i % 3 == 0 else None, credit=CREDITS[i % 3] if i % 3 == 2 else "")
    escalation = {"start": CAUCASUS_START.isoformat(), "peak": CAUCASUS_PEAK.isoformat(),
                  "baseline_from": calm_days[0].isoformat(), "components": ["acts", "threats", "volume"]}
    return {
        "incidents": incidents,
        "running_totals": [{"kind": "killed", "countries": ["ARM", "AZE"], "highest": toll,
                            "date": incidents[-1]["date"]}],
        "escalations": [{"entity": e, **escalation} for e in ("AZE", "ARM", "ARM|AZE")],
        "syndicated": [{"story": sid, "entities": ["TWN", "CHN"], "date": _SYNDICATED_DAY.isoformat(),
                        "outlets": 1 + len(carried), "articles": 1 + len(carried), "raises": False}],
    }


# --- the corpus --------------------------------------------------------------------------------------


def stories(rng: random.Random) -> list[Story]:
    span = (END - START).days
    out = []
    for make, count in STORYLINES:
        for i in range(count):
            # spread over the whole period, a little jitter, so that every week has news from every region
            day = START + dt.timedelta(days=min(span, round(i * span / max(count - 1, 1)) + rng.randint(-2, 2)))
            out.append(make(rng, max(START, day)))
    return out


def write_sample(out_dir: Path = HERE / "sample", truth_path: Path = HERE / "sample_truth.jsonl",
                 events_path: Path | None = None) -> dict[str, int]:
    """Write the corpus; returns counts per format (files for pages, records for exports)."""
    rng = random.Random(SEED)
    if out_dir.exists():
        shutil.rmtree(out_dir)
    for sub in ("pages", "html", "exports"):
        (out_dir / sub).mkdir(parents=True)
    jsonl, rows, truth = [], [], []
    all_stories = stories(rng)
    rng.shuffle(all_stories)
    script_title_done = False
    for n, story in enumerate(all_stories):
        kind = n % 6
        name = f"{story.day.isoformat()}-{n:03d}"
        record = {"title": story.title, "published": story.day.isoformat(), "region": story.region,
                  "countries": sorted(story.countries), "figures": sorted([k, v] for k, v in story.figures)}
        if kind in (0, 1, 2):
            folder, page, outlet = PAGE_OUTLETS[kind]
            (out_dir / "pages" / f"{folder}-{name}.txt").write_text(page(story, rng), encoding="utf-8")
            record["source"] = outlet
            record["file"] = f"{folder}-{name}.txt"
            if kind == 0 and n % 4 == 0:
                # a wire story republished word for word by an export: the same article, not a new one
                copy = export_record(story, "Northline News", rng, n, wire="Harbor Wire")
                jsonl.append(copy)
                record["copy_url"] = copy["url"]
        elif kind == 3:
            title = None
            if not script_title_done:
                title = "<script>alert('sample')</script>" + story.title  # escaped in the page, must never run
                script_title_done = True
            (out_dir / "html" / f"levant-observer-{name}.html").write_text(observer_html(story, rng, title), encoding="utf-8")
            record["source"] = "Levant Observer"
            record["file"] = f"levant-observer-{name}.html"
        elif kind == 4:
            rec = export_record(story, EXPORT_OUTLETS[(n // 6) % 3], rng, n)
            jsonl.append(rec)
            record["source"], record["url"] = rec["source"], rec["url"]
        else:
            rec = export_record(story, EXPORT_OUTLETS[(n // 6 + 1) % 3], rng, n)
            rows.append(rec)
            record["source"], record["url"] = rec["source"], rec["url"]
        truth.append(record)
    # The planted events draw from their own generator, so the storylines above keep their bytes.
    planted = _Writer(out_dir, random.Random(SEED + 1), len(all_stories), jsonl, rows)
    events = write_planted(planted)
    truth += planted.truth
    with open(out_dir / "exports" / "articles.jsonl", "w", encoding="utf-8") as f:
        for rec in jsonl:
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=["title", "text", "published", "source", "url"], lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    (out_dir / "exports" / "articles.csv").write_text(buffer.getvalue(), encoding="utf-8")
    with open(truth_path, "w", encoding="utf-8") as f:
        for record in truth:
            f.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
    events_path = events_path or truth_path.with_name("sample_events.json")
    events_path.write_text(json.dumps(events, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return {"stories": len(truth), "jsonl": len(jsonl), "csv": len(rows),
            "pages": sum(1 for _ in (out_dir / "pages").iterdir()), "html": sum(1 for _ in (out_dir / "html").iterdir())}


if __name__ == "__main__":
    counts = write_sample()
    print(json.dumps(counts), file=sys.stderr)
