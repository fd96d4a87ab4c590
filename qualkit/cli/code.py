"""``qualkit code`` and ``qualkit ingest``."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer
from rich import box
from rich.table import Table

from qualkit.cli import app
from qualkit.cli._common import cli_errors, console
from qualkit.cli.interviews import SKIP_SPEAKER, SPEAKERS, read_speakers

INPUTS = typer.Argument(..., help="Survey export (.csv .tsv .xlsx .sav) and/or transcripts (.txt .md .docx .vtt .jsonl).")
ID_COLUMN = typer.Option(None, "--id-column", "-i", help="Column with the respondent id (survey).")
QUESTION = typer.Option(None, "--question", "-q", help="Open-question column name or glob; repeat for several.")
ENCODING = typer.Option(None, "--encoding", help="Text encoding (default: detected; utf-8, utf-8-sig, cp1252 ...).")
DELIMITER = typer.Option(None, "--delimiter", help="CSV delimiter (default: detected).")
SHEET = typer.Option(None, "--sheet", help="XLSX sheet name (default: the first).")
SPEAKER = typer.Option(None, "--speaker-pattern", help="Regex with a (?P<speaker>...) group matching a speaker label at line start.")
CODE_INTERVIEWER = typer.Option(False, "--code-interviewer", help="Also code the interviewer's turns.")
MODEL = typer.Option(None, "--model", help="spaCy pipeline name or path (default: nl_core_news_md if installed), "
                     "or a learned model folder from 'qualkit learn'.")


@app.command()
@cli_errors
def code(
    inputs: list[Path] = INPUTS,
    codebook: Optional[Path] = typer.Option(None, "--codebook", "-c", help="YAML codebook (optional with --model DIR, a learned model folder)."),
    id_column: Optional[str] = ID_COLUMN,
    question: Optional[list[str]] = QUESTION,
    by: Optional[list[str]] = typer.Option(None, "--by", "-b", help="Respondent variable to break tables down by (transcripts: document, speaker, a --speakers column or an interview field); repeat for several."),
    out: Path = typer.Option(Path("qualkit-out"), "--out", "-o", help="Output folder (replaced as a whole)."),
    model: Optional[str] = MODEL,
    encoding: Optional[str] = ENCODING,
    delimiter: Optional[str] = DELIMITER,
    sheet: Optional[str] = SHEET,
    speaker_pattern: Optional[str] = SPEAKER,
    code_interviewer: bool = CODE_INTERVIEWER,
    report: Optional[Path] = typer.Option(None, "--report", help="Also write the HTML report to this file."),
    pseudonymise: bool = typer.Option(False, "--pseudonymise", help="Pseudonymise quotes and segment texts "
                                      "(names after titles, e-mail, phone, national register numbers, IBAN, addresses)."),
    speakers: Optional[Path] = SPEAKERS,
    skip_speaker: Optional[list[str]] = SKIP_SPEAKER,
    validate: Optional[list[Path]] = typer.Option(None, "--validate", help="A person's coding of a random sample of the "
                                                  "same answers (any coding-file shape): adds each code's sensitivity, "
                                                  "specificity and share corrected for coder error (prevalence.csv)."),
) -> None:
    """Code survey answers or transcripts with a codebook; print the tables and write CSV/XLSX."""
    from qualkit.io import check_output_dir, check_output_file
    from qualkit.report import build_tables, pseudonymise_tables, render_html, write_outputs, write_report
    from qualkit.workflow import code_inputs

    read = [*inputs, codebook, model, speakers]  # never written over: the out folder may not hold them
    check_output_dir(out, read)  # before the work, not after
    if report is not None:
        check_output_file(report, read)

    attrs = read_speakers(speakers)
    result = code_inputs(inputs, codebook, model=model, id_column=id_column, questions=question, encoding=encoding,
                         delimiter=delimiter, sheet=sheet, speaker_pattern=speaker_pattern,
                         code_interviewer=code_interviewer, skip_speakers=skip_speaker)
    tables = build_tables(result, by=by, inputs=[str(p) for p in inputs], speakers=attrs)
    prevalence = None
    if validate:
        from qualkit.agree import read_human, validate_coding

        human = read_human(validate, id_fallback=id_column, question=question[0] if question and len(question) == 1
                           else None, sheet=sheet)
        prevalence = validate_coding(result, human)
    if pseudonymise:
        tables = pseudonymise_tables(tables, result.codebook.language,
                                     speakers=dict.fromkeys(s.speaker for s in result.corpus.segments))
    # A report inside the out folder goes in with the other files, so it is replaced in the same step.
    inside = report is not None and out.resolve() in report.resolve().parents
    name = report.resolve().relative_to(out.resolve()).as_posix() if inside else ""
    page = (render_html(tables, result, pseudonymise=pseudonymise, prevalence=prevalence).encode("utf-8")
            if inside else None)
    extra = {name: page} if inside else {}
    if prevalence is not None:
        extra["prevalence.csv"] = prevalence.to_csv(index=False).encode("utf-8")
    written = write_outputs(tables, out, extra=extra or None, inputs=read)
    written = [p for p in written if not inside or p != out / name]
    from qualkit.cli.tables import render_tables

    render_tables(tables)
    if result.sources:
        _sources(result.sources)
    if prevalence is not None:
        from qualkit.cli.agree import render_prevalence

        render_prevalence(prevalence)
    typer.echo(f"\nWrote {len(written)} files to {out}/: " + ", ".join(p.name for p in written))
    if report is not None:
        if not inside:
            write_report(report, tables, result, pseudonymise=pseudonymise, prevalence=prevalence, inputs=read)
        typer.echo(f"Wrote {report}")


@app.command()
@cli_errors
def ingest(
    inputs: list[Path] = INPUTS,
    id_column: Optional[str] = ID_COLUMN,
    question: Optional[list[str]] = QUESTION,
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Write the segments to this CSV file."),
    encoding: Optional[str] = ENCODING,
    delimiter: Optional[str] = DELIMITER,
    sheet: Optional[str] = SHEET,
    speaker_pattern: Optional[str] = SPEAKER,
    code_interviewer: bool = CODE_INTERVIEWER,
) -> None:
    """Read inputs into segments and show what was found (respondents, answers, speakers); a survey
    export without --question: its columns with their question texts, to choose from."""
    from qualkit.io import check_output_file, write_text
    from qualkit.workflow import read_inputs
    from qualkit.ingest import SURVEY_SUFFIXES

    if not question and all(p.suffix.lower() in SURVEY_SUFFIXES for p in inputs):
        from qualkit.cli.tables import render_columns
        from qualkit.ingest import ReadOptions
        from qualkit.ingest.survey import survey_columns

        options = ReadOptions(encoding=encoding, delimiter=delimiter, sheet=sheet)
        for p in inputs:       # no question named yet: the columns to choose from
            render_columns(p, survey_columns(p, options))
        return
    if out is not None:
        check_output_file(out, inputs)

    corpus = read_inputs(inputs, id_column=id_column, questions=question, encoding=encoding, delimiter=delimiter,
                         sheet=sheet, speaker_pattern=speaker_pattern, code_interviewer=code_interviewer)
    df = corpus.frame()
    t = Table(title=f"{corpus.kind}: {len(corpus.respondents)} units, {len(df)} segments", box=box.SIMPLE_HEAD)
    for col in ("question", "segments", "units", "to code", "question text"):
        t.add_column(col, justify="right" if col in ("segments", "units", "to code") else "left")
    for q in corpus.questions:
        sub = df[df.question == q]
        text = " ".join(str(corpus.labels.get(q, "")).split())
        t.add_row(q, str(len(sub)), str(sub.unit_id.nunique()), str(int(sub.coded.sum())),
                  text if len(text) <= 120 else text[:119] + "…")
    console().print(t)
    if corpus.kind == "transcript" and len(df):
        counts = df.groupby("speaker").size().sort_values(ascending=False)
        typer.echo("speakers: " + ", ".join(f"{s or '(none)'} {n}" for s, n in counts.head(12).items()))
    if out is not None:
        write_text(out, df.to_csv(index=False), inputs=inputs)
        typer.echo(f"Wrote {out}")


def _sources(sources: dict[str, str]) -> None:
    """Which codes a learned model coded, which the codebook's rules, which nobody."""
    by: dict[str, list[str]] = {}
    for code, src in sources.items():
        by.setdefault(src, []).append(code)
    words = {"model": "Coded by the learned model", "model, do not use": "Coded by the model but flagged "
             "'do not use automatically' (less reliable than the people; check by hand)",
             "rules": "Coded by the codebook's rules (too few examples to learn)",
             "rare": "Not coded (too few examples to learn, no rules)"}
    for src, text in words.items():
        if by.get(src):
            typer.echo(f"{text}: {', '.join(by[src])}")
