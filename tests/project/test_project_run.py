"""Running a project: wave comparison with a known change, manifest, byte-identical
reruns, the coding cache, renamed questions."""
from __future__ import annotations

import hashlib
import json

import pandas as pd
import pytest
from project_helpers import SECRET, make_project, table_bytes

from qualkit.errors import ProjectError
from qualkit.project import check_manifest, compare_waves, run_project


@pytest.fixture(scope="module")
def first_run(tmp_path_factory):
    path = make_project(tmp_path_factory.mktemp("proj"))
    return path, run_project(path)


def row(df, question, code):
    hit = df[(df.question == question) & (df.code == code)]
    assert len(hit) == 1, (question, code)
    return hit.iloc[0]


def test_comparison_finds_the_planted_change(first_run):
    _, run = first_run
    df = run.comparison
    pers = row(df, "Q1", "personeel")
    assert (pers.n_from, pers.base_from, pers.n_to, pers.base_to) == (40, 200, 120, 200)
    assert (pers.pct_from, pers.pct_to, pers.diff_pp) == pytest.approx((20.0, 60.0, 40.0))
    assert pers.ci_low_to < 60 < pers.ci_high_to and pers.diff_ci_low < 40 < pers.diff_ci_high
    assert pers.test == "z" and pers.p_holm < 1e-10 and pers.significant
    cat = row(df, "Q1", "capaciteit")                       # category rolled up from its child
    assert (cat.n_from, cat.n_to) == (40, 120)
    admin = row(df, "Q1", "admin")                          # planted 30% in both waves
    assert admin.diff_pp == pytest.approx(0.0) and admin.p == pytest.approx(1.0) and not admin.significant
    q1 = df[df.question == "Q1"]
    assert (q1.p_holm.dropna() >= q1.p.dropna() - 1e-12).all()  # Holm never lowers p
    assert list(q1.code)[-1] == "uncoded"


def test_new_code_first_appearance_and_codebook_change(first_run):
    path, run = first_run
    new = row(run.comparison, "Q1", "uitval")
    assert new.note == "new code" and new.first_wave == "B" and new.test == "none"
    assert pd.isna(new.n_from) and new.n_to == 20
    assert pd.read_csv(path.parent / "out/comparison/new_codes.csv").to_dict("records") == [
        {"code": "uitval", "label": "Ziekte en uitval", "first_wave": "B"}]
    change = run.manifest["codebook_changes"]
    assert [(c["previous_wave"], c["wave"], c["from"]["version"], c["to"]["version"]) for c in change] == [
        ("A", "B", "1.0", "2.0")]
    assert any("codebook" in w and "'B'" in w for w in run.warnings)


def test_manifest_records_inputs_codebook_software(first_run):
    path, run = first_run
    root = path.parent
    m = json.loads((root / "out/manifest.json").read_text(encoding="utf-8"))
    a = m["waves"]["A"]
    assert a["inputs"] == [{"path": "a.csv", "sha256": hashlib.sha256((root / "a.csv").read_bytes()).hexdigest(),
                            "bytes": (root / "a.csv").stat().st_size}]
    assert a["codebook"]["path"] == "cb1.yaml" and a["codebook"]["version"] == "1.0"
    assert m["waves"]["B"]["codebook"]["sha256"] != a["codebook"]["sha256"]
    assert {"qualkit", "python", "spacy", "pandas", "scikit-learn", "numpy"} <= set(m["software"])
    assert m["seed"] == 0 and m["settings"]["engine"] == "local" and m["date"]
    assert m["project"]["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    for name, digest in a["tables"].items():
        assert hashlib.sha256((root / "out/A" / name).read_bytes()).hexdigest() == digest
    assert "date" not in json.loads((root / "out/A/run.json").read_text(encoding="utf-8"))
    assert check_manifest(m, root) == []
    wave_m = json.loads((root / "out/B/manifest.json").read_text(encoding="utf-8"))
    assert wave_m["wave"] == "B" and wave_m["codebook"]["version"] == "2.0"
    text = (root / "out/manifest.json").read_text(encoding="utf-8")
    assert SECRET not in text and str(root) not in text


def test_rerun_is_byte_identical_and_hits_the_cache(tmp_path):
    path = make_project(tmp_path)
    first = run_project(path)
    assert first.stats.recoded > 0 and first.stats.hits >= 0
    before = table_bytes(tmp_path / "out")
    again = run_project(path)
    assert again.stats.recoded == 0 and again.stats.hits == again.stats.segments == first.stats.segments
    assert table_bytes(tmp_path / "out") == before
    fresh = run_project(path, cache=False)                # recoded from scratch: still the same bytes
    assert fresh.stats.recoded > 0
    assert table_bytes(tmp_path / "out") == before
    assert again.manifest["changed_since_last_run"] == []


def test_changed_codebook_invalidates_the_cache(tmp_path):
    path = make_project(tmp_path)
    run_project(path)
    cb = tmp_path / "cb1.yaml"
    cb.write_text(cb.read_text(encoding="utf-8").replace("[{lemma: administratie, compound: true}]",
                                                         "[{lemma: administratie, compound: true}, {lemma: papier}]"),
                  encoding="utf-8")
    run = run_project(path)
    assert run.waves["A"].stats.recoded > 0                  # A uses cb1: recoded
    assert run.waves["B"].stats.recoded == 0                 # B pins cb2: from the cache
    since = run.manifest["changed_since_last_run"]
    assert [(c["wave"], c["what"]) for c in since] == [("A", "codebook")]


def test_renamed_question_lines_up(tmp_path):
    run = run_project(make_project(tmp_path, rename=True, pin_v2=False))
    pers = row(run.comparison, "Q1", "personeel")
    assert (pers.n_from, pers.n_to) == (40, 120)
    assert run.manifest["codebook_changes"] == []
    assert set(run.comparison.question) == {"Q1", "Q2"}
    seg = pd.read_csv(tmp_path / "out/B/segments.csv", keep_default_na=False)
    assert set(seg.question) == {"Q1", "Q2"} and seg.doc_id.str.match(r"^B\d+/Q[12]$").all()


def test_one_wave_project_has_no_comparison(tmp_path):
    path = make_project(tmp_path)
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("  - name: B")], encoding="utf-8")
    run = run_project(path)
    assert run.comparison is None and not (tmp_path / "out/comparison").exists()
    assert (tmp_path / "out/A/frequencies.csv").is_file()


