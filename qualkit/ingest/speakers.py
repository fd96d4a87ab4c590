"""Speakers: an attribute file (one row per speaker: role, gender, organisation ...) and
speakers whose turns are not coded (``--skip-speaker``).

The file is a CSV, TSV or XLSX table with a header row. The speaker column is
the one named ``speaker`` (or ``spreker``, ``name``, ``naam``, ``label``), else
the first column; its values are the speaker labels as they appear in the
transcripts (``MA1``, ``Kjell Vander Elst``), compared without regard to case.
A role label used in every interview (``Participant``) can be given once for
all interviews, or per interview as ``Participant (3)`` (see
:func:`qualkit.stats.matrices.speaker_key`). Every other column is an
attribute usable as a breakdown: ``qualkit report ... --speakers sprekers.csv --by rol``.

>>> import pathlib, tempfile
>>> p = pathlib.Path(tempfile.mkdtemp()) / "sprekers.csv"
>>> _ = p.write_text("spreker;rol;organisatie\\nMA1;maatschappelijk assistent;OCMW A\\n", encoding="utf-8")
>>> read_speakers(p).to_dict("index")
{'MA1': {'rol': 'maatschappelijk assistent', 'organisatie': 'OCMW A'}}
"""
from __future__ import annotations

import os
import unicodedata
from dataclasses import replace
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Iterable

import pandas as pd

from qualkit.errors import InputError
from qualkit.ingest._tables import cell_str, load_table
from qualkit.ingest._text import show_id
from qualkit.types import Corpus

KEY_NAMES = ("speaker", "spreker", "name", "naam", "label")
"""Header names (any case) of the speaker column; else the first column is."""
SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx", ".xlsm")


def read_speakers(path: str | os.PathLike, *, sheet: str | int | None = None) -> pd.DataFrame:
    """The speaker attribute table of ``path``, indexed by speaker label (``speaker``).

    Errors: QK606 (not a table with a speaker column and at least one attribute),
    QK607 (a speaker listed twice); unreadable files as for survey exports.
    """
    p = Path(path)
    if p.suffix.lower() not in SUFFIXES:
        raise InputError(606, path=str(p), problem=f"its type {p.suffix or '(none)'} is not a table")
    table = load_table(p, None, None, sheet)
    headers = [str(h).strip() for h in table.headers]
    if len(headers) < 2:
        raise InputError(606, path=str(p), problem="it has fewer than two columns")
    key = next((i for i, h in enumerate(headers) if h.casefold() in KEY_NAMES), 0)
    filled = [any(i < len(row) and cell_str(row[i]).strip() for row in table.rows) for i in range(len(headers))]
    keep = [i for i in range(len(headers)) if i != key and (headers[i] or filled[i])]  # not an empty trailing column
    _check_headers(p, headers, key, keep)
    seen: dict[str, int] = {}
    rows, index = [], []
    for place, row in zip(table.places, table.rows):
        label = unicodedata.normalize("NFC", " ".join(cell_str(row[key] if key < len(row) else "").split()))
        if not label:
            continue
        if label.casefold() in seen:
            raise InputError(607, path=str(p), place=f"{table.place} {place}", first=f"{table.place} {seen[label.casefold()]}")
        seen[label.casefold()] = place
        index.append(label)
        rows.append([cell_str(row[i]).strip() if i < len(row) else "" for i in keep])
    columns = [headers[i] for i in keep]
    out = pd.DataFrame(rows, index=pd.Index(index, name="speaker", dtype=object), columns=columns, dtype=object)
    return out.replace("", pd.NA)


RESERVED = ("turns", "skipped", "documents", "segments")
"""Names of the columns qualkit adds in ``speakers.csv``: not attribute names (nor a second speaker column)."""


