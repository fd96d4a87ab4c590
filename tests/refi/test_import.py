"""Importing projects written by other programs: ATLAS.ti samples and hand-made NVivo/MAXQDA-style files."""
from __future__ import annotations

import shutil

import pytest

from refi_helpers import make_zip, refi_file
from qualkit.refi import import_qdpx

JAN = "Hallo.\r\nWe hebben meer personeel nodig 😀."
G = {k: f"6b1d6f9a-0d0e-4a43-9a6e-{i:012x}" for i, k in enumerate(
    ["eva", "werkdruk", "personeel", "positief", "leeftijd", "afdeling", "jan", "piet",
     "s1", "s2", "s3", "s4", "s5", "s6", "s7", "sel1", "sel2", "sel3", "sel4", "sel5", "c1", "c2", "c3", "c4",
     "c5", "note", "sel6", "c6"], start=1)}


def _project(ns: bool = True) -> str:
    start = JAN.index("meer personeel")
    xmlns = ' xmlns="urn:QDA-XML:project:1.0"' if ns else ""
    return f"""<?xml version="1.0" encoding="utf-8"?>
<Project{xmlns} name="nvivo-export" origin="NVivo 14">
 <Users><User guid="{{{G['eva']}}}" name="Eva"/></Users>
 <CodeBook><Codes>
  <Code guid="{G['werkdruk']}" name="Werkdruk" isCodable="false">
   <Code guid="{G['personeel']}" name="Personeel" isCodable="true" color="#00ff00"/>
  </Code>
  <Code guid="{G['positief']}" name="Positief" isCodable="true"/>
 </Codes></CodeBook>
 <Variables>
  <Variable guid="{G['leeftijd']}" name="Leeftijd" typeOfVariable="Integer"/>
  <Variable guid="{G['afdeling']}" name="Afdeling" typeOfVariable="Text"/>
 </Variables>
 <Cases>
  <Case guid="{G['jan']}" name="Jan">
   <VariableValue><VariableRef targetGUID="{G['leeftijd']}"/><IntegerValue>44</IntegerValue></VariableValue>
   <VariableValue><VariableRef targetGUID="{G['afdeling']}"/><TextValue>zorg</TextValue></VariableValue>
   <SourceRef targetGUID="{G['s1']}"/>
  </Case>
  <Case guid="{G['piet']}" name="Piet"><SourceRef targetGUID="{G['s2']}"/></Case>
 </Cases>
 <Sources>
  <TextSource guid="{G['s1']}" name="Interview Jan" plainTextPath="internal://{G['s1']}.txt">
   <PlainTextSelection guid="{G['sel1']}" startPosition="{start}" endPosition="{start + 14}">
    <Coding guid="{G['c1']}" creatingUser="{G['eva'].upper()}"><CodeRef targetGUID="{G['personeel'].upper()}"/></Coding>
   </PlainTextSelection>
   <PlainTextSelection guid="{G['sel2']}" startPosition="5" endPosition="999">
    <Coding guid="{G['c2']}"><CodeRef targetGUID="{G['personeel']}"/></Coding>
   </PlainTextSelection>
   <PlainTextSelection guid="{G['sel3']}" startPosition="0" endPosition="5">
    <Coding guid="{G['c3']}"><CodeRef targetGUID="{G['note']}"/></Coding>
   </PlainTextSelection>
   <PlainTextSelection guid="{G['sel4']}" startPosition="0" endPosition="5"><NoteRef targetGUID="{G['note']}"/></PlainTextSelection>
   <Coding guid="{G['c4']}" creatingUser="{G['eva']}"><CodeRef targetGUID="{G['positief']}"/></Coding>
  </TextSource>
  <TextSource guid="{G['s2']}" name="Interview Piet">
   <PlainTextContent>Alles goed.</PlainTextContent>
   <PlainTextSelection guid="{G['sel5']}" startPosition="0" endPosition="5" creatingUser="{G['eva']}">
    <Coding guid="{G['c5']}"><CodeRef targetGUID="{G['positief']}"/></Coding>
   </PlainTextSelection>
  </TextSource>
  <TextSource guid="{G['s3']}" name="Absoluut" plainTextPath="C:\\Users\\eva\\interview.txt"/>
  <TextSource guid="{G['s4']}" name="Slinks" plainTextPath="internal://../../etc/passwd"/>
  <PDFSource guid="{G['s5']}" name="Rapport" path="internal://rapport.pdf"/>
  <TextSource guid="{G['s6']}" name="Kwijt" plainTextPath="internal://kwijt.txt"/>
  <TextSource guid="{G['s7']}" name="Utf16" plainTextPath="internal://{G['s7']}.txt">
   <PlainTextSelection guid="{G['sel6']}" startPosition="0" endPosition="2">
    <Coding guid="{G['c6']}"><CodeRef targetGUID="{G['positief']}"/></Coding>
   </PlainTextSelection>
  </TextSource>
 </Sources>
 <Notes><Note guid="{G['note']}" name="memo"><PlainTextContent>memo</PlainTextContent></Note></Notes>
</Project>"""


