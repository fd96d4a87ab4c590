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
    from qualkit.coding import check_examples
    from qualkit.errors import CodebookError
    from qualkit.nlp import load_pipeline

    cb = load_codebook(codebook)
    checks = check_examples(cb, load_pipeline(cb.language, model))
    failed = [c for c in checks if not c.passed]
    typer.echo(f"{codebook}: {cb.name} {cb.version}, {len(cb.codes)} codes, valid.")
    typer.echo(f"examples: {len(checks) - len(failed)} of {len(checks)} pass.")
    for c in failed:
        kind = "match" if c.expected else "no_match"
        want = "should get" if c.expected else "should not get"
        text = cb.code(c.code).match[c.index] if c.expected else cb.code(c.code).no_match[c.index]
        typer.echo(f"  FAIL code '{c.code}', examples.{kind}[{c.index}] {text!r}: {want} the code.")
    if failed:
        raise CodebookError(210, f"{codebook}: {len(failed)} example(s) fail. Adjust the rules (or the examples) "
                            "of the codes listed above.")
