"""Platt scaling (`learned_svm.platt`) returns the minimum of Platt's loss: on the real
calibrations of the rust interviews (where plain Newton steps used to bounce between two
points for all their iterations and stop wherever the bounce stood) and on the edge cases
(separable, constant, one class, missing values)."""
from __future__ import annotations

import numpy as np
import pytest
from scipy.optimize import minimize
from scipy.special import expit

import qualkit.coding.learned as learned
from qualkit.agree import read_human
from qualkit.coding.learned_svm import platt
from qualkit.coding.learned_train import train
from tests.conftest import shared


def loss_and_gradient(s: np.ndarray, y: np.ndarray):
    """Platt's loss of (a, b) on one column (targets smoothed as Platt), and its gradient,
    written out here independently of qualkit's code."""
    npos, nneg = (y == 1).sum(), (y == 0).sum()
    t = np.where(y == 1, (npos + 1) / (npos + 2), 1 / (nneg + 2))

    def f(ab):
        z = ab[0] * s + ab[1]
        p = expit(z)
        return (np.logaddexp(0, -z) + (1 - t) * z).sum(), np.array([((p - t) * s).sum(), (p - t).sum()])
    return f


def reference(s: np.ndarray, y: np.ndarray) -> np.ndarray:
    """scipy's BFGS on the same loss, to a tight tolerance."""
    return minimize(loss_and_gradient(s, y), np.zeros(2), jac=True, method="BFGS",
                    options={"gtol": 1e-10, "maxiter": 10000}).x


def assert_minimum(s: np.ndarray, y: np.ndarray, a: float, b: float) -> None:
    f = loss_and_gradient(s, y)
    ref = reference(s, y)
    if (a, b) == (1.0, 0.0):                                       # the fallback: one class or a slope <= 0
        assert min(y.sum(), (1 - y).sum()) < 1 or ref[0] <= 0
        return
    assert np.abs(f([a, b])[1]).max() < 1e-4                       # gradient ~ 0 (the method stops at 1e-5)
    assert f([a, b])[0] <= f(ref)[0] + 1e-8                        # as low as scipy's minimum
    assert np.allclose([a, b], ref, rtol=1e-3, atol=1e-3)


def test_platt_converges_on_the_rust_interviews(monkeypatch):
    """Every calibration in a real `train` (5 folds + the final model, 80-90 codes each) ends
    at the minimum of Platt's loss; with plain Newton steps 5 of these 6 calls ran all their
    iterations and some codes ended with the loss 100+ above its minimum."""
    calls = []

    class Enough(Exception):
        pass

    def recording(S, T):
        out = platt(S, T)
        calls.append((np.array(S), np.array(T), out))
        if len(calls) == 6:
            raise Enough                                           # the scoring after it is not needed here
        return out
    monkeypatch.setattr(learned, "platt", recording)
    with pytest.raises(Enough):
        train(read_human(shared("en-rust-unsafe-interviews", "interviews", "coding", "decisions.csv")), cv=5,
              n_boot=0, language="en", random_state=0)
    checked = 0
    for S, T, (a, b) in calls:
        for k in range(S.shape[1]):
            m = ~np.isnan(S[:, k]) & ~np.isnan(T[:, k])
            s, y = S[m, k], T[m, k]
            assert_minimum(s, y, a[k], b[k])
            checked += (a[k], b[k]) != (1.0, 0.0)
    assert checked > 300


def test_platt_edge_cases():
    rng = np.random.default_rng(3)
    s = np.r_[rng.normal(-2, 1, 30), rng.normal(2, 1, 10)]
    y = np.r_[np.zeros(30), np.ones(10)]
    # separable scores: the smoothed targets keep the minimum finite
    sep = np.r_[rng.uniform(-3, -1, 30), rng.uniform(1, 3, 10)]
    a, b = platt(sep, y)
    assert np.isfinite([a[0], b[0]]).all() and a[0] > 0
    assert_minimum(sep, y, a[0], b[0])
    # huge separable scores (no overflow) and a plain overlapping column, side by side
    A, B = platt(np.column_stack([s, sep * 1e4]), np.column_stack([y, y]))
    assert_minimum(s, y, A[0], B[0])
    assert_minimum(sep * 1e4, y, A[1], B[1])
    # constant scores, one class only, fewer than 4 units, nothing at all: the fallback (1, 0)
    assert platt(np.full(40, 0.7), y) == (1.0, 0.0)
    assert platt(s, np.zeros(40)) == (1.0, 0.0) and platt(s, np.ones(40)) == (1.0, 0.0)
    assert platt(s[[0, 1, 35]], y[[0, 1, 35]]) == (1.0, 0.0)
    assert platt(np.full(40, np.nan), y) == (1.0, 0.0)
    # missing scores or targets: the same as leaving those units out
    S, Y = s.copy(), y.copy()
    S[::7], Y[3::11] = np.nan, np.nan
    keep = ~np.isnan(S) & ~np.isnan(Y)
    assert np.allclose(platt(S, Y), platt(s[keep], y[keep]), rtol=1e-9, atol=1e-12)
    assert_minimum(s[keep], y[keep], *[v[0] for v in platt(S, Y)])
    # many columns at once = each column alone
    cols = np.column_stack([s, sep, S, np.full(40, 0.7), s[::-1]])
    ys = np.column_stack([y, y, Y, y, y])
    both = platt(cols, ys)
    for k in range(cols.shape[1]):
        assert np.allclose([v[k] for v in both], np.ravel(platt(cols[:, k], ys[:, k])), rtol=1e-9, atol=1e-12)


@pytest.mark.parametrize("seed", range(5))
def test_platt_is_the_minimum_on_random_columns(seed):
    rng = np.random.default_rng(seed)
    n, k = int(rng.integers(8, 400)), 6
    Y = (rng.random((n, k)) < rng.uniform(0.05, 0.5, k)).astype(float)
    S = rng.normal(0, rng.uniform(0.1, 5), (n, k)) + rng.uniform(0, 6, k) * Y
    a, b = platt(S, Y)
    for j in range(k):
        assert_minimum(S[:, j], Y[:, j], a[j], b[j])
