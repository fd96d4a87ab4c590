"""Every ingest error path: exact QK number, a message that names the place, never respondent text.

Each case writes an input holding the marked SECRET string, so the last test can
check that no message (nor its chained exception) ever repeats it.
"""
from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from ingest_helpers import DATA, SECRET, both_paths  # noqa: F401  (every test on both paths)
from qualkit.errors import InputError, LimitError, QualkitError
from qualkit.ingest import read_survey, read_transcripts


def _w(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def _survey_csv(tmp: Path, body: str = "") -> Path:
    return _w(tmp / "s.csv", f"id,leeftijd,Q1\n1,34,{SECRET} antwoord\n2,51,nee\n{body}")


def _zip(path: Path, entries: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries.items():
            z.writestr(name, data)
    return path


def _docx_bytes_valid(tmp: Path, paragraphs: list[str]) -> Path:
    import docx

    p = tmp / "leeg.docx"
    d = docx.Document()
    for t in paragraphs:
        d.add_paragraph(t)
    d.save(p)
    return p


CASES = {
    # --- files ---------------------------------------------------------------------------------
    "101-survey-missing": (101, lambda t: read_survey(t / "nergens.csv", questions=["Q1"])),
    "101-transcript-missing": (101, lambda t: read_transcripts([t / "nergens.txt"])),
    "102-empty-csv": (102, lambda t: read_survey(_w(t / "leeg.csv", ""), questions=["Q1"])),
    "102-blank-txt": (102, lambda t: read_transcripts(_w(t / "leeg.txt", " \n\n "))),
    "135-empty-sheet": (135, lambda t: read_survey(_xlsx_empty(t), questions=["Q1"])),
    "103-survey-suffix": (103, lambda t: read_survey(_w(t / "s.pdf", SECRET), questions=["Q1"])),
    "103-xls": (103, lambda t: read_survey(_w(t / "s.xls", SECRET), questions=["Q1"])),
    "138-transcript-suffix": (138, lambda t: read_transcripts(_w(t / "t.doc", SECRET))),
    "126-folder-as-survey": (126, lambda t: read_survey(t, questions=["Q1"])),
    "167-no-paths": (167, lambda t: read_transcripts([])),
    "127-folder-without-transcripts": (127, lambda t: read_transcripts(_folder(t))),
    # --- encodings -----------------------------------------------------------------------------
    "104-given-encoding-fails": (104, lambda t: read_survey(
        _w(t / "s.csv", f"id;Q1\n1;café {SECRET}\n", "cp1252"), "id", ["Q1"], encoding="utf-8")),
    "104-bom-but-not-utf8": (104, lambda t: read_survey(
        _wb(t / "s.csv", b"\xef\xbb\xbfid;Q1\n1;caf\xe9 " + SECRET.encode()), "id", ["Q1"])),
    "105-mixed-encodings": (105, lambda t: read_survey(
        _wb(t / "s.csv", f"id;Q1\n1;één {SECRET}\n".encode() + "2;café\n".encode("cp1252")), "id", ["Q1"])),
    "106-unknown-encoding": (106, lambda t: read_survey(_survey_csv(t), "id", ["Q1"], encoding="latin-99")),
    "107-binary-in-csv": (107, lambda t: read_survey(_wb(t / "s.csv", b"PK\x03\x04\x00\x00" + SECRET.encode()),
                                                     questions=["Q1"])),
    # --- CSV structure -------------------------------------------------------------------------
    "108-unclosed-quote": (108, lambda t: read_survey(_survey_csv(t, f'3,40,"{SECRET}\n4,41,x\n'), "id", ["Q1"])),
    "139-too-many-cells": (139, lambda t: read_survey(_survey_csv(t, f"3,40,{SECRET},extra\n"), "id", ["Q1"])),
    "109-header-only": (109, lambda t: read_survey(_w(t / "s.csv", "id,Q1\n"), "id", ["Q1"])),
    "114-bad-delimiter": (114, lambda t: read_survey(_survey_csv(t), "id", ["Q1"], delimiter=";;")),
    # --- columns and ids -----------------------------------------------------------------------
    "110-missing-id-column": (110, lambda t: read_survey(_survey_csv(t), "respondent", ["Q1"])),
    "111-question-matches-nothing": (111, lambda t: read_survey(_survey_csv(t), "id", ["Q1", "Q9*"])),
    "112-duplicate-ids": (112, lambda t: read_survey(_survey_csv(t, f"1,40,{SECRET}\n"), "id", ["Q1"])),
    "113-missing-sheet": (113, lambda t: read_survey(_xlsx_ok(t), "id", ["Q1"], sheet="Blad9")),
    "115-no-questions": (115, lambda t: read_survey(_survey_csv(t), "id")),
    "116-question-is-id": (116, lambda t: read_survey(_survey_csv(t), "id", ["id"])),
    "117-variable-matches-nothing": (117, lambda t: read_survey(_survey_csv(t), "id", ["Q1"], variables=["regio"])),
    "128-empty-id": (128, lambda t: read_survey(_survey_csv(t, f"  ,40,{SECRET}\n"), "id", ["Q1"])),
    # --- damaged binaries ----------------------------------------------------------------------
    "181-xlsx-not-a-zip": (181, lambda t: read_survey(_w(t / "s.xlsx", f"id,Q1\n1,{SECRET}\n"), questions=["Q1"])),
    "181-xlsx-zip-version-unknown": (181, lambda t: read_survey(_zip_version_84(_xlsx_ok(t)), "id", ["Q1"])),
    "118-xlsx-zip-without-workbook": (118, lambda t: read_survey(
        _zip(t / "s.xlsx", {"notes.txt": SECRET.encode()}), questions=["Q1"])),
    "119-sav-corrupt": (119, lambda t: read_survey(_w(t / "s.sav", f"$FL2 {SECRET}" * 20), questions=["Q1"])),
    "182-docx-not-a-zip": (182, lambda t: read_transcripts(_w(t / "t.docx", f"I: {SECRET}\n"))),
    "120-docx-zip-without-document": (120, lambda t: read_transcripts(
        _zip(t / "t.docx", {"word/other.xml": SECRET.encode()}))),
    # --- transcripts ---------------------------------------------------------------------------
    "154-docx-without-text": (154, lambda t: read_transcripts(_docx_bytes_valid(t, ["", "  "]))),
    "121-vtt-without-cues": (121, lambda t: read_transcripts(_w(t / "t.vtt", f"WEBVTT\n\nNOTE {SECRET}\n"))),
    "159-jsonl-only-empty-interviews": (159, lambda t: read_transcripts(_w(t / "t.jsonl", json.dumps(
        {"id": "a", "turns": [{"speaker": "A", "text": "  "}]}) + "\n" + json.dumps({"id": "b", "turns": []}) + "\n"))),
    "100-jsonl-speaker-not-a-name": (100, lambda t: read_transcripts(_w(t / "t.jsonl", json.dumps(
        {"id": "a", "turns": [{"speaker": {"naam": SECRET}, "text": SECRET}]}) + "\n"))),
    "122-invalid-regex": (122, lambda t: read_transcripts(_w(t / "t.txt", SECRET), speaker_pattern="(?P<speaker>[a-")),
    "162-no-speaker-group": (162, lambda t: read_transcripts(_w(t / "t.txt", SECRET), speaker_pattern=r"\w+:")),
    "123-doc-id-clash": (123, lambda t: read_transcripts([_w(_dir(t, "a") / "x.txt", f"I: {SECRET}"),
                                                          _w(_dir(t, "b") / "x.md", f"R: {SECRET}")])),
    "124-vtt-without-header": (124, lambda t: read_transcripts(_w(t / "t.vtt", f"00:01 --> 00:02\n{SECRET}\n"))),
    "125-jsonl-bad-json": (125, lambda t: read_transcripts(_w(t / "t.jsonl", f'{{"id": "a", "turns": [{SECRET}\n'))),
    "164-jsonl-no-turns": (164, lambda t: read_transcripts(_w(t / "t.jsonl", json.dumps({"id": SECRET}) + "\n"))),
    "165-jsonl-turn-without-text": (165, lambda t: read_transcripts(_w(t / "t.jsonl", json.dumps(
        {"id": "a", "turns": [{"speaker": SECRET}]}) + "\n"))),
    # --- limits --------------------------------------------------------------------------------
    "810-slow-speaker-pattern": (810, lambda t: read_transcripts(
        _w(t / "t.txt", "a" * 60 + "b " + SECRET), speaker_pattern=r"(?P<speaker>(a|aa)+)$")),
    "802-docx-zip-bomb": (802, lambda t: read_transcripts(_zip(t / "bom.docx", {"word/document.xml": b"0" * 3_000_000}))),
    "802-xlsx-zip-bomb": (802, lambda t: read_survey(_zip(t / "bom.xlsx", {"xl/workbook.xml": b"0" * 3_000_000}),
                                                     questions=["Q1"])),
    "803-long-csv-cell": (803, lambda t: read_survey(_survey_csv(t, f'3,40,"{SECRET}{"x" * 1_000_001}"\n'),
                                                     "id", ["Q1"])),
    "812-long-transcript-line": (812, lambda t: read_transcripts(_w(t / "t.txt", f"I: {SECRET}{'x' * 1_000_001}\n"))),
    "811-long-jsonl-line": (811, lambda t: read_transcripts(_w(t / "t.jsonl", json.dumps(
        {"id": "a", "turns": [{"speaker": "A", "text": SECRET + "x" * 1_000_001}]}) + "\n"))),
}


def _wb(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _dir(tmp: Path, name: str) -> Path:
    d = tmp / name
    d.mkdir(exist_ok=True)
    return d


def _folder(tmp: Path) -> Path:
    d = _dir(tmp, "map")
    _w(d / "notities.pdf", SECRET)
    return d


def _xlsx_ok(tmp: Path) -> Path:
    import pandas as pd

    p = tmp / "s.xlsx"
    pd.DataFrame({"id": [1], "Q1": [SECRET]}).to_excel(p, index=False, sheet_name="Blad1")
    return p


def _zip_version_84(path: Path) -> Path:
    """``path`` with its first member's "version needed to extract" set to 8.4 (a flipped byte; Python's
    zipfile raises NotImplementedError, found by the fuzzer)."""
    data = bytearray(path.read_bytes())
    at = data.index(b"PK\x01\x02")
    data[at + 6:at + 8] = b"\x54\x00"
    return _wb(path, bytes(data))


def _xlsx_empty(tmp: Path) -> Path:
    import openpyxl

    p = tmp / "leeg.xlsx"
    openpyxl.Workbook().save(p)
    return p


@pytest.mark.parametrize("code, call", list(CASES.values()), ids=list(CASES))
def test_error_code_and_message(tmp_path, code, call):
    with pytest.raises(QualkitError) as info:
        call(tmp_path)
    err = info.value
    assert err.code == code, str(err)
    assert isinstance(err, LimitError if code >= 800 else InputError)
    assert isinstance(err, ValueError)
    message = str(err)
    assert message.startswith(f"[QK{code:03d}] ")
    assert SECRET not in message and SECRET[:6] not in message
    assert err.__cause__ is None and (err.__context__ is None or err.__suppress_context__)


def test_messages_name_the_place(tmp_path):
    with pytest.raises(InputError) as info:
        read_survey(_survey_csv(tmp_path, "1,40,x\n"), "id", ["Q1"])
    assert "s.csv" in str(info.value) and "'1'" in str(info.value) and "lines 2 and 4" in str(info.value)
    with pytest.raises(InputError) as info:
        read_survey(_survey_csv(tmp_path), "respondent", ["Q1"])
    assert "'id', 'leeftijd', 'Q1'" in str(info.value) and "--id-column" in str(info.value)
    with pytest.raises(InputError) as info:
        read_survey(_survey_csv(tmp_path, f'3,40,"{SECRET}\n4,41,x\n'), "id", ["Q1"])
    assert "line 4" in str(info.value)
    with pytest.raises(InputError) as info:
        read_survey(DATA / "survey_limesurvey.csv", questions=["Q1"])
    assert "'col6'" in str(info.value) and "Wat zou" not in str(info.value)  # header texts are not repeated


def test_column_listing_is_capped(tmp_path):
    header = ",".join(f"V{i}" for i in range(30))
    p = _w(tmp_path / "breed.csv", f"{header}\n" + ",".join("x" * 30) + "\n")
    with pytest.raises(InputError) as info:
        read_survey(p, questions=["Q1"])
    assert "'V9', ... (30 in all)" in str(info.value) and "'V10'" not in str(info.value)


def test_zip_limit_on_total_size(tmp_path, monkeypatch):
    from qualkit.ingest import _text

    p = tmp_path / "groot.docx"
    import docx

    docx.Document().save(p)
    monkeypatch.setattr(_text, "MAX_UNZIPPED", 1000)
    with pytest.raises(LimitError) as info:
        read_transcripts(p)
    assert info.value.code == 802


def test_secret_never_in_any_message(tmp_path):
    """All error paths at once, on fresh folders, gathering every message."""
    messages = []
    for name, (_, call) in CASES.items():
        d = tmp_path / name
        d.mkdir()
        try:
            call(d)
        except QualkitError as e:
            messages.append(str(e))
            messages.append(repr(e.args))
    assert len(messages) == 2 * len(CASES)
    assert not [m for m in messages if SECRET in m or "GEHEIM" in m]
