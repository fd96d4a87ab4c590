"""``qualkit report``: code the inputs and write one self-contained HTML report."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from qualkit.cli import app
from qualkit.cli._common import cli_errors
from qualkit.cli.interviews import SKIP_SPEAKER, SPEAKERS
from qualkit.cli.code import (
    BY, CODE_INTERVIEWER, DELIMITER, ENCODING, ID_COLUMN, INPUTS, INTERVIEWER, MODEL, PROCESSES, QUESTION, QUIET,
    SHEET, SPEAKER, read_options,
)
from qualkit.cli.progress import ProgressBar

LANG = typer.Option(None, "--lang", help="Report language: nl or en (default: the codebook's language).")
QUOTES = typer.Option(5, "--quotes", min=0, help="Most quotes per code (0: none).")
PSEUDONYMISE = typer.Option(False, "--pseudonymise", help="Replace names, e-mail addresses, phone numbers, national "
                            "register numbers, IBANs and street addresses in quotes by [NAAM], [E-MAIL] ...")
NAMES = typer.Option(None, "--names", help="Text file with extra names to pseudonymise, one per line "
                     "(implies --pseudonymise).")
THEMES = typer.Option(None, "--themes", help="Suggested themes to include: a CSV written by 'qualkit themes' "
                      "(one row per theme, with label, keywords, size and quote_1.. columns).")


@app.command()
@cli_errors
def report(
    inputs: list[Path] = INPUTS,
    codebook: Path = typer.Option(..., "--codebook", "-c", help="YAML codebook."),
    id_column: Optional[str] = ID_COLUMN,
    question: Optional[list[str]] = QUESTION,
    by: Optional[list[str]] = BY,
    out: Path = typer.Option(Path("report.html"), "--out", "-o", help="The HTML file to write (replaced when done)."),
    model: Optional[str] = MODEL,
    lang: Optional[str] = LANG,
    quotes: int = QUOTES,
    pseudonymise: bool = PSEUDONYMISE,
    names: Optional[Path] = NAMES,
    themes: Optional[Path] = THEMES,
    encoding: Optional[str] = ENCODING,
    delimiter: Optional[str] = DELIMITER,
    sheet: Optional[str] = SHEET,
    speaker_pattern: Optional[str] = SPEAKER,
    interviewer: Optional[list[str]] = INTERVIEWER,
    code_interviewer: bool = CODE_INTERVIEWER,
    speakers: Optional[Path] = SPEAKERS,
    skip_speaker: Optional[list[str]] = SKIP_SPEAKER,
    processes: int = PROCESSES,
    quiet: bool = QUIET,
) -> None:
    """Code survey answers or transcripts and write one HTML report (tables, charts, breakdowns, quotes, methods)."""
    from qualkit.workflow import report_inputs

    options = read_options(id_column, question, encoding, delimiter, sheet, speaker_pattern, interviewer,
                           code_interviewer, skip_speaker)
    with ProgressBar(quiet) as progress:
        written = report_inputs(inputs, codebook, out, options, by=by, model=model, lang=lang, quotes=quotes,
                                themes=themes, names=names, pseudonymise=pseudonymise, speakers=speakers,
                                processes=processes, progress=progress)
    typer.echo(f"Wrote {written}")
