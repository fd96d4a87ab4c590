"""Tables from incremental counts: frequencies and breakdowns without holding
the corpus in memory.

:class:`Counts` takes one chunk at a time (its segment frame and codings) and
keeps only numbers: per question the base, per code the respondents coded
(categories rolled up from their descendants) and per breakdown group the
same. :meth:`Counts.tables` then gives exactly what
:func:`qualkit.stats.frequency_table` and :func:`qualkit.stats.crosstab` give on
the whole corpus (one answer per respondent and question, as in a survey).

>>> from qualkit.codebook.model import Codebook, Code
>>> cb = Codebook("d", "1", [Code("zorg", "Zorg"), Code("personeel", "Personeel", parent="zorg")])
>>> seg = pd.DataFrame({"segment": [0, 1], "unit_id": ["R1", "R2"], "question": ["Q1", "Q1"]})
>>> cod = pd.DataFrame({"segment": [0], "code": ["personeel"]})
>>> c = Counts(cb, ["Q1"]); c.add(seg, cod)
>>> c.frequency_tables()["Q1"][["code", "n", "base"]].values.tolist()
[['zorg', 1, 2], ['personeel', 1, 2], ['uncoded', 1, 2]]
"""
from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd

from qualkit.codebook.model import Codebook
from qualkit.stats import UNCODED, wilson
from qualkit.stats.crosstab import TEST_COLUMNS, Crosstab, _groups, _test, holm

_UNCODED_LABEL = {"nl": "geen code", "en": "uncoded"}


class Counts:
    """Respondent counts per question, code and breakdown group, added chunk by chunk."""

    def __init__(self, codebook: Codebook, questions: list[str], variables: list[str] | None = None,
                 labels: dict[str, str] | None = None):
        self.codebook, self.questions, self.variables = codebook, list(questions), list(variables or [])
        self.labels = labels or {}
        self.base: Counter = Counter()          # question -> n
        self.coded: Counter = Counter()         # (question, code) -> n
        self.uncoded: Counter = Counter()       # question -> n
        self.gbase: Counter = Counter()         # (question, var, group) -> n
        self.gcoded: Counter = Counter()        # (question, var, group, code) -> n
        self.guncoded: Counter = Counter()      # (question, var, group) -> n
        self.missing: Counter = Counter()       # (question, var) -> n
        self._up = {c.id: [c.id, *self._ancestors(c.id)] for c in codebook.codes}
        self._applies = {(q, c.id) for q in self.questions for c in codebook.codes if c.applies_to(q)}

    def _ancestors(self, cid: str) -> list[str]:
        out, cur, parents = [], self.codebook.code(cid).parent, {c.id: c.parent for c in self.codebook.codes}
        while cur is not None and cur not in out:
            out.append(cur)
            cur = parents.get(cur)
        return out

    def add(self, segments: pd.DataFrame, codings: pd.DataFrame) -> None:
        """Count one chunk: its segment frame (``segment, question`` and the
        ``var:<name>`` columns) and the codings of those segments."""
        seg = segments[segments["question"].isin(self.questions)]
        if seg.empty:
            return
        pairs = codings[["segment", "code"]].copy()
        pairs["code"] = pairs["code"].map(self._up)
        pairs = pairs.explode("code").drop_duplicates()
        pairs = pairs.merge(seg[["segment", "question", *self._vcols()]], on="segment", how="inner")
        ok = [(q, c) in self._applies for q, c in zip(pairs["question"], pairs["code"])]
        pairs = pairs[np.asarray(ok, dtype=bool)]
        coded_segments = set(pairs["segment"].tolist())
        is_uncoded = ~seg["segment"].isin(coded_segments)
        self.base.update(seg["question"].value_counts().to_dict())
        self.uncoded.update(seg.loc[is_uncoded, "question"].value_counts().to_dict())
        self.coded.update(Counter(zip(pairs["question"], pairs["code"])))
        for var in self.variables:
            col = f"var:{var}"
            has = seg[col].notna()
            self.missing.update(Counter((q, var) for q in seg.loc[~has, "question"]))
            self.gbase.update(Counter((q, var, g) for q, g in zip(seg.loc[has, "question"], seg.loc[has, col])))
            un = seg[has & is_uncoded]
            self.guncoded.update(Counter((q, var, g) for q, g in zip(un["question"], un[col])))
            pv = pairs[pairs[col].notna()]
            self.gcoded.update(Counter((q, var, g, c) for q, g, c in zip(pv["question"], pv[col], pv["code"])))

    def _vcols(self) -> list[str]:
        return [f"var:{v}" for v in self.variables]

    def frequency_tables(self) -> dict[str, pd.DataFrame]:
        """Per question the table :func:`qualkit.stats.frequency_table` would give."""
        out = {}
        lab = _UNCODED_LABEL.get(self.codebook.language, UNCODED)
        for q in self.questions:
            codes = [c for c in self.codebook.codes if c.applies_to(q)]
            base = int(self.base[q])
            counts = np.array([self.coded[(q, c.id)] for c in codes] + [self.uncoded[q]], dtype=np.int64)
            low, high = wilson(counts, np.full(len(counts), base))
            with np.errstate(divide="ignore", invalid="ignore"):
                pct = np.where(base > 0, counts / max(base, 1) * 100.0, np.nan)
            df = pd.DataFrame({
                "code": [c.id for c in codes] + [UNCODED], "label": [c.label for c in codes] + [lab],
                "parent": [c.parent for c in codes] + [None], "n": counts.astype(np.int64),
                "pct": pct.astype(float), "ci_low": np.asarray(low, dtype=float) * 100.0,
                "ci_high": np.asarray(high, dtype=float) * 100.0,
                "base": np.full(len(counts), base, dtype=np.int64),
            })
            df.attrs.update(base=base, question=q, question_label=self.labels.get(q, ""))
            out[q] = df
        return out

    def crosstab(self, question: str, variable: str) -> Crosstab:
        """The :class:`~qualkit.stats.Crosstab` that :func:`qualkit.stats.crosstab` would give."""
        cb = self.codebook
        seen = [g for (q, v, g), n in self.gbase.items() if q == question and v == variable and n > 0]
        groups = _groups(pd.Series(seen, dtype=object))  # the order crosstab() gives (first seen, bands sorted)
        codes = [c.id for c in cb.codes if c.applies_to(question)] + [UNCODED]
        data = [[self.guncoded[(question, variable, g)] if c == UNCODED else self.gcoded[(question, variable, g, c)]
                 for g in groups] for c in codes]
        counts = pd.DataFrame(np.array(data, dtype=np.int64).reshape(len(codes), len(groups)),
                              index=pd.Index(codes, name="code"), columns=pd.Index(groups, name="group"))
        bases = pd.Series([self.gbase[(question, variable, g)] for g in groups], index=counts.columns,
                          name="base", dtype=np.int64)
        with np.errstate(divide="ignore", invalid="ignore"):
            pct = counts.astype(float).div(bases.where(bases > 0), axis=1) * 100.0
        tests = pd.DataFrame([_test(counts.loc[c].to_numpy(), bases.to_numpy(), False) for c in counts.index],
                             index=counts.index)
        tests["p_holm"] = holm(tests["p"])
        labels = {c.id: c.label for c in cb.codes}
        labels[UNCODED] = "geen code" if cb.language == "nl" else UNCODED
        return Crosstab(question, variable, counts, bases, pct, tests[TEST_COLUMNS], labels,
                        int(self.missing[(question, variable)]))
