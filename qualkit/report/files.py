"""Writing a coding run's outputs: CSV files, one XLSX workbook, a run record.

Everything goes into a staging folder that replaces ``out_dir`` whole
(:func:`qualkit.io.output_dir`), so an interrupted run never leaves a mix.

>>> tables = build_tables(result, by=["admin_uren"])   # doctest: +SKIP
>>> write_outputs(tables, "qualkit-out")               # doctest: +SKIP
"""
from __future__ import annotations

import io
import json
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pandas as pd

from qualkit.coding.engine import CodingResult
from qualkit.io import output_dir
from qualkit.stats.crosstab import Crosstab

_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")


@dataclass
class Tables:
    """Every table of a coding run, ready to render or write."""

    frequencies: dict[str, pd.DataFrame]
    crosstabs: dict[tuple[str, str], Crosstab]
    matrix: pd.DataFrame = field(default_factory=pd.DataFrame)
    """Respondent x code (empty when written chunk by chunk to ``matrix.csv``)."""
    segments: pd.DataFrame = field(default_factory=pd.DataFrame)
    """The coded segments (empty when written chunk by chunk to ``segments.csv``)."""
    run: dict = field(default_factory=dict)
    interviews: Any = None
    """:class:`qualkit.report.interviews.InterviewTables`: matrices, speakers, co-occurrence."""


def build_tables(result: CodingResult, by: list[str] | None = None, questions: list[str] | None = None,
                 inputs: list[str] | None = None, speakers: pd.DataFrame | None = None) -> Tables:
    """Frequency tables per question, crosstabs by each variable in ``by``,
    the respondent x code matrix and the coded segments; for transcripts also the
    code x document and code x speaker matrices, who was coded, and breakdowns by
    ``document``, ``speaker`` or a column of ``speakers`` (:func:`qualkit.ingest.read_speakers`)."""
    from qualkit import __version__
    from qualkit.report.interviews import interview_tables, split_by
    from qualkit.stats import Counts, code_matrix, segments_table

    corpus, cb, codings = result.corpus, result.codebook, result.codings
    questions = questions or corpus.questions
    unit_by, _ = split_by(result, by, speakers)
    counts = Counts(cb, questions, unit_by).add(corpus, codings)
    freq = {q: counts.frequency_table(q) for q in questions}
    cross = {(q, var): counts.crosstab(q, var) for var in unit_by for q in questions}
    mats = []
    for q in questions:
        m = code_matrix(codings, corpus, cb, q)
        mats.append(m.add_prefix(f"{q}." if len(questions) > 1 else ""))
    matrix = pd.concat(mats, axis=1).fillna(0).astype(int) if mats else pd.DataFrame()
    matrix.index.name = "unit_id"
    run = {
        "qualkit": __version__,
        "date": datetime.now(timezone.utc).replace(microsecond=0).isoformat(),
        "inputs": list(inputs or corpus.sources),
        "codebook": {"name": cb.name, "version": cb.version, "path": cb.path, "sha256": cb.sha256},
        "pipeline": result.pipeline,
        "unit": cb.unit,
        "questions": questions,
        "breakdowns": list(by or []),
        "segments_coded": int(sum(s.coded for s in corpus.segments)),
        "codings": int(len(codings)),
    }
    return Tables(frequencies=freq, crosstabs=cross, matrix=matrix,
                  segments=segments_table(codings, corpus), run=run,
                  interviews=interview_tables(result, by, speakers))


def frequencies_long(tables: Tables) -> pd.DataFrame:
    """All frequency tables stacked, with a ``question`` column first."""
    frames = [df.assign(question=q) for q, df in tables.frequencies.items()]
    if not frames:
        return pd.DataFrame()
    out = pd.concat(frames, ignore_index=True)
    return out[["question", *[c for c in out.columns if c != "question"]]]


def write_outputs(tables: Tables, out_dir: str | Path, extra: dict[str, bytes] | None = None) -> list[Path]:
    """Write ``frequencies.csv``, ``crosstab_<var>.csv``, ``matrix.csv``,
    ``segments.csv``, ``qualkit.xlsx`` and ``run.json`` into ``out_dir``;
    ``extra`` maps more file names (an HTML report) to their bytes, written in the same
    step (the folder is replaced as a whole). Returns the paths, ``extra`` ones last."""
    with output_dir(out_dir) as stage:
        names = write_tables(tables, stage, matrix=True, segments=True)
        for name, data in (extra or {}).items():
            (stage / name).write_bytes(data)
            names.append(name)
    return [Path(out_dir) / n for n in names]


def write_tables(tables: Tables, stage: Path, *, matrix: bool = False, segments: bool = False) -> list[str]:
    """Write the tables into the folder ``stage``: ``frequencies.csv``,
    ``crosstab_<var>.csv`` (and ``_tests.csv``), ``matrix.csv`` and ``segments.csv``
    (when asked, or when ``tables`` holds them), ``qualkit.xlsx`` and ``run.json``.
    Returns the file names written."""
    names = []

    def put(name: str, df: pd.DataFrame, index: bool = False) -> None:
        df.to_csv(stage / name, index=index, encoding="utf-8")
        names.append(name)

    put("frequencies.csv", frequencies_long(tables))
    for var in dict.fromkeys(v for _, v in tables.crosstabs):
        cts = [(q, ct) for (q, v), ct in tables.crosstabs.items() if v == var]
        put(f"crosstab_{_slug(var)}.csv", pd.concat([ct.to_frame().assign(question=q) for q, ct in cts],
                                                    ignore_index=True))
        put(f"crosstab_{_slug(var)}_tests.csv", pd.concat([ct.tests.reset_index().assign(question=q)
                                                           for q, ct in cts], ignore_index=True))
    if matrix or not tables.matrix.empty:
        put("matrix.csv", tables.matrix, index=True)
    for name, df in _interview_frames(tables).items():
        put(name, df)
    if segments or not tables.segments.empty:
        put("segments.csv", tables.segments)
    (stage / "qualkit.xlsx").write_bytes(workbook(tables))
    (stage / "run.json").write_text(json.dumps(tables.run, indent=2, ensure_ascii=False), encoding="utf-8")
    return names + ["qualkit.xlsx", "run.json"]


