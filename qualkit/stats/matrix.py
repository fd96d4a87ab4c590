"""The respondent x code matrix every table is counted from.

A respondent counts once for a code however many of their sentences carry it,
and a category (a code with children) counts a respondent coded with the
category or any of its descendants.

>>> from qualkit.types import Segment, Corpus
>>> from qualkit.codebook.model import Codebook, Code
>>> segs = [Segment("Meer personeel.", "R1/Q1", 0, 15, "R1", "Q1", "s.csv"),
...         Segment("Niets.", "R2/Q1", 0, 6, "R2", "Q1", "s.csv")]
>>> corpus = Corpus(segs, {}, pd.DataFrame(index=["R1", "R2"]), ["Q1"], "survey")
>>> cb = Codebook("demo", "1", [Code("zorg", "Zorg"), Code("personeel", "Personeel", parent="zorg")])
>>> codings = pd.DataFrame({"unit_id": ["R1"], "question": ["Q1"], "code": ["personeel"]})
>>> code_matrix(codings, corpus, cb, "Q1").to_dict("index")
{'R1': {'zorg': 1, 'personeel': 1}, 'R2': {'zorg': 0, 'personeel': 0}}
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from qualkit.codebook.model import Codebook
from qualkit.errors import AnalysisError
from qualkit.stats._common import check_question, listing, require_columns
from qualkit.types import Corpus


def _answered(corpus: Corpus, question: str | None) -> tuple[list[str], set[tuple[str, str]] | None]:
    """Respondents who answered (in corpus order) and, for all questions, the answered pairs."""
    if question is not None:
        check_question(corpus, question)
        return corpus.answered(question), None
    units: dict[str, None] = {}
    pairs: set[tuple[str, str]] = set()
    for s in corpus.segments:
        if s.coded:
            units.setdefault(s.unit_id, None)
            pairs.add((s.unit_id, s.question))
    return list(units), pairs


def code_matrix(
    codings: pd.DataFrame, corpus: Corpus, codebook: Codebook, question: str | None = None
) -> pd.DataFrame:
    """Respondent x code 0/1 matrix, categories rolled up from their descendants.

    Rows are the respondents who answered ``question`` (or any question when it is
    ``None``), in corpus order; columns are the codes that apply to ``question``
    (all codes when ``None``), in codebook order. Codings of a question a
    respondent did not answer (an uncoded segment) are ignored.

    See the module docstring for an example.
    """
    require_columns(codings, ["unit_id", "question", "code"], "codings")
    units, pairs = _answered(corpus, question)
    if question is not None:
        keep = (codings["question"] == question) & codings["unit_id"].isin(set(units))
    else:
        keep = pd.Series(
            [(u, q) in pairs for u, q in zip(codings["unit_id"], codings["question"])],
            index=codings.index, dtype=bool,
        )
    rows = codings.loc[keep, ["unit_id", "code"]]
    ids = codebook.ids
    unknown = sorted(set(rows["code"]) - set(ids), key=str)
    if unknown:
        raise AnalysisError(406, codes=listing(unknown), codebook=codebook.name, version=codebook.version)
    index = pd.Index(units, name="unit_id")
    raw = np.zeros((len(units), len(ids)), dtype=bool)
    if len(rows):
        r = index.get_indexer(rows["unit_id"])
        c = pd.Index(ids).get_indexer(rows["code"])
        raw[r, c] = True
    cols = [cd.id for cd in codebook.codes if question is None or cd.applies_to(question)]
    pos = {cid: i for i, cid in enumerate(ids)}
    out = np.zeros((len(units), len(cols)), dtype=np.int64)
    for j, cid in enumerate(cols):
        members = [pos[cid]] + [pos[d] for d in codebook.children(cid)]
        out[:, j] = raw[:, members].any(axis=1)
    return pd.DataFrame(out, index=index, columns=pd.Index(cols, name="code"))
