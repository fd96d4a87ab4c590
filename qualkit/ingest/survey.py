"""Survey exports (CSV/TSV/TXT, XLSX, SPSS .sav) as a :class:`~qualkit.types.Corpus`.

One segment per non-empty answer to an open question; every other column is a
respondent variable for breakdowns. Empty, whitespace-only and LimeSurvey/R
``NA`` cells are "no answer": they give no segment, but the respondent stays
in ``Corpus.respondents``.

Column ids: a header of at most 40 characters on one line is its own id; a
longer header (LimeSurvey puts whole question texts there) gets the id
``col<N>``, N being its 1-based position in the file (as a spreadsheet
numbers columns, R's row-number column included), and the full text goes to
``Corpus.labels``. Questions can be named by id, by full header, or by a glob
on either.

>>> import pathlib, tempfile
>>> p = pathlib.Path(tempfile.mkdtemp()) / "enquete.csv"
>>> _ = p.write_text("id;leeftijd;Q1\\n7;34;  Meer personeel.\\n8;51;\\n", encoding="utf-8")
>>> c = read_survey(p, "id", ["Q1"])
>>> [(s.unit_id, s.text, s.start, s.end) for s in c]
[('7', 'Meer personeel.', 2, 17)]
>>> list(c.respondents.index), c.respondents.loc["8", "leeftijd"]
(['7', '8'], '51')
"""
from __future__ import annotations

import fnmatch
import itertools
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator

import numpy as np
import pandas as pd

from qualkit.errors import InputError
from qualkit.ingest._chunks import CHUNKSIZE, collect
from qualkit.ingest._tables import Table, cell_str, open_table
from qualkit.ingest._text import check_cell, check_file, header_is_data, show_columns, show_id
from qualkit.ingest.options import ReadOptions
from qualkit.types import Corpus, Segment

MAX_ID_LEN = 40
_ID_NAMES = {"id", "responsid", "responseid", "respondent", "respondentid", "respid", "respondentnr",
             "respnr", "caseid", "deelnemer", "deelnemerid"}


@dataclass
class _Col:
    index: int
    id: str
    name: str
    label: str


def read_survey(path: str | Path, id_column: str | None = None, questions: str | list[str] | None = None, *,
                encoding: str | None = None, delimiter: str | None = None, sheet: str | int | None = None,
                variables: list[str] | None = None) -> Corpus:
    """Read a survey export into a Corpus of answers (``kind="survey"``).

    A shorthand for ``read_inputs([path], ReadOptions(...))``; the arguments are
    :class:`~qualkit.ingest.ReadOptions` fields. ``path``: .csv/.tsv/.txt (delimiter
    among ``, ; tab |`` and encoding detected unless given), .xlsx (``sheet`` name or
    0-based index; default the first) or .sav (value labels applied to the respondent
    variables, variable labels kept in ``Corpus.labels``). ``id_column``: the
    respondent id; if None, a column named like ``id``/``Respons ID``/``ResponseId``/
    ``respondent``, else row numbers (``row-2`` is the first data row under the header
    in line 1). ``questions``: open-question columns by name or glob (``"Q23*"``), in
    file order; a name that equals a header exactly wins over reading it as a glob
    (LimeSurvey headers hold brackets: ``... [Vraag 1]``). ``variables``: respondent
    variables to keep (names or globs); default all other columns. Variables from CSV
    and XLSX are text (blank and ``NA`` become None); from .sav they keep their type,
    with value labels applied.

    Segments: ``doc_id`` ``"<id>/<question>"``, ``Corpus.documents[doc_id]`` the
    raw cell, ``start``/``end`` the stripped answer's offsets in it.

    >>> import pathlib, tempfile
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "s.csv"
    >>> _ = p.write_text("Respons ID,Q23_1,Q23_2,regio\\n1,Te druk,,Noord\\n2,NA, Ja ,Zuid\\n")
    >>> c = read_survey(p, questions=["Q23*"])
    >>> c.questions, [s.doc_id for s in c], c.answered("Q23_2")
    (['Q23_1', 'Q23_2'], ['1/Q23_1', '2/Q23_2'], ['2'])
    """
    options = ReadOptions(id_column=id_column, questions=questions, encoding=encoding, delimiter=delimiter,
                          sheet=sheet, variables=variables)
    return collect(iter_survey(path, options))


