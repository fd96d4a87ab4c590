"""An interview study as a new user runs it (two small transcripts, a codebook with a
category and a code with ``negation: false``, a speaker file that lacks a speaker):
what the speaker table, the breakdowns, the workbook and the methods text say."""
from __future__ import annotations

import io
import re

import openpyxl
import pandas as pd
import pytest

from qualkit.ingest import ReadOptions
from qualkit.ingest.speakers import read_speakers
from qualkit.report import build_tables, render_html, write_outputs
from qualkit.report.files import workbook
from qualkit.workflow import code_inputs

CODEBOOK = """
name: drempels
version: "0.3"
codes:
  - id: persoonlijk
    label: Persoonlijk
  - id: taal
    label: Taal
    parent: persoonlijk
    include: [{lemma: taal}]
  - id: mobiliteit
    label: Mobiliteit
    negation: false
    include: [{lemma: [bus, rijbewijs]}]
"""

ONE = """Interviewer: Wat zijn de drempels?
Els: Taal is moeilijk en de bus rijdt niet. Ik heb geen rijbewijs.
Interviewer: En verder?
Jan: De taal blijft lastig.
Interviewer: Nog iets?
Els: Nee.
Interviewer: En jij?
Jan: Ook niet.
"""
TWO = """Interviewer: Wat houdt mensen tegen?
Els: De bus komt maar één keer per uur.
Interviewer: Dank je.
Els: Graag gedaan.
"""


@pytest.fixture(scope="module")
def study(tmp_path_factory):
    folder = tmp_path_factory.mktemp("study")
    (folder / "gesprek-1.txt").write_text(ONE, encoding="utf-8")
    (folder / "gesprek-2.txt").write_text(TWO, encoding="utf-8")
    (folder / "drempels.yaml").write_text(CODEBOOK, encoding="utf-8")
    (folder / "sprekers.csv").write_text("speaker,rol\nEls,maatschappelijk werker\nAnna,teamleider\n", encoding="utf-8")
    result = code_inputs([folder / "gesprek-1.txt", folder / "gesprek-2.txt"], folder / "drempels.yaml",
                         ReadOptions())
    tables = build_tables(result, by=["rol"], speakers=read_speakers(folder / "sprekers.csv"))
    out = folder / "out"
    write_outputs(tables, out)
    return result, tables, out


def test_speakers_csv_counts_each_coded_segment_once(study):
    """A sentence with two codes and their category is one coded segment of its speaker."""
    _, _, out = study
    seg = pd.read_csv(out / "segments.csv", dtype=str, keep_default_na=False)
    by_hand = seg.drop_duplicates(["doc_id", "unit_start", "unit_end"]).groupby("speaker").size().to_dict()
    speakers = pd.read_csv(out / "speakers.csv").set_index("speaker")
    assert by_hand == {"Els": 3, "Jan": 1}
    assert speakers.loc["Els", "segments"] == 3 and speakers.loc["Jan", "segments"] == 1
    assert speakers.loc["Interviewer", "segments"] == 0


def test_speakers_without_an_attribute_come_last(study):
    result, tables, out = study
    groups = list(dict.fromkeys(pd.read_csv(out / "breakdown_rol.csv").group))
    assert groups == ["maatschappelijk werker", "(missing)"]
    for lang, missing in (("nl", "(onbekend)"), ("en", "(missing)")):
        page = render_html(tables, result, lang=lang)
        section = page[page.index('id="breakdowns"'):page.index('id="quotes"')]
        assert section.index("maatschappelijk werker") < section.index(missing)


def test_workbook_of_transcripts_counts_interviews_not_respondents(study):
    _, tables, _ = study
    wb = openpyxl.load_workbook(io.BytesIO(workbook(tables)))
    assert wb.sheetnames[:2] == ["codes", "interviews"] and "questions" not in wb.sheetnames
    ws = wb["interviews"]
    assert ws["A1"].value == "Codes in 2 interview(s) (6 turn(s) by 2 speaker(s) coded)"
    rows = {r[0]: r for r in ws.iter_rows(min_row=4, values_only=True)}
    assert list(rows) == ["code", "persoonlijk", "taal", "mobiliteit"]
    assert rows["code"][:9] == ("code", "label", "category", "segments", "interviews", "% interviews",
                                "95% CI low", "95% CI high", "speakers")
    assert rows["taal"][3:6] == (2, 1, 0.5) and rows["taal"][8] == 2 and rows["taal"][2] == "persoonlijk"
    assert rows["mobiliteit"][3:6] == (3, 2, 1.0) and rows["mobiliteit"][8] == 1
    words = " ".join(str(c) for name in wb.sheetnames if name != "segments"
                     for row in wb[name].iter_rows(values_only=True) for c in row if c is not None)
    assert not re.search(r"(?i)respondent", words)


