"""The input of the tension index and the spike detector: one row per day and entity, copies counted once.

The daily frame (the contract; `daily_entity_counts` builds it from story-level rows):

"Story" below is whatever unit the caller groups copies by in `story_id`. The store integration
(`tension_queries`) passes copy groups per day: a wire story carried by 20 outlets is one, while other
outlets' own rewrites of an event are independent reports, as the index counts "articles with copies
counted once".

| column          | type           | meaning                                                                  |
|-----------------|----------------|--------------------------------------------------------------------------|
| date            | date/datetime  | the day (UTC); a story is dated by its first copy                        |
| entity          | str            | ISO3 ("UKR") or a pair "ISO3|ISO3" in alphabetical order ("RUS|UKR")     |
| articles        | int            | stories naming the entity that day, each story once however many copies  |
| act_articles    | int            | of those, stories with an act sentence naming it (attack, strike, ...)   |
| threat_articles | int            | stories with a threat sentence naming it (warns, threatens, buildup ...) |
| hostile_articles| int            | stories whose sentences naming it have a negative mean tone (<= -0.05)   |
| killed, wounded | int            | people reported killed / wounded that day: incident tolls once per       |
|                 |                | incident plus the day's increase of running totals, never summed reports |
| outlets         | int            | distinct outlets among the copies of those stories                       |
| top_outlet_articles | int        | of those stories, how many the most prolific single outlet carried       |
| total_articles  | int            | all stories that day (any entity or none): the same on every row of a day|

Entity-days absent from the frame are zeros (`to_panel` fills them); a day absent for every entity has
`total_articles` 0. Countries and pairs may share one frame: the index references them separately.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

COMPONENTS: tuple[str, ...] = ("acts", "threats", "severity", "hostility", "volume")

# The count behind each component (severity: people, the others: stories).
COUNT_COLUMNS: dict[str, tuple[str, ...]] = {
    "acts": ("act_articles",),
    "threats": ("threat_articles",),
    "severity": ("killed", "wounded"),
    "hostility": ("hostile_articles",),
    "volume": ("articles",),
}

DAILY_COLUMNS: tuple[str, ...] = (
    "date", "entity", "articles", "act_articles", "threat_articles", "hostile_articles",
    "killed", "wounded", "outlets", "top_outlet_articles", "total_articles",
)

# VADER's conventional boundary of a negative compound score.
HOSTILE_TONE = -0.05


def is_pair(entity: str) -> bool:
    return "|" in entity


@dataclass(frozen=True)
class DailyPanel:
    """The daily frame as dense arrays: entities x consecutive days, zeros where nothing was said."""

    entities: tuple[str, ...]
    dates: pd.DatetimeIndex
    counts: dict[str, np.ndarray]  # component -> (E, T) float
    articles: np.ndarray  # (E, T) stories naming the entity
    outlets: np.ndarray  # (E, T)
    top_outlet: np.ndarray  # (E, T) stories of the most prolific outlet
    total: np.ndarray  # (T,) all stories of the day

    def date_index(self, day: object) -> int:
        return int(self.dates.get_loc(pd.Timestamp(day).normalize()))


def _days(values: pd.Series) -> pd.Series:
    """Dates, datetimes or ISO strings as naive UTC days."""
    days = pd.to_datetime(values, utc=True)
    return days.dt.tz_localize(None).dt.normalize()


def to_panel(daily: pd.DataFrame, start: object | None = None, end: object | None = None) -> DailyPanel:
    """Densify the daily frame over every day from `start` (default: its first) to `end` (its last)."""
    missing = [c for c in DAILY_COLUMNS if c not in daily.columns]
    if missing:
        raise ValueError(f"daily frame lacks columns {missing}; see analysis.monitor.tension_panel")
    frame = daily.copy()
    frame["date"] = _days(frame["date"])
    first = pd.Timestamp(start).normalize() if start is not None else frame["date"].min()
    last = pd.Timestamp(end).normalize() if end is not None else frame["date"].max()
    dates = pd.date_range(first, last, freq="D") if len(frame) or start is not None else pd.DatetimeIndex([])
    frame = frame[(frame["date"] >= first) & (frame["date"] <= last)]
    entities = tuple(sorted(frame["entity"].unique()))
    e_idx = pd.Index(entities)
    rows = e_idx.get_indexer(frame["entity"])
    cols = dates.get_indexer(frame["date"])
    shape = (len(entities), len(dates))

    def dense(values: pd.Series) -> np.ndarray:
        out = np.zeros(shape)
        np.add.at(out, (rows, cols), values.to_numpy(dtype=float))
        return out

    counts = {c: sum(dense(frame[col]) for col in COUNT_COLUMNS[c]) for c in COMPONENTS}
    total = np.zeros(len(dates))
    per_day = frame.groupby("date")["total_articles"].max()
    total[dates.get_indexer(per_day.index)] = per_day.to_numpy(dtype=float)
    return DailyPanel(entities=entities, dates=dates, counts=counts, articles=dense(frame["articles"]),
                      outlets=dense(frame["outlets"]), top_outlet=dense(frame["top_outlet_articles"]),
                      total=total)


def daily_entity_counts(copies: pd.DataFrame, mentions: pd.DataFrame,
                        casualties: pd.DataFrame | None = None) -> pd.DataFrame:
    """Build the daily frame from story-level rows, counting every story once.

    copies:     one row per article: story_id, published (date), source. Every article, including those
                naming no entity (they make the day's total).
    mentions:   one row per article (or story) and entity: story_id, entity, act (bool), threat (bool),
                tone (mean compound of the sentences naming it). Copies of a story may repeat rows: a story
                has an act if any copy has one; its tone is the mean over copies.
    casualties: date, entity, killed, wounded, already counted once per incident (optional).
    """
    c = copies[["story_id", "published", "source"]].copy()
    c["published"] = _days(c["published"])
    c = c.dropna(subset=["published"])
    story_date = c.groupby("story_id")["published"].min().rename("date")
    total = story_date.reset_index().groupby("date")["story_id"].nunique().rename("total_articles")

    m = mentions[["story_id", "entity", "act", "threat", "tone"]].copy()
    m = m[m["story_id"].isin(story_date.index)]
    per_story = m.groupby(["story_id", "entity"]).agg(act=("act", "max"), threat=("threat", "max"),
                                                      tone=("tone", "mean")).reset_index()
    per_story = per_story.join(story_date, on="story_id")
    per_story["hostile"] = per_story["tone"] <= HOSTILE_TONE
    daily = per_story.groupby(["date", "entity"]).agg(
        articles=("story_id", "nunique"), act_articles=("act", "sum"), threat_articles=("threat", "sum"),
        hostile_articles=("hostile", "sum")).reset_index()

    carried = (per_story[["story_id", "entity", "date"]].merge(c[["story_id", "source"]], on="story_id")
               .drop_duplicates())
    outlets = carried.groupby(["date", "entity"])["source"].nunique().rename("outlets")
    per_outlet = carried.groupby(["date", "entity", "source"])["story_id"].nunique()
    top = per_outlet.groupby(level=["date", "entity"]).max().rename("top_outlet_articles")
    daily = daily.merge(pd.concat([outlets, top], axis=1).reset_index(), on=["date", "entity"], how="left")
    return with_casualties_and_totals(daily, casualties, total.reset_index())


def with_casualties_and_totals(counts: pd.DataFrame, casualties: pd.DataFrame | None,
                               totals: pd.DataFrame) -> pd.DataFrame:
    """The daily frame from its story counts per day and entity (date, entity, articles, act_articles,
    threat_articles, hostile_articles, outlets, top_outlet_articles), the casualties (date, entity, killed,
    wounded) and the day's stories (date, total_articles): an entity-day with casualties and no story is a
    row too. Shared by `daily_entity_counts` and the store's one-pass read (`tension_queries.daily_frame`)."""
    daily = counts.copy()
    daily["date"] = _days(daily["date"])
    if casualties is not None and len(casualties):
        cas = casualties[["date", "entity", "killed", "wounded"]].copy()
        cas["date"] = _days(cas["date"])
        cas = cas.groupby(["date", "entity"], as_index=False)[["killed", "wounded"]].sum()
        daily = daily.merge(cas, on=["date", "entity"], how="outer")
    else:
        daily["killed"] = 0
        daily["wounded"] = 0
    totals = totals.assign(date=_days(totals["date"]))
    daily = daily.merge(totals[["date", "total_articles"]], on="date", how="left")
    ints = [c for c in DAILY_COLUMNS if c not in ("date", "entity")]
    daily[ints] = daily[ints].fillna(0).astype("int64")
    return daily[list(DAILY_COLUMNS)].sort_values(["date", "entity"]).reset_index(drop=True)
