"""WebVTT cue times wherever the place of a segment or quote is shown: segments.csv, the
workbook, ``qualkit ingest -o``, the report's quotes and a REFI-QDA round trip, checked
against turn times computed here from the .vtt files with a parser of our own."""
from __future__ import annotations

import html
import io
import re
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from typer.testing import CliRunner

from qualkit.cli import app

ROOT = Path(__file__).resolve().parents[2]
VTT = [ROOT / "tests" / "data" / "ingest" / "t_teams.vtt", ROOT / "tests" / "data" / "ingest" / "t_zoom.vtt",
       ROOT / "docs" / "examples" / "interview-01-teams.vtt"]
ACTIVERING = ROOT / "codebooks" / "activering.yaml"
runner = CliRunner()

CODEBOOK = """
name: vtt
version: "1"
codes:
  - id: druk
    label: Werkdruk
    include: [{lemma: [druk, pauze]}]
  - id: taal
    label: Taal
    include: [{glob: [taal*, nederlands*]}]
  - id: werk
    label: Werk
    include: [{glob: [werk*, job*, vacature*]}]
"""
CUE = re.compile(r"^(\d\d:\d\d:\d\d\.\d{3}) --> (\d\d:\d\d:\d\d\.\d{3})\n(?:<v ([^>]+)>(.*?)</v>|([^:\n]+): (.*))$",
                 re.M)


def vtt_turns(path: Path) -> list[dict]:
    """The turns of a .vtt as a person would make them: cues of one speaker in a row joined."""
    turns: list[dict] = []
    for m in CUE.finditer(path.read_text(encoding="utf-8")):
        start, end, v_spk, v_text, p_spk, p_text = m.groups()
        speaker, text = (v_spk, v_text) if v_spk else (p_spk, p_text)
        if turns and turns[-1]["speaker"] == speaker:
            turns[-1].update(end=end, text=turns[-1]["text"] + " " + html.unescape(text))
        else:
            turns.append({"speaker": speaker, "start": start, "end": end, "text": html.unescape(text)})
    return turns


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("vtt")
    cb = tmp / "vtt.yaml"
    cb.write_text(CODEBOOK, encoding="utf-8")
    out = tmp / "out"
    res = runner.invoke(app, ["code", *map(str, VTT), "--codebook", str(cb), "--out", str(out),
                              "--report", str(out / "report.html")])
    assert res.exit_code == 0, res.output
    return out


def test_segments_csv_times_are_the_turns_cue_times(run):
    seg = pd.read_csv(run / "segments.csv", dtype=str, keep_default_na=False)
    assert list(seg.columns[:8]) == ["unit_id", "question", "speaker", "doc_id", "unit_start", "unit_end",
                                     "time_start", "time_end"]
    turns = {p.stem: vtt_turns(p) for p in VTT}
    assert len(seg) > 10 and set(seg.doc_id) == set(turns)
    for r in seg.itertuples():
        hits = [t for t in turns[r.doc_id] if t["speaker"] == r.speaker and r.text in t["text"]]
        assert len(hits) == 1, (r.doc_id, r.unit_start)
        assert (r.time_start, r.time_end) == (hits[0]["start"], hits[0]["end"])


def test_the_workbook_segments_sheet_has_the_times(run):
    wb = openpyxl.load_workbook(io.BytesIO((run / "qualkit.xlsx").read_bytes()), read_only=True)
    sheet = next(wb[n] for n in wb.sheetnames if n.lower().startswith("segments"))
    rows = list(sheet.iter_rows(values_only=True))
    header = next(r for r in rows if r and "time_start" in r)
    col = header.index("time_start")
    csv = pd.read_csv(run / "segments.csv", dtype=str, keep_default_na=False)
    got = [r[col] for r in rows[rows.index(header) + 1:] if r and r[col]]
    assert got == list(csv.time_start)


def test_report_quotes_give_interview_turn_and_time(run):
    page = (run / "report.html").read_text(encoding="utf-8")
    places = re.findall(r"Interview ([\w-]+), beurt (\d+), (\d\d:\d\d:\d\d)", page)
    assert len(places) >= 5
    turns = {p.stem: vtt_turns(p) for p in VTT}
    for doc, n, clock in places:
        assert turns[doc][int(n) - 1]["start"][:8] == clock
    assert {doc for doc, _, _ in places} >= {"t_teams", "interview-01-teams"}


def test_ingest_out_lists_turn_times(tmp_path):
    out = tmp_path / "turns.csv"
    res = runner.invoke(app, ["ingest", str(VTT[0]), "-o", str(out)])
    assert res.exit_code == 0, res.output
    df = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert [(r.speaker, r.time_start, r.time_end) for r in df.itertuples()] == \
        [(t["speaker"], t["start"], t["end"]) for t in vtt_turns(VTT[0])]


