"""Every command's help, the whole job end to end, and the exact error on each path."""
from __future__ import annotations

import json

import pandas as pd
import pytest
import typer
from typer.testing import CliRunner

from qualkit.cli import app

runner = CliRunner()
SECRET = "GEHEIM-antwoord-Jansen"

CODEBOOK = """
name: t
version: "1.0"
codes:
  - id: personeel
    label: Meer personeel
    include: [{lemma: personeel, compound: true}]
    examples: {match: [Meer personeel.], no_match: [Geen extra personeel nodig.]}
  - id: admin
    label: Minder administratie
    include: [{lemma: administratie, compound: true}]
"""


def commands(group, prefix=()):
    for name, cmd in group.commands.items():
        yield (*prefix, name), cmd
        if getattr(cmd, "commands", None):
            yield from commands(cmd, (*prefix, name))


def test_every_command_has_help():
    root = typer.main.get_command(app)
    names = []
    for path, cmd in commands(root):
        assert (cmd.help or "").strip(), f"command {' '.join(path)} has no help text"
        res = runner.invoke(app, [*path, "--help"])
        assert res.exit_code == 0, path
        names.append(" ".join(path))
    assert {"code", "ingest", "codebook check", "codebook export", "codebook import", "export", "import", "report",
            "themes", "agree", "learn", "init", "run", "waves"} <= set(names)


@pytest.fixture
def survey(tmp_path):
    df = pd.DataFrame({
        "id": ["R1", "R2", "R3", "R4", "R5"],
        "admin_uren": ["<10u", ">20u", ">20u", "<10u", ">20u"],
        "Q23": ["Meer personeel aub.", "Minder administratielast!", f"Geen extra personeel nodig. {SECRET}", "  ", "Personeelstekort en administratie."],
    })
    p = tmp_path / "survey.csv"
    df.to_csv(p, index=False, sep=";", encoding="utf-8-sig")
    cb = tmp_path / "cb.yaml"
    cb.write_text(CODEBOOK, encoding="utf-8")
    return p, cb


def test_code_end_to_end(survey, tmp_path):
    p, cb = survey
    out = tmp_path / "out"
    res = runner.invoke(app, ["code", str(p), "-c", str(cb), "-i", "id", "-q", "Q23", "--by", "admin_uren", "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert "Q23\n% of respondents who answered (n = 4), with 95% Wilson interval" in res.output
    assert {f.name for f in out.iterdir()} - {".qualkit-output"} == {
        "frequencies.csv", "crosstab_admin_uren.csv", "crosstab_admin_uren_tests.csv", "matrix.csv",
        "segments.csv", "qualkit.xlsx", "run.json"}
    freq = pd.read_csv(out / "frequencies.csv")
    got = dict(zip(freq.code, freq.n))
    assert got == {"personeel": 2, "admin": 2, "uncoded": 1}
    assert (freq.base == 4).all()
    seg = pd.read_csv(out / "segments.csv")
    assert set(seg.matched) == {"personeel", "administratielast", "Personeelstekort", "administratie"}
    assert json.loads((out / "run.json").read_text())["codebook"]["version"] == "1.0"
    assert pd.read_csv(p, sep=";", encoding="utf-8-sig").shape == (5, 3)  # input untouched


def test_codebook_check(survey):
    _, cb = survey
    res = runner.invoke(app, ["codebook", "check", str(cb)])
    assert res.exit_code == 0, res.output
    assert "examples: 2 of 2 pass." in res.output


@pytest.mark.parametrize("args, message", [
    (["code", "{p}", "-c", "{cb}", "-i", "nope", "-q", "Q23"],
     "Error: [QK110] {p}: no id column 'nope'. Columns: 'id', 'admin_uren', 'Q23'. Name one of these with "
     "--id-column, or leave --id-column out to number the rows.\n"),
    (["code", "{p}", "-c", "{cb}", "-i", "id", "-q", "Q99*"],
     "Error: [QK111] {p}: no column matches question 'Q99*'. Columns: 'id', 'admin_uren', 'Q23'."),
    (["code", "{p}", "-c", "{tmp}/missing.yaml", "-i", "id", "-q", "Q23"], "Error: [QK201] {tmp}/missing.yaml: codebook file not found."),
    (["code", "{tmp}/x.pdf", "-c", "{cb}"], "Error: [QK137] {tmp}/x.pdf: unsupported file type '.pdf'."),
    (["code", "{p}", "-c", "{bad}", "-i", "id", "-q", "Q23"], "Error: [QK203] {bad}, code 'a', include[0]: unknown match type 'globb'."),
    (["code", "{p}", "-c", "{cb}", "-i", "id", "-q", "Q23", "--by", "regio"], "Error: [QK402]"),
    (["code", "{p}", "-c", "{cb}", "-i", "id", "-q", "Q23", "--model", "nl_nope_sm"], "Error: [QK301] spaCy pipeline 'nl_nope_sm' cannot be loaded."),
    (["codebook", "check", "{failing}"], "Error: [QK210]"),
])
def test_errors(survey, tmp_path, args, message):
    p, cb = survey
    bad = tmp_path / "bad.yaml"
    bad.write_text('name: b\nversion: "1"\ncodes: [{id: a, label: A, include: [{globb: "x*"}]}]\n')
    failing = tmp_path / "failing.yaml"
    failing.write_text(CODEBOOK.replace("no_match: [Geen extra personeel nodig.]", "no_match: [Meer personeel nu.]"))
    fill = dict(p=p, cb=cb, tmp=tmp_path, bad=bad, failing=failing)
    res = runner.invoke(app, [a.format(**fill) for a in args])
    assert res.exit_code == 1, res.output
    assert message.format(**fill) in res.output
    assert "Traceback" not in res.output
    assert SECRET not in res.output
    assert not (tmp_path / "qualkit-out").exists()


def test_short_options_mean_the_same_everywhere():
    """-q is --question, -o is --out, -i is --id-column, -c is --codebook in every command that has
    them, and every --out says what it writes."""
    import click

    root = typer.main.get_command(app)
    meaning = {"-q": "--question", "-o": "--out", "-i": "--id-column", "-c": "--codebook", "-b": "--by"}
    for path, cmd in commands(root):
        for p in cmd.params:
            if not isinstance(p, click.Option):
                continue
            for short, long in meaning.items():
                if short in p.opts:
                    assert long in p.opts, f"{' '.join(path)}: {short} is {p.opts}, not {long}"
            if "--out" in p.opts:
                assert "-o" in p.opts and len(p.help or "") > 20, f"{' '.join(path)}: --out needs -o and a help text"
