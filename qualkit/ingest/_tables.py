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
import itertools
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

import pandas as pd

from qualkit.errors import InputError, LimitError, QualkitError
from qualkit.ingest._text import MAX_CELL, TextLines, check_cell, check_zip, isolated_iter, without_surrogates

MAX_COLUMNS = 20_000
"""Widest table read (Excel stops at 16,384 columns): more is a wrong delimiter or a damaged file."""
MAX_CELLS = 50_000_000
"""Most cells (rows x columns) in one table: bounds memory and time for tiny files that claim huge sheets."""
SAV_TIMEOUT_S = 600.0
MAX_LINE = 16 * MAX_CELL
"""Longest physical line of a CSV (characters): several long answers fit, a file without line breaks does not."""
SNIFF_CHARS = 200_000
"""Characters the delimiter is guessed from."""
SAMPLE_ROWS = 1000
"""Data rows that decide the table's layout (R's row-names column; an XLSX sheet's width)."""
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
    header_place: int = 1
    """The line or sheet row of the header (2 below Excel's ``sep=;`` line or an empty first row)."""


class TableStream:
    """An export read as a stream: the header part (as in :class:`Table`) known on opening,
    then ``rows()`` gives ``(place, cells)`` one at a time, each padded to the header's width.

    Size limits are checked while the rows are read, so a huge file is refused after
    reading as much of it as the limit allows, never more.
    """

    def __init__(self, head: Table, rows: Iterator[tuple[int, list[Any]]], where: str,
                 tell: Callable[[], int] = lambda: 0, close: Callable[[], None] = lambda: None):
        self.head, self.where = head, where
        self._rows, self.tell, self._close = rows, tell, close

    def rows(self) -> Iterator[tuple[int, list[Any]]]:
        return self._rows

    def __enter__(self) -> "TableStream":
        return self

    def __exit__(self, *exc: object) -> None:
        self._close()

    def collect(self) -> Table:
        """The whole table in memory."""
        with self:
            t = self.head
            body = list(self._rows)
            return Table(headers=t.headers, rows=[r for _, r in body], places=[n for n, _ in body], place=t.place,
                         labels=t.labels, value_labels=t.value_labels, na_token=t.na_token, typed=t.typed,
                         first_col=t.first_col, header_place=t.header_place)


def open_table(path: Path, encoding: str | None, delimiter: str | None, sheet: str | int | None) -> TableStream:
    """A survey export as a :class:`TableStream` (close it, or use it in a ``with`` block)."""
    suffix = path.suffix.lower()
    if suffix in (".csv", ".tsv", ".txt", ".tab"):
        lines = TextLines(path, encoding, MAX_LINE)
        try:
            return stream_csv(lines, str(path), delimiter, suffix, tell=lines.tell, close=lines.close)
        except BaseException:
            lines.close()
            raise
    if suffix in (".xlsx", ".xlsm"):
        return stream_xlsx(path, sheet)
    if suffix in (".sav", ".zsav"):
        return stream_sav(path)
    hint = " Save .xls files as .xlsx first." if suffix == ".xls" else ""
    raise InputError(103, path=path, value=suffix or '(no suffix)', hint=hint)


def load_table(path: Path, encoding: str | None, delimiter: str | None, sheet: str | int | None) -> Table:
    """The whole export in memory (see :func:`open_table`)."""
    return open_table(path, encoding, delimiter, sheet).collect()


# -- CSV ---------------------------------------------------------------------------------------

def _records(lines: Iterable[str], delimiter: str, where: str, sniffing: bool = False):
    """(line, fields) for each non-blank record; QK108 on broken quoting, QK803 on huge fields."""
    reader = csv.reader(lines, delimiter=delimiter, strict=True)
    prev = 0
    while True:
        old = csv.field_size_limit(MAX_CELL)
        try:
            rec = next(reader)
        except StopIteration:
            return
        except csv.Error as e:
            if "field larger" in str(e):
                raise LimitError(803, where=where, line=reader.line_num, limit=MAX_CELL) from None
            if sniffing:  # a cut-off sample may end inside quotes
                return
            raise InputError(108, where=where, line=prev + 1, error=e) from None
        finally:
            csv.field_size_limit(old)
        start, prev = prev + 1, reader.line_num
        if rec and any(c.strip() for c in rec):
            yield start, rec


