"""Untrusted REFI files: zip slip, zip bombs, entity bombs, and clear numbered errors."""
from __future__ import annotations

import time
import zipfile
from xml.sax.saxutils import escape

import pytest

from refi_helpers import make_zip
from qualkit.errors import LimitError, RefiError
from qualkit.refi import import_qdc, import_qdpx, read_qdc
from qualkit.refi import safexml

PROJECT = '<Project xmlns="urn:QDA-XML:project:1.0" name="p"/>'
LAUGHS = ('<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
          + "".join(f' <!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n'
                    for i in range(1, 10))
          + ']>\n<Project xmlns="urn:QDA-XML:project:1.0" name="&lol9;"><Description>&lol9;</Description></Project>')


@pytest.mark.parametrize("member", ["../evil.txt", "/etc/evil.txt", "C:/evil.txt", "sources/../../evil.txt",
                                    "..\\evil.txt", "sources\\..\\..\\evil.txt"])
def test_zip_slip_is_refused(tmp_path, member):
    path = make_zip(tmp_path / "slip.qdpx", {"project.qde": PROJECT, member: "x"})
    with pytest.raises(RefiError) as e:
        import_qdpx(path)
    msg = str(e.value)
    assert e.value.code == 503 and str(path) in msg and "member '" in msg and "zip slip" in msg
    assert not (tmp_path.parent / "evil.txt").exists()


def test_too_many_members(tmp_path, monkeypatch):
    monkeypatch.setattr(safexml, "MAX_MEMBERS", 1000)
    path = tmp_path / "many.qdpx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("project.qde", PROJECT)
        for i in range(safexml.MAX_MEMBERS):
            zf.writestr(f"sources/{i}.txt", "")
    with pytest.raises(LimitError) as e:
        import_qdpx(path)
    assert e.value.code == 804 and "1,001 members, over the 1,000 limit" in str(e.value)


def test_compression_bomb(tmp_path):
    path = make_zip(tmp_path / "bomb.qdpx", {"project.qde": PROJECT, "sources/a.txt": b"\0" * 3_000_000})
    with pytest.raises(LimitError) as e:
        import_qdpx(path)
    assert e.value.code == 806 and "member 'sources/a.txt'" in str(e.value) and "zip bomb" in str(e.value)


def test_total_size_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(safexml, "MAX_TOTAL_BYTES", 1000)
    path = make_zip(tmp_path / "big.qdpx", {"project.qde": PROJECT, "sources/a.txt": "x" * 2000})
    with pytest.raises(LimitError) as e:
        import_qdpx(path)
    assert e.value.code == 805 and "sources/a.txt" in str(e.value)


def test_encrypted_member(tmp_path):
    path = make_zip(tmp_path / "enc.qdpx", {"project.qde": PROJECT})
    data = bytearray(path.read_bytes())  # set the "encrypted" flag in the local and central headers
    data[6] |= 0x1
    data[data.rindex(b"PK\x01\x02") + 8] |= 0x1
    path.write_bytes(bytes(data))
    with pytest.raises(RefiError) as e:
        import_qdpx(path)
    assert e.value.code == 504


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_billion_laughs_in_project(tmp_path, encoding):
    path = make_zip(tmp_path / "lol.qdpx", {"project.qde": LAUGHS.encode(encoding)})
    t = time.process_time()
    with pytest.raises(RefiError) as e:
        import_qdpx(path)
    assert time.process_time() - t < 1.0  # CPU seconds: the load of a shared machine does not count
    assert e.value.code == 507 and "member 'project.qde'" in str(e.value)


def test_billion_laughs_and_xxe_in_codebook(tmp_path):
    for name, text in [("lol.qdc", LAUGHS.replace("Project", "CodeBook")),
                       ("xxe.qdc", '<?xml version="1.0"?><!DOCTYPE c [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                                   '<CodeBook><Codes><Code guid="6b1d6f9a-0d0e-4a43-9a6e-000000000001" '
                                   'name="&x;" isCodable="true"/></Codes></CodeBook>')]:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        t = time.process_time()
        with pytest.raises(RefiError) as e:
            import_qdc(path)
        assert time.process_time() - t < 1.0 and e.value.code == 507 and str(path) in str(e.value)


def test_yaml_alias_bomb_in_a_description_is_not_expanded(tmp_path):
    bomb = "[qualkit]\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n" \
           "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
    path = tmp_path / "alias.qdc"
    path.write_text('<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="6b1d6f9a-0d0e-4a43-9a6e-'
                    f'000000000001" name="A" isCodable="true"><Description>{escape(bomb)}</Description></Code></Codes>'
                    "</CodeBook>", encoding="utf-8")
    result = read_qdc(path)
    assert result.codebook.code("a").description == bomb
    assert any("[qualkit] block is not valid YAML" in p for p in result.problems)


def test_malformed_xml_message_has_no_text(tmp_path):
    secret = "Mijn leidinggevende pest mij"
    path = make_zip(tmp_path / "bad.qdpx", {"project.qde": f'<Project name="p"><Description>{secret}</Descr'})
    with pytest.raises(RefiError) as e:
        import_qdpx(path)
    assert e.value.code == 506 and secret not in str(e.value) and "line 1" in str(e.value)


@pytest.mark.parametrize("setup, code", [
    (lambda p: p.write_bytes(b"not a zip"), 526),
    (lambda p: make_zip(p, {"readme.txt": "x"}), 505),
    (lambda p: make_zip(p, {"project.qde": "<CodeBook/>"}), 528),
    (lambda p: p.mkdir(), 519),
    (lambda p: None, 501),
])
def test_not_a_project(tmp_path, setup, code):
    path = tmp_path / "x.qdpx"
    setup(path)
    with pytest.raises(RefiError) as e:
        import_qdpx(path)
    assert e.value.code == code and str(path) in str(e.value)


def test_codebook_file_size_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(safexml, "MAX_XML_BYTES", 10)
    path = tmp_path / "big.qdc"
    path.write_text("<CodeBook><Codes/></CodeBook>")
    with pytest.raises(LimitError) as e:
        import_qdc(path)
    assert e.value.code == 807
