"""What is heating up: per entity and component, today and the last few days against a baseline.

The method, after public-health surveillance (CDC ESSENCE/EARS, Farrington) and checked on synthetic
series in tests/test_spikes.py:

- Two series per entity and component: the day, and a short window (`window_days`, for buildups).
- Baseline: the `baseline_days` (28) before a `guard_days` (2) band, so a rise that began yesterday does not
  hide in its own baseline. The window's baseline ends `guard_days` before the window starts.
- Exposure: the expected count is the baseline's share of the day's stories times today's stories, so more
  news overall (Mondays) is not more tension.
- Day of week: the baseline's same-weekday days (4 of them in 28) give a factor, shrunk towards the
  factor of all entities together by `dow_shrink` pseudo-counts, so sparse series are not steered by noise.
- Upper-tail test: negative binomial (`analysis.monitor.count_tests`), its variance phi * mean (phi, the Pearson
  dispersion of the baseline, at least 1) plus the uncertainty of an expectation learnt from a few counts
  (mean**2 / counts behind it): a predictive distribution, not a plug-in Poisson.
- Minimum volume, a minimum rise ratio, Benjamini-Hochberg across every series tested that day (all
  entities, components and both windows) and a per-series p-value ceiling.
- Corroboration: at least `min_outlets` outlets, and without the stories of the day's most prolific outlet
  (`top_outlet_articles`) the count must still be above what the other outlets usually give
  (p <= `corroboration_p`): one outlet's campaign is no signal. Levels: `alert` (pushed) and
  `watch` (shown only). After an alert the entity is in `cooldown_days` of cooldown: its alerts show as
  `watch`.
- Pairs: a pair is tested on a day when its stories over the days up to it (the history every read
  holds, and the day) reach `min_pair_stories`; what is pooled across entities pools those tested that day.

Every threshold lives in `SpikeSettings`. Everything for day t uses data up to day t only, so a backtest
over a range equals running the detector day by day (tested).
"""
from __future__ import annotations

import warnings
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.monitor.count_tests import benjamini_hochberg, nbinom_sf
from analysis.monitor.tension_panel import COMPONENTS, DailyPanel, is_pair, to_panel

ALERT = "alert"
WATCH = "watch"


@dataclass(frozen=True)
class SpikeSettings:
    """Every threshold of the spike detector and of the change levels, in one place."""

    baseline_days: int = 28  # ESSENCE: 28-day baseline
    guard_days: int = 2  # ... with a 2-day guard band
    window_days: int = 5  # the buildup window (3-7 days is usual)
    dow_shrink: float = 50.0  # pseudo-counts pulling an entity's weekday factor towards all entities' one
    prior_count: float = 0.5  # added to a baseline's count: a silent baseline still has a small rate
    max_dispersion: float = 50.0  # a ceiling on phi: a series wilder than that is no baseline at all
    pooled_dispersion_min_count: float = 10.0  # baselines with this many counts inform the pooled floor
    # A series is flagged when its BH q-value (false-discovery rate across every series tested that day)
    # AND its own p-value are low enough: BH alone would let a lone monitored entity alert on 1 day in 50.
    watch_q: float = 0.05  # (ESSENCE yellow: p < 0.05)
    watch_p: float = 0.005
    alert_q: float = 0.02  # (ESSENCE red: p < 0.01)
    alert_p: float = 0.002
    min_count_watch: int = 3  # stories naming the entity (and the component's count) for a watch
    min_count_alert: int = 5  # ... for an alert (ESSENCE: no alarm below 5 counts)
    min_count_window_watch: int = 6  # the same over the window: a quiet entity's 5 stories in 5 days are
    min_count_window_alert: int = 10  # ... "limited change" (ACLED), not an alert
    min_casualties: int = 10  # severity counts people: fewer than this reported is no severity spike
    min_outlets: int = 2  # one outlet's obsession is not a signal
    corroboration_p: float = 0.05  # ... nor a rise that is no longer one without its busiest outlet
    min_ratio_watch: float = 1.25  # observed / expected: a rise an analyst would call one
    min_ratio_alert: float = 1.5
    # After an alert, the entity's next alerts within this many days are watches. At least window_days, or
    # the window series re-alerts the same one-day spike when the cooldown ends.
    cooldown_days: int = 7
    # A pair ("RUS|UKR") is tested on a day only when the days up to it (`pair_coverage_days`) hold this
    # many of its stories: thousands of pairs are named now and then, and a pair named a handful of times
    # has no baseline worth testing (and would only dilute the false-discovery control). Counted per day
    # from what was published up to it, so a backtest follows a pair from the day its coverage is there.
    min_pair_stories: int = 20
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
        """Days of data every test needs before the day it tests: the window's baseline, and the busiest
        outlet's usual share over windows in that baseline, reach back 2 windows + guard + baseline."""
        return 2 * self.window_days + self.guard_days + self.baseline_days

    @property
    def pair_coverage_days(self) -> int:
        """The history every read holds before a tested day (`alerts run`, `backtest`, the dashboard), and
        the day itself: so whether a pair is followed on a day never depends on where the read began."""
        return self.history_days + 1


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


