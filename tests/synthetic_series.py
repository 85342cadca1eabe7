"""Synthetic daily frames (the contract of analysis.monitor.tension_panel) for the spike and index tests, seeded.

Stories naming an entity are Poisson around its mean times a weekly cycle (news is thinner at weekends);
acts, threats and hostile stories are binomial shares of them; the day's total stories follow the same
weekly cycle, so the share of each entity is stationary unless a test plants a change.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

WEEKLY = np.array([1.25, 1.15, 1.1, 1.05, 1.0, 0.7, 0.75])  # Monday .. Sunday
START = "2025-01-06"  # a Monday
SHARES = {"act_articles": 0.3, "threat_articles": 0.2, "hostile_articles": 0.5}


def daily_frame(rng: np.random.Generator, means: np.ndarray, days: int, weekly: np.ndarray = WEEKLY,
                killed_mean: float = 0.0, total_mean: float = 3000.0,
                total_weekly: np.ndarray = WEEKLY) -> pd.DataFrame:
    means = np.asarray(means, dtype=float)
    dates = pd.date_range(START, periods=days)
    dow = dates.day_of_week.to_numpy()
    articles = rng.poisson(means[:, None] * weekly[dow][None, :])
    cols = {"articles": articles}
    for col, share in SHARES.items():
        cols[col] = rng.binomial(articles, share)
    # Casualty reports are bursty: a negative binomial of size 0.5 (most days none, some days many).
    cols["killed"] = (rng.negative_binomial(0.5, 0.5 / (0.5 + killed_mean), size=articles.shape)
                      if killed_mean else np.zeros_like(articles))
    cols["wounded"] = np.zeros_like(articles)
    cols["outlets"] = np.minimum(articles, rng.integers(2, 8, size=articles.shape))
    cols["top_outlet_articles"] = -(-articles // np.maximum(cols["outlets"], 1))  # spread evenly
    total = rng.poisson(total_mean * total_weekly[dow])
    n_e = len(means)
    e_i, t_i = np.meshgrid(np.arange(n_e), np.arange(days), indexing="ij")
    frame = pd.DataFrame({"date": dates[t_i.ravel()],
                          "entity": np.array([f"E{i:03d}" for i in range(n_e)])[e_i.ravel()]})
    for col, values in cols.items():
        frame[col] = values.ravel()
    frame["total_articles"] = total[t_i.ravel()]
    return frame


def plant(frame: pd.DataFrame, rng: np.random.Generator, entity: str, day: pd.Timestamp, articles: int,
          outlets: int | None = None, top_outlet: int | None = None) -> None:
    """Replace one entity-day with `articles` stories (acts, threats, hostile drawn at the usual shares),
    spread evenly over `outlets` unless `top_outlet` says how many the busiest one carried."""
    row = (frame["entity"] == entity) & (frame["date"] == day)
    frame.loc[row, "articles"] = articles
    for col, share in SHARES.items():
        frame.loc[row, col] = rng.binomial(articles, share)
    outlets = min(articles, 6) if outlets is None else outlets
    frame.loc[row, "outlets"] = outlets
    frame.loc[row, "top_outlet_articles"] = -(-articles // max(outlets, 1)) if top_outlet is None else top_outlet


def stationary_means(rng: np.random.Generator, n: int) -> np.ndarray:
    """Entities from the very quiet (0.3 stories a day) to the much covered (60 a day)."""
    return np.exp(rng.uniform(np.log(0.3), np.log(60.0), n))
