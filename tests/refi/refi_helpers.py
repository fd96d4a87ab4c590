"""Shared helpers for the REFI-QDA tests (imported by name: tests/refi is on sys.path).

Corpora and codings are built by hand (no spaCy). The schemas and ATLAS.ti samples are read
from ../shared/refi beside the checkout; tests that need them skip when it is absent.
"""
from __future__ import annotations

import functools
import io
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from lxml import etree

from qualkit.codebook.io import loads
from qualkit.types import Corpus, Segment

REFI = Path(__file__).parents[2].parent / "shared" / "refi"


def refi_file(name: str) -> Path:
    """A file under ../shared/refi; the test is skipped when it is absent."""
    p = REFI / name
    if not p.exists():
        pytest.skip(f"REFI reference file {p} not available (../shared/refi beside the checkout)")
    return p


@functools.cache
def _schema(name: str) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(REFI / name)))


README_TEXT = "Eén ding: we hebben meer personeel nodig."

CODEBOOK_YAML = """
name: werkdruk
version: "1.2"
language: nl
description: Codes voor open antwoorden over werkdruk.
codes:
  - id: personeel
    label: Meer personeel
    description: Noemt te weinig collega's of vraagt om extra mensen.
    colour: "#1f77b4"
    questions: [Q23]
    include:
      - lemma: [personeel, collega]
        compound: true
      - phrase: meer mensen
    exclude:
      - regex: "personeelsfeest"
    examples:
      match: ["We hebben meer personeel nodig."]
      no_match: ["Het personeelsfeest was leuk."]
  - id: organisatie
    label: Organisatie
  - id: planning
    label: Planning en roosters
    parent: organisatie
    negation: false
    include:
      - glob: rooster*
  - id: overleg
    label: Overleg
    parent: organisatie
    colour: "#FFAA00"
    include:
      - lemma: vergadering
        negation: false
"""


def validate(schema_name: str, xml: bytes) -> None:
    """Assert ``xml`` is valid against ``Project.xsd`` or ``Codebook.xsd``, showing the schema's errors."""
    refi_file(schema_name)
    schema = _schema(schema_name)
    doc = etree.fromstring(xml)
    if not schema.validate(doc):
        raise AssertionError("\n".join(str(e) for e in schema.error_log))


def qdpx_members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


PROJECT_XSD = "Project.xsd"
CODEBOOK_XSD = "Codebook.xsd"


def make_zip(path: Path, members: dict[str, bytes | str]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data.encode("utf-8") if isinstance(data, str) else data)
    return path


def make_codebook():
    return loads(CODEBOOK_YAML)


def make_survey():
    """Three respondents, two open questions, closed variables of every REFI type."""
    answers = {
        "R1/Q23": README_TEXT,
        "R1/Q24": "Roosters 😀 kloppen niet.\r\nEn de vergadering duurt te lang.",
        "R2/Q23": "\ufeffGeen idee.",
        "R3/Q23": "Collega's zijn ziek; personeelstekort.",
    }
    segs = [Segment(t, d, 0, len(t), d.split("/")[0], d.split("/")[1], "enquete.csv") for d, t in answers.items()]
    respondents = pd.DataFrame(
        {"afdeling": ["zorg", "ICT", None], "leeftijd": [34, 51, 29], "uren": [32.5, 40.0, float("nan")],
         "leidinggevende": [True, False, True],
         "start": pd.to_datetime(["2020-01-15", "2018-09-01", None])},
        index=pd.Index(["R1", "R2", "R3"], name="unit_id"))
    return Corpus(segs, answers, respondents, ["Q23", "Q24"], "survey",
                  labels={"Q23": "Wat kan beter?", "Q24": "Nog iets?"}, sources=["enquete.csv"])


def make_survey_codings():
    return pd.DataFrame([
        {"unit_id": "R1", "question": "Q23", "speaker": "", "doc_id": "R1/Q23", "segment": 0,
         "unit_start": 0, "unit_end": len(README_TEXT), "match_start": 20, "match_end": 34,
         "matched": "meer personeel", "match_spans": "20-34", "code": "personeel", "rule": "personeel include[0] lemma:personeel",
         "method": "rule", "confidence": 1.0, "coder": "qualkit"},
        {"unit_id": "R1", "question": "Q24", "speaker": "", "doc_id": "R1/Q24", "segment": 1,
         "unit_start": 0, "unit_end": 24, "match_start": 0, "match_end": 8, "matched": "Roosters", "match_spans": "0-8",
         "code": "planning", "rule": "planning include[0] glob:rooster*", "method": "rule",
         "confidence": 1.0, "coder": "qualkit"},
        {"unit_id": "R1", "question": "Q24", "speaker": "", "doc_id": "R1/Q24", "segment": 1,
         "unit_start": 26, "unit_end": 58, "match_start": 32, "match_end": 43, "matched": "vergadering", "match_spans": "32-43",
         "code": "overleg", "rule": "model: vergadering (0.81)", "method": "model",
         "confidence": 0.81, "coder": "qualkit"},
        {"unit_id": "R3", "question": "Q23", "speaker": "", "doc_id": "R3/Q23", "segment": 3,
         "unit_start": 0, "unit_end": 38, "match_start": 0, "match_end": 38,
         "matched": "Collega's zijn ziek; personeelstekort.", "match_spans": "", "code": "personeel", "rule": "",
         "method": "human", "confidence": float("nan"), "coder": "Anna"},
    ])


def make_transcript():
    """One interview with speaker turns, Windows line ends and an emoji."""
    text = "I: Hoe gaat het op het werk?\r\nR: Druk 😅, er is te weinig personeel.\r\nI: En de roosters?\r\n"
    turns, pos = [], 0
    for line in text.split("\r\n")[:-1]:
        speaker = line[0]
        turns.append(Segment(line[3:], "int01", pos + 3, pos + len(line), "int01", "interview", "int01.docx",
                             speaker=speaker, coded=speaker != "I"))
        pos += len(line) + 2
    respondents = pd.DataFrame({"functie": ["verpleegkundige"]}, index=pd.Index(["int01"], name="unit_id"))
    return Corpus(turns, {"int01": text}, respondents, ["interview"], "transcript", sources=["int01.docx"])
