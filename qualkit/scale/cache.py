"""Incremental coding: what identifies a segment's coding, and coding only the
segments a cache does not hold.

The key of a segment is ``sha256(prefix, codes, text)`` where ``prefix`` hashes
the codebook (its sha256), the pipeline (name, version, spaCy version) and the
qualkit version, and ``codes`` lists the code ids that apply to the segment's
question. Change any of these and the segment is recoded. A cache is any object
with ``get_many(keys)`` and ``put_many(items)``, such as
:class:`qualkit.project.CodingCache` (one SQLite file).

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


def code_cached(segments: list[tuple[int, Segment]], codebook: Codebook, pipeline: "Pipeline",
                cache: Cache | None, *, n_process: int = 1, batch_size: int = 512,
                progress: Callable[[int, int], None] | None = None) -> tuple[list[dict], CacheStats]:
    """Codings rows for ``(index, segment)`` pairs, coding only cache misses.

    Rows come out in segment order, exactly as :func:`qualkit.coding.engine.code_segments`
    would give them, whether they come from the cache or not. A text repeated
    under the same question is coded once.
    """
    from qualkit.coding.engine import code_segments   # spaCy: only when something is coded
    from qualkit.coding.matcher import CodebookMatcher

    prefix = key_prefix(codebook, pipeline)
    codes = applicable(codebook)
    keys = [segment_key(prefix, codes(s.question), s.text) for _, s in segments]
    stored = cache.get_many(keys) if cache is not None else {}
    first: dict[bytes, int] = {}
    for pos, k in enumerate(keys):
        if k not in stored and k not in first:
            first[k] = pos
    fresh: dict[bytes, list] = {k: [] for k in first}
    if first:
        matcher = CodebookMatcher(codebook, pipeline)
        todo = [(pos, segments[pos][1]) for pos in first.values()]
        for row in code_segments(todo, matcher, batch_size=batch_size, n_process=n_process, progress=progress):
            pos = row["segment"]
            fresh[keys[pos]].append(to_relative(row, segments[pos][1].start))
        if cache is not None:
            cache.put_many(fresh.items())
    out: list[dict] = []
    for k, (index, seg) in zip(keys, segments):
        rel = fresh[k] if k in fresh else stored[k]
        out.extend(from_relative(r, index, seg) for r in rel)
    hits = sum(k in stored for k in keys)
    return out, CacheStats(segments=len(segments), hits=hits, recoded=len(first),
                           repeats=len(segments) - hits - len(first))
