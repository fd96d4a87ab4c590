"""Scale: streaming ingest and coding in constant memory, and the coding step
on a Dask cluster.

- :func:`code_stream`: CSV in chunks -> cache look-up -> coding (one process, a
  local pool, or Dask) -> codings Parquet parts + tables from incremental counts.
- :func:`code_parquet`: the coding step alone, Parquet segments in, Parquet
  codings out, on any engine.
- :class:`ProgressEvent` / :class:`Tracker`: progress with rate and ETA.

Errors: QK712, QK714-QK717, QK722, QK723 (see :mod:`qualkit.project`).
Names are imported lazily, so a worker process loads only what it uses.

>>> from qualkit.scale import code_parquet
>>> code_parquet("segments/", "codings/", codebook, engine="dask",
...              scheduler="tcp://scheduler:8786")                  # doctest: +SKIP
"""
from __future__ import annotations

import importlib

_EXPORTS = {
    "Counts": "counts", "ScaleResult": "engine", "code_stream": "engine",
    "code_parquet": "executors", "dask_client": "executors", "run_partitions": "executors",
    "ProgressCallback": "progress", "ProgressEvent": "progress", "Tracker": "progress",
    "SEGMENT_FRAME_COLUMNS": "stream", "StreamSpec": "stream", "iter_segments": "stream",
    "code_frame": "worker", "code_partition": "worker", "matcher_for": "worker", "read_codings": "worker",
    "worker_init": "worker",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(importlib.import_module(f"qualkit.scale.{_EXPORTS[name]}"), name)
    raise AttributeError(f"module 'qualkit.scale' has no attribute {name!r}")
