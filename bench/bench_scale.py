"""Scale: one million answers streamed from disk, coded in constant memory.

Answers are built from real Dutch sentences (Belgian Kamer plenary turns and
nl-ecosent headlines in ../shared/data), split into sentences and recombined
into short answers (1-3 sentences, 4% empty) with a seeded RNG, and written to
a temporary CSV in blocks (never all in memory). Each run streams that CSV
through qualkit's engine (read_chunks -> code_chunks -> codings Parquet + counts)
with the werkdruk codebook, without the cache, and reports:

- throughput in answers/s, as a ratio to spaCy's bare tokenizer on the same
  texts (tokenizer time only, one process);
- peak memory of each run's process tree (a fresh process per run, as
  ``qualkit run`` would be, plus its workers): the largest sum of PSS and of
  RSS over the tree (aim: under 1 GiB);
- scaling from 1 to 2 worker processes (and, with --dask, a 2-worker LocalCluster),
  with the workers' wall-clock and CPU seconds: when the wall clock runs far
  ahead of the CPU time, the workers waited for a core (a shared machine).

Prints, asserts nothing; machines here are shared and noisy.

    python bench/bench_scale.py                 # 1,000,000 answers (several minutes)
    python bench/bench_scale.py --n 50000       # quick look
    python bench/bench_scale.py --n 200000 --processes 1 2 --dask --cache
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(])")


def sentences() -> list[str]:
    """Distinct real Dutch sentences of 15-220 characters."""
    texts = []
    with open(DATA / "nl-be-kamer-plenary-qa" / "plenary_questions_dutch.jsonl", encoding="utf-8") as f:
        for line in f:
            texts += [t["text"] for t in json.loads(line)["turns"] if t.get("lang") == "nl"]
    heads = pd.read_csv(DATA / "nl-ecosent" / "metadata.csv")["headline"].dropna().astype(str).tolist()
    out = []
    for t in texts:
        out += [s.strip() for s in _SPLIT.split(" ".join(t.split()))]
    out += [h.strip().rstrip(".") + "." for h in heads]
    return list(dict.fromkeys(s for s in out if 15 <= len(s) <= 220))


def generate(path: Path, n: int, seed: int = 2026, block: int = 50_000) -> int:
    """Write ``n`` answers to ``path`` (';' UTF-8 CSV: respondent;regio;Q23), block by block."""
    pool = sentences()
    rng = random.Random(seed)
    regions = ["Antwerpen", "Limburg", "Oost-Vlaanderen", "Vlaams-Brabant", "West-Vlaanderen"]
    size = 0
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter=";")
        w.writerow(["respondent", "regio", "Q23"])
        for start in range(0, n, block):
            rows = []
            for i in range(start, min(start + block, n)):
                k = 0 if rng.random() < 0.04 else rng.choices((1, 2, 3), (0.5, 0.35, 0.15))[0]
                rows.append((f"R{i:07d}", rng.choice(regions), " ".join(rng.choice(pool) for _ in range(k))))
            w.writerows(rows)
    size = path.stat().st_size
    print(f"generated {n:,} answers from {len(pool):,} real Dutch sentences: {size / 2**20:,.0f} MiB CSV")
    return size


class PeakMemory:
    """Samples a process and all its children: ``peak`` is the largest sum of
    RSS (every 0.1 s; shared pages counted once per process, an upper bound),
    ``peak_pss`` the largest sum of PSS (every 1 s; shared pages split between
    the processes that map them: what the tree really holds)."""

    def __init__(self, pid: int):
        import psutil

        self.proc, self._stop = psutil.Process(pid), threading.Event()
        self.peak = self.peak_pss = 0
        self._t = threading.Thread(target=self._run, daemon=True)

    def _tree(self) -> list:
        import psutil

        try:
            return [self.proc, *self.proc.children(recursive=True)]
        except psutil.Error:
            return []

    def _run(self) -> None:
        import psutil

        tick = 0
        while not self._stop.is_set():
            rss = pss = 0
            for p in self._tree():
                try:
                    if tick % 10 == 0:
                        info = p.memory_full_info()
                        pss += getattr(info, "pss", info.rss)
                        rss += info.rss
                    else:
                        rss += p.memory_info().rss
                except psutil.Error:
                    pass
            self.peak = max(self.peak, rss)
            if tick % 10 == 0:
                self.peak_pss = max(self.peak_pss, pss)
            tick += 1
            self._stop.wait(0.1)

    def __enter__(self) -> "PeakMemory":
        self._t.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._t.join()


def tokenizer_rate(path: Path, chunksize: int) -> tuple[float, int, int]:
    """Answers/s of spaCy's bare Dutch tokenizer on the answers (tokenizer time only)."""
    import spacy

    tok = spacy.blank("nl").tokenizer
    seconds, answers, tokens = 0.0, 0, 0
    for chunk in pd.read_csv(path, sep=";", dtype=str, keep_default_na=False, usecols=["Q23"], chunksize=chunksize):
        texts = [t.strip() for t in chunk["Q23"] if t.strip()]
        t = time.perf_counter()
        tokens += sum(len(d) for d in tok.pipe(texts, batch_size=1000))
        seconds += time.perf_counter() - t
        answers += len(texts)
    return answers / seconds, answers, tokens


