"""The learned coder's linear SVMs, solved where it is cheapest, and their calibration.

:func:`linear_svms` fits one linear SVM (squared hinge loss, classes weighted to
balance, as scikit-learn's ``LinearSVC``) per 0/1 code and one-vs-rest SVMs per group
of exclusive categories, all on the same features. Each is a linear model ``w . x + b``.
On few, long texts (paragraphs, interview answers: the units x units kernel ``F F'``
has fewer cells than ``F`` has non-zero values, and there are at least
``KERNEL_MIN_UNITS`` units) the SVMs are solved on that kernel, computed once for all
codes, by libsvm (``SVC(kernel="precomputed")``): the squared-hinge dual is the hinge
dual on ``K + diag(1 / (2 C_i))`` without an upper bound, and ``w`` is read back from
the support vectors. Otherwise per code on the features (liblinear, ``LinearSVC``).
The two differ only in the offset (libsvm's is not regularised).

:func:`platt` turns scores into probabilities (Platt scaling, all codes at once) and
:func:`cutoffs` picks each code's probability cut-off (the best alpha against the people, with
the pooled codes as a prior).
"""
from __future__ import annotations

import numpy as np
from scipy import sparse
from sklearn.svm import SVC, LinearSVC

MAX_ITER = 200
"""liblinear's passes at most: rare codes stop early (speed over the last decimals; no loss measured)."""
TOL = 0.01
"""liblinear's stopping tolerance (scikit-learn's default 1e-4, liblinear's own 0.1): the cut-offs and the coded shares do not move (tests/learn/test_learned_shares.py: they do at 0.1)."""
KERNEL_MIN_UNITS = 100
"""Below this many units every solver is instant: liblinear (scikit-learn's plain ``LinearSVC``)."""
BOUNDLESS = 1e6
"""The upper bound given to libsvm for the squared-hinge dual, which has none (no coefficient comes near)."""


def balanced_weights(labels: np.ndarray) -> np.ndarray:
    """Per unit the weight of its class, ``n / (classes * n_class)`` (scikit-learn's ``class_weight="balanced"``)."""
    _, index, counts = np.unique(labels, return_inverse=True, return_counts=True)
    return (len(labels) / (counts.size * counts))[index.ravel()]


def _balanced(labels: np.ndarray) -> dict:
    """scikit-learn's ``class_weight="balanced"`` as a dict, the same numbers (its label
    encoding per fit costs more than the formula)."""
    classes, index = np.unique(labels, return_inverse=True)
    weight = len(labels) / (len(classes) * np.bincount(index.ravel()).astype(np.float64))
    return dict(zip(classes.tolist(), weight.tolist()))


def linear_svms(F, problems: list[tuple[np.ndarray, np.ndarray]], C: float, random_state: int = 0,
                solver: str = "auto") -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """Per problem ``(rows, labels)`` (a boolean mask of units, an int label per masked unit:
    0/1 for a code, class indices for a group) its classes, weights (classes x features;
    one row for two classes) and intercepts. ``solver``: ``"kernel"``, ``"linear"`` or
    ``"auto"`` (see the module)."""
    F = sparse.csr_matrix(F)
    n = F.shape[0]
    kernel = solver == "kernel" or (solver == "auto" and KERNEL_MIN_UNITS <= n and n * n < F.nnz)
    K = (F @ F.T).toarray() if kernel and problems else None
    out = []
    for rows, labels in problems:
        classes = np.unique(labels)
        if K is None:
            svm = LinearSVC(C=C, class_weight=_balanced(labels), tol=TOL, max_iter=MAX_ITER, random_state=random_state)
            svm.fit(F[rows], labels)
            out.append((classes, svm.coef_, svm.intercept_))
            continue
        sub = K if rows.all() else K[np.ix_(rows, rows)]
        support = F[np.flatnonzero(rows)]
        balanced = balanced_weights(labels)
        W, b = [], []
        for k in classes[1:] if len(classes) == 2 else classes:    # one-vs-rest: the rest weigh 1 (as liblinear)
            y = (labels == k).astype(int)
            weight = balanced if len(classes) == 2 else np.where(y == 1, balanced, 1.0)
            svm = SVC(C=BOUNDLESS, kernel="precomputed", tol=1e-3, random_state=random_state)
            svm.fit(sub + np.diag(1.0 / (2.0 * C * weight)), y)
            W.append(np.asarray(svm.dual_coef_ @ support[svm.support_]).ravel())
            b.append(float(svm.intercept_[0]))
        out.append((classes, np.vstack(W), np.array(b)))
    return out


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-np.clip(z, -500, 500)))


