"""Messages in command-line words (#17 item 4), each asserted with its exact text as
'qualkit' prints it; the real LimeSurvey exports where the case comes from them."""
from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from conftest import shared
from qualkit.cli import app

runner = CliRunner()
CODEBOOK = 'name: t\nversion: "1"\ncodes:\n  - id: duur\n    label: Kosten\n    include: [{lemma: [duur]}]\n'
SECRET = "Geheim antwoord van Fatima"
OUT = "/nonexistent/qualkit-test-out"   # no command here gets as far as writing


def error(args: list[str]) -> str:
    res = runner.invoke(app, [*args, "-o", OUT] if args[0] == "code" else args)
    assert res.exit_code == 1, res.output
    assert "Traceback" not in res.output and SECRET not in res.output
    return res.stderr


@pytest.fixture
def cb(tmp_path):
    p = tmp_path / "cb.yaml"
    p.write_text(CODEBOOK, encoding="utf-8")
    return str(p)


def test_qk115_names_the_option_and_the_columns_overview(cb):
    data = shared("nl-partypanel-openanswers", "pp17.1_pre2_survey_381842.csv")
    assert error(["code", str(data), "-c", cb]) == (
        f"Error: [QK115] {data}: no open questions named. Columns: 'Respons ID', 'Datum verstuurd', 'Laatste "
        "pagina', 'Begin taal', 'Startdatum', 'Datum laatste actie', 'IP-adres', 'Verwijzer-URL', 'col9', 'col10', "
        "... (46 in all). Name them with --question (-q), once per question: a column name, a colN id or a glob "
        f"such as 'Q23*'. 'qualkit ingest {data}' lists the columns with their question texts.\n")


def test_ingest_without_questions_lists_the_columns_with_their_texts():
    data = shared("nl-partypanel-openanswers", "pp17.1_pre2_survey_381842.csv")
    res = runner.invoke(app, ["ingest", str(data)])
    assert res.exit_code == 0, res.output
    rows = {line.split()[0]: line.split() for line in res.stdout.splitlines() if line.startswith("  col")}
    assert rows["col10"][1:5] == ["9", "9", "742", "Kun"]            # answers, values, mean length, the text
    assert rows["col13"][1:4] == ["8", "4", "12"] and " ".join(rows["col13"][4:]).startswith("Op welke manier")
    assert rows["col17"][-2:] == ["[Vraag", "2]"]                       # LimeSurvey array items stay apart
    assert "for example: qualkit ingest pp17.1_pre2_survey_381842.csv -q 'col10'" in " ".join(res.stdout.split())
    res = runner.invoke(app, ["ingest", str(data), "-i", "Respons ID", "-q", "col10"])
    assert res.exit_code == 0, res.output
    row = next(line.split() for line in res.stdout.splitlines() if line.startswith("  col10"))
    assert row[1:8] == ["9", "9", "9", "Kun", "je", "aangeven", "waarom"]    # segments, units, to code, text


def test_qk402_did_you_mean_on_a_real_export(cb):
    data = shared("nl-partypanel-openanswers", "pp18.1_pre2_survey_180102.csv")
    err = error(["code", str(data), "-c", cb, "-i", "id", "-q", "adviseFriendUB", "--by", "Expertise"])
    err = next(line for line in err.splitlines(keepends=True) if line.startswith("Error:"))
    assert err.startswith("Error: [QK402] breakdown variable 'Expertise' is not a respondent variable. Did you "
                          "mean 'expertise'? The data has 46 variable(s): 'submitdate', 'lastpage', ")
    assert err.endswith(", 'Vraag.tijd..extraQuestions', 'Vraag.tijd..extraQuestJustificat'.\n")
    assert "more)" not in err                                             # every variable, not the first 20


def test_reader_messages_name_the_options(cb, tmp_path):
    p = tmp_path / "s.csv"
    p.write_text(f"id;Q1;regio\n1;{SECRET}, café;Noord\n", encoding="utf-8")
    assert error(["code", str(p), "-c", cb, "-i", "nr", "-q", "Q1"]) == (
        f"Error: [QK110] {p}: no id column 'nr'. Columns: 'id', 'Q1', 'regio'. Name one of these with --id-column, "
        "or leave --id-column out to number the rows.\n")
    assert error(["code", str(p), "-c", cb, "-i", "id", "-q", "i*"]) == (
        f"Error: [QK116] {p}: question 'i*' only matches the id column 'id'. Name the open-question columns with "
        "--question, or pick another id column with --id-column.\n")
    assert error(["code", str(p), "-c", cb, "-i", "id", "-q", "Q1", "--encoding", "ascii"]) == (
        f"Error: [QK104] {p}, line 2: bytes cannot be decoded as ascii. Leave --encoding out to detect the "
        "encoding, or try --encoding utf-8 or --encoding cp1252.\n")
    wide = tmp_path / "wide.csv"
    wide.write_text(f"id,Q1\n1,Ja\n2,{SECRET},Noord\n", encoding="utf-8")
    assert error(["code", str(wide), "-c", cb, "-i", "id", "-q", "Q1"]) == (
        f"Error: [QK139] {wide}, line 3: 3 cells, but the header has 2. Check the delimiter (used: comma) and "
        "quoting, or name the delimiter with --delimiter.\n")
    mixed = tmp_path / "mixed.csv"
    mixed.write_bytes("id;Q1\n1;Één\n".encode("utf-8") + "2;café\n".encode("cp1252"))
    assert error(["code", str(mixed), "-c", cb, "-i", "id", "-q", "Q1"]) == (
        f"Error: [QK105] {mixed}, line 3: not valid UTF-8, while earlier lines are UTF-8 with accented characters; "
        "the file mixes encodings. Re-save it as UTF-8, or read all of it as cp1252 with --encoding cp1252.\n")
    book = tmp_path / "s.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "Antwoorden"
    wb.active.append(["id", "Q1"])
    wb.active.append([1, SECRET])
    wb.save(book)
    assert error(["code", str(book), "-c", cb, "-i", "id", "-q", "Q1", "--sheet", "Blad9"]) == (
        f"Error: [QK113] {book}: no sheet 'Blad9'. Sheets: 'Antwoorden'. Name one with --sheet: its name, or its "
        "number counting from 0.\n")


def test_qk157_a_human_coder_named_like_a_machine_coder():
    """A coding file's coder called 'qualkit': --coder renames it (a .qdpx user cannot be renamed: QK194)."""
    root = Path(__file__).resolve().parents[2]
    err = error(["agree", str(root / "corpora" / "ocmw-werkdruk-2026-studentcodering.csv"), "--coder", "qualkit",
                 "--qualkit-run", str(root / "corpora" / "ocmw-werkdruk-2026.csv"),
                 "-c", str(root / "codebooks" / "werkdruk.yaml"), "-i", "respondent", "-q", "Q23", "--boot", "0"])
    assert err.splitlines()[-1] == ("Error: [QK157] coder name 'qualkit' is used by a human coder and by qualkit "
                                    "or the model. Rename the human coder (coder column or --coder).")
