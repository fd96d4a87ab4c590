"""Survey tables under hostile input, on a real crowd-coding export (nl-ecosent, job 1345162:
645 answers, 453 of them without a `_region`): a breakdown named twice, a question nobody
answered, breakdown variables whose names give one file name, tests that cannot be run."""
from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest
from typer.testing import CliRunner

from conftest import shared
from qualkit.cli import app

runner = CliRunner()

ECONOMIE = """
name: economie-koppen
version: "0.1"
unit: segment
codes:
  - id: banken
    label: Banken
    include: [{lemma: [bank, Rabobank], compound: true}]
  - id: griekenland
    label: Griekenland en euro
    include: [{lemma: [Griekenland, Griek, euro, eurozone], compound: true}]
"""
# Variables whose names give one CSV file name (crosstab_a_b.csv; Rol and rol on Windows and macOS).
SAME_FILE = ["a b", "a_b", "Rol", "rol"]


@pytest.fixture(scope="module")
def crowd(tmp_path_factory):
    """The real export with a column nobody filled in (a question without answers) and four
    breakdown variables (copies of the real `_channel` and `_golden`) named to collide."""
    tmp = tmp_path_factory.mktemp("crowd")
    real = pd.read_csv(shared("nl-ecosent", "f1345162.csv"), dtype=str, keep_default_na=False)
    data = real[["_id", "headline", "_region", "_country"]].assign(leeg="")
    for name, source in zip(SAME_FILE, ["_channel", "_golden", "_channel", "_golden"]):
        data[name] = real[source]
    # the real _channel, as a hostile export could spell it: an escape sequence, a link, a direction override
    data["kanaal"] = real["_channel"].map({"clixsense": "\x1b[2J\x1b]0;titel\x07clixsense",
                                           "neodev": "\x1b]8;;http://x.example\x1b\\neodev\u202e"})
    path = tmp / "crowd.csv"
    data.to_csv(path, index=False)
    cb = tmp / "economie.yaml"
    cb.write_text(ECONOMIE, encoding="utf-8")
    regions = real["_region"].replace("", "geen antwoord").value_counts().to_dict()
    return path, cb, regions


