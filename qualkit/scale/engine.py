"""Coding a large survey export in constant memory, on one machine or a Dask cluster.

Three steps, each holding one chunk at a time:

1. read: the CSV is streamed in chunks (:mod:`qualkit.scale.stream`); each
   chunk's segments are looked up in the coding cache; answers not in it are
   written to a segments Parquet part (a text repeated within a chunk once)
   and handed to the coder at once, so coding runs while reading goes on;
2. code: the parts are coded by this process, a pool of processes
   (``engine="stream"``) or a Dask cluster (``engine="dask"``), each worker
   writing a codings Parquet part;
3. count: per chunk the codings are completed from the cache, written to
   ``codings_dir/part-NNNNN.parquet``, stored in the cache, and counted into
   :class:`~qualkit.stats.Counts`, from which the tables come.

>>> res = code_stream([StreamSpec(Path("big.csv"), "respondent", ["Q23"])], codebook,
...                   "out/2026/codings", work_dir="out/.work/2026", processes=2)   # doctest: +SKIP
>>> res.counts.frequency_table("Q23")                                          # doctest: +SKIP
"""
from __future__ import annotations

import json
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import numpy as np
import pandas as pd

from qualkit.codebook.model import Codebook
from qualkit.scale.cache import Cache, CacheStats, applicable, key_prefix, segment_key, to_relative
from qualkit.scale.executors import Coder, check_pipelines
from qualkit.scale.progress import ProgressCallback, Tracker
from qualkit.scale.stream import SEGMENT_FRAME_COLUMNS, StreamSpec, iter_segments
from qualkit.scale.worker import read_codings, write_parquet
from qualkit.stats.counts import Counts
from qualkit.types import CODING_COLUMNS, Corpus, Segment, empty_codings, format_spans, parse_spans


@dataclass
class ScaleResult:
    """What a streamed run produced. ``codings_dir`` holds the codings parts;
    ``stats`` says how many answers came from the cache and how many were coded."""

    counts: Counts
    codings_dir: Path
    stats: CacheStats
    codings: int
    partitions: int
    pipeline: str
    engine: str
    processes: int
    timings: dict[str, float] = field(default_factory=dict)


def code_stream(specs: list[StreamSpec], codebook: Codebook, codings_dir: str | Path, *,
                work_dir: str | Path, questions: list[str], keep: Callable[[str], bool] | None = None,
                variables: list[str] | None = None, labels: dict[str, str] | None = None,
                engine: str = "stream", processes: int = 1, scheduler: str | None = None,
                chunksize: int = 20_000, model: str | None = None, cache: Cache | None = None,
                progress: ProgressCallback | None = None, wave: str | None = None) -> ScaleResult:
    """Stream ``specs`` (CSV exports of one wave), code them, count the tables.

    ``questions``: the project names of the questions to count (in table
    order); ``keep``: which questions to read (default: those). ``work_dir`` is
    scratch space (removed afterwards); with Dask it and ``codings_dir`` must be
    on storage the workers share.
    """
    from qualkit.codebook import dumps

    codings_dir, work = Path(codings_dir), Path(work_dir)
    shutil.rmtree(work, ignore_errors=True)
    for sub in ("meta", "segments", "coded", "hits"):
        (work / sub).mkdir(parents=True, exist_ok=True)
    codings_dir.mkdir(parents=True, exist_ok=True)
    keep = keep or set(questions).__contains__
    counts = Counts(codebook, questions, variables)
    timings: dict[str, float] = {}
    try:
        with Coder(dumps(codebook), engine=engine, processes=processes, scheduler=scheduler, model=model) as coder:
            t = time.perf_counter()
            pipeline = coder.pipeline()
            tracker = Tracker(progress, "code", wave=wave)
            coder.on_done = lambda r: tracker.advance(r["segments"])
            stats = _read(specs, codebook, pipeline, work, keep, variables or [], chunksize, cache, progress, wave,
                          coder.submit)
            tracker.update(tracker.done, stats.recoded)
            timings["read"] = time.perf_counter() - t
            t = time.perf_counter()
            results = coder.wait()
            check_pipelines(results, pipeline)
            timings["code"] = time.perf_counter() - t
            timings["worker_seconds"] = sum(r["seconds"] for r in results)
            timings["worker_cpu_seconds"] = sum(r["cpu_seconds"] for r in results)
        t = time.perf_counter()
        n_parts = len(list((work / "meta").glob("*.parquet")))
        tracker = Tracker(progress, "count", total=n_parts, unit="partitions", wave=wave)
        total = _count(work, codings_dir, n_parts, counts, questions, variables or [], labels or {}, cache, tracker)
        timings["count"] = time.perf_counter() - t
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return ScaleResult(counts=counts, codings_dir=codings_dir, stats=stats, codings=total, partitions=n_parts,
                       pipeline=pipeline, engine=engine, processes=processes, timings=timings)


def _part(work: Path, sub: str, k: int) -> Path:
    return work / sub / f"part-{k:05d}.parquet"