@pytest.mark.parametrize("lang, sentence", [
    ("nl", "Voor Mobiliteit speelde een ontkenning geen rol (negation: false)."),
    ("en", "For Mobiliteit a negation did not cancel a match (negation: false)."),
])
def test_methods_text_says_what_was_set_and_nothing_more(study, lang, sentence):
    """The per-code negation setting is reported as set, with no reason the codebook did not give."""
    result, tables, _ = study
    page = render_html(tables, result, lang=lang)
    methods = " ".join(re.sub(r"<[^>]+>", " ", page[page.index('id="methods"'):]).split())
    assert sentence in methods
    assert "drempel zelf" not in methods and "barrier itself" not in methods


@pytest.mark.parametrize("lang, words, pipeline", [
    ("nl", "van 1 spreker) werd gecodeerd", "met taalverwerking door spaCy zonder statistisch taalmodel (blank:nl)"),
    ("en", "by 1 speaker) was coded", "with language processing by spaCy without a statistical language model"),
])
def test_one_interview_is_counted_in_the_singular(tmp_path, lang, words, pipeline):
    """A single Teams export (one interview, one speaker coded): no '1 interviews', '1 speakers'."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    result = code_inputs([root / "docs" / "examples" / "interview-01-teams.vtt"], root / "codebooks" / "activering.yaml",
                         ReadOptions())
    tables = build_tables(result)
    page = render_html(tables, result, lang=lang)
    text = " ".join(re.sub(r"<[^>]+>", " ", page).split())
    methods = text[text.index({"nl": "Methode", "en": "Methods"}[lang]):]
    assert methods.count("1 interview (") == 1 and words in methods and pipeline in methods
    assert not re.search(r"(?<![\d.,/])\b1 (interviews|sprekers|speakers|beurten|turns)\b", text)
    assert "spaCy met spaCy" not in text and "spaCy language processing with spaCy" not in text


def test_readme_interview_example_says_what_it_wrote(tmp_path):
    """The README's `make demo-interviews` output: the tables in the folder, then the report once."""
    from pathlib import Path

    from typer.testing import CliRunner

    from qualkit.cli import app

    root = Path(__file__).resolve().parents[2]
    out = tmp_path / "demo-interviews-out"
    demo = root / "corpora" / "interviews"
    res = CliRunner().invoke(app, ["code", str(demo / "interview-01.txt"), str(demo / "interview-02.md"),
                                   "--codebook", str(root / "codebooks" / "activering.yaml"),
                                   "--speakers", str(demo / "sprekers.csv"), "--by", "gemeente",
                                   "--out", str(out), "--report", str(out / "report.html")])
    assert res.exit_code == 0, res.output
    wrote = [line for line in res.output.splitlines() if line.startswith("Wrote ")]
    readme = (root / "README.md").read_text(encoding="utf-8")
    listed = re.search(r"^Wrote 10 files to demo-interviews-out/: (.*)$", readme, re.M).group(1)
    assert wrote == [f"Wrote 10 files to {out}/: {listed}", f"Wrote {out / 'report.html'}"]


def test_an_interview_field_as_breakdown_counts_interviews(tmp_path):
    """`--by meeting_id` (a field of each discussion in real Kamer JSONL): shown in the terminal,
    the workbook and the report, in interviews, never respondents."""
    import json

    from typer.testing import CliRunner

    from conftest import shared
    from qualkit.cli import app

    lines = shared("nl-be-kamer-plenary-qa", "plenary_questions_all.jsonl").read_text(encoding="utf-8").splitlines()
    picked = [r for r in map(json.loads, lines[200:230]) if r["turns"]][:16]
    assert len({r["meeting_id"] for r in picked}) > 1
    data = tmp_path / "kamer.jsonl"
    data.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in picked), encoding="utf-8")
    cb = tmp_path / "kamer.yaml"
    cb.write_text('name: k\nversion: "1"\ncodes:\n  - id: begroting\n    label: Begroting\n'
                  '    include: [{lemma: [begroting, belasting, miljard], compound: true}]\n', encoding="utf-8")
    out = tmp_path / "out"
    res = CliRunner().invoke(app, ["code", str(data), "-c", str(cb), "--skip-speaker", "Voorzitter", "--by",
                                   "meeting_id", "-o", str(out), "--report", str(out / "report.html")], terminal_width=100)
    assert res.exit_code == 0, res.output
    assert "interview by meeting_id\n% of the interviews with the code, per group (n = interviews in the group)" \
        in res.output
    assert not re.search(r"(?i)respondent", res.output)
    wb = openpyxl.load_workbook(out / "qualkit.xlsx")
    assert "interview by meeting_id" in wb.sheetnames
    words = " ".join(str(c) for name in wb.sheetnames if name != "segments"
                     for row in wb[name].iter_rows(values_only=True) for c in row if c is not None)
    assert not re.search(r"(?i)respondent", words)
    page = (out / "report.html").read_text(encoding="utf-8")
    assert "Kolompercentages: het aandeel interviews in elke groep met de code." in page
    assert not re.search(r"(?i)respondent", " ".join(re.sub(r"<[^>]+>", " ", page).split()))
