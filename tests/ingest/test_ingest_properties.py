"""Hypothesis: offsets always point at the segment text, whatever the input."""
from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from ingest_helpers import both_paths  # noqa: F401  (every test on both paths)
from qualkit.errors import InputError
from qualkit.ingest import read_survey, read_transcripts
from qualkit.ingest._speakers import SpeakerMatcher, split_turns
from qualkit.ingest.transcripts import _rebuild

SETTINGS = settings(max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=60)
WORDS = st.text(st.sampled_from("abcdeéfgh ijk,.?’ \t"), max_size=40)
LABELS = [  # (format, speaker)
    ("{s}: ", "Interviewer"), ("{s}: ", "R"), ("{s}:\t", "MA1"), ("[00:01:23] {s}: ", "Anna de Vries"),
    ("00:01:23 {s}: ", "Jan"), ("{s} (00:01:23): ", "Els"), ("**{s}**\\\n", "Interviewer"),
    ("***{s}***\\\n", "Participant"), ("**{s}:** ", "Piet"),
]


def _check(text: str, turns) -> None:
    last = 0
    for t in turns:
        piece = text[t.start:t.end]
        assert piece and piece == piece.strip()
        assert t.start >= last
        last = t.end


@SETTINGS
@given(st.text(max_size=300))
def test_split_turns_offsets_on_any_text(text):
    _check(text, split_turns(text, SpeakerMatcher()))


@SETTINGS
@given(st.lists(st.tuples(st.sampled_from(LABELS), WORDS), max_size=8), WORDS)
def test_split_turns_recovers_generated_turns(turns, preamble):
    assume(":" not in preamble)
    text = preamble.replace("\n", " ") + "\n"
    for (fmt, speaker), words in turns:
        text += fmt.format(s=speaker) + words + "\n\n"
    got = split_turns(text, SpeakerMatcher())
    _check(text, got)
    expected = ([("", preamble.strip())] if preamble.strip() else [])
    expected += [(speaker, words.strip()) for (fmt, speaker), words in turns if words.strip()]
    assert [(t.speaker, text[t.start:t.end]) for t in got] == expected


@SETTINGS
@given(st.lists(st.tuples(st.sampled_from(["", "Els", "Jan de Vries"]), TEXT), max_size=8))
def test_rebuilt_documents_keep_offsets(turns):
    doc, spans = _rebuild(turns)
    assert [doc[t.start:t.end] for t in spans] == [text.strip() for _, text in turns if text.strip()]


@SETTINGS
@given(st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), min_size=1, max_size=200),
       st.sampled_from([".txt", ".md"]))
def test_read_transcripts_offsets_on_any_file(text, suffix):
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / f"t{suffix}"
        p.write_bytes(text.encode("utf-8"))
        try:
            c = read_transcripts(p)
        except InputError as e:
            assert e.code in (102, 121, 154, 160)  # blank file
            return
    for s in c:
        assert c.documents[s.doc_id][s.start:s.end] == s.text and s.text == s.text.strip()
    assert c.documents["t"] == text.removeprefix("\ufeff")


@SETTINGS
@given(st.lists(st.tuples(TEXT, TEXT), min_size=1, max_size=6))
def test_survey_csv_round_trip(rows):
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["id", "Q1", "Q2"])
    for i, (a, b) in enumerate(rows, 1):
        w.writerow([str(i), a, b])
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "s.csv"
        p.write_bytes(buf.getvalue().encode("utf-8"))
        c = read_survey(p, "id", ["Q1", "Q2"], delimiter=",")
    assert list(c.respondents.index) == [str(i) for i in range(1, len(rows) + 1)]
    expected = [(str(i), q, cell) for i, row in enumerate(rows, 1) for q, cell in zip(["Q1", "Q2"], row)
                if cell.strip() and cell != "NA"]
    assert [(s.unit_id, s.question, c.documents[s.doc_id]) for s in c] == expected
    for s in c:
        assert c.documents[s.doc_id][s.start:s.end] == s.text == c.documents[s.doc_id].strip()
