"""Writing a coding run's outputs: CSV files, one XLSX workbook, a run record.

Everything goes into a staging folder that replaces ``out_dir`` whole
(:func:`qualkit.io.output_dir`), so an interrupted run never leaves a mix.

>>> tables = build_tables(result, by=["admin_uren"])   # doctest: +SKIP
>>> write_outputs(tables, "qualkit-out")               # doctest: +SKIP
"""
from __future__ import annotations

import hashlib
import json
import logging
import re
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable

import pandas as pd

from qualkit.coding.engine import CodingResult
from qualkit.io import output_dir
from qualkit.io.sheets import Sheet, sheet_name, write_csv, xlsx_bytes
from qualkit.stats.crosstab import Crosstab

log = logging.getLogger("qualkit")


@dataclass
class Tables:
    """Every table of a coding run, ready to render or write."""

    frequencies: dict[str, pd.DataFrame]
    crosstabs: dict[tuple[str, str], Crosstab] = field(default_factory=dict)
    matrix: pd.DataFrame = field(default_factory=pd.DataFrame)
    segments: pd.DataFrame = field(default_factory=pd.DataFrame)
    run: dict = field(default_factory=dict)
    interviews: Any = None
    """:class:`qualkit.report.interviews.InterviewTables`: matrices, speakers, co-occurrence."""
    codebook: Any = None
    """The :class:`~qualkit.codebook.Codebook` (its code descriptions go on the workbook's codes sheet)."""


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
    cross = counts.crosstabs()
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
                  interviews=interview_tables(result, by, speakers), codebook=cb)


def frequencies_long(tables: Tables) -> pd.DataFrame:
    """All frequency tables stacked, with a ``question`` column first; for transcripts the
    codes in interviews, segments and speakers instead
    (:meth:`qualkit.stats.matrices.InterviewCounts.frequency_table`, as on the workbook's
    ``interviews`` sheet)."""
    if tables.interviews is not None:
        return tables.interviews.counts.frequency_table()
    frames = [df.assign(question=q) for q, df in tables.frequencies.items()]
    if not frames:
        return pd.DataFrame()
    out = pd.concat(frames, ignore_index=True)
    return out[["question", *[c for c in out.columns if c != "question"]]]


SHEET_ROWS = 50_000
"""Most rows of a data sheet (``matrix``, ``segments``) in ``qualkit.xlsx``. Past it the
workbook holds only the tables, the data go to CSV (and Parquet) only, and a note says so:
a worksheet holds at most 1,048,576 rows, and writing one that big takes minutes."""


def write_outputs(tables: Tables, out_dir: str | Path, extra: dict[str, bytes] | None = None, *,
                  inputs: Iterable[str | Path | None] = (), command: str = "code") -> list[Path]:
    """Write :func:`write_tables` into the folder ``out_dir``, replacing it as a whole
    (:func:`qualkit.io.output_dir`: only a new or empty folder or one qualkit wrote, never one
    holding an input). ``inputs`` are the files the command read (the run record's inputs
    and codebook are added); ``extra`` maps more file names (an HTML report) to their bytes,
    written in the same step. Returns the paths, ``extra`` ones last."""
    guarded = [*inputs, *tables.run.get("inputs", []), (tables.run.get("codebook") or {}).get("path")]
    with output_dir(out_dir, inputs=guarded, command=command) as stage:
        names = write_tables(tables, stage)
        for name, data in (extra or {}).items():
            (stage / name).parent.mkdir(parents=True, exist_ok=True)
            (stage / name).write_bytes(data)
            names.append(name)
    return [Path(out_dir) / n for n in names]


