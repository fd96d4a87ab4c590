"""Checks shared by the statistics modules (QK401..QK419).

Messages name questions, variables, columns, codes and ids, never respondent text.
"""
from __future__ import annotations

import re

from typing import Iterable, Sequence

import pandas as pd

from qualkit.errors import AnalysisError
from qualkit.types import Corpus


def listing(items: Iterable[object], limit: int = 20) -> str:
    """``'a', 'b', 'c'`` (first ``limit`` items, then ``... (N more)``)."""
    items = list(items)
    shown = ", ".join(repr(i) for i in items[:limit])
    more = len(items) - limit
    return shown + (f" ... ({more} more)" if more > 0 else "") if items else "(none)"


def require_columns(frame: pd.DataFrame, columns: Sequence[str], what: str, code: int = 403) -> None:
    """Raise ``AnalysisError`` naming every missing column at once."""
    if not isinstance(frame, pd.DataFrame):
        raise AnalysisError(code, f"{what}: expected a pandas DataFrame, got {type(frame).__name__}.")
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise AnalysisError(
            code,
            f"{what}: missing column(s) {listing(missing)}. It needs {listing(columns)}; "
            f"it has {listing(frame.columns)}.",
        )


def check_question(corpus: Corpus, question: str) -> None:
    """Raise QK401 unless ``question`` is one of the corpus's questions."""
    if question in corpus.questions or any(s.question == question for s in corpus.segments):
        return
    raise AnalysisError(
        401,
        f"question {question!r} is not in the corpus. Use one of: {listing(corpus.questions)}.",
    )


def check_variable(corpus: Corpus, variable: str) -> None:
    """Raise QK402 unless ``variable`` is a column of ``corpus.respondents``."""
    if variable not in corpus.respondents.columns:
        raise AnalysisError(
            402,
            f"respondent variable {variable!r} is not in the corpus. "
            f"Available variables: {listing(corpus.respondents.columns)}.",
        )


def ordered_unique(values: Iterable[object]) -> list:
    """Unique values, sorted when they can be, else in order of first appearance.

    Text bands sort by their first number, so ``<10u``, ``10-20u``, ``>20u`` and
    ``1 - helemaal oneens`` ... ``5 - helemaal eens`` come out in reading order.

    >>> ordered_unique([">20u", "10-20u", "<10u", "10-20u"])
    ['<10u', '10-20u', '>20u']
    """
    seen = list(dict.fromkeys(values))
    try:
        if all(isinstance(v, str) for v in seen) and all(_NUM.search(v) for v in seen):
            return sorted(seen, key=_band_key)
        return sorted(seen)
    except TypeError:
        return seen


_NUM = re.compile(r"\d+(?:[.,]\d+)?")


def _band_key(v: str) -> tuple:
    m = _NUM.search(v)
    assert m is not None
    head = v[: m.start()].strip()
    rank = 0 if head.startswith(("<", "≤", "tot", "minder", "less", "under")) else 2 if head.startswith((">", "≥", "meer", "more", "over")) else 1
    return float(m.group().replace(",", ".")), rank, v
