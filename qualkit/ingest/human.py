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
  choices. Each choice is a 0/1 code ``"<question>: <choice>"``; blank means no choice.
- ``coders``: one row per unit, one column per coder (``coder 1``, ``coder 2``;
  ``primary``, ``secondary``), as SPSS and ReCal take it. A cell holds the coder's
  code names ("a; b") or a number (one categorical code ``value``); columns per code
  and coder (``personeel_coder1``) hold that code's value. A blank cell: the coder
  did not code the unit.

Read what is there: ``NA`` and ``N/A`` are codes (choices, values) unless named in
``missing=``; a unit twice for one coder is QK190 unless ``duplicates="merge"``;
code cells are split on a declared ``separator``, else on new lines, ``;`` and ``|``,
and on commas only where every piece is a known choice (seen alone in the column, or
named in ``codes=``; a coding form's options are split on commas only).
Coverage: a coder coded a unit when the file has a record of it. By default
(``coverage="auto"``) a coder's row in a matrix or code list is that record, so a row
without any code means "no code applies" (the output says how many, and how many of
those units another coder gave a code); in a file that writes 0 for an absent code a
blank row is not coded, and so is a blank cell in a ``coders`` file.
``coverage="coded"``: rows without any code are not coded; ``coverage="all"``: every
row counts, blank = no code applies. A coding form is submitted per item, so each of
its rows is coded, and so is a long-format row with an empty code. Units whose text
is empty are kept in ``blank`` so the comparison leaves them out, unless a coder
applied a code to them (then the text is missing from the file, not the answer from
the respondent).

The result's ``long`` frame has the columns ``unit, code, coder, value`` of
:data:`qualkit.stats.agreement.LONG_COLUMNS` plus ``respondent`` and ``question``;
rows with an empty code record that a coder coded a unit. Blank cells: when a file
writes 0 anywhere, a blank cell is missing; when it only marks codes (1 or x), a
blank cell in a 0/1 column of a coded row is 0. Errors are ``InputError``
QK140-QK159 and QK190-QK193 and name the file, row and column, never a cell's text.
Several files at once (and REFI-QDA projects): :func:`qualkit.agree.read_human`.

>>> import pathlib, tempfile
>>> p = pathlib.Path(tempfile.mkdtemp()) / "student.csv"
>>> _ = p.write_text("respondent;vraag;personeel;admin\\nR1;Q23;1;0\\nR2;Q23;0;0\\n", encoding="utf-8")
>>> data = read_coding_file(p)
>>> data.shape, data.coders, data.codes
('matrix', ['student'], ['personeel', 'admin'])
>>> data.at("respondent").query("value == 1")[["unit", "code", "coder"]].to_dict("records")
[{'unit': 'R1', 'code': 'personeel', 'coder': 'student'}]
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

import numpy as np
import pandas as pd

from qualkit.errors import InputError
from qualkit.ingest._human_shapes import (
    CODELIST, COLUMNS, FORM_ITEM, NAMES, Reader, binary_columns, coder_column, listing, norm,
)
from qualkit.ingest._tables import cell_str, load_table
from qualkit.ingest._text import check_file, check_line_lengths, decode, read_bytes, show_id

SHAPES = ("matrix", "codelist", "long", "atlas", "form", "coders")
UNITS = ("segment", "answer", "respondent")
COVERAGES = ("auto", "coded", "all")


@dataclass
class CoderData:
    """Codings of one or more coders: ``long`` (see the module docstring), texts per unit.

    ``shape`` is the file shape (or ``codings``), ``sources`` the files, ``ignored``
    the columns that were not read as codes. ``absent`` tells the statistics what a
    missing 0/1 row means (``absent=`` of :func:`qualkit.stats.agreement`): ``auto``
    (0 when the coder coded the unit) or ``missing`` (files that write their zeros).
    ``blank``: units whose answer text is empty (left out of comparisons).
    ``notes``: what reading decided, as ``(key, fields)`` with keys of
    :data:`qualkit.stats.reading.WORDS` (``note_read``, ``note_uncoded``, ``note_nocode``,
    ``note_merged``, ``note_files``, ``note_unsplit``). ``nocode``: per coder the units
    of rows without any code read as "no code applies". ``scope``: the codes a file can
    give (see :func:`combine`; None: any).
    """

    long: pd.DataFrame
    texts: dict[str, str] = field(default_factory=dict)
    shape: str = ""
    sources: list[str] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    absent: str = "auto"
    blank: set = field(default_factory=set)
    notes: list = field(default_factory=list)
    nocode: dict = field(default_factory=dict)
    scope: tuple | None = None

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
            raise InputError(150, unit=unit, units=', '.join(UNITS))
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
                raise InputError(151, code=show_id(str(code)), coder=show_id(str(c)), kind=unit, unit=show_id(str(u)))
            parts.append(sub.drop_duplicates(["unit", "coder"]))
        return pd.concat(parts, ignore_index=True)[COLUMNS]

    def at_keys(self, unit: str, segments) -> list:
        """The ``unit``-level keys all of whose segments are among ``segments``
        (for example units whose every answer is blank)."""
        if unit == "segment" or not segments:
            return list(segments)
        keys = self._keys(unit)
        inside = self.long["unit"].isin(set(segments))
        return sorted(set(keys[inside]) - set(keys[~inside]))

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
    coders = [coder_column(h) for h in headers]
    if len({m[1].lower() for m in coders if m}) >= 2:
        return "coders"
    if names & set(NAMES["code"]) or (names & set(NAMES["value"]) and names & set(NAMES["id"])):
        return "long"
    return None


def check_choice(name: str, value, choices: Sequence) -> None:
    """QK193 unless ``value`` is one of ``choices``."""
    if value not in choices:
        raise InputError(193, value=value, name=name, choices=", ".join(map(str, choices)))


def read_coding_file(path: str | Path, shape: str | None = None, *, id_column: str | None = None,
                     id_fallback: str | None = None, coder_column: str | Sequence[str] | None = None,
                     coder: str | None = None,
                     question_column: str | None = None, question: str | None = None,
                     codes: Sequence[str] | None = None, text_column: str | None = None,
                     encoding: str | None = None, delimiter: str | None = None, sheet: str | int | None = None,
                     missing: Sequence[str] = (), separator: str | None = None, coverage: str = "auto",
                     duplicates: str = "error", choices: dict | None = None) -> CoderData:
    """Read one human coding file (CSV/TSV/XLSX) of any shape in :data:`SHAPES`.

    ``coder`` names the coder of a file without a coder column (default: the file
    name without suffix); ``coder_column`` the column naming the coder, or (shape
    ``coders``) the columns holding each coder's codes; ``id_fallback`` is the id column when none is detected;
    ``question`` is the question of a file without a question
    column. ``codes`` picks code columns of a matrix (any values; numbers become
    numbers) or lists known code names and choices for splitting cells. ``missing``
    lists cell texts that mean "not coded" (``NA``); ``separator`` splits
    multi-select cells; ``choices`` maps a coding form's question to options known
    elsewhere (other rounds); ``coverage`` and ``duplicates``: see the module docstring.
    """
    p = check_file(path)
    if shape is not None and shape not in SHAPES:
        raise InputError(140, shape=shape, shapes=', '.join(SHAPES))
    if coverage not in COVERAGES:
        raise InputError(192, coverage=coverage)
    check_choice("duplicates", duplicates, ("error", "merge"))
    table, title = below_title(load_table(p, encoding, delimiter, sheet))
    headers = [cell_str(h).strip() for h in table.headers]
    if not table.rows:
        raise InputError(147, path=p)
    lowered = {m.lower() for m in missing}
    many = coder_column is not None and not isinstance(coder_column, str)
    if many and len(coder_column) == 1:
        coder_column, many = coder_column[0], False
    shape = shape or ("coders" if many else None) or detect_shape(headers) \
        or ("matrix" if codes or binary_columns(table, headers, lowered) else None)
    if shape is None and headers and _codes_all_blank(table, headers):
        rest = [h for h in headers if norm(h) not in set(NAMES["id"]) | set(NAMES["coder"]) | set(NAMES["question"])]
        raise InputError(198, path=str(p), columns=f": {listing(rest)}")
    if shape is None:
        raise InputError(141, path=p, columns=listing(headers), shapes=', '.join(SHAPES))
    r = Reader(p, table, headers, coder or p.stem, question or "", missing=lowered, separator=separator,
               coverage=coverage, duplicates=duplicates, choices=choices)
    if id_column is None and id_fallback is not None and shape != "form" and r.col("id") is None \
            and any(h.lower() == id_fallback.lower() for h in headers):
        id_column = id_fallback                                   # the survey's id column names the units
    if many and shape != "coders":
        raise InputError(196, path=str(p), shape=shape)
    getattr(r, shape)(id_column=id_column, coder_column=coder_column, question_column=question_column,
                      codes=list(codes or []), text_column=text_column)
    frame = r.frame()
    per = frame.drop_duplicates(["unit", "coder"])["coder"].value_counts(sort=False)
    notes = [("note_read_empty" if r.n_empty else "note_read",
              {"file": p.name, "rows": r.n_rows, "empty": r.n_empty, "lines": r.n_rows + r.n_empty, "units": frame["unit"].nunique(),
               "per_coder": ", ".join(f"{c}: {n}" for c, n in per.items()) if len(per) <= 8
               else f"{len(per)} coders, {per.min()}-{per.max()} each"})]
    notes += [("note_title", {"file": p.name, "row": title})] if title else []
    notes += [("note_uncoded", {"coder": c, "n": n}) for c, n in r.uncoded.items()]
    notes += [("note_nocode", {"coder": c, "n": len(u)}) for c, u in r.nocode.items()]
    notes += [("note_merged", {"n": r.merged})] if r.merged else []
    notes += [("note_unsplit", {"n": r.unsplit})] if r.unsplit else []
    notes += [("note_numbers", {"columns": listing(r.numbers)})] if r.numbers else []
    if shape == "matrix" and r.platform:
        notes += [("note_platform", {"file": p.name, "columns": listing([headers[j] for j in r.platform])})]
    data = CoderData(frame, r.texts, shape, [p.name], r.ignored, r.absent, set(), notes, r.nocode, r.scope)
    coded = data.long[data.long["code"].notna()]
    zero = coded["code"].isin(data.binary_codes) & (coded["value"] == 0)
    data.blank = r.blank - set(r.texts) - set(coded.loc[~zero, "unit"])   # a value given: the text is what is missing
    return data


def _codes_all_blank(table, headers: list[str]) -> bool:
    """An id column with values and every column that is not id, coder or question blank."""
    named = set(NAMES["id"]) | set(NAMES["coder"]) | set(NAMES["question"])
    ids = [j for j, h in enumerate(headers) if norm(h) in set(NAMES["id"])]
    rest = [j for j, h in enumerate(headers) if norm(h) not in named]
    return bool(ids and rest) and not any(cell_str(r[j]).strip() for r in table.rows for j in rest)


def below_title(table, look: int = 10):
    """``(table, header place)``: when the first row holds one cell among several columns (a title
    typed above the header, as in hand-made sheets), the header is the first of the next ``look``
    rows with two or more filled cells; else ``(table, None)``."""
    filled = [bool(cell_str(h).strip()) for h in table.headers]
    if len(filled) < 2 or sum(filled) > 1:
        return table, None
    for k, row in enumerate(table.rows[:look]):
        if sum(bool(cell_str(c).strip()) for c in row) >= 2:
            return dataclasses.replace(table, headers=[cell_str(c).strip() for c in row], rows=table.rows[k + 1:],
                                       places=table.places[k + 1:], header_place=table.places[k]), table.places[k]
    return table, None


def combine(parts: Sequence[CoderData], labels: Sequence[str] | None = None) -> CoderData:
    """Several coders' files as one. With ``labels`` (one per part) each part keeps its
    own units: ``"<label>:<unit>"`` (rounds of one study whose ids repeat); without,
    a coder may not code the same unit in two parts (QK153). A code that a part's
    columns cannot give (a matrix without its column, a coding form without its
    question: another round's form) is missing for that part's units, not 0."""
    if labels is not None:
        parts = [_relabel(d, lab) for d, lab in zip(parts, labels)]
    parts = _out_of_scope(parts)
    seen: dict[tuple, int] = {}
    for k, d in enumerate(parts):
        for key in set(zip(d.long["unit"], d.long["coder"])):
            if seen.setdefault(key, k) != k:
                raise InputError(153, coder=show_id(str(key[1])), unit=show_id(str(key[0])),
                                 first=parts[seen[key]].sources[0], second=d.sources[0])
    long = pd.concat([d.long for d in parts], ignore_index=True)
    texts = {u: t for d in parts for u, t in d.texts.items()}
    absent = {d.absent for d in parts}
    return CoderData(long, texts, "+".join(dict.fromkeys(d.shape for d in parts)),
                     [s for d in parts for s in d.sources], [c for d in parts for c in d.ignored],
                     absent.pop() if len(absent) == 1 else "auto",
                     {u for d in parts for u in d.blank} - set(texts), _sum_notes([n for d in parts for n in d.notes]),
                     _join_sets([d.nocode for d in parts]))


def _join_sets(maps: Sequence[dict]) -> dict:
    out: dict = {}
    for m in maps:
        for k, v in m.items():
            out.setdefault(k, set()).update(v)
    return out


def _in_scope(code: str, scope: tuple | None) -> bool:
    if scope is None:
        return True
    names, questions = scope
    return code in names or any(str(code).startswith(f"{q}: ") for q in questions)


def _out_of_scope(parts: Sequence[CoderData]) -> list[CoderData]:
    """Each part with an explicit missing value for the codes of other parts its columns cannot give
    (so a round without a question does not count as agreeing that none of its choices apply)."""
    codes = list(dict.fromkeys(c for d in parts for c in d.codes))
    out = []
    for d in parts:
        extra = [c for c in codes if not _in_scope(c, d.scope)]
        if not extra or d.absent == "missing":
            out.append(d)
            continue
        marks = d.long[d.long["code"].isna()]
        rows = pd.DataFrame([(u, c, k, np.nan, r, q) for u, k, r, q in
                             zip(marks["unit"], marks["coder"], marks["respondent"], marks["question"]) for c in extra],
                            columns=COLUMNS)
        out.append(dataclasses.replace(d, long=pd.concat([d.long, rows], ignore_index=True)))
    return out


def _sum_notes(notes: list) -> list:
    """Notes of several files with the same key (and coder) as one, their counts added."""
    out: dict[tuple, dict] = {}
    for key, fields in notes:
        k = (key, fields.get("coder"), fields.get("file"))
        if k in out and "n" in fields:
            out[k] = {**out[k], "n": out[k]["n"] + fields["n"]}
        else:
            out.setdefault(k, dict(fields))
    return [(k[0], f) for k, f in out.items()]


def _relabel(d: CoderData, label: str) -> CoderData:
    return _rename(d, lambda u: f"{label}:{u}")


def _rename(d: CoderData, new) -> CoderData:
    """``d`` with every unit (and respondent) id ``u`` renamed ``new(u)``."""
    long = d.long.assign(unit=d.long["unit"].astype(str).map(new), respondent=d.long["respondent"].astype(str).map(new))
    return CoderData(long, {new(u): t for u, t in d.texts.items()}, d.shape, d.sources, d.ignored,
                     d.absent, {new(u) for u in d.blank}, d.notes,
                     {c: {new(u) for u in us} for c, us in d.nocode.items()}, d.scope)


_ZEROS = re.compile(r"(^|:)0+(?=\d+(?:/|$))")


def zero_key(unit) -> str:
    """A unit id without the leading zeros of its numeric respondent id ('007/Q23' -> '7/Q23')."""
    return _ZEROS.sub(r"\1", str(unit))


def match_leading_zeros(d: CoderData) -> CoderData:
    """Numeric ids that differ only in leading zeros between coders ('007' in one file, '7' in a
    file saved by Excel) are one unit (named as the longest spelling), with a ``note_zeros``.
    A coder who has both spellings keeps them apart (then they are two units)."""
    units = d.long[["unit", "coder"]].drop_duplicates().astype(str)
    units["key"] = units["unit"].map(lambda u: _ZEROS.sub(r"\1", u))
    spellings = units.groupby("key")["unit"].nunique()
    units = units[units["key"].isin(spellings[spellings > 1].index)]
    if units.empty:
        return d
    mixed = units.groupby(["key", "coder"])["unit"].nunique().groupby(level="key").max()
    keys = set(mixed[mixed == 1].index)                       # no coder spells the id two ways
    units = units[units["key"].isin(keys)]
    if units.empty:
        return d
    name = units.groupby("key")["unit"].agg(lambda u: max(u, key=len))
    rename = {u: name[k] for u, k in zip(units["unit"], units["key"]) if u != name[k]}
    rename.update({r: name[_ZEROS.sub(r"\1", r)] for r in d.long["respondent"].astype(str)
                   if _ZEROS.sub(r"\1", r) in name.index and r != name[_ZEROS.sub(r"\1", r)]})
    out = _rename(d, lambda u: rename.get(u, u))
    out.notes = [*d.notes, ("note_zeros", {"n": len(keys)})]
    return out


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
