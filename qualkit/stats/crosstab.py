"""Codes broken down by a respondent variable, with a test per code.

For each code the respondents who answered the question form a 2 x G table
(coded / not coded by group). The test is Pearson's chi-square test of
independence (no continuity correction unless asked) when every expected count
is at least 5; otherwise Fisher's exact test when there are two groups, and
else the chi-square test with the note ``low expected counts``. ``p_holm`` is
the Holm-adjusted p value over all codes tested for the question.

Respondents who answered but have no value for the variable are not dropped:
they form the last column, :attr:`Crosstab.missing_group` ("geen antwoord"),
with its own base, and are left out of the tests (they are not a group).

>>> from qualkit.stats import crosstab
>>> from qualkit.types import Segment, Corpus
>>> from qualkit.codebook.model import Codebook, Code
>>> segs = [Segment("x", f"R{i}/Q1", 0, 1, f"R{i}", "Q1", "s.csv") for i in range(4)]
>>> resp = pd.DataFrame({"regio": ["N", "N", "Z", None]}, index=[f"R{i}" for i in range(4)])
>>> corpus = Corpus(segs, {}, resp, ["Q1"], "survey")
>>> cb = Codebook("demo", "1", [Code("personeel", "Meer personeel")])
>>> codings = pd.DataFrame({"unit_id": ["R0", "R2"], "question": ["Q1", "Q1"], "code": ["personeel"] * 2})
>>> ct = crosstab(codings, corpus, cb, "Q1", "regio")
>>> ct.counts.to_dict("index")
{'personeel': {'N': 1, 'Z': 1, 'geen antwoord': 0}, 'uncoded': {'N': 1, 'Z': 0, 'geen antwoord': 1}}
>>> ct.bases.tolist(), ct.missing, ct.tests.loc["personeel", "test"]
([2, 1, 1], 1, 'fisher')
>>> ct.note
"1 respondent without a value for 'regio': column 'geen antwoord', not in the tests"

:func:`~qualkit.stats.crosstab` itself is in :mod:`qualkit.stats.counts` (the one counter).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

LOW_EXPECTED = "low expected counts"
TEST_COLUMNS = ["test", "statistic", "df", "p", "p_holm", "min_expected", "note"]
_MISSING_LABELS = {"nl": "geen antwoord", "en": "no answer"}


def missing_label(language: str) -> str:
    """The name of the column of respondents without a value, in a codebook's language."""
    return _MISSING_LABELS.get(language, _MISSING_LABELS["en"])


@dataclass
class Crosstab:
    """A code x group breakdown of one question by one respondent variable.

    ``counts``: respondents coded (rows: codes in codebook order, then ``uncoded``;
    columns: groups, then :attr:`missing_group` when some respondents have no
    value). ``bases``: respondents who answered, per column. ``pct``: column
    percentages (0-100). ``tests`` (over the groups, not the missing column): per
    code ``test`` (``chi2``, ``fisher`` or ``none``), ``statistic`` (chi-square,
    or the odds ratio for Fisher), ``df``, ``p``, ``p_holm``, ``min_expected`` and
    ``note``. ``missing``: answered respondents without a value for the variable.
    """

    question: str
    variable: str
    counts: pd.DataFrame
    bases: pd.Series
    pct: pd.DataFrame
    tests: pd.DataFrame
    labels: dict[str, str] = field(default_factory=dict)
    missing: int = 0
    missing_group: str | None = None
    """The column of respondents without a value (None when there are none)."""
    question_text: str = ""
    variable_text: str = ""
    """The question's and the variable's texts in the export (LimeSurvey, SPSS labels), if any."""

    @property
    def groups(self) -> list:
        """The columns that are groups (every column but :attr:`missing_group`)."""
        return [g for g in self.counts.columns if self.missing_group is None or g != self.missing_group]

    @property
    def note(self) -> str:
        """A line for under the table about respondents without a value ('' when none)."""
        if not self.missing:
            return ""
        who = "respondent" if self.missing == 1 else "respondents"
        return (f"{self.missing} {who} without a value for {self.variable!r}: "
                f"column {self.missing_group!r}, not in the tests")

    def to_frame(self, tests: bool = False) -> pd.DataFrame:
        """Tidy long frame ``code, label, group, n, base, pct`` for CSV export (the
        missing column's rows too); with ``tests``, each row also has its code's
        test columns."""
        rows = []
        for code in self.counts.index:
            for group in self.counts.columns:
                rows.append({
                    "code": code, "label": self.labels.get(code, code), "group": group,
                    "n": int(self.counts.at[code, group]), "base": int(self.bases[group]),
                    "pct": float(self.pct.at[code, group]),
                })
        out = pd.DataFrame(rows, columns=["code", "label", "group", "n", "base", "pct"])
        return out.merge(self.tests.reset_index(), on="code", how="left") if tests else out


def code_test(coded: np.ndarray, bases: np.ndarray, correction: bool = False) -> dict:
    """The test for one code: ``coded`` and ``bases`` per group.

    >>> code_test(np.array([1, 1]), np.array([2, 1]))["test"]
    'fisher'
    """
    from scipy.stats import chi2_contingency, fisher_exact   # scipy.stats: ~0.5 s, only with breakdowns
    from scipy.stats.contingency import expected_freq

    out = {"test": "none", "statistic": np.nan, "df": np.nan, "p": np.nan, "min_expected": np.nan, "note": ""}
    if len(bases) < 2:
        out["note"] = "fewer than two groups"
        return out
    table = np.vstack([coded, bases - coded])
    if (table.sum(axis=1) == 0).any():
        out["note"] = "no variation"
        return out
    out["min_expected"] = float(expected_freq(table).min())
    if out["min_expected"] >= 5 or len(bases) > 2:
        res = chi2_contingency(table, correction=correction)
        out.update(test="chi2", statistic=float(res.statistic), df=float(res.dof), p=float(res.pvalue))
        if out["min_expected"] < 5:
            out["note"] = LOW_EXPECTED
    else:
        res = fisher_exact(table)
        out.update(test="fisher", statistic=float(res.statistic), p=float(res.pvalue))
    return out


def holm(p: pd.Series) -> pd.Series:
    """Holm-adjusted p values (NaN stays NaN): the same numbers as statsmodels'
    ``multipletests(p, method="holm")[1]`` (a test checks it), written out because that
    call runs a full ``gc.collect()`` every time (statsmodels PR #8671): ~0.2 s each
    with a spaCy pipeline in memory, for every question x breakdown and wave pair.

    >>> holm(pd.Series([0.01, 0.04, 0.03])).round(2).tolist()
    [0.03, 0.06, 0.06]
    """
    vals = p.dropna().sort_values(kind="stable")
    m = len(vals)
    adjusted = np.minimum(1.0, np.maximum.accumulate((m - np.arange(m)) * vals.to_numpy(dtype=float)))
    return pd.Series(adjusted, index=vals.index, dtype=float).reindex(p.index)
