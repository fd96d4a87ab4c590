"""Agreement coefficients on a reliability matrix (coders x units, missing as NaN).

Krippendorff's alpha is computed with the coincidence-matrix method of
Krippendorff, "Computing Krippendorff's Alpha-Reliability" (2011): any number
of coders, missing data allowed, units coded by fewer than two coders ignored.
Its 2011 worked example (4 coders, 12 units, missing values):

>>> nan = float("nan")
>>> data = [[1, 2, 3, 3, 2, 1, 4, 1, 2, nan, nan, nan],
...         [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, nan, 3],
...         [nan, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, nan],
...         [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, nan]]
>>> round(krippendorff_alpha(data), 3), round(krippendorff_alpha(data, "interval"), 3)
(0.743, 0.849)

These functions are re-exported by :mod:`qualkit.stats.agreement`. Errors:
QK412 non-numeric values for interval/ratio, QK413 unknown level, QK416
sequences of different length, QK418 bad argument, QK419 values outside the
given value domain.
"""
from __future__ import annotations

from typing import Hashable, NamedTuple, Sequence

import numpy as np
import pandas as pd

from qualkit.errors import AnalysisError
from qualkit.stats._common import listing

LEVELS = ("nominal", "ordinal", "interval", "ratio")

BOOTSTRAP_METHOD = (
    "percentile bootstrap over units: units (or clusters of columns) are drawn with "
    "replacement and alpha recomputed, keeping each unit's codings together"
)
"""How :func:`bootstrap_alpha` resamples (not Hayes & Krippendorff's 2007 algorithm)."""


def _matrix(data) -> np.ndarray:
    arr = data.to_numpy(dtype=object) if isinstance(data, pd.DataFrame) else np.asarray(data, dtype=object)
    if arr.ndim == 1:
        arr = arr.reshape(1, -1)
    if arr.ndim != 2:
        raise AnalysisError(435, ndim=arr.ndim)
    return arr


def _value_counts(data, level: str, value_domain: Sequence | None) -> tuple[np.ndarray, np.ndarray | None]:
    """Units x values counts, and the values as numbers (or None for nominal)."""
    if level not in LEVELS:
        raise AnalysisError(409, level=level, levels=listing(LEVELS))
    arr = _matrix(data)
    present = ~pd.isna(arr)
    flat = arr[present]
    if value_domain is not None:
        domain = list(value_domain)
        outside = [v for v in pd.unique(flat) if v not in domain]
        if outside:
            raise AnalysisError(419, outside=listing(outside), domain=listing(domain))
    elif level == "nominal":
        domain = list(pd.unique(flat))
    else:
        try:
            domain = sorted(pd.unique(flat))
        except TypeError:
            raise AnalysisError(437, level=level) from None
    codes = np.full(arr.shape, -1, dtype=np.int64)
    codes[present] = pd.Index(domain).get_indexer(flat)
    n_units, n_vals = arr.shape[1], len(domain)
    counts = np.zeros((n_units, n_vals))
    coder_idx, unit_idx = np.nonzero(present)
    np.add.at(counts, (unit_idx, codes[coder_idx, unit_idx]), 1)
    numeric = None
    if level in ("interval", "ratio"):
        try:
            numeric = np.asarray(domain, dtype=float)
        except (TypeError, ValueError):
            raise AnalysisError(412, level=level, domain=listing(domain)) from None
    return counts, numeric


def _unit_coincidences(counts: np.ndarray) -> np.ndarray:
    """Per pairable unit its V x V share of the coincidence matrix (units x V x V)."""
    m = counts.sum(axis=1)
    c = counts[m >= 2]
    w = 1.0 / (m[m >= 2] - 1)
    out = c[:, :, None] * c[:, None, :]
    idx = np.arange(c.shape[1])
    out[:, idx, idx] -= c
    return out * w[:, None, None]


