"""Cells as data, never as code: the CSV and XLSX writing every qualkit output goes through.

* XLSX: every text cell is stored as text, so ``=HYPERLINK(...)`` or ``+cmd|...``
  is never a formula; characters a worksheet cannot hold are dropped and cells are
  cut at Excel's 32,767 characters. Workbooks are deterministic (fixed zip dates
  and document properties): the same tables give the same bytes.
* CSV tables (frequencies, crosstabs, comparisons): a text cell starting with
  ``= + - @``, a tab or a carriage return gets a leading ``'`` (OWASP's advice
  against CSV injection), so a spreadsheet shows it as text.
* CSV data (``raw=True``: segments, the respondent x code matrix, imported
  codings): written exactly as given, because R, Python and SPSS read them as
  data and a prefix would change the answers. Open them by importing, not by
  double-clicking (README, "Outputs").

>>> neutralise(pd.DataFrame({"label": ["=1+1", "-minder", "ok"], "n": [-1, 2, 3]}))["label"].tolist()
["'=1+1", "'-minder", 'ok']
"""
from __future__ import annotations

import contextlib
import errno
import io
import os
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

EXCEL_ROWS = 1_048_576
"""Rows in one worksheet (the header included)."""
EXCEL_CELL = 32_767
_RISKY = ("=", "+", "-", "@", "\t", "\r")
_STAMP = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:(?:created|modified)>)")
FIXED_DATE = b"2000-01-01T00:00:00Z"
_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")


