"""Speaker labels a hostile transcript can carry (control characters, formulas, markup)
reach every output: the workbook must still be written, without the illegal characters."""
from __future__ import annotations

from pathlib import Path

import openpyxl
import pandas as pd
from typer.testing import CliRunner

from conftest import shared
from qualkit.cli import app
from qualkit.ingest import ReadOptions
from qualkit.report import build_tables, write_outputs
from qualkit.workflow import code_inputs

RUST = Path(__file__).resolve().parents[1] / "data" / "codebooks" / "rust-unsafe.yaml"


def hostile_transcript(tmp_path):
    """A real transcript whose speaker labels carry control characters and a formula."""
    real = shared("en-rust-unsafe-interviews", "interviews", "transcripts", "3.md").read_text(encoding="utf-8")
    hostile = real.replace("***Participant***", "***A\x07na\x1b[31m***", 3).replace("***Participant***", '***=HYPERLINK("x")***')
    src = tmp_path / "3.md"
    src.write_text(hostile, encoding="utf-8")
    return src


def test_control_characters_in_speaker_names_do_not_break_the_workbook(tmp_path):
    src = hostile_transcript(tmp_path)
    tables = build_tables(code_inputs([src], RUST, ReadOptions()), by=["speaker"])
    out = tmp_path / "out"
    write_outputs(tables, out)      # raised openpyxl's IllegalCharacterError (pandas 3 text is not object dtype)
    by_speaker = pd.read_csv(out / "by_speaker.csv", dtype=str, keep_default_na=False)
    assert "A\x07na\x1b[31m" in set(by_speaker.speaker)
    cells = {str(c.value) for ws in openpyxl.load_workbook(out / "qualkit.xlsx").worksheets
             for row in ws.iter_rows() for c in row if c.value is not None}
    assert "Ana[31m" in cells
    assert not any(ch in v for v in cells for ch in "\x07\x1b")


def test_speaker_names_cannot_drive_the_terminal(tmp_path):
    src = hostile_transcript(tmp_path)
    res = CliRunner().invoke(app, ["code", str(src), "-c", str(RUST), "--by", "speaker", "--out", str(tmp_path / "o")])
    assert res.exit_code == 0, res.output
    assert "\x1b" not in res.output and "\x07" not in res.output
    assert "A\\x07na" in res.output       # shown as an escape, as every other table does
