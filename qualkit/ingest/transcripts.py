"""Interview transcripts (.txt, .md, .docx, .vtt, .jsonl) as a :class:`~qualkit.types.Corpus`.

One segment per speaker turn; ``unit_id`` and ``doc_id`` are the interview
(file stem, or the id of a JSONL record), ``question`` is ``"interview"`` and
``speaker`` the label. Offsets point into ``Corpus.documents[doc_id]``: the
decoded file for .txt/.md, the paragraphs joined with newlines for .docx, and
a rebuilt ``Speaker: text`` document (one line per turn) for .vtt and .jsonl.
Interviewer turns have ``coded=False`` unless ``code_interviewer=True``.

>>> import pathlib, tempfile
>>> p = pathlib.Path(tempfile.mkdtemp()) / "int01.txt"
>>> _ = p.write_text("Interviewer: Wat vond u ervan?\\nR: Te druk.\\n", encoding="utf-8")
>>> c = read_transcripts(p)
>>> [(s.speaker, s.text, s.coded) for s in c]
[('Interviewer', 'Wat vond u ervan?', False), ('R', 'Te druk.', True)]
"""
from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd

from qualkit.errors import InputError, QualkitError
from qualkit.ingest._speakers import SpeakerMatcher, Turn, split_turns
from qualkit.ingest._text import check_file, check_line_lengths, check_zip, decode, read_bytes, show_id
from qualkit.ingest._vtt import parse_vtt
from qualkit.types import Corpus, Segment

SUFFIXES = (".txt", ".md", ".docx", ".vtt", ".jsonl")
QUESTION = "interview"
_ID_FIELDS = ("id", "interview_id", "doc_id", "question_id")


def read_transcripts(paths: str | os.PathLike | Iterable[str | os.PathLike], *, speaker_pattern: str | None = None,
                     interviewer: list[str] | None = None, code_interviewer: bool = False) -> Corpus:
    """Read transcripts into a Corpus of speaker turns (``kind="transcript"``).

    ``paths``: one path, a list of paths, or a folder (its .txt/.md/.docx/.vtt/.jsonl
    files, sorted). ``speaker_pattern``: a regex with a named group ``speaker``
    matched at each line start; it replaces the built-in label forms.
    ``interviewer``: speaker names whose turns are not coded (case-insensitive);
    default Interviewer, Interviewster, Int, I, Q, Moderator, Onderzoeker (with
    an optional number, as in ``Interviewer 2``). In a file with speaker labels,
    text before the first label (a title, date, notes) is kept but not coded.

    >>> import pathlib, tempfile
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "a.md").write_text("**Interviewer**\\\\\\nWaarom?\\n\\n***Participant***\\\\\\nOmdat.\\n")
    >>> c = read_transcripts(d)
    >>> [(s.doc_id, s.speaker, s.text) for s in c]
    [('a', 'Interviewer', 'Waarom?'), ('a', 'Participant', 'Omdat.')]
    """
    files = _expand(paths)
    matcher = SpeakerMatcher(interviewer, speaker_pattern)
    segments: list[Segment] = []
    documents: dict[str, str] = {}
    rows: dict[str, dict[str, Any]] = {}
    origin: dict[str, str] = {}
    sources: list[str] = []
    for p in files:
        sources.append(p.name)
        for doc_id, text, turns, fields, where in _read_one(p, matcher):
            if doc_id in documents:
                raise InputError(123, f"{where}: interview id {show_id(doc_id)} is also used by {origin[doc_id]}. "
                                 "Rename one of the files (the file name without suffix is the id).")
            origin[doc_id] = where
            documents[doc_id] = text
            rows[doc_id] = {"source": p.name, **fields}
            labelled = any(t.speaker for t in turns)
            for t in turns:
                segments.append(Segment(
                    text=text[t.start:t.end], doc_id=doc_id, start=t.start, end=t.end, unit_id=doc_id,
                    question=QUESTION, source=p.name, speaker=t.speaker,
                    coded=(code_interviewer or not matcher.is_interviewer(t.speaker))
                    and not (labelled and not t.speaker)))
    respondents = pd.DataFrame.from_dict(rows, orient="index")
    respondents.index = pd.Index(list(rows), name="unit_id", dtype=object)
    return Corpus(segments=segments, documents=documents, respondents=respondents, questions=[QUESTION],
                  kind="transcript", labels={}, sources=sources)


def _expand(paths: Any) -> list[Path]:
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    out: list[Path] = []
    for item in paths:
        p = Path(item)
        if p.is_dir():
            found = sorted(f for f in p.iterdir() if f.is_file() and f.suffix.lower() in SUFFIXES)
            if not found:
                raise InputError(127, f"{p}: folder has no transcripts ({', '.join(SUFFIXES)}). "
                                 "Give the transcript files or the folder that holds them.")
            out.extend(found)
        else:
            out.append(p)
    if not out:
        raise InputError(127, "no transcript files given. Pass a path, a list of paths or a folder.")
    return out


