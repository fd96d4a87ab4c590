"""Hand-made projects in the style of NVivo, ATLAS.ti, MAXQDA and QualCoder, for the conventions
the real files in ../shared/refi/foreign do not show: NVivo's memos linked to codes, codings and
the project (NoteRef), a coder the file does not list; ATLAS.ti's upper-case GUIDs, Windows line
breaks counted as one and document groups; MAXQDA's document variables on sources and memos as
linked notes; QualCoder's case links to a copy of the text file.

Each file is built from phrases, and every check is against those phrases or the XML read with
lxml, not against qualkit's own reading: the import selects exactly the phrase, keeps each memo
on its element; the export validates, puts every selection where the program put it (its own
way of counting), puts memos and variables back where they were; importing the export gives the
same project again.
"""
from __future__ import annotations

import uuid

import pandas as pd
import pytest
from lxml import etree

from qualkit.codebook import dumps
from qualkit.refi import import_qdpx
from refi_helpers import PROJECT_XSD, make_zip, qdpx_members, validate

P = "{urn:QDA-XML:project:1.0}"
HEAD = '<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" '


def G(s: str, upper: bool = False) -> str:
    g = str(uuid.uuid5(uuid.NAMESPACE_DNS, s))
    return g.upper() if upper else g


def u16(text: str, cp: int) -> int:
    return len(text[:cp].encode("utf-16-le")) // 2


def crlf1(text: str, cp: int) -> int:
    return cp - text[:cp].count("\r\n")


def span(text: str, phrase: str) -> tuple[int, int]:
    s = text.index(phrase)
    return s, s + len(phrase)


def selection(text: str, phrase: str, guid: str, coding: str, code: str, user: str, *, count=lambda t, cp: cp,
              name: str | None = None, description: str | None = None, coding_memo: str = "", memo: str = "") -> str:
    """A <PlainTextSelection> of ``phrase`` with one <Coding>, its positions counted the program's
    way (``count(text, codepoint)``: :func:`u16` for NVivo, :func:`crlf1` for ATLAS.ti)."""
    s, e = span(text, phrase)
    named = f' name="{name}"' if name is not None else ""
    about = f"<Description>{description}</Description>" if description is not None else ""
    return (f'<PlainTextSelection guid="{guid}"{named} startPosition="{count(text, s)}" endPosition="{count(text, e)}" '
            f'creatingUser="{user}">{about}<Coding guid="{coding}" creatingUser="{user}"><CodeRef targetGUID="{code}"/>'
            f'{coding_memo}</Coding>{memo}</PlainTextSelection>')


NVIVO_TEXT = "\r\n".join(["Interviewer: Hoe gaat het met de werkdruk? 😅",
                          "Anna: Slecht 😡😡. We hebben meer personeel nodig, echt waar.",
                          "Anna: Het papierwerk 📄 is niet te doen en de software 💻 crasht.",
                          "Interviewer: Dank u 🙏", "Anna: Graag gedaan 👍"])


