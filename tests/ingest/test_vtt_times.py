"""WebVTT cue times carried into the turns (segments), on the whole and the streamed read,
checked against times computed here from the files with a regex of our own; hostile
timings never stop a read; empty JSONL interviews are skipped with a note."""
from __future__ import annotations

import json
import logging
import re

import pytest

from ingest_helpers import DATA, SECRET, assert_offsets, both_paths  # noqa: F401  (every test on both paths)
from qualkit.errors import InputError
from qualkit.ingest import read_transcripts

CUE = re.compile(r"^(\d\d):(\d\d):(\d\d)\.(\d{3}) --> (\d\d):(\d\d):(\d\d)\.(\d{3})\n"
                 r"(?:<v ([^>]+)>|([^:\n]+): )", re.M)


def expected_turns(path) -> list[tuple[str, str, str]]:
    """(speaker, start, end) per turn: consecutive cues of one speaker, first start, last end."""
    out: list[list[str]] = []
    for m in CUE.finditer(path.read_text(encoding="utf-8")):
        g = m.groups()
        start, end = "{}:{}:{}.{}".format(*g[:4]), "{}:{}:{}.{}".format(*g[4:8])
        speaker = g[8] or g[9]
        if out and out[-1][0] == speaker:
            out[-1][2] = end
        else:
            out.append([speaker, start, end])
    return [tuple(t) for t in out]


@pytest.mark.parametrize("name", ["t_teams.vtt", "t_zoom.vtt", "t_hostile_one_speaker.vtt"])
def test_turn_times_are_the_cue_times(name):
    c = read_transcripts(DATA / name)
    want = expected_turns(DATA / name)
    assert len(want) >= 1
    assert [(s.speaker, s.time_start, s.time_end) for s in c] == want
    frame = c.frame()
    assert list(frame.time_start) == [t[1] for t in want] and list(frame.time_end) == [t[2] for t in want]


def test_the_example_in_docs_has_its_times():
    from pathlib import Path

    p = Path(__file__).parents[2] / "docs" / "examples" / "interview-01-teams.vtt"
    c = read_transcripts(p)
    assert [(s.speaker, s.time_start, s.time_end) for s in c] == expected_turns(p)
    assert c.segments[1].clock == expected_turns(p)[1][1][:8]


@pytest.mark.parametrize("name", ["t_colon.txt", "t_bracket_ts.txt", "t_bold.md", "t_plenary.jsonl"])
def test_other_transcripts_have_no_times(name):
    c = read_transcripts(DATA / name)
    assert len(c) and all(s.time_start == s.time_end == "" for s in c)
    assert set(c.frame().time_start) == {""}


def _vtt(tmp_path, cues: list[tuple[str, str]], name="h.vtt"):
    body = "".join(f"{timing}\n<v {spk}>{SECRET} {i}</v>\n\n" for i, (timing, spk) in enumerate(cues))
    p = tmp_path / name
    p.write_text("WEBVTT\n\n" + body, encoding="utf-8")
    return p


HOSTILE = [  # one cue's timing line, the (start, end) the turn gets
    pytest.param("123:04:05.678 --> 123:04:06.000", ("123:04:05.678", "123:04:06.000"), id="hours-over-99"),
    pytest.param("999999999:00:00.000 --> 999999999:00:01.000", ("999999999:00:00.000", "999999999:00:01.000"),
                 id="nine-digit-hours"),
    pytest.param("1" * 5000 + ":00:00.000 --> 00:01.000", ("", ""), id="5000-digit-hours"),
    pytest.param("04:13.250 --> 04:15.000", ("00:04:13.250", "00:04:15.000"), id="no-hours"),
    pytest.param("00:00:01,5 --> 00:00:02,25", ("00:00:01.500", "00:00:02.250"), id="srt-commas-short-fraction"),
    pytest.param("-00:00:01.000 --> 00:00:02.000", ("", "00:00:02.000"), id="negative"),
    pytest.param("00:00:05.000 --> 00:00:02.000", ("00:00:05.000", ""), id="end-before-start"),
    pytest.param("00:61:00.000 --> 00:00:99.000", ("", ""), id="minutes-seconds-out-of-range"),
    pytest.param("-->", ("", ""), id="arrow-only"),
    pytest.param("garbage --> more garbage", ("", ""), id="words"),
    pytest.param("00:00:01.000-->00:00:02.000", ("", ""), id="no-spaces"),
    pytest.param("00:00:01.000 --> 00:00:02.000 " + "x" * 50_000, ("00:00:01.000", "00:00:02.000"),
                 id="long-settings"),
    pytest.param("\u0661\u0662:00:00.000 --> 00:00:01.000", ("", "00:00:01.000"), id="arabic-digits"),
]


