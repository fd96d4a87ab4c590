"""Intercoder agreement per code: percent agreement, Cohen's kappa, Gwet's AC1,
Brennan-Prediger, Krippendorff's alpha, positive/negative agreement.

Input is a long frame with columns ``unit, code, coder, value``: one row per
coder's decision on one code for one unit. ``value`` is 0/1 for a code that
applies or not, or any category (for example sentiment -1/0/1).

Coverage first: a coder who has no row at all for a unit did not code it. By
default (``overlap="all"``) a unit counts only where every coder compared coded
it; ``overlap="pairs"`` counts units coded by any two coders (Krippendorff's
missing-data rule, for designs where each unit has a few of many coders). For a
0/1 code, a coder who coded the unit but has no row for the code gave it 0
(exports often list applied codes only); for other codes a missing row is
missing. ``absent="zero"`` or ``"missing"`` overrides this. A row with an empty
``code`` only records that the coder coded the unit (see :func:`from_codings`).

>>> long = pd.DataFrame({"unit": ["a", "a", "b", "c", "c", "d"],
...                      "code": ["zorg"] * 6, "coder": ["an", "bo", "an", "an", "bo", "bo"],
...                      "value": [1, 1, 1, 0, 0, 1]})
>>> res = agreement(long, unit_ids=["a", "b", "c", "d"], n_boot=0, min_positives=1)
>>> res.table[["code", "n_units", "percent", "alpha", "ac1"]].to_dict("records")[0]
{'code': 'zorg', 'n_units': 2, 'percent': 100.0, 'alpha': 1.0, 'ac1': 1.0}
>>> res.coverage.per_coder, res.coverage.overlap
({'an': 3, 'bo': 3}, 2)

Errors: QK403 frame lacks columns, QK411 a coder gave one unit two values for
one code, QK414 unknown coder, QK417 unknown language, QK418 bad argument,
:func:`check_overlap` QK430 no unit coded by every coder, QK431 no unit coded twice, and those of
:mod:`qualkit.stats.reliability`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Hashable, Literal, Mapping, Sequence

import numpy as np
import pandas as pd

from qualkit.errors import AnalysisError
from qualkit.stats._common import listing, ordered_unique, require_columns
from qualkit.stats.reading import MIN_POSITIVES, VERDICTS, VERSUS, check_lang, interpret, verdict
from qualkit.stats.reliability import (
    BOOTSTRAP_METHOD, LEVELS, PRF, bootstrap_alpha, chance_corrected, cohen_kappa, krippendorff_alpha,
    percent_agreement, precision_recall_f1, specific_agreement,
)

OVERALL = "(all codes)"
"""The ``code`` of the overall row: all code x unit decisions together (nominal)."""

LONG_COLUMNS = ["unit", "code", "coder", "value"]
OVERLAPS = ("all", "pairs")
SMALL_OVERLAP = 50
"""Fewer units compared than this: the output warns that intervals are wide."""

Absent = Literal["auto", "zero", "missing"]


@dataclass
class Coverage:
    """Who coded what: ``per_coder`` units each coder coded, ``overlap`` the units
    compared (coded by every coder, or by two with ``mode="pairs"``), ``n_units``
    all units in the data. ``warnings``: ``small`` (fewer than 50 units compared),
    ``apart`` (the coders mostly coded different units: the overlap is under half of
    what the coder with fewest units coded, as ATLAS.ti refuses to compute then)."""

    per_coder: dict
    overlap: int
    n_units: int
    mode: str = "all"
    n_pairs: int = 0
    """Units coded by at least two coders."""

    @property
    def warnings(self) -> list[str]:
        out = []
        if self.overlap < SMALL_OVERLAP:
            out.append("small")
        if self.per_coder and 0 < self.overlap < 0.5 * min(self.per_coder.values()):
            out.append("apart")
        return out

    @property
    def fewest(self) -> tuple:
        """``(coder, units)`` of the coder who coded the fewest units."""
        coder = min(self.per_coder, key=self.per_coder.get)
        return coder, self.per_coder[coder]


@dataclass
class AgreementResult:
    """Agreement per code plus an overall row (``code == OVERALL``).

    ``table`` columns: ``code, level, n_units`` (units compared), ``n_coders,
    percent`` (pairwise, 0-100), ``kappa`` (NaN unless exactly two coders), ``ac1``
    (Gwet), ``bp`` (Brennan-Prediger), ``alpha, alpha_low, alpha_high`` (bootstrap
    interval, NaN when ``n_boot=0``), ``pos_agree, neg_agree`` (specific agreement
    on 1 and 0; 0/1 codes), ``n_applied`` (units any coder applied a 0/1 code to),
    ``reading`` (a key of :data:`qualkit.stats.reading.VERDICTS`) and, with a
    reference coder, ``precision, recall, f1`` of the other coders pooled against
    it. ``positives``: units each coder applied each 0/1 code to (codes x coders).
    ``by_coder`` has P/R/F1 per code and coder (``None`` without a reference).
    ``coverage`` says who coded what; ``bootstrap`` how the interval was made.
    """

    table: pd.DataFrame
    coders: list
    n_units: int
    reference: Hashable | None
    by_coder: pd.DataFrame | None
    n_boot: int
    bootstrap: str = BOOTSTRAP_METHOD
    coverage: Coverage | None = None
    positives: pd.DataFrame = field(default_factory=pd.DataFrame)
    min_positives: int = MIN_POSITIVES
    versus: pd.DataFrame | None = None
    """With ``machines`` and two or more people: per machine coder and code (and overall),
    ``coder, code, n_units, alpha, alpha_low, alpha_high`` (the machine against each person:
    Krippendorff's alpha over the machine-person pairs, pooled over person and unit, as
    ``qualkit learn`` scores a model), ``people_alpha, people_low, people_high`` (the people
    among themselves, without the machines) and ``reading`` (a key of
    :data:`qualkit.stats.reading.VERSUS`: the machine's alpha below, within or above the
    people's 95% interval). ``None`` otherwise."""

    def to_frame(self, lang: str = "en") -> pd.DataFrame:
        """The table with an ``interpretation`` column in ``lang`` (``en`` or ``nl``)."""
        out = self.table.copy()
        check_lang(lang)
        out["interpretation"] = [VERDICTS[lang][s] for s in out["reading"]]
        if self.versus is not None:                     # the machines beside the people, as columns
            people = self.versus.drop_duplicates("code").set_index("code")
            for col, name in (("people_alpha", "people_alpha"), ("people_low", "people_alpha_low"),
                              ("people_high", "people_alpha_high")):
                out[name] = out["code"].map(people[col])
            for coder, sub in self.versus.groupby("coder", sort=False):
                sub = sub.set_index("code")
                for col in ("alpha", "alpha_low", "alpha_high"):
                    out[f"{coder}_vs_people_{col}"] = out["code"].map(sub[col])
                out[f"{coder}_vs_people"] = out["code"].map(sub["reading"]).map(VERSUS[lang])
        return out


def _prepare(coding_long: pd.DataFrame, unit_ids, coders) -> tuple[pd.DataFrame, list, list, np.ndarray]:
    require_columns(coding_long, LONG_COLUMNS, "agreement data")
    df = coding_long[LONG_COLUMNS]
    units = list(dict.fromkeys(df["unit"])) if unit_ids is None else list(dict.fromkeys(unit_ids))
    coders = ordered_unique(df["coder"].dropna()) if coders is None else list(coders)
    df = df[df["unit"].isin(units) & df["coder"].isin(coders)]
    seen = np.zeros((len(coders), len(units)), dtype=bool)
    seen[pd.Index(coders).get_indexer(df["coder"]), pd.Index(units).get_indexer(df["unit"])] = True
    return df, units, coders, seen


def _compared(df, units, coders, seen, overlap: str) -> tuple[pd.DataFrame, list, np.ndarray, Coverage]:
    """Only the units compared under ``overlap``, and the coverage that says so."""
    if overlap not in OVERLAPS:
        raise AnalysisError(433, overlap=overlap)
    per_coder = {c: int(n) for c, n in zip(coders, seen.sum(axis=1))}
    keep = seen.all(axis=0) if overlap == "all" else seen.sum(axis=0) >= 2
    units = [u for u, k in zip(units, keep) if k]
    df = df[df["unit"].isin(set(units))]
    cov = Coverage(per_coder, len(units), int(len(keep)), overlap, int((seen.sum(axis=0) >= 2).sum()))
    return df, units, seen[:, keep], cov


def check_overlap(coverage: Coverage) -> None:
    """QK430/QK431 when no unit is compared (the agree command stops there; the
    library's :func:`agreement` returns NaN statistics instead)."""
    if coverage.overlap:
        return
    per = list(coverage.per_coder.items())
    shown = ", ".join(f"{c}: {n}" for c, n in per[:8]) + (f" and {len(per) - 8} more" if len(per) > 8 else "")
    if coverage.mode == "all" and coverage.n_pairs:
        raise AnalysisError(430, count=len(coverage.per_coder), coverage=shown)
    raise AnalysisError(431, coverage=shown)


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
            raise AnalysisError(411, code=code, units='; '.join(where), more=' ...' if len(clash) > 5 else '')
        sub = sub.drop_duplicates(["coder", "unit"])
    binary = _is_binary(sub["value"])
    mat = np.full((len(coders), len(units)), np.nan, dtype=object)
    rows, cols = pd.Index(coders).get_indexer(sub["coder"]), pd.Index(units).get_indexer(sub["unit"])
    if absent == "zero" or (absent == "auto" and binary):
        mat[seen] = 0
    mat[rows, cols] = sub["value"].to_numpy(dtype=object)
    mat[pd.isna(mat)] = np.nan
    return pd.DataFrame(mat, index=pd.Index(coders, name="coder"), columns=pd.Index(units, name="unit"),
                        dtype=object), binary           # one object block: no dtype inferred per unit column


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
        raise AnalysisError(418, absent=absent)
    df, units, coders, seen = _prepare(coding_long, unit_ids, coders)
    return _code_matrix(df, code, units, coders, seen, absent)[0]


def _n_pairable(mat: pd.DataFrame) -> int:
    return int((pd.notna(mat.to_numpy(dtype=object)).sum(axis=0) >= 2).sum())   # numpy: a frame of 10^5 columns is slow


def _row(code, mat, level, n_boot, random_state, binary: bool, min_positives: int, clusters=None) -> dict:
    two = mat.shape[0] == 2
    low, high = (bootstrap_alpha(mat, n_boot, random_state, level, clusters=clusters)
                 if n_boot else (np.nan, np.nan))
    cc = chance_corrected(mat)
    alpha = krippendorff_alpha(mat, level)
    n_pos = int((mat == 1).any(axis=0).sum()) if binary else None
    return {
        "code": code, "level": level, "n_units": _n_pairable(mat),
        "n_coders": int(mat.notna().any(axis=1).sum()), "percent": percent_agreement(mat),
        "kappa": cohen_kappa(mat.iloc[0], mat.iloc[1]) if two else np.nan, "ac1": cc["ac1"], "bp": cc["bp"],
        "alpha": alpha, "alpha_low": low, "alpha_high": high,
        "pos_agree": specific_agreement(mat, 1) if binary else np.nan,
        "neg_agree": specific_agreement(mat, 0) if binary else np.nan,
        "n_applied": n_pos if binary else pd.NA,
        "reading": verdict(alpha, low, high, n_positive=n_pos, min_positives=min_positives,
                           n_units=_n_pairable(mat)),
    }


def _vs_reference(mat: pd.DataFrame, reference, positive) -> tuple[PRF, dict]:
    ref = mat.loc[reference].to_numpy()
    per = {c: precision_recall_f1(ref, mat.loc[c].to_numpy(), positive) for c in mat.index if c != reference}
    others = [c for c in mat.index if c != reference]
    pooled = precision_recall_f1(np.tile(ref, len(others)), mat.loc[others].to_numpy().ravel(), positive)
    return pooled, per


def _pairs_with(mat: pd.DataFrame, machine, people: list, clusters: Sequence) -> tuple[pd.DataFrame, list]:
    """The (machine, person) pairs of a coders x columns matrix as a 2 x pairs matrix, and each pair's unit."""
    arr = mat.to_numpy(dtype=object)
    m = arr[mat.index.get_loc(machine)]
    a, b, where = [], [], []
    clusters = np.asarray(clusters, dtype=object)
    for p in people:
        row = arr[mat.index.get_loc(p)]
        ok = pd.notna(m) & pd.notna(row)
        a.append(m[ok])
        b.append(row[ok])
        where.append(clusters[ok])
    pairs = np.array([np.concatenate(a), np.concatenate(b)], dtype=object) if a else np.zeros((2, 0), dtype=object)
    return pd.DataFrame(pairs, dtype=object), list(np.concatenate(where)) if where else []


def _alpha_ci(mat: pd.DataFrame, level: str, n_boot: int, random_state, clusters) -> tuple[float, float, float]:
    if not mat.shape[1]:
        return np.nan, np.nan, np.nan
    alpha = krippendorff_alpha(mat, level)
    low, high = (bootstrap_alpha(mat, n_boot, random_state, level, clusters=clusters)
                 if n_boot and alpha == alpha else (np.nan, np.nan))
    return alpha, low, high


def _versus(code, mat: pd.DataFrame, machines: list, level: str, n_boot: int, random_state, clusters) -> list[dict]:
    """Each machine against each person, beside the people among themselves (see ``AgreementResult.versus``)."""
    people = [c for c in mat.index if c not in set(machines)]
    plain = list(range(mat.shape[1])) if clusters is None else clusters
    among = mat.loc[people]
    people_a = _alpha_ci(among, level, n_boot, random_state, plain)
    rows = []
    for m in machines:
        pairs, where = _pairs_with(mat, m, people, plain)
        a = _alpha_ci(pairs, level, n_boot, random_state, where)
        if a[0] != a[0] or people_a[0] != people_a[0]:
            reading = "undefined"
        elif people_a[1] == people_a[1]:
            reading = "below" if a[0] < people_a[1] else "above" if a[0] > people_a[2] else "within"
        else:
            reading = "below" if a[0] < people_a[0] else "within"
        rows.append({"coder": m, "code": code, "n_units": len(set(where)), "alpha": a[0], "alpha_low": a[1],
                     "alpha_high": a[2], "people_alpha": people_a[0], "people_low": people_a[1],
                     "people_high": people_a[2], "reading": reading})
    return rows


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
    overlap: str = "all",
    min_positives: int = MIN_POSITIVES,
    machines: Sequence = (),
) -> AgreementResult:
    """Agreement per code and overall. See the module docstring for the input and an example.

    ``codes`` defaults to the codes in the data (order of appearance), ``unit_ids``
    to its units and ``coders`` to its coders (sorted). ``overlap`` picks the units
    compared (``all``: every coder coded it; ``pairs``: any two did). ``level`` is one
    level for all codes or a mapping code -> level (default nominal). ``reference``
    names a coder (a gold standard or the model) to score the others against;
    precision, recall and F1 use 1 as "code applies" for 0/1 codes and are
    macro-averaged over categories otherwise. A 0/1 code applied to fewer than
    ``min_positives`` units is read "too rare to judge". The overall row is nominal
    alpha over all code x unit decisions, its interval resampling units with all
    their codes. ``machines`` names machine coders (qualkit's codebook, a learned
    model): with two or more other coders (the people), ``versus`` scores each machine
    against each person beside the people among themselves.
    """
    if absent not in ("auto", "zero", "missing"):
        raise AnalysisError(418, absent=absent)
    if n_boot and (not isinstance(n_boot, (int, np.integer)) or n_boot < 0):
        raise AnalysisError(434, n_boot=n_boot)
    df, units, coders, seen = _prepare(coding_long, unit_ids, coders)
    if reference is not None and reference not in coders:
        raise AnalysisError(414, coder=reference, coders=listing(coders))
    codes = [c for c in dict.fromkeys(df["code"]) if not pd.isna(c)] if codes is None else list(codes)
    df, units, seen, coverage = _compared(df, units, coders, seen, overlap)
    levels = level if isinstance(level, Mapping) else {}
    machines = [m for m in machines if m in set(coders)]
    several = len(coders) - len(machines) >= 2 and bool(machines)
    versus: list[dict] = []
    rows, by_coder, stacked, stacked_binary, clusters, positives = [], [], [], [], [], {}
    for code in codes:
        lvl = levels.get(code, "nominal") if isinstance(level, Mapping) else level
        if lvl not in LEVELS:
            raise AnalysisError(413, code=code, level=lvl, levels=listing(LEVELS))
        mat, binary = _code_matrix(df, code, units, coders, seen, absent)
        row = _row(code, mat, lvl, n_boot, random_state, binary, min_positives)
        if several:
            versus += _versus(code, mat, machines, lvl, n_boot, random_state, None)
        if binary:
            positives[code] = (mat == 1).sum(axis=1).astype(int)
        if reference is not None:
            pooled, per = _vs_reference(mat, reference, 1 if binary else None)
            row.update(precision=pooled.precision, recall=pooled.recall, f1=pooled.f1)
            by_coder += [{"code": code, "coder": c, "n_units": r.n, "precision": r.precision,
                          "recall": r.recall, "f1": r.f1} for c, r in per.items()]
        rows.append(row)
        if binary:
            stacked_binary.append(mat)
        else:
            arr = mat.to_numpy(dtype=object).copy()
            there = pd.notna(arr)
            arr[there] = [f"{code}={v!r}" for v in arr[there]]
            mat = pd.DataFrame(arr, index=mat.index, columns=mat.columns, dtype=object)
        stacked.append(mat)
        clusters += units
    if stacked:
        allm = pd.DataFrame(np.concatenate([m.to_numpy(dtype=object) for m in stacked], axis=1),
                            index=stacked[0].index, dtype=object)
        all_binary = len(stacked_binary) == len(stacked)
        row = _row(OVERALL, allm, "nominal", n_boot, random_state, all_binary, 0, clusters=clusters)
        row["n_units"] = int(len({u for u, ok in zip(clusters, pd.notna(allm.to_numpy()).sum(axis=0) >= 2) if ok}))
        row["reading"] = verdict(row["alpha"], row["alpha_low"], row["alpha_high"], n_units=row["n_units"])
        if several:
            versus += _versus(OVERALL, allm, machines, "nominal", n_boot, random_state, clusters)
        if reference is not None:
            if stacked_binary:
                pooled, per = _vs_reference(pd.concat(stacked_binary, axis=1, ignore_index=True), reference, 1)
            else:
                pooled, per = PRF(np.nan, np.nan, np.nan, 0), {}
            row.update(precision=pooled.precision, recall=pooled.recall, f1=pooled.f1)
            by_coder += [{"code": OVERALL, "coder": c, "n_units": r.n, "precision": r.precision,
                          "recall": r.recall, "f1": r.f1} for c, r in per.items()]
        rows.append(row)
    columns = ["code", "level", "n_units", "n_coders", "percent", "kappa", "ac1", "bp", "alpha", "alpha_low",
               "alpha_high", "pos_agree", "neg_agree", "n_applied", "reading"]
    if reference is not None:
        columns += ["precision", "recall", "f1"]
    table = pd.DataFrame(rows, columns=columns)
    by = None
    if reference is not None:
        by = pd.DataFrame(by_coder, columns=["code", "coder", "n_units", "precision", "recall", "f1"])
    pos = pd.DataFrame(positives).T.reindex(columns=coders) if positives else pd.DataFrame(columns=coders)
    vs = pd.DataFrame(versus, columns=["coder", "code", "n_units", "alpha", "alpha_low", "alpha_high", "people_alpha",
                                       "people_low", "people_high", "reading"]) if several else None
    return AgreementResult(table, coders, len(units), reference, by, n_boot, coverage=coverage,
                           positives=pos, min_positives=min_positives, versus=vs)


