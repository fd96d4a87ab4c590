"""Human coding files in every shape: detection, the long frame, and each error (QK140-QK157)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qualkit.errors import InputError
from qualkit.agree import coder_data_from_codings, read_human
from qualkit.ingest.human import COLUMNS, SHAPES, CoderData, combine, detect_shape, read_texts
from qualkit.stats.agreement import agreement, reliability_matrix
from qualkit.types import Corpus, Segment

SECRET = "GEHEIM-antwoord-Jansen"


def write(tmp_path, name: str, text: str, encoding: str = "utf-8") -> str:
    p = tmp_path / name
    p.write_text(text, encoding=encoding)
    return p


def applied(data: CoderData, unit: str = "segment") -> set[tuple]:
    df = data.at(unit)
    df = df[df["code"].notna() & (df["value"] == 1)]
    return set(zip(df["unit"], df["code"], df["coder"]))


# -- one case per shape -------------------------------------------------------------------------

CASES = {
    "matrix": ("student.csv", "respondent;vraag;personeel;admin;opmerking\n"
               f"R1;Q23;1;0;{SECRET}\nR2;Q23;0;1;\nR3;Q23;0;0;ok\n"),
    "matrix_marks": ("marks.csv", "id,personeel,admin\nR1,x,\nR2,,X\nR3,,\n"),
    "codelist": ("lijst.csv", "id,coder,Code 1,Code 2,tekst\nR1,an,personeel,,Meer personeel.\n"
                 "R2,an,admin,personeel,Minder papier\nR3,an,,,Niets\n"),
    "long": ("long.csv", "id,code,coder\nR1,personeel,an\nR2,admin,an\nR2,personeel,an\nR3,,an\n"),
    "atlas": ("atlas.csv", 'Number,Reference,Name,Text Content,Document,Codes,Number of Codes,Start position,'
              'End position,Creator\n1:1,¶ 3,,Te veel papier,Interview A,"admin\npersoneel",2,3,3,Author 1\n'
              '1:2,¶ 5,,Meer collega\'s,Interview A,"Local, Minimal, personeel",2,5,5,Author 2\n'
              '1:3,¶ 7,,Niets,Interview A,"Local, Minimal",1,7,7,Author 1\n'),
    "form": ("form.csv", "Timestamp,Author,Which item is this?,Tools,Why?\n"
             't,author1,1,"Miri, Kani",N/A\nt,author2,1,Miri,Speed\nt,author1,2,,N/A\nt,author2,2,Kani,\n'),
}


@pytest.mark.parametrize("case", list(CASES))
def test_each_shape_is_detected_and_read(tmp_path, case):
    name, text = CASES[case]
    data = read_human(write(tmp_path, name, text))
    assert data.shape == case.split("_")[0]
    assert list(data.long.columns) == COLUMNS
    got = applied(data)
    expected = {
        "matrix": {("R1/Q23", "personeel", "student"), ("R2/Q23", "admin", "student")},
        "matrix_marks": {("R1", "personeel", "marks"), ("R2", "admin", "marks")},
        "codelist": {("R1", "personeel", "an"), ("R2", "admin", "an"), ("R2", "personeel", "an")},
        "long": {("R1", "personeel", "an"), ("R2", "admin", "an"), ("R2", "personeel", "an")},
        "atlas": {("Interview A ¶3", "admin", "Author 1"), ("Interview A ¶3", "personeel", "Author 1"),
                  ("Interview A ¶5", "Local, Minimal", "Author 2"), ("Interview A ¶5", "personeel", "Author 2"),
                  ("Interview A ¶7", "Local, Minimal", "Author 1")},
        # 'Miri, Kani' splits: both choices are seen alone; N/A is a choice unless declared missing
        "form": {("1", "Tools: Miri", "author1"), ("1", "Tools: Kani", "author1"), ("1", "Tools: Miri", "author2"),
                 ("1", "Why?: Speed", "author2"), ("1", "Why?: N/A", "author1"), ("2", "Why?: N/A", "author1"),
                 ("2", "Tools: Kani", "author2")},
    }[case]
    assert got == expected
    # every unit a coder saw is recorded, also units without any code
    marks = data.long[data.long["code"].isna()]
    assert len(marks) == len(set(zip(marks["unit"], marks["coder"])))
    assert SECRET not in "".join(map(str, data.ignored))


def test_matrix_zeros_make_blanks_missing_marks_make_blanks_zero(tmp_path):
    zeros = read_human(write(tmp_path, "z.csv", "id,coder,a,b\nR1,an,1,\nR1,bo,1,0\nR2,an,,\nR2,bo,0,1\n"))
    assert zeros.absent == "missing"
    mat = reliability_matrix(zeros.long, "b", absent=zeros.absent)
    assert np.isnan(mat.loc["an", "R1"]) and mat.loc["bo", "R1"] == 0
    assert "R2" not in set(zeros.long.loc[zeros.long.coder == "an", "unit"])   # a blank row: not coded
    marks = read_human(write(tmp_path, "m.csv", "id,a,b\nR1,x,\nR2,,\n"))
    assert marks.absent == "auto"
    # a file that only marks codes: the coder's row without any mark says 'no code applies' (coverage auto)
    assert reliability_matrix(marks.long, "b").loc["m"].tolist() == [0, 0]
    assert ("note_nocode", {"coder": "m", "n": 1}) in marks.notes and marks.nocode == {"m": {"R2"}}
    coded = read_human(tmp_path / "m.csv", coverage="coded")        # ... or, asked, that it was not coded
    assert reliability_matrix(coded.long, "b").loc["m"].tolist() == [0]
    assert ("note_uncoded", {"coder": "m", "n": 1}) in coded.notes
    every = read_human(tmp_path / "m.csv", coverage="all")
    assert reliability_matrix(every.long, "b").loc["m"].tolist() == [0, 0]
    assert [k for k, _ in every.notes] == ["note_read"]


def test_matrix_with_named_codes_keeps_numbers_and_texts(tmp_path):
    p = write(tmp_path, "icr.csv", "ID;Codeur;Toon;Hoofd;kop\n1;6;-1;10;Beurs daalt\n1;9; ;12;Beurs daalt\n"
              "2;6;1; ;Winst stijgt\n", encoding="utf-8-sig")
    data = read_human(p, id_column="ID", coder_column="Codeur", codes=["Toon", "Hoofd"])
    assert data.shape == "matrix" and data.coders == ["6", "9"]
    vals = data.long.dropna(subset=["code"]).set_index(["unit", "coder", "code"])["value"]
    assert vals[("1", "6", "Toon")] == -1.0 and vals[("1", "9", "Hoofd")] == 12.0
    assert ("1", "9", "Toon") not in vals.index                    # ' ' is missing
    assert data.texts == {"1": "Beurs daalt", "2": "Winst stijgt"}
    assert set(data.ignored) == set()


def test_xlsx_matrix(tmp_path):
    p = tmp_path / "codering.xlsx"
    pd.DataFrame({"respondent": ["R1", "R2"], "personeel": [1, 0], "admin": [0, 1]}).to_excel(p, index=False)
    assert applied(read_human(p, coder="lisa")) == {("R1", "personeel", "lisa"), ("R2", "admin", "lisa")}


def test_long_without_code_column_is_one_categorical_code(tmp_path):
    data = read_human(write(tmp_path, "gold.csv", "id,value\n10,-1\n11,0\n12,1\n"))
    assert data.shape == "long" and data.codes == ["value"] and data.binary_codes == []
    assert data.long.dropna(subset=["code"])["value"].tolist() == [-1.0, 0.0, 1.0]


def test_shape_override_and_question_option(tmp_path):
    p = write(tmp_path, "s.csv", "id,personeel\nR1,1\nR2,0\n")
    data = read_human(p, "matrix", question="Q23")
    assert data.units == ["R1/Q23", "R2/Q23"]
    assert set(data.at("respondent")["unit"]) == {"R1", "R2"}


def test_at_respondent_or_answer(tmp_path):
    data = read_human(write(tmp_path, "s.csv", "id;vraag;a;b\nR1;Q23;1;0\nR1;Q24;0;0\nR2;Q23;0;1\n"))
    assert applied(data, "respondent") == {("R1", "a", "s"), ("R2", "b", "s")}
    assert applied(data, "answer") == applied(data)
    assert data.texts_at("respondent") == {}


def test_atlas_splits_codes_with_commas(tmp_path):
    from qualkit.ingest._human_shapes import split_codes

    known = {"Local, Minimal Unsafe", "Box<T>"}
    assert split_codes("Local, Minimal Unsafe, Box<T>", known, 2) == ["Local, Minimal Unsafe", "Box<T>"]
    assert split_codes("a\nb, c", set()) == ["a", "b", "c"]
    assert split_codes("x, y", set(), 1) == ["x, y"]


def test_atlas_coverage_and_texts(tmp_path):
    name, text = CASES["atlas"]
    data = read_human(write(tmp_path, name, text))
    seen = data.long[data.long.code.isna()]
    # by default an author coded the paragraphs of their own quotations
    assert set(zip(seen.unit, seen.coder)) == {("Interview A ¶3", "Author 1"), ("Interview A ¶7", "Author 1"),
                                               ("Interview A ¶5", "Author 2")}
    # coverage 'all': both authors coded document A, so both cover all its coded paragraphs
    every = read_human(tmp_path / name, coverage="all").long
    seen = every[every.code.isna()]
    assert set(zip(seen.unit, seen.coder)) == {(u, c) for u in ("Interview A ¶3", "Interview A ¶5", "Interview A ¶7")
                                               for c in ("Author 1", "Author 2")}
    assert data.texts["Interview A ¶5"] == "Meer collega's"


def test_combine_and_clash(tmp_path):
    a = read_human(write(tmp_path, "an.csv", "id,x\nR1,1\nR2,0\n"))
    b = read_human(write(tmp_path, "bo.csv", "id,x\nR1,1\nR2,1\n"))
    both = combine([a, b])
    assert both.coders == ["an", "bo"]
    assert agreement(both.long, n_boot=0).table.loc[0, "percent"] == 50.0
    with pytest.raises(InputError) as e:
        combine([a, read_human(write(tmp_path, "an2.csv", "id,x\nR1,0\n"), coder="an")])
    assert e.value.code == 153


def test_coder_data_from_codings_zeros_and_categories():
    segs = [Segment("x", f"R{i}/Q1", 0, 1, f"R{i}", "Q1", "s.csv") for i in (1, 2)]
    corpus = Corpus(segs, {s.doc_id: "x" for s in segs}, pd.DataFrame(index=["R1", "R2"]), ["Q1"], "survey")
    codings = pd.DataFrame({"doc_id": ["R1/Q1", "R2/Q1"], "code": ["zorg", "sent=-1"], "coder": ["m", "m"]})
    data = coder_data_from_codings(codings, corpus, codes=["zorg"], categories={"sent=-1": ("sent", -1.0)})
    vals = data.long.dropna(subset=["code"]).set_index(["unit", "code"])["value"]
    assert vals[("R1/Q1", "zorg")] == 1 and vals[("R2/Q1", "zorg")] == 0 and vals[("R2/Q1", "sent")] == -1.0
    assert data.absent == "missing" and data.texts == {"R1/Q1": "x", "R2/Q1": "x"}


def test_read_texts_markdown_and_csv(tmp_path):
    md = write(tmp_path, "output.md", "## 1 \\- 20:3308:116\nEerste tekst.\n\n## 2 \\- 35:5200:78\nTweede.\n")
    assert read_texts(md) == {"1": "Eerste tekst.", "2": "Tweede."}
    assert read_texts(write(tmp_path, "t.csv", "id,headline\n10,Beurs daalt\n")) == {"10": "Beurs daalt"}


def test_detect_shape():
    assert detect_shape(["Number", "Document", "Codes", "Text Content"]) == "atlas"
    assert detect_shape(["id", "coder", "value"]) == "long"
    assert detect_shape(["a", "b"]) is None
    assert detect_shape(["id", "tekst", "coder 1", "coder 2"]) == detect_shape(["id", "primary", "secondary"]) == "coders"
    assert detect_shape(["id", "personeel_coder1", "personeel_coder2"]) == "coders"
    assert set(SHAPES) == {"matrix", "codelist", "long", "atlas", "form", "coders"}


# -- errors: number, place, fix, never the text ---------------------------------------------------

ERRORS = [
    (140, dict(shape="bogus"), "id,x\nR1,1\n", "unknown shape 'bogus'. Use one of: matrix, codelist, long, atlas, form, coders."),
    (141, {}, f"id,opmerking\nR1,{SECRET}\n", "cannot tell how this file holds codes"),
    (142, dict(shape="long"), "nr2,code\nR1,x\n", "long format needs an id column"),
    (143, dict(id_column="respnr"), "id,x\nR1,1\n", "no column 'respnr'"),
    (144, {}, f"id,x,opm\nR1,1,a\n,1,{SECRET}\n", "line 3, column 'id': empty id"),
    (145, dict(shape="matrix"), f"id,opm\nR1,{SECRET}\n", "no 0/1 code columns"),
    (146, {}, "id,code,coder,value\nR1,x,an,1\nR1,x,an,0\n", "line 3: coder 'an' gives unit 'R1' a different value"),
    (147, {}, "id,x\n", "no rows under the header"),
    (148, {}, f"id,coder,x,opm\nR1,,1,{SECRET}\n", "line 2, column 'coder': empty coder"),
    (190, {}, f"id,personeel,opm\nR1,1,a\nR2,0,b\nR1,0,{SECRET}\n",
     "c.csv, line 4: coder 'c' codes unit 'R1' again (first at line 2). Remove one of the rows, or join their "
     "codes with --merge-duplicates"),
    (191, {}, f"id,personeel,opm\nR1,1,{SECRET}\nR2,NA,b\n",
     "column 'personeel': 0/1 codes and 'NA' in one column. Say what NA means: --missing NA"),
    (192, dict(coverage="soms"), "id,x\nR1,1\n", "unknown coverage 'soms'. Use 'auto'"),
    (193, dict(duplicates="keep"), "id,x\nR1,1\n", "unknown value 'keep' for duplicates. Use one of: error, merge."),
]


@pytest.mark.parametrize("code, kwargs, text, message", ERRORS, ids=[str(e[0]) for e in ERRORS])
def test_errors(tmp_path, code, kwargs, text, message):
    p = write(tmp_path, "c.csv", text)
    with pytest.raises(InputError) as e:
        read_human(p, **kwargs)
    assert e.value.code == code
    assert message in str(e.value)
    assert SECRET not in str(e.value)


def test_unit_errors(tmp_path):
    data = read_human(write(tmp_path, "s.csv", "id;vraag;value\nR1;Q1;1\nR1;Q2;-1\n"), "long")
    with pytest.raises(InputError, match=r"\[QK150\] unknown unit 'zin'"):
        data.at("zin")
    with pytest.raises(InputError, match=r"\[QK151\] code 'value': coder 's' gave respondent 'R1' different"):
        data.at("respondent")


@settings(max_examples=30, deadline=None)
@given(st.lists(st.lists(st.sampled_from([0, 1]), min_size=3, max_size=3), min_size=1, max_size=12))
def test_matrix_round_trip(tmp_path_factory, rows):
    """A 0/1 matrix written as CSV comes back cell for cell."""
    d = tmp_path_factory.mktemp("rt")
    wide = pd.DataFrame(rows, columns=["a", "b", "c"])
    wide.insert(0, "id", [f"R{i}" for i in range(len(rows))])
    p = d / "m.csv"
    wide.to_csv(p, index=False, sep=";")
    data = read_human(p, "matrix", codes=["a", "b", "c"])
    back = data.long.dropna(subset=["code"]).pivot(index="unit", columns="code", values="value")
    assert back.loc[wide["id"], ["a", "b", "c"]].to_numpy().tolist() == rows


def test_duplicates_merge_when_asked(tmp_path):
    p = write(tmp_path, "d.csv", "id,personeel,admin\nR1,1,0\nR2,0,1\nR1,0,1\n")
    data = read_human(p, duplicates="merge")
    assert applied(data) == {("R1", "personeel", "d"), ("R1", "admin", "d"), ("R2", "admin", "d")}
    assert ("note_merged", {"n": 1}) in data.notes


def test_na_is_a_code_unless_declared_missing(tmp_path):
    text = "id,coder,code\nR1,an,NA\nR1,bo,NA\nR2,an,zorg\nR2,bo,N/A\n"
    data = read_human(write(tmp_path, "l.csv", text))
    assert set(data.codes) == {"NA", "zorg", "N/A"}
    gone = read_human(tmp_path / "l.csv", missing=["NA", "N/A"])
    assert gone.codes == ["zorg"]
    # declared missing in a 0/1 matrix: the cell is not coded, the column still a code
    m = read_human(write(tmp_path, "m.csv", "id,personeel\nR1,1\nR2,NA\nR3,0\n"), missing=["NA"])
    assert m.codes == ["personeel"] and "R2" not in m.units


def test_multiselect_split_only_on_known_pieces_or_a_separator(tmp_path):
    from qualkit.ingest._human_shapes import split_choices

    known = {"C", "C++", "JNA", "JNI", "To increase performance"}
    assert split_choices("JNA,JNI", known) == ["JNA", "JNI"]
    assert split_choices("C, C++", known) == ["C", "C++"]
    option = "To interact with hardware, the operating system, or other low-level external interfaces"
    assert split_choices(option, known) == [option]                      # one option with commas
    assert split_choices(f"To increase performance, {option}", known | {option}) == [
        "To increase performance", option]
    assert split_choices("a; b", set(), ";") == ["a", "b"]
    text = 'Timestamp,Author,Which item is this?,Why?\nt,an,1,"A, B"\nt,bo,1,A\n'
    kept = read_human(write(tmp_path, "f.csv", text))
    assert "Why?: A, B" in kept.codes and ("note_unsplit", {"n": 1}) in kept.notes
    split = read_human(tmp_path / "f.csv", separator=",")
    assert set(split.codes) == {"Why?: A", "Why?: B"}


def test_rounds_given_together_keep_their_units(tmp_path):
    from qualkit.agree import file_labels

    for r in (1, 2):
        (tmp_path / str(r)).mkdir()
        write(tmp_path / str(r), "data.csv", "Author,Which item is this?,Tools\nan,1,Miri\nbo,1,Miri\n"
              "an,2,Kani\nbo,2,\n")
    paths = [tmp_path / "1" / "data.csv", tmp_path / "2" / "data.csv"]
    data = read_human(paths)
    assert sorted(data.units) == ["1:1", "1:2", "2:1", "2:2"]
    assert ("note_files", {"n": 2, "labels": "1, 2"}) in data.notes
    assert file_labels(paths) == ["1", "2"]
    with pytest.raises(InputError, match=r"\[QK153\]"):
        read_human(paths, files="same")
    # two coders' files with the same ids are one set of units coded twice
    a = write(tmp_path, "an.csv", "id,x\nR1,1\nR2,1\n")
    b = write(tmp_path, "bo.csv", "id,x\nR1,1\nR2,0\n")
    assert sorted(read_human([a, b]).units) == ["R1", "R2"]


def test_blank_answers_are_left_out_of_the_comparison(tmp_path):
    from qualkit.coding.compare import compare

    text = "id,coder,personeel,tekst\nR1,an,1,Meer personeel\nR1,bo,1,Meer personeel\nR2,an,0,\nR2,bo,0,\n" \
           "R3,an,0,Minder papier\nR3,bo,1,Minder papier\n"
    data = read_human(write(tmp_path, "b.csv", text))
    assert data.blank == {"R2"}
    cmp = compare(data, n_boot=0, min_positives=1)
    assert cmp.n_human_units == 2 and ("note_blank", {"n": 1}) in cmp.notes
    assert cmp.result.table.loc[0, "percent"] == 50.0                # R2's two blanks are no agreement


def test_a_row_id_column_does_not_name_the_units(tmp_path):
    """A crowd-coding export (Figure Eight / Appen) has ``_id`` per judgment and ``_unit_id``
    per coded unit: the units are the ids that repeat across coders, not the row ids."""
    p = write(tmp_path, "judgments.csv", "_unit_id,_id,_worker_id,_golden,sentiment\n"
              "u1,101,w1,false,1\nu1,102,w2,false,1\nu2,103,w1,true,-1\nu2,104,w2,true,0\n"
              "u3,105,w1,false,0\nu3,106,w2,false,0\n")
    data = read_human(p, codes=["sentiment"])
    assert sorted(data.units) == ["u1", "u2", "u3"] and sorted(data.coders) == ["w1", "w2"]
    one = write(tmp_path, "one.csv", "id,_id,personeel\nR1,1,1\nR2,2,0\n")   # one coder: ids stay as they are
    assert sorted(read_human(one).units) == ["R1", "R2"]


def test_number_columns_not_read_as_codes_are_named(tmp_path):
    """Only 0/1 columns are codes unless named: a sentiment column of -1/0/1 left out is said."""
    p = write(tmp_path, "judgments.csv", "unit,worker_id,golden,sentiment,trust\n"
              "u1,w1,false,1,0.93\nu1,w2,false,1,0.81\nu2,w1,true,-1,0.77\nu2,w2,true,0,0.92\n")
    data = read_human(p)
    assert data.codes == ["golden"]
    assert ("note_numbers", {"columns": "'sentiment'"}) in data.notes
    # in a crowd-platform export (_unit_id) the platform's own 0/1 flags are no codes: name the answers
    p = write(tmp_path, "crowd.csv", "_unit_id,_worker_id,_golden,sentiment,_trust\n"
              "u1,w1,false,1,0.93\nu1,w2,false,1,0.81\nu2,w1,true,-1,0.77\nu2,w2,true,0,0.92\n")
    with pytest.raises(InputError, match=r"\[QK199\].*'_golden', '_trust'.*--code 'sentiment'"):
        read_human(p)
    data = read_human(p, codes=["sentiment"])
    assert data.codes == ["sentiment"]
    assert ("note_platform", {"file": "crowd.csv", "columns": "'_unit_id', '_worker_id', '_golden', '_trust'"}) \
        not in data.notes                                  # id and coder columns are read, not listed
    assert ("note_platform", {"file": "crowd.csv", "columns": "'_golden', '_trust'"}) in data.notes


def test_a_huge_header_is_read_in_linear_time():
    """A header of a million '- ' (a broken export) must not hang shape detection: CPU time,
    best of 3, GC off, ten times the header at most ~ten times the time."""
    import gc
    import time

    from qualkit.ingest.human import detect_shape

    def cpu(n: int) -> float:
        best = float("inf")
        for _ in range(3):
            gc.collect()
            gc.disable()
            try:
                t0 = time.process_time()
                detect_shape(["id", ("- " * n).strip(), f"{'- ' * n}coder 1", "x" * n + " coder 2"])
                best = min(best, time.process_time() - t0)
            finally:
                gc.enable()
        return best

    small, large = cpu(1_000), cpu(10_000)
    assert large / max(small, 1e-3) < 30, (small, large)


def test_numbers_agree_across_files_when_one_file_has_a_text_cell(tmp_path):
    """One coder's value column holds a stray text (a formula, 'unclear'): the other cells are
    still numbers, so 1 in one file agrees with 1 in the other (before: nothing agreed)."""
    a = write(tmp_path, "a.csv", "id,value\n1,1\n2,0\n3,-1\n4,0\n")
    b = write(tmp_path, "b.csv", "id,value\n1,1\n2,=1+1\n3,-1\n4,0\n")
    data = read_human([a, b])
    res = agreement(data.long, n_boot=0)
    assert res.to_frame().set_index("code").loc["value", "percent"] == 75.0


def test_ids_that_lost_their_leading_zeros_in_excel_still_match(tmp_path):
    """One coder's file went through Excel ('007' became '7'): the ids are the same units, and the
    output says so. A coder with both '007' and '7' keeps them apart (they are two units)."""
    a = write(tmp_path, "a.csv", "id,value\n007,1\n010,0\n011,1\n")
    b = write(tmp_path, "b.csv", "id,value\n7,1\n10,1\n11,1\n")
    data = read_human([a, b])
    assert sorted(data.units) == ["007", "010", "011"]
    assert ("note_zeros", {"n": 3}) in data.notes
    both = write(tmp_path, "both.csv", "id,value\n007,1\n7,0\n")
    assert sorted(read_human([both, b]).units) == ["007", "10", "11", "7"]
    total = [f for k, f in read_human([a, b]).notes if k == "note_total"]
    assert total and total[0]["units"] == 3


def test_the_same_file_twice_is_an_error(tmp_path):
    a = write(tmp_path, "a.csv", "id,value\n1,1\n2,0\n")
    with pytest.raises(InputError) as e:
        read_human([a, tmp_path / "." / "a.csv"])
    assert e.value.code == 197 and "a.csv is given twice" in str(e.value)


def test_a_title_row_above_the_header_is_skipped(tmp_path):
    """A sheet made by hand often has a title in A1 and the header below it."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Codering studenten, ronde 2"])
    ws.append([])
    for row in (["id", "coder", "personeel", "admin"], ["R1", "an", 1, 0], ["R1", "bo", 1, 1],
                ["R2", "an", 0, 1], ["R2", "bo", 0, 1]):
        ws.append(row)
    wb.save(tmp_path / "ronde2.xlsx")
    data = read_human(tmp_path / "ronde2.xlsx")
    assert data.codes == ["personeel", "admin"] and sorted(data.units) == ["R1", "R2"]
    assert ("note_title", {"file": "ronde2.xlsx", "row": 3}) in data.notes
    assert data.notes[0][1]["empty"] == 0 and data.notes[0][1]["rows"] == 4


