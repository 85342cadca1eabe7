"""Exact upper-tail tests for counts and false-discovery control, vectorised with numpy (no scipy).

`nbinom_sf(k, mean, size)` is P(X >= k) for a negative binomial with that mean and size (variance
mean + mean**2 / size); a very large size is the Poisson. It uses the identity
P(X >= k) = I_q(k, size), q = mean / (mean + size), the regularised incomplete beta function, computed
by the modified Lentz continued fraction (Numerical Recipes' `betacf`) on whole arrays at once. The
continued fraction needs about sqrt(max(k, size)) steps, so the spike detector keeps `size` bounded (it is
at most the baseline's count, see `analysis.monitor.spikes`).

`benjamini_hochberg(p)` turns the p-values of the series tested together (one column per day) into
q-values: a series is rejected at false-discovery rate alpha when its q-value is <= alpha.
"""
from __future__ import annotations

import numpy as np

_TINY = 1e-300
_EPS = 3e-14
_MAX_STEPS = 2000

_STIRLING = (1 / 12, -1 / 360, 1 / 1260, -1 / 1680, 1 / 1188, -691 / 360360)
_SHIFT = 10.0  # below this, lgamma(x) = lgamma(x + n) - log(x (x+1) ... (x+n-1)), then Stirling


def lgamma(x: np.ndarray) -> np.ndarray:
    """log Gamma(x) for x > 0, elementwise: Stirling's series above 10 (error < 1e-15 relative), the
    recurrence below (numpy has no lgamma, and calling math.lgamma per element is 10x slower)."""
    x = np.asarray(x, dtype=float)
    n = np.maximum(np.ceil(_SHIFT - x), 0.0)
    z = x + n
    # log of the product x (x+1) ... (x+n-1), at most 10 factors
    log_prod = np.zeros_like(x)
    for i in range(int(n.max()) if n.size else 0):
        log_prod += np.where(i < n, np.log(np.where(i < n, x + i, 1.0)), 0.0)
    inv = 1.0 / z
    inv2 = inv * inv
    series = np.zeros_like(z)
    for c in reversed(_STIRLING):
        series = series * inv2 + c
    return (z - 0.5) * np.log(z) - z + 0.5 * np.log(2 * np.pi) + series * inv - log_prod


def _betacf(a: np.ndarray, b: np.ndarray, x: np.ndarray) -> np.ndarray:
    """Modified Lentz continued fraction; converged elements leave the working arrays as they finish."""
    out = np.empty_like(x)
    idx = np.arange(x.size)
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c = np.ones_like(x)
    d = 1.0 - qab * x / qap
    d = np.where(np.abs(d) < _TINY, _TINY, d)
    d = 1.0 / d
    h = d.copy()
    for m in range(1, _MAX_STEPS + 1):
        m2 = 2.0 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1.0 + aa * d
        d = np.where(np.abs(d) < _TINY, _TINY, d)
        c = 1.0 + aa / c
        c = np.where(np.abs(c) < _TINY, _TINY, c)
        d = 1.0 / d
        h = h * d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1.0 + aa * d
        d = np.where(np.abs(d) < _TINY, _TINY, d)
        c = 1.0 + aa / c
        c = np.where(np.abs(c) < _TINY, _TINY, c)
        d = 1.0 / d
        delta = d * c
        h = h * delta
        done = np.abs(delta - 1.0) < _EPS
        if done.any():
            out[idx[done]] = h[done]
            keep = ~done
            if not keep.any():
                return out
            idx, a, b, x, c, d, h, qab, qap, qam = (v[keep] for v in (idx, a, b, x, c, d, h, qab, qap, qam))
    out[idx] = h  # not converged after _MAX_STEPS: the best estimate
    return out


