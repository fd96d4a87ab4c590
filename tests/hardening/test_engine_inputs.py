"""Hand-made cases on the one engine's path (`qualkit code` streams, `report`/`export` and
``code_inputs`` collect): real exports from ../shared/data, combined and re-encoded by hand.
Each is a [QK] error or the same counts on both paths, never a traceback."""
from __future__ import annotations

import csv

import pytest

import hardening_cases as hc
from conftest import shared
from qualkit.errors import InputError
from qualkit.ingest import ReadOptions
from qualkit.workflow import code_inputs

PP18 = ("nl-partypanel-openanswers", "pp18.1_pre2_survey_180102.csv")
CODEBOOK = """
name: pp
version: "1.0"
language: nl
codes:
  - id: vriend
    label: Vrienden
    include: [{lemma: [vriend, vriendin], compound: true}]
  - id: alcohol
    label: Alcohol
    include: [{lemma: [alcohol, drank, drinken], compound: true}]
"""


@pytest.fixture
def study(tmp_path):
    """The real LimeSurvey export, the same respondents re-saved with BOM and semicolons (a second
    export that numbers its respondents the same way), and a codebook."""
    src = shared(*PP18)
    with src.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    again = tmp_path / "tweede.csv"
    with again.open("w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f, delimiter=";").writerows(rows)
    (tmp_path / "cb.yaml").write_text(CODEBOOK, encoding="utf-8")
    return {"survey": src, "again": again, "cb": tmp_path / "cb.yaml", "rows": rows}


def args(inputs, study, out):
    return ["code", *inputs, "-c", study["cb"], "-i", "id", "-q", "advise*", "-o", out, "--quiet"]


@pytest.mark.parametrize("second", ["again", "survey"], ids=["another export, same ids", "the same file twice"])
def test_respondent_ids_shared_by_two_inputs_are_qk170(study, tmp_path, second):
    """Before: `code` counted each shared id twice (base 28 of 14 people) while `report`/`export`
    (the engine collecting) merged them into one respondent: other tables from the same inputs."""
    res = hc.invoke(args([study["survey"], study[second]], study, tmp_path / "out"))
    assert res.exit_code == 1 and "Error: [QK170]" in res.output and "is also in" in res.output, res.output[-2000:]
    assert "Traceback" not in res.output and not (tmp_path / "out").exists()
    with pytest.raises(InputError) as e:
        code_inputs([study["survey"], study[second]], study["cb"], ReadOptions(id_column="id", questions=["advise*"]))
    assert e.value.code == 170


def test_inputs_with_ids_of_their_own_count_alike_on_both_paths(study, tmp_path):
    """Two exports whose ids differ: `qualkit code` (streamed) and code_inputs (collected) count the same."""
    import pandas as pd

    from qualkit.report import build_tables

    rows = study["rows"]
    idx = rows[0].index("id")
    with study["again"].open("w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f, delimiter=";").writerows([rows[0], *([*r[:idx], f"b{r[idx]}", *r[idx + 1:]] for r in rows[1:])])
    inputs = [study["survey"], study["again"]]
    res = hc.invoke(args(inputs, study, tmp_path / "out"))
    assert res.exit_code == 0, res.output[-2000:]
    cli = pd.read_csv(tmp_path / "out" / "frequencies.csv")
    result = code_inputs(inputs, study["cb"], ReadOptions(id_column="id", questions=["advise*"]))
    api = pd.concat(build_tables(result).frequencies.values())
    assert cli[["code", "n", "base"]].values.tolist() == api[["code", "n", "base"]].values.tolist()
    assert cli["base"].iloc[0] == 28   # 14 answers in each export


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32", "UTF16"])
def test_a_utf8_export_read_as_utf16_is_qk104(study, tmp_path, encoding):
    """utf-16/utf-32 without a byte-order mark raise a plain UnicodeError (no position): was a traceback."""
    res = hc.invoke([*args([study["survey"]], study, tmp_path / "out"), "--encoding", encoding])
    assert res.exit_code == 1 and "Error: [QK104]" in res.output and "line 1" in res.output, res.output[-2000:]
    assert "Traceback" not in res.output and not (tmp_path / "out").exists()
