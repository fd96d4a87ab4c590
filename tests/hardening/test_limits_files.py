"""Resource limits on input files: zip bombs, entity bombs, huge cells and lines, huge
sheets, and a C reader that crashes. Each is refused quickly with a numbered error."""
from __future__ import annotations

import sys
import threading
import time

import pytest

from hardening_build import (LAUGHS, MARK, crashing_sav, docx_bytes, lie_about_size, members, run_qualkit,
                             with_dtd, xlsx_bytes, zip_bytes)
from hardening_cases import cpu_seconds
from qualkit.errors import InputError, LimitError, QualkitError
from qualkit.ingest import read_survey, read_transcripts
from qualkit.ingest import _tables, _text

FAST = 10.0
"""CPU seconds a refusal may take (hardening_cases.cpu_seconds: the load of a shared machine does not count)."""
SURVEY = [["id", "Q1"], ["R1", f"{MARK} tekst"], ["R2", "meer personeel"]]


def quick(fn):
    t0 = cpu_seconds()
    try:
        return fn(), cpu_seconds() - t0
    except QualkitError as e:
        return e, cpu_seconds() - t0


def refused_or_unexpanded(got) -> bool:
    """A bomb gives a [QK] error, or a result in which no entity was expanded."""
    return isinstance(got, QualkitError) or "lollollol" not in repr(got.documents) + repr(got.labels)


def read_any(path):
    if path.suffix in (".docx", ".txt", ".vtt", ".jsonl", ".md"):
        return read_transcripts(path)
    return read_survey(path, None, ["*"])


# -- zip bombs -------------------------------------------------------------------------------------

@pytest.mark.parametrize("suffix", [".xlsx", ".docx"])
def test_zip_bomb_by_ratio(tmp_path, suffix):
    p = tmp_path / f"bomb{suffix}"
    p.write_bytes(zip_bytes({"[Content_Types].xml": b"<Types/>", "x/bomb.xml": b"\0" * 30_000_000}))
    got, took = quick(lambda: read_any(p))
    assert isinstance(got, LimitError) and got.code == 802 and "zip bomb" in str(got), got
    assert took < FAST


@pytest.mark.parametrize("suffix", [".xlsx", ".docx"])
@pytest.mark.parametrize("limit, value", [("MAX_UNZIPPED", 50), ("MAX_ZIP_ENTRIES", 3)])
def test_zip_bomb_by_size_and_entries(tmp_path, monkeypatch, suffix, limit, value):
    monkeypatch.setattr(_text, limit, value)
    p = tmp_path / f"big{suffix}"
    p.write_bytes(xlsx_bytes(SURVEY) if suffix == ".xlsx" else docx_bytes(["Interviewer: Hoe gaat het?"]))
    got, _ = quick(lambda: read_any(p))
    assert isinstance(got, LimitError) and got.code == 802


@pytest.mark.parametrize("suffix, member", [(".xlsx", "xl/worksheets/sheet1.xml"), (".docx", "word/document.xml")])
def test_zip_member_lying_about_its_size(tmp_path, suffix, member):
    """Headers claim a small member; its data inflates to 60 MB. Only the claimed size is unpacked."""
    data = xlsx_bytes(SURVEY) if suffix == ".xlsx" else docx_bytes(["R: Meer personeel."])
    files = members(data)
    claimed = len(files[member])
    files[member] += b" " * 60_000_000
    p = tmp_path / f"liar{suffix}"
    p.write_bytes(lie_about_size(zip_bytes(files), member, claimed))
    got, took = quick(lambda: read_any(p))
    assert isinstance(got, InputError) and got.code in (118, 120, 181, 182), got
    assert took < FAST


