"""The REFI-QDA commands end to end on the bundled demo, with schema validation."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
from typer.testing import CliRunner

from qualkit.cli import app
from qualkit.codebook import dumps, load_codebook
from refi_helpers import qdpx_members, refi_file, validate

runner = CliRunner()
ROOT = Path(__file__).resolve().parents[2]
WERKDRUK = str(ROOT / "codebooks" / "werkdruk.yaml")
DEMO = [str(ROOT / "corpora" / "ocmw-werkdruk-2026.csv"), "-c", WERKDRUK, "-i", "respondent", "-q", "Q23", "-q", "Q24"]


def test_codebook_round_trip_via_cli(tmp_path):
    qdc, back = tmp_path / "w.qdc", tmp_path / "w.yaml"
    assert runner.invoke(app, ["codebook", "export", WERKDRUK, "-o", str(qdc)]).exit_code == 0
    validate("Codebook.xsd", qdc.read_bytes())
    res = runner.invoke(app, ["codebook", "import", str(qdc), "-o", str(back)])
    assert res.exit_code == 0, res.output
    assert dumps(load_codebook(back)) == dumps(load_codebook(WERKDRUK))


def test_project_export_import(tmp_path):
    qdpx, out = tmp_path / "demo.qdpx", tmp_path / "imp"
    res = runner.invoke(app, ["export", *DEMO, "-o", str(qdpx)])
    assert res.exit_code == 0, res.output
    validate("Project.xsd", qdpx_members(qdpx.read_bytes())["project.qde"])
    seg = tmp_path / "seg"
    assert runner.invoke(app, ["code", *DEMO, "-o", str(seg)]).exit_code == 0
    res = runner.invoke(app, ["import", str(qdpx), "-o", str(out)])
    assert res.exit_code == 0, res.output
    got = pd.read_csv(out / "codings.csv")
    want = pd.read_csv(seg / "segments.csv")
    key = ["unit_id", "question", "code", "unit_start", "unit_end"]
    assert sorted(map(tuple, got[key].astype(str).values)) == sorted(map(tuple, want[key].astype(str).values))
    assert set(got.coder) == {"qualkit"} and set(got.method) == {"rule"}
    assert "codings per coder: qualkit" in res.output


def test_atlas_sample_imports(tmp_path):
    res = runner.invoke(app, ["import", str(refi_file("atlas-sample-project.qdpx")), "-o", str(tmp_path / "a")])
    assert res.exit_code == 0, res.output
    assert "manual: true" in res.output and "3 codes" in res.output


def test_errors(tmp_path):
    bad = tmp_path / "bad.qdpx"
    bad.write_bytes(b"not a zip")
    res = runner.invoke(app, ["import", str(bad)])
    assert res.exit_code == 1 and res.output.startswith("Error: [QK502]"), res.output
    res = runner.invoke(app, ["codebook", "export", WERKDRUK, "-o", str(tmp_path / "x.qdc"), "--format", "nvp"])
    assert res.exit_code == 1 and "Error: [QK520] unknown codebook format 'nvp'. Use: qdc." in res.output
    assert not (tmp_path / "qualkit-import").exists()
