"""The bundled synthetic demo data and codebooks: they load, have the designed
shape and shares, and ``corpora/make_demo.py`` reproduces them byte for byte."""
from __future__ import annotations

import csv
import importlib.util
import io
import sys
from pathlib import Path

import pytest

from qualkit.codebook.io import load

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT / "corpora"
CODEBOOKS = ROOT / "codebooks"
SURVEY_COLUMNS = ["respondent", "afdeling", "regio", "anciënniteit", "tijdsdruk", "admin_uren",
                  "uitputting", "Q23", "Q24", "Q25"]


@pytest.fixture(scope="module")
def make_demo():
    spec = importlib.util.spec_from_file_location("make_demo", CORPORA / "make_demo.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_demo"] = module          # dataclasses look their module up here
    try:
        spec.loader.exec_module(module)
        yield module
    finally:
        sys.modules.pop("make_demo", None)


def read_csv(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), f"{path.name}: no UTF-8 BOM"
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))


def answered(rows: list[dict[str, str]], q: str) -> set[str]:
    return {r["respondent"] for r in rows if r[q].strip()}


# --- codebooks ---------------------------------------------------------------

@pytest.mark.parametrize("name, codes", [
    ("werkdruk.yaml", ["personeel", "administratie", "samenwerking", "steun", "caseload", "digitalisering",
                       "vorming", "flexibel_werk", "verloning", "supervisie", "communicatie", "autonomie", "uitval"]),
    ("activering.yaml", ["taal", "huisvesting", "mobiliteit", "digitale_kloof", "multiproblematiek",
                         "pre_activering", "gpmi", "arbeidsmarkt"]),
])
def test_codebook_loads(name, codes):
    cb = load(CODEBOOKS / name)
    assert cb.version == "1.0.0" and cb.language == "nl"
    assert set(codes) <= set(cb.ids)
    for cid in codes:
        code = cb.code(cid)
        assert code.include and code.match and code.no_match, cid


def test_werkdruk_codebook_design():
    cb = load(CODEBOOKS / "werkdruk.yaml")
    assert cb.name == "werkdruk-ocmw"
    assert cb.code("personeel").label == "Meer personeel"
    assert cb.code("administratie").label == "Administratieve vereenvoudiging"
    assert cb.code("samenwerking").label == "Samenwerking met externe diensten"
    assert cb.code("steun").label == "Steun en erkenning"
    assert cb.code("personeel").questions == ["Q23", "Q25"]
    assert cb.code("steun").questions == ["Q24", "Q25"]
    assert "We hebben geen extra personeel nodig." in cb.code("personeel").no_match
    kinds = {r.kind for c in cb.codes for r in c.include}
    assert kinds == {"lemma", "phrase", "glob", "regex"}
    assert any(r.compound and r.pattern == "personeel" for r in cb.code("personeel").include)
    assert cb.children("capaciteit") == ["personeel", "caseload"]


def test_codebook_examples_pass():
    coding = pytest.importorskip("qualkit.coding")
    for name in ("werkdruk.yaml", "activering.yaml"):
        cb = load(CODEBOOKS / name)
        failed = [(c.code, c.expected, c.index) for c in coding.check_examples(cb) if not c.passed]
        assert not failed, f"{name}: {failed}"


# --- survey files ------------------------------------------------------------

@pytest.mark.parametrize("name, n, prefix", [("ocmw-werkdruk-2026.csv", 146, "R"),
                                             ("ocmw-werkdruk-2027.csv", 130, "S")])
