"""Outputs that fit their size: writing a run's files, as ratios measured in one run.

For N coded segments (synthetic rows shaped like segments.csv), it times
``write_tables`` (every CSV, the workbook, run.json; segments.parquet past
SHEET_ROWS) against the floor of writing segments.csv alone, and the workbook alone
with and without a segments sheet.

    nice -n 10 .venv/bin/python bench/bench_outputs.py [N ...]
"""
from __future__ import annotations

import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import pandas as pd

from qualkit.report.files import SHEET_ROWS, Tables, workbook, write_tables
from qualkit.io.sheets import write_csv


def tables(n: int) -> Tables:
    seg = pd.DataFrame({
        "unit_id": [f"R{i}" for i in range(n)], "question": "Q23", "speaker": "",
        "doc_id": [f"R{i}/Q23" for i in range(n)], "unit_start": 0, "unit_end": 74, "code": "personeel",
        "matched": "personeel", "rule": "personeel include[1] lemma:personeel", "method": "rule",
        "confidence": 1.0, "text": "Meer personeel zou de werkdruk in het OCMW verlagen, zeker in de thuiszorg."})
    freq = pd.DataFrame({"code": ["personeel"], "label": ["Meer personeel"], "n": [n], "pct": [100.0]})
    matrix = pd.DataFrame({"personeel": 1}, index=pd.Index(seg["unit_id"], name="unit_id"))
    return Tables({"Q23": freq}, {}, matrix, seg, {"qualkit": "bench"})


def timed(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def main(sizes: list[int]) -> None:
    for n in sizes:
        t = tables(n)
        with tempfile.TemporaryDirectory() as d:
            folder = Path(d)
            csv_s = timed(lambda: write_csv(t.segments, folder / "s.csv", raw=True))
            all_s = timed(lambda: write_tables(t, folder))
            small = min(n, SHEET_ROWS)
            with_sheet = timed(lambda: workbook(replace(t, segments=t.segments.head(small), matrix=t.matrix.head(small))))
            tables_only = timed(lambda: workbook(replace(t, segments=pd.DataFrame(), matrix=pd.DataFrame())))
        print(f"{n:>9,} segments: all outputs {all_s:6.1f} s = {all_s / csv_s:4.1f}x segments.csv alone "
              f"({csv_s:.1f} s); workbook with {small:,} segment rows {with_sheet:5.1f} s, tables only "
              f"{tables_only:5.2f} s (ratio {with_sheet / max(tables_only, 1e-9):,.0f}x)")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [20_000, 200_000])
