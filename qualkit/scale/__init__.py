"""The engine: every command reads, codes and counts through it.

- :func:`code_chunks` (:mod:`~qualkit.scale.engine`): corpus chunks in (from
  :func:`qualkit.ingest.read_chunks`), coded in this process, a pool of
  processes or on a Dask cluster (:mod:`~qualkit.scale.executors`), each chunk's
  codings handed to sinks (:class:`qualkit.stats.Counts`, file writers in
  :mod:`qualkit.report.sinks`, or :class:`~qualkit.scale.collect.Collector`);
  memory stays flat with the input's size.
- :func:`code_corpus` (:mod:`~qualkit.scale.collect`): the engine collecting, in memory.
- :func:`code_parquet`: the coding step alone, Parquet segments in, Parquet
  codings out, on any executor.
- :mod:`~qualkit.scale.cache`: segment keys for incremental coding;
  :class:`ProgressEvent` / :class:`Tracker`: progress with rate and ETA;
  :mod:`~qualkit.scale.startup`: PyTorch kept out of rule-coding processes.

Errors: QK714-QK717. Names are imported lazily, so a worker process loads only what it uses.

>>> from qualkit.scale import code_parquet
>>> code_parquet("segments/", "codings/", codebook, dask=True,
...              scheduler="tcp://scheduler:8786")                  # doctest: +SKIP
"""
from __future__ import annotations

import importlib

_EXPORTS = {
    "EngineRun": "qualkit.scale.engine", "Sink": "qualkit.scale.engine", "code_chunks": "qualkit.scale.engine",
    "Collector": "qualkit.scale.collect", "code_corpus": "qualkit.scale.collect",
    "Executor": "qualkit.scale.executors", "code_parquet": "qualkit.scale.executors",
    "CacheStats": "qualkit.scale.cache",
    "ProgressCallback": "qualkit.scale.progress", "ProgressEvent": "qualkit.scale.progress",
    "Tracker": "qualkit.scale.progress", "Position": "qualkit.scale.progress",
    "code_frame": "qualkit.scale.worker", "code_partition": "qualkit.scale.worker",
    "matcher_for": "qualkit.scale.worker", "read_codings": "qualkit.scale.worker", "worker_init": "qualkit.scale.worker",
    "keep_torch_out": "qualkit.scale.startup",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'qualkit.scale' has no attribute {name!r}")


def __dir__() -> list[str]:
    return __all__