def test_survey_shape(name, n, prefix):
    raw = (CORPORA / name).read_bytes()
    assert b"\r\n" in raw
    rows = read_csv(CORPORA / name)
    assert len(rows) == n
    assert list(rows[0]) == SURVEY_COLUMNS
    assert [r["respondent"] for r in rows] == [f"{prefix}{k:03d}" for k in range(1, n + 1)]
    assert {r["admin_uren"] for r in rows} == {"<10u", "10-20u", ">20u"}
    assert {r["tijdsdruk"] for r in rows} <= set("12345")
    assert {r["uitputting"] for r in rows} <= set("12345")
    assert {r["regio"] for r in rows} == {"Antwerpen", "Oost-Vlaanderen", "West-Vlaanderen", "Limburg",
                                         "Vlaams-Brabant"}
    assert 0 < n - len(answered(rows, "Q23")) < n - len(answered(rows, "Q24")) < n - len(answered(rows, "Q25"))


def test_survey_2026_closed_questions():
    rows = read_csv(CORPORA / "ocmw-werkdruk-2026.csv")
    assert sum(int(r["tijdsdruk"]) >= 4 for r in rows) == 83          # 57%
    assert sum(r["admin_uren"] == ">20u" for r in rows) == 53           # 36%
    assert len(answered(rows, "Q23")) == 134                            # 8% empty


def test_generator_is_deterministic(make_demo, tmp_path):
    written = make_demo.generate(tmp_path)
    assert set(written) == {
        "ocmw-werkdruk-2026.csv", "ocmw-werkdruk-2027.csv", "ocmw-werkdruk-2026-groundtruth.csv",
        "ocmw-werkdruk-2027-groundtruth.csv", "ocmw-werkdruk-2026-studentcodering.csv",
        "interviews/interview-01.txt", "interviews/interview-02.md", "interviews/sprekers.csv"}
    for rel, path in written.items():
        assert path.read_bytes() == (CORPORA / rel).read_bytes(), f"{rel} differs: rerun python corpora/make_demo.py"


# --- ground truth and student coding -------------------------------------------

def shares(truth: list[dict[str, str]], q: str) -> dict[str, float]:
    rows = [r for r in truth if r["vraag"] == q]
    codes = [c for c in truth[0] if c not in ("respondent", "vraag")]
    return {c: sum(r[c] == "1" for r in rows) / len(rows) for c in codes}


@pytest.mark.parametrize("wave", ["2026", "2027"])
def test_ground_truth_matches_design(make_demo, wave):
    design = make_demo.WAVES[wave]
    survey = read_csv(CORPORA / f"ocmw-werkdruk-{wave}.csv")
    truth = read_csv(CORPORA / f"ocmw-werkdruk-{wave}-groundtruth.csv")
    for q, planned in (("Q23", design.q23), ("Q24", design.q24), ("Q25", design.q25)):
        ids = answered(survey, q)
        assert {r["respondent"] for r in truth if r["vraag"] == q} == ids, q
        got = shares(truth, q)
        for code, share in planned.items():
            assert got[code] == pytest.approx(round(share * len(ids)) / len(ids)), (q, code)
        assert all(v == 0 for c, v in got.items() if c not in planned), q


def test_ground_truth_shares_2026():
    truth = read_csv(CORPORA / "ocmw-werkdruk-2026-groundtruth.csv")
    q23, q24 = shares(truth, "Q23"), shares(truth, "Q24")
    assert q23["personeel"] == pytest.approx(0.45, abs=0.01)
    assert q23["administratie"] == pytest.approx(0.30, abs=0.01)
    assert q23["samenwerking"] == pytest.approx(0.15, abs=0.01)
    assert q24["steun"] == pytest.approx(0.28, abs=0.01)
    for code in ("caseload", "digitalisering", "vorming", "flexibel_werk", "verloning"):
        assert 0.05 <= q23[code] <= 0.12, code


def test_wave_2027_shift():
    truth = read_csv(CORPORA / "ocmw-werkdruk-2027-groundtruth.csv")
    q23 = shares(truth, "Q23")
    assert q23["administratie"] == pytest.approx(0.40, abs=0.01)
    assert q23["personeel"] == pytest.approx(0.38, abs=0.01)


