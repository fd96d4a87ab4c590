"""How qualkit groups segments into themes, around BERTopic's UMAP + HDBSCAN.

1. :func:`with_context` - a turn in a conversation is read with the turns
   around it: each segment's vector is mixed with those of up to ``window``
   neighbouring segments of the same document (weight ``weight / distance``).
   Survey answers are each their own document, so they are left as they are.
2. UMAP to 5 dimensions (:class:`Reduction`) and HDBSCAN (:class:`Clusters`):
   the number of themes comes from the data. When HDBSCAN's usual selection puts
   more than half of the segments in one theme, its leaf selection is used (rows
   of that theme between its leaves join the nearest leaf).
3. :func:`reassign_outliers` - HDBSCAN leaves many segments out. An outlier
   joins its nearest theme (cosine to the theme's mean vector) only when it is
   as close to it as the theme's own members are: at least as close as the
   member at the ``quantile`` (2.5%) of the theme's similarities. The rest stay
   unassigned, and their share is reported.
4. :func:`merge_themes` - themes whose mean vectors are nearly the same
   (cosine distance below ``threshold``, average linkage) are merged; with
   ``n_topics`` they are merged until that many are left. The vectors are
   centred on the corpus mean first: embedding models put all texts in a narrow
   cone (multilingual-e5's cosines are all above 0.7), and only the differences
   between texts say what they are about, so one threshold fits every model.

>>> import numpy as np
>>> topics = np.array([0, 0, 1, 1, -1])
>>> emb = np.array([[1, 0], [1, .1], [0, 1], [.1, 1], [1, .05]], dtype=np.float32)
>>> reassign_outliers(emb, topics).tolist()
[0, 0, 1, 1, 0]
"""
from __future__ import annotations

from typing import Any, Sequence

import numpy as np


def _normalise(x: np.ndarray) -> np.ndarray:
    norm = np.linalg.norm(x, axis=1, keepdims=True)
    return x / np.where(norm > 0, norm, 1)


def with_context(emb: np.ndarray, doc_ids: Sequence[str], window: int = 2, weight: float = 0.5) -> np.ndarray:
    """Each row mixed with its neighbours in the same document (rows in reading order)."""
    out = np.array(emb, dtype=np.float32, copy=True)
    n = len(doc_ids)
    for d in range(1, window + 1):
        same = np.array([doc_ids[i] == doc_ids[i + d] for i in range(n - d)], dtype=bool)
        if not same.any():
            continue
        idx = np.flatnonzero(same)
        out[idx] += weight / d * emb[idx + d]
        out[idx + d] += weight / d * emb[idx]
    return _normalise(out)


def neighbours(new: np.ndarray, ref: np.ndarray, k: int, batch: int = 1024) -> tuple[np.ndarray, np.ndarray]:
    """The ``k`` nearest rows of ``ref`` for each row of ``new`` (both L2-normalised), nearest
    first: their indexes and cosine distances."""
    idx = np.zeros((len(new), k), dtype=np.int64)
    dist = np.zeros((len(new), k), dtype=np.float32)
    for a in range(0, len(new), batch):
        sims = new[a:a + batch] @ ref.T
        part = np.argpartition(-sims, k - 1, axis=1)[:, :k]
        top = np.take_along_axis(sims, part, axis=1)
        order = np.argsort(-top, axis=1, kind="stable")
        idx[a:a + batch] = np.take_along_axis(part, order, axis=1)
        dist[a:a + batch] = np.clip(1 - np.take_along_axis(top, order, axis=1), 0, 2)
    return idx, dist


class Reduction:
    """UMAP to ``n_components`` dimensions (cosine, ``n_neighbors`` neighbours, fewer for small
    inputs, ``min_dist=0``), seeded, on exact nearest neighbours found with one matrix
    product (UMAP's own exact search calls a Python function for every pair of rows).

    ``transform`` places new rows at the similarity-weighted mean of their nearest fitted rows.
    """

    def __init__(self, n_neighbors: int = 15, n_components: int = 5, random_state: int | None = None):
        self.n_neighbors = n_neighbors
        self.n_components = n_components
        self.random_state = random_state

    def fit(self, X: np.ndarray, y: Any = None) -> "Reduction":
        self.fit_transform(X)
        return self

    def fit_transform(self, X: np.ndarray, y: Any = None) -> np.ndarray:
        from umap import UMAP

        self.data_ = _normalise(np.asarray(X, dtype=np.float32))
        n = len(self.data_)
        self.k_ = max(2, min(self.n_neighbors, n - 1))
        knn = neighbours(self.data_, self.data_, self.k_)
        self.umap_ = UMAP(n_neighbors=self.k_, n_components=max(2, min(self.n_components, n - 2)), min_dist=0.0,
                          metric="cosine", random_state=self.random_state, precomputed_knn=knn)
        self.embedding_ = np.asarray(self.umap_.fit_transform(self.data_), dtype=np.float32)
        return self.embedding_

    def transform(self, X: np.ndarray) -> np.ndarray:
        idx, dist = neighbours(_normalise(np.asarray(X, dtype=np.float32)), self.data_, self.k_)
        w = np.maximum(1 - dist, 1e-6)
        return (self.embedding_[idx] * w[..., None]).sum(axis=1) / w.sum(axis=1, keepdims=True)


