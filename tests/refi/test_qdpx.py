"""REFI-QDA projects: export validates, offsets are exact, round trips keep corpus and codings."""
from __future__ import annotations

import math
import string

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from refi_helpers import (PROJECT_XSD, README_TEXT, make_codebook, make_survey, make_survey_codings,
                          make_transcript, qdpx_members, validate)
from qualkit.codebook.io import dumps, loads
from qualkit.errors import RefiError
from qualkit.refi import code_guid, export_qdpx, import_qdpx, qdpx_bytes
from qualkit.types import CODING_COLUMNS, Corpus, Segment

NS = {"p": "urn:QDA-XML:project:1.0"}
KEY = ["unit_id", "doc_id", "unit_start", "unit_end", "code", "coder"]


def _rows(frame):
    return sorted(frame[KEY].itertuples(index=False, name=None))


def test_readme_example_offsets(tmp_path):
    codebook = make_codebook()
    corpus = Corpus([Segment(README_TEXT, "R1/Q23", 0, 41, "R1", "Q23", "s.csv")], {"R1/Q23": README_TEXT},
                    pd.DataFrame(index=pd.Index(["R1"], name="unit_id")), ["Q23"], "survey")
    codings = pd.DataFrame([{"unit_id": "R1", "doc_id": "R1/Q23", "unit_start": 20, "unit_end": 34,
                             "code": "personeel", "method": "rule", "rule": "personeel include[0]"}])
    path = tmp_path / "readme.qdpx"
    export_qdpx(corpus, codings, codebook, path)
    members = qdpx_members(path.read_bytes())
    validate(PROJECT_XSD, members["project.qde"])
    root = etree.fromstring(members["project.qde"])
    src = root.find("p:Sources/p:TextSource", NS)
    g = src.get("guid")
    assert src.get("plainTextPath") == f"internal://{g}.txt"
    assert members[f"sources/{g}.txt"] == README_TEXT.encode("utf-8")  # UTF-8, no BOM
    sel = src.find("p:PlainTextSelection", NS)
    assert (sel.get("startPosition"), sel.get("endPosition")) == ("20", "34")
    assert sel.find("p:Coding/p:CodeRef", NS).get("targetGUID") == code_guid(codebook, "personeel")
    assert "qualkit rule: personeel include[0]" in sel.find("p:Description", NS).text
    user = root.find("p:Users/p:User", NS)
    assert user.get("name") == "qualkit" and sel.find("p:Coding", NS).get("creatingUser") == user.get("guid")
    back = import_qdpx(path)
    r = back.codings.iloc[0]
    assert back.corpus.documents[r.doc_id][r.unit_start:r.unit_end] == "meer personeel"
    assert (r.unit_start, r.unit_end, r.method, r.coder) == (20, 34, "rule", "qualkit")


def test_survey_project_structure(tmp_path):
    survey = make_survey()
    survey_codings = make_survey_codings()
    codebook = make_codebook()
    data = qdpx_bytes(survey, survey_codings, codebook, name="werkdruk-2024")
    assert data == qdpx_bytes(survey, survey_codings, codebook, name="werkdruk-2024")  # deterministic
    members = qdpx_members(data)
    assert sorted(members)[0] == "project.qde" and all(m.startswith("sources/") for m in sorted(members)[1:])
    assert len(members) == 1 + len(survey.documents)
    validate(PROJECT_XSD, members["project.qde"])
    root = etree.fromstring(members["project.qde"])
    assert [etree.QName(k).localname for k in root] == ["Users", "CodeBook", "Variables", "Cases", "Sources",
                                                        "Description"]
    assert [u.get("name") for u in root.findall("p:Users/p:User", NS)] == ["qualkit", "Anna"]
    types = {v.get("name"): v.get("typeOfVariable") for v in root.findall("p:Variables/p:Variable", NS)}
    assert types == {"afdeling": "Text", "leeftijd": "Integer", "uren": "Float", "leidinggevende": "Boolean",
                     "start": "Date"}
    cases = {c.get("name"): c for c in root.findall("p:Cases/p:Case", NS)}
    assert list(cases) == ["R1", "R2", "R3"]
    assert len(cases["R1"].findall("p:SourceRef", NS)) == 2
    assert len(cases["R3"].findall("p:VariableValue", NS)) == 2  # afdeling, uren and start are missing
    assert root.find("p:Sources/p:TextSource[@name='R2_Q23']", NS) is not None  # no '/' in names
    assert len(root.findall(".//p:PlainTextSelection", NS)) == 4
    codable = {c.get("name"): c.get("isCodable") for c in root.iter("{urn:QDA-XML:project:1.0}Code")}
    assert codable["Organisatie"] == "false" and codable["Meer personeel"] == "true"


