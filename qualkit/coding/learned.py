"""A coder learned from human coding, used like a codebook.

:class:`LearnedCoder` is a scikit-learn estimator. Features: TF-IDF of word
1-2-grams and of character 2-5-grams within words (``char_wb``; the n-grams of
scikit-learn's vectorizers, counted by :mod:`qualkit.coding.learned_features`),
plus, optionally, the codebook's rule hits as 0/1 columns ``rule:<code>``.
Models (:mod:`qualkit.coding.learned_svm`): a linear SVM (squared hinge, classes
weighted to balance) per 0/1 code, and one multi-class (one-vs-rest) SVM per group
of exclusive codes (the categories of one categorical code: one decision, the
highest score wins). Scores become probabilities by Platt scaling on
out-of-fold scores, and each 0/1 code gets the cut-off at which it agrees best
with the people out of fold (Krippendorff's alpha; not F1, which codes far too many units
when the model is weak), the other codes pooled weighing as two coded units, which settles
the cut-off of a code with few examples (``threshold="auto"``). A code with fewer than ``min_positives``
coded units gets no model: it is coded by its rules when the codebook has them
(status ``rules``), else never (status ``rare``).

>>> X = pd.DataFrame({"text": ["meer personeel", "minder administratie", "personeel tekort",
...                            "veel administratie", "geen idee"] * 4})
>>> Y = pd.DataFrame({"personeel": [1, 0, 1, 0, 0] * 4, "admin": [0, 1, 0, 1, 0] * 4})
>>> coder = LearnedCoder(min_positives=3).fit(X, Y)
>>> coder.predict(pd.DataFrame({"text": ["personeel", "administratie"]})).to_dict("records")
[{'personeel': 1, 'admin': 0}, {'personeel': 0, 'admin': 1}]
"""
from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from typing import Any, Sequence

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.base import BaseEstimator, clone
from sklearn.exceptions import ConvergenceWarning
from sklearn.model_selection import KFold

from qualkit.codebook.model import Code, Codebook
from qualkit.coding.learned_features import idf, ngram_counts, ngram_fit, tfidf
from qualkit.coding.learned_svm import cutoffs, linear_svms, platt, sigmoid
from qualkit.errors import ModelError, NotFittedError

STATUSES = ("model", "rules", "rare")
RULE_PREFIX = "rule:"
CHAR_PREFIX = "char:"


