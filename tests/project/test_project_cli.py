"""``qualkit init``, ``run`` and ``waves``: help, the whole job, exact errors."""
from __future__ import annotations

import pytest
from project_helpers import SECRET, make_project
from typer.testing import CliRunner

import qualkit.cli.project  # noqa: F401  (registers the commands until qualkit.cli imports it)
from qualkit.cli import app

runner = CliRunner()


@pytest.mark.parametrize("command", ["init", "run", "waves"])
def test_help(command):
    res = runner.invoke(app, [command, "--help"])
    assert res.exit_code == 0 and "Usage" in res.output


def test_run_and_waves_end_to_end(tmp_path):
    path = make_project(tmp_path)
    res = runner.invoke(app, ["run", str(path)])
    assert res.exit_code == 0, res.output
    out = res.stdout
    assert "Q1\n% of respondents who answered, wave A (n = 200) -> wave B (n = 200)\n" in out
    assert "   personeel   20.0 (15–26)   60.0 (53–67)   +40.0 (+31 to +48)   <.001***" in out
    assert " uitval                        10.0 (7–15)                        new code" in out
    # 200 respondents x 2 questions; repeated texts are coded once
    assert "wave A: 400 answers (110 coded, 0 from the cache, 290 the same as an earlier answer (coded once))" in out
    assert "wave B:" in out and "-> out/B/" in out and "Manifest: out/manifest.json" in out
    assert "Note: wave 'B' is coded with codebook version 2.0 (sha256 " in res.stderr
    assert SECRET not in res.output
    again = runner.invoke(app, ["run", str(path), "--quiet"])
    assert again.exit_code == 0 and "% of respondents" not in again.stdout
    assert "wave A: 400 answers (0 coded, 400 from the cache)" in again.stdout
    res = runner.invoke(app, ["waves", str(path), "--check"])
    assert res.exit_code == 0, res.output
    assert "up to date" in res.stdout and "Every input and table matches the last manifest (" in res.stdout
    with open(tmp_path / "b.csv", "a", encoding="utf-8") as f:
        f.write("B9999;Noord;Meer personeel.;\n")
    res = runner.invoke(app, ["waves", str(path), "--check"])
    assert res.exit_code == 1
    assert "inputs changed" in res.stdout
    assert res.stderr.startswith("Error: [QK724] 1 file(s) differ from the last manifest.")
    assert "  wave 'B': input b.csv has changed." in res.stderr


def test_init_demo_then_exists(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    res = runner.invoke(app, ["init", "--demo"])
    assert res.exit_code == 0 and "Wrote qualkit.yaml" in res.stdout
    assert "corpora/ocmw-werkdruk-2026.csv" in (tmp_path / "qualkit.yaml").read_text(encoding="utf-8")
    assert "not found here; run 'python corpora/make_demo.py'" in res.stderr
    res = runner.invoke(app, ["init"])
    assert res.exit_code == 1
    assert res.stderr == "Error: [QK711] qualkit.yaml: already exists. Pass --force to overwrite it, or choose another path.\n"
    assert runner.invoke(app, ["init", "--force"]).exit_code == 0


@pytest.mark.parametrize("args, message", [
    (["run", "nowhere.yaml"], "Error: [QK701] nowhere.yaml: project file not found."),
    (["run", "{p}", "--engine", "spark"], "Error: [QK736] engine 'spark' is not known."),
    (["run", "{p}", "--scheduler", "tcp://x:1"], "Error: [QK714] a scheduler address needs engine 'dask'."),
    (["waves", "{p}", "--check"], "Error: [QK721] out/manifest.json: no manifest yet."),
])
def test_errors(tmp_path, monkeypatch, args, message):
    path = make_project(tmp_path, n=20)
    monkeypatch.chdir(tmp_path)
    res = runner.invoke(app, [a.replace("{p}", path.name) for a in args])
    assert res.exit_code == 1 and res.stderr.startswith(message), res.stderr