def test_a_file_without_any_code_is_a_clear_error(tmp_path):
    """The empty coding form exported instead of the coded one: every code cell blank."""
    from qualkit.coding.compare import compare

    matrix = write(tmp_path, "leeg.csv", "id,coder,personeel,admin\nR1,a,,\nR1,b,,\nR2,a,,\nR2,b,,\n")
    with pytest.raises(InputError) as e:
        read_human(matrix)
    assert e.value.code == 198 and "leeg.csv" in str(e.value) and "'personeel', 'admin'" in str(e.value)
    long = write(tmp_path, "leeg_long.csv", "id,coder,code\nR1,a,\nR1,b,\nR2,a,\nR2,b,\n")
    with pytest.raises(InputError) as e:
        compare(read_human(long), n_boot=0)
    assert e.value.code == 198 and "leeg_long.csv" in str(e.value)


def test_excel_sep_line_is_not_an_empty_row(tmp_path):
    """Excel's 'sep=;' first line puts the header on line 2: no row is empty."""
    p = write(tmp_path, "sep.csv", "sep=;\nid;coder;value\nR1;a;1\nR1;b;1\nR2;a;0\n\nR2;b;1\n")
    note = read_human(p).notes[0][1]
    assert (note["lines"], note["empty"], note["rows"]) == (5, 1, 4)
