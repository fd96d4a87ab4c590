"""``qualkit codebook check`` (and, with REFI-QDA, export/import)."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from qualkit.cli import codebook_app
from qualkit.cli._common import cli_errors


@codebook_app.command("check")
@cli_errors
def check(
    codebook: Path = typer.Argument(..., help="YAML codebook to validate and self-test."),
    model: Optional[str] = typer.Option(None, "--model", help="spaCy pipeline name or path."),
) -> None:
    """Validate a codebook and run its examples (match / no_match) as a self-test."""
    from qualkit.codebook import load_codebook
    from qualkit.coding.examples import check_examples, verify_examples
    from qualkit.nlp import load_pipeline

    cb = load_codebook(codebook)
    checks = check_examples(cb, load_pipeline(cb.language, model))
    failed = [c for c in checks if not c.passed]
    typer.echo(f"{codebook}: {cb.name} {cb.version}, {len(cb.codes)} codes, valid.")
    typer.echo(f"examples: {len(checks) - len(failed)} of {len(checks)} pass.")
    for c in failed:
        typer.echo(f"  FAIL {c.describe()}")
    verify_examples(cb, checks)
