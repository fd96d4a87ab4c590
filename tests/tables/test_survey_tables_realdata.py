"""Survey tables on real LimeSurvey exports (Party Panel, ../shared/data): every output
shows its base, and respondents without a value for a breakdown variable are a group of
their own (terminal, CSV, XLSX and report), never silently left out."""
from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest
from typer.testing import CliRunner

from conftest import shared
from qualkit.cli import app

runner = CliRunner()

OORDOPJES = """
name: oordopjes
version: "1"
codes:
  - id: kosten
    label: Kosten
    include: [{lemma: [duur, prijs, geld, prijzig, goedkoop], compound: true}]
  - id: vergeten
    label: Vergeten of kwijt
    include: [{lemma: [vergeten, vergeet, verliezen, verliest, kwijtraken, meenemen]}]
  - id: muziek
    label: Muziek klinkt anders
    include: [{lemma: [muziek, geluid, frequentie, dempen], compound: true}]
  - id: omgeving
    label: Vrienden en omgeving
    include: [{lemma: [vriend, omgeving, groepsgedrag, ander], compound: true}]
"""
# pp17.1 pre2: 9 respondents answered col10 ("Kun je aangeven waarom ... geen oordopjes ..."); col13 ("Op welke
# manier kom jij in aanraking met de doelgroep ...") has a value for 8 of them, in 4 spellings, and none for one.
GROUPS = {"Unity": 3, "Unity peer": 3, "ik feest zelf en ben werkzaam bij Unity.": 1, "unity peer": 1,
          "geen antwoord": 1}


