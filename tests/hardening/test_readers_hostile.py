"""Hand-made hostile inputs for the readers (issue #11: big ints, lone surrogates, non-text
codecs, huge turns, Word tables, files without a header row), end to end through the CLI:
each gives its result or a [QK] error, never a traceback, and never shows respondent text.
The same inputs are seeds of the fuzz suite (tests/data/ingest/*hostile*)."""
from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from hardening_build import MARK, ROOT
from qualkit.cli import app

CODEBOOK = ROOT / "codebooks" / "werkdruk.yaml"
FIXTURES = ROOT / "tests" / "data" / "ingest"


def _invoke(args: list[str]):
    res = CliRunner().invoke(app, args)
    out = res.output + (res.stderr if res.stderr_bytes is not None else "")
    assert "Traceback" not in out and MARK not in out, out[-2000:]
    assert res.exception is None or isinstance(res.exception, SystemExit), repr(res.exception)
    return res, out


def _monologue(tmp: Path) -> Path:
    p = tmp / "monoloog.vtt"
    p.write_text("WEBVTT\n\n" + "".join(
        f"00:00.000 --> 00:01.000\n<v Jan>{MARK} de werkdruk is hoog en er is te weinig personeel, zin {i}.</v>\n\n"
        for i in range(16_000)), encoding="utf-8")
    return p


def _long_txt(tmp: Path) -> Path:
    p = tmp / "lang.txt"
    p.write_text(("De werkdruk is hoog. " * 50 + "\n\n") * 1_100, encoding="utf-8")
    return p


def _table_docx(tmp: Path) -> Path:
    import docx

    p = tmp / "tabel.docx"
    d = docx.Document()
    t = d.add_table(rows=0, cols=2)
    for speaker, text in [("Interviewer", "Hoe is de werkdruk?"), ("Els", f"{MARK} Te weinig personeel."),
                          ("Interviewer", "En verder?"), ("Els", "De werkdruk stijgt.")]:
        a, b = t.add_row().cells
        a.text, b.text = speaker, text
    d.save(p)
    return p


@pytest.mark.parametrize("make", [_monologue, _long_txt, _table_docx,
                                  lambda t: FIXTURES / "t_hostile_surrogates.jsonl"],
                         ids=["vtt-one-speaker-over-1M", "txt-without-labels-over-1M", "docx-table", "surrogates"])
def test_hostile_transcripts_are_coded(tmp_path, make):
    path = make(tmp_path)
    res, out = _invoke(["code", str(path), "--codebook", str(CODEBOOK), "--out", str(tmp_path / "out")])
    assert res.exit_code == 0, out[-2000:]
    assert (tmp_path / "out").is_dir()


@pytest.mark.parametrize("args, code", [
    (["{fix}/t_hostile_bigint.jsonl"], 133),
    (["{fix}/survey_hostile_noheader.csv", "-q", "Q1"], 111),
    (["{fix}/survey_hostile_noheader.csv", "-i", "respondent", "-q", "*"], 110),
    (["{fix}/survey_utf8.csv", "-q", "Q1", "--encoding", "rot13"], 129),
    (["{fix}/survey_utf8.csv", "-q", "Q1", "--encoding", "base64"], 129),
    (["{fix}/survey_utf8.csv", "-q", "Q1", "--encoding", "undefined"], 129),
])
def test_hostile_inputs_give_their_error(args, code):
    res, out = _invoke(["ingest", *[a.format(fix=FIXTURES) for a in args]])
    assert res.exit_code == 1 and f"Error: [QK{code}]" in out, out[-2000:]
    assert "Veel te druk" not in out and "Noord" not in out


def test_header_with_commas_in_a_semicolon_file():
    res, out = _invoke(["ingest", str(FIXTURES / "survey_hostile_header_commas.csv"), "-i", "id", "-q", "Q1*"])
    assert res.exit_code == 0 and "Q1 (ja, nee, weet niet, geen)" in out, out