def neutralise(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``df`` whose text cells (and column names) that a spreadsheet would
    run as a formula start with ``'``."""
    def fix(v):
        return "'" + v if isinstance(v, str) and v.startswith(_RISKY) else v

    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object or isinstance(out[col].dtype, pd.StringDtype):
            out[col] = out[col].map(fix)
    out.columns = [fix(c) for c in out.columns]
    if out.index.dtype == object:
        out.index = out.index.map(fix)
    return out


def write_csv(df: pd.DataFrame, path: str | Path, *, raw: bool = False, index: bool = False) -> None:
    """``df`` as UTF-8 CSV with '\\n' line ends; a table unless ``raw`` (see the module docstring)."""
    (df if raw else neutralise(df)).to_csv(path, index=index, encoding="utf-8", lineterminator="\n")


@dataclass
class Sheet:
    """A table sheet: ``frame`` under ``title`` lines (the first in bold; then one empty
    row), its header row in bold with a filter, frozen at ``freeze`` (counted from the
    header: ``"B2"`` keeps the header and the first column in view), and ``formats``:
    column -> Excel number format (``"0.0%"`` shows a fraction 0.2799 as 28.0%).

    >>> import openpyxl
    >>> frame = pd.DataFrame({"code": ["personeel"], "%": [0.27992]})
    >>> wb = openpyxl.load_workbook(io.BytesIO(xlsx_bytes({"Q23": Sheet(frame, title=("Q23: Wat moet beter?",),
    ...                                                                 formats={"%": "0.0%"})})))
    >>> ws = wb["Q23"]
    >>> ws["A1"].value, ws["A1"].font.b, ws["B3"].value, ws["B4"].number_format, ws.freeze_panes
    ('Q23: Wat moet beter?', True, '%', '0.0%', 'A4')
    """

    frame: pd.DataFrame
    freeze: str = "A2"
    title: tuple[str, ...] = ()
    formats: dict[str, str] = field(default_factory=dict)


def xlsx_bytes(sheets: dict[str, tuple[pd.DataFrame, str] | Sheet]) -> bytes:
    """A deterministic workbook: one sheet per ``name -> (frame, freeze cell)`` or
    ``name -> Sheet``, each with a filter on its header row, a frozen header and widths
    that fit (at most 80 characters). Sheet names are made valid and unique. Frames must
    fit a sheet (:data:`EXCEL_ROWS`). A full disk while openpyxl writes its temporary
    files is an ``OSError``."""
    from lxml.etree import LxmlError
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    try:
        return _fill(wb, sheets)
    except (LxmlError, OSError) as e:  # write-only sheets go through temporary files: a full disk shows here
        _discard(wb)
        if isinstance(e, OSError):
            raise
        raise OSError(errno.ENOSPC, f"cannot write the workbook's temporary files ({e})") from None


def _discard(wb) -> None:
    """Close a failed write-only workbook's sheet writers quietly and remove their temporary files
    (only files openpyxl made and lists as its own temporary files)."""
    from openpyxl.worksheet._writer import ALL_TEMP_FILES

    for ws in getattr(wb, "_sheets", []):
        writer = getattr(ws, "_writer", None)
        for gen in (getattr(ws, "_rows", None), getattr(writer, "xf", None)):
            if gen is not None:
                try:
                    gen.close()
                except Exception:  # noqa: BLE001 - the writer is broken already; the error is reported
                    pass
        out = getattr(writer, "out", None)
        if isinstance(out, str) and out in ALL_TEMP_FILES:
            ALL_TEMP_FILES.remove(out)
            with contextlib.suppress(OSError):
                os.remove(out)


def _fill(wb, sheets: dict[str, tuple[pd.DataFrame, str] | Sheet]) -> bytes:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    bold = Font(bold=True)
    taken: set[str] = set()
    for name, spec in sheets.items():
        sheet = spec if isinstance(spec, Sheet) else Sheet(*spec)
        name = sheet_name(name, taken)
        taken.add(name)
        ws = wb.create_sheet(name)
        df = _clean(sheet.frame)
        ncol = max(len(df.columns), 1)
        top = len(sheet.title) + 1 if sheet.title else 0   # rows above the header: the title lines and a gap
        freeze = sheet.freeze if ncol > 1 else "A2"
        col, row = re.fullmatch(r"([A-Z]+)(\d+)", freeze).groups()
        ws.freeze_panes = f"{col}{int(row) + top}"
        for j, c in enumerate(df.columns, start=1):
            sample = [c, *df.iloc[:500, j - 1].tolist()]
            fmt = sheet.formats.get(c)
            width = max((len(_shown(v, fmt)) for v in sample if not _missing(v)), default=8)
            ws.column_dimensions[get_column_letter(j)].width = min(max(width + 2, 8), 80)
        formats = [sheet.formats.get(c) for c in df.columns]

        def cells(values, font=None, fmts=()):
            out = []
            for v, fmt in zip(values, [*fmts, *[None] * (len(values) - len(fmts))]):
                if _missing(v):
                    out.append(None)
                    continue
                v = v.item() if hasattr(v, "item") else v   # numpy scalars
                if not (isinstance(v, str) and v.startswith("=")) and font is None and fmt is None:
                    out.append(v)
                    continue
                c = WriteOnlyCell(ws, v)
                if isinstance(v, str) and v.startswith("="):
                    c.data_type = "s"  # text that looks like a formula stays text
                if font is not None:
                    c.font = font
                if fmt is not None:
                    c.number_format = fmt
                out.append(c)
            return out

        for i, line in enumerate(sheet.title):
            ws.append(cells([_clean(pd.DataFrame({"t": [line]}))["t"].iloc[0]], bold if i == 0 else None))
        if sheet.title:
            ws.append([])
        ws.append(cells([str(c) for c in df.columns], bold if sheet.title or sheet.formats else None))
        for values in df.itertuples(index=False, name=None):
            ws.append(cells(values, fmts=formats))
        ws.auto_filter.ref = f"A{top + 1}:{get_column_letter(ncol)}{top + len(df) + 1}"
    if not sheets:
        wb.create_sheet("empty")
    buf = io.BytesIO()
    wb.save(buf)
    return stable_xlsx(buf.getvalue())


def _shown(v, fmt: str | None) -> str:
    """How a cell reads in a spreadsheet, for its column's width (a percent format: ``28.0%``)."""
    if fmt is not None and isinstance(v, (int, float)) and not isinstance(v, bool):
        decimals = len(fmt.rstrip("%").partition(".")[2])
        return f"{v * 100:.{decimals}f}%" if fmt.endswith("%") else f"{v:.{decimals}f}"   # 0.000: a p value
    return str(v)


def stable_xlsx(data: bytes) -> bytes:
    """An XLSX (any zip) rewritten with fixed entry dates and fixed created/modified properties.

    >>> buf = io.BytesIO()
    >>> with zipfile.ZipFile(buf, "w") as z:
    ...     z.writestr("docProps/core.xml", "<dcterms:created>2031-05-01T10:00:00Z</dcterms:created>")
    >>> z = zipfile.ZipFile(io.BytesIO(stable_xlsx(buf.getvalue())))
    >>> z.read("docProps/core.xml").decode(), z.infolist()[0].date_time
    ('<dcterms:created>2000-01-01T00:00:00Z</dcterms:created>', (1980, 1, 1, 0, 0, 0))
    """
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = _STAMP.sub(rb"\g<1>" + FIXED_DATE + rb"\g<2>", body)
            out = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            out.compress_type = zipfile.ZIP_DEFLATED
            out.external_attr = info.external_attr
            dst.writestr(out, body)
    return buf.getvalue()


def sheet_name(name: str, taken: set[str] | dict) -> str:
    """``name`` as a valid worksheet name (31 characters, no ``[]:*?/\\``), unique among ``taken``."""
    base = _SHEET_BAD.sub("_", str(name))[:31] or "sheet"
    out, k = base, 2
    while out in taken:
        out = f"{base[:28]}~{k}"
        k += 1
    return out


def _missing(v) -> bool:
    """None, NaN, NA or NaT: an empty cell."""
    return v is None or v is pd.NA or v is pd.NaT or (isinstance(v, float) and v != v)


def _clean(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` with worksheet-illegal characters removed from text and long text cut."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    def fix(v):
        if isinstance(v, str):
            v = ILLEGAL_CHARACTERS_RE.sub("", v)
            return v if len(v) <= EXCEL_CELL else v[:EXCEL_CELL - 1] + "…"
        return v

    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object or isinstance(out[col].dtype, pd.StringDtype):   # pandas 3: text is str
            out[col] = out[col].map(fix)
    out.columns = [fix(str(c)) for c in out.columns]
    return out
