"""The whole job in one call per command: read, code, count, write.

- :func:`code_inputs`: read the inputs and code them in memory, a
  :class:`~qualkit.coding.CodingResult` (``qualkit report``, ``qualkit export``,
  a notebook);
- :func:`code_files`: what ``qualkit code`` does: the inputs streamed through the
  engine into an output folder, tables counted on the way, memory flat;
- :func:`report_inputs`: what ``qualkit report`` does.

Both read with :func:`qualkit.ingest.read_chunks` and code with
:func:`qualkit.scale.engine.code_chunks`.

>>> from qualkit.ingest import ReadOptions
>>> opts = ReadOptions(id_column="respondent", questions=["Q23", "Q24"])
>>> run = code_files(["corpora/ocmw-werkdruk-2026.csv"], "codebooks/werkdruk.yaml", "out",
...                  opts, by=["admin_uren"])                                  # doctest: +SKIP
>>> run.tables.frequencies["Q23"]                                             # doctest: +SKIP
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Sequence

import pandas as pd
from qualkit import __version__
from qualkit.codebook import load_codebook
from qualkit.codebook.model import Codebook
from qualkit.coding.engine import CodingResult
from qualkit.errors import InputError
from qualkit.ingest import TRANSCRIPT_SUFFIXES, ReadOptions, read_chunks
from qualkit.io import check_output_dir, check_output_file, output_dir
from qualkit.report import Tables, write_tables
from qualkit.report.files import SHEET_ROWS
from qualkit.report.sinks import MatrixCSV, SegmentsCSV
from qualkit.scale.collect import Collector
from qualkit.scale.engine import EngineRun, code_chunks
from qualkit.scale.progress import Position, ProgressCallback
from qualkit.stats import Counts
from qualkit.types import Corpus

log = logging.getLogger("qualkit")

Inputs = Sequence[str | Path]


@dataclass
class CodeRun:
    """What :func:`code_files` did: the tables, the files written (in ``out_dir``
    and the report), and the engine's run record (streamed) or the
    :class:`~qualkit.coding.CodingResult` (kept in memory)."""

    tables: Tables
    files: list[Path]
    run: EngineRun | None = None
    result: CodingResult | None = None
    prevalence: pd.DataFrame | None = None
    """With ``validate``: shares corrected for coder error (``prevalence.csv``)."""

    @property
    def sources(self) -> dict[str, str]:
        """With a learned model: per code what coded it (see :class:`~qualkit.coding.CodingResult`)."""
        return self.run.coded_by if self.run is not None else self.result.sources if self.result is not None else {}


def code_inputs(inputs: Inputs, codebook: str | Path | Codebook | None = None, options: ReadOptions | None = None,
                *, model: str | None = None, processes: int = 1,
                progress: ProgressCallback | None = None) -> CodingResult:
    """Read ``inputs`` and code them with ``codebook`` (a YAML file or a loaded
    codebook), or with a learned model when ``model`` is a model folder from
    ``qualkit learn`` (then the codebook is optional; otherwise ``model`` names a
    spaCy pipeline). The engine collecting its results: the whole corpus and its
    codings in memory."""
    rules, cb, learned, spacy_model = _coder(codebook, model)
    sink = Collector()
    run = _run(inputs, options, rules, [sink], spacy_model, learned, processes, progress, explain=True)
    return sink.result(cb, run)


def code_files(inputs: Inputs, codebook: str | Path | Codebook | None, out_dir: str | Path,
               options: ReadOptions | None = None, *, by: Sequence[str] | None = None, model: str | None = None,
               report: str | Path | None = None, pseudonymise: bool = False, speakers: str | Path | None = None,
               validate: Sequence[str | Path] | None = None, processes: int = 1,
               progress: ProgressCallback | None = None) -> CodeRun:
    """Code ``inputs`` into ``out_dir`` (replaced as a whole when done, never over a
    folder the user owns, see :func:`qualkit.io.output_dir`): ``frequencies.csv``,
    ``crosstab_<var>.csv`` for each variable in ``by``, ``matrix.csv``,
    ``segments.csv``, ``qualkit.xlsx`` (the tables; the matrix and segments too while
    they are small) and ``run.json``; the HTML ``report`` if a path is given (in
    ``out_dir`` or elsewhere). ``pseudonymise`` replaces names, e-mail addresses ...
    in segment texts and quotes; ``validate``: a person's coding of a sample of the
    answers, for shares corrected for coder error (``prevalence.csv``).

    A survey streams: tables are counted and ``segments.csv``/``matrix.csv`` written
    chunk by chunk, so memory stays flat with the input's size. A report, a
    validation sample and transcripts (whose interview tables are counted over the
    whole corpus; ``speakers``: a speaker attribute file for breakdowns by role ...)
    keep the corpus in memory."""
    read = [*inputs, codebook if not isinstance(codebook, Codebook) else None, model, speakers, *(validate or [])]
    check_output_dir(out_dir, read)       # before the work, not after
    if report is not None and not _inside(report, out_dir):
        check_output_file(report, read)
    if report is not None or speakers is not None or validate or any(Path(p).suffix.lower() in TRANSCRIPT_SUFFIXES
                                                                     for p in inputs):
        return _code_in_memory(inputs, codebook, out_dir, options, by, model, report, pseudonymise, speakers,
                               validate, processes, progress, read)
    rules, cb, learned, spacy_model = _coder(codebook, model)
    out_dir = Path(out_dir)
    with output_dir(out_dir, inputs=read, command="code") as stage:
        counts = Counts(cb, variables=list(by or []))
        segments = SegmentsCSV(stage / "segments.csv", pseudonymise=cb.language if pseudonymise else None,
                               keep=SHEET_ROWS)
        matrix = MatrixCSV(stage / "matrix.csv", cb, keep=SHEET_ROWS)
        try:
            run = _run(inputs, options, rules, [counts, segments, matrix], spacy_model, learned, processes, progress)
        finally:
            segments.close()
            matrix.close()
        record = _record(run, cb, inputs, by, pseudonymise)
        big = [n for n, sink in (("matrix", matrix), ("segments", segments)) if sink.kept is None]
        if big:   # the workbook holds the tables; the data stay in CSV (and Parquet)
            record["not_in_workbook"] = {n: f"more than {SHEET_ROWS:,} rows: see {n}.csv" for n in big}
        tables = Tables(frequencies={q: counts.frequency_table(q) for q in run.questions},
                        crosstabs=counts.crosstabs(), codebook=cb,
                        matrix=matrix.kept if matrix.kept is not None else pd.DataFrame(),
                        segments=segments.kept if segments.kept is not None else pd.DataFrame(), run=record)
        names = write_tables(tables, stage)
        names += [n for n in ("matrix.csv", "segments.csv", "segments.parquet")
                  if n not in names and (stage / n).exists()]
    return CodeRun(tables=tables, files=[out_dir / n for n in names], run=run)


def _note_speakers(tables: Tables, speakers: str | Path | None, pseudonymise: bool, options: ReadOptions | None,
                   corpus: Corpus) -> None:
    """Notes when the ``--speakers`` file and the transcripts do not match, and for each
    ``--skip-speaker`` that skips nobody (names only when the outputs name people)."""
    from qualkit.ingest.speakers import skip_speaker_notes
    from qualkit.report.interviews import speaker_file_note

    if options is not None and options.skip_speakers:
        for line in skip_speaker_notes(options.skip_speakers, {s.speaker for s in corpus.segments},
                                       named=not pseudonymise):
            log.warning("%s", line)
    note = speaker_file_note(tables.interviews, speakers, named=not pseudonymise) if speakers is not None else None
    if note:
        log.warning("%s", note)


def _inside(report: str | Path, out_dir: str | Path) -> bool:
    return Path(out_dir).resolve() in Path(report).resolve().parents


def _code_in_memory(inputs, codebook, out_dir, options, by, model, report, pseudonymise, speakers, validate,
                    processes, progress, read) -> CodeRun:
    """:func:`code_files` with the whole corpus kept (the engine collecting)."""
    from qualkit.ingest.speakers import read_speakers
    from qualkit.report import build_tables, pseudonymise_tables, render_html, write_outputs, write_report

    out_dir = Path(out_dir)
    attrs = read_speakers(speakers) if speakers is not None else None
    result = code_inputs(inputs, codebook, options, model=model, processes=processes, progress=progress)
    tables = build_tables(result, by=list(by or []), inputs=[str(p) for p in inputs], speakers=attrs)
    prevalence = None
    if validate:
        from qualkit.agree import read_human, validate_coding   # agreement statistics: only when asked for

        questions = list(options.questions or []) if options is not None else []
        human = read_human(list(validate), id_fallback=options.id_column if options is not None else None,
                           question=questions[0] if len(questions) == 1 else None,
                           sheet=options.sheet if options is not None else None)
        prevalence = validate_coding(result, human)
    _note_speakers(tables, speakers, pseudonymise, options, result.corpus)
    if pseudonymise:
        tables = pseudonymise_tables(tables, result.codebook.language,
                                     speakers=dict.fromkeys(s.speaker for s in result.corpus.segments))
    report = Path(report) if report is not None else None
    name = report.resolve().relative_to(out_dir.resolve()).as_posix() if report and _inside(report, out_dir) else ""
    extra: dict[str, bytes] = {}
    if name:
        extra[name] = render_html(tables, result, pseudonymise=pseudonymise, prevalence=prevalence).encode("utf-8")
    if prevalence is not None:
        extra["prevalence.csv"] = prevalence.to_csv(index=False).encode("utf-8")
    files = write_outputs(tables, out_dir, extra=extra or None, inputs=read)
    if report is not None and not name:
        files.append(write_report(tables, result, report, pseudonymise=pseudonymise, prevalence=prevalence,
                                  inputs=read))
    return CodeRun(tables=tables, files=files, run=None, result=result, prevalence=prevalence)


def report_inputs(inputs: Inputs, codebook: str | Path | Codebook | None, out: str | Path,
                  options: ReadOptions | None = None, *, by: Sequence[str] | None = None, model: str | None = None,
                  lang: str | None = None, quotes: int = 5, themes: str | Path | None = None,
                  names: str | Path | None = None, pseudonymise: bool = False, speakers: str | Path | None = None,
                  processes: int = 1, progress: ProgressCallback | None = None) -> Path:
    """What ``qualkit report`` does: code ``inputs`` and write one self-contained HTML
    report to ``out`` (tables, charts, breakdowns by ``by``, up to ``quotes`` quotes
    per code, methods). ``lang``: ``nl`` or ``en`` (default: the codebook's);
    ``themes``: a themes CSV from ``qualkit themes``; ``names``: a file of extra
    names to pseudonymise (implies ``pseudonymise``); ``speakers``: as for
    :func:`code_files`. Returns the path written."""
    from qualkit.ingest.speakers import read_speakers
    from qualkit.privacy import read_names
    from qualkit.report import build_tables, write_report
    from qualkit.report.i18n import check_lang
    from qualkit.report.quotes import read_themes

    read = [*inputs, codebook if not isinstance(codebook, Codebook) else None, names, themes, model, speakers]
    check_output_file(out, read)          # before the work, not after
    if lang is not None:
        check_lang(lang)
    extra = read_names(names) if names is not None else None
    theme_frame = read_themes(themes) if themes is not None else None
    attrs = read_speakers(speakers) if speakers is not None else None
    result = code_inputs(inputs, codebook, options, model=model, processes=processes, progress=progress)
    tables = build_tables(result, by=list(by or []), inputs=[str(p) for p in inputs], speakers=attrs)
    _note_speakers(tables, speakers, pseudonymise or extra is not None, options, result.corpus)
    return write_report(tables, result, out, lang=lang, quotes=quotes, themes=theme_frame,
                        pseudonymise=pseudonymise or extra is not None, names=extra, inputs=read)


def _coder(codebook, model):
    """(codebook given, codebook for the tables, learned model or None, spaCy pipeline name or None)."""
    cb = codebook if isinstance(codebook, Codebook) or codebook is None else load_codebook(codebook)
    if model is not None and Path(model).is_dir():
        from qualkit.coding.learned_store import is_model_dir, load_model   # scikit-learn: only for a model folder

        if is_model_dir(model):
            learned = load_model(model)
            return cb, learned.coding_codebook(cb), learned, None
    if cb is None and model is not None:     # a mistyped model folder is not "no codebook given"
        p = Path(model)
        why = "no such folder" if not p.exists() else "a folder without model.json" if p.is_dir() else "not a folder"
        raise InputError(372, model=str(model), why=why)
    if cb is None:
        raise InputError(149)
    return cb, cb, None, model


def _run(inputs, options, cb, sinks, spacy_model, learned, processes, progress, explain=False) -> EngineRun:
    pos = Position()
    chunks = read_chunks(list(inputs), options, on_bytes=pos.update)
    return code_chunks(chunks, cb, sinks, model=spacy_model, learned=learned, processes=processes,
                       progress=progress, position=pos, explain=explain)


def _record(run: EngineRun, cb: Codebook, inputs: Inputs, by, pseudonymise: bool) -> dict:
    """The run record (``run.json`` and the workbook's ``run`` sheet)."""
    record = {
        "qualkit": __version__,
        "date": datetime.now(timezone.utc).replace(microsecond=0).isoformat(),
        "inputs": [str(p) for p in inputs],
        "codebook": {"name": cb.name, "version": cb.version, "path": cb.path, "sha256": cb.sha256},
        "pipeline": run.pipeline,
        "unit": cb.unit,
        "questions": run.questions,
        "breakdowns": list(by or []),
        "segments_coded": run.stats.segments,
        "codings": run.codings,
    }
    if pseudonymise:
        record["pseudonymised"] = True
    return record
