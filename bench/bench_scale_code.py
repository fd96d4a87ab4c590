"""Plain ``qualkit code`` at scale, against the bare streaming engine on the same input.

Answers are built from real Dutch sentences (as in bench_scale.py: Belgian Kamer
turns and nl-ecosent headlines, recombined with a seeded RNG) and coded with a
50-code codebook: the 17 codes of codebooks/werkdruk.yaml plus 33 lemma codes
for frequent words of those sentences. Two runs, each in a fresh process while
its memory is sampled:

- engine: ``code_chunks(read_chunks(csv), codebook)`` with no sinks: reading and
  coding only, the floor for any command;
- code: the real command, ``qualkit code CSV -c CB -i respondent -q Q23 -o OUT --quiet``
  (tables counted, segments.csv and matrix.csv written, workbook, run.json).

The two runs take turns ``--repeat`` times and the best of each is kept, so a
load spike on this shared machine hits both alike. Prints wall and CPU time (user
+ system of the process tree, which others' load does not inflate), the ratios
code/engine (aim <= 1.2) and the peak RSS of each run's process tree (aim <= 1 GiB).
Asserts nothing.

    python bench/bench_scale_code.py                # 200,000 answers
    python bench/bench_scale_code.py --n 20000      # quick look
"""
from __future__ import annotations

import argparse
import collections
import json
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_scale import PeakMemory, generate, sentences  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def codebook_50(path: Path) -> Path:
    """werkdruk.yaml plus lemma codes for the most frequent longer words of the sentence pool (50 codes)."""
    cb = yaml.safe_load((ROOT / "codebooks" / "werkdruk.yaml").read_text(encoding="utf-8"))
    words = collections.Counter(w.lower() for s in sentences() for w in re.findall(r"[A-Za-zÀ-ÿ]{7,}", s))
    taken = {c["id"] for c in cb["codes"]}
    for word, _ in words.most_common():
        if len(cb["codes"]) >= 50:
            break
        if word not in taken:
            cb["codes"].append({"id": word, "label": word.capitalize(), "include": [{"lemma": word}]})
            taken.add(word)
    cb["name"], cb["version"] = "bench-50", "1"
    path.write_text(yaml.safe_dump(cb, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def engine_child(csv: str, codebook: str) -> None:
    from qualkit.codebook import load_codebook
    from qualkit.ingest import ReadOptions, read_chunks
    from qualkit.scale import code_chunks
    from qualkit.scale.startup import keep_torch_out

    keep_torch_out()          # as the qualkit command does, so both runs load the same modules
    t = time.perf_counter()
    run = code_chunks(read_chunks([csv], ReadOptions(id_column="respondent", questions=["Q23"])),
                      load_codebook(codebook), [])
    print(json.dumps({"seconds": time.perf_counter() - t, "codings": run.codings, "answers": run.stats.segments,
                      "timings": run.timings}))


def measure(cmd: list[str]) -> dict:
    t, c = time.perf_counter(), _children_cpu()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    with PeakMemory(proc.pid) as mem:
        out, err = proc.communicate()
    wall, cpu = time.perf_counter() - t, _children_cpu() - c
    if proc.returncode:
        raise SystemExit(f"{' '.join(cmd[:4])} ... failed (exit {proc.returncode}):\n{err[-2000:]}")
    return {"wall": wall, "cpu": cpu, "peak": mem.peak, "pss": mem.peak_pss, "out": out}


def _children_cpu() -> float:
    """User + system CPU seconds of every child process (and its waited-for children) so far."""
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=200_000)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        return engine_child(*args.child)
    tmp = Path(tempfile.mkdtemp(prefix="qualkit-bench-code-"))
    try:
        csv = tmp / "answers.csv"
        generate(csv, args.n)
        cb = codebook_50(tmp / "codebook.yaml")
        runs: dict[str, list[dict]] = {"engine": [], "code": []}
        for _ in range(args.repeat):
            runs["engine"].append(measure([sys.executable, __file__, "--child", str(csv), str(cb)]))
            runs["code"].append(measure([sys.executable, "-m", "qualkit", "code", str(csv), "-c", str(cb),
                                         "-i", "respondent", "-q", "Q23", "-o", str(tmp / "out"), "--quiet"]))
        engine = min(runs["engine"], key=lambda r: r["wall"])
        code = min(runs["code"], key=lambda r: r["wall"])
        cpu = {name: min(x["cpu"] for x in rs) for name, rs in runs.items()}
        info = json.loads(engine["out"].strip().splitlines()[-1])
        files = {p.name: p.stat().st_size for p in (tmp / "out").iterdir()}
        print(f"{info['answers']:,} answers, {info['codings']:,} codings, 50 codes")
        print(f"{'run':<8}{'best wall s':>12}{'best CPU s':>12}{'all runs s':>18}{'peak RSS MiB':>15}{'peak PSS MiB':>15}")
        for name, r in (("engine", engine), ("code", code)):
            every = ", ".join(f"{x['wall']:.0f}" for x in runs[name])
            peak = max(x["peak"] for x in runs[name])
            pss = max(x["pss"] for x in runs[name])
            print(f"{name:<8}{r['wall']:>12.1f}{cpu[name]:>12.1f}{every:>18}{peak / 2**20:>15,.0f}{pss / 2**20:>15,.0f}")
        t = info["timings"]
        print(f"engine inside: read {t['read']:.1f} s, code {t['code']:.1f} s (wall {info['seconds']:.1f} s)")
        print(f"ratio code / engine: wall {code['wall'] / engine['wall']:.2f}, CPU {cpu['code'] / cpu['engine']:.2f} "
              f"(aim <= 1.2); "
              f"peak RSS of code: {max(x['peak'] for x in runs['code']) / 2**30:.2f} GiB (aim <= 1)")
        print("outputs: " + ", ".join(f"{n} {s / 2**20:.1f} MiB" for n, s in sorted(files.items())))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