def _read(specs, codebook, pipeline, work, keep, variables, chunksize, cache, progress, wave, submit):
    prefix = key_prefix(codebook, pipeline)
    codes = applicable(codebook)
    stats = CacheStats()
    total_bytes = sum(s.path.stat().st_size for s in specs)
    done_before = 0
    tracker = Tracker(progress, "read", total=total_bytes, unit="bytes", wave=wave)
    k, index = 0, 0
    for spec in specs:
        spec.variables = list(variables)
        for frame in iter_segments(spec, chunksize=chunksize, first_index=index, keep=keep,
                                   on_bytes=lambda n, size: tracker.update(done_before + n)):
            index += len(frame)
            keys = [segment_key(prefix, codes(q), t) for q, t in zip(frame["question"], frame["text"])]
            stored = cache.get_many(keys) if cache is not None else {}
            first: dict[bytes, int] = {}
            for pos, key in enumerate(keys):
                if key not in stored and key not in first:
                    first[key] = pos
            here = np.zeros(len(frame), dtype=bool)
            here[list(first.values())] = True
            meta = frame.drop(columns=["text"]).assign(key=keys, coded_here=here)
            write_parquet(meta, _part(work, "meta", k))
            if first:
                seg = frame.loc[here, SEGMENT_FRAME_COLUMNS]
                write_parquet(seg, _part(work, "segments", k))
                submit((str(_part(work, "segments", k)), str(_part(work, "coded", k)), len(seg)))
            if stored:
                write_parquet(pd.DataFrame({"key": list(stored), "rows": [json.dumps(r, ensure_ascii=False)
                                                                          for r in stored.values()]}),
                              _part(work, "hits", k))
            hits = sum(key in stored for key in keys)
            stats.add(CacheStats(segments=len(frame), hits=hits, recoded=len(first),
                                 repeats=len(frame) - hits - len(first)))
            k += 1
        done_before += spec.path.stat().st_size
    tracker.update(total_bytes)
    return stats


def _count(work: Path, codings_dir: Path, n_parts: int, counts: Counts, questions, variables, labels,
           cache: Cache | None, tracker: Tracker) -> int:
    total = 0
    for k in range(n_parts):
        meta = pd.read_parquet(_part(work, "meta", k))
        coded_path, hits_path = _part(work, "coded", k), _part(work, "hits", k)
        coded = read_codings(coded_path) if coded_path.exists() else empty_codings()
        rel: dict[bytes, list] = {}
        if hits_path.exists():
            hits = pd.read_parquet(hits_path)
            rel.update((bytes(kk), json.loads(r)) for kk, r in zip(hits["key"], hits["rows"]))
        others = meta[~meta["coded_here"]]
        if cache is not None or len(others):   # rows per key: to store, or to copy to repeated texts
            here = meta[meta["coded_here"]]
            key_of = dict(zip(here["segment"].tolist(), here["key"].tolist()))
            start_of = dict(zip(here["segment"].tolist(), here["start"].tolist()))
            fresh: dict[bytes, list] = {bytes(kk): [] for kk in key_of.values()}
            for row in coded.to_dict("records"):
                fresh[bytes(key_of[row["segment"]])].append(to_relative(row, start_of[row["segment"]]))
            if cache is not None and fresh:
                cache.put_many(fresh.items())
            rel.update(fresh)
        frames = [coded]
        if len(others):
            frames.append(_expand(others, rel))
        codings = pd.concat(frames, ignore_index=True) if len(frames) > 1 else coded
        codings = codings.sort_values("segment", kind="stable").reset_index(drop=True)
        write_parquet(codings, codings_dir / f"part-{k:05d}.parquet")
        counts.add(_chunk(meta, questions, variables, labels), codings)
        total += len(codings)
        tracker.update(k + 1)
    return total


def _expand(meta: pd.DataFrame, rel: dict[bytes, list]) -> pd.DataFrame:
    """Full codings rows for segments whose rows come from the cache or a repeat."""
    rows = []
    for seg, uid, q, doc, start, sp, key in zip(meta["segment"], meta["unit_id"], meta["question"],
                                                  meta["doc_id"], meta["start"], meta["speaker"], meta["key"]):
        for us, ue, ms, me, matched, code, rule, *spans in rel[bytes(key)]:
            rows.append((uid, q, sp, doc, seg, start + us, start + ue, start + ms, start + me, matched,
                         format_spans(parse_spans(spans[0]), start) if spans else "", code,
                         rule, "rule", 1.0, "qualkit"))
    df = pd.DataFrame(rows, columns=CODING_COLUMNS)
    return df.astype(empty_codings().dtypes.to_dict()) if len(df) else empty_codings()


def _chunk(meta: pd.DataFrame, questions: list[str], variables: list[str], labels: dict) -> Corpus:
    """A segment frame as the corpus chunk :class:`~qualkit.stats.Counts` counts (no texts needed)."""
    segs = [Segment("", d, int(s), int(s), u, q, "") for u, q, d, s in
            zip(meta["unit_id"], meta["question"], meta["doc_id"], meta["start"])]
    resp = meta[["unit_id", *(f"var:{v}" for v in variables)]].drop_duplicates("unit_id").set_index("unit_id")
    resp.columns = list(variables)
    return Corpus(segs, {}, resp, list(questions), "survey", labels=labels)
