"""A deterministic synthetic corpus for the benchmark, written with the sample corpus's storylines.

Varied countries, figures, dates (two years), lengths (a few sentences to a long feature) and outlets,
scraped pages with their clutter as well as clean export rows, and syndicated copies: a share of the
articles are word-for-word copies of earlier ones, as wire stories are.
"""
from __future__ import annotations

import datetime as dt
import importlib.util
import random
import sys
from collections.abc import Iterator
from pathlib import Path

from analysis.models import RawDocument

ROOT = Path(__file__).resolve().parent.parent
FIRST_DAY = dt.date(2024, 1, 1)
DAYS = 730
OUTLETS = [f"{a} {b}" for a in ("Harbor", "Meridian", "Levant", "Northline", "Pacific", "Atlas", "Eastern", "Delta")
           for b in ("Wire", "Daily", "Observer", "News", "Courier")]
BACKGROUND = [
    "Diplomats from {c1}, {c2} and {c3} met in {city} on {day} to discuss the crisis.",
    "The UN Security Council is expected to meet on the issue next {day}, officials in New York said.",
    "Analysts at {outlet} said the escalation could push oil prices above ${n2} a barrel, up {n1}% this month.",
    "{c1} offered to host talks, while {c2} and {c3} called for restraint.",
    "A {n1}-year-old resident of {city} said it was the worst night since the war began in {year}.",
    "The foreign ministry in {capital} said on {day} it opposed any interference in the region.",
    "Officials in {capital} and {city} exchanged messages through intermediaries, {outlet} reported.",
    "The European Union announced €{n2} million in humanitarian aid for the region on {day}.",
    "{c1} and {c2} said they would send observers to the talks in {city}.",
    "The president of {c1} urged both sides to respect international law in a speech on {day}.",
    "Follow us for live updates as the story develops in {city}.",
    "The Washington Post reported that the plan had been discussed for {n1} weeks.",
    "Residents of {city} queued for fuel and bread on {day} morning, {outlet} reported.",
    "{c1} and {c2} issued travel warnings for their citizens, the {n1}th such warning this year.",
    "Markets in {city} fell {n1}% on {day} as investors weighed the risk of a wider conflict.",
    "A spokesman for the government of {c1} declined to comment when reached by {outlet} on {day}.",
]
SLOTS = {
    "c1": ["France", "Germany", "Turkey", "India", "Brazil", "Nigeria", "Kenya", "South Africa", "Japan", "Australia",
           "Norway", "Indonesia", "Mexico", "Argentina", "Egypt", "Jordan", "Oman", "Qatar", "Canada", "Italy"],
    "city": ["Brussels", "Geneva", "Vienna", "Doha", "Istanbul", "Nairobi", "Jakarta", "Oslo", "Lima", "Amman",
             "Muscat", "Rome", "Madrid", "Warsaw", "Prague", "Dakar", "Accra", "Manila", "Hanoi", "Santiago"],
    "capital": ["Paris", "Berlin", "Ankara", "New Delhi", "Brasilia", "Tokyo", "Canberra", "Ottawa", "Cairo", "Tehran"],
    "day": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    "outlet": OUTLETS,
    "year": ["2014", "2020", "2022", "2023"],
}


def _background(rng: random.Random) -> str:
    template = rng.choice(BACKGROUND)
    fill = {key: rng.choice(values) for key, values in SLOTS.items()}
    fill.update(c2=rng.choice(SLOTS["c1"]), c3=rng.choice(SLOTS["c1"]), n1=rng.randint(2, 90), n2=rng.randint(10, 900))
    return template.format(**fill)


def _sample_generator():
    spec = importlib.util.spec_from_file_location("make_sample", ROOT / "data" / "make_sample.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def synthetic_documents(n: int, seed: int = 7, duplicate_share: float = 0.08, page_share: float = 0.25) -> Iterator[RawDocument]:
    """`n` documents; about `duplicate_share` of them repeat an earlier article word for word."""
    gen = _sample_generator()
    rng = random.Random(seed)
    makers = [make for make, _ in gen.STORYLINES]
    pages = [page for _, page, _ in gen.PAGE_OUTLETS]
    earlier: list[RawDocument] = []
    for i in range(n):
        if earlier and rng.random() < duplicate_share:
            copy = rng.choice(earlier)
            yield RawDocument(origin=f"synthetic:{i}", content=copy.content, is_html=False, title=copy.title,
                              published=copy.published, source=rng.choice(OUTLETS), url=f"https://example.org/{i}")
            continue
        day = FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS))
        story = rng.choice(makers)(rng, day)
        # A storyline keeps its stories within the sample's months (the boat strikes are news from Sept. 8,
        # 2025): over the bench's two years that piled a sixth of the corpus onto one day, a spike every
        # scaled copy repeated. The bench dates each story on the day drawn.
        story.day = day
        # Lengths vary from a brief to a long feature: add background paragraphs.
        extra = rng.choice([0, 4, 10, 20, 30])
        story.sentences.extend(gen.S(_background(rng)) for _ in range(extra))
        source = rng.choice(OUTLETS)
        if rng.random() < page_share:
            doc = RawDocument(origin=f"synthetic:{i}", content=rng.choice(pages)(story, rng))
        else:
            doc = RawDocument(origin=f"synthetic:{i}", content="\n\n".join(gen.body_paragraphs(story)),
                              title=story.title, published=story.day.isoformat(), source=source,
                              url=f"https://example.org/{i}")
        if len(earlier) < 5000:
            earlier.append(doc)
        yield doc
