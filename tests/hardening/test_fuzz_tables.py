"""Fuzz: survey exports (CSV/TSV/TXT, XLSX, SAV) and coding spreadsheets give a result or a [QK] error.

Seeds are real exports (../shared/data, corpora/, tests/data/), mutated byte by
byte; XLSX seeds are also mutated member by member. See hardening_fuzz.
"""
from __future__ import annotations

import sys

import pytest
from hypothesis import given

from hardening_corpus import Seed, human_seeds, human_xlsx_seeds, sav_seeds, survey_seeds, transcript_seeds, xlsx_seeds
from hardening_fuzz import FUZZ, run_case, text_cases, write_case, zip_cases
from hardening_generate import generated_tables
from qualkit.ingest import read_survey

pytest_plugins = ["hardening_plugin"]


@pytest.fixture(scope="module")
def work(tmp_path_factory):
    return tmp_path_factory.mktemp("fuzz-tables")


def corpus_ok(c) -> None:
    for s in c.segments:
        assert c.documents[s.doc_id][s.start:s.end] == s.text, s.doc_id
    assert set(c.respondents.index) >= {s.unit_id for s in c.segments}


def _survey(reader: str, work, case) -> None:
    kw, describe = case.kwargs, case.describe
    path = write_case(work, case.seed.name, case.data)
    questions = list(kw.get("questions") or ("*",))
    run_case(reader, lambda: read_survey(path, kw.get("id_column"), questions, sheet=kw.get("sheet")),
             describe, corpus_ok)


@FUZZ
@given(case=text_cases(survey_seeds()))
def test_fuzz_csv_survey(work, case):
    _survey("survey csv/tsv/txt", work, case)


@FUZZ
@given(case=generated_tables())
def test_fuzz_generated_tables(work, case):
    path = write_case(work, case.seed.name, case.data)
    kw = case.kwargs
    run_case("survey csv (generated)", lambda: read_survey(path, kw["id_column"], kw["questions"],
                                                           delimiter=kw["delimiter"]), case.describe, corpus_ok)


@FUZZ
@given(case=zip_cases(xlsx_seeds()))
def test_fuzz_xlsx_survey_members(work, case):
    _survey("survey xlsx", work, case)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="pyreadstat crashes on damaged files; "
                    "qualkit isolates it in a forked child on Linux only")
@FUZZ
@given(case=text_cases(sav_seeds()))
def test_fuzz_sav_survey(work, case):
    _survey("survey sav", work, case)


def _human(reader: str, work, case) -> None:
    pytest.importorskip("qualkit.ingest.human")
    from qualkit.agree import read_human

    describe = case.describe
    path = write_case(work, case.seed.name, case.data)

    def check(d):
        assert list(d.long.columns)[:4] == ["unit", "code", "coder", "value"]

    run_case(reader, lambda: read_human(path), describe, check)


@FUZZ
@given(case=text_cases(human_seeds()))
def test_fuzz_coding_spreadsheet_csv(work, case):
    _human("coding sheet csv", work, case)


@FUZZ
@given(case=zip_cases(human_xlsx_seeds()))
def test_fuzz_coding_spreadsheet_xlsx(work, case):
    _human("coding sheet xlsx", work, case)


MD_SEEDS = tuple(s for s in transcript_seeds("text") if s.name.endswith(".md")) + human_seeds()[:3]


@FUZZ
@given(case=text_cases(MD_SEEDS))
def test_fuzz_coding_texts(work, case):
    """Texts per unit for agreement reports (Markdown '## id' sections, or CSV id/text columns)."""
    pytest.importorskip("qualkit.ingest.human")
    from qualkit.ingest.human import read_texts

    path = write_case(work, case.seed.name, case.data)
    # .md files once went through Path.read_text (UnicodeDecodeError on non-UTF-8 bytes); now decode()
    run_case("coding texts md/csv", lambda: read_texts(path), case.describe)


THEMES = (Seed("themes.csv", "label,keywords,size,new,codes,quote_1,quote_2\n"
               "Wachttijd,wachttijd (0.41); zorg (0.2),12,True,,Te lang wachten,\"Ik wacht, al weken\"\n"
               "Loon,loon (0.5); geld (0.3),7,False,,Te laag loon,\n".encode("utf-8")),)


@FUZZ
@given(case=text_cases(THEMES))
def test_fuzz_themes_table(work, case):
    """The themes table 'qualkit report --themes' reads, and the theme rows the report renders."""
    from qualkit.report.quotes import read_themes, theme_rows

    path = write_case(work, case.seed.name, case.data)
    run_case("themes csv (report)", lambda: theme_rows(read_themes(path)), case.describe)
