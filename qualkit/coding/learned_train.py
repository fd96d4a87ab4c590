"""Training a :class:`~qualkit.coding.learned.LearnedCoder` from human coding, with honest scores.

The target per unit and code is the people's consensus (the majority of the coders
who coded the unit; a tie counts as coded; for a categorical code the most frequent
category, a tie going to the lowest). Scores are cross-validated: every unit is
coded by a model that did not see it, with cut-offs chosen on the other folds only.
Those codings are compared with the consensus (precision, recall, F1; micro- and
macro-F1) and, as a second coder would be, with each person who coded: Krippendorff's
alpha of the model against each person (the pairs pooled over person and unit), with
a bootstrap interval over units, beside the people's own Krippendorff's alpha (all
people, the usual multi-coder alpha). Both weigh a unit by how many people coded it,
so the two figures are comparable. A code
where the model agrees less with the people than they agree with each other (or,
with one coder, below alpha .667) is flagged ``use = "no"``: do not code it
automatically.

The cross-validation's out-of-fold scores also calibrate the final model (Platt
scaling and per-code cut-offs), so training costs one fit plus the ``cv`` folds.

>>> from qualkit.agree import read_human
>>> data = read_human("coded-2026.csv")                                  # doctest: +SKIP
>>> corpus = read_survey("survey-2026.csv", "respondent", ["Q23"])        # doctest: +SKIP
>>> result = train(data, corpus, codebook=load_codebook("cb.yaml"))      # doctest: +SKIP
>>> result.scores[["code", "status", "f1", "alpha", "human_alpha", "use"]]  # doctest: +SKIP
>>> save_model(result.model, "model-2026")                               # doctest: +SKIP
"""
from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from sklearn.base import clone
from sklearn.metrics import precision_recall_fscore_support
from sklearn.model_selection import KFold

from qualkit.codebook.model import Codebook
from qualkit.coding.learned import CodingModel, LearnedCoder
from qualkit.coding.learned_use import unit_features
from qualkit.errors import ModelError
from qualkit.ingest.human import CoderData
from qualkit.stats.agreement import OVERALL
from qualkit.stats.reliability import bootstrap_alpha, krippendorff_alpha
from qualkit.types import Corpus

MIN_UNITS = 10
TENTATIVE = 0.667


@dataclass
class TrainResult:
    """The fitted model, scores per code (plus an ``OVERALL`` row), a summary, the
    cross-validated codings ``predictions`` (units x columns of ``targets``), the
    consensus ``truth`` and the texts learned from."""

    model: CodingModel
    scores: pd.DataFrame
    summary: dict[str, Any]
    predictions: pd.DataFrame
    truth: pd.DataFrame
    texts: dict[str, str]


def _fmt(v: Any) -> str:
    return str(int(v)) if isinstance(v, float) and v.is_integer() else str(v)


def _key(v: Any) -> tuple:
    return (isinstance(v, str), v if isinstance(v, str) else float(v))


def matrices(data: CoderData, unit: str = "segment") -> tuple[list, list, dict[str, tuple[np.ndarray, bool]]]:
    """Units, coders and per code its units x coders matrix of values (NaN = missing)
    and whether it is a 0/1 code; one pass over the codings (missing rows as in
    :func:`qualkit.stats.agreement.agreement`)."""
    from qualkit.ingest._text import show_id

    long = data.at(unit)
    units, coders = list(dict.fromkeys(long["unit"])), list(dict.fromkeys(long["coder"]))
    seen = np.zeros((len(units), len(coders)), dtype=bool)
    ui, ci = pd.Index(units).get_indexer(long["unit"]), pd.Index(coders).get_indexer(long["coder"])
    seen[ui, ci] = True
    coded = np.flatnonzero(long["code"].notna().to_numpy())
    values = long["value"].to_numpy(dtype=object)
    out: dict[str, tuple[np.ndarray, bool]] = {}
    for code, idx in pd.Series(coded).groupby(long["code"].to_numpy()[coded], sort=False).groups.items():
        rows = coded[np.asarray(idx)]
        vals = values[rows]
        present = ~pd.isna(vals)
        binary = all(not isinstance(v, str) and v in (0, 1) for v in vals[present])
        cell = ui[rows] * len(coders) + ci[rows]
        order = np.argsort(cell, kind="stable")
        same = np.flatnonzero(cell[order][1:] == cell[order][:-1])
        for k in same:
            a, b = vals[order[k]], vals[order[k + 1]]
            if not (pd.isna(a) and pd.isna(b)) and a != b:
                r = rows[order[k]]
                raise ModelError(354, code=show_id(str(code)), coder=show_id(str(long["coder"].iat[r])),
                                 unit=show_id(str(long["unit"].iat[r])))
        mat = np.full((len(units), len(coders)), np.nan, dtype=float if binary else object)
        if data.absent == "zero" or (data.absent == "auto" and binary):
            mat[seen] = 0
        mat[ui[rows], ci[rows]] = [float(v) if binary and not pd.isna(v) else v for v in vals]
        if not binary:
            mat[pd.isna(mat)] = np.nan
        out[str(code)] = (mat, binary)
    return units, coders, out


