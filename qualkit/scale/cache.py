"""Incremental coding: what identifies a segment's coding, and the rows a cache holds.

The key of a segment is ``sha256(prefix, codes, text)`` where ``prefix`` hashes
the codebook (its sha256), the pipeline (name, version, spaCy version) and the
qualkit version, and ``codes`` lists the code ids that apply to the segment's
question. Change any of these and the segment is recoded. A cache is any object
with ``get_many(keys)`` and ``put_many(items)``, such as
:class:`qualkit.project.CodingCache` (one SQLite file); the engine
(:func:`qualkit.scale.engine.code_chunks`) codes only what it does not hold.

>>> segment_key(b"p", "personeel", "Meer personeel.").hex()[:12]
'aa2cbf9dedc0'
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Protocol, Sequence

from qualkit import __version__
from qualkit.codebook.model import Codebook
from qualkit.types import Segment, format_spans, parse_spans

if TYPE_CHECKING:
    from qualkit.nlp import Pipeline

CACHE_FORMAT = "1"


class Cache(Protocol):
    """What the engine needs of a coding cache."""

    def get_many(self, keys: Sequence[bytes]) -> dict[bytes, list]: ...

    def put_many(self, items) -> None: ...


@dataclass
class CacheStats:
    """Segments seen: answered from the cache (``hits``), coded afresh
    (``recoded``), or a repeat of a text coded in this run (``repeats``)."""

    segments: int = 0
    hits: int = 0
    recoded: int = 0
    repeats: int = 0

    def add(self, other: "CacheStats") -> None:
        self.segments += other.segments
        self.hits += other.hits
        self.recoded += other.recoded
        self.repeats += other.repeats


def pipeline_id(pipeline: "Pipeline | str") -> str:
    """What identifies a pipeline's behaviour: its name and version plus spaCy's version."""
    from importlib.metadata import version

    name = pipeline if isinstance(pipeline, str) else pipeline.describe()
    return f"{name} | spacy {version('spacy')}"


def key_prefix(codebook: Codebook, pipeline: "Pipeline | str") -> bytes:
    """The part of every segment key that depends on codebook, pipeline and qualkit."""
    parts = [CACHE_FORMAT, codebook.sha256, pipeline_id(pipeline), __version__]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).digest()


def segment_key(prefix: bytes, codes: str, text: str) -> bytes:
    """The 32-byte key of one segment; ``codes`` is the comma-joined applicable code ids."""
    h = hashlib.sha256(prefix)
    h.update(codes.encode("utf-8"))
    h.update(b"\x00")
    h.update(text.encode("utf-8", "surrogatepass"))
    return h.digest()


def applicable(codebook: Codebook) -> Callable[[str], str]:
    """A function question -> comma-joined ids of the codes that apply to it (memoised)."""
    memo: dict[str, str] = {}

    def codes(question: str) -> str:
        hit = memo.get(question)
        if hit is None:
            hit = memo[question] = ",".join(c.id for c in codebook.codes if c.applies_to(question))
        return hit

    return codes


def to_relative(row: dict, start: int) -> list:
    """A codings row as stored: offsets relative to the answer, constant fields dropped."""
    return [row["unit_start"] - start, row["unit_end"] - start, row["match_start"] - start,
            row["match_end"] - start, row["matched"], row["code"], row["rule"],
            format_spans(parse_spans(row.get("match_spans")), -start)]


def from_relative(rel: Sequence, index: int, seg: Segment) -> dict:
    """A stored row back as a full codings row for segment ``seg`` at ``index``."""
    us, ue, ms, me, matched, code, rule, *spans = rel   # rows cached before match_spans have 7 fields
    s = seg.start
    return {"unit_id": seg.unit_id, "question": seg.question, "speaker": seg.speaker, "doc_id": seg.doc_id,
            "segment": index, "unit_start": s + us, "unit_end": s + ue, "match_start": s + ms,
            "match_end": s + me, "matched": matched, "code": code, "rule": rule,
            "match_spans": format_spans(parse_spans(spans[0]), s) if spans else "",
            "method": "rule", "confidence": 1.0, "coder": "qualkit"}
