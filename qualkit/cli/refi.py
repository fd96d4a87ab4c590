"""REFI-QDA exchange: ``qualkit codebook export/import``, ``qualkit export``, ``qualkit import``."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from qualkit.cli import app, codebook_app
from qualkit.cli._common import cli_errors, shown
from qualkit.cli.code import (CODE_INTERVIEWER, DELIMITER, ENCODING, ID_COLUMN, INPUTS, INTERVIEWER, MODEL, QUESTION,
                              SHEET, SPEAKER, read_options)
from qualkit.cli.progress import ProgressBar

FORMAT = typer.Option("qdc", "--format", help="Exchange format; only REFI-QDA 'qdc' for codebooks.")


@codebook_app.command("export")
@cli_errors
def codebook_export(
    codebook: Path = typer.Argument(..., help="YAML codebook."),
    out: Path = typer.Option(..., "--out", "-o", help="The .qdc file to write."),
    format: str = FORMAT,
) -> None:
    """Export a codebook as a REFI-QDA codebook (.qdc) for NVivo, ATLAS.ti, MAXQDA, QualCoder."""
    from qualkit.codebook import load_codebook
    from qualkit.errors import RefiError
    from qualkit.refi import export_qdc

    from qualkit.io import check_output_file

    if format != "qdc":
        raise RefiError(520, format=format)
    check_output_file(out, [codebook])
    cb = load_codebook(codebook)
    export_qdc(cb, out)
    typer.echo(f"Wrote {out}: {len(cb.codes)} codes of {cb.name} {cb.version} (rules kept in the descriptions).")


@codebook_app.command("import")
@cli_errors
def codebook_import(
    qdc: Path = typer.Argument(..., help="REFI-QDA codebook (.qdc) from NVivo, ATLAS.ti, MAXQDA or QualCoder."),
    out: Path = typer.Option(..., "--out", "-o", help="The YAML codebook to write."),
) -> None:
    """Import a REFI-QDA codebook (.qdc) into qualkit's YAML, keeping hierarchy, descriptions and colours."""
    from qualkit.codebook import dump_codebook
    from qualkit.refi import read_qdc

    got = read_qdc(qdc)
    dump_codebook(got.codebook, out, inputs=[qdc])
    for p in got.problems:
        typer.echo(f"Note: {shown(p)}", err=True)
    typer.echo(f"Wrote {out}: {len(got.codebook.codes)} codes.")


