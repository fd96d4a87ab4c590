"""Code co-occurrence: pairs of codes in the same coded segment and in the same document.

For every pair of codes that were applied (as applied: a category is not rolled
up from its children here, so a code and its parent are not counted as a pair),
:class:`Cooccurrence` counts the coding units (``segments.csv`` rows: one
sentence or turn) that carry both, and the documents (interviews, or a
respondent's answer to one question) that have both somewhere, each with the
Jaccard index: units (documents) with both / units (documents) with either.
ATLAS.ti's code co-occurrence table reports the same counts and its
"c-coefficient" is this Jaccard index.

Documents must not be split over chunks (:func:`qualkit.ingest.read_chunks`
keeps an interview or a respondent in one chunk).

>>> from qualkit.codebook.model import Codebook, Code
>>> cb = Codebook("d", "1", [Code("taal", "Taal"), Code("werk", "Werk"), Code("geld", "Geld")])
>>> codings = pd.DataFrame({"doc_id": ["1", "1", "1", "2"], "unit_start": [0, 0, 9, 0], "unit_end": [8, 8, 20, 5],
...                         "code": ["taal", "werk", "geld", "taal"]})
>>> co = Cooccurrence(cb).add(codings).frame()
>>> co[["code_a", "code_b", "segments", "jaccard_segments", "documents", "jaccard_documents"]].values.tolist()
[['taal', 'werk', 1, 0.5, 1, 0.5], ['taal', 'geld', 0, 0.0, 1, 0.5], ['werk', 'geld', 0, 0.0, 1, 1.0]]
"""
from __future__ import annotations

from collections import Counter, defaultdict
from itertools import combinations

import pandas as pd

from qualkit.codebook.model import Codebook
from qualkit.stats._common import require_columns
from qualkit.stats.matrices import UNIT_KEY

COLUMNS = ["code_a", "label_a", "code_b", "label_b", "segments", "segments_a", "segments_b", "jaccard_segments",
           "documents", "documents_a", "documents_b", "jaccard_documents"]
"""Columns of :meth:`Cooccurrence.frame` (``cooccurrence.csv``)."""


class Cooccurrence:
    """Pair counts of codes per coding unit and per document, added chunk by chunk."""

    def __init__(self, codebook: Codebook):
        self.codebook = codebook
        self.order = {c.id: i for i, c in enumerate(codebook.codes)}
        self.single = {"segments": Counter(), "documents": Counter()}
        self.pairs = {"segments": Counter(), "documents": Counter()}

    def add(self, codings: pd.DataFrame) -> "Cooccurrence":
        """Count one chunk's codings (every coding of its documents); returns self."""
        if codings is None or codings.empty:
            return self
        require_columns(codings, [*UNIT_KEY, "code"], "codings")
        units: dict[tuple, set] = defaultdict(set)
        docs: dict[str, set] = defaultdict(set)
        for doc, start, end, code in zip(codings["doc_id"], codings["unit_start"], codings["unit_end"],
                                         codings["code"]):
            if code in self.order:
                units[(doc, int(start), int(end))].add(code)
                docs[doc].add(code)
        for level, groups in (("segments", units), ("documents", docs)):
            for codes in groups.values():
                ordered = sorted(codes, key=self.order.__getitem__)
                self.single[level].update(ordered)
                self.pairs[level].update(combinations(ordered, 2))
        return self

    def frame(self) -> pd.DataFrame:
        """One row per pair of applied codes (codebook order), with counts and Jaccard indices."""
        used = sorted(self.single["documents"], key=self.order.__getitem__)
        rows = []
        for a, b in combinations(used, 2):
            row = {"code_a": a, "label_a": self.codebook.code(a).label, "code_b": b,
                   "label_b": self.codebook.code(b).label}
            for level in ("segments", "documents"):
                both, na, nb = self.pairs[level][(a, b)], self.single[level][a], self.single[level][b]
                either = na + nb - both
                row.update({level: both, f"{level}_a": na, f"{level}_b": nb,
                            f"jaccard_{level}": round(both / either, 4) if either else 0.0})
            rows.append(row)
        return pd.DataFrame(rows, columns=COLUMNS)

    def matrix(self, level: str = "segments") -> pd.DataFrame:
        """The applied codes x themselves: units (or ``documents``) with both codes;
        the diagonal is the units (documents) with the code."""
        used = sorted(self.single["documents"], key=self.order.__getitem__)
        out = pd.DataFrame(0, index=pd.Index(used, name="code"), columns=pd.Index(used, name="code"), dtype="int64")
        for c in used:
            out.loc[c, c] = self.single[level][c]
        for (a, b), n in self.pairs[level].items():
            out.loc[a, b] = out.loc[b, a] = n
        return out
