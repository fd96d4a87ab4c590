"""The one engine: corpus chunks in, coded, handed to sinks; memory stays flat.

Every command and the in-memory API go through :func:`code_chunks`:

1. a chunk (a :class:`~qualkit.types.Corpus` holding every segment of its
   respondents or interviews, as :func:`qualkit.ingest.read_chunks` yields them)
   comes in; its coded segments get their run-wide index;
2. the texts it needs coded go to an :class:`~qualkit.scale.executors.Executor`
   (this process, a pool of processes, or a Dask cluster). A text repeated in
   the chunk under the same codes is coded once; with a ``cache`` (see
   :mod:`qualkit.scale.cache`), texts coded in an earlier run are not coded again;
3. the chunk's codings (:data:`qualkit.types.CODING_COLUMNS`) come back in chunk
   order and every sink's ``add(chunk, codings)`` is called: the counter behind
   the tables (:class:`qualkit.stats.Counts`), file writers, or a collector that
   keeps everything in memory (:func:`qualkit.code_corpus`).

At most ``2 x processes`` chunks are in flight, so memory does not grow with the input.

>>> from qualkit.ingest import read_chunks
>>> from qualkit.stats import Counts
>>> counts = Counts(codebook)                                                    # doctest: +SKIP
>>> run = code_chunks(read_chunks(["big.csv"], options), codebook, [counts])    # doctest: +SKIP
>>> counts.frequency_table("Q23"), run.stats.segments                           # doctest: +SKIP
"""
from __future__ import annotations

import itertools
import time
from collections import deque
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Iterable, Protocol, Sequence

import pandas as pd

from qualkit.codebook.io import dumps
from qualkit.codebook.model import Codebook
from qualkit.errors import ProjectError
from qualkit.scale.cache import Cache, CacheStats, applicable, from_relative, key_prefix, segment_key
from qualkit.scale.executors import Executor, check_pipelines
from qualkit.scale.progress import ProgressCallback, Tracker
from qualkit.scale.worker import code_task, code_texts
from qualkit.types import CODING_COLUMNS, NEGATED_COLUMNS, Corpus, empty_codings

if TYPE_CHECKING:
    from qualkit.nlp import Pipeline


class Sink(Protocol):
    """Anything that takes the engine's output chunk by chunk. A sink that also
    wants the matches a negation cancelled (``explain=True``) has
    ``add_negated(chunk, negated)`` too (see :class:`~qualkit.scale.collect.Collector`)."""

    def add(self, chunk: Corpus, codings: pd.DataFrame) -> Any: ...


@dataclass
class EngineRun:
    """What a run of the engine did. ``stats``: answers coded, from the cache,
    or repeats of a text coded in the same chunk; ``units``: respondents or
    interviews seen; ``questions``/``labels``/``kind``/``sources`` as the
    chunks had them; ``timings``: seconds reading, coding (waiting for the
    coder) and in the sinks."""

    pipeline: str
    stats: CacheStats
    codings: int = 0
    chunks: int = 0
    units: int = 0
    questions: list[str] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)
    kind: str = "survey"
    sources: list[str] = field(default_factory=list)
    executor: str = "this process"
    processes: int = 1
    timings: dict[str, float] = field(default_factory=dict)
    coded_by: dict[str, str] = field(default_factory=dict)
    """A learned model's run: per code ``model``, ``rules`` or ``rare`` (what coded it)."""


@dataclass
class _Pending:
    chunk: Corpus
    segments: list               # (index, Segment) of the coded segments
    keys: list
    stored: dict
    todo: list                   # keys to code, in the order sent
    future: Any
    position: tuple[int, int | None]


