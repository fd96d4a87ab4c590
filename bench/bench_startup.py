"""Start-up: ``qualkit code`` on the demo against loading spaCy alone.

Runs, in turn and ``--repeat`` times (best of each kept, so a load spike on this
shared machine hits all alike):

- spacy: ``python -c "import spacy; spacy.blank('nl')"`` (the issue's yardstick;
  note it imports PyTorch through thinc, as any spaCy import does here);
- spacy-no-torch: the same with thinc's PyTorch import kept out, as qualkit does;
- code: ``qualkit code`` on the 258-answer demo (two questions, no report).

Prints the ratios (aim: code <= 1.5 x spacy) and whether torch was imported.

    python bench/bench_startup.py [--repeat 5]
"""
from __future__ import annotations

import argparse
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
    for _ in range(args.repeat):
        for name, cmd in runs.items():
            t = time.perf_counter()
            subprocess.run(cmd, check=True, capture_output=True)
            best[name] = min(best[name], time.perf_counter() - t)
    probe = subprocess.run([py, "-X", "importtime", *runs["code"][1:]], capture_output=True, text=True)
    torch = any(line.rstrip().endswith("| torch") for line in probe.stderr.splitlines())
    for name, s in best.items():
        print(f"{name:<16}{s:>7.2f} s")
    print(f"code / spacy: {best['code'] / best['spacy']:.2f} (aim <= 1.5); "
          f"code / spacy-no-torch: {best['code'] / best['spacy-no-torch']:.2f}; torch imported by code: {torch}")


if __name__ == "__main__":
    main()
