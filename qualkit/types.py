"""The few records every part of qualkit shares.

A :class:`Segment` is one piece of text to code (a survey answer or a speaker
turn) with its metadata. It points into a document of its :class:`Corpus` by
code-point offsets, so codings can be traced back to the original text and
exported to REFI-QDA exactly.

>>> seg = Segment(text="Meer personeel.", doc_id="R1/Q23", start=0, end=15,
...               unit_id="R1", question="Q23", source="survey.csv")
>>> seg.text == "Meer personeel."
True
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator, Literal

import pandas as pd

CODING_COLUMNS = [
    "unit_id", "question", "speaker", "doc_id", "segment",
    "unit_start", "unit_end", "match_start", "match_end", "matched", "match_spans",
    "code", "rule", "method", "confidence", "coder",
]
"""Columns of a codings frame: one row per code applied to one coding unit.

``unit_start``/``unit_end`` delimit the coded unit (sentence or whole answer/turn)
and ``match_start``/``match_end`` the words that triggered the code, both as
code-point offsets into ``Corpus.documents[doc_id]`` (end exclusive).
``match_spans`` lists every matched piece of the unit the same way, as
``"start-end;start-end"`` in text order (empty when unknown, e.g. human codings). ``method``
is ``rule``, ``model`` or ``human``; ``rule`` names the codebook rule (for example
``personeel include[1] glob:aanwerv*``) or, for a model, its strongest features.
"""


NEGATED_COLUMNS = ["unit_id", "question", "speaker", "doc_id", "segment", "unit_start", "unit_end",
                   "match_start", "match_end", "matched", "code", "rule", "cue", "cue_start", "cue_end", "why"]
"""Columns of :attr:`qualkit.coding.CodingResult.negated`: a match a negation cue cancelled, the cue's
document offsets, and ``why`` (``negated by 'niet' (word 3)``)."""


@dataclass(frozen=True, slots=True)
class Segment:
    """One survey answer or one speaker turn, with where it came from."""

    text: str
    doc_id: str
    start: int
    end: int
    unit_id: str
    question: str
    source: str
    speaker: str = ""
    coded: bool = True
    """False for turns that are not coded by default (the interviewer's)."""
    time_start: str = ""
    time_end: str = ""
    """When the turn was spoken, ``hh:mm:ss.mmm`` (WebVTT cue times); empty for other inputs."""
    skipped: bool = False
    """True for a turn of a speaker left out with ``--skip-speaker`` / ``skip_speakers`` (a chair
    giving the floor): not coded, and not the context of a quote (an interviewer's question is)."""

    @property
    def clock(self) -> str:
        """The start as people cite a recording, ``00:04:13`` (``""`` without a time).

        >>> Segment("Ja.", "d", 0, 3, "d", "interview", "d.vtt", time_start="00:04:13.250").clock
        '00:04:13'
        """
        return self.time_start.partition(".")[0]


@dataclass(repr=False)
class Corpus:
    """Segments plus the documents they point into and the respondent variables.

    ``respondents`` is indexed by ``unit_id`` (respondent or interview id) and
    holds the closed variables used for breakdowns. ``questions`` lists the open
    questions (for transcripts: the interview question label, ``"interview"``).
    ``labels`` maps a question id to its full text when the export had one.
    """

    segments: list[Segment]
    documents: dict[str, str]
    respondents: pd.DataFrame
    questions: list[str]
    kind: Literal["survey", "transcript"]
    labels: dict[str, str] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)

    def __repr__(self) -> str:
        units = "interviews" if self.kind == "transcript" else "respondents"
        return (f"Corpus({self.kind}: {len(self.respondents)} {units}, {len(self.segments)} segments, "
                f"questions={_short(self.questions)}, sources={_short(self.sources, 3)})")

    def __iter__(self) -> Iterator[Segment]:
        return iter(self.segments)

    def __len__(self) -> int:
        return len(self.segments)

    def frame(self) -> pd.DataFrame:
        """The segments as a DataFrame (one row per segment, text included)."""
        cols = ["unit_id", "question", "speaker", "doc_id", "start", "end", "time_start", "time_end", "source", "coded",
                "text"]
        return pd.DataFrame([{c: getattr(s, c) for c in cols} for s in self.segments], columns=cols)

    def answered(self, question: str) -> list[str]:
        """Unit ids with a non-empty coded segment for ``question`` (the table base)."""
        seen: dict[str, None] = {}
        for s in self.segments:
            if s.question == question and s.coded:
                seen.setdefault(s.unit_id, None)
        return list(seen)

    @classmethod
    def concat(cls, parts: "Iterable[Corpus]") -> "Corpus":
        """Corpora (the chunks of one input, or several inputs) as one, in order; ids must not clash.

        >>> a = Corpus([], {}, pd.DataFrame(index=["R1"]), ["Q1"], "survey", sources=["s.csv"])
        >>> Corpus.concat([a, a])
        Corpus(survey: 2 respondents, 0 segments, questions=['Q1'], sources=['s.csv'])
        """
        parts = list(parts)
        if not parts:
            raise ValueError("Corpus.concat needs at least one corpus")
        if len(parts) == 1:
            return parts[0]
        kinds = {p.kind for p in parts}
        documents: dict[str, str] = {}
        labels: dict[str, str] = {}
        for p in parts:
            documents.update(p.documents)
            labels.update(p.labels)
        return cls(
            segments=[s for p in parts for s in p.segments], documents=documents,
            respondents=pd.concat([p.respondents for p in parts]),
            questions=list(dict.fromkeys(q for p in parts for q in p.questions)),
            kind=kinds.pop() if len(kinds) == 1 else "survey", labels=labels,
            sources=list(dict.fromkeys(s for p in parts for s in p.sources)),
        )

    def merge(self, other: "Corpus") -> "Corpus":
        """Two corpora as one (for example a survey and transcripts); ids must not clash."""
        return Corpus.concat([self, other])