@app.command("export")
@cli_errors
def export(
    inputs: list[Path] = INPUTS,
    codebook: Path = typer.Option(..., "--codebook", "-c", help="YAML codebook."),
    out: Path = typer.Option(..., "--out", "-o", help="The .qdpx project to write."),
    id_column: Optional[str] = ID_COLUMN,
    question: Optional[list[str]] = QUESTION,
    variable: Optional[list[str]] = typer.Option(None, "--variable", "-v", help="Respondent variable to carry as a "
                                                 "case variable; repeat for several. Default: none (other columns "
                                                 "may hold names, e-mail or IP addresses)."),
    all_variables: bool = typer.Option(False, "--all-variables", help="Carry every other input column as a case "
                                       "variable (check first that none identifies people)."),
    pseudonymise: bool = typer.Option(False, "--pseudonymise", help="Pseudonymise the texts (names after titles, "
                                      "e-mail, phone, national register numbers, IBAN, addresses); codings move along."),
    offsets: str = typer.Option("codepoints", "--offsets", help="How positions are counted: 'codepoints' (REFI, "
                                "QualCoder, ATLAS.ti, MAXQDA) or 'utf16' (NVivo, whose positions shift after an "
                                "emoji otherwise)."),
    model: Optional[str] = MODEL,
    user: str = typer.Option("qualkit", "--user", help="Coder name the codings are recorded under."),
    encoding: Optional[str] = ENCODING,
    delimiter: Optional[str] = DELIMITER,
    sheet: Optional[str] = SHEET,
    speaker_pattern: Optional[str] = SPEAKER,
    interviewer: Optional[list[str]] = INTERVIEWER,
    code_interviewer: bool = CODE_INTERVIEWER,
    format: str = typer.Option("qdpx", "--format", help="Exchange format; only REFI-QDA 'qdpx'."),
) -> None:
    """Code the inputs and export a REFI-QDA project (.qdpx): sources, codes, codings, cases and the variables you name."""
    from qualkit.errors import RefiError
    from qualkit.io import check_output_file
    from qualkit.refi import export_qdpx
    from qualkit.refi.offsets import CONVENTIONS
    from qualkit.refi.private import keep_variables, pseudonymise_project
    from qualkit.workflow import code_inputs

    if format != "qdpx":
        raise RefiError(535, format=format)
    if offsets not in CONVENTIONS:
        raise RefiError(521, convention=repr(offsets), known=", ".join(CONVENTIONS))
    check_output_file(out, [*inputs, codebook])  # before the work, not after
    options = read_options(id_column, question, encoding, delimiter, sheet, speaker_pattern, interviewer,
                           code_interviewer)
    with ProgressBar() as progress:
        result = code_inputs(inputs, codebook, options, model=model, progress=progress)
    corpus = keep_variables(result.corpus, None if all_variables else list(variable or []), str(out))
    user = user.strip() or "qualkit"
    codings = result.codings.assign(coder=user)
    if pseudonymise:
        corpus, codings = pseudonymise_project(corpus, codings, result.codebook.language)
    export_qdpx(corpus, codings, result.codebook, out, user=user, offsets=offsets)
    shown = ", ".join(map(str, corpus.respondents.columns)) or "none"
    from qualkit.report.i18n import singular

    typer.echo(singular(f"Wrote {out}: {len(corpus.documents)} sources, {len(codings)} codings by '{user}'; ") +
               f"case variables: {shown}{'; texts pseudonymised' if pseudonymise else ''}.")


@app.command("import")
@cli_errors
def import_(
    qdpx: Path = typer.Argument(..., help="REFI-QDA project (.qdpx) from NVivo, ATLAS.ti, MAXQDA, QualCoder or qualkit."),
    out: Path = typer.Option(Path("qualkit-import"), "--out", "-o", help="Output folder (replaced as a whole)."),
) -> None:
    """Import a REFI-QDA project: codebook.yaml, codings.csv (per coder), segments.csv, respondents.csv, refi.yaml."""
    from qualkit.codebook.io import dumps
    from qualkit.io import check_output_dir, output_dir
    from qualkit.io.sheets import write_csv
    from qualkit.refi import import_qdpx
    from qualkit.refi.blocks import dump_yaml

    check_output_dir(out, [qdpx])
    got = import_qdpx(qdpx)
    with output_dir(out, inputs=[qdpx], command="import") as stage:
        (stage / "codebook.yaml").write_text(dumps(got.codebook), encoding="utf-8")
        write_csv(got.codings, stage / "codings.csv", raw=True)
        write_csv(got.corpus.frame(), stage / "segments.csv", raw=True)
        write_csv(got.corpus.respondents, stage / "respondents.csv", raw=True, index=True)
        (stage / "refi.yaml").write_text(dump_yaml(got.meta.to_dict()), encoding="utf-8")
    for p in got.problems:
        typer.echo(f"Note: {shown(p)}", err=True)
    per = got.codings.groupby("coder").size() if len(got.codings) else {}
    who = ", ".join(f"{c} {n}" for c, n in dict(per).items()) or "none"
    from qualkit.report.i18n import singular

    typer.echo(singular(f"Imported {len(got.corpus.documents)} sources, {len(got.codebook.codes)} codes; ") +
               f"codings per coder: {shown(who)}.")
    typer.echo(f"Wrote {out}/: codebook.yaml, codings.csv (with each coding's note and GUID), segments.csv, "
               "respondents.csv, refi.yaml (users, GUIDs, notes, annotations and source groups of the project)")
