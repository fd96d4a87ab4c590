"""Where the coding tasks run: this process, a pool of local processes, or a Dask cluster.

The engine (:func:`qualkit.scale.engine.code_chunks`) sends each chunk's texts
as one task (:func:`qualkit.scale.worker.code_task`) and gets back coding rows,
so results are the same whichever runs them. :func:`code_parquet` runs the
coding step alone on Parquet parts (segments in, codings out), for data already
on storage every worker reaches.

>>> code_parquet("segments/", "codings/", codebook, dask=True,
...              scheduler="tcp://10.0.0.5:8786")                  # doctest: +SKIP
"""
from __future__ import annotations

import logging
from concurrent.futures import ProcessPoolExecutor, as_completed
from multiprocessing import get_context
from pathlib import Path
from typing import Any, Callable, Sequence

from qualkit.codebook.model import Codebook
from qualkit.errors import ProjectError
from qualkit.scale.progress import ProgressCallback, Tracker
from qualkit.scale.worker import code_partition, describe, worker_init


class Executor:
    """Runs coding tasks. ``kind``: ``this process`` (``processes == 1``, no
    Dask), ``pool`` (that many spawned processes) or ``dask`` (the cluster at
    ``scheduler``, else a ``LocalCluster`` of ``processes`` single-threaded
    workers). Use as a context manager: workers start on entry, so they load
    while the caller reads its input. ``window`` is how many tasks the engine
    keeps in flight."""

    def __init__(self, *, processes: int = 1, dask: bool = False, scheduler: str | None = None,
                 model: str | None = None):
        if scheduler is not None and not dask:
            raise ProjectError(714)
        if processes < 1:
            raise ProjectError(735)
        self.processes, self.scheduler, self.model = processes, scheduler, model
        self.kind = "dask" if dask else "pool" if processes > 1 else "this process"
        self.window = 0 if self.kind == "this process" else 2 * processes
        self._pool: ProcessPoolExecutor | None = None
        self._client = self._cluster = None

    def __enter__(self) -> "Executor":
        if self.kind == "dask":
            self._client, self._cluster = _dask_client(self.scheduler, self.processes)
            if self._cluster is not None:       # our own workers: keep PyTorch out of them
                self._client.run(worker_init, self.model)
            else:
                self.processes = max(len(self._client.scheduler_info().get("workers", {})), 1)
                self.window = 2 * self.processes
        elif self.kind == "pool":
            self._pool = ProcessPoolExecutor(max_workers=self.processes, mp_context=get_context("spawn"),
                                             initializer=worker_init, initargs=(self.model,))
        return self

    def __exit__(self, *exc) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
        if self._client is not None:
            self._client.close()
        if self._cluster is not None:
            self._cluster.close()

    def submit(self, fn: Callable, *args: Any) -> Any:
        """Start ``fn(*args)`` on a worker; a future with ``result()``."""
        if self._client is not None:
            return self._client.submit(fn, *args, pure=False)
        if self._pool is not None:
            return self._pool.submit(fn, *args)
        return _Now(fn(*args))

    def describe(self, codebook_yaml: str, model: str | None) -> str:
        """The description of the pipeline the workers code with (loads it on one)."""
        return self.submit(describe, codebook_yaml, model).result()

    def as_completed(self, futures: Sequence) -> Any:
        if self._client is not None:
            from distributed import as_completed as dask_completed

            return dask_completed(futures)
        if self._pool is not None:
            return as_completed(futures)
        return iter(futures)


class _Now:
    def __init__(self, value):
        self.value = value

    def result(self):
        return self.value


def _dask_client(scheduler: str | None, processes: int):
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise ProjectError(715) from None
    cluster = None
    try:
        if scheduler is None:
            cluster = LocalCluster(n_workers=processes, threads_per_worker=1, processes=True,
                                   dashboard_address=None, silence_logs=logging.ERROR)
            return Client(cluster), cluster
        return Client(scheduler, timeout="15s"), None
    except (OSError, TimeoutError) as e:
        if cluster is not None:
            cluster.close()
        where = f"the Dask scheduler at {scheduler!r}" if scheduler else "a local Dask cluster"
        raise ProjectError(739, where=where, error=type(e).__name__) from None


def code_parquet(segments_dir: str | Path, codings_dir: str | Path, codebook: Codebook, *,
                 dask: bool = True, scheduler: str | None = None, processes: int = 2,
                 model: str | None = None, progress: ProgressCallback | None = None) -> list[dict]:
    """Code a folder of segments Parquet parts (``*.parquet`` with columns
    ``segment, unit_id, question, doc_id, start, text[, speaker]``) into a folder
    of codings parts with the same file names, each part one task.

    Returns each part's result (``segments, codings, seconds, pipeline, pid``).
    ``[QK716]`` when workers used different spaCy pipelines.
    """
    import pyarrow.parquet as pq

    from qualkit.codebook import dumps

    segments_dir, codings_dir = Path(segments_dir), Path(codings_dir)
    parts = sorted(segments_dir.glob("*.parquet"))
    if not parts:
        raise ProjectError(717, path=segments_dir)
    tracker = Tracker(progress, "code", total=sum(pq.ParquetFile(p).metadata.num_rows for p in parts))
    yaml = dumps(codebook)
    with Executor(processes=processes, dask=dask, scheduler=scheduler, model=model) as ex:
        futures = [ex.submit(code_partition, str(p), str(codings_dir / p.name), yaml, model) for p in parts]
        results = []
        for fut in ex.as_completed(futures):
            results.append(fut.result())
            tracker.advance(results[-1]["segments"])
    check_pipelines(results, results[0]["pipeline"])
    return results


def check_pipelines(results: Sequence[dict], expected: str) -> None:
    """``[QK716]`` unless every task was coded with the ``expected`` pipeline."""
    other = sorted({r["pipeline"] for r in results} - {expected})
    if other:
        raise ProjectError(716, other=other[0], expected=expected)
