"""Real REFI-QDA files from NVivo, MAXQDA, QualCoder, ATLAS.ti and Taguette (../shared/refi/foreign).

Each file is imported and compared with counts parsed from its XML here, independently of
qualkit; then exported again, validated against the schemas, and re-imported: the selected
text of every coding, every GUID (codes, sources, selections, users), the users, notes and
the project name must come back. pyqdpx (an NVivo-oriented reader) must read the export.
"""
from __future__ import annotations

import re
import shutil
import zipfile

import pandas as pd
import pytest
from lxml import etree

from refi_helpers import CODEBOOK_XSD, PROJECT_XSD, qdpx_members, refi_file, validate
from qualkit.codebook import dumps
from qualkit.refi import export_qdc, import_qdpx, read_qdc

P = "{urn:QDA-XML:project:1.0}"
C = "{urn:QDA-XML:codebook:1.0}"
PROJECTS = ["nvivo-win12.6_oltas.qdpx", "maxqda24_ICLS_Conf_Themes_just10.qdpx", "qualcoder4.0b_native-qc.qdpx",
            "qualcoder4.0b_from-qualkit-werkdruk.qdpx"]
CODEBOOKS = ["atlas23.4-win_requal-test.qdc", "qualcoder4.0b_Codebook-native-qc.qdc",
             "qualcoder4.0b_Codebook-werkdruk.qdc", "taguette1.5.2_codebook.qdc"]


def _facts(path):
    """What the file holds, read with lxml only: GUIDs, counts, and each selection's text."""
    with zipfile.ZipFile(path) as zf:
        names = {n.lower(): n for n in zf.namelist()}
        root = etree.fromstring(zf.read(names["project.qde"]))
        texts = {}
        for s in root.iter(P + "TextSource"):
            raw = zf.read(names["sources/" + s.get("plainTextPath").split("//", 1)[1].lower()])
            texts[s.get("guid").lower()] = raw.decode("utf-8-sig")
    utf16 = "NVivo" in root.get("origin")
    selections, positions = {}, {}
    for s in root.iter(P + "TextSource"):
        text = texts[s.get("guid").lower()]
        for sel in s.findall(P + "PlainTextSelection"):
            a, b = int(sel.get("startPosition")), int(sel.get("endPosition"))
            # NVivo counts UTF-16 code units; the others code points
            cut = text.encode("utf-16-le")[2 * a:2 * b].decode("utf-16-le") if utf16 else text[a:b]
            selections[sel.get("guid").lower()] = (cut, len(sel.findall(P + "Coding")))
            positions[sel.get("guid").lower()] = (a, b)
    return {"name": root.get("name"), "origin": root.get("origin"),
            "users": {u.get("guid").lower(): u.get("name") for u in root.iter(P + "User")},
            "codes": {c.get("guid").lower() for c in root.iter(P + "Code")},
            "sources": set(texts), "selections": selections, "positions": positions,
            "memos": [d.text or "" for d in root.iter(P + "Description") if d.getparent().tag != P + "Project"],
            "codings": sum(n for _, n in selections.values())}


def _selected(project):
    """selection GUID -> the text its codings select, as qualkit read it."""
    docs = project.corpus.documents
    return {r.guid: docs[r.doc_id][r.unit_start:r.unit_end] for r in project.codings.itertuples()}


@pytest.fixture(scope="module", params=PROJECTS)
def trip(request, tmp_path_factory):
    src = refi_file(f"foreign/{request.param}")
    tmp = tmp_path_factory.mktemp("foreign")
    before = import_qdpx(shutil.copy(src, tmp / "in.qdpx"))
    before.export(tmp / "out.qdpx")
    return request.param, _facts(src), before, tmp / "out.qdpx", import_qdpx(tmp / "out.qdpx")


def test_import_matches_the_xml(trip):
    name, facts, p, _, _ = trip
    assert p.name == facts["name"] and len(p.corpus.documents) == len(facts["sources"])
    assert len(p.codebook.codes) == len(facts["codes"]) and len(p.codings) == facts["codings"]
    assert {c.guid for c in p.codebook.codes} <= facts["codes"] | {None}
    assert set(p.meta.users.values()) == set(facts["users"])  # users without codings too
    assert set(p.meta.sources.values()) == facts["sources"]
    assert _selected(p) == {g: cut for g, (cut, n) in facts["selections"].items() if n}


