"""WebVTT files as other programs and people write them (vtt-check, round 4): Windows and old
Mac line ends, a header or cues without the blank line between them, a blank line inside a
cue's text, NOTE/STYLE/REGION blocks, entities in voice names. Every test on both paths."""
from __future__ import annotations

import pytest

from ingest_helpers import SECRET, assert_offsets, both_paths  # noqa: F401  (every test on both paths)
from qualkit.ingest import read_transcripts

TEAMS = ("WEBVTT\n\nid-1\n00:00:01.000 --> 00:00:02.500\n<v Jan Peeters>Eerste zin.</v>\n\n"
         "id-2\n00:00:02.500 --> 00:00:04.000\n<v Jan Peeters>Tweede zin.</v>\n\n"
         "00:00:04.000 --> 00:00:05.000 align:start position:10%\n<v Els>Antwoord.</v>\n")
WANT = [("Jan Peeters", "Eerste zin. Tweede zin.", "00:00:01.000", "00:00:04.000"),
        ("Els", "Antwoord.", "00:00:04.000", "00:00:05.000")]


def _read(tmp_path, text: str | bytes, name="t.vtt"):
    p = tmp_path / name
    p.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    c = read_transcripts(p)
    assert_offsets(c)
    return [(s.speaker, s.text, s.time_start, s.time_end) for s in c]


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"], ids=["lf", "crlf", "cr"])
@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"], ids=["", "bom"])
def test_any_line_end_and_a_bom_give_the_same_turns(tmp_path, newline, bom):
    """Teams on Windows writes CRLF: before the fix every CRLF line end counted as a blank line,
    so no cue had text and the file was QK121 (or lost its cues)."""
    assert _read(tmp_path, bom + TEAMS.replace("\n", newline).encode("utf-8")) == WANT


def test_a_cue_right_after_the_header_or_another_cue_is_read(tmp_path):
    """No blank line after WEBVTT or between cues: a line that starts with a time starts a cue
    (as in the WebVTT parsing rules), so the timing never becomes respondent text."""
    text = ("WEBVTT\n00:00:01.000 --> 00:00:02.000\n<v Jan>Een.</v>\n"
            "00:00:02.000 --> 00:00:03.000\n<v Els>Twee.</v>\n00:00:03.000 --> 00:00:04.000\n<v Els>Drie.</v>\n")
    assert _read(tmp_path, text) == [("Jan", "Een.", "00:00:01.000", "00:00:02.000"),
                                     ("Els", "Twee. Drie.", "00:00:02.000", "00:00:04.000")]


def test_an_arrow_in_the_text_stays_text(tmp_path):
    text = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Jan>van A\n--> naar B</v>\n"
    assert _read(tmp_path, text) == [("Jan", "van A --> naar B", "00:00:01.000", "00:00:02.000")]


def test_a_blank_line_inside_a_cue_keeps_the_rest_of_its_text(tmp_path):
    text = (f"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Jan>Eerste alinea.\n\n{SECRET} tweede alinea.</v>\n\n"
            "00:00:02.000 --> 00:00:03.000\n<v Els>Ja.</v>\n\n<v Piet>Zonder tijd.</v>\n")
    assert _read(tmp_path, text) == [("Jan", f"Eerste alinea. {SECRET} tweede alinea.", "00:00:01.000", "00:00:02.000"),
                                     ("Els", "Ja.", "00:00:02.000", "00:00:03.000"),
                                     ("Piet", "Zonder tijd.", "", "00:00:03.000")]


def test_note_style_and_region_blocks_are_not_text_but_a_cue_named_notes_is(tmp_path):
    text = ("WEBVTT\nKind: captions\n\nNOTE vertrouwelijk\nnamen weggelaten\n\nSTYLE\n::cue { color: red }\n\n"
            "REGION\nid:links\n\nNOTES-1\n00:00:01.000 --> 00:00:02.000\n<v Jan>Hallo.</v>\n")
    assert _read(tmp_path, text) == [("Jan", "Hallo.", "00:00:01.000", "00:00:02.000")]


def test_entities_in_a_voice_name_are_decoded(tmp_path):
    """``<v Jan &amp; Piet>`` is the speaker ``Jan & Piet``, the same as an unescaped ``&``."""
    text = ("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Jan &amp; Piet>Een.</v>\n\n"
            "00:00:02.000 --> 00:00:03.000\n<v Jan & Piet>Twee.</v>\n")
    assert _read(tmp_path, text) == [("Jan & Piet", "Een. Twee.", "00:00:01.000", "00:00:03.000")]


def test_a_name_typed_in_either_unicode_form_is_one_speaker(tmp_path):
    """``José`` as one character or as ``e`` + combining accent (a Mac file name, another tool):
    one speaker in NFC, so one pseudonym, one row of speakers.csv and one match in a --speakers file."""
    from qualkit.ingest.speakers import read_speakers, skip_speaker_notes

    text = ("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Jose\u0301 Peeters>Een.</v>\n\n"
            "00:00:02.000 --> 00:00:03.000\n<v Jos\u00e9 Peeters>Twee.</v>\n")
    assert _read(tmp_path, text) == [("Jos\u00e9 Peeters", "Een. Twee.", "00:00:01.000", "00:00:03.000")]
    attrs = tmp_path / "s.csv"
    attrs.write_text("spreker;rol\nJose\u0301 Peeters;a\n", encoding="utf-8")
    assert list(read_speakers(attrs).index) == ["Jos\u00e9 Peeters"]
    assert skip_speaker_notes(["jose\u0301*"], ["Jos\u00e9 Peeters"]) == []
