"""Word and character n-gram counts for the learned coder, at array speed.

The same n-grams and counts as scikit-learn's ``CountVectorizer`` gives for word
n-grams (its default tokens: two or more word characters, lower case) and for
character n-grams within words (``analyzer="char_wb"``: each word padded by one
space, a word shorter than ``n`` giving itself once), but found with numpy: each
n-gram is one integer, so there is no Python step per n-gram; character n-grams
are counted once per distinct word and spread over the texts by a sparse product;
strings are made only for the n-grams kept.

>>> counts, grams = ngram_fit("char_wb", ["Meer personeel", "personeel"], (3, 3))
>>> grams[:4], counts.toarray()[:, :4].tolist()
([' me', ' pe', 'eel', 'eer'], [[1.0, 1.0, 1.0, 1.0], [0.0, 1.0, 1.0, 0.0]])
>>> ngram_fit("word", ["Meer personeel, minder papier", "meer personeel"], (1, 2))[1]
['meer', 'meer personeel', 'minder', 'minder papier', 'papier', 'personeel', 'personeel minder']
"""
from __future__ import annotations

import re
from typing import Callable, Sequence

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.preprocessing import normalize

TOKEN = re.compile(r"(?u)\b\w\w+\b")
"""scikit-learn's default ``token_pattern``."""
KINDS = ("word", "char_wb")


def _ngrams(lengths: np.ndarray, symbols: np.ndarray, alphabet: int, ngram_range: tuple[int, int], short: bool):
    """The n-grams of sequences of symbols (sequence ``i``: ``lengths[i]`` symbols, one after
    the other in ``symbols``, each < ``alphabet``): the sequence of each n-gram, its
    distinct-n-gram index, and per distinct n-gram where one occurrence starts and its
    length. With ``short``, a sequence shorter than ``n`` is one n-gram, itself, at the
    lowest order only (as ``char_wb``); else it has no n-grams of that order."""
    owner_of = np.repeat(np.arange(len(lengths)), lengths)                    # the sequence of each symbol
    left = np.repeat(np.cumsum(lengths), lengths) - np.arange(len(symbols))  # symbols from here to its end
    lo, hi = ngram_range
    small = np.flatnonzero(lengths < lo) if short else np.zeros(0, dtype=np.int64)
    owners, indices = [small], [np.arange(len(small))]
    ats, sizes, n_distinct = [np.cumsum(lengths)[small] - lengths[small]], [lengths[small]], len(small)
    key = symbols.astype(np.int64)                     # key[s]: the n symbols from s as one base-alphabet number
    for n in range(1, hi + 1):
        if n > 1:
            key = key[:-1] * alphabet + symbols[n - 1:]
        if n < lo:
            continue
        start = np.flatnonzero(left[:len(key)] >= n)
        if alphabet ** n < 2 ** 63:                    # the keys are exact: hashed, no sort
            inverse, distinct = pd.factorize(key[start])
            first = np.empty(len(distinct), dtype=np.int64)
            first[inverse[::-1]] = np.arange(len(inverse))[::-1]
        else:
            windows = np.ascontiguousarray(symbols[start[:, None] + np.arange(n)], dtype=np.int64)
            _, first, inverse = np.unique(windows.view(f"V{8 * n}").ravel(), return_index=True, return_inverse=True)
        owners.append(owner_of[start])
        indices.append(inverse.ravel() + n_distinct)
        ats.append(start[first])
        sizes.append(np.full(len(first), n))
        n_distinct += len(first)
    cat = (lambda parts: np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64))
    return cat(owners), cat(indices), cat(ats), cat(sizes), n_distinct


def _count(kind: str, texts: Sequence[str], ngram_range: tuple[int, int]
           ) -> tuple[sparse.csr_matrix, Callable[[np.ndarray], list[str]], Callable[[np.ndarray], np.ndarray]]:
    """Texts x distinct n-grams (counts, columns in no set order), a function giving the
    strings of some of those columns and one giving the order that sorts them as strings."""
    if kind not in KINDS:
        raise ValueError(f"kind {kind!r}: one of {KINDS}")
    lower = [t.lower() for t in texts]
    tokens = [TOKEN.findall(t) if kind == "word" else t.split() for t in lower]
    per_text = np.fromiter((len(t) for t in tokens), dtype=np.int64, count=len(tokens))
    ids, words = pd.factorize(pd.Series([w for t in tokens for w in t], dtype=object))
    if kind == "word":
        flat = list(words[ids]) if len(ids) else []
        owner, index, at, size, n = _ngrams(per_text, ids.astype(np.int64), max(len(words), 1), ngram_range, False)
        counts = sparse.csr_matrix((np.ones(len(owner)), (owner, index)), shape=(len(texts), n))
        listed = list(words)
        rank = np.empty(len(listed), dtype=np.int64)     # a word's place in sorted order: word n-grams
        rank[sorted(range(len(listed)), key=listed.__getitem__)] = np.arange(len(listed))  # sort as word tuples
        return (counts, lambda cols: [" ".join(flat[a:a + k]) for a, k in zip(at[cols].tolist(), size[cols].tolist())],
                lambda cols: _order(rank[ids], at[cols], size[cols], ngram_range[1]))
    W = sparse.csr_matrix((np.ones(len(ids)), (np.repeat(np.arange(len(texts)), per_text), ids)),
                          shape=(len(texts), len(words)))
    padded = "".join(f" {w} " for w in words)
    code_points = np.frombuffer(padded.encode("utf-32-le"), dtype="<u4")
    points, chars = pd.factorize(code_points)
    lengths = np.fromiter((len(w) + 2 for w in words), dtype=np.int64, count=len(words))
    owner, index, at, size, n = _ngrams(lengths, points.astype(np.int64), max(len(chars), 1), ngram_range, True)
    M = sparse.csr_matrix((np.ones(len(owner)), (owner, index)), shape=(len(words), n))
    return ((W @ M).tocsr(), lambda cols: [padded[a:a + k] for a, k in zip(at[cols].tolist(), size[cols].tolist())],
            lambda cols: _order(code_points.astype(np.int64), at[cols], size[cols], ngram_range[1]))


