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
           ) -> tuple[sparse.csr_matrix, Callable[[np.ndarray], list[str]]]:
    """Texts x distinct n-grams (counts, columns in no set order) and a function giving
    the strings of some of those columns."""
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
        return counts, lambda cols: [" ".join(flat[a:a + k]) for a, k in zip(at[cols].tolist(), size[cols].tolist())]
    W = sparse.csr_matrix((np.ones(len(ids)), (np.repeat(np.arange(len(texts)), per_text), ids)),
                          shape=(len(texts), len(words)))
    padded = "".join(f" {w} " for w in words)
    points, chars = pd.factorize(np.frombuffer(padded.encode("utf-32-le"), dtype="<u4"))
    lengths = np.fromiter((len(w) + 2 for w in words), dtype=np.int64, count=len(words))
    owner, index, at, size, n = _ngrams(lengths, points.astype(np.int64), max(len(chars), 1), ngram_range, True)
    M = sparse.csr_matrix((np.ones(len(owner)), (owner, index)), shape=(len(words), n))
    return (W @ M).tocsr(), lambda cols: [padded[a:a + k] for a, k in zip(at[cols].tolist(), size[cols].tolist())]


def ngram_fit(kind: str, texts: Sequence[str], ngram_range: tuple[int, int], min_df: int = 1,
              max_features: int | None = None) -> tuple[sparse.csr_matrix, list[str]]:
    """Texts x n-grams (``kind`` ``"word"`` or ``"char_wb"``) and the n-grams, sorted: those
    in at least ``min_df`` texts, the ``max_features`` most frequent of them (ties: the
    first in sorted order)."""
    C, names = _count(kind, texts, ngram_range)
    df = np.bincount(C.indices, minlength=C.shape[1])
    keep = np.flatnonzero(df >= min_df)
    if max_features is not None and len(keep) > max_features:
        keep = keep[np.argsort(np.array(names(keep), dtype=object), kind="stable")]
        total = np.asarray(C[:, keep].sum(axis=0)).ravel()
        keep = keep[np.argsort(-total, kind="stable")[:max_features]]
    grams = names(keep)
    order = sorted(range(len(grams)), key=grams.__getitem__)
    return C[:, keep[order]].tocsr(), [grams[i] for i in order]


def ngram_counts(kind: str, texts: Sequence[str], ngram_range: tuple[int, int],
                 vocabulary: Sequence[str]) -> sparse.csr_matrix:
    """Texts x the n-grams of ``vocabulary`` (counts, in its order)."""
    C, names = _count(kind, texts, ngram_range)
    grams = names(np.arange(C.shape[1]))
    column = pd.Index(list(vocabulary), dtype=object).get_indexer(grams) if grams else np.zeros(0, dtype=np.int64)
    known = np.flatnonzero(column >= 0)
    P = sparse.csr_matrix((np.ones(len(known)), (known, column[known])), shape=(C.shape[1], len(vocabulary)))
    return (C @ P).tocsr()