def nvivo(tmp_path):
    t, u1, u2 = NVIVO_TEXT, G("nv-u1"), G("nv-u2")
    codes = {"Werkdruk": G("nv-c1"), "Meer personeel": G("nv-c2"), "Administratie": G("nv-c3"), "Emotie": G("nv-c4")}
    src = G("nv-src")

    def sel(i, phrase, code, user, memo="", coding_memo=""):
        return selection(t, phrase, G(f"nv-s{i}"), G(f"nv-k{i}"), codes[code], user, count=u16, name=phrase,
                         coding_memo=coding_memo, memo=memo)
    qde = (HEAD + f'name="NVivo handmade" origin="NVivo for Windows 14.23" creatingUserGUID="{u1}">'
           f'<Users><User guid="{u1}" name="Anna Peeters" id="AP"/><User guid="{u2}" name="Bert"/>'
           f'<User guid="{G("nv-u3")}" name="Nobody"/></Users>'
           f'<CodeBook><Codes><Code guid="{codes["Werkdruk"]}" name="Werkdruk" isCodable="true" color="#FF0000">'
           f'<Description>Alles over werkdruk 😅</Description><NoteRef targetGUID="{G("nv-n-code")}"/>'
           f'<Code guid="{codes["Meer personeel"]}" name="Meer personeel" isCodable="true"/>'
           f'<Code guid="{codes["Administratie"]}" name="Administratie" isCodable="true"/></Code>'
           f'<Code guid="{codes["Emotie"]}" name="Emotie" isCodable="true"/></Codes></CodeBook>'
           f'<Variables><Variable guid="{G("nv-v1")}" name="Leeftijd" typeOfVariable="Integer"/>'
           f'<Variable guid="{G("nv-v2")}" name="Geboren" typeOfVariable="Date"/></Variables>'
           f'<Cases><Case guid="{G("nv-case")}" name="Anna"><Description>Case memo</Description>'
           f'<VariableValue><VariableRef targetGUID="{G("nv-v1")}"/><IntegerValue>41</IntegerValue></VariableValue>'
           f'<VariableValue><VariableRef targetGUID="{G("nv-v2")}"/><DateValue>1983-04-05</DateValue></VariableValue>'
           f'<SourceRef targetGUID="{src}"/></Case></Cases>'
           f'<Sources><TextSource guid="{src}" name="Interview Anna 😅" plainTextPath="internal://{src}.txt" '
           f'creatingUser="{u1}"><Description>Bron: interview 1</Description>'
           + sel(1, "meer personeel", "Meer personeel", u1, memo=f'<NoteRef targetGUID="{G("nv-n-sel")}"/>')
           + sel(2, "papierwerk", "Administratie", u2, coding_memo=f'<NoteRef targetGUID="{G("nv-n-coding")}"/>')
           + sel(3, "software", "Administratie", G("nv-unlisted"))
           + sel(4, "Graag gedaan 👍", "Emotie", u2) + sel(5, "Slecht 😡😡", "Emotie", u1)
           + f'<NoteRef targetGUID="{G("nv-n-src")}"/></TextSource></Sources>'
           f'<Notes><Note guid="{G("nv-n-code")}" name="Memo Werkdruk" plainTextPath="internal://{G("nv-n-code")}.txt"/>'
           f'<Note guid="{G("nv-n-sel")}" name="m1"><PlainTextContent>Zegt het twee keer 😡</PlainTextContent></Note>'
           f'<Note guid="{G("nv-n-coding")}" name="m2"><PlainTextContent>Twijfel: software?</PlainTextContent></Note>'
           f'<Note guid="{G("nv-n-proj")}" name="m3"><PlainTextContent>Over het hele project.</PlainTextContent></Note>'
           f'<Note guid="{G("nv-n-src")}" name="m4"><PlainTextContent>Opname slecht.</PlainTextContent></Note></Notes>'
           f'<Description>Projectbeschrijving</Description><NoteRef targetGUID="{G("nv-n-proj")}"/></Project>')
    return make_zip(tmp_path / "nvivo.qdpx", {
        "project.qde": qde, f"Sources/{src}.txt": b"\xef\xbb\xbf" + t.encode("utf-8"),
        f"Sources/{G('nv-n-code')}.txt": "Codememo: let op 🤔".encode("utf-8-sig")})


ATLAS_TEXT = "\r\n".join(["Q: Wat zou de werkdruk verlagen?", "A: Minder vergaderingen.\r\nEn meer collega's 😊.",
                          "", "Q: Nog iets?", "A: Betere planning van de shiften."])
ATLAS_PICKS = [("Minder vergaderingen", "Vergaderingen"), ("meer collega's", "Personeel"),
               ("Betere planning van de shiften", "Planning"), ("vergaderingen.\r\nEn meer", "Personeel")]


