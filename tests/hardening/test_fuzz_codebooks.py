"""Fuzz: YAML codebooks, REFI .qdc codebooks and .qdpx projects give a result or a [QK] error.

A codebook that loads must also dump and load back to the same codebook, and
code a short text without an error other than a [QK] one.
"""
from __future__ import annotations

import functools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hardening_cases import HOSTILE_VALUES
from hardening_corpus import qdc_seeds, qdpx_seeds, yaml_seeds
from hardening_fuzz import FUZZ, run_case, text_cases, write_case, zip_cases
from hardening_generate import generated_codebooks
from qualkit.codebook.io import dumps, load, loads, to_dict
from qualkit.refi import import_qdpx, read_qdc

pytest_plugins = ["hardening_plugin"]
TEXT = "Meer personeel en minder vergaderingen. Geen idee! De roosters zijn 3x gewijzigd; dossierlast++."


@pytest.fixture(scope="module")
def work(tmp_path_factory):
    return tmp_path_factory.mktemp("fuzz-codebooks")


@functools.cache
def _pipeline(lang: str):
    from qualkit.nlp import load_pipeline

    return load_pipeline(lang)


def _code(cb):
    """Round trip, then code one short answer (a codebook that loads is used next)."""
    import pandas as pd

    from qualkit import code_corpus
    from qualkit.types import Corpus, Segment

    assert to_dict(loads(dumps(cb))) == to_dict(cb)
    corpus = Corpus([Segment(TEXT, "R1/Q1", 0, len(TEXT), "R1", "Q1", "x.csv")], {"R1/Q1": TEXT},
                    pd.DataFrame(index=pd.Index(["R1"], name="unit_id")), ["Q1"], "survey")
    return code_corpus(corpus, cb, _pipeline(cb.language))


@FUZZ
@given(case=text_cases(yaml_seeds()))
def test_fuzz_yaml_codebook(work, case):
    describe = case.describe
    path = write_case(work, case.seed.name, case.data)
    cb = run_case("codebook yaml", lambda: load(path), describe)
    if not isinstance(cb, Exception):
        run_case("codebook yaml: coding", lambda: _code(cb), describe)


@FUZZ
@given(data=generated_codebooks())
def test_fuzz_generated_codebooks(data):
    """Codebook-shaped data with any value anywhere: a CodebookError or a codebook that round-trips and codes."""
    import yaml

    text = yaml.safe_dump(data, allow_unicode=True)
    cb = run_case("codebook (generated)", lambda: loads(text), f"generated codebook {text[:3000]!r}")
    if not isinstance(cb, Exception):
        run_case("codebook (generated): coding", lambda: _code(cb), f"generated codebook {text[:3000]!r}")


@FUZZ
@given(case=text_cases(qdc_seeds()))
def test_fuzz_qdc(work, case):
    describe = case.describe
    path = write_case(work, case.seed.name, case.data)
    run_case("refi qdc", lambda: read_qdc(path), describe)


def project_ok(p) -> None:
    for s in p.corpus.segments:
        assert p.corpus.documents[s.doc_id][s.start:s.end] == s.text or s.text, s.doc_id


@FUZZ
@given(case=zip_cases(qdpx_seeds()))
def test_fuzz_qdpx_members(work, case):
    describe = case.describe
    path = write_case(work, case.seed.name, case.data)
    run_case("refi qdpx", lambda: import_qdpx(path), describe, project_ok)


def _project_seeds():
    from hardening_corpus import ROOT, Seed

    try:
        from qualkit.project.starter import starter_text
    except ImportError:
        return ()
    return (Seed("qualkit.yaml", starter_text(demo=True, base=ROOT).encode("utf-8")),
            Seed("qualkit.yaml", starter_text(base=ROOT).encode("utf-8")))


@FUZZ
@given(case=text_cases(_project_seeds()))
def test_fuzz_project_file(work, case):
    """A project file (qualkit.yaml): a project or a [QK] error."""
    from qualkit.project.config import loads_project

    from hardening_corpus import ROOT

    text = case.data.decode("utf-8", "replace")
    # known, reported: a path over the file system's name limit raises OSError ENAMETOOLONG from Path.exists()
    run_case("project yaml", lambda: loads_project(text, ROOT / "qualkit.yaml"), case.describe)


@FUZZ
@given(data=generated_codebooks(), value=st.sampled_from(HOSTILE_VALUES), key=st.sampled_from(
    ["version", "name", "label", "description", "window", "id", "lemma", "parent", "colour"]))
def test_fuzz_hostile_values_in_codebooks(data, value, key):
    """A hand-made hostile value (huge integer, impossible date, markup, formula) put in place of any
    key's value in generated codebook text: a codebook or a [QK] error."""
    import re

    import yaml

    text = yaml.safe_dump(data, allow_unicode=True)
    text = re.sub(rf"(^|\n)(\s*-?\s*{key}:) [^\n]*", lambda m: f"{m.group(1)}{m.group(2)} {value.decode()}", text,
                  count=1)
    run_case("codebook (hostile values)", lambda: loads(text), f"generated codebook {text[:3000]!r}")
