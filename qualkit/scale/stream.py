"""Streaming a survey export: CSV/TSV in chunks -> segment frames, in constant memory.

Gives the same segments, in the same order and with the same global index, as
:func:`qualkit.ingest.read_survey` followed by coding (empty, whitespace-only
and ``NA`` cells are no answer; ``start`` is the offset of the stripped answer
in the raw cell). It reads plain exports with one header row; use the local
engine for XLSX, SPSS, Qualtrics' three header rows and transcripts.

A segment frame has :data:`SEGMENT_FRAME_COLUMNS` plus one ``var:<name>``
column per breakdown variable (None when the respondent has no value).

>>> import pathlib, tempfile
>>> p = pathlib.Path(tempfile.mkdtemp()) / "s.csv"
>>> _ = p.write_text("id;regio;Q1;Q2\\n7;N;  Meer personeel.;NA\\n8;;Ja;\\n", encoding="utf-8")
>>> spec = StreamSpec(p, id_column="id", questions=["Q*"], variables=["regio"])
>>> [f[["segment", "unit_id", "question", "start", "text", "var:regio"]].values.tolist()
...  for f in iter_segments(spec)]
[[[0, '7', 'Q1', 2, 'Meer personeel.', 'N'], [1, '8', 'Q1', 0, 'Ja', None]]]
"""
from __future__ import annotations

import codecs
import csv
import fnmatch
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

import numpy as np
import pandas as pd

from qualkit.errors import ProjectError, QualkitError

SEGMENT_FRAME_COLUMNS = ["segment", "unit_id", "question", "doc_id", "start", "text", "speaker"]
"""Columns of a segment frame (and of the segments Parquet the Dask engine reads)."""
NA_TOKEN = "NA"
MAX_ID_LEN = 40
_DELIMITERS = [",", ";", "\t", "|"]


@dataclass
class StreamSpec:
    """One CSV export to stream. ``questions``: column names or globs (file
    names); ``rename``: file column -> project name (applied to questions and
    variables); ``variables``: breakdown variables by project name."""

    path: Path
    id_column: str
    questions: list[str]
    rename: dict[str, str] = field(default_factory=dict)
    variables: list[str] = field(default_factory=list)
    encoding: str | None = None
    delimiter: str | None = None


def sniff(path: Path, encoding: str | None, delimiter: str | None) -> tuple[str, str, list[str]]:
    """Encoding, delimiter and header names of a CSV, from its first 256 KiB."""
    with open(path, "rb") as f:
        sample = f.read(256 * 1024)
    if encoding is None:
        if sample.startswith(codecs.BOM_UTF8):
            encoding = "utf-8-sig"
        else:
            cut = sample[:sample.rfind(b"\n") + 1] if len(sample) == 256 * 1024 and b"\n" in sample else sample
            try:
                cut.decode("utf-8")
                encoding = "utf-8-sig"
            except UnicodeDecodeError:
                encoding = "cp1252"
    try:
        text = sample.decode(encoding, errors="replace")
    except LookupError:
        raise ProjectError(722, f"{path}: unknown encoding {encoding!r}. Use for example utf-8, utf-8-sig or cp1252.") from None
    if text.startswith("\ufeff"):
        text = text[1:]
    first = text.split("\n", 1)[0]
    if delimiter is None:
        suffix = path.suffix.lower()
        delimiter = "\t" if suffix in (".tsv", ".tab") else max(_DELIMITERS, key=lambda d: (first.count(d), d == ","))
    delimiter = {"tab": "\t", "\\t": "\t"}.get(delimiter, delimiter)
    header = next(csv.reader(io.StringIO(text), delimiter=delimiter), [])
    if not header or not any(h.strip() for h in header):
        raise ProjectError(722, f"{path}: no header row found. The streaming engines read CSV exports with "
                           "one header row; use the local engine for other layouts.")
    return encoding, delimiter, header


def _ids(header: list[str]) -> list[str]:
    ids: list[str] = []
    for i, name in enumerate(header):
        name = name.strip()
        cid = name if name and len(name) <= MAX_ID_LEN and not any(c in name for c in "\r\n\t") else f"col{i + 1}"
        base, k = cid, 1
        while cid in ids:
            cid, k = f"{base}.{k}", k + 1
        ids.append(cid)
    return ids


def _find(ids: list[str], names: list[str], pattern: str) -> list[int]:
    exact = [i for i, (a, b) in enumerate(zip(ids, names)) if pattern in (a, b)]
    return exact or [i for i, (a, b) in enumerate(zip(ids, names))
                     if fnmatch.fnmatchcase(a, pattern) or fnmatch.fnmatchcase(b, pattern)]


