"""A coder learned from human coding, used like a codebook.

:class:`LearnedCoder` is a scikit-learn style multi-label estimator: TF-IDF on
lemmas (space-joined in column ``text`` of ``X``) plus, optionally, the codebook's
rule hits as 0/1 columns ``rule:<code>``, and one logistic regression per code
(``class_weight="balanced"``). A code with fewer than ``min_positives`` positive
(or negative) units gets no regression: it is coded by its rules when the
codebook has them (status ``rules``), else never (status ``rare``, flagged).
:func:`code_with_model` codes a corpus with a fitted :class:`CodingModel` and
returns the same :class:`~qualkit.coding.CodingResult` as codebook coding.

>>> X = pd.DataFrame({"text": ["meer personeel", "minder administratie", "personeel tekort",
...                            "veel administratie", "geen idee"] * 4})
>>> Y = pd.DataFrame({"personeel": [1, 0, 1, 0, 0] * 4, "admin": [0, 1, 0, 1, 0] * 4})
>>> coder = LearnedCoder(min_positives=3, threshold=0.5).fit(X, Y)
>>> coder.predict(pd.DataFrame({"text": ["personeel", "administratie"]})).to_dict("records")
[{'personeel': 1, 'admin': 0}, {'personeel': 0, 'admin': 1}]
>>> coder.explain(pd.DataFrame({"text": ["meer personeel"]}))[0]["personeel"][0][0]
'personeel'
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Sequence

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.base import BaseEstimator
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold
from sklearn.preprocessing import normalize

from qualkit.codebook.model import Code, Codebook
from qualkit.errors import ModelError, NotFittedError

STATUSES = ("model", "rules", "rare")
RULE_PREFIX = "rule:"


class LearnedCoder(BaseEstimator):
    """One-vs-rest logistic regression on TF-IDF of lemmas (+ rule-hit features).

    ``threshold`` is a probability cut-off (0.5: with balanced class weights this
    favours recall a little) or ``"auto"``: per code the cut-off that maximises F1
    in an inner 3-fold cross-validation (slower; noisy for codes with few positives). ``exclusive`` lists
    groups of codes of which each unit gets exactly one (the categories of a
    categorical code). Fitted attributes: ``codes_``, ``status_``,
    ``n_positives_``, ``threshold_``, ``vocabulary_``, ``idf_``,
    ``rule_features_``, ``model_codes_``, ``coef_``, ``intercept_``.
    """

    def __init__(self, C: float = 4.0, min_positives: int = 5, ngram_range: tuple[int, int] = (1, 1),
                 min_df: int = 1, max_features: int | None = 20000, threshold: float | str = 0.5,
                 rule_weight: float = 1.0, exclusive: Sequence[Sequence[str]] | None = None, random_state: int = 0):
        self.C = C
        self.min_positives = min_positives
        self.ngram_range = ngram_range
        self.min_df = min_df
        self.max_features = max_features
        self.threshold = threshold
        self.rule_weight = rule_weight
        self.exclusive = exclusive
        self.random_state = random_state

    # -- fitting -------------------------------------------------------------------------
    def fit(self, X: pd.DataFrame, Y: pd.DataFrame) -> "LearnedCoder":
        """Fit on ``X`` (column ``text`` and optional ``rule:<code>`` columns) and ``Y``
        (one 0/1 column per code; NaN = this unit was not coded for this code)."""
        self._check_params()
        X, Y = _check_X(X), _check_Y(Y, len(X))
        for group in self.exclusive or []:
            missing = [c for c in group if c not in Y.columns]
            if missing:
                raise ModelError(350, f"exclusive group lists codes that are not columns of Y: {missing[:5]}.")
        texts = X["text"].fillna("").astype(str).tolist()
        vec = CountVectorizer(token_pattern=r"\S+", lowercase=False, ngram_range=tuple(self.ngram_range),
                              min_df=self.min_df, max_features=self.max_features)
        try:
            counts = vec.fit_transform(texts).tocsr()
            vocab = sorted(vec.vocabulary_, key=vec.vocabulary_.get)
        except ValueError:  # no words at all
            counts, vocab = sparse.csr_matrix((len(texts), 0)), []
        df = np.asarray((counts > 0).sum(axis=0)).ravel()
        self.vocabulary_ = vocab
        self.idf_ = np.log((1 + len(texts)) / (1 + df)) + 1.0
        self.rule_features_ = [c for c in X.columns if str(c).startswith(RULE_PREFIX)]
        F = self._features(X, counts)
        self.codes_ = [str(c) for c in Y.columns]
        self.status_, self.n_positives_, self.threshold_ = {}, {}, {}
        coefs, intercepts, self.model_codes_ = [], [], []
        for code in self.codes_:
            y = Y[code]
            mask = y.notna().to_numpy()
            yv = y[mask].astype(int).to_numpy()
            pos, neg = int(yv.sum()), int(len(yv) - yv.sum())
            self.n_positives_[code] = pos
            if min(pos, neg) < self.min_positives:
                self.status_[code] = "rules" if RULE_PREFIX + code in self.rule_features_ else "rare"
                self.threshold_[code] = 0.5
                continue
            clf = self._lr().fit(F[mask], yv)
            coefs.append(clf.coef_.ravel())
            intercepts.append(float(clf.intercept_[0]))
            self.model_codes_.append(code)
            self.status_[code] = "model"
            auto = self.threshold == "auto"
            self.threshold_[code] = self._auto_threshold(F[mask], yv) if auto else float(self.threshold)
        self.coef_ = np.vstack(coefs) if coefs else np.zeros((0, F.shape[1]))
        self.intercept_ = np.asarray(intercepts, dtype=float)
        return self

    def _check_params(self) -> None:
        bad = []
        if not isinstance(self.min_positives, (int, np.integer)) or self.min_positives < 1:
            bad.append(f"min_positives={self.min_positives!r} (a whole number >= 1)")
        if not (isinstance(self.C, (int, float)) and self.C > 0):
            bad.append(f"C={self.C!r} (a number > 0)")
        if self.threshold != "auto" and not (isinstance(self.threshold, (int, float)) and 0 < self.threshold < 1):
            bad.append(f"threshold={self.threshold!r} ('auto' or a number between 0 and 1)")
        if len(tuple(self.ngram_range)) != 2 or not 1 <= self.ngram_range[0] <= self.ngram_range[1]:
            bad.append(f"ngram_range={self.ngram_range!r} (for example (1, 2))")
        if bad:
            raise ModelError(351, "invalid LearnedCoder parameter(s): " + "; ".join(bad) + ".")

    def _lr(self) -> LogisticRegression:
        return LogisticRegression(C=self.C, class_weight="balanced", solver="liblinear", dual=True,
                                  max_iter=1000, random_state=self.random_state)

    def _auto_threshold(self, F, y: np.ndarray) -> float:
        k = int(min(3, y.sum(), len(y) - y.sum()))
        if k < 2:
            return 0.5
        oof = np.zeros(len(y))
        for tr, te in StratifiedKFold(k, shuffle=True, random_state=self.random_state).split(np.zeros(len(y)), y):
            oof[te] = self._lr().fit(F[tr], y[tr]).predict_proba(F[te])[:, 1]
        grid = np.round(np.linspace(0.05, 0.95, 19), 2)
        scores = [2 * np.sum(y & (oof >= t)) / max(np.sum(y) + np.sum(oof >= t), 1) for t in grid]
        best = max(scores)
        return float(min((t for t, s in zip(grid, scores) if s >= best - 1e-12), key=lambda t: abs(t - 0.5)))

    # -- features ------------------------------------------------------------------------
    def _features(self, X: pd.DataFrame, counts=None) -> sparse.csr_matrix:
        if counts is None:
            texts = X["text"].fillna("").astype(str).tolist()
            vocab = {t: i for i, t in enumerate(self.vocabulary_)}
            counts = (CountVectorizer(token_pattern=r"\S+", lowercase=False, ngram_range=tuple(self.ngram_range),
                                      vocabulary=vocab).transform(texts).tocsr()
                      if vocab else sparse.csr_matrix((len(texts), 0)))
        tf = counts.astype(float)
        tf.data = 1.0 + np.log(tf.data)
        tfidf = normalize(tf @ sparse.diags(self.idf_), norm="l2") if tf.shape[1] else tf
        rules = np.column_stack([X[c].fillna(0).to_numpy(dtype=float) if c in X else np.zeros(len(X))
                                 for c in self.rule_features_]) if self.rule_features_ else np.zeros((len(X), 0))
        return sparse.hstack([tfidf, sparse.csr_matrix(rules * self.rule_weight)], format="csr")

    @property
    def feature_names_(self) -> list[str]:
        self._check_fitted()
        return list(self.vocabulary_) + list(self.rule_features_)

    def _check_fitted(self) -> None:
        if not hasattr(self, "coef_"):
            raise NotFittedError(349, "this LearnedCoder is not fitted yet. Call fit(X, Y) first, or load a saved "
                                 "model with load_model(DIR).")

    # -- prediction ----------------------------------------------------------------------
    def predict_proba(self, X: pd.DataFrame) -> pd.DataFrame:
        """Probability per unit and code; a ``rules`` code gives its rule hit (0/1), a ``rare`` code 0."""
        self._check_fitted()
        X = _check_X(X)
        out = pd.DataFrame(0.0, index=X.index, columns=self.codes_)
        if self.model_codes_:
            z = self._features(X) @ self.coef_.T + self.intercept_
            out[self.model_codes_] = 1.0 / (1.0 + np.exp(-np.asarray(z)))
        for code, status in self.status_.items():
            if status == "rules" and RULE_PREFIX + code in X:
                out[code] = X[RULE_PREFIX + code].fillna(0).to_numpy(dtype=float)
        return out

    def predict(self, X: pd.DataFrame) -> pd.DataFrame:
        """0/1 per unit and code (probability >= the code's threshold; one per exclusive group)."""
        proba = self.predict_proba(X)
        out = pd.DataFrame({c: (proba[c] >= self.threshold_[c]).astype(int) if self.status_[c] != "rare" else 0
                            for c in self.codes_}, index=proba.index)
        for group in self.exclusive or []:
            best = proba[list(group)].to_numpy().argmax(axis=1)
            out[list(group)] = np.eye(len(group), dtype=int)[best]
        return out

    def explain(self, X: pd.DataFrame, top: int = 3) -> list[dict[str, list[tuple[str, float]]]]:
        """Per unit and ``model`` code, the ``top`` features that push hardest towards the code."""
        self._check_fitted()
        F = self._features(_check_X(X))
        names = self.feature_names_
        out = []
        for i in range(F.shape[0]):
            row = F.getrow(i)
            per = {}
            for k, code in enumerate(self.model_codes_):
                contrib = row.data * self.coef_[k, row.indices]
                order = np.argsort(-contrib)[:top]
                per[code] = [(names[row.indices[j]], float(contrib[j])) for j in order if contrib[j] > 0]
            out.append(per)
        return out


def _check_X(X) -> pd.DataFrame:
    if isinstance(X, (list, tuple, pd.Series)):
        X = pd.DataFrame({"text": list(X)})
    if not isinstance(X, pd.DataFrame) or "text" not in X.columns:
        raise ModelError(350, "X must be a DataFrame with a 'text' column (lemmas joined by spaces) and "
                         "optional 'rule:<code>' columns; see unit_features().")
    return X.reset_index(drop=True)


def _check_Y(Y, n: int) -> pd.DataFrame:
    if not isinstance(Y, pd.DataFrame) or len(Y) != n:
        raise ModelError(350, f"Y must be a DataFrame with one row per row of X ({n}) and one 0/1 column per code.")
    Y = Y.reset_index(drop=True).apply(pd.to_numeric, errors="coerce")
    bad = [c for c in Y.columns if not Y[c].dropna().isin([0, 1]).all()]
    if bad:
        raise ModelError(350, f"Y column(s) {bad[:5]} hold values other than 0, 1 or missing. Split categorical "
                         "codes into one 0/1 column per category (see learned_train.targets).")
    return Y


# -- the saved unit: estimator + what it needs ------------------------------------------------

@dataclass
class CodingModel:
    """A fitted :class:`LearnedCoder` with its language, unit, codebook (when rule
    features or rule-coded codes are used), categories (``column -> (code, value)``
    for categorical codes) and ``info`` (pipeline, training data hash, scores)."""

    coder: LearnedCoder
    language: str = "nl"
    unit: str = "answer"
    codebook: Codebook | None = None
    categories: dict[str, tuple[str, Any]] = field(default_factory=dict)
    info: dict[str, Any] = field(default_factory=dict)

    def coding_codebook(self, given: Codebook | None = None) -> Codebook:
        """The codebook to report with (labels, parents): the model's, else ``given``,
        plus any code it lacks."""
        base = self.codebook or given or Codebook(name=self.info.get("name", "learned"), version="model", codes=[],
                                         language=self.language)
        have = set(base.ids)
        extra = [Code(id=c, label=c) for c in self.coder.codes_ if c not in have]
        return Codebook(name=base.name, version=base.version, codes=list(base.codes) + extra,
                        language=base.language, unit="segment")


def unit_features(texts: Sequence[str], pipeline, codebook: Codebook | None = None,
                  questions: Sequence[str] | None = None) -> tuple[pd.DataFrame, list[dict]]:
    """``X`` for :class:`LearnedCoder` from raw texts, and per text its rule hits
    (``code -> [(rule, start, end)]``) and word positions (``lemma -> (start, end)``).

    Rule columns ``rule:<code>`` are added when a codebook is given; a code limited
    to some questions only fires on texts of those questions (``questions[i]``).
    """
    from qualkit.coding.matcher import CodebookMatcher

    matcher = CodebookMatcher(codebook, pipeline) if codebook is not None else None
    rule_codes = [c.id for c in codebook.codes if c.include] if codebook is not None else []
    applies: dict[str, frozenset[str]] = {}
    lemmas, rules, details = [], [], []
    for i, doc in enumerate(pipeline.pipe(list(texts))):
        words: dict[str, tuple[int, int]] = {}
        toks = []
        for t in doc:
            if t.is_alpha:
                lem = pipeline.lemma(t)
                toks.append(lem)
                words.setdefault(lem, (t.idx, t.idx + len(t.text)))
        hits: dict[str, list[tuple[str, int, int]]] = {}
        if matcher is not None:
            q = questions[i] if questions is not None else None
            if q not in applies:
                applies[q] = frozenset(c.id for c in codebook.codes if q is None or not q or c.applies_to(q))
            found = matcher.match(doc, applies[q])
            scope = (lambda h: h.sent_start) if codebook.unit == "sentence" else (lambda h: 0)
            excluded = {(scope(h), h.code) for h in found if h.exclude}
            for h in found:
                if not h.exclude and (scope(h), h.code) not in excluded:
                    hits.setdefault(h.code, []).append((h.rule, h.start, h.end))
        lemmas.append(" ".join(toks))
        rules.append([1.0 if c in hits else 0.0 for c in rule_codes])
        details.append({"hits": hits, "words": words})
    X = pd.DataFrame({"text": lemmas})
    if rule_codes:
        X = pd.concat([X, pd.DataFrame(rules, columns=[RULE_PREFIX + c for c in rule_codes])], axis=1)
    return X, details


def _codebook_for(model: CodingModel, codebook: Codebook | None) -> Codebook | None:
    """The codebook whose rules the model needs (its own), checked against one given."""
    needs = bool(model.coder.rule_features_) or "rules" in model.coder.status_.values()
    if model.codebook is not None and codebook is not None and codebook.sha256 != model.codebook.sha256:
        raise ModelError(345, f"the model was trained with codebook {model.codebook.name!r} {model.codebook.version} "
                         f"but codebook {codebook.name!r} {codebook.version} was given (different content). Leave "
                         "the codebook out to use the model's own, or train the model again with this codebook.")
    if needs and model.codebook is None:
        raise ModelError(345, "the model uses codebook rule hits but holds no codebook. Save it again with "
                         "save_model() or train it again with the codebook.")
    return model.codebook if needs else None


def _span(feature: str, detail: dict) -> tuple[int, int] | None:
    """Where a feature is in the text: a rule feature's first hit, else the word's first occurrence."""
    if feature.startswith(RULE_PREFIX):
        hits = detail["hits"].get(feature[len(RULE_PREFIX):])
        return (hits[0][1], hits[0][2]) if hits else None
    return detail["words"].get(feature.split()[0])


def code_with_model(corpus, model: CodingModel, codebook: Codebook | None = None, pipeline=None):
    """Code every coded segment of ``corpus`` with a learned model.

    Returns a :class:`~qualkit.coding.CodingResult` like :func:`qualkit.code_corpus`:
    one codings row per segment and code, ``method`` ``model`` (``confidence`` = the
    predicted probability, ``rule`` = the words that drove it, ``matched`` = where
    they are in the text) or ``rule`` for codes too rare to learn (coded by their rules).

    >>> result = code_with_model(corpus, load_model("model_dir"))              # doctest: +SKIP
    >>> result.codings[["unit_id", "code", "method", "confidence", "rule"]].head()  # doctest: +SKIP
    """
    from qualkit.coding.engine import CodingResult, frame
    from qualkit.nlp import load_pipeline

    rules_cb = _codebook_for(model, codebook)
    pipeline = pipeline or load_pipeline(model.language)
    if pipeline.language != model.language:
        raise ModelError(346, f"the model is for language {model.language!r} but the spaCy pipeline is for "
                         f"{pipeline.language!r}. Load the pipeline for {model.language!r}.")
    segs = [(i, s) for i, s in enumerate(corpus.segments) if s.coded]
    X, details = unit_features([s.text for _, s in segs], pipeline, rules_cb, [s.question for _, s in segs])
    coder = model.coder
    proba, pred, why = coder.predict_proba(X), coder.predict(X), coder.explain(X)
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
                spans = [_span(w, details[n]) for w, _ in words]      # strongest first
                spans = [sp for sp in spans if sp]
                rule = "model: " + ", ".join(f"{w} {v:+.2f}" for w, v in words) if words else "model"
                method, conf = "model", float(proba.at[n, code])
            first = spans[0] if spans else (0, len(seg.text))
            rows.append({
                "unit_id": seg.unit_id, "question": seg.question, "speaker": seg.speaker, "doc_id": seg.doc_id,
                "segment": i, "unit_start": seg.start, "unit_end": seg.end,
                "match_start": seg.start + first[0], "match_end": seg.start + first[1],
                "matched": " | ".join(dict.fromkeys(seg.text[s:e] for s, e in sorted(spans))),
                "code": code, "rule": rule, "method": method, "confidence": conf, "coder": "model",
            })
    return CodingResult(corpus=corpus, codebook=model.coding_codebook(codebook), codings=frame(rows),
                        pipeline=pipeline.describe())


def suggest(model: CodingModel, corpus, n: int = 20, exclude: Sequence[str] = (), pipeline=None) -> pd.DataFrame:
    """The ``n`` coded segments of ``corpus`` the model is least sure about (uncertainty
    sampling), as a sheet to fill in: ``id, question, text``, one empty column per
    code, ``uncertainty`` (1 = at a threshold) and ``uncertain_codes``. Segments whose
    ``doc_id`` or ``unit_id`` is in ``exclude`` (already coded) are skipped."""
    from qualkit.nlp import load_pipeline

    if not isinstance(n, (int, np.integer)) or n < 1:
        raise ModelError(351, f"n={n!r}: ask for at least 1 suggestion.")
    skip = set(map(str, exclude))
    segs = [s for s in corpus.segments if s.coded and s.doc_id not in skip and s.unit_id not in skip]
    if not segs:
        raise ModelError(352, "every segment of the corpus is already coded: nothing to suggest. Give a "
                         "corpus with uncoded answers (for example the new wave).")
    pipeline = pipeline or load_pipeline(model.language)
    X, _ = unit_features([s.text for s in segs], pipeline, _codebook_for(model, None), [s.question for s in segs])
    coder = model.coder
    proba = coder.predict_proba(X)[coder.model_codes_]
    t = np.array([coder.threshold_[c] for c in coder.model_codes_])
    p = proba.to_numpy()
    unc = 1.0 - np.abs(p - t) / np.where(p < t, t, 1.0 - t) if len(t) else np.zeros((len(segs), 0))
    score = unc.max(axis=1) if unc.shape[1] else np.zeros(len(segs))
    order = np.argsort(-score, kind="stable")[:n]
    codes = list(dict.fromkeys(model.categories.get(c, (c,))[0] for c in coder.codes_))
    rows = []
    for k in order:
        near = [coder.model_codes_[j] for j in np.argsort(-unc[k]) if unc[k, j] >= 0.5]
        s = segs[k]
        rows.append({"id": s.unit_id, "question": s.question, "text": s.text, **{c: "" for c in codes},
                     "uncertainty": round(float(score[k]), 3), "uncertain_codes": "; ".join(near)})
    return pd.DataFrame(rows, columns=["id", "question", "text", *codes, "uncertainty", "uncertain_codes"])
