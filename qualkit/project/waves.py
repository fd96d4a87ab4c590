"""Reading one wave of a project: its files, renamed so questions line up.

A wave's ``rename`` maps its own column names to the project's. The columns
read are the wave's ``questions`` (if given) or the project's, where a renamed
question is read under its old name. After renaming, only questions matching
the project's ``questions`` are kept (all of them when the wave names its own).

>>> from qualkit.project.config import WaveSpec
>>> w = WaveSpec("2027", [], rename={"Q23_nieuw": "Q23", "regio_oud": "regio"})
>>> read_patterns(["Q23", "Q24"], w)
['Q24', 'Q23_nieuw']
>>> keep = keeper(["Q2*"], w); keep("Q23"), keep("regio")
(True, False)
"""
from __future__ import annotations

import dataclasses
import fnmatch
import logging
from typing import Callable, Iterator

from qualkit.errors import ProjectError, QualkitError
from qualkit.ingest import CHUNKSIZE, ReadOptions, read_chunks
from qualkit.ingest.speakers import skip_speaker_notes
from qualkit.project.config import Project, WaveSpec
from qualkit.types import Corpus

log = logging.getLogger("qualkit")


def _matches(name: str, patterns: list[str]) -> bool:
    return any(name == p or fnmatch.fnmatchcase(name, p) for p in patterns)


def read_patterns(questions: list[str], wave: WaveSpec) -> list[str]:
    """The question columns (names or globs) to read from this wave's files."""
    if wave.questions:
        return list(wave.questions)
    targets = set(wave.rename.values())
    base = [p for p in questions if p not in targets]
    return base + [old for old, new in wave.rename.items() if _matches(new, questions)]


def keeper(questions: list[str], wave: WaveSpec) -> Callable[[str], bool]:
    """Which questions (by project name, after renaming) to keep."""
    if wave.questions:
        return lambda q: True
    return lambda q: _matches(q, questions)


def in_wave(err: QualkitError, wave: str) -> QualkitError:
    """The same error with ``wave '<name>': `` in front of its message."""
    cls = type(err)
    out = cls.__new__(cls)
    out.__dict__.update(err.__dict__)
    out.message = f"wave {wave!r}: {err.message}"
    Exception.__init__(out, f"[QK{err.code:03d}] {out.message}")
    return out


def rename_corpus(corpus: Corpus, rename: dict[str, str], keep: Callable[[str], bool]) -> Corpus:
    """``corpus`` with questions (and ``doc_id`` s) and variables renamed, and
    only the kept questions' segments."""
    if not rename and all(keep(q) for q in corpus.questions):
        return corpus
    segments, documents = [], {}
    for s in corpus.segments:
        q = rename.get(s.question, s.question)
        if not keep(q):
            continue
        doc_id = s.doc_id
        if q != s.question and s.doc_id.endswith("/" + s.question):
            doc_id = s.doc_id[: -len(s.question)] + q
        segments.append(dataclasses.replace(s, question=q, doc_id=doc_id))
        documents[doc_id] = corpus.documents.get(s.doc_id, s.text)
    questions = [q for q in (rename.get(q, q) for q in corpus.questions) if keep(q)]
    return Corpus(segments=segments, documents=documents, respondents=corpus.respondents.rename(columns=rename),
                  questions=list(dict.fromkeys(questions)), kind=corpus.kind,
                  labels={rename.get(k, k): v for k, v in corpus.labels.items()}, sources=corpus.sources)


def read_wave_chunks(project: Project, wave: WaveSpec, *, chunksize: int | None = None,
                     on_bytes: Callable[[int, int], None] | None = None) -> Iterator[Corpus]:
    """The wave's inputs in chunks (:func:`qualkit.ingest.read_chunks`), renamed and
    filtered, for the engine. Raises the reader's error with the wave named,
    ``[QK713]`` when a project question is not in the wave and ``[QK712]`` when a
    breakdown variable is not (checked on the first chunk)."""
    options = ReadOptions(id_column=wave.id_column, questions=read_patterns(project.questions, wave),
                          encoding=wave.encoding, delimiter=wave.delimiter, sheet=wave.sheet,
                          skip_speakers=tuple(project.skip_speakers) or None)
    keep = keeper(project.questions, wave)
    chunks = read_chunks(wave.inputs, options, chunksize=chunksize or CHUNKSIZE, on_bytes=on_bytes)
    first = True
    speakers: set[str] = set()
    while True:
        try:
            chunk = next(chunks, None)
        except QualkitError as e:
            raise in_wave(e, wave.name) from None
        if chunk is None:
            for note in skip_speaker_notes(project.skip_speakers, speakers):
                log.warning("wave %s: %s", wave.name, note)
            return
        if project.skip_speakers:
            speakers.update(s.speaker for s in chunk.segments)
        chunk = rename_corpus(chunk, wave.rename, keep)
        if first:
            check_wave(project, wave, chunk.questions, list(chunk.respondents.columns))
            first = False
        yield chunk


def read_wave(project: Project, wave: WaveSpec) -> Corpus:
    """The wave's inputs as one corpus, renamed and filtered (all its chunks)."""
    return Corpus.concat(read_wave_chunks(project, wave))


def check_wave(project: Project, wave: WaveSpec, questions: list[str], variables: list[str]) -> None:
    where = f"wave {wave.name!r}"
    if not questions:
        raise ProjectError(713, where=where, questions=', '.join(map(repr, project.questions)))
    if not wave.questions:
        missing = [p for p in project.questions if not any(_matches(q, [p]) for q in questions)]
        if missing:
            raise ProjectError(734, where=where, questions=', '.join(map(repr, missing)))
    absent = [v for v in project.breakdowns if v not in variables]
    if absent:
        raise ProjectError(712, where=where, missing=', '.join(map(repr, absent)),
                           variables=', '.join(map(repr, variables[:20])))
