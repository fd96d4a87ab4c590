"""The five human-coding file shapes read row by row (see :mod:`qualkit.ingest.human`).

Private: :func:`qualkit.ingest.human.read_coding_file` is the entry point. Errors
QK142-QK148, QK190 (a unit twice for one coder), QK191 (``NA`` among 0/1 codes).

>>> split_codes("Local, Minimal Unsafe, Box<T>", {"Local, Minimal Unsafe"})
['Local, Minimal Unsafe', 'Box<T>']
>>> split_choices("JNA,JNI", {"JNA", "JNI"}), split_choices("To interact with hardware, the OS", {"JNA"})
(['JNA', 'JNI'], ['To interact with hardware, the OS'])
"""
from __future__ import annotations

import dataclasses
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
_NA_LIKE = {"na", "n/a", "nvt", "n.v.t."}
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")
NAMES = {
    "id": ["id", "unit", "unitid", "respondent", "respondentid", "responsid", "responseid", "respid", "case",
           "caseid", "deelnemer", "nr", "item", "itemid", "eenheid", "eenheidid", "respnr", "respondentnr",
           "respondentnummer", "volgnummer", "nummer", "answerid", "antwoordid", "segmentid", "quoteid",
           "quotationid", "fragmentid"],
    "coder": ["coder", "codeur", "codeerder", "author", "auteur", "creator", "rater", "annotator", "beoordelaar",
              "coderid", "codername", "codeurnaam", "raterid", "annotatorid", "worker", "workerid", "judge",
              "createdby", "gecodeerddoor", "user", "gebruiker"],
    "question": ["question", "vraag", "questionid", "vraagid"],
    "text": ["text", "tekst", "answer", "antwoord", "response", "headline", "kop", "quote", "quotation",
             "textcontent", "quotationcontent", "segmenttext", "fragment"],
    "code": ["code", "codes", "label", "category", "categorie"],
    "value": ["value", "waarde", "score"],
    "document": ["document", "documentname", "primarydocument"],
}
CODELIST = re.compile(r"^(codes?|categor(y|ie)|label)\s*[_#\-]?\s*\d+$", re.I)
CODER_COLUMN = re.compile(
    r"^(?:(?P<stem>.*?[^\s_\-.:(\[]))??[\s_\-.:(\[]*(?P<who>(?:coder|codeur|codeerder|rater|beoordelaar|annotator|judge)"
    r"(?:\s*[_#\-])?\s*(?:\d+|(?<=[\s_\-#])[a-z])|(?:primary|secondary|primaire?|secundaire?|eerste|tweede)"
    r"(?:\s*(?:coder|codeur|codeerder|rater|beoordelaar))?)[)\]]?$", re.I)
"""A column holding one coder's codes (``coder 1``, ``Codeur_B``, ``primary coder``), optionally after
the code it is about (``personeel_coder1``): the ``coders`` shape. The stem ends in a character that
is no separator, so a header of separators is tried once (linear time); use :func:`coder_column`."""
PLATFORM = re.compile(r"^(orig_)?_|_gold(_reason)?$", re.I)
"""The columns a crowd-coding platform adds to its export (Figure Eight / Appen / CrowdFlower:
``_golden``, ``_tainted``, ``_trust``, ``_worker_id``, ``_ip`` ..., the gold answers of test questions
``<field>_gold``/``<field>_gold_reason``, and ``orig__...`` of a job made from another job's rows)."""
PLATFORM_MARK = "_unit_id"
"""The column by which such an export is recognised."""


def platform_columns(headers: Sequence[str]) -> list[int]:
    """The columns of a crowd platform's own metadata, in an export recognised by its ``_unit_id``."""
    if not any(h.strip().lower() == PLATFORM_MARK for h in headers):
        return []
    return [j for j, h in enumerate(headers) if PLATFORM.search(h.strip())]


MAX_CODER_HEADER = 200
"""Longer headers (a question's text) are never coder columns: no regex runs on a megabyte header."""


def coder_column(header) -> tuple[str, str] | None:
    """``(code stem, coder)`` when ``header`` names one coder's column, else None.

    >>> coder_column("personeel_coder1"), coder_column("Coder 2"), coder_column("- " * 5)
    (('personeel', 'coder1'), ('', 'Coder 2'), None)
    """
    h = str(header).strip()
    m = CODER_COLUMN.match(h) if len(h) <= MAX_CODER_HEADER else None
    return ((m["stem"] or "").strip(), m["who"].strip()) if m else None
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
    if low <= _YES | _NO | _NA_LIKE:
        return "binary+na"
    try:
        [float(v) for v in low]
        return "number"
    except ValueError:
        return "text"


