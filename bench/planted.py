"""Escalations (and a syndicated non-event) planted in the benchmark's store, with the dates an alert is
owed, so that `alerts backtest` is timed doing the work of real alerts and checked for finding them.

Each planted pair has months of low-level friction first (a border incident or a warning every two days or
so, named in act/threat sentences, so the pair has the coverage the detector follows), then:
- `sharp`: a week of deadly clashes (several outlets' own reports a day, acts with tolls, threats);
- `buildup`: threats only, climbing from one story a day to seven over ten days (troops massed, warnings);
- `syndicated`: one wire story carried by 20 outlets with small edits (headline, a trimmed or added line)
  about a quiet country with a thin coverage of its own: counted once, it must raise nothing.

Articles are written as the synthetic corpus's export rows (title, text, published, source, url) and go
through the real ingestion (extraction, signals, copies), so the store holds what a user's would.
"""
from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from bench.corpus import OUTLETS, _background


@dataclass(frozen=True)
class Country:
    name: str
    demonym: str
    capital: str
    places: tuple[str, ...]  # border towns (no capitals: a capital names its country)


@dataclass(frozen=True)
class PlantedEvent:
    kind: str  # "sharp", "buildup" or "syndicated"
    entities: tuple[str, ...]  # what an alert is owed to (sharp, buildup) or must not be raised for
    start: dt.date
    end: dt.date  # the last day of the event: an alert from start to end is a hit


# Pairs the synthetic corpus never names, so their series are the planted ones.
PAIRS: dict[str, tuple[Country, Country]] = {
    "ERI|ETH": (Country("Ethiopia", "Ethiopian", "Addis Ababa", ("Zalambessa", "Badme", "Humera")),
                Country("Eritrea", "Eritrean", "Asmara", ("Tesseney", "Senafe", "Adi Quala"))),
    "KHM|THA": (Country("Thailand", "Thai", "Bangkok", ("Surin", "Sisaket", "Kantharalak")),
                Country("Cambodia", "Cambodian", "Phnom Penh", ("Preah Vihear", "Samraong", "Anlong Veng"))),
    "DZA|MAR": (Country("Morocco", "Moroccan", "Rabat", ("Figuig", "Oujda", "Bouarfa")),
                Country("Algeria", "Algerian", "Algiers", ("Tindouf", "Beni Ounif", "Bechar"))),
}
QUIET = Country("Mongolia", "Mongolian", "Ulaanbaatar", ("Darkhan", "Erdenet", "Choibalsan"))
QUIET_CODE = "MNG"

FRICTION = [  # low-level: shots, accusations, warnings; most with no one hurt
    "{A} accused {B} of firing mortar rounds at a border post near {pa} overnight, officials in {capA} said.",
    "{B}'s army said {A_d} troops had fired warning shots at one of its patrols near {pb}.",
    "{A} warned {B} against building new military outposts near {pa}.",
    "{A_d} and {B_d} troops exchanged fire along the frontier near {pb}, officials in {capA} said.",
    "A {B_d} drone was shot down over {pa}, {A}'s defence ministry said, the {n}th such incident this year.",
    "Officials in {capB} said {A_d} troops had shelled an empty observation post near {pb}.",
]
CLASH = [  # acts with tolls, and the threats around them
    "{B_d} artillery shelled {A_d} army positions near {pa} on {day}, killing {k} soldiers, {A}'s defence ministry said.",
    "{A_d} forces struck {B_d} positions near {pb} in response, killing {k} troops, officials in {capA} said.",
    "Drones launched from {B} hit a fuel depot in {pa}, killing {k} people, {A_d} officials said.",
    "{A_d} tanks attacked {B_d} defences on the ridges above {pb}, killing {k} soldiers, {capB} said.",
    "{A} warned {B} that it would answer any new attack on its territory with force.",
    "{B} massed tanks and artillery along its border with {A}, satellite images showed.",
    "{A} ordered a partial mobilisation of reservists as {B_d} troops massed near the border.",
    "{B_d} rockets struck the outskirts of {pa}, killing {k} civilians at a market, officials in {A} said.",
]
THREATS = [  # a buildup: force shown and warned of, none used
    "{B} moved tanks and artillery towards its border with {A}, satellite images showed.",
    "{A} warned {B} that any incursion near {pa} would be met with force.",
    "{B_d} officials threatened to strike {A_d} positions near {pa} if the patrols went on.",
    "{A} put its air defences on alert after {B_d} warplanes flew along the frontier near {pb}.",
    "{B} called up reservists and held live-fire drills near {pb}, close to the border with {A}.",
    "Analysts warned that the standoff between {A} and {B} could turn into open war.",
]
QUIET_LINES = [
    "{A}'s government approved a new budget for roads and schools, officials in {capA} said.",
    "Herders in the provinces around {pa} prepared for a hard winter, {A_d} media reported.",
    "{A} signed an agreement on copper exports with a consortium of foreign firms.",
]
WIRE = ("{A_d} troops began large military drills near {pa} on {day}, and {A} warned that it would defend its "
        "border with force, its defence ministry said.")