def _order(symbols: np.ndarray, at: np.ndarray, size: np.ndarray, longest: int) -> np.ndarray:
    """The order that sorts n-grams (``size[i]`` symbols from ``at[i]``) as their strings
    sort: by symbol, a shorter n-gram before the longer ones it begins. Word n-grams
    sort as their strings because a word's characters all come after the space that
    joins them."""
    keys = np.zeros((longest, len(at)), dtype=np.int64)
    for i in range(longest):
        has = size > i
        keys[i, has] = symbols[at[has] + i] + 1
    return np.lexsort(keys[::-1])


def _columns(C: sparse.csr_matrix, column: np.ndarray, width: int) -> sparse.csr_matrix:
    """``C`` with column ``j`` moved to ``column[j]`` (dropped where it is -1), ``width`` columns
    (the column indices within a row left unsorted: no user of these matrices needs them sorted)."""
    new = column[C.indices]
    ok = new >= 0
    rows = np.repeat(np.arange(C.shape[0]), np.diff(C.indptr))
    indptr = np.concatenate([[0], np.cumsum(np.bincount(rows[ok], minlength=C.shape[0]))])
    return sparse.csr_matrix((C.data[ok], new[ok], indptr), shape=(C.shape[0], width))


def ngram_fit(kind: str, texts: Sequence[str], ngram_range: tuple[int, int], min_df: int = 1,
              max_features: int | None = None) -> tuple[sparse.csr_matrix, list[str]]:
    """Texts x n-grams (``kind`` ``"word"`` or ``"char_wb"``) and the n-grams, sorted: those
    in at least ``min_df`` texts, the ``max_features`` most frequent of them (ties: the
    first in sorted order)."""
    C, names, order = _count(kind, texts, ngram_range)
    df = np.bincount(C.indices, minlength=C.shape[1])
    keep = np.flatnonzero(df >= min_df)
    keep = keep[order(keep)]
    if max_features is not None and len(keep) > max_features:
        total = np.bincount(C.indices, weights=C.data, minlength=C.shape[1])[keep]
        keep = keep[np.sort(np.argsort(-total, kind="stable")[:max_features])]
    column = np.full(C.shape[1], -1, dtype=np.int64)
    column[keep] = np.arange(len(keep))
    return _columns(C, column, len(keep)), names(keep)


def ngram_counts(kind: str, texts: Sequence[str], ngram_range: tuple[int, int],
                 vocabulary: Sequence[str]) -> sparse.csr_matrix:
    """Texts x the n-grams of ``vocabulary`` (counts, in its order)."""
    C, names, _ = _count(kind, texts, ngram_range)
    grams = names(np.arange(C.shape[1]))
    column = pd.Index(list(vocabulary), dtype=object).get_indexer(grams) if grams else np.zeros(0, dtype=np.int64)
    return _columns(C, column, len(vocabulary))


def idf(counts: sparse.csr_matrix) -> np.ndarray:
    """Smoothed inverse document frequency per column, ``ln((1 + n) / (1 + df)) + 1``
    (scikit-learn's ``TfidfTransformer``; its estimator checks cost more than the sum here)."""
    df = np.bincount(counts.indices, minlength=counts.shape[1])
    return np.log((1 + counts.shape[0]) / (1 + df)) + 1.0


def tfidf(counts: sparse.csr_matrix, weights: np.ndarray) -> sparse.csr_matrix:
    """Sublinear counts (``1 + ln(count)``) times ``weights`` (:func:`idf`), rows of unit
    length: ``TfidfTransformer(sublinear_tf=True)``'s transform."""
    out = sparse.csr_matrix((1.0 + np.log(counts.data.astype(float)), counts.indices, counts.indptr),
                            shape=counts.shape)
    out.data *= weights[out.indices]
    return normalize(out, copy=False) if out.shape[0] and out.shape[1] else out  # no texts or no n-grams: nothing to scale