def _read_one(p: Path, matcher: SpeakerMatcher):
    """(doc_id, document, turns, fields, where) for each interview in ``p``."""
    check_file(p)
    suffix = p.suffix.lower()
    where = str(p)
    if suffix in (".txt", ".md"):
        text = decode(read_bytes(p), where, None)
        yield _split(p.stem, text, matcher, where)
    elif suffix == ".docx":
        yield _split(p.stem, _docx_text(p), matcher, where)
    elif suffix == ".vtt":
        text = decode(read_bytes(p), where, None)
        check_line_lengths(text, where)
        doc, turns = _rebuild(parse_vtt(text, where))
        if not turns:
            raise InputError(121, f"{where}: the WebVTT file has no spoken text. Check that you exported "
                             "the transcript, not only the timings.")
        yield p.stem, doc, turns, {}, where
    elif suffix == ".jsonl":
        yield from _jsonl(p, where)
    else:
        hint = " Save .doc files as .docx first." if suffix == ".doc" else ""
        raise InputError(103, f"{p}: unsupported file type {suffix or '(no suffix)'!r}. "
                         f"Use {', '.join(SUFFIXES)}.{hint}")


def _split(doc_id: str, text: str, matcher: SpeakerMatcher, where: str):
    check_line_lengths(text, where)
    if not text.strip():
        raise InputError(121, f"{where}: the transcript has no text. Check that you picked the right file.")
    return doc_id, text, split_turns(text, matcher, where), {}, where


def _docx_text(p: Path) -> str:
    check_zip(p, 120, "Word document (.docx)", "Word")
    import docx

    try:
        document = docx.Document(str(p))
        return "\n".join(par.text for par in document.paragraphs)
    except QualkitError:
        raise
    except Exception as e:  # python-docx raises PackageNotFoundError, KeyError, XML errors...
        raise InputError(120, f"{p}: cannot be read as a Word document ({type(e).__name__}). Open it in Word "
                         "and save it again as .docx, or save it as plain text (.txt).") from None


def _rebuild(turns: list[tuple[str, str]]) -> tuple[str, list[Turn]]:
    """A ``Speaker: text`` document (one line per turn) and the turns' offsets into it."""
    parts: list[str] = []
    out: list[Turn] = []
    pos = 0
    for speaker, text in turns:
        text = text.strip()
        if not text:
            continue
        prefix = f"{speaker}: " if speaker else ""
        if parts:
            parts.append("\n")
            pos += 1
        parts.append(prefix + text)
        out.append(Turn(speaker, pos + len(prefix), pos + len(prefix) + len(text)))
        pos += len(prefix) + len(text)
    return "".join(parts), out


def _jsonl(p: Path, where: str):
    """One interview per line: ``{"question_id": ..., "turns": [{"speaker", "text"}], ...}``."""
    text = decode(read_bytes(p), where, None)
    check_line_lengths(text, where)
    records = []
    for n, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except ValueError as e:
            raise InputError(125, f"{where}, line {n}: not valid JSON ({e.msg}, column {e.colno}). "
                             "Each line must be one JSON object.") from None
        except RecursionError:
            raise InputError(125, f"{where}, line {n}: JSON nested too deeply. Each line must be one JSON "
                             'object like {"id": "...", "turns": [{"speaker": "...", "text": "..."}]}.') from None
        if not isinstance(rec, dict) or not isinstance(rec.get("turns"), list):
            raise InputError(125, f"{where}, line {n}: no 'turns' list. Each line must be an object like "
                             '{"id": "...", "turns": [{"speaker": "...", "text": "..."}]}.')
        turns = []
        for k, t in enumerate(rec["turns"], 1):
            if not isinstance(t, dict) or not isinstance(t.get("text"), str):
                raise InputError(125, f"{where}, line {n}, turn {k}: no 'text' string. "
                                 'Each turn must be an object like {"speaker": "...", "text": "..."}.')
            speaker = t.get("speaker")
            turns.append((" ".join(str(speaker).split()) if speaker is not None else "", t["text"]))
        records.append((n, rec, turns))
    if not records:
        raise InputError(121, f"{where}: the file has no interviews (only blank lines). Check the file.")
    ids = _jsonl_ids(p, records)
    for (n, rec, turns), doc_id in zip(records, ids):
        doc, spans = _rebuild(turns)
        if not spans:
            raise InputError(121, f"{where}, line {n}: interview {show_id(doc_id)} has no text in its turns. "
                             "Remove the line or fill in the turns.")
        fields = {k: v for k, v in rec.items()
                  if k != "turns" and (v is None or isinstance(v, (str, int, float, bool)))}
        yield doc_id, doc, spans, fields, f"{where}, line {n}"


def _jsonl_ids(p: Path, records: list) -> list[str]:
    """The first of id/interview_id/doc_id/question_id; if that repeats, all ``*_id`` fields joined by '-'."""
    first = records[0][1]
    key = next((k for k in _ID_FIELDS if k in first), None)
    if key is not None:
        ids = [str(rec.get(key, "")).strip() for _, rec, _ in records]
        if all(ids) and len(set(ids)) == len(ids):
            return ids
        keys = [k for k in first if (k == "id" or k.endswith("_id")) and not isinstance(first[k], (list, dict))]
        ids = ["-".join(str(rec.get(k, "")).strip() for k in keys) for _, rec, _ in records]
        if all(ids) and len(set(ids)) == len(ids):
            return ids
    return [f"{p.stem}-{n}" for n, _, _ in records]
