"""``qualkit report``: help, the whole job, and the exact error on each path."""
from __future__ import annotations

import pandas as pd
import pytest
from typer.testing import CliRunner

from conftest import STAFF_ADMIN
from qualkit.cli import app

runner = CliRunner()

CODEBOOK = STAFF_ADMIN


@pytest.fixture
def survey(tmp_path):
    df = pd.DataFrame({
        "id": ["R1", "R2", "R3", "R4", "R5"],
        "admin_uren": ["<10u", ">20u", ">20u", "<10u", ">20u"],
        "Q23": ["Meer personeel aub, bel 0470 12 34 56.", "Minder administratielast!", "Geen idee.", "  ",
                "Personeelstekort en administratie <script>alert(1)</script>."],
    })
    p = tmp_path / "survey.csv"
    df.to_csv(p, index=False, sep=";", encoding="utf-8-sig")
    cb = tmp_path / "cb.yaml"
    cb.write_text(CODEBOOK, encoding="utf-8")
    return p, cb


def test_help():
    res = runner.invoke(app, ["report", "--help"])
    assert res.exit_code == 0
    for opt in ("--codebook", "--id-column", "--question", "--by", "--out", "--lang", "--quotes", "--pseudonymise",
                "--names", "--themes", "--model", "--encoding", "--delimiter", "--sheet", "--speaker-pattern"):
        assert opt in res.output, opt


def test_report_end_to_end(survey, tmp_path):
    data, cb = survey
    out = tmp_path / "r.html"
    names = tmp_path / "names.txt"
    names.write_text("Personeelstekort\n", encoding="utf-8")
    themes = tmp_path / "themes.csv"
    pd.DataFrame([{"theme": 0, "label": "idee", "size": 2, "new": True, "keywords": "idee (0.5)",
                   "quote_1": "Geen idee."}]).to_csv(themes, index=False)
    res = runner.invoke(app, ["report", str(data), "-c", str(cb), "-i", "id", "-q", "Q23", "--by", "admin_uren",
                              "--out", str(out), "--lang", "en", "--quotes", "2", "--names", str(names),
                              "--themes", str(themes)])
    assert res.exit_code == 0, res.output
    assert f"Wrote {out}" in res.output
    page = out.read_text(encoding="utf-8")
    assert "Results: t" in page and "Q23 by admin_uren" in page and 'id="themes"' in page
    assert "0470 12 34 56" not in page and "[PHONE]" in page and "[NAME]" in page
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


@pytest.mark.parametrize("args, message", [
    (["--lang", "fr"], "Error: [QK603] unknown report language 'fr'. Use one of: nl, en.\n"),
    (["--names", "absent.txt"], "Error: [QK602] absent.txt: cannot read the names file (No such file or directory). "
                                "Give a UTF-8 text file with one name per line.\n"),
    (["--themes", "absent.csv"], "Error: [QK605] absent.csv: cannot read the themes table (No such file or directory). "
                                 "Pass the themes.csv written by 'qualkit themes'.\n"),
])
def test_errors(survey, tmp_path, monkeypatch, args, message):
    data, cb = survey
    monkeypatch.chdir(tmp_path)
    res = runner.invoke(app, ["report", str(data), "-c", str(cb), "-i", "id", "-q", "Q23", *args])
    assert res.exit_code == 1
    assert message in res.output
    assert "Traceback" not in res.output and "0470" not in res.output
    assert not (tmp_path / "report.html").exists()
