"""The coding step as a worker process runs it.

Each process builds its pipeline and :class:`~qualkit.coding.CodebookMatcher`
once and keeps them in a module-level cache keyed by the codebook's hash and
the model name, so a Dask worker or pool process pays for loading once, not
per task. The codebook travels as YAML text, never as objects; texts travel as
``(question, text)`` pairs and come back as coding rows relative to each text
(:func:`qualkit.scale.cache.to_relative`), the form the cache stores.

>>> yaml = '{name: d, version: "1", codes: [{id: p, label: P, include: [{lemma: personeel}]}]}'
>>> code_task([("Q1", "Meer personeel.")], yaml)["rows"]                   # doctest: +SKIP
[[[0, 15, 5, 14, 'personeel', 'p', 'p include[1] lemma:personeel']]]
"""
from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

import pandas as pd

from qualkit.io import replacing
from qualkit.scale.cache import to_relative
from qualkit.scale.startup import keep_torch_out
from qualkit.types import CODING_COLUMNS, Segment, empty_codings

_MATCHERS: dict[tuple[str, str | None], object] = {}


def worker_init(model: str | None = None) -> None:
    """First call in a worker process that qualkit itself starts (a pool process
    or a worker of its own LocalCluster; never a shared cluster's worker): keeps
    PyTorch out unless the pipeline is a transformer one (see :mod:`qualkit.scale.startup`),
    and ends the process when its parent ends (see :func:`exit_with_parent`)."""
    keep_torch_out(model)
    exit_with_parent()


def exit_with_parent() -> None:
    """End this worker as soon as the process that started it is gone (``kill -9``, a
    crash): a pool worker holds both ends of its task and result pipes, so it never
    sees its parent go and would live on, holding respondents' texts in memory."""
    import threading
    from multiprocessing import parent_process
    from multiprocessing.connection import wait

    parent = parent_process()
    if parent is None:
        return

    def watch() -> None:
        wait([parent.sentinel])
        os._exit(1)

    threading.Thread(target=watch, name="qualkit-exit-with-parent", daemon=True).start()


def matcher_for(codebook_yaml: str, model: str | None = None):
    """This process's matcher for a codebook (YAML text) and model, built once."""
    key = (hashlib.sha256(codebook_yaml.encode("utf-8")).hexdigest(), model)
    m = _MATCHERS.get(key)
    if m is None:
        from qualkit.codebook import loads      # spaCy: loaded by the first task, not at import
        from qualkit.coding import CodebookMatcher
        from qualkit.nlp import load_pipeline

        cb = loads(codebook_yaml)
        m = _MATCHERS[key] = CodebookMatcher(cb, load_pipeline(cb.language, model))
    return m


def describe(codebook_yaml: str, model: str | None = None) -> str:
    """The description of the pipeline this process codes with (building its matcher)."""
    return matcher_for(codebook_yaml, model).pipeline.describe()


def code_texts(items: list[tuple[str, str]], matcher, batch_size: int = 512,
               explain: bool = False) -> tuple[list[list], list[list] | None]:
    """For each ``(question, text)``, its coding rows relative to the text, and with
    ``explain`` the matches a negation cancelled (dicts of
    :data:`~qualkit.coding.engine.NEGATED_COLUMNS`, offsets relative to the text)."""
    from qualkit.coding.engine import code_segments

    segs = [(k, Segment(text, "", 0, len(text), "", q, "")) for k, (q, text) in enumerate(items)]
    out: list[list] = [[] for _ in items]
    negated: list[dict] | None = [] if explain else None
    for row in code_segments(segs, matcher, batch_size=batch_size, negated=negated):
        out[row["segment"]].append(to_relative(row, 0))
    if negated is None:
        return out, None
    neg: list[list] = [[] for _ in items]
    for r in negated:
        neg[r["segment"]].append(r)
    return out, neg


def code_task(items: list[tuple[str, str]], codebook_yaml: str, model: str | None = None,
              batch_size: int = 512, explain: bool = False) -> dict:
    """One task of the engine: ``rows`` (and ``negated``) per item, the ``pipeline``
    used (to check every machine has the same), ``segments``, ``seconds``,
    ``cpu_seconds``, ``pid``."""
    t, cpu = time.perf_counter(), time.process_time()
    matcher = matcher_for(codebook_yaml, model)
    rows, negated = code_texts(items, matcher, batch_size, explain)
    return {"rows": rows, "negated": negated, "pipeline": matcher.pipeline.describe(), "segments": len(items),
            "seconds": time.perf_counter() - t, "cpu_seconds": time.process_time() - cpu, "pid": os.getpid()}


def code_frame(segments: pd.DataFrame, matcher, *, batch_size: int = 512) -> pd.DataFrame:
    """Codings (:data:`qualkit.types.CODING_COLUMNS`) for a segment frame
    (columns ``segment, unit_id, question, doc_id, start, text`` and optionally
    ``speaker``); ``segment`` values become the codings' ``segment``."""
    from qualkit.coding.engine import code_segments, frame

    speakers = segments["speaker"] if "speaker" in segments else [""] * len(segments)
    segs = [(int(i), Segment(text=t, doc_id=d, start=int(s), end=int(s) + len(t), unit_id=u, question=q,
                             source="", speaker=sp or ""))
            for i, u, q, d, s, t, sp in zip(segments["segment"], segments["unit_id"], segments["question"],
                                             segments["doc_id"], segments["start"], segments["text"], speakers)]
    return frame(code_segments(segs, matcher, batch_size=batch_size))


def read_codings(path: str | Path) -> pd.DataFrame:
    """A codings Parquet file (or folder of parts) with the standard columns and dtypes."""
    df = pd.read_parquet(path)
    if df.empty:
        return empty_codings()
    return df[CODING_COLUMNS].astype(empty_codings().dtypes.to_dict())


def write_parquet(df: pd.DataFrame, path: str | Path) -> None:
    """Write a frame as one Parquet file, atomically (:func:`qualkit.io.replacing`)."""
    with replacing(path) as tmp:
        df.to_parquet(tmp, index=False)


def code_partition(segments_path: str, codings_path: str, codebook_yaml: str, model: str | None = None,
                   batch_size: int = 512) -> dict:
    """Code one segments Parquet file into one codings Parquet file (see
    :func:`qualkit.scale.executors.code_parquet`); returns what :func:`code_task` does, without rows."""
    t, cpu = time.perf_counter(), time.process_time()
    matcher = matcher_for(codebook_yaml, model)
    segments = pd.read_parquet(segments_path)
    codings = code_frame(segments, matcher, batch_size=batch_size)
    write_parquet(codings, codings_path)
    return {"segments": len(segments), "codings": len(codings), "seconds": time.perf_counter() - t,
            "cpu_seconds": time.process_time() - cpu, "pipeline": matcher.pipeline.describe(), "pid": os.getpid()}
