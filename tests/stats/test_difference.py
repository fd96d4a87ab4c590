"""The change in a share between two waves: Newcombe interval and z / Fisher test (statsmodels)."""
from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import chi2_contingency, fisher_exact

from qualkit.errors import AnalysisError
from qualkit.stats import wilson
from qualkit.stats.difference import compare_shares


@pytest.mark.parametrize("k1, n1, k2, n2, low, high", [
    # Newcombe (1998), Statistics in Medicine 17:873-890, table II, method 10 (hybrid score),
    # for the difference first minus second: here compare_shares gives later (k2/n2) minus earlier (k1/n1).
    (48, 80, 56, 70, 0.0524, 0.3339),
    (3, 10, 9, 10, 0.1705, 0.8090),
    (2, 7, 6, 7, 0.0582, 0.8062),
    (0, 29, 5, 56, -0.0381, 0.1926),
    (0, 20, 0, 10, -0.1611, 0.2775),
    (0, 10, 0, 10, -0.2775, 0.2775),
    (0, 20, 10, 10, 0.6791, 1.0000),
])
def test_newcombe_published_values(k1, n1, k2, n2, low, high):
    r = compare_shares(k1, n1, k2, n2)
    assert r["diff_pp"] == pytest.approx(100 * (k2 / n2 - k1 / n1))
    assert r["diff_ci_low"] == pytest.approx(100 * low, abs=0.005)
    assert r["diff_ci_high"] == pytest.approx(100 * high, abs=0.005)


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 300), st.integers(1, 300), st.data())
def test_newcombe_is_built_from_the_wilson_intervals(n1, n2, data):
    """Newcombe's method 10: d -+ sqrt of the squared distances to the Wilson limits."""
    k1, k2 = data.draw(st.integers(0, n1)), data.draw(st.integers(0, n2))
    p1, p2 = k1 / n1, k2 / n2
    (l1, u1), (l2, u2) = wilson(k1, n1), wilson(k2, n2)
    d = p2 - p1
    r = compare_shares(k1, n1, k2, n2)
    assert r["diff_ci_low"] == pytest.approx(100 * (d - math.sqrt((p2 - l2) ** 2 + (u1 - p1) ** 2)), abs=1e-9)
    assert r["diff_ci_high"] == pytest.approx(100 * (d + math.sqrt((u2 - p2) ** 2 + (p1 - l1) ** 2)), abs=1e-9)


def test_z_test_squares_to_pearson_chi_square():
    r = compare_shares(45, 100, 70, 100)
    ref = chi2_contingency([[45, 55], [70, 30]], correction=False)
    assert r["test"] == "z" and r["statistic"] > 0
    assert r["statistic"] ** 2 == pytest.approx(ref.statistic) and r["p"] == pytest.approx(ref.pvalue)
    assert compare_shares(70, 100, 45, 100)["statistic"] == pytest.approx(-r["statistic"])


def test_fisher_with_small_expected_counts_and_no_test_cases():
    r = compare_shares(1, 12, 6, 14)
    ref = fisher_exact([[1, 11], [6, 8]])
    assert r["test"] == "fisher" and r["p"] == pytest.approx(ref.pvalue) and r["statistic"] == pytest.approx(ref.statistic)
    none = compare_shares(0, 10, 0, 12)
    assert none["test"] == "none" and none["note"] == "no variation" and np.isnan(none["p"])
    assert none["diff_ci_low"] < 0 < none["diff_ci_high"]
    empty = compare_shares(0, 0, 3, 10)
    assert empty["note"] == "no respondents in one wave" and np.isnan(empty["diff_pp"])
    with pytest.raises(AnalysisError, match=r"^\[QK405\]"):
        compare_shares(1, 2, 1, 2, confidence=95)