def _fill(template: str, a: Country, b: Country, rng: random.Random, day: dt.date) -> str:
    return template.format(A=a.name, B=b.name, A_d=a.demonym, B_d=b.demonym, capA=a.capital, capB=b.capital,
                           pa=rng.choice(a.places), pb=rng.choice(b.places), k=rng.randint(2, 14),
                           n=rng.randint(3, 19), day=f"{day:%B} {day.day}")


@dataclass
class _Doc:
    title: str
    text: str
    day: dt.date
    source: str


def _story(rng: random.Random, lines: list[str], day: dt.date, dateline: str) -> tuple[str, str]:
    """A headline and a body: the event's sentences first, then the corpus's background paragraphs (so that
    two outlets' reports of one day share little text and read as independent reports, not copies)."""
    rest = [_background(rng) for _ in range(rng.randint(3, 8))]
    body = [f"{dateline.upper()} - {lines[0]}", *[" ".join(lines[i:i + 2]) for i in range(1, len(lines), 2)],
            *[" ".join(rest[i:i + 2]) for i in range(0, len(rest), 2)]]
    title = lines[0].split(",")[0][:110]
    return title, "\n\n".join(body)


def _reports(rng: random.Random, pool: list[str], n_lines: int, a: Country, b: Country, day: dt.date,
             count: int) -> Iterator[_Doc]:
    outlets = rng.sample(OUTLETS, count)
    for source in outlets:
        first, second = (a, b) if rng.random() < 0.6 else (b, a)
        lines = [_fill(t, first, second, rng, day) for t in rng.sample(pool, n_lines)]
        title, text = _story(rng, lines, day, rng.choice([first.capital, second.capital]))
        yield _Doc(title, text, day, source)


def _friction(rng: random.Random, a: Country, b: Country, first: dt.date, last: dt.date) -> Iterator[_Doc]:
    day = first
    while day <= last:
        yield from _reports(rng, FRICTION, 1, a, b, day, 1)
        day += dt.timedelta(days=rng.choice([1, 1, 2, 2]))