def _consensus(mat: np.ndarray, binary: bool) -> pd.Series:
    if binary:
        n, pos = (~np.isnan(mat)).sum(axis=1), np.nansum(mat, axis=1)
        return pd.Series(np.where(n > 0, (2 * pos >= n).astype(float), np.nan))
    flat = pd.DataFrame({"u": np.repeat(np.arange(mat.shape[0]), mat.shape[1]), "v": mat.ravel()})
    flat = flat[~pd.isna(flat["v"])]
    if flat.empty:
        return pd.Series([np.nan] * mat.shape[0], dtype=object)
    counts = flat.groupby(["u", "v"]).size().unstack(fill_value=0)
    counts = counts[sorted(counts.columns, key=_key)]
    mode = counts.idxmax(axis=1)                           # first maximum: ties go to the lowest value
    return pd.Series(mode.reindex(range(mat.shape[0])).to_numpy(dtype=object))


def targets(data: CoderData, unit: str = "segment", mats: tuple | None = None
            ) -> tuple[pd.DataFrame, dict[str, tuple[str, Any]]]:
    """Consensus 0/1 per unit (rows) and code (columns; NaN = not coded). A categorical
    code becomes one column per category, ``"<code>=<value>"``; the second result
    maps those columns to ``(code, value)``. Linear in codings. ``mats``: the
    :func:`matrices` of ``data`` at ``unit`` when already built (read, not changed).

    >>> long = pd.DataFrame({"unit": ["a", "a", "b", "b"], "code": ["x"] * 4, "coder": [1, 2, 1, 2],
    ...                      "value": [1.0, 1.0, 1.0, 0.0], "respondent": ["a", "a", "b", "b"], "question": ""})
    >>> targets(CoderData(long))[0]["x"].tolist()
    [1.0, 1.0]
    """
    units, _, mats = matrices(data, unit) if mats is None else mats
    cols: dict[str, np.ndarray] = {}
    cats: dict[str, tuple[str, Any]] = {}
    for code, (mat, binary) in mats.items():
        cons = _consensus(mat, binary)
        if binary:
            cols[code] = cons.to_numpy(dtype=float)
            continue
        known = cons.notna().to_numpy()
        for v in sorted({v for v in mat.ravel() if not pd.isna(v)}, key=_key):
            name = f"{code}={_fmt(v)}"
            cols[name] = np.where(known, (cons == v).to_numpy(dtype=float), np.nan)
            cats[name] = (code, v)
    return pd.DataFrame(cols, index=pd.Index(units, name="unit")), cats


def unit_texts(data: CoderData, unit: str = "segment", corpus: Corpus | None = None) -> dict[str, str]:
    """Text per unit: from ``corpus`` (answer by ``doc_id``, respondent by ``unit_id``) when
    given, else from the coding file itself (ATLAS.ti quotations, a text column)."""
    own = data.texts_at(unit)
    if corpus is None:
        return own
    by_doc: dict[str, list[str]] = {}
    by_resp: dict[str, list[str]] = {}
    for s in corpus.segments:
        if s.coded:
            by_doc.setdefault(s.doc_id, []).append(s.text)
            by_resp.setdefault(s.unit_id, []).append(s.text)
    out = {}
    for u in dict.fromkeys(data.at(unit)["unit"]):
        parts = by_doc.get(u) or by_resp.get(u)
        text = "\n".join(parts) if parts else own.get(u)
        if text:
            out[u] = text
    return out


