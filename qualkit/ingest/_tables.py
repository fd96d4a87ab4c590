"""Survey exports as a plain table: header cells, data rows and where each row is.

CSV/TSV/TXT (delimiter sniffed among ``, ; tab |``), XLSX (openpyxl) and SPSS
.sav (pyreadstat). Qualtrics' two extra header rows and R's unnamed row-number
column are recognised here; naming and picking columns is ``survey.py``'s job.

>>> t = parse_csv("id;Q1\\n1;Ja\\n", "s.csv", None, ".csv")
>>> t.headers, t.rows, t.places
(['id', 'Q1'], [['1', 'Ja']], [2])
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from qualkit.errors import InputError, LimitError, QualkitError
from qualkit.ingest._text import MAX_CELL, check_cell, check_zip, decode, isolated, read_bytes

MAX_COLUMNS = 20_000
"""Widest table read (Excel stops at 16,384 columns): more is a wrong delimiter or a damaged file."""
MAX_CELLS = 50_000_000
"""Most cells (rows x columns) in one table: bounds memory and time for tiny files that claim huge sheets."""
SAV_TIMEOUT_S = 600.0
DELIMITERS = [",", ";", "\t", "|"]
_DELIM_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}
_IMPORT_ID = re.compile(r'\s*\{\s*"ImportId"\s*:')
_EXCEL_SEP = re.compile(r"sep=(.)\r?\n")


@dataclass
class Table:
    """Rows of one export. ``places[i]`` is the file line (CSV), sheet row (XLSX) or case (SAV) of ``rows[i]``."""

    headers: list[str]
    rows: list[list[Any]]
    places: list[int]
    place: str = "line"
    labels: dict[int, str] = field(default_factory=dict)
    value_labels: dict[int, dict] = field(default_factory=dict)
    na_token: str | None = None
    typed: bool = False
    first_col: int = 1
    """1-based position in the file of ``headers[0]`` (2 once an R row-number column is dropped)."""


def load_table(path: Path, encoding: str | None, delimiter: str | None, sheet: str | int | None) -> Table:
    suffix = path.suffix.lower()
    if suffix in (".csv", ".tsv", ".txt", ".tab"):
        return parse_csv(decode(read_bytes(path), str(path), encoding), str(path), delimiter, suffix)
    if suffix in (".xlsx", ".xlsm"):
        return _tidy(read_xlsx(path, sheet), str(path))
    if suffix in (".sav", ".zsav"):
        return read_sav(path)
    hint = " Save .xls files as .xlsx first." if suffix == ".xls" else ""
    raise InputError(103, f"{path}: unsupported file type {suffix or '(no suffix)'!r}. "
                     f"Use .csv, .tsv, .txt, .xlsx or .sav.{hint}")


# -- CSV ---------------------------------------------------------------------------------------

def _records(text: str, delimiter: str, where: str, limit: int | None = None):
    """(line, fields) for each non-blank record; QK108 on broken quoting, QK803 on huge fields."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    old = csv.field_size_limit()
    csv.field_size_limit(MAX_CELL)
    out, prev = [], 0
    try:
        while limit is None or len(out) < limit:
            try:
                rec = next(reader)
            except StopIteration:
                break
            except csv.Error as e:
                if "field larger" in str(e):
                    raise LimitError(803, f"{where}, line {reader.line_num}: a cell is over {MAX_CELL:,} "
                                     "characters. Check the quoting, or split long answers.") from None
                if limit is not None:  # sniffing: a cut-off sample may end inside quotes
                    break
                raise InputError(108, f"{where}, line {prev + 1}: malformed CSV ({e}). A quoted cell that "
                                 "starts here is probably never closed; fix the quotes or export again.") from None
            start, prev = prev + 1, reader.line_num
            if rec and any(c.strip() for c in rec):
                out.append((start, rec))
    finally:
        csv.field_size_limit(old)
    return out


def sniff_delimiter(text: str, suffix: str) -> str:
    """The candidate delimiter giving the most consistent, widest rows in the first records."""
    sample = text[:200_000]
    order = ["\t"] + [d for d in DELIMITERS if d != "\t"] if suffix in (".tsv", ".tab") else DELIMITERS
    best, best_score = order[0] if suffix in (".tsv", ".tab") else ",", (0.0, 1)
    for d in order:
        recs = [r for _, r in _records(sample, d, "", limit=50)]
        if not recs or len(recs[0]) < 2:
            continue
        width = len(recs[0])
        body = recs[1:] or recs
        consistent = sum(len(r) in (width, width + 1) for r in body) / len(body)
        score = (round(consistent, 2), width)
        if score > best_score:
            best, best_score = d, score
    return best


