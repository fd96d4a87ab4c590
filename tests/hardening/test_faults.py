"""Faults: a run killed (Ctrl-C, kill -9) or out of disk space leaves the previous
outputs or the new ones, never a mix or a cut-off file, and the next run works.

Real processes, real signals: ``qualkit code`` on the demo runs in a child; the test
waits for its staging folder to appear (or for a random moment) and signals it.
"""
from __future__ import annotations

import contextlib
import errno
import hashlib
import io
import json
import os
import random
import re
import resource
import signal
import subprocess
import time
from pathlib import Path

import pytest

from hardening_build import PYTHON, ROOT, run_qualkit
from qualkit.io import MARKER

pytestmark = pytest.mark.skipif(os.name != "posix", reason="signals and rlimits are POSIX")
TRIALS = int(os.environ.get("QUALKIT_FAULT_TRIALS", "2"))
"""Interrupted runs per signal: half at a random moment after the staging folder appears, half at any moment."""
CB = ["-c", str(ROOT / "codebooks" / "werkdruk.yaml"), "-i", "respondent"]
RUNS = {"A": ["code", str(ROOT / "corpora" / "ocmw-werkdruk-2026.csv"), *CB, "-q", "Q23", "-q", "Q24"],
        "B": ["code", str(ROOT / "corpora" / "ocmw-werkdruk-2027.csv"), *CB, "-q", "Q23"]}
_STAMP = re.compile(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00")


def args(run: str, out: Path) -> list[str]:
    return [*RUNS[run], "-o", str(out), "--report", str(out / "report.html")]  # the report inside, as `make demo`


def snapshot(folder: Path) -> dict[str, str] | None:
    """Exact contents: name -> sha256. None if the folder is missing."""
    if not folder.is_dir():
        return None
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def normal(folder: Path) -> dict[str, object] | None:
    """Contents with run dates taken out (and workbooks as cell values), to compare with a reference run."""
    import openpyxl

    if not folder.is_dir():
        return None
    out: dict[str, object] = {}
    for p in sorted(folder.iterdir()):
        if p.name == MARKER:
            continue
        data = p.read_bytes()
        if p.suffix == ".xlsx":
            wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
            out[p.name] = {ws.title: list(ws.iter_rows(values_only=True)) for ws in wb.worksheets}
        elif p.name == "run.json":
            out[p.name] = {k: v for k, v in json.loads(data).items() if k != "date"}
        else:
            out[p.name] = _STAMP.sub(b"<date>", data)
    return out


@pytest.fixture(scope="module")
def refs(tmp_path_factory):
    """Complete reference runs A and B (normalised)."""
    got = {}
    for run in RUNS:
        out = tmp_path_factory.mktemp(f"ref-{run}") / "out"
        res = run_qualkit(args(run, out))
        assert res.returncode == 0, res.stderr[-2000:]
        got[run] = normal(out)
    assert got["A"] != got["B"] and set(got["A"]) == {"frequencies.csv", "matrix.csv", "segments.csv",
                                                       "qualkit.xlsx", "run.json", "report.html"}
    return got


def start(run: str, out: Path, **kw) -> subprocess.Popen:
    return subprocess.Popen([PYTHON, "-c", "from qualkit.cli import main; main()", *args(run, out)], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, **kw)


def wait_for_staging(parent: Path, proc: subprocess.Popen, timeout: float = 120) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end and proc.poll() is None:
        if any(n.startswith(".out.") and n.endswith(".staging") for n in os.listdir(parent)):
            return True
        time.sleep(0.001)
    return False


def temporary_inside(out: Path) -> list[str]:
    """Temporary files inside the out folder: never acceptable."""
    return [p.name for p in out.iterdir() if (p.name.startswith(".") and p.name != MARKER) or p.suffix == ".tmp"] \
        if out.is_dir() else []


def leftovers(parent: Path) -> list[str]:
    """Temporary files or folders a run that ended by itself (or by Ctrl-C) must not leave."""
    return temporary_inside(parent / "out") + [n for n in os.listdir(parent) if n.startswith(".out.")]


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGKILL], ids=["SIGINT", "SIGKILL"])
def test_interrupted_run_leaves_old_or_new_outputs(tmp_path, refs, sig):
    out = tmp_path / "out"
    assert run_qualkit(args("B", out)).returncode == 0
    rng = random.Random(int(sig) * 7919 + int(time.time()) // 86400)  # another schedule each day
    seen = {"before staging": 0, "while staging": 0, "finished": 0}
    for i in range(TRIALS * 2):
        run = "A" if i % 2 == 0 else "B"
        before = snapshot(out)
        proc = start(run, out)
        try:
            staged = wait_for_staging(tmp_path, proc) if i % 2 == 0 else False
            delay = rng.uniform(0, 0.5) if i % 2 == 0 else rng.uniform(0.3, 4.0)
            time.sleep(delay)
            done = proc.poll() is not None
            proc.send_signal(sig)
            proc.wait(timeout=60)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        seen["finished" if done else "while staging" if staged else "before staging"] += 1
        after = snapshot(out)
        what = (f"trial {i}, run {run}, signal {sig.name} {delay:.3f} s after "
                f"{'the staging folder appeared' if staged else 'the start'}")
        assert after is not None, f"{what}: the out folder is gone"
        assert after == before or normal(out) == refs[run], f"{what}: out holds neither the old nor the new outputs"
        assert temporary_inside(out) == [], f"{what}: left {temporary_inside(out)} in out/"
        if sig == signal.SIGINT:  # Ctrl-C cleans up at once; after kill -9 the next run does
            assert leftovers(tmp_path) == [], f"{what}: left {leftovers(tmp_path)}"
        assert proc.returncode != 0 or normal(out) == refs[run]
    res = run_qualkit(args("A", out))  # the next run works, and cleans up what a killed run left
    assert res.returncode == 0, res.stderr[-2000:]
    assert normal(out) == refs["A"]
    assert leftovers(tmp_path) == []
    print(f"{sig.name}: {seen}")


def _fsize_limit(limit: int):
    def set_limit():
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))  # Python ignores SIGXFSZ: writes fail with EFBIG

    return set_limit


