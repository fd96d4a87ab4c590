"""How to read the inputs: one record instead of loose keyword arguments.

The same :class:`ReadOptions` travels from the command line (``--id-column``,
``--question``, ``--encoding`` ...) or a project file's wave to every reader, so
a new option is added here once.

>>> opts = ReadOptions(id_column="Respons ID", questions=["Q23*"])
>>> opts.questions, opts.replace(encoding="cp1252").encoding
(('Q23*',), 'cp1252')
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Iterable


def _names(value: str | Iterable[str] | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    if isinstance(value, str):
        return (value,)
    return tuple(value)


@dataclass(frozen=True)
class ReadOptions:
    """What to read from survey exports and transcripts (every field optional).

    Surveys: ``id_column`` (default: a column named like ``id``/``Respons ID``,
    else row numbers), ``questions`` (open-question columns by name or glob),
    ``variables`` (respondent variables to keep; default all other columns),
    ``encoding`` and ``delimiter`` (detected unless given), ``sheet`` (XLSX: a name
    or 0-based index). Transcripts: ``speaker_pattern`` (a regex with a named
    group ``speaker``), ``interviewer`` (speakers whose turns are not coded),
    ``code_interviewer`` (code them anyway), ``skip_speakers`` (labels or globs of
    further speakers not coded: a chair, an interpreter). Lists may be given as
    lists; they are kept as tuples so options can be hashed and shared.
    """

    id_column: str | None = None
    questions: tuple[str, ...] | None = None
    variables: tuple[str, ...] | None = None
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | int | None = None
    speaker_pattern: str | None = None
    interviewer: tuple[str, ...] | None = None
    code_interviewer: bool = False
    skip_speakers: tuple[str, ...] | None = None

    def __post_init__(self) -> None:
        for name in ("questions", "variables", "interviewer", "skip_speakers"):
            object.__setattr__(self, name, _names(getattr(self, name)))

    def replace(self, **changes: Any) -> "ReadOptions":
        """A copy with some fields changed."""
        return dataclasses.replace(self, **changes)
