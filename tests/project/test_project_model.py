"""A project file's `model:` codes every wave with a learned coder from `qualkit learn`."""
from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from qualkit.cli import app
from qualkit.project import load_project, run_project

ROOT = Path(__file__).resolve().parents[2]
runner = CliRunner()


def test_project_with_learned_model(tmp_path):
    model = tmp_path / "coder"
    res = runner.invoke(app, ["learn", str(ROOT / "corpora" / "ocmw-werkdruk-2026-groundtruth.csv"),
                              "--corpus-input", str(ROOT / "corpora" / "ocmw-werkdruk-2026.csv"), "-i", "respondent",
                              "-q", "Q23", "-q", "Q24", "--codebook", str(ROOT / "codebooks" / "werkdruk.yaml"),
                              "--cv", "2", "--out", str(model)])
    assert res.exit_code == 0, res.output
    (tmp_path / "qualkit.yaml").write_text(f"""
name: t
codebook: {ROOT / 'codebooks' / 'werkdruk.yaml'}
model: coder
questions: [Q23, Q24]
outputs: {{folder: out}}
waves:
  - name: "2027"
    inputs: [{ROOT / 'corpora' / 'ocmw-werkdruk-2027.csv'}]
    id_column: respondent
""", encoding="utf-8")
    run = run_project(load_project(tmp_path / "qualkit.yaml"))
    codings = run.waves["2027"].result.codings
    assert set(codings.method) <= {"model", "rule"} and "model" in set(codings.method)
    assert codings.confidence.between(0, 1).all()
    assert run.manifest["model"]["path"] == "coder" and "model.json" in run.manifest["model"]["sha256"]
    res = runner.invoke(app, ["run", str(tmp_path / "qualkit.yaml"), "--engine", "stream"])
    assert res.exit_code == 1 and "Error: [QK737] the learned model coder codes with engine 'local' only." in res.output
