"""`qualkit themes` end to end on the demo, its summary, and its early errors (before BERTopic loads)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from qualkit.cli import app
from qualkit.codebook import loads

ROOT = Path(__file__).resolve().parents[2]
runner = CliRunner()
pytestmark = pytest.mark.filterwarnings("ignore::UserWarning")


def test_themes_on_demo_leftovers(tmp_path):
    out = tmp_path / "them\x1b[2J\u202ees"  # a file name that would clear the screen and reverse the line
    res = runner.invoke(app, ["themes", str(ROOT / "corpora" / "ocmw-werkdruk-2026.csv"), "-c",
                              str(ROOT / "codebooks" / "werkdruk.yaml"), "-i", "respondent", "-q", "Q23", "-q", "Q24",
                              "-q", "Q25", "--min-topic-size", "5", "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert "themes in what the codebook left uncoded" in res.output and "codes carried" not in res.output
    assert "segments analysed;" in res.output and "unassigned (" in res.output
    assert "\x1b" not in res.output and "\u202e" not in res.output and "them\\x1b[2J\\u202ees/" in res.output
    themes = pd.read_csv(out / "themes.csv")
    assert len(themes) >= 2
    stubs = (out / "code_stubs.yaml").read_text(encoding="utf-8")
    assert loads(stubs).codes                     # the stubs file is itself a valid codebook
    html = (out / "themes.html").read_text(encoding="utf-8")
    assert "<script" not in html and len(html.encode()) < 300_000


def _run(tmp_path: Path, *args: str) -> tuple[subprocess.CompletedProcess, str]:
    """The CLI in a fresh interpreter, printing afterwards whether BERTopic was imported."""
    code = ("import sys\nfrom qualkit.cli import main\ntry:\n    main()\nexcept SystemExit as e:\n    code = e.code\n"
            "print('BERTOPIC', 'bertopic' in sys.modules, 'SPACY', 'spacy' in sys.modules, file=sys.stderr)\n")
    res = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=tmp_path,
                         timeout=600)
    return res, res.stderr


def test_help_and_early_errors_do_not_load_bertopic(tmp_path):
    res, err = _run(tmp_path, "themes", "--help")
    assert "--nr-topics" in res.stdout and "--embedding" in res.stdout and "BERTOPIC False" in err
    p = tmp_path / "small.csv"
    pd.DataFrame({"id": range(12), "Q1": ["Meer personeel en minder papierwerk."] * 12}).to_csv(p, index=False)
    res, err = _run(tmp_path, "themes", str(p), "-i", "id", "-q", "Q1", "-o", str(tmp_path / "o"))
    assert "\nError: [QK320] only 12 segments with words to analyse" in "\n" + err, err
    assert "BERTOPIC False" in err and "Meer personeel" not in err + res.stdout
    assert not (tmp_path / "o").exists()
    res, err = _run(tmp_path, "themes", str(p), "-i", "id", "-q", "Q1", "--mode", "guided")
    assert "\nError: [QK385] --mode guided needs a codebook (--codebook FILE)" in "\n" + err, err
    assert "SPACY False" in err                   # option errors come before any language model
    res, err = _run(tmp_path, "themes", str(p), "--min-topic-size", "3000")
    assert "\nError: [QK395] --min-topic-size 3000 is more than half" in "\n" + err, err
    assert "SPACY False" in err
    res, err = _run(tmp_path, "themes", str(p), "--seed=-1")   # was a NumPy traceback after the embeddings
    assert "\nError: [QK399] --seed -1 is not a seed: use a whole number from 0 to 4,294,967,295." in "\n" + err, err
    assert "SPACY False" in err and "Traceback" not in err
    res, err = _run(tmp_path, "themes", str(p), "--embedding", "glove")
    assert "\nError: [QK380] embedding 'glove' is not known. Use one of: use, e5, minilm, tfidf." in "\n" + err, err
    assert "BERTOPIC False" in err
