"""Small builders for hostile files: workbooks, Word files, zips with rewritten members, entity bombs."""
from __future__ import annotations

import io
import os
import re
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
MARK = "GEHEIM-7f3a"
"""Marked respondent text: it must never appear in an error, a warning, a log line or a traceback."""

LAUGHS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
          + "".join(f' <!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n'
                    for i in range(1, 10)) + "]>\n")
"""A DTD whose entity &lol9; expands to 10^9 'lol's (billion laughs)."""


def xlsx_bytes(rows: list[list], title: str = "Data") -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def docx_bytes(lines: list[str]) -> bytes:
    import docx

    d = docx.Document()
    for line in lines:
        d.add_paragraph(line)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: z.read(n) for n in z.namelist()}


def zip_bytes(files: dict[str, bytes], how: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", how) as z:
        for name, body in files.items():
            z.writestr(name, body)
    return buf.getvalue()


def with_dtd(xml: bytes, dtd: str, reference: str, after: bytes) -> bytes:
    """``xml`` with its declaration replaced by ``dtd`` and ``reference`` put after the first ``after``."""
    body = re.sub(rb"^<\?xml[^>]*\?>\s*", b"", xml)
    i = body.find(after)
    if i >= 0:
        body = body[:i + len(after)] + reference.encode() + body[i + len(after):]
    return dtd.encode() + body


def lie_about_size(data: bytes, name: str, size: int) -> bytes:
    """A zip whose headers claim member ``name`` unpacks to ``size`` bytes (its data unchanged)."""
    b = bytearray(data)
    raw = name.encode()
    for sig, at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):  # local header, central directory
        pos = 0
        while (pos := b.find(sig, pos)) >= 0:
            name_len = struct.unpack_from("<H", b, pos + (26 if sig == b"PK\x03\x04" else 28))[0]
            start = pos + (30 if sig == b"PK\x03\x04" else 46)
            if bytes(b[start:start + name_len]) == raw:
                struct.pack_into("<I", b, pos + at, size)
            pos += 4
    return bytes(b)


def crashing_sav(path: Path) -> Path:
    """A .sav that crashes pyreadstat 1.3 (segfault): a value-labelled number re-typed as a string."""
    import pandas as pd
    import pyreadstat

    df = pd.DataFrame({"id": ["R1", "R2"], "Q1": [f"{MARK} meer personeel", "te veel admin"], "leeftijd": [34.0, 51.0]})
    pyreadstat.write_sav(df, str(path), variable_value_labels={"leeftijd": {34.0: "jong", 51.0: "oud"}})
    data = bytearray(path.read_bytes())
    pos = data.find(b"LEEFTIJD")
    assert pos > 20, "pyreadstat wrote an unexpected layout"
    struct.pack_into("<i", data, pos - 20, 8)  # the variable record's type field: string of width 8
    path.write_bytes(bytes(data))
    return path


def run_qualkit(args: list[str], cwd: Path | None = None, timeout: float = 180, **kw) -> subprocess.CompletedProcess:
    """``qualkit ...`` in a fresh Python process (as a user runs it)."""
    env = {**os.environ, "PYTHONHASHSEED": "0", "COLUMNS": "200"}
    return subprocess.run([PYTHON, "-c", "from qualkit.cli import main; main()", *args],
                          cwd=cwd or ROOT, env=env, capture_output=True, text=True, timeout=timeout, **kw)