def _code_values(P: pd.DataFrame, cats: dict, code: str, binary: bool) -> np.ndarray:
    """A model's 0/1 columns back to one value per unit of ``code`` (a category, or NaN)."""
    if binary:
        return P[code].to_numpy(dtype=float)
    cols = [c for c, (k, _) in cats.items() if k == code]
    vals = np.array([cats[c][1] for c in cols] + [np.nan], dtype=object)
    hit = P[cols].to_numpy()
    return vals[np.where(hit.any(axis=1), hit.argmax(axis=1), len(cols))]


def _pairs(mat: np.ndarray, model: np.ndarray) -> np.ndarray:
    """The (model, person) pairs as a 2 x pairs reliability matrix, and the unit of each pair."""
    a, b, unit = [], [], []
    for j in range(mat.shape[1]):
        ok = ~pd.isna(mat[:, j]) & ~pd.isna(model)
        a.append(model[ok])
        b.append(mat[ok, j])
        unit.append(np.flatnonzero(ok))
    return np.array([np.concatenate(a), np.concatenate(b)], dtype=object), np.concatenate(unit)


def _alpha(mat: np.ndarray, clusters: np.ndarray, n_boot: int, seed: int) -> tuple[float, float, float]:
    """Alpha of a coders x columns matrix, with a bootstrap interval resampling units (``clusters``)."""
    if not mat.shape[1]:
        return np.nan, np.nan, np.nan
    alpha = krippendorff_alpha(mat)
    low, high = bootstrap_alpha(mat, n_boot, seed, clusters=clusters) if n_boot and alpha == alpha else (np.nan, np.nan)
    return alpha, low, high


def _tag(mat: np.ndarray, code: str) -> np.ndarray:
    out = mat.astype(object)
    ok = ~pd.isna(out)
    out[ok] = [f"{code}={v!r}" for v in out[ok]]
    return out


def _prf(y: np.ndarray, p: np.ndarray, binary: bool) -> tuple[float, float, float]:
    ok = ~pd.isna(y)
    if not ok.any():
        return np.nan, np.nan, np.nan
    y, p = y[ok], p[ok]
    if binary:
        r = precision_recall_fscore_support(y.astype(int), p.astype(int), average="binary", zero_division=0)
    else:
        y, p = np.array([str(v) for v in y]), np.array(["" if pd.isna(v) else str(v) for v in p])
        r = precision_recall_fscore_support(y, p, labels=sorted(set(y)), average="macro", zero_division=0)
    return float(r[0]), float(r[1]), float(r[2])


def score(data: CoderData, unit: str, units: list, P: pd.DataFrame, cats: dict, status: dict[str, str],
          n_boot: int = 1000, random_state: int = 0, *, mats: tuple | None = None) -> pd.DataFrame:
    """Per code and overall: precision/recall/F1 against the consensus; alpha of the codings
    ``P`` (units x target columns, 0/1) against each person and of the people against each
    other (pooled pairs, bootstrap intervals over units); ``use`` (see the module docstring).
    ``mats``: the :func:`matrices` of ``data`` at ``unit`` when already built (read, not changed)."""
    all_units, _, mats = matrices(data, unit) if mats is None else mats
    rows_of = pd.Index(all_units).get_indexer(units)
    rows, model_all, people_all = [], [], []
    for code, (mat, binary) in mats.items():
        mat = mat[rows_of]
        pred = _code_values(P, cats, code, binary)
        cons = _consensus(mat, binary).to_numpy(dtype=object)
        prec, rec, f1 = _prf(cons, pred, binary)
        pairs, where = _pairs(mat, pred)
        alpha = _alpha(pairs, where, n_boot, random_state)
        people = mat.T.astype(object)
        human = _alpha(people, np.arange(len(units)), n_boot, random_state) if mat.shape[1] > 1 else (np.nan,) * 3
        if not binary:                                     # pooled over codes: a category is one code's value
            pairs, people = _tag(pairs, code), _tag(people, code)
        model_all.append((pairs, where))
        people_all.append(people)
        st = status.get(code, "rare")
        n_pos = int(np.nansum(cons.astype(float))) if binary else int((~pd.isna(cons)).sum())
        rows.append({"code": code, "status": st, "n_positive": n_pos, "precision": prec, "recall": rec, "f1": f1,
                     "alpha": alpha[0], "alpha_low": alpha[1], "alpha_high": alpha[2],
                     "human_alpha": human[0], "human_alpha_low": human[1], "human_alpha_high": human[2]})
    pairs = np.hstack([m for m, _ in model_all]) if model_all else np.zeros((2, 0), dtype=object)
    where = np.concatenate([w for _, w in model_all]) if model_all else np.zeros(0, dtype=int)
    alpha = _alpha(pairs, where, n_boot, random_state)
    several = bool(people_all) and people_all[0].shape[0] > 1
    human = _alpha(np.hstack(people_all), np.tile(np.arange(len(units)), len(people_all)), n_boot,
                   random_state) if several else (np.nan,) * 3
    rows.append({"code": OVERALL, "status": "", "n_positive": int(sum(r["n_positive"] for r in rows)),
                 "alpha": alpha[0], "alpha_low": alpha[1], "alpha_high": alpha[2],
                 "human_alpha": human[0], "human_alpha_low": human[1], "human_alpha_high": human[2]})
    table = pd.DataFrame(rows)
    table["use"] = [_use(r) for r in table.itertuples()]
    return table


