"""Segment frames for the streaming engines, from the one reader (:func:`qualkit.ingest.read_chunks`).

A segment frame has :data:`SEGMENT_FRAME_COLUMNS` plus one ``var:<name>``
column per breakdown variable (None when the respondent has no value). The
frames hold the same segments, in the same order, with the same errors, as
:func:`qualkit.ingest.read_inputs`, for every input format.

>>> import pathlib, tempfile
>>> p = pathlib.Path(tempfile.mkdtemp()) / "s.csv"
>>> _ = p.write_text("id;regio;Q1;Q2\\n7;N;  Meer personeel.;NA\\n8;;Ja;\\n", encoding="utf-8")
>>> spec = StreamSpec(p, id_column="id", questions=["Q*"], variables=["regio"])
>>> [f[["segment", "unit_id", "question", "start", "text", "var:regio"]].values.tolist()
...  for f in iter_segments(spec)]
[[[0, '7', 'Q1', 2, 'Meer personeel.', 'N'], [1, '8', 'Q1', 0, 'Ja', None]]]
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

import numpy as np
import pandas as pd

from qualkit.errors import ProjectError
from qualkit.ingest import ReadOptions, read_chunks
from qualkit.types import Corpus

SEGMENT_FRAME_COLUMNS = ["segment", "unit_id", "question", "doc_id", "start", "text", "speaker"]
"""Columns of a segment frame (and of the segments Parquet the Dask engine reads)."""


@dataclass
class StreamSpec:
    """One input to stream. ``questions``: column names or globs (file names);
    ``rename``: file column -> project name (applied to questions and
    variables); ``variables``: breakdown variables by project name."""

    path: Path
    id_column: str | None
    questions: list[str]
    rename: dict[str, str] = field(default_factory=dict)
    variables: list[str] = field(default_factory=list)
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | int | None = None

    def options(self) -> ReadOptions:
        return ReadOptions(id_column=self.id_column, questions=self.questions, encoding=self.encoding,
                           delimiter=self.delimiter, sheet=self.sheet)


def plan(spec: StreamSpec) -> tuple[str | None, str | None, None, list[tuple[None, str]], list[tuple[None, str]]]:
    """(encoding, delimiter, None, [(None, question)], [(None, variable)]) by project name,
    from the input's first chunk; the reader's errors, and ``[QK712]`` for a variable
    that is not in the input."""
    first = next(read_chunks([spec.path], spec.options(), chunksize=1, kind="survey"))
    _check_variables(first, spec)
    return (spec.encoding, spec.delimiter, None, [(None, spec.rename.get(q, q)) for q in first.questions],
            [(None, v) for v in spec.variables])


def _check_variables(chunk: Corpus, spec: StreamSpec) -> None:
    have = {spec.rename.get(c, c) for c in chunk.respondents.columns}
    for v in spec.variables:
        if v not in have:
            shown = ", ".join(repr(c) for c in list(chunk.respondents.columns)[:12])
            raise ProjectError(733, path=spec.path, variable=v, columns=shown)


def iter_segments(spec: StreamSpec, *, chunksize: int = 20_000, first_index: int = 0,
                  keep: Callable[[str], bool] | None = None,
                  on_bytes: Callable[[int, int], None] | None = None) -> Iterator[pd.DataFrame]:
    """Segment frames of the input's chunks (at most ``chunksize`` rows or segments each), in file order.

    ``first_index`` is the global index of the first segment (to continue over
    several files); ``keep`` filters questions by project name; ``on_bytes`` is
    called with (bytes read, file size) after each chunk.
    """
    index = first_index
    checked = False
    for chunk in read_chunks([spec.path], spec.options(), chunksize=chunksize, on_bytes=on_bytes,
                             kind="survey"):
        if not checked:
            _check_variables(chunk, spec)
            checked = True
        frame = segment_frame(chunk, index, spec.rename, spec.variables, keep)
        index += len(frame)
        yield frame


def segment_frame(chunk: Corpus, first_index: int, rename: dict[str, str] | None = None,
                  variables: list[str] | None = None, keep: Callable[[str], bool] | None = None) -> pd.DataFrame:
    """A chunk's segments as a segment frame numbered from ``first_index``; questions and
    variables under their project names (``rename``), only the kept questions."""
    rename = rename or {}
    segs = [(s, rename.get(s.question, s.question)) for s in chunk.segments]
    if keep is not None:
        segs = [(s, q) for s, q in segs if keep(q)]
    n = len(segs)
    frame = pd.DataFrame({
        "segment": np.arange(first_index, first_index + n, dtype=np.int64),
        "unit_id": pd.Series([s.unit_id for s, _ in segs], dtype=object),
        "question": pd.Series([q for _, q in segs], dtype=object),
        "doc_id": pd.Series([_doc_id(s.doc_id, s.question, q) for s, q in segs], dtype=object),
        "start": np.asarray([s.start for s, _ in segs], dtype=np.int64),
        "text": pd.Series([s.text for s, _ in segs], dtype=object),
        "speaker": pd.Series([s.speaker for s, _ in segs], dtype=object),
    })
    respondents = chunk.respondents.rename(columns=rename)
    units = [s.unit_id for s, _ in segs]
    for v in variables or []:
        values = respondents[v].reindex(units).tolist() if n else []
        frame[f"var:{v}"] = pd.Series([None if _missing(x) else x for x in values], dtype=object)
    return frame


def _doc_id(doc_id: str, old: str, new: str) -> str:
    return doc_id[: -len(old)] + new if new != old and doc_id.endswith("/" + old) else doc_id


def _missing(x: object) -> bool:
    return x is None or (isinstance(x, float) and x != x)