def test_full_disk_keeps_the_previous_outputs(tmp_path, refs):
    """RLIMIT_FSIZE gives real EFBIG write errors, at a different file for each limit."""
    out = tmp_path / "out"
    assert run_qualkit(args("B", out)).returncode == 0
    before = snapshot(out)
    for limit in (1_000, 4_000, 30_000):
        res = run_qualkit(args("A", out), preexec_fn=_fsize_limit(limit))
        assert res.returncode == 1, (limit, res.returncode, res.stderr[-2000:])
        assert "Error: [QK901]" in res.stderr and "Check free disk space" in res.stderr
        assert "Traceback" not in res.stderr
        assert snapshot(out) == before and leftovers(tmp_path) == [], limit
    assert run_qualkit(args("A", out)).returncode == 0 and normal(out) == refs["A"]


def test_full_disk_writing_one_file(tmp_path, monkeypatch):
    from qualkit.errors import OutputError
    from qualkit.io import write_text

    target = tmp_path / "report.html"
    target.write_text("vorige versie", encoding="utf-8")

    def full(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OutputError) as e:
        write_text(target, "nieuwe versie")
    assert e.value.code == 901 and "No space left on device" in str(e.value)
    assert target.read_text(encoding="utf-8") == "vorige versie"
    assert sorted(os.listdir(tmp_path)) == ["report.html"]


def test_full_disk_through_the_cli_in_process(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from qualkit.cli import app
    from qualkit.report import files

    out = tmp_path / "out"
    assert run_qualkit([*RUNS["B"], "-o", str(out)]).returncode == 0
    before = snapshot(out)

    def full(tables):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(files, "workbook", full)
    res = CliRunner().invoke(app, [*RUNS["B"], "-o", str(out)], catch_exceptions=False)
    assert res.exit_code == 1 and "Error: [QK901]" in res.output
    assert snapshot(out) == before and leftovers(tmp_path) == []


def _workers(pid: int) -> list[int]:
    """The spawned pool processes of ``pid`` (children running multiprocessing's spawn_main)."""
    kids = []
    with contextlib.suppress(OSError):
        for task in Path(f"/proc/{pid}/task").iterdir():
            kids += [int(k) for k in (task / "children").read_text().split()]
    return [k for k in kids if b"spawn_main" in _cmdline(k)]


def _cmdline(pid: int) -> bytes:
    with contextlib.suppress(OSError):
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    return b""


def _cpu_seconds(pid: int) -> float:
    """CPU time the process has used (a worker past 1 s has loaded spaCy and is coding)."""
    with contextlib.suppress(OSError):
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return 0.0


def _running(pid: int) -> bool:
    """Alive and not a zombie waiting to be reaped."""
    with contextlib.suppress(OSError):
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    return False


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads /proc")
def test_killed_streaming_run_takes_its_workers_along(tmp_path):
    """kill -9 of a streaming `qualkit code -p 2` (no --report: the chunked path) while its
    workers code keeps the previous outputs, and the workers end too: they held both ends of
    their pipes and lived on for good, with respondents' texts in memory."""
    import csv

    from conftest import shared

    with shared("nl-ecosent", "metadata.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))   # 8,227 real news headlines
    for name, body in (("small.csv", rows[1:200]), ("big.csv", [[f"{k}-{r[0]}", *r[1:]] for k in range(6)
                                                                 for r in rows[1:]])):
        with (tmp_path / name).open("w", encoding="utf-8", newline="") as f:
            csv.writer(f).writerows([rows[0], *body])
    out = tmp_path / "out"

    def run(name: str) -> list[str]:
        return ["code", str(tmp_path / name), "-c", str(ROOT / "codebooks" / "werkdruk.yaml"), "-i", "id",
                "-q", "headline", "--by", "medium", "-o", str(out), "--quiet"]

    assert run_qualkit(run("small.csv")).returncode == 0
    before = snapshot(out)
    proc = subprocess.Popen([PYTHON, "-c", "from qualkit.cli import main; main()", *run("big.csv"), "-p", "2"],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers: list[int] = []
    try:
        end = time.monotonic() + 300
        while proc.poll() is None and time.monotonic() < end:   # until both workers are up and coding
            workers = _workers(proc.pid) or workers
            if len(workers) == 2 and min(map(_cpu_seconds, workers)) > 1.0:
                break
            time.sleep(0.05)
        assert len(workers) == 2 and proc.poll() is None, "the run ended before its workers were coding"
        proc.kill()
        proc.wait(timeout=60)
        end = time.monotonic() + 60
        while any(map(_running, workers)) and time.monotonic() < end:
            time.sleep(0.05)
        assert not any(map(_running, workers)), "the pool workers outlived the killed run"
    finally:
        for pid in [proc.pid, *workers]:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
        proc.wait()
    assert snapshot(out) == before and temporary_inside(out) == []
    assert run_qualkit(run("small.csv")).returncode == 0 and leftovers(tmp_path) == []
