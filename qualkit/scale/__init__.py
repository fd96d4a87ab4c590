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
    "ScaleResult": "qualkit.scale.engine", "code_stream": "qualkit.scale.engine",
    "code_parquet": "qualkit.scale.executors", "dask_client": "qualkit.scale.executors", "run_partitions": "qualkit.scale.executors",
    "ProgressCallback": "qualkit.scale.progress", "ProgressEvent": "qualkit.scale.progress", "Tracker": "qualkit.scale.progress",
    "SEGMENT_FRAME_COLUMNS": "qualkit.scale.stream", "StreamSpec": "qualkit.scale.stream", "iter_segments": "qualkit.scale.stream",
    "code_frame": "qualkit.scale.worker", "code_partition": "qualkit.scale.worker", "matcher_for": "qualkit.scale.worker", "read_codings": "qualkit.scale.worker",
    "worker_init": "qualkit.scale.worker",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'qualkit.scale' has no attribute {name!r}")
