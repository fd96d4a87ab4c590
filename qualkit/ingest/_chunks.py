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
    respondents with their column types inferred over all rows, as if read at once.
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
    respondents = pd.concat(frames) if len(frames) > 1 else frames[0]
    respondents = respondents.astype(object).infer_objects()
    respondents.index = pd.Index(list(respondents.index), name="unit_id", dtype=object)
    kind = kinds.pop() if len(kinds) == 1 else "survey"
    return Corpus(segments=segments, documents=documents, respondents=respondents, questions=list(questions),
                  kind=kind, labels=labels, sources=list(sources))  # type: ignore[arg-type]