def survey_columns(path: str | Path, options: ReadOptions | None = None) -> pd.DataFrame:
    """The columns of a survey export, to pick the open questions and breakdown
    variables from: ``column`` (the name to use with ``--question``/``--by``: the
    header, or ``colN`` for a long header), ``text`` (the full header or variable
    label, such as a LimeSurvey question text), ``answers`` (rows with a value),
    ``distinct`` (different values, counted up to 1,000) and ``length`` (mean
    characters of a value: open answers are long, categories short). A header row
    that looks like data (a file exported without it) is not shown: ``column`` is
    then ``colN`` and ``text`` empty, and ``df.attrs["header_is_data"]`` is True.

    >>> import pathlib, tempfile
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "s.csv"
    >>> _ = p.write_text("id,Wat zou uw werkdruk verlagen?,regio\\n1,Minder papierwerk,N\\n2,,Z\\n")
    >>> survey_columns(p)[["column", "text", "answers", "distinct"]].values.tolist()
    [['id', 'id', 2, 2], ['Wat zou uw werkdruk verlagen?', 'Wat zou uw werkdruk verlagen?', 1, 1], ['regio', 'regio', 2, 2]]
    """
    options = options or ReadOptions()
    p = check_file(path)
    with open_table(p, options.encoding, options.delimiter, options.sheet) as table:
        head = table.head
        cols = _columns(head)
        answers, chars = [0] * len(cols), [0] * len(cols)
        values: list[set] = [set() for _ in cols]
        for _place, row in table.rows():
            for j, c in enumerate(cols):
                v = _variable(row[c.index], head, c.index) if c.index < len(row) else None
                if v is None:
                    continue
                answers[j] += 1
                chars[j] += len(str(v))
                if len(values[j]) < 1000:
                    values[j].add(v)
    data = header_is_data([c.name for c in cols])   # then the "header" is a respondent's answers
    out = pd.DataFrame({"column": [f"col{j}" if data else c.id for j, c in enumerate(cols, 1)],
                        "text": ["" if data else c.label or c.name for c in cols],
                        "answers": answers, "distinct": [len(v) for v in values],
                        "length": [round(n / a, 1) if a else 0.0 for n, a in zip(chars, answers)]})
    out.attrs["header_is_data"] = data
    return out


def iter_survey(path: str | Path, options: ReadOptions, chunksize: int = CHUNKSIZE,
                on_bytes: Callable[[int], None] | None = None) -> Iterator[Corpus]:
    """The export as chunks of ``chunksize`` rows (the last one maybe fewer; see
    :func:`qualkit.ingest.read_chunks`); ``on_bytes`` gets the bytes read so far."""
    p = check_file(path)
    where = str(p)
    with open_table(p, options.encoding, options.delimiter, options.sheet) as table:
        head = table.head
        cols = _columns(head)
        rows = table.rows()
        first = next(rows, None)
        if first is None:
            raise InputError(109, where=where)
        id_col = _pick_id(cols, options.id_column, where)
        qcols = _pick_questions(cols, options.questions, id_col, where)
        used = {c.index for c in qcols} | ({id_col.index} if id_col else set())
        vcols = _pick_variables(cols, options.variables, used, where)
        labels = {c.id: c.label for c in qcols + vcols if c.label and c.label != c.id}
        chunk = _Chunk(p.name, [q.id for q in qcols], [v.id for v in vcols], labels, head.typed)
        ids = _Ids(id_col, head, where)
        yielded = False
        na, typed, source = head.na_token, head.typed, p.name
        vidx = [v.index for v in vcols]
        qs = [(q.index, q.id, "/" + q.id) for q in qcols]
        for place, row in itertools.chain([first], rows):
            uid = ids.add(row, place)
            if ids.failed:
                continue  # only the ids are read on, to name every duplicate
            chunk.units.append(uid)
            if typed:
                chunk.values.append([_variable(row[i], head, i) for i in vidx])
            else:  # CSV and XLSX cells are text already: blank and NA are no value
                chunk.values.append([None if not (x := row[i]) or x == na or x.isspace() else x for i in vidx])
            for i, qid, suffix in qs:
                raw = cell_str(row[i]) if typed else row[i]
                if not raw or raw == na:
                    continue
                check_cell(raw, f"{where}, {head.place} {place}, column {qid!r}")
                text = raw.strip()
                if not text:
                    continue
                start = raw.find(text[0])
                doc_id = uid + suffix
                chunk.documents[doc_id] = raw
                chunk.segments.append(Segment(text=text, doc_id=doc_id, start=start, end=start + len(text),
                                              unit_id=uid, question=qid, source=source))
            if len(chunk.units) >= chunksize:
                if on_bytes is not None:
                    on_bytes(table.tell())
                yield chunk.take()
                yielded = True
        ids.finish()
        if on_bytes is not None:
            on_bytes(table.tell())
        if chunk.units or not yielded:
            yield chunk.take()


class _Chunk:
    """The rows read since the last chunk was handed out."""

    def __init__(self, source: str, questions: list[str], variables: list[str], labels: dict[str, str], typed: bool):
        self.source, self.questions, self.variables, self.labels = source, questions, variables, labels
        self.typed = typed
        self.units: list[str] = []
        self.values: list[list[Any]] = []
        self.segments: list[Segment] = []
        self.documents: dict[str, str] = {}

    def take(self) -> Corpus:
        values = np.empty((len(self.units), len(self.variables)), dtype=object)
        if self.values:
            values[:] = self.values
        respondents = pd.DataFrame(values, columns=self.variables, index=pd.Index(self.units, name="unit_id",
                                                                                   dtype=object))
        if self.typed:  # .sav: numbers and dates keep their type
            respondents = respondents.infer_objects()
        out = Corpus(segments=self.segments, documents=self.documents, respondents=respondents,
                     questions=list(self.questions), kind="survey", labels=dict(self.labels), sources=[self.source])
        self.units, self.values, self.segments, self.documents = [], [], [], {}
        return out


