"""Using a learned model: features of new texts, coding a corpus, and what to code next.

:func:`code_with_model` codes a corpus with a fitted :class:`~qualkit.coding.learned.CodingModel`
and returns the same :class:`~qualkit.coding.CodingResult` as codebook coding, with
``sources`` saying per code whether the model or the codebook's rules coded it.
:func:`suggest` lists the answers the model is least sure about (uncertainty
sampling) as a sheet for the next round of human coding.
"""
from __future__ import annotations

import re
from typing import Sequence

import numpy as np
import pandas as pd

from qualkit.codebook.model import Codebook
from qualkit.coding.learned import CHAR_PREFIX, RULE_PREFIX, CodingModel
from qualkit.errors import ModelError
from qualkit.types import format_spans


def unit_features(texts: Sequence[str], pipeline=None, codebook: Codebook | None = None,
                  questions: Sequence[str] | None = None) -> tuple[pd.DataFrame, list[dict]]:
    """``X`` for :class:`~qualkit.coding.learned.LearnedCoder` (column ``text``, plus
    ``rule:<code>`` columns when a codebook is given) and per text its rule hits
    (``code -> [(rule, start, end)]``). A code limited to some questions only fires
    on texts of those questions (``questions[i]``). The pipeline (spaCy) is only
    needed for rule hits.
    """
    X = pd.DataFrame({"text": [str(t) for t in texts]})
    details: list[dict] = [{"hits": {}} for _ in texts]
    if codebook is None:
        return X, details
    from qualkit.coding.matcher import CodebookMatcher
    from qualkit.nlp import load_pipeline

    pipeline = pipeline or load_pipeline(codebook.language)
    matcher = CodebookMatcher(codebook, pipeline)
    rule_codes = [c.id for c in codebook.codes if c.include]
    applies: dict[str | None, frozenset[str]] = {}
    rules = []
    for i, doc in enumerate(pipeline.pipe(list(X["text"]))):
        q = questions[i] if questions is not None else None
        if q not in applies:
            applies[q] = frozenset(c.id for c in codebook.codes if not q or c.applies_to(q))
        found = matcher.match(doc, applies[q])
        scope = (lambda h: h.sent_start) if codebook.unit == "sentence" else (lambda h: 0)
        excluded = {(scope(h), h.code) for h in found if h.exclude}
        hits: dict[str, list[tuple[str, int, int]]] = {}
        for h in found:
            if not h.exclude and (scope(h), h.code) not in excluded:
                hits.setdefault(h.code, []).append((h.rule, h.start, h.end))
        rules.append([1.0 if c in hits else 0.0 for c in rule_codes])
        details[i]["hits"] = hits
    if rule_codes:
        X = pd.concat([X, pd.DataFrame(rules, columns=[RULE_PREFIX + c for c in rule_codes])], axis=1)
    return X, details


def uses_rules(model: CodingModel) -> bool:
    """Whether coding with ``model`` needs its codebook's rules (and so a spaCy pipeline)."""
    return bool(model.coder.rule_features_) or "rules" in model.coder.status_.values()


def _codebook_for(model: CodingModel, codebook: Codebook | None) -> Codebook | None:
    """The codebook whose rules the model needs (its own), checked against one given."""
    needs = uses_rules(model)
    if model.codebook is not None and codebook is not None and codebook.sha256 != model.codebook.sha256:
        raise ModelError(345, model_codebook=model.codebook.name, model_version=model.codebook.version,
                         codebook=codebook.name, version=codebook.version)
    if needs and model.codebook is None:
        raise ModelError(362)
    return model.codebook if needs else None


def _span(feature: str, text: str, hits: dict) -> tuple[int, int] | None:
    """Where a feature is in the text: a rule's first hit, else the first (case-blind) occurrence."""
    if feature.startswith(RULE_PREFIX):
        found = hits.get(feature[len(RULE_PREFIX):])
        return (found[0][1], found[0][2]) if found else None
    if feature.startswith(CHAR_PREFIX):
        pattern = re.escape(feature[len(CHAR_PREFIX):].strip())
    else:
        pattern = r"\b" + r"\W+".join(re.escape(w) for w in feature.split()) + r"\b"
    m = re.search(pattern, text, flags=re.IGNORECASE) if pattern else None
    return (m.start(), m.end()) if m else None


def sources(model: CodingModel) -> dict[str, str]:
    """Per code (categories by their code): ``model``, ``rules`` (too rare to learn, coded by
    the codebook's rules) or ``rare`` (too rare, never coded); ``model, do not use`` for a
    code flagged in training as less reliable than the people."""
    order = ("model", "rules", "rare")
    out: dict[str, str] = {}
    for col, st in model.coder.status_.items():
        code = model.categories.get(col, (col,))[0]
        out[code] = min(out.get(code, "rare"), st, key=order.index)
    flagged = set(model.do_not_use())
    return {c: "model, do not use" if s == "model" and c in flagged else s for c, s in out.items()}