def test_breakdown_and_question_missing_in_a_wave(tmp_path):
    path = make_project(tmp_path)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("breakdowns: [regio]", "breakdowns: [regio, leeftijd]"), encoding="utf-8")
    with pytest.raises(ProjectError) as e:
        run_project(path)
    assert e.value.code == 712 and "wave 'A'" in str(e.value) and "'leeftijd'" in str(e.value)
    path.write_text(text.replace("questions: [Q1, Q2]", "questions: [Q1, Q2, Q9]"), encoding="utf-8")
    with pytest.raises(Exception) as e:
        run_project(path)
    assert "[QK111]" in str(e.value) and str(e.value).startswith("[QK111] wave 'A':")


def test_compare_small_counts_use_fisher():
    def freq(n, base):
        return pd.DataFrame({"code": ["x", "uncoded"], "label": ["X", "geen code"], "parent": [None, None],
                             "n": [n, base - n], "pct": [100 * n / base, 100 - 100 * n / base],
                             "ci_low": [0.0, 0.0], "ci_high": [0.0, 0.0], "base": [base, base]})

    df = compare_waves({"a": {"Q": freq(1, 12)}, "b": {"Q": freq(7, 12)}, "c": {"Q": freq(7, 12)}})
    assert list(zip(df.wave_from, df.wave_to)) == [("a", "b")] * 2 + [("b", "c")] * 2
    first = df.iloc[0]
    assert first.test == "fisher" and 0 < first.p < 0.05 and first.p_holm >= first.p
    assert df.iloc[2].note == "no variation" or df.iloc[2].p == pytest.approx(1.0)
    with pytest.raises(ProjectError, match=r"\[QK718\]"):
        compare_waves({"a": {"Q": freq(1, 12)}})


@pytest.mark.slow
def test_engines_write_identical_tables(tmp_path):
    path = make_project(tmp_path)
    same = ("A/frequencies.csv", "A/crosstab_regio.csv", "A/crosstab_regio_tests.csv", "B/frequencies.csv",
            "B/crosstab_regio_tests.csv", "comparison/comparison.csv", "comparison/new_codes.csv")
    local = run_project(path, cache=False)
    want = {k: v for k, v in table_bytes(tmp_path / "out").items() if k in same}
    assert len(want) == len(same) and local.manifest["settings"]["engine"] == "local"
    for engine in ("stream", "dask"):          # dask: its own LocalCluster of 2 worker processes
        run = run_project(path, engine=engine, processes=2, chunksize=100, cache=False)
        got = table_bytes(tmp_path / "out")
        assert {k: got[k] for k in same} == want, engine
        assert run.stats.segments == local.stats.segments and run.manifest["settings"]["engine"] == engine
        assert [k for k in got if k.startswith("A/codings/")] == [   # 201 rows in chunks of 100
            "A/codings/part-00000.parquet", "A/codings/part-00001.parquet", "A/codings/part-00002.parquet"]
        assert run.manifest["waves"]["A"]["pipeline"] == local.manifest["waves"]["A"]["pipeline"]
