"""Privacy: no respondent text in errors, warnings, logs or tracebacks.

Every error path below runs on input holding a marked text (answers, turns, a
codebook's description and examples). The mark must not show in the exception
(str, repr, args, notes, attributes, the whole cause/context chain), in a warning,
in any log record at DEBUG level, or in what the CLI prints.
"""
from __future__ import annotations

import os
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from hardening_build import MARK, ROOT
from hardening_privacy import ANSWER, CASES, KNOWN_LEAKS, exposed, watching
from qualkit.cli import app
from qualkit.errors import QualkitError


def _check(tmp_path, code, build):
    call = build(tmp_path)
    with watching() as (logs, caught):
        with pytest.raises(QualkitError) as info:
            call()
    e = info.value
    assert e.code == code, str(e)
    assert MARK not in exposed(e), exposed(e)[:2000]
    assert not [line for line in logs if MARK in line], logs
    assert not [w for w in caught if MARK in str(w.message)], [str(w.message)[:300] for w in caught]


@pytest.mark.parametrize("name", list(CASES))
def test_error_paths_do_not_show_respondent_text(tmp_path, name):
    _check(tmp_path, *CASES[name])


@pytest.mark.parametrize("name", list(KNOWN_LEAKS))
def test_once_leaking_paths(tmp_path, name):
    """Paths that once echoed an answer (fixed: ids that look like text are shown by length only)."""
    _check(tmp_path, *KNOWN_LEAKS[name])


def test_encoding_detection_logs_no_text(tmp_path):
    """charset-normalizer logs at DEBUG while qualkit guesses an encoding."""
    from qualkit.ingest._text import decode

    data = ANSWER.encode("ascii") + " Καλημέρα".encode("cp1253") + b" \x81\x8d\n" * 3  # not UTF-8, not cp1252
    with watching() as (logs, caught):
        try:
            decode(data, "x.csv", None)
        except QualkitError as e:
            assert MARK not in exposed(e)
    assert not [line for line in logs if MARK in line]


CLI = {  # command line, expected code; files are written by the matching CASES entry
    "csv answer as id": ("ingest {f} -i Q1 -q id", 112),
    "csv huge cell": ("ingest {f} -i id -q Q1", 803),
    "csv mixed encodings": ("ingest {f} -i id -q Q1", 105),
    "xlsx bad number": ("code {f} -c {cb} -i id -q Q1", 152),
    "sav crash": ("ingest {f} -i id -q Q1", 119),
    "jsonl bad json": ("ingest {f}", 125),
    "jsonl same ids": ("ingest {f} {g}", 123),
    "txt huge line": ("code {f} -c {cb}", 812),
    "speaker pattern timeout": ("ingest {f} --speaker-pattern (?P<speaker>(a|aa)+)$", 810),
    "codebook yaml syntax": ("codebook check {f}", 206),
    "codebook invalid": ("codebook check {f}", 203),
    "qdc invalid rules": ("codebook import {f} -o {out}.yaml", 510),
    "qdpx broken project": ("import {f} -o {out}", 506),
}


@pytest.mark.parametrize("name", [n for n in CLI if n in CASES])
def test_cli_errors_do_not_show_respondent_text(tmp_path, name):
    CASES[name][1](tmp_path)
    files = sorted(p for p in tmp_path.iterdir() if p.is_file())
    line, code = CLI[name]
    args = line.format(f=files[0], g=files[-1], cb=ROOT / "codebooks" / "werkdruk.yaml", out=tmp_path / "out").split()
    with watching() as (logs, caught):
        res = CliRunner().invoke(app, args)
    out = res.output + (res.stderr if res.stderr_bytes is not None else "")
    assert res.exit_code == 1 and f"Error: [QK{code:03d}]" in out, out[-1500:]
    assert MARK not in out and not [x for x in logs if MARK in x] and not [w for w in caught if MARK in str(w.message)]


BUG = """
import qualkit.ingest.survey as survey
def check_cell(value, where):  # a bug deep in a reader, with an answer in its local variables
    answer = value
    raise RuntimeError("unexpected")
survey.check_cell = check_cell
from qualkit.cli import main
main()
"""


def test_a_bug_shows_a_traceback_without_local_variables(tmp_path):
    p = tmp_path / "s.csv"
    p.write_text(f"id;Q1\nR1;{ANSWER}\n", encoding="utf-8")
    res = subprocess.run([sys.executable, "-c", BUG, "ingest", str(p), "-i", "id", "-q", "Q1"], cwd=ROOT,
                         capture_output=True, text=True, timeout=180, env={**os.environ, "COLUMNS": "200"})
    assert res.returncode == 1 and "RuntimeError" in res.stderr and "unexpected" in res.stderr, res.stderr[-3000:]
    assert MARK not in res.stdout + res.stderr