def _check_headers(p: Path, headers: list[str], key: int, keep: list[int]) -> None:
    """QK606 for an attribute column without a name, named twice, or named like a column qualkit adds."""
    if not keep:
        raise InputError(606, path=str(p), problem="it has no attribute column besides the speaker column")
    first: dict[str, int] = {}
    for i in keep:
        name, where = headers[i].casefold(), f"column {i + 1}"
        if not name:
            problem = f"{where} has values but no name in the header row: give it one"
        elif name in first:
            problem = f"columns {first[name] + 1} and {i + 1} have the same name {show_id(headers[i])}: rename one"
        elif name in RESERVED or name in KEY_NAMES:
            problem = (f"{where} is named {show_id(headers[i])}, as a column qualkit adds to speakers.csv ("
                       + ", ".join(RESERVED) + f") or a second speaker column besides column {key + 1}: rename it")
        else:
            first[name] = i
            continue
        raise InputError(606, path=str(p), problem=problem)


def skip_speakers(corpus: Corpus, patterns: Iterable[str] | None) -> Corpus:
    """``corpus`` with the turns of speakers matching any of ``patterns`` not coded and
    marked ``skipped`` (so a quote's context is the turn before them, see
    :class:`qualkit.stats.matrices.TurnIndex`).

    A pattern is a speaker label or a glob (``*``, ``?``), compared without regard
    to case: ``Voorzitter``, ``"*chair*"``. The interviewer labels are skipped
    already (unless ``--code-interviewer``); these come on top, for a chair, a
    note taker or an interpreter.

    >>> from qualkit.types import Segment
    >>> segs = [Segment("Het woord is aan u.", "d", 0, 19, "d", "interview", "d.jsonl", "De voorzitter"),
    ...         Segment("Dank u.", "d", 20, 27, "d", "interview", "d.jsonl", "Jan Peeters")]
    >>> c = skip_speakers(Corpus(segs, {}, pd.DataFrame(index=["d"]), ["interview"], "transcript"), ["*voorzitter*"])
    >>> [(s.coded, s.skipped) for s in c]
    [(False, True), (True, False)]
    """
    pats = [_folded(p) for p in patterns or [] if str(p).strip()]
    if not pats:
        return corpus
    hit: dict[str, bool] = {}

    def skipped(label: str) -> bool:
        if label not in hit:
            name = _folded(label)
            hit[label] = any(fnmatchcase(name, p) for p in pats)
        return hit[label]

    segments = [replace(s, coded=False, skipped=True) if s.speaker and skipped(s.speaker) else s
                for s in corpus.segments]
    return replace(corpus, segments=segments)


def unmatched_patterns(patterns: Iterable[str] | None, speakers: Iterable[str]) -> list[str]:
    """The ``--skip-speaker`` patterns that match none of ``speakers`` (a typo skips nobody).

    >>> unmatched_patterns(["Voorzitter*", "Jna"], ["Voorzitter Dewulf", "Jan"])
    ['Jna']
    """
    names = {_folded(s) for s in speakers if s}
    return [p for p in patterns or [] if str(p).strip() and not any(fnmatchcase(n, _folded(p)) for n in names)]


def _folded(label: object) -> str:
    """A label or pattern as compared: white space collapsed, NFC, case folded."""
    return unicodedata.normalize("NFC", " ".join(str(label).split())).casefold()


def skip_speaker_notes(patterns: Iterable[str] | None, speakers: Iterable[str], named: bool = True) -> list[str]:
    """A note for each ``--skip-speaker`` pattern that matches none of ``speakers``; the
    commands log them once the transcripts are read (``code``, ``report``, ``ingest``, ``run``).

    ``named=False`` (a pseudonymised run): the pattern is named by its number only, as a
    pattern is often a person's name.

    >>> skip_speaker_notes(["Voorzitter*", "Jna"], ["Voorzitter Dewulf"], named=False)[0][:44]
    '--skip-speaker number 2 of 2 matches no spea'
    """
    pats = [p for p in patterns or [] if str(p).strip()]
    missed = set(unmatched_patterns(pats, speakers))
    return [f"--skip-speaker {repr(str(p)) if named else f'number {i} of {len(pats)}'} matches no speaker in the "
            "transcripts, so it skips nobody; the speakers are listed in speakers.csv."
            for i, p in enumerate(pats, 1) if p in missed]