def test_qdpx_bombs_through_the_cli(tmp_path):
    from typer.testing import CliRunner

    from qualkit.cli import app

    p = tmp_path / "bomb.qdpx"
    p.write_bytes(zip_bytes({"project.qde": b'<Project xmlns="urn:QDA-XML:project:1.0" name="p"/>',
                             "sources/a.txt": b"\0" * 30_000_000}))
    res = CliRunner().invoke(app, ["import", str(p), "-o", str(tmp_path / "out")])
    assert res.exit_code == 1 and "Error: [QK806]" in res.output and "zip bomb" in res.output
    assert not (tmp_path / "out").exists()


# -- XML entities (billion laughs, XXE) ---------------------------------------------------------------

XLSX_MEMBERS = ["xl/worksheets/sheet1.xml", "xl/workbook.xml", "[Content_Types].xml", "docProps/core.xml",
                "xl/styles.xml", "xl/_rels/workbook.xml.rels"]
DOCX_MEMBERS = ["word/document.xml", "word/styles.xml", "docProps/core.xml", "[Content_Types].xml",
                "word/_rels/document.xml.rels", "word/settings.xml"]


def _bomb(tmp_path, data: bytes, suffix: str, member: str, dtd: str, ref: str):
    files = members(data)
    after = b"<t>" if member.endswith("sheet1.xml") else b"<w:t>" if member == "word/document.xml" else b">"
    files[member] = with_dtd(files[member], dtd, ref, after)
    p = tmp_path / f"x{suffix}"
    p.write_bytes(zip_bytes(files))
    return p


@pytest.mark.parametrize("member", XLSX_MEMBERS)
def test_billion_laughs_in_xlsx(tmp_path, member):
    import openpyxl.xml

    assert openpyxl.xml.DEFUSEDXML, "openpyxl must use defusedxml (a qualkit dependency) to refuse entities"
    p = _bomb(tmp_path, xlsx_bytes(SURVEY), ".xlsx", member, LAUGHS, "&lol9;")
    got, took = quick(lambda: read_survey(p, None, ["*"]))
    assert took < FAST and refused_or_unexpanded(got), got


@pytest.mark.parametrize("member", DOCX_MEMBERS)
def test_billion_laughs_in_docx(tmp_path, member):
    p = _bomb(tmp_path, docx_bytes(["Interviewer: Hoe gaat het?", "R: Goed."]), ".docx", member, LAUGHS, "&lol9;")
    got, took = quick(lambda: read_transcripts(p))
    assert took < FAST and refused_or_unexpanded(got), got


@pytest.mark.parametrize("suffix", [".xlsx", ".docx"])
def test_external_entities_are_not_read(tmp_path, suffix):
    secret = tmp_path / "secret.txt"
    secret.write_text(f"{MARK} wachtwoord", encoding="utf-8")
    dtd = f'<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY x SYSTEM "file://{secret}">]>\n'
    if suffix == ".xlsx":
        p = _bomb(tmp_path, xlsx_bytes(SURVEY), suffix, "xl/worksheets/sheet1.xml", dtd, "&x;")
        got, _ = quick(lambda: read_survey(p, None, ["*"]))
    else:
        p = _bomb(tmp_path, docx_bytes(["R: Goed."]), suffix, "word/document.xml", dtd, "&x;")
        got, _ = quick(lambda: read_transcripts(p))
    seen = str(got) + (repr(got.documents) if not isinstance(got, Exception) else "")
    assert "wachtwoord" not in seen


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_billion_laughs_in_refi_through_the_cli(tmp_path, encoding):
    from typer.testing import CliRunner

    from qualkit.cli import app

    xml = (LAUGHS.replace('encoding="UTF-8"', f'encoding="{encoding.upper()}"')
           + '<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>&lol9;</Codes></CodeBook>')
    qdc = tmp_path / "bomb.qdc"
    qdc.write_bytes(xml.encode(encoding))
    qdpx = tmp_path / "bomb.qdpx"
    qdpx.write_bytes(zip_bytes({"project.qde": xml.replace("CodeBook", "Project").encode(encoding)}))
    for args in (["codebook", "import", str(qdc), "-o", str(tmp_path / "cb.yaml")],
                 ["import", str(qdpx), "-o", str(tmp_path / "out")]):
        t0 = cpu_seconds()
        res = CliRunner().invoke(app, args)
        assert res.exit_code == 1 and "Error: [QK507]" in res.output, res.output
        assert cpu_seconds() - t0 < FAST


