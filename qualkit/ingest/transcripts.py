"""Interview transcripts (.txt, .md, .docx, .vtt, .jsonl) as a :class:`~qualkit.types.Corpus`.

One segment per speaker turn; ``unit_id`` and ``doc_id`` are the interview
(file stem, or the id of a JSONL record), ``question`` is ``"interview"`` and
``speaker`` the label. Offsets point into ``Corpus.documents[doc_id]``: the
decoded file for .txt/.md, the paragraphs joined with newlines for .docx, and
a rebuilt ``Speaker: text`` document (one line per turn) for .vtt and .jsonl.
A WebVTT turn carries its cue times (``time_start``, ``time_end``; see
:mod:`qualkit.ingest._vtt`). Interviewer turns have ``coded=False`` unless ``code_interviewer=True``.

>>> import pathlib, tempfile
>>> p = pathlib.Path(tempfile.mkdtemp()) / "int01.txt"
>>> _ = p.write_text("Interviewer: Wat vond u ervan?\\nR: Te druk.\\n", encoding="utf-8")
>>> c = read_transcripts(p)
>>> [(s.speaker, s.text, s.coded) for s in c]
[('Interviewer', 'Wat vond u ervan?', False), ('R', 'Te druk.', True)]
"""
from __future__ import annotations

import dataclasses
import json
import logging
import os
import re
import sys
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Callable, Iterator

import pandas as pd

from qualkit.errors import InputError, QualkitError
from qualkit.ingest._chunks import CHUNKSIZE, collect
from qualkit.ingest._speakers import SpeakerMatcher, Turn, split_turns
from qualkit.ingest._text import (MAX_CELL, TextLines, check_file, check_line_lengths, check_zip, decode, read_bytes,
                                  show_id, without_surrogates)
from qualkit.ingest._vtt import parse_vtt
from qualkit.ingest.options import ReadOptions
from qualkit.ingest.speakers import skip_speakers
from qualkit.types import Corpus, Segment

log = logging.getLogger("qualkit")
SUFFIXES = (".txt", ".md", ".docx", ".vtt", ".jsonl")
QUESTION = "interview"
MAX_TURN = 100_000
"""Longest segment (characters): a longer turn is split into paragraphs, each a segment of the same speaker."""
_ID_FIELDS = ("id", "interview_id", "doc_id", "question_id")
_HEADER_WORDS = {"spreker", "speaker", "naam", "name", "wie", "persoon", "tekst", "text", "transcript", "uitspraak",
                 "tijd", "time", "tijdstip", "timestamp", "begin", "start", "rol", "role"}
_TIME_CELL = re.compile(r"[\[(]?\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?[\])]?")


def read_transcripts(paths: str | os.PathLike | Iterable[str | os.PathLike], *, speaker_pattern: str | None = None,
                     interviewer: list[str] | None = None, code_interviewer: bool = False) -> Corpus:
    """Read transcripts into a Corpus of speaker turns (``kind="transcript"``).

    A shorthand for ``read_inputs(paths, ReadOptions(...))`` that also takes a folder.
    ``paths``: one path, a list of paths, or a folder (its .txt/.md/.docx/.vtt/.jsonl
    files, sorted). ``speaker_pattern``: a regex with a named group ``speaker``
    matched at each line start; it replaces the built-in label forms.
    ``interviewer``: speaker names whose turns are not coded (case-insensitive);
    default Interviewer, Interviewster, Int, I, Q, Moderator, Onderzoeker (with
    an optional number, as in ``Interviewer 2``). In a file with speaker labels,
    text before the first label (a title, date, notes) is kept but not coded.
    A Word table (speaker | text) is read row by row as turns; a turn over
    :data:`MAX_TURN` characters is split into paragraphs.

    >>> import pathlib, tempfile
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "a.md").write_text("**Interviewer**\\\\\\nWaarom?\\n\\n***Participant***\\\\\\nOmdat.\\n")
    >>> c = read_transcripts(d)
    >>> [(s.doc_id, s.speaker, s.text) for s in c]
    [('a', 'Interviewer', 'Waarom?'), ('a', 'Participant', 'Omdat.')]
    """
    options = ReadOptions(speaker_pattern=speaker_pattern, interviewer=interviewer, code_interviewer=code_interviewer)
    return collect(iter_transcripts(paths, options))


