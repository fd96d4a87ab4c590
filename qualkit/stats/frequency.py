"""Code frequencies per respondent, with Wilson confidence intervals.

The unit of every table is the respondent (``unit_id``): a respondent counts once
for a code however many of their sentences carry it. The base of a question is
the respondents who answered it (:meth:`Corpus.answered`; segments with
``coded=False``, such as interviewer turns, do not count). Answers are
multi-response, so the shares of a question need not add up to 100.

A category (a code with children in the codebook) counts a respondent who is
coded with the category itself or with any of its descendants.

>>> from qualkit.types import Segment, Corpus
>>> from qualkit.codebook.model import Codebook, Code
>>> segs = [Segment("Meer personeel.", "R1/Q1", 0, 15, "R1", "Q1", "s.csv"),
...         Segment("Niets.", "R2/Q1", 0, 6, "R2", "Q1", "s.csv")]
>>> corpus = Corpus(segs, {"R1/Q1": "Meer personeel.", "R2/Q1": "Niets."},
...                 pd.DataFrame(index=pd.Index(["R1", "R2"], name="unit_id")), ["Q1"], "survey")
>>> cb = Codebook("demo", "1", [Code("personeel", "Meer personeel")])
>>> codings = pd.DataFrame({"unit_id": ["R1"], "question": ["Q1"], "code": ["personeel"]})
>>> frequency_table(codings, corpus, cb, "Q1")[["code", "n", "pct", "base"]]
        code  n   pct  base
0  personeel  1  50.0     2
1    uncoded  1  50.0     2

Errors: QK401 unknown question, QK403 codings frame lacks columns, QK404 bad
``k``/``n`` for :func:`wilson`, QK405 bad confidence level, QK406 codings use
codes the codebook does not have, QK407 a coding points outside the corpus.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.stats import norm

from qualkit.codebook.model import Codebook
from qualkit.errors import AnalysisError
from qualkit.stats._common import require_columns
from qualkit.stats.crosstab import Crosstab, crosstab
from qualkit.stats.matrix import code_matrix
from qualkit.types import Corpus

UNCODED = "uncoded"
"""The ``code`` of the last row of a frequency table: answered, but no code."""

_UNCODED_LABEL = {"nl": "geen code", "en": "uncoded"}

SEGMENT_COLUMNS = [
    "unit_id", "question", "speaker", "doc_id", "unit_start", "unit_end",
    "code", "matched", "rule", "method", "confidence", "text",
]
"""Columns of :func:`segments_table`."""


def wilson(k, n, confidence: float = 0.95):
    """Wilson score interval for ``k`` successes out of ``n``, as proportions (0-1).

    Works on numbers or on arrays of equal shape. ``n == 0`` gives ``(nan, nan)``.

    >>> [round(x, 4) for x in wilson(45, 100)]
    [0.3561, 0.5476]
    >>> wilson(0, 0)
    (nan, nan)
    """
    if not 0 < confidence < 1:
        raise AnalysisError(405, f"confidence level {confidence!r} is not between 0 and 1. Use for example 0.95.")
    k_arr = np.asarray(k, dtype=float)
    n_arr = np.asarray(n, dtype=float)
    if np.any(k_arr < 0) or np.any(n_arr < 0) or np.any(k_arr > n_arr):
        raise AnalysisError(404, f"Wilson interval needs 0 <= k <= n; got k={k!r}, n={n!r}.")
    z = norm.ppf(1 - (1 - confidence) / 2)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = k_arr / n_arr
        denom = 1 + z**2 / n_arr
        centre = (p + z**2 / (2 * n_arr)) / denom
        half = z * np.sqrt(p * (1 - p) / n_arr + z**2 / (4 * n_arr**2)) / denom
        low = np.where(k_arr == 0, 0.0, np.clip(centre - half, 0.0, 1.0))
        high = np.where(k_arr == n_arr, 1.0, np.clip(centre + half, 0.0, 1.0))
        low, high = np.where(n_arr > 0, low, np.nan), np.where(n_arr > 0, high, np.nan)
    if low.ndim == 0:
        return float(low), float(high)
    return low, high


def frequency_table(
    codings: pd.DataFrame, corpus: Corpus, codebook: Codebook, question: str
) -> pd.DataFrame:
    """How many respondents got each code for ``question``, with 95% Wilson intervals.

    One row per code that applies to the question, in codebook order, then a row
    ``uncoded`` (answered, but no code). Columns: ``code, label, parent, n, pct,
    ci_low, ci_high, base``; ``pct`` and the interval are percentages (0-100),
    unrounded. ``df.attrs`` holds ``base``, ``question`` and the question's
    ``question_label`` (when the export had one).

    See the module docstring for an example.
    """
    m = code_matrix(codings, corpus, codebook, question)
    base = len(m)
    n = m.sum(axis=0).to_numpy(dtype=np.int64)
    uncoded = int((m.sum(axis=1) == 0).sum()) if base else 0
    lab = _UNCODED_LABEL.get(codebook.language, UNCODED)
    codes = [codebook.code(c) for c in m.columns]
    counts = np.append(n, uncoded)
    low, high = wilson(counts, np.full(len(counts), base))
    with np.errstate(divide="ignore", invalid="ignore"):
        pct = np.where(base > 0, counts / max(base, 1) * 100.0, np.nan)
    df = pd.DataFrame({
        "code": [c.id for c in codes] + [UNCODED],
        "label": [c.label for c in codes] + [lab],
        "parent": [c.parent for c in codes] + [None],
        "n": counts.astype(np.int64),
        "pct": pct.astype(float),
        "ci_low": np.asarray(low, dtype=float) * 100.0,
        "ci_high": np.asarray(high, dtype=float) * 100.0,
        "base": np.full(len(counts), base, dtype=np.int64),
    })
    df.attrs.update(base=base, question=question, question_label=corpus.labels.get(question, ""))
    return df


def segments_table(codings: pd.DataFrame, corpus: Corpus) -> pd.DataFrame:
    """The coded segments: one row per coding, with the text of the coded unit.

    Columns are :data:`SEGMENT_COLUMNS`; ``text`` is
    ``corpus.documents[doc_id][unit_start:unit_end]``.

    >>> from qualkit.types import Segment, Corpus
    >>> corpus = Corpus([Segment("Meer personeel.", "R1/Q1", 0, 15, "R1", "Q1", "s.csv")],
    ...                 {"R1/Q1": "Meer personeel."}, pd.DataFrame(index=["R1"]), ["Q1"], "survey")
    >>> codings = pd.DataFrame({"unit_id": ["R1"], "question": ["Q1"], "speaker": [""],
    ...     "doc_id": ["R1/Q1"], "unit_start": [0], "unit_end": [15], "code": ["personeel"],
    ...     "matched": ["personeel"], "rule": ["personeel include[1] lemma:personeel"],
    ...     "method": ["rule"], "confidence": [1.0]})
    >>> segments_table(codings, corpus).loc[0, "text"]
    'Meer personeel.'
    """
    cols = SEGMENT_COLUMNS[:-1]
    require_columns(codings, cols, "codings")
    out = codings.loc[:, cols].reset_index(drop=True)
    docs = corpus.documents
    texts = []
    for i, (doc, start, end) in enumerate(zip(out["doc_id"], out["unit_start"], out["unit_end"])):
        if doc not in docs:
            raise AnalysisError(
                407, f"codings row {i}: doc_id {doc!r} is not in the corpus. "
                "Pass the corpus the codings were made from.")
        text = docs[doc]
        if not 0 <= int(start) <= int(end) <= len(text):
            raise AnalysisError(
                407, f"codings row {i}: unit {start}..{end} lies outside document {doc!r} "
                f"(length {len(text)}). Pass the corpus the codings were made from.")
        texts.append(text[int(start):int(end)])
    out["text"] = pd.Series(texts, index=out.index, dtype=object)
    return out


__all__ = [
    "UNCODED", "SEGMENT_COLUMNS", "wilson", "code_matrix", "frequency_table",
    "segments_table", "Crosstab", "crosstab",
]
