"""``qualkit learn``: help, training from a coding file and a survey, suggestions, and the errors."""
from __future__ import annotations

import json

import pandas as pd
import pytest
from typer.testing import CliRunner

from qualkit.cli import app

runner = CliRunner()
SECRET = "GEHEIM-antwoord-Jansen"
ANSWERS = ["Meer personeel.", "Minder administratie.", "Extra personeel graag.", "Minder papierwerk en administratie.",
           "Geen idee.", "Personeel!", "De administratie verminderen.", "Meer collega's en personeel.",
           "Te veel administratie.", "Vaste personeelsleden."]


@pytest.fixture
def files(tmp_path):
    n = 30
    ids = [f"R{i:02d}" for i in range(n)]
    texts = [ANSWERS[i % len(ANSWERS)] + (f" {SECRET}" if i == 3 else "") for i in range(n)]
    pd.DataFrame({"respondent": ids, "Q23": texts}).to_csv(tmp_path / "survey.csv", index=False, sep=";")
    coded = pd.DataFrame({"respondent": ids[:24],
                          "personeel": [int("ersoneel" in t or "collega" in t) for t in texts[:24]],
                          "admin": [int("dministratie" in t or "papier" in t) for t in texts[:24]]})
    coded.to_csv(tmp_path / "team.csv", index=False, sep=";")
    return tmp_path


def test_help():
    res = runner.invoke(app, ["learn", "--help"])
    assert res.exit_code == 0 and "--corpus-input" in res.output and "--suggest" in res.output


def test_learn_writes_model_and_suggestions(files):
    res = runner.invoke(app, ["learn", str(files / "team.csv"), "--corpus-input", str(files / "survey.csv"),
                              "--id-column", "respondent", "-q", "Q23", "--out", str(files / "model"),
                              "--suggest", "3", "--boot", "50", "--cv", "3"])
    assert res.exit_code == 0, res.output
    said = " ".join(res.output.split())                     # the output is wrapped to the terminal
    assert "Learned coder vs the people: 3-fold cross-validation on 24 units" in said
    assert "micro-F1" in said and "macro-F1" in said and "against the coder (" in said
    assert "Learned in " in said and "cross-validation" in said
    meta = json.loads((files / "model" / "model.json").read_text())
    assert [c["id"] for c in meta["codes"]] == ["personeel", "admin"]
    assert len(meta["info"]["data_sha256"]) == 64 and meta["info"]["summary"]["n_units"] == 24
    sheet = pd.read_csv(files / "model-suggestions.csv", encoding="utf-8-sig")
    assert len(sheet) == 3 and set(sheet["id"]) <= {f"R{i}" for i in range(24, 30)}
    # the filled-in sheet is a coding file again
    sheet["personeel"], sheet["admin"] = 1, 0
    sheet.to_csv(files / "filled.csv", index=False)
    res = runner.invoke(app, ["learn", str(files / "team.csv"), str(files / "filled.csv"), "--corpus-input",
                              str(files / "survey.csv"), "-i", "respondent", "-q", "Q23", "--out",
                              str(files / "model"), "--boot", "0", "--cv", "3"])
    assert res.exit_code == 0, res.output
    assert "on 27 units" in res.output


def test_code_with_model_says_what_coded_each_code(files):
    pd.DataFrame({"respondent": [f"R{i:02d}" for i in range(24)], "zeldzaam": [1, 1] + [0] * 22}).merge(
        pd.read_csv(files / "team.csv", sep=";")).to_csv(files / "team3.csv", index=False, sep=";")
    res = runner.invoke(app, ["learn", str(files / "team3.csv"), "--corpus-input", str(files / "survey.csv"),
                              "-i", "respondent", "-q", "Q23", "--out", str(files / "model"), "--boot", "0",
                              "--cv", "3"])
    assert res.exit_code == 0, res.output
    assert "never coded (code more examples): zeldzaam" in " ".join(res.output.split())
    res = runner.invoke(app, ["code", str(files / "survey.csv"), "--model", str(files / "model"), "-i", "respondent",
                              "-q", "Q23", "--out", str(files / "out")])
    assert res.exit_code == 0, res.output
    assert "Coded by the learned model: personeel, admin" in res.output
    assert "Not coded (too few examples to learn, no rules): zeldzaam" in res.output
    segments = pd.read_csv(files / "out" / "segments.csv")
    assert "zeldzaam" not in " ".join(segments.columns) + " ".join(map(str, segments.get("codes", [])))