class LearnedCoder(BaseEstimator):
    """Word and character n-gram TF-IDF (+ rule hits) into linear SVMs, with per-code cut-offs.

    ``threshold``: ``"auto"`` (per code the probability cut-off with the best alpha in a
    ``cv``-fold cross-validation inside ``fit``, see :func:`~qualkit.coding.learned_svm.cutoffs`)
    or a probability between 0 and 1.
    ``exclusive`` lists groups of columns of ``Y`` of which each unit gets exactly one
    (the categories of a categorical code). ``char_ngrams=None`` leaves character
    n-grams out. Fitted attributes: ``codes_``, ``status_``, ``n_positives_``,
    ``threshold_`` (probability cut-off per 0/1 code), ``model_codes_`` (the columns
    with a row in ``coef_``), ``coef_``, ``intercept_``, ``platt_`` (slope and offset
    per row), ``word_vocabulary_``, ``char_vocabulary_``, ``word_idf_``, ``char_idf_``,
    ``rule_features_``.
    """

    def __init__(self, C: float = 1.0, min_positives: int = 5, word_ngrams: tuple[int, int] = (1, 2),
                 char_ngrams: tuple[int, int] | None = (2, 5), min_df: int = 2, max_features: int | None = 50000,
                 threshold: float | str = "auto", rule_weight: float = 1.0,
                 exclusive: Sequence[Sequence[str]] | None = None, cv: int = 3, random_state: int = 0):
        self.C = C
        self.min_positives = min_positives
        self.word_ngrams = word_ngrams
        self.char_ngrams = char_ngrams
        self.min_df = min_df
        self.max_features = max_features
        self.threshold = threshold
        self.rule_weight = rule_weight
        self.exclusive = exclusive
        self.cv = cv
        self.random_state = random_state

    # -- fitting -------------------------------------------------------------------------
    def fit(self, X: pd.DataFrame, Y: pd.DataFrame) -> "LearnedCoder":
        """Fit on ``X`` (column ``text`` and optional ``rule:<code>`` columns) and ``Y``
        (one 0/1 column per code; NaN = this unit was not coded for this code)."""
        with warnings.catch_warnings():  # the SVMs stop at max_iter on purpose: speed over the last decimals
            warnings.simplefilter("ignore", ConvergenceWarning)
            return self._fit(X, Y)

    def _fit(self, X: pd.DataFrame, Y: pd.DataFrame) -> "LearnedCoder":
        self._check_params()
        X, Y = _check_X(X), _check_Y(Y, len(X))
        groups = self._groups(Y)
        texts = X["text"].fillna("").astype(str).tolist()
        self.rule_features_ = [str(c) for c in X.columns if str(c).startswith(RULE_PREFIX)]
        F = sparse.hstack([*self._fit_ngrams(texts), self._rules(X)], format="csr")
        if not F.shape[1]:
            raise ModelError(371, count=len(texts))
        self.codes_ = [str(c) for c in Y.columns]
        self.status_, self.n_positives_ = {}, {}
        grouped = {c for g in groups for c in g}
        problems, owners = [], []
        V = Y.to_numpy(dtype=float)
        known = ~np.isnan(V)
        positives = (V == 1).sum(axis=0)
        negatives = known.sum(axis=0) - positives
        for k, code in enumerate(self.codes_):             # numpy per code: no pandas in this loop
            self.n_positives_[code] = int(positives[k])
            enough = positives[k] >= self.min_positives and (code in grouped or negatives[k] >= self.min_positives)
            self.status_[code] = "model" if enough else "rules" if RULE_PREFIX + code in self.rule_features_ else "rare"
            if enough and code not in grouped:
                problems.append((known[:, k], V[known[:, k], k].astype(int)))
                owners.append([code])
        place = {c: k for k, c in enumerate(self.codes_)}
        for group in groups:                               # one multi-class decision over the learnable categories
            cols = [c for c in group if self.status_[c] == "model"]
            if len(cols) >= 2:
                sub = V[:, [place[c] for c in cols]]
                mask = (sub == 1).any(axis=1)
                problems.append((mask, sub[mask].argmax(axis=1)))
                owners.append(cols)
        rows: dict[str, tuple[np.ndarray, float]] = {}
        for cols, (classes, W, b) in zip(owners, linear_svms(F, problems, self.C, self.random_state)):
            if len(cols) == 1:
                rows[cols[0]] = (W[0], b[0])
            elif len(classes) == 2:                        # a binary SVM: one row, mirrored
                rows[cols[classes[0]]], rows[cols[classes[1]]] = (-W[0], -b[0]), (W[0], b[0])
            else:
                rows.update({cols[k]: (W[i], b[i]) for i, k in enumerate(classes)})
        self.model_codes_ = [c for c in self.codes_ if c in rows]
        for code in self.codes_:                           # a category whose group could not be learned
            if self.status_[code] == "model" and code not in rows:
                self.status_[code] = "rules" if RULE_PREFIX + code in self.rule_features_ else "rare"
        n_feat = F.shape[1]
        self.coef_ = np.vstack([rows[c][0] for c in self.model_codes_]) if rows else np.zeros((0, n_feat))
        self.intercept_ = np.array([rows[c][1] for c in self.model_codes_], dtype=float)
        self.platt_ = np.tile([1.0, 0.0], (len(self.model_codes_), 1))
        self.threshold_ = {c: 0.5 for c in self.codes_}
        if self.threshold == "auto" and self.model_codes_:
            self.calibrate(self._oof_scores(X, Y), Y)
        elif self.threshold != "auto":
            self.threshold_ = {c: float(self.threshold) for c in self.codes_}
        return self

    def _groups(self, Y: pd.DataFrame) -> list[list[str]]:
        names = pd.Index([str(c) for c in Y.columns])
        if names.has_duplicates:
            raise ModelError(374, codes=list(dict.fromkeys(names[names.duplicated()]))[:5])
        Y.columns = names
        groups = [[str(c) for c in g] for g in self.exclusive or []]
        missing = [c for g in groups for c in g if c not in Y.columns]
        if missing:
            raise ModelError(350, codes=missing[:5])
        for g in groups:
            several = int(((Y[g] == 1).sum(axis=1) > 1).sum())
            if several:
                raise ModelError(375, group=g[:5], count=several)
        return groups

    def _blocks(self):
        """(kind, n-gram range, minimum document frequency) per n-gram block: words, characters."""
        yield "word", tuple(self.word_ngrams), 1
        if self.char_ngrams is not None:
            yield "char_wb", tuple(self.char_ngrams), self.min_df

    def _fit_ngrams(self, texts: list[str]) -> list[sparse.csr_matrix]:
        """The TF-IDF blocks (sublinear counts, smoothed idf, rows of unit length per block)."""
        self.word_vocabulary_, self.word_idf_, self.char_vocabulary_, self.char_idf_ = [], np.zeros(0), [], np.zeros(0)
        blocks = []
        for kind, ngrams, min_df in self._blocks():
            counts, vocabulary = ngram_fit(kind, texts, ngrams, min_df, self.max_features)
            name = kind.split("_")[0]
            setattr(self, f"{name}_vocabulary_", vocabulary)
            setattr(self, f"{name}_idf_", idf(counts))
            blocks.append(tfidf(counts, getattr(self, f"{name}_idf_")))
        return blocks

    def _oof_scores(self, X: pd.DataFrame, Y: pd.DataFrame) -> pd.DataFrame:
        """Out-of-fold decision scores of every model row (``cv`` folds, fixed cut-offs)."""
        folds = KFold(n_splits=min(self.cv, len(X)), shuffle=True, random_state=self.random_state)
        inner = clone(self).set_params(threshold=0.5, min_positives=self.fold_minimum(folds.get_n_splits()))
        out = pd.DataFrame(np.nan, index=range(len(X)), columns=self.model_codes_)
        for tr, te in folds.split(X):
            part = clone(inner).fit(X.iloc[tr], Y.iloc[tr])
            scores = part.decision_function(X.iloc[te])
            out.iloc[te] = scores.reindex(columns=self.model_codes_).to_numpy()
        return out

    def fold_minimum(self, folds: int) -> int:
        """``min_positives`` for the training part of a ``folds``-fold cross-validation
        (``(folds - 1) / folds`` of the units), so that the folds learn the codes the model
        learns from all units and their scores are the model's, not those of a coder that
        leaves a code out."""
        return max(1, int(np.ceil(self.min_positives * (folds - 1) / folds - 1e-9)))

    def calibrate(self, scores: pd.DataFrame, Y: pd.DataFrame) -> "LearnedCoder":
        """Set ``platt_`` and (with ``threshold="auto"``) ``threshold_`` from out-of-fold
        decision ``scores`` (units x ``model_codes_``; NaN where a fold had no model)."""
        self._check_fitted()
        S, T = _take(scores, self.model_codes_), _take(Y, self.model_codes_)
        a, b = platt(S, T)
        self.platt_ = np.column_stack([a, b]) if len(a) else np.zeros((0, 2))
        if self.threshold != "auto":
            self.threshold_ = {c: float(self.threshold) for c in self.codes_}
            return self
        single = [k for k, code in enumerate(self.model_codes_) if not self._grouped(code)]
        cuts = cutoffs(sigmoid(S[:, single] * a[single] + b[single]), T[:, single])
        self.threshold_.update({self.model_codes_[k]: float(t) for k, t in zip(single, cuts)})
        return self

    def _grouped(self, code: str) -> bool:
        return any(code in g for g in self.exclusive or [])

    def _check_params(self) -> None:
        bad = []
        if not isinstance(self.min_positives, (int, np.integer)) or self.min_positives < 1:
            bad.append(f"min_positives={self.min_positives!r} (a whole number >= 1)")
        if not (isinstance(self.C, (int, float)) and 0 < self.C < np.inf):
            bad.append(f"C={self.C!r} (a number > 0)")
        if not (isinstance(self.rule_weight, (int, float)) and np.isfinite(self.rule_weight)):
            bad.append(f"rule_weight={self.rule_weight!r} (a number)")
        if self.threshold != "auto" and not (isinstance(self.threshold, (int, float)) and 0 < self.threshold < 1):
            bad.append(f"threshold={self.threshold!r} ('auto' or a number between 0 and 1)")
        for name in ("word_ngrams", "char_ngrams"):
            ng = getattr(self, name)
            if not (ng is None and name == "char_ngrams") and not _ngrams_ok(ng):
                bad.append(f"{name}={ng!r} (for example (1, 2))")
        if not isinstance(self.cv, (int, np.integer)) or self.cv < 2:
            bad.append(f"cv={self.cv!r} (a whole number >= 2)")
        if bad:
            raise ModelError(369, problems="; ".join(bad))

    # -- features ------------------------------------------------------------------------
    def _features(self, X: pd.DataFrame) -> sparse.csr_matrix:
        texts = X["text"].fillna("").astype(str).tolist()
        blocks = []
        for kind, ngrams, _ in self._blocks():
            name = kind.split("_")[0]
            counts = ngram_counts(kind, texts, ngrams, getattr(self, f"{name}_vocabulary_"))
            blocks.append(tfidf(counts, getattr(self, f"{name}_idf_")))
        return sparse.hstack([*blocks, self._rules(X)], format="csr")

    def _rules(self, X: pd.DataFrame) -> sparse.csr_matrix:
        rules = np.column_stack([X[c].fillna(0).to_numpy(dtype=float) if c in X else np.zeros(len(X))
                                 for c in self.rule_features_]) if self.rule_features_ else np.zeros((len(X), 0))
        return sparse.csr_matrix(rules * self.rule_weight)

    @property
    def feature_names_(self) -> list[str]:
        self._check_fitted()
        return list(self.word_vocabulary_) + [CHAR_PREFIX + t for t in self.char_vocabulary_] + list(self.rule_features_)

    def _check_fitted(self) -> None:
        if not hasattr(self, "coef_"):
            raise NotFittedError(349)

    # -- prediction ----------------------------------------------------------------------
    def decision_function(self, X: pd.DataFrame) -> pd.DataFrame:
        """The linear score per unit and model code (units x ``model_codes_``)."""
        self._check_fitted()
        X = _check_X(X)
        z = self._features(X) @ self.coef_.T + self.intercept_ if self.model_codes_ else np.zeros((len(X), 0))
        return pd.DataFrame(np.asarray(z), index=X.index, columns=self.model_codes_)

    def predict_proba(self, X: pd.DataFrame) -> pd.DataFrame:
        """Probability per unit and code (Platt-scaled scores; within an exclusive group
        they add up to 1); a ``rules`` code gives its rule hit (0/1), a ``rare`` code 0."""
        X = _check_X(X)
        return self._proba(X, self.decision_function(X))

    def _proba(self, X: pd.DataFrame, z: pd.DataFrame) -> pd.DataFrame:
        column = {c: k for k, c in enumerate(self.codes_)}               # numpy, not a pandas step per code
        P = np.zeros((len(X), len(self.codes_)))
        if self.model_codes_:
            P[:, [column[c] for c in self.model_codes_]] = sigmoid(z.to_numpy() * self.platt_[:, 0] + self.platt_[:, 1])
        modelled = set(self.model_codes_)
        for group in self.exclusive or []:
            cols = [column[c] for c in group if c in modelled]
            total = P[:, cols].sum(axis=1)
            P[:, cols] /= np.where(total == 0, 1.0, total)[:, None]
        for code, status in self.status_.items():
            if status == "rules" and RULE_PREFIX + code in X:
                P[:, column[code]] = X[RULE_PREFIX + code].fillna(0).to_numpy(dtype=float)
        return pd.DataFrame(P, index=X.index, columns=self.codes_)

    def predict(self, X: pd.DataFrame) -> pd.DataFrame:
        """0/1 per unit and code: probability >= the code's cut-off; in an exclusive
        group the category with the highest score."""
        X = _check_X(X)
        z = self.decision_function(X)
        return self._predict(self._proba(X, z), z)

    def _predict(self, proba: pd.DataFrame, z: pd.DataFrame) -> pd.DataFrame:
        column = {c: k for k, c in enumerate(self.codes_)}
        cut = np.array([self.threshold_[c] for c in self.codes_], dtype=float)
        out = (proba.reindex(columns=self.codes_).to_numpy(dtype=float) >= cut).astype(int)
        out[:, [column[c] for c in self.codes_ if self.status_[c] == "rare"]] = 0
        modelled = set(self.model_codes_)
        for group in self.exclusive or []:
            cols = [c for c in group if c in modelled]
            out[:, [column[c] for c in group]] = 0
            if cols:
                best = z[cols].to_numpy().argmax(axis=1)
                out[np.arange(len(out)), np.array([column[c] for c in cols])[best]] = 1
        return pd.DataFrame(out, index=proba.index, columns=self.codes_)

    def explain(self, X: pd.DataFrame, top: int = 3) -> list[dict[str, list[tuple[str, float]]]]:
        """Per unit and model code, the ``top`` features that push hardest towards the code."""
        self._check_fitted()
        F = self._features(_check_X(X))
        names = self.feature_names_
        out = []
        for i in range(F.shape[0]):
            row = F.getrow(i)
            contrib = self.coef_[:, row.indices] * row.data           # model codes x present features
            per = {}
            for k, code in enumerate(self.model_codes_):
                order = np.argsort(-contrib[k], kind="stable")[:top]
                per[code] = [(names[row.indices[j]], float(contrib[k, j])) for j in order if contrib[k, j] > 0]
            out.append(per)
        return out


