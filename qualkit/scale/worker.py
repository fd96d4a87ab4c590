"""The coding step on one partition, as a worker process runs it.

Each process builds its pipeline and :class:`~qualkit.coding.CodebookMatcher`
once and keeps them in a module-level cache keyed by the codebook's hash and
the model name, so a Dask worker or pool process pays for loading once, not
per partition. The codebook travels as YAML text, never as objects.

>>> import pathlib, tempfile, pandas as pd
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> pd.DataFrame({"segment": [0], "unit_id": ["R1"], "question": ["Q1"], "doc_id": ["R1/Q1"],
...     "start": [0], "text": ["Meer personeel."], "speaker": [""]}).to_parquet(d / "s.parquet")
>>> yaml = '{name: d, version: "1", codes: [{id: p, label: P, include: [{lemma: personeel}]}]}'
>>> code_partition(str(d / "s.parquet"), str(d / "c.parquet"), yaml)["codings"]   # doctest: +SKIP
1
"""
from __future__ import annotations

import hashlib
import importlib.abc
import os
import sys
import time
from pathlib import Path

import pandas as pd

from qualkit.types import CODING_COLUMNS, Segment, empty_codings

_MATCHERS: dict[tuple[str, str | None], object] = {}


class _NoTorch(importlib.abc.MetaPathFinder):
    """Makes ``import torch`` fail in this process (spaCy's thinc then runs without it)."""

    def find_spec(self, name, path=None, target=None):
        if name == "torch" or name.startswith("torch."):
            raise ModuleNotFoundError(f"No module named {name!r} (kept out of qualkit worker processes)", name=name)
        return None


def worker_init(model: str | None = None) -> None:
    """First call in a worker process that qualkit itself starts (a pool process
    or a worker of its own LocalCluster; never a shared cluster's worker): keeps
    PyTorch out unless the pipeline is a transformer one (``*trf*``). spaCy's
    thinc imports PyTorch whenever it is installed, about 200 MiB per process
    that rule coding never uses."""
    if "torch" not in sys.modules and not (model and "trf" in model):
        if not any(isinstance(f, _NoTorch) for f in sys.meta_path):
            sys.meta_path.insert(0, _NoTorch())


def matcher_for(codebook_yaml: str, model: str | None = None):
    """This process's matcher for a codebook (YAML text) and model, built once."""
    key = (hashlib.sha256(codebook_yaml.encode("utf-8")).hexdigest(), model)
    m = _MATCHERS.get(key)
    if m is None:
        from qualkit.codebook import loads
        from qualkit.coding import CodebookMatcher
        from qualkit.nlp import load_pipeline

        cb = loads(codebook_yaml)
        m = _MATCHERS[key] = CodebookMatcher(cb, load_pipeline(cb.language, model))
    return m


def describe(codebook_yaml: str, model: str | None = None) -> str:
    """The description of the pipeline this process codes with (building its matcher)."""
    return matcher_for(codebook_yaml, model).pipeline.describe()


def code_frame(segments: pd.DataFrame, matcher, *, batch_size: int = 512, n_process: int = 1) -> pd.DataFrame:
    """Codings (:data:`qualkit.types.CODING_COLUMNS`) for a segment frame
    (columns ``segment, unit_id, question, doc_id, start, text`` and optionally
    ``speaker``); ``segment`` values become the codings' ``segment``."""
    from qualkit.coding.engine import code_segments, frame

    speakers = segments["speaker"] if "speaker" in segments else [""] * len(segments)
    segs = [(int(i), Segment(text=t, doc_id=d, start=int(s), end=int(s) + len(t), unit_id=u, question=q,
                             source="", speaker=sp or ""))
            for i, u, q, d, s, t, sp in zip(segments["segment"], segments["unit_id"], segments["question"],
                                             segments["doc_id"], segments["start"], segments["text"], speakers)]
    return frame(code_segments(segs, matcher, batch_size=batch_size, n_process=n_process))


def read_codings(path: str | Path) -> pd.DataFrame:
    """A codings Parquet file (or folder of parts) with the standard columns and dtypes."""
    df = pd.read_parquet(path)
    if df.empty:
        return empty_codings()
    return df[CODING_COLUMNS].astype(empty_codings().dtypes.to_dict())


def write_parquet(df: pd.DataFrame, path: str | Path) -> None:
    """Write a frame as one Parquet file, atomically (temporary name, then rename)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    df.to_parquet(tmp, index=False)
    os.replace(tmp, path)


def code_partition(segments_path: str, codings_path: str, codebook_yaml: str, model: str | None = None,
                   batch_size: int = 512) -> dict:
    """Code one segments Parquet file into one codings Parquet file.

    Returns ``segments``, ``codings``, ``seconds`` (wall clock), ``cpu_seconds``,
    ``pipeline`` (what this worker used, to check every machine has the same
    model) and ``pid``.
    """
    t, cpu = time.perf_counter(), time.process_time()
    matcher = matcher_for(codebook_yaml, model)
    segments = pd.read_parquet(segments_path)
    codings = code_frame(segments, matcher, batch_size=batch_size)
    write_parquet(codings, codings_path)
    return {"segments": len(segments), "codings": len(codings), "seconds": time.perf_counter() - t,
            "cpu_seconds": time.process_time() - cpu, "pipeline": matcher.pipeline.describe(), "pid": os.getpid()}
