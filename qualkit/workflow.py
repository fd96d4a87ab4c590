"""The whole job in a few calls: read inputs, code them, build the tables.

>>> corpus = read_inputs(["corpora/ocmw-werkdruk-2026.csv"], id_column="respondent",
...                      questions=["Q23", "Q24"])                           # doctest: +SKIP
"""
from __future__ import annotations

from pathlib import Path
from typing import Sequence

from qualkit.errors import InputError
from qualkit.types import Corpus

TRANSCRIPT_SUFFIXES = {".txt", ".md", ".docx", ".vtt", ".jsonl"}
SURVEY_SUFFIXES = {".csv", ".tsv", ".xlsx", ".xlsm", ".sav", ".zsav"}


def read_inputs(inputs: Sequence[str | Path], *, id_column: str | None = None,
                questions: list[str] | None = None, encoding: str | None = None,
                delimiter: str | None = None, sheet: str | None = None,
                speaker_pattern: str | None = None, code_interviewer: bool = False,
                skip_speakers: list[str] | None = None) -> Corpus:
    """One corpus from a survey export and/or transcripts, chosen by file suffix;
    ``skip_speakers``: speaker labels or globs whose turns are not coded (besides the interviewer's)."""
    from qualkit.ingest import read_survey, read_transcripts
    from qualkit.ingest.speakers import skip_speakers as skip

    paths = [Path(p) for p in inputs]
    if not paths:
        raise InputError(131, "no input files given. Name a survey export (.csv, .xlsx, .sav) or transcripts (.txt, .md, .docx, .vtt).")
    unknown = [p for p in paths if p.suffix.lower() not in TRANSCRIPT_SUFFIXES | SURVEY_SUFFIXES]
    if unknown:
        raise InputError(103, f"{unknown[0]}: unsupported file type {unknown[0].suffix or '(none)'!r}. "
                         f"Use one of: {', '.join(sorted(TRANSCRIPT_SUFFIXES | SURVEY_SUFFIXES))}.")
    surveys = [p for p in paths if p.suffix.lower() in SURVEY_SUFFIXES]
    transcripts = [p for p in paths if p.suffix.lower() in TRANSCRIPT_SUFFIXES]
    corpus: Corpus | None = None
    for p in surveys:
        c = read_survey(p, id_column, questions, encoding=encoding, delimiter=delimiter, sheet=sheet)
        corpus = c if corpus is None else corpus.merge(c)
    if transcripts:
        c = read_transcripts(transcripts, speaker_pattern=speaker_pattern, code_interviewer=code_interviewer)
        c = skip(c, skip_speakers)
        corpus = c if corpus is None else corpus.merge(c)
    assert corpus is not None
    return corpus


def code_inputs(inputs: Sequence[str | Path], codebook: str | Path | None, *, model: str | None = None,
                progress=None, **read: object):
    """Read ``inputs`` (see :func:`read_inputs` for the keyword arguments) and code the
    corpus with the ``codebook`` file, or with a learned model when ``model`` is a
    model folder from ``qualkit learn`` (then the codebook is optional; otherwise
    ``model`` names a spaCy pipeline): the library call behind ``qualkit code``."""
    from qualkit.codebook import load_codebook
    from qualkit.nlp import load_pipeline

    if model is not None:
        from qualkit.coding.learned_store import is_model_dir

        if is_model_dir(model):
            from qualkit.coding.learned_use import code_with_model
            from qualkit.coding.learned_store import load_model

            learned = load_model(model)
            cb = load_codebook(codebook) if codebook is not None else None
            corpus = read_inputs(inputs, **read)  # type: ignore[arg-type]
            return code_with_model(corpus, learned, cb, load_pipeline(learned.language))
    if codebook is None:
        raise InputError(149, "no codebook given. Pass --codebook FILE, or --model DIR with a model folder "
                         "from 'qualkit learn'.")
    from qualkit.coding import code_corpus

    cb = load_codebook(codebook)
    corpus = read_inputs(inputs, **read)  # type: ignore[arg-type]
    return code_corpus(corpus, cb, load_pipeline(cb.language, model), progress=progress)
