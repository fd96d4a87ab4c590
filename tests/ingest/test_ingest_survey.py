"""read_survey on every export variant: the same four respondents, one case per file."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd
import pytest

from ingest_helpers import DATA, assert_offsets, both_paths  # noqa: F401  (every test on both paths)
from qualkit.ingest import read_survey

Q1_TEXT = "Wat zou u willen veranderen aan uw werk, en waarom?"
Q2_TEXT = "Hoe kijkt u terug op het afgelopen jaar?\n\nNeem rustig de tijd."
ROWS = [  # id, leeftijd, regio, Q1, Q2 (as in tests/data/ingest/make_fixtures.py)
    ("101", 34, "Noord", "Meer personeel op de afdeling.", "  Minder regels, meer vertrouwen. "),
    ("102", 51, "Zuid", "", "Het café is té duur."),
    ("103", 27, "Oost", "   ", "Goede begeleiding;\nmaar weinig tijd"),
    ("104", 45, "West", "Werkdruk, vooral ’s avonds.", ""),
]
EXPECTED = [  # (unit, question position, text)
    ("101", 0, "Meer personeel op de afdeling."),
    ("101", 1, "Minder regels, meer vertrouwen."),
    ("102", 1, "Het café is té duur."),
    ("103", 1, "Goede begeleiding;\nmaar weinig tijd"),
    ("104", 0, "Werkdruk, vooral ’s avonds."),
]


def _file(name):
    return lambda tmp_path: DATA / name


def _xlsx(tmp_path: Path) -> Path:
    p = tmp_path / "enquete.xlsx"
    df = pd.DataFrame([[r[0], r[1], r[2], r[3] or None, r[4] or None] for r in ROWS],
                      columns=["id", "leeftijd", "regio", "Q1", "Q2"])
    with pd.ExcelWriter(p, engine="openpyxl") as w:
        pd.DataFrame({"x": [1]}).to_excel(w, sheet_name="Info", index=False)
        df.to_excel(w, sheet_name="Antwoorden", index=False)
    return p


def _sav(tmp_path: Path) -> Path:
    import pyreadstat

    p = tmp_path / "enquete.sav"
    regio = {"Noord": 1, "Zuid": 2, "Oost": 3, "West": 4}
    df = pd.DataFrame({"respnr": [float(r[0]) for r in ROWS], "leeftijd": [float(r[1]) for r in ROWS],
                       "regio": [float(regio[r[2]]) for r in ROWS], "Q1": [r[3] for r in ROWS],
                       "Q2": [r[4] for r in ROWS]})
    pyreadstat.write_sav(df, str(p), column_labels={"Q1": Q1_TEXT, "Q2": "Terugblik", "regio": "Regio"},
                         variable_value_labels={"regio": {float(v): k for k, v in regio.items()}})
    return p


VARIANTS = [
    pytest.param(_file("survey_utf8.csv"), {"id_column": "id", "questions": ["Q1", "Q2"]}, ["Q1", "Q2"], id="utf8"),
    pytest.param(_file("survey_utf8_bom.csv"), {"id_column": "id", "questions": ["Q*"]}, ["Q1", "Q2"], id="utf8-bom"),
    pytest.param(_file("survey_cp1252_semicolon.csv"), {"questions": ["Q?"]}, ["Q1", "Q2"], id="cp1252-semicolon"),
    pytest.param(_file("survey_tab.tsv"), {"questions": ["Q1", "Q2"]}, ["Q1", "Q2"], id="tab"),
    pytest.param(_file("survey_pipe.txt"), {"questions": ["Q1", "Q2"]}, ["Q1", "Q2"], id="pipe"),
    pytest.param(_file("survey_excel_unicode.txt"), {"questions": ["Q1", "Q2"]}, ["Q1", "Q2"], id="excel-utf16-tab"),
    pytest.param(_file("survey_excel_sep.csv"), {"questions": ["Q1", "Q2"]}, ["Q1", "Q2"], id="excel-sep-line"),
    pytest.param(_file("survey_limesurvey.csv"), {"questions": ["Wat zou u*", "Hoe kijkt*"]}, ["col6", "col7"],
                 id="limesurvey-R"),
    pytest.param(_file("survey_qualtrics.csv"), {"questions": ["Q1", "Q2"]}, ["Q1", "Q2"], id="qualtrics"),
    pytest.param(_xlsx, {"id_column": "id", "questions": ["Q1", "Q2"], "sheet": "Antwoorden"}, ["Q1", "Q2"],
                 id="xlsx"),
    pytest.param(_sav, {"questions": ["Q1", "Q2"]}, ["Q1", "Q2"], id="sav"),
]


@pytest.mark.parametrize("make, kwargs, qids", VARIANTS)
def test_variants_give_the_same_corpus(tmp_path, make, kwargs, qids):
    path = make(tmp_path)
    c = read_survey(path, **kwargs)
    assert c.kind == "survey"
    assert c.questions == qids
    assert c.sources == [path.name]
    assert list(c.respondents.index) == ["101", "102", "103", "104"]
    got = [(s.unit_id, s.question, s.text.replace("\r\n", "\n")) for s in c]
    assert got == [(u, qids[q], t) for u, q, t in EXPECTED]
    assert [s.doc_id for s in c] == [f"{u}/{qids[q]}" for u, q, _ in EXPECTED]
    assert all(s.source == path.name and s.speaker == "" and s.coded for s in c)
    assert_offsets(c)
    second = c.segments[1]
    assert (second.start, second.end) == (2, 2 + len("Minder regels, meer vertrouwen."))
    assert c.respondents.loc["102", "regio"] == "Zuid"
    assert float(c.respondents.loc["102", "leeftijd"]) == 51
    assert not set(qids) & set(c.respondents.columns)
    assert c.answered(qids[0]) == ["101", "104"]


def test_raw_cells_are_the_documents():
    c = read_survey(DATA / "survey_utf8.csv", "id", ["Q2"])
    assert c.documents["101/Q2"] == "  Minder regels, meer vertrouwen. "
    assert c.documents["103/Q2"] == "Goede begeleiding;\nmaar weinig tijd"
    assert "102/Q1" not in c.documents and "103/Q1" not in c.documents


def test_limesurvey_labels_na_and_r_index():
    c = read_survey(DATA / "survey_limesurvey.csv", questions=["col6", "col7"])
    assert c.labels == {"col6": Q1_TEXT, "col7": Q2_TEXT}
    assert list(c.respondents.columns) == ["Laatste pagina", "leeftijd", "regio"]
    assert "NA" not in [s.text for s in c]


def test_qualtrics_extra_header_rows_become_labels():
    c = read_survey(DATA / "survey_qualtrics.csv", questions=["Q*"])
    assert c.labels["Q1"] == Q1_TEXT and c.labels["Q2"] == Q2_TEXT
    assert c.labels["regio"] == "In welke regio werkt u?"
    assert len(c.respondents) == 4 and "StartDate" in c.respondents.columns


def test_sav_value_and_variable_labels(tmp_path):
    c = read_survey(_sav(tmp_path), questions=["Q1", "Q2"])
    assert list(c.respondents["regio"]) == ["Noord", "Zuid", "Oost", "West"]
    assert c.labels["Q1"] == Q1_TEXT and c.labels["regio"] == "Regio"


def test_xlsx_sheet_by_index_and_default(tmp_path):
    p = _xlsx(tmp_path)
    assert len(read_survey(p, "id", ["Q1"], sheet=1)) == 2
    assert len(read_survey(p, "id", ["Q1"], sheet="1")) == 2
    assert list(read_survey(p, questions=["x"]).respondents.index) == ["row-2"]


def test_overrides_win():
    c = read_survey(DATA / "survey_cp1252_semicolon.csv", "id", ["Q2"], encoding="cp1252", delimiter=";")
    assert [s.text for s in c][1] == "Het café is té duur."
    c = read_survey(DATA / "survey_tab.tsv", "id", ["Q1"], delimiter="tab")
    assert len(c) == 2


def test_row_numbers_when_no_id_column(tmp_path):
    p = tmp_path / "geen_id.csv"
    p.write_text('leeftijd,Q1\n34,"Ja,\nzeker"\n51,\n27,Nee\n', encoding="utf-8")
    c = read_survey(p, questions=["Q1"])
    assert list(c.respondents.index) == ["row-2", "row-4", "row-5"]
    assert [s.doc_id for s in c] == ["row-2/Q1", "row-5/Q1"]


@pytest.mark.parametrize("text", [
    pytest.param("id;Q1\n1;ja;\n2;nee;\n", id="trailing-delimiter"),
    pytest.param("id;Q1\n7;1;ja\n8;2;nee\n", id="R-row-names-without-header-cell"),
])
def test_one_extra_cell_per_row(tmp_path, text):
    p = tmp_path / "extra.csv"
    p.write_text(text, encoding="utf-8")
    c = read_survey(p, "id", ["Q1"])
    assert [s.text for s in c] == ["ja", "nee"]


def test_variables_restrict_respondent_columns():
    c = read_survey(DATA / "survey_limesurvey.csv", questions=["col6"], variables=["regio", "leef*"])
    assert list(c.respondents.columns) == ["leeftijd", "regio"]
    assert c.respondents.index.name == "unit_id"


def test_questions_in_file_order_and_without_the_id_column():
    c = read_survey(DATA / "survey_utf8.csv", "id", ["Q2", "*"])
    assert c.questions == ["leeftijd", "regio", "Q1", "Q2"]
    assert list(c.respondents.columns) == []


def test_long_and_duplicate_headers_get_ids(tmp_path):
    p = tmp_path / "dubbel.csv"
    long = "Wat vindt u van de plannen van de gemeente voor het centrum?"
    p.write_text(f'id,Q1,Q1,"{long}"\n1,a,b,c\n', encoding="utf-8")
    c = read_survey(p, questions=["Q1*", long])
    assert c.questions == ["Q1", "Q1.1", "col4"]
    assert c.labels == {"Q1.1": "Q1", "col4": long}


def test_inputs_are_not_modified(tmp_path):
    paths = [DATA / "survey_cp1252_semicolon.csv", _xlsx(tmp_path), _sav(tmp_path)]
    before = [hashlib.sha256(p.read_bytes()).hexdigest() for p in paths]
    for p in paths:
        read_survey(p, questions=["Q1"], sheet="Antwoorden" if p.suffix == ".xlsx" else None)
    assert [hashlib.sha256(p.read_bytes()).hexdigest() for p in paths] == before
