"""What every command shares: turning QualkitError into 'Error: ...' and exit 1, and
the one console every command prints tables through."""
from __future__ import annotations

import functools
import logging
import re
import sys
from typing import Callable

import typer

from qualkit.errors import QualkitError


_UNSHOWN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def shown(text: object) -> str:
    r"""Text from an input (a group, a label, a question text, a file name, a speaker) as the
    terminal shows it: control characters and invisible direction marks as escapes, so a value
    cannot recolour, clear or reorder the screen, or make a link. Notes and errors go through it too.

    >>> print(shown("\x1b[31mrood\u202e"))
    \x1b[31mrood\u202e
    """
    return _UNSHOWN.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), str(text))


def console(stderr: bool = False):
    """The console for tables and progress: user strings (codebook labels, ``--by``
    values, question headers, answers) are shown as they are, never read as rich markup
    (``[/x]`` would raise, ``[link=...]`` would make a hyperlink) or emoji codes."""
    from rich.console import Console

    return Console(stderr=stderr, markup=False, emoji=False, highlight=False)


def cli_errors(fn: Callable) -> Callable:
    """Run a command; a QualkitError becomes ``Error: [QK...] ...`` on stderr, exit 1.
    Anything else is a bug and keeps its traceback (without local variables)."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        _logging()
        try:
            return fn(*args, **kwargs)
        except QualkitError as e:
            typer.echo(f"Error: {shown(e)}", err=True)
            raise typer.Exit(1) from None

    return wrapper


class _Stderr(logging.Handler):
    """Writes notes to whatever sys.stderr is now (test runners swap it)."""

    def emit(self, record: logging.LogRecord) -> None:
        sys.stderr.write(shown(self.format(record)) + "\n")


def _logging() -> None:
    log = logging.getLogger("qualkit")
    if not any(isinstance(h, _Stderr) for h in log.handlers):
        h = _Stderr()
        h.setFormatter(logging.Formatter("Note: %(message)s"))
        log.addHandler(h)
        log.propagate = False
