"""A theme's keywords: terms its segments use together, and that set it apart.

1. :class:`Terms` - lemmas of two or more letters that are not stop words, and
   pairs of such lemmas that stand next to each other in the text (phrases).
   Only terms found in at least two segments count (:func:`segment_terms`).
2. Weights: c-TF-IDF (BERTopic's ``ClassTfidfTransformer`` with
   ``reduce_frequent_words``) on the number of the theme's *segments* that use a
   term, not on how often it is said: one speaker repeating a word twenty times
   does not make it the theme's word.
3. Candidates: the best ``candidates`` terms used by at least ``min_share`` of
   the theme's segments (and by two): a word one person used names no theme.
4. Choice (:func:`coherent`): the best candidate first; then, each time, the
   candidate with the best weight x (1/2 + 1/2 x the share of the segments using
   an already chosen keyword that also use it), among the candidates used together
   with *every* chosen keyword in at least one of the theme's segments; the list
   ends when no candidate is. Keywords a researcher reads together are used
   together, so a label describes one set of segments rather than a list of
   unrelated rare words (short quotes give short lists). Inflections of a chosen
   word and phrases whose words are all chosen are skipped
   (:func:`~qualkit.topics.records.says_more`), and so is a phrase holding a chosen
   word that fewer than half of the word's segments use (it would take the word's place).

>>> import numpy as np
>>> docs = ["trein vertraging", "trein vertraging perron", "trein te laat", "kantine koffie", "kantine dicht"]
>>> X, terms = segment_terms(docs, {"te"})
>>> list(terms)
['kantine', 'trein', 'trein vertraging', 'vertraging']
>>> kw = theme_keywords(X, terms, np.array([0, 0, 0, 1, 1]), n=3)
>>> [w for w, _ in kw[0].shown], [w for w, _ in kw[1].shown]
(['trein vertraging'], ['kantine'])
"""
from __future__ import annotations

import re
from typing import NamedTuple, Sequence

import numpy as np

from qualkit.topics.embed import TOKEN_PATTERN
from qualkit.topics.records import says_more


class Terms:
    """Analyzer for keywords: words of two or more letters that are not stop words, and pairs
    of such words that stand next to each other in the text (real phrases, not pairs left
    over once the stop words between them are gone)."""

    def __init__(self, stops: frozenset[str] | set[str]):
        self.stops = frozenset(stops)

    def __call__(self, doc: str) -> list[str]:
        words = re.findall(TOKEN_PATTERN, doc.lower())
        keep = [w not in self.stops for w in words]
        out = [w for w, k in zip(words, keep) if k]
        pairs = (f"{a} {b}" for a, b, ka, kb in zip(words, words[1:], keep, keep[1:]) if ka and kb)
        return out + [p for p in pairs if p not in self.stops]   # a user's stop phrase ("open vld")


def segment_terms(docs: Sequence[str], stops: frozenset[str] | set[str], min_segments: int = 2):
    """The segments x terms count matrix of ``docs`` (lemmas joined by spaces) and its terms:
    :class:`Terms` found in at least ``min_segments`` segments."""
    from sklearn.feature_extraction.text import CountVectorizer

    vec = CountVectorizer(analyzer=Terms(stops), min_df=min(min_segments, len(docs)))
    try:
        X = vec.fit_transform(docs)
    except ValueError:  # no term in min_segments segments
        return None, np.array([], dtype=object)
    return X.tocsr(), vec.get_feature_names_out()


def vectorizer(terms: Sequence[str], stops: frozenset[str] | set[str]):
    """A CountVectorizer with :class:`Terms` and a fixed vocabulary, for BERTopic (which fits
    its vectorizer on one document per theme, where ``min_df`` would count themes)."""
    from sklearn.feature_extraction.text import CountVectorizer

    return CountVectorizer(analyzer=Terms(stops), vocabulary=list(terms) or None)


class Keywords(NamedTuple):
    """A theme's keywords (``shown``, chosen by :func:`coherent`) and its other candidates
    (``more``, for stub rules), as (term, c-TF-IDF weight)."""

    shown: list[tuple[str, float]]
    more: list[tuple[str, float]]


