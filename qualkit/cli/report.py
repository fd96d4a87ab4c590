"""``qualkit report``: code the inputs and write one self-contained HTML report."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from qualkit.cli import app
from qualkit.cli._common import cli_errors
from qualkit.cli.interviews import SKIP_SPEAKER, SPEAKERS, read_speakers
from qualkit.cli.code import (
    CODE_INTERVIEWER, DELIMITER, ENCODING, ID_COLUMN, INPUTS, MODEL, QUESTION, SHEET, SPEAKER,
)

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
    by: Optional[list[str]] = typer.Option(None, "--by", "-b", help="Respondent variable to break tables down by (transcripts: document, speaker, a --speakers column or an interview field); repeat for several."),
    out: Path = typer.Option(Path("report.html"), "--out", "-o", help="The HTML file to write."),
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
    code_interviewer: bool = CODE_INTERVIEWER,
    speakers: Optional[Path] = SPEAKERS,
    skip_speaker: Optional[list[str]] = SKIP_SPEAKER,
) -> None:
    """Code survey answers or transcripts and write one HTML report (tables, charts, breakdowns, quotes, methods)."""
    from qualkit.privacy import read_names
    from qualkit.report import build_tables, write_report
    from qualkit.report.i18n import check_lang
    from qualkit.report.quotes import read_themes
    from qualkit.workflow import code_inputs

    from qualkit.io import check_output_file

    check_output_file(out, [*inputs, codebook, names, themes, model])  # before the work, not after
    if lang is not None:
        check_lang(lang)
    extra = read_names(names) if names is not None else None
    theme_frame = read_themes(themes) if themes is not None else None
    attrs = read_speakers(speakers)
    result = code_inputs(inputs, codebook, model=model, id_column=id_column, questions=question, encoding=encoding,
                         delimiter=delimiter, sheet=sheet, speaker_pattern=speaker_pattern,
                         code_interviewer=code_interviewer, skip_speakers=skip_speaker)
    tables = build_tables(result, by=by, inputs=[str(p) for p in inputs], speakers=attrs)
    write_report(out, tables, result, lang=lang, quotes=quotes, themes=theme_frame,
                 pseudonymise=pseudonymise or extra is not None, names=extra,
                 inputs=[*inputs, codebook, names, themes, model])
    typer.echo(f"Wrote {out}")
