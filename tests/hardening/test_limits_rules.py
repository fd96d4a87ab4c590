"""Resource limits on what users write: codebook regexes and speaker patterns with
catastrophic backtracking (through the CLI), deeply nested YAML, YAML alias bombs
("billion laughs" with anchors), and oversized patterns and codebooks."""
from __future__ import annotations


import re

import pytest
from typer.testing import CliRunner

from hardening_build import MARK, run_qualkit
from hardening_cases import cpu_seconds
from qualkit.cli import app
from qualkit.codebook import io as cbio
from qualkit.errors import CodebookError

FAST = 10.0  # CPU seconds (hardening_cases.cpu_seconds): the load of a shared machine does not count
SLOW_REGEX = "(a|aa)+$"
"""Exponential backtracking on a long run of a's that does not end the text."""


def codebook(rules: str) -> str:
    return f"name: t\nversion: '1'\ncodes:\n  - id: c\n    label: C\n    include:\n{rules}"


def cli(args: list[str]):
    t0 = cpu_seconds()
    res = CliRunner().invoke(app, args)
    return res, cpu_seconds() - t0


@pytest.fixture(scope="module", autouse=True)
def _pipeline_loaded():
    from qualkit.nlp import load_pipeline

    load_pipeline("nl")  # once, so the timings below measure the coding, not the model load


def test_catastrophic_codebook_regex_through_the_cli(tmp_path):
    cb = tmp_path / "cb.yaml"
    cb.write_text(codebook(f"      - regex: '{SLOW_REGEX}'\n"), encoding="utf-8")
    data = tmp_path / "s.csv"
    data.write_text(f"id;Q1\nR1;{MARK} {'a' * 60}!\nR2;meer personeel\n", encoding="utf-8")
    res, took = cli(["code", str(data), "-c", str(cb), "-i", "id", "-q", "Q1", "-o", str(tmp_path / "out")])
    assert res.exit_code == 1, res.output
    assert "Error: [QK801]" in res.output and "catastrophic backtracking" in res.output
    assert MARK not in res.output and "aaaaaaaaaa" not in res.output
    assert took < FAST + 5 and not (tmp_path / "out").exists()


def test_catastrophic_speaker_pattern_through_the_cli(tmp_path):
    t = tmp_path / "int.txt"
    t.write_text(f"{'a' * 60}!\nR: {MARK}\n", encoding="utf-8")
    res, took = cli(["ingest", str(t), "--speaker-pattern", "(?P<speaker>(a|aa)+)$"])
    assert res.exit_code == 1 and "Error: [QK810]" in res.output, res.output
    assert MARK not in res.output and took < FAST


def refused_quickly(path, text: str) -> CodebookError:
    """The error loading a codebook file holding ``text``, which must come within FAST CPU seconds."""
    path.write_text(text, encoding="utf-8")
    t0 = cpu_seconds()
    with pytest.raises(CodebookError) as e:
        cbio.load(path)
    assert cpu_seconds() - t0 < FAST
    return e.value


@pytest.mark.parametrize("text", [
    "[" * 20_000 + "]" * 20_000,
    "".join(" " * i + "a:\n" for i in range(2000)),
    "- " * 50_000 + "x\n",
    "{a: " * 5000 + "b" + "}" * 5000,
])
def test_deeply_nested_yaml(tmp_path, text):
    err = refused_quickly(tmp_path / "deep.yaml", text)
    assert err.code in (208, 209) and "nested" in str(err)


def laughs(levels: int) -> str:
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, levels)]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("text", [
    laughs(9),                                                        # 10^9 values from 1 KB
    codebook("      - lemma: &p [" + ", ".join(["personeel"] * 1000) + "]\n"
             + "".join("      - lemma: *p\n" for _ in range(1100))),   # wide, not deep
    "name: &n [*n]\n",                                                # a cycle
])
def test_yaml_alias_bombs_are_refused_quickly(tmp_path, text):
    assert refused_quickly(tmp_path / "bomb.yaml", text).code in (208, 209, 211)


def test_yaml_bombs_through_the_cli(tmp_path):
    for name, text in (("laughs.yaml", laughs(9)), ("deep.yaml", "[" * 20_000 + "]" * 20_000)):
        p = tmp_path / name
        p.write_text(text, encoding="utf-8")
        res, took = cli(["codebook", "check", str(p)])
        assert res.exit_code == 1 and re.match(r"Error: \[QK(208|209|211)\]", res.output) and took < FAST, res.output


def test_harmless_aliases_still_work():
    cb = cbio.loads(codebook("      - lemma: &p [personeel, collega]\n      - glob: [vacature*]\n")
                    + "  - id: d\n    label: D\n    include:\n      - lemma: *p\n")
    assert [r.pattern for r in cb.code("d").include] == ["personeel", "collega"]


@pytest.mark.parametrize("kind", ["lemma", "glob", "phrase"])
def test_oversized_patterns(kind):
    word = "personeel" * 120 if kind != "phrase" else " ".join(["meer"] * 250)
    t0 = cpu_seconds()
    with pytest.raises(CodebookError) as e:
        cbio.loads(codebook(f"      - {kind}: '{word}'\n"))
    assert e.value.code == 203 and "over the 1,000 limit" in str(e.value)
    assert cpu_seconds() - t0 < FAST


def test_oversized_codebook_file(tmp_path):
    p = tmp_path / "big.yaml"
    p.write_bytes(b"# " + b"x" * cbio.MAX_BYTES + b"\n")
    with pytest.raises(CodebookError) as e:
        cbio.load(p)
    assert e.value.code == 205


@pytest.mark.parametrize("block", ["[" * 100_000 + "]" * 100_000, "- " * 100_000 + "x"])
def test_deep_qualkit_block_in_a_qdc_does_not_crash(tmp_path, block):
    """libyaml would overflow the C stack (a segfault): run in a child so a regression fails cleanly."""
    qdc = tmp_path / "deep.qdc"
    qdc.write_text('<?xml version="1.0" encoding="utf-8"?>\n<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>'
                   '<Code guid="0b8f1d5e-1c6a-4a43-9b59-5f3b1a0e7c11" name="Personeel" isCodable="true">'
                   f"<Description>Uitleg\n\n[qualkit]\n{block}</Description></Code></Codes></CodeBook>",
                   encoding="utf-8")
    res = run_qualkit(["codebook", "import", str(qdc), "-o", str(tmp_path / "cb.yaml")], timeout=120)
    assert res.returncode == 0, (res.returncode, res.stderr[-2000:])
    assert "not valid YAML" in res.stderr and "Wrote" in res.stdout


@pytest.mark.parametrize("unit", ["Kerkstraat 12 ", "an@ocmw.be ", "0470 12 34 56 ", "mevrouw Van Dam ", " " * 7 + "x"])
def test_pseudonymising_a_long_answer_is_linear(unit):
    from qualkit.privacy import pseudonymise

    text = unit * (1_000_000 // len(unit))  # an answer at the cell limit, full of identifiers
    t0 = cpu_seconds()
    pseudonymise(text, names=["Dam"])
    assert cpu_seconds() - t0 < FAST


def test_theme_keywords_with_long_whitespace_are_linear():
    from qualkit.report.quotes import theme_rows

    t0 = cpu_seconds()
    rows = theme_rows([{"label": "x", "keywords": "a" + "\t" * 1_000_000 + "b (0.2); zorg (0.1)"}])
    assert rows[0].keywords[-1] == "zorg" and cpu_seconds() - t0 < FAST
