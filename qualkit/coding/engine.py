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
from qualkit.types import CODING_COLUMNS, Corpus, Segment, format_spans

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
    negated: pd.DataFrame | None = None
    """Matches a negation cancelled (:data:`NEGATED_COLUMNS`): which cue, where."""

    sources: dict[str, str] = field(default_factory=dict)

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
    negated: list[dict] = []
    rows = list(code_segments(segments, matcher, batch_size=batch_size, n_process=n_process, progress=progress,
                              negated=negated))
    return CodingResult(corpus=corpus, codebook=codebook, codings=frame(rows), pipeline=pipeline.describe(),
                        negated=pd.DataFrame(negated, columns=NEGATED_COLUMNS))


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


NEGATED_COLUMNS = ["unit_id", "question", "speaker", "doc_id", "segment", "unit_start", "unit_end",
                   "match_start", "match_end", "matched", "code", "rule", "cue", "cue_start", "cue_end", "why"]
"""Columns of :attr:`CodingResult.negated`: a match a negation cue cancelled, the cue's
document offsets, and ``why`` (``negated by 'niet' (word 3)``)."""


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
    from qualkit.types import empty_codings

    df = pd.DataFrame(list(rows), columns=CODING_COLUMNS)
    if df.empty:
        return empty_codings()
    return df.astype(empty_codings().dtypes.to_dict())