def sniff_delimiter(text: str, suffix: str) -> str:
    """The candidate delimiter giving the most consistent, widest rows in the first records."""
    sample = text[:SNIFF_CHARS]
    order = ["\t"] + [d for d in DELIMITERS if d != "\t"] if suffix in (".tsv", ".tab") else DELIMITERS
    best, best_score = order[0] if suffix in (".tsv", ".tab") else ",", (0.0, 1)
    for d in order:
        recs = [r for _, r in itertools.islice(_records(io.StringIO(sample, newline=""), d, "", sniffing=True), 50)]
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
    """A CSV held in memory as a whole :class:`Table` (the same reader as a file stream)."""
    return stream_csv(io.StringIO(text, newline=""), where, delimiter, suffix).collect()


def stream_csv(lines: Iterable[str], where: str, delimiter: str | None, suffix: str,
               tell: Callable[[], int] = lambda: 0, close: Callable[[], None] = lambda: None) -> TableStream:
    """A CSV given as its lines (line endings kept) as a :class:`TableStream`.

    The delimiter comes from the first 200,000 characters; R's unnamed row-names column
    and Qualtrics' extra header rows from the first :data:`SAMPLE_ROWS` records.
    """
    if delimiter is not None:
        delimiter = {"tab": "\t", "\\t": "\t"}.get(delimiter, delimiter)
        if len(delimiter) != 1:
            raise InputError(114, where=where, delimiter=delimiter)
    it = iter(lines)
    head: list[str] = []
    size = 0
    for line in it:
        head.append(line)
        size += len(line)
        if size >= SNIFF_CHARS:
            break
    sample = "".join(head)[:SNIFF_CHARS]
    excel_sep = _EXCEL_SEP.match(sample)
    d = delimiter or (excel_sep.group(1) if excel_sep else sniff_delimiter(sample, suffix))
    recs = _records(itertools.chain(head, it), d, where)
    first = next(recs, None)
    if excel_sep and first and first[0] == 1:
        first = next(recs, None)  # Excel's "sep=;" line
    if first is None:
        raise InputError(134, where=where)
    headers = first[1]
    _check_width(len(headers) + 1, where)
    buffered = list(itertools.islice(recs, SAMPLE_ROWS))
    if (buffered and len(headers) + 1 == min(len(r) for _, r in buffered) == max(len(r) for _, r in buffered)
            and any(r[-1].strip() for _, r in buffered)):
        # R's write.table(row.names=TRUE) without a header cell for the row names
        # (not a trailing delimiter on every data row: then the last cells are all empty).
        headers = [""] + headers
    table = Table(headers=headers, rows=[], places=[], place="line", na_token="NA", header_place=first[0])
    fix = _tidy(table, buffered, where)
    width = len(table.headers)
    name = _DELIM_NAMES.get(d, repr(d))

    def rows():
        count = 0
        for n, r in itertools.chain(buffered, recs):
            r = fix(n, r)
            if r is None:
                continue
            if len(r) > width:
                if any(c.strip() for c in r[width:]):
                    raise InputError(139, where=where, line=n, cells=len(r), width=width, delimiter=name)
                del r[width:]
            count += 1
            _check_cells(count, width, "line", n, where)
            yield n, r

    return TableStream(table, rows(), where, tell, close)


# -- shared fix-ups ------------------------------------------------------------------------------

def _check_width(width: int, where: str) -> None:
    """QK808 for a table too wide to read."""
    if width > MAX_COLUMNS:
        raise LimitError(808, where=where, size=f"{width:,} columns", limit=f"{MAX_COLUMNS:,} columns")


