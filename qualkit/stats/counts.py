"""The one counter behind every table: respondent counts, added chunk by chunk.

:class:`Counts` takes a corpus (or one chunk of it: a :class:`~qualkit.types.Corpus`
holding every segment of the respondents or interviews it has) with its codings,
and keeps only numbers: per question the base (respondents who answered), per
code the respondents coded (a category counts a respondent coded with it or any
descendant, see :func:`~qualkit.stats.matrix.code_matrix`), the uncoded, and the
same per group of each breakdown variable. :func:`~qualkit.stats.frequency_table`
and :func:`~qualkit.stats.crosstab` (below) are this counter over one whole corpus;
the streaming engine feeds it chunk by chunk, so memory does not grow with the input.

>>> from qualkit.types import Corpus, Segment
>>> from qualkit.codebook.model import Code
>>> cb = Codebook("d", "1", [Code("zorg", "Zorg"), Code("personeel", "Personeel", parent="zorg")])
>>> chunk = Corpus([Segment("Meer personeel.", "R1/Q1", 0, 15, "R1", "Q1", "s.csv"),
...                 Segment("Niets.", "R2/Q1", 0, 6, "R2", "Q1", "s.csv")], {},
...                pd.DataFrame({"regio": ["N", "Z"]}, index=["R1", "R2"]), ["Q1"], "survey")
>>> codings = pd.DataFrame({"unit_id": ["R1"], "question": ["Q1"], "code": ["personeel"]})
>>> c = Counts(cb, variables=["regio"]).add(chunk, codings)
>>> c
Counts(questions=['Q1'], variables=['regio'], answered={'Q1': 2})
>>> c.frequency_table("Q1")[["code", "n", "base"]].values.tolist()
[['zorg', 1, 2], ['personeel', 1, 2], ['uncoded', 1, 2]]
>>> c.crosstab("Q1", "regio").counts.to_dict("index")["uncoded"]
{'N': 0, 'Z': 1}
"""
from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from qualkit.codebook.model import Codebook
from qualkit.errors import AnalysisError
from qualkit.stats._common import UNCODED, check_question, check_variable, ordered_unique, uncoded_label
from qualkit.stats.crosstab import TEST_COLUMNS, Crosstab, holm, missing_label, code_test
from qualkit.stats.frequency import wilson
from qualkit.stats.matrix import code_matrix
from qualkit.types import Corpus

log = logging.getLogger("qualkit")

MAX_GROUPS = 20
"""Most groups a breakdown variable may have to be tabled (see :meth:`Counts.crosstabs`)."""
_FEW = 2
"""A breakdown of more than 5 groups with fewer respondents than this per group on average
(an id, a free-text column) is not tabled either."""


@dataclass
class _Groups:
    """Counts of one question by one variable: per group its base and its code counts,
    and the code counts of the respondents without a value (``missing`` of them)."""

    base: Counter = field(default_factory=Counter)
    counts: dict = field(default_factory=dict)
    missing: int = 0
    missing_counts: np.ndarray | None = None
    categories: list | None = None
    valued: int = 0
    too_many: bool = False


