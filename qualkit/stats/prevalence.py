"""Code shares corrected for coder error (Rogan & Gladen 1978), with a 95% interval that
includes the uncertainty of the validation sample.

A machine coder (a rule codebook or a learned model) codes all N answers; a person
codes a random sample of the same answers (the validation sample). On that sample the
machine's **sensitivity** (the share of the person's positives it found) and
**specificity** (the share of the person's negatives it left alone) are counted. The
machine's raw share ``p_raw`` mixes true hits with false alarms; Rogan and Gladen's
correction is

    p = (p_raw + specificity - 1) / (sensitivity + specificity - 1),   clipped to [0, 1].

The validation sample is part of the N answers, so its human codes are known: the
corrected share is the person's positives in the sample plus the Rogan-Gladen estimate
for the answers outside it (``within=False``: a validation study on other units, plain
Rogan-Gladen). The target is the share a person would have found in these N answers.

Interval: a parametric bootstrap. Each of ``n_boot`` replicates draws sensitivity,
specificity and the machine's raw share outside the sample from Beta distributions with
Jeffreys' prior (``Beta(x + 1/2, n - x + 1/2)`` for ``x`` of ``n``) and recomputes the
corrected share; the interval is the 2.5th and 97.5th percentiles. A replicate whose
sensitivity + specificity <= 1 (the machine no better than chance) has no corrected
share: it counts as the lowest share possible for the lower and the highest for the
upper percentile, so that uncertainty widens the interval instead of being dropped. The
Beta draws keep the interval honest when a rate is 0 or 1 in a small sample, where
resampling the sample itself would give a zero-width interval. ``bench/bench_prevalence.py``
measures its coverage on real human-coded data.

>>> r = corrected_share(machine_pos=300, n=1000, tp=40, fn=10, tn=45, fp=5, n_boot=2000)
>>> round(r["sensitivity"], 2), round(r["specificity"], 2), round(r["corrected"], 3)
(0.8, 0.9, 0.286)
>>> bool(r["low"] < r["corrected"] < r["high"])
True
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from qualkit.errors import AnalysisError

METHOD = ("Rogan-Gladen correction of the answers outside the validation sample (whose human codes are "
          "kept); 95% interval from a parametric bootstrap with Jeffreys Beta distributions for sensitivity, "
          "specificity and the raw share")
"""How :func:`corrected_share` corrects and makes its interval (for methods sections)."""

COLUMNS = ["question", "code", "n", "raw_n", "raw_pct", "n_validation", "human_pos", "machine_pos_validation",
           "sensitivity", "specificity", "corrected_pct", "corrected_low", "corrected_high", "note"]


def rogan_gladen(raw: float, sensitivity: float, specificity: float) -> float:
    """The corrected share (clipped to [0, 1]); NaN when sensitivity + specificity <= 1.

    >>> round(rogan_gladen(0.3, 0.8, 0.9), 4)
    0.2857
    """
    j = sensitivity + specificity - 1
    if not j > 0:
        return float("nan")
    return float(min(1.0, max(0.0, (raw + specificity - 1) / j)))


def corrected_share(machine_pos: int, n: int, tp: int, fn: int, tn: int, fp: int, *, within: bool = True,
                    n_boot: int = 4000, random_state=0, confidence: float = 0.95) -> dict:
    """Rogan-Gladen share of one code with its interval (see the module docstring).

    ``machine_pos`` of ``n`` units the machine coded positive; on the validation sample
    ``tp`` (both positive), ``fn`` (person positive, machine not), ``tn``, ``fp``.
    ``within``: the validation units are among the ``n`` (a sample of the same answers):
    their human codes are known, so only the other units are corrected. Returns ``raw,
    sensitivity, specificity, corrected, low, high`` (shares 0-1; NaN where the
    validation sample has no positives or no negatives, or the machine is no better
    than chance on it).
    """
    if not 0 < confidence < 1:
        raise AnalysisError(405, level=confidence)
    if not isinstance(n_boot, (int, np.integer)) or n_boot < 1:
        raise AnalysisError(432, n_boot=n_boot)
    nan = float("nan")
    raw = machine_pos / n if n else nan
    se = tp / (tp + fn) if tp + fn else nan
    sp = tn / (tn + fp) if tn + fp else nan
    out = {"raw": raw, "sensitivity": se, "specificity": sp, "corrected": nan, "low": nan, "high": nan}
    if not n or np.isnan(se) or np.isnan(sp) or not se + sp > 1:
        return out
    known, m = (tp + fn, tp + fn + tn + fp) if within else (0, 0)
    rest, rest_pos = n - m, machine_pos - (tp + fp if within else 0)
    if rest <= 0:                                         # every unit validated: the human share itself
        out.update(corrected=known / n, low=known / n, high=known / n)
        return out
    out["corrected"] = (known + rest * rogan_gladen(rest_pos / rest, se, sp)) / n
    rng = np.random.default_rng(random_state)
    se_b = rng.beta(tp + 0.5, fn + 0.5, n_boot)
    sp_b = rng.beta(tn + 0.5, fp + 0.5, n_boot)
    raw_b = rng.beta(rest_pos + 0.5, rest - rest_pos + 0.5, n_boot)
    j = se_b + sp_b - 1
    with np.errstate(divide="ignore", invalid="ignore"):
        p = (known + rest * np.clip((raw_b + sp_b - 1) / j, 0.0, 1.0)) / n
    bad = ~(j > 0)
    tail = (1 - confidence) / 2 * 100
    out["low"] = float(np.percentile(np.where(bad, known / n, p), tail))
    out["high"] = float(np.percentile(np.where(bad, (known + rest) / n, p), 100 - tail))
    return out


def prevalence_table(machine: pd.DataFrame, human: pd.DataFrame, *, question: str = "", n_boot: int = 4000,
                     random_state=0) -> pd.DataFrame:
    """Corrected shares per code. ``machine``: units x codes, 0/1, every coded unit;
    ``human``: units x codes, 0/1 (NaN: not coded), the validation sample (its units
    must be among the machine's). Shares in the result are percentages; columns
    :data:`COLUMNS`. ``note`` says why a share could not be corrected (``no_positives``,
    ``no_negatives``, ``chance``: sensitivity + specificity <= 1).

    >>> m = pd.DataFrame({"zorg": [1, 1, 0, 0, 1, 0, 0, 0]}, index=list("abcdefgh"))
    >>> h = pd.DataFrame({"zorg": [1, 0, 1, 0]}, index=list("abcd"))
    >>> prevalence_table(m, h, n_boot=500).loc[0, ["raw_pct", "sensitivity", "specificity"]].tolist()
    [37.5, 0.5, 0.5]
    """
    rows = []
    for k, code in enumerate(c for c in machine.columns if c in human.columns):
        m = machine[code].fillna(0).astype(int)
        h = human[code].dropna()
        h = h[h.index.isin(m.index)].astype(int)
        mv = m.loc[h.index]
        tp, fn = int(((h == 1) & (mv == 1)).sum()), int(((h == 1) & (mv == 0)).sum())
        tn, fp = int(((h == 0) & (mv == 0)).sum()), int(((h == 0) & (mv == 1)).sum())
        r = corrected_share(int(m.sum()), len(m), tp, fn, tn, fp, n_boot=n_boot, random_state=(random_state, k))
        note = ("no_positives" if tp + fn == 0 else "no_negatives" if tn + fp == 0
                else "chance" if np.isnan(r["corrected"]) else "")
        rows.append({"question": question, "code": code, "n": len(m), "raw_n": int(m.sum()),
                     "raw_pct": 100 * r["raw"], "n_validation": len(h), "human_pos": tp + fn,
                     "machine_pos_validation": tp + fp, "sensitivity": r["sensitivity"],
                     "specificity": r["specificity"], "corrected_pct": 100 * r["corrected"],
                     "corrected_low": 100 * r["low"], "corrected_high": 100 * r["high"], "note": note})
    return pd.DataFrame(rows, columns=COLUMNS)
