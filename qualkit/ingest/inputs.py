"""Reading inputs by file type: whole (:func:`read_inputs`) or in chunks (:func:`read_chunks`).

Both go through the same readers: :func:`read_inputs` collects the chunks of
:func:`read_chunks`, so a notebook, ``qualkit code`` and the streaming engine see
the same segments and the same errors.

>>> from qualkit.ingest import ReadOptions, read_chunks
>>> for chunk in read_chunks(["big.csv"], ReadOptions(questions=["Q23"]), chunksize=5000):  # doctest: +SKIP
...     print(len(chunk), chunk.respondents.shape)
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Callable, Iterator, Sequence

from qualkit.errors import InputError
from qualkit.ingest._chunks import CHUNKSIZE, collect
from qualkit.ingest._text import show_id
from qualkit.ingest.options import ReadOptions
from qualkit.ingest.survey import iter_survey
from qualkit.ingest.transcripts import iter_transcripts
from qualkit.types import Corpus

TRANSCRIPT_SUFFIXES = {".txt", ".md", ".docx", ".vtt", ".jsonl"}
SURVEY_SUFFIXES = {".csv", ".tsv", ".xlsx", ".xlsm", ".sav", ".zsav"}


def read_inputs(inputs: Sequence[str | os.PathLike] | str | os.PathLike,
                options: ReadOptions | None = None) -> Corpus:
    """One corpus from survey exports and/or transcripts, each read by its file suffix.

    ``options``: what to read (:class:`ReadOptions`; default: detect everything).
    """
    return collect(read_chunks(inputs, options))


def read_chunks(inputs: Sequence[str | os.PathLike] | str | os.PathLike, options: ReadOptions | None = None, *,
                chunksize: int = CHUNKSIZE, on_bytes: Callable[[int, int], None] | None = None,
                kind: str | None = None) -> Iterator[Corpus]:
    """The inputs as a stream of :class:`~qualkit.types.Corpus` chunks, in constant memory.

    - A chunk holds whole units: a respondent's answers or an interview's turns are
      never split. It closes once it has ``chunksize`` rows (a survey) or
      segments (transcripts).
    - Segments in file order; ``documents`` are the chunk's segments' documents;
      ``respondents`` the chunk's units (respondents without answers included), with
      the same columns in every chunk of a file; ``questions``, ``labels``, ``kind``
      and ``sources`` are the whole file's on every chunk of it.
    - Every file gives at least one chunk (maybe without segments).
    - ``on_bytes(done, total)`` after each chunk: bytes read over all inputs.
    - Errors are the same as :func:`read_inputs` raises; one may come after chunks
      of the file were handed out (a duplicate id near the end of a big file).

    ``kind="survey"`` reads every input as a survey export (a .txt file is a
    transcript otherwise). A folder stands for the transcripts in it.
    """
    options = options or ReadOptions()
    paths = [Path(inputs)] if isinstance(inputs, (str, os.PathLike)) else [Path(p) for p in inputs]
    if not paths:
        raise InputError(131)
    unknown = [] if kind == "survey" else [p for p in paths if p.suffix.lower() not in TRANSCRIPT_SUFFIXES | SURVEY_SUFFIXES
                                           and not p.is_dir()]
    if unknown:
        raise InputError(137, path=unknown[0], value=unknown[0].suffix or '(none)',
                         suffixes=', '.join(sorted(TRANSCRIPT_SUFFIXES | SURVEY_SUFFIXES)))
    surveys = [p for p in paths if kind == "survey" or (p.suffix.lower() in SURVEY_SUFFIXES and not p.is_dir())]
    transcripts = [p for p in paths if p not in surveys]
    total = sum(_size(p) for p in paths)
    done = 0

    def progress(base: int) -> Callable[[int], None] | None:
        if on_bytes is None:
            return None
        return lambda n: on_bytes(base + n, total)

    seen: dict[str, int] = {}   # respondent id -> the survey file it is in
    for i, p in enumerate(surveys):
        for chunk in iter_survey(p, options, chunksize, progress(done)):
            if len(surveys) > 1:
                _unique_ids(chunk, i, surveys, seen)
            yield chunk
        done += _size(p)
    if transcripts:
        yield from iter_transcripts(transcripts, options, chunksize, progress(done))


def _unique_ids(chunk: Corpus, i: int, surveys: list[Path], seen: dict[str, int]) -> None:
    """QK170 when a respondent id of survey ``i`` was in an earlier survey file."""
    for uid in chunk.respondents.index:
        j = seen.setdefault(uid, i)
        if j != i:
            raise InputError(170, path=str(surveys[i]), id=show_id(str(uid)), first=str(surveys[j]))


def _size(p: Path) -> int:
    try:
        return sum(f.stat().st_size for f in p.iterdir()) if p.is_dir() else p.stat().st_size
    except OSError:
        return 0