def test_export_validates_and_keeps_identities_and_text(trip):
    name, facts, before, out, after = trip
    members = qdpx_members(out.read_bytes())
    validate(PROJECT_XSD, members["project.qde"])
    got = _facts(out)
    assert got["name"] == facts["name"]
    assert got["codes"] == facts["codes"]
    assert got["sources"] == facts["sources"] and got["users"] == facts["users"]  # no user 'qualkit' added
    assert set(got["selections"]) == {g for g, (_, n) in facts["selections"].items() if n}
    assert _selected(after) == _selected(before)
    assert all("/" not in s.get("name") for s in etree.fromstring(members["project.qde"]).iter(P + "TextSource"))
    assert re.search(rb'guid="[^"]*[A-F]', members["project.qde"]) is None  # lower-case GUIDs
    assert after.meta.to_dict() == {**before.meta.to_dict(), "origin": "qualkit"}
    # written back in the program's own way of counting: every selection where the program put it
    assert {g: got["positions"][g] for g in got["selections"]} == {
        g: facts["positions"][g] for g, (_, n) in facts["selections"].items() if n}


def _elements(path):
    """guid -> tag of every element of the project that has a GUID; name -> type of every variable."""
    root = etree.fromstring(qdpx_members(path.read_bytes())["project.qde"])
    return ({el.get("guid").lower(): el.tag for el in root.iter() if el.get("guid")},
            {v.get("name"): v.get("typeOfVariable") for v in root.iter(P + "Variable")})


def test_every_guid_and_variable_type_comes_back(trip):
    """Every element with a GUID (users, codes, variables, cases, sources, selections, codings,
    notes, sets) is in the export with that GUID, and variables keep their declared type
    (QualCoder's Float stays Float though 34 reads as 34), so the program updates, not duplicates."""
    name, facts, before, out, after = trip
    (old, old_types), (new, new_types) = _elements(refi_file(f"foreign/{name}")), _elements(out)
    assert {g: t for g, t in new.items() if g in old} == old
    assert new_types == old_types


def test_a_trip_through_qualkit_changes_nothing(trip):
    """import(export(import(x))) == import(x): texts, segments, codings with their memos and GUIDs,
    cases and variables, codebook, identities and notes; and a project qualkit never coded gets no
    [qualkit] block in its source and coding memos."""
    name, facts, before, out, after = trip
    pd.testing.assert_frame_equal(after.corpus.frame(), before.corpus.frame())
    pd.testing.assert_frame_equal(after.codings, before.codings)
    pd.testing.assert_frame_equal(after.corpus.respondents, before.corpus.respondents)
    assert after.corpus.documents == before.corpus.documents and dumps(after.codebook) == dumps(before.codebook)
    if "qualkit" not in name:
        assert not any("[qualkit]" in m for m in _facts(out)["memos"])


def test_nvivo_positions_are_utf16_code_units(trip):
    name, facts, p, _, after = trip
    if not name.startswith("nvivo"):
        pytest.skip("NVivo only")
    assert p.offsets == "utf16" and after.offsets == "utf16"  # exported back the way NVivo counts
    docs = p.corpus.documents
    # every selection starts and ends between words once read as UTF-16 (60 of 97 as code points)
    word = re.compile(r"\w")
    for r in p.codings.itertuples():
        t = docs[r.doc_id]
        assert not (r.unit_start and word.match(t[r.unit_start - 1]) and word.match(t[r.unit_start]))
        assert not (r.unit_end < len(t) and word.match(t[r.unit_end - 1]) and word.match(t[r.unit_end]))
    assert any("97 of 97 selections start and end on word boundaries" in x for x in p.problems)


def test_maxqda_document_sets_are_source_groups_and_codes_stay_codable(trip):
    name, facts, p, out, after = trip
    if not name.startswith("maxqda"):
        pytest.skip("MAXQDA only")
    assert {g: len(d) for g, d in p.meta.groups.items()} == {"ICLS 2024": 5, "ICLS 2025": 5}
    assert after.meta.groups == p.meta.groups and not any("set(s) not imported" in x for x in p.problems)
    root = etree.fromstring(qdpx_members(out.read_bytes())["project.qde"])
    assert {c.get("isCodable") for c in root.iter(P + "Code")} == {"true"}  # 307 codes, 0 categories