def planted_documents(first: dt.date, seed: int = 16) -> tuple[list[dict], list[PlantedEvent]]:
    """Export rows (title, text, published, source, url) for the events planted in the year from `first`,
    and the events. Friction starts 70 days before each event so that its pair is followed by then."""
    rng = random.Random(seed)
    docs: list[_Doc] = []
    events: list[PlantedEvent] = []
    plan = [("ERI|ETH", "sharp", 60), ("KHM|THA", "sharp", 150), ("DZA|MAR", "buildup", 210)]
    for pair, kind, offset in plan:
        a, b = PAIRS[pair]
        start = first + dt.timedelta(days=offset)
        days = 7 if kind == "sharp" else 12
        end = start + dt.timedelta(days=days - 1)
        docs += _friction(rng, a, b, start - dt.timedelta(days=70), end + dt.timedelta(days=20))
        for i in range(days):
            day = start + dt.timedelta(days=i)
            if kind == "sharp":  # four to seven outlets' own reports a day
                docs += _reports(rng, CLASH, 3, a, b, day, rng.randint(4, 7))
            else:  # one threat story a day climbing to seven by day ten
                docs += _reports(rng, THREATS, 2, a, b, day, min(7, 1 + (6 * i) // 9))
        codes = pair.split("|")
        events.append(PlantedEvent(kind, (*codes, pair), start, end))
    # A quiet country's own thin coverage, then one wire story carried by 20 outlets on one day.
    day = first + dt.timedelta(days=100)
    d = first + dt.timedelta(days=30)
    while d <= day + dt.timedelta(days=30):
        lines = [_fill(rng.choice(QUIET_LINES), QUIET, QUIET, rng, d)]
        title, text = _story(rng, lines, d, QUIET.capital)
        docs.append(_Doc(title, text, d, rng.choice(OUTLETS)))
        d += dt.timedelta(days=rng.choice([1, 2, 3]))
    wire_lines = [_fill(WIRE, QUIET, QUIET, rng, day),
                  *(_fill(t, QUIET, QUIET, rng, day) for t in QUIET_LINES), *(_background(rng) for _ in range(4))]
    for i, source in enumerate(rng.sample(OUTLETS, 20)):
        # Each copy differs a little (a trimmed last line, the outlet's own line), as carried wire copies do: an
        # identical body would be the same article, stored once.
        kept = wire_lines[:-1] if i % 3 == 1 else wire_lines
        lines = kept + [f"{['This story was updated by', 'Additional reporting by', 'Distributed by'][i % 3]} {source}."]
        body = [f"{QUIET.capital.upper()}, {day:%b} {day.day} (Harbor Wire) - {lines[0]}",
                *[" ".join(lines[j:j + 2]) for j in range(1, len(lines), 2)]]
        headline = ["Mongolia holds military drills near its border", "Mongolian troops begin large drills",
                    "Mongolia warns it will defend its border as drills begin"][i % 3]
        docs.append(_Doc(headline, "\n\n".join(body), day, source))
    events.append(PlantedEvent("syndicated", (QUIET_CODE,), day, day + dt.timedelta(days=4)))
    rows = [{"title": doc.title, "text": doc.text, "published": doc.day.isoformat(), "source": doc.source,
             "url": f"https://planted.example/{doc.day:%Y/%m/%d}/{i}"} for i, doc in enumerate(docs)]
    return rows, events


AFTERMATH_DAYS = 7  # alerts this soon after an event's end are its aftermath: neither hits nor false


def score(events: Iterable[PlantedEvent], found: Iterable[dict]) -> dict[str, object]:
    """Hits, misses and false alerts of a backtest's lines (`date`, `entity`, `level`) against the events.

    A hit: an `alert` for an owed entity between its event's start and end (`delays`: days after the start).
    False: an alert for a planted entity outside its event and aftermath (the friction months), or any
    alert for the syndicated story's country while it is in the news. `other`: the background's alerts."""
    events = list(events)
    alerts = sorted({(dt.date.fromisoformat(a["date"]), a["entity"]) for a in found if a["level"] == "alert"})

    def during(ev: PlantedEvent, entity: str, grace: int = 0) -> list[dt.date]:
        return [d for d, e in alerts if e == entity and ev.start <= d <= ev.end + dt.timedelta(days=grace)]

    hits, misses, delays, false = [], [], [], set()
    for ev in events:
        for entity in ev.entities:
            days = during(ev, entity)
            if ev.kind == "syndicated":
                false.update((d, entity) for d in days)
            elif days:
                hits.append(entity)
                delays.append((days[0] - ev.start).days)
            else:
                misses.append(f"{entity} ({ev.kind} from {ev.start})")
    planted = {e for ev in events for e in ev.entities}
    explained = {(d, e) for ev in events if ev.kind != "syndicated" for e in ev.entities
                 for d in during(ev, e, AFTERMATH_DAYS)}
    false.update((d, e) for d, e in alerts if e in planted and (d, e) not in explained)
    return {"owed": len(hits) + len(misses), "hits": len(hits), "misses": misses,
            "false": [f"{e} {d}" for d, e in sorted(false)], "delays": delays,
            "other": sum(e not in planted for _, e in alerts)}
