"""The exact tails and BH against brute force."""
from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.monitor.count_tests import benjamini_hochberg, betainc, nbinom_sf, poisson_sf


def brute_nbinom_sf(k: int, mean: float, size: float) -> float:
    """P(X >= k) by summing the pmf from k on, until the terms vanish."""
    p = size / (size + mean)
    total, j = 0.0, k
    while True:
        term = math.exp(math.lgamma(j + size) - math.lgamma(size) - math.lgamma(j + 1)
                        + size * math.log(p) + j * math.log1p(-p))
        total += term
        if (j > mean and term < 1e-18 * max(total, 1e-300)) or j > k + 100000:
            return total
        j += 1


@pytest.mark.parametrize("k, mean, size", [
    (30, 10, 280), (5, 0.3, 0.5), (100, 0.02, 0.5), (1, 1.5, 0.1), (600, 500, 14000), (3, 5, 2), (25, 10, 40),
])
def test_nbinom_sf_matches_the_sum_of_the_pmf(k, mean, size):
    assert nbinom_sf(k, mean, size) == pytest.approx(brute_nbinom_sf(k, mean, size), rel=1e-9)


@settings(max_examples=60, deadline=None)
@given(k=st.integers(1, 300), mean=st.floats(0.01, 200), size=st.floats(0.2, 5000))
def test_nbinom_sf_matches_brute_force_anywhere(k, mean, size):
    assert nbinom_sf(k, mean, size) == pytest.approx(brute_nbinom_sf(k, mean, size), rel=1e-7, abs=1e-300)


def test_poisson_limit_and_edges():
    # P(X >= 24) for Poisson(10), by the complement of the exact cdf.
    cdf = sum(math.exp(-10) * 10 ** j / math.factorial(j) for j in range(24))
    assert poisson_sf(24, 10) == pytest.approx(1 - cdf, rel=1e-4)
    assert nbinom_sf(0, 5, 2) == 1.0
    assert nbinom_sf(3, 0, 2) == 0.0  # nothing expected, something seen
    assert betainc(2, 3, 0.0) == 0.0 and betainc(2, 3, 1.0) == 1.0
    assert nbinom_sf(np.array([[1, 2], [3, 4]]), 2.0, 3.0).shape == (2, 2)


def naive_bh(p: list[float]) -> list[float]:
    m = len(p)
    order = sorted(range(m), key=lambda i: p[i])
    q = [0.0] * m
    running = 1.0
    for rank in range(m, 0, -1):
        i = order[rank - 1]
        running = min(running, p[i] * m / rank)
        q[i] = running
    return q


@settings(max_examples=50, deadline=None)
@given(st.lists(st.floats(0, 1), min_size=1, max_size=30))
def test_benjamini_hochberg_matches_the_textbook(p):
    assert benjamini_hochberg(np.array(p)) == pytest.approx(naive_bh(p))


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(st.one_of(st.just(float("nan")), st.just(1.0), st.floats(0, 1)), min_size=4, max_size=4),
                min_size=1, max_size=25))
def test_benjamini_hochberg_per_day_matches_the_textbook_over_that_days_tested_series(table):
    """Days (columns) with untested series (NaN) and many at p = 1, as the detector gives them."""
    p = np.array(table)
    q = benjamini_hochberg(p)
    for t in range(p.shape[1]):
        tested = ~np.isnan(p[:, t])
        assert np.isnan(q[~tested, t]).all()
        if tested.any():
            assert q[tested, t] == pytest.approx(naive_bh(list(p[tested, t])))


def test_benjamini_hochberg_counts_only_the_tested_series_of_each_day():
    p = np.array([[0.01, np.nan], [0.04, 0.02], [np.nan, np.nan]])
    q = benjamini_hochberg(p)
    assert q[:, 0][:2] == pytest.approx(naive_bh([0.01, 0.04]))
    assert q[1, 1] == pytest.approx(0.02)  # alone that day: m = 1
    assert np.isnan(q[2]).all() and np.isnan(q[0, 1])


@settings(max_examples=200, deadline=None)
@given(st.floats(1e-3, 1e7))
def test_lgamma_matches_math_lgamma(x):
    from analysis.monitor.count_tests import lgamma

    assert float(lgamma(np.array([x]))[0]) == pytest.approx(math.lgamma(x), rel=1e-13, abs=1e-13)