def write_tables(tables: Tables, folder: Path, *, xlsx: bool = True, segments: bool = True) -> list[str]:
    """Write ``frequencies.csv``, ``crosstab_<var>.csv`` and ``crosstab_<var>_tests.csv`` (each row
    names its question and variable; ``crosstab_<var>_2.csv`` when two variables' names give one file name),
    ``matrix.csv``, ``segments.csv`` (with ``segments``; plus ``segments.parquet`` past
    :data:`SHEET_ROWS` rows), ``qualkit.xlsx`` (with ``xlsx``) and ``run.json`` into the
    existing ``folder``. The same tables give the same bytes (``run.json`` holds what
    ``tables.run`` holds). Returns the file names, in writing order."""
    names: list[str] = []

    def put(name: str, df: pd.DataFrame, raw: bool = False, index: bool = False) -> None:
        write_csv(df, folder / name, raw=raw, index=index)
        names.append(name)

    put("frequencies.csv", frequencies_long(tables))
    taken: set[str] = set()
    for var in dict.fromkeys(v for _, v in tables.crosstabs):
        cts = [(q, ct) for (q, v), ct in tables.crosstabs.items() if v == var]
        stem = _unique_stem(f"crosstab_{slug(var)}", taken)
        put(f"{stem}.csv", pd.concat([ct.to_frame().assign(question=q, variable=var) for q, ct in cts],
                                     ignore_index=True))
        put(f"{stem}_tests.csv", pd.concat([ct.tests.reset_index().assign(question=q, variable=var)
                                            for q, ct in cts], ignore_index=True))
    if len(tables.matrix.columns):
        put("matrix.csv", tables.matrix, raw=True, index=True)
    for name, df in _interview_frames(tables).items():
        put(name, df)
    if segments and len(tables.segments.columns):
        put("segments.csv", tables.segments, raw=True)
        if len(tables.segments) > SHEET_ROWS:
            tables.segments.to_parquet(folder / "segments.parquet", index=False)
            names.append("segments.parquet")
    run = dict(tables.run)
    if xlsx:
        shown = tables if segments else replace(tables, segments=pd.DataFrame())
        left = [n for n, df in (("matrix", shown.matrix), ("segments", shown.segments)) if len(df) > SHEET_ROWS]
        if left:
            run["not_in_workbook"] = {n: f"{len(getattr(shown, n)):,} rows: see {n}.csv" for n in left}
            log.warning("%s: more than %s rows each, so only in %s (the workbook holds the tables).",
                        " and ".join(left), f"{SHEET_ROWS:,}", ", ".join(f"{n}.csv" for n in left)
                        + (" and segments.parquet" if "segments" in left else ""))
        (folder / "qualkit.xlsx").write_bytes(workbook(replace(shown, run=run)))
        names.append("qualkit.xlsx")
    (folder / "run.json").write_text(json.dumps(run, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    names.append("run.json")
    return names


def write_frames(frames: dict[str, pd.DataFrame], folder: Path, *, xlsx_name: str | None = None,
                 raw: Iterable[str] = (), formats: dict[str, dict[str, str]] | None = None) -> list[str]:
    """Write each frame as ``<name>.csv`` (a table, unless its name is in ``raw``) and, with
    ``xlsx_name``, all as sheets of one workbook; ``formats``: per frame, column -> number
    format on its sheet (``"0.0"``: one decimal). Returns the file names."""
    raw = set(raw)
    names = []
    for name, df in frames.items():
        write_csv(df, folder / f"{name}.csv", raw=name in raw)
        names.append(f"{name}.csv")
    if xlsx_name:
        (folder / xlsx_name).write_bytes(xlsx_bytes({n: Sheet(df, "A2", formats=(formats or {}).get(n, {}))
                                                     for n, df in frames.items()}))
        names.append(xlsx_name)
    return names


def hashes(folder: Path, names: list[str]) -> dict[str, str]:
    """sha256 of each named file in ``folder`` (for manifests)."""
    return {n: hashlib.sha256((folder / n).read_bytes()).hexdigest() for n in names}


def workbook(tables: Tables) -> bytes:
    """The XLSX workbook: the survey tables laid out for a report (a ``questions`` and a
    ``codes`` sheet, a sheet per question and per breakdown, percentages in percent
    format: :mod:`qualkit.report.workbook`), the respondent x code matrix and the coded
    segments (each while it has at most :data:`SHEET_ROWS` rows) and the run record
    (without its date). Every sheet has a filter on its header row, a frozen header (and
    first column on the matrix and segments sheets) and column widths that fit the
    content; text is always text, never a formula (:mod:`qualkit.io.sheets`).

    >>> import openpyxl, io                                         # doctest: +SKIP
    >>> openpyxl.load_workbook(io.BytesIO(workbook(tables))).sheetnames   # doctest: +SKIP
    ['questions', 'codes', 'Q23', 'Q23 by admin_uren', 'matrix', 'segments', 'run']
    """
    from qualkit.report.workbook import table_sheets

    sheets: dict[str, Any] = dict(table_sheets(tables, tables.codebook))
    if len(tables.matrix.columns) and len(tables.matrix) <= SHEET_ROWS:
        sheets["matrix"] = (tables.matrix.reset_index(), "B2")
    for name, df in _interview_frames(tables).items():
        sheets[sheet_name(name[:-4].replace("_", " "), sheets)] = (df, "B2")
    if len(tables.segments.columns) and len(tables.segments) <= SHEET_ROWS:
        sheets["segments"] = (tables.segments, "B2")
    if tables.run:
        sheets["run"] = (_run_frame(tables.run), "A2")
    return xlsx_bytes(sheets)


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


def pseudonymise_tables(tables: Tables, lang: str = "nl", names=None, speakers=None) -> Tables:
    """A copy of ``tables`` for outputs that get shared: segment texts pseudonymised, the
    columns quoting them (matched words, rules or model features) derived from the
    pseudonymised text, speakers given pseudonyms in the segments and in every interview
    table (:mod:`qualkit.privacy`). ``speakers``: the corpus's speaker labels in speaking
    order (default: as they occur in the segments), so the report and the tables give a
    speaker the same pseudonym.

    >>> shared = pseudonymise_tables(tables, names=["Fatima"])   # doctest: +SKIP
    >>> write_outputs(shared, "qualkit-out")                     # doctest: +SKIP
    """
    from functools import partial

    from qualkit.privacy import Pseudonymiser
    from qualkit.report.interviews import speaker_pseudonym

    seg = tables.segments
    if speakers is None and "speaker" in seg.columns:
        speakers = list(dict.fromkeys(seg["speaker"].tolist()))
    pseudo = Pseudonymiser(lang, names, speakers)
    interviews = tables.interviews
    if interviews is not None:
        interviews = replace(interviews, speaker_names=partial(speaker_pseudonym, pseudo))
    segs = pseudo.frame(seg, ("text", "matched", "rule"), speaker="")
    if "speaker" in segs.columns:   # as in the interview tables: 'Participant (3)' keeps its interview
        segs["speaker"] = seg["speaker"].map(partial(speaker_pseudonym, pseudo))
    return replace(tables, segments=segs, interviews=interviews, run={**tables.run, "pseudonymised": True})


def _unique_stem(stem: str, taken: set[str]) -> str:
    """``stem``, or ``stem_2``, ``stem_3`` ... so that neither ``<stem>.csv`` nor ``<stem>_tests.csv``
    is a file name in ``taken`` (lower case: ``Rol`` and ``rol`` are one file on Windows and
    macOS; ``a b`` and ``a_b`` have one slug), which it extends."""
    out, i = stem, 2
    while {out.lower(), f"{out}_tests".lower()} & taken:
        out, i = f"{stem}_{i}", i + 1
    taken.update({out.lower(), f"{out}_tests".lower()})
    return out


def slug(s: str) -> str:
    """A variable name as part of a file name."""
    return re.sub(r"[^\w.-]+", "_", s).strip("_") or "var"
