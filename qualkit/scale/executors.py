"""Running the coding step over Parquet partitions: in this process, in a pool
of local processes, or on a Dask cluster.

Every engine calls :func:`qualkit.scale.worker.code_partition` on each
``(segments part, codings part)`` pair, so results are the same whichever runs
them. With Dask, the parts must be on storage every worker can reach.

>>> code_parquet("segments/", "codings/", codebook, engine="dask",
...              scheduler="tcp://10.0.0.5:8786")                  # doctest: +SKIP
"""
from __future__ import annotations

import contextlib
import logging
from concurrent.futures import ProcessPoolExecutor, as_completed
from multiprocessing import get_context
from pathlib import Path
from typing import Callable, Iterator, Sequence

from qualkit.codebook.model import Codebook
from qualkit.errors import ProjectError
from qualkit.scale.progress import ProgressCallback, Tracker
from qualkit.scale.worker import code_partition

ENGINES = ("stream", "dask")
Task = tuple[str, str, int]   # segments part, codings part, number of segments


def run_partitions(tasks: Sequence[Task], codebook_yaml: str, *, engine: str = "stream", processes: int = 1,
                   scheduler: str | None = None, model: str | None = None, batch_size: int = 512,
                   on_done: Callable[[dict], None] | None = None) -> list[dict]:
    """Code every task; ``on_done`` gets each partition's result as it finishes.
    Returns the results in task order."""
    if engine not in ENGINES:
        raise ProjectError(714, f"engine {engine!r} is not known here. Use one of: {', '.join(ENGINES)} "
                           "(or 'local' for in-memory runs).")
    if scheduler is not None and engine != "dask":
        raise ProjectError(714, "a scheduler address needs engine 'dask'. Add --engine dask, or drop --scheduler.")
    results: list[dict | None] = [None] * len(tasks)

    def done(i: int, res: dict) -> None:
        results[i] = res
        if on_done is not None:
            on_done(res)

    if not tasks:
        return []
    if engine == "dask":
        with dask_client(scheduler, processes) as client:
            from distributed import as_completed as dask_completed

            futures = client.map(code_partition, [t[0] for t in tasks], [t[1] for t in tasks],
                                 codebook_yaml=codebook_yaml, model=model, batch_size=batch_size, pure=False)
            index = {f.key: i for i, f in enumerate(futures)}
            for fut in dask_completed(futures):
                done(index[fut.key], fut.result())
    elif processes <= 1 or len(tasks) == 1:
        for i, (seg, out, _) in enumerate(tasks):
            done(i, code_partition(seg, out, codebook_yaml, model, batch_size))
    else:
        with ProcessPoolExecutor(max_workers=processes, mp_context=get_context("spawn")) as pool:
            futs = {pool.submit(code_partition, seg, out, codebook_yaml, model, batch_size): i
                    for i, (seg, out, _) in enumerate(tasks)}
            for fut in as_completed(futs):
                done(futs[fut], fut.result())
    return [r for r in results if r is not None]


@contextlib.contextmanager
def dask_client(scheduler: str | None, processes: int = 2) -> Iterator:
    """A ``distributed.Client``: connected to ``scheduler`` (``tcp://host:8786``),
    or to a new ``LocalCluster`` of ``processes`` single-threaded worker processes
    that is shut down afterwards."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise ProjectError(715, "engine 'dask' needs dask.distributed: pip install 'dask[distributed]'.") from None
    cluster = None
    try:
        if scheduler is None:
            cluster = LocalCluster(n_workers=max(processes, 1), threads_per_worker=1, processes=True,
                                   dashboard_address=None, silence_logs=logging.ERROR)
            client = Client(cluster)
        else:
            client = Client(scheduler, timeout="15s")
    except (OSError, TimeoutError) as e:
        if cluster is not None:
            cluster.close()
        where = f"the Dask scheduler at {scheduler!r}" if scheduler else "a local Dask cluster"
        raise ProjectError(715, f"cannot connect to {where} ({type(e).__name__}). Start one with 'dask scheduler' "
                           "and 'dask worker ADDRESS' on machines with qualkit installed, or leave --scheduler "
                           "out to use local worker processes.") from None
    try:
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def code_parquet(segments_dir: str | Path, codings_dir: str | Path, codebook: Codebook, *,
                 engine: str = "dask", scheduler: str | None = None, processes: int = 2,
                 model: str | None = None, progress: ProgressCallback | None = None) -> list[dict]:
    """Code a folder of segments Parquet parts (``*.parquet`` with columns
    ``segment, unit_id, question, doc_id, start, text[, speaker]``) into a folder
    of codings parts with the same file names.

    Returns each part's result (``segments, codings, seconds, pipeline, pid``).
    ``[QK716]`` when a worker used another spaCy pipeline than this machine has.
    """
    from qualkit.codebook import dumps
    from qualkit.nlp import load_pipeline

    import pyarrow.parquet as pq

    segments_dir, codings_dir = Path(segments_dir), Path(codings_dir)
    parts = sorted(segments_dir.glob("*.parquet"))
    if not parts:
        raise ProjectError(717, f"{segments_dir}: no .parquet files. Write the segments as Parquet parts first.")
    tasks = [(str(p), str(codings_dir / p.name), pq.ParquetFile(p).metadata.num_rows) for p in parts]
    tracker = Tracker(progress, "code", total=sum(t[2] for t in tasks))
    results = run_partitions(tasks, dumps(codebook), engine=engine, processes=processes, scheduler=scheduler,
                             model=model, on_done=lambda r: tracker.advance(r["segments"]))
    check_pipelines(results, load_pipeline(codebook.language, model).describe())
    return results


def check_pipelines(results: Sequence[dict], expected: str) -> None:
    """``[QK716]`` unless every partition was coded with the ``expected`` pipeline."""
    other = sorted({r["pipeline"] for r in results} - {expected})
    if other:
        raise ProjectError(716, f"some workers coded with spaCy pipeline {other[0]!r}, this machine with "
                           f"{expected!r}. Install the same pipeline (and qualkit version) on every worker.")
