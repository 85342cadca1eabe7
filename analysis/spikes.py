"""What is heating up: per entity and component, today and the last few days against a baseline.

The method, after public-health surveillance (CDC ESSENCE/EARS, Farrington) and checked on synthetic
series in tests/test_spikes.py:

- Two series per entity and component: the day, and a short window (`window_days`, for buildups).
- Baseline: the `baseline_days` (28) before a `guard_days` (2) band, so a rise that began yesterday does not
  hide in its own baseline. The window's baseline ends `guard_days` before the window starts.
- Exposure: the expected count is the baseline's share of the day's stories times today's stories, so more
  news overall (Mondays) is not more tension.
- Day of week: the baseline's same-weekday days (4 of them in 28) give a factor, shrunk towards 1 by
  `dow_shrink` pseudo-counts so that sparse series are not steered by noise.
- Upper-tail test: negative binomial (`analysis.count_tests`), its variance phi * mean (phi, the Pearson
  dispersion of the baseline, at least 1) plus the uncertainty of an expectation learnt from a few counts
  (mean**2 / counts behind it): a predictive distribution, not a plug-in Poisson.
- Minimum volume, at least `min_outlets` outlets, a minimum rise ratio, and Benjamini-Hochberg across every
  series tested that day (all entities, components and both windows). Levels: `alert` (pushed) and
  `watch` (shown only). After an alert the entity is in `cooldown_days` of cooldown: its alerts show as
  `watch`.

Every threshold lives in `SpikeSettings`. Everything for day t uses data up to day t only, so a backtest
over a range equals running the detector day by day (tested).
"""
from __future__ import annotations

import warnings
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .count_tests import benjamini_hochberg, nbinom_sf
from .tension_panel import COMPONENTS, DailyPanel, to_panel

ALERT = "alert"
WATCH = "watch"


@dataclass(frozen=True)
class SpikeSettings:
    """Every threshold of the spike detector and of the change levels, in one place."""

    baseline_days: int = 28  # ESSENCE: 28-day baseline
    guard_days: int = 2  # ... with a 2-day guard band
    window_days: int = 5  # the buildup window (3-7 days is usual)
    dow_shrink: float = 20.0  # pseudo-counts pulling the weekday factor towards 1
    prior_count: float = 0.5  # added to a baseline's count: a silent baseline still has a small rate
    max_dispersion: float = 50.0  # a ceiling on phi: a series wilder than that is no baseline at all
    pooled_dispersion_min_count: float = 10.0  # baselines with this many counts inform the pooled floor
    watch_q: float = 0.05  # BH false-discovery rate for `watch` (ESSENCE yellow: p < 0.05)
    alert_q: float = 0.02  # ... and for `alert` (one tripled day at a mean of 10 is then caught >= 90%)
    min_count_watch: int = 3  # stories naming the entity (and the component's count) for a watch
    min_count_alert: int = 5  # ... for an alert (ESSENCE: no alarm below 5 counts)
    min_casualties: int = 10  # severity counts people: fewer than this reported is no severity spike
    min_outlets: int = 2  # one outlet's obsession is not a signal
    min_ratio_watch: float = 1.25  # observed / expected: a rise an analyst would call one
    min_ratio_alert: float = 1.5
    cooldown_days: int = 3  # after an alert, the entity's next alerts within this many days are watches
    # ACLED Trendfinder change levels (display): this week vs the weekly mean of the 4 weeks before.
    change_large: float = 0.25
    change_moderate: float = 0.10
    limited_baseline: float = 2.0  # a baseline weekly mean <= this and
    limited_current: float = 5.0  # ... this week <= this is "limited change"

    @property
    def first_day_lag(self) -> int:
        return self.guard_days + 1

    @property
    def history_days(self) -> int:
        """Days of data a window test needs before the day it tests."""
        return self.guard_days + self.baseline_days + 2 * self.window_days


DEFAULT_SETTINGS = SpikeSettings()

DETECTION_COLUMNS = ("date", "entity", "component", "window_days", "observed", "expected", "ratio", "p", "q",
                     "level", "cooled")


def _lagged(a: np.ndarray, lag: int) -> np.ndarray:
    """a[..., t - lag] at t (zeros before the start)."""
    if lag == 0:
        return a
    out = np.zeros_like(a)
    out[..., lag:] = a[..., :-lag]
    return out


def _rolling_sum(a: np.ndarray, width: int) -> np.ndarray:
    c = np.cumsum(a, axis=-1)
    return c - _lagged(c, width)