@pytest.mark.parametrize("timing, want", HOSTILE)
def test_hostile_cue_timings_keep_the_text(tmp_path, caplog, timing, want):
    c = read_transcripts(_vtt(tmp_path, [(timing, "Jan")]))
    assert [(s.speaker, s.text, s.time_start, s.time_end) for s in c] == [("Jan", f"{SECRET} 0", *want)]
    assert SECRET not in caplog.text


def test_a_turn_takes_its_first_cue_start_and_last_cue_end(tmp_path):
    c = read_transcripts(_vtt(tmp_path, [
        ("00:00:01.000 --> 00:00:02.000", "Jan"), ("broken --> 00:00:03.000", "Jan"),
        ("00:00:03.000 --> 00:00:04.000", "Jan"),                       # Jan: 1.000 .. 4.000
        ("xx --> 00:00:05.000", "Els"), ("00:00:05.000 --> 00:00:06.000", "Els"),  # Els: start unknown
        ("00:00:06.000 --> 00:00:07.000", "Jan"), ("00:00:07.000 --> yy", "Jan"),  # Jan: end unknown
        ("00:00:09.000 --> 00:00:10.000", "Els"), ("00:00:08.000 --> 00:00:08.500", "Els"),  # ends before start
    ]))
    assert [(s.speaker, s.time_start, s.time_end) for s in c] == [
        ("Jan", "00:00:01.000", "00:00:04.000"), ("Els", "", "00:00:06.000"), ("Jan", "00:00:06.000", ""),
        ("Els", "00:00:09.000", "")]
    assert_offsets(c)


def test_a_long_turn_split_into_pieces_keeps_the_turn_time(tmp_path):
    from qualkit.ingest.transcripts import MAX_TURN

    words = " ".join(f"Zin {i} van een lange monoloog." for i in range(MAX_TURN // 15))
    p = tmp_path / "lang.vtt"
    p.write_text(f"WEBVTT\n\n01:00:00.000 --> 01:30:00.000\n<v Jan>{words}</v>\n", encoding="utf-8")
    c = read_transcripts(p)
    assert len(c) > 1 and {(s.time_start, s.time_end) for s in c} == {("01:00:00.000", "01:30:00.000")}


def test_many_cues_with_hostile_times_read_in_linear_time(tmp_path):
    """45,000 cues, every third one malformed and every fifth with huge hours: read, no error."""
    cues = []
    for i in range(45_000):
        timing = ("x --> y" if i % 3 == 0 else f"{'9' * 12}:00:00.000 --> 00:00:01.000" if i % 5 == 0
                  else f"{i // 3600:02d}:{i // 60 % 60:02d}:{i % 60:02d}.000 --> {i // 3600:02d}:{i // 60 % 60:02d}:"
                       f"{i % 60:02d}.900")
        cues.append((timing, "Jan" if i % 7 else "Els"))
    c = read_transcripts(_vtt(tmp_path, cues))
    assert len(c) > 10_000 and all(s.time_start == "" or s.time_start[2] == ":" for s in c)


# -- JSONL: an empty interview is skipped, with a note -------------------------------------------

def _jsonl(tmp_path, records):
    p = tmp_path / "t.jsonl"
    p.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return p


def test_empty_jsonl_interviews_are_skipped_with_a_note(tmp_path, caplog):
    p = _jsonl(tmp_path, [{"id": "a", "turns": [{"speaker": "Jan", "text": SECRET}]},
                          {"id": "b", "turns": []},
                          {"id": "c", "turns": [{"speaker": "Els", "text": "  "}]},
                          {"id": "d", "turns": [{"speaker": "Els", "text": "Ja."}]}])
    with caplog.at_level(logging.WARNING, logger="qualkit"):
        c = read_transcripts(p)
    assert [s.doc_id for s in c] == ["a", "d"] and list(c.respondents.index) == ["a", "d"]
    assert f"{p}: skipped 2 of 4 interviews: no text in their turns (lines 2, 3)." in caplog.text
    assert SECRET not in caplog.text


def test_a_jsonl_file_of_empty_interviews_is_an_error(tmp_path):
    p = _jsonl(tmp_path, [{"id": "a", "turns": []}, {"id": "b", "turns": [{"speaker": SECRET, "text": ""}]}])
    with pytest.raises(InputError) as info:
        read_transcripts(p)
    assert info.value.code == 159 and SECRET not in str(info.value)
    assert str(info.value).startswith(f"[QK159] {p}: none of its 2 interviews has text in its turns.")
