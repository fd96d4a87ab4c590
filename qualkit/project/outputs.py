"""Deterministic table files: the same results give the same bytes.

No timestamps inside tables (the run date lives only in ``manifest.json``),
rows in a fixed order, and XLSX workbooks with fixed zip-entry dates and
document properties, so a rerun can be checked by comparing sha256 hashes.

>>> import io, zipfile
>>> buf = io.BytesIO()
>>> with zipfile.ZipFile(buf, "w") as z:
...     z.writestr("docProps/core.xml", "<dcterms:created>2031-05-01T10:00:00Z</dcterms:created>")
>>> z = zipfile.ZipFile(io.BytesIO(stable_xlsx(buf.getvalue())))
>>> z.read("docProps/core.xml").decode(), z.infolist()[0].date_time
('<dcterms:created>2000-01-01T00:00:00Z</dcterms:created>', (1980, 1, 1, 0, 0, 0))
"""
from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile
from pathlib import Path

import pandas as pd

_STAMP = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:(?:created|modified)>)")
FIXED_DATE = b"2000-01-01T00:00:00Z"


def stable_xlsx(data: bytes) -> bytes:
    """An XLSX (any zip) rewritten with fixed entry dates and fixed created/modified properties."""
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


def slug(s: str) -> str:
    return re.sub(r"[^\w.-]+", "_", s).strip("_") or "var"


def write_tables(tables, stage: Path, *, xlsx: bool = True, segments: bool = True) -> list[str]:
    """Write a :class:`qualkit.report.Tables` into the folder ``stage`` (as
    :func:`qualkit.report.write_outputs` does, minus anything time-dependent).
    Returns the file names written, in writing order."""
    from dataclasses import replace

    from qualkit.report.files import frequencies_long, workbook

    names: list[str] = []

    def put(name: str, df: pd.DataFrame, index: bool = False) -> None:
        df.to_csv(stage / name, index=index, encoding="utf-8", lineterminator="\n")
        names.append(name)

    put("frequencies.csv", frequencies_long(tables))
    for var in dict.fromkeys(v for _, v in tables.crosstabs):
        cts = [(q, ct) for (q, v), ct in tables.crosstabs.items() if v == var]
        put(f"crosstab_{slug(var)}.csv", pd.concat([ct.to_frame().assign(question=q) for q, ct in cts],
                                                   ignore_index=True))
        put(f"crosstab_{slug(var)}_tests.csv", pd.concat([ct.tests.reset_index().assign(question=q) for q, ct in cts],
                                                         ignore_index=True))
    if not tables.matrix.empty:
        put("matrix.csv", tables.matrix, index=True)
    if segments and not tables.segments.empty:
        put("segments.csv", tables.segments)
    if xlsx:
        shown = tables if segments else replace(tables, segments=pd.DataFrame())
        (stage / "qualkit.xlsx").write_bytes(stable_xlsx(workbook(shown)))
        names.append("qualkit.xlsx")
    run = {k: v for k, v in tables.run.items() if k != "date"}
    (stage / "run.json").write_text(json.dumps(run, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    names.append("run.json")
    return names


def write_frames(frames: dict[str, pd.DataFrame], stage: Path, *, xlsx_name: str | None = None) -> list[str]:
    """Write each frame as ``<name>.csv`` and, with ``xlsx_name``, all as sheets of one workbook."""
    names = []
    for name, df in frames.items():
        df.to_csv(stage / f"{name}.csv", index=False, encoding="utf-8", lineterminator="\n")
        names.append(f"{name}.csv")
    if xlsx_name:
        buf = io.BytesIO()
        with pd.ExcelWriter(buf, engine="openpyxl") as xw:
            for name, df in frames.items():
                df.to_excel(xw, sheet_name=name[:31], index=False)
                ws = xw.sheets[name[:31]]
                ws.freeze_panes = "A2"
                if ws.max_row > 1:
                    ws.auto_filter.ref = ws.dimensions
        (stage / xlsx_name).write_bytes(stable_xlsx(buf.getvalue()))
        names.append(xlsx_name)
    return names


def hashes(folder: Path, names: list[str]) -> dict[str, str]:
    """sha256 of each named file in ``folder`` (for the manifest)."""
    return {n: hashlib.sha256((folder / n).read_bytes()).hexdigest() for n in names}