def code_chunks(chunks: Iterable[Corpus], codebook: Codebook | None, sinks: Sequence[Sink] = (), *,
                pipeline: "Pipeline | None" = None, model: str | None = None, learned: Any = None,
                processes: int = 1, dask: bool = False, scheduler: str | None = None,
                cache: Cache | None = None, progress: ProgressCallback | None = None,
                position: Callable[[], tuple[int, int | None]] | None = None, total: int | None = None,
                wave: str | None = None, explain: bool = False, batch_size: int = 512) -> EngineRun:
    """Code ``chunks`` with ``codebook`` and hand each chunk's codings to every sink.

    ``pipeline`` (a loaded :class:`~qualkit.nlp.Pipeline`) or ``model`` (a spaCy
    pipeline name) says which spaCy pipeline codes; ``learned`` is a learned
    model (:func:`qualkit.coding.learned_store.load_model`) that codes instead of
    the rules (``codebook`` is then the one it was trained with, or None for its
    own; count with ``learned.coding_codebook(codebook)``). ``processes > 1`` codes in a pool of processes, ``dask=True`` on
    a Dask cluster (at ``scheduler``, else a local one of ``processes`` workers).
    ``progress`` gets :class:`~qualkit.scale.progress.ProgressEvent` s (stage
    ``code``): in bytes when ``position()`` tells how far the reading is, else
    in answers out of ``total``. ``explain``: also hand sinks the matches a negation
    cancelled (texts answered from the cache have none).
    """
    run = EngineRun(pipeline="", stats=CacheStats(), timings={"read": 0.0, "code": 0.0, "sinks": 0.0})
    tracker = Tracker(progress, "code", total=total, unit="bytes" if position else "answers", wave=wave)
    t = time.perf_counter()
    source = iter(chunks)
    first = next(source, None)    # the inputs' errors (no questions named ...) before a pipeline loads
    source = itertools.chain([first] if first is not None else [], source)
    run.timings["read"] += time.perf_counter() - t
    with Executor(processes=processes, dask=dask, scheduler=scheduler, model=model) as ex:
        coder = _Coder(codebook, ex, pipeline, model, learned, cache, batch_size, explain)
        run.pipeline, run.executor, run.processes = coder.pipeline, ex.kind, ex.processes
        if learned is not None:
            from qualkit.coding.learned_use import sources

            run.coded_by = sources(learned)
        pending: deque[_Pending] = deque()
        offset, done = 0, 0
        while True:
            t = time.perf_counter()
            chunk = next(source, None)
            run.timings["read"] += time.perf_counter() - t
            if chunk is None:
                break
            _describe(run, chunk)
            run.units += len(chunk.respondents)
            t = time.perf_counter()
            pending.append(coder.start(chunk, offset, position() if position else (0, None)))
            run.timings["code"] += time.perf_counter() - t
            offset += len(chunk.segments)
            while len(pending) > ex.window:
                done = _finish(pending.popleft(), coder, sinks, run, tracker, done)
        while pending:
            done = _finish(pending.popleft(), coder, sinks, run, tracker, done)
    if coder.results:
        check_pipelines(coder.results, coder.pipeline)
    run.timings["worker_seconds"] = sum(r["seconds"] for r in coder.results)
    run.timings["worker_cpu_seconds"] = sum(r["cpu_seconds"] for r in coder.results)
    return run


def _describe(run: EngineRun, chunk: Corpus) -> None:
    """What the chunks were: questions, labels and sources in order of appearance."""
    run.kind = chunk.kind if run.chunks == 0 or run.kind == chunk.kind else "survey"
    run.questions += [q for q in chunk.questions if q not in run.questions]
    run.sources += [s for s in chunk.sources if s not in run.sources]
    run.labels.update(chunk.labels)
    run.chunks += 1


def _finish(p: _Pending, coder: "_Coder", sinks: Sequence[Sink], run: EngineRun, tracker: Tracker,
            done: int) -> int:
    t = time.perf_counter()
    codings, negated, stats = coder.finish(p)
    run.timings["code"] += time.perf_counter() - t
    run.stats.add(stats)
    run.codings += len(codings)
    t = time.perf_counter()
    for sink in sinks:
        sink.add(p.chunk, codings)
        if negated is not None and hasattr(sink, "add_negated"):
            sink.add_negated(p.chunk, negated)
    run.timings["sinks"] += time.perf_counter() - t
    done += len(p.segments)
    if p.position[1] is not None:
        tracker.update(p.position[0], p.position[1])
    else:
        tracker.update(done)
    return done


