"""``qualkit agree``: help, a student against qualkit's codebook, and the exact error on each path."""
from __future__ import annotations

import pandas as pd
import pytest
from typer.testing import CliRunner

from conftest import STAFF_ADMIN
from qualkit.cli import app

runner = CliRunner()
SECRET = "GEHEIM-antwoord-Jansen"
CODEBOOK = STAFF_ADMIN


@pytest.fixture
def files(tmp_path):
    survey = pd.DataFrame({
        "respondent": ["R1", "R2", "R3", "R4", "R5"],
        "Q23": ["Meer personeel aub.", "Minder administratielast!", f"Geen extra personeel nodig. {SECRET}",
                "Meer tijd.", "Personeelstekort en administratie."],
    })
    survey.to_csv(tmp_path / "survey.csv", index=False, sep=";", encoding="utf-8-sig")
    student = pd.DataFrame({"respondent": ["R1", "R2", "R3", "R4", "R5"], "personeel": [1, 0, 1, 1, 1],
                            "admin": [0, 1, 0, 0, 1]})
    student.to_csv(tmp_path / "student.csv", index=False, sep=";")
    (tmp_path / "cb.yaml").write_text(CODEBOOK, encoding="utf-8")
    return tmp_path


def test_help():
    res = runner.invoke(app, ["agree", "--help"])
    assert res.exit_code == 0 and "--qualkit-run" in res.output and "--reference" in res.output


def test_output_in_dutch_fits_80_columns(files):
    res = runner.invoke(app, ["agree", str(files / "student.csv"), "--qualkit-run", str(files / "survey.csv"),
                              "--codebook", str(files / "cb.yaml"), "--id-column", "respondent", "-q", "Q23",
                              "--reference", "student", "--boot", "50", "--lang", "nl"], env={"COLUMNS": "80"})
    assert res.exit_code == 0, res.output
    out = res.stdout
    assert max(len(line) for line in out.splitlines()) <= 80
    for words in ("Overeenstemming per code", "eenheden vergeleken", "Verschillen, minst betrouwbare codes eerst",
                  "Zo lees je dit", "te zeldzaam", "% eens", "n+ per codeur"):
        assert words in out, words
    assert "Agreement per code" not in out and "Disagreements" not in out and "How to read" not in out


