"""``qualkit learn`` and ``qualkit code --model`` as a new user meets them, on real human-coded sets
(../shared/data): the table fits 80 columns and is read like ``qualkit agree`` (alpha with its
interval), the reader says what it read and which number columns it left out, messages name
command-line options, the suggestions sheet says how to fill in a categorical code, and coding
with a model of words and n-grams loads no spaCy pipeline."""
from __future__ import annotations

import json
import re

import pandas as pd
from typer.testing import CliRunner

from qualkit.cli import app
from tests.conftest import shared

runner = CliRunner()


def _learn(*args: str):
    res = runner.invoke(app, ["learn", *args, "--boot", "200"], env={"COLUMNS": "80"})
    assert res.exit_code == 0, res.output
    return res.output


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_table_fits_80_columns_and_reads_alpha_with_its_interval(tmp_path):
    out = _learn(str(shared("nl-partypanel-openanswers", "pp19.1_pre2_coded_mergedSourceDf.csv")),
                 "--text-column", "utterances_clean", "--coding-id-column", "sequenceNr", "--out", str(tmp_path / "m"))
    assert "35 rows read as 35 units" in _flat(out)             # what was read, as in qualkit agree
    table = out[out.index("code "):out.index("(all codes)")].splitlines()
    assert table and max(map(len, table)) <= 80
    scores = pd.read_csv(tmp_path / "m" / "scores.csv").set_index("code")
    for code, r in scores.drop("(all codes)").iterrows():
        line = next(row for row in table if row.startswith(code[:20]))
        if r.status != "model":
            assert line.rstrip().endswith("not learned"), line  # not 'unreliable'
        elif r.alpha_low < 0.667 <= r.alpha_high:
            assert line.rstrip().endswith("uncertain"), line    # the interval runs across .667
        elif r.alpha_high < 0.667:
            assert line.rstrip().endswith("unreliable"), line
    assert (scores["status"] == "model").any() and (scores["status"] == "rare").any()


def test_crowd_export_names_the_number_columns_left_out(tmp_path):
    crowd = str(shared("nl-ecosent", "f1345162.csv"))
    res = runner.invoke(app, ["learn", crowd, "--text-column", "headline", "--out", str(tmp_path / "m")])
    # the platform's 0/1 flags (_golden, _tainted, _missed) are no codes: the answers must be named
    assert res.exit_code == 1 and "[QK199]" in res.output and "--code 'sentiment'" in _flat(res.output), res.output
    out = _learn(crowd, "--text-column", "headline", "--code", "sentiment", "--out", str(tmp_path / "m2"),
                 "--suggest", "5", "--corpus-input", str(shared("nl-ecosent", "gold_en.csv")), "-i", "id",
                 "-q", "headline")
    assert "the category in sentiment" in _flat(out) and "with 1, then" not in _flat(out)
    codes = [c["id"] for c in json.loads((tmp_path / "m2" / "model.json").read_text())["codes"]]
    assert codes == ["sentiment=-1", "sentiment=0", "sentiment=1"]   # one categorical decision


def test_messages_name_command_line_options(tmp_path):
    gold = str(shared("nl-ecosent", "gold.csv"))
    res = runner.invoke(app, ["learn", gold, "--shape", "matrix", "--out", str(tmp_path / "m")])
    assert res.exit_code == 1 and "[QK145]" in res.output
    said = _flat(res.output)
    assert "--code " in said and "--code-column" not in said                 # an option that exists
    pp = str(shared("nl-partypanel-openanswers", "pp19.1_pre2_coded_mergedSourceDf.csv"))
    res = runner.invoke(app, ["learn", pp, "--out", str(tmp_path / "m")])
    assert res.exit_code == 1 and "[QK142]" in res.output and "with --coding-id-column (" in _flat(res.output)
    assert "Traceback" not in res.output


