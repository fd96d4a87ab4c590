"""What goes into a REFI export: chosen variables only, and pseudonymised texts with codings that still fit.

A survey export has more columns than the analysis needs: names, e-mail and IP addresses
must not end up as case variables in ``project.qde``. :func:`keep_variables` keeps only the
columns asked for. :func:`pseudonymise_project` replaces names, e-mail addresses, phone and
national register numbers, IBANs and addresses (:mod:`qualkit.privacy`) in every text and
moves every coding and segment so it still selects the same words.

>>> import pandas as pd
>>> from qualkit.types import Corpus, Segment
>>> t = "Bel Jan op 0470 12 34 56, meer personeel nodig."
>>> c = Corpus([Segment(t, "R1", 0, len(t), "R1", "Q1", "s.csv")], {"R1": t},
...            pd.DataFrame(index=pd.Index(["R1"], name="unit_id")), ["Q1"], "survey")
>>> rows = pd.DataFrame([{"doc_id": "R1", "unit_start": 26, "unit_end": 40, "match_start": 26, "match_end": 40}])
>>> c2, rows2 = pseudonymise_project(c, rows)
>>> r = rows2.iloc[0]
>>> c2.documents["R1"][r.unit_start:r.unit_end]
'meer personeel'
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import replace
from typing import Iterable, Sequence

import pandas as pd

from qualkit.errors import RefiError
from qualkit.privacy import PLACEHOLDERS, Pseudonymiser
from qualkit.types import Corpus


def keep_variables(corpus: Corpus, names: Sequence[str] | None, where: str = "export") -> Corpus:
    """``corpus`` with only the respondent variables in ``names`` (None: all, []: none)."""
    if names is None:
        return corpus
    have = [str(c) for c in corpus.respondents.columns]
    unknown = [n for n in names if n not in have]
    if unknown:
        raise RefiError(522, where=where, names=", ".join(map(repr, unknown)),
                        known=", ".join(map(repr, have[:40])) + (", ..." if len(have) > 40 else "") or "none")
    return replace(corpus, respondents=corpus.respondents[list(dict.fromkeys(names))])


class _Shift:
    """Maps positions in a text to positions in its pseudonymised version."""

    def __init__(self, spans: list, placeholders: dict[str, str]):
        self.starts = [s.start for s in spans]
        self.ends = [s.end for s in spans]
        self.sizes = [len(placeholders[s.kind]) for s in spans]
        self.cum = [0]
        for s, size in zip(spans, self.sizes):
            self.cum.append(self.cum[-1] + size - (s.end - s.start))

    def __call__(self, p: int, end: bool = False) -> int:
        k = bisect_right(self.ends, p)  # spans wholly before p
        if k < len(self.starts) and self.starts[k] < p:  # inside a replaced span: snap to the placeholder
            return self.starts[k] + self.cum[k] + (self.sizes[k] if end else 0)
        return p + self.cum[k]


def pseudonymise_project(corpus: Corpus, codings: pd.DataFrame, lang: str = "nl",
                         names: Iterable[str] | None = None) -> tuple[Corpus, pd.DataFrame]:
    """``corpus`` and ``codings`` with identifiers replaced in texts, text variables and matched words;
    every offset moved so codings select the same (pseudonymised) words. Speakers get pseudonyms
    (``Spreker 1`` ..., roles such as Interviewer stay) and their names are replaced in the texts."""
    ps = Pseudonymiser(lang, names, speakers=dict.fromkeys(s.speaker for s in corpus.segments))
    placeholders = PLACEHOLDERS[lang if lang in PLACEHOLDERS else "nl"]
    docs: dict[str, str] = {}
    shifts: dict[str, _Shift] = {}
    for doc_id, text in corpus.documents.items():
        spans = ps.spans(text)
        docs[doc_id] = ps.replace(text, spans) if spans else text
        shifts[doc_id] = _Shift(spans, placeholders)
    segments = []
    for s in corpus.segments:
        sh = shifts[s.doc_id]
        start, end = sh(s.start), sh(s.end, end=True)
        own = s.text == corpus.documents[s.doc_id][s.start:s.end]
        segments.append(replace(s, start=start, end=end, text=docs[s.doc_id][start:end] if own else ps(s.text),
                                speaker=ps.speaker(s.speaker)))
    out = codings.copy()
    if len(out):
        for a, b in (("unit_start", "unit_end"), ("match_start", "match_end")):
            if a in out.columns and b in out.columns:
                out[a] = [shifts[d](int(p)) for d, p in zip(out["doc_id"], out[a])]
                out[b] = [shifts[d](int(p), end=True) for d, p in zip(out["doc_id"], out[b])]
        if "matched" in out.columns and "match_start" in out.columns:
            out["matched"] = [docs[d][s:e] for d, s, e in zip(out["doc_id"], out["match_start"], out["match_end"])]
        if "note" in out.columns:
            out["note"] = out["note"].map(lambda v: ps(v) if isinstance(v, str) else v)
        if "speaker" in out.columns:
            out["speaker"] = out["speaker"].map(ps.speaker)
    text_cols = [c for c in corpus.respondents.columns if corpus.respondents[c].dtype == object]
    respondents = ps.frame(corpus.respondents, text_cols)
    return replace(corpus, segments=segments, documents=docs, respondents=respondents), out