def test_administration_heavier_for_over_20_hours():
    survey = {r["respondent"]: r for r in read_csv(CORPORA / "ocmw-werkdruk-2026.csv")}
    truth = [r for r in read_csv(CORPORA / "ocmw-werkdruk-2026-groundtruth.csv") if r["vraag"] == "Q23"]
    over = [r["administratie"] == "1" for r in truth if survey[r["respondent"]]["admin_uren"] == ">20u"]
    rest = [r["administratie"] == "1" for r in truth if survey[r["respondent"]]["admin_uren"] != ">20u"]
    assert sum(over) / len(over) > sum(rest) / len(rest) + 0.15


def test_student_coding_disagrees_about_8_percent():
    truth = [r for r in read_csv(CORPORA / "ocmw-werkdruk-2026-groundtruth.csv") if r["vraag"] != "Q25"]
    student = read_csv(CORPORA / "ocmw-werkdruk-2026-studentcodering.csv")
    assert [(r["respondent"], r["vraag"]) for r in student] == [(r["respondent"], r["vraag"]) for r in truth]
    codes = [c for c in student[0] if c not in ("respondent", "vraag")]
    assert "uitval" not in codes
    positives = sum(r[c] == "1" for r in truth for c in codes)
    diff = sum(t[c] != s[c] for t, s in zip(truth, student) for c in codes)
    assert diff == round(0.08 * positives)
    assert {v for r in student for c in codes for v in r[c]} == {"0", "1"}


# --- interviews ----------------------------------------------------------------

@pytest.mark.parametrize("name, label", [("interview-01.txt", "MA1:"), ("interview-02.md", "**MA2**:")])
def test_interviews(name, label):
    text = (CORPORA / "interviews" / name).read_text(encoding="utf-8")
    interviewer = "Interviewer:" if name.endswith(".txt") else "**Interviewer**:"
    lines = text.splitlines()
    turns = sum(ln.startswith((interviewer, label)) for ln in lines)
    assert 25 <= turns <= 40
    assert sum(ln.startswith(label) for ln in lines) >= 12
    for word in ("Nederlands", "woning", "rijbewijs", "De Lijn", "itsme", "schulden", "kinderopvang",
                 "welzijnstraject", "GPMI", "VDAB", "art. 60"):
        assert word.lower() in text.lower(), word


# --- the bundled codebook recovers the planted shares ----------------------------

def test_werkdruk_codebook_recovers_planted_shares():
    """Coded Q23/Q24 shares within 3 points of the planted ones (corpora/README.md)."""
    scale = pytest.importorskip("qualkit.scale")
    import pandas as pd

    from qualkit.types import Corpus, Segment

    survey = read_csv(CORPORA / "ocmw-werkdruk-2026.csv")
    segments, documents = [], {}
    for r in survey:
        for q in ("Q23", "Q24"):
            if r[q].strip():
                doc_id = f"{r['respondent']}/{q}"
                documents[doc_id] = r[q]
                segments.append(Segment(text=r[q], doc_id=doc_id, start=0, end=len(r[q]), unit_id=r["respondent"],
                                        question=q, source="ocmw-werkdruk-2026.csv"))
    corpus = Corpus(segments=segments, documents=documents, respondents=pd.DataFrame(survey).set_index("respondent"),
                    questions=["Q23", "Q24"], kind="survey")
    codings = scale.code_corpus(corpus, load(CODEBOOKS / "werkdruk.yaml")).codings
    truth = read_csv(CORPORA / "ocmw-werkdruk-2026-groundtruth.csv")
    for q, codes in (("Q23", ["personeel", "administratie", "samenwerking"]), ("Q24", ["steun"])):
        n = len(answered(survey, q))
        planted = shares(truth, q)
        for code in codes:
            coded = codings[(codings.question == q) & (codings.code == code)].unit_id.nunique() / n
            assert coded == pytest.approx(planted[code], abs=0.03), (q, code, coded, planted[code])
