"""A small store for the tension queries and the alerts CLI, written row by row with StoreWriter.

70 days of invented news from four outlets: five countries with a steady weekly rhythm, Russia and Ukraine
named together in act sentences every day, and on the last two days an escalation of that pair (four
times the acts, a toll of 40 killed). On day 60 one Brazilian story is carried by 20 outlets: one story.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np

from analysis.store import schema as S
from analysis.store.parquet_store import StoreWriter, rows_to_arrow

FIRST = dt.date(2025, 3, 1)
DAYS = 70
ESCALATION = (FIRST + dt.timedelta(days=DAYS - 2), FIRST + dt.timedelta(days=DAYS - 1))
REPUBLISHED_DAY = FIRST + dt.timedelta(days=60)
OUTLETS = ("Harbor Wire", "Meridian Daily", "Atlas Report", "Northline News")
QUIET = ("FRA", "DEU", "BRA", "IND", "USA")


def _row(table: str, **values) -> dict:
    return {name: values.get(name) for name in S.column_names(table)}


class _Rows:
    def __init__(self) -> None:
        self.tables: dict[str, list[dict]] = {t: [] for t in (S.ARTICLES, S.MENTIONS, S.SIGNALS, S.FIGURES, S.ARTICLE_LINKS)}
        self.n = 0

    def article(self, day: dt.date, source: str, countries: dict[str, float], title: str,
                signals: tuple[tuple[str, str, tuple[str, ...]], ...] = (), killed: tuple[int, tuple[str, ...]] | None = None,
                story: str | None = None) -> str:
        self.n += 1
        aid = f"a{self.n:05d}"
        t = self.tables
        t[S.ARTICLES].append(_row(S.ARTICLES, id=aid, url=f"https://news.example/{aid}", source=source, title=title,
                                  published=day, text=title, tone=0.0, n_sentences=1, origin=aid,
                                  ingested_at=dt.datetime(2025, 6, 1), date_inferred=False))
        for code, tone in countries.items():
            t[S.MENTIONS].append(_row(S.MENTIONS, article_id=aid, country=code, count=1, tone=tone, published=day, source=source))
        for i, (kind, sentence, codes) in enumerate(signals):
            t[S.SIGNALS].append(_row(S.SIGNALS, article_id=aid, kind=kind, sentence=sentence, start=i * 100,
                                     end=i * 100 + len(sentence), countries=list(codes), published=day, source=source))
        if killed:
            value, codes = killed
            t[S.FIGURES].append(_row(S.FIGURES, article_id=aid, kind="killed", value=value, sentence=f"{value} people were killed",
                                     start=0, end=10, match_start=0, match_end=2, countries=list(codes), published=day,
                                     source=source, scope="incident"))
        t[S.ARTICLE_LINKS].append(_row(S.ARTICLE_LINKS, article_id=aid, copy_of=story or aid, story=story or aid, day=day, shingles=10))
        return aid


def tension_rows(seed: int = 7, days: int = DAYS) -> dict[str, list[dict]]:
    rng = np.random.default_rng(seed)
    rows = _Rows()
    for d in range(days):
        day = FIRST + dt.timedelta(days=d)
        weekday = day.weekday() < 5
        for code in QUIET:
            for _ in range(rng.poisson(8 if weekday else 4)):
                act = rng.random() < 0.2
                rows.article(day, OUTLETS[rng.integers(4)], {code: -0.1 if act else 0.1}, f"News of {code}",
                             signals=(("act", f"Police in {code} made arrests", (code,)),) if act else ())
        escalating = day in ESCALATION
        for _ in range(rng.poisson(16 if escalating else 4)):
            rows.article(day, OUTLETS[rng.integers(4)], {"RUS": -0.5, "UKR": -0.5}, "Strikes on Ukraine",
                         signals=(("act", "Russian forces struck Ukraine overnight", ("RUS", "UKR")),),
                         killed=(40, ("RUS", "UKR")) if escalating and rng.random() < 0.3 else None)
        if d % 20 == 5:  # a pair named a few times only: too thin to follow
            rows.article(day, OUTLETS[0], {"FRA": -0.2, "DEU": -0.2}, "A spat",
                         signals=(("threat", "France warned Germany", ("DEU", "FRA")),))
        if day == REPUBLISHED_DAY:
            first = None
            for i in range(20):
                aid = rows.article(day, f"Reprint {i}", {"BRA": -0.4}, "Brazil story",
                                   signals=(("act", "Brazil police raided a favela", ("BRA",)),), story=first)
                first = first or aid
    return rows.tables


def write_tension_store(db: Path, seed: int = 7, days: int = DAYS) -> Path:
    tables = tension_rows(seed, days)
    with StoreWriter(db) as w:
        w.write_tables({t: rows_to_arrow(t, r) for t, r in tables.items()})
    return db
