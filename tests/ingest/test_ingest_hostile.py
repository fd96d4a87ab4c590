"""Issue #11, reader items: inputs that once gave a traceback, lost text, leaked an answer
into a message, or took quadratic time. Each runs on the in-memory and the streamed path."""
from __future__ import annotations

import json
import time

import pytest

from ingest_helpers import SECRET, assert_offsets, both_paths  # noqa: F401  (every test on both paths)
from qualkit.errors import InputError, LimitError
from qualkit.ingest import _tables, read_survey, read_transcripts
from qualkit.ingest.transcripts import MAX_TURN

# -- 10: no respondent text in errors ------------------------------------------------------------

@pytest.mark.parametrize("kwargs, code", [({"id_column": "respondent", "questions": ["Q1"]}, 110),
                                          ({"questions": ["Q1"]}, 111)])
def test_file_without_header_row_does_not_list_answers(tmp_path, kwargs, code):
    p = tmp_path / "s.csv"
    p.write_text(f"17;34;{SECRET} veel te druk\n18;51;ja\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_survey(p, **kwargs)
    msg = str(info.value).replace(str(p), "<path>")  # the temporary path may hold '34' (pytest-345)
    assert info.value.code == code and "col1, col2, col3" in msg and "header row missing" in msg
    assert SECRET[:6] not in msg and "34" not in msg and "druk" not in msg


def test_long_headers_are_not_quoted_in_messages(tmp_path):
    p = tmp_path / "s.csv"
    p.write_text(f"id;{SECRET} is dit een lange kop van meer dan veertig tekens?\n1;ja\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_survey(p, "id", ["Q9"])
    assert "'id', 'col2'" in str(info.value) and SECRET[:6] not in str(info.value)


def test_human_coding_file_without_header_row(tmp_path):
    from qualkit.agree import read_human

    p = tmp_path / "k.csv"
    p.write_text(f"R1;{SECRET} antwoord;1;0\nR2;nee;0;1\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_human(p)
    assert SECRET[:6] not in str(info.value) and "antwoord" not in str(info.value)


def test_duplicate_coder_unit_shows_no_long_unit_value():
    from qualkit.ingest.human import CoderData, combine

    import pandas as pd

    long = pd.DataFrame({"unit": [f"{SECRET} een antwoord als id"], "coder": ["A"], "code": ["x"], "value": [1]})
    parts = [CoderData(long=long, texts={}, sources=[name]) for name in ("a.csv", "b.csv")]
    with pytest.raises(InputError) as info:
        combine(parts)
    assert info.value.code == 153 and SECRET[:6] not in str(info.value)


# -- 12: integers over Python's digit limit ---------------------------------------------------------

def test_jsonl_with_a_huge_integer(tmp_path):
    p = tmp_path / "t.jsonl"
    p.write_text('{"id": "a", "n": ' + "9" * 5000 + ', "turns": [{"speaker": "A", "text": "' + SECRET + '"}]}\n')
    with pytest.raises(InputError) as info:
        read_transcripts(p)
    assert info.value.code == 133 and "line 1" in str(info.value) and "4,300" in str(info.value)


def test_jsonl_id_as_a_huge_integer(tmp_path):
    p = tmp_path / "t.jsonl"
    p.write_text('{"id": -' + "1" * 4400 + ', "turns": [{"speaker": "A", "text": "x"}]}\n')
    with pytest.raises(InputError) as info:
        read_transcripts(p)
    assert info.value.code == 133


# -- 13: lone surrogates ------------------------------------------------------------------------------

def test_lone_surrogates_in_jsonl_text_ids_and_fields(tmp_path, nl):
    import pyarrow as pa

    p = tmp_path / "t.jsonl"
    p.write_text('{"id": "a\\ud800", "topic": "x\\udfff", "t\\udc00pic": 1, "turns": [{"speaker": "Els\\udc00", '
                 '"text": "Meer personeel\\ud800 nodig."}]}\n', encoding="utf-8")
    c = read_transcripts(p)
    s = c.segments[0]
    assert (s.unit_id, s.speaker, s.text) == ("a\ufffd", "Els\ufffd", "Meer personeel\ufffd nodig.")
    assert c.respondents.loc["a\ufffd", "topic"] == "x\ufffd"
    assert c.respondents.loc["a\ufffd", "t\ufffdpic"] == 1  # a field name too (the fuzzer found it)
    assert_offsets(c)
    pa.Table.from_pandas(c.frame())  # pyarrow encodes every text column
    pa.Table.from_pandas(c.respondents.reset_index())
    assert len(list(nl.pipe([s.text]))[0]) > 0


# -- 15: codecs that are not text encodings -------------------------------------------------------

@pytest.mark.parametrize("encoding", ["rot13", "rot_13", "hex", "base64", "uu", "zlib", "bz2", "punycode",
                                      "undefined", "quopri", "idna"])
def test_non_text_encodings_are_refused(tmp_path, encoding):
    p = tmp_path / "s.csv"
    p.write_text(f"id;Q1\n1;{SECRET}\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_survey(p, "id", ["Q1"], encoding=encoding)
    assert info.value.code == 129 and "not a text encoding" in str(info.value)


def test_non_text_encoding_through_the_cli(tmp_path):
    from typer.testing import CliRunner

    from qualkit.cli import app

    p = tmp_path / "s.csv"
    p.write_text("id;Q1\n1;ja\n", encoding="utf-8")
    res = CliRunner().invoke(app, ["ingest", str(p), "-i", "id", "-q", "Q1", "--encoding", "rot13"])
    assert res.exit_code == 1 and "Error: [QK129]" in res.output and "Traceback" not in res.output


# -- 16: turns over spaCy's 1,000,000-character limit ---------------------------------------------

def _long_text(n: int) -> str:
    para = "Ik werk in een OCMW en de werkdruk is hoog. " * 40
    out, size = [], 0
    while size < n:
        out.append(para.strip())
        size += len(para) + 2
    return "\n\n".join(out)


def test_long_transcript_without_labels_is_split_into_paragraphs(tmp_path, nl):
    p = tmp_path / "lang.txt"
    p.write_text(_long_text(1_200_000), encoding="utf-8")
    c = read_transcripts(p)
    assert len(c) > 10 and all(len(s.text) <= MAX_TURN for s in c)
    assert_offsets(c)
    doc = c.documents["lang"]
    assert "".join("".join(s.text.split()) for s in c) == "".join(doc.split())  # nothing lost
    assert all(s.text.endswith(".") for s in c)  # cut at paragraph ends
    next(iter(nl.pipe([c.segments[0].text])))


def test_vtt_with_45k_cues_of_one_speaker(tmp_path):
    cues = "".join(f"{i // 60:02d}:{i % 60:02d}.000 --> {i // 60:02d}:{i % 60:02d}.900\n<v Jan>Dit is zin {i} van "
                   "een heel lange monoloog.</v>\n\n" for i in range(45_000))
    p = tmp_path / "lang.vtt"
    p.write_text("WEBVTT\n\n" + cues, encoding="utf-8")
    c = read_transcripts(p)
    assert sum(len(s.text) for s in c) > 1_000_000 and all(len(s.text) <= MAX_TURN for s in c)
    assert {s.speaker for s in c} == {"Jan"}
    assert c.segments[0].text.startswith("Dit is zin 0 ") and c.segments[-1].text.endswith("zin 44999 van een heel lange monoloog.")
    assert_offsets(c)


# -- 19: a Word transcript laid out as a table ----------------------------------------------------

def test_docx_table_rows_are_turns(tmp_path):
    import docx

    p = tmp_path / "tabel.docx"
    d = docx.Document()
    d.add_paragraph("Interview 3")
    t = d.add_table(rows=0, cols=3)
    for row in [("Spreker", "Tijd", "Tekst"), ("Interviewer", "00:01", "Wat vindt u van de werkdruk?"),
                ("Anna", "00:05", "Te hoog, vooral ’s avonds."), ("Interviewer", "00:09", "Waarom?"),
                ("Anna", "00:12", "Te weinig personeel.")]:
        cells = t.add_row().cells
        for cell, value in zip(cells, row):
            cell.text = value
    d.save(p)
    c = read_transcripts(p)
    assert [(s.speaker, s.text, s.coded) for s in c] == [
        ("", "Interview 3", False), ("Interviewer", "Wat vindt u van de werkdruk?", False),
        ("Anna", "Te hoog, vooral ’s avonds.", True), ("Interviewer", "Waarom?", False),
        ("Anna", "Te weinig personeel.", True)]
    assert_offsets(c)


# -- 20: linear VTT merge; limits checked while reading --------------------------------------------

def _vtt(n: int) -> str:
    return "WEBVTT\n\n" + "".join(f"00:00.000 --> 00:01.000\n<v Jan>woord {i}</v>\n\n" for i in range(n))


def test_vtt_merge_is_linear():
    from qualkit.ingest._vtt import parse_vtt

    def took(n):  # CPU time of this process (the machine is shared), best of 3
        text = _vtt(n)
        best = float("inf")
        for _ in range(3):
            t0 = time.process_time()
            parse_vtt(text, "x.vtt")
            best = min(best, time.process_time() - t0)
        return best

    small, big = took(20_000), took(80_000)
    assert big / small < 10, (small, big)  # 4x the cues: linear ~4x, quadratic ~16x


def test_cell_limit_is_checked_while_reading(tmp_path, monkeypatch):
    """The limit stops the read at the row that passes it: a broken line further on is never reached."""
    monkeypatch.setattr(_tables, "MAX_CELLS", 3_000)
    p = tmp_path / "groot.csv"
    p.write_text("id;Q1;Q2\n" + "".join(f"{i};ja;nee\n" for i in range(2_000)) + '9999;"nooit gesloten\n',
                 encoding="utf-8")
    with pytest.raises(LimitError) as info:
        read_survey(p, "id", ["Q1"])
    assert info.value.code == 808 and "by line 1,002" in str(info.value) and "3,000 cells" in str(info.value)


def test_wide_header_is_refused_before_the_rows(tmp_path):
    p = tmp_path / "breed.csv"
    p.write_text(";".join(f"c{i}" for i in range(25_000)) + "\n" + '1;"nooit gesloten\n', encoding="utf-8")
    with pytest.raises(LimitError) as info:
        read_survey(p, None, ["c1"], delimiter=";")
    assert info.value.code == 808 and "25,001 columns" in str(info.value)


def test_a_file_without_line_breaks_is_refused_by_line_length(tmp_path, monkeypatch):
    monkeypatch.setattr(_tables, "MAX_LINE", 10_000)
    p = tmp_path / "een_regel.csv"
    p.write_text("id;Q1;" + ";".join("x" * 50 for _ in range(1_000)), encoding="utf-8")
    with pytest.raises(LimitError) as info:
        read_survey(p, "id", ["Q1"])
    assert info.value.code == 811 and "line 1" in str(info.value)


def test_xlsx_value_right_of_the_table(tmp_path, monkeypatch):
    import openpyxl

    monkeypatch.setattr(_tables, "SAMPLE_ROWS", 2)
    p = tmp_path / "s.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in (["id", "Q1"], [1, "ja"], [2, "nee"], [3, "ja"], [4, "ja", None, SECRET]):
        ws.append(row)
    wb.save(p)
    with pytest.raises(InputError) as info:
        read_survey(p, "id", ["Q1"])
    assert info.value.code == 132 and "row 5" in str(info.value) and "column D" in str(info.value)
    assert SECRET[:6] not in str(info.value)


# -- the header from issue #12 ----------------------------------------------------------------------

def test_header_with_commas_inside_a_semicolon_file(tmp_path):
    p = tmp_path / "s.csv"
    p.write_text("id;Q1 (ja, nee, weet niet, geen);regio\n1;ja, zeker;Noord\n2;nee;Zuid\n3;;Oost\n", encoding="utf-8")
    c = read_survey(p, "id", ["Q1*"])
    assert [(s.unit_id, s.question, s.text) for s in c] == [("1", "Q1 (ja, nee, weet niet, geen)", "ja, zeker"),
                                                            ("2", "Q1 (ja, nee, weet niet, geen)", "nee")]
    assert list(c.respondents["regio"]) == ["Noord", "Zuid", "Oost"]


def test_jsonl_big_record_line_numbers(tmp_path):
    p = tmp_path / "t.jsonl"
    p.write_text("\n".join(json.dumps({"id": str(i), "turns": [{"speaker": "A", "text": f"tekst {i}"}]})
                           for i in range(5)) + "\n{kapot\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_transcripts(p)
    assert info.value.code == 125 and "line 6" in str(info.value)


def test_skip_speakers_read_option(tmp_path):
    from qualkit.ingest import ReadOptions, read_inputs

    p = tmp_path / "t.jsonl"
    p.write_text(json.dumps({"id": "a", "turns": [{"speaker": "De voorzitter", "text": "Het woord is aan u."},
                                                  {"speaker": "Jan", "text": "Dank u."}]}) + "\n", encoding="utf-8")
    c = read_inputs([p], ReadOptions(skip_speakers=["*voorzitter*"]))
    assert [(s.speaker, s.coded) for s in c] == [("De voorzitter", False), ("Jan", True)]
