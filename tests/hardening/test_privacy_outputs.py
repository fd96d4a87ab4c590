"""Privacy in outputs: with --pseudonymise, planted e-mail addresses, phone numbers,
national register numbers and IBANs reach none of the files a run writes.

A positive control runs the same data without --pseudonymise and finds them, so the
test cannot pass by coding nothing.
"""
from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hardening_build import ROOT
from qualkit.cli import app

RRN = "85.07.30-033.28"
PLANTED = {  # answer to add -> what must not survive
    "Te veel dossiers, mail me op an.peeters@ocmw-gent.be of bel 0470 12 34 56.": ["an.peeters@ocmw-gent.be", "0470 12 34 56"],
    f"Meer personeel. Mijn rijksregisternummer is {RRN}, loon op BE68 5390 0754 7034.": [RRN, "BE68 5390 0754 7034"],
    "Minder administratie; bel gerust +32 9 123 45 67 of mail j.desmet@gent.be": ["+32 9 123 45 67", "j.desmet@gent.be"],
}
SECRETS = [s for v in PLANTED.values() for s in v]


def _digits(s: str) -> str:
    return re.sub(r"\D", "", s)


@pytest.fixture(scope="module")
def survey(tmp_path_factory) -> Path:
    """The first 40 rows of the demo survey, with PLANTED answers put into Q23 and Q24 of some."""
    with open(ROOT / "corpora" / "ocmw-werkdruk-2026.csv", encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f, delimiter=";"))[:41]
    q23, q24 = rows[0].index("Q23"), rows[0].index("Q24")
    for i, answer in enumerate(PLANTED, 1):
        rows[i * 5][q23] = answer
        rows[i * 5][q24] = "Ook: " + answer
    p = tmp_path_factory.mktemp("pseudo") / "enquete.csv"
    with open(p, "w", encoding="utf-8", newline="") as f:
        csv.writer(f, delimiter=";").writerows(rows)
    return p


def _texts(folder: Path) -> dict[str, str]:
    """Every output file as text; workbooks as all their cell values."""
    import openpyxl

    out = {}
    for p in sorted(folder.rglob("*")):
        if p.suffix == ".xlsx":
            wb = openpyxl.load_workbook(io.BytesIO(p.read_bytes()), read_only=True)
            out[p.name] = "\n".join(str(v) for ws in wb.worksheets for row in ws.iter_rows(values_only=True)
                                    for v in row if v is not None)
        elif p.is_file():
            out[p.name] = p.read_text(encoding="utf-8")
    return out


def _leaks(texts: dict[str, str]) -> list[tuple[str, str]]:
    found = []
    for name, text in texts.items():
        flat = _digits(text)
        for s in SECRETS:
            if s in text or (len(_digits(s)) >= 9 and _digits(s) in flat):
                found.append((name, s))
    return found


def _code(survey: Path, out: Path, *extra: str):
    args = ["code", str(survey), "-c", str(ROOT / "codebooks" / "werkdruk.yaml"), "-i", "respondent",
            "-q", "Q23", "-q", "Q24", "-o", str(out), "--report", str(out / "report.html"), *extra]
    res = CliRunner().invoke(app, args)
    assert res.exit_code == 0, res.output[-2000:]
    return res


def test_without_pseudonymise_the_planted_data_is_in_the_outputs(survey, tmp_path):
    _code(survey, tmp_path / "out")
    leaks = {name for name, _ in _leaks(_texts(tmp_path / "out"))}
    assert {"segments.csv", "qualkit.xlsx", "report.html"} <= leaks


def test_pseudonymise_reaches_every_output(survey, tmp_path):
    res = _code(survey, tmp_path / "out", "--pseudonymise")
    texts = _texts(tmp_path / "out")
    assert {"segments.csv", "qualkit.xlsx", "report.html", "run.json", "matrix.csv"} <= set(texts)
    assert _leaks(texts) == []
    assert "[E-MAIL]" in texts["segments.csv"] and "[TELEFOON]" in texts["qualkit.xlsx"]
    assert "[RIJKSREGISTERNR]" in texts["segments.csv"] + texts["report.html"]
    assert not [s for s in SECRETS if s in res.output]  # the printed tables hold no quotes


def test_report_command_pseudonymises(survey, tmp_path):
    out = tmp_path / "report.html"
    args = ["report", str(survey), "-c", str(ROOT / "codebooks" / "werkdruk.yaml"), "-i", "respondent",
            "-q", "Q23", "-q", "Q24", "-o", str(out), "--pseudonymise", "--quotes", "50"]
    res = CliRunner().invoke(app, args)
    assert res.exit_code == 0, res.output[-2000:]
    assert _leaks({"report.html": out.read_text(encoding="utf-8")}) == []
