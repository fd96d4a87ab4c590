"""Training a :class:`~qualkit.coding.learned.LearnedCoder` from human coding, with honest scores.

The target per unit and code is the human consensus (the majority of the coders
who coded the unit; a tie counts as coded; for a categorical code the most
frequent category, a tie going to the lowest). Scores are cross-validated: every
unit is predicted by a model that did not see it, and those predictions are
compared with the consensus as a second coder would be: precision, recall, F1,
Cohen's kappa and Krippendorff's alpha per code, micro- and macro-F1 overall,
and, where several humans coded, the humans' own alpha beside it.

>>> from qualkit.agree import read_human
>>> data = read_human("coded-2026.csv")                                  # doctest: +SKIP
>>> corpus = read_survey("survey-2026.csv", "respondent", ["Q23"])        # doctest: +SKIP
>>> result = train(data, corpus, codebook=load_codebook("cb.yaml"))      # doctest: +SKIP
>>> result.scores[["code", "status", "f1", "alpha", "human_alpha"]]       # doctest: +SKIP
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
from sklearn.model_selection import KFold

from qualkit.codebook.model import Codebook
from qualkit.coding.learned import CodingModel, LearnedCoder, unit_features
from qualkit.errors import ModelError
from qualkit.ingest.human import CoderData
from qualkit.stats.agreement import OVERALL, agreement, reliability_matrix
from qualkit.types import Corpus

HUMAN, MODEL = "human", "model"
MIN_UNITS = 10


@dataclass
class TrainResult:
    """The fitted model, scores per code (plus an ``OVERALL`` row), a summary, and the
    cross-validated predictions (``predictions``, coder ``model``) and consensus
    (``truth``, coder ``human``) as long frames, for disagreement lists."""

    model: CodingModel
    scores: pd.DataFrame
    summary: dict[str, Any]
    predictions: pd.DataFrame
    truth: pd.DataFrame
    texts: dict[str, str]


def _fmt(v: Any) -> str:
    return str(int(v)) if isinstance(v, float) and v.is_integer() else str(v)


def targets(data: CoderData, unit: str = "segment") -> tuple[pd.DataFrame, dict[str, tuple[str, Any]]]:
    """Consensus 0/1 per unit (rows) and code (columns; NaN = not coded). A categorical
    code becomes one column per category, ``"<code>=<value>"``; the second result
    maps those columns to ``(code, value)``.

    >>> long = pd.DataFrame({"unit": ["a", "a", "b", "b"], "code": ["x"] * 4, "coder": [1, 2, 1, 2],
    ...                      "value": [1.0, 1.0, 1.0, 0.0], "respondent": ["a", "a", "b", "b"], "question": ""})
    >>> targets(CoderData(long))[0]["x"].tolist()
    [1.0, 1.0]
    """
    long = data.at(unit)
    units = list(dict.fromkeys(long["unit"]))
    cols: dict[str, pd.Series] = {}
    cats: dict[str, tuple[str, Any]] = {}
    for code in data.codes:
        mat = reliability_matrix(long, code, unit_ids=units, absent=data.absent)
        vals = pd.unique(mat.to_numpy().ravel())
        vals = [v for v in vals if not pd.isna(v)]
        if all(not isinstance(v, str) and v in (0, 1) for v in vals):
            mean = mat.astype(float).mean(axis=0)
            cols[code] = (mean >= 0.5).astype(float).where(mean.notna())
            continue
        mode = mat.apply(lambda s: s.dropna().mode().sort_values().iloc[0] if s.notna().any() else np.nan)
        for v in sorted(vals, key=lambda x: (isinstance(x, str), x)):
            name = f"{code}={_fmt(v)}"
            cols[name] = (mode == v).astype(float).where(mode.notna())
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


def _long(Y: pd.DataFrame, cats: dict, coder: str) -> pd.DataFrame:
    rows = [(u, None, coder, np.nan) for u in Y.index]
    for col in Y.columns:
        for u, v in Y[col].dropna().items():
            if col in cats:
                if v == 1:
                    rows.append((u, cats[col][0], coder, cats[col][1]))
            else:
                rows.append((u, col, coder, float(v)))
    return pd.DataFrame(rows, columns=["unit", "code", "coder", "value"])


def _f1s(Y: pd.DataFrame, P: pd.DataFrame) -> tuple[float, float]:
    tps = fps = fns = 0.0
    per = []
    for c in Y.columns:
        m = Y[c].notna()
        y, p = Y[c][m].astype(int).to_numpy(), P[c][m].astype(int).to_numpy()
        tp, fp, fn = float(np.sum(y & p)), float(np.sum(~y & p & 1)), float(np.sum(y & ~p & 1))
        tps, fps, fns = tps + tp, fps + fp, fns + fn
        if y.sum():
            per.append(2 * tp / (2 * tp + fp + fn))
    micro = 2 * tps / (2 * tps + fps + fns) if tps + fps + fns else float("nan")
    return micro, float(np.mean(per)) if per else float("nan")


def train(data: CoderData, corpus: Corpus | None = None, codebook: Codebook | None = None, pipeline=None, *,
          unit: str = "segment", coder: LearnedCoder | None = None, cv: int = 5, n_boot: int = 1000,
          language: str | None = None, random_state: int = 0) -> TrainResult:
    """Fit a learned coder on ``data`` (texts from ``corpus`` or the coding file) and
    score it by ``cv``-fold cross-validation. ``coder`` is the estimator to use (its
    parameters; default ``LearnedCoder(random_state=random_state)``); ``codebook``
    adds its rule hits as features and codes rare codes by rule."""
    from qualkit.nlp import load_pipeline

    if not isinstance(cv, (int, np.integer)) or cv < 2:
        raise ModelError(351, f"cv={cv!r}: cross-validation needs at least 2 folds.")
    started = time.perf_counter()
    Y, cats = targets(data, unit)
    texts = unit_texts(data, unit, corpus)
    keep = [u for u in Y.index if texts.get(u, "").strip()]
    if not keep:
        seen = ", ".join(repr(u) for u in list(Y.index)[:3])
        there = ", ".join(repr(s.doc_id) for s in (corpus.segments[:3] if corpus else []))
        raise ModelError(348, f"no coded unit has a text to learn from. Coded units look like {seen}"
                         + (f"; the corpus's answers like {there}. Check --id-column, --question and --unit."
                            if corpus else ". Give the survey with --corpus-input, or a text column."))
    if len(keep) < MIN_UNITS:
        raise ModelError(347, f"only {len(keep)} coded units have a text; learning needs at least {MIN_UNITS}. "
                         "Code more units first.")
    n_all, Y = len(Y), Y.loc[keep]
    questions = data.at(unit).drop_duplicates("unit").set_index("unit")["question"]
    pipeline = pipeline or load_pipeline(language or (codebook.language if codebook else "nl"))
    X, _ = unit_features([texts[u] for u in keep], pipeline, codebook, [questions.get(u, "") for u in keep])
    groups = {}
    for col, (code, _) in cats.items():
        groups.setdefault(code, []).append(col)
    est = clone(coder) if coder is not None else LearnedCoder(random_state=random_state)
    est.set_params(exclusive=list(groups.values()) or None)
    Yr = Y.reset_index(drop=True)
    oof = pd.DataFrame(0, index=Yr.index, columns=Yr.columns)
    folds = KFold(n_splits=min(cv, len(keep)), shuffle=True, random_state=random_state)
    for tr, te in folds.split(X):
        oof.iloc[te] = clone(est).fit(X.iloc[tr], Yr.iloc[tr]).predict(X.iloc[te]).to_numpy()
    fitted = clone(est).fit(X, Yr)
    oof.index = Y.index
    truth, pred = _long(Y, cats, HUMAN), _long(oof.where(Y.notna()), cats, MODEL)
    codes = list(dict.fromkeys(cats.get(c, (c,))[0] for c in Y.columns))
    res = agreement(pd.concat([truth, pred], ignore_index=True), codes=codes, unit_ids=keep, reference=HUMAN,
                    n_boot=n_boot, random_state=random_state)
    scores = res.table.drop(columns=["level", "n_coders"])
    status = {c: fitted.status_[c] for c in Y.columns}
    code_status: dict[str, str] = {}
    for col, st in status.items():
        code = cats.get(col, (col,))[0]
        code_status[code] = min(code_status.get(code, "rare"), st, key=("model", "rules", "rare").index)
    scores.insert(1, "status", scores["code"].map(code_status).fillna(""))
    scores.insert(2, "n_positive", scores["code"].map(
        lambda c: int(Y[c].sum()) if c in Y.columns else int(Y[groups.get(c, [])].notna().any(axis=1).sum())
        if c in groups else int(Y.notna().any(axis=1).sum())))
    human_alpha = np.nan
    if len(data.coders) >= 2:
        hum = agreement(data.at(unit), codes=codes, unit_ids=keep, n_boot=0, absent=data.absent,
                        overlap="pairs").table
        hum = hum.set_index("code")["alpha"]
        scores["human_alpha"] = scores["code"].map(hum)
        human_alpha = float(hum.get(OVERALL, np.nan))
    else:
        scores["human_alpha"] = np.nan
    micro, macro = _f1s(Y, oof)
    overall = scores.set_index("code").loc[OVERALL] if OVERALL in set(scores["code"]) else {}
    seconds = time.perf_counter() - started
    summary = {
        "n_units": len(keep), "n_units_without_text": n_all - len(keep),
        "n_codes": len(codes), "n_model": sum(v == "model" for v in code_status.values()),
        "n_rules": sum(v == "rules" for v in code_status.values()),
        "n_rare": sum(v == "rare" for v in code_status.values()),
        "micro_f1": micro, "macro_f1": macro, "alpha": float(overall.get("alpha", np.nan)),
        "alpha_low": float(overall.get("alpha_low", np.nan)), "alpha_high": float(overall.get("alpha_high", np.nan)),
        "human_alpha": human_alpha, "coders": [str(c) for c in data.coders], "cv": folds.n_splits,
        "seconds": seconds,
    }
    info = {"name": "learned from " + ", ".join(data.sources), "pipeline": pipeline.describe(),
            "sources": list(data.sources), "summary": summary,
            "data_sha256": data_hash(data, texts, keep), "scores": scores.to_dict("records")}
    model = CodingModel(coder=fitted, language=pipeline.language, unit=unit, codebook=codebook,
                        categories=cats, info=info)
    return TrainResult(model, scores, summary, pred, truth, {u: texts[u] for u in keep})


def data_hash(data: CoderData, texts: dict[str, str], units: list[str]) -> str:
    """SHA-256 of the training data: the codings (sorted) and the texts of ``units``."""
    long = data.long.astype(str).sort_values(list(data.long.columns)).to_csv(index=False)
    h = hashlib.sha256(long.encode("utf-8"))
    for u in sorted(units):
        h.update(f"\x00{u}\x00{texts[u]}".encode("utf-8"))
    return h.hexdigest()
