"""A hostile check of the interview path on the command line (vtt-check, round 4): a Teams
transcript saved on Windows (CRLF) with real-looking names, a --speakers file and a
--skip-speaker name that matches nobody, pseudonymised: no real name in any output, on
screen or in a note; control characters in speaker names, patterns and file names never
reach the terminal raw."""
from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from qualkit.cli import app

ROOT = Path(__file__).resolve().parents[2]
ACTIVERING = ROOT / "codebooks" / "activering.yaml"
NAMES = ["Marieke Verstraeten", "Kobe Vandenbroucke", "Ruben Claeys", "Lotte Wuyts"]
PARTS = sorted({w for n in NAMES for w in n.split()})

TEAMS = """WEBVTT

a1
00:00:01.000 --> 00:00:04.000
<v Interviewer>Goeiemiddag, wat zijn de drempels voor uw cliënten?</v>

a2
00:00:04.000 --> 00:00:09.000
<v Marieke Verstraeten>Ik ben Marieke. Taal is een groot probleem, en mobiliteit: geen auto, geen bus.</v>

a3
00:00:09.000 --> 00:00:12.000
<v Kobe Vandenbroucke>Volgens Marieke is de arbeidsmarkt gesloten, en de taal moeilijk voor Verstraeten.</v>
"""


def invoke(args) -> tuple[int, str]:
    res = CliRunner().invoke(app, [str(a) for a in args], env={"COLUMNS": "200"})
    return res.exit_code, res.output


def texts(folder: Path) -> dict[str, str]:
    """Every output file as text; workbooks and zips member by member (the XML as written)."""
    out = {}
    for p in sorted(folder.rglob("*")):
        if p.is_file() and p.suffix in (".xlsx", ".qdpx"):
            with zipfile.ZipFile(p) as z:
                out.update({f"{p.name}/{n}": z.read(n).decode("utf-8", "replace") for n in z.namelist()})
        elif p.is_file():
            out[p.name] = p.read_bytes().decode("utf-8", "replace")
    return out


@pytest.fixture()
def study(tmp_path):
    (tmp_path / "int-a.vtt").write_bytes(TEAMS.replace("\n", "\r\n").encode("utf-8"))
    (tmp_path / "int-b.jsonl").write_text(json.dumps({"id": "b", "turns": [
        {"speaker": "Interviewer", "text": "Wat vindt u van de taalcursus?"},
        {"speaker": "Ruben Claeys", "text": "De taal is moeilijk, zegt Ruben. Geen vervoer, geen werk."}]}) + "\n",
        encoding="utf-8")
    (tmp_path / "sprekers.csv").write_text("spreker;rol\n" + "".join(f"{n};rol{i}\n" for i, n in enumerate(NAMES)),
                                           encoding="utf-8")
    return tmp_path


def test_a_pseudonymised_interview_run_names_nobody_anywhere(study):
    """Before: the --skip-speaker note repeated the typed name ('Lotte Wuyts'), and speakers'
    first names ('zegt Ruben', 'Volgens Marieke') stayed in the texts of every output."""
    out, report = study / "out", study / "out" / "report.html"
    code, screen = invoke(["code", study / "int-a.vtt", study / "int-b.jsonl", "-c", ACTIVERING, "-o", out,
                           "--pseudonymise", "--speakers", study / "sprekers.csv", "--skip-speaker", "Voorzitter*",
                           "--skip-speaker", "Lotte Wuyts", "--report", report, "--by", "rol"])
    assert code == 0, screen
    assert "--skip-speaker number 2 of 2 matches no speaker" in screen
    found = texts(out)
    assert {"segments.csv", "speakers.csv", "report.html", "run.json"} <= set(found)
    assert "taal" in found["segments.csv"] and "00:00:04.000" in found["segments.csv"]  # the study is there
    leaks = {f: [w for w in PARTS if w in t] for f, t in {**found, "screen": screen}.items()}
    assert {f: w for f, w in leaks.items() if w} == {}

    code, screen = invoke(["report", study / "int-a.vtt", "-c", ACTIVERING, "-o", study / "r.html", "--pseudonymise",
                           "--skip-speaker", "Lotte Wuyts"])
    assert code == 0 and "number 1 of 1" in screen and "Lotte" not in screen
    assert not [w for w in PARTS if w in (study / "r.html").read_text(encoding="utf-8")]