def _alpha_from_coincidences(o: np.ndarray, level: str, numeric: np.ndarray | None) -> np.ndarray:
    """Alpha for one (V x V) or a stack (B x V x V) of coincidence matrices."""
    n_c = o.sum(axis=-1)
    n = n_c.sum(axis=-1)
    v = o.shape[-1]
    if level == "nominal":
        d = 1.0 - np.eye(v)
    elif level == "ordinal":
        mid = np.cumsum(n_c, axis=-1) - n_c / 2.0
        d = (mid[..., :, None] - mid[..., None, :]) ** 2
    elif level == "interval":
        d = (numeric[:, None] - numeric[None, :]) ** 2
    else:
        s = numeric[:, None] + numeric[None, :]
        with np.errstate(divide="ignore", invalid="ignore"):
            d = np.where(s != 0, ((numeric[:, None] - numeric[None, :]) / s) ** 2, 0.0)
    observed = (o * d).sum(axis=(-2, -1))
    expected = (n_c[..., :, None] * n_c[..., None, :] * d).sum(axis=(-2, -1))
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(expected > 0, 1.0 - (n - 1) * observed / expected, np.nan)


def krippendorff_alpha(reliability_matrix, level: str = "nominal", value_domain: Sequence | None = None) -> float:
    """Krippendorff's alpha for a coders x units matrix (missing as NaN/None).

    ``level`` is ``nominal``, ``ordinal``, ``interval`` or ``ratio``. Values may be
    any categories for nominal data; ordinal data are ordered by sorting or by
    ``value_domain``. Returns NaN when no unit has two codings or when all pairable
    codings share one value (no variation: alpha is undefined).

    >>> krippendorff_alpha([[1, 1, 0, 0], [1, 1, 0, 1]])
    0.5333333333333333
    """
    counts, numeric = _value_counts(reliability_matrix, level, value_domain)
    units = _unit_coincidences(counts)
    if not len(units):
        return float("nan")
    return float(_alpha_from_coincidences(units.sum(axis=0), level, numeric))


