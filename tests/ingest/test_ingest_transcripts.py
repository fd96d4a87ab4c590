"""read_transcripts on every label form and file type: the same four turns, one case per file."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from ingest_helpers import DATA, assert_offsets, both_paths  # noqa: F401  (every test on both paths)
from qualkit.ingest import read_transcripts
from qualkit.ingest._speakers import SpeakerMatcher, split_turns
from qualkit.ingest._vtt import parse_vtt

TURNS = ["Wat vindt u van de werkdruk?", "Het is te druk, vooral ’s avonds.", "Kunt u een voorbeeld geven?",
         "Gisteren had ik geen pauze. Dat gebeurt vaak."]
PREAMBLE = "Interview 7, locatie Utrecht"


def _docx(tmp_path: Path) -> Path:
    import docx

    p = tmp_path / "t_word.docx"
    d = docx.Document()
    d.add_paragraph(PREAMBLE)
    for i, t in enumerate(TURNS):
        d.add_paragraph(f"{'Interviewer' if i % 2 == 0 else 'Anna de Vries'}: {t}")
        d.add_paragraph("")
    d.save(p)
    return p


def _file(name):
    return lambda tmp_path: DATA / name


FORMS = [  # file, interviewer label, respondent label, has the preamble line
    pytest.param(_file("t_colon.txt"), "Interviewer", "Respondent", True, id="Interviewer:"),
    pytest.param(_file("t_code.txt"), "I", "MA1", True, id="MA1:"),
    pytest.param(_file("t_ir.txt"), "I", "R", True, id="I:/R:"),
    pytest.param(_file("t_bracket_ts.txt"), "Interviewster", "Anna de Vries", True, id="[00:01:23] Naam:"),
    pytest.param(_file("t_ts.txt"), "Moderator", "Anna de Vries", True, id="00:01:23 Naam:"),
    pytest.param(_file("t_name_ts.txt"), "Onderzoeker", "Anna de Vries", True, id="Naam (00:01:23):"),
    pytest.param(_file("t_bold.md"), "Interviewer", "Participant", True, id="**Interviewer**"),
    pytest.param(_file("t_bold_colon.md"), "Interviewer", "Anna", True, id="**Naam:**"),
    pytest.param(_file("t_cp1252_crlf.txt"), "Interviewer", "Respondent", True, id="cp1252-crlf"),
    pytest.param(_file("t_utf8_bom.txt"), "I", "MA1", True, id="utf8-bom"),
    pytest.param(_file("t_teams.vtt"), "Interviewer", "Anna de Vries", False, id="teams-vtt"),
    pytest.param(_file("t_zoom.vtt"), "Interviewer", "Anna de Vries", False, id="zoom-vtt"),
    pytest.param(_docx, "Interviewer", "Anna de Vries", True, id="docx"),
]


@pytest.mark.parametrize("make, interviewer, respondent, preamble", FORMS)
def test_forms_give_the_same_turns(tmp_path, make, interviewer, respondent, preamble):
    path = make(tmp_path)
    c = read_transcripts(path)
    speakers = [interviewer, respondent] * 2
    expected = [("", PREAMBLE, False)] if preamble else []
    expected += [(s, t, i % 2 == 1) for i, (s, t) in enumerate(zip(speakers, TURNS))]
    assert [(s.speaker, s.text, s.coded) for s in c] == expected
    assert c.kind == "transcript" and c.questions == ["interview"]
    assert {s.doc_id for s in c} == {path.stem} and {s.unit_id for s in c} == {path.stem}
    assert all(s.question == "interview" and s.source == path.name for s in c)
    assert list(c.respondents.index) == [path.stem]
    assert c.respondents.loc[path.stem, "source"] == path.name
    assert_offsets(c)


def test_txt_document_is_the_decoded_file():
    c = read_transcripts(DATA / "t_cp1252_crlf.txt")
    assert c.documents["t_cp1252_crlf"] == (DATA / "t_cp1252_crlf.txt").read_bytes().decode("cp1252")


def test_vtt_document_is_rebuilt_and_cues_merged():
    c = read_transcripts(DATA / "t_teams.vtt")
    doc = c.documents["t_teams"]
    assert doc.splitlines()[0] == f"Interviewer: {TURNS[0]}"
    assert doc.splitlines()[3] == f"Anna de Vries: {TURNS[3]}"
    assert c.segments[0].start == len("Interviewer: ")


def test_vtt_tags_entities_and_notes():
    text = ("WEBVTT - Teams\n\nNOTE gemaakt door Teams\n\n00:00.000 --> 00:01.000\n"
            "<v.loud Els Peeters><i>Goed</i> &amp; wel</v>\n\n00:01.000 --> 00:02.000\n"
            "<c.yellow>zonder spreker</c>\n\n00:02.000 --> 00:03.000 align:start\nLeo: Ja <00:02.500>toch\n")
    turns = parse_vtt(text, "a.vtt")
    assert [(t.speaker, t.text) for t in turns] == [("Els Peeters", "Goed & wel"), ("", "zonder spreker"),
                                                    ("Leo", "Ja toch")]
    assert [(t.start, t.end) for t in turns] == [("00:00:00.000", "00:00:01.000"), ("00:00:01.000", "00:00:02.000"),
                                                 ("00:00:02.000", "00:00:03.000")]


def test_jsonl_interviews_and_variables():
    c = read_transcripts(DATA / "t_plenary.jsonl")
    assert list(c.documents) == ["12", "13"]
    assert [(s.doc_id, s.speaker) for s in c] == [("12", "Els Peeters"), ("12", "Minister Jansen"),
                                                 ("13", "Jan Maes"), ("13", "Minister Jansen"), ("13", "Jan Maes")]
    assert c.segments[1].text == "Wij investeren extra.\nDat helpt."
    assert c.segments[3].text == "Door werken."
    assert all(s.coded for s in c)
    r = c.respondents
    assert list(r.columns) == ["source", "question_id", "meeting_id", "topic_nl", "share_nl_turns"]
    assert r.loc["13", "topic_nl"] == "Treinen" and r.loc["12", "share_nl_turns"] == 1.0
    assert_offsets(c)


def test_jsonl_ids_fall_back_to_all_id_fields(tmp_path):
    p = tmp_path / "dubbel.jsonl"
    p.write_text('{"question_id": "5", "meeting_id": "1", "turns": [{"speaker": "A", "text": "x"}]}\n'
                 '{"question_id": "5", "meeting_id": "2", "turns": [{"speaker": "A", "text": "y"}]}\n')
    assert list(read_transcripts(p).documents) == ["5-1", "5-2"]


def test_interviewer_options():
    c = read_transcripts(DATA / "t_colon.txt", code_interviewer=True)
    assert all(s.coded for s in c if s.speaker) and not c.segments[0].speaker and not c.segments[0].coded
    c = read_transcripts(DATA / "t_bracket_ts.txt", interviewer=["anna DE vries"])
    assert [s.coded for s in c] == [False, True, False, True, False]


def test_speaker_pattern_replaces_builtin_forms(tmp_path):
    p = tmp_path / "eigen.txt"
    p.write_text("SPREKER 1 >> Goedemorgen.\nInterviewer: dit is geen label hier\nSPREKER 2 >> Dag.\n")
    c = read_transcripts(p, speaker_pattern=r"(?P<speaker>SPREKER \d+) >> ")
    assert [(s.speaker, s.text) for s in c] == [
        ("SPREKER 1", "Goedemorgen.\nInterviewer: dit is geen label hier"), ("SPREKER 2", "Dag.")]


def test_text_without_labels_is_one_turn(tmp_path):
    p = tmp_path / "los.txt"
    p.write_text("\n  Gewoon een verhaal.\nKortom: niets bijzonders.\n\n")
    c = read_transcripts(p)
    assert [(s.speaker, s.text, s.start) for s in c] == [("", "Gewoon een verhaal.\nKortom: niets bijzonders.", 3)]


@pytest.mark.parametrize("text, speakers", [
    pytest.param("Kortom: een.\nJan: twee.\nKortom: drie.\n", ["Kortom", "Kortom"], id="recurring-name"),
    pytest.param("Jan: een.\nPiet: twee.\n", [""], id="one-off-names-are-text"),
    pytest.param("R1: een.\nint: twee.\nDeelnemer 3: drie.\n", ["R1", "int", "Deelnemer 3"], id="codes-and-roles"),
    pytest.param("Om 10: 30 uur.\nZie: http://x.nl\nhttps://x.nl\n", [""], id="not-labels"),
    pytest.param("Speaker 1  0:03\nHallo.\nSpeaker 2  0:09\nDag.\nSpeaker 1  0:12\nJa.\n",
                 ["Speaker 1", "Speaker 2", "Speaker 1"], id="otter"),
])
def test_plain_label_heuristics(text, speakers):
    assert [t.speaker for t in split_turns(text, SpeakerMatcher())] == speakers


def test_folder_and_list_of_paths(tmp_path):
    for name in ("b.txt", "a.md", "notities.pdf"):
        (tmp_path / name).write_text("I: vraag\nR: antwoord\n")
    c = read_transcripts(tmp_path)
    assert list(c.documents) == ["a", "b"] and c.sources == ["a.md", "b.txt"]
    c = read_transcripts([tmp_path / "b.txt", str(tmp_path / "a.md")])
    assert list(c.documents) == ["b", "a"]
    assert len(c.respondents) == 2


def test_merge_with_a_survey():
    from qualkit.ingest import read_survey

    c = read_survey(DATA / "survey_utf8.csv", "id", ["Q1"]).merge(read_transcripts(DATA / "t_code.txt"))
    assert len(c) == 2 + 5 and c.questions == ["Q1", "interview"]
    assert_offsets(c)


def test_inputs_are_not_modified(tmp_path):
    paths = [DATA / "t_bold.md", DATA / "t_teams.vtt", _docx(tmp_path)]
    before = [hashlib.sha256(p.read_bytes()).hexdigest() for p in paths]
    read_transcripts(paths)
    assert [hashlib.sha256(p.read_bytes()).hexdigest() for p in paths] == before
