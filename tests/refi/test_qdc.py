"""REFI-QDA codebooks: export validates, round trips keep everything, imports from other tools."""
from __future__ import annotations

import string
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from refi_helpers import CODEBOOK_XSD, make_codebook, validate
from qualkit.codebook.io import dumps, from_dict, load, to_dict
from qualkit.codebook.model import Code, Codebook, Rule
from qualkit.errors import RefiError
from qualkit.refi import code_guid, export_qdc, import_qdc, qdc_bytes, read_qdc

NS = {"q": "urn:QDA-XML:codebook:1.0"}


def test_export_validates_and_is_deterministic(tmp_path):
    codebook = make_codebook()
    out = tmp_path / "werkdruk.qdc"
    export_qdc(codebook, out)
    data = out.read_bytes()
    validate(CODEBOOK_XSD, data)
    assert data == qdc_bytes(codebook)
    root = etree.fromstring(data)
    codes = root.findall("q:Codes/q:Code", NS)
    assert [c.get("name") for c in codes] == ["Meer personeel", "Organisatie"]
    org = codes[1]
    assert org.get("isCodable") == "false"
    assert [c.get("name") for c in org.findall("q:Code", NS)] == ["Planning en roosters", "Overleg"]
    assert codes[0].get("color") == "#1f77b4"
    assert codes[0].get("guid") == code_guid(codebook, "personeel")
    desc = codes[0].find("q:Description", NS).text
    assert desc.startswith("Noemt te weinig collega's of vraagt om extra mensen.\n\n[qualkit]\nid: personeel\n")
    sets = root.findall("q:Sets/q:Set", NS)
    assert len(sets) == 1 and sets[0].get("name") == "werkdruk"
    assert len(sets[0].findall("q:MemberCode", NS)) == 4


def test_round_trip_keeps_everything(tmp_path):
    codebook = make_codebook()
    out = tmp_path / "werkdruk.qdc"
    export_qdc(codebook, out)
    result = read_qdc(out)
    assert result.problems == []
    assert dumps(result.codebook) == dumps(codebook)
    assert result.guids[code_guid(codebook, "overleg")] == "overleg"
    assert import_qdc(out).code("overleg").include == [Rule("lemma", "vergadering", negation=False)]


def test_export_in_tree_order(tmp_path):
    cb = Codebook("x", "1", [Code("kind", "Kind", parent="ouder", include=[Rule("lemma", "a")]),
                             Code("ouder", "Ouder")])
    export_qdc(cb, tmp_path / "x.qdc")
    back = import_qdc(tmp_path / "x.qdc")
    assert back.ids == ["ouder", "kind"] and back.code("kind").parent == "ouder"


FOREIGN = """<?xml version="1.0" encoding="utf-8"?>
<CodeBook origin="NVivo 14">
  <Codes>
    <Code guid="{6b1d6f9a-0d0e-4a43-9a6e-1b2c3d4e5f60}" name="Werkdruk" isCodable="false" color="#a1b">
      <Description>Alles over werkdruk.</Description>
      <Code guid="6b1d6f9a-0d0e-4a43-9a6e-1b2c3d4e5f61" name="Te weinig personeel" isCodable="true"/>
      <Code guid="6b1d6f9a-0d0e-4a43-9a6e-1b2c3d4e5f62" name="Te weinig personeel" isCodable="true" color="red"/>
    </Code>
    <Code guid="6B1D6F9A-0D0E-4A43-9A6E-1B2C3D4E5F63" name="Émotie: boos!" isCodable="true"/>
  </Codes>
  <Sets><Set guid="6b1d6f9a-0d0e-4a43-9a6e-1b2c3d4e5f64" name="Belangrijk"/></Sets>
</CodeBook>"""