def _baseline_sum(a: np.ndarray, first_lag: int, days: int) -> np.ndarray:
    """Sum of a[..., t-first_lag-days+1 .. t-first_lag] at t."""
    return _lagged(_rolling_sum(a, days), first_lag)


def _rolling_max(a: np.ndarray, width: int) -> np.ndarray:
    out = a.copy()
    for lag in range(1, width):
        out = np.maximum(out, _lagged(a, lag))
    return out


def followed(panel: DailyPanel, s: SpikeSettings = DEFAULT_SETTINGS) -> np.ndarray:
    """(E, T) bool: the entity-days tested. Countries always; a pair on the days its stories over the
    `pair_coverage_days` up to the day reach `min_pair_stories` (data up to the day only)."""
    pair = np.array([is_pair(e) for e in panel.entities], dtype=bool)
    out = np.ones(panel.articles.shape, dtype=bool)
    if pair.any():
        out[pair] = _rolling_sum(panel.articles[pair], s.pair_coverage_days) >= s.min_pair_stories
    return out


@dataclass(frozen=True)
class _Expectation:
    mean: np.ndarray  # expected count at t
    size: np.ndarray  # negative-binomial size of the predictive distribution
    phi: np.ndarray  # the dispersion used
    ready: np.ndarray  # (T,) bool: a full baseline exists


def _predictive_size(mean: np.ndarray, phi: np.ndarray, info: np.ndarray) -> np.ndarray:
    """Size of the negative binomial whose variance is phi * mean (the series' own noise) plus
    mean**2 / info (the uncertainty of a mean learnt from `info` counts)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(mean > 0, 1.0 / ((phi - 1.0) / np.where(mean > 0, mean, 1.0) + 1.0 / info), 1.0)


def _day_expectation(x: np.ndarray, tot: np.ndarray, s: SpikeSettings, covered: np.ndarray | None = None) -> _Expectation:
    """Expected count of `x` at every t from the baseline days t-guard-baseline .. t-guard-1. What is pooled
    across entities (the weekday factor, the dispersion floor) pools the entities `covered` (tested) at t
    only: a pair followed from a later day must not change today's answer for the others."""
    covered = np.ones(x.shape, dtype=bool) if covered is None else covered
    first_lag = s.first_day_lag
    lags = range(first_lag, first_lag + s.baseline_days)
    # Per weekday group g (lags = g mod 7): counts and exposure. Lagged copies are made on the fly, not
    # kept: with thousands of pairs, 28 of them per component would not fit in memory.
    x_g = [np.zeros_like(x) for _ in range(7)]
    n_g = [np.zeros(x.shape[-1]) for _ in range(7)]
    for lag in lags:
        x_g[lag % 7] += _lagged(x, lag)
        n_g[lag % 7] += _lagged(tot, lag)
    count = sum(x_g)
    exposure = sum(n_g)
    with np.errstate(divide="ignore", invalid="ignore"):
        rate = np.where(exposure > 0, (count + s.prior_count) / exposure, 0.0)
        # The weekday factor of the entity, shrunk towards that of all entities together (news as a whole
        # has a weekly rhythm; an entity's own rhythm shows only when its counts can tell) ...
        factor = []
        for g in range(7):
            plain = rate * n_g[g]
            # ... itself shrunk towards 1 (a panel of one entity has no "all entities" to learn from).
            pooled = ((np.where(covered, x_g[g], 0.0).sum(axis=0) + s.dow_shrink)
                      / (np.where(covered, plain, 0.0).sum(axis=0) + s.dow_shrink))
            factor.append((x_g[g] + s.dow_shrink * pooled[None, :]) / (plain + s.dow_shrink))
        pearson = np.zeros_like(x)
        for lag in lags:
            e = rate * _lagged(tot, lag) * factor[lag % 7]
            pearson += np.where(e > 0, (_lagged(x, lag) - e) ** 2 / np.where(e > 0, e, 1.0), 0.0)
    # 7 weekday levels are fitted from the baseline: its degrees of freedom are days - 7.
    phi = np.clip(pearson / (s.baseline_days - 7), 1.0, s.max_dispersion)
    # A heavy-tailed series' dispersion, estimated from 28 days, is most often too low (its rare big days
    # are what it misses): the median over the entities with a real baseline is a floor.
    informed = (count >= s.pooled_dispersion_min_count) & covered
    with warnings.catch_warnings():  # a day where no entity is informed: no floor
        warnings.simplefilter("ignore", RuntimeWarning)
        pooled_phi = np.nanmedian(np.where(informed, phi, np.nan), axis=0)
    phi = np.maximum(phi, np.nan_to_num(pooled_phi, nan=1.0)[None, :])
    mean = rate * tot * factor[0]
    info = 1.0 / (1.0 / (count + s.prior_count) + 1.0 / (x_g[0] + s.dow_shrink))
    ready = np.arange(x.shape[-1]) >= first_lag + s.baseline_days - 1
    return _Expectation(mean=mean, size=_predictive_size(mean, phi, info), phi=phi, ready=ready)


