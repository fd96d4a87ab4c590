"""Fuzz: transcripts (.txt/.md, .docx, .vtt, .jsonl) give a result or a [QK] error.

Seeds are the transcript fixtures, the demo interviews and real interviews and
plenary turns from ../shared/data; DOCX seeds are built from them and also
mutated member by member. See hardening_fuzz.
"""
from __future__ import annotations

import pytest
from hypothesis import given

from hardening_corpus import docx_seeds, transcript_seeds
from hardening_fuzz import FUZZ, run_case, text_cases, write_case, zip_cases
from hardening_generate import generated_jsonl
from qualkit.ingest import read_transcripts

pytest_plugins = ["hardening_plugin"]


@pytest.fixture(scope="module")
def work(tmp_path_factory):
    return tmp_path_factory.mktemp("fuzz-transcripts")


def corpus_ok(c) -> None:
    for s in c.segments:
        assert c.documents[s.doc_id][s.start:s.end] == s.text, s.doc_id
        assert s.text and s.text == s.text.strip()


def _read(reader: str, work, case) -> None:
    kw, describe = case.kwargs, case.describe
    path = write_case(work, case.seed.name, case.data)
    run_case(reader, lambda: read_transcripts(path, **kw), describe, corpus_ok)


@FUZZ
@given(case=text_cases(transcript_seeds("text")))
def test_fuzz_txt_md(work, case):
    _read("transcript txt/md", work, case)


@FUZZ
@given(case=zip_cases(docx_seeds()))
def test_fuzz_docx_members(work, case):
    _read("transcript docx", work, case)


@FUZZ
@given(case=text_cases(transcript_seeds("vtt")))
def test_fuzz_vtt(work, case):
    _read("transcript vtt", work, case)


@FUZZ
@given(case=text_cases(transcript_seeds("jsonl")))
def test_fuzz_jsonl(work, case):
    _read("transcript jsonl", work, case)


@FUZZ
@given(case=generated_jsonl())
def test_fuzz_generated_jsonl(work, case):
    _read("transcript jsonl (generated)", work, case)
