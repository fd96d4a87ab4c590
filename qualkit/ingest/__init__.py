"""Ingest: survey exports and transcripts -> a :class:`~qualkit.types.Corpus`.

``read_survey`` reads CSV/TSV/TXT, XLSX and SPSS .sav exports (LimeSurvey and
Qualtrics quirks included); ``read_transcripts`` reads .txt, .md, .docx, .vtt
and .jsonl interviews split into speaker turns. Every segment keeps its source
file, respondent or interview id, question or speaker, and code-point offsets
into ``Corpus.documents``. Bad input raises :class:`~qualkit.errors.InputError`
(QK101-QK128) or :class:`~qualkit.errors.LimitError` (QK801-QK803).

>>> from qualkit.ingest import read_survey, read_transcripts
>>> corpus = read_survey("enquete.csv", "Respons ID", ["Q23*"])  # doctest: +SKIP
>>> corpus = read_transcripts(["interview1.docx", "interview2.vtt"])  # doctest: +SKIP
"""
from qualkit.ingest.survey import read_survey
from qualkit.ingest.transcripts import read_transcripts

__all__ = ["read_survey", "read_transcripts"]