@pytest.mark.parametrize("ns", [True, False], ids=["namespace", "no-namespace"])
def test_import_nvivo_style_project(tmp_path, ns):
    path = make_zip(tmp_path / "nvivo.qdpx", {
        "Project.qde": _project(ns),
        f"Sources/{G['s1']}.txt": b"\xef\xbb\xbf" + JAN.encode("utf-8"),
        f"Sources/{G['s7']}.txt": "Oké".encode("utf-16"),
    })
    p = import_qdpx(path)
    c = p.corpus
    assert (p.name, p.origin, c.kind) == ("nvivo-export", "NVivo 14", "transcript")
    assert c.documents == {"Interview Jan": JAN, "Interview Piet": "Alles goed.", "Utf16": "Oké"}
    assert [(s.doc_id, s.unit_id, s.question, s.start, s.end) for s in c.segments] == [
        ("Interview Jan", "Jan", "interview", 0, len(JAN)), ("Interview Piet", "Piet", "interview", 0, 11),
        ("Utf16", "Utf16", "interview", 0, 3)]
    assert c.respondents.loc["Jan", "Leeftijd"] == 44 and c.respondents.loc["Jan", "Afdeling"] == "zorg"
    assert c.respondents["Leeftijd"].isna()["Piet"] and str(c.respondents["Leeftijd"].dtype) == "Int64"
    assert [x.id for x in p.codebook.codes] == ["werkdruk", "personeel", "positief"]
    assert p.codebook.code("personeel").colour == "#00ff00"
    rows = p.codings.sort_values(["doc_id", "unit_start", "code"])
    got = [(r.doc_id, r.unit_start, r.unit_end, r.code, r.coder, r.method) for r in rows.itertuples()]
    start = JAN.index("meer personeel")
    assert got == [
        ("Interview Jan", 0, len(JAN), "positief", "Eva", "human"),
        ("Interview Jan", start, start + 14, "personeel", "Eva", "human"),
        ("Interview Piet", 0, 5, "positief", "Eva", "human"),
        ("Utf16", 0, 2, "positief", "unknown", "human"),
    ]
    assert JAN[start:start + 14] == "meer personeel"
    problems = "\n".join(p.problems)
    for expected in ["1 source(s) are not text", "2 text source(s) point outside the archive with an absolute, relative:// or '..' path "
                     "(Absoluut, Slinks)",
                     "1 text source(s) name a file that is not in the archive's sources/ folder (Kwijt)",
                     "1 selection(s) lie outside their text",
                     "1 coding(s) refer to a code that is not in the codebook",
                     "2 code(s) have no include rules (coded by hand in NVivo 14): personeel, positief"]:
        assert expected in problems
    assert "personeel nodig" not in problems and "etc/passwd" not in problems and "Users" not in problems
    # a selection without a code but with a memo is an annotation: kept on its words, not as a coding
    assert p.meta.source_notes == {} and p.meta.journals == []
    assert p.meta.annotations == [{"doc_id": "Interview Jan", "start": 0, "end": 5, "text": "memo", "guid": G["sel4"]}]