def test_import_foreign_codebook_without_namespace(tmp_path):
    path = tmp_path / "nvivo.qdc"
    path.write_text(FOREIGN, encoding="utf-8")
    result = read_qdc(path)
    cb = result.codebook
    assert cb.name == "nvivo" and cb.version == "1.0"
    assert cb.ids == ["werkdruk", "te_weinig_personeel", "te_weinig_personeel_2", "émotie_boos"]
    assert cb.code("werkdruk").colour == "#aa11bb"
    assert cb.code("werkdruk").description == "Alles over werkdruk."
    assert cb.code("te_weinig_personeel_2").parent == "werkdruk"
    assert all(c.include == [] for c in cb.codes)
    assert result.guids["6b1d6f9a-0d0e-4a43-9a6e-1b2c3d4e5f60"] == "werkdruk"
    assert cb.code("émotie_boos").guid == "6b1d6f9a-0d0e-4a43-9a6e-1b2c3d4e5f63"  # kept, lower case
    text = "\n".join(result.problems)
    assert "3 code(s) have no include rules (coded by hand in NVivo 14)" in text
    assert "1 code set(s) not imported" in text
    assert "id 'te_weinig_personeel' is already used" in text
    assert "colour 'red' is not '#rrggbb'" in text
    # re-export of an imported codebook works, validates and keeps the GUIDs in lower case
    data = qdc_bytes(cb)
    validate(CODEBOOK_XSD, data)
    assert b'guid="6b1d6f9a-0d0e-4a43-9a6e-1b2c3d4e5f63"' in data and b"6B1D" not in data


def test_bad_rules_in_block_are_reported(tmp_path):
    codebook = make_codebook()
    data = qdc_bytes(codebook).replace(b"glob: rooster*", b"globb: rooster*")
    path = tmp_path / "edited.qdc"
    path.write_bytes(data)
    with pytest.raises(RefiError) as e:
        import_qdc(path)
    assert e.value.code == 510
    assert str(path) in str(e.value) and "code 'planning'" in str(e.value) and "Did you mean 'glob'" in str(e.value)


@pytest.mark.parametrize("content, code", [
    (b"not xml at all <", 506),
    (b'<?xml version="1.0"?><Project xmlns="urn:QDA-XML:project:1.0" name="p"/>', 508),
    (b'<?xml version="1.0"?><!DOCTYPE x SYSTEM "file:///etc/passwd"><CodeBook><Codes/></CodeBook>', 507),
])
def test_bad_files(tmp_path, content, code):
    path = tmp_path / "bad.qdc"
    path.write_bytes(content)
    with pytest.raises(RefiError) as e:
        import_qdc(path)
    assert e.value.code == code and str(path) in str(e.value)


def test_missing_file(tmp_path):
    with pytest.raises(RefiError) as e:
        import_qdc(tmp_path / "nope.qdc")
    assert e.value.code == 501


def test_export_refuses_what_refi_cannot_hold(tmp_path):
    with pytest.raises(RefiError) as e:
        export_qdc(Codebook("x", "1", []), tmp_path / "x.qdc")
    assert e.value.code == 516
    bad = Codebook("x", "1", [Code("a", "A\x0bB", include=[Rule("lemma", "a")])])
    with pytest.raises(RefiError) as e:
        export_qdc(bad, tmp_path / "x.qdc")
    assert e.value.code == 515 and "U+000B" in str(e.value) and "code 'a'" in str(e.value)
    cyc = Codebook("x", "1", [Code("a", "A", parent="b"), Code("b", "B", parent="a")])
    with pytest.raises(RefiError) as e:
        export_qdc(cyc, tmp_path / "x.qdc")
    assert e.value.code == 536 and "cycle" in str(e.value)
    assert not (tmp_path / "x.qdc").exists()


# -- Hypothesis: YAML -> qdc -> YAML ---------------------------------------------------------------

_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff")
                | st.sampled_from("\n\t\r"), max_size=40)
_WORD = st.text(string.ascii_lowercase + "éëï", min_size=2, max_size=10)
_ID = st.text(string.ascii_lowercase + string.digits + "_-.", min_size=1, max_size=12).map(lambda s: "c" + s)
_RULE = st.one_of(
    st.builds(lambda w, c, n: {"lemma": w, "compound": c, **({} if n is None else {"negation": n})},
              _WORD, st.booleans(), st.none() | st.booleans()),
    st.builds(lambda a, b: {"phrase": f"{a} {b}"}, _WORD, _WORD),
    st.builds(lambda w: {"glob": w + "*"}, _WORD),
    st.builds(lambda w: {"regex": w + r"\w*"}, _WORD),
)