def _window_expectation(x: np.ndarray, tot: np.ndarray, day_phi: np.ndarray, s: SpikeSettings) -> _Expectation:
    """Expected sum of `x` over the window ending at t, from the baseline days before the window's guard.

    No weekday factor: the exposure carries news' weekly rhythm and a window of several days averages most
    of an entity's own. The dispersion is the day series' at the window's first day (whose baseline ends
    before the window), a steadier estimate than one from overlapping windows."""
    w = s.window_days
    first_lag = w + s.guard_days
    count = _baseline_sum(x, first_lag, s.baseline_days)
    exposure = _baseline_sum(tot, first_lag, s.baseline_days)
    with np.errstate(divide="ignore", invalid="ignore"):
        rate = np.where(exposure > 0, (count + s.prior_count) / exposure, 0.0)
    mean = rate * _rolling_sum(tot, w)
    phi = _lagged(day_phi, w - 1)
    ready = np.arange(x.shape[-1]) >= first_lag + s.baseline_days - 1
    return _Expectation(mean=mean, size=_predictive_size(mean, phi, count + s.prior_count), phi=phi, ready=ready)


@dataclass(frozen=True)
class _Series:
    """One component over one window width, tested for every entity and day: (E, T) arrays. Only what
    the day-wide decisions need is kept, so thousands of pairs fit in memory."""

    observed: np.ndarray
    expected: np.ndarray
    p: np.ndarray  # NaN where not tested (too little volume, a limited change, no full baseline)
    p_without_top: np.ndarray  # the same test without the busiest outlet's part (1 where not needed)
    gate_watch: np.ndarray  # outlets and rise ratio for a watch
    gate_alert: np.ndarray  # ... and volume for an alert


