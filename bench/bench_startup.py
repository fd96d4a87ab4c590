"""Start-up: ``qualkit code`` on the demo against loading spaCy alone.

Runs, in turn and ``--repeat`` times (best of each kept, so a load spike on this
shared machine hits all alike):

- spacy: ``python -c "import spacy; spacy.blank('nl')"`` (the issue's yardstick;
  note it imports PyTorch through thinc, as any spaCy import does here);
- spacy-no-torch: the same with thinc's PyTorch import kept out, as qualkit does;
- code: ``qualkit code`` on the 258-answer demo (two questions, no report).

Prints wall and CPU time (user + system of the child process, which a load spike
from other users does not inflate) and their ratios (aim: code <= 1.5 x spacy), and
whether torch was imported.

    python bench/bench_startup.py [--repeat 5]
"""
from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    out = Path(tempfile.mkdtemp(prefix="qualkit-startup-")) / "out"
    py = sys.executable
    runs = {
        "spacy": [py, "-c", "import spacy; spacy.blank('nl')"],
        "spacy-no-torch": [py, "-c", "from qualkit.scale.startup import keep_torch_out; keep_torch_out(); "
                                     "import spacy; spacy.blank('nl')"],
        "code": [py, "-m", "qualkit", "code", str(ROOT / "corpora" / "ocmw-werkdruk-2026.csv"),
                 "-c", str(ROOT / "codebooks" / "werkdruk.yaml"), "-i", "respondent", "-q", "Q23", "-q", "Q24",
                 "-o", str(out), "--quiet"],
    }
    best = {k: float("inf") for k in runs}
    cpu = {k: float("inf") for k in runs}
    for _ in range(args.repeat):
        for name, cmd in runs.items():
            t, c = time.perf_counter(), _children_cpu()
            subprocess.run(cmd, check=True, capture_output=True)
            best[name] = min(best[name], time.perf_counter() - t)
            cpu[name] = min(cpu[name], _children_cpu() - c)
    probe = subprocess.run([py, "-X", "importtime", *runs["code"][1:]], capture_output=True, text=True)
    torch = any(line.rstrip().endswith("| torch") for line in probe.stderr.splitlines())
    print(f"{'run':<16}{'wall s':>8}{'CPU s':>8}   (best of {args.repeat})")
    for name in runs:
        print(f"{name:<16}{best[name]:>8.2f}{cpu[name]:>8.2f}")
    for what, t in (("wall", best), ("CPU", cpu)):
        print(f"{what}: code / spacy {t['code'] / t['spacy']:.2f} (aim <= 1.5), "
              f"code / spacy-no-torch {t['code'] / t['spacy-no-torch']:.2f}")
    print(f"torch imported by code: {torch}")


def _children_cpu() -> float:
    """User + system CPU seconds of every child process waited for so far."""
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


if __name__ == "__main__":
    main()