def test_import_survey_style_project_infers_kind(tmp_path):
    xml = f"""<Project xmlns="urn:QDA-XML:project:1.0" name="maxqda">
 <CodeBook><Codes><Code guid="{G['positief']}" name="Positief" isCodable="true"/></Codes></CodeBook>
 <Cases><Case guid="{G['jan']}" name="R1"><SourceRef targetGUID="{G['s1']}"/><SourceRef targetGUID="{G['s2']}"/></Case></Cases>
 <Sources>
  <TextSource guid="{G['s1']}" name="R1/Q1"><PlainTextContent>Goed.</PlainTextContent></TextSource>
  <TextSource guid="{G['s2']}" name="R1/Q2"><PlainTextContent>Slecht.</PlainTextContent>
   <Coding guid="{G['c1']}"><CodeRef targetGUID="{G['positief']}"/></Coding></TextSource>
 </Sources></Project>"""
    p = import_qdpx(make_zip(tmp_path / "m.qdpx", {"project.qde": xml}))
    assert p.corpus.kind == "survey" and p.corpus.questions == ["Q1", "Q2"]
    assert [(s.unit_id, s.question) for s in p.corpus.segments] == [("R1", "Q1"), ("R1", "Q2")]
    assert p.codings[["unit_id", "question", "code", "unit_start", "unit_end"]].values.tolist() == [
        ["R1", "Q2", "positief", 0, 7]]


def test_atlas_sample_project(tmp_path):
    # By inspection: ATLAS.ti 23.2 project 'target-atlas-project'; two users; a code 'Commits' with two
    # child codes named after git commits; no sources, no selections, no variables or cases.
    p = import_qdpx(shutil.copy(refi_file("atlas-sample-project.qdpx"), tmp_path / "a.qdpx"))
    assert p.name == "target-atlas-project" and p.origin.startswith("ATLAS.ti")
    cb = p.codebook
    assert [(c.id, c.label, c.parent) for c in cb.codes] == [
        ("commits", "Commits", None),
        ("2022-05-10t02_05_59z_19e4dce", "2022-05-10T02:05:59Z 19e4dce", "commits"),
        ("2022-02-11t10_39_25z_cdbfd92", "2022-02-11T10:39:25Z cdbfd92", "commits")]
    assert all(c.include == [] for c in cb.codes) and cb.children("commits") == [c.id for c in cb.codes[1:]]
    assert p.corpus.documents == {} and p.corpus.segments == [] and p.codings.empty
    assert len(p.problems) == 1 and "3 code(s) have no include rules" in p.problems[0]  # 'Commits' is codable too


def test_atlas_blank_project(tmp_path):
    p = import_qdpx(shutil.copy(refi_file("atlas-blank-project.qdpx"), tmp_path / "b.qdpx"))
    assert p.name == "blank-atlas-project" and p.codebook.codes == [] and p.corpus.documents == {}
    assert p.codings.empty and p.problems == [f"{tmp_path / 'b.qdpx'}: the project has no codebook."]


def test_relative_paths_are_refused_and_inline_carriage_returns_kept(tmp_path):
    xml = f"""<Project xmlns="urn:QDA-XML:project:1.0" name="qualcoder">
 <CodeBook><Codes><Code guid="{G['positief']}" name="Positief" isCodable="true"/></Codes></CodeBook>
 <Sources>
  <TextSource guid="{G['s1']}" name="Rel" plainTextPath="relative://interviews/jan.txt"/>
  <TextSource guid="{G['s2']}" name="Inline"><PlainTextContent>Eén&#13;
twee 😀 drie</PlainTextContent>
   <PlainTextSelection guid="{G['sel1']}" startPosition="6" endPosition="7">
    <Coding guid="{G['c1']}"><CodeRef targetGUID="{G['positief']}"/></Coding></PlainTextSelection>
  </TextSource>
 </Sources></Project>"""
    p = import_qdpx(make_zip(tmp_path / "q.qdpx", {"project.qde": xml}))
    assert p.corpus.documents == {"Inline": "Eén\r\ntwee 😀 drie"}
    r = p.codings.iloc[0]
    assert p.corpus.documents["Inline"][r.unit_start:r.unit_end] == "w"
    assert any("1 text source(s) point outside the archive" in x and "(Rel)" in x for x in p.problems)
