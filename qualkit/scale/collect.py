"""The in-memory API: the engine collecting its results.

:func:`code_corpus` hands a corpus to :func:`~qualkit.scale.engine.code_chunks`
in chunks and keeps every chunk's codings (:class:`Collector`), so a notebook,
``qualkit report`` and ``qualkit export`` code exactly as a streamed run does.

>>> from qualkit import ReadOptions, read_inputs, load_codebook
>>> corpus = read_inputs(["corpora/ocmw-werkdruk-2026.csv"], ReadOptions(id_column="respondent"))  # doctest: +SKIP
>>> result = code_corpus(corpus, load_codebook("codebooks/werkdruk.yaml"))          # doctest: +SKIP
>>> result.table("Q23")                                                             # doctest: +SKIP
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterator

import pandas as pd

from qualkit.codebook.model import Codebook
from qualkit.coding.engine import CodingResult
from qualkit.scale.engine import EngineRun, code_chunks
from qualkit.scale.progress import ProgressCallback
from qualkit.types import NEGATED_COLUMNS, Corpus, empty_codings

if TYPE_CHECKING:
    from qualkit.nlp import Pipeline


class Collector:
    """A sink that keeps everything: the chunks (joined back into one corpus
    with :meth:`Corpus.concat`) and their codings."""

    def __init__(self, keep_corpus: bool = True):
        self.keep_corpus = keep_corpus
        self.chunks: list[Corpus] = []
        self.codings: list[pd.DataFrame] = []
        self.negated: list[pd.DataFrame] = []

    def add(self, chunk: Corpus, codings: pd.DataFrame) -> None:
        if self.keep_corpus:
            self.chunks.append(chunk)
        if len(codings):
            self.codings.append(codings)

    def add_negated(self, chunk: Corpus, negated: pd.DataFrame) -> None:
        if len(negated):
            self.negated.append(negated)

    def corpus(self) -> Corpus:
        return Corpus.concat(self.chunks)

    def frame(self) -> pd.DataFrame:
        return pd.concat(self.codings, ignore_index=True) if self.codings else empty_codings()

    def result(self, codebook: Codebook, run: EngineRun, corpus: Corpus | None = None) -> CodingResult:
        """The :class:`~qualkit.coding.CodingResult` of the run (``corpus``: the one coded, if kept elsewhere)."""
        negated = pd.concat(self.negated, ignore_index=True) if self.negated else pd.DataFrame(columns=NEGATED_COLUMNS)
        return CodingResult(corpus=corpus if corpus is not None else self.corpus(), codebook=codebook,
                            codings=self.frame(), pipeline=run.pipeline, negated=negated, sources=dict(run.coded_by))


def chunks_of(corpus: Corpus, size: int) -> Iterator[Corpus]:
    """``corpus`` in chunks of about ``size`` segments (a unit's segments stay
    together), sharing its documents and respondents (no copies)."""
    segs = corpus.segments
    start = 0
    while True:
        end = min(start + size, len(segs))
        while 0 < end < len(segs) and segs[end].unit_id == segs[end - 1].unit_id:
            end += 1
        yield Corpus(segs[start:end], corpus.documents, corpus.respondents, corpus.questions, corpus.kind,
                     corpus.labels, corpus.sources)
        if end >= len(segs):
            return
        start = end


def code_corpus(corpus: Corpus, codebook: Codebook, pipeline: "Pipeline | None" = None, *,
                model: str | None = None, learned: Any = None, processes: int = 1, chunksize: int = 2000,
                progress: ProgressCallback | None = None, batch_size: int = 512) -> CodingResult:
    """Apply ``codebook`` to every coded segment of ``corpus``: the engine
    (:func:`~qualkit.scale.engine.code_chunks`) over the corpus in chunks, collected.

    Returns one codings row per coding unit (sentence, or the whole segment when
    the codebook's ``unit`` is ``segment``) and code, with the first triggering
    match's offsets and all matched words and rules of that unit, and the matches
    a negation cancelled (``result.negated``, ``result.why()``). ``pipeline``
    (loaded) or ``model`` (a spaCy pipeline name) pick the spaCy pipeline;
    ``learned`` codes with a learned model instead of the rules;
    ``processes > 1`` codes in that many processes; ``progress`` gets
    :class:`~qualkit.scale.progress.ProgressEvent` s.
    """
    sink = Collector(keep_corpus=False)
    total = sum(s.coded for s in corpus.segments)
    run = code_chunks(chunks_of(corpus, chunksize), codebook, [sink], pipeline=pipeline, model=model,
                      learned=learned, processes=processes, progress=progress, total=total, explain=True,
                      batch_size=batch_size)
    return sink.result(codebook, run, corpus)
