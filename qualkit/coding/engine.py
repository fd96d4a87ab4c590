"""Coding a corpus with a codebook.

>>> from qualkit.ingest import read_survey
>>> from qualkit.codebook import load_codebook
>>> corpus = read_survey("corpora/ocmw-werkdruk-2026.csv", id_column="respondent", questions=["Q23", "Q24"])  # doctest: +SKIP
>>> result = code_corpus(corpus, load_codebook("codebooks/werkdruk.yaml"))  # doctest: +SKIP
>>> result.codings[["unit_id", "code", "matched"]].head()                  # doctest: +SKIP
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable

import pandas as pd

from qualkit.codebook.model import Codebook
from qualkit.coding.matcher import CodebookMatcher, Hit
from qualkit.nlp import Pipeline, load_pipeline
from qualkit.types import CODING_COLUMNS, Corpus, Segment

Progress = Callable[[int, int], None]


@dataclass
class CodingResult:
    """What coding produced: the corpus, the codebook, the codings frame
    (:data:`qualkit.types.CODING_COLUMNS`) and the pipeline used. ``sources`` (a learned
    model's coding) says per code what coded it: ``model``, ``rules``, ``rare`` (never) or
    ``model, do not use`` (see :func:`qualkit.coding.learned_use.sources`)."""

    corpus: Corpus
    codebook: Codebook
    codings: pd.DataFrame
    pipeline: str
    sources: dict[str, str] = field(default_factory=dict)

    def table(self, question: str) -> pd.DataFrame:
        """The frequency table for ``question`` (see :func:`qualkit.stats.frequency_table`)."""
        from qualkit.stats import frequency_table

        return frequency_table(self.codings, self.corpus, self.codebook, question)


def code_corpus(corpus: Corpus, codebook: Codebook, pipeline: Pipeline | None = None, *,
                batch_size: int = 512, n_process: int = 1, progress: Progress | None = None) -> CodingResult:
    """Apply ``codebook`` to every coded segment of ``corpus``.

    Returns one codings row per coding unit (sentence, or the whole segment when
    the codebook's ``unit`` is ``segment``) and code, with the first triggering
    match's offsets and all matched words and rules of that unit.
    """
    pipeline = pipeline or load_pipeline(codebook.language)
    matcher = matcher_for(codebook, pipeline)
    segments = [(i, s) for i, s in enumerate(corpus.segments) if s.coded]
    rows = list(code_segments(segments, matcher, batch_size=batch_size, n_process=n_process, progress=progress))
    return CodingResult(corpus=corpus, codebook=codebook, codings=frame(rows), pipeline=pipeline.describe())


_MATCHERS: dict[tuple[str, int], CodebookMatcher] = {}


def matcher_for(codebook: Codebook, pipeline: Pipeline) -> CodebookMatcher:
    """The compiled matcher for this codebook content and pipeline, reused across
    calls in one process (its per-word cache stays warm, like spaCy's tokenizer cache)."""
    key = (codebook.sha256, id(pipeline))
    m = _MATCHERS.get(key)
    if m is None or m.pipeline is not pipeline:
        if len(_MATCHERS) >= 8:
            _MATCHERS.pop(next(iter(_MATCHERS)))
        m = _MATCHERS[key] = CodebookMatcher(codebook, pipeline)
    m.codebook = codebook
    return m


def code_segments(segments: list[tuple[int, Segment]], matcher: CodebookMatcher, *, batch_size: int = 512,
                  n_process: int = 1, progress: Progress | None = None) -> Iterable[dict]:
    """Codings rows (dicts with CODING_COLUMNS) for ``(index, segment)`` pairs."""
    codebook = matcher.codebook
    per_question: dict[str, frozenset[str]] = {}
    total = len(segments)
    docs = matcher.pipeline.pipe((s.text for _, s in segments), batch_size, n_process)
    done = 0
    for start in range(0, total, batch_size):
        batch = segments[start:start + batch_size]
        spans = matcher.regex_spans([s.text for _, s in batch])
        for (i, seg), doc, sp in zip(batch, docs, spans):
            codes = per_question.get(seg.question)
            if codes is None:
                codes = per_question[seg.question] = frozenset(c.id for c in codebook.codes if c.applies_to(seg.question))
            yield from _rows(i, seg, matcher.match(doc, codes, seg.text, sp), codebook.unit)
        done += len(batch)
        if progress is not None:
            progress(done, total)


def _rows(i: int, seg: Segment, hits: list[Hit], unit: str) -> Iterable[dict]:
    if not hits:
        return
    text_len = len(seg.text)
    units: dict[tuple[int, int, str], list[Hit]] = {}
    excluded: set[tuple[int, int, str]] = set()
    for h in hits:
        span = (h.sent_start, h.sent_end) if unit == "sentence" else (0, text_len)
        key = (*span, h.code)
        if h.exclude:
            excluded.add(key)
        else:
            units.setdefault(key, []).append(h)
    for (us, ue, code), group in units.items():
        if (us, ue, code) in excluded:
            continue
        group.sort(key=lambda h: h.start)
        first = group[0]
        yield {
            "unit_id": seg.unit_id, "question": seg.question, "speaker": seg.speaker, "doc_id": seg.doc_id,
            "segment": i, "unit_start": seg.start + us, "unit_end": seg.start + ue,
            "match_start": seg.start + first.start, "match_end": seg.start + first.end,
            "matched": " | ".join(dict.fromkeys(seg.text[h.start:h.end] for h in group)),
            "code": code, "rule": " | ".join(dict.fromkeys(h.rule for h in group)),
            "method": "rule", "confidence": 1.0, "coder": "qualkit",
        }


def frame(rows: Iterable[dict]) -> pd.DataFrame:
    """A codings DataFrame with the standard columns and types from row dicts."""
    from qualkit.types import empty_codings

    df = pd.DataFrame(list(rows), columns=CODING_COLUMNS)
    if df.empty:
        return empty_codings()
    return df.astype(empty_codings().dtypes.to_dict())


@dataclass
class ExampleCheck:
    code: str
    expected: bool
    passed: bool
    index: int
    """Position of the example in the code's ``match`` or ``no_match`` list."""


def check_examples(codebook: Codebook, pipeline: Pipeline | None = None) -> list[ExampleCheck]:
    """Run every code's ``examples`` as a self-test: ``match`` sentences must get
    the code, ``no_match`` sentences must not (questions are ignored here)."""
    pipeline = pipeline or load_pipeline(codebook.language)
    matcher = CodebookMatcher(codebook, pipeline)
    out = []
    for code in codebook.codes:
        wanted = frozenset([code.id, *codebook.children(code.id)])
        for expected, examples in ((True, code.match), (False, code.no_match)):
            for k, text in enumerate(examples):
                hits = matcher.match(pipeline.nlp(text), wanted)
                excluded = {(h.sent_start, h.code) for h in hits if h.exclude}
                got = any(not h.exclude and (h.sent_start, h.code) not in excluded for h in hits)
                out.append(ExampleCheck(code=code.id, expected=expected, passed=got == expected, index=k))
    return out