def test_model_codes_in_agree(files):
    runner.invoke(app, ["learn", str(files / "team.csv"), "--corpus-input", str(files / "survey.csv"),
                        "-i", "respondent", "-q", "Q23", "--out", str(files / "model"), "--boot", "0", "--cv", "3"])
    res = runner.invoke(app, ["agree", str(files / "team.csv"), "--qualkit-run", str(files / "survey.csv"),
                              "--model", str(files / "model"), "-i", "respondent", "-q", "Q23", "--boot", "0",
                              "--reference", "team", "--out", str(files / "out")])
    assert res.exit_code == 0, res.output
    table = pd.read_csv(files / "out" / "agreement.csv").set_index("code")
    assert table.loc["(all codes)", "alpha"] > 0.8


ERRORS = [
    (["--threshold", "hoog"], "Error: [QK351] --threshold 'hoog': use 'auto' or a number between 0 and 1.\n"),
    (["--suggest", "5"], "Error: [QK352] --suggest picks uncoded answers from a survey: give --corpus-input or "
                         "--suggest-from.\n"),
    (["--cv", "1", "--corpus-input", "{d}/survey.csv", "-i", "respondent", "-q", "Q23"],
     "Error: [QK366] --cv 1 (cv= in Python): cross-validation needs at least 2 folds.\n"),
    (["--suggest", "-3", "--corpus-input", "{d}/survey.csv", "-i", "respondent", "-q", "Q23", "--boot", "0"],
     "Error: [QK367] --suggest -3 (n= in Python): ask for at least 1 suggestion.\n"),
    (["--boot", "-5", "--corpus-input", "{d}/survey.csv", "-i", "respondent", "-q", "Q23"],
     "Error: [QK432] --boot (n_boot= in Python) must be a positive whole number, not -5.\n"),
    ([], "Error: [QK370] no coded unit has a text to learn from. Coded units look like 'R00', 'R01', 'R02'. "
         "Give the survey with --corpus-input, or a text column.\n"),
]


@pytest.mark.parametrize("args, message", ERRORS, ids=[m[14:19] + str(i) for i, (_, m) in enumerate(ERRORS)])
def test_errors(files, args, message):
    args = [a.format(d=files) for a in args]
    res = runner.invoke(app, ["learn", str(files / "team.csv"), "--out", str(files / "m"), *args])
    assert res.exit_code == 1, res.output
    assert res.stderr == message.format(d=files)
    assert SECRET not in res.output


def test_too_few_units(files):
    pd.DataFrame({"respondent": ["R00", "R01"], "personeel": [1, 0]}).to_csv(files / "klein.csv", index=False)
    res = runner.invoke(app, ["learn", str(files / "klein.csv"), "--out", str(files / "m"), "--corpus-input",
                              str(files / "survey.csv"), "-i", "respondent", "-q", "Q23"])
    assert res.exit_code == 1
    assert res.stderr == ("Error: [QK347] only 2 coded units have a text; learning needs at least 10. "
                          "Code more units first.\n")


def test_ids_do_not_match(files):
    pd.DataFrame({"respondent": [f"P{i}" for i in range(12)], "personeel": [1, 0] * 6}).to_csv(files / "p.csv",
                                                                                             index=False)
    res = runner.invoke(app, ["learn", str(files / "p.csv"), "--out", str(files / "m"), "--corpus-input",
                              str(files / "survey.csv"), "-i", "respondent", "-q", "Q23"])
    assert res.exit_code == 1
    assert res.stderr == ("Error: [QK348] no coded unit has a text to learn from. Coded units look like 'P0/Q23', "
                          "'P1/Q23', 'P2/Q23'; the corpus's answers like 'R00/Q23', 'R01/Q23', 'R02/Q23'. Check "
                          "--id-column, --question and --unit.\n")


def test_nothing_to_suggest_writes_nothing(files):
    survey = pd.read_csv(files / "survey.csv", sep=";").head(24)       # only the coded answers
    survey.to_csv(files / "coded-only.csv", index=False, sep=";")
    res = runner.invoke(app, ["learn", str(files / "team.csv"), "--corpus-input", str(files / "coded-only.csv"),
                              "-i", "respondent", "-q", "Q23", "--out", str(files / "m"), "--boot", "0",
                              "--suggest", "3"])
    assert res.exit_code == 1
    assert res.stderr == ("Error: [QK368] every segment of the corpus is already coded: nothing to suggest. Give a "
                          "corpus with uncoded answers (for example the new wave).\n")
    assert not (files / "m").exists()