class Clusters:
    """HDBSCAN (``min_cluster_size``, at most 5 ``min_samples``) with excess-of-mass
    selection; when that puts more than ``max_share`` of the rows in one cluster (short,
    similar texts: interview quotes on one subject), leaf selection instead, which
    finds the finer themes inside it. Rows that excess of mass put in a cluster but that
    fall between its leaves are not noise: each joins the leaf of its nearest row in that
    cluster (in the space HDBSCAN clustered), so leaves do not turn half the rows into outliers."""

    def __init__(self, min_cluster_size: int = 10, max_share: float = 0.5):
        self.min_cluster_size = min_cluster_size
        self.max_share = max_share

    def fit(self, X: np.ndarray, y: Any = None) -> "Clusters":
        from hdbscan import HDBSCAN

        X = np.asarray(X)
        eom = None
        for method in ("eom", "leaf"):
            self.method_ = method
            self.labels_ = HDBSCAN(min_cluster_size=self.min_cluster_size,
                                   min_samples=min(5, self.min_cluster_size), metric="euclidean",
                                   cluster_selection_method=method).fit(X).labels_
            found = self.labels_[self.labels_ >= 0]
            if not len(found) or np.bincount(found).max() <= self.max_share * len(self.labels_):
                break
            eom = self.labels_
        if self.method_ == "leaf" and eom is not None:
            self.labels_ = _between_leaves(X, eom, self.labels_)
        return self

    def fit_predict(self, X: np.ndarray, y: Any = None) -> np.ndarray:
        return self.fit(X).labels_


def _between_leaves(X: np.ndarray, eom: np.ndarray, leaf: np.ndarray) -> np.ndarray:
    """``leaf`` labels, where rows left out by the leaves but inside an excess-of-mass cluster
    take the leaf of their nearest leaf member of that cluster."""
    from sklearn.neighbors import NearestNeighbors

    out = np.array(leaf, copy=True)
    for k in set(eom.tolist()) - {-1}:
        inside = eom == k
        members = np.flatnonzero(inside & (leaf >= 0))
        lost = np.flatnonzero(inside & (leaf == -1))
        if len(members) and len(lost):
            near = NearestNeighbors(n_neighbors=1).fit(X[members]).kneighbors(X[lost], return_distance=False)
            out[lost] = leaf[members[near[:, 0]]]
    return out


def centroids(emb: np.ndarray, topics: np.ndarray) -> tuple[list[int], np.ndarray]:
    """The themes (ids >= 0, sorted) and their normalised mean vectors."""
    ks = sorted(int(k) for k in set(topics.tolist()) - {-1})
    if not ks:
        return [], np.zeros((0, emb.shape[1]), dtype=np.float32)
    return ks, _normalise(np.vstack([emb[topics == k].mean(axis=0) for k in ks]))


def assign_nearest(new: np.ndarray, ref: np.ndarray, ref_topics: np.ndarray, quantile: float = 0.025) -> np.ndarray:
    """For each row of ``new``: the nearest theme of ``ref`` (labelled ``ref_topics``) when at
    least as close to its mean as the theme's member at ``quantile`` of its members'
    similarities, else ``-1``."""
    ks, C = centroids(ref, ref_topics)
    out = np.full(len(new), -1, dtype=int)
    if not ks or not len(new):
        return out
    own = ref @ C.T
    floor = np.array([np.quantile(own[ref_topics == k, i], quantile) for i, k in enumerate(ks)])
    sims = new @ C.T
    best = sims.argmax(axis=1)
    close = sims[np.arange(len(new)), best] >= floor[best]
    out[close] = np.asarray(ks)[best[close]]
    return out


def reassign_outliers(emb: np.ndarray, topics: np.ndarray, quantile: float = 0.025) -> np.ndarray:
    """Outliers (``-1``) that :func:`assign_nearest` finds close enough join that theme."""
    out = np.array(topics, copy=True)
    lost = out == -1
    out[lost] = assign_nearest(emb[lost], emb, topics, quantile)
    return out


def merge_themes(emb: np.ndarray, topics: np.ndarray, threshold: float = 0.6,
                 n_topics: int | None = None) -> np.ndarray:
    """Merge themes whose mean vectors are closer than ``threshold`` (cosine distance,
    average linkage), or until ``n_topics`` are left. Ids are renumbered by size (0 = largest)."""
    from sklearn.cluster import AgglomerativeClustering

    ks, C = centroids(_normalise(emb - emb.mean(axis=0)), topics)
    out = np.array(topics, copy=True)
    if len(ks) >= 2 and (n_topics is None or n_topics < len(ks)):
        if n_topics is None:
            model = AgglomerativeClustering(n_clusters=None, metric="cosine", linkage="average",
                                            distance_threshold=threshold)
        else:
            model = AgglomerativeClustering(n_clusters=n_topics, metric="cosine", linkage="average")
        groups = model.fit_predict(C)
        for k, g in zip(ks, groups):
            out[topics == k] = g
    return renumber(out)


def renumber(topics: np.ndarray) -> np.ndarray:
    """Theme ids 0, 1, ... by size (largest first, ties by first appearance); -1 stays."""
    ks = [k for k in dict.fromkeys(topics.tolist()) if k != -1]
    order = sorted(ks, key=lambda k: -int((topics == k).sum()))
    new = {k: i for i, k in enumerate(order)}
    return np.array([new.get(int(t), -1) for t in topics], dtype=int)
