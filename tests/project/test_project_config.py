"""The project file: validation reports every problem at once, with numbers."""
from __future__ import annotations

import pytest

from qualkit.errors import ProjectError
from qualkit.project import load_project, loads_project, starter_text, write_starter


@pytest.fixture
def root(tmp_path):
    for name in ("cb.yaml", "a.csv", "b.csv", "c.xlsx"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    return tmp_path


def load(root, text):
    return loads_project(text, root / "qualkit.yaml")


def test_minimal_project_and_defaults(root):
    p = load(root, "codebook: cb.yaml\nquestions: Q1\nwaves: [{name: 2026, inputs: '*.csv'}]\n")
    assert p.name == root.name and p.questions == ["Q1"] and p.outputs == root / "out"
    assert p.waves[0].name == "2026" and [f.name for f in p.waves[0].inputs] == ["a.csv", "b.csv"]
    assert p.scale.engine == "local" and p.xlsx and p.segments and p.seed == 0
    assert p.codebook_for(p.waves[0]) == root / "cb.yaml" and p.rel(root / "a.csv") == "a.csv"


def test_every_problem_reported_at_once(root):
    text = """
codebok: cb.yaml
questions: []
breakdowns: regio
outputs: {folder: out, xlsx: maybe}
scale: {engine: spark}
waves:
  - {name: "2026", inputs: [missing.csv], rename: {A: Q1, B: Q1}}
  - {name: "2026", inputs: [a.csv]}
  - {name: comparison, inputs: ["nothing-*.csv"]}
"""
    with pytest.raises(ProjectError) as e:
        load(root, text)
    err = e.value
    assert err.code == 703
    msg = str(err)
    for needle in ("[QK747] qualkit.yaml: unknown key 'codebok'. Did you mean 'codebook'?",
                   "[QK709] qualkit.yaml: 'questions' is missing or empty.",
                   "[QK708] qualkit.yaml, outputs: 'xlsx' must be true or false.",
                   "[QK760] qualkit.yaml, scale: engine 'spark' is not known.",
                   "[QK750] qualkit.yaml, wave '2026', inputs: file 'missing.csv' not found",
                   "[QK706] qualkit.yaml, wave '2026', rename: 2 columns are renamed to 'Q1'.",
                   "[QK751] qualkit.yaml, waves[1]: wave name '2026' is used twice.",
                   "[QK705] qualkit.yaml, waves[2]: wave name 'comparison' is missing or unusable",
                   "[QK749] qualkit.yaml, wave 'waves[2]', inputs: no file matches 'nothing-*.csv'",
                   "[QK748] qualkit.yaml: no codebook for wave(s) '2026', '2026', 'waves[2]'. Add"):
        assert needle in msg, needle
    assert msg.startswith("[QK703] ") and msg.count("\n  - ") == 10


def test_single_problem_keeps_its_own_number(root):
    with pytest.raises(ProjectError, match=r"^\[QK704\] qualkit.yaml, codebook: codebook 'nope.yaml' not found"):
        load(root, "codebook: nope.yaml\nquestions: [Q1]\nwaves: [{name: a, inputs: [a.csv]}]\n")
    with pytest.raises(ProjectError, match=r"^\[QK710\] .*unsupported type '.yaml'"):
        load(root, "codebook: cb.yaml\nquestions: [Q1]\nwaves: [{name: a, inputs: [cb.yaml]}]\n")


def test_outputs_must_not_hold_inputs(root):
    with pytest.raises(ProjectError, match=r"^\[QK756\] .*folder '.' holds"):
        load(root, "codebook: cb.yaml\nquestions: [Q1]\noutputs: .\nwaves: [{name: a, inputs: [a.csv]}]\n")


@pytest.mark.parametrize("text, code, needle", [
    ("", 731, "file is empty"),
    ("waves: [unclosed", 206, "invalid YAML"),
    ("- just a list", 732, "top level must be a mapping"),
    ("codebook: cb.yaml\nquestions: [Q1]\nwaves: []\n", 707, "'waves' must be a non-empty list"),
    ("codebook: cb.yaml\nquestions: [Q1]\nwaves: [{name: a, inputs: [a.csv], rename: [x]}]\n", 752, "'rename' must map"),
])
def test_file_level_errors(root, text, code, needle):
    with pytest.raises(ProjectError) as e:
        load(root, text)
    assert e.value.code == code and needle in str(e.value)


def test_find_and_load_from_disk(root, monkeypatch):
    with pytest.raises(ProjectError, match=r"^\[QK701\] .*project file not found. Create one with 'qualkit init'"):
        load_project(root)
    (root / "qualkit.yaml").write_bytes(b"\xff\xfe")
    with pytest.raises(ProjectError, match=r"^\[QK702\] .*not UTF-8"):
        load_project(root)
    (root / "qualkit.yaml").write_text("codebook: cb.yaml\nquestions: [Q1]\nwaves: [{name: a, inputs: [a.csv]}]\n")
    monkeypatch.chdir(root)
    assert load_project().waves[0].inputs == [root / "a.csv"]
    assert len(load_project(root).sha256) == 64


def test_starter_files(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    written = write_starter()
    assert written.name == "qualkit.yaml" and "# qualkit project file" in written.read_text(encoding="utf-8")
    with pytest.raises(ProjectError, match=r"^\[QK711\] qualkit.yaml: already exists. Pass --force"):
        write_starter()
    (tmp_path / "corpora").mkdir()
    (tmp_path / "codebooks").mkdir()
    for f in ("corpora/ocmw-werkdruk-2026.csv", "corpora/ocmw-werkdruk-2027.csv", "codebooks/werkdruk.yaml"):
        (tmp_path / f).write_text("x", encoding="utf-8")
    demo = write_starter(tmp_path / "projects", demo=True)     # a folder, created
    assert demo == tmp_path / "projects" / "qualkit.yaml"
    p = load_project(demo)
    assert [w.name for w in p.waves] == ["2026", "2027"] and p.questions == ["Q23", "Q24", "Q25"]
    assert p.waves[0].inputs == [tmp_path / "corpora/ocmw-werkdruk-2026.csv"]
    assert p.breakdowns == ["admin_uren"] and p.waves[1].id_column == "respondent"
    assert "../corpora/" in starter_text(demo=True, base="projects")
