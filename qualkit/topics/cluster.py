"""How qualkit groups segments into themes, around BERTopic's UMAP + HDBSCAN.

1. :func:`with_context` - a turn in a conversation is read with the turns
   around it: each segment's vector is mixed with those of up to ``window``
   neighbouring segments of the same document (weight ``weight / distance``).
   Survey answers are each their own document, so they are left as they are.
2. UMAP to 5 dimensions and HDBSCAN (:func:`default_reduction`,
   :func:`default_clustering`): the number of themes comes from the data.
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

import re
from typing import Any, Sequence

import numpy as np

from qualkit.topics.embed import TOKEN_PATTERN


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


def default_reduction(n_docs: int, random_state: int | None) -> Any:
    """UMAP to 5 dimensions (cosine, 15 neighbours, fewer for small inputs), seeded."""
    from umap import UMAP

    return UMAP(n_neighbors=max(2, min(15, n_docs - 1)), n_components=max(2, min(5, n_docs - 2)), min_dist=0.0,
                metric="cosine", random_state=random_state, low_memory=True)


def default_clustering(min_topic_size: int) -> Any:
    """HDBSCAN with ``min_cluster_size=min_topic_size`` and at most 5 ``min_samples``."""
    from hdbscan import HDBSCAN

    return HDBSCAN(min_cluster_size=min_topic_size, min_samples=min(5, min_topic_size), metric="euclidean",
                   cluster_selection_method="eom", prediction_data=False)


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
        out += [f"{a} {b}" for a, b, ka, kb in zip(words, words[1:], keep, keep[1:]) if ka and kb]
        return out


def default_vectorizer(stops: frozenset[str] | set[str], docs: Sequence[str], min_segments: int = 2) -> Any:
    """Keywords (:class:`Terms`) found in at least ``min_segments`` of ``docs`` (a word one
    person used once names no theme).

    The vocabulary is fixed here from the segments: BERTopic fits its vectorizer on
    one document per theme, where ``min_df`` would count themes, not segments.
    """
    from sklearn.feature_extraction.text import CountVectorizer

    analyse = Terms(stops)
    df: dict[str, int] = {}
    for d in docs:
        for w in set(analyse(d)):
            df[w] = df.get(w, 0) + 1
    vocabulary = sorted(w for w, n in df.items() if n >= min_segments) or None
    return CountVectorizer(analyzer=analyse, vocabulary=vocabulary)