def test_without_pseudonymise_the_note_names_the_pattern(study):
    code, screen = invoke(["code", study / "int-a.vtt", "-c", ACTIVERING, "-o", study / "out",
                           "--skip-speaker", "Voorziter*"])
    assert code == 0, screen
    assert "--skip-speaker 'Voorziter*' matches no speaker in the transcripts" in screen


RAW = ["\x1b", "\u202e", "\x07", "\x9b"]


def test_control_characters_never_reach_the_terminal(tmp_path):
    """A speaker named with an escape sequence and a direction mark, a --skip-speaker pattern
    and a file name holding them: tables, notes, the ingest summary and errors show escapes."""
    evil = "\x1b[2J\x1b]8;;http://x\x07Jan\u202eX\x9b"
    vtt = tmp_path / "int\x1b[31m.vtt"
    vtt.write_text(f"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v {evil}>De taal is moeilijk.</v>\n\n"
                   "00:00:02.000 --> 00:00:03.000\n<v Els>Geen werk.</v>\n", encoding="utf-8")
    runs = [["code", vtt, "-c", ACTIVERING, "-o", tmp_path / "out", "--by", "speaker", "--skip-speaker", evil + "?"],
            ["code", vtt, "-c", ACTIVERING, "-o", tmp_path / "out2", "--skip-speaker", "Els"],
            ["ingest", vtt],
            ["code", tmp_path / "nie\x1b[31mt.vtt", "-c", ACTIVERING, "-o", tmp_path / "out3"]]
    for args in runs:
        code, screen = invoke(args)
        assert code == (1 if args is runs[-1] else 0), screen
        assert not [c for c in RAW if c in screen], (args[0], screen)
    code, screen = invoke(runs[0])
    assert r"\x1b[2J" in screen and r"\u202e" in screen and "matches no speaker" in screen
    assert "Error: [QK" in invoke(runs[-1])[1]


@pytest.mark.parametrize("header, problem", [
    ("spreker;rol;rol", "columns 2 and 3 have the same name 'rol': rename one"),
    ("spreker;rol;ROL", "columns 2 and 3 have the same name 'ROL': rename one"),
    ("spreker;;", "column 2 has values but no name in the header row: give it one"),
    ("spreker;rol;turns", "column 3 is named 'turns', as a column qualkit adds to speakers.csv"),
    ("spreker;segments;rol", "column 2 is named 'segments', as a column qualkit adds"),
    ("spreker;rol;speaker", "column 3 is named 'speaker', as a column qualkit adds to speakers.csv (turns, skipped, "
                            "documents, segments) or a second speaker column besides column 1"),
])
def test_speaker_file_headers_qualkit_cannot_use_are_qk606(tmp_path, header, problem):
    """Before: a traceback (InvalidIndexError, or 'DataFrame' object has no attribute 'dtype')
    after the coding was done, and no outputs."""
    vtt = tmp_path / "int.vtt"
    vtt.write_bytes(TEAMS.encode("utf-8"))
    attrs = tmp_path / "sprekers.csv"
    attrs.write_text(f"{header}\nMarieke Verstraeten;a;b\nKobe Vandenbroucke;c;d\n", encoding="utf-8")
    for by in ([], ["--by", "rol"]):
        code, screen = invoke(["code", vtt, "-c", ACTIVERING, "-o", tmp_path / "out", "--speakers", attrs, *by])
        assert code == 1 and f"Error: [QK606] {attrs}: not a speaker attribute table: {problem}" in screen, screen
        assert "Traceback" not in screen and not (tmp_path / "out").exists()


def test_an_empty_trailing_column_of_a_speaker_file_is_ignored(tmp_path):
    from qualkit.ingest.speakers import read_speakers

    attrs = tmp_path / "sprekers.csv"
    attrs.write_text("spreker;rol;;\nMarieke Verstraeten;a;;\n", encoding="utf-8")
    assert read_speakers(attrs).to_dict("index") == {"Marieke Verstraeten": {"rol": "a"}}


def test_ingest_notes_a_skip_speaker_that_matches_nobody(study):
    code, screen = invoke(["ingest", study / "int-a.vtt", "--skip-speaker", "Kobe*", "--skip-speaker", "Voorziter"])
    assert code == 0, screen
    assert "Note: --skip-speaker 'Voorziter' matches no speaker" in screen and "'Kobe*'" not in screen
    assert "Kobe Vandenbroucke 1 (not coded)" in screen
