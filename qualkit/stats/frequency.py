"""Shares with Wilson confidence intervals, and the table of coded segments.

The unit of every table is the respondent (``unit_id``): a respondent counts once
for a code however many of their sentences carry it. The base of a question is
the respondents who answered it (:meth:`Corpus.answered`; segments with
``coded=False``, such as interviewer turns, do not count). Answers are
multi-response, so the shares of a question need not add up to 100. The counts
come from :mod:`qualkit.stats.counts` (``frequency_table`` is there).

Errors: QK404 bad ``k``/``n`` for :func:`wilson`, QK405 bad confidence level,
QK407 a coding points outside the corpus.
"""
from __future__ import annotations

from statistics import NormalDist

import numpy as np
import pandas as pd

from qualkit.errors import AnalysisError
from qualkit.stats._common import require_columns
from qualkit.stats.matrices import TurnIndex, speaker_key
from qualkit.types import Corpus

SEGMENT_COLUMNS = [
    "unit_id", "question", "speaker", "doc_id", "unit_start", "unit_end", "time_start", "time_end",
    "code", "matched", "rule", "method", "confidence", "text",
]
"""Columns of :func:`segments_table`."""
_FROM_CODINGS = [c for c in SEGMENT_COLUMNS if c not in ("time_start", "time_end", "text")]


def wilson(k, n, confidence: float = 0.95):
    """Wilson score interval for ``k`` successes out of ``n``, as proportions (0-1).

    Works on numbers or on arrays of equal shape. ``n == 0`` gives ``(nan, nan)``.
    The same numbers as statsmodels' ``proportion_confint(k, n, method="wilson")``
    (a test checks it), written out because importing statsmodels brings
    scipy.stats (~0.6 s), which frequency tables alone do not need.

    >>> [round(x, 4) for x in wilson(45, 100)]
    [0.3561, 0.5476]
    >>> wilson(0, 0)
    (nan, nan)
    """
    if not 0 < confidence < 1:
        raise AnalysisError(405, level=confidence)
    k_arr = np.asarray(k, dtype=float)
    n_arr = np.asarray(n, dtype=float)
    if np.any(k_arr < 0) or np.any(n_arr < 0) or np.any(k_arr > n_arr):
        raise AnalysisError(404, k=k, n=n)
    z = NormalDist().inv_cdf(1 - (1 - confidence) / 2)
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


def segments_table(codings: pd.DataFrame, corpus: Corpus) -> pd.DataFrame:
    """The coded segments: one row per coding, with the text of the coded unit.

    Columns are :data:`SEGMENT_COLUMNS`; ``text`` is
    ``corpus.documents[doc_id][unit_start:unit_end]``, ``time_start``/``time_end``
    those of the turn holding the unit (WebVTT cue times; empty for other inputs). For
    transcripts ``speaker`` is the speaker's key in every interview table
    (:func:`qualkit.stats.matrices.speaker_key`: ``Participant (3)`` for a role label).

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
    require_columns(codings, _FROM_CODINGS, "codings")
    out = codings.loc[:, _FROM_CODINGS].reset_index(drop=True)
    docs = corpus.documents
    texts = []
    for i, (doc, start, end) in enumerate(zip(out["doc_id"], out["unit_start"], out["unit_end"])):
        if doc not in docs:
            raise AnalysisError(407, row=i, doc=doc)
        text = docs[doc]
        if not 0 <= int(start) <= int(end) <= len(text):
            raise AnalysisError(408, row=i, start=start, end=end, document=doc, length=len(text))
        texts.append(text[int(start):int(end)])
    starts, ends = _turn_times(corpus, out["doc_id"], out["unit_start"])
    out.insert(out.columns.get_loc("unit_end") + 1, "time_start", pd.Series(starts, index=out.index, dtype=object))
    out.insert(out.columns.get_loc("time_start") + 1, "time_end", pd.Series(ends, index=out.index, dtype=object))
    out["text"] = pd.Series(texts, index=out.index, dtype=object)
    if corpus.kind == "transcript":   # the speaker as every interview table names it: 'Participant (3)'
        out["speaker"] = pd.Series([speaker_key(str(d), s if isinstance(s, str) else "")
                                    for d, s in zip(out["doc_id"], out["speaker"])], index=out.index, dtype=object)
    return out


def _turn_times(corpus: Corpus, docs, starts) -> tuple[list[str], list[str]]:
    """The times of the turns holding the units that start at ``starts`` of ``docs``."""
    if not any(s.time_start or s.time_end for s in corpus.segments):
        return [""] * len(docs), [""] * len(docs)
    index = TurnIndex(corpus.segments)
    found = [index.find(str(d), int(a))[1] for d, a in zip(docs, starts)]
    return ([t.time_start if t is not None else "" for t in found],
            [t.time_end if t is not None else "" for t in found])


__all__ = ["SEGMENT_COLUMNS", "segments_table", "wilson"]
