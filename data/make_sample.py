"""Write the illustrative sample corpus in data/sample/ (and its answer key, data/sample_truth.jsonl).

Every article is invented for this project from templates: outlets, people and quotes are fictional;
the places and the shape of the stories (running totals of strikes and casualties that grow week after
week, nightly drone attacks, displacement counts) follow the kind of coverage the tool is built for.
It is deterministic: the same script writes the same bytes, and a test checks the committed files.

    python data/make_sample.py            # rewrite data/sample and data/sample_truth.jsonl

The answer key lists, per unique article, the countries it names and the figures it states, as the
templates planted them; tests score the extraction against it.
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


def write_sample(out_dir: Path = HERE / "sample", truth_path: Path = HERE / "sample_truth.jsonl") -> dict[str, int]:
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
    return {"stories": len(truth), "jsonl": len(jsonl), "csv": len(rows),
            "pages": sum(1 for _ in (out_dir / "pages").iterdir()), "html": sum(1 for _ in (out_dir / "html").iterdir())}


if __name__ == "__main__":
    counts = write_sample()
    print(json.dumps(counts), file=sys.stderr)
