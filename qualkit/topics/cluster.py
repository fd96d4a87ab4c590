"""The default sub-models qualkit hands to BERTopic: words, reduction, clustering.

* :func:`stop_words` - spaCy's stop words for the language plus their lemmas,
  because the documents BERTopic sees are lemma strings.
* :func:`default_vectorizer` - a ``CountVectorizer`` on lemmas that keeps only
  words of two or more letters (no punctuation, no numbers) and drops stop words.
* :func:`default_reduction` - PCA to at most 50 dimensions, rows L2-normalised
  (seconds, where UMAP takes minutes and its ``transform`` is slow).
* :class:`ThemeKMeans` - k-means that picks k from the number of documents,
  starts from the codebook's seed topics in guided mode, and marks clusters
  smaller than ``min_size`` as outliers (``-1``), like HDBSCAN would.

>>> km = ThemeKMeans(n_clusters=2, min_size=1).fit([[0, 0], [0, 1], [9, 9], [9, 8]])
>>> len(set(km.labels_))
2
"""
from __future__ import annotations

from typing import Any, Sequence

import numpy as np
from sklearn.base import BaseEstimator, ClusterMixin
from sklearn.cluster import KMeans, kmeans_plusplus
from sklearn.decomposition import PCA
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import Normalizer

from qualkit.topics.embed import TOKEN_PATTERN

MAX_AUTO_CLUSTERS = 50
"""Most themes ``ThemeKMeans`` picks on its own; pass ``nr_topics`` for more."""


def stop_words(language: str, lemmatize: Any = None) -> tuple[str, ...]:
    """spaCy's stop words for ``language`` (``nl`` or ``en``), with their lemmas when
    ``lemmatize`` (a word -> lemma function) is given, sorted."""
    if language == "en":
        from spacy.lang.en.stop_words import STOP_WORDS
    else:
        from spacy.lang.nl.stop_words import STOP_WORDS
    words = {w.lower() for w in STOP_WORDS}
    if lemmatize is not None:
        words |= {lemmatize(w) for w in list(words)}
    return tuple(sorted(w for w in words if w))


def default_vectorizer(stops: Sequence[str], docs: Sequence[str] | None = None,
                       min_segments: int = 2) -> CountVectorizer:
    """Keywords: lemmas of two or more letters, no stop words, no numbers or punctuation.

    With ``docs``, only words found in at least ``min_segments`` of them can be
    keywords: a word one person used once does not describe a theme.
    """
    vocabulary = None
    if docs is not None and min_segments > 1:
        analyse = CountVectorizer(token_pattern=TOKEN_PATTERN, stop_words=list(stops)).build_analyzer()
        df: dict[str, int] = {}
        for d in docs:
            for w in set(analyse(d)):
                df[w] = df.get(w, 0) + 1
        vocabulary = sorted(w for w, n in df.items() if n >= min_segments) or None
    return CountVectorizer(token_pattern=TOKEN_PATTERN, lowercase=True, stop_words=list(stops), vocabulary=vocabulary)


def default_reduction(n_docs: int, n_dims: int, random_state: int | None) -> Any:
    """PCA to ``min(50, n_dims, n_docs - 1)`` dimensions, then L2-normalised rows."""
    k = max(1, min(50, n_dims, n_docs - 1))
    return make_pipeline(PCA(n_components=k, random_state=random_state), Normalizer())


class ThemeKMeans(ClusterMixin, BaseEstimator):
    """k-means for themes, with HDBSCAN's habits: small clusters become outliers.

    ``n_clusters="auto"`` takes ``n_docs // (3 * min_size)`` clusters, between 2
    and :data:`MAX_AUTO_CLUSTERS`. When ``fit`` gets ``y`` (BERTopic passes the
    seed-topic labels in guided mode; ``-1`` is unlabelled), each seed topic with
    at least ``min_size`` documents starts a cluster at their mean, so themes
    line up with the codebook's codes. Clusters with fewer than ``min_size``
    members get label ``-1``; ``predict`` maps to the nearest centre the same way.
    """

    def __init__(self, n_clusters: int | str = "auto", min_size: int = 10, n_init: int = 3,
                 random_state: int | None = 42):
        self.n_clusters = n_clusters
        self.min_size = min_size
        self.n_init = n_init
        self.random_state = random_state

    def fit(self, X: Any, y: Any = None) -> "ThemeKMeans":
        X = np.asarray(X, dtype=np.float64)
        n = X.shape[0]
        if self.n_clusters == "auto":
            k = int(np.clip(n // (3 * max(1, self.min_size)), 2, MAX_AUTO_CLUSTERS))
        else:
            k = int(self.n_clusters)
        k = max(1, min(k, n))
        seeds = self._seed_centres(X, y)[:k]
        if len(seeds):
            rest = k - len(seeds)
            if rest > 0:
                more, _ = kmeans_plusplus(X, n_clusters=rest, random_state=self.random_state)
                seeds = np.vstack([seeds, more])
            km = KMeans(n_clusters=k, init=seeds, n_init=1, random_state=self.random_state)
        else:
            km = KMeans(n_clusters=k, n_init=self.n_init, random_state=self.random_state)
        raw = km.fit_predict(X)
        self.kmeans_ = km
        sizes = np.bincount(raw, minlength=k)
        keep = [c for c in range(k) if sizes[c] >= self.min_size]
        self.mapping_ = np.full(k, -1, dtype=int)
        for new, old in enumerate(keep):
            self.mapping_[old] = new
        self.labels_ = self.mapping_[raw]
        self.cluster_centers_ = km.cluster_centers_[keep]
        return self

    def _seed_centres(self, X: np.ndarray, y: Any) -> np.ndarray:
        if y is None:
            return np.empty((0, X.shape[1]))
        y = np.asarray(y)
        centres = [X[y == s].mean(axis=0) for s in sorted(set(y.tolist()) - {-1})
                   if (y == s).sum() >= max(1, self.min_size)]
        return np.vstack(centres) if centres else np.empty((0, X.shape[1]))

    def predict(self, X: Any) -> np.ndarray:
        return self.mapping_[self.kmeans_.predict(np.asarray(X, dtype=np.float64))]
