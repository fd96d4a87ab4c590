"""Character n-gram counts for the learned coder, at array speed.

:func:`char_wb_counts` counts the same n-grams as scikit-learn's
``CountVectorizer(analyzer="char_wb")`` (lower case, within words padded by one
space, a word shorter than ``n`` giving itself once) but counts each distinct
word once, with numpy, and spreads the counts over the texts by one sparse
product: no Python step per n-gram.

>>> counts, grams = char_wb_fit(["Meer personeel", "personeel"], (3, 3))
>>> grams[:4], counts.toarray()[:, :4].tolist()
([' me', ' pe', 'eel', 'eer'], [[1.0, 1.0, 1.0, 1.0], [0.0, 1.0, 1.0, 0.0]])
"""
from __future__ import annotations

from typing import Sequence

import numpy as np
import pandas as pd
from scipy import sparse


def word_counts(texts: Sequence[str]) -> tuple[sparse.csr_matrix, list[str]]:
    """Texts x distinct words (lower case, split on white space) and the words, in order of first use."""
    tokens = [t.lower().split() for t in texts]
    lengths = np.fromiter((len(t) for t in tokens), dtype=np.int64, count=len(tokens))
    codes, words = pd.factorize(pd.Series([w for t in tokens for w in t], dtype=object), sort=False)
    rows = np.repeat(np.arange(len(tokens)), lengths)
    W = sparse.csr_matrix((np.ones(len(codes)), (rows, codes)), shape=(len(tokens), len(words)))
    W.sum_duplicates()
    return W, [str(w) for w in words]


def _grams(lengths: np.ndarray, offsets: np.ndarray, points: np.ndarray, alphabet: int, n: int, first: bool):
    """The n-grams of the padded words (``points``: their characters as alphabet indices, word
    ``i`` from ``offsets[i]``): the word of each n-gram, its distinct-n-gram index, and per
    distinct n-gram where one occurrence starts and its length. A padded word shorter than
    ``n`` is one n-gram, itself, at the ``first`` order only (as scikit-learn's ``char_wb``)."""
    per_word = np.maximum(lengths - n + 1, 1 if first else 0)
    owner = np.repeat(np.arange(len(lengths)), per_word)
    start = offsets[owner] + np.arange(len(owner)) - np.repeat(np.cumsum(per_word) - per_word, per_word)
    long = lengths[owner] >= n
    windows = points[start[long, None] + np.arange(n)]
    if alphabet ** n < 2 ** 63:                       # one integer per n-gram: hashed, no sort
        inverse, distinct = pd.factorize(windows @ (alphabet ** np.arange(n - 1, -1, -1, dtype=np.int64)))
        first_at = np.empty(len(distinct), dtype=np.int64)
        first_at[inverse[::-1]] = np.arange(len(inverse))[::-1]
    else:
        keys = np.ascontiguousarray(windows).view(f"V{8 * n}").ravel()
        _, first_at, inverse = np.unique(keys, return_index=True, return_inverse=True)
    index = np.empty(len(owner), dtype=np.int64)
    index[long] = inverse.ravel()
    index[~long] = len(first_at) + np.arange(int((~long).sum()))
    at = np.concatenate([start[long][first_at], start[~long]])
    size = np.concatenate([np.full(len(first_at), n), lengths[owner[~long]]])
    return owner, index, at, size


def _char_grams(texts: Sequence[str], ngram_range: tuple[int, int]):
    """Texts x distinct n-grams (counts; columns in no particular order) and per column where
    one occurrence starts in ``padded`` (the distinct words, each padded by a space) and its length."""
    W, words = word_counts(texts)
    padded = "".join(f" {w} " for w in words)
    lengths = np.fromiter((len(w) + 2 for w in words), dtype=np.int64, count=len(words))
    offsets = np.cumsum(lengths) - lengths
    chars, points = np.unique(np.frombuffer(padded.encode("utf-32-le"), dtype="<u4"), return_inverse=True)
    points = points.astype(np.int64).ravel()
    owners, indices, ats, sizes, n_grams = [], [], [], [], 0
    for n in range(ngram_range[0], ngram_range[1] + 1) if words else ():
        owner, index, at, size = _grams(lengths, offsets, points, len(chars), n, n == ngram_range[0])
        owners.append(owner)
        indices.append(index + n_grams)
        ats.append(at)
        sizes.append(size)
        n_grams += len(at)
    if not n_grams:
        return sparse.csr_matrix((len(texts), 0)), padded, np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    owner, index = np.concatenate(owners), np.concatenate(indices)
    M = sparse.csr_matrix((np.ones(len(owner)), (owner, index)), shape=(len(words), n_grams))
    return (W @ M).tocsr(), padded, np.concatenate(ats), np.concatenate(sizes)


def char_wb_fit(texts: Sequence[str], ngram_range: tuple[int, int], min_df: int = 1,
                max_features: int | None = None) -> tuple[sparse.csr_matrix, list[str]]:
    """Texts x character n-grams within words and the n-grams, sorted: those in at least
    ``min_df`` texts, the ``max_features`` most frequent of them (as scikit-learn's
    ``CountVectorizer(analyzer="char_wb", min_df=..., max_features=...)``)."""
    C, padded, at, size = _char_grams(texts, ngram_range)
    df = np.bincount(C.indices, minlength=C.shape[1])
    keep = np.flatnonzero(df >= min_df)
    if max_features is not None and len(keep) > max_features:
        total = np.asarray(C[:, keep].sum(axis=0)).ravel()
        names = np.array([padded[a:a + k] for a, k in zip(at[keep].tolist(), size[keep].tolist())], dtype=object)
        order = np.argsort(names, kind="stable")
        keep = keep[order][np.argsort(-total[order], kind="stable")[:max_features]]
    grams = [padded[a:a + k] for a, k in zip(at[keep].tolist(), size[keep].tolist())]
    order = sorted(range(len(grams)), key=grams.__getitem__)
    return C[:, keep[order]].tocsr(), [grams[i] for i in order]


def char_wb_counts(texts: Sequence[str], ngram_range: tuple[int, int], vocabulary: Sequence[str]) -> sparse.csr_matrix:
    """Texts x the character n-grams of ``vocabulary`` (counts, in its order)."""
    C, padded, at, size = _char_grams(texts, ngram_range)
    grams = [padded[a:a + k] for a, k in zip(at.tolist(), size.tolist())]
    column = pd.Index(list(vocabulary), dtype=object).get_indexer(grams) if grams else np.zeros(0, dtype=np.int64)
    known = np.flatnonzero(column >= 0)
    P = sparse.csr_matrix((np.ones(len(known)), (known, column[known])), shape=(C.shape[1], len(vocabulary)))
    return (C @ P).tocsr()