def iter_transcripts(paths: str | os.PathLike | Iterable[str | os.PathLike], options: ReadOptions,
                     chunksize: int = CHUNKSIZE, on_bytes: Callable[[int], None] | None = None) -> Iterator[Corpus]:
    """The transcripts as chunks of whole interviews, closed once ``chunksize`` segments
    are reached (see :func:`qualkit.ingest.read_chunks`)."""
    files = _expand(paths)
    matcher = SpeakerMatcher(list(options.interviewer) if options.interviewer is not None else None,
                             options.speaker_pattern)
    jsonl = {p: _jsonl_scan(p) for p in files if p.suffix.lower() == ".jsonl" and check_file(p)}
    columns = list(dict.fromkeys(["source"] + [k for scan in jsonl.values() for k in scan.fields]))
    sources = [p.name for p in files]
    segments: list[Segment] = []
    documents: dict[str, str] = {}
    rows: dict[str, dict[str, Any]] = {}
    origin: dict[str, str] = {}
    done, yielded = 0, False

    def take() -> Corpus:
        respondents = pd.DataFrame.from_dict(rows, orient="index").reindex(columns=columns)
        respondents.index = pd.Index(list(rows), name="unit_id", dtype=object)
        out = Corpus(segments=list(segments), documents=dict(documents), respondents=respondents,
                     questions=[QUESTION], kind="transcript", labels={}, sources=sources)
        segments.clear(), documents.clear(), rows.clear()
        return skip_speakers(out, options.skip_speakers)

    for p in files:
        for doc_id, text, turns, fields, where in _read_one(p, matcher, jsonl.get(p)):
            if doc_id in origin:
                raise InputError(123, where=where, doc_id=show_id(doc_id), origin=origin[doc_id])
            origin[doc_id] = where
            documents[doc_id] = text
            rows[doc_id] = {"source": p.name, **fields}
            labelled = any(t.speaker for t in turns)
            for t in turns:
                if not t.speaker.isascii():  # one label whichever way it was typed (José as 1 or 2 characters)
                    t = dataclasses.replace(t, speaker=unicodedata.normalize("NFC", t.speaker))
                coded = (options.code_interviewer or not matcher.is_interviewer(t.speaker)) \
                    and not (labelled and not t.speaker)
                for a, b in split_long(text, t.start, t.end):
                    segments.append(Segment(text=text[a:b], doc_id=doc_id, start=a, end=b, unit_id=doc_id,
                                            question=QUESTION, source=p.name, speaker=t.speaker, coded=coded,
                                            time_start=t.time_start, time_end=t.time_end))
            if len(segments) >= chunksize:
                if on_bytes is not None:
                    on_bytes(done)
                yield take()
                yielded = True
        done += p.stat().st_size
    if on_bytes is not None:
        on_bytes(done)
    if rows or not yielded:
        yield take()


_BREAKS = [re.compile(r"\n[ \t]*\r?\n|\r[ \t]*\r"), re.compile(r"[\r\n]"),
           re.compile(r"[.!?…][\"'”’)\]]*\s"), re.compile(r"\s")]


