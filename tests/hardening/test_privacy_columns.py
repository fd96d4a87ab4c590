"""--pseudonymise covers every text-bearing column and the identifiers Flemish data holds
(issue #11, items 7 and 8).

A codebook whose rules match the identifiers themselves (a name, phone digits, an IBAN
fragment) puts them in the ``matched`` and ``rule`` columns: they must go too. A
positive control shows they are there without --pseudonymise.
"""
from __future__ import annotations

import csv
import io

import pytest

import hardening_cases as hc
from qualkit.privacy import Pseudonymiser, pseudonymise

CODEBOOK = r"""
name: lekken
version: "1"
codes:
  - id: naam
    label: Naam
    include: [{glob: "peeter*"}]
  - id: telefoon
    label: Telefoon
    include: [{regex: '470 \d\d \d\d \d\d'}]
  - id: rekening
    label: Rekening
    include: [{phrase: "BE68 5390"}]
  - id: personeel
    label: Meer personeel
    include: [{lemma: personeel}]
"""
ANSWERS = ["Bel dhr. Peeters op 0470 12 34 56, meer personeel.",
           "Stort op BE68 5390 0754 7034 voor het personeel.",
           "Meer personeel, zegt mevrouw Peeters."]
SECRETS = ["Peeters", "470 12 34 56", "BE68 5390", "5390 0754"]


@pytest.fixture
def study(tmp_path):
    rows = "".join(f"R{i};{a}\n" for i, a in enumerate(ANSWERS))
    (tmp_path / "s.csv").write_text("id;Q1\n" + rows, encoding="utf-8")
    (tmp_path / "cb.yaml").write_text(CODEBOOK, encoding="utf-8")
    return tmp_path


def _outputs(folder):
    import openpyxl

    seg = (folder / "segments.csv").read_text(encoding="utf-8")
    wb = openpyxl.load_workbook(folder / "qualkit.xlsx", read_only=True)
    cells = "\n".join(str(v) for row in wb["segments"].iter_rows(values_only=True) for v in row if v is not None)
    return {"segments.csv": seg, "qualkit.xlsx": cells, "report.html": (folder / "r.html").read_text(encoding="utf-8")}


def _run(study, *extra):
    res = hc.invoke(["code", study / "s.csv", "-c", study / "cb.yaml", "-i", "id", "-q", "Q1", "--out",
                     study / "out", "--report", study / "out" / "r.html", *extra])
    assert res.exit_code == 0, res.output[-2000:]
    return _outputs(study / "out")


def test_without_pseudonymise_the_matched_column_holds_the_identifiers(study):
    texts = _run(study)
    rows = list(csv.DictReader(io.StringIO(texts["segments.csv"])))
    matched = " ".join(r["matched"] for r in rows)
    assert all(s in matched for s in ("Peeters", "470 12 34 56", "BE68 5390"))


def test_pseudonymise_covers_matched_and_rule(study):
    texts = _run(study, "--pseudonymise")
    for name, text in texts.items():
        assert [s for s in SECRETS if s in text] == [], name
    rows = list(csv.DictReader(io.StringIO(texts["segments.csv"])))
    assert {r["code"] for r in rows} >= {"naam", "telefoon", "rekening", "personeel"}  # still coded
    by_code = {r["code"]: r["matched"] for r in rows}
    assert by_code["naam"] == "[NAAM]" and by_code["telefoon"] == "[TELEFOON]" and by_code["rekening"] == "[IBAN]"
    assert by_code["personeel"] == "personeel"  # ordinary words stay


@pytest.mark.parametrize("text, want", [
    ("Rijksregisternummer 85/07/30-033/28.", "Rijksregisternummer [RIJKSREGISTERNR]."),
    ("Nummer 85.07.30/033.28 klopt.", "Nummer [RIJKSREGISTERNR] klopt."),
    ("Rekening BE 68 5390 0754 7034 aub.", "Rekening [IBAN] aub."),
    ("Rekening BE68-5390-0754-7034 aub.", "Rekening [IBAN] aub."),
    ("Op BE68 5390 0754 7034 al het personeel", "Op [IBAN] al het personeel"),
    ("Op BE68539007547034 totaal personeel", "Op [IBAN] totaal personeel"),
    ("Op BE68 5390 0754 7035 totaal personeel", "Op [IBAN] totaal personeel"),  # a typo: still an IBAN
    ("Ik woon rue de la Loi 16, 1000 Bruxelles.", "Ik woon [ADRES]."),
    ("Adres: 16, avenue Louise.", "Adres: [ADRES]."),
    ("Chaussée de Wavre 123 is ver.", "[ADRES] is ver."),
    ("boulevard Anspach 5 en place Flagey 18", "[ADRES] en [ADRES]"),
    ("Kerkstr. 12, 9000 Gent", "[ADRES]"),
    ("madame Dupont et monsieur Jean Martin", "madame [NAAM] et monsieur [NAAM]"),
    ("Ik heb nog 3 places vrij en 12 jaar ervaring.", "Ik heb nog 3 places vrij en 12 jaar ervaring."),
])
def test_patterns(text, want):
    assert pseudonymise(text) == want