def betainc(a: np.ndarray, b: np.ndarray, x: np.ndarray) -> np.ndarray:
    """Regularised incomplete beta I_x(a, b) for a, b > 0 and 0 <= x <= 1, elementwise."""
    a, b, x = np.broadcast_arrays(*(np.asarray(v, dtype=float) for v in (a, b, x)))
    a, b, x = a.ravel(), b.ravel(), x.ravel()
    out = np.where(x <= 0.0, 0.0, 1.0)
    inner = (x > 0.0) & (x < 1.0)
    if inner.any():
        ai, bi, xi = a[inner], b[inner], x[inner]
        log_front = (lgamma(ai + bi) - lgamma(ai) - lgamma(bi)
                     + ai * np.log(xi) + bi * np.log1p(-xi))
        front = np.exp(log_front)
        direct = xi < (ai + 1.0) / (ai + bi + 2.0)  # where the fraction converges fast; else use symmetry
        res = np.empty_like(xi)
        if direct.any():
            res[direct] = front[direct] * _betacf(ai[direct], bi[direct], xi[direct]) / ai[direct]
        flip = ~direct
        if flip.any():
            res[flip] = 1.0 - front[flip] * _betacf(bi[flip], ai[flip], 1.0 - xi[flip]) / bi[flip]
        out[inner] = np.clip(res, 0.0, 1.0)
    return out.reshape(np.broadcast_shapes(a.shape))


def nbinom_sf(k: np.ndarray, mean: np.ndarray, size: np.ndarray) -> np.ndarray:
    """P(X >= k) for X negative binomial with this mean and size; k <= 0 gives 1."""
    k, mean, size = np.broadcast_arrays(*(np.asarray(v, dtype=float) for v in (k, mean, size)))
    shape = k.shape
    k, mean, size = k.ravel(), mean.ravel(), size.ravel()
    out = np.ones(k.shape)
    test = k > 0
    zero_mean = test & (mean <= 0)
    out[zero_mean] = 0.0
    test &= mean > 0
    if test.any():
        q = mean[test] / (mean[test] + size[test])
        out[test] = betainc(k[test], size[test], q)
    return out.reshape(shape)


def poisson_sf(k: np.ndarray, mean: np.ndarray) -> np.ndarray:
    """P(X >= k) for X Poisson, as the negative binomial of size 1e7 (relative error below 1e-4)."""
    k = np.asarray(k, dtype=float)
    mean = np.asarray(mean, dtype=float)
    return nbinom_sf(k, mean, np.full(np.broadcast_shapes(k.shape, mean.shape), 1e7))


def benjamini_hochberg(p: np.ndarray) -> np.ndarray:
    """BH q-values down each column of `p` (series x days); NaN marks a series not tested that day.

    The number of tests m is counted per column, so each day's discoveries are controlled among that
    day's tested series only.

    Only p < 1 is ranked: a series at p = 1 (the detector gives 1 to every series at or below its
    expectation, most of them) gets q = 1, and lowers no other q (its p m / rank is at least 1, the cap),
    while it still counts in m. Sorting the few below 1 instead of every tested series each day was a
    fifth of a year's detection.
    """
    p = np.asarray(p, dtype=float)
    one_d = p.ndim == 1
    if one_d:
        p = p[:, None]
    m = np.sum(~np.isnan(p), axis=0)
    q = np.where(np.isnan(p), np.nan, 1.0)
    rows, cols = np.nonzero(p < 1.0)
    if rows.size:
        order = np.lexsort((p[rows, cols], cols))  # by day, then p ascending
        rows, cols = rows[order], cols[order]
        starts = np.flatnonzero(np.r_[True, cols[1:] != cols[:-1]])
        ends = np.r_[starts[1:], cols.size]
        rank = np.arange(cols.size) - np.repeat(starts, ends - starts) + 1.0
        scaled = p[rows, cols] * m[cols] / rank
        # q_(i) = min over j >= i of p_(j) m / j: a running minimum from each day's largest p down.
        for a, b in zip(starts, ends):
            scaled[a:b] = np.minimum.accumulate(scaled[a:b][::-1])[::-1]
        q[rows, cols] = np.minimum(scaled, 1.0)
    return q[:, 0] if one_d else q
