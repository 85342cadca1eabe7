"""The tension index: per entity and day, five components a user can audit, and their weighted sum.

Input: the daily frame of `analysis.monitor.tension_panel` (one row per day and entity, copies counted once).

Components, each a share of the day's stories (so more news overall is not more tension):
- acts:      stories with an act sentence naming the entity / all stories of the day
- threats:   stories with a threat sentence naming it / all stories
- severity:  people reported killed or wounded (once per incident) / all stories
- hostility: stories whose sentences naming it are negative in tone / all stories
- volume:    stories naming it / all stories

Indexing (after the GPR index of Caldara & Iacoviello): each component's share is divided by its
reference, the mean share of an entity of the same kind (countries apart from pairs) over the reference
period, times 100. So 100 means "as much as the average country on an average reference day", the same
yardstick for every country: levels are comparable across countries. The index is the weighted sum of the
indexed components with `WEIGHTS` (summing to 1), the one place where they are set.

Change against the entity's own baseline (ACLED Trendfinder): the mean index of the last 7 days against
the mean of the 28 days before them, as a ratio and as a label (`analysis.monitor.spikes.change_level`).
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields

import numpy as np
import pandas as pd

from analysis.monitor.spikes import DEFAULT_SETTINGS, SpikeSettings, change_level
from analysis.monitor.tension_panel import COMPONENTS, DailyPanel, is_pair, to_panel


@dataclass(frozen=True)
class IndexWeights:
    """How much each component counts in the index. Acts and threats lead, as in the GPR index; severity
    is what happened to people; hostility and volume are the weakest evidence (tone and attention)."""

    acts: float = 0.30
    threats: float = 0.25
    severity: float = 0.20
    hostility: float = 0.15
    volume: float = 0.10

    def as_dict(self) -> dict[str, float]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


WEIGHTS = IndexWeights()

# CrisisWatch's monthly arrow, from the change level.
ARROWS = {"large increase": "deteriorated", "moderate increase": "deteriorated",
          "large decrease": "improved", "moderate decrease": "improved"}
WEEK = 7
BASELINE_WEEKS = 4


def _shares(panel: DailyPanel) -> dict[str, np.ndarray]:
    with np.errstate(divide="ignore", invalid="ignore"):
        return {c: np.where(panel.total > 0, panel.counts[c] / np.where(panel.total > 0, panel.total, 1), 0.0)
                for c in COMPONENTS}


def reference_shares(panel: DailyPanel, start: object | None = None, end: object | None = None) -> pd.DataFrame:
    """Per kind (country, pair) and component, the mean share of an entity over the reference days.

    The entities averaged are those named at least once in the reference period; days are those with news.
    """
    shares = _shares(panel)
    days = np.ones(len(panel.dates), dtype=bool)
    if start is not None:
        days &= panel.dates >= pd.Timestamp(start)
    if end is not None:
        days &= panel.dates <= pd.Timestamp(end)
    days &= panel.total > 0
    pair = np.array([is_pair(e) for e in panel.entities], dtype=bool)
    seen = panel.articles[:, days].sum(axis=1) > 0
    rows = []
    for kind, members in (("country", ~pair & seen), ("pair", pair & seen)):
        row = {"kind": kind}
        for c in COMPONENTS:
            block = shares[c][np.ix_(members, days)]
            row[c] = float(block.mean()) if block.size else np.nan
        rows.append(row)
    return pd.DataFrame(rows).set_index("kind")


def _trailing_mean(a: np.ndarray, width: int, skip: int) -> np.ndarray:
    """Mean of a[..., t-skip-width+1 .. t-skip] (NaN until the window is full)."""
    c = np.cumsum(np.concatenate([np.zeros(a.shape[:-1] + (1,)), a], axis=-1), axis=-1)
    t = np.arange(a.shape[-1])
    hi = t - skip + 1
    lo = hi - width
    ok = lo >= 0
    out = np.full(a.shape, np.nan)
    out[..., ok] = (c[..., hi[ok]] - c[..., lo[ok]]) / width
    return out


def tension_index(daily: pd.DataFrame | DailyPanel, reference: tuple[object, object] | None = None,
                  weights: IndexWeights = WEIGHTS, settings: SpikeSettings = DEFAULT_SETTINGS) -> pd.DataFrame:
    """One row per entity and day: each component's share and index, the index, its 7-day mean, the
    baseline (mean of the 28 days before those 7), the change ratio, its label and arrow
    (deteriorated / improved / unchanged), and the component whose weighted rise was largest.

    `reference` = (first day, last day) of the reference period; None uses every day given. For a backtest
    without lookahead, give a reference period that ends before the first day evaluated.
    """
    panel = daily if isinstance(daily, DailyPanel) else to_panel(daily)
    ref = reference_shares(panel, *(reference or (None, None)))
    shares = _shares(panel)
    pair = np.array([is_pair(e) for e in panel.entities], dtype=bool)
    w = weights.as_dict()
    cols: dict[str, np.ndarray] = {}
    index = np.zeros(panel.articles.shape)
    contributions = []  # each component's weighted rise, 7 days against the 28 before: what rose
    for c in COMPONENTS:
        denom = np.where(pair, ref.loc["pair", c], ref.loc["country", c])[:, None]
        with np.errstate(divide="ignore", invalid="ignore"):
            idx = np.where(denom > 0, 100.0 * shares[c] / denom, 0.0)
        idx = np.nan_to_num(idx)
        cols[f"{c}_share"] = shares[c]
        cols[f"{c}_index"] = idx
        index += w[c] * idx
        rise = _trailing_mean(idx, WEEK, 0) - _trailing_mean(idx, BASELINE_WEEKS * WEEK, WEEK)
        contributions.append(w[c] * np.nan_to_num(rise, nan=-np.inf))
    week = _trailing_mean(index, WEEK, 0)
    base = _trailing_mean(index, BASELINE_WEEKS * WEEK, WEEK)
    week_stories = _trailing_mean(panel.articles, WEEK, 0) * WEEK
    base_stories = _trailing_mean(panel.articles, BASELINE_WEEKS * WEEK, WEEK) * WEEK
    with np.errstate(divide="ignore", invalid="ignore"):
        change = np.where(base > 0, week / base - 1.0, np.nan)
    # The low-volume guard looks at stories, not index points: a quiet country's index can swing on 2 stories.
    label = change_level(np.nan_to_num(week, nan=0.0), np.nan_to_num(base, nan=0.0), settings)
    guard = (np.nan_to_num(base_stories) <= settings.limited_baseline) & (np.nan_to_num(week_stories) <= settings.limited_current)
    label = np.where(guard, "limited change", label)
    label = np.where(np.isnan(base), "no baseline", label)
    stacked = np.stack(contributions)
    rose_most = np.where(np.max(stacked, axis=0) > 0, np.asarray(COMPONENTS, dtype=object)[np.argmax(stacked, axis=0)], "")
    arrow = np.vectorize(lambda lbl: ARROWS.get(lbl, "unchanged"), otypes=[object])(label)
    n_e, n_t = index.shape
    out = pd.DataFrame({
        "date": np.tile(panel.dates.date, n_e),
        "entity": np.repeat(np.asarray(panel.entities, dtype=object), n_t),
        "articles": panel.articles.ravel(),
        **{k: v.ravel() for k, v in cols.items()},
        "index": index.ravel(), "index_7d": week.ravel(), "baseline": base.ravel(),
        "change": change.ravel(), "change_level": label.ravel(), "arrow": arrow.ravel(),
        "rose_most": rose_most.ravel(),
    })
    return out


def rising(index_frame: pd.DataFrame, day: object, top: int = 10,
           flagged: Mapping[str, str] | None = None) -> pd.DataFrame:
    """The entities whose 7-day index rose most against their own baseline on `day` ("Rising now"),
    leaving out limited changes and entities without a baseline.

    `flagged` (entity -> "alert" or "watch", from the spike detector over the last days) puts the
    entities whose rise passed its tests first, alerts before watches: an index change alone can be the
    noise of a small country, a spike that passed BH is not."""
    today = index_frame[pd.to_datetime(index_frame["date"]) == pd.Timestamp(day)]
    today = today[~today["change_level"].isin(["limited change", "no baseline"]) & (today["change"] > 0)]
    rank = {"alert": 0, "watch": 1}
    flags = flagged or {}
    today = today.assign(flag=[flags.get(e, "") for e in today["entity"]],
                         _rank=[rank.get(flags.get(e, ""), 2) for e in today["entity"]])
    ordered = today.sort_values(["_rank", "change"], ascending=[True, False]).drop(columns="_rank")
    return ordered.head(top).reset_index(drop=True)