class Counts:
    """Respondent counts per question, code and breakdown group, added chunk by chunk.

    ``questions``: the questions to count, in table order (default: every
    question the chunks have, in order of appearance). ``variables``: respondent
    variables to break every question down by (checked against the first chunk;
    a later chunk without the variable, such as transcripts after a survey,
    counts its respondents as missing).
    ``max_groups``: a variable with more groups than this is not tabled (its
    groups stop being counted there, so memory stays flat for an id column).
    Every chunk must hold all segments of each of its units (a respondent's
    answers, an interview's turns), as :func:`qualkit.ingest.read_chunks` gives them.
    """

    def __init__(self, codebook: Codebook, questions: list[str] | None = None, variables: list[str] | None = None,
                 *, max_groups: int = MAX_GROUPS):
        self.codebook = codebook
        self.max_groups = max_groups
        self.given = questions is not None
        self.questions: list[str] = list(questions or [])
        self.variables = list(dict.fromkeys(variables or []))   # a variable named twice is counted once
        self.labels: dict[str, str] = {}
        self.codes: dict[str, list[str]] = {}
        self.base: Counter = Counter()
        self.coded: dict[str, np.ndarray] = {}
        self.uncoded: Counter = Counter()
        self.groups: dict[tuple[str, str], _Groups] = {}
        self._checked = False
        self.kind = "survey"   # the first chunk's corpus kind: the words of a message

    def __repr__(self) -> str:
        answered = {q: int(self.base[q]) for q in self.questions}
        return f"Counts(questions={self.questions!r}, variables={self.variables!r}, answered={answered!r})"

    def add(self, corpus: Corpus, codings: pd.DataFrame) -> "Counts":
        """Count one chunk: ``corpus`` and the codings of its segments
        (columns ``unit_id, question, code``). Returns ``self``."""
        if not self._checked:
            self._start(corpus)
        here = set(corpus.questions)
        if not self.given:
            for q in corpus.questions:
                if q not in self.codes:
                    self._question(q, corpus)
        self.labels.update(corpus.labels)
        for q in self.questions:
            if q not in here and not any(s.question == q for s in corpus.segments):
                continue
            m = code_matrix(codings, corpus, self.codebook, q)
            values = m.to_numpy(dtype=np.int64)
            none = values.sum(axis=1) == 0
            self.base[q] += len(m)
            self.coded[q] += values.sum(axis=0)
            self.uncoded[q] += int(none.sum())
            for var in self.variables:
                column = corpus.respondents[var] if var in corpus.respondents else pd.Series(dtype=object)
                self._add_groups(self.groups[(q, var)], column, m.index, values, none)
        return self

    def _start(self, corpus: Corpus) -> None:
        self.kind = corpus.kind
        for q in self.questions:
            check_question(corpus, q)
        for var in self.variables:
            check_variable(corpus, var)
        for q in list(self.questions):
            self._question(q, corpus)
        self._checked = True

    def _question(self, q: str, corpus: Corpus) -> None:
        if q not in self.questions:
            self.questions.append(q)
        self.codes[q] = [c.id for c in self.codebook.codes if c.applies_to(q)]
        self.coded[q] = np.zeros(len(self.codes[q]), dtype=np.int64)
        for var in self.variables:
            col = corpus.respondents[var] if var in corpus.respondents else pd.Series(dtype=object)
            cats = list(col.cat.categories) if isinstance(col.dtype, pd.CategoricalDtype) else None
            self.groups[(q, var)] = _Groups(categories=cats)

    def _add_groups(self, g: _Groups, column: pd.Series, units: pd.Index, values: np.ndarray,
                    none: np.ndarray) -> None:
        if column.index.has_duplicates:
            column = column[~column.index.duplicated()]
        per_unit = column.reindex(units).astype(object).map(_group_value)
        has = per_unit.notna().to_numpy()
        rows = np.column_stack([values, none]).astype(np.int64)
        missing = rows[~has].sum(axis=0)
        g.missing_counts = missing if g.missing_counts is None else g.missing_counts + missing
        g.missing += int((~has).sum())
        g.valued += int(has.sum())
        if not has.any() or g.too_many:
            return
        frame = pd.DataFrame(rows[has]).groupby(per_unit[has].to_numpy(), sort=False)
        for group, n in frame.size().items():
            g.base[group] += int(n)
        if len(g.base) > self.max_groups:   # not a table anyone can read: stop counting its groups
            g.too_many = True
            g.base.clear()
            g.counts.clear()
            return
        for group, sums in frame.sum().iterrows():
            prev = g.counts.get(group)
            g.counts[group] = sums.to_numpy() if prev is None else prev + sums.to_numpy()

    def frequency_table(self, question: str) -> pd.DataFrame:
        """The frequency table of ``question`` (see :func:`qualkit.stats.frequency_table`)."""
        self._known(question)
        cb = self.codebook
        codes = [cb.code(c) for c in self.codes[question]]
        base = int(self.base[question])
        counts = np.append(self.coded[question], self.uncoded[question]).astype(np.int64)
        low, high = wilson(counts, np.full(len(counts), base))
        with np.errstate(divide="ignore", invalid="ignore"):
            pct = np.where(base > 0, counts / max(base, 1) * 100.0, np.nan)
        df = pd.DataFrame({
            "code": [c.id for c in codes] + [UNCODED],
            "label": [c.label for c in codes] + [uncoded_label(cb)],
            "parent": [c.parent for c in codes] + [None],
            "n": counts,
            "pct": pct.astype(float),
            "ci_low": np.asarray(low, dtype=float) * 100.0,
            "ci_high": np.asarray(high, dtype=float) * 100.0,
            "base": np.full(len(counts), base, dtype=np.int64),
        })
        df.attrs.update(base=base, question=question, question_label=self.labels.get(question, ""))
        return df

    def crosstab(self, question: str, variable: str, correction: bool = False) -> Crosstab:
        """The breakdown of ``question`` by ``variable`` (see :func:`qualkit.stats.crosstab`).
        QK440 when the variable has too many groups to read."""
        self._known(question)
        if (question, variable) not in self.groups:
            raise AnalysisError(420, what="variable", name=variable, counted=", ".join(self.variables) or "(none)")
        g = self.groups[(question, variable)]
        seen = [k for k, n in g.base.items() if n > 0]
        if g.too_many or (len(seen) > 5 and g.valued < _FEW * len(seen)):
            talk = self.kind == "transcript"   # an interview field of transcripts: worded in interviews
            raise AnalysisError(440, variable=variable, n=g.valued, units="interviews" if talk else "respondents",
                                answered="" if talk else f" who answered {question}",
                                groups=f"more than {self.max_groups} groups" if g.too_many else f"{len(seen)} groups",
                                max=self.max_groups)
        groups = [c for c in g.categories if c in g.base] if g.categories is not None else ordered_unique(seen)
        codes = [*self.codes[question], UNCODED]
        data = np.array([g.counts[k] for k in groups], dtype=np.int64).T.reshape(len(codes), len(groups))
        bases = [g.base[k] for k in groups]
        columns = list(groups)
        missing = None
        if g.missing:
            missing = missing_label(self.codebook.language)
            while missing in columns:   # a real group of that name: keep them apart
                missing = f"({missing})"
            data = np.column_stack([data, g.missing_counts.reshape(len(codes), 1)])
            bases.append(g.missing)
            columns.append(missing)
        counts = pd.DataFrame(data, index=pd.Index(codes, name="code"),
                              columns=pd.Index(columns, name="group", dtype=object))
        bases = pd.Series(bases, index=counts.columns, name="base", dtype=np.int64)
        with np.errstate(divide="ignore", invalid="ignore"):
            pct = counts.astype(float).div(bases.where(bases > 0), axis=1) * 100.0
        tests = pd.DataFrame([code_test(counts.loc[c, groups].to_numpy(), bases[groups].to_numpy(), correction)
                              for c in codes], index=counts.index)
        tests["p_holm"] = holm(tests["p"])
        labels = {c.id: c.label for c in self.codebook.codes}
        labels[UNCODED] = uncoded_label(self.codebook)
        return Crosstab(question, variable, counts, bases, pct, tests[TEST_COLUMNS], labels, g.missing, missing,
                        self.labels.get(question, ""), self.labels.get(variable, ""))

    def crosstabs(self, correction: bool = False) -> dict[tuple[str, str], Crosstab]:
        """Every breakdown counted, ``(question, variable) -> Crosstab``, in
        variable-then-question order, leaving out those with too many groups to
        read: for those one warning per variable (QK440, logged) says why and what to do.
        Questions nobody answered have no breakdowns."""
        out: dict[tuple[str, str], Crosstab] = {}
        warned: set[str] = set()
        for var in self.variables:
            for q in self.questions or []:
                if not self.base[q]:   # nobody answered: no groups to show
                    continue
                try:
                    out[(q, var)] = self.crosstab(q, var, correction)
                except AnalysisError as e:
                    if e.code != 440:
                        raise
                    if var not in warned:
                        warned.add(var)
                        log.warning("%s", e)
        return out

    def _known(self, question: str) -> None:
        if question not in self.codes:
            raise AnalysisError(420, what="question", name=question, counted=", ".join(self.questions) or "(none)")