def parse_csv(text: str, where: str, delimiter: str | None, suffix: str) -> Table:
    if delimiter is not None:
        delimiter = {"tab": "\t", "\\t": "\t"}.get(delimiter, delimiter)
        if len(delimiter) != 1:
            raise InputError(114, f"{where}: delimiter {delimiter!r} must be one character. "
                             "Use for example ',', ';', '\\t' or '|', or leave it unset to detect it.")
    excel_sep = _EXCEL_SEP.match(text)
    d = delimiter or (excel_sep.group(1) if excel_sep else sniff_delimiter(text, suffix))
    recs = _records(text, d, where)
    if excel_sep and recs and recs[0][0] == 1:
        recs = recs[1:]  # Excel's "sep=;" line
    if not recs:
        raise InputError(102, f"{where}: file has no rows. Export the data again, or check the file.")
    (_, headers), body = recs[0], recs[1:]
    rows, places = [r for _, r in body], [n for n, _ in body]
    table = Table(headers=headers, rows=rows, places=places, place="line", na_token="NA")
    if (rows and len(headers) + 1 == min(len(r) for r in rows) == max(len(r) for r in rows)
            and any(r[-1].strip() for r in rows)):
        # R's write.table(row.names=TRUE) without a header cell for the row names
        # (not a trailing delimiter on every data row: then the last cells are all empty).
        table.headers = [""] + headers
    table = _tidy(table, where)
    width = len(table.headers)
    for i, r in enumerate(table.rows):
        if len(r) > width:
            if any(c.strip() for c in r[width:]):
                raise InputError(108, f"{where}, line {table.places[i]}: {len(r)} cells, but the header has "
                                 f"{width}. Check the delimiter (used: {_DELIM_NAMES.get(d, repr(d))}) and "
                                 "quoting, or pass delimiter=... explicitly.")
            del r[width:]
    return table


# -- shared fix-ups ------------------------------------------------------------------------------

def _check_size(rows: int, width: int, where: str) -> None:
    """LimitError QK808 for tables too wide or too large to read."""
    if width > MAX_COLUMNS:
        raise LimitError(808, f"{where}: {width:,} columns, over the {MAX_COLUMNS:,} limit. Check the delimiter "
                         "(pass delimiter=...), or export only the columns you need.")
    if rows * width > MAX_CELLS:
        raise LimitError(808, f"{where}: {rows:,} rows x {width:,} columns, over the {MAX_CELLS:,} cell limit. "
                         "Export only the columns you need, or split the file.")


def _tidy(table: Table, where: str) -> Table:
    """Pad short rows, drop Qualtrics' extra header rows and R's unnamed row-number column."""
    width = len(table.headers)
    _check_size(len(table.rows), width, where)
    for r in table.rows:
        if len(r) < width:
            r.extend([""] * (width - len(r)))
    if len(table.rows) >= 2:
        marks = [c for c in table.rows[1] if isinstance(c, str) and c.strip()]
        if marks and sum(bool(_IMPORT_ID.match(c)) for c in marks) * 2 >= len(marks):
            table.labels = {i: str(c).strip() for i, c in enumerate(table.rows[0][:width]) if str(c).strip()}
            del table.rows[:2], table.places[:2]
    if width > 1 and not str(table.headers[0]).strip():
        table.headers = table.headers[1:]
        table.rows = [r[1:] for r in table.rows]
        table.labels = {i - 1: v for i, v in table.labels.items() if i > 0}
        table.first_col += 1
    return table


# -- XLSX ----------------------------------------------------------------------------------------

def cell_str(v: Any) -> str:
    """A cell value as text: None/NaN -> '', 3.0 -> '3', dates in ISO format."""
    if v is None or v is pd.NA or v is pd.NaT:
        return ""
    if isinstance(v, str):
        return v
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, float):
        if math.isnan(v):
            return ""
        return str(int(v)) if v.is_integer() and abs(v) < 1e15 else repr(v)
    if isinstance(v, dt.datetime):
        return v.date().isoformat() if v.time() == dt.time() else v.isoformat(sep=" ")
    if isinstance(v, (dt.date, dt.time)):
        return v.isoformat()
    return str(v)