def _columns(table: Table) -> list[_Col]:  # table: the header part
    cols: list[_Col] = []
    seen: set[str] = set()
    tried: dict[str, int] = {}  # base -> next suffix to try: many equal headers stay linear
    for i, header in enumerate(table.headers):
        name = cell_str(header).strip()
        position = i + table.first_col
        cid = name if name and len(name) <= MAX_ID_LEN and not any(ch in name for ch in "\r\n\t") else f"col{position}"
        base, k = cid, tried.get(cid, 1)
        while cid in seen:
            cid, k = f"{base}.{k}", k + 1
        tried[base] = k
        seen.add(cid)
        cols.append(_Col(index=i, id=cid, name=name, label=table.labels.get(i) or name))
    return cols


def _listing(cols: list[_Col], limit: int = 10) -> str:
    """The columns for a message: their ids (``colN`` for long headers), never cell contents."""
    if header_is_data([c.name for c in cols]):
        return show_columns([c.name for c in cols], limit)
    return ", ".join(repr(c.id) for c in cols[:limit]) + (f", ... ({len(cols)} in all)" if len(cols) > limit else "")


def _matches(col: _Col, pattern: str) -> bool:
    return fnmatch.fnmatchcase(col.id, pattern) or fnmatch.fnmatchcase(col.name, pattern)


def _find(cols: list[_Col], pattern: str) -> list[_Col]:
    exact = [c for c in cols if pattern in (c.id, c.name)]
    return exact or [c for c in cols if _matches(c, pattern)]


def _pick_id(cols: list[_Col], id_column: str | None, where: str) -> _Col | None:
    if id_column is not None:
        found = [c for c in cols if id_column in (c.id, c.name)]
        if not found:
            raise InputError(110, where=where, id_column=id_column, columns=_listing(cols))
        return found[0]
    for c in cols:
        if c.name.lower().replace(" ", "").replace("_", "").replace("-", "") in _ID_NAMES:
            return c
    return None


def _pick_questions(cols: list[_Col], questions: tuple[str, ...] | list[str] | None, id_col: _Col | None, where: str) -> list[_Col]:
    if isinstance(questions, str):
        questions = [questions]
    if not questions:
        raise InputError(115, where=where, columns=_listing(cols))
    chosen: dict[int, _Col] = {}
    for pattern in questions:
        found = _find(cols, pattern)
        if not found:
            raise InputError(111, where=where, question=pattern, columns=_listing(cols))
        found = [c for c in found if id_col is None or c.index != id_col.index]
        if not found:
            raise InputError(116, where=where, pattern=pattern, id_column=id_col.id)
        chosen.update((c.index, c) for c in found)
    return [chosen[i] for i in sorted(chosen)]


def _pick_variables(cols: list[_Col], variables: tuple[str, ...] | list[str] | None, used: set[int], where: str) -> list[_Col]:
    rest = [c for c in cols if c.index not in used]
    if variables is None:
        return rest
    if isinstance(variables, str):
        variables = [variables]
    chosen: set[int] = set()
    for pattern in variables:
        found = _find(cols, pattern)
        if not found:
            raise InputError(117, where=where, variable=pattern, columns=_listing(cols))
        chosen.update(c.index for c in found)
    return [c for c in rest if c.index in chosen]


class _Ids:
    """Respondent ids row by row: QK128 on an empty one; duplicates are gathered and,
    once the whole file is read, reported together as QK112."""

    def __init__(self, id_col: _Col | None, head: Table, where: str):
        self.col, self.head, self.where = id_col, head, where
        self.first: dict[str, int] = {}
        self.dups: list[tuple[str, int, int]] = []
        self.failed = False

    def add(self, row: list[Any], place: int) -> str:
        if self.col is None:
            return f"row-{place}"
        uid = cell_str(row[self.col.index]).strip()
        if not uid or uid == self.head.na_token:
            raise InputError(128, where=self.where, place_word=self.head.place, row=place, column=self.col.id)
        if uid in self.first:
            self.dups.append((uid, self.first[uid], place))
            self.failed = True
        else:
            self.first[uid] = place
        return uid

    def finish(self) -> None:
        if self.dups:
            n = len({d[0] for d in self.dups})
            uid, a, b = self.dups[0]
            raise InputError(112, where=self.where, column=self.col.id, count=n, uid=show_id(uid),
                             place_word=self.head.place, first=a, second=b)


def _variable(value: Any, table: Table, index: int) -> Any:
    """A respondent variable: text for CSV/XLSX ('' and NA -> None), typed and value-labelled for .sav."""
    if not table.typed:
        text = cell_str(value)
        return None if not text.strip() or text == table.na_token else text
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, str) and not value.strip():
        return None
    labels = table.value_labels.get(index)
    if labels and value in labels:
        return labels[value]
    return value
