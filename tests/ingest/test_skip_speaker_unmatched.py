"""A --skip-speaker pattern that matches no speaker (a typo) skips nobody: the user is told."""
from __future__ import annotations

import logging

from conftest import shared
from qualkit.ingest import ReadOptions
from qualkit.ingest.speakers import skip_speaker_notes
from qualkit.ingest.transcripts import iter_transcripts


def test_a_skip_speaker_pattern_matching_nobody_is_reported(caplog):
    kamer = shared("nl-be-kamer-plenary-qa", "plenary_questions_dutch.jsonl")
    patterns = ["Voorziter*", "voorzitter"]
    with caplog.at_level(logging.WARNING, logger="qualkit"):
        chunks = list(iter_transcripts([kamer], ReadOptions(skip_speakers=patterns)))
    assert not caplog.records  # the command notes it (code, report), naming the pattern only without --pseudonymise
    notes = skip_speaker_notes(patterns, {s.speaker for c in chunks for s in c.segments})
    assert notes == ["--skip-speaker 'Voorziter*' matches no speaker in the transcripts, so it skips nobody; "
                     "the speakers are listed in speakers.csv."]
    assert skip_speaker_notes(patterns, {s.speaker for c in chunks for s in c.segments}, named=False) == [
        "--skip-speaker number 1 of 2 matches no speaker in the transcripts, so it skips nobody; "
        "the speakers are listed in speakers.csv."]
    assert any(not s.coded and s.speaker.casefold() == "voorzitter" for c in chunks for s in c.segments)