class _Coder:
    """The coding step of one run: by the codebook's rules (texts sent to the
    executor, results as rows relative to each text, so repeats and cached texts
    cost nothing) or by a learned model (in this process)."""

    def __init__(self, codebook: Codebook | None, ex: Executor, pipeline, model, learned, cache, batch_size,
                 explain: bool = False):
        from qualkit.coding.engine import matcher_for   # spaCy: loaded when coding starts
        from qualkit.nlp import load_pipeline

        self.codebook, self.ex, self.learned, self.cache, self.explain = codebook, ex, learned, cache, explain
        self.results: list[dict] = []
        if learned is not None:
            if ex.kind != "this process":
                raise ProjectError(738)
            from qualkit.coding.learned_use import uses_rules

            # a spaCy pipeline only for the codebook's rules; a model of words and n-grams needs none
            self.nlp = pipeline or (load_pipeline(learned.language, model) if uses_rules(learned) else None)
            self.pipeline = self.nlp.describe() if self.nlp is not None else "learned model (no spaCy pipeline)"
            return
        assert codebook is not None, "rule coding needs a codebook"
        if ex.kind == "this process":
            pipeline = pipeline or load_pipeline(codebook.language, model)
            self.matcher = matcher_for(codebook, pipeline)
            self.pipeline = pipeline.describe()
        else:
            if pipeline is not None and not pipeline.fallback:
                model = model or pipeline.name
            self.yaml, self.model = dumps(codebook), model
            self.pipeline = ex.describe(self.yaml, model)
        self.batch_size = batch_size
        self.codes = applicable(codebook)
        self.prefix = key_prefix(codebook, self.pipeline) if cache is not None else b""

    def start(self, chunk: Corpus, offset: int, position) -> _Pending:
        segments = [(offset + i, s) for i, s in enumerate(chunk.segments) if s.coded]
        if self.learned is not None:
            return _Pending(chunk, segments, [], {}, [], self.ex.submit(self._learned, chunk, offset), position)
        if self.cache is not None:
            keys = [segment_key(self.prefix, self.codes(s.question), s.text) for _, s in segments]
            stored = self.cache.get_many(keys)
        else:
            keys = [(self.codes(s.question), s.text) for _, s in segments]
            stored = {}
        first: dict = {}
        for k, (_, s) in zip(keys, segments):
            if k not in stored and k not in first:
                first[k] = (s.question, s.text)
        items = list(first.values())
        if self.ex.kind == "this process":
            future = self.ex.submit(_code_here, items, self.matcher, self.batch_size, self.explain)
        else:
            future = self.ex.submit(code_task, items, self.yaml, self.model, self.batch_size, self.explain)
        return _Pending(chunk, segments, keys, stored, list(first), future, position)

    def finish(self, p: _Pending) -> tuple[pd.DataFrame, pd.DataFrame | None, CacheStats]:
        n = len(p.segments)
        if self.learned is not None:
            return p.future.result(), None, CacheStats(segments=n, hits=0, recoded=n, repeats=0)
        res = p.future.result()
        if "pipeline" in res:
            self.results.append(res)
        fresh = dict(zip(p.todo, res["rows"]))
        if self.cache is not None and fresh:
            self.cache.put_many(fresh.items())
        rows = [from_relative(r, i, s) for k, (i, s) in zip(p.keys, p.segments)
                for r in (fresh[k] if k in fresh else p.stored[k])]
        negated = None
        if res.get("negated") is not None:
            neg = dict(zip(p.todo, res["negated"]))
            negated = pd.DataFrame([_placed(r, i, s) for k, (i, s) in zip(p.keys, p.segments) for r in neg.get(k, ())],
                                   columns=NEGATED_COLUMNS)
        hits = sum(k in p.stored for k in p.keys)
        return _frame(rows), negated, CacheStats(segments=n, hits=hits, recoded=len(fresh),
                                                 repeats=n - hits - len(fresh))

    def _learned(self, chunk: Corpus, offset: int) -> pd.DataFrame:
        from qualkit.coding.learned_use import code_with_model   # scikit-learn: only for learned models

        codings = code_with_model(chunk, self.learned, self.codebook, self.nlp).codings
        return codings.assign(segment=codings["segment"] + offset) if offset else codings


def _code_here(items: list[tuple[str, str]], matcher, batch_size: int, explain: bool) -> dict:
    rows, negated = code_texts(items, matcher, batch_size, explain)
    return {"rows": rows, "negated": negated}


def _placed(row: dict, index: int, seg) -> dict:
    """A negated-match row made for a text alone, placed in its segment's document."""
    s = seg.start
    return {**row, "unit_id": seg.unit_id, "question": seg.question, "speaker": seg.speaker, "doc_id": seg.doc_id,
            "segment": index, **{k: row[k] + s for k in ("unit_start", "unit_end", "match_start", "match_end",
                                                          "cue_start", "cue_end")}}


def _frame(rows: list[dict]) -> pd.DataFrame:
    if not rows:
        return empty_codings()
    df = pd.DataFrame(rows, columns=CODING_COLUMNS)
    return df.astype(empty_codings().dtypes.to_dict())
