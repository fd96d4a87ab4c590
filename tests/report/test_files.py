"""The XLSX workbook (opened with openpyxl) and pseudonymised outputs."""
from __future__ import annotations

import io
import json

import openpyxl
import pandas as pd

import report_helpers as h
from qualkit.report import build_tables, pseudonymise_tables, workbook, write_outputs


def tables_with_odd_text():
    result = h.result()
    tables = build_tables(result, by=["admin_uren"])
    seg = tables.segments.copy()
    seg.loc[0, "text"] = "=1+1"
    seg.loc[1, "text"] = "a\x0bb\x00c"  # control characters a worksheet cannot hold
    seg.loc[2, "text"] = "x" * 40000
    tables.segments = seg
    return tables


def test_workbook_sheets_filters_freeze_widths():
    tables = tables_with_odd_text()
    wb = openpyxl.load_workbook(io.BytesIO(workbook(tables)))
    assert wb.sheetnames == ["questions", "codes", "Q23", "Q23 by admin_uren", "Q24", "Q24 by admin_uren", "matrix",
                             "segments", "run"]
    for ws in wb.worksheets:
        first, last = ws.auto_filter.ref.split(":")
        assert last == ws.dimensions.split(":")[1], ws.title          # the filter is on the table's header row
        header = int(first[1:])
        assert ws.freeze_panes in (f"A{header + 1}", f"B{header + 1}", f"C{header + 1}"), ws.title
        widths = [ws.column_dimensions[c[0].column_letter].width for c in ws.iter_cols(max_row=1)]
        assert all(8 <= w <= 80 for w in widths), (ws.title, widths)
    seg = wb["segments"]
    assert seg.freeze_panes == "B2" and wb["matrix"].freeze_panes == "B2"
    header = [c.value for c in seg[1]]
    col = header.index("text")
    cells = [row[col] for row in seg.iter_rows(min_row=2)]
    assert cells[0].value == "=1+1" and cells[0].data_type == "s"  # text, not a formula
    assert cells[1].value == "abc"
    assert len(cells[2].value) == 32767
    assert seg.column_dimensions[cells[0].column_letter].width == 80
    assert seg.max_row == len(tables.segments) + 1
    matrix = wb["matrix"]
    assert [c.value for c in matrix[1]][:2] == ["unit_id", "Q23.capaciteit"]
    assert matrix.max_row == len(tables.matrix) + 1
    ws = wb["Q23 by admin_uren"]
    cross = [c.value for c in ws[int(ws.auto_filter.ref.split(":")[0][1:])]]
    assert cross[:2] == ["code", "label"] and cross[-4:] == ["test", "p", "p (Holm)", "note"]
    assert all(" (n = " in head for head in cross[2:-4])
    run = {r[0].value: r[1].value for r in wb["run"].iter_rows(min_row=2)}
    assert run["codebook.name"] == "werkdruk-test" and run["questions"] == "Q23, Q24"


def test_formula_like_header_and_values_stay_text():
    tables = build_tables(h.result(hostile=False))
    tables.segments = pd.DataFrame({"=cmd": ["=HYPERLINK(\"http://x\")", "+1", "@SUM(A1)"]})
    ws = openpyxl.load_workbook(io.BytesIO(workbook(tables)))["segments"]
    assert all(c.data_type == "s" for row in ws.iter_rows() for c in row)


def test_pseudonymised_outputs(tmp_path):
    result = h.result()
    tables = pseudonymise_tables(build_tables(result), names=["Fatima"])
    written = write_outputs(tables, tmp_path / "out")
    segs = (tmp_path / "out" / "segments.csv").read_text(encoding="utf-8")
    assert "0470 12 34 56" not in segs and "[TELEFOON]" in segs and "mevrouw [NAAM]" in segs
    assert json.loads((tmp_path / "out" / "run.json").read_text())["pseudonymised"] is True
    assert tmp_path / "out" / "qualkit.xlsx" in written
    ws = openpyxl.load_workbook(tmp_path / "out" / "qualkit.xlsx")["segments"]
    assert not any("an.peeters@ocmw.be" in str(c.value) for row in ws.iter_rows() for c in row)