def test_speakers_get_consistent_pseudonyms(tmp_path):
    """Item 8: the speaker column; the same person is the same Spreker n in every file."""
    (tmp_path / "i1.txt").write_text("Interviewer: Hoe gaat het?\nMarie Peeters: Te druk, meer personeel.\n"
                                     "Interviewer: Dank u Marie Peeters.\nJan Claes: Ook meer personeel.\n"
                                     "Marie Peeters: Echt meer personeel.\nJan Claes: Ja, personeel.\n",
                                     encoding="utf-8")
    (tmp_path / "cb.yaml").write_text("name: t\nversion: '1'\nunit: segment\ncodes:\n  - id: p\n    label: P\n"
                                      "    include: [{lemma: personeel}]\n", encoding="utf-8")
    res = hc.invoke(["code", tmp_path / "i1.txt", "-c", tmp_path / "cb.yaml", "--out", tmp_path / "out",
                     "--report", tmp_path / "out" / "r.html", "--pseudonymise", "--code-interviewer"])
    assert res.exit_code == 0, res.output[-2000:]
    rows = list(csv.DictReader(io.StringIO((tmp_path / "out" / "segments.csv").read_text(encoding="utf-8"))))
    assert {r["speaker"] for r in rows} == {"Spreker 1", "Spreker 2"}
    html = (tmp_path / "out" / "r.html").read_text(encoding="utf-8")
    everything = (tmp_path / "out" / "segments.csv").read_text(encoding="utf-8") + html
    assert "Peeters" not in everything and "Claes" not in everything
    assert "Spreker 1" in html


def test_roles_stay():
    p = Pseudonymiser(speakers=["Interviewer", "R", "Deelnemer 2", "Fatima"])
    assert [p.speaker(s) for s in ("Interviewer", "R", "Deelnemer 2", "Fatima", "Fatima")] == \
        ["Interviewer", "R", "Deelnemer 2", "Spreker 1", "Spreker 1"]


def _plenary(tmp_path, n: int = 12):
    """The first ``n`` debates with text of the Belgian parliament's plenary questions (every
    language): real members' names as speakers and in the text."""
    import json

    from conftest import shared

    lines, names = [], set()
    with shared("nl-be-kamer-plenary-qa", "plenary_questions_all.jsonl").open(encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            if any(t["text"].strip() for t in rec["turns"]):
                lines.append(line)
                names |= {t["speaker"] for t in rec["turns"]}
            if len(lines) == n:
                break
    p = tmp_path / "plenair.jsonl"
    p.write_text("".join(lines), encoding="utf-8")
    return p, sorted(n for n in names if n != "Voorzitter")


def test_speakers_pseudonymised_in_every_interview_table(tmp_path):
    """Item 8: speaker names in the interview tables (speakers.csv, by_speaker.csv, the speaker
    breakdown, their sheets), the report's speaker table and heat map, and on screen: pseudonyms,
    the same everywhere, rows in pseudonym order (the order of the real names would give them away)."""
    data, names = _plenary(tmp_path)
    (tmp_path / "cb.yaml").write_text("name: t\nversion: '1'\nunit: segment\ncodes:\n  - id: b\n    label: B\n"
                                      "    include: [{lemma: begroting}, {lemma: budget}]\n", encoding="utf-8")
    out = tmp_path / "out"
    res = hc.invoke(["code", data, "-c", tmp_path / "cb.yaml", "--out", out, "--report", out / "r.html",
                     "--pseudonymise", "--by", "speaker"], width=400)
    assert res.exit_code == 0, res.output[-2000:]
    texts = hc.output_texts(out)
    assert {"speakers.csv", "by_speaker.csv", "breakdown_speaker.csv", "qualkit.xlsx", "r.html"} <= set(texts)
    surnames = {" ".join(n.split()[1:]) for n in names if len(n.split()) > 1}  # "collega Tonniau" too
    leaks = {f: sorted(s for s in surnames if s in text) for f, text in {**texts, "screen": res.output}.items()}
    assert {f: s for f, s in leaks.items() if s} == {}
    speakers = list(csv.DictReader(io.StringIO(texts["speakers.csv"])))
    shown = [r["speaker"] for r in speakers]
    assert shown == [f"Spreker {i}" for i in range(1, len(names) + 1)] + ["Voorzitter"]  # a role stays
    import re

    html = texts["r.html"]
    rows = re.findall(r'<tr class="[^"]*"><td class="">([^<]*)</td><td class="num">(\d+)</td>',
                      html[html.index('id="speakers"'):])
    assert rows == [(r["speaker"], r["turns"]) for r in speakers]  # same pseudonyms, order and counts
