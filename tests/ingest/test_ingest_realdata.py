"""Real exports from ../shared/data: exact counts, found once by independent inspection
(Python's csv module, a cell counting as an answer when it is not blank and not NA;
grep for the Markdown labels; json for the JSONL)."""
from __future__ import annotations

import pytest

from ingest_helpers import REAL, assert_offsets, needs_real, both_paths  # noqa: F401  (every test on both paths)
from qualkit.ingest import read_survey, read_transcripts

pytestmark = needs_real
PANEL = REAL / "nl-partypanel-openanswers"


def _cols(first: int, counts: list[int]) -> dict[str, int]:
    return {f"col{first + i}": n for i, n in enumerate(counts)}


PP17_1 = {"col14": 5, "col15": 5, "col16": 5, **_cols(17, [4, 4, 3, 3, 3, 2, 1, 1, 0, 0]),
          **_cols(27, [3, 2, 1, 1, 1, 1, 0, 0, 0, 0])}
PP17_2 = {"col10": 9, "col11": 9, "col13": 8, "col15": 5, **_cols(16, [2, 2, 2, 1, 1, 0, 0, 0, 0, 0]),
          **_cols(26, [1, 1, 1, 0, 0, 0, 0, 0, 0, 0])}
PP18_1 = {"suggestion": 2, "justification": 2,
          **{f"extraQuestions_vraag{i}": n for i, n in enumerate([2, 2, 1, 1, 1, 1, 1, 1, 1, 0], 1)},
          **{f"extraQuestJustificat_vraag{i}": n for i, n in enumerate([1] * 9 + [0], 1)}}
PP18_2 = {"adviseFriendUB": 14, "adviseFriendDB": 14, "discloseUB": 14, "discloseDB": 14, "expertise": 13,
          "recruitment": 8,
          **{f"extraQuestions_vraag{i}": n for i, n in enumerate([5, 2] + [0] * 8, 1)},
          **{f"extraQuestJustificat_vraag{i}": n for i, n in enumerate([4, 2] + [0] * 8, 1)}}
LIME_17 = ["Geef hier aan*", "Geef aan hoe*", "Hoewel Party Panel*", "Leg hier uit*"]
LIME_17_2 = ["Kun je aangeven*", "Dit is misschien*", "Op welke manier*", "Heb je nog idee*",
             "Hoewel Party Panel*", "Leg hier uit*"]
EXTRA = ["extraQuestions_*", "extraQuestJustificat_*"]


@pytest.mark.parametrize("name, id_column, questions, respondents, per_question, total", [
    pytest.param("pp17.1_pre1_survey_987793.csv", "Respons ID", LIME_17, 19, PP17_1, 45, id="pp17.1-pre1"),
    pytest.param("pp17.1_pre2_survey_381842.csv", None, LIME_17_2, 60, PP17_2, 42, id="pp17.1-pre2"),
    pytest.param("pp18.1_pre1_survey_883163.csv", None, ["suggestion", "justification", *EXTRA], 30, PP18_1, 24,
                 id="pp18.1-pre1-R-index"),
    pytest.param("pp18.1_pre2_survey_180102.csv", "id",
                 ["advise*", "disclose*", "expertise", "recruitment", *EXTRA], 157, PP18_2, 90, id="pp18.1-pre2"),
])
def test_limesurvey_exports(name, id_column, questions, respondents, per_question, total):
    c = read_survey(PANEL / name, id_column, questions)
    assert len(c.respondents) == respondents
    assert c.questions == list(per_question)
    assert {q: len(c.answered(q)) for q in c.questions} == per_question
    assert len(c) == total
    assert_offsets(c)
    assert all(s.text != "NA" for s in c)


def test_limesurvey_long_headers_are_labels():
    c = read_survey(PANEL / "pp17.1_pre2_survey_381842.csv", questions=["col10"])
    assert c.labels["col10"].startswith("Kun je aangeven waarom je denkt dat mensen die geen oordopjes")
    assert "\n" in c.labels["col10"]
    assert c.respondents.index.name == "unit_id" and "Respons ID" not in c.respondents.columns


def test_r_index_column_is_dropped():
    c = read_survey(PANEL / "pp18.1_pre1_survey_883163.csv", questions=["suggestion"])
    assert list(c.respondents.index[:3]) == ["57", "58", "59"]
    assert c.respondents.columns[0] == "submitdate" and "" not in c.respondents.columns


def test_plenary_jsonl():
    c = read_transcripts(REAL / "nl-be-kamer-plenary-qa" / "plenary_questions_dutch.jsonl")
    assert len(c.documents) == 229 and len(c.respondents) == 229
    assert len(c) == 1157
    assert c.respondents["topic_nl"].notna().all()
    assert_offsets(c)


def test_rust_interview_markdown():
    c = read_transcripts(REAL / "en-rust-unsafe-interviews" / "interviews" / "transcripts" / "1.md")
    speakers = [(s.speaker, s.coded) for s in c]
    assert speakers.count(("Interviewer", False)) == 69
    assert speakers.count(("Participant", True)) == 67
    assert len(c) == 136
    assert_offsets(c)


def test_limesurvey_question_texts_are_labels():
    """#17: every colN column (question or variable) keeps the question text its header holds."""
    c = read_survey(PANEL / "pp17.1_pre1_survey_987793.csv", "Respons ID", LIME_17)
    cols = [q for q in c.questions if q.startswith("col")] + [v for v in c.respondents.columns if v.startswith("col")]
    assert len(cols) > 20 and all(c.labels.get(q, "").strip() for q in cols)
    assert all(c.labels[q] != q for q in cols)