def theme_keywords(X, terms: Sequence[str], topics: np.ndarray, n: int = 10, candidates: int = 30,
                   min_share: float = 0.1) -> dict[int, Keywords]:
    """For each theme (``topics`` >= 0, one per row of ``X``): up to ``n`` keywords chosen by
    :func:`coherent` and the rest of its candidates, weights from c-TF-IDF on segment counts."""
    import scipy.sparse as sp
    from bertopic.vectorizers import ClassTfidfTransformer

    ks = sorted(int(k) for k in set(np.asarray(topics).tolist()) - {-1})
    if X is None or not ks or not len(terms):
        return {k: Keywords([], []) for k in ks}
    used = (X > 0).astype(np.float64).tocsr()
    member = sp.csr_matrix((np.asarray(topics)[None, :] == np.asarray(ks)[:, None]).astype(np.float64))
    counts = (member @ used).toarray()
    keep = np.flatnonzero(counts.sum(axis=0) > 0)  # terms only outliers use have no weight
    used, counts, terms = used[:, keep], counts[:, keep], np.asarray(terms, dtype=object)[keep]
    weights = ClassTfidfTransformer(reduce_frequent_words=True).fit_transform(sp.csr_matrix(counts)).toarray()
    out: dict[int, Keywords] = {}
    for i, k in enumerate(ks):
        rows = np.flatnonzero(topics == k)
        floor = max(2.0, min_share * len(rows))
        w = np.where(counts[i] >= floor, weights[i], 0.0)
        if not (w > 0).any():  # a small theme whose words are all rare: its best words still
            w = weights[i]
        order = [j for j in np.argsort(-w, kind="stable")[:candidates] if w[j] > 0]
        sub = used[rows][:, order].toarray() > 0
        picked = coherent([terms[j] for j in order], w[order], sub, n)
        rest = [j for j in range(len(order)) if j not in picked]
        out[k] = Keywords(*([(str(terms[order[j]]), float(w[order[j]])) for j in part] for part in (picked, rest)))
    return out


def coherent(terms: Sequence[str], weights: np.ndarray, used: np.ndarray, n: int) -> list[int]:
    """Indexes of up to ``n`` of ``terms`` (best weight first; ``used``: segments x terms,
    True where a segment uses a term): the best one, then each time the term with the
    best ``weight x (1/2 + 1/2 x mean share of the chosen terms' segments that use it too)``
    among the terms some segment uses together with each chosen term.

    >>> used = np.array([[1, 1, 0], [1, 1, 0], [1, 0, 1], [0, 0, 1]], dtype=bool)
    >>> coherent(["a", "b", "c"], np.array([1.0, .6, .7]), used, 2)
    [0, 1]
    >>> coherent(["a", "b", "c"], np.array([1.0, .6, .7]), used, 3)  # no segment uses b and c
    [0, 1]
    """
    if not len(terms):
        return []
    top = float(weights[0]) or 1.0
    together = used.T.astype(np.float64) @ used.astype(np.float64)  # segments using both
    alone = np.maximum(np.diag(together), 1.0)
    chosen: list[int] = []
    left = list(range(len(terms)))
    while left and len(chosen) < n:
        if chosen:
            both = together[np.ix_(left, chosen)]
            score = weights[left] / top * (0.5 + 0.5 * (both / alone[chosen]).mean(axis=1))
            score[(both == 0).any(axis=1)] = -1.0  # never used together with a chosen keyword
        else:
            score = weights[left] / top
        if score.max() < 0:
            break
        best = left.pop(int(np.argmax(score)))
        if says_more(terms[best], [terms[c] for c in chosen]) and not _narrows(best, chosen, terms, together):
            chosen.append(best)
    return chosen


def _narrows(term: int, chosen: list[int], terms: Sequence[str], together: np.ndarray) -> bool:
    """Whether ``term`` is a phrase holding a chosen word that fewer than half of the word's
    segments use: shown in the word's place, it would name a corner of the theme."""
    parts = str(terms[term]).split()
    return len(parts) > 1 and any(terms[c] in parts and 2 * together[term, c] < together[c, c] for c in chosen)


class Chosen:
    """A BERTopic representation model that gives each theme the keywords shown by
    :func:`theme_keywords`, none when it has none."""

    def __init__(self, keywords: dict[int, Keywords]):
        self.keywords = keywords

    def extract_topics(self, topic_model, documents, c_tf_idf, topics: dict) -> dict:
        # a theme with none keeps none: BERTopic's own would be words one person used, in alphabetical order
        return {k: self.keywords[k].shown if k in self.keywords else v for k, v in topics.items()}
