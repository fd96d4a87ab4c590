"""Wave comparison: how each code's share changed between waves, and whether
the change is more than noise.

For each question, code and pair of consecutive waves: the share per wave with
its 95% Wilson interval (from the wave's frequency table), the difference in
percentage points with Newcombe's hybrid score interval, and a test: the
two-proportion z-test (pooled) when every expected count of the 2 x 2 table is
at least 5, else Fisher's exact test (:func:`qualkit.stats.difference.compare_shares`,
statsmodels). ``p_holm`` is Holm-adjusted over the codes
of one question and wave pair (as :func:`qualkit.stats.crosstab` does).

Codes that exist only in a later wave's codebook get ``note`` ``new code`` and
no test; ``first_wave`` names the first wave whose codebook has the code.

>>> import pandas as pd
>>> def freq(n, base):
...     return pd.DataFrame({"code": ["personeel", "uncoded"], "label": ["Meer personeel", "geen code"],
...         "parent": [None, None], "n": [n, base - n], "pct": [100 * n / base, 100 - 100 * n / base],
...         "ci_low": [0.0, 0.0], "ci_high": [0.0, 0.0], "base": [base, base]})
>>> df = compare_waves({"2026": {"Q23": freq(45, 100)}, "2027": {"Q23": freq(70, 100)}})
>>> r = df.iloc[0]
>>> r.code, float(r.pct_from), float(r.pct_to), float(r.diff_pp), r.test
('personeel', 45.0, 70.0, 25.0, 'z')
>>> bool(df.loc[0, "p_holm"] < 0.05)
True
"""
from __future__ import annotations

from typing import Mapping, Sequence

import numpy as np
import pandas as pd
from qualkit.codebook.model import Codebook
from qualkit.errors import ProjectError
from qualkit.stats import UNCODED
from qualkit.stats.crosstab import holm
from qualkit.stats.difference import compare_shares

COMPARISON_COLUMNS = [
    "question", "code", "label", "parent", "wave_from", "wave_to",
    "n_from", "base_from", "pct_from", "ci_low_from", "ci_high_from",
    "n_to", "base_to", "pct_to", "ci_low_to", "ci_high_to",
    "diff_pp", "diff_ci_low", "diff_ci_high", "test", "statistic", "p", "p_holm",
    "significant", "first_wave", "note",
]
"""Columns of :func:`compare_waves` (percentages 0-100; ``diff_pp`` = to - from)."""

NEW_CODE = "new code"
DROPPED = "not in the later codebook"
NOT_CODED = "code does not apply to this question in one wave"


def compare_waves(frequencies: Mapping[str, Mapping[str, pd.DataFrame]],
                  codebooks: Mapping[str, Codebook] | None = None, *,
                  pairs: Sequence[tuple[str, str]] | None = None, alpha: float = 0.05,
                  confidence: float = 0.95) -> pd.DataFrame:
    """Compare code shares between waves.

    ``frequencies``: per wave (in wave order) the frequency tables per question,
    as :func:`qualkit.stats.frequency_table` makes them. ``codebooks``: each
    wave's codebook, to tell a new code from one that was not found (optional).
    ``pairs``: which waves to compare (default: each wave with the one before).
    Returns one row per question, pair and code (:data:`COMPARISON_COLUMNS`),
    sorted by question (in first-seen order), pair, then codebook order with
    ``uncoded`` last.

    See the module docstring for an example.
    """
    waves = list(frequencies)
    if len(waves) < 2:
        raise ProjectError(718, count=len(waves))
    if pairs is None:
        pairs = list(zip(waves, waves[1:]))
    for a, b in pairs:
        for w in (a, b):
            if w not in frequencies:
                raise ProjectError(720, wave=w, waves=', '.join(map(repr, waves)))
    first = _first_waves(waves, frequencies, codebooks)
    questions = list(dict.fromkeys(q for w in waves for q in frequencies[w]))
    frames = []
    for q in questions:
        for a, b in pairs:
            fa, fb = frequencies[a].get(q), frequencies[b].get(q)
            if fa is None or fb is None:
                continue
            frames.append(_pair(q, a, b, fa, fb, codebooks, first, alpha, confidence))
    if not frames:
        return pd.DataFrame(columns=COMPARISON_COLUMNS)
    return pd.concat(frames, ignore_index=True)[COMPARISON_COLUMNS]