def _check_cells(rows: int, width: int, place: str, n: int, where: str) -> None:
    """QK808 once ``rows`` rows of ``width`` cells pass :data:`MAX_CELLS` (checked row by row)."""
    if rows * width > MAX_CELLS:
        raise LimitError(808, where=where, size=f"over {MAX_CELLS:,} cells by {place} {n:,} ({width:,} columns)",
                         limit=f"{MAX_CELLS:,} cells")


def _tidy(table: Table, buffered: list[tuple[int, list]], where: str) -> Callable[[int, list], list | None]:
    """Qualtrics' extra header rows (from the first two rows) become ``table.labels`` and R's
    unnamed row-number column is dropped; returns the fix-up for each row (None: skip it)."""
    width = len(table.headers)
    _check_width(width, where)

    def pad(r: list) -> list:
        if len(r) < width:
            r.extend([""] * (width - len(r)))
        return r

    skip = 0
    if len(buffered) >= 2:
        first, second = pad(buffered[0][1]), pad(buffered[1][1])
        marks = [c for c in second if isinstance(c, str) and c.strip()]
        if marks and sum(bool(_IMPORT_ID.match(c)) for c in marks) * 2 >= len(marks):
            table.labels = {i: str(c).strip() for i, c in enumerate(first[:width]) if str(c).strip()}
            skip = 2
    drop = width > 1 and not str(table.headers[0]).strip()
    if drop:
        table.headers = table.headers[1:]
        table.labels = {i - 1: v for i, v in table.labels.items() if i > 0}
        table.first_col += 1

    def fix(n: int, r: list) -> list | None:
        nonlocal skip
        if skip:  # the first rows come first
            skip -= 1
            return None
        r = pad(r)
        return r[1:] if drop else r

    return fix


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


def stream_xlsx(path: Path, sheet: str | int | None) -> TableStream:
    """A sheet as a :class:`TableStream`: the first non-empty row is the header; the table is as
    wide as the header or the widest of the first :data:`SAMPLE_ROWS` rows (trailing blanks cut)."""
    check_zip(path, "Excel")
    import openpyxl

    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except QualkitError:
        raise
    except Exception as e:  # openpyxl raises many types on damaged files
        raise InputError(118, path=path, error=type(e).__name__) from None
    try:
        ws = _sheet(wb, path, sheet)
        where = f"{path}, sheet {ws.title!r}"
        ws.reset_dimensions()  # the stored size can lie (A1:XFD1048576 in a tiny file); read the cells there are
        cells = _sheet_rows(ws, path, where)
        first = next(cells, None)
        if first is None:
            raise InputError(135, where=where)
        buffered = list(itertools.islice(cells, SAMPLE_ROWS))
        width = max([len(first[1])] + [len(r) for _, r in buffered])
        _check_width(width, where)
        table = Table(headers=first[1] + [""] * (width - len(first[1])), rows=[], places=[], place="row",
                      header_place=first[0])
        fix = _tidy(table, buffered, where)
    except BaseException:
        wb.close()
        raise

    def rows():
        for n, r in itertools.chain(buffered, cells):
            if len(r) > width:
                col = next(j for j in range(width, len(r)) if r[j].strip()) + 1
                raise InputError(132, where=where, row=n, column=_letters(col), sample=SAMPLE_ROWS,
                                 width=_letters(width))
            r = fix(n, r)
            if r is not None:
                yield n, r

    return TableStream(table, rows(), where, close=wb.close)


def _sheet(wb: Any, path: Path, sheet: str | int | None) -> Any:
    names = wb.sheetnames
    if sheet is None:
        sheet = 0
    if isinstance(sheet, str) and sheet not in names and sheet.strip().lstrip("-").isdigit():
        sheet = int(sheet)  # "1" from a command line
    if isinstance(sheet, int) and not isinstance(sheet, bool) and -len(names) <= sheet < len(names):
        return wb.worksheets[sheet]
    if isinstance(sheet, str) and sheet in names:
        return wb[sheet]
    raise InputError(113, path=str(path), sheet=sheet, sheets=", ".join(map(repr, names)))


