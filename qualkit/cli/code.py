"""``qualkit code`` and ``qualkit ingest``."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer
from rich import box
from rich.table import Table

from qualkit.cli import app
from qualkit.cli._common import cli_errors, console, shown
from qualkit.cli.interviews import SKIP_SPEAKER, SPEAKERS
from qualkit.cli.progress import ProgressBar

INPUTS = typer.Argument(..., help="Survey export (.csv .tsv .xlsx .sav) and/or transcripts (.txt .md .docx .vtt .jsonl).")
ID_COLUMN = typer.Option(None, "--id-column", "-i", help="Column with the respondent id (survey).")
QUESTION = typer.Option(None, "--question", "-q", help="Open-question column name or glob; repeat for several.")
ENCODING = typer.Option(None, "--encoding", help="Text encoding (default: detected; utf-8, utf-8-sig, cp1252 ...).")
DELIMITER = typer.Option(None, "--delimiter", help="CSV delimiter (default: detected).")
SHEET = typer.Option(None, "--sheet", help="XLSX sheet name (default: the first).")
SPEAKER = typer.Option(None, "--speaker-pattern", help="Regex with a (?P<speaker>...) group matching a speaker label at line start.")
CODE_INTERVIEWER = typer.Option(False, "--code-interviewer", help="Also code the interviewer's turns.")
INTERVIEWER = typer.Option(None, "--interviewer", help="Speaker whose turns are not coded (default: detected); "
                           "repeat for several.")
BY = typer.Option(None, "--by", "-b", help="Respondent variable to break tables down by (transcripts: document, "
                "speaker, a --speakers column or an interview field); repeat for several.")
PROCESSES = typer.Option(1, "--processes", "-p", min=1, help="Worker processes for coding (default 1: this process).")
QUIET = typer.Option(False, "--quiet", help="No progress bar and no tables on screen; just what was written.")
MODEL = typer.Option(None, "--model", help="spaCy pipeline name or path (default: nl_core_news_md if installed), "
                     "or a learned model folder from 'qualkit learn'.")


@app.command()
@cli_errors
def code(
    inputs: list[Path] = INPUTS,
    codebook: Optional[Path] = typer.Option(None, "--codebook", "-c", help="YAML codebook (optional with --model DIR, a learned model folder)."),
    id_column: Optional[str] = ID_COLUMN,
    question: Optional[list[str]] = QUESTION,
    by: Optional[list[str]] = BY,
    out: Path = typer.Option(Path("qualkit-out"), "--out", "-o", help="Output folder, replaced as a whole: "
                             "frequencies.csv, crosstab_<var>.csv, matrix.csv, segments.csv, qualkit.xlsx, run.json."),
    model: Optional[str] = MODEL,
    encoding: Optional[str] = ENCODING,
    delimiter: Optional[str] = DELIMITER,
    sheet: Optional[str] = SHEET,
    speaker_pattern: Optional[str] = SPEAKER,
    interviewer: Optional[list[str]] = INTERVIEWER,
    code_interviewer: bool = CODE_INTERVIEWER,
    report: Optional[Path] = typer.Option(None, "--report", help="Also write the HTML report to this file."),
    pseudonymise: bool = typer.Option(False, "--pseudonymise", help="Pseudonymise quotes and segment texts "
                                      "(names after titles, e-mail, phone, national register numbers, IBAN, addresses)."),
    speakers: Optional[Path] = SPEAKERS,
    skip_speaker: Optional[list[str]] = SKIP_SPEAKER,
    validate: Optional[list[Path]] = typer.Option(None, "--validate", help="A person's coding of a random sample of the "
                                                  "same answers (any coding-file shape): adds each code's sensitivity, "
                                                  "specificity and share corrected for coder error (prevalence.csv)."),
    processes: int = PROCESSES,
    quiet: bool = QUIET,
) -> None:
    """Code survey answers or transcripts with a codebook; print the tables and write CSV/XLSX."""
    from qualkit.workflow import code_files

    options = read_options(id_column, question, encoding, delimiter, sheet, speaker_pattern, interviewer,
                           code_interviewer, skip_speaker)
    with ProgressBar(quiet) as progress:
        done = code_files(inputs, codebook, out, options, by=by, model=model, report=report,
                          pseudonymise=pseudonymise, speakers=speakers, validate=validate, processes=processes,
                          progress=progress)
    if not quiet:
        from qualkit.cli.tables import render_tables

        render_tables(done.tables)
        if done.prevalence is not None:
            from qualkit.cli.agree import render_prevalence

            render_prevalence(done.prevalence)
    if done.sources:
        _sources(done.sources)
    shown_apart = report.resolve() if report is not None else None   # named on its own line below
    inside = [p for p in done.files if out.resolve() in p.resolve().parents and p.resolve() != shown_apart]
    typer.echo(f"\nWrote {len(inside)} files to {out}/: " + ", ".join(p.relative_to(out).as_posix() for p in inside))
    if report is not None:
        typer.echo(f"Wrote {report}")


def read_options(id_column=None, question=None, encoding=None, delimiter=None, sheet=None, speaker_pattern=None,
                 interviewer=None, code_interviewer=False, skip_speaker=None):
    """The reading options of a command as one :class:`qualkit.ingest.ReadOptions`."""
    from qualkit.ingest import ReadOptions

    return ReadOptions(id_column=id_column, questions=question or None, encoding=encoding, delimiter=delimiter,
                       sheet=sheet, speaker_pattern=speaker_pattern, interviewer=interviewer or None,
                       code_interviewer=code_interviewer, skip_speakers=skip_speaker or None)


@app.command()
@cli_errors
def ingest(
    inputs: list[Path] = INPUTS,
    id_column: Optional[str] = ID_COLUMN,
    question: Optional[list[str]] = QUESTION,
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Write the segments to this CSV file "
                                       "(one row per segment, with its text)."),
    encoding: Optional[str] = ENCODING,
    delimiter: Optional[str] = DELIMITER,
    sheet: Optional[str] = SHEET,
    speaker_pattern: Optional[str] = SPEAKER,
    interviewer: Optional[list[str]] = INTERVIEWER,
    code_interviewer: bool = CODE_INTERVIEWER,
    skip_speaker: Optional[list[str]] = SKIP_SPEAKER,
) -> None:
    """Read inputs into segments and show what was found (respondents and answers; for transcripts
    interviews, turns and turns per speaker); a survey
    export without --question: its columns with their question texts, to choose from."""
    from qualkit.ingest import SURVEY_SUFFIXES, ReadOptions, read_inputs
    from qualkit.io import check_output_file, write_text

    if not question and all(p.suffix.lower() in SURVEY_SUFFIXES for p in inputs):
        from qualkit.cli.tables import render_columns
        from qualkit.ingest.survey import survey_columns

        options = ReadOptions(encoding=encoding, delimiter=delimiter, sheet=sheet)
        for p in inputs:       # no question named yet: the columns to choose from
            render_columns(p, survey_columns(p, options))
        return
    if out is not None:
        check_output_file(out, inputs)

    corpus = read_inputs(inputs, read_options(id_column, question, encoding, delimiter, sheet, speaker_pattern,
                                              interviewer, code_interviewer, skip_speaker))
    df = corpus.frame()
    if corpus.kind == "transcript":
        from qualkit.ingest.speakers import skip_speaker_notes

        for note in skip_speaker_notes(skip_speaker, set(df.speaker)):
            typer.echo(f"Note: {shown(note)}", err=True)
        _transcript_summary(df)
        if out is not None:
            write_text(out, df.to_csv(index=False), inputs=inputs)
            typer.echo(f"Wrote {out}")
        return
    t = Table(title=f"{corpus.kind}: {len(corpus.respondents)} units, {len(df)} segments", box=box.SIMPLE_HEAD)
    for col in ("question", "segments", "units", "to code", "question text"):
        t.add_column(col, justify="right" if col in ("segments", "units", "to code") else "left")
    for q in corpus.questions:
        sub = df[df.question == q]
        text = " ".join(str(corpus.labels.get(q, "")).split())
        t.add_row(shown(q), str(len(sub)), str(sub.unit_id.nunique()), str(int(sub.coded.sum())),
                  shown(text if len(text) <= 120 else text[:119] + "…"))
    console().print(t)
    if out is not None:
        write_text(out, df.to_csv(index=False), inputs=inputs)
        typer.echo(f"Wrote {out}")


def _transcript_summary(df) -> None:
    """What `qualkit ingest` read from transcripts: interviews, turns, speakers (never respondents)."""
    from qualkit.report.i18n import singular

    speakers = df[df.speaker.astype(bool)]
    typer.echo(singular(f"transcripts: {df.doc_id.nunique()} interviews, {len(df)} turns ({int(df.coded.sum())} to "
                        f"code) by {speakers.speaker.nunique()} speakers"))
    if speakers.empty:
        return
    counts = speakers.groupby("speaker").agg(turns=("coded", "size"), coded=("coded", "sum"))
    counts = counts.sort_values("turns", ascending=False, kind="stable")
    listed = [f"{shown(s)} {r.turns}" + ("" if r.coded else " (not coded)") for s, r in counts.head(12).iterrows()]
    more = len(counts) - 12
    typer.echo("turns per speaker: " + ", ".join(listed) + (f", and {more} more (--out lists every turn)" if more > 0
                                                           else ""))


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
            typer.echo(f"{text}: {shown(', '.join(by[src]))}")
