"""A project of transcripts: no ``questions`` needed, and ``skip_speakers`` leaves the chair
of real parliament discussions (``Voorzitter``) uncoded, as ``--skip-speaker`` does."""
from __future__ import annotations

import json

import pandas as pd
import pytest

from conftest import shared
from qualkit.errors import ProjectError
from qualkit.project import load_project, run_project

CODEBOOK = """
name: kamer
version: "1"
codes:
  - id: begroting
    label: Begroting
    include: [{lemma: [begroting, belasting], compound: true}]
"""


@pytest.fixture
def kamer_project(tmp_path):
    rows = [json.loads(line) for line in
            shared("nl-be-kamer-plenary-qa", "plenary_questions_dutch.jsonl").read_text(encoding="utf-8").splitlines()]
    picked = [r for r in rows if any(t["speaker"] == "Voorzitter" for t in r["turns"])][-12:]
    (tmp_path / "kamer.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in picked),
                                          encoding="utf-8")
    (tmp_path / "kamer.yaml").write_text(CODEBOOK, encoding="utf-8")
    chair = sum(t["speaker"] == "Voorzitter" for r in picked for t in r["turns"])
    return tmp_path, chair


def write(folder, extra=""):
    (folder / "qualkit.yaml").write_text(f"name: kamer\ncodebook: kamer.yaml\n{extra}waves:\n"
                                         "  - {name: '2025', inputs: [kamer.jsonl]}\n", encoding="utf-8")
    return folder / "qualkit.yaml"


def test_transcript_project_skips_the_chair(kamer_project):
    folder, chair = kamer_project
    project = load_project(write(folder, "skip_speakers: ['Voorz*']\n"))
    assert project.questions == ["interview"] and project.skip_speakers == ["Voorz*"]
    run_project(project)
    speakers = pd.read_csv(folder / "out" / "2025" / "speakers.csv").set_index("speaker")
    assert speakers.loc["Voorzitter", "turns"] == 0 and speakers.loc["Voorzitter", "skipped"] == chair > 0
    manifest = json.loads((folder / "out" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["settings"]["skip_speakers"] == ["Voorz*"]


def test_skip_speakers_must_be_names(kamer_project):
    folder, _ = kamer_project
    with pytest.raises(ProjectError, match=r"\[QK761\] .*skip_speakers: must be a list of names, for example \[Voorzitter"):
        load_project(write(folder, "skip_speakers: {Voorzitter: yes}\n"))


def test_a_survey_project_still_needs_its_questions(tmp_path):
    (tmp_path / "kamer.yaml").write_text(CODEBOOK, encoding="utf-8")
    (tmp_path / "w.csv").write_text("id,Q1\n1,Meer begroting.\n", encoding="utf-8")
    (tmp_path / "qualkit.yaml").write_text("codebook: kamer.yaml\nwaves:\n  - {name: a, inputs: [w.csv], id_column: id}\n",
                                           encoding="utf-8")
    with pytest.raises(ProjectError, match=r"\[QK709\]"):
        load_project(tmp_path / "qualkit.yaml")


def test_run_of_a_transcript_project_counts_turns(kamer_project):
    from typer.testing import CliRunner

    from qualkit.cli import app

    folder, chair = kamer_project
    write(folder, "skip_speakers: [Voorzitter]\n")
    res = CliRunner().invoke(app, ["run", str(folder / "qualkit.yaml"), "--quiet"])
    assert res.exit_code == 0, res.output
    line = next(x for x in res.output.splitlines() if x.startswith("wave 2025: "))
    coded = int(pd.read_csv(folder / "out" / "2025" / "speakers.csv").turns.sum())
    assert line.startswith(f"wave 2025: {coded} turns ({coded} coded, 0 from the cache"), line
    assert "answer" not in line
