"""What every command shares: turning QualkitError into 'Error: ...' and exit 1."""
from __future__ import annotations

import functools
import logging
from typing import Callable

import typer

from qualkit.errors import QualkitError


def cli_errors(fn: Callable) -> Callable:
    """Run a command; a QualkitError becomes ``Error: [QK...] ...`` on stderr, exit 1.
    Anything else is a bug and keeps its traceback (without local variables)."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        _logging()
        try:
            return fn(*args, **kwargs)
        except QualkitError as e:
            typer.echo(f"Error: {e}", err=True)
            raise typer.Exit(1) from None

    return wrapper


def _logging() -> None:
    log = logging.getLogger("qualkit")
    if not any(getattr(h, "_qualkit", False) for h in log.handlers):
        h = logging.StreamHandler()
        h.setFormatter(logging.Formatter("Note: %(message)s"))
        h._qualkit = True  # type: ignore[attr-defined]
        log.addHandler(h)
        log.propagate = False
    for h in log.handlers:  # CliRunner swaps sys.stderr per invocation
        if getattr(h, "_qualkit", False):
            import sys

            h.setStream(sys.stderr)