@st.composite
def codebooks(draw):
    ids = draw(st.lists(_ID, min_size=1, max_size=8, unique=True))
    codes = []
    for i, cid in enumerate(ids):
        parent = draw(st.none() | st.sampled_from(ids[:i])) if i else None
        code = {"id": cid, "label": draw(_TEXT.filter(lambda s: s.strip())), "include": draw(st.lists(_RULE, max_size=3))}
        for key, strat in (("description", _TEXT), ("colour", st.from_regex(r"\A#[0-9a-fA-F]{6}\Z")),
                           ("questions", st.lists(st.sampled_from(["Q1", "Q23", "Q24"]), max_size=2, unique=True)),
                           ("exclude", st.lists(_RULE, max_size=2)), ("negation", st.booleans()),
                           ("examples", st.fixed_dictionaries({"match": st.lists(_TEXT, max_size=2)}))):
            if draw(st.booleans()):
                code[key] = draw(strat)
        if parent:
            code["parent"] = parent
        codes.append(code)
    for c in codes:  # leaves need rules
        if not c["include"] and not any(k.get("parent") == c["id"] for k in codes):
            c["include"] = [{"lemma": "personeel"}]
    data = {"name": draw(_TEXT.filter(lambda s: s.strip())), "version": draw(st.sampled_from(["1", "2.0", "2024-1"])),
            "language": draw(st.sampled_from(["nl", "en"])), "description": draw(_TEXT),
            "unit": draw(st.sampled_from(["sentence", "segment"])), "codes": _preorder(codes)}
    if draw(st.booleans()):
        data["negation"] = {"window": draw(st.integers(0, 50)), "cues": draw(st.lists(_WORD, max_size=3))}
    return from_dict(data)


def _preorder(codes):
    out, stack = [], [c for c in reversed(codes) if "parent" not in c]
    while stack:
        c = stack.pop()
        out.append(c)
        stack += [k for k in reversed(codes) if k.get("parent") == c["id"]]
    return out


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cb=codebooks())
def test_hypothesis_yaml_qdc_yaml(cb, tmp_path):
    path = tmp_path / "cb.qdc"
    export_qdc(cb, path)
    validate(CODEBOOK_XSD, path.read_bytes())
    result = read_qdc(path)
    back = result.codebook
    assert to_dict(back) == to_dict(cb)
    assert dumps(back) == dumps(cb)
    assert result.problems == []


@pytest.mark.parametrize("description", [
    "Lijkt op een blok:\n\n[qualkit]\nid: nep\n",
    "Windows\r\nregels\r\n\r\n",
    "  spaties rondom  ",
    "[qualkit]",
    "eindigt op CR\r",
    "emoji 😀 en \u2028 scheiding",
])
def test_tricky_descriptions_round_trip(tmp_path, description):
    cb = Codebook("t", "1", [Code("a", " A ", description=description, include=[Rule("lemma", "a")])],
                  description=description)
    export_qdc(cb, tmp_path / "t.qdc")
    back = import_qdc(tmp_path / "t.qdc")
    assert back.code("a").description == description and back.description == description
    assert back.code("a").label == " A "


BUNDLED = sorted((Path(__file__).parents[2] / "codebooks").glob("*.yaml"))


@pytest.mark.parametrize("path", BUNDLED, ids=[p.stem for p in BUNDLED])
def test_bundled_codebooks_round_trip(path, tmp_path):
    cb = load(path)
    out = tmp_path / f"{path.stem}.qdc"
    export_qdc(cb, out)
    validate(CODEBOOK_XSD, out.read_bytes())
    result = read_qdc(out)
    assert dumps(result.codebook) == dumps(cb) and result.problems == []
