"""Outputs never destroy what the user owns (issue #11, items 1-6 and 21).

Every command that writes a folder or a file is run against hand-made targets (an
input's folder, the current folder, a folder qualkit did not write, a named pipe,
/dev/null, an input itself ...): each is a [QK9xx] error and nothing on disk changes.
"""
from __future__ import annotations

import json
import os
import stat
import subprocess
import time
from pathlib import Path

import pytest

import hardening_cases as hc
from hardening_build import PYTHON, ROOT
from qualkit.errors import OutputError
from qualkit.io import MARKER, check_output_dir, output_dir, write_text

pytestmark = pytest.mark.skipif(os.name != "posix", reason="FIFOs, symlinks and umask are POSIX")


@pytest.fixture
def study(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return hc.small_study(tmp_path / "data")


def _folder_commands(study: dict[str, Path], out: str) -> dict[str, list]:
    s, cb = study["survey"], study["codebook"]
    qdpx = s.parent / "p.qdpx"
    if not qdpx.exists():
        from qualkit.ingest import ReadOptions
        from qualkit.workflow import code_inputs
        from qualkit.refi import export_qdpx

        r = code_inputs([s], cb, ReadOptions(id_column="id", questions=["Q1"]))
        export_qdpx(r.corpus, r.codings, r.codebook, qdpx)
    coding = s.parent / "coding.csv"
    coding.write_text("id;personeel;admin\nR1;1;0\nR2;0;1\nR3;0;0\n", encoding="utf-8")
    return {
        "code": ["code", s, "-c", cb, "-i", "id", "-q", "Q1", "--out", out],
        "themes": ["themes", s, "-i", "id", "-q", "Q1", "--out", out],
        "import": ["import", qdpx, "-o", out],
        "learn": ["learn", coding, "--corpus-input", s, "-i", "id", "-q", "Q1", "--out", out],
        "agree": ["agree", coding, "--qualkit-run", s, "-c", cb, "-i", "id", "-q", "Q1", "--out", out],
    }


def _file_commands(study: dict[str, Path], out: str) -> dict[str, list]:
    s, cb = study["survey"], study["codebook"]
    return {
        "report": ["report", s, "-c", cb, "-i", "id", "-q", "Q1", "-o", out],
        "code --report": ["code", s, "-c", cb, "-i", "id", "-q", "Q1", "--out", "fresh", "--report", out],
        "export": ["export", s, "-c", cb, "-i", "id", "-q", "Q1", "-o", out],
        "codebook export": ["codebook", "export", cb, "-o", out],
        "ingest": ["ingest", s, "-i", "id", "-q", "Q1", "--out", out],
    }


FOLDER_COMMANDS = ["code", "themes", "import", "learn", "agree"]
FILE_COMMANDS = ["report", "code --report", "export", "codebook export", "ingest"]


@pytest.mark.parametrize("target", hc.FOLDER_TARGETS, ids=lambda f: f.__name__)
@pytest.mark.parametrize("command", FOLDER_COMMANDS)
def test_folder_outputs_never_replace_what_the_user_owns(study, tmp_path, command, target):
    """Items 1, 2, 6: --out data / $(pwd) / . / .. / a foreign folder / a file / a link: a QK error, nothing changed."""
    args = _folder_commands(study, "placeholder")[command]
    out, code = target(tmp_path)
    args[-1] = out
    before = hc.snapshot(tmp_path)
    res = hc.invoke(args)
    assert res.exit_code == 1, (command, out, res.output[-2000:])
    assert f"Error: [QK{code}]" in res.output, res.output[-2000:]
    assert "Traceback" not in res.output and "ValueError" not in res.output
    assert hc.snapshot(tmp_path) == before


@pytest.mark.parametrize("target", hc.FILE_TARGETS, ids=lambda f: f.__name__)
@pytest.mark.parametrize("command", FILE_COMMANDS)
def test_file_outputs_replace_only_regular_files(study, tmp_path, command, target):
    """Item 3: a FIFO, a folder, a link to a FIFO, /dev/null or an input as -o: a QK error, nothing changed."""
    if (command, target) in (("codebook export", hc.file_input), ("ingest", hc.file_codebook)):
        pytest.skip("not an input of this command")
    out, code = target(tmp_path)
    args = _file_commands(study, out)[command]
    before = hc.snapshot(tmp_path)
    null = os.stat("/dev/null")
    res = hc.invoke(args)
    assert res.exit_code == 1, (command, out, res.output[-2000:])
    assert f"Error: [QK{code}]" in res.output, res.output[-2000:]
    assert hc.snapshot(tmp_path) == before
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and after.st_ino == null.st_ino


def test_codebook_import_never_writes_over_its_input(study, tmp_path):
    from qualkit.codebook import load_codebook
    from qualkit.refi import export_qdc

    qdc = tmp_path / "cb.qdc"
    export_qdc(load_codebook(study["codebook"]), qdc)
    before = qdc.read_bytes()
    res = hc.invoke(["codebook", "import", qdc, "-o", qdc])
    assert res.exit_code == 1 and "Error: [QK909]" in res.output
    assert qdc.read_bytes() == before


def test_a_link_to_a_regular_file_is_written_through(study, tmp_path):
    (tmp_path / "reports").mkdir()
    real = tmp_path / "reports" / "r.html"
    real.write_text("vorige", encoding="utf-8")
    (tmp_path / "r.html").symlink_to(real)
    res = hc.invoke(_file_commands(study, "r.html")["report"])
    assert res.exit_code == 0, res.output[-2000:]
    assert (tmp_path / "r.html").is_symlink() and real.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_outputs_replace_new_empty_and_own_folders_only(study, tmp_path):
    args = _folder_commands(study, "out")["code"]
    assert hc.invoke(args).exit_code == 0  # a new path
    marker = json.loads((tmp_path / "out" / MARKER).read_text(encoding="utf-8"))
    assert marker["command"] == "code" and "segments.csv" in marker["files"]
    assert hc.invoke(args).exit_code == 0  # its own folder, again
    (tmp_path / "empty").mkdir()
    assert hc.invoke([*args[:-1], "empty"]).exit_code == 0  # an empty folder
    (tmp_path / "out" / "mijn-notities.txt").write_text("van mij", encoding="utf-8")
    before = hc.snapshot(tmp_path)
    res = hc.invoke(args)  # its own folder, holding a file of the user's now
    assert res.exit_code == 1 and "Error: [QK906]" in res.output and "mijn-notities.txt" in res.output
    assert hc.snapshot(tmp_path) == before


@pytest.mark.parametrize("exchange", [True, False], ids=["renameat2", "two renames"])
def test_a_users_dot_old_folder_survives(study, tmp_path, monkeypatch, exchange):
    """Item 2: results.old/ is the user's, whether or not results exists; no fixed backup name is used."""
    import qualkit.io

    if not exchange:
        monkeypatch.setattr(qualkit.io, "_exchange", lambda a, b: False)
    (tmp_path / "results.old").mkdir()
    (tmp_path / "results.old" / "analyse.R").write_text("# mijn analyse", encoding="utf-8")
    args = _folder_commands(study, "results")["code"]
    for _ in range(2):  # new, then replaced
        res = hc.invoke(args)
        assert res.exit_code == 0, res.output[-2000:]
        assert (tmp_path / "results.old" / "analyse.R").read_text(encoding="utf-8") == "# mijn analyse"
    assert sorted(n for n in os.listdir(tmp_path) if n.startswith(".")) == []


def test_stale_leftovers_are_removed_only_when_they_are_qualkits(tmp_path):
    out = tmp_path / "out"
    dead = _dead_pid()
    theirs = tmp_path / f".out.{dead}.abc.staging"     # the user's, by name only
    theirs.mkdir()
    (theirs / "belangrijk.txt").write_text("x", encoding="utf-8")
    ours = tmp_path / f".out.{dead}.def.staging"       # a killed run's: it holds the marker
    ours.mkdir()
    (ours / MARKER).write_text(json.dumps({"files": [], "folders": []}), encoding="utf-8")
    with output_dir(out) as stage:
        (stage / "a.csv").write_text("x\n", encoding="utf-8")
    assert theirs.exists() and not ours.exists()


def test_a_crash_between_two_renames_is_repaired(tmp_path):
    """On systems without renameat2 the previous folder waits under a unique .old name; the next run restores it."""
    out = tmp_path / "out"
    with output_dir(out) as stage:
        (stage / "a.csv").write_text("eerste\n", encoding="utf-8")
    left = tmp_path / f".out.{_dead_pid()}.xyz.old"
    out.rename(left)  # as if killed after the first rename
    with pytest.raises(RuntimeError):
        with output_dir(out):
            raise RuntimeError("stop")
    assert (out / "a.csv").read_text(encoding="utf-8") == "eerste\n" and not left.exists()


def _dead_pid() -> int:
    p = subprocess.Popen([PYTHON, "-c", "pass"])
    p.wait()
    return p.pid


@pytest.mark.parametrize("mask", [0o022, 0o077, 0o002])
def test_outputs_follow_the_umask(tmp_path, mask):
    old = os.umask(mask)
    try:
        with output_dir(tmp_path / "out") as stage:
            (stage / "a.csv").write_text("x\n", encoding="utf-8")
        write_text(tmp_path / "r.html", "x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "out").stat().st_mode) == 0o777 & ~mask
    assert stat.S_IMODE((tmp_path / "out" / "a.csv").stat().st_mode) == 0o666 & ~mask
    assert stat.S_IMODE((tmp_path / "r.html").stat().st_mode) == 0o666 & ~mask


def test_the_library_checks_too(tmp_path, monkeypatch):
    """Notebook users get the same errors: the check lives in qualkit.io, not in the CLI."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "s.csv").write_text(hc.SURVEY, encoding="utf-8")
    for path, inputs, code in ((".", [], 904), (tmp_path / "d", ["d/s.csv"], 903), (Path(""), [], 904)):
        with pytest.raises(OutputError) as e:
            check_output_dir(path, inputs)
        assert e.value.code == code


# -- qualkit run: one step, inside the project folder, QK9xx on every failure ----------------------

def _project(root: Path, outputs: str = "out") -> Path:
    from conftest import STAFF_ADMIN

    root.mkdir(parents=True, exist_ok=True)
    (root / "cb.yaml").write_text(STAFF_ADMIN.replace("Meer personeel", "=HYPERLINK(\"http://evil.example\")"),
                                  encoding="utf-8")
    for name, n in (("a", 60), ("b", 80)):
        rows = "".join(f"{name}{i};{'Noord' if i % 2 else 'Zuid'};"
                       f"{'Meer personeel.' if i % 3 else 'Minder administratie.'}\n" for i in range(n))
        (root / f"{name}.csv").write_text("id;regio;Q1\n" + rows, encoding="utf-8")
    (root / "qualkit.yaml").write_text(
        f"codebook: cb.yaml\nquestions: [Q1]\nbreakdowns: [regio]\noutputs: {outputs}\nwaves:\n"
        "  - {name: A, inputs: [a.csv], id_column: id}\n  - {name: B, inputs: [b.csv], id_column: id}\n",
        encoding="utf-8")
    return root / "qualkit.yaml"


def test_run_publishes_everything_in_one_step(tmp_path):
    """Item 4: when wave B fails, every wave, comparison/ and manifest.json are as before."""
    project = _project(tmp_path / "p")
    assert hc.invoke(["run", project, "--quiet"]).exit_code == 0
    out = tmp_path / "p" / "out"
    assert {p.name for p in out.iterdir()} >= {"A", "B", "comparison", "manifest.json", ".cache", MARKER}
    before = hc.snapshot(out)
    (tmp_path / "p" / "a.csv").write_text((tmp_path / "p" / "a.csv").read_text() + "a99;Noord;Nieuw antwoord.\n")
    (tmp_path / "p" / "b.csv").write_bytes(b"id;regio;Q9\nx;y;z\n")  # wave B fails: no column Q1
    res = hc.invoke(["run", project, "--quiet"])
    assert res.exit_code == 1 and "Error: [QK" in res.output

    def tables(snap):  # the cache learns from every run, failed or not: it is not an output
        return {k: v for k, v in snap.items() if not k.startswith(".cache")}

    assert tables(hc.snapshot(out)) == tables(before) and (out / ".cache" / "codings.sqlite").is_file()
    assert [n for n in os.listdir(tmp_path / "p") if n.startswith(".out.")] == []


def test_run_killed_leaves_the_previous_complete_set(tmp_path):
    """Item 4: kill -9 at random moments; the outputs are the old set or the new one, each consistent."""
    import random
    import signal

    project = _project(tmp_path / "p")
    out = tmp_path / "p" / "out"
    cmd = [PYTHON, "-c", "from qualkit.cli import main; main()", "run", str(project), "--quiet"]
    assert subprocess.run(cmd, cwd=ROOT, capture_output=True, timeout=300).returncode == 0
    rng = random.Random(int(time.time()) // 86400)
    for trial in range(3):
        before = {k: v for k, v in hc.snapshot(out).items() if not k.startswith(".cache")}
        (tmp_path / "p" / "b.csv").write_text((tmp_path / "p" / "b.csv").read_text() + f"k{trial};Zuid;Meer personeel.\n")
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.5, 6.0))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        # the cache (.cache/) is carried into the staging folder; a kill may leave it there (it is
        # rebuilt), so it is not part of the set compared
        after = {k: v for k, v in hc.snapshot(out).items() if not k.startswith(".cache")}
        if after != before:  # the new set, whole: the manifest's hashes match every table
            manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
            from qualkit.project import check_manifest

            assert check_manifest(manifest, tmp_path / "p") == [], f"trial {trial}: a mix of old and new"
    assert subprocess.run(cmd, cwd=ROOT, capture_output=True, timeout=300).returncode == 0
    assert [n for n in os.listdir(tmp_path / "p") if n.startswith(".out.")] == []


def test_run_full_disk_is_a_qk_error(tmp_path):
    """Item 5: a full disk (RLIMIT_FSIZE: real EFBIG errors) in the cache or the tables is QK901/QK910."""
    import resource

    project = _project(tmp_path / "p")

    def limit(n):
        return lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (n, n))

    cmd = [PYTHON, "-c", "from qualkit.cli import main; main()", "run", str(project), "--quiet"]
    for n in (2_000, 9_000, 40_000):
        res = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=300, preexec_fn=limit(n))
        assert res.returncode == 1, (n, res.stderr[-2000:])
        assert "Error: [QK901]" in res.stderr or "Error: [QK910]" in res.stderr, (n, res.stderr[-2000:])
        assert "Traceback" not in res.stderr
        assert not (tmp_path / "p" / "out").exists()
        assert [x for x in os.listdir(tmp_path / "p") if x.startswith(".out.")] == []


def test_cache_failure_is_a_qk_error(tmp_path, monkeypatch):
    """Item 5: any sqlite3 error from the cache (here: the disk is full while storing) is QK910."""
    import sqlite3

    from qualkit.project import cache

    def full(self, items):
        raise self.error(sqlite3.OperationalError("database or disk is full"))

    monkeypatch.setattr(cache.CodingCache, "put_many", full)
    res = hc.invoke(["run", _project(tmp_path / "p"), "--quiet"])
    assert res.exit_code == 1 and "Error: [QK910]" in res.output and "database or disk is full" in res.output
    assert not (tmp_path / "p" / "out").exists()


def test_project_outputs_stay_inside_the_project_folder(tmp_path):
    """Item 21: 'outputs: ../victim' is QK725 unless --allow-outside."""
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "thesis.docx").write_bytes(b"mijn thesis")
    project = _project(tmp_path / "p", outputs="../victim")
    before = hc.snapshot(tmp_path)
    res = hc.invoke(["run", project, "--quiet"])
    assert res.exit_code == 1 and "Error: [QK725]" in res.output and "--allow-outside" in res.output
    assert hc.snapshot(tmp_path) == before
    res = hc.invoke(["run", project, "--quiet", "--allow-outside"])  # still: not a folder qualkit wrote
    assert res.exit_code == 1 and "Error: [QK905]" in res.output
    assert hc.snapshot(tmp_path) == before
    _project(tmp_path / "p", outputs="../elsewhere")
    assert hc.invoke(["run", project, "--quiet", "--allow-outside"]).exit_code == 0
    assert (tmp_path / "elsewhere" / "manifest.json").is_file()