def code_with_model(corpus, model: CodingModel, codebook: Codebook | None = None, pipeline=None):
    """Code every coded segment of ``corpus`` with a learned model.

    Returns a :class:`~qualkit.coding.CodingResult` like :func:`qualkit.code_corpus`:
    one codings row per segment and code, ``method`` ``model`` (``confidence`` = the
    predicted probability, ``rule`` = the words that drove it, ``matched`` = where
    they are in the text) or ``rule`` for codes too rare to learn (coded by their
    rules); ``result.sources`` says which (see :func:`sources`).

    >>> result = code_with_model(corpus, load_model("model_dir"))              # doctest: +SKIP
    >>> result.codings[["unit_id", "code", "method", "confidence", "rule"]].head()  # doctest: +SKIP
    """
    from qualkit.coding.engine import CodingResult, frame

    rules_cb = _codebook_for(model, codebook)
    if pipeline is not None and pipeline.language != model.language:
        raise ModelError(346, language=model.language, pipeline_language=pipeline.language)
    if rules_cb is not None and pipeline is None:
        from qualkit.nlp import load_pipeline

        pipeline = load_pipeline(model.language)
    segs = [(i, s) for i, s in enumerate(corpus.segments) if s.coded]
    X, details = unit_features([s.text for _, s in segs], pipeline, rules_cb, [s.question for _, s in segs])
    coder = model.coder
    z = coder.decision_function(X)
    proba = coder._proba(X, z)
    pred = coder._predict(proba, z)
    why = coder.explain(X)
    rows = []
    for n, (i, seg) in enumerate(segs):
        for code in coder.codes_:
            if not pred.at[n, code]:
                continue
            if coder.status_[code] == "rules":
                found = details[n]["hits"].get(code, [])
                spans = [(s, e) for _, s, e in found]
                rule, method, conf = " | ".join(dict.fromkeys(r for r, _, _ in found)), "rule", 1.0
            else:
                words = why[n].get(code, [])
                spans = [sp for sp in (_span(w, seg.text, details[n]["hits"]) for w, _ in words) if sp]
                rule = "model: " + ", ".join(f"{w} {v:+.2f}" for w, v in words) if words else "model"
                method, conf = "model", float(proba.at[n, code])
            first = spans[0] if spans else (0, len(seg.text))
            rows.append({
                "unit_id": seg.unit_id, "question": seg.question, "speaker": seg.speaker, "doc_id": seg.doc_id,
                "segment": i, "unit_start": seg.start, "unit_end": seg.end,
                "match_start": seg.start + first[0], "match_end": seg.start + first[1],
                "matched": " | ".join(dict.fromkeys(seg.text[s:e] for s, e in sorted(spans))),
                "match_spans": format_spans(sorted(set(spans)), seg.start),
                "code": code, "rule": rule, "method": method, "confidence": conf, "coder": "model",
            })
    result = CodingResult(corpus=corpus, codebook=model.coding_codebook(codebook), codings=frame(rows),
                          pipeline=pipeline.describe() if pipeline is not None else "learned model",
                          sources=sources(model))
    return result


def suggest(model: CodingModel, corpus, n: int = 20, exclude: Sequence[str] = (), pipeline=None) -> pd.DataFrame:
    """The ``n`` coded segments of ``corpus`` the model is least sure about (uncertainty
    sampling), as a sheet to fill in: ``id, question, text``, one empty column per
    code, ``uncertainty`` (1 = exactly at a code's cut-off, or two categories tied;
    with as many decimals as tell the picks apart) and ``uncertain_codes``. Segments whose ``doc_id`` or ``unit_id`` is in
    ``exclude`` (already coded) are skipped."""
    if not isinstance(n, (int, np.integer)) or n < 1:
        raise ModelError(367, count=n)
    skip = set(map(str, exclude))
    segs = [s for s in corpus.segments if s.coded and s.doc_id not in skip and s.unit_id not in skip]
    if not segs:
        raise ModelError(368)
    X, _ = unit_features([s.text for s in segs], pipeline, _codebook_for(model, None), [s.question for s in segs])
    unc = uncertainty(model, X)
    score = unc.max(axis=1).to_numpy() if unc.shape[1] else np.zeros(len(segs))
    order = np.argsort(-score, kind="stable")[:n]
    codes = list(dict.fromkeys(model.categories.get(c, (c,))[0] for c in model.coder.codes_))
    digits = _digits(score[order])
    rows = []
    for k in order:
        near = [c for c in unc.columns[np.argsort(-unc.iloc[k].to_numpy(), kind="stable")] if unc.iat[k, unc.columns.get_loc(c)] >= 0.5]
        s = segs[k]
        rows.append({"id": s.unit_id, "question": s.question, "text": s.text, **{c: "" for c in codes},
                     "uncertainty": round(float(score[k]), digits), "uncertain_codes": "; ".join(near)})
    return pd.DataFrame(rows, columns=["id", "question", "text", *codes, "uncertainty", "uncertain_codes"])


def _digits(values: np.ndarray, least: int = 3, most: int = 12) -> int:
    """Decimals enough to tell the picks apart (near-ties at the cut-off all round to 1.0 at 3)."""
    distinct = len(set(values.tolist()))
    for d in range(least, most):
        if len(set(np.round(values, d).tolist())) == distinct:
            return d
    return most


def uncertainty(model: CodingModel, X: pd.DataFrame) -> pd.DataFrame:
    """Per unit and code (categorical codes by their code), 0-1: 1 where the probability
    sits at the code's cut-off, or where the two likeliest categories are tied."""
    coder = model.coder
    proba = coder.predict_proba(X)
    out = {}
    grouped = {c for g in coder.exclusive or [] for c in g}
    for code in coder.model_codes_:
        if code in grouped:
            continue
        p, t = proba[code].to_numpy(), coder.threshold_[code]
        out[code] = 1.0 - np.abs(p - t) / np.where(p < t, t, 1.0 - t)
    for group in coder.exclusive or []:
        cols = [c for c in group if c in coder.model_codes_]
        if len(cols) >= 2:
            top = np.sort(proba[cols].to_numpy(), axis=1)[:, ::-1]
            out[model.categories.get(cols[0], (cols[0],))[0]] = 1.0 - (top[:, 0] - top[:, 1])
    return pd.DataFrame(out, index=proba.index)
