"""Fuzz: output targets drawn from the hand-made classes (an input's folder, the current
folder or one above it, a foreign folder, a file, a link, a FIFO, /dev/null, an input),
spelled in random ways (relative, absolute, with ``./`` and ``x/..``), for every command
that writes: always a [QK9xx] error, and nothing under the study changes."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import hardening_cases as hc
from hardening_fuzz import EXAMPLES, FUZZ, run_case
from qualkit.errors import OutputError
from qualkit.io import check_output_dir, check_output_file

pytest_plugins = ["hardening_plugin"]
pytestmark = pytest.mark.skipif(os.name != "posix", reason="FIFOs and symlinks are POSIX")


def _spell(path: str, root: Path, how: int) -> str:
    if path.startswith("/"):
        return path
    return [path, f"./{path}", str(root / path), f"data/../{path}", f"{path}/"][how % 5]


@pytest.fixture(scope="module")
def root(tmp_path_factory):
    r = tmp_path_factory.mktemp("fuzz-outputs")
    hc.small_study(r / "data")
    return r


@settings(FUZZ, max_examples=max(EXAMPLES // 6, 20))
@given(target=st.sampled_from(hc.FOLDER_TARGETS), how=st.integers(0, 20),
       extra=st.lists(st.sampled_from(["data/s.csv", "data/cb.yaml", "data", "elders.csv"]), max_size=3))
def test_fuzz_folder_targets(root, target, how, extra):
    old = os.getcwd()
    os.chdir(root)
    try:
        path, code = target(root)
        before = hc.snapshot(root / "data")
        spelled = _spell(path, root, how)
        got = run_case("outputs: folders", lambda: check_output_dir(spelled, ["data/s.csv", "data/cb.yaml", *extra]),
                       f"{target.__name__} as {spelled!r}, inputs +{extra}")
        assert isinstance(got, OutputError) and got.code in (code, 903, 904), (spelled, got)
        assert hc.snapshot(root / "data") == before
    finally:
        os.chdir(old)


@settings(FUZZ, max_examples=max(EXAMPLES // 6, 20))
@given(target=st.sampled_from(hc.FILE_TARGETS), how=st.integers(0, 20))
def test_fuzz_file_targets(root, target, how):
    old = os.getcwd()
    os.chdir(root)
    try:
        path, code = target(root)
        spelled = _spell(path, root, how).rstrip("/") if path != "adir" else _spell(path, root, how)
        got = run_case("outputs: files", lambda: check_output_file(spelled, ["data/s.csv", "data/cb.yaml"]),
                       f"{target.__name__} as {spelled!r}")
        assert isinstance(got, OutputError) and got.code in (code, 901), (spelled, got)
    finally:
        os.chdir(old)