def test_survey_round_trip(tmp_path):
    survey = make_survey()
    survey_codings = make_survey_codings()
    codebook = make_codebook()
    path = tmp_path / "s.qdpx"
    export_qdpx(survey, survey_codings, codebook, path)
    back = import_qdpx(path)
    assert back.problems == []
    c = back.corpus
    assert c.kind == "survey" and c.documents == survey.documents  # BOM-led text and \r\n kept exactly
    assert c.segments == survey.segments
    assert (c.questions, c.labels, c.sources) == (survey.questions, survey.labels, survey.sources)
    pd.testing.assert_frame_equal(c.respondents, survey.respondents, check_dtype=False)
    assert dumps(back.codebook) == dumps(codebook)
    assert list(back.codings.columns) == [*CODING_COLUMNS, "guid", "coding_guid", "note"]
    cols = [k for k in CODING_COLUMNS if k != "confidence"]
    got = back.codings.sort_values(["doc_id", "unit_start"]).reset_index(drop=True)
    want = survey_codings.sort_values(["doc_id", "unit_start"]).reset_index(drop=True)
    pd.testing.assert_frame_equal(got[cols], want[cols], check_dtype=False)
    assert got.confidence.tolist()[:3] == [1.0, 1.0, 0.81] and math.isnan(got.confidence[3])


def test_bom_led_document_is_written_with_a_bom():
    survey = make_survey()
    survey_codings = make_survey_codings()
    codebook = make_codebook()
    members = qdpx_members(qdpx_bytes(survey, survey_codings, codebook))
    texts = [v for k, v in members.items() if k.startswith("sources/")]
    assert sum(t.startswith(b"\xef\xbb\xbf\xef\xbb\xbf") for t in texts) == 1  # BOM + U+FEFF as content
    assert sum(t.startswith(b"\xef\xbb\xbf") for t in texts) == 1


def test_transcript_round_trip(tmp_path):
    transcript = make_transcript()
    codebook = make_codebook()
    text = transcript.documents["int01"]
    start = text.index("te weinig personeel")
    codings = pd.DataFrame([{"unit_id": "int01", "question": "interview", "speaker": "R", "doc_id": "int01",
                             "segment": 1, "unit_start": transcript.segments[1].start,
                             "unit_end": transcript.segments[1].end, "match_start": start,
                             "match_end": start + 19, "matched": "te weinig personeel", "code": "personeel",
                             "rule": "personeel include[0] lemma:personeel", "method": "rule",
                             "confidence": 1.0, "coder": "qualkit"}])
    path = tmp_path / "t.qdpx"
    export_qdpx(transcript, codings, codebook, path, user="Bram")
    validate(PROJECT_XSD, qdpx_members(path.read_bytes())["project.qde"])
    back = import_qdpx(path)
    assert back.corpus.kind == "transcript" and back.corpus.documents == transcript.documents
    assert back.corpus.segments == transcript.segments
    r = back.codings.iloc[0]
    assert text[r.match_start:r.match_end] == "te weinig personeel" and r.speaker == "R" and r.coder == "qualkit"


