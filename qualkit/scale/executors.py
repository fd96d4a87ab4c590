"""Running the coding step over Parquet partitions: in this process, in a pool
of local processes, or on a Dask cluster.

Every engine calls :func:`qualkit.scale.worker.code_partition` on each
``(segments part, codings part)`` pair, so results are the same whichever runs
them. With Dask, the parts must be on storage every worker can reach.

>>> code_parquet("segments/", "codings/", codebook, engine="dask",
...              scheduler="tcp://10.0.0.5:8786")                  # doctest: +SKIP
"""
from __future__ import annotations

import logging
from concurrent.futures import ProcessPoolExecutor, as_completed
from multiprocessing import get_context
from pathlib import Path
from typing import Callable, Sequence

from qualkit.codebook.model import Codebook
from qualkit.errors import ProjectError
from qualkit.scale.progress import ProgressCallback, Tracker
from qualkit.scale.worker import code_partition, describe, worker_init

ENGINES = ("stream", "dask")
Task = tuple[str, str, int]   # segments part, codings part, number of segments


class Coder:
    """Where partitions get coded: this process (``stream``, one process), a
    pool of ``processes`` spawned processes (``stream``), or Dask (``dask``: the
    cluster at ``scheduler``, else a ``LocalCluster`` of ``processes``
    single-threaded worker processes). Use as a context manager; workers start
    on entry, so they load while the caller reads its input."""

    def __init__(self, codebook_yaml: str, *, engine: str = "stream", processes: int = 1,
                 scheduler: str | None = None, model: str | None = None, batch_size: int = 512):
        if engine not in ENGINES:
            raise ProjectError(714, f"engine {engine!r} is not known here. Use one of: {', '.join(ENGINES)} "
                               "(or 'local' for in-memory runs).")
        if scheduler is not None and engine != "dask":
            raise ProjectError(714, "a scheduler address needs engine 'dask'. Add --engine dask, or drop --scheduler.")
        self.yaml, self.engine, self.processes = codebook_yaml, engine, max(processes, 1)
        self.scheduler, self.model, self.batch_size = scheduler, model, batch_size
        self._pool = self._client = self._cluster = None
        self._futures: list = []
        self._index: dict = {}
        self._results: list[dict | None] = []
        self.on_done: Callable[[dict], None] | None = None
        """Called with each partition's result as it finishes."""

    def __enter__(self) -> "Coder":
        if self.engine == "dask":
            self._client, self._cluster = _dask_client(self.scheduler, self.processes)
            if self._cluster is not None:       # our own workers: keep PyTorch out of them
                self._client.run(worker_init, self.model)
        elif self.processes > 1:
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

    def pipeline(self) -> str:
        """The description of the pipeline the workers use (loads it on one)."""
        if self._client is not None:
            return self._client.submit(describe, self.yaml, self.model, pure=False).result()
        if self._pool is not None:
            return self._pool.submit(describe, self.yaml, self.model).result()
        return describe(self.yaml, self.model)

    def submit(self, task: Task) -> None:
        """Start coding one partition (in this process: code it now)."""
        seg, out, _ = task
        i = len(self._results)
        self._results.append(None)
        args = dict(codebook_yaml=self.yaml, model=self.model, batch_size=self.batch_size)
        if self._client is not None:
            fut = self._client.submit(code_partition, seg, out, pure=False, **args)
            self._index[fut.key] = i
            self._futures.append(fut)
        elif self._pool is not None:
            fut = self._pool.submit(code_partition, seg, out, **args)
            self._index[fut] = i
            self._futures.append(fut)
        else:
            self._done(i, code_partition(seg, out, **args))

    def _done(self, i: int, res: dict) -> None:
        self._results[i] = res
        if self.on_done is not None:
            self.on_done(res)

    def wait(self) -> list[dict]:
        """Wait for every submitted partition; their results in submission order."""
        if self._client is not None and self._futures:
            from distributed import as_completed as dask_completed

            for fut in dask_completed(self._futures):
                self._done(self._index[fut.key], fut.result())
        elif self._futures:
            for fut in as_completed(self._futures):
                self._done(self._index[fut], fut.result())
        self._futures, self._index = [], {}
        return [r for r in self._results if r is not None]

    def run(self, tasks: Sequence[Task], on_done: Callable[[dict], None] | None = None) -> list[dict]:
        """Code every task and wait; ``on_done`` gets each result as it finishes."""
        self.on_done = on_done or self.on_done
        for t in tasks:
            self.submit(t)
        return self.wait()


def _dask_client(scheduler: str | None, processes: int):
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise ProjectError(715, "engine 'dask' needs dask.distributed: pip install 'dask[distributed]'.") from None
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
        raise ProjectError(715, f"cannot connect to {where} ({type(e).__name__}). Start one with 'dask scheduler' "
                           "and 'dask worker ADDRESS' on machines with qualkit installed, or leave --scheduler "
                           "out to use local worker processes.") from None


def run_partitions(tasks: Sequence[Task], codebook_yaml: str, *, engine: str = "stream", processes: int = 1,
                   scheduler: str | None = None, model: str | None = None, batch_size: int = 512,
                   on_done: Callable[[dict], None] | None = None) -> list[dict]:
    """Code ``tasks`` with a :class:`Coder` started for just this call."""
    with Coder(codebook_yaml, engine=engine, processes=processes, scheduler=scheduler, model=model,
               batch_size=batch_size) as coder:
        return coder.run(tasks, on_done)


def code_parquet(segments_dir: str | Path, codings_dir: str | Path, codebook: Codebook, *,
                 engine: str = "dask", scheduler: str | None = None, processes: int = 2,
                 model: str | None = None, progress: ProgressCallback | None = None) -> list[dict]:
    """Code a folder of segments Parquet parts (``*.parquet`` with columns
    ``segment, unit_id, question, doc_id, start, text[, speaker]``) into a folder
    of codings parts with the same file names.

    Returns each part's result (``segments, codings, seconds, pipeline, pid``).
    ``[QK716]`` when workers used different spaCy pipelines.
    """
    import pyarrow.parquet as pq

    from qualkit.codebook import dumps

    segments_dir, codings_dir = Path(segments_dir), Path(codings_dir)
    parts = sorted(segments_dir.glob("*.parquet"))
    if not parts:
        raise ProjectError(717, f"{segments_dir}: no .parquet files. Write the segments as Parquet parts first.")
    tasks = [(str(p), str(codings_dir / p.name), pq.ParquetFile(p).metadata.num_rows) for p in parts]
    tracker = Tracker(progress, "code", total=sum(t[2] for t in tasks))
    with Coder(dumps(codebook), engine=engine, processes=processes, scheduler=scheduler, model=model) as coder:
        results = coder.run(tasks, on_done=lambda r: tracker.advance(r["segments"]))
    check_pipelines(results, results[0]["pipeline"])
    return results


def check_pipelines(results: Sequence[dict], expected: str) -> None:
    """``[QK716]`` unless every partition was coded with the ``expected`` pipeline."""
    other = sorted({r["pipeline"] for r in results} - {expected})
    if other:
        raise ProjectError(716, f"some workers coded with spaCy pipeline {other[0]!r}, others (or this machine) "
                           f"with {expected!r}. Install the same pipeline (and qualkit version) on every worker.")