def plan(spec: StreamSpec) -> tuple[str, str, int, list[tuple[int, str]], list[tuple[int, str]]]:
    """Encoding, delimiter, id column position, and (position, project name) of
    the questions and variables. Raises ``[QK722]`` naming what is missing."""
    encoding, delimiter, header = sniff(spec.path, spec.encoding, spec.delimiter)
    names = [h.strip() for h in header]
    ids = _ids(header)
    shown = ", ".join(repr(i) for i in ids[:12]) + (f", ... ({len(ids)} in all)" if len(ids) > 12 else "")
    id_pos = _find(ids, names, spec.id_column)
    if not id_pos:
        raise ProjectError(722, f"{spec.path}: no id column {spec.id_column!r}. Columns: {shown}.")
    qpos: dict[int, None] = {}
    for pattern in spec.questions:
        found = [i for i in _find(ids, names, pattern) if i != id_pos[0]]
        if not found:
            raise ProjectError(722, f"{spec.path}: no column matches question {pattern!r}. Columns: {shown}.")
        qpos.update(dict.fromkeys(found))
    questions = [(i, spec.rename.get(ids[i], ids[i])) for i in sorted(qpos)]
    project_names = {spec.rename.get(c, c): i for i, c in enumerate(ids)}
    variables = []
    for v in spec.variables:
        if v not in project_names:
            raise ProjectError(712, f"{spec.path}: no breakdown variable {v!r}. Columns: {shown}.")
        variables.append((project_names[v], v))
    return encoding, delimiter, id_pos[0], questions, variables


def iter_segments(spec: StreamSpec, *, chunksize: int = 20_000, first_index: int = 0,
                  keep: Callable[[str], bool] | None = None,
                  on_bytes: Callable[[int, int], None] | None = None) -> Iterator[pd.DataFrame]:
    """Segment frames of at most ``chunksize`` rows' answers each, in file order.

    ``first_index`` is the global index of the first segment (to continue over
    several files); ``keep`` filters questions by project name; ``on_bytes`` is
    called with (bytes read, file size) after each chunk.
    """
    encoding, delimiter, id_pos, questions, variables = plan(spec)
    if keep is not None:
        questions = [(i, q) for i, q in questions if keep(q)]
    size = spec.path.stat().st_size
    usecols = sorted({id_pos, *(i for i, _ in questions), *(i for i, _ in variables)})
    index = first_index
    rows_seen = 0
    with open(spec.path, "rb") as f:
        reader = pd.read_csv(f, sep=delimiter, encoding=encoding, dtype=str, keep_default_na=False,
                             na_filter=False, header=0, usecols=usecols, chunksize=chunksize,
                             skip_blank_lines=True, engine="c")
        try:
            for chunk in reader:
                chunk.columns = range(chunk.shape[1])
                local = {pos: k for k, pos in enumerate(usecols)}
                frame = _segments(chunk, local, id_pos, questions, variables, index, rows_seen, spec)
                rows_seen += len(chunk)
                index += len(frame)
                if on_bytes is not None:
                    on_bytes(f.tell(), size)
                yield frame
        except QualkitError:
            raise
        except (pd.errors.ParserError, UnicodeDecodeError, ValueError) as e:
            raise ProjectError(722, f"{spec.path}, after data row {rows_seen}: cannot be read as CSV "
                               f"({type(e).__name__}). Check the delimiter and quoting, pass an encoding, or "
                               "use the local engine, which reports the exact line.") from None


def _segments(chunk: pd.DataFrame, local: dict[int, int], id_pos: int, questions, variables,
              index: int, rows_seen: int, spec: StreamSpec) -> pd.DataFrame:
    cells = chunk.to_numpy(dtype=object)
    blank = np.array([not any(str(c).strip() for c in row) for row in cells], dtype=bool) if len(cells) else np.zeros(0, bool)
    cells = cells[~blank]
    ids = [str(x).strip() for x in cells[:, local[id_pos]]] if len(cells) else []
    for n, uid in enumerate(ids):
        if not uid or uid == NA_TOKEN:
            raise ProjectError(723, f"{spec.path}, data row {rows_seen + n + 1}: empty id in column "
                               f"{spec.id_column!r}. Fill in the id or remove the row.")
    var_values = {name: [None if not str(v).strip() or v == NA_TOKEN else v for v in cells[:, local[pos]]]
                  for pos, name in variables}
    out = {c: [] for c in ("unit_id", "question", "doc_id", "start", "text")}
    row_of: list[int] = []
    qcols = [(cells[:, local[pos]], q) for pos, q in questions]
    for r, uid in enumerate(ids):
        for col, q in qcols:
            raw = col[r]
            if not raw or raw == NA_TOKEN:
                continue
            text = raw.strip()
            if not text:
                continue
            out["unit_id"].append(uid)
            out["question"].append(q)
            out["doc_id"].append(f"{uid}/{q}")
            out["start"].append(len(raw) - len(raw.lstrip()))
            out["text"].append(text)
            row_of.append(r)
    n = len(row_of)
    frame = pd.DataFrame({
        "segment": np.arange(index, index + n, dtype=np.int64),
        "unit_id": pd.Series(out["unit_id"], dtype=object), "question": pd.Series(out["question"], dtype=object),
        "doc_id": pd.Series(out["doc_id"], dtype=object), "start": np.asarray(out["start"], dtype=np.int64),
        "text": pd.Series(out["text"], dtype=object), "speaker": pd.Series([""] * n, dtype=object),
    })
    for name, values in var_values.items():
        frame[f"var:{name}"] = pd.Series([values[r] for r in row_of], dtype=object)
    return frame
