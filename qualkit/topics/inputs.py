"""What :class:`~qualkit.topics.ThemeSuggester` accepts, checked before any model is loaded:
segments (a Corpus, Segments or plain texts), codings and precomputed embeddings.

>>> [s.doc_id for s in as_segments(["Te weinig personeel.", "De kantine is duur."])]
['#0', '#1']
"""
from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from qualkit.errors import ModelError
from qualkit.types import Corpus, Segment


def has_words(doc: str, stops: set[str] | frozenset[str]) -> bool:
    """Whether ``doc`` (lemmas joined by spaces) holds a word of two or more letters not in ``stops``."""
    return any(len(w) > 1 and w not in stops for w in doc.split())


def as_segments(X: Any) -> list[Segment]:
    if isinstance(X, Corpus):
        return list(X.segments)
    if isinstance(X, str):
        raise ModelError(330)
    items = list(X)
    if all(isinstance(x, Segment) for x in items):
        return items
    if all(isinstance(x, str) for x in items):
        return [Segment(text=t, doc_id=f"#{i}", start=0, end=len(t), unit_id=str(i), question="", source="")
                for i, t in enumerate(items)]
    raise ModelError(390)


def check_codings(codings: pd.DataFrame | None, n: int) -> pd.DataFrame | None:
    if codings is None:
        return None
    missing = [c for c in ("segment", "code") if c not in codings.columns]
    if missing:
        raise ModelError(328, columns=', '.join(repr(m) for m in missing))
    seg = pd.to_numeric(codings["segment"], errors="coerce")
    bad = seg.isna() | (seg < 0) | (seg >= n)
    if bad.any():
        rows = ", ".join(str(r) for r in list(codings.index[bad.to_numpy()])[:5])
        raise ModelError(389, rows=rows, count=n)
    return codings.assign(segment=seg.astype(int))


def check_embeddings(embeddings: Any, n: int) -> np.ndarray:
    arr = np.asarray(embeddings, dtype=np.float32)
    if arr.ndim != 2 or arr.shape[0] != n:
        raise ModelError(391, shape=arr.shape, count=n)
    return arr