def bootstrap_alpha(
    reliability_matrix,
    n_boot: int = 1000,
    random_state=0,
    level: str = "nominal",
    confidence: float = 0.95,
    clusters: Sequence[Hashable] | None = None,
    value_domain: Sequence | None = None,
) -> tuple[float, float]:
    """Percentile bootstrap interval for alpha, resampling units with replacement.

    Each replicate draws as many units as there are pairable units (with
    replacement), keeping all codings of a unit together, and recomputes alpha;
    the interval is the ``(1-confidence)/2`` and ``(1+confidence)/2`` percentiles
    of the replicates (replicates with undefined alpha are dropped). This is the
    unit-resampling (nonparametric) bootstrap, not Hayes & Krippendorff's (2007)
    resampling of pairable values. ``clusters`` (one label per column) resamples
    groups of columns together, for example all codes of one respondent.
    ``random_state`` is an int, ``None`` or a ``numpy.random.Generator``.

    >>> low, high = bootstrap_alpha([[1, 1, 0, 0, 1, 0], [1, 1, 0, 1, 1, 0]], n_boot=200)
    >>> bool(low <= krippendorff_alpha([[1, 1, 0, 0, 1, 0], [1, 1, 0, 1, 1, 0]]) <= high)
    True
    """
    if not isinstance(n_boot, (int, np.integer)) or n_boot < 1:
        raise AnalysisError(432, n_boot=n_boot)
    if not 0 < confidence < 1:
        raise AnalysisError(405, level=confidence)
    counts, numeric = _value_counts(reliability_matrix, level, value_domain)
    pairable = counts.sum(axis=1) >= 2
    units = _unit_coincidences(counts)
    if not len(units):
        return float("nan"), float("nan")
    v = units.shape[-1]
    flat = units.reshape(len(units), v * v)
    if clusters is not None:
        labels = np.asarray(list(clusters), dtype=object)
        if len(labels) != counts.shape[0]:
            raise AnalysisError(436, labels=len(labels), columns=counts.shape[0])
        codes, _ = pd.factorize(labels[pairable])
        flat = pd.DataFrame(flat).groupby(codes).sum().to_numpy()
    rng = np.random.default_rng(random_state)
    k = len(flat)
    chunk = max(1, min(n_boot, 2_000_000 // max(k, 1)))
    alphas = []
    for start in range(0, n_boot, chunk):
        b = min(chunk, n_boot - start)
        draws = rng.integers(0, k, size=(b, k)) + (np.arange(b) * k)[:, None]
        weights = np.bincount(draws.ravel(), minlength=b * k).reshape(b, k)
        alphas.append(_alpha_from_coincidences((weights @ flat).reshape(b, v, v), level, numeric))
    boot = np.concatenate(alphas)
    boot = boot[~np.isnan(boot)]
    if not len(boot):
        return float("nan"), float("nan")
    tail = (1 - confidence) / 2 * 100
    low, high = np.percentile(boot, [tail, 100 - tail])
    return float(low), float(high)


def percent_agreement(reliability_matrix) -> float:
    """Share of agreeing coder pairs among all pairs coding the same unit, in percent.

    With two coders this is the plain share of units both coded alike.

    >>> percent_agreement([[1, 1, 0, 0], [1, 1, 0, 1]])
    75.0
    """
    counts, _ = _value_counts(reliability_matrix, "nominal", None)
    m = counts.sum(axis=1)
    pairs = (m * (m - 1) / 2).sum()
    if pairs == 0:
        return float("nan")
    return float((counts * (counts - 1) / 2).sum() / pairs * 100.0)


def _pairs(a, b, what: str) -> tuple[np.ndarray, np.ndarray]:
    a_arr, b_arr = np.asarray(list(a), dtype=object), np.asarray(list(b), dtype=object)
    if len(a_arr) != len(b_arr):
        raise AnalysisError(416, what=what, first=len(a_arr), second=len(b_arr))
    keep = ~(pd.isna(a_arr) | pd.isna(b_arr))
    return a_arr[keep], b_arr[keep]


def _indexed(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Both codings as integer category numbers (any hashable values, mixed types allowed)."""
    codes, _ = pd.factorize(pd.Series(np.concatenate([x, y]), dtype=object))
    return codes[:len(x)], codes[len(x):]


def cohen_kappa(a, b) -> float:
    """Cohen's kappa for two coders' codings of the same units (pairs with a missing value
    dropped), computed by :func:`sklearn.metrics.cohen_kappa_score`; NaN when every
    coding has one value (kappa is undefined without variation).

    >>> round(cohen_kappa([1, 1, 0, 0], [1, 1, 0, 1]), 3)
    0.5
    """
    from sklearn.metrics import cohen_kappa_score

    x, y = _pairs(a, b, "cohen_kappa")
    if not len(x):
        return float("nan")
    xi, yi = _indexed(x, y)
    if len(set(xi) | set(yi)) < 2:
        return float("nan")
    return float(cohen_kappa_score(xi, yi))


def chance_corrected(reliability_matrix) -> dict[str, float]:
    """Gwet's AC1 and Brennan-Prediger's coefficient, with Gwet's percent agreement, for
    any number of coders and missing data (Gwet, *Handbook of Inter-Rater Reliability*,
    4th ed. 2014, ch. 2-4; the formulas of the ``irrCAC`` package).

    Agreement ``pa`` is averaged over units coded by at least two coders; chance
    agreement is ``1/q`` for Brennan-Prediger (``q`` categories seen) and
    ``sum(pi_k (1 - pi_k)) / (q - 1)`` for AC1, with ``pi_k`` the mean share of
    category ``k`` per unit. Both stay high when coders agree on a rare code's absence,
    where kappa and alpha drop (the prevalence paradox).

    >>> r = chance_corrected([[1, 0, 0, 0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0, 0, 0]])
    >>> round(r["pa"], 2), round(r["ac1"], 3), round(r["bp"], 2)
    (0.9, 0.89, 0.8)
    """
    counts, _ = _value_counts(reliability_matrix, "nominal", None)
    counts = counts[counts.sum(axis=1) >= 1]
    r = counts.sum(axis=1)
    q = counts.shape[1]
    two = r >= 2
    nan = float("nan")
    if not two.any():
        return {"pa": nan, "ac1": nan, "bp": nan}
    pa = float(((counts[two] * (counts[two] - 1)).sum(axis=1) / (r[two] * (r[two] - 1))).mean())
    if q < 2:
        return {"pa": pa, "ac1": nan, "bp": nan}
    pi = (counts / r[:, None]).mean(axis=0)
    pe_ac1 = float((pi * (1 - pi)).sum() / (q - 1))
    pe_bp = 1.0 / q
    return {"pa": pa, "ac1": (pa - pe_ac1) / (1 - pe_ac1), "bp": (pa - pe_bp) / (1 - pe_bp)}


def specific_agreement(reliability_matrix, value: Hashable = 1) -> float:
    """Specific agreement on ``value``: of the codings that gave ``value``, the share a
    second coder matched, over units coded by at least two coders. For two coders and
    a 0/1 code, ``value=1`` is positive agreement ``2a / (2a + b + c)`` and ``value=0``
    negative agreement ``2d / (2d + b + c)`` (Cicchetti & Feinstein 1990; Uebersax's
    form for any number of coders). NaN when nobody gave ``value``.

    >>> specific_agreement([[1, 1, 0, 0], [1, 0, 0, 0]]), round(specific_agreement([[1, 1, 0, 0], [1, 0, 0, 0]], 0), 3)
    (0.6666666666666666, 0.8)
    """
    arr = _matrix(reliability_matrix)
    present = ~pd.isna(arr)
    r = present.sum(axis=0)
    hit = np.zeros(arr.shape, dtype=bool)
    hit[present] = [v == value for v in arr[present]]
    k = hit.sum(axis=0)[r >= 2]
    denom = float((k * (r[r >= 2] - 1)).sum())
    return float((k * (k - 1)).sum() / denom) if denom else float("nan")


class PRF(NamedTuple):
    """Precision, recall and F1 of one coding against a reference, and the units compared."""

    precision: float
    recall: float
    f1: float
    n: int


def precision_recall_f1(reference, other, positive: Hashable | None = 1) -> PRF:
    """Precision, recall and F1 of ``other`` against ``reference`` (pairs with a missing
    value dropped), by :func:`sklearn.metrics.precision_recall_fscore_support`.

    ``positive`` is the value that means "code applies" (1 for 0/1 codings);
    ``positive=None`` macro-averages over all categories (for example sentiment),
    leaving out a category whose ratio is undefined. A ratio with a zero denominator is NaN.

    >>> precision_recall_f1([1, 1, 0, 0], [1, 0, 0, 1])
    PRF(precision=0.5, recall=0.5, f1=0.5, n=4)
    """
    ref, oth = _pairs(reference, other, "precision_recall_f1")
    if positive is not None:
        return PRF(*_prf(ref == positive, oth == positive), n=len(ref))
    if not len(ref):
        return PRF(float("nan"), float("nan"), float("nan"), 0)
    ri, oi = _indexed(ref, oth)
    scores = np.array([_prf(ri == c, oi == c) for c in sorted(set(ri) | set(oi))])
    means = [float(np.nanmean(col)) if (~np.isnan(col)).any() else float("nan") for col in scores.T]
    return PRF(*means, n=len(ref))


def _prf(ref: np.ndarray, oth: np.ndarray) -> tuple[float, float, float]:
    import warnings

    from sklearn.metrics import precision_recall_fscore_support

    if not len(ref):
        return float("nan"), float("nan"), float("nan")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        p, r, f, _ = precision_recall_fscore_support(ref.astype(bool), oth.astype(bool), average="binary",
                                                     pos_label=True, zero_division=np.nan)
    return float(p), float(r), float(f)