def binary_columns(table: Table, headers: list[str], missing: set[str] = frozenset()) -> list[int]:
    """Columns holding 0/1 codes (and ``NA``-like cells, which :class:`Reader` refuses unless declared missing)."""
    cols = [[cell_str(r[j]).strip() for r in table.rows] for j in range(len(headers))]
    return [j for j, vals in enumerate(cols)
            if value_kind([v for v in vals if v.lower() not in missing]) in ("binary", "binary+na")]


HARD_SEPARATORS = re.compile(r"\s*[\r\n;|]+\s*")
"""New lines, semicolons and bars separate codes in a code cell ("a; b"): no code name holds them."""


def split_choices(cell: str, known: set[str], separator: str | None = None, hard: bool = True) -> list[str]:
    """The choices in one multi-select cell: split on ``separator`` when one is
    declared; otherwise on new lines, ``;`` and ``|`` (``hard``: cells of code lists,
    not the options of a coding form), then on commas only where every piece is a
    known choice (fewest pieces first), else the piece stays whole (an option text
    may hold commas).

    >>> split_choices("personeel; loon", set()), split_choices("Ja; in productie", set(), hard=False)
    (['personeel', 'loon'], ['Ja; in productie'])
    """
    if separator:
        return [p.strip() for p in cell.split(separator) if p.strip()]
    if hard and HARD_SEPARATORS.search(cell):
        return [c for piece in HARD_SEPARATORS.split(cell) if piece.strip()
                for c in split_choices(piece.strip(), known, None, False)]
    if cell in known or "," not in cell:
        return [cell]
    parts = re.split(r"(,\s*)", cell)
    toks, seps = parts[0::2], parts[1::2]
    n = len(toks)
    if n > 60:
        return [cell]
    best: list[list[str] | None] = [None] * n + [[]]
    for i in range(n - 1, -1, -1):
        for j in range(i + 1, n + 1):
            rest = best[j]
            text = "".join(toks[k] + (seps[k] if k < j - 1 else "") for k in range(i, j)).strip()
            if rest is not None and text in known and (best[i] is None or len(rest) + 1 < len(best[i])):
                best[i] = [text, *rest]
    return best[0] if best[0] is not None else [cell]


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


def skipped_rows(table: Table) -> int:
    """Empty rows the table reader skipped between the header and the rows it kept (from the
    gaps in their line or sheet-row numbers; a CSV record may span lines)."""
    if table.place not in ("line", "row") or not table.places:
        return 0
    expected = table.header_place + 1 + (sum(cell_str(h).count("\n") for h in table.headers) if table.place == "line" else 0)
    gaps = 0                                             # the header is line/row 1
    for place, row in zip(table.places, table.rows):
        gaps += max(0, place - expected)
        expected = place + 1 + (sum(cell_str(c).count("\n") for c in row) if table.place == "line" else 0)
    return gaps


