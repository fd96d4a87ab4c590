"""The learned coder's parts: n-gram counts (the same as scikit-learn's vectorizers, on real text)
and the linear SVMs (kernel and liblinear paths, weights read back exactly)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import sparse
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.svm import SVC

from qualkit.coding.learned_features import ngram_counts, ngram_fit
from qualkit.coding.learned_svm import balanced_weights, linear_svms
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


def test_kernel_weights_are_the_svms_own():
    """On the kernel path w is read back from the support vectors: w . x + b is libsvm's decision."""
    F, y, groups = features()
    rows = np.ones(len(y), dtype=bool)
    (classes, W, b), (gclasses, GW, gb) = linear_svms(F, [(rows, y), (rows, groups)], 1.0, solver="kernel")
    svm = SVC(kernel="linear", C=1.0).fit(F, y, sample_weight=balanced_weights(y))
    assert list(classes) == [0, 1] and W.shape == (1, F.shape[1])
    assert np.allclose(F @ W[0] + b[0], svm.decision_function(F), atol=1e-6)
    assert GW.shape == (3, F.shape[1]) and list(gclasses) == [0, 1, 2]
    for k in range(3):                                         # one-vs-rest, the rest weighing 1
        yk = (groups == k).astype(int)
        ref = SVC(kernel="linear", C=1.0).fit(F, yk, sample_weight=np.where(yk == 1, balanced_weights(groups), 1.0))
        assert np.allclose(F @ GW[k] + gb[k], ref.decision_function(F), atol=1e-6)


def test_kernel_and_liblinear_paths_agree():
    """The two solvers fit the same SVM (they differ only in whether the offset is regularised)."""
    F, y, _ = features()
    train = np.arange(len(y)) % 4 != 0
    fits = {s: linear_svms(F[train], [(np.ones(train.sum(), dtype=bool), y[train])], 1.0, solver=s)[0]
            for s in ("kernel", "linear")}
    decide = {s: (F[~train] @ W[0] + b[0]) > 0 for s, (_, W, b) in fits.items()}
    assert (decide["kernel"] == decide["linear"]).mean() >= 0.95
    w1, w2 = fits["kernel"][1][0], fits["linear"][1][0]
    assert w1 @ w2 / (np.linalg.norm(w1) * np.linalg.norm(w2)) > 0.95
