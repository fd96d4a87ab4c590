"""Hand-made hostile cases, by class (issue #11): values that break parsers or renderers,
and output targets that hold what the user owns. The tests use them one by one and the
fuzz strategies draw from them (hardening_fuzz.TOKENS, test_fuzz_outputs)."""
from __future__ import annotations

import os
from pathlib import Path

from typer.testing import CliRunner

from conftest import STAFF_ADMIN

HOSTILE_VALUES = [
    b"9" * 5000,                        # an integer Python will not turn into text (over 4,300 digits)
    b"0x" + b"f" * 5000,                # reads as an integer, cannot be written as decimal text
    b"2026-02-30",                      # a YAML date that does not exist
    b"[/x]",                            # closing rich markup tag: MarkupError
    b"[link=http://evil.example]klik[/link]",  # a terminal hyperlink
    b"[bold red]",                      # markup that would colour the rest
    b":thumbs_up:",                     # an emoji code
    b"=HYPERLINK(\"http://evil.example\",\"klik\")",
    b"+cmd|' /C calc'!A0",
    b"@SUM(1+1)*cmd|' /C calc'!A0",
    b"-2+3",
    b"\t=1+1",
    b"\r=1+1",
    b"\\ud800",                        # a lone surrogate, as JSON and YAML escape it
    b"\\udfff\\ud800",
    b"1e999",                           # a float that is infinite
    b"-" + b"1" * 4400,                 # a negative integer over the limit
]
"""Values planted in codebooks, labels, headers and answers."""

MARKUP = ["[/x]", "[link=http://evil.example]klik[/link]", "[bold red]", ":thumbs_up:", "[/]"]

SURVEY = "id;regio;Q1\nR1;Noord;Meer personeel graag.\nR2;Zuid;Minder administratie.\nR3;Noord;Geen idee.\n"


def small_study(folder: Path) -> dict[str, Path]:
    """A survey and a codebook in ``folder`` (which is created)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "s.csv").write_text(SURVEY, encoding="utf-8")
    (folder / "cb.yaml").write_text(STAFF_ADMIN, encoding="utf-8")
    return {"survey": folder / "s.csv", "codebook": folder / "cb.yaml"}


def invoke(args: list, width: int = 120):
    """``qualkit ARGS`` in process; returns the Result (exit code, output)."""
    from qualkit.cli import app

    return CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=True, env={"COLUMNS": str(width)})


def snapshot(folder: Path) -> dict[str, tuple[str, bytes | str]]:
    """Every entry under ``folder`` (not following links): kind and content."""
    out: dict[str, tuple[str, bytes | str]] = {}
    for root, dirs, files in os.walk(folder):
        for n in dirs + files:
            p = Path(root) / n
            rel = str(p.relative_to(folder))
            if p.is_symlink():
                out[rel] = ("link", os.readlink(p))
            elif p.is_dir():
                out[rel] = ("dir", b"")
            elif p.is_fifo():
                out[rel] = ("fifo", b"")
            else:
                out[rel] = ("file", p.read_bytes())
    return out


# Output targets that hold what the user owns; each builds its target in ``root`` (the cwd)
# and returns (path to pass, the QK code expected). The study is in root/data.

def target_input_folder(root: Path) -> tuple[str, int]:
    return "data", 903


def target_cwd(root: Path) -> tuple[str, int]:
    return ".", 904


def target_cwd_absolute(root: Path) -> tuple[str, int]:
    return str(root), 904


def target_parent(root: Path) -> tuple[str, int]:
    return "..", 904


def target_foreign_folder(root: Path) -> tuple[str, int]:
    (root / "mine").mkdir(exist_ok=True)
    (root / "mine" / "notes.txt").write_text("mijn notities", encoding="utf-8")
    return "mine", 905


def target_file(root: Path) -> tuple[str, int]:
    (root / "a-file").write_text("x", encoding="utf-8")
    return "a-file", 902


def target_symlink(root: Path) -> tuple[str, int]:
    (root / "real").mkdir(exist_ok=True)
    if not (root / "link").is_symlink():
        (root / "link").symlink_to(root / "real")
    return "link", 907


FOLDER_TARGETS = [target_input_folder, target_cwd, target_cwd_absolute, target_parent, target_foreign_folder,
                  target_file, target_symlink]


def file_fifo(root: Path) -> tuple[str, int]:
    if not (root / "pipe").exists():
        os.mkfifo(root / "pipe")
    return "pipe", 908


def file_folder(root: Path) -> tuple[str, int]:
    (root / "adir").mkdir(exist_ok=True)
    return "adir", 908


def file_link_to_fifo(root: Path) -> tuple[str, int]:
    file_fifo(root)
    if not (root / "pipe-link").is_symlink():
        (root / "pipe-link").symlink_to(root / "pipe")
    return "pipe-link", 908


def file_dev_null(root: Path) -> tuple[str, int]:
    return "/dev/null", 908


def file_input(root: Path) -> tuple[str, int]:
    return "data/s.csv", 909


def file_codebook(root: Path) -> tuple[str, int]:
    return "data/cb.yaml", 909


FILE_TARGETS = [file_fifo, file_folder, file_link_to_fifo, file_dev_null, file_input, file_codebook]


def output_texts(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` as text: workbooks cell by cell (every sheet), Parquet as
    CSV, anything else decoded; for searching outputs for what must not be there."""
    import openpyxl
    import pandas as pd

    out: dict[str, str] = {}
    for p in sorted(folder.rglob("*")):
        if not p.is_file():
            continue
        rel = str(p.relative_to(folder))
        if p.suffix == ".xlsx":
            wb = openpyxl.load_workbook(p, read_only=True)
            out[rel] = "\n".join(f"{ws.title}: " + "\t".join("" if v is None else str(v) for v in row)
                                 for ws in wb.worksheets for row in ws.iter_rows(values_only=True))
            wb.close()
        elif p.suffix == ".parquet":
            out[rel] = pd.read_parquet(p).to_csv(index=False)
        else:
            out[rel] = p.read_bytes().decode("utf-8", "replace")
    return out