def test_code_with_a_word_model_loads_no_spacy_pipeline(tmp_path):
    manual = pd.read_csv(shared("nl-ecosent", "manual_coding.csv"))
    heads = pd.read_csv(shared("nl-ecosent", "metadata.csv"), dtype={"id": str})
    ids = sorted(manual["id"].unique())
    manual[manual["id"].isin(ids[:200])].to_csv(tmp_path / "train.csv", index=False)
    heads[heads["id"].isin({str(i) for i in ids[200:]})].to_csv(tmp_path / "new.csv", index=False)
    _learn(str(tmp_path / "train.csv"), "--corpus-input", str(shared("nl-ecosent", "metadata.csv")),
           "-i", "id", "-q", "headline", "--out", str(tmp_path / "m"))
    res = runner.invoke(app, ["code", str(tmp_path / "new.csv"), "--model", str(tmp_path / "m"), "-i", "id",
                              "-q", "headline", "--out", str(tmp_path / "out")])
    assert res.exit_code == 0, res.output
    assert "spacy download" not in res.output and "Coded by the model" in res.output
    run = json.loads((tmp_path / "out" / "run.json").read_text())
    assert run["pipeline"].startswith("learned model") and run["segments_coded"] == 80
    coded = pd.read_csv(tmp_path / "out" / "segments.csv")
    assert set(coded["method"]) == {"model"} and coded["unit_id"].nunique() == 80   # one category each


def test_multi_select_cells_kept_whole_are_named_and_split_with_separator(tmp_path):
    """The rust community survey's coded reasons ('Ergonomics, No Other Choice'): the output says
    how many cells were kept whole, and --separator splits them into the codes."""
    sheet = pd.read_csv(shared("en-rust-unsafe-interviews", "community_survey", "coding", "unsafe.csv"))
    sheet.insert(0, "id", [f"u{i}" for i in range(len(sheet))])
    sheet.to_csv(tmp_path / "reasons.csv", index=False)
    args = [str(tmp_path / "reasons.csv"), "--text-column", "Reason", "--language", "en", "--cv", "3"]
    out = _learn(*args, "--out", str(tmp_path / "m"))
    assert "kept whole" in _flat(out) and "--separator" in out
    _learn(*args, "--separator", ",", "--out", str(tmp_path / "m2"))
    codes = set(pd.read_csv(tmp_path / "m2" / "scores.csv")["code"])
    assert {"Ergonomics", "Experimentation", "No Other Choice"} <= codes and not any("," in c for c in codes)


def test_texts_without_words_learn_from_characters_or_say_why(tmp_path):
    """A column of -1/0/1 named as the question (the expert gold sentiment): the words block is empty.
    Learning goes on with the character n-grams (was a scikit-learn traceback), and without them it
    is QK371, not a traceback."""
    import pytest

    from qualkit.coding.learned import LearnedCoder
    from qualkit.errors import ModelError

    gold = pd.read_csv(shared("nl-ecosent", "gold.csv"))
    X = pd.DataFrame({"text": gold["value"].astype(str)})
    Y = pd.DataFrame({"negatief": (gold["value"] == -1).astype(int)})
    assert LearnedCoder(random_state=0).fit(X, Y).predict(X)["negatief"].sum() > 0
    with pytest.raises(ModelError, match=r"\[QK371\].*--question"):
        LearnedCoder(char_ngrams=None).fit(X, Y)
    manual = pd.read_csv(shared("nl-ecosent", "manual_coding.csv"))
    manual[manual["id"].isin(gold["id"][:150])].to_csv(tmp_path / "train.csv", index=False)
    res = runner.invoke(app, ["learn", str(tmp_path / "train.csv"), "--corpus-input", str(shared("nl-ecosent", "gold.csv")),
                              "-i", "id", "-q", "value", "--out", str(tmp_path / "m"), "--boot", "0"])
    assert res.exit_code == 0 and "Traceback" not in res.output, res.output


