"""Hand-made hostile cases found by attacking every command (issue #11, second round):
files qualkit wrote itself and then found edited or damaged (a project's manifest.json and
comparison.csv), each a [QK] error or a clean run, never a traceback. The carrier is real:
news headlines from ../shared/data (see hardening_cases.headline_project)."""
from __future__ import annotations

import shutil

import pytest

import hardening_cases as hc


@pytest.fixture(scope="module")
def ran(tmp_path_factory):
    """A two-wave project that ran once (copied per test)."""
    root = tmp_path_factory.mktemp("ran") / "p"
    hc.headline_project(root)
    res = hc.invoke(["run", root / "qualkit.yaml", "--quiet"])
    assert res.exit_code == 0, res.output[-2000:]
    return root


@pytest.fixture
def project(ran, tmp_path):
    root = tmp_path / "p"
    shutil.copytree(ran, root, symlinks=True)
    return root


MANIFESTS = {
    "deep nesting": ("[" * 100_000).encode(),
    "a 5,000-digit number": b'{"manifest_version": 1, "waves": {}, "seed": ' + b"9" * 5000 + b"}",
    "not UTF-8": b"\xff\xfe{\x00",
    "null": b"null",
    "waves as a list": b'{"manifest_version": 1, "waves": []}',
    "inputs as text": b'{"manifest_version": 1, "waves": {"A": {"inputs": ["a.csv"]}}}',
    "a wave as a number": b'{"manifest_version": 1, "waves": {"A": 3}}',
    "tables as a list": b'{"manifest_version": 1, "waves": {"A": {"inputs": [], "tables": ["x"]}}}',
    "another version": b'{"manifest_version": 99, "waves": {}}',
}


@pytest.mark.parametrize("name", list(MANIFESTS))
def test_damaged_manifest(project, name):
    """waves and run treat it as no previous manifest; waves --check says it is not one (QK726)."""
    (project / "out" / "manifest.json").write_bytes(MANIFESTS[name])
    res = hc.invoke(["waves", project / "qualkit.yaml"])
    assert res.exit_code == 0 and "not run yet" in res.output, res.output[-2000:]
    res = hc.invoke(["waves", project / "qualkit.yaml", "--check"])
    assert res.exit_code == 1 and "Error: [QK726] out/manifest.json: not a manifest qualkit wrote" in res.output, \
        res.output[-2000:]
    res = hc.invoke(["run", project / "qualkit.yaml", "--quiet"])
    assert res.exit_code == 0, res.output[-2000:]
    assert hc.invoke(["waves", project / "qualkit.yaml", "--check"]).exit_code == 0


@pytest.mark.parametrize("path", ["../../../../etc/passwd", "/etc/passwd", "a/../../p/a.csv", "", "x\u0000y"])
def test_manifest_pointing_outside_the_project(project, path):
    """An edited manifest makes --check read only files inside the project: elsewhere is a problem."""
    import json

    mpath = project / "out" / "manifest.json"
    m = json.loads(mpath.read_text(encoding="utf-8"))
    m["waves"]["A"]["inputs"].append({"path": path, "sha256": "0" * 64})
    mpath.write_text(json.dumps(m), encoding="utf-8")
    res = hc.invoke(["waves", project / "qualkit.yaml", "--check"])
    assert res.exit_code == 1 and "Error: [QK724] 1 file(s) differ" in res.output, res.output[-2000:]
    assert "lies outside the project (the manifest was edited)" in res.output and "Traceback" not in res.output


def test_changed_and_missing_files_are_listed(project):
    (project / "a.csv").write_text("id;kop\n1;Beurs stijgt\n", encoding="utf-8")
    (project / "out" / "B" / "frequencies.csv").unlink()
    res = hc.invoke(["waves", project / "qualkit.yaml", "--check"])
    assert res.exit_code == 1 and "Error: [QK724] 2 file(s) differ" in res.output
    assert "wave 'A': input a.csv has changed." in res.output
    assert "wave 'B': table frequencies.csv is missing." in res.output


@pytest.mark.parametrize("body", [b"", b"\xff\xfe\x00x", b"a,b\n1,2\n", b'"never closed\n1,2',
                                  None])
def test_damaged_comparison_table(project, body):
    """'qualkit waves' shows the last comparison; damaged or edited by hand it is left out."""
    import csv
    import io

    path = project / "out" / "comparison" / "comparison.csv"
    if body is None:  # the right columns, text where numbers belong
        rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
        for r in rows:
            r.update(pct_from="veel", p_holm="=1+1", diff_pp="[/x]")
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
        body = buf.getvalue().encode("utf-8")
    path.write_bytes(body)
    res = hc.invoke(["waves", project / "qualkit.yaml"])
    assert res.exit_code == 0 and "Traceback" not in res.output, res.output[-2000:]
