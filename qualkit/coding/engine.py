"""Coding segments by a codebook's rules: the step the engine runs on every chunk.

:func:`code_segments` turns ``(index, segment)`` pairs into codings rows with a
compiled :class:`~qualkit.coding.matcher.CodebookMatcher`;
:class:`CodingResult` is what a whole coding run gives in memory (see
:func:`qualkit.code_corpus`, the engine collecting its results).

>>> m = matcher_for(codebook, load_pipeline("nl"))                          # doctest: +SKIP
>>> rows = list(code_segments(list(enumerate(corpus.segments)), m))        # doctest: +SKIP
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

import pandas as pd

from qualkit.codebook.model import Codebook
from qualkit.coding.matcher import CodebookMatcher, Hit
from qualkit.nlp import Pipeline, load_pipeline
from qualkit.stats import frequency_table
from qualkit.types import CODING_COLUMNS, Corpus, Segment, empty_codings

@dataclass(repr=False)
class CodingResult:
    """What coding produced: the corpus, the codebook, the codings frame
    (:data:`qualkit.types.CODING_COLUMNS`: one row per coding unit, a sentence or
    the whole segment, and code) and the pipeline used. ``sources`` (a learned
    model's coding) says per code what coded it: ``model``, ``rules``, ``rare`` (never) or
    ``model, do not use`` (see :func:`qualkit.coding.learned_use.sources`)."""

    corpus: Corpus
    codebook: Codebook
    codings: pd.DataFrame
    pipeline: str
    sources: dict[str, str] = field(default_factory=dict)

    def __repr__(self) -> str:
        c = self.corpus
        coded = sum(s.coded for s in c.segments)
        units = "interviews" if c.kind == "transcript" else "respondents"
        return (f"CodingResult(codebook {self.codebook.name!r} {self.codebook.version}: {len(self.codings)} codings "
                f"on {coded} segments of {len(c.respondents)} {units}, questions={c.questions[:5]!r}, "
                f"pipeline {self.pipeline.split(' (')[0]!r})")

    def table(self, question: str) -> pd.DataFrame:
        """The frequency table for ``question`` (see :func:`qualkit.stats.frequency_table`)."""
        return frequency_table(self.codings, self.corpus, self.codebook, question)


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


def code_segments(segments: list[tuple[int, Segment]], matcher: CodebookMatcher, *,
                  batch_size: int = 512) -> Iterable[dict]:
    """Codings rows (dicts with CODING_COLUMNS) for ``(index, segment)`` pairs."""
    codebook = matcher.codebook
    per_question: dict[str, frozenset[str]] = {}
    docs = matcher.pipeline.pipe((s.text for _, s in segments), batch_size)
    for start in range(0, len(segments), batch_size):
        batch = segments[start:start + batch_size]
        spans = matcher.regex_spans([s.text for _, s in batch])
        for (i, seg), doc, sp in zip(batch, docs, spans):
            codes = per_question.get(seg.question)
            if codes is None:
                codes = per_question[seg.question] = frozenset(c.id for c in codebook.codes if c.applies_to(seg.question))
            yield from _rows(i, seg, matcher.match(doc, codes, seg.text, sp), codebook.unit)


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