def _series(panel: DailyPanel, component: str, width: int, exp: _Expectation, s: SpikeSettings,
            covered: np.ndarray) -> _Series:
    def over_width(a: np.ndarray) -> np.ndarray:
        return a if width == 1 else _rolling_sum(a, width)

    x = over_width(panel.counts[component])
    stories = over_width(panel.articles)
    # Outlets over a window: the busiest day's count, a lower bound of the distinct outlets. One outlet's
    # stories over a window: the sum of each day's busiest outlet, an upper bound.
    outlets = panel.outlets if width == 1 else _rolling_max(panel.outlets, width)
    top = over_width(panel.top_outlet)

    min_own = s.min_casualties if component == "severity" else 0
    min_watch = s.min_count_watch if width == 1 else s.min_count_window_watch
    min_alert = s.min_count_alert if width == 1 else s.min_count_window_alert
    volume_watch = (stories >= min_watch) & (x >= max(min_watch, min_own))
    volume_alert = (stories >= min_alert) & (x >= max(min_alert, min_own))
    # ACLED's low-volume guard: from a baseline of <= 2 a week to <= 5 is a "limited change".
    limited = (exp.mean * 7.0 / width <= s.limited_baseline) & (x <= s.limited_current)
    tested = volume_watch & ~limited & exp.ready[None, :] & (exp.mean > 0) & covered
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(exp.mean > 0, x / exp.mean, np.inf)

    if component == "severity":  # casualties are people, not stories: only the outlets rule applies
        without_top, expected_without_top = x, exp.mean
    else:
        # Without the busiest outlet its part of the stories goes (the same part of each component), to be
        # compared with what the other outlets usually give: the baseline's part of the busiest outlet.
        first_lag = s.first_day_lag if width == 1 else width + s.guard_days
        usual_top = _baseline_sum(top, first_lag, s.baseline_days)
        usual_all = _baseline_sum(stories, first_lag, s.baseline_days)
        with np.errstate(divide="ignore", invalid="ignore"):
            kept = np.where(stories > 0, 1.0 - np.minimum(top / stories, 1.0), 0.0)
            usual_kept = np.where(usual_all > 0, 1.0 - np.minimum(usual_top / usual_all, 1.0), 1.0)
        without_top, expected_without_top = np.floor(x * kept), exp.mean * usual_kept
    many_outlets = outlets >= s.min_outlets
    gate_watch = many_outlets & (ratio >= s.min_ratio_watch)

    p = np.where(tested, 1.0, np.nan)
    # Series at or below their expectation keep p = 1: their exact p-value is far above any level used
    # here, so BH's rejections are the same, and the tail is computed only where it matters.
    hot = tested & (x > exp.mean)
    p[hot] = nbinom_sf(x[hot], exp.mean[hot], exp.size[hot])
    p_rest = np.ones_like(p)
    need = hot & gate_watch & (p <= s.watch_p)
    p_rest[need] = nbinom_sf(without_top[need], expected_without_top[need], exp.size[need])
    return _Series(observed=x, expected=exp.mean, p=p, p_without_top=p_rest, gate_watch=gate_watch,
                   gate_alert=many_outlets & volume_alert & (ratio >= s.min_ratio_alert))


def expected_counts(panel: DailyPanel | pd.DataFrame, component: str,
                    settings: SpikeSettings = DEFAULT_SETTINGS) -> pd.DataFrame:
    """The day series' baseline: expected count per entity (rows) and day (columns), NaN before a full
    baseline exists. What an alert's "expected" is, for charts and tests."""
    if isinstance(panel, pd.DataFrame):
        panel = to_panel(panel)
    exp = _day_expectation(panel.counts[component], panel.total, settings, followed(panel, settings))
    values = np.where(exp.ready[None, :], exp.mean, np.nan)
    return pd.DataFrame(values, index=list(panel.entities), columns=panel.dates)


def detect(panel: DailyPanel | pd.DataFrame, settings: SpikeSettings = DEFAULT_SETTINGS,
           last_alerts: Mapping[str, object] | None = None) -> pd.DataFrame:
    """Every watch and alert of every day in the panel, one row per entity, component and window.

    `last_alerts` (entity -> date of its last pushed alert, from earlier runs) continues their cooldown.
    Days without a full baseline, and pairs on days before their coverage (`followed`), are not tested. Columns: DETECTION_COLUMNS.
    """
    if isinstance(panel, pd.DataFrame):
        panel = to_panel(panel)
    s = settings
    n_e, n_t = panel.articles.shape
    if n_e == 0 or n_t == 0:
        return pd.DataFrame(columns=list(DETECTION_COLUMNS))
    w = s.window_days
    keys: list[tuple[str, int]] = []
    series: list[_Series] = []
    covered = followed(panel, s)
    for component in COMPONENTS:
        day = _day_expectation(panel.counts[component], panel.total, s, covered)
        window = _window_expectation(panel.counts[component], panel.total, day.phi, s)
        for width, exp in ((1, day), (w, window)):
            keys.append((component, width))
            series.append(_series(panel, component, width, exp, s, covered))

    p = np.stack([x.p for x in series])  # (K, E, T)
    q = benjamini_hochberg(p.reshape(-1, n_t)).reshape(p.shape)
    with np.errstate(invalid="ignore"):
        is_watch = ((q <= s.watch_q) & (p <= s.watch_p) & np.stack([x.gate_watch for x in series])
                    # corroboration: the rise stands without the busiest outlet's stories
                    & (np.stack([x.p_without_top for x in series]) <= s.corroboration_p))
        is_alert = is_watch & (q <= s.alert_q) & (p <= s.alert_p) & np.stack([x.gate_alert for x in series])
    obs = np.stack([x.observed for x in series])
    mu = np.stack([x.expected for x in series])

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
