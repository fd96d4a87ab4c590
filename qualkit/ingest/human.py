"""Human coding from spreadsheets and QDA exports, as the long data agreement statistics take.

Shapes (detected from the header, or named with ``shape=``):

- ``matrix``: one row per unit (and coder), one column per code holding 0/1
  (``x``, ``ja``/``nee``, ``yes``/``no``, ``true``/``false`` count too). Columns with
  other numbers or categories are codes only when named in ``codes=``.
- ``codelist``: columns ``Code 1``, ``Code 2``, ... holding code names.
- ``long``: one row per applied code: id, ``code`` and optionally ``coder`` and
  ``value``. Without a code column the ``value`` column is one code (sentiment -1/0/1).
- ``atlas``: ATLAS.ti's quotation export (``Codes``, ``Document``, ``Creator``,
  ``Text Content``, ``Start position``/``End position``). Units are the paragraphs
  a quotation spans (``Interview P3 ¶12``); a coder covers every coded paragraph of
  the documents they coded. Several codes in one cell are split on new lines, or on
  ``", "`` guided by ``Number of Codes`` and the code names seen alone.
- ``form``: a coding-form export (Google Forms): one row per coder (``Author``) per
  item (``Which item is this?``); every other column is a question whose answer lists
  choices separated by ``", "``. Each choice is a 0/1 code ``"<question>: <choice>"``;
  ``N/A`` and blank mean no choice.

The result's ``long`` frame has the columns ``unit, code, coder, value`` of
:data:`qualkit.stats.agreement.LONG_COLUMNS` plus ``respondent`` and ``question``;
rows with an empty code record that a coder coded a unit. Blank cells: when a file
writes 0 anywhere, a blank cell is missing; when it only marks codes (1 or x), a
blank cell in a 0/1 column is 0. Errors are ``InputError`` QK140-QK159 and name the
file, row and column, never a cell's text.

>>> import pathlib, tempfile
>>> p = pathlib.Path(tempfile.mkdtemp()) / "student.csv"
>>> _ = p.write_text("respondent;vraag;personeel;admin\\nR1;Q23;1;0\\nR2;Q23;0;0\\n", encoding="utf-8")
>>> data = read_human(p)
>>> data.shape, data.coders, data.codes
('matrix', ['student'], ['personeel', 'admin'])
>>> data.at("respondent").query("value == 1")[["unit", "code", "coder"]].to_dict("records")
[{'unit': 'R1', 'code': 'personeel', 'coder': 'student'}]
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping, Sequence

import pandas as pd

from qualkit.errors import InputError
from qualkit.ingest._human_shapes import (
    CODELIST, COLUMNS, FORM_ITEM, NAMES, Reader, binary_columns, listing, norm,
)
from qualkit.ingest._tables import cell_str, load_table
from qualkit.ingest._text import check_file, check_line_lengths, decode, read_bytes, show_id
from qualkit.types import Corpus

SHAPES = ("matrix", "codelist", "long", "atlas", "form")
UNITS = ("segment", "answer", "respondent")


@dataclass
class CoderData:
    """Codings of one or more coders: ``long`` (see the module docstring), texts per unit.

    ``shape`` is the file shape (or ``codings``), ``sources`` the files, ``ignored``
    the columns that were not read as codes. ``absent`` tells the statistics what a
    missing 0/1 row means (``absent=`` of :func:`qualkit.stats.agreement`): ``auto``
    (0 when the coder coded the unit) or ``missing`` (files that write their zeros).
    """

    long: pd.DataFrame
    texts: dict[str, str] = field(default_factory=dict)
    shape: str = ""
    sources: list[str] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    absent: str = "auto"

    @property
    def coders(self) -> list:
        return list(dict.fromkeys(self.long["coder"]))

    @property
    def codes(self) -> list:
        return list(dict.fromkeys(self.long["code"].dropna()))

    @property
    def binary_codes(self) -> list:
        """Codes whose values are all 0/1."""
        coded = self.long[self.long["code"].notna()]
        return [c for c, v in coded.groupby("code", sort=False)["value"]
                if all(not isinstance(x, str) and x in (0, 1) for x in v.dropna())]

    @property
    def units(self) -> list:
        return list(dict.fromkeys(self.long["unit"]))

    def _keys(self, unit: str) -> pd.Series:
        if unit not in UNITS:
            raise InputError(150, f"unknown unit {unit!r}. Use one of: {', '.join(UNITS)}.")
        df = self.long
        if unit == "segment":
            return df["unit"]
        if unit == "respondent":
            return df["respondent"]
        return df["respondent"].where(df["question"] == "", df["respondent"] + "/" + df["question"])

    def at(self, unit: str = "segment") -> pd.DataFrame:
        """The long frame at ``unit``: ``segment`` (as in the file), ``answer``
        (respondent x question) or ``respondent``. A 0/1 code applies to a larger
        unit when it applies to any part; other codes must agree (else QK151)."""
        df = self.long.assign(unit=self._keys(unit))
        if unit == "segment":
            return df.reset_index(drop=True)
        if unit == "respondent":
            df = df.assign(question="")
        marks = df[df["code"].isna()].drop_duplicates(["unit", "coder"])
        parts = [marks]
        for code, sub in df[df["code"].notna()].groupby("code", sort=False):
            vals = sub["value"].dropna()
            if vals.isin([0, 1]).all() and not any(isinstance(v, str) for v in vals):
                parts.append(sub.sort_values("value", ascending=False).drop_duplicates(["unit", "coder"]))
                continue
            clash = sub.groupby(["unit", "coder"])["value"].nunique()
            if (clash > 1).any():
                u, c = clash[clash > 1].index[0]
                raise InputError(151, f"code {show_id(str(code))}: coder {show_id(str(c))} gave {unit} {show_id(str(u))} different values in different "
                                 f"parts, which cannot be combined. Use unit='segment' or 'answer'.")
            parts.append(sub.drop_duplicates(["unit", "coder"]))
        return pd.concat(parts, ignore_index=True)[COLUMNS]

    def texts_at(self, unit: str = "segment") -> dict[str, str]:
        """Text per unit at ``unit`` (parts joined by new lines), where the data had texts."""
        if unit == "segment":
            return dict(self.texts)
        keys = dict(zip(self.long["unit"], self._keys(unit)))
        out: dict[str, list[str]] = {}
        for u, text in self.texts.items():
            if u in keys:
                out.setdefault(keys[u], []).append(text)
        return {k: "\n".join(v) for k, v in out.items()}


def detect_shape(headers: Sequence[str]) -> str | None:
    """The shape a header row looks like, or None.

    >>> detect_shape(["id", "Code 1", "Code 2"]), detect_shape(["Author", "Which item is this?", "Tools"])
    ('codelist', 'form')
    """
    names = {norm(h) for h in headers}
    if names & set(NAMES["coder"]) and any(FORM_ITEM.search(str(h)) for h in headers):
        return "form"
    if "codes" in names and names & set(NAMES["document"]) and names & {"textcontent", "quotationcontent", "number"}:
        return "atlas"
    if any(CODELIST.match(str(h).strip()) for h in headers):
        return "codelist"
    if names & set(NAMES["code"]) or (names & set(NAMES["value"]) and names & set(NAMES["id"])):
        return "long"
    return None


def read_human(path: str | Path, shape: str | None = None, *, id_column: str | None = None,
               coder_column: str | None = None, coder: str | None = None, question_column: str | None = None,
               question: str | None = None, codes: Sequence[str] | None = None, text_column: str | None = None,
               encoding: str | None = None, delimiter: str | None = None, sheet: str | int | None = None) -> CoderData:
    """Read a human coding file (CSV/TSV/XLSX) of any shape in :data:`SHAPES`.

    ``coder`` names the coder of a file without a coder column (default: the file
    name without suffix); ``question`` is the question of a file without a question
    column. ``codes`` picks code columns of a matrix (any values; numbers become
    numbers) or lists known code names for splitting ATLAS.ti code cells.
    """
    p = check_file(path)
    if shape is not None and shape not in SHAPES:
        raise InputError(140, f"unknown shape {shape!r}. Use one of: {', '.join(SHAPES)}.")
    table = load_table(p, encoding, delimiter, sheet)
    headers = [cell_str(h).strip() for h in table.headers]
    if not table.rows:
        raise InputError(147, f"{p}: no rows under the header. Check that you picked the coding file.")
    shape = shape or detect_shape(headers) or ("matrix" if codes or binary_columns(table, headers) else None)
    if shape is None:
        raise InputError(141, f"{p}: cannot tell how this file holds codes (columns: {listing(headers)}). "
                         f"Pass shape= (--shape) one of: {', '.join(SHAPES)}.")
    r = Reader(p, table, headers, coder or p.stem, question or "")
    getattr(r, shape)(id_column=id_column, coder_column=coder_column, question_column=question_column,
                      codes=list(codes or []), text_column=text_column)
    return CoderData(r.frame(), r.texts, shape, [p.name], r.ignored, r.absent)


def combine(parts: Sequence[CoderData]) -> CoderData:
    """Several coders' files as one; a coder may not code the same unit in two files (QK153)."""
    seen: dict[tuple, str] = {}
    for d in parts:
        for key in set(zip(d.long["unit"], d.long["coder"])):
            if key in seen and seen[key] != d.sources[0]:
                raise InputError(153, f"coder {show_id(str(key[1]))} codes unit {show_id(str(key[0]))} in both {seen[key]} and "
                                 f"{d.sources[0]}. Give each file's coder its own name (coder=, --coder).")
            seen[key] = d.sources[0]
    long = pd.concat([d.long for d in parts], ignore_index=True)
    texts = {u: t for d in parts for u, t in d.texts.items()}
    absent = {d.absent for d in parts}
    return CoderData(long, texts, "+".join(dict.fromkeys(d.shape for d in parts)),
                     [s for d in parts for s in d.sources], [c for d in parts for c in d.ignored],
                     absent.pop() if len(absent) == 1 else "auto")


