"""Start-up: ``qualkit code`` loads what rule coding needs and nothing more.

spaCy's thinc imports PyTorch whenever it is installed (here it is, for
BERTopic): ~2.5 s that rule coding never uses. The command keeps it out
(:mod:`qualkit.scale.startup`); these tests run the real command in a fresh
process and read ``sys.modules`` as it ends, to prove which modules were imported.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


RUN = ("import atexit, runpy, sys; "
       "atexit.register(lambda: print('MODULES', *sorted(sys.modules), file=sys.stderr)); "
       "sys.argv = ['qualkit', *sys.argv[1:]]; runpy.run_module('qualkit', run_name='__main__')")


def imported(args: list[str], tmp_path) -> set[str]:
    """The modules in ``sys.modules`` when the real command ends (as ``python -m qualkit`` runs it)."""
    proc = subprocess.run([sys.executable, "-c", RUN, *args], capture_output=True, text=True, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr[-2000:]
    line = next(x for x in proc.stderr.splitlines() if x.startswith("MODULES "))
    return set(line.split()[1:])


@pytest.fixture(scope="module")
def demo_code(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("startup")
    return imported(["code", str(ROOT / "corpora" / "ocmw-werkdruk-2026.csv"), "-c", str(ROOT / "codebooks" / "werkdruk.yaml"),
                     "-i", "respondent", "-q", "Q23", "-q", "Q24", "-o", str(tmp / "out"), "--quiet"], tmp)


def test_code_never_imports_torch(demo_code):
    assert "spacy" in demo_code and "thinc.compat" in demo_code
    assert not {m for m in demo_code if m == "torch" or m.startswith("torch.")}


def test_code_without_breakdowns_needs_no_scipy_stats_nor_sklearn(demo_code):
    assert "scipy.stats" not in demo_code and "sklearn" not in demo_code


def test_help_imports_no_data_libraries(tmp_path):
    mods = imported(["--help"], tmp_path)
    assert not {"pandas", "spacy", "torch", "scipy"} & mods


def test_torch_is_still_there_for_who_imports_it():
    """Only thinc's import is refused; a later ``import torch`` (BERTopic) works."""
    code = ("from qualkit.scale.startup import keep_torch_out; keep_torch_out(); import spacy, thinc.compat, sys; "
            "assert 'torch' not in sys.modules and not thinc.compat.has_torch; import torch; print(torch.__name__)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0 and out.stdout.strip() == "torch", out.stderr[-1000:]