def ATLAS_FREE(t: str, u: str) -> str:
    """Free quotations (no code), one with a comment: ATLAS.ti keeps them as quotations."""
    (s1, e1), (s2, e2) = span(t, "Nog iets?"), span(t, "planning")
    return (f'<PlainTextSelection guid="{G("at-free1", True)}" name="1:9" startPosition="{crlf1(t, s1)}" '
            f'endPosition="{crlf1(t, e1)}" creatingUser="{u}"><Description>Vrij citaat 😊</Description></PlainTextSelection>'
            f'<PlainTextSelection guid="{G("at-free2", True)}" name="1:10" startPosition="{crlf1(t, s2)}" '
            f'endPosition="{crlf1(t, e2)}" creatingUser="{u}"/>')


def atlas(tmp_path):
    t, u, src = ATLAS_TEXT, G("at-u", True), G("at-src", True)
    codes = {n: G("at-" + n, True) for n in ("Vergaderingen", "Personeel", "Planning")}
    sels = "".join(selection(t, p, G(f"at-s{i}", True), G(f"at-k{i}", True), codes[c], u, count=crlf1, name=f"1:{i}",
                             description=f"Quotation comment {i}") for i, (p, c) in enumerate(ATLAS_PICKS))
    qde = (HEAD + f'origin="ATLAS.ti for Windows 23.4.0" name="atlas handmade" creatingUserGUID="{u}">'
           f'<Users><User guid="{u}" name="Enric"/></Users><CodeBook><Codes>'
           + "".join(f'<Code guid="{g}" name="{n}" isCodable="true" color="#A0B0C0"/>' for n, g in codes.items())
           + f'</Codes></CodeBook><Sources><TextSource guid="{src}" name="interview 1.docx" '
           f'plainTextPath="internal://{src}.txt" creatingUser="{u}">{sels}{ATLAS_FREE(t, u)}</TextSource></Sources>'
           f'<Notes><Note guid="{G("at-memo", True)}" name="Memo: methode"><PlainTextContent>Memo</PlainTextContent>'
           f'</Note></Notes><Sets><Set guid="{G("at-group", True)}" name="Documentgroep A">'
           f'<MemberSource targetGUID="{src}"/></Set></Sets></Project>')
    return make_zip(tmp_path / "atlas.qdpx", {"project.qde": qde, f"sources/{src}.txt": b"\xef\xbb\xbf" + t.encode()})


MAXQDA_DOCS = {"Doc A": ("Meer personeel nodig. 😊 Minder papierwerk!", ["Meer personeel", "Minder papierwerk"]),
               "Doc B": ("Geen idee.\nMisschien meer overleg.", ["meer overleg"])}


def maxqda(tmp_path):
    u, code = G("mx-u"), G("mx-code")
    srcs, notes, files = [], [], {}
    for k, (name, (t, picks)) in enumerate(MAXQDA_DOCS.items()):
        g = G("mx-" + name)
        files[f"sources/{g}.txt"] = t.encode("utf-8")
        sels = ""
        for i, p in enumerate(picks):
            sels += selection(t, p, G(f"mx-s{k}{i}"), G(f"mx-k{k}{i}"), code, u,
                              memo=f'<NoteRef targetGUID="{G(f"mx-n{k}{i}")}"/>')
            notes.append(f'<Note guid="{G(f"mx-n{k}{i}")}" name="Memo"><PlainTextContent>Memo {p} 📝'
                         f'</PlainTextContent></Note>')
        srcs.append(f'<TextSource guid="{g}" name="{name}" plainTextPath="internal://{g}.txt" creatingUser="{u}">'
                    f'{sels}<VariableValue><VariableRef targetGUID="{G("mx-v1")}"/><TextValue>{"gent" if k else "leuven"}'
                    f'</TextValue></VariableValue><VariableValue><VariableRef targetGUID="{G("mx-v2")}"/>'
                    f'<IntegerValue>{7 + k}</IntegerValue></VariableValue></TextSource>')
    qde = (HEAD + f'name="maxqda handmade" origin="MAXQDA 24 (Release 24.7.0)" creatingUserGUID="{u}">'
           f'<Users><User guid="{u}" name="johnb"/></Users><CodeBook><Codes><Code guid="{code}" name="Thema" '
           f'isCodable="true"/></Codes></CodeBook><Variables><Variable guid="{G("mx-v1")}" name="Stad" '
           f'typeOfVariable="Text"/><Variable guid="{G("mx-v2")}" name="Jaren" typeOfVariable="Integer"/></Variables>'
           f'<Sources>{"".join(srcs)}</Sources><Notes>{"".join(notes)}</Notes><Sets><Set guid="{G("mx-set")}" '
           f'name="Set 1"><MemberSource targetGUID="{G("mx-Doc A")}"/></Set></Sets></Project>')
    return make_zip(tmp_path / "maxqda.qdpx", {"project.qde": qde, **files})


