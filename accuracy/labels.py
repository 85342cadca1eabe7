"""The hand labels and the articles they describe, read into plain data."""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent

Figure = tuple[str, int]  # (kind, value): what a figure is matched on


@dataclass(frozen=True)
class ArticleLabel:
    id: str
    countries: frozenset[str]
    optional_countries: frozenset[str]  # a prediction of these is neither right nor wrong
    figures: frozenset[Figure]
    optional_figures: frozenset[Figure]
    published: dt.date | None  # the date the page states, with its year
    published_month_day: str | None  # "MM-DD" of a year-less dateline ("ALGIERS, Sept 5 (KUNA) --")


@dataclass(frozen=True)
class SentenceLabel:
    id: str  # "<article>.<index>"
    sentence: str
    label: str | None  # "act", "threat" or None
    countries: frozenset[str]
    pairs: frozenset[str]  # "ISO3|ISO3", sorted codes; empty unless the sentence is signalled
    # Countries reached only through a place ("Lviv", "Kinmen") or a sea's name ("Sea of Japan"), and the
    # pairs they make: a system that links places may count them, one that does not is not wrong.
    optional_countries: frozenset[str] = frozenset()
    optional_pairs: frozenset[str] = frozenset()


def _jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def article_path(article_id: str, root: Path = ROOT) -> Path:
    return root / "articles" / f"{article_id}.txt"


def load_article_labels(root: Path = ROOT) -> list[ArticleLabel]:
    out = []
    for row in _jsonl(root / "labels" / "articles.jsonl"):
        figures = {(f["kind"], int(f["value"])) for f in row["figures"] if not f["optional"]}
        optional = {(f["kind"], int(f["value"])) for f in row["figures"] if f["optional"]} - figures
        out.append(
            ArticleLabel(
                id=row["id"],
                countries=frozenset(row["countries"]),
                optional_countries=frozenset(row.get("optional_countries", ())),
                figures=frozenset(figures),
                optional_figures=frozenset(optional),
                published=dt.date.fromisoformat(row["published"]) if row.get("published") else None,
                published_month_day=row.get("published_month_day"),
            )
        )
    return out


def load_sentence_labels(root: Path = ROOT) -> list[SentenceLabel]:
    return [
        SentenceLabel(
            id=row["id"],
            sentence=row["sentence"],
            label=row["label"],
            countries=frozenset(row["countries"]),
            pairs=frozenset(row["pairs"]),
            optional_countries=frozenset(row.get("optional_countries", ())),
            optional_pairs=frozenset(row.get("optional_pairs", ())),
        )
        for row in _jsonl(root / "labels" / "sentences.jsonl")
    ]