def new_codes(codebooks: Mapping[str, Codebook]) -> pd.DataFrame:
    """Codes that first appear in a later wave's codebook: ``code, label, first_wave``.

    >>> from qualkit.codebook.model import Code
    >>> a = Codebook("w", "1", [Code("personeel", "Personeel")])
    >>> b = Codebook("w", "2", [Code("personeel", "Personeel"), Code("uitval", "Uitval")])
    >>> new_codes({"2026": a, "2027": b}).to_dict("records")
    [{'code': 'uitval', 'label': 'Uitval', 'first_wave': '2027'}]
    """
    seen: set[str] = set()
    rows = []
    for i, (wave, cb) in enumerate(codebooks.items()):
        for c in cb.codes:
            if c.id not in seen and i > 0:
                rows.append({"code": c.id, "label": c.label, "first_wave": wave})
            seen.add(c.id)
    return pd.DataFrame(rows, columns=["code", "label", "first_wave"])


def _first_waves(waves, frequencies, codebooks) -> dict[str, str]:
    first: dict[str, str] = {}
    for w in waves:
        ids = [c.id for c in codebooks[w].codes] if codebooks and w in codebooks else []
        ids += [c for df in frequencies[w].values() for c in df["code"]]
        for cid in ids:
            first.setdefault(cid, w)
    return first


def _pair(q, a, b, fa: pd.DataFrame, fb: pd.DataFrame, codebooks, first, alpha, confidence) -> pd.DataFrame:
    ra, rb = fa.set_index("code"), fb.set_index("code")
    order = [c for c in rb.index if c != UNCODED] + [c for c in ra.index if c != UNCODED and c not in rb.index]
    order.append(UNCODED)
    ids_a = {c.id for c in codebooks[a].codes} if codebooks and a in codebooks else None
    ids_b = {c.id for c in codebooks[b].codes} if codebooks and b in codebooks else None
    base_a, base_b = _base(fa), _base(fb)
    rows = []
    for code in order:
        in_a, in_b = code in ra.index, code in rb.index
        src = rb.loc[code] if in_b else ra.loc[code]
        row = {"question": q, "code": code, "label": src["label"], "parent": _none(src.get("parent")),
               "wave_from": a, "wave_to": b, "base_from": base_a, "base_to": base_b,
               "first_wave": first.get(code, a), "note": ""}
        for side, tab, present in (("from", ra, in_a), ("to", rb, in_b)):
            if present:
                r = tab.loc[code]
                row.update({f"n_{side}": int(r["n"]), f"pct_{side}": float(r["pct"]),
                            f"ci_low_{side}": float(r["ci_low"]), f"ci_high_{side}": float(r["ci_high"])})
        if in_a and in_b:
            row.update(compare_shares(int(ra.loc[code, "n"]), base_a, int(rb.loc[code, "n"]), base_b, confidence))
        elif ids_a is not None and code not in ids_a:
            row["note"] = NEW_CODE
        elif ids_b is not None and code not in ids_b:
            row["note"] = DROPPED
        else:
            row["note"] = NEW_CODE if in_b and first.get(code) == b else NOT_CODED
        rows.append(row)
    df = pd.DataFrame(rows)
    for col in COMPARISON_COLUMNS:
        if col not in df:
            df[col] = np.nan
    df["test"] = df["test"].fillna("none")
    df["p_holm"] = holm(df["p"].astype(float))
    df["significant"] = (df["p_holm"] < alpha).fillna(False).astype(bool)
    for col in ("n_from", "n_to"):
        df[col] = df[col].astype("Int64")
    return df


def _base(df: pd.DataFrame) -> int:
    return int(df["base"].iloc[0]) if len(df) else 0


def _none(v):
    return None if v is None or (isinstance(v, float) and np.isnan(v)) else v