class Reader:
    """Reads one table row by row into marks (coder saw unit) and values (unit, coder, code)."""

    def __init__(self, path: Path, table: Table, headers: list[str], coder: str, question: str, *,
                 missing: set[str] = frozenset(), separator: str | None = None, coverage: str = "auto",
                 duplicates: str = "error", choices: dict | None = None):
        keep = [i for i, r in enumerate(table.rows) if any(cell_str(c).strip() for c in r)]
        self.n_rows, self.n_empty = len(keep), len(table.rows) - len(keep) + skipped_rows(table)
        if len(keep) < len(table.rows):                       # rows with every cell empty are no units
            table = dataclasses.replace(table, rows=[table.rows[i] for i in keep],
                                        places=[table.places[i] for i in keep])
        self.where, self.table, self.headers = str(path), table, headers
        self.coder, self.question = coder, question
        self.missing, self.separator = {m.lower() for m in missing}, separator
        self.coverage, self.duplicates = coverage, duplicates
        self.known_options = choices or {}
        """Known options per question (column name), e.g. those seen alone in other rounds."""
        self.values: dict[tuple[str, str, str], tuple[object, int]] = {}
        self.marks: dict[tuple[str, str], tuple[str, str]] = {}
        self.texts: dict[str, str] = {}
        self.blank: set[str] = set()
        self.ignored: list[str] = []
        self.absent = "auto"
        self.rows: dict[tuple[str, str], int] = {}
        self.merged = 0
        self.uncoded: dict[str, int] = {}
        self.nocode: dict[str, set[str]] = {}
        """Units of rows without any code read as 'no code applies' (coverage auto, a file that marks codes)."""
        self.scope: tuple[frozenset, frozenset] | None = None
        """The codes this file can give: (code names, question prefixes of ``"<question>: <choice>"`` codes);
        None: any code (a code list). Other files' codes are missing for its units, not 0."""
        self.unsplit = 0
        self.numbers: list[str] = []
        """Columns of a few whole numbers not read as codes (only 0/1 columns are, unless named)."""
        self.platform = platform_columns(headers)
        """A crowd platform's own columns (:func:`platform_columns`): never codes unless named."""

    # -- columns and cells ---------------------------------------------------------------
    def col(self, role: str, given: str | None = None, need: str | None = None) -> int | None:
        if given is not None:
            for j, h in enumerate(self.headers):
                if h == given or h.lower() == given.lower():
                    return j
            raise InputError(143, where=self.where, column=given, columns=listing(self.headers))
        found = [j for name in NAMES[role] for j, h in enumerate(self.headers) if norm(h) == name]
        if role == "id" and len(found) > 1:
            found = self.unit_ids(found) + found
        if found:
            return found[0]
        if need:
            article = "an" if role[0] in "aeiou" else "a"
            raise InputError(142, where=self.where, need=need, article=article, role=role,
                             names=', '.join(NAMES[role][:4]), columns=listing(self.headers),
                             flag=_FLAGS.get(role, role + '-column'))
        return None

    def unit_ids(self, found: list[int]) -> list[int]:
        """Of several id columns, those whose ids repeat, when the first holds one id per row
        and several coders share the file: ``_id`` per judgment beside ``_unit_id`` per unit
        (crowd-coding exports) names rows, not the units the coders compared."""
        coderc = self.col("coder")
        if coderc is None or len({self.cell(r, coderc) for r in self.table.rows}) < 2:
            return []
        values = [[self.cell(r, j) for r in self.table.rows] for j in found]
        if len(set(values[0])) < len(values[0]):
            return []
        return [j for j, v in zip(found, values) if len(set(v)) < len(v)][:1]

    def scale_like(self, j: int) -> bool:
        """A column of a few whole numbers that repeat (sentiment -1/0/1, a 1-5 scale): a code
        the user may want to compare, but only 0/1 columns are read as codes unless named."""
        vals = [v for v in (self.cell(r, j) for r in self.table.rows) if v]
        if not vals or value_kind(vals) != "number" or len(set(vals)) > 10 or len(set(vals)) == len(vals):
            return False
        return all(float(v).is_integer() for v in set(vals))

    def cell(self, row: list, j: int | None) -> str:
        """The cell's text; ``""`` when blank or declared missing (``NA`` is a code unless declared)."""
        if j is None:
            return ""
        v = cell_str(row[j]).strip()
        return "" if v.lower() in self.missing else v

    def once(self, i: int, unit: str, coder: str) -> None:
        """QK190 when this coder's row for ``unit`` was seen before, unless duplicates
        merge (then counted: the rows' codes are joined)."""
        first = self.rows.setdefault((unit, coder), i)
        if first == i:
            return
        if self.duplicates != "merge":
            raise InputError(190, path=self.where, place=self.table.place, first=self.table.places[first],
                             row=self.table.places[i], unit=show_id(str(unit)), coder=show_id(str(coder)))
        self.merged += 1

    def uncoded_row(self, row: list, idc: int | None, coderc: int | None, coder: str | None = None) -> None:
        """Count a row without any code taken as not coded (--coverage all to count it)."""
        if idc is None or self.cell(row, idc):
            coder = coder or (self.cell(row, coderc) if coderc is not None else self.coder)
            self.uncoded[coder] = self.uncoded.get(coder, 0) + 1

    def empty_row_coded(self, zeros: bool) -> bool | None:
        """Whether a coder's row (or cells) without any code counts as coded: never in a file
        that writes 0 for an absent code (blank = not coded); with coverage 'all' always;
        with 'auto' (the default) when the file only marks codes: the row is the coder's
        record that no code applies. None: coded, and to be noted (auto)."""
        if zeros or self.coverage == "coded":
            return False
        return True if self.coverage == "all" else None

    def text(self, unit: str, row: list, tc: int | None) -> None:
        if tc is None:
            return
        t = self.cell(row, tc)
        if t:
            self.texts.setdefault(unit, t)
            self.blank.discard(unit)
        elif unit not in self.texts:
            self.blank.add(unit)

    def choices(self, cell: str, known: set[str], hard: bool = True) -> list[str]:
        found = split_choices(cell, known, self.separator, hard)
        if len(found) == 1 and "," in cell and cell not in known and not self.separator:
            self.unsplit += 1
        return found

    def place(self, i: int) -> str:
        return f"{self.where}, {self.table.place} {self.table.places[i]}"

    def ids(self, i: int, row: list, idc: int, coderc: int | None, qc: int | None) -> tuple[str, str, str, str]:
        rid = self.cell(row, idc)
        if not rid:
            raise InputError(144, place=self.place(i), column=self.headers[idc])
        coder = self.cell(row, coderc) if coderc is not None else self.coder
        if not coder:
            raise InputError(148, place=self.place(i), column=self.headers[coderc])
        q = self.cell(row, qc) if qc is not None else self.question
        return (f"{rid}/{q}" if q else rid), rid, q, coder

    def add(self, i: int, unit: str, rid: str, q: str, coder: str, code: str | None = None, value=1.0) -> None:
        self.marks.setdefault((unit, coder), (rid, q))
        if code is None:
            return
        old = self.values.setdefault((unit, coder, code), (value, i))
        if old[0] != value and self.duplicates == "merge" and {old[0], value} <= {0.0, 1.0}:
            self.values[unit, coder, code] = (1.0, old[1])       # merged rows: a code either row gave
        elif old[0] != value:
            raise InputError(146, place=self.place(i), coder=show_id(str(coder)), unit=show_id(str(unit)),
                             code=show_id(str(code)), place_word=self.table.place, first=self.table.places[old[1]])

    def frame(self) -> pd.DataFrame:
        rows = [(u, None, c, np.nan, *m) for (u, c), m in self.marks.items()]
        rows += [(u, code, c, v, *self.marks[u, c]) for (u, c, code), (v, _) in self.values.items()]
        return pd.DataFrame(rows, columns=COLUMNS)

    @staticmethod
    def parse(raw: str, kind: str):
        """A cell's value: 0/1 for yes/no columns, else a number where the cell is one (also in a
        column with a stray text, so 1 here agrees with 1 in another coder's file), else the text."""
        if kind == "binary":
            return 1.0 if raw.lower() in _YES else 0.0
        try:
            return float(raw) if kind == "number" or _NUMBER.fullmatch(raw) else raw
        except ValueError:
            return raw

    # -- shapes --------------------------------------------------------------------------
    def matrix(self, id_column, coder_column, question_column, codes, text_column) -> None:
        idc = self.col("id", id_column, need="a matrix")
        coderc, qc = self.col("coder", coder_column), self.col("question", question_column)
        tc = self.col("text", text_column)
        named = [self.col("code", c) for c in codes]
        self.platform = [j for j in self.platform if j not in {idc, coderc, qc, tc, *named}]
        reserved = {idc, coderc, qc, tc, *self.platform}
        if codes:
            cols = named
        else:
            cols = [j for j in binary_columns(self.table, self.headers, self.missing) if j not in reserved]
        if not cols and self.platform:
            numbers = [self.headers[j] for j in range(len(self.headers)) if j not in reserved and self.scale_like(j)]
            raise InputError(199, where=self.where, platform=listing([self.headers[j] for j in self.platform], 6),
                             numbers=f" (e.g. --code {listing(numbers[:1])})" if numbers else "")
        if not cols:
            raise InputError(145, where=self.where, columns=listing(self.headers))
        self.ignored = [h for j, h in enumerate(self.headers) if j not in reserved and j not in cols]
        if not codes:
            self.numbers = [self.headers[j] for j in range(len(self.headers))
                            if j not in reserved and j not in cols and self.scale_like(j)]
        kinds = [value_kind([self.cell(r, j) for r in self.table.rows]) for j in cols]
        for j, k in zip(cols, kinds):
            if k == "binary+na":
                raise InputError(191, path=self.where, column=self.headers[j])
        cells = [[self.cell(r, j) for j in cols] for r in self.table.rows]
        zeros = any(k in ("binary", "number") and v and float(self.parse(v, k)) == 0
                    for row in cells for v, k in zip(row, kinds))
        self.absent = "missing" if zeros else "auto"
        blank_cols = [j for j, k in enumerate(kinds) if k == "empty"]
        blank_cols += [j for j in range(len(self.headers)) if j not in reserved
                       and not any(self.cell(r, j) for r in self.table.rows)]  # a code never applied
        self.scope = (frozenset(self.headers[j] for j in [*cols, *blank_cols]), frozenset())
        empty = self.empty_row_coded(zeros)
        for i, (row, vals) in enumerate(zip(self.table.rows, cells)):
            if not any(vals) and empty is False:
                self.uncoded_row(row, idc, coderc)
                continue
            unit, rid, q, coder = self.ids(i, row, idc, coderc, qc)
            self.once(i, unit, coder)
            self.add(i, unit, rid, q, coder)
            if not any(vals) and empty is None:
                self.nocode.setdefault(coder, set()).add(unit)
            for j, v, k in zip(cols, vals, kinds):
                if v or (k == "binary" and not zeros):
                    self.add(i, unit, rid, q, coder, self.headers[j], self.parse(v, k) if v else 0.0)
            self.text(unit, row, tc)

    def _known(self, cols: list[int], codes: Sequence[str]) -> set[str]:
        """Choices seen alone in ``cols`` (no comma), and the names the user gave."""
        return {self.cell(r, j) for r in self.table.rows for j in cols if "," not in self.cell(r, j)} | set(codes)

    def codelist(self, id_column, coder_column, question_column, codes, text_column) -> None:
        idc = self.col("id", id_column, need="a code list")
        coderc, qc = self.col("coder", coder_column), self.col("question", question_column)
        tc = self.col("text", text_column)
        cols = [j for j, h in enumerate(self.headers) if CODELIST.match(h)]
        self.ignored = [h for j, h in enumerate(self.headers) if j not in {idc, coderc, qc, tc, *cols}]
        known = self._known(cols, codes)
        empty = self.empty_row_coded(False)
        for i, row in enumerate(self.table.rows):
            found = [c for j in cols if self.cell(row, j) for c in self.choices(self.cell(row, j), known)]
            if not found and empty is False:
                self.uncoded_row(row, idc, coderc)
                continue
            unit, rid, q, coder = self.ids(i, row, idc, coderc, qc)
            self.once(i, unit, coder)
            self.add(i, unit, rid, q, coder)
            if not found and empty is None:
                self.nocode.setdefault(coder, set()).add(unit)
            for code in found:
                self.add(i, unit, rid, q, coder, code)
            self.text(unit, row, tc)

    def long(self, id_column, coder_column, question_column, codes, text_column) -> None:
        idc = self.col("id", id_column, need="long format")
        codec, valc = self.col("code"), self.col("value")
        if codec is None and valc is None:
            raise InputError(185, where=self.where, columns=listing(self.headers))
        coderc, qc = self.col("coder", coder_column), self.col("question", question_column)
        tc = self.col("text", text_column)
        self.ignored = [h for j, h in enumerate(self.headers) if j not in {idc, codec, valc, coderc, qc, tc}]
        kind = value_kind([self.cell(r, valc) for r in self.table.rows]) if valc is not None else "binary"
        known = self._known([codec], codes) if codec is not None else set()
        for i, row in enumerate(self.table.rows):
            cell = self.cell(row, codec) if codec is not None else self.headers[valc]
            raw = self.cell(row, valc)
            if codec is None and not raw:
                continue
            unit, rid, q, coder = self.ids(i, row, idc, coderc, qc)
            found = self.choices(cell, known) if cell else [None]
            for code in found:
                self.add(i, unit, rid, q, coder, code, self.parse(raw, kind) if raw else 1.0)
            self.text(unit, row, tc)

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
                raise InputError(187, place=self.place(i), column=self.headers[docc])
            coder = self.cell(row, coderc) if coderc is not None else self.coder
            if not coder:
                raise InputError(168, place=self.place(i), column=self.headers[coderc])
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
        if self.coverage == "all":  # a coder read every paragraph of the documents they coded
            for coder, ds in docs.items():
                for doc in ds:
                    for unit in by_doc[doc]:
                        self.marks.setdefault((unit, coder), (doc, ""))

    def form(self, id_column, coder_column, question_column, codes, text_column) -> None:
        coderc = self.col("coder", coder_column, need="a coding form")
        itemc = self.col("id", id_column) if id_column else next(
            (j for j, h in enumerate(self.headers) if FORM_ITEM.search(h)), None)
        if itemc is None:
            raise InputError(186, where=self.where, columns=listing(self.headers))
        qcols = [j for j, h in enumerate(self.headers) if j not in (coderc, itemc) and norm(h) not in FORM_SKIP]
        known = {j: self._known([j], codes) | set(self.known_options.get(self.headers[j].rstrip(": "), ())) for j in qcols}
        self.scope = (frozenset(), frozenset(self.headers[j].rstrip(": ") for j in qcols))
        for i, row in enumerate(self.table.rows):
            found = [f"{self.headers[j].rstrip(': ')}: {choice}" for j in qcols if self.cell(row, j)
                     for choice in self.choices(self.cell(row, j), known[j], hard=False)]
            unit, rid, q, coder = self.ids(i, row, itemc, coderc, None)
            self.once(i, unit, coder)
            self.add(i, unit, rid, q, coder)
            for code in found:
                self.add(i, unit, rid, q, coder, code)

    def coders(self, id_column, coder_column, question_column, codes, text_column) -> None:
        """One row per unit, one column per coder (``coder 1``, ``primary``/``secondary``; or per
        code and coder: ``personeel_coder1``). A coder coded a unit when their cells in the row
        are not all blank (``coverage="all"``: every row). Cells of a coder column hold code
        names ("a; b") or numbers (one categorical code, ``value``); cells of a code's column
        hold its value (0/1, a category)."""
        cols = self._coder_columns(coder_column)
        idc = self.col("id", id_column)
        qc, tc = self.col("question", question_column), self.col("text", text_column)
        groups: dict[str, dict[str, int]] = {}                   # code stem -> coder -> column
        for j, (stem, who) in cols.items():
            groups.setdefault(stem, {})[who] = j
        self.ignored = [h for j, h in enumerate(self.headers) if j not in {idc, qc, tc, *cols}]
        rows = self.table.rows
        kinds = {}
        for stem, by in groups.items():
            vals = [self.cell(r, j) for r in rows for j in by.values()]
            kinds[stem] = value_kind(vals)
            if kinds[stem] == "binary+na":
                raise InputError(191, path=self.where, column=self.headers[next(iter(by.values()))])
        listed = kinds.get("", "empty") not in ("number", "binary", "empty")   # cells hold code names
        known = self._known([j for j in groups.get("", {}).values()], codes) if listed else set()
        zeros = any(k == "binary" and any(self.cell(r, j) and self.parse(self.cell(r, j), k) == 0 for r in rows
                                          for j in groups[s].values()) for s, k in kinds.items() if s)
        self.absent = "missing" if zeros else "auto"
        self.scope = None if listed else (frozenset(s or "value" for s in groups), frozenset())
        coders = list(dict.fromkeys(who for by in groups.values() for who in by))
        for i, row in enumerate(rows):
            rid = self.cell(row, idc) if idc is not None else str(self.table.places[i])
            if not rid:
                raise InputError(144, place=self.place(i), column=self.headers[idc])
            q = self.cell(row, qc) if qc is not None else self.question
            unit = f"{rid}/{q}" if q else rid
            for coder in coders:
                cells = {s: self.cell(row, by[coder]) for s, by in groups.items() if coder in by}
                if not any(cells.values()) and self.coverage != "all":
                    self.uncoded_row(row, None, None, coder)
                    continue
                self.once(i, unit, coder)
                self.add(i, unit, rid, q, coder)
                for stem, v in cells.items():
                    if stem == "" and listed:
                        for code in (self.choices(v, known) if v else []):
                            self.add(i, unit, rid, q, coder, code)
                    elif v or (kinds[stem] == "binary" and not zeros):
                        self.add(i, unit, rid, q, coder, stem or "value", self.parse(v, kinds[stem]) if v else 0.0)
            self.text(unit, row, tc)

    def _coder_columns(self, given) -> dict[int, tuple[str, str]]:
        """Column -> (code stem, coder) of the coder columns: named (``--coder-column``, one per
        coder) or detected by :data:`CODER_COLUMN`."""
        if given:
            names = [given] if isinstance(given, str) else list(given)
            cols = {self.col("coder", n): ("", n) for n in names}
            cols = {j: ("", self.headers[j]) for j in cols}
        else:
            cols = {}
            for j, h in enumerate(self.headers):
                m = coder_column(h)
                if m:
                    cols[j] = (m[0], m[1] if m[0] else h.strip())
        if len({who for _, who in cols.values()}) < 2:
            raise InputError(188, where=self.where, columns=listing(self.headers))
        return cols

    def _opt(self, name: str) -> int | None:
        return next((j for j, h in enumerate(self.headers) if norm(h) == norm(name)), None)