def workbook(tables: Tables) -> bytes:
    """The XLSX workbook: one sheet per table, the respondent x code matrix, all
    coded segments and the run record (without its date). Every sheet has a filter on its header
    row, a frozen header (and first column on the matrix and segments sheets)
    and column widths that fit the content (at most 80 characters).

    Text stays text: a cell starting with ``=`` is stored as a string, never a
    formula; characters a worksheet cannot hold (control characters) are
    dropped, and cells are cut at Excel's 32,767 characters.

    >>> import openpyxl, io                                         # doctest: +SKIP
    >>> openpyxl.load_workbook(io.BytesIO(workbook(tables))).sheetnames   # doctest: +SKIP
    ['freq Q23', 'Q23 x admin_uren', 'matrix', 'segments', 'run']
    """
    sheets: dict[str, tuple[pd.DataFrame, str]] = {}
    for q, df in tables.frequencies.items():
        sheets[_sheet(f"freq {q}", sheets)] = (df, "A2")
    for (q, var), ct in tables.crosstabs.items():
        sheets[_sheet(f"{q} x {var}", sheets)] = (ct.to_frame(tests=True), "A2")
    if not tables.matrix.empty:     # streamed runs keep respondent- and segment-level data in CSV only
        sheets["matrix"] = (tables.matrix.reset_index(), "B2")
    for name, df in _interview_frames(tables).items():
        sheets[_sheet(name[:-4].replace("_", " "), sheets)] = (df, "B2")
    if not tables.segments.empty:
        sheets["segments"] = (tables.segments, "B2")
    if tables.run:
        sheets["run"] = (_run_frame(tables.run), "A2")
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as xw:
        for name, (df, freeze) in sheets.items():
            _clean(df).to_excel(xw, sheet_name=name, index=False)
            ws = xw.sheets[name]
            for row in ws.iter_rows(min_row=1):
                for c in row:
                    if c.data_type == "f":  # respondent text starting with '=' is text, not a formula
                        c.data_type = "s"
            ws.freeze_panes = freeze if ws.max_column > 1 else "A2"
            ws.auto_filter.ref = ws.dimensions
            for col_cells in ws.iter_cols(min_row=1, max_row=min(ws.max_row, 500)):
                width = max((len(str(c.value)) for c in col_cells if c.value is not None), default=8)
                ws.column_dimensions[col_cells[0].column_letter].width = min(max(width + 2, 8), 80)
    return buf.getvalue()


_EXCEL_MAX = 32767


def _clean(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` with worksheet-illegal characters removed from text and long text cut."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    def fix(v):
        if isinstance(v, str):
            v = ILLEGAL_CHARACTERS_RE.sub("", v)
            return v if len(v) <= _EXCEL_MAX else v[:_EXCEL_MAX - 1] + "…"
        return v

    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object:
            out[col] = out[col].map(fix)
    out.columns = [fix(str(c)) for c in out.columns]
    return out


def _interview_frames(tables: Tables) -> dict[str, pd.DataFrame]:
    return tables.interviews.frames() if tables.interviews is not None else {}


def _run_frame(run: dict) -> pd.DataFrame:
    """The run record as key/value rows, without the date (so the same run gives the same workbook)."""
    rows = []
    for key, value in run.items():
        if key == "date":
            continue
        if isinstance(value, dict):
            rows += [(f"{key}.{k}", "" if v is None else str(v)) for k, v in value.items()]
        elif isinstance(value, (list, tuple)):
            rows.append((key, ", ".join(map(str, value))))
        else:
            rows.append((key, "" if value is None else str(value)))
    return pd.DataFrame(rows, columns=["key", "value"])


def pseudonymise_tables(tables: Tables, lang: str = "nl", names=None) -> Tables:
    """A copy of ``tables`` whose segment texts and matched words are pseudonymised
    (:mod:`qualkit.privacy`), for writing outputs that get shared.

    >>> shared = pseudonymise_tables(tables, names=["Fatima"])   # doctest: +SKIP
    >>> write_outputs(shared, "qualkit-out")                     # doctest: +SKIP
    """
    from dataclasses import replace

    from qualkit.privacy import pseudonymise_frame

    return replace(tables, segments=pseudonymise_frame(tables.segments, ["text", "matched"], lang, names),
                   run={**tables.run, "pseudonymised": True})


def _sheet(name: str, taken: dict) -> str:
    base = _SHEET_BAD.sub("_", name)[:31]
    out, k = base, 2
    while out in taken:
        out = f"{base[:28]}~{k}"
        k += 1
    return out


def _slug(s: str) -> str:
    return re.sub(r"[^\w.-]+", "_", s).strip("_") or "var"
