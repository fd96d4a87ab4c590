"""`qualkit themes` end to end on the demo, and its error path."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
from typer.testing import CliRunner

from qualkit.cli import app
from qualkit.codebook import loads

ROOT = Path(__file__).resolve().parents[2]
runner = CliRunner()


def test_themes_on_demo_leftovers(tmp_path):
    out = tmp_path / "themes"
    res = runner.invoke(app, ["themes", str(ROOT / "corpora" / "ocmw-werkdruk-2026.csv"), "-c",
                              str(ROOT / "codebooks" / "werkdruk.yaml"), "-i", "respondent", "-q", "Q23", "-q", "Q24",
                              "-q", "Q25", "--min-topic-size", "5", "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert "themes (leftovers)" in res.output
    themes = pd.read_csv(out / "themes.csv")
    assert len(themes) >= 2
    stubs = (out / "code_stubs.yaml").read_text(encoding="utf-8")
    assert loads(stubs).codes                     # the stubs file is itself a valid codebook
    assert "<script src=" not in (out / "themes.html").read_text(encoding="utf-8")  # offline plot


def test_too_few_answers(tmp_path):
    p = tmp_path / "small.csv"
    pd.DataFrame({"id": range(12), "Q1": ["Meer personeel en minder papierwerk."] * 12}).to_csv(p, index=False)
    res = runner.invoke(app, ["themes", str(p), "-i", "id", "-q", "Q1", "-o", str(tmp_path / "o")])
    assert res.exit_code == 1
    assert res.output.strip().startswith("Error: [QK320]"), res.output
    assert "Meer personeel" not in res.output
    assert not (tmp_path / "o").exists()