def split_long(text: str, start: int, end: int, limit: int = MAX_TURN) -> list[tuple[int, int]]:
    """(start, end) of the pieces of ``text[start:end]``, each at most ``limit`` characters and
    stripped: cut at the last blank line, else line break, else sentence end, else space.

    >>> split_long("Een. Twee drie.", 0, 15, limit=8)
    [(0, 4), (5, 9), (10, 15)]
    """
    out: list[tuple[int, int]] = []
    a = start
    while end - a > limit:
        window = text[a:a + limit]
        cut = 0
        for pattern in _BREAKS:
            last = None
            for last in pattern.finditer(window, limit // 2):
                pass
            if last is not None:
                cut = last.end()
                break
        cut = cut or limit
        _strip_into(out, text, a, a + cut)
        a += cut
    _strip_into(out, text, a, end)
    return out


def _strip_into(out: list[tuple[int, int]], text: str, a: int, b: int) -> None:
    piece = text[a:b]
    stripped = piece.strip()
    if stripped:
        s = a + len(piece) - len(piece.lstrip())
        out.append((s, s + len(stripped)))


def _expand(paths: Any) -> list[Path]:
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    out: list[Path] = []
    for item in paths:
        p = Path(item)
        if p.is_dir():
            found = sorted(f for f in p.iterdir() if f.is_file() and f.suffix.lower() in SUFFIXES)
            if not found:
                raise InputError(127, path=p, suffixes=', '.join(SUFFIXES))
            out.extend(found)
        else:
            out.append(p)
    if not out:
        raise InputError(167)
    return out


def _read_one(p: Path, matcher: SpeakerMatcher, scan: "_JsonlScan | None"):
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
            raise InputError(121, where=where)
        yield p.stem, doc, turns, {}, where
    elif suffix == ".jsonl":
        assert scan is not None
        yield from _jsonl(p, where, scan)
    else:
        hint = " Save .doc files as .docx first." if suffix == ".doc" else ""
        raise InputError(138, path=p, value=suffix or '(no suffix)', suffixes=', '.join(SUFFIXES), hint=hint)


def _split(doc_id: str, text: str, matcher: SpeakerMatcher, where: str):
    check_line_lengths(text, where)
    if not text.strip():
        raise InputError(154, where=where)
    return doc_id, text, split_turns(text, matcher, where), {}, where


def _docx_text(p: Path) -> str:
    """The paragraphs (and table rows, as ``Speaker: text`` lines) of a Word document, one per line."""
    check_zip(p, "Word")
    import docx
    from docx.table import Table as DocxTable

    try:
        document = docx.Document(str(p))
        lines: list[str] = []
        for block in document.iter_inner_content():
            if isinstance(block, DocxTable):
                lines.extend(_table_lines(block))
            else:
                lines.append(block.text)
        return "\n".join(lines)
    except QualkitError:
        raise
    except Exception as e:  # python-docx raises PackageNotFoundError, KeyError, XML errors...
        raise InputError(120, path=p, error=type(e).__name__) from None


def _table_lines(table: Any) -> list[str]:
    """A transcript laid out as a table: each row ``speaker | [time |] text`` as one line."""
    lines: list[str] = []
    for i, row in enumerate(table.rows):
        cells, seen = [], set()
        for cell in row.cells:  # a merged cell comes once per grid column
            if id(cell._tc) not in seen:
                seen.add(id(cell._tc))
                text = cell.text.strip()
                if text:
                    cells.append(text)
        if i == 0 and cells and all(c.rstrip(":").strip().casefold() in _HEADER_WORDS for c in cells):
            continue
        words = [c for c in cells if not _TIME_CELL.fullmatch(c)]
        if len(words) >= 2 and len(words[0]) <= 40 and "\n" not in words[0] and not words[0].endswith(":"):
            lines.append(f"{words[0]}: " + " ".join(words[1:]))
        elif words:
            lines.append(" ".join(words))
    return lines


def _rebuild(turns: Iterable[tuple[str, ...]]) -> tuple[str, list[Turn]]:
    """A ``Speaker: text`` document (one line per turn) and the turns' offsets into it;
    ``turns``: ``(speaker, text)`` or, from WebVTT, ``(speaker, text, time start, time end)``."""
    parts: list[str] = []
    out: list[Turn] = []
    pos = 0
    for speaker, text, *times in turns:
        text = text.strip()
        if not text:
            continue
        prefix = f"{speaker}: " if speaker else ""
        if parts:
            parts.append("\n")
            pos += 1
        parts.append(prefix + text)
        out.append(Turn(speaker, pos + len(prefix), pos + len(prefix) + len(text), *times))
        pos += len(prefix) + len(text)
    return "".join(parts), out


class _JsonlScan:
    """What a first pass over a JSONL file learns: every record's id and all field names."""

    def __init__(self, ids: list[str], lines: list[int], fields: list[str]):
        self.ids, self.lines, self.fields = ids, lines, fields


class _BigInt(Exception):
    pass


def _parse_int(digits: str) -> int:
    limit = sys.get_int_max_str_digits()
    if limit and len(digits.lstrip("-")) > limit:
        raise _BigInt
    return int(digits)


def _jsonl_records(p: Path, where: str):
    """(line, record, turns) of each non-blank line, with every problem as a QK error."""
    lines = TextLines(p, None, MAX_CELL, newline="\n")
    try:
        for n, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line, parse_int=_parse_int)
            except _BigInt:
                raise InputError(133, where=f"{where}, line {n}", limit=sys.get_int_max_str_digits()) from None
            except ValueError as e:
                msg, col = getattr(e, "msg", type(e).__name__), getattr(e, "colno", "?")
                raise InputError(125, where=where, line=n, problem=msg, column=col) from None
            except RecursionError:
                raise InputError(163, where=where, line=n) from None
            if not isinstance(rec, dict) or not isinstance(rec.get("turns"), list):
                raise InputError(164, where=where, line=n)
            turns = []
            for k, t in enumerate(rec["turns"], 1):
                if not isinstance(t, dict) or not isinstance(t.get("text"), str):
                    raise InputError(165, where=where, line=n, turn=k)
                speaker = t.get("speaker")
                if isinstance(speaker, (dict, list, bool)):
                    kind = "an object" if isinstance(speaker, dict) else "a list" if isinstance(speaker, list) \
                        else "true or false"
                    raise InputError(100, where=where, line=n, turn=k, kind=kind)
                speaker = " ".join(str(speaker).split()) if speaker is not None else ""
                turns.append((without_surrogates(speaker), without_surrogates(t["text"])))
            yield n, rec, turns
    finally:
        lines.close()