def _group_value(v):
    """A breakdown value as a group: text without surrounding white space (``"Unity "`` is
    ``"Unity"``); blank text is no value."""
    if isinstance(v, str):
        v = v.strip()
        return v or None
    return v


def frequency_table(codings: pd.DataFrame, corpus: Corpus, codebook: Codebook, question: str) -> pd.DataFrame:
    """How many respondents got each code for ``question``, with 95% Wilson intervals.

    One row per code that applies to the question, in codebook order, then a row
    ``uncoded`` (answered, but no code). Columns: ``code, label, parent, n, pct,
    ci_low, ci_high, base``; ``pct`` and the interval are percentages (0-100),
    unrounded. ``df.attrs`` holds ``base``, ``question`` and the question's
    ``question_label`` (when the export had one).

    >>> from qualkit.types import Segment
    >>> from qualkit.codebook.model import Code
    >>> segs = [Segment("Meer personeel.", "R1/Q1", 0, 15, "R1", "Q1", "s.csv"),
    ...         Segment("Niets.", "R2/Q1", 0, 6, "R2", "Q1", "s.csv")]
    >>> corpus = Corpus(segs, {}, pd.DataFrame(index=pd.Index(["R1", "R2"], name="unit_id")), ["Q1"], "survey")
    >>> cb = Codebook("demo", "1", [Code("personeel", "Meer personeel")])
    >>> codings = pd.DataFrame({"unit_id": ["R1"], "question": ["Q1"], "code": ["personeel"]})
    >>> frequency_table(codings, corpus, cb, "Q1")[["code", "n", "pct", "base"]]
            code  n   pct  base
    0  personeel  1  50.0     2
    1    uncoded  1  50.0     2

    Errors: QK401 unknown question, QK403 codings frame lacks columns, QK406
    codings use codes the codebook does not have.
    """
    return Counts(codebook, [question]).add(corpus, codings).frequency_table(question)


def crosstab(codings: pd.DataFrame, corpus: Corpus, codebook: Codebook, question: str, variable: str,
             correction: bool = False) -> Crosstab:
    """Break the codes of ``question`` down by the respondent variable ``variable``.

    Groups are the variable's categories (for a categorical column, in category
    order) or its sorted values; groups without respondents are left out, and
    respondents without a value form the last column (not tested).
    ``correction=True`` applies Yates' continuity correction to 2 x 2 chi-square
    tests. See :mod:`qualkit.stats.crosstab` for the tests and an example.

    Errors: QK401 unknown question, QK402 unknown variable, QK440 too many groups
    to read, plus those of :func:`~qualkit.stats.matrix.code_matrix`.
    """
    return Counts(codebook, [question], [variable]).add(corpus, codings).crosstab(question, variable, correction)