def coder_data_from_codings(codings: pd.DataFrame, corpus: Corpus, by: str = "doc_id",
                            coverage: Mapping | str | None = None, *, coders: Sequence | None = None,
                            codes: Sequence[str] | None = None,
                            categories: Mapping[str, tuple] | None = None) -> CoderData:
    """Codings frames with a ``coder`` column (qualkit's, a learned model's, a REFI-QDA
    import's) as :class:`CoderData`, one unit per ``doc_id`` (answer) or ``unit_id``
    (respondent). ``coverage`` maps a coder to the units they coded; ``"coded"`` means
    the documents where the coder applied any code (projects whose coders split the
    documents); default: every coder coded every unit. ``codes`` are 0/1 codes to write explicit zeros for (so the data
    can sit beside a file that writes its zeros); ``categories`` maps a code column
    such as ``"sentiment=1"`` to ``("sentiment", 1)`` (a learned model's categories).
    """
    from qualkit.stats.agreement import from_codings

    segs = [s for s in corpus.segments if s.coded]
    meta = {getattr(s, by): (s.unit_id, s.question if by == "doc_id" else "") for s in segs}
    if coverage == "coded":
        docs = {c: set(g["doc_id"]) for c, g in codings.groupby("coder")}
        unit_docs: dict[str, set[str]] = {}
        for s in segs:
            unit_docs.setdefault(getattr(s, by), set()).add(s.doc_id)
        coverage = {c: [u for u, ds in unit_docs.items() if ds & d] for c, d in docs.items()}
    elif isinstance(coverage, str):
        raise InputError(159, f"coverage={coverage!r}: use 'coded', a mapping coder -> units, or None (all).")
    long = from_codings(codings, list(meta), by=by, coders=coders, coverage=coverage)
    long["value"] = long["value"].astype(object)
    if categories:
        hit = long["code"].isin(list(categories))
        pairs = [categories[c] for c in long.loc[hit, "code"]]
        long.loc[hit, "code"] = [p[0] for p in pairs]
        long.loc[hit, "value"] = pd.Series([p[1] for p in pairs], index=long.index[hit], dtype=object)
    if codes:
        binary = [c for c in codes if c not in {p[0] for p in (categories or {}).values()}]
        have = set(zip(long["unit"], long["coder"], long["code"]))
        marks = long[long["code"].isna()]
        zeros = [(u, c, k, 0.0) for u, k in zip(marks["unit"], marks["coder"]) for c in binary
                 if (u, k, c) not in have]
        long = pd.concat([long, pd.DataFrame(zeros, columns=["unit", "code", "coder", "value"])], ignore_index=True)
    long["respondent"] = [meta[u][0] for u in long["unit"]]
    long["question"] = [meta[u][1] for u in long["unit"]]
    texts: dict[str, list[str]] = {}
    for s in segs:
        texts.setdefault(getattr(s, by), []).append(s.text)
    return CoderData(long[COLUMNS], {u: "\n".join(t) for u, t in texts.items()}, "codings", list(corpus.sources),
                     absent="missing" if codes else "auto")


def read_texts(path: str | Path, id_column: str | None = None, text_column: str | None = None) -> dict[str, str]:
    """Texts per unit from a CSV/XLSX (id and text columns) or a Markdown file whose
    ``# <id> ...`` or ``## <id> ...`` headings start each unit's text (as in coding-round reports)."""
    p = check_file(path)
    if p.suffix.lower() == ".md":
        out: dict[str, str] = {}
        text = decode(read_bytes(p), str(p), None)
        check_line_lengths(text, str(p))
        parts = re.split(r"(?m)^#{1,3}[ \t]+(\S+)[^\n]*\n", text)
        for uid, body in zip(parts[1::2], parts[2::2]):
            out[uid] = body.strip()
        return out
    table = load_table(p, None, None, None)
    r = Reader(p, table, [cell_str(h).strip() for h in table.headers], "", "")
    idc, tc = r.col("id", id_column, need="texts"), r.col("text", text_column, need="texts")
    return {r.cell(row, idc): r.cell(row, tc) for row in table.rows if r.cell(row, idc)}