def _take(df: pd.DataFrame, columns: list[str]) -> np.ndarray:
    """``df.reindex(columns=columns).to_numpy(dtype=float)`` without pandas' reindexing (NaN for a missing column)."""
    at = df.columns.get_indexer(columns)
    out = np.full((len(df), len(columns)), np.nan)
    out[:, at >= 0] = df.to_numpy(dtype=float)[:, at[at >= 0]]
    return out


def _ngrams_ok(ng) -> bool:
    try:
        lo, hi = ng
    except (TypeError, ValueError):
        return False
    return all(isinstance(n, (int, np.integer)) and not isinstance(n, bool) for n in (lo, hi)) and 1 <= lo <= hi <= 8


def _check_X(X) -> pd.DataFrame:
    if isinstance(X, (list, tuple, pd.Series)):
        X = pd.DataFrame({"text": list(X)})
    if not isinstance(X, pd.DataFrame) or "text" not in X.columns:
        raise ModelError(363)
    return X.reset_index(drop=True)


def _check_Y(Y, n: int) -> pd.DataFrame:
    if not isinstance(Y, pd.DataFrame) or len(Y) != n:
        raise ModelError(364, count=n)
    try:
        Y = pd.DataFrame(Y.to_numpy(dtype=float), columns=Y.columns)
    except (TypeError, ValueError):
        Y = Y.reset_index(drop=True).apply(pd.to_numeric, errors="coerce")
    values = Y.to_numpy(dtype=float)
    bad = [c for c, ok in zip(Y.columns, ((values == 0) | (values == 1) | np.isnan(values)).all(axis=0)) if not ok]
    if bad:
        raise ModelError(365, codes=bad[:5])
    return Y


# -- the saved unit: estimator + what it needs ------------------------------------------------

@dataclass
class CodingModel:
    """A fitted :class:`LearnedCoder` with its language, unit, codebook (when rule
    features or rule-coded codes are used), categories (``column -> (code, value)``
    for categorical codes) and ``info`` (training data hash, scores)."""

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

    def do_not_use(self) -> list[str]:
        """Codes (columns) flagged in training as not for automatic use (see ``info['scores']``)."""
        return [str(r["code"]) for r in self.info.get("scores", []) if r.get("use") == "no"]