def test_export_errors_name_the_row(tmp_path):
    survey = make_survey()
    survey_codings = make_survey_codings()
    codebook = make_codebook()
    cases = [
        (survey_codings.assign(code=["personeel", "planning", "onbekend", "personeel"]), 511, "code 'onbekend'"),
        (survey_codings.assign(doc_id=["R1/Q23", "R9/Q23", "R1/Q24", "R3/Q23"]), 529, "document 'R9/Q23'"),
        (survey_codings.assign(unit_end=[41, 24, 58, 39]), 513, "'R3/Q23' (38 characters)"),
        (survey_codings.drop(columns=["code"]), 514, "no column(s) code"),
    ]
    for frame, code, text in cases:
        with pytest.raises(RefiError) as e:
            export_qdpx(survey, frame, codebook, tmp_path / "x.qdpx")
        assert e.value.code == code and text in str(e.value) and str(tmp_path / "x.qdpx") in str(e.value)
        assert "personeel nodig" not in str(e.value)
    assert not (tmp_path / "x.qdpx").exists()


def test_empty_codings_and_codebook_free_export(tmp_path):
    survey = make_survey()
    cb = loads("name: leeg\nversion: '1'\ncodes:\n  - id: a\n    label: A\n    include: [{lemma: a}]\n")
    cb.codes = []
    path = tmp_path / "e.qdpx"
    export_qdpx(survey, pd.DataFrame(columns=CODING_COLUMNS), cb, path)
    validate(PROJECT_XSD, qdpx_members(path.read_bytes())["project.qde"])
    back = import_qdpx(path)
    assert back.codings.empty and back.corpus.documents == survey.documents


# -- Hypothesis: coded project -> qdpx -> import ------------------------------------------------------

_CHARS = st.characters(blacklist_categories=("Cs",), blacklist_characters="\ufffe\uffff") | st.sampled_from(
    ["\r\n", "é", "😀", "\ufeff", "\n", "\u0301"])
_UNIT = st.text(string.ascii_letters + string.digits + "_-", min_size=1, max_size=6)


@st.composite
def projects(draw, codebook):
    kind = draw(st.sampled_from(["survey", "transcript"]))
    units = draw(st.lists(_UNIT, min_size=1, max_size=4, unique=True))
    docs = {}
    for u in units:
        for q in (["Q1", "Q2"][:draw(st.integers(1, 2))] if kind == "survey" else ["interview"]):
            docs[f"{u}/{q}" if kind == "survey" else u] = "".join(draw(st.lists(_CHARS, max_size=30)))
    segs = [Segment(t, d, 0, len(t), d.split("/")[0], d.split("/")[1] if "/" in d else "interview", "in.csv")
            for d, t in docs.items()]
    rows = []
    coders = ["qualkit", "Anna", "Bram"]
    for d, t in docs.items():
        for _ in range(draw(st.integers(0, 3))):
            s = draw(st.integers(0, len(t)))
            e = draw(st.integers(s, len(t)))
            rows.append({"unit_id": d.split("/")[0], "doc_id": d, "unit_start": s, "unit_end": e,
                         "code": draw(st.sampled_from(codebook.ids)), "coder": draw(st.sampled_from(coders)),
                         "method": draw(st.sampled_from(["rule", "model", "human"]))})
    resp = pd.DataFrame({"n": draw(st.lists(st.integers(-10**6, 10**6), min_size=len(units), max_size=len(units)))},
                        index=pd.Index(units, name="unit_id"))
    corpus = Corpus(segs, docs, resp, sorted({s.question for s in segs}), kind)
    return corpus, pd.DataFrame(rows, columns=["unit_id", "doc_id", "unit_start", "unit_end", "code", "coder",
                                               "method"])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_hypothesis_project_round_trip(data, tmp_path):
    codebook = make_codebook()
    corpus, codings = data.draw(projects(codebook))
    path = tmp_path / "p.qdpx"
    export_qdpx(corpus, codings, codebook, path)
    validate(PROJECT_XSD, qdpx_members(path.read_bytes())["project.qde"])
    back = import_qdpx(path)
    assert back.problems == []
    assert back.corpus.documents == corpus.documents
    assert back.corpus.segments == corpus.segments and back.corpus.kind == corpus.kind
    assert _rows(back.codings) == _rows(codings)
    assert sorted(back.codings.method) == sorted(codings.method)
    for r in back.codings.itertuples():
        assert 0 <= r.unit_start <= r.unit_end <= len(back.corpus.documents[r.doc_id])
