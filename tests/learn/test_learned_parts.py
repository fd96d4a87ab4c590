"""The learned coder's parts: n-gram counts and TF-IDF (the same as scikit-learn's vectorizers,
on real text), the linear SVMs (the kernel path solves LinearSVC's squared-hinge problem) and the
per-code cut-offs (a code with few examples leans on the pooled codes)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import sparse
from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer
from sklearn.svm import LinearSVC
from sklearn.utils.class_weight import compute_class_weight

from qualkit.coding.learned_features import idf, ngram_counts, ngram_fit, tfidf
from qualkit.coding.learned_svm import _balanced, balanced_weights, best_cutoff, cutoffs, linear_svms, platt, sigmoid
from tests.conftest import shared

ODD = ["a", "", "  x  y ", "de de de", "Ĳsselmeer café naïve ÀÉ 😀 日本語 ok", "\x00ab\x00 a\x00", "één-twee, drie!",
       "x" * 40, "tab\tnew\nline\u00a0nbsp"]


def headlines() -> list[str]:
    df = pd.read_csv(shared("nl-ecosent", "icr_data.csv"), sep=";", encoding="utf-8-sig", usecols=["headline"])
    return df["headline"].dropna().drop_duplicates().head(300).tolist() + ODD


def interview_quotes() -> list[str]:
    df = pd.read_csv(shared("en-rust-unsafe-interviews", "interviews", "coding", "decisions.csv"), encoding="utf-8-sig")
    return df["Text Content"].dropna().astype(str).drop_duplicates().head(200).tolist() + ODD


@pytest.mark.parametrize("texts", [headlines, interview_quotes], ids=["dutch headlines", "english interviews"])
@pytest.mark.parametrize("kind,ngrams,min_df", [("word", (1, 2), 1), ("word", (1, 3), 2), ("char_wb", (2, 5), 2),
                                                ("char_wb", (1, 3), 1), ("char_wb", (4, 6), 1)])
def test_ngrams_are_scikit_learns(texts, kind, ngrams, min_df):
    texts = texts()
    sk = CountVectorizer(analyzer=kind, ngram_range=ngrams, min_df=min_df)
    want = sk.fit_transform(texts)
    got, vocabulary = ngram_fit(kind, texts, ngrams, min_df)
    assert vocabulary == list(sk.get_feature_names_out())
    assert (got != want).nnz == 0
    fresh = texts[::-1][:50] + ["onbekend woord", "zzzz"]
    assert (ngram_counts(kind, fresh, ngrams, vocabulary) != sk.transform(fresh)).nnz == 0
    part = vocabulary[::5]                                    # a vocabulary subset, in its own order
    assert (ngram_counts(kind, fresh, ngrams, part[::-1]) != sk.transform(fresh)[:, np.arange(0, len(vocabulary), 5)[::-1]]).nnz == 0


@pytest.mark.parametrize("texts", [headlines, interview_quotes], ids=["dutch headlines", "english interviews"])
def test_tfidf_is_scikit_learns(texts):
    counts, _ = ngram_fit("char_wb", texts(), (2, 5), 2)
    sk = TfidfTransformer(sublinear_tf=True).fit(counts)
    assert np.allclose(idf(counts), sk.idf_)
    assert abs(tfidf(counts, idf(counts)) - sk.transform(counts)).max() < 1e-12


def test_cutoffs_lean_on_the_pooled_codes_only_with_few_examples():
    rng = np.random.default_rng(0)
    n = 400
    y = (rng.random((n, 3)) < [0.3, 0.3, 0.3]).astype(float)
    P = np.clip(0.3 * y + 0.35 + rng.normal(0, 0.12, (n, 3)), 0.01, 0.99)   # calibrated-ish, best cut-off ~.5
    P[:, 1] = np.clip(0.3 * y[:, 1] + 0.2 + rng.normal(0, 0.12, n), 0.01, 0.99)  # a code with its own, lower cut-off
    y[:, 2] = np.nan
    y[:8, 2] = [1, 1, 0, 0, 0, 0, 0, 0]                         # two examples, one scored low by chance
    P[:8, 2] = [0.9, 0.15, 0.1, 0.08, 0.07, 0.06, 0.05, 0.05]
    cut = cutoffs(P, y)
    for k in (0, 1):                                              # many examples: their own cut-off
        assert abs(cut[k] - best_cutoff(P[:, k], y[:, k].astype(int))) <= 0.02
    own = best_cutoff(P[:8, 2], y[:8, 2].astype(int))
    assert own <= 0.15 and cut[2] >= 0.3                          # alone: a cut-off from one unit; pooled: near the others
    assert cutoffs(P, np.zeros_like(P)).tolist() == [0.5] * 3     # no positives: 0.5


def test_max_features_keeps_the_most_frequent():
    texts = ["aa bb cc aa", "bb cc dd", "ee ff aa"] * 3
    counts, vocabulary = ngram_fit("word", texts, (1, 2), 1, max_features=3)
    assert vocabulary == ["aa", "bb", "bb cc"] and counts.shape == (9, 3)       # 'bb cc' and 'cc' tie: sorted first
    assert ngram_fit("word", ["", "  "], (1, 2))[1] == [] and ngram_fit("char_wb", [""], (2, 5))[0].shape == (1, 0)


def features():
    texts = interview_quotes()
    counts, _ = ngram_fit("char_wb", texts, (2, 4), 2)
    F = sparse.csr_matrix(counts / np.sqrt(counts.multiply(counts).sum(axis=1)).A.clip(1e-9))
    y = np.array(["unsafe" in t.lower() for t in texts], dtype=int)
    groups = np.array([len(t) % 3 for t in texts])
    return F, y, groups


def squared_hinge(F, y, weight, W, b, C=1.0):
    """The primal objective of a weighted squared-hinge SVM with an unregularised offset."""
    margin = np.maximum(0, 1 - np.where(y == 1, 1, -1) * (F @ W + b))
    return 0.5 * W @ W + C * (weight * margin ** 2).sum()


def test_kernel_path_solves_the_squared_hinge_svm():
    """Solved on the kernel (libsvm) and mapped back, each SVM is at least as good on the
    squared-hinge objective as LinearSVC's own (which also regularises the offset), and it
    decides (nearly) the same: 0/1 codes, a one-vs-rest group, a subset of units."""
    F, y, groups = features()
    some = np.arange(len(y)) % 3 > 0
    problems = [(np.ones(len(y), dtype=bool), y), (np.ones(len(y), dtype=bool), groups), (some, y[some])]
    fits = linear_svms(F, problems, 1.0, solver="kernel")
    for (rows, labels), (classes, W, b) in zip(problems, fits):
        ref = LinearSVC(C=1.0, class_weight="balanced", tol=1e-5, max_iter=10000, random_state=0).fit(F[rows], labels)
        assert list(classes) == list(ref.classes_) and W.shape == ref.coef_.shape
        for k in range(len(W)):
            yk = labels if len(classes) == 2 else (labels == classes[k]).astype(int)
            weight = balanced_weights(labels) if len(classes) == 2 else np.where(yk == 1, balanced_weights(labels), 1.0)
            ours = squared_hinge(F[rows], yk, weight, W[k], b[k])
            assert ours <= squared_hinge(F[rows], yk, weight, ref.coef_[k], ref.intercept_[k]) * 1.001
        cos = (W * ref.coef_).sum(axis=1) / (np.linalg.norm(W, axis=1) * np.linalg.norm(ref.coef_, axis=1))
        assert cos.min() > 0.95
        decide = lambda W, b: (F @ W.T + b).argmax(axis=1) if len(W) > 1 else (F @ W[0] + b[0]) > 0   # noqa: E731
        assert (decide(W, b) == decide(ref.coef_, ref.intercept_)).mean() >= 0.95
    assert np.array_equal(fits[0][1], linear_svms(F, problems[:1], 1.0, solver="kernel")[0][1])     # deterministic


def test_balanced_weights_are_scikit_learns():
    """The class weights given to LinearSVC = scikit-learn's "balanced" ones, to the bit."""
    rng = np.random.default_rng(7)
    for trial in range(40):
        n = int(rng.integers(4, 300))
        labels = rng.integers(0, int(rng.integers(2, 20)), n)
        classes = np.unique(labels)
        assert [_balanced(labels)[c] for c in classes.tolist()] == compute_class_weight("balanced", classes=classes,
                                                                                         y=labels).tolist()
