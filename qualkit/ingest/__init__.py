"""Ingest: survey exports and transcripts -> a :class:`~qualkit.types.Corpus`.

``read_inputs`` reads survey exports (CSV/TSV/TXT, XLSX, SPSS .sav; LimeSurvey and
Qualtrics quirks included) and interviews (.txt, .md, .docx, .vtt, .jsonl, split
into speaker turns), chosen by file suffix; ``read_chunks`` gives the same
segments as a stream of chunks in constant memory (the streaming engine's input).
What to read is one :class:`ReadOptions` record. ``read_survey`` and
``read_transcripts`` are shorthands for one kind of input. Every segment keeps its
source file, respondent or interview id, question or speaker, and code-point
offsets into ``Corpus.documents``. Bad input raises
:class:`~qualkit.errors.InputError` or :class:`~qualkit.errors.LimitError`.

>>> from qualkit.ingest import ReadOptions, read_inputs, read_survey, read_transcripts
>>> corpus = read_inputs(["enquete.csv"], ReadOptions("Respons ID", ["Q23*"]))  # doctest: +SKIP
>>> corpus = read_survey("enquete.csv", "Respons ID", ["Q23*"])  # doctest: +SKIP
>>> corpus = read_transcripts(["interview1.docx", "interview2.vtt"])  # doctest: +SKIP
"""
from qualkit.ingest._chunks import CHUNKSIZE, collect
from qualkit.ingest.inputs import SURVEY_SUFFIXES, TRANSCRIPT_SUFFIXES, read_chunks, read_inputs
from qualkit.ingest.options import ReadOptions
from qualkit.ingest.survey import read_survey
from qualkit.ingest.transcripts import read_transcripts

__all__ = ["CHUNKSIZE", "ReadOptions", "SURVEY_SUFFIXES", "TRANSCRIPT_SUFFIXES", "collect", "read_chunks",
           "read_inputs", "read_survey", "read_transcripts"]
