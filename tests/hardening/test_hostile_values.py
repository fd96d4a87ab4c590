"""Hand-made hostile values (issue #11, items 11, 12, 14, 17, 20): huge integers and
impossible dates in YAML, rich markup in labels, headers and --by values, formulas in
every spreadsheet and CSV, more segments than a worksheet holds, a huge codebook."""
from __future__ import annotations

import csv
import io
import logging

import openpyxl
import pandas as pd
import pytest

import hardening_cases as hc
from conftest import STAFF_ADMIN
from qualkit.codebook.io import loads
from qualkit.errors import CodebookError, ProjectError


@pytest.mark.parametrize("value", [b"9" * 5000, b"0x" + b"f" * 5000, b"2025-02-29", b"-" + b"1" * 4400])
@pytest.mark.parametrize("where", ["version", "label", "window", "id"])
def test_yaml_values_python_cannot_hold_are_qk180(tmp_path, value, where):
    """Item 12: a codebook with a 5,000-digit number (or an impossible date) is QK180, in the CLI too."""
    text = STAFF_ADMIN.replace('version: "1.0"', "version: X" if where == "version" else 'version: "1.0"')
    text = {"version": text, "label": text.replace("label: Meer personeel", "label: X"),
            "window": text + "negation: {window: X}\n", "id": text.replace("id: admin", "id: X")}[where]
    text = text.replace("X", value.decode())
    with pytest.raises(CodebookError) as e:
        loads(text, where="cb.yaml")
    assert e.value.code == 180 and value.decode()[:50] not in str(e.value)
    (tmp_path / "cb.yaml").write_text(text, encoding="utf-8")
    res = hc.invoke(["codebook", "check", tmp_path / "cb.yaml"])
    assert res.exit_code == 1 and "Error: [QK180]" in res.output and "Traceback" not in res.output


@pytest.mark.parametrize("line", ["seed: " + "9" * 5000, "seed: 0x" + "f" * 5000, "name: 2026-02-30",
                                  "seed: 99999999999999999999"])
def test_project_file_values(tmp_path, line):
    from qualkit.project.config import loads_project

    (tmp_path / "cb.yaml").write_text(STAFF_ADMIN, encoding="utf-8")
    (tmp_path / "a.csv").write_text(hc.SURVEY, encoding="utf-8")
    text = f"codebook: cb.yaml\nquestions: [Q1]\n{line}\nwaves:\n  - {{name: A, inputs: [a.csv], id_column: id}}\n"
    with pytest.raises(ProjectError) as e:
        loads_project(text, tmp_path / "qualkit.yaml")
    assert e.value.code in (180, 741)


# -- rich markup --------------------------------------------------------------------------------

def test_markup_in_labels_headers_and_by_values_is_shown_as_text(tmp_path):
    """Item 14: no MarkupError, no hyperlink, no emoji: the strings as they are."""
    label, by_value, header = "[/x] [bold]", "[link=http://evil.example]klik[/link]", "V[/q]"
    (tmp_path / "cb.yaml").write_text(STAFF_ADMIN.replace("Meer personeel", f'"{label}"'), encoding="utf-8")
    rows = [f"R{i};{by_value if i % 2 else ':thumbs_up:'};Meer personeel {i}." for i in range(6)]
    (tmp_path / "s.csv").write_text(f"id;regio;{header}\n" + "\n".join(rows) + "\n", encoding="utf-8")
    res = hc.invoke(["code", tmp_path / "s.csv", "-c", tmp_path / "cb.yaml", "-i", "id", "-q", header,
                     "--by", "regio", "--out", tmp_path / "out", "--report", tmp_path / "r.html"], width=250)
    assert res.exit_code == 0, res.output[-3000:]
    for s in (label, by_value, header, ":thumbs_up:"):
        assert s in res.output, s
    assert "\x1b]8;" not in res.output and "👍" not in res.output
    assert (tmp_path / "r.html").is_file()  # written after the tables were printed


def test_every_cli_table_goes_through_the_one_console():
    """All rich output in qualkit/cli/ is made by _common.console (markup, emoji and highlighting off)."""
    from pathlib import Path

    import qualkit.cli

    for path in Path(qualkit.cli.__file__).parent.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "Console(" not in text or path.name == "_common.py", path.name
        assert "TextColumn(\"{" not in text or "markup=False" in text, path.name


# -- formulas in every spreadsheet and CSV -----------------------------------------------------------

FORMULAS = [v.decode() for v in hc.HOSTILE_VALUES if v[:1] in b"=+-@\t\r"]