def _sheet_rows(ws: Any, path: Path, where: str) -> Iterator[tuple[int, list[str]]]:
    """(row number, cells as text without trailing blanks) of each non-empty row; QK808 and
    QK803 as the cells are read."""
    seen = 0
    try:
        for n, values in enumerate(ws.iter_rows(min_row=1, values_only=True), 1):
            seen += len(values)
            if seen > MAX_CELLS:
                _check_width(len(values), where)
                _check_cells(seen, 1, "row", n, where)
            cells = [cell_str(v) for v in values]
            while cells and not cells[-1].strip():
                cells.pop()
            if not cells:
                continue
            for j, c in enumerate(cells):
                if len(c) > MAX_CELL:
                    check_cell(c, f"{where}, row {n}, column {j + 1}")
                elif not c.isascii():
                    cells[j] = without_surrogates(c)
            yield n, cells
    except QualkitError:
        raise
    except Exception as e:
        raise InputError(152, where=where, error=type(e).__name__) from None


def _letters(n: int) -> str:
    """A spreadsheet column name: 1 -> A, 27 -> AA."""
    out = ""
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


# -- SPSS ----------------------------------------------------------------------------------------

def stream_sav(path: Path) -> TableStream:
    """A .sav as a typed :class:`TableStream`; variable labels and value labels come with it.

    pyreadstat is C code that can crash the whole process on a damaged file (one
    flipped byte in a variable record is enough), so it runs in a forked child that
    sends the metadata and then the cases in chunks: a crash there is QK119 here, a
    hang QK809.
    """
    import pyreadstat  # noqa: F401  (imported before forking, not in the child)

    where = str(path)
    parts = isolated_iter(_sav_parts, where, SAV_TIMEOUT_S)

    def check(status: str, got: Any) -> Any:
        if status == "item":
            return got
        if status == "timeout":
            raise LimitError(809, path=path, seconds=SAV_TIMEOUT_S)
        # ReadstatError, PyreadstatError, UnicodeDecodeError, OSError, MemoryError, a crash
        why = got if status == "error" else "the reader crashed on it"
        raise InputError(119, path=path, why=why)

    try:
        headers, col_labels, value_labels, n_rows = check(*next(parts, ("crash", None)))
        if not headers:
            raise InputError(136, path=path)
        _check_width(len(headers), where)
        _check_cells(n_rows, len(headers), "case", n_rows, where)
    except BaseException:
        parts.close()
        raise
    head = Table(headers=headers, rows=[], places=[], place="case",
                 labels={i: str(col_labels[h]).strip() for i, h in enumerate(headers) if col_labels.get(h)},
                 value_labels={i: value_labels[h] for i, h in enumerate(headers) if value_labels.get(h)}, typed=True)

    def rows():
        case = 0
        for status, got in parts:
            for r in check(status, got):
                case += 1
                _check_cells(case, len(headers), "case", case, where)
                yield case, r

    return TableStream(head, rows(), where, close=parts.close)


SAV_CHUNK_CELLS = 2_000_000
"""Cells per chunk a .sav is read in."""


def _sav_parts(path: str) -> Iterator[Any]:
    """In the child: (headers, variable labels, value labels, cases), then the cases in chunks."""
    import pyreadstat

    _, meta = pyreadstat.read_sav(path, metadataonly=True)
    headers = [str(c) for c in meta.column_names]
    n = meta.number_rows if isinstance(meta.number_rows, int) and meta.number_rows >= 0 else -1
    yield headers, dict(meta.column_names_to_labels or {}), dict(meta.variable_value_labels or {}), max(n, 0)
    if not headers or n * len(headers) > MAX_CELLS:
        return
    if n < 0:  # the file does not say how many cases it holds
        df, _ = pyreadstat.read_sav(path, apply_value_formats=False, user_missing=False)
        yield df.astype(object).values.tolist()
        return
    step = max(1, SAV_CHUNK_CELLS // len(headers))
    for offset in range(0, n, step):
        df, _ = pyreadstat.read_sav(path, apply_value_formats=False, user_missing=False, row_offset=offset,
                                    row_limit=step)
        yield df.astype(object).values.tolist()
