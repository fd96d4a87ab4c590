"""Checks shared by the statistics modules (QK401..QK419).

Messages name questions, variables, columns, codes and ids, never respondent text.
"""
from __future__ import annotations

import difflib
import re
from typing import Iterable, Sequence

import pandas as pd

from qualkit.errors import AnalysisError
from qualkit.types import Corpus

UNCODED = "uncoded"
"""The ``code`` of the row for respondents who answered but got no code (frequency
tables, breakdowns, theme records): the one definition."""
_UNCODED_LABELS = {"nl": "geen code", "en": "uncoded"}


def uncoded_label(codebook) -> str:
    """The label of the :data:`UNCODED` row in a codebook's language; :data:`UNCODED` for a
    codebook without labels of its own (each label its code: a learned model's codes), whose
    output has no language of its labels to follow."""
    if all(c.label == c.id for c in codebook.codes):
        return UNCODED
    return _UNCODED_LABELS.get(codebook.language, UNCODED)


def listing(items: Iterable[object], limit: int = 20) -> str:
    """``'a', 'b', 'c'`` (first ``limit`` items, then ``... (N more)``)."""
    items = list(items)
    shown = ", ".join(repr(i) for i in items[:limit])
    more = len(items) - limit
    return shown + (f" ... ({more} more)" if more > 0 else "") if items else "(none)"


def require_columns(frame: pd.DataFrame, columns: Sequence[str], what: str) -> None:
    """Raise ``AnalysisError`` naming every missing column at once."""
    if not isinstance(frame, pd.DataFrame):
        raise AnalysisError(438, what=what, type=type(frame).__name__)
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise AnalysisError(403, what=what, missing=listing(missing), needs=listing(columns),
                            has=listing(frame.columns))


def check_question(corpus: Corpus, question: str) -> None:
    """Raise QK401 unless ``question`` is one of the corpus's questions."""
    if question in corpus.questions or any(s.question == question for s in corpus.segments):
        return
    raise AnalysisError(401, question=question, questions=listing(corpus.questions))


def check_variable(corpus: Corpus, variable: str) -> None:
    """Raise QK402 unless ``variable`` is a column of ``corpus.respondents``,
    suggesting the names it may have meant (case aside, or close in spelling)."""
    names = [str(c) for c in corpus.respondents.columns]
    if variable in corpus.respondents.columns:
        return
    typed = " ".join(str(variable).split())
    by_text = [n for n in names if typed and (" ".join(str(corpus.labels.get(n, "")).split()) == typed
                                              or str(corpus.labels.get(n, "")).rstrip().endswith(f"[{typed}]"))]
    if variable in corpus.questions:
        hint = " It is a question (--question), not a variable of the respondents."
    elif by_text:   # the header text of a LimeSurvey/SPSS column: the column has an id
        hint = f" Did you mean {' or '.join(map(repr, by_text))} (the id of the column with that text)?"
    else:
        close = suggest(str(variable), names)
        hint = f" Did you mean {' or '.join(map(repr, close))}?" if close else ""
    raise AnalysisError(402, variable=variable, count=len(names), available=listing(names, limit=100),
                        suggestion=hint)


def suggest(name: str, names: Sequence[str], n: int = 3) -> list[str]:
    """The ``names`` a user who typed ``name`` may have meant: same name in another case
    first, then close spellings (difflib), at most ``n``.

    >>> suggest("Rol", ["regio", "rol", "leeftijd"])
    ['rol']
    >>> suggest("leeftyd", ["regio", "rol", "leeftijd"])
    ['leeftijd']
    """
    lower: dict[str, list[str]] = {}
    for v in names:
        lower.setdefault(v.lower(), []).append(v)
    same = lower.get(name.lower(), [])
    close = difflib.get_close_matches(name.lower(), list(lower), n=n, cutoff=0.7)
    return list(dict.fromkeys([*same, *(v for c in close for v in lower[c])]))[:n]


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