def code(crowd, tmp_path, *args: str):
    path, cb, _ = crowd
    out = tmp_path / "out"
    res = runner.invoke(app, ["code", str(path), "-c", str(cb), "-i", "_id", *args, "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert "Traceback" not in res.output
    return res.output, out


@pytest.mark.parametrize("report", [False, True], ids=["streamed", "in memory"])
def test_a_breakdown_named_twice_is_counted_once(crowd, tmp_path, report):
    _, _, regions = crowd
    assert regions == {"geen antwoord": 453, "03": 127, "07": 65}
    output, out = code(crowd, tmp_path, "-q", "headline", "--by", "_region", "--by", "_region",
                       *(["--report", str(tmp_path / "r.html")] if report else []))
    ct = pd.read_csv(out / "crosstab_region.csv", dtype={"group": str}, keep_default_na=False)
    assert ct.drop_duplicates("group").set_index("group")["base"].to_dict() == regions
    assert "geen antwoord: 453 respondents without a value for _region" in " ".join(output.split())
    assert output.count("headline by _region") == 1
    assert not (out / "crosstab_region_2.csv").exists()
    wb = openpyxl.load_workbook(io.BytesIO((out / "qualkit.xlsx").read_bytes()))
    assert [n for n in wb.sheetnames if "by" in n] == ["headline by _region"]
    ws = wb["headline by _region"]
    head = {c.value: c for c in ws[5]}
    assert list(head)[2:5] == ["03 (n = 127)", "07 (n = 65)", "geen antwoord (n = 453)"]
    assert ws.cell(6, head["geen antwoord (n = 453)"].column).number_format == "0.0%"
    for p in ("p", "p (Holm)"):      # as wide as the p values shown (0.635), not as their 17 digits
        letter = head[p].column_letter
        assert ws.cell(6, head[p].column).number_format == "0.000"
        assert ws.column_dimensions[letter].width <= max(len(p) + 2, 8)


def test_a_question_nobody_answered_is_said_not_tabled(crowd, tmp_path):
    output, out = code(crowd, tmp_path, "-q", "leeg", "--by", "_region")       # streamed: the crash was here
    flat = " ".join(output.split())
    assert "No respondent answered leeg (n = 0): no table. Is it the right column (--question)?" in flat
    assert "leeg by _region" not in flat and not (out / "crosstab_region.csv").exists()
    assert pd.read_csv(out / "frequencies.csv")["base"].eq(0).all()
    assert (out / "matrix.csv").read_text(encoding="utf-8").splitlines() == ["unit_id,banken,griekenland"]
    ws = openpyxl.load_workbook(io.BytesIO((out / "qualkit.xlsx").read_bytes()))["leeg"]
    assert ws["A2"].value == "No respondent answered this question (n = 0): no percentages."


def test_the_report_says_who_answered_and_why_a_test_is_missing(crowd, tmp_path):
    report = tmp_path / "r.html"
    output, out = code(crowd, tmp_path, "-q", "headline", "-q", "leeg", "--by", "_country", "--report", str(report))
    html = report.read_text(encoding="utf-8")
    assert html.count("leeg: geen enkele respondent beantwoordde deze vraag.") == 2     # summary and results
    # _country has one group (NLD): no test, and the report says what its '–' means
    assert "–: geen toets (minder dan twee groepen" in html
    assert "No tests: fewer than two groups." in output


def test_breakdowns_whose_names_give_one_file_name_keep_their_own_files(crowd, tmp_path):
    output, out = code(crowd, tmp_path, "-q", "headline", *[a for v in SAME_FILE for a in ("--by", v)])
    files = sorted(p.name for p in out.glob("crosstab_*.csv") if not p.name.endswith("_tests.csv"))
    assert files == ["crosstab_Rol.csv", "crosstab_a_b.csv", "crosstab_a_b_2.csv", "crosstab_rol_2.csv"]
    assert len({f.lower() for f in files}) == 4                  # apart on a case-insensitive disk too
    seen = {}
    for f in files:
        ct = pd.read_csv(out / f, dtype={"group": str}, keep_default_na=False)
        tests = pd.read_csv(out / f.replace(".csv", "_tests.csv"), keep_default_na=False)
        assert ct["variable"].nunique() == 1 and set(tests["variable"]) == set(ct["variable"])
        seen[ct["variable"].iloc[0]] = ct.drop_duplicates("group").set_index("group")["base"].to_dict()
    assert sorted(seen) == sorted(SAME_FILE)
    assert seen["a b"] == seen["Rol"] == {"clixsense": 518, "neodev": 127}     # the real _channel
    assert seen["a_b"] == seen["rol"] == {"false": 489, "true": 156}           # the real _golden
    for f in files:
        assert f in output


def test_wave_comparison_marks_fit_80_columns(tmp_path):
    """Two real crowd-coding jobs as waves; the later codebook drops a code and one code is
    in no answer: every p cell stays whole on one line, its mark explained under the table."""
    data = shared("nl-ecosent")
    cb = ECONOMIE + """  - id: werkgelegenheidsbeleid_en_arbeidsmarkt
    label: Nergens gevonden
    include: [{phrase: zzz qqq}]
  - id: overheidsfinancien_en_begroting
    label: Overheid
    include: [{lemma: [begroting, belasting, kabinet, Dijsselbloem], compound: true}]
"""
    (tmp_path / "cb1.yaml").write_text(cb, encoding="utf-8")
    (tmp_path / "cb2.yaml").write_text(cb.split("  - id: overheidsfinancien")[0], encoding="utf-8")
    (tmp_path / "qualkit.yaml").write_text(f"""
name: crowd
codebook: cb1.yaml
questions: [headline]
waves:
  - {{name: "2019-02", inputs: ["{data / 'f1345162.csv'}"], id_column: _id}}
  - {{name: "2019-05", inputs: ["{data / 'f1386488.csv'}"], id_column: _id, codebook: cb2.yaml}}
""", encoding="utf-8")
    res = runner.invoke(app, ["run", str(tmp_path)])
    assert res.exit_code == 0, res.output
    lines = res.stdout.splitlines()
    rows = {line.split()[0]: line for line in lines if line.startswith(" ") and line.split()}
    assert rows["banken"].split()[1:] == ["3.4", "(2–5)", "2.5", "(2–4)", "-0.9", "(-3", "to", "+1)", "0.323"]
    assert rows["werkgelegenheidsbele"].rstrip().endswith(" –")        # a long code id folds, not the numbers
    assert rows["overheidsfinancien_e"].rstrip().endswith(" dropped")
    assert all(len(line) <= 80 and "…" not in line for line in lines if line.startswith(" "))   # the table
    flat = " ".join(res.stdout.split())
    assert "–: no test, the code has 0% (or 100%) in both waves." in flat
    assert "dropped: no test, the code is not in the later wave's codebook." in flat
    ws = openpyxl.load_workbook(io.BytesIO((tmp_path / "out" / "comparison" / "comparison.xlsx").read_bytes()))["comparison"]
    head = {c.value: c.column for c in ws[1]}
    banken = next(r for r in ws.iter_rows(min_row=2) if r[head["code"] - 1].value == "banken")
    for col, fmt in (("pct_from", "0.0"), ("ci_high_to", "0.0"), ("diff_pp", "0.0"), ("p_holm", "0.000")):
        assert banken[head[col] - 1].number_format == fmt, col
    assert round(banken[head["pct_from"] - 1].value, 1) == 3.4       # a percentage, shown as 3.4


@pytest.mark.parametrize("by, hint", [
    ("Functie/rol", "Did you mean 'col11' (the id of the column with that text)?"),     # a LimeSurvey [item]
    ("Geef eerst wat persoonlijke gegevens zodat we eventueel extra informatie kunnen vragen, en een indruk "
     "hebben van waar de suggesties vandaan komen. [Organisatie]",
     "Did you mean 'col12' (the id of the column with that text)?"),                   # the whole header
    ("col14", "It is a question (--question), not a variable of the respondents."),
    ("laatste pagina", "Did you mean 'Laatste pagina'?"),
])
def test_qk402_points_from_a_header_text_or_a_question_to_what_to_type(tmp_path, by, hint):
    """A real LimeSurvey export whose long headers became ids (col11 = '... [Functie/rol]')."""
    data = shared("nl-partypanel-openanswers", "pp17.1_pre1_survey_987793.csv")
    cb = tmp_path / "cb.yaml"
    cb.write_text(ECONOMIE, encoding="utf-8")
    res = runner.invoke(app, ["code", str(data), "-c", str(cb), "-i", "Respons ID", "-q", "col14", "--by", by,
                              "-o", str(tmp_path / "out")])
    assert res.exit_code == 1 and "Traceback" not in res.output
    assert f"Error: [QK402] breakdown variable {by!r} is not a respondent variable. {hint} The data has 43 " \
           "variable(s): 'Datum verstuurd', 'Laatste pagina'," in " ".join(res.output.split())
    assert not (tmp_path / "out").exists()


def test_group_names_cannot_drive_the_terminal(crowd, tmp_path):
    output, out = code(crowd, tmp_path, "-q", "headline", "--by", "kanaal")
    assert not any(ch in output for ch in "\x1b\x07\u202e")
    flat = " ".join(output.split())
    assert "\\x1b[2J\\x1b]0;titel\\x07clixsense" in flat.replace(" ", "")    # shown, escaped, in its column
    assert "n = 518" in flat and "n = 127" in flat
    groups = pd.read_csv(out / "crosstab_kanaal.csv", keep_default_na=False)["group"]
    assert "\x1b[2J\x1b]0;titel\x07clixsense" in set(groups)                     # the data keep the value
