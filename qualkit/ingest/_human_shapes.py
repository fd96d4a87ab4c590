"""The five human-coding file shapes read row by row (see :mod:`qualkit.ingest.human`).

Private: :func:`qualkit.ingest.human.read_human` is the entry point. Errors QK142-QK148.

>>> split_codes("Local, Minimal Unsafe, Box<T>", {"Local, Minimal Unsafe"})
['Local, Minimal Unsafe', 'Box<T>']
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Sequence

import numpy as np
import pandas as pd

from qualkit.errors import InputError
from qualkit.ingest._text import show_columns, show_id
from qualkit.ingest._tables import Table, cell_str

COLUMNS = ["unit", "code", "coder", "value", "respondent", "question"]
_YES = {"1", "x", "ja", "yes", "y", "true", "waar", "✓", "✔"}
_NO = {"0", "nee", "no", "n", "false", "onwaar"}
_NA = {"", "n/a", "na", "nvt", "n.v.t."}
NAMES = {
    "id": ["id", "unit", "unitid", "respondent", "respondentid", "responsid", "responseid", "respid", "case",
           "caseid", "deelnemer", "nr", "item", "itemid"],
    "coder": ["coder", "codeur", "codeerder", "author", "auteur", "creator", "rater", "annotator", "beoordelaar"],
    "question": ["question", "vraag", "questionid", "vraagid"],
    "text": ["text", "tekst", "answer", "antwoord", "response", "headline", "kop", "quote", "quotation",
             "textcontent", "quotationcontent", "segmenttext", "fragment"],
    "code": ["code", "codes", "label", "category", "categorie"],
    "value": ["value", "waarde", "score"],
    "document": ["document", "documentname", "primarydocument"],
}
CODELIST = re.compile(r"^(codes?|categor(y|ie)|label)\s*[_#\-]?\s*\d+$", re.I)
FORM_ITEM = re.compile(r"which item|^item\b", re.I)
_FLAGS = {"id": "coding-id-column"}
FORM_SKIP = {"timestamp", "tijdstempel", "emailaddress", "emailadres"}


def norm(name: str) -> str:
    return re.sub(r"[\s_\-.:?]+", "", str(name).lower())


def listing(headers: Sequence[str], limit: int = 12) -> str:
    """Column names for a message, never cell contents (see :func:`show_columns`)."""
    return show_columns(list(headers), limit)


def value_kind(values: list[str]) -> str:
    low = {v.lower() for v in values if v}
    if not low:
        return "empty"
    if low <= _YES | _NO:
        return "binary"
    try:
        [float(v) for v in low]
        return "number"
    except ValueError:
        return "text"


def binary_columns(table: Table, headers: list[str]) -> list[int]:
    cols = [[cell_str(r[j]).strip() for r in table.rows] for j in range(len(headers))]
    return [j for j, vals in enumerate(cols) if value_kind(vals) == "binary"]


def split_codes(cell: str, known: set[str], n: int | None = None) -> list[str]:
    """Codes in one cell: split on new lines, then on ', ' keeping known names whole."""
    parts = [p.strip() for p in re.split(r"[\r\n]+", cell) if p.strip()]
    if len(parts) != 1:
        return [c for p in parts for c in split_codes(p, known)]
    tokens = [t.strip() for t in parts[0].split(", ")] if parts else []
    if len(tokens) > 30 or len(tokens) < 2:
        return tokens
    memo: dict[tuple[int, int], tuple | None] = {}

    def best(i: int, left: int):
        if i == len(tokens):
            return (0, 0, ()) if left <= 0 else None
        if left == 0:
            return None
        if (i, left) not in memo:
            cands = []
            for j in range(i + 1, len(tokens) + 1):
                rest = best(j, left - 1 if left > 0 else -1)
                if rest is not None:
                    g = ", ".join(tokens[i:j])
                    cands.append((rest[0] + (g in known), rest[1] + 1, (g, *rest[2])))
            memo[i, left] = max(cands, key=lambda c: c[:2]) if cands else None
        return memo[i, left]

    found = best(0, n) if n and n > 0 else None
    return list((found or best(0, -1))[2])


class Reader:
    """Reads one table row by row into marks (coder saw unit) and values (unit, coder, code)."""

    def __init__(self, path: Path, table: Table, headers: list[str], coder: str, question: str):
        self.where, self.table, self.headers = str(path), table, headers
        self.coder, self.question = coder, question
        self.values: dict[tuple[str, str, str], tuple[object, int]] = {}
        self.marks: dict[tuple[str, str], tuple[str, str]] = {}
        self.texts: dict[str, str] = {}
        self.ignored: list[str] = []
        self.absent = "auto"

    # -- columns and cells ---------------------------------------------------------------
    def col(self, role: str, given: str | None = None, need: str | None = None) -> int | None:
        if given is not None:
            for j, h in enumerate(self.headers):
                if h == given or h.lower() == given.lower():
                    return j
            raise InputError(143, f"{self.where}: no column {given!r}. Columns: {listing(self.headers)}.")
        for name in NAMES[role]:
            for j, h in enumerate(self.headers):
                if norm(h) == name:
                    return j
        if need:
            article = "an" if role[0] in "aeiou" else "a"
            raise InputError(142, f"{self.where}: {need} needs {article} {role} column (named like "
                             f"{', '.join(NAMES[role][:4])}). Columns: {listing(self.headers)}. "
                             f"Name it with {role}_column= (--{_FLAGS.get(role, role + '-column')}).")
        return None

    def cell(self, row: list, j: int | None) -> str:
        if j is None:
            return ""
        v = cell_str(row[j]).strip()
        return "" if v == self.table.na_token else v

    def place(self, i: int) -> str:
        return f"{self.where}, {self.table.place} {self.table.places[i]}"

    def ids(self, i: int, row: list, idc: int, coderc: int | None, qc: int | None) -> tuple[str, str, str, str]:
        rid = self.cell(row, idc)
        if not rid:
            raise InputError(144, f"{self.place(i)}, column {self.headers[idc]!r}: empty id. Fill it in or "
                             "remove the row.")
        coder = self.cell(row, coderc) if coderc is not None else self.coder
        if not coder:
            raise InputError(148, f"{self.place(i)}, column {self.headers[coderc]!r}: empty coder. Fill in "
                             "who coded this row, or remove it.")
        q = self.cell(row, qc) if qc is not None else self.question
        return (f"{rid}/{q}" if q else rid), rid, q, coder

    def add(self, i: int, unit: str, rid: str, q: str, coder: str, code: str | None = None, value=1.0) -> None:
        self.marks.setdefault((unit, coder), (rid, q))
        if code is None:
            return
        old = self.values.setdefault((unit, coder, code), (value, i))
        if old[0] != value:
            raise InputError(146, f"{self.place(i)}: coder {show_id(str(coder))} gives unit {show_id(str(unit))} a "
                             f"different value for code {show_id(str(code))} than {self.table.place} {self.table.places[old[1]]}. Keep one.")

    def frame(self) -> pd.DataFrame:
        rows = [(u, None, c, np.nan, *m) for (u, c), m in self.marks.items()]
        rows += [(u, code, c, v, *self.marks[u, c]) for (u, c, code), (v, _) in self.values.items()]
        return pd.DataFrame(rows, columns=COLUMNS)

    @staticmethod
    def parse(raw: str, kind: str):
        if kind == "binary":
            return 1.0 if raw.lower() in _YES else 0.0
        return float(raw) if kind == "number" else raw

    # -- shapes --------------------------------------------------------------------------
    def matrix(self, id_column, coder_column, question_column, codes, text_column) -> None:
        idc = self.col("id", id_column, need="a matrix")
        coderc, qc = self.col("coder", coder_column), self.col("question", question_column)
        tc = self.col("text", text_column)
        reserved = {idc, coderc, qc, tc}
        if codes:
            cols = [self.col("code", c) for c in codes]
        else:
            cols = [j for j in binary_columns(self.table, self.headers) if j not in reserved]
        if not cols:
            raise InputError(145, f"{self.where}: no 0/1 code columns. Columns: {listing(self.headers)}. "
                             "Name the code columns with codes= (--code-column), or pick another --shape.")
        self.ignored = [h for j, h in enumerate(self.headers) if j not in reserved and j not in cols]
        kinds = [value_kind([self.cell(r, j) for r in self.table.rows]) for j in cols]
        cells = [[self.cell(r, j) for j in cols] for r in self.table.rows]
        zeros = any(k in ("binary", "number") and v and float(self.parse(v, k)) == 0
                    for row in cells for v, k in zip(row, kinds))
        self.absent = "missing" if zeros else "auto"
        for i, (row, vals) in enumerate(zip(self.table.rows, cells)):
            if zeros and not any(vals):
                continue
            unit, rid, q, coder = self.ids(i, row, idc, coderc, qc)
            self.add(i, unit, rid, q, coder)
            for j, v, k in zip(cols, vals, kinds):
                if v or (k == "binary" and not zeros):
                    self.add(i, unit, rid, q, coder, self.headers[j], self.parse(v, k) if v else 0.0)
            if tc is not None and self.cell(row, tc):
                self.texts.setdefault(unit, self.cell(row, tc))

    def codelist(self, id_column, coder_column, question_column, codes, text_column) -> None:
        idc = self.col("id", id_column, need="a code list")
        coderc, qc = self.col("coder", coder_column), self.col("question", question_column)
        tc = self.col("text", text_column)
        cols = [j for j, h in enumerate(self.headers) if CODELIST.match(h)]
        self.ignored = [h for j, h in enumerate(self.headers) if j not in {idc, coderc, qc, tc, *cols}]
        for i, row in enumerate(self.table.rows):
            unit, rid, q, coder = self.ids(i, row, idc, coderc, qc)
            self.add(i, unit, rid, q, coder)
            for j in cols:
                for code in re.split(r"[;\r\n]+", self.cell(row, j)):
                    if code.strip():
                        self.add(i, unit, rid, q, coder, code.strip())
            if tc is not None and self.cell(row, tc):
                self.texts.setdefault(unit, self.cell(row, tc))

    def long(self, id_column, coder_column, question_column, codes, text_column) -> None:
        idc = self.col("id", id_column, need="long format")
        codec, valc = self.col("code"), self.col("value")
        if codec is None and valc is None:
            raise InputError(142, f"{self.where}: long format needs a 'code' or a 'value' column. Columns: "
                             f"{listing(self.headers)}. Rename the column, or pick another --shape.")
        coderc, qc = self.col("coder", coder_column), self.col("question", question_column)
        tc = self.col("text", text_column)
        self.ignored = [h for j, h in enumerate(self.headers) if j not in {idc, codec, valc, coderc, qc, tc}]
        kind = value_kind([self.cell(r, valc) for r in self.table.rows]) if valc is not None else "binary"
        for i, row in enumerate(self.table.rows):
            code = self.cell(row, codec) if codec is not None else self.headers[valc]
            raw = self.cell(row, valc)
            if codec is None and not raw:
                continue
            unit, rid, q, coder = self.ids(i, row, idc, coderc, qc)
            self.add(i, unit, rid, q, coder, code or None, self.parse(raw, kind) if raw else 1.0)
            if tc is not None and self.cell(row, tc):
                self.texts.setdefault(unit, self.cell(row, tc))

    def atlas(self, id_column, coder_column, question_column, codes, text_column) -> None:
        codesc, docc = self.col("code", "Codes"), self.col("document", need="an ATLAS.ti export")
        coderc = self.col("coder", coder_column)
        tc = self.col("text", text_column)
        pos = [self._opt("Start position"), self._opt("End position")]
        numc, nc = self._opt("Number"), self._opt("Number of Codes")
        rows = self.table.rows
        known = set(codes) | {self.cell(r, codesc) for r in rows if ", " not in self.cell(r, codesc)}
        known |= {self.cell(r, codesc) for r in rows if nc is not None and self.cell(r, nc) == "1"}
        docs: dict[str, set[str]] = {}
        by_doc: dict[str, dict[str, None]] = {}
        for i, row in enumerate(rows):
            doc = self.cell(row, docc)
            if not doc:
                raise InputError(144, f"{self.place(i)}, column {self.headers[docc]!r}: empty document name.")
            coder = self.cell(row, coderc) if coderc is not None else self.coder
            if not coder:
                raise InputError(148, f"{self.place(i)}, column {self.headers[coderc]!r}: empty creator.")
            start, end = (self.cell(row, j) for j in pos) if None not in pos else ("", "")
            if start.isdigit() and end.isdigit() and 0 <= int(end) - int(start) <= 50:
                units = [f"{doc} ¶{k}" for k in range(int(start), int(end) + 1)]
            else:
                units = [f"{doc} #{self.cell(row, numc) or self.table.places[i]}"]
            n = self.cell(row, nc)
            found = split_codes(self.cell(row, codesc), known, int(n) if n.isdigit() else None)
            text = self.cell(row, tc)
            docs.setdefault(coder, set()).add(doc)
            for unit in units:
                by_doc.setdefault(doc, {})[unit] = None
                self.add(i, unit, doc, "", coder)
                for code in found:
                    self.add(i, unit, doc, "", coder, code)
                if len(text) > len(self.texts.get(unit, "")):
                    self.texts[unit] = text
        for coder, ds in docs.items():
            for doc in ds:
                for unit in by_doc[doc]:
                    self.marks.setdefault((unit, coder), (doc, ""))

    def form(self, id_column, coder_column, question_column, codes, text_column) -> None:
        coderc = self.col("coder", coder_column, need="a coding form")
        itemc = self.col("id", id_column) if id_column else next(
            (j for j, h in enumerate(self.headers) if FORM_ITEM.search(h)), None)
        if itemc is None:
            raise InputError(142, f"{self.where}: a coding form needs an item column ('Which item is this?'). "
                             f"Columns: {listing(self.headers)}. Name it with --id-column.")
        qcols = [j for j, h in enumerate(self.headers) if j not in (coderc, itemc) and norm(h) not in FORM_SKIP]
        known = {j: {self.cell(r, j) for r in self.table.rows if ", " not in self.cell(r, j)} for j in qcols}
        for i, row in enumerate(self.table.rows):
            unit, rid, q, coder = self.ids(i, row, itemc, coderc, None)
            self.add(i, unit, rid, q, coder)
            for j in qcols:
                cell = self.cell(row, j)
                if cell.lower() in _NA:
                    continue
                for choice in split_codes(cell, known[j] | set(codes)):
                    if choice.lower() not in _NA:
                        self.add(i, unit, rid, q, coder, f"{self.headers[j].rstrip(': ')}: {choice}")

    def _opt(self, name: str) -> int | None:
        return next((j for j, h in enumerate(self.headers) if norm(h) == norm(name)), None)
