"""Quotes for the report: keyword in context with the triggering words marked,
pseudonymised before anything is written, and theme records in one shape.

A quote is a list of ``(text, marked)`` pieces. Pseudonymising happens on the
whole coded unit, then the unit is cut into pieces, so highlight offsets stay
right however long the placeholders are, and a name next to a matched word is
found as well as anywhere else.

>>> pieces = kwic("Meer personeel, zegt mevrouw Peeters.", [(5, 14)], pseudo=Pseudonymiser())
>>> pieces
[('Meer ', False), ('personeel', True), (', zegt mevrouw [NAAM].', False)]
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Sequence

import pandas as pd

from qualkit.errors import AnalysisError
from qualkit.privacy import PLACEHOLDERS, Pseudonymiser
from qualkit.types import Corpus, natural_key, parse_spans

Pieces = list[tuple[str, bool]]
CONTEXT = 160
"""Characters of context kept on each side of the marked words in a long unit."""


@dataclass
class Quote:
    """One quote: where it came from and its pieces."""

    unit_id: str
    question: str
    speaker: str
    pieces: Pieces
    doc_id: str = ""
    start: int = 0
    """Where the coded unit starts in the document (to find its turn and the turn before)."""


def kwic(unit: str, marks: Sequence[tuple[int, int]], *, pseudo: Pseudonymiser | None = None,
         context: int = CONTEXT) -> Pieces:
    """``unit`` as ``(text, marked)`` pieces: ``marks`` (offsets into ``unit``) are marked,
    identifiers replaced when ``pseudo`` is given, and a long unit cut to ``context``
    characters around the marks (``…`` where cut)."""
    marks = _merge([(max(s, 0), min(e, len(unit))) for s, e in marks if e > s and s < len(unit)])
    pii = pseudo.spans(unit) if pseudo is not None else []
    start, end = 0, len(unit)
    if marks and len(unit) > 2 * context + 80:
        start = max(0, marks[0][0] - context)
        end = min(len(unit), max(marks[-1][1], marks[0][1]) + context)
        end = min(end, max(marks[0][1] + 2 * context, start + 2 * context))
        if start > 0:
            sp = unit.find(" ", start)
            start = sp + 1 if 0 <= sp < marks[0][0] else start
        if end < len(unit):
            sp = unit.rfind(" ", marks[0][1], end)
            end = sp if sp > 0 else end
        for sp in pii:  # never cut inside an identifier
            if sp.start < start < sp.end:
                start = sp.start
            if sp.start < end < sp.end:
                end = sp.end
    cuts = sorted({start, end, *(p for m in marks for p in m), *(p for s in pii for p in (s.start, s.end))})
    cuts = [c for c in cuts if start <= c <= end]
    out: Pieces = [("…", False)] if start > 0 else []
    done_pii: set[int] = set()
    for a, b in zip(cuts, cuts[1:]):
        if a == b:
            continue
        marked = any(s < b and a < e for s, e in marks)
        hit = next((k for k, s in enumerate(pii) if s.start < b and a < s.end), None)
        if hit is None:
            out.append((unit[a:b], marked))
        elif hit not in done_pii:
            done_pii.add(hit)
            sp = pii[hit]
            out.append((PLACEHOLDERS[pseudo.lang][sp.kind], any(s < sp.end and sp.start < e for s, e in marks)))
    if end < len(unit):
        out.append(("…", False))
    return _join(out)


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def _join(pieces: Pieces) -> Pieces:
    out: Pieces = []
    for text, marked in pieces:
        if out and out[-1][1] == marked:
            out[-1] = (out[-1][0] + text, marked)
        elif text:
            out.append((text, marked))
    return out


def marks_for(row: Any, unit: str) -> list[tuple[int, int]]:
    """Offsets into the unit of the words that triggered a codings ``row``: every span
    in ``match_spans``, or (rows without it: human codings, older outputs) the first
    match ``match_start``/``match_end``. Offsets, never a search for the words, so a
    word is marked only where it matched (not the negated *personeel* in *geen
    personeel* when the coded one is elsewhere)."""
    us = int(row.unit_start)
    spans = parse_spans(getattr(row, "match_spans", None))
    if not spans:
        ms, me = getattr(row, "match_start", None), getattr(row, "match_end", None)
        if ms is not None and me is not None and not pd.isna(ms) and not pd.isna(me):
            spans = [(int(ms), int(me))]
    return [(s - us, e - us) for s, e in spans if e > s]


def select_quotes(codings: pd.DataFrame, corpus: Corpus, question: str, codes: Sequence[str], n: int, *,
                  pseudo: Pseudonymiser | None = None, start: int = 0) -> list[Quote]:
    """Up to ``n`` quotes for ``question`` coded with any of ``codes``, spread over the
    documents: readable lengths (30-300 characters) first, then each document's first
    quote (documents in natural order: 1, 2, 10, starting at the ``start``-th, so that
    the codes of one report draw on different documents), then each one's second...
    Distinct texts; one quote per respondent in a survey, per turn in a transcript."""
    if n <= 0 or codings is None or codings.empty:
        return []
    rows = codings[(codings["question"] == question) & codings["code"].isin(list(codes))]
    docs = corpus.documents
    cands = []
    rank: dict[tuple[int, str], int] = {}
    for order, row in enumerate(rows.itertuples(index=False)):
        doc = docs.get(row.doc_id)
        if doc is None or not 0 <= int(row.unit_start) <= int(row.unit_end) <= len(doc):
            continue
        unit = doc[int(row.unit_start):int(row.unit_end)]
        if not unit.strip():
            continue
        fit = 0 if 30 <= len(unit.strip()) <= 300 else 1
        k = rank[(fit, row.doc_id)] = rank.get((fit, row.doc_id), -1) + 1
        cands.append((fit, k, row.doc_id, order, row, unit))
    names = sorted({c[2] for c in cands}, key=natural_key)
    turn = {d: (i - start) % len(names) for i, d in enumerate(names)} if names else {}
    cands.sort(key=lambda c: (c[0], c[1], turn[c[2]], c[3]))
    transcript = corpus.kind == "transcript"
    out: list[Quote] = []
    seen_units: set = set()
    seen_texts: set[str] = set()
    for *_, row, unit in cands:
        key = " ".join(unit.lower().split())
        who = (row.doc_id, getattr(row, "segment", row.unit_start)) if transcript else row.unit_id
        if who in seen_units or key in seen_texts:
            continue
        seen_units.add(who)
        seen_texts.add(key)
        pieces = _strip(kwic(unit, marks_for(row, unit), pseudo=pseudo))
        speaker = str(getattr(row, "speaker", "") or "")
        speaker = pseudo.speaker(speaker) if pseudo is not None else speaker
        out.append(Quote(unit_id=str(row.unit_id), question=question, speaker=speaker, pieces=pieces,
                         doc_id=str(row.doc_id), start=int(row.unit_start)))
        if len(out) == n:
            break
    return out


def _strip(pieces: Pieces) -> Pieces:
    if pieces:
        pieces[0] = (pieces[0][0].lstrip(), pieces[0][1])
        pieces[-1] = (pieces[-1][0].rstrip(), pieces[-1][1])
    return [p for p in pieces if p[0]]


@dataclass
class ThemeRow:
    """A suggested theme in the one shape the report renders."""

    label: str
    keywords: list[str] = field(default_factory=list)
    size: int | None = None
    new: bool | None = None
    quotes: list[str] = field(default_factory=list)
    codes: str = ""


_KEYWORD_WEIGHT = re.compile(r"\([-+0-9.eE]+\)$")  # on a stripped keyword: no quadratic search through spaces


def theme_rows(themes: Any) -> list[ThemeRow]:
    """Theme records (:class:`qualkit.topics.Theme`), a DataFrame from
    ``ThemeSuggester.themes_frame()`` or dicts with ``label`` (and optionally
    ``keywords``, ``size``, ``new``, ``quotes``) as :class:`ThemeRow` s.

    >>> theme_rows([{"label": "wachttijd", "keywords": "wachttijd (0.41); zorg (0.2)", "size": 12}])[0].keywords
    ['wachttijd', 'zorg']
    """
    if themes is None:
        return []
    if isinstance(themes, pd.DataFrame):
        if "label" not in themes.columns:
            raise AnalysisError(604)
        records = themes.to_dict("records")
    else:
        records = list(themes)
    out = []
    for i, t in enumerate(records):
        get = t.get if isinstance(t, dict) else (lambda k, d=None, t=t: getattr(t, k, d))
        label = get("label")
        if label is None:
            raise AnalysisError(609, theme=i)
        out.append(ThemeRow(label=str(label), keywords=_keywords(get("keywords")), size=_int(get("size")),
                            new=_bool(get("new")), quotes=_quote_texts(t, get), codes=_codes(get("codes"))))
    return out


def _keywords(kw: Any) -> list[str]:
    if kw is None or (isinstance(kw, float) and pd.isna(kw)):
        return []
    if isinstance(kw, str):
        return [_KEYWORD_WEIGHT.sub("", w.strip()).strip() for w in kw.split(";") if w.strip()]
    if not isinstance(kw, (list, tuple)):  # a number in a hand-edited table
        return [str(kw)]
    return [str(w[0] if isinstance(w, (tuple, list)) and w else w) for w in kw]


def _quote_texts(t: Any, get) -> list[str]:
    qs = get("quotes")
    if isinstance(qs, str):  # a 'quotes' column in a table: one quote
        return [qs] if qs.strip() else []
    if isinstance(qs, (list, tuple)):
        return [str(getattr(q, "text", q)) for q in qs if str(getattr(q, "text", q)).strip()]
    if isinstance(t, dict):
        keys = sorted((k for k in t if re.fullmatch(r"quote_\d+", str(k))), key=lambda k: int(k[6:]))
        return [str(t[k]) for k in keys if isinstance(t[k], str) and t[k].strip()]
    return []


def _codes(codes: Any) -> str:
    if isinstance(codes, dict):
        return ", ".join(f"{c} {s:.0%}" for c, s in list(codes.items())[:4])
    return str(codes) if isinstance(codes, str) else ""


def _int(x: Any) -> int | None:
    try:
        return None if x is None or pd.isna(x) else int(x)
    except (TypeError, ValueError):
        return None


def _bool(x: Any) -> bool | None:
    return None if x is None or (isinstance(x, float) and pd.isna(x)) else bool(x)


def read_themes(path) -> pd.DataFrame:
    """A themes table written by ``qualkit themes`` (``themes.csv``), for :func:`theme_rows`."""
    try:
        df = pd.read_csv(path, encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as e:
        raise AnalysisError(605, path=path, reason=getattr(e, 'strerror', None) or e.__class__.__name__) from None
    if "label" not in df.columns:
        raise AnalysisError(610, path=path)
    return df
