"""One call for ``qualkit themes``: fit a :class:`ThemeSuggester` and write its outputs.

>>> ts = suggest_themes(corpus, codings, codebook, out="out/themes", min_topic_size=5)  # doctest: +SKIP
>>> [t.label for t in ts.themes_ if t.new]                                             # doctest: +SKIP
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Sequence

import numpy as np
import pandas as pd

from qualkit.codebook.model import Codebook
from qualkit.topics.output import FORMATS, write_outputs
from qualkit.topics.embed import DEFAULT_BACKEND
from qualkit.topics.suggest import Progress, ThemeSuggester
from qualkit.types import Corpus, Segment


def suggest_themes(corpus: Corpus | Sequence[Segment] | Sequence[str], codings: pd.DataFrame | None = None,
                   codebook: Codebook | None = None, *, out: str | Path | None = None,
                   formats: Sequence[str] = FORMATS, mode: str = "leftovers", min_topic_size: int | None = None,
                   nr_topics: int | None = None, embedding_model: Any = None, embedding: str = DEFAULT_BACKEND,
                   random_state: int | None = 42, sample_size: int = 5000, language: str | None = None,
                   spacy_model: str | None = None, embeddings: np.ndarray | None = None,
                   stop_words: Sequence[str] = (), cache: bool = True,
                   progress: Progress | None = None, inputs: Sequence[str | Path | None] = ()) -> ThemeSuggester:
    """Suggest themes and, when ``out`` is given, write them there (a folder, atomically).

    ``mode`` is ``leftovers`` (only segments without a coding; all segments when
    ``codings`` is None), ``all`` or ``guided`` (the codebook's include terms seed
    the themes). Returns the fitted :class:`ThemeSuggester`: ``themes_``,
    ``assignments_``, ``comparison_``; the written paths are in ``output_paths_``.
    ``out`` may not hold ``inputs`` or the corpus's sources (checked before fitting).
    ``progress(step, done, total)`` reports each step. Raises
    :class:`~qualkit.errors.ModelError` (``[QK320-333]``, ``[QK380-385]``) or
    :class:`~qualkit.errors.PipelineError` (``[QK325/326/381]``) with what to do.
    """
    if out is not None:
        from qualkit.io import check_output_dir

        inputs = [*inputs, *(corpus.sources if isinstance(corpus, Corpus) else [])]
        check_output_dir(out, inputs)
    ts = ThemeSuggester(embedding_model=embedding_model, mode=mode, min_topic_size=min_topic_size,
                        nr_topics=nr_topics, random_state=random_state, embedding=embedding, language=language,
                        spacy_model=spacy_model, sample_size=sample_size, stop_words=stop_words, cache=cache)
    ts.fit(corpus, codings, codebook, embeddings=embeddings, progress=progress)
    ts.output_paths_ = write_outputs(ts, out, formats, inputs=inputs) if out is not None else []
    return ts