# -- huge cells, lines, tables --------------------------------------------------------------------

HUGE = "x" * (_text.MAX_CELL + 5)


@pytest.mark.parametrize("name, body", [
    ("s.csv", f"id;Q1\nR1;{HUGE}\n"),
    ("s.csv", 'id;Q1\nR1;"' + HUGE),
    ("t.txt", f"Interviewer: Hoe gaat het?\nR: {HUGE}\n"),
    ("t.md", f"**R**\\\n{HUGE}\n"),
    ("t.vtt", f"WEBVTT\n\n00:00.000 --> 00:01.000\n<v Jan>{HUGE}</v>\n"),
    ("t.jsonl", '{"id": "a", "turns": [{"speaker": "R", "text": "' + HUGE + '"}]}\n'),
])
def test_huge_cell_or_line(tmp_path, name, body):
    p = tmp_path / name
    p.write_text(body, encoding="utf-8")
    got, took = quick(lambda: read_any(p))
    assert isinstance(got, LimitError) and got.code in (803, 811, 812) and "1,000,000" in str(got), got
    assert took < FAST


@pytest.mark.parametrize("suffix", [".xlsx", ".docx"])
def test_huge_cell_in_a_zip_format(tmp_path, suffix):
    import random

    text = "".join(random.Random(1).choices("abcdefghij klmnopqrstuvwxyz", k=_text.MAX_CELL + 5))
    p = tmp_path / f"huge{suffix}"
    if suffix == ".xlsx":  # written by hand: Excel and openpyxl stop at 32,767 characters
        p.write_bytes(_sheet(f'<row r="4"><c r="A4" t="inlineStr"><is><t>R4</t></is></c>'
                             f'<c r="B4" t="inlineStr"><is><t>{text}</t></is></c></row>', "A1:B4"))
    else:
        p.write_bytes(docx_bytes([text]))
    got, took = quick(lambda: read_any(p))
    assert isinstance(got, LimitError) and got.code in (802, 812, 813), got
    assert took < FAST


def test_csv_with_a_million_columns(tmp_path):
    p = tmp_path / "wide.csv"
    p.write_text("id" + ";q" * 1_000_000 + "\nR1;antwoord\n" * 50, encoding="utf-8")
    got, took = quick(lambda: read_survey(p, None, ["*"], delimiter=";"))
    assert isinstance(got, LimitError) and got.code == 808 and "columns" in str(got), got
    assert took < FAST


def test_many_equal_headers_read_in_linear_time(tmp_path):
    p = tmp_path / "dups.csv"
    p.write_text("id;" + ";".join(["a"] * 15_000) + "\nR1;" + ";".join(["x"] * 15_000) + "\n", encoding="utf-8")
    got, took = quick(lambda: read_survey(p, "id", ["a.14998"]))
    assert not isinstance(got, Exception) and got.questions == ["a.14998"]
    assert took < FAST


def _sheet(rows_xml: str, dimension: str) -> bytes:
    files = members(xlsx_bytes(SURVEY))
    xml = files["xl/worksheets/sheet1.xml"]
    xml = xml.replace(b'<dimension ref="A1:B3"/>', f'<dimension ref="{dimension}"/>'.encode())
    files["xl/worksheets/sheet1.xml"] = xml.replace(b"</sheetData>", rows_xml.encode() + b"</sheetData>")
    return zip_bytes(files)