QC_TEXT = "Deelnemer 1: Ik wil meer collega's 👍 en minder stress.\nDeelnemer 1: Thuiswerk helpt."


def qualcoder(tmp_path):
    t, u, src, copy = QC_TEXT, G("qc-u"), G("qc-src"), G("qc-copy")
    codes = {"Personeel": G("qc-c1"), "Stress": G("qc-c2")}
    sels = "".join(selection(t, p, G(f"qc-s{i}"), G(f"qc-k{i}"), codes[c], u, description=f"coding memo {i}")
                   for i, (p, c) in enumerate([("meer collega's 👍", "Personeel"), ("minder stress", "Stress")]))
    qde = (HEAD + f'name="qc.qda" origin="QualCoder 3.5" creatingUserGUID="{u}"><Users><User guid="{u}" '
           f'name="default"/></Users><CodeBook><Codes><Code guid="{G("qc-cat")}" name="Categorie" isCodable="false">'
           + "".join(f'<Code guid="{g}" name="{n}" isCodable="true"/>' for n, g in codes.items())
           + f'</Code></Codes></CodeBook><Variables><Variable guid="{G("qc-v")}" name="leeftijd" '
           f'typeOfVariable="Float"/></Variables><Cases><Case guid="{G("qc-case")}" name="D1"><VariableValue>'
           f'<VariableRef targetGUID="{G("qc-v")}"/><FloatValue>34.5</FloatValue></VariableValue>'
           f'<SourceRef targetGUID="{copy}"/></Case></Cases><Sources><TextSource guid="{src}" name="groep 1.txt" '
           f'plainTextPath="internal://{src}.txt" creatingUser="{u}"><Description>file memo</Description>{sels}'
           f'</TextSource></Sources></Project>')
    return make_zip(tmp_path / "qualcoder.qdpx", {"project.qde": qde, f"sources/{src}.txt": t.encode(),
                                                  f"sources/{copy}.txt": t.encode()})


EXPECTED = {  # (coder, code, selected text, memo) of every coding, from the phrases the files were built from
    "nvivo": [("Anna Peeters", "meer_personeel", "meer personeel", "Zegt het twee keer 😡"),
              ("Bert", "administratie", "papierwerk", "Twijfel: software?"),
              (G("nv-unlisted"), "administratie", "software", None),
              ("Bert", "emotie", "Graag gedaan 👍", None), ("Anna Peeters", "emotie", "Slecht 😡😡", None)],
    "atlas": [("Enric", c.lower(), p, f"Quotation comment {i}") for i, (p, c) in enumerate(ATLAS_PICKS)],
    "maxqda": [("johnb", "thema", p, f"Memo {p} 📝") for _, (_, picks) in MAXQDA_DOCS.items() for p in picks],
    "qualcoder": [("default", "personeel", "meer collega's 👍", "coding memo 0"),
                  ("default", "stress", "minder stress", "coding memo 1")],
}
MAKERS = {"nvivo": nvivo, "atlas": atlas, "maxqda": maxqda, "qualcoder": qualcoder}