def test_refi_round_trip_keeps_the_times(tmp_path):
    import qualkit

    corpus = qualkit.read_inputs([str(VTT[2])])
    cb = qualkit.load_codebook(ACTIVERING)
    result = qualkit.code_corpus(corpus, cb)
    qualkit.export_qdpx(corpus, result.codings, cb, tmp_path / "p.qdpx")
    back = qualkit.import_qdpx(tmp_path / "p.qdpx").corpus
    assert [(s.speaker, s.time_start, s.time_end) for s in back] == \
        [(s.speaker, s.time_start, s.time_end) for s in corpus]
    assert [(t["speaker"], t["start"], t["end"]) for t in vtt_turns(VTT[2])] == \
        [(s.speaker, s.time_start, s.time_end) for s in corpus]


def test_a_pseudonymised_run_keeps_times_and_hides_speakers(tmp_path):
    out = tmp_path / "out"
    res = runner.invoke(app, ["code", str(VTT[2]), "--codebook", str(ACTIVERING), "--out", str(out),
                              "--pseudonymise"])
    assert res.exit_code == 0, res.output
    seg = pd.read_csv(out / "segments.csv", dtype=str, keep_default_na=False)
    assert "MA1" not in set(seg.speaker) and set(seg.time_start) <= {t["start"] for t in vtt_turns(VTT[2])}


# -- --speakers FILE that does not match the transcripts: a note, names only when not pseudonymised --

DEMO = [ROOT / "corpora" / "interviews" / "interview-01.txt", ROOT / "corpora" / "interviews" / "interview-02.md"]


@pytest.mark.parametrize("pseudonymise", [False, True])
def test_speaker_file_that_does_not_match_is_said(tmp_path, pseudonymise):
    attrs = tmp_path / "sprekers.csv"
    attrs.write_text("spreker;rol\nInterviewer;onderzoeker\nMA1;maatschappelijk assistent\n"
                     "Marie Verstraeten;maatschappelijk assistent\nJef Peeters;teamleider\n", encoding="utf-8")
    args = ["code", *map(str, DEMO), "--codebook", str(ACTIVERING), "--speakers", str(attrs), "--by", "rol",
            "--out", str(tmp_path / "out")] + (["--pseudonymise"] if pseudonymise else [])
    res = runner.invoke(app, args)
    assert res.exit_code == 0, res.output
    note = next(line for line in res.output.splitlines() if line.startswith("Note: --speakers"))
    assert "and the transcripts do not match: 2 of its 4 speakers found in no transcript" in note
    assert "; 1 of the 2 coded speakers not in the file" in note
    named = ("'Marie Verstraeten', 'Jef Peeters'" in note) and "('MA2')" in note
    assert named is not pseudonymise
    if pseudonymise:
        assert not any(n in res.output for n in ("Marie", "Jef", "MA2", "MA1"))
    speakers = pd.read_csv(tmp_path / "out" / "speakers.csv", dtype=str, keep_default_na=False)
    assert (speakers.rol == "").sum() == 1      # the one coded speaker the file lacks


def test_a_matching_speaker_file_gives_no_note(tmp_path):
    res = runner.invoke(app, ["code", *map(str, DEMO), "--codebook", str(ACTIVERING), "--speakers",
                              str(ROOT / "corpora" / "interviews" / "sprekers.csv"), "--out", str(tmp_path / "o")])
    assert res.exit_code == 0, res.output
    assert "--speakers" not in res.output


def test_readme_example_is_what_qualkit_writes(tmp_path):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("$ cut -d, -f3,5-9 vtt-out/segments.csv | head -6\n", 1)[1].split("```", 1)[0]
    out = tmp_path / "vtt-out"
    res = runner.invoke(app, ["code", str(VTT[2]), "--codebook", str(ACTIVERING), "-o", str(out)])
    assert res.exit_code == 0, res.output
    lines = (out / "segments.csv").read_text(encoding="utf-8").splitlines()[:6]
    assert block.splitlines() == [",".join(x for i, x in enumerate(line.split(","), 1) if i == 3 or 5 <= i <= 9)
                                  for line in lines]


def test_report_command_says_it_too(tmp_path):
    attrs = tmp_path / "sprekers.csv"
    attrs.write_text("spreker;rol\nMA1;maatschappelijk assistent\nMA2;teamleider\nMA3;stagiair\n", encoding="utf-8")
    res = runner.invoke(app, ["report", *map(str, DEMO), "--codebook", str(ACTIVERING), "--speakers", str(attrs),
                              "--by", "rol", "-o", str(tmp_path / "r.html"), "--pseudonymise"])
    assert res.exit_code == 0, res.output
    note = next(line for line in res.output.splitlines() if line.startswith("Note: --speakers"))
    assert "1 of its 3 speakers found in no transcript." in note and "MA3" not in res.output
