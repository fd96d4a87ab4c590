"""Shared helpers for the ingest tests (imported by name: tests/ingest is on sys.path).

``both_paths`` runs every test of a module that imports it twice: once with the
in-memory readers, once with the same calls going through the chunk stream
(chunks of one row or one interview) that the streaming engine reads, checking
that the stream gives the same corpus, or the same error, as the whole read.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from qualkit.errors import QualkitError
from qualkit.ingest import ReadOptions, collect, read_chunks
from qualkit.ingest import read_survey as whole_survey
from qualkit.ingest import read_transcripts as whole_transcripts
from qualkit.ingest.transcripts import iter_transcripts
from qualkit.types import Corpus

DATA = Path(__file__).parents[1] / "data" / "ingest"
REAL = Path(__file__).parents[2].parent / "shared" / "data"
SECRET = "GEHEIM-a7f3-privé"
"""Marked respondent text: it must never appear in an error message."""

needs_real = pytest.mark.skipif(not REAL.is_dir(), reason=f"real data folder {REAL} is absent "
                                "(it sits beside the checkout as ../shared/data in CI)")


def assert_offsets(corpus: Corpus) -> None:
    """Every segment's text is its document's slice, stripped and non-empty."""
    for s in corpus:
        assert corpus.documents[s.doc_id][s.start:s.end] == s.text
        assert s.text and s.text == s.text.strip()


def check_chunks(chunks: list[Corpus]) -> None:
    """What the engine relies on: whole units per chunk, the chunk's own documents, the same
    questions, labels and respondent columns on every chunk of a source."""
    assert chunks, "every call gives at least one chunk"
    seen: set[str] = set()
    first: dict[str, Corpus] = {}
    for c in chunks:
        units = list(c.respondents.index)
        assert not seen & set(units), "a unit in two chunks"
        seen.update(units)
        assert {s.unit_id for s in c} <= set(units)
        assert set(c.documents) == {s.doc_id for s in c}
        ref = first.setdefault(c.sources[0], c) if c.sources else c
        assert (c.questions, c.labels, c.kind, list(c.respondents.columns)) == \
            (ref.questions, ref.labels, ref.kind, list(ref.respondents.columns))


def assert_same_corpus(a: Corpus, b: Corpus) -> None:
    assert a.segments == b.segments
    assert a.documents == b.documents
    assert (a.questions, a.labels, a.kind, a.sources) == (b.questions, b.labels, b.kind, b.sources)
    assert_frame_equal(a.respondents, b.respondents)


def _same(whole, streamed):
    """The streamed corpus, after checking it equals the whole read (or raises the same error)."""
    try:
        expected = whole()
    except QualkitError as e:
        with pytest.raises(QualkitError) as info:
            streamed()
        assert (type(info.value), str(info.value)) == (type(e), str(e))
        raise
    got = streamed()
    assert_same_corpus(got, expected)
    return got


def stream_survey(path, id_column=None, questions=None, *, encoding=None, delimiter=None, sheet=None,
                  variables=None) -> Corpus:
    """read_survey through read_chunks (one row per chunk)."""
    options = ReadOptions(id_column=id_column, questions=questions, encoding=encoding, delimiter=delimiter,
                          sheet=sheet, variables=variables)

    def streamed():
        chunks = list(read_chunks([path], options, chunksize=1, kind="survey"))
        check_chunks(chunks)
        return collect(chunks)

    return _same(lambda: whole_survey(path, id_column, questions, encoding=encoding, delimiter=delimiter,
                                      sheet=sheet, variables=variables), streamed)


def stream_transcripts(paths, *, speaker_pattern=None, interviewer=None, code_interviewer=False) -> Corpus:
    """read_transcripts through the chunk stream (one interview per chunk)."""
    options = ReadOptions(speaker_pattern=speaker_pattern, interviewer=interviewer, code_interviewer=code_interviewer)

    def streamed():
        chunks = list(iter_transcripts(paths, options, chunksize=1))
        check_chunks(chunks)
        return collect(chunks)

    return _same(lambda: whole_transcripts(paths, speaker_pattern=speaker_pattern, interviewer=interviewer,
                                           code_interviewer=code_interviewer), streamed)


@pytest.fixture(autouse=True, params=["whole", "stream"])
def both_paths(request, monkeypatch):
    """Run the importing module's tests on the in-memory and on the streamed path."""
    if request.param == "stream":
        for name, fn in (("read_survey", stream_survey), ("read_transcripts", stream_transcripts)):
            if hasattr(request.module, name):
                monkeypatch.setattr(request.module, name, fn)
    return request.param


__all__ = ["DATA", "REAL", "SECRET", "assert_offsets", "both_paths", "needs_real", "pd"]