def _xml(path) -> etree._Element:
    return etree.fromstring(qdpx_members(path.read_bytes())["project.qde"])


def _positions(root) -> dict[str, tuple[str, str]]:
    return {s.get("guid").lower(): (s.get("startPosition"), s.get("endPosition"))
            for s in root.iter(P + "PlainTextSelection")}


@pytest.fixture(params=sorted(MAKERS))
def trip(request, tmp_path):
    src = MAKERS[request.param](tmp_path)
    before = import_qdpx(src)
    before.export(tmp_path / "out.qdpx")
    return request.param, src, before, tmp_path / "out.qdpx", import_qdpx(tmp_path / "out.qdpx")


def test_import_selects_the_phrases_with_their_memos(trip):
    name, _, p, _, _ = trip
    docs = p.corpus.documents
    got = [(r.coder, r.code, docs[r.doc_id][r.unit_start:r.unit_end], None if pd.isna(r.note) else r.note)
           for r in p.codings.itertuples()]
    assert got == EXPECTED[name]


def test_export_puts_everything_back_where_the_program_had_it(trip):
    name, src, before, out, after = trip
    validate(PROJECT_XSD, qdpx_members(out.read_bytes())["project.qde"])
    old, new = _xml(src), _xml(out)
    assert _positions(new) == _positions(old)  # the program's own way of counting
    # nothing of qualkit's in the memos of a project qualkit did not code
    assert not any("[qualkit]" in (d.text or "") for d in new.iter(P + "Description")
                   if d.getparent().tag != P + "Project")
    guids = [el.get("guid") for el in new.iter() if el.get("guid")]
    assert len(guids) == len(set(guids))
    pd.testing.assert_frame_equal(after.codings, before.codings)
    pd.testing.assert_frame_equal(after.corpus.frame(), before.corpus.frame())
    pd.testing.assert_frame_equal(after.corpus.respondents, before.corpus.respondents)
    assert dumps(after.codebook) == dumps(before.codebook)
    assert {**after.meta.to_dict(), "origin": ""} == {**before.meta.to_dict(), "origin": ""}


@pytest.mark.parametrize("trip", ["nvivo"], indirect=True)
def test_nvivo_memos_on_codes_codings_and_project_and_unlisted_coders(trip):
    name, src, p, out, _ = trip
    assert p.offsets == "utf16"
    assert p.meta.project_note == "Projectbeschrijving\n\nOver het hele project."
    assert p.meta.source_notes == {"Interview Anna 😅": "Bron: interview 1\n\nOpname slecht."}
    assert p.meta.journals == [{"name": "Memo Werkdruk", "text": "Codememo: let op 🤔", "guid": G("nv-n-code"),
                                "code": G("nv-c1")}]
    assert p.meta.users["Nobody"] == G("nv-u3") and p.meta.users[G("nv-unlisted")] == G("nv-unlisted")
    assert any("not listed in <Users>" in x for x in p.problems)
    assert p.corpus.respondents.loc["Anna", "Leeftijd"] == 41
    root = _xml(out)
    code = next(c for c in root.iter(P + "Code") if c.get("name") == "Werkdruk")
    assert [r.get("targetGUID") for r in code.findall(P + "NoteRef")] == [G("nv-n-code")]
    assert {u.get("guid") for u in root.iter(P + "User")} == {G("nv-u1"), G("nv-u2"), G("nv-u3"), G("nv-unlisted")}


@pytest.mark.parametrize("trip", ["atlas"], indirect=True)
def test_atlas_counts_a_windows_line_break_as_one(trip):
    name, _, p, _, _ = trip
    assert p.offsets == "codepoints-crlf1" and p.meta.groups == {"Documentgroep A": ["interview 1.docx"]}
    doc = p.corpus.documents["interview 1.docx"]
    assert [(doc[a["start"]:a["end"]], a["text"]) for a in p.meta.annotations] == [
        ("Nog iets?", "Vrij citaat 😊"), ("planning", "")]  # free quotations, not codings
    assert p.meta.sources["interview 1.docx"] == G("at-src")  # upper case in the file, one GUID


