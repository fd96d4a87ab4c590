"""The waves display on the demo waves: bases per wave, wave and input names in full,
the run summary in words."""
from __future__ import annotations

import shutil
from pathlib import Path

from typer.testing import CliRunner

from qualkit.cli import app

runner = CliRunner()
ROOT = Path(__file__).resolve().parents[2]


def demo_project(tmp_path: Path, names: dict[str, str]) -> Path:
    for wave, name in names.items():
        shutil.copy(ROOT / "corpora" / f"ocmw-werkdruk-{wave}.csv", tmp_path / name)
    shutil.copy(ROOT / "codebooks" / "werkdruk.yaml", tmp_path / "werkdruk.yaml")
    waves = "".join(f'  - name: "{w}"\n    inputs: [{n}]\n    id_column: respondent\n' for w, n in names.items())
    (tmp_path / "qualkit.yaml").write_text("name: ocmw-werkdruk\ncodebook: werkdruk.yaml\nquestions: [Q23]\n"
                                          "outputs: out\nwaves:\n" + waves, encoding="utf-8")
    return tmp_path / "qualkit.yaml"


def test_demo_waves_bases_names_and_summary(tmp_path):
    path = demo_project(tmp_path, {"2026": "ocmw-werkdruk-2026.csv", "2027": "ocmw-werkdruk-2027.csv"})
    res = runner.invoke(app, ["run", str(path)])
    assert res.exit_code == 0, res.output
    assert "% of respondents who answered, wave 2026 (n = 134) -> wave 2027 (n = 120)" in res.stdout
    lines = res.stdout.splitlines()
    head = next(i for i, line in enumerate(lines) if line.split()[:2] == ["2026", "2027"])
    assert lines[head + 1].split()[:7] == ["code", "n", "=", "134", "n", "=", "120"]
    assert ("wave 2026: 134 answers (130 coded, 0 from the cache, 4 the same as an earlier answer (coded once)), "
            "173 codings") in res.stdout
    res = runner.invoke(app, ["waves", str(path)])
    assert res.exit_code == 0, res.output
    rows = [line.split() for line in res.stdout.splitlines()]
    assert ["2026", "ocmw-werkdruk-2026.csv", "werkdruk-ocmw"] == rows[4][:3]
    assert ["2027", "ocmw-werkdruk-2027.csv", "werkdruk-ocmw"] == rows[6][:3]
    assert "wave 2026 (n = 134) -> wave 2027 (n = 120)" in res.stdout      # the last comparison, with its bases


def test_long_input_names_are_listed_in_full(tmp_path):
    names = {"2026": "ocmw-werkdruk-2026-najaarsbevraging-sociale-dienst.csv",
             "2027": "ocmw-werkdruk-2027-najaarsbevraging-sociale-dienst.csv"}
    res = runner.invoke(app, ["waves", str(demo_project(tmp_path, names))])
    assert res.exit_code == 0, res.output
    for wave, name in names.items():
        assert f"inputs of {wave}: {name}\n" in res.stdout
