"""The change in a share between two independent samples (survey waves).

:func:`compare_shares` gives the difference in percentage points with its
Newcombe hybrid score interval (method 10 of Newcombe 1998, built from the two
Wilson intervals) and a test: the pooled two-proportion z-test when every
expected count of the 2 x 2 table is at least 5, else Fisher's exact test. The
interval and the z-test are statsmodels' (``confint_proportions_2indep(method=
"newcomb")``, ``proportions_ztest``).

>>> r = compare_shares(45, 100, 70, 100)
>>> round(r["diff_pp"], 1), round(r["diff_ci_low"], 2), round(r["diff_ci_high"], 2), r["test"]
(25.0, 11.32, 37.4, 'z')
>>> round(r["p"], 5)
0.00035
"""
from __future__ import annotations

import numpy as np

from qualkit.errors import AnalysisError


def compare_shares(k1: int, n1: int, k2: int, n2: int, confidence: float = 0.95) -> dict:
    """``k1`` of ``n1`` (the earlier sample) against ``k2`` of ``n2`` (the later one).

    Returns ``diff_pp`` (later minus earlier, in percentage points),
    ``diff_ci_low``/``diff_ci_high`` (Newcombe, percentage points), ``test``
    (``z``, ``fisher`` or ``none``), ``statistic`` (z, or the odds ratio for
    Fisher), ``p`` (two-sided) and ``note`` (why there is no test).
    """
    if not 0 < confidence < 1:
        raise AnalysisError(405, level=confidence)
    out = {"diff_pp": np.nan, "diff_ci_low": np.nan, "diff_ci_high": np.nan, "test": "none",
           "statistic": np.nan, "p": np.nan, "note": ""}
    if n1 == 0 or n2 == 0:
        out["note"] = "no respondents in one wave"
        return out
    from scipy.stats import fisher_exact   # statsmodels and scipy.stats: ~0.6 s, only for comparisons
    from statsmodels.stats.proportion import confint_proportions_2indep, proportions_ztest

    low, high = confint_proportions_2indep(k2, n2, k1, n1, method="newcomb", compare="diff", alpha=1 - confidence)
    out["diff_pp"] = 100.0 * k2 / n2 - 100.0 * k1 / n1   # as the tables' pct columns subtract
    out["diff_ci_low"], out["diff_ci_high"] = float(low) * 100.0, float(high) * 100.0
    pooled = (k1 + k2) / (n1 + n2)
    if pooled in (0.0, 1.0):
        out["note"] = "no variation"
        return out
    if min(n1, n2) * min(pooled, 1 - pooled) >= 5:   # the smallest expected count of the 2 x 2 table
        z, p = proportions_ztest([k2, k1], [n2, n1])
        out.update(test="z", statistic=float(z), p=float(p))
    else:
        res = fisher_exact([[k1, n1 - k1], [k2, n2 - k2]])
        out.update(test="fisher", statistic=float(res.statistic), p=float(res.pvalue))
    return out