@pytest.mark.parametrize("trip", ["maxqda"], indirect=True)
def test_maxqda_document_variables_stay_on_the_documents(trip):
    name, _, p, out, _ = trip
    assert p.meta.source_variables == ["Stad", "Jaren"]
    root = _xml(out)
    assert root.find(P + "Cases") is None  # no cases made up for a program that had none
    values = {s.get("name"): [v[1].text for v in s.findall(P + "VariableValue")] for s in root.iter(P + "TextSource")}
    assert values == {"Doc A": ["leuven", "7"], "Doc B": ["gent", "8"]}


@pytest.mark.parametrize("trip", ["qualcoder"], indirect=True)
def test_qualcoder_case_links_to_the_real_source(trip):
    name, _, p, out, _ = trip
    assert p.corpus.segments[0].unit_id == "D1" and p.corpus.respondents.loc["D1", "leeftijd"] == 34.5
    root = _xml(out)
    refs = [r.get("targetGUID") for r in root.iter(P + "SourceRef")]
    assert refs == [G("qc-src")]
    assert {c.get("name"): c.get("isCodable") for c in root.iter(P + "Code")} == {
        "Categorie": "false", "Personeel": "true", "Stress": "true"}


def _codings_of(root) -> dict[str, list[tuple[str, str]]]:
    """selection GUID -> [(Coding GUID, code GUID)] as the XML has them."""
    return {s.get("guid").lower(): [(c.get("guid").lower(), c.find(P + "CodeRef").get("targetGUID").lower())
                                    for c in s.findall(P + "Coding")] for s in root.iter(P + "PlainTextSelection")}


def test_every_coding_guid_comes_back(trip):
    """Not only selections: each <Coding> keeps its GUID, so the program updates its codings."""
    _, src, _, out, _ = trip
    assert _codings_of(_xml(out)) == _codings_of(_xml(src))


def test_a_quotation_with_several_codes_stays_one_selection(tmp_path):
    """ATLAS.ti (and MAXQDA) put several codes on one quotation: one PlainTextSelection with a
    Coding per code and one comment. The export keeps it one selection with its GUID, every
    Coding GUID and the comment once; two coders on the same words stay two selections."""
    t, u, u2, src = ATLAS_TEXT, G("q-u", True), G("q-u2", True), G("q-src", True)
    codes = {n: G("q-" + n, True) for n in ("Vergaderingen", "Personeel", "Planning")}
    s, e = span(t, "Minder vergaderingen.\r\nEn meer collega's")

    def coding(i, code, user=u):
        return f'<Coding guid="{G(f"q-k{i}", True)}" creatingUser="{user}"><CodeRef targetGUID="{codes[code]}"/></Coding>'
    sels = (f'<PlainTextSelection guid="{G("q-s1", True)}" name="1:1" startPosition="{crlf1(t, s)}" '
            f'endPosition="{crlf1(t, e)}" creatingUser="{u}"><Description>Twee dingen tegelijk</Description>'
            + coding(1, "Vergaderingen") + coding(2, "Personeel") + coding(3, "Planning") + "</PlainTextSelection>"
            f'<PlainTextSelection guid="{G("q-s2", True)}" name="1:2" startPosition="{crlf1(t, s)}" '
            f'endPosition="{crlf1(t, e)}" creatingUser="{u2}">' + coding(4, "Personeel", u2) + "</PlainTextSelection>")
    qde = (HEAD + f'origin="ATLAS.ti for Windows 23.4.0" name="quotations" creatingUserGUID="{u}">'
           f'<Users><User guid="{u}" name="Enric"/><User guid="{u2}" name="Marta"/></Users><CodeBook><Codes>'
           + "".join(f'<Code guid="{g}" name="{n}" isCodable="true"/>' for n, g in codes.items())
           + f'</Codes></CodeBook><Sources><TextSource guid="{src}" name="interview 2" '
           f'plainTextPath="internal://{src}.txt">{sels}</TextSource></Sources></Project>')
    path = make_zip(tmp_path / "q.qdpx", {"project.qde": qde, f"sources/{src}.txt": t.encode()})
    p = import_qdpx(path)
    docs = p.corpus.documents
    assert [(r.coder, r.code, docs[r.doc_id][r.unit_start:r.unit_end]) for r in p.codings.itertuples()] == [
        ("Enric", "vergaderingen", t[s:e]), ("Enric", "personeel", t[s:e]), ("Enric", "planning", t[s:e]),
        ("Marta", "personeel", t[s:e])]
    p.export(tmp_path / "out.qdpx")
    validate(PROJECT_XSD, qdpx_members((tmp_path / "out.qdpx").read_bytes())["project.qde"])
    old, new = _xml(path), _xml(tmp_path / "out.qdpx")
    assert _codings_of(new) == _codings_of(old) and _positions(new) == _positions(old)
    assert [d.text for d in new.iter(P + "Description") if d.getparent().tag == P + "PlainTextSelection"] == [
        "Twee dingen tegelijk"]
    again = import_qdpx(tmp_path / "out.qdpx")
    pd.testing.assert_frame_equal(again.codings, p.codings)