def _rolling_max(a: np.ndarray, width: int) -> np.ndarray:
    out = a.copy()
    for lag in range(1, width):
        out = np.maximum(out, _lagged(a, lag))
    return out


@dataclass(frozen=True)
class _Expectation:
    mean: np.ndarray  # expected count at t
    size: np.ndarray  # negative-binomial size of the predictive distribution
    ready: np.ndarray  # (T,) bool: a full baseline exists


def _expect(x: np.ndarray, tot: np.ndarray, first_lag: int, info_scale: float, extra_history: int,
            s: SpikeSettings) -> _Expectation:
    """Expected count of `x` at every t from the baseline lags first_lag .. first_lag + baseline_days - 1."""
    lags = range(first_lag, first_lag + s.baseline_days)
    tot2 = np.broadcast_to(tot, x.shape)
    xs = {lag: _lagged(x, lag) for lag in lags}
    ns = {lag: _lagged(tot2, lag) for lag in lags}
    x_g = [sum(xs[lag] for lag in lags if lag % 7 == g) for g in range(7)]
    n_g = [sum(ns[lag] for lag in lags if lag % 7 == g) for g in range(7)]
    count = sum(x_g)
    exposure = sum(n_g)
    with np.errstate(divide="ignore", invalid="ignore"):
        rate = np.where(exposure > 0, (count + s.prior_count) / exposure, 0.0)
        factor = [(x_g[g] + s.dow_shrink) / (rate * n_g[g] + s.dow_shrink) for g in range(7)]
        pearson = np.zeros_like(x)
        for lag in lags:
            e = rate * ns[lag] * factor[lag % 7]
            pearson += np.where(e > 0, (xs[lag] - e) ** 2 / np.where(e > 0, e, 1.0), 0.0)
        # 7 weekday levels are fitted from the baseline: its degrees of freedom are days - 7.
        phi = np.clip(pearson / (s.baseline_days - 7), 1.0, s.max_dispersion)
        # A heavy-tailed series' dispersion, estimated from 28 days, is most often too low (its rare big
        # days are what it misses): the median over the entities with a real baseline is a floor.
        informed = count >= s.pooled_dispersion_min_count
        with warnings.catch_warnings():  # a day where no entity is informed: no floor
            warnings.simplefilter("ignore", RuntimeWarning)
            pooled = np.nanmedian(np.where(informed, phi, np.nan), axis=0)
        phi = np.maximum(phi, np.nan_to_num(pooled, nan=1.0)[None, :])
        mean = rate * tot2 * factor[0]
        info = 1.0 / (1.0 / (count + s.prior_count) + 1.0 / (x_g[0] + s.dow_shrink)) / info_scale
        size = np.where(mean > 0, 1.0 / ((phi - 1.0) / np.where(mean > 0, mean, 1.0) + 1.0 / info), 1.0)
    t = np.arange(x.shape[-1])
    ready = t >= first_lag + s.baseline_days - 1 + extra_history
    return _Expectation(mean=mean, size=size, ready=ready)