def test_run_comparison_and_tables_neutralise_formulas(tmp_path):
    """Item 11: comparison.xlsx (and every workbook) stores text as text; table CSVs prefix risky cells;
    segments.csv is data, written as given."""
    from test_outputs import _project

    project = _project(tmp_path / "p")
    res = hc.invoke(["run", project, "--quiet"])
    assert res.exit_code == 0, res.output[-2000:]
    out = tmp_path / "p" / "out"
    books = sorted(out.rglob("*.xlsx"))
    assert {b.name for b in books} == {"qualkit.xlsx", "comparison.xlsx"}
    for book in books:
        wb = openpyxl.load_workbook(book)
        cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
        assert not [c for c in cells if c.data_type == "f"], book
        assert any(str(c.value).startswith("=HYPERLINK") for c in cells), book  # the label is there, as text
    for name in ("comparison/comparison.csv", "A/frequencies.csv", "A/crosstab_regio.csv"):
        cells = [c for row in csv.reader(io.StringIO((out / name).read_text(encoding="utf-8"))) for c in row]
        assert "'=HYPERLINK(\"http://evil.example\")" in cells, name
        assert not [c for c in cells if c[:1] in ("=", "+", "@", "\t", "\r") or (c[:1] == "-" and not _number(c))]


def _number(s: str) -> bool:
    try:
        float(s)
    except ValueError:
        return False
    return True


def test_neutralise_prefixes_exactly_the_owasp_cells():
    from qualkit.io.sheets import neutralise

    df = pd.DataFrame({"label": [*FORMULAS, "gewoon", "- minder", "3 - 2"], "n": range(len(FORMULAS) + 3)})
    got = neutralise(df)["label"].tolist()
    assert got == ["'" + f for f in FORMULAS] + ["gewoon", "'- minder", "3 - 2"]
    assert neutralise(df)["n"].tolist() == df["n"].tolist()


# -- sheet limits -------------------------------------------------------------------------------------

def test_more_segments_than_a_sheet_holds(tmp_path, caplog):
    """Item 17: 1,048,576 segments (a sheet holds 1,048,575 below its header): the workbook
    holds the tables, the segments go to CSV and Parquet, and a note says so."""
    from qualkit.report.files import SHEET_ROWS, Tables, write_tables
    from qualkit.io.sheets import EXCEL_ROWS

    n = EXCEL_ROWS
    seg = pd.DataFrame({"unit_id": pd.RangeIndex(n).astype(str), "code": "p", "text": "Meer personeel."})
    freq = pd.DataFrame({"code": ["p"], "label": ["P"], "n": [n], "pct": [100.0]})
    tables = Tables({"Q1": freq}, {}, pd.DataFrame({"p": [1]}, index=pd.Index(["R1"], name="unit_id")), seg,
                    {"qualkit": "test"})
    with caplog.at_level(logging.WARNING, logger="qualkit"):
        names = write_tables(tables, tmp_path)
    assert SHEET_ROWS < EXCEL_ROWS
    assert {"segments.csv", "segments.parquet", "qualkit.xlsx"} <= set(names)
    wb = openpyxl.load_workbook(tmp_path / "qualkit.xlsx", read_only=True)
    assert "segments" not in wb.sheetnames and "Q1" in wb.sheetnames
    run = {r[0]: r[1] for r in wb["run"].iter_rows(min_row=2, values_only=True)}
    assert "segments.csv" in run["not_in_workbook.segments"]
    assert len(pd.read_parquet(tmp_path / "segments.parquet")) == n
    assert "segments" in caplog.text and "segments.csv" in caplog.text


# -- a huge codebook ------------------------------------------------------------------------------------

def _codebook(n: int) -> str:
    body = "".join(f"  - {{id: c{i}, label: C{i}, parent: {'c0' if i else 'null'}, include: [{{lemma: w{i}}}]}}\n"
                   for i in range(n))
    return 'name: big\nversion: "1"\ncodes:\n' + body + "  - {id: c1, label: dubbel, include: [{lemma: x}]}\n"


def test_checking_a_codebook_is_linear():
    """Item 20: 16,000 codes take about 8x the time of 2,000 (a quadratic check took 64x; 40,000 codes took 108 s)."""
    from hardening_cases import best_cpu

    def check(text):
        with pytest.raises(CodebookError) as e:
            loads(text)
        assert e.value.problems == ["<codebook>, code 'c1': id used 2 times. Give each code its own id."]

    # CPU time (load-proof); the small one best of 3, as its noise weighs most in the ratio
    times = {n: best_cpu(lambda: check(_codebook(n)), repeat=3 if n < 10_000 else 1) for n in (2_000, 16_000)}
    ratio = times[16_000] / times[2_000]
    print(f"codebook check: 2,000 codes {times[2_000]:.2f} s, 16,000 codes {times[16_000]:.2f} s, ratio {ratio:.1f}")
    assert ratio < 24