def test_variable_types_stay_as_the_program_declared_them(tmp_path):
    """QualCoder declares every number Float (34 reads as 34, not 34.0) and NVivo may declare a
    DateTime at midnight: the export writes them back with the declared type, so the program
    does not meet its own variable GUID with another type."""
    t, src, case = "Meer personeel nodig.", G("vt-src"), G("vt-case")
    vars_ = {"leeftijd": ("Float", "FloatValue", "34"), "gesprek": ("DateTime", "DateTimeValue", "2024-03-01T00:00:00"),
             "jaren": ("Integer", "IntegerValue", "7"), "dag": ("Date", "DateValue", "2024-03-01")}
    qde = (HEAD + f'origin="QualCoder 3.6" name="types"><Variables>'
           + "".join(f'<Variable guid="{G("vt-" + n)}" name="{n}" typeOfVariable="{k}"/>' for n, (k, _, _) in vars_.items())
           + f'</Variables><Cases><Case guid="{case}" name="P1">'
           + "".join(f'<VariableValue><VariableRef targetGUID="{G("vt-" + n)}"/><{tag}>{v}</{tag}></VariableValue>'
                     for n, (_, tag, v) in vars_.items())
           + f'<SourceRef targetGUID="{src}"/></Case></Cases><Sources><TextSource guid="{src}" name="p1" '
           f'plainTextPath="internal://{src}.txt"/></Sources></Project>')
    p = import_qdpx(make_zip(tmp_path / "v.qdpx", {"project.qde": qde, f"sources/{src}.txt": t.encode()}))
    assert p.corpus.respondents.loc["P1", "leeftijd"] == 34 and str(p.corpus.respondents["leeftijd"].dtype) == "Int64"
    p.export(tmp_path / "out.qdpx")
    root = _xml(tmp_path / "out.qdpx")
    validate(PROJECT_XSD, qdpx_members((tmp_path / "out.qdpx").read_bytes())["project.qde"])
    assert {v.get("name"): v.get("typeOfVariable") for v in root.iter(P + "Variable")} == {
        n: k for n, (k, _, _) in vars_.items()}
    got = {vv[1].tag.split("}")[1]: vv[1].text for vv in root.iter(P + "VariableValue")}
    assert got == {"FloatValue": "34", "DateTimeValue": "2024-03-01T00:00:00", "IntegerValue": "7",
                   "DateValue": "2024-03-01"}
    pd.testing.assert_frame_equal(import_qdpx(tmp_path / "out.qdpx").corpus.respondents, p.corpus.respondents)
