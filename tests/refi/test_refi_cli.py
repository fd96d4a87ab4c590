"""The REFI-QDA commands end to end on the bundled demo, with schema validation."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
from typer.testing import CliRunner

from qualkit.cli import app
from qualkit.codebook import dumps, load_codebook
from refi_helpers import qdpx_members, refi_file, validate

runner = CliRunner()
ROOT = Path(__file__).resolve().parents[2]
WERKDRUK = str(ROOT / "codebooks" / "werkdruk.yaml")
DEMO = [str(ROOT / "corpora" / "ocmw-werkdruk-2026.csv"), "-c", WERKDRUK, "-i", "respondent", "-q", "Q23", "-q", "Q24"]


def test_codebook_round_trip_via_cli(tmp_path):
    qdc, back = tmp_path / "w.qdc", tmp_path / "w.yaml"
    assert runner.invoke(app, ["codebook", "export", WERKDRUK, "-o", str(qdc)]).exit_code == 0
    validate("Codebook.xsd", qdc.read_bytes())
    res = runner.invoke(app, ["codebook", "import", str(qdc), "-o", str(back)])
    assert res.exit_code == 0, res.output
    assert dumps(load_codebook(back)) == dumps(load_codebook(WERKDRUK))


def test_project_export_import(tmp_path):
    qdpx, out = tmp_path / "demo.qdpx", tmp_path / "imp"
    res = runner.invoke(app, ["export", *DEMO, "-o", str(qdpx)])
    assert res.exit_code == 0, res.output
    validate("Project.xsd", qdpx_members(qdpx.read_bytes())["project.qde"])
    seg = tmp_path / "seg"
    assert runner.invoke(app, ["code", *DEMO, "-o", str(seg)]).exit_code == 0
    res = runner.invoke(app, ["import", str(qdpx), "-o", str(out)])
    assert res.exit_code == 0, res.output
    got = pd.read_csv(out / "codings.csv")
    want = pd.read_csv(seg / "segments.csv")
    key = ["unit_id", "question", "code", "unit_start", "unit_end"]
    assert sorted(map(tuple, got[key].astype(str).values)) == sorted(map(tuple, want[key].astype(str).values))
    assert set(got.coder) == {"qualkit"} and set(got.method) == {"rule"}
    assert "codings per coder: qualkit" in res.output


def test_atlas_sample_imports(tmp_path):
    res = runner.invoke(app, ["import", str(refi_file("atlas-sample-project.qdpx")), "-o", str(tmp_path / "a")])
    assert res.exit_code == 0, res.output
    assert "manual: true" in res.output and "3 codes" in res.output


def test_errors(tmp_path):
    bad = tmp_path / "bad.qdpx"
    bad.write_bytes(b"not a zip")
    res = runner.invoke(app, ["import", str(bad)])
    assert res.exit_code == 1 and res.output.startswith("Error: [QK526]"), res.output
    res = runner.invoke(app, ["codebook", "export", WERKDRUK, "-o", str(tmp_path / "x.qdc"), "--format", "nvp"])
    assert res.exit_code == 1 and "Error: [QK520] unknown codebook format 'nvp'. Use: qdc." in res.output
    assert not (tmp_path / "qualkit-import").exists()


def test_export_carries_only_the_variables_named(tmp_path):
    """#11 item 9: a real LimeSurvey export holds names and e-mail addresses in other columns;
    none of them reaches project.qde unless named with --variable."""
    from conftest import shared

    src = shared("nl-partypanel-openanswers", "pp17.1_pre1_survey_987793.csv")
    frame = pd.read_csv(src)
    cols = [frame.columns[i] for i in (6, 9, 12)]  # IP address, name, e-mail
    private = [str(v) for c in cols for v in frame[c].dropna()]
    assert len(private) == 29 and sum("@" in v for v in private) == 5
    base = [str(src), "-c", WERKDRUK, "-i", "Respons ID", "-q", "Geef hier aan waarom*"]
    qdpx = tmp_path / "pp.qdpx"
    res = runner.invoke(app, ["export", *base, "-o", str(qdpx)])
    assert res.exit_code == 0, res.output
    qde = qdpx_members(qdpx.read_bytes())["project.qde"].decode("utf-8")
    assert "<Variable " not in qde and not [v for v in private if v in qde]
    assert "case variables: none" in res.output
    res = runner.invoke(app, ["export", *base, "-o", str(qdpx), "-v", "Begin taal"])
    assert res.exit_code == 0, res.output
    qde = qdpx_members(qdpx.read_bytes())["project.qde"].decode("utf-8")
    assert qde.count("<Variable ") == 1 and 'name="Begin taal"' in qde
    assert not [v for v in private if v in qde]
    res = runner.invoke(app, ["export", *base, "-o", str(tmp_path / "x.qdpx"), "-v", "e-mail"])
    assert res.exit_code == 1 and res.output.startswith("Error: [QK522]") and "IP-adres" in res.output
    assert not (tmp_path / "x.qdpx").exists()


def test_export_pseudonymise_keeps_codings_on_their_words(tmp_path):
    src = tmp_path / "s.csv"
    src.write_text("id;Q23\nR1;Bel mevrouw Peeters op 0470 12 34 56, we hebben meer personeel nodig.\n"
                   "R2;Mail jan.peeters@ocmw.be: te weinig collega's 😀.\n", encoding="utf-8")
    qdpx = tmp_path / "p.qdpx"
    res = runner.invoke(app, ["export", str(src), "-c", WERKDRUK, "-i", "id", "-q", "Q23", "-o", str(qdpx),
                              "--pseudonymise", "--offsets", "utf16"])
    assert res.exit_code == 0, res.output
    members = qdpx_members(qdpx.read_bytes())
    everything = b"".join(members.values()).decode("utf-8")
    assert "Peeters" not in everything and "0470" not in everything and "ocmw.be" not in everything
    from qualkit.refi import import_qdpx

    back = import_qdpx(qdpx)
    assert back.offsets == "utf16"
    got = {back.corpus.documents[r.doc_id][r.match_start:r.match_end] for r in back.codings.itertuples()}
    assert {"personeel", "collega's"} <= {w for g in got for w in g.split()} and all(r.matched in
           back.corpus.documents[r.doc_id] for r in back.codings.itertuples())


def test_export_pseudonymise_gives_speakers_pseudonyms(tmp_path):
    """A transcript's speaker labels are names: with --pseudonymise they are 'Spreker n' in every
    coding and segment (roles such as Interviewer stay) and the names are gone from the texts."""
    src = tmp_path / "gesprek.txt"
    src.write_text("Interviewer: Wat moet beter?\n\nMarleen Claes: We hebben meer personeel nodig.\n\n"
                   "Interviewer: Nog iets?\n\nMarleen Claes: Zeg tegen Marleen Claes: minder papierwerk. Meer collega's!\n",
                   encoding="utf-8")
    cb = tmp_path / "cb.yaml"
    cb.write_text("name: t\nversion: '1'\nunit: segment\ncodes:\n  - id: personeel\n    label: Personeel\n"
                  "    include: [{lemma: [personeel, collega]}]\n", encoding="utf-8")
    qdpx = tmp_path / "g.qdpx"
    res = runner.invoke(app, ["export", str(src), "-c", str(cb), "-o", str(qdpx), "--pseudonymise"])
    assert res.exit_code == 0, res.output
    everything = b"".join(qdpx_members(qdpx.read_bytes()).values()).decode("utf-8")
    assert "Marleen" not in everything and "Claes" not in everything
    from qualkit.refi import import_qdpx

    back = import_qdpx(qdpx)
    assert {s.speaker for s in back.corpus.segments} == {"Interviewer", "Spreker 1"}
    assert set(back.codings.speaker) == {"Spreker 1"} and len(back.codings) >= 2
    docs = back.corpus.documents
    assert {r.matched for r in back.codings.itertuples()} <= {docs[r.doc_id][r.match_start:r.match_end]
                                                              for r in back.codings.itertuples()}
