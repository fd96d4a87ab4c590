"""Chunks of a corpus and putting them back together.

Every reader delivers its segments as a stream of :class:`~qualkit.types.Corpus`
chunks; reading a whole file is collecting that stream, so the in-memory and the
streamed path give the same segments, ids, offsets, labels and errors.
"""
from __future__ import annotations

from typing import Iterable

import pandas as pd

from qualkit.types import Corpus

CHUNKSIZE = 20_000
"""Rows (survey) or segments per chunk, unless the caller asks for another size."""


def collect(chunks: Iterable[Corpus]) -> Corpus:
    """One corpus from a stream of chunks (of one or more files).

    Segments and sources in stream order; questions in order of first appearance;
    respondents with the column types of reading all rows at once.
    """
    segments, documents, frames, labels = [], {}, [], {}
    questions: dict[str, None] = {}
    sources: dict[str, None] = {}
    kinds: set[str] = set()
    for c in chunks:
        segments.extend(c.segments)
        documents.update(c.documents)
        frames.append(c.respondents)
        questions.update(dict.fromkeys(c.questions))
        sources.update(dict.fromkeys(c.sources))
        labels.update(c.labels)
        kinds.add(c.kind)
    if not frames:
        raise ValueError("no chunks to collect")
    respondents = _concat(frames)
    kind = kinds.pop() if len(kinds) == 1 else "survey"
    return Corpus(segments=segments, documents=documents, respondents=respondents, questions=list(questions),
                  kind=kind, labels=labels, sources=list(sources))  # type: ignore[arg-type]


def _concat(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """The frames one below the other; a column whose type differs between chunks (numbers in
    one, only missing values in another) gets the type inferred over all its values."""
    if len(frames) == 1:
        return frames[0]
    out = pd.concat(frames)
    mixed = [c for c in out.columns if len({str(f[c].dtype) for f in frames if c in f.columns}) > 1
             or any(c not in f.columns for f in frames)]
    if mixed:
        out[mixed] = out[mixed].astype(object).infer_objects()
    out.index = pd.Index(list(out.index), name="unit_id", dtype=object)
    return out