def detect(panel: DailyPanel | pd.DataFrame, settings: SpikeSettings = DEFAULT_SETTINGS,
           last_alerts: Mapping[str, object] | None = None) -> pd.DataFrame:
    """Every watch and alert of every day in the panel, one row per entity, component and window.

    `last_alerts` (entity -> date of its last pushed alert, from earlier runs) continues their cooldown.
    Days without a full baseline are not tested. Columns: DETECTION_COLUMNS.
    """
    if isinstance(panel, pd.DataFrame):
        panel = to_panel(panel)
    s = settings
    n_e, n_t = panel.articles.shape
    if n_e == 0 or n_t == 0:
        return pd.DataFrame(columns=list(DETECTION_COLUMNS))
    w = s.window_days
    stories = {1: panel.articles, w: _rolling_sum(panel.articles, w)}
    outlets = {1: panel.outlets, w: _rolling_max(panel.outlets, w)}  # a lower bound of distinct outlets
    totals = {1: panel.total, w: _rolling_sum(panel.total, w)}

    keys: list[tuple[str, int]] = []
    observed, expected, sizes, tested, gate_alert, gate_watch = [], [], [], [], [], []
    for component in COMPONENTS:
        for width in (1, w):
            x = panel.counts[component] if width == 1 else _rolling_sum(panel.counts[component], w)
            first_lag = s.first_day_lag if width == 1 else w + s.guard_days
            exp = _expect(x, totals[width], first_lag, float(width), width - 1, s)
            min_own = s.min_casualties if component == "severity" else 0
            volume_watch = (stories[width] >= s.min_count_watch) & (x >= max(s.min_count_watch, min_own))
            volume_alert = (stories[width] >= s.min_count_alert) & (x >= max(s.min_count_alert, min_own))
            is_tested = volume_watch & exp.ready[None, :] & (exp.mean > 0)
            with np.errstate(divide="ignore", invalid="ignore"):
                ratio = np.where(exp.mean > 0, x / exp.mean, np.inf)
            corroborated = outlets[width] >= s.min_outlets
            keys.append((component, width))
            observed.append(x)
            expected.append(exp.mean)
            sizes.append(exp.size)
            tested.append(is_tested)
            gate_watch.append(corroborated & (ratio >= s.min_ratio_watch))
            gate_alert.append(corroborated & volume_alert & (ratio >= s.min_ratio_alert))

    obs = np.stack(observed)  # (K, E, T)
    mu = np.stack(expected)
    size = np.stack(sizes)
    tst = np.stack(tested)
    p = np.full(obs.shape, np.nan)
    p[tst] = 1.0
    # Series at or below their expectation keep p = 1: their exact p-value is far above any level used
    # here, so BH's rejections are the same, and the tail is computed only where it matters.
    hot = tst & (obs > mu)
    p[hot] = nbinom_sf(obs[hot], mu[hot], size[hot])
    q = benjamini_hochberg(p.reshape(-1, n_t)).reshape(p.shape)
    with np.errstate(invalid="ignore"):
        is_watch = tst & (q <= s.watch_q) & np.stack(gate_watch)
        is_alert = is_watch & (q <= s.alert_q) & np.stack(gate_alert)

    k_i, e_i, t_i = np.nonzero(is_watch)
    if k_i.size == 0:
        return pd.DataFrame(columns=list(DETECTION_COLUMNS))
    out = pd.DataFrame({
        "date": panel.dates[t_i].date,
        "entity": np.asarray(panel.entities, dtype=object)[e_i],
        "component": [keys[k][0] for k in k_i],
        "window_days": [keys[k][1] for k in k_i],
        "observed": obs[k_i, e_i, t_i],
        "expected": mu[k_i, e_i, t_i],
        "ratio": obs[k_i, e_i, t_i] / mu[k_i, e_i, t_i],
        "p": p[k_i, e_i, t_i],
        "q": q[k_i, e_i, t_i],
        "level": np.where(is_alert[k_i, e_i, t_i], ALERT, WATCH),
        "cooled": False,
    })
    out = _apply_cooldown(out, s.cooldown_days, last_alerts or {})
    return out.sort_values(["date", "entity", "component", "window_days"]).reset_index(drop=True)


def _apply_cooldown(det: pd.DataFrame, days: int, last_alerts: Mapping[str, object]) -> pd.DataFrame:
    """Within `days` of an entity's pushed alert, its next alerts become watches (marked `cooled`)."""
    alert_days = det.loc[det["level"] == ALERT, ["entity", "date"]].drop_duplicates().sort_values(["entity", "date"])
    cooled: set[tuple[str, object]] = set()
    last: dict[str, pd.Timestamp] = {e: pd.Timestamp(d) for e, d in last_alerts.items()}
    for entity, day in alert_days.itertuples(index=False):
        ts = pd.Timestamp(day)
        prev = last.get(entity)
        if prev is not None and prev < ts and (ts - prev).days < days:
            cooled.add((entity, day))  # not pushed, so it does not extend the cooldown
        elif prev is None or ts > prev:
            last[entity] = ts
    if cooled:
        mask = [(e, d) in cooled for e, d in zip(det["entity"], det["date"])]
        mask = np.asarray(mask) & (det["level"] == ALERT).to_numpy()
        det.loc[mask, "level"] = WATCH
        det.loc[mask, "cooled"] = True
    return det


def change_level(current: np.ndarray | float, baseline: np.ndarray | float,
                 settings: SpikeSettings = DEFAULT_SETTINGS) -> np.ndarray:
    """ACLED-style change label of this week's value against the weekly mean of the weeks before."""
    s = settings
    cur = np.asarray(current, dtype=float)
    base = np.asarray(baseline, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        change = np.where(base > 0, cur / base - 1.0, np.where(cur > 0, np.inf, 0.0))
    labels = np.select(
        [(base <= s.limited_baseline) & (cur <= s.limited_current),
         change > s.change_large, change > s.change_moderate,
         change < -s.change_large, change < -s.change_moderate],
        ["limited change", "large increase", "moderate increase", "large decrease", "moderate decrease"],
        default="no change")
    return labels
