"""One exception tree for qualkit.

Every message is numbered (``[QKnnn]``) and says what is wrong, where, and how
to fix it. Messages name files, rows, columns and codes, never respondent text:
answers and transcripts are personal data.

Ranges: QK1xx ingest, QK2xx codebook, QK3xx NLP and coding, QK4xx statistics
and agreement, QK5xx REFI-QDA, QK6xx reports, QK7xx projects and waves,
QK8xx resource limits, QK9xx output files.

Every code has one entry in :data:`MESSAGES` (the catalogue: one file per range
of codes, ``qualkit/errors/catalogue_*.py``, merged in :mod:`qualkit.errors.catalogue`
and re-exported here): its message template and a longer explanation for
``docs/errors.md``. A raise names the code and fills the template's fields:

>>> raise CodebookError(201, path="codebooks/x.yaml")
Traceback (most recent call last):
...
qualkit.errors.CodebookError: [QK201] codebooks/x.yaml: codebook file not found. Check the path, or list the bundled ones in codebooks/.
"""
from __future__ import annotations

import re

from qualkit.errors.catalogue import MESSAGES, RANGES, Message  # noqa: F401 (re-exported)


def render(code: int, fields: dict[str, object]) -> str:
    """The message for ``code`` with ``fields`` filled in."""
    return MESSAGES[code].template.format(**fields)


def reference_page() -> str:
    """``docs/errors.md``: every code with its message and what to do (``python docs/make_errors.py``)."""
    out = ["# Error reference\n\n",
           "Every error qualkit reports starts with a code such as `[QK101]`. The message says what is wrong, where "
           "(file, line, row, column, code) and how to fix it; this page says a little more about each code. The "
           "parts in angle brackets are filled in from your input; they never hold the text of answers or "
           "transcripts. On the command line an error ends the command with exit code 1.\n\n",
           "Generated from `qualkit/errors/catalogue_*.py` by `python docs/make_errors.py`; do not edit by hand.\n"]
    last = None
    for code, msg in sorted(MESSAGES.items()):
        if code // 100 != last:
            last = code // 100
            out.append(f"\n## QK{last}xx: {RANGES[last]}\n")
        shown = re.sub(r"\{(\w+)[^{}]*\}", r"<\1>", msg.template.replace("{{", "\0").replace("}}", "\1"))
        shown = shown.replace("\0", "{").replace("\1", "}").replace("\n", " ")
        out.append(f"\n### QK{code:03d}\n\n`{shown}`\n\n{msg.explain}\n")
    return "".join(out)


class QualkitError(Exception):
    """Base class: an error the user can act on. ``str(err)`` is the full message.

    ``XError(code, **fields)`` fills the template of ``MESSAGES[code]``; ``err.code``
    is the number and ``err.message`` the text without it.

    Raised ``from None`` inside an ``except`` block, it hides the exception caught
    there: ``__context__`` reads None. That exception can hold the input itself
    (``UnicodeDecodeError.object`` is the whole file, ``JSONDecodeError.doc`` the
    line), and tools that walk the chain (logging, error trackers) would show it.
    """

    def __init__(self, code: int, /, **fields: object):
        self.code = code
        self.message = render(code, fields)
        super().__init__(f"[QK{code:03d}] {self.message}")

    def __reduce__(self):
        # the finished text, not the fields, so errors survive pickling (Dask and
        # multiprocessing workers send them back to the main process that way)
        return _rebuild, (type(self), self.code, self.message), self.__dict__

    @property  # type: ignore[override]
    def __context__(self) -> BaseException | None:
        return None if self.__suppress_context__ else BaseException.__context__.__get__(self)  # type: ignore[attr-defined]

    @__context__.setter
    def __context__(self, value: BaseException | None) -> None:
        BaseException.__context__.__set__(self, value)  # type: ignore[attr-defined]


def _rebuild(cls: type[QualkitError], code: int, message: str) -> QualkitError:
    """An unpickled error: its class, code and finished message (no fields to render again)."""
    err = cls.__new__(cls)
    err.code, err.message = code, message
    Exception.__init__(err, f"[QK{code:03d}] {message}")
    return err


class InputError(QualkitError, ValueError):
    """A survey export, transcript or coding file cannot be read as asked."""


class CodebookError(QualkitError, ValueError):
    """A codebook is invalid. ``problems`` lists every problem found, not just the first."""

    def __init__(self, code: int, /, **fields: object):
        super().__init__(code, **fields)
        self.problems = [self.message]


class PipelineError(QualkitError, RuntimeError):
    """A spaCy pipeline or embedding model cannot be loaded or used."""


class ModelError(QualkitError, ValueError):
    """A learned model or theme model is missing, unfitted or does not fit the data."""


class NotFittedError(ModelError, AttributeError):
    """An estimator was used before ``fit``."""


class AnalysisError(QualkitError, ValueError):
    """Statistics or agreement cannot be computed on the data given."""


class RefiError(QualkitError, ValueError):
    """A REFI-QDA file (.qdc / .qdpx) is invalid or unsafe."""


class ProjectError(QualkitError, ValueError):
    """A project file (qualkit.yaml) or a wave is invalid."""


class LimitError(QualkitError, ValueError):
    """An input passes a resource limit (size, nesting, time)."""


class OutputError(QualkitError, OSError):
    """An output file cannot be written."""