def test_qualcoder_notes_cases_and_numbers(trip):
    name, facts, p, out, after = trip
    if name != "qualcoder4.0b_native-qc.qdpx":
        pytest.skip("QualCoder native project only")
    m = p.meta
    assert m.source_notes["interview_1"] == "bron memo"
    # QualCoder's annotation: a Note holding a selection of the source's text, linked from the source
    note, sel = "22d3935f-940f-498c-9767-ff76bca59e43", "bac1dba3-6be3-4936-b0e0-b2f6e9ef92d4"
    assert m.annotations == [{"doc_id": "interview_1", "start": 32, "end": 40, "text": "annotatie bij Eén ding",
                              "guid": sel, "note": note}]
    assert p.corpus.documents["interview_1"][32:40] == "Eén ding" and after.meta.annotations == m.annotations
    root = etree.fromstring(qdpx_members(out.read_bytes())["project.qde"])
    n = next(x for x in root.iter(P + "Note") if x.get("guid") == note)
    assert n.findtext(P + "PlainTextContent") == "annotatie bij Eén ding"
    assert [(x.get("guid"), x.get("startPosition"), x.get("endPosition")) for x in n.iter(P + "PlainTextSelection")] == [
        (sel, "32", "40")]
    src = next(x for x in root.iter(P + "TextSource") if x.get("name") == "interview_1")
    assert [r.get("targetGUID") for r in src.findall(P + "NoteRef")] == [note]
    assert m.case_notes == {"P01": "case memo"}
    assert m.journals == [{"name": "Onderzoeksdagboek", "text": "Eerste indrukken.",
                           "guid": "c2eb6a70-da39-42dd-9f9c-2b6f98d4225e"}]
    assert p.codings.note.dropna().tolist() == ["coding memo"]
    assert sorted(after.codings.note.dropna()) == ["coding memo"]
    # the cases' SourceRefs name copies of the text files; matched, and reported
    assert p.corpus.segments[0].unit_id == "P01" and any("matched to the source" in x for x in p.problems)
    assert str(p.corpus.respondents["leeftijd"].dtype) == "Int64" and p.corpus.respondents["leeftijd"].tolist() == [34, 51]
    assert {c.id: c.manual for c in p.codebook.codes} == {
        "steun": True, "werkdruk": False, "meer_personeel": True, "administratie": True, "papierwerk": True,
        "sub-categorie": False, "software": True}


def test_qualcoder_round_trip_of_a_qualkit_export_warns_about_lost_settings(trip):
    name, facts, p, _, after = trip
    if name != "qualcoder4.0b_from-qualkit-werkdruk.qdpx":
        pytest.skip("qualkit -> QualCoder project only")
    assert any("codebook settings" in x and "missing" in x for x in p.problems)
    assert p.codebook.code("personeel").include and p.corpus.kind == "survey"
    assert set(p.codings.method) == {"rule"}
    # qualkit's own export now keeps settings where QualCoder leaves them: the project note
    assert after.codebook.code("personeel").include and not any("settings" in x for x in after.problems)


@pytest.mark.parametrize("name", CODEBOOKS)
def test_foreign_codebooks(name, tmp_path):
    path = refi_file(f"foreign/{name}")
    root = etree.parse(str(path)).getroot()
    guids = {c.get("guid").lower() for c in root.iter(C + "Code")}
    got = read_qdc(path)
    assert len(got.codebook.codes) == len(guids)
    export_qdc(got.codebook, tmp_path / "out.qdc")
    validate(CODEBOOK_XSD, (tmp_path / "out.qdc").read_bytes())
    again = etree.parse(str(tmp_path / "out.qdc")).getroot()
    assert {c.get("guid") for c in again.iter(C + "Code")} == guids
    if name == "qualcoder4.0b_Codebook-native-qc.qdc":  # categories stay categories, leaf codes stay codes
        codable = {c.get("name"): c.get("isCodable") for c in again.iter(C + "Code")}
        assert codable == {c.get("name"): c.get("isCodable") for c in root.iter(C + "Code")}


def test_pyqdpx_reads_the_export(trip, tmp_path):
    """pyqdpx (MIT) reads NVivo-style projects: every source, code and coding of qualkit's export of
    each foreign project, written with NVivo's UTF-16 positions, selects the same text there."""
    pyqdpx = pytest.importorskip("pyqdpx")
    name, _, p, _, _ = trip
    p.export(tmp_path / "out.qdpx", offsets="utf16")
    qde = pyqdpx.QDPX(str(tmp_path / "out.qdpx")).get_project()
    assert len(qde.sources) == len(p.corpus.documents) and len(qde.codes) == len(p.codebook.codes)
    theirs = {g: sel.text.replace("\u200b", "") for s in qde.sources.values() for g, sel in s.coded_selections.items()}
    assert theirs == _selected(p) and len(theirs) == len(p.codings)
    if name.startswith(("nvivo", "qualcoder4.0b_native")):
        assert any(ord(ch) > 0xFFFF for ch in "".join(theirs.values()))  # emoji before and inside selections