def disagreements(
    coding_long: pd.DataFrame, codes: Sequence | None = None, unit_ids: Sequence | None = None,
    coders: Sequence | None = None, absent: Absent = "auto", overlap: str = "all",
) -> pd.DataFrame:
    """Units where coders differ: ``unit, code`` and one column per coder (named ``str(coder)``).

    A cell is what the coder coded (NaN: did not code the unit). Only the units
    compared under ``overlap`` (see :func:`agreement`) with two different values are listed.

    >>> long = pd.DataFrame({"unit": ["a", "a", "b", "b"], "code": ["x"] * 4,
    ...                      "coder": ["an", "bo", "an", "bo"], "value": [1, 0, 1, 1]})
    >>> disagreements(long).to_dict("records")
    [{'unit': 'a', 'code': 'x', 'an': 1, 'bo': 0}]
    """
    if absent not in ("auto", "zero", "missing"):
        raise AnalysisError(418, absent=absent)
    df, units, coders, seen = _prepare(coding_long, unit_ids, coders)
    codes = [c for c in dict.fromkeys(df["code"]) if not pd.isna(c)] if codes is None else list(codes)
    df, units, seen, _ = _compared(df, units, coders, seen, overlap)
    names = [str(c) for c in coders]
    out = []
    for code in codes:
        mat = _code_matrix(df, code, units, coders, seen, absent)[0]
        arr, there = mat.to_numpy(dtype=object), pd.notna(mat.to_numpy(dtype=object))
        for k in np.flatnonzero(there.sum(axis=0) >= 2):              # numpy per unit: no Series per column
            col = arr[:, k]
            if len(set(col[there[:, k]])) > 1:
                out.append({"unit": mat.columns[k], "code": code, **dict(zip(names, col.tolist()))})
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
    require_columns(codings, [by, "code", "coder"], "codings")
    coders = ordered_unique(codings["coder"].dropna()) if coders is None else list(coders)
    applied = codings.loc[codings[by].isin(set(unit_ids)) & codings["coder"].isin(coders), [by, "code", "coder"]]
    applied = applied.drop_duplicates().rename(columns={by: "unit"}).assign(value=1)
    marks = [{"unit": u, "code": None, "coder": c, "value": np.nan}
             for c in coders for u in (unit_ids if coverage is None else coverage.get(c, []))]
    marks_df = pd.DataFrame(marks, columns=LONG_COLUMNS)
    frames = [f for f in (applied[LONG_COLUMNS], marks_df) if len(f)]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=LONG_COLUMNS)


__all__ = [
    "OVERALL", "LONG_COLUMNS", "AgreementResult", "Coverage", "PRF", "agreement", "bootstrap_alpha", "check_overlap",
    "cohen_kappa", "disagreements", "from_codings", "interpret", "krippendorff_alpha",
    "percent_agreement", "precision_recall_f1", "reliability_matrix",
]