def _short(items: list, n: int = 5) -> str:
    shown = repr(list(items[:n]))
    return shown if len(items) <= n else f"{shown[:-1]}, ... {len(items)} in all]"


def format_spans(spans, offset: int = 0) -> str:
    """``"5-14;30-39"``: character spans (shifted by ``offset``) as stored in ``match_spans``."""
    return ";".join(f"{offset + s}-{offset + e}" for s, e in spans)


def parse_spans(value: Any) -> list[tuple[int, int]]:
    """The spans of a ``match_spans`` cell (none for '' or a missing value).

    >>> parse_spans("5-14;30-39")
    [(5, 14), (30, 39)]
    """
    if not isinstance(value, str) or not value:
        return []
    out = []
    for part in value.split(";"):
        a, _, b = part.partition("-")
        if a.isdigit() and b.isdigit():
            out.append((int(a), int(b)))
    return out


def empty_codings() -> pd.DataFrame:
    """A codings frame with no rows and the standard columns."""
    return pd.DataFrame({c: pd.Series(dtype=_DTYPES.get(c, "object")) for c in CODING_COLUMNS})


_DTYPES: dict[str, Any] = {
    "segment": "int64", "unit_start": "int64", "unit_end": "int64",
    "match_start": "int64", "match_end": "int64", "confidence": "float64",
}


_DIGITS = re.compile(r"(\d+)")


def natural_key(name: object) -> tuple:
    """Sort key that orders names as people do: ``2`` before ``10``, ``interview-9``
    before ``interview-10``, case-insensitive.

    >>> sorted(["10", "2", "1", "interview-10", "Interview-9"], key=natural_key)
    ['1', '2', '10', 'Interview-9', 'interview-10']
    """
    parts = _DIGITS.split(str(name).casefold())
    return tuple((0, int(p), p) if i % 2 else (1, 0, p) for i, p in enumerate(parts))