def test_xlsx_claiming_a_full_sheet_reads_its_real_cells(tmp_path):
    p = tmp_path / "dim.xlsx"
    p.write_bytes(_sheet('<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>R9</t></is></c>'
                         '<c r="B1048576" t="inlineStr"><is><t>laatste</t></is></c></row>',
                         "A1:XFD1048576"))
    got, took = quick(lambda: read_survey(p, None, ["Q1"]))
    assert took < FAST and not isinstance(got, Exception), got
    assert [s.text for s in got] == [f"{MARK} tekst", "meer personeel", "laatste"]


def test_xlsx_with_too_many_cells(tmp_path, monkeypatch):
    monkeypatch.setattr(_tables, "MAX_CELLS", 2_000_000)
    rows = "".join(f'<row r="{i}"><c r="XFD{i}" t="inlineStr"><is><t>x</t></is></c></row>' for i in range(4, 400))
    p = tmp_path / "wide.xlsx"
    p.write_bytes(_sheet(rows, "A1:XFD400"))
    got, took = quick(lambda: read_survey(p, None, ["*"]))
    assert isinstance(got, LimitError) and got.code == 808 and "2,000,000" in str(got), got
    assert took < FAST


# -- a C reader that crashes: .sav files are read in a child process -----------------------------------

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="crash isolation forks: Linux only")


@linux_only
def test_sav_that_crashes_pyreadstat_is_an_error(tmp_path):
    p = crashing_sav(tmp_path / "kapot.sav")
    res = run_qualkit(["ingest", str(p), "-q", "Q1"])
    assert res.returncode == 1, (res.returncode, res.stderr[-2000:])
    assert "Error: [QK119]" in res.stderr and "crashed" in res.stderr
    assert MARK not in res.stdout + res.stderr


def _crash(_):
    import ctypes

    ctypes.string_at(0)


def _sleep(_):
    time.sleep(60)


def _fail(_):
    raise KeyError(MARK)


@linux_only
def test_isolated_reader_outcomes():
    assert _text.isolated(len, "abc", 5) == ("ok", 3)
    assert _text.isolated(_fail, "x", 5) == ("error", "KeyError")
    assert _text.isolated(_crash, "x", 5) == ("crash", None)
    t0 = cpu_seconds()
    assert _text.isolated(_sleep, "x", 1) == ("timeout", None)
    assert cpu_seconds() - t0 < FAST


def test_isolated_reader_runs_in_process_beside_other_threads():
    stop = threading.Event()
    t = threading.Thread(target=stop.wait)
    t.start()
    try:
        assert _text.isolated(len, "abcd", 5) == ("ok", 4)
        assert _text.isolated(_fail, "x", 5) == ("error", "KeyError")
    finally:
        stop.set()
        t.join()


@linux_only
def test_sav_timeout_is_a_limit_error(tmp_path, monkeypatch):
    import pandas as pd
    import pyreadstat

    p = tmp_path / "s.sav"
    pyreadstat.write_sav(pd.DataFrame({"id": ["R1"], "Q1": ["ja"]}), str(p))
    monkeypatch.setattr(_tables, "_sav_parts", _sleep)
    monkeypatch.setattr(_tables, "SAV_TIMEOUT_S", 1.0)
    got, took = quick(lambda: read_survey(p, "id", ["Q1"]))
    assert isinstance(got, LimitError) and got.code == 809, got
    assert took < FAST


def test_model_weights_claiming_a_huge_array(tmp_path):
    import io

    from numpy.lib import format as npformat

    learned = pytest.importorskip("qualkit.coding.learned_store")
    from hardening_corpus import model_files

    head = io.BytesIO()
    npformat.write_array_header_1_0(head, {"descr": "<f8", "fortran_order": False, "shape": (100_000, 100_000)})
    files = dict(model_files())
    files["weights.npz"] = zip_bytes({**members(files["weights.npz"]), "coef.npy": head.getvalue()})
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    got, took = quick(lambda: learned.load_model(tmp_path))
    assert isinstance(got, QualkitError) and took < FAST, got