def read_xlsx(path: Path, sheet: str | int | None) -> Table:
    check_zip(path, 118, "Excel workbook (.xlsx)", "Excel")
    import openpyxl

    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except QualkitError:
        raise
    except Exception as e:  # openpyxl raises many types on damaged files
        raise InputError(118, f"{path}: cannot be read as an Excel workbook ({type(e).__name__}). "
                         "Open it in Excel and save it again, or export the sheet as CSV.") from None
    try:
        names = wb.sheetnames
        if sheet is None:
            sheet = 0
        if isinstance(sheet, str) and sheet not in names and sheet.strip().lstrip("-").isdigit():
            sheet = int(sheet)  # "1" from a command line
        if isinstance(sheet, int) and not isinstance(sheet, bool) and -len(names) <= sheet < len(names):
            ws = wb.worksheets[sheet]
        elif isinstance(sheet, str) and sheet in names:
            ws = wb[sheet]
        else:
            raise InputError(113, f"{path}: no sheet {sheet!r}. Sheets: {', '.join(map(repr, names))}. "
                             "Pass sheet= a name or a 0-based index.")
        title = ws.title
        rows, places = [], []
        seen = 0
        try:
            ws.reset_dimensions()  # the stored size can lie (A1:XFD1048576 in a tiny file); read the cells there are
            for n, values in enumerate(ws.iter_rows(min_row=1, values_only=True), 1):
                seen += len(values)
                if seen > MAX_CELLS:
                    _check_size(n, len(values), f"{path}, sheet {title!r}")
                    raise LimitError(808, f"{path}, sheet {title!r}: over {MAX_CELLS:,} cells by row {n:,}. "
                                     "Export only the columns you need, or split the sheet.")
                cells = [cell_str(v) for v in values]
                while cells and not cells[-1].strip():
                    cells.pop()
                if not cells:
                    continue
                for j, c in enumerate(cells):
                    if len(c) > MAX_CELL:
                        check_cell(c, f"{path}, sheet {title!r}, row {n}, column {j + 1}")
                rows.append(cells)
                places.append(n)
        except QualkitError:
            raise
        except Exception as e:
            raise InputError(118, f"{path}, sheet {title!r}: cannot be read ({type(e).__name__}). "
                             "Open it in Excel and save it again, or export the sheet as CSV.") from None
    finally:
        wb.close()
    if not rows:
        raise InputError(102, f"{path}, sheet {title!r}: the sheet is empty. Pass sheet= the name of the sheet with the data.")
    width = max(len(r) for r in rows)  # trailing blank cells are already cut from every row
    _check_size(len(rows), width, f"{path}, sheet {title!r}")
    rows = [r + [""] * (width - len(r)) for r in rows]
    headers, body = rows[0], rows[1:]
    return Table(headers=headers, rows=body, places=places[1:], place="row")


# -- SPSS ----------------------------------------------------------------------------------------

def read_sav(path: Path) -> Table:
    """A .sav as a typed table; variable labels and value labels come with it.

    pyreadstat is C code that can crash the whole process on a damaged file (one
    flipped byte in a variable record is enough), so it runs in a forked child:
    a crash there is QK119 here, a hang QK809.
    """
    import pyreadstat  # noqa: F401  (imported before forking, not in the child)

    status, got = isolated(_sav_parts, str(path), SAV_TIMEOUT_S)
    if status == "timeout":
        raise LimitError(809, f"{path}: reading the .sav file took over {SAV_TIMEOUT_S:g} s, so it is probably "
                         "damaged. Save it again from SPSS or PSPP, or export it as CSV.")
    if status != "ok":  # ReadstatError, PyreadstatError, UnicodeDecodeError, OSError, MemoryError, a crash
        why = got if status == "error" else "the reader crashed on it"
        raise InputError(119, f"{path}: cannot be read as an SPSS .sav file ({why}). "
                         "Save it again from SPSS or PSPP, or export it as CSV.")
    df, col_labels, value_labels = got
    headers = [str(c) for c in df.columns]
    if not headers:
        raise InputError(102, f"{path}: the .sav file has no variables. Check that you picked the right file.")
    _check_size(len(df), len(headers), str(path))
    rows = df.astype(object).values.tolist()
    return Table(
        headers=headers, rows=rows, places=list(range(1, len(rows) + 1)), place="case",
        labels={i: str(col_labels[h]).strip() for i, h in enumerate(headers) if col_labels.get(h)},
        value_labels={i: value_labels[h] for i, h in enumerate(headers) if value_labels.get(h)},
        typed=True,
    )


def _sav_parts(path: str) -> tuple:
    import pyreadstat

    df, meta = pyreadstat.read_sav(path, apply_value_formats=False, user_missing=False)
    return df, dict(meta.column_names_to_labels or {}), dict(meta.variable_value_labels or {})
