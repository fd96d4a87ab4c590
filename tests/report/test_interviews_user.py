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
