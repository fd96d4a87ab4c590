"""Scale: streaming ingest and coding in constant memory, and the coding step
on a Dask cluster.

- :func:`code_stream`: CSV in chunks -> cache look-up -> coding (one process, a
  local pool, or Dask) -> codings Parquet parts + tables from incremental counts.
- :func:`code_parquet`: the coding step alone, Parquet segments in, Parquet
  codings out, on any engine.
- :class:`ProgressEvent` / :class:`Tracker`: progress with rate and ETA.

Errors: QK712, QK714-QK717, QK722, QK723 (see :mod:`qualkit.project`).

>>> from qualkit.scale import code_parquet
>>> code_parquet("segments/", "codings/", codebook, engine="dask",
...              scheduler="tcp://scheduler:8786")                  # doctest: +SKIP
"""
from qualkit.scale.counts import Counts
from qualkit.scale.engine import ScaleResult, code_stream
from qualkit.scale.executors import code_parquet, dask_client, run_partitions
from qualkit.scale.progress import ProgressCallback, ProgressEvent, Tracker
from qualkit.scale.stream import SEGMENT_FRAME_COLUMNS, StreamSpec, iter_segments
from qualkit.scale.worker import code_frame, code_partition, matcher_for, read_codings

__all__ = [
    "Counts", "ProgressCallback", "ProgressEvent", "SEGMENT_FRAME_COLUMNS", "ScaleResult", "StreamSpec",
    "Tracker", "code_frame", "code_parquet", "code_partition", "code_stream", "dask_client",
    "iter_segments", "matcher_for", "read_codings", "run_partitions",
]