def child(config: dict) -> None:
    """One measured run, in a fresh process as ``qualkit run`` would be: prints a JSON line."""
    from qualkit.codebook import load_codebook
    from qualkit.ingest import ReadOptions, read_chunks
    from qualkit.project import CodingCache
    from qualkit.report.sinks import CodingsParquet
    from qualkit.scale import code_chunks
    from qualkit.scale.startup import keep_torch_out
    from qualkit.stats import Counts

    keep_torch_out()       # as the qualkit command does
    path, work = Path(config["path"]), Path(config["work"])
    shutil.rmtree(work, ignore_errors=True)
    cache = CodingCache(config["cache"]) if config.get("cache") else None
    cb = load_codebook(config["codebook"])
    counts = Counts(cb, variables=["regio"])
    t = time.perf_counter()
    chunks = read_chunks([path], ReadOptions(id_column="respondent", questions=["Q23"]), chunksize=config["chunksize"])
    res = code_chunks(chunks, cb, [counts, CodingsParquet(work / "codings")], processes=config["processes"],
                      dask=config["engine"] == "dask", cache=cache)
    seconds = time.perf_counter() - t
    coded_pct = 100 - float(counts.frequency_table("Q23").iloc[-1]["pct"])
    print(json.dumps({"seconds": seconds, "answers": res.stats.segments, "codings": res.codings,
                      "timings": res.timings, "coded_pct": coded_pct, "recoded": res.stats.recoded,
                      "hits": res.stats.hits, "self_maxrss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))


def run(config: dict) -> dict:
    """Run :func:`child` in a subprocess while sampling its process tree's memory."""
    proc = subprocess.Popen([sys.executable, __file__, "--child", json.dumps(config)], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True)
    with PeakMemory(proc.pid) as mem:
        out, _ = proc.communicate()
    if proc.returncode:
        raise SystemExit(f"run {config['engine']} x{config['processes']} failed (exit {proc.returncode})")
    result = json.loads(out.strip().splitlines()[-1])
    result.update(engine=config.get("label", config["engine"]), processes=config["processes"],
                  rate=result["answers"] / result["seconds"], peak=mem.peak, pss=mem.peak_pss)
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=1_000_000, help="answers to generate (default 1,000,000)")
    ap.add_argument("--processes", type=int, nargs="+", default=[1, 2], help="worker processes to try")
    ap.add_argument("--chunksize", type=int, default=20_000)
    ap.add_argument("--dask", action="store_true", help="also run the Dask engine on a 2-worker LocalCluster")
    ap.add_argument("--cache", action="store_true", help="also time a cold and a warm run with the coding cache")
    ap.add_argument("--codebook", default=str(ROOT / "codebooks" / "werkdruk.yaml"))
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        return child(json.loads(args.child))

    from qualkit.codebook import load_codebook
    from qualkit.nlp import load_pipeline

    cb = load_codebook(args.codebook)
    tmp = Path(tempfile.mkdtemp(prefix="qualkit-bench-"))
    try:
        path = tmp / "answers.csv"
        generate(path, args.n)
        tok_rate, answers, tokens = tokenizer_rate(path, args.chunksize)
        print(f"answers: {answers:,} non-empty, {tokens:,} tokens ({tokens / answers:.1f} per answer); "
              f"codebook {cb.name} {cb.version} ({len(cb.codes)} codes); pipeline: {load_pipeline(cb.language).describe()}")
        print(f"spaCy bare tokenizer: {tok_rate:,.0f} answers/s (1 process, tokenizer time only)")
        load = os.getloadavg()[0]
        conf = {"path": str(path), "codebook": args.codebook, "chunksize": args.chunksize}
        runs = [run({**conf, "engine": "stream", "processes": p, "work": str(tmp / f"p{p}")})
                for p in args.processes]
        if args.dask:
            runs.append(run({**conf, "engine": "dask", "processes": 2, "work": str(tmp / "dask")}))
        if args.cache:
            for label in ("cache cold", "cache warm"):
                runs.append(run({**conf, "engine": "stream", "processes": args.processes[-1], "label": label,
                                 "work": str(tmp / "cache"), "cache": str(tmp / "cache.sqlite")}))
        print(f"\n{'engine':<11}{'procs':>6}{'answers/s':>11}{'x tokenizer':>13}{'peak RSS/PSS MiB':>18}"
              f"{'read/code/sinks s':>24}{'worker s (CPU)':>16}{'coded %':>9}")
        for r in runs:
            t = r["timings"]
            print(f"{r['engine']:<11}{r['processes']:>6}{r['rate']:>11,.0f}{r['rate'] / tok_rate:>13.2f}"
                  f"{r['peak'] / 2**20:>11,.0f}/{r['pss'] / 2**20:,.0f}"
                  f"{t['read']:>15.0f}/{t['code']:.0f}/{t['sinks']:.0f}"
                  f"{t.get('worker_seconds', 0):>10.0f} ({t.get('worker_cpu_seconds', 0):.0f})"
                  f"{r['coded_pct']:>9.1f}")
        base = next((r for r in runs if r["engine"] == "stream" and r["processes"] == 1), None)
        for r in runs:
            if base and r is not base and r["engine"] in ("stream", "dask"):
                print(f"scaling {r['engine']} {r['processes']} processes vs 1: {r['rate'] / base['rate']:.2f}x")
        if len({r["codings"] for r in runs}) > 1:
            print("WARNING: engines found different numbers of codings")
        worst, worst_pss = max(r["peak"] for r in runs) / 2**20, max(r["pss"] for r in runs) / 2**20
        print(f"peak memory of a run's process tree: {worst_pss:,.0f} MiB PSS, {worst:,.0f} MiB RSS summed "
              f"(aim < 1024)")
        print(f"machine: {os.cpu_count()} cores, load average {load:.1f} before the runs, "
              f"{os.getloadavg()[0]:.1f} after (other work on the cores skews scaling)")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