def _platt_loss(a: np.ndarray, b: np.ndarray, s: np.ndarray, t: np.ndarray, mf: np.ndarray) -> np.ndarray:
    """Platt's loss of each column: cross-entropy of sigmoid(a * s + b) against the smoothed
    targets ``t`` over the units with ``mf`` = 1, written so that it cannot overflow."""
    z = a * s + b
    return (mf * (np.logaddexp(0.0, -z) + (1.0 - t) * z)).sum(axis=0)


def platt(scores: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Platt scaling of each column of ``scores`` (units x codes; NaN = no score or no
    target): slope ``a`` and offset ``b`` with P(code) = sigmoid(a * score + b), all
    columns at once, by Platt's method with the safeguards of Lin, Lin & Weng (2007, "A
    note on Platt's probabilistic outputs for support vector machines", algorithm 1):
    targets smoothed to (N+ + 1) / (N+ + 2) and 1 / (N- + 2), so that a minimum exists even
    when the scores separate the classes; Newton steps with a backtracking line search
    (Armijo, halving), so that the loss never rises; stop when the gradient is below 1e-5.
    A column with one class, fewer than 4 units, constant scores or a slope <= 0 gets (1, 0).

    >>> a, b = platt(np.array([[-2.0], [-1.0], [-0.5], [0.2], [0.5], [1.0], [2.0], [3.0]]),
    ...              np.array([[0], [0], [1], [0], [1], [1], [1], [1]]))
    >>> bool(a[0] > 0)
    True
    """
    S, Y = np.asarray(scores, dtype=float), np.asarray(y, dtype=float)
    if S.ndim == 1:
        S, Y = S[:, None], Y[:, None]
    m = ~np.isnan(S) & ~np.isnan(Y)
    s, yy, mf = np.where(m, S, 0.0), np.where(m, Y, 0.0), m.astype(float)
    npos, n = (yy * mf).sum(axis=0), mf.sum(axis=0)
    nneg = n - npos
    t = np.where(yy == 1, (npos + 1) / (npos + 2), 1 / (nneg + 2))
    a, b = np.zeros(S.shape[1]), np.log((npos + 1) / (nneg + 1))
    loss = _platt_loss(a, b, s, t, mf)
    todo = np.ones(S.shape[1], dtype=bool)
    for _ in range(100):                                     # Lin, Lin & Weng: max 100 iterations
        p = sigmoid(a * s + b)
        r, w = mf * (p - t), mf * p * (1 - p)
        ga, gb = (r * s).sum(axis=0), r.sum(axis=0)
        todo &= (np.abs(ga) >= 1e-5) | (np.abs(gb) >= 1e-5)
        if not todo.any():
            break
        haa, hab, hbb = (w * s * s).sum(axis=0) + 1e-12, (w * s).sum(axis=0), w.sum(axis=0) + 1e-12
        det = haa * hbb - hab * hab
        da, db = -(hbb * ga - hab * gb) / det, -(haa * gb - hab * ga) / det
        slope = ga * da + gb * db                            # < 0: the Newton direction goes down
        step, moving = 1.0, todo.copy()
        while moving.any() and step >= 1e-10:               # the moving columns share one step size
            na, nb = np.where(moving, a + step * da, a), np.where(moving, b + step * db, b)
            new = _platt_loss(na, nb, s, t, mf)
            down = moving & (new < loss + 1e-4 * step * slope)
            a, b, loss = np.where(down, na, a), np.where(down, nb, b), np.where(down, new, loss)
            moving &= ~down
            step /= 2
        todo &= ~moving                                      # line search failed: stop there, as published
    spread = np.where(m, S, -np.inf).max(axis=0, initial=-np.inf) > np.where(m, S, np.inf).min(axis=0, initial=np.inf)
    ok = (npos >= 1) & (nneg >= 1) & (n >= 4) & spread & (a > 0) & np.isfinite(a) & np.isfinite(b)
    return np.where(ok, a, 1.0), np.where(ok, b, 0.0)


GRID = np.round(np.linspace(0.05, 0.95, 91), 2)
"""The probability cut-offs tried."""
PRIOR_POSITIVES = 2.0
"""The weight of the pooled codes in a code's choice of cut-off, in coded units (see :func:`cutoffs`)."""


def _agreement(proba: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Per cut-off of ``GRID``: the disagreements, the 1s among both coders' values, and 2n."""
    hits = proba[None, :] >= GRID[:, None]
    tp = (hits & (y[None, :] == 1)).sum(axis=1)
    coded = hits.sum(axis=1)
    return np.stack([coded + y.sum() - 2 * tp, coded + y.sum(), np.full(len(GRID), 2 * len(y))]).astype(float)


def _best(counts: np.ndarray) -> float:
    """The cut-off with the highest Krippendorff's alpha (nominal, two coders) from
    :func:`_agreement`'s counts; ties: the cut-off nearest 0.5."""
    wrong, ones, pairs = counts
    zeros = pairs - ones
    alpha = np.where(ones * zeros > 0, 1 - (pairs - 1) * wrong / np.maximum(ones * zeros, 1), -np.inf)
    best = GRID[alpha >= alpha.max() - 1e-12]
    return float(best[np.argmin(np.abs(best - 0.5))])


def best_cutoff(proba: np.ndarray, y: np.ndarray) -> float:
    """The probability cut-off at which the coding agrees best with the people's: the highest
    Krippendorff's alpha (nominal, two coders: these codings and ``y``; ties: the cut-off
    nearest 0.5); 0.5 without positives. Not F1: with a weak model the best F1 comes from
    coding most units (recall is cheap), which made the learned coder code 80% of headlines
    'positief' that people coded 26%; alpha counts both coders' shares, so the cut-off
    keeps the coded share near the people's.

    >>> best_cutoff(np.array([0.1, 0.2, 0.3, 0.6, 0.7, 0.9]), np.array([0, 0, 0, 1, 1, 1]))
    0.5
    """
    y = np.asarray(y, dtype=int)
    if not len(y) or y.sum() == 0:
        return 0.5
    return _best(_agreement(np.asarray(proba, dtype=float), y))


def cutoffs(proba: np.ndarray, y: np.ndarray, prior: float = PRIOR_POSITIVES) -> np.ndarray:
    """Per column of ``proba`` (units x codes, calibrated probabilities; NaN = no score or
    no target) the cut-off of :func:`best_cutoff`, each code's agreement counted together
    with those of all codes pooled, scaled to weigh ``prior`` coded units: an empirical-Bayes
    prior. A code with few coded units has a flat, noisy alpha curve (a few units decide
    between cut-offs far apart); the pooled curve settles it, while a code with many coded
    units keeps its own cut-off. 0.5 for a code without positives.

    >>> P = np.array([[0.1, 0.2], [0.2, 0.4], [0.6, 0.3], [0.7, 0.9]])
    >>> cutoffs(P, np.array([[0, 0], [0, 0], [1, 0], [1, 1]])).tolist()
    [0.5, 0.5]
    """
    P, Y = np.asarray(proba, dtype=float), np.asarray(y, dtype=float)
    per, positives = {}, {}
    for k in range(P.shape[1]):
        ok = ~np.isnan(P[:, k]) & ~np.isnan(Y[:, k])
        yk = Y[ok, k].astype(int)
        if yk.sum() > 0:
            per[k], positives[k] = _agreement(P[ok, k], yk), yk.sum()
    out = np.full(P.shape[1], 0.5)
    if per:
        pooled = sum(per.values()) * (prior / sum(positives.values()))
        for k, counts in per.items():
            out[k] = _best(counts + pooled)
    return out