def test_student_against_qualkit(files):
    out = files / "agree-out"
    res = runner.invoke(app, ["agree", str(files / "student.csv"), "--qualkit-run", str(files / "survey.csv"),
                              "--codebook", str(files / "cb.yaml"), "--id-column", "respondent", "-q", "Q23",
                              "--reference", "student", "--boot", "50", "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert "Agreement per code" in res.output and "Disagreements" in res.output
    table = pd.read_csv(out / "agreement.csv")
    assert table["code"].tolist() == ["personeel", "admin", "(all codes)"]
    assert table.loc[1, "percent"] == 100.0 and table.loc[1, "kappa"] == 1.0
    dis = pd.read_csv(out / "disagreements.csv")
    # R3 is negated ("geen ... nodig"), R4 has no rule: the student coded both, qualkit neither
    assert set(dis["unit"]) == {"R3/Q23", "R4/Q23"}
    assert dis.columns.tolist()[:4] == ["unit", "code", "student", "qualkit"]
    assert {"qualkit rule", "qualkit matched", "text"} <= set(dis.columns)
    assert (out / "by_coder.csv").exists()


def test_two_human_files_and_unit_respondent(files):
    other = pd.DataFrame({"respondent": ["R1", "R2"], "personeel": [1, 1], "admin": [0, 1]})
    other.to_csv(files / "tweede.csv", index=False)
    res = runner.invoke(app, ["agree", str(files / "student.csv"), str(files / "tweede.csv"),
                              "--unit", "respondent", "--boot", "0"])
    assert res.exit_code == 0, res.output
    assert "2 units compared (coded by every coder); units per coder: student: 5, tweede: 2." in res.output
    assert "Warning: only 2 units were coded by the coders compared" in res.output


ERRORS = [
    (["--shape", "bogus"], "Error: [QK140] unknown shape 'bogus'. Use one of: matrix, codelist, long, atlas, form, coders.\n"),
    ([], "Error: [QK156] only one coder ('student') in the data: agreement needs two or more. Add another coding "
         "file, --qualkit-run with --codebook, or --model. If the file holds several coders, name the column that "
         "says who coded a row with --coder-column, or (one column per coder) each coder's column with "
         "--coder-column.\n"),
    (["--codebook", "{d}/cb.yaml"], "Error: [QK158] --codebook and --model code a survey: name it with "
                                    "--qualkit-run SURVEY.\n"),
    (["--qualkit-run", "{d}/survey.csv"], "Error: [QK169] --qualkit-run needs --codebook (qualkit's rules) and/or "
                                         "--model (a learned model).\n"),
    (["--qualkit-run", "{d}/survey.csv", "--codebook", "{d}/cb.yaml", "-i", "respondent", "-q", "Q23",
      "--reference", "docent"],
     "Error: [QK414] reference coder 'docent' is not among the coders: 'student', 'qualkit'.\n"),
    (["--qualkit-run", "{d}/survey.csv", "--model", "{d}/geen-model", "-i", "respondent", "-q", "Q23"],
     "Error: [QK340] {d}/geen-model: does not exist, so it is not a qualkit model folder. Train one with "
     "'qualkit learn ... --out DIR' and pass that folder.\n"),
    (["--qualkit-run", "{d}/survey.csv", "--codebook", "{d}/cb.yaml", "-i", "respondent", "-q", "Q23",
      "--unit", "zin"], "Error: [QK150] unknown unit 'zin'. Use one of: segment, answer, respondent.\n"),
]


@pytest.mark.parametrize("args, message", ERRORS, ids=[m[14:19] for _, m in ERRORS])
def test_errors(files, args, message):
    args = [a.format(d=files) for a in args]
    res = runner.invoke(app, ["agree", str(files / "student.csv"), *args])
    assert res.exit_code == 1
    assert res.stderr.splitlines()[-1] == message.format(d=files).strip()    # (a note may come first)
    assert SECRET not in res.output


def test_no_common_units(files):
    pd.DataFrame({"nr": ["X1", "X2"], "id": ["X1", "X2"], "personeel": [1, 0]}).to_csv(files / "x.csv", index=False)
    res = runner.invoke(app, ["agree", str(files / "x.csv"), "--qualkit-run", str(files / "survey.csv"),
                              "--codebook", str(files / "cb.yaml"), "-i", "respondent", "-q", "Q23"])
    assert res.exit_code == 1
    assert res.stderr.startswith("Error: [QK155] no unit of the coding file is in the coded survey at unit "
                                 "'segment': the coding file has 'X1/Q23', 'X2/Q23' ..., the survey 'R1/Q23'")


def test_refi_project_with_two_coders(tmp_path):
    """A REFI-QDA project's codings (coder per coding) plug in through coder_data_from_codings."""
    from qualkit.codebook.model import Code, Codebook, Rule
    from qualkit.refi.qdpx import export_qdpx
    from qualkit.types import Corpus, Segment

    texts = ["Meer personeel nodig.", "Minder administratie.", "Niets."]
    segs = [Segment(t, f"R{i}/Q1", 0, len(t), f"R{i}", "Q1", "s.csv") for i, t in enumerate(texts)]
    corpus = Corpus(segs, {s.doc_id: s.text for s in segs},
                    pd.DataFrame(index=pd.Index([s.unit_id for s in segs], name="unit_id")), ["Q1"], "survey")
    cb = Codebook("demo", "1.0", [Code("personeel", "P", include=[Rule("lemma", "personeel")]),
                                  Code("admin", "A", include=[Rule("lemma", "administratie")])])
    rows = pd.DataFrame([
        {"unit_id": "R0", "doc_id": "R0/Q1", "unit_start": 0, "unit_end": 21, "code": "personeel", "coder": "an"},
        {"unit_id": "R0", "doc_id": "R0/Q1", "unit_start": 0, "unit_end": 21, "code": "personeel", "coder": "bo"},
        {"unit_id": "R1", "doc_id": "R1/Q1", "unit_start": 0, "unit_end": 21, "code": "admin", "coder": "an"},
        {"unit_id": "R2", "doc_id": "R2/Q1", "unit_start": 0, "unit_end": 6, "code": "admin", "coder": "bo"},
    ])
    export_qdpx(corpus, rows, cb, tmp_path / "p.qdpx")
    out = tmp_path / "out"
    res = runner.invoke(app, ["agree", str(tmp_path / "p.qdpx"), "--boot", "0", "--coverage", "all",
                              "--out", str(out)])
    assert res.exit_code == 0, res.output
    table = pd.read_csv(out / "agreement.csv").set_index("code")
    assert table.loc["personeel", "kappa"] == 1.0 and table.loc["admin", "n_units"] == 3
    assert table.loc["admin", "percent"] == pytest.approx(100 / 3)
    # by default a user coded the documents they applied a code in: only R0 is compared
    res = runner.invoke(app, ["agree", str(tmp_path / "p.qdpx"), "--boot", "0", "--out", str(out)])
    assert "1 units compared (coded by every coder); units per coder: an: 2, bo: 2." in res.output
    assert pd.read_csv(out / "agreement.csv").set_index("code").loc["admin", "n_units"] == 1
    res = runner.invoke(app, ["agree", str(tmp_path / "p.qdpx"), "--coverage", "soms"])
    assert res.exit_code == 1
    assert res.stderr.startswith("Error: [QK192] unknown coverage 'soms'. Use 'auto' (a coder's row counts as "
                                 "coded;")


def test_refi_user_named_like_a_machine_coder(tmp_path):
    """QK194 (not QK157): --coder cannot rename the users of a .qdpx project."""
    from qualkit.agree import coder_data_from_codings
    from qualkit.coding.compare import compare
    from qualkit.errors import InputError
    from qualkit.types import Corpus, Segment

    segs = [Segment("Meer personeel.", "R0/Q1", 0, 15, "R0", "Q1", "s.csv")]
    corpus = Corpus(segs, {"R0/Q1": segs[0].text}, pd.DataFrame(index=pd.Index(["R0"], name="unit_id")), ["Q1"],
                    "survey")
    rows = pd.DataFrame({"doc_id": ["R0/Q1"], "code": ["personeel"], "coder": ["qualkit"]})
    human = coder_data_from_codings(rows, corpus, coverage="coded")
    with pytest.raises(InputError) as e:
        compare(human, [coder_data_from_codings(rows, corpus)], n_boot=0)
    assert e.value.code == 194 and "--coder" not in str(e.value)


def test_codes_nobody_applied_are_one_line_not_rows(files):
    """An ATLAS.ti project has 140 codes, most unused on the units both coders coded: they are
    named on one line, not rows of 'too rare' (the CSV keeps them)."""
    a = pd.DataFrame({"respondent": ["R1", "R2", "R3"], "personeel": [1, 0, 1], "ongebruikt": [0, 0, 0]})
    b = pd.DataFrame({"respondent": ["R1", "R2", "R3"], "personeel": [1, 0, 0], "ongebruikt": [0, 0, 0]})
    a.to_csv(files / "a.csv", index=False)
    b.to_csv(files / "b.csv", index=False)
    out = files / "o"
    res = runner.invoke(app, ["agree", str(files / "a.csv"), str(files / "b.csv"), "--boot", "0", "--out", str(out)],
                        env={"COLUMNS": "80"})
    assert res.exit_code == 0, res.output
    rows = [line.split()[0] for line in res.stdout.splitlines() if line.strip()]
    assert "personeel" in rows and "ongebruikt" not in rows
    assert "1 code(s) no coder applied to the units compared (left out of the tables; in agreement.csv): " \
           "ongebruikt." in " ".join(res.stdout.split())
    assert "ongebruikt" in pd.read_csv(out / "agreement.csv")["code"].tolist()


def test_alpha_near_a_threshold_shows_three_decimals():
    """.795 shown as .80 beside 'tentative' reads as a contradiction: near .800 and .667 the third
    decimal is shown."""
    from qualkit.cli.agree import _alpha

    assert [_alpha(v) for v in (0.7954, 0.81, 0.6662, 0.668, 1.0, -0.05, 0.8)] == \
        [".795", ".81", ".666", ".668", "1.00", "-.05", ".800"]


def test_student_ids_without_leading_zeros_match_the_survey(files):
    """The survey has respondent '001'; the student's sheet went through Excel and says '1'."""
    survey = pd.read_csv(files / "survey.csv", sep=";", dtype=str)
    survey["respondent"] = ["001", "002", "003", "004", "005"]
    survey.to_csv(files / "survey0.csv", index=False, sep=";")
    student = pd.read_csv(files / "student.csv", sep=";")
    student["respondent"] = [1, 2, 3, 4, 5]
    student.to_csv(files / "student1.csv", index=False, sep=";")
    res = runner.invoke(app, ["agree", str(files / "student1.csv"), "--qualkit-run", str(files / "survey0.csv"),
                              "--codebook", str(files / "cb.yaml"), "-i", "respondent", "-q", "Q23", "--boot", "0"])
    assert res.exit_code == 0, res.output
    assert "5 units compared" in res.output
    assert "5 unit ids matched only without their leading zeros" in " ".join(res.output.split())