def test_a_code_left_to_the_rules_is_not_also_flagged_do_not_use(tmp_path):
    """The README's example: 'uitval' is too rare to learn and coded by the codebook's rules; learn
    says so once, not also 'do not use automatically (alpha below .667)' without an alpha."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    out = _flat(_learn(str(root / "corpora" / "ocmw-werkdruk-2026-groundtruth.csv"), "--corpus-input",
                       str(root / "corpora" / "ocmw-werkdruk-2026.csv"), "-i", "respondent", "-q", "Q23", "-q", "Q24",
                       "--codebook", str(root / "codebooks" / "werkdruk.yaml"), "--cv", "2",
                       "--out", str(tmp_path / "m")))
    assert "coded by their rules: uitval" in out
    # the rules' pipeline and matching are timed apart, not as cross-validation
    assert re.search(r"cross-validation; [0-9.]+ s reading the codings and texts and matching the codebook's rules", out)
    flagged = re.search(r"Do not use automatically \([^)]*\): ([^.]*)\.", out)
    assert flagged is None or "uitval" not in flagged.group(1)


def test_code_with_a_mistyped_model_folder_says_so(tmp_path):
    survey = str(shared("nl-ecosent", "gold_en.csv"))
    (tmp_path / "empty").mkdir()
    for model, why in ((tmp_path / "modle", "no such folder"), (tmp_path / "empty", "a folder without model.json")):
        res = runner.invoke(app, ["code", survey, "--model", str(model), "-i", "id", "-q", "headline",
                                  "--out", str(tmp_path / "out")])
        assert res.exit_code == 1 and "[QK372]" in res.output and why in res.output, res.output
    res = runner.invoke(app, ["code", survey, "-i", "id", "-q", "headline", "--out", str(tmp_path / "out")])
    assert res.exit_code == 1 and "[QK149]" in res.output


def test_a_column_of_category_words_is_one_categorical_code(tmp_path):
    """The student codings of ecosent with the sentiment as words (id, coder, sentiment): not a shape
    qualkit can guess; QK141 points at --code, and with it the sentiment is one decision of three."""
    manual = pd.read_csv(shared("nl-ecosent", "manual_coding.csv"))
    manual["sentiment"] = manual.pop("value").map({-1: "negatief", 0: "neutraal", 1: "positief"})
    manual.to_csv(tmp_path / "words.csv", index=False)
    args = [str(tmp_path / "words.csv"), "--corpus-input", str(shared("nl-ecosent", "metadata.csv")), "-i", "id",
            "-q", "headline", "--boot", "0", "--cv", "3"]
    res = runner.invoke(app, ["learn", *args, "--out", str(tmp_path / "m")])
    assert res.exit_code == 1 and "[QK141]" in res.output and "--code" in res.output
    res = runner.invoke(app, ["learn", *args, "--code", "sentiment", "--out", str(tmp_path / "m")])
    assert res.exit_code == 0, res.output
    meta = json.loads((tmp_path / "m" / "model.json").read_text())
    assert meta["params"]["exclusive"] == [["sentiment=negatief", "sentiment=neutraal", "sentiment=positief"]]


def test_crowd_export_with_repeated_judgments_learns_with_merge_duplicates(tmp_path):
    """The second ecosent crowd job repeats a worker's judgment of a headline (two _id rows): QK190
    names --merge-duplicates, and learn takes it (it did not: the fix the message gave was missing)."""
    args = [str(shared("nl-ecosent", "f1386488.csv")), "--text-column", "headline", "--code", "sentiment",
            "--boot", "0", "--cv", "3", "--out", str(tmp_path / "m")]
    res = runner.invoke(app, ["learn", *args])
    assert res.exit_code == 1 and "[QK190]" in res.output and "--merge-duplicates" in res.output
    out = _flat(_learn(*args, "--merge-duplicates"))
    assert "duplicate rows (same unit and coder) were merged" in out