@pytest.fixture(scope="module")
def partypanel(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("partypanel")
    data = shared("nl-partypanel-openanswers", "pp17.1_pre2_survey_381842.csv")
    cb = tmp / "oordopjes.yaml"
    cb.write_text(OORDOPJES, encoding="utf-8")
    out = tmp / "out"
    res = runner.invoke(app, ["code", str(data), "-c", str(cb), "-i", "Respons ID", "-q", "col10", "--by", "col13",
                              "-o", str(out), "--report", str(out / "report.html")])
    assert res.exit_code == 0, res.output
    return res.output, out


def test_terminal_shows_bases_question_text_and_the_missing_group(partypanel):
    output, _ = partypanel
    flat = " ".join(output.split())     # the terminal wraps long lines
    assert "col10: Kun je aangeven waarom je denkt dat mensen die geen oordopjes gebruiken, dat niet doen?" in flat
    assert "% of respondents who answered (n = 9), with 95% Wilson interval" in flat
    assert "col10 by col13 (Op welke manier kom jij in aanraking met de doelgroep" in flat
    assert "code n = 3 n = 3 n = 1" in flat                       # the n under each group's name
    assert under(output, "antwoord") == "n = 1"                    # the missing group's column: its n
    assert "geen antwoord: 1 respondent without a value for col13 (not in the tests)." in flat


def under(output: str, head: str) -> str:
    """The text printed right under a right-aligned column header: the cell that ends where it ends."""
    lines = output.splitlines()
    i = next(i for i, line in enumerate(lines) if head in line)
    end = lines[i].index(head) + len(head)
    below = lines[i + 1][:end]
    return below[len(below.rstrip()) - len(below.rstrip().split("  ")[-1].strip()):].strip()


def test_csv_has_the_missing_group_with_its_base(partypanel):
    _, out = partypanel
    ct = pd.read_csv(out / "crosstab_col13.csv", keep_default_na=False)
    bases = ct.drop_duplicates("group").set_index("group")["base"].to_dict()
    assert bases == GROUPS and sum(bases.values()) == 9
    freq = pd.read_csv(out / "frequencies.csv").set_index("code")
    per_code = ct.groupby("code")["n"].sum()
    assert (per_code.reindex(freq.index) == freq["n"]).all()      # no respondent lost from the breakdown
    tests = pd.read_csv(out / "crosstab_col13_tests.csv")
    assert set(tests.code) == set(freq.index)


def test_workbook_layout_formats_and_the_missing_group(partypanel):
    _, out = partypanel
    wb = openpyxl.load_workbook(io.BytesIO((out / "qualkit.xlsx").read_bytes()))
    assert wb.sheetnames == ["questions", "codes", "col10", "col10 by col13", "matrix", "segments", "run"]
    questions = {r[0]: r for r in wb["questions"].iter_rows(min_row=5, values_only=True)}
    assert questions["col10"][1].startswith("Kun je aangeven waarom je denkt dat mensen die geen oordopjes")
    assert questions["col10"][2:] == (9, 4, "col13")                   # answered, codes, breakdowns
    codes = [r for r in wb["codes"].iter_rows(min_row=4, values_only=True)]
    assert [r[:2] for r in codes] == [("kosten", "Kosten"), ("vergeten", "Vergeten of kwijt"),
                                      ("muziek", "Muziek klinkt anders"), ("omgeving", "Vrienden en omgeving")]

    ws = wb["col10"]
    assert ws["A1"].value.startswith("col10: Kun je aangeven waarom") and ws["A1"].font.b
    assert ws["A2"].value.startswith("% of the 9 respondents who answered")
    assert [c.value for c in ws[4]] == ["code", "label", "category", "n", "%", "95% CI low", "95% CI high"]
    assert ws.freeze_panes == "C5" and ws.auto_filter.ref == "A4:G9"
    rows = {r[0].value: r for r in ws.iter_rows(min_row=5)}
    n, pct, low, high = rows["muziek"][3], rows["muziek"][4], rows["muziek"][5], rows["muziek"][6]
    assert n.value == 6 and pct.value == pytest.approx(6 / 9) and pct.number_format == "0.0%"
    assert (low.number_format, high.number_format) == ("0.0%", "0.0%")
    assert (round(low.value, 3), round(high.value, 3)) == (0.354, 0.879)      # 35.4%-87.9% (Wilson)
    for col, cells in zip("ABCDEFG", ws.iter_cols(min_row=4)):
        shown = [f"{c.value * 100:.1f}%" if c.number_format == "0.0%" else str(c.value) for c in cells
                 if c.value is not None]
        assert ws.column_dimensions[col].width >= max(map(len, shown)), col  # every value fits its column

    ws = wb["col10 by col13"]
    header = next(r for r in ws.iter_rows(values_only=True) if r[0] == "code")
    assert header == ("code", "label", "Unity (n = 3)", "Unity peer (n = 3)",
                      "ik feest zelf en ben werkzaam bij Unity. (n = 1)", "unity peer (n = 1)",
                      "geen antwoord (n = 1)", "test", "p", "p (Holm)", "note")
    titles = [r[0] for r in ws.iter_rows(max_row=6, values_only=True) if r[0]]
    assert "geen antwoord: 1 respondent(s) who answered but have no value for col13 (not in the tests)." in titles
    kosten = next(r for r in ws.iter_rows() if r[0].value == "kosten")
    assert [round(c.value, 3) for c in kosten[2:7]] == [0.0, 0.667, 1.0, 1.0, 1.0]
    assert {c.number_format for c in kosten[2:7]} == {"0.0%"} and kosten[9].number_format == "0.000"


def test_report_has_the_missing_group_and_its_note(partypanel):
    _, out = partypanel
    page = (out / "report.html").read_text(encoding="utf-8")
    assert ">geen antwoord</text>" in page and ">n = 1</text>" in page
    assert ("geen antwoord: de 1 respondent(en) die antwoordden maar geen waarde hebben voor col13 "
            "(niet in de toets).") in page
    assert "Op welke manier kom jij in aanraking met de doelgroep" in page


def test_breakdown_by_a_free_text_column_is_a_warning_not_a_table(tmp_path):
    data = shared("nl-partypanel-openanswers", "pp18.1_pre2_survey_180102.csv")
    cb = tmp_path / "cb.yaml"
    cb.write_text(OORDOPJES, encoding="utf-8")
    res = runner.invoke(app, ["code", str(data), "-c", str(cb), "-i", "id", "-q", "adviseFriendUB",
                              "--by", "expertise", "-o", str(tmp_path / "out")])
    assert res.exit_code == 0, res.output
    assert res.stderr.count("[QK440]") == 1
    assert ("Note: [QK440] breakdown variable 'expertise' has 12 groups for the 13 respondents with a value who "
            "answered adviseFriendUB: too many to read, so no table.") in res.stderr
    assert "adviseFriendUB by expertise" not in res.stdout
    assert not (tmp_path / "out" / "crosstab_expertise.csv").exists()
    assert (tmp_path / "out" / "frequencies.csv").exists()
