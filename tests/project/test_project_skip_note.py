"""A project's ``skip_speakers`` entry that matches nobody is noted after the wave is read,
as ``--skip-speaker`` is for ``code``, ``report`` and ``ingest`` (vtt-check: the note had
moved out of the reader so that a pseudonymised ``code`` run does not repeat a typed name)."""
from __future__ import annotations

import json
import logging

from qualkit.project import load_project, run_project


def test_a_skip_speakers_entry_matching_nobody_is_noted(tmp_path, caplog):
    (tmp_path / "cb.yaml").write_text("name: t\nversion: '1'\ncodes:\n  - id: werk\n    label: Werk\n"
                                      "    include: [{lemma: werk}]\n", encoding="utf-8")
    turns = [{"speaker": "Voorzitter", "text": "Het woord is aan u."}, {"speaker": "Jan", "text": "Meer werk."}]
    (tmp_path / "k.jsonl").write_text(json.dumps({"id": "a", "turns": turns}) + "\n", encoding="utf-8")
    (tmp_path / "qualkit.yaml").write_text("name: k\ncodebook: cb.yaml\nskip_speakers: [Voorz*, Notulist]\nwaves:\n"
                                           "  - {name: '2025', inputs: [k.jsonl]}\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="qualkit"):
        run_project(load_project(tmp_path / "qualkit.yaml"))
    notes = [r.getMessage() for r in caplog.records if "skip-speaker" in r.getMessage()]
    assert notes == ["wave 2025: --skip-speaker 'Notulist' matches no speaker in the transcripts, so it skips nobody; "
                     "the speakers are listed in speakers.csv."]
