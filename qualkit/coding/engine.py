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
from typing import Callable, Iterable

import pandas as pd

from qualkit.codebook.model import Codebook
from qualkit.coding.matcher import CodebookMatcher, Hit
from qualkit.nlp import Pipeline
from qualkit.stats import frequency_table
from qualkit.types import CODING_COLUMNS, NEGATED_COLUMNS, Corpus, Segment, _short, empty_codings, format_spans

Progress = Callable[[int, int], None]


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
    negated: pd.DataFrame | None = None
    """Matches a negation cancelled (:data:`NEGATED_COLUMNS`): which cue, where."""

    sources: dict[str, str] = field(default_factory=dict)

    def __repr__(self) -> str:
        c = self.corpus
        coded = sum(s.coded for s in c.segments)
        units = "interviews" if c.kind == "transcript" else "respondents"
        return (f"CodingResult(codebook {self.codebook.name!r} {self.codebook.version}: {len(self.codings)} codings "
                f"on {coded} segments of {len(c.respondents)} {units}, questions={_short(c.questions)}, "
                f"pipeline {self.pipeline.split(' (')[0]!r})")

    def why(self) -> pd.DataFrame:
        """The codings plus one row per match a negation cancelled, its ``rule`` saying so
        (``negated by 'niet' (word 4): personeel include[0] lemma:personeel``): what
        ``qualkit agree`` shows next to a disagreement. Not for counting."""
        if self.negated is None or self.negated.empty:
            return self.codings
        neg = self.negated.assign(rule=self.negated["why"] + ": " + self.negated["rule"], method="negated")
        return pd.concat([self.codings, neg.reindex(columns=CODING_COLUMNS)], ignore_index=True)

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


def code_segments(segments: list[tuple[int, Segment]], matcher: CodebookMatcher, *, batch_size: int = 512,
                  n_process: int = 1, progress: Progress | None = None,
                  negated: list[dict] | None = None) -> Iterable[dict]:
    """Codings rows (dicts with CODING_COLUMNS) for ``(index, segment)`` pairs;
    matches a negation cancelled go to ``negated`` (dicts with NEGATED_COLUMNS) when given."""
    codebook = matcher.codebook
    per_question: dict[str, frozenset[str]] = {}
    total = len(segments)
    shared = matcher.pipeline.pipe((s.text for _, s in segments), batch_size, n_process) if n_process > 1 else None
    done = 0
    for start in range(0, total, batch_size):
        batch = segments[start:start + batch_size]
        texts = [s.text for _, s in batch]
        spans = matcher.regex_spans(texts)
        if shared is not None:
            docs = [next(shared) for _ in batch]
        else:  # None for texts where no rule can match (CodebookMatcher.tokens)
            docs = matcher.tokens(texts, spans)
        for (i, seg), doc, sp in zip(batch, docs, spans):
            if doc is None:
                continue
            codes = per_question.get(seg.question)
            if codes is None:
                codes = per_question[seg.question] = frozenset(c.id for c in codebook.codes if c.applies_to(seg.question))
            trace: list[Hit] | None = [] if negated is not None else None
            yield from _rows(i, seg, matcher.match(doc, codes, seg.text, sp, trace), codebook.unit)
            if trace:
                negated += _negated_rows(i, seg, trace, codebook.unit)
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
        spans = sorted({sp for h in group for sp in h.spans})
        yield {
            "unit_id": seg.unit_id, "question": seg.question, "speaker": seg.speaker, "doc_id": seg.doc_id,
            "segment": i, "unit_start": seg.start + us, "unit_end": seg.start + ue,
            "match_start": seg.start + first.start, "match_end": seg.start + first.end,
            "matched": " | ".join(dict.fromkeys(matched_words(seg.text, h) for h in group)),
            "match_spans": format_spans(spans, seg.start),
            "code": code, "rule": " | ".join(dict.fromkeys(h.rule for h in group)),
            "method": "rule", "confidence": 1.0, "coder": "qualkit",
        }


def matched_words(text: str, hit: Hit) -> str:
    """The matched words of a hit; the parts of a split verb joined by ' … '."""
    return " … ".join(text[s:e] for s, e in hit.spans) if len(hit.spans) > 1 else text[hit.start:hit.end]


def _negated_rows(i: int, seg: Segment, trace: list[Hit], unit: str) -> list[dict]:
    text_len = len(seg.text)
    out = []
    for h in trace:
        us, ue = (h.sent_start, h.sent_end) if unit == "sentence" else (0, text_len)
        out.append({"unit_id": seg.unit_id, "question": seg.question, "speaker": seg.speaker, "doc_id": seg.doc_id,
                    "segment": i, "unit_start": seg.start + us, "unit_end": seg.start + ue,
                    "match_start": seg.start + h.start, "match_end": seg.start + h.end,
                    "matched": matched_words(seg.text, h), "code": h.code, "rule": h.rule, "cue": h.cue.text,
                    "cue_start": seg.start + h.cue.start, "cue_end": seg.start + h.cue.end, "why": h.why()})
    return out


def frame(rows: Iterable[dict]) -> pd.DataFrame:
    """A codings DataFrame with the standard columns and types from row dicts."""
    df = pd.DataFrame(list(rows), columns=CODING_COLUMNS)
    if df.empty:
        return empty_codings()
    return df.astype(empty_codings().dtypes.to_dict())
