"""Intercoder agreement per code: percent agreement, Cohen's kappa, Krippendorff's alpha.

Input is a long frame with columns ``unit, code, coder, value``: one row per
coder's decision on one code for one unit. ``value`` is 0/1 for a code that
applies or not, or any category (for example sentiment -1/0/1).

Missing data: a coder who has no row at all for a unit did not code it (missing).
For a 0/1 code, a coder who coded the unit but has no row for the code gave it 0
(exports often list applied codes only); for other codes a missing row is
missing. ``absent="zero"`` or ``"missing"`` overrides this. A row with an empty
``code`` only records that the coder saw the unit (see :func:`from_codings`).

>>> long = pd.DataFrame({"unit": ["a", "a", "b", "c", "c", "d"],
...                      "code": ["zorg"] * 6, "coder": ["an", "bo", "an", "an", "bo", "bo"],
...                      "value": [1, 1, 1, 0, 0, 1]})
>>> res = agreement(long, unit_ids=["a", "b", "c", "d"], n_boot=0)
>>> res.table[["code", "n_units", "percent", "alpha"]].to_dict("records")[0]
{'code': 'zorg', 'n_units': 2, 'percent': 100.0, 'alpha': 1.0}
>>> interpret(0.71, lang="nl")
'alleen voorlopige conclusies'

Errors: QK410 frame lacks columns, QK411 a coder gave one unit two values for
one code, QK414 unknown coder, QK417 unknown language, QK418 bad argument, and
those of :mod:`qualkit.stats.reliability`.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Hashable, Literal, Mapping, Sequence

import numpy as np
import pandas as pd

from qualkit.errors import AnalysisError
from qualkit.stats._common import listing, ordered_unique, require_columns
from qualkit.stats.reliability import (
    BOOTSTRAP_METHOD, LEVELS, PRF, bootstrap_alpha, cohen_kappa, krippendorff_alpha,
    percent_agreement, precision_recall_f1,
)

OVERALL = "(all codes)"
"""The ``code`` of the overall row: all code x unit decisions together (nominal)."""

LONG_COLUMNS = ["unit", "code", "coder", "value"]

_VERDICTS = {
    "en": ("reliable", "tentative conclusions only", "unreliable",
           "undefined (no variation or too few units coded twice)"),
    "nl": ("betrouwbaar", "alleen voorlopige conclusies", "onbetrouwbaar",
           "niet te bepalen (geen variatie of te weinig dubbel gecodeerde eenheden)"),
}

Absent = Literal["auto", "zero", "missing"]


def interpret(alpha: float, lang: str = "en") -> str:
    """Krippendorff's (2004) reading of alpha: >= .800 reliable, >= .667 tentative, else unreliable.

    >>> interpret(0.85), interpret(0.70), interpret(0.5, lang="nl")
    ('reliable', 'tentative conclusions only', 'onbetrouwbaar')
    """
    if lang not in _VERDICTS:
        raise AnalysisError(417, f"unknown language {lang!r} for interpret(). Use one of: {listing(_VERDICTS)}.")
    words = _VERDICTS[lang]
    if alpha is None or pd.isna(alpha):
        return words[3]
    return words[0] if alpha >= 0.800 else words[1] if alpha >= 0.667 else words[2]


@dataclass
class AgreementResult:
    """Agreement per code plus an overall row (``code == OVERALL``).

    ``table`` columns: ``code, level, n_units`` (units coded by at least two
    coders), ``n_coders, percent`` (pairwise, 0-100), ``kappa`` (NaN unless
    exactly two coders), ``alpha, alpha_low, alpha_high`` (bootstrap interval,
    NaN when ``n_boot=0``) and, with a reference coder, ``precision, recall, f1``
    of the other coders pooled against it. ``by_coder`` has those per code and
    coder (``None`` without a reference). ``bootstrap`` says how the interval was made.
    """

    table: pd.DataFrame
    coders: list
    n_units: int
    reference: Hashable | None
    by_coder: pd.DataFrame | None
    n_boot: int
    bootstrap: str = BOOTSTRAP_METHOD

    def to_frame(self, lang: str = "en") -> pd.DataFrame:
        """The table with an ``interpretation`` column in ``lang`` (``en`` or ``nl``)."""
        out = self.table.copy()
        out["interpretation"] = [interpret(a, lang) for a in out["alpha"]]
        return out


def _prepare(coding_long: pd.DataFrame, unit_ids, coders) -> tuple[pd.DataFrame, list, list, np.ndarray]:
    require_columns(coding_long, LONG_COLUMNS, "agreement data", code=410)
    df = coding_long[LONG_COLUMNS]
    units = list(dict.fromkeys(df["unit"])) if unit_ids is None else list(dict.fromkeys(unit_ids))
    coders = ordered_unique(df["coder"].dropna()) if coders is None else list(coders)
    df = df[df["unit"].isin(units) & df["coder"].isin(coders)]
    seen = np.zeros((len(coders), len(units)), dtype=bool)
    seen[pd.Index(coders).get_indexer(df["coder"]), pd.Index(units).get_indexer(df["unit"])] = True
    return df, units, coders, seen


def _is_binary(values: pd.Series) -> bool:
    vals = pd.unique(values.dropna())
    return all(not isinstance(v, str) and v in (0, 1) for v in vals)


def _code_matrix(df: pd.DataFrame, code, units: list, coders: list, seen: np.ndarray, absent: Absent):
    sub = df[df["code"] == code]
    dup = sub[sub.duplicated(["coder", "unit"], keep=False)]
    if len(dup):
        clash = dup.groupby(["coder", "unit"])["value"].nunique(dropna=False)
        clash = clash[clash > 1]
        if len(clash):
            where = [f"coder {c!r} unit {u!r}" for c, u in clash.index[:5]]
            raise AnalysisError(
                411, f"code {code!r}: a coder gave one unit more than one value ({'; '.join(where)}"
                f"{' ...' if len(clash) > 5 else ''}). Keep one row per unit, code and coder.")
        sub = sub.drop_duplicates(["coder", "unit"])
    binary = _is_binary(sub["value"])
    mat = np.full((len(coders), len(units)), np.nan, dtype=object)
    rows, cols = pd.Index(coders).get_indexer(sub["coder"]), pd.Index(units).get_indexer(sub["unit"])
    if absent == "zero" or (absent == "auto" and binary):
        mat[seen] = 0
    mat[rows, cols] = sub["value"].to_numpy(dtype=object)
    mat[pd.isna(mat)] = np.nan
    return pd.DataFrame(mat, index=pd.Index(coders, name="coder"), columns=pd.Index(units, name="unit")), binary


def reliability_matrix(
    coding_long: pd.DataFrame, code: Hashable, unit_ids: Sequence | None = None,
    coders: Sequence | None = None, absent: Absent = "auto",
) -> pd.DataFrame:
    """The coders x units matrix of one code (NaN = missing), as :func:`krippendorff_alpha` takes it.

    >>> reliability_matrix(pd.DataFrame({"unit": ["a", "a", "b"], "code": ["x", "x", None],
    ...     "coder": [1, 2, 1], "value": [1, 1, None]}), "x").to_dict("index")
    {1: {'a': 1.0, 'b': 0}, 2: {'a': 1.0, 'b': nan}}
    """
    if absent not in ("auto", "zero", "missing"):
        raise AnalysisError(418, f"absent={absent!r}: use 'auto', 'zero' or 'missing'.")
    df, units, coders, seen = _prepare(coding_long, unit_ids, coders)
    return _code_matrix(df, code, units, coders, seen, absent)[0]


def _n_pairable(mat: pd.DataFrame) -> int:
    return int((mat.notna().sum(axis=0) >= 2).sum())


def _row(code, mat, level, n_boot, random_state, clusters=None) -> dict:
    two = mat.shape[0] == 2
    low, high = (bootstrap_alpha(mat, n_boot, random_state, level, clusters=clusters)
                 if n_boot else (np.nan, np.nan))
    return {
        "code": code, "level": level, "n_units": _n_pairable(mat),
        "n_coders": int(mat.notna().any(axis=1).sum()), "percent": percent_agreement(mat),
        "kappa": cohen_kappa(mat.iloc[0], mat.iloc[1]) if two else np.nan,
        "alpha": krippendorff_alpha(mat, level), "alpha_low": low, "alpha_high": high,
    }


def _vs_reference(mat: pd.DataFrame, reference, positive) -> tuple[PRF, dict]:
    ref = mat.loc[reference].to_numpy()
    per = {c: precision_recall_f1(ref, mat.loc[c].to_numpy(), positive) for c in mat.index if c != reference}
    others = [c for c in mat.index if c != reference]
    pooled = precision_recall_f1(np.tile(ref, len(others)), mat.loc[others].to_numpy().ravel(), positive)
    return pooled, per


def agreement(
    coding_long: pd.DataFrame,
    codes: Sequence | None = None,
    unit_ids: Sequence | None = None,
    reference: Hashable | None = None,
    n_boot: int = 1000,
    random_state=0,
    *,
    coders: Sequence | None = None,
    level: str | Mapping[Hashable, str] = "nominal",
    absent: Absent = "auto",
) -> AgreementResult:
    """Agreement per code and overall. See the module docstring for the input and an example.

    ``codes`` defaults to the codes in the data (order of appearance), ``unit_ids``
    to its units and ``coders`` to its coders (sorted). ``level`` is one level for
    all codes or a mapping code -> level (default nominal). ``reference`` names a
    coder (a gold standard or the model) to score the others against; precision,
    recall and F1 use 1 as "code applies" for 0/1 codes and are macro-averaged
    over categories otherwise. The overall row is nominal alpha over all
    code x unit decisions, its interval resampling units with all their codes.
    """
    if absent not in ("auto", "zero", "missing"):
        raise AnalysisError(418, f"absent={absent!r}: use 'auto', 'zero' or 'missing'.")
    if n_boot and (not isinstance(n_boot, (int, np.integer)) or n_boot < 0):
        raise AnalysisError(418, f"n_boot must be a whole number >= 0, not {n_boot!r}.")
    df, units, coders, seen = _prepare(coding_long, unit_ids, coders)
    if reference is not None and reference not in coders:
        raise AnalysisError(414, f"reference coder {reference!r} is not among the coders: {listing(coders)}.")
    codes = [c for c in dict.fromkeys(df["code"]) if not pd.isna(c)] if codes is None else list(codes)
    levels = level if isinstance(level, Mapping) else {}
    rows, by_coder, stacked, stacked_binary, clusters = [], [], [], [], []
    for code in codes:
        lvl = levels.get(code, "nominal") if isinstance(level, Mapping) else level
        if lvl not in LEVELS:
            raise AnalysisError(413, f"code {code!r}: unknown level {lvl!r}. Use one of: {listing(LEVELS)}.")
        mat, binary = _code_matrix(df, code, units, coders, seen, absent)
        row = _row(code, mat, lvl, n_boot, random_state)
        if reference is not None:
            pooled, per = _vs_reference(mat, reference, 1 if binary else None)
            row.update(precision=pooled.precision, recall=pooled.recall, f1=pooled.f1)
            by_coder += [{"code": code, "coder": c, "n_units": r.n, "precision": r.precision,
                          "recall": r.recall, "f1": r.f1} for c, r in per.items()]
        rows.append(row)
        if binary:
            stacked_binary.append(mat)
        else:
            mat = mat.map(lambda v, code=code: v if pd.isna(v) else f"{code}={v!r}")
        stacked.append(mat)
        clusters += units
    if stacked:
        allm = pd.concat(stacked, axis=1, ignore_index=True)
        row = _row(OVERALL, allm, "nominal", n_boot, random_state, clusters=clusters)
        row["n_units"] = int(len({u for u, ok in zip(clusters, allm.notna().sum(axis=0) >= 2) if ok}))
        if reference is not None:
            if stacked_binary:
                pooled, per = _vs_reference(pd.concat(stacked_binary, axis=1, ignore_index=True), reference, 1)
            else:
                pooled, per = PRF(np.nan, np.nan, np.nan, 0), {}
            row.update(precision=pooled.precision, recall=pooled.recall, f1=pooled.f1)
            by_coder += [{"code": OVERALL, "coder": c, "n_units": r.n, "precision": r.precision,
                          "recall": r.recall, "f1": r.f1} for c, r in per.items()]
        rows.append(row)
    columns = ["code", "level", "n_units", "n_coders", "percent", "kappa", "alpha", "alpha_low", "alpha_high"]
    if reference is not None:
        columns += ["precision", "recall", "f1"]
    table = pd.DataFrame(rows, columns=columns)
    by = None
    if reference is not None:
        by = pd.DataFrame(by_coder, columns=["code", "coder", "n_units", "precision", "recall", "f1"])
    return AgreementResult(table, coders, len(units), reference, by, n_boot)


def disagreements(
    coding_long: pd.DataFrame, codes: Sequence | None = None, unit_ids: Sequence | None = None,
    coders: Sequence | None = None, absent: Absent = "auto",
) -> pd.DataFrame:
    """Units where coders differ: ``unit, code`` and one column per coder (named ``str(coder)``).

    A cell is what the coder coded (NaN: did not code the unit). Only units coded
    by at least two coders with at least two different values are listed.

    >>> long = pd.DataFrame({"unit": ["a", "a", "b", "b"], "code": ["x"] * 4,
    ...                      "coder": ["an", "bo", "an", "bo"], "value": [1, 0, 1, 1]})
    >>> disagreements(long).to_dict("records")
    [{'unit': 'a', 'code': 'x', 'an': 1, 'bo': 0}]
    """
    if absent not in ("auto", "zero", "missing"):
        raise AnalysisError(418, f"absent={absent!r}: use 'auto', 'zero' or 'missing'.")
    df, units, coders, seen = _prepare(coding_long, unit_ids, coders)
    codes = [c for c in dict.fromkeys(df["code"]) if not pd.isna(c)] if codes is None else list(codes)
    names = [str(c) for c in coders]
    out = []
    for code in codes:
        mat = _code_matrix(df, code, units, coders, seen, absent)[0]
        for unit in mat.columns:
            col = mat[unit]
            vals = col.dropna()
            if len(vals) >= 2 and len(set(vals)) > 1:
                out.append({"unit": unit, "code": code, **dict(zip(names, col.tolist()))})
    frame = pd.DataFrame(out, columns=["unit", "code", *names])
    if len(frame):
        order = {u: i for i, u in enumerate(units)}
        frame = frame.sort_values("unit", key=lambda s: s.map(order), kind="stable").reset_index(drop=True)
    return frame


def from_codings(
    codings: pd.DataFrame, unit_ids: Sequence, by: str = "doc_id",
    coders: Sequence | None = None, coverage: Mapping[Hashable, Sequence] | None = None,
) -> pd.DataFrame:
    """Long agreement data from qualkit codings frames with a ``coder`` column.

    The unit is the value of column ``by`` (``doc_id``: one answer or turn;
    ``unit_id``: one respondent). Each coder is taken to have coded all
    ``unit_ids`` unless ``coverage`` maps the coder to the units they coded; a
    coded unit without a code for some code counts as 0 for it.

    >>> c = pd.DataFrame({"doc_id": ["R1/Q1"], "code": ["zorg"], "coder": ["an"]})
    >>> from_codings(c, ["R1/Q1", "R2/Q1"], coders=["an", "bo"])["value"].tolist()
    [1.0, nan, nan, nan, nan]
    """
    require_columns(codings, [by, "code", "coder"], "codings", code=410)
    coders = ordered_unique(codings["coder"].dropna()) if coders is None else list(coders)
    applied = codings.loc[codings[by].isin(set(unit_ids)) & codings["coder"].isin(coders), [by, "code", "coder"]]
    applied = applied.drop_duplicates().rename(columns={by: "unit"}).assign(value=1)
    marks = [{"unit": u, "code": None, "coder": c, "value": np.nan}
             for c in coders for u in (unit_ids if coverage is None else coverage.get(c, []))]
    marks_df = pd.DataFrame(marks, columns=LONG_COLUMNS)
    frames = [f for f in (applied[LONG_COLUMNS], marks_df) if len(f)]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=LONG_COLUMNS)


__all__ = [
    "OVERALL", "LONG_COLUMNS", "AgreementResult", "PRF", "agreement", "bootstrap_alpha",
    "cohen_kappa", "disagreements", "from_codings", "interpret", "krippendorff_alpha",
    "percent_agreement", "precision_recall_f1", "reliability_matrix",
]
