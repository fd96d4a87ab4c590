"""The ingest and coding commands on real exports from ../shared/data."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from conftest import shared
from qualkit.cli import app

runner = CliRunner()

PARLEMENT = Path(__file__).resolve().parents[1] / "data" / "codebooks" / "parlement.yaml"

FEESTEN = """
name: feesten
version: "1"
codes:
  - id: vrienden
    label: Vrienden en sociale norm
    include: [{lemma: [vriend, vriendin, vriendschap, groep], compound: true}]
  - id: middelen
    label: Alcohol en drugs
    include: [{lemma: [alcohol, drugs, drank, xtc, dronken], compound: true}]
  - id: aanspreken
    label: Aanspreken
    include: [{glob: [aanspre*, aangespro*]}, {phrase: er iets van zeggen}]
"""


def json_turns(path) -> list[str]:
    """The speaker of every turn with text in a JSONL file of discussions, counted here without qualkit."""
    import json

    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [t["speaker"] for r in rows for t in r["turns"] if t["text"].strip()]


def test_parliament_transcripts(tmp_path):
    data = shared("nl-be-kamer-plenary-qa", "plenary_questions_dutch.jsonl")
    res = runner.invoke(app, ["ingest", str(data), "--skip-speaker", "Voorzitter"])
    assert res.exit_code == 0, res.output
    lines = res.output.splitlines()
    turns = json_turns(data)
    chair = sum(speaker == "Voorzitter" for speaker in turns)
    assert lines[0] == (f"transcripts: 229 interviews, 1157 turns ({1157 - chair} to code) by "
                        f"{len(set(turns))} speakers")                    # interviews and turns, not respondents
    assert lines[1].startswith(f"turns per speaker: Voorzitter {chair} (not coded), ")
    assert lines[1].endswith(f", and {len(set(turns)) - 12} more (--out lists every turn)")
    res = runner.invoke(app, ["code", str(data), "-c", str(PARLEMENT), "--code-interviewer", "-o", str(tmp_path / "out")])
    assert res.exit_code == 0, res.output
    freq = pd.read_csv(tmp_path / "out" / "frequencies.csv").set_index("code")
    assert (freq.base == 229).all()                       # every discussion has coded turns
    for code in ("migratie", "energie", "begroting"):   # transcripts: interviews, segments, speakers per code
        assert 10 <= freq.at[code, "interviews"] <= 120, code
        assert freq.at[code, "segments"] >= freq.at[code, "interviews"] and freq.at[code, "speakers"] >= 2, code
    seg = pd.read_csv(tmp_path / "out" / "segments.csv")
    assert seg.speaker.notna().all() and seg.unit_id.nunique() > 50


def test_limesurvey_export(tmp_path):
    data = shared("nl-partypanel-openanswers", "pp18.1_pre2_survey_180102.csv")
    res = runner.invoke(app, ["ingest", str(data), "-i", "id", "-q", "advise*", "-q", "disclose*"])
    assert res.exit_code == 0, res.output
    assert "survey: 157 units, 56 segments" in res.output
    cb = tmp_path / "feesten.yaml"
    cb.write_text(FEESTEN, encoding="utf-8")
    res = runner.invoke(app, ["code", str(data), "-c", str(cb), "-i", "id", "-q", "advise*", "-q", "disclose*",
                              "-o", str(tmp_path / "out")])
    assert res.exit_code == 0, res.output
    freq = pd.read_csv(tmp_path / "out" / "frequencies.csv")
    assert set(freq.question) == {"adviseFriendUB", "adviseFriendDB", "discloseUB", "discloseDB"}
    assert (freq.base == 14).all()
    assert freq[freq.code != "uncoded"].n.sum() > 0


@pytest.mark.parametrize("encoding", ["utf-8", "cp1252"])
def test_wrong_encoding_is_refused_or_read(tmp_path, encoding):
    """A real export re-saved in another encoding reads the same when told or detected."""
    data = shared("nl-partypanel-openanswers", "pp18.1_pre2_survey_180102.csv")
    p = tmp_path / "export.csv"
    p.write_bytes(data.read_text(encoding="utf-8").encode(encoding, errors="replace"))
    res = runner.invoke(app, ["ingest", str(p), "-i", "id", "-q", "advise*", "--encoding", encoding])
    assert res.exit_code == 0, res.output
    assert "157 units, 28 segments" in res.output