def _use(r) -> str:
    """"yes" where the codes may be used automatically, else "no" (see the module docstring)."""
    if r.status == "rare":
        return "no"
    if r.alpha != r.alpha:
        return "no" if r.status else ""
    bar = r.human_alpha if r.human_alpha == r.human_alpha else TENTATIVE
    return "yes" if r.alpha >= bar else "no"


def _micro_macro(Y: pd.DataFrame, P: pd.DataFrame) -> tuple[float, float]:
    """Micro- and macro-F1 over the 0/1 columns (categories count as columns), against the consensus."""
    y, p = Y.to_numpy(dtype=float), P.to_numpy(dtype=float)
    ok = ~np.isnan(y)
    tp = ((y == 1) & (p == 1) & ok).sum(axis=0)
    fp = ((y == 0) & (p == 1) & ok).sum(axis=0)
    fn = ((y == 1) & (p == 0) & ok).sum(axis=0)
    micro = 2 * tp.sum() / max(2 * tp.sum() + fp.sum() + fn.sum(), 1)
    has = (y == 1).sum(axis=0) > 0
    macro = float(np.mean((2 * tp / np.maximum(2 * tp + fp + fn, 1))[has])) if has.any() else float("nan")
    return float(micro), macro


def cross_validate(est: LearnedCoder, X: pd.DataFrame, Y: pd.DataFrame, cv: int, random_state: int = 0
                   ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Out-of-fold decision scores (NaN where a fold had no model for a column) and
    out-of-fold codings, each fold's cut-offs chosen on the other folds' scores only."""
    folds = list(KFold(n_splits=min(cv, len(X)), shuffle=True, random_state=random_state).split(X))
    inner = clone(est).set_params(threshold=0.5, min_positives=est.fold_minimum(len(folds)))
    scores = pd.DataFrame(np.nan, index=Y.index, columns=Y.columns)
    parts = []
    for tr, te in folds:
        part = clone(inner).fit(X.iloc[tr], Y.iloc[tr])
        z = part.decision_function(X.iloc[te])
        scores.iloc[te, [Y.columns.get_loc(c) for c in z.columns]] = z.to_numpy()
        parts.append((part, z))
    codings = pd.DataFrame(0, index=Y.index, columns=Y.columns)
    for (tr, te), (part, z) in zip(folds, parts):
        part.set_params(threshold=est.threshold).calibrate(scores.iloc[tr][part.model_codes_], Y.iloc[tr])
        Xte = X.iloc[te].reset_index(drop=True)
        z = z.reset_index(drop=True)
        codings.iloc[te] = part._predict(part._proba(Xte, z), z).reindex(columns=Y.columns).to_numpy()
    return scores, codings


def train(data: CoderData, corpus: Corpus | None = None, codebook: Codebook | None = None, pipeline=None, *,
          unit: str = "segment", coder: LearnedCoder | None = None, cv: int = 5, n_boot: int = 1000,
          language: str | None = None, random_state: int = 0) -> TrainResult:
    """Fit a learned coder on ``data`` (texts from ``corpus`` or the coding file) and
    score it by ``cv``-fold cross-validation. ``coder`` is the estimator to use (its
    parameters; default ``LearnedCoder(random_state=random_state)``); ``codebook``
    adds its rule hits as features and codes rare codes by rule (its pipeline is
    loaded when needed)."""
    if not isinstance(cv, (int, np.integer)) or cv < 2:
        raise ModelError(366, cv=cv)
    started = time.perf_counter()
    mats = matrices(data, unit)                    # once: the targets and the scores both read them
    Y, cats = targets(data, unit, mats)
    texts = unit_texts(data, unit, corpus)
    keep = [u for u in Y.index if texts.get(u, "").strip()]
    if not keep:
        seen = ", ".join(repr(u) for u in list(Y.index)[:3])
        there = ", ".join(repr(s.doc_id) for s in (corpus.segments[:3] if corpus else []))
        if corpus:
            raise ModelError(348, units=seen, answers=there)
        raise ModelError(370, units=seen)
    if len(keep) < MIN_UNITS:
        raise ModelError(347, count=len(keep), minimum=MIN_UNITS)
    n_all, Y = len(Y), Y.loc[keep]
    questions = data.at(unit).drop_duplicates("unit").set_index("unit")["question"]
    language = language or (codebook.language if codebook else pipeline.language if pipeline else "nl")
    X, _ = unit_features([texts[u] for u in keep], pipeline, codebook, [questions.get(u, "") for u in keep])
    groups: dict[str, list[str]] = {}
    for col, (code, _) in cats.items():
        groups.setdefault(code, []).append(col)
    est = clone(coder) if coder is not None else LearnedCoder(random_state=random_state)
    est.set_params(exclusive=list(groups.values()) or None)
    Yr = Y.reset_index(drop=True)
    t = time.perf_counter()
    prepare_seconds = t - started                  # targets, texts, features of the codebook's rules
    scores, oof = cross_validate(est, X, Yr, cv, random_state)
    cv_seconds = time.perf_counter() - t
    t = time.perf_counter()
    fitted = clone(est).set_params(threshold=0.5).fit(X, Yr)
    fitted.set_params(threshold=est.threshold).calibrate(scores[fitted.model_codes_], Yr)
    fit_seconds = time.perf_counter() - t
    oof.index = Y.index
    status: dict[str, str] = {}
    for col, st in fitted.status_.items():
        code = cats.get(col, (col,))[0]
        status[code] = min(status.get(code, "rare"), st, key=("model", "rules", "rare").index)
    table = score(data, unit, keep, oof, cats, status, n_boot, random_state, mats=mats)
    micro, macro = _micro_macro(Y, oof)
    overall = table.set_index("code").loc[OVERALL]
    per = table[table["code"] != OVERALL]
    summary = {
        "n_units": len(keep), "n_units_without_text": n_all - len(keep),
        "n_codes": len(per), "n_model": int((per["status"] == "model").sum()),
        "n_rules": int((per["status"] == "rules").sum()), "n_rare": int((per["status"] == "rare").sum()),
        "n_do_not_use": int((per["use"] == "no").sum()),
        "micro_f1": micro, "macro_f1": macro, "alpha": float(overall["alpha"]),
        "alpha_low": float(overall["alpha_low"]), "alpha_high": float(overall["alpha_high"]),
        "human_alpha": float(overall["human_alpha"]), "human_alpha_low": float(overall["human_alpha_low"]),
        "human_alpha_high": float(overall["human_alpha_high"]),
        "coders": [str(c) for c in data.coders], "cv": min(cv, len(keep)),
        "fit_seconds": fit_seconds, "cv_seconds": cv_seconds, "prepare_seconds": prepare_seconds, "seconds": time.perf_counter() - started,
    }
    timeless = {k: v for k, v in summary.items() if not k.endswith("seconds")}   # saved: same data -> same bytes
    info = {"name": "learned from " + ", ".join(data.sources), "sources": list(data.sources), "summary": timeless,
            "data_sha256": data_hash(data, texts, keep), "scores": table.to_dict("records")}
    model = CodingModel(coder=fitted, language=language, unit=unit, codebook=codebook, categories=cats, info=info)
    return TrainResult(model, table, summary, oof, Y, {u: texts[u] for u in keep})


def data_hash(data: CoderData, texts: dict[str, str], units: list[str]) -> str:
    """SHA-256 of the training data: the codings (sorted) and the texts of ``units``."""
    long = data.long.astype(str).sort_values(list(data.long.columns)).to_csv(index=False)
    h = hashlib.sha256(long.encode("utf-8"))
    for u in sorted(units):
        h.update(f"\x00{u}\x00{texts[u]}".encode("utf-8"))
    return h.hexdigest()