def _jsonl_scan(p: Path) -> _JsonlScan:
    """First pass: check every line, choose the ids (see :func:`_jsonl_ids`), gather field names."""
    where = str(p)
    first: dict | None = None
    by_key: list[str] = []
    by_all: list[str] = []
    lines: list[int] = []
    fields: dict[str, None] = {}
    key, keys = None, []
    for n, rec, _ in _jsonl_records(p, where):
        if first is None:
            first = rec
            key = next((k for k in _ID_FIELDS if k in first), None)
            keys = [k for k in first if (k == "id" or k.endswith("_id")) and not isinstance(first[k], (list, dict))]
        lines.append(n)
        if key is not None:
            by_key.append(_text(rec.get(key, "")).strip())
            by_all.append("-".join(_text(rec.get(k, "")).strip() for k in keys))
        fields.update((without_surrogates(k), None) for k, v in rec.items() if k != "turns" and _scalar(v))
    if first is None:
        raise InputError(160, where=where)
    ids = [f"{p.stem}-{n}" for n in lines]
    for candidate in (by_key, by_all):
        if candidate and all(candidate) and len(set(candidate)) == len(candidate):
            ids = candidate
            break
    return _JsonlScan(ids, lines, list(fields))


def _text(value: Any) -> str:
    return without_surrogates(str(value))


def _scalar(v: Any) -> bool:
    return v is None or isinstance(v, (str, int, float, bool))


def _jsonl(p: Path, where: str, scan: _JsonlScan):
    """One interview per line: ``{"question_id": ..., "turns": [{"speaker", "text"}], ...}``.
    An interview without text (``"turns": []``, or only empty texts) is skipped with a note
    that counts them; QK159 when no interview of the file has text."""
    empty: list[int] = []
    for (n, rec, turns), doc_id in zip(_jsonl_records(p, where), scan.ids):
        doc, spans = _rebuild(turns)
        if not spans:
            empty.append(n)
            continue
        fields = {without_surrogates(k): without_surrogates(v) if isinstance(v, str) else v for k, v in rec.items()
                  if k != "turns" and _scalar(v)}
        yield doc_id, doc, spans, fields, f"{where}, line {n}"
    if len(empty) == len(scan.ids):
        raise InputError(159, where=where, n=len(empty))
    if empty:
        shown = ", ".join(map(str, empty[:10])) + (" ..." if len(empty) > 10 else "")
        log.warning("%s: skipped %d of %d interviews: no text in their turns (line%s %s).",
                    where, len(empty), len(scan.ids), "s" if len(empty) > 1 else "", shown)