HEADLINES_CODEBOOK = """
name: economie
version: "1"
codes:
  - id: groei
    label: Groei
    include: [{lemma: groei}, {lemma: groeien}, {lemma: stijgen}]
  - id: daling
    label: Daling
    include: [{lemma: dalen}, {lemma: daling}, {lemma: zakken}]
  - id: beurs
    label: Beurs
    include: [{lemma: beurs, compound: true}, {lemma: aandeel}]
"""


def headline_project(root: Path, n: int = 40) -> Path:
    """A two-wave project on real Dutch news headlines (../shared/data/nl-ecosent/gold_sentences.csv,
    which no other test reads): waves A and B of ``n`` headlines each, a codebook, qualkit.yaml."""
    import csv

    from conftest import shared

    with shared("nl-ecosent", "gold_sentences.csv").open(encoding="utf-8") as f:
        rows = [(r["id"], r["headline"]) for r in csv.DictReader(f)][:2 * n]
    root.mkdir(parents=True, exist_ok=True)
    for name, part in (("a.csv", rows[:n]), ("b.csv", rows[n:])):
        with (root / name).open("w", encoding="utf-8", newline="") as f:
            csv.writer(f, delimiter=";").writerows([("id", "kop"), *part])
    (root / "cb.yaml").write_text(HEADLINES_CODEBOOK, encoding="utf-8")
    (root / "qualkit.yaml").write_text(
        "name: koppen\ncodebook: cb.yaml\nquestions: [kop]\noutputs: out\nwaves:\n"
        "  - name: A\n    inputs: [a.csv]\n    id_column: id\n  - name: B\n    inputs: [b.csv]\n    id_column: id\n",
        encoding="utf-8")
    return root / "qualkit.yaml"


def cpu_seconds() -> float:
    """CPU seconds used so far by this process and its finished children. Timing checks use
    this, not the wall clock: on a loaded machine (CI runners, 2 shared cores) a refusal that
    takes 1 s of CPU can take 15 s of wall time, while a real blow-up (exponential
    backtracking, an expanded bomb, a quadratic loop) burns CPU whatever the load."""
    import resource
    import time

    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def best_cpu(fn, repeat: int = 3) -> float:
    """The least CPU time of ``repeat`` calls of ``fn`` (for ratios: the noise of one run is gone)."""
    import gc

    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        gc.disable()  # a full collection's cost grows with the heap, not with the work measured
        try:
            t0 = cpu_seconds()
            fn()
            best = min(best, cpu_seconds() - t0)
        finally:
            gc.enable()
    return best
