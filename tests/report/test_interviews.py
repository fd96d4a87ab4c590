"""Interview studies: matrices, co-occurrence, speakers, wording, quotes in context and
natural order, on the demo interviews and on real transcripts in ../shared/data.

Every matrix count is checked against counts made here, independently, from the
``segments.csv`` the same run wrote (one row per coding unit and code)."""
from __future__ import annotations

import itertools
import re
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest

from conftest import shared
from qualkit.codebook import load_codebook
from qualkit.errors import AnalysisError, InputError
from qualkit.ingest.speakers import read_speakers
from qualkit.report import build_tables, render_html, write_outputs
from qualkit.types import natural_key
from qualkit.ingest import ReadOptions
from qualkit.workflow import code_inputs

ROOT = Path(__file__).resolve().parents[2]
DEMO = [ROOT / "corpora" / "interviews" / "interview-01.txt", ROOT / "corpora" / "interviews" / "interview-02.md"]
DEMO_SPEAKERS = ROOT / "corpora" / "interviews" / "sprekers.csv"
ACTIVERING = ROOT / "codebooks" / "activering.yaml"

CODEBOOKS = ROOT / "tests" / "data" / "codebooks"
RUST = CODEBOOKS / "rust-unsafe.yaml"              # for ../shared/data/en-rust-unsafe-interviews
PARLEMENT = CODEBOOKS / "parlement.yaml"           # for ../shared/data/nl-be-kamer-plenary-qa


class Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data):
        self.parts.append(data)


def text_of(page: str) -> str:
    p = Text()
    p.feed(page)
    return " ".join(p.parts)


def run(tmp_path_factory, inputs, codebook, name, by=(), speakers=None, skip=None):
    result = code_inputs(inputs, codebook, ReadOptions(skip_speakers=skip))
    attrs = read_speakers(speakers) if speakers else None
    tables = build_tables(result, by=list(by), speakers=attrs)
    out = tmp_path_factory.mktemp(name)
    write_outputs(tables, out)
    return result, tables, out


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    return run(tmp_path_factory, DEMO, ACTIVERING, "demo", by=["speaker", "gemeente", "document"],
               speakers=DEMO_SPEAKERS)


@pytest.fixture(scope="module")
def rust(tmp_path_factory):
    folder = shared("en-rust-unsafe-interviews", "interviews", "transcripts")
    return run(tmp_path_factory, sorted(folder.glob("*.md")), RUST, "rust")


@pytest.fixture(scope="module")
def kamer(tmp_path_factory):
    data = shared("nl-be-kamer-plenary-qa", "plenary_questions_dutch.jsonl")
    return run(tmp_path_factory, [data], PARLEMENT, "kamer", skip=["voorzitter"])


def expected_matrices(out: Path, codebook) -> tuple[pd.DataFrame, pd.DataFrame, dict]:
    """by_document / by_speaker counts and co-occurrence pairs, made here from segments.csv alone."""
    seg = pd.read_csv(out / "segments.csv", dtype={"doc_id": str, "unit_id": str, "speaker": str},
                      keep_default_na=False)
    parent = {c.id: c.parent for c in codebook.codes}

    def with_ancestors(code):
        while code:
            yield code
            code = parent.get(code)

    seg["key"] = list(zip(seg.doc_id, seg.unit_start, seg.unit_end))
    rolled = {(r.key, a): r for r in seg.itertuples() for a in with_ancestors(r.code)}
    long = pd.DataFrame([{"doc": k[0], "speaker": r.speaker, "code": a} for (k, a), r in rolled.items()])
    by_doc = long.groupby(["doc", "code"]).size().unstack(fill_value=0)
    # speaker keys: a role label (Participant) is a different person in each interview
    role = re.compile(r"(?i)(respondent|participant|interviewee|deelnemer|[a-z]{1,2})\.?")
    long["who"] = [f"{s} ({d})" if role.fullmatch(s) else s for s, d in zip(long.speaker, long.doc)]
    by_spk = long.groupby(["who", "code"]).size().unstack(fill_value=0)
    units = seg.groupby("key")["code"].apply(set)
    docs = seg.groupby("doc_id")["code"].apply(set)
    pairs = {}
    for a, b in itertools.combinations([c.id for c in codebook.codes], 2):
        ua, ub = sum(a in s for s in units), sum(b in s for s in units)
        both = sum(a in s and b in s for s in units)
        pairs[(a, b)] = (both, ua, ub, sum(a in s and b in s for s in docs))
    return by_doc, by_spk, pairs


def check_matrices(result, out: Path):
    cb = result.codebook
    by_doc, by_spk, pairs = expected_matrices(out, cb)
    got = pd.read_csv(out / "by_document.csv", dtype={"document": str}).set_index("document")
    assert list(got.columns) == cb.ids
    assert list(got.index) == sorted(got.index, key=natural_key)        # 1, 2, 10: natural order
    assert set(by_doc.index) <= set(got.index)
    for doc in got.index:
        for code in cb.ids:
            want = int(by_doc.at[doc, code]) if doc in by_doc.index and code in by_doc.columns else 0
            assert got.at[doc, code] == want, (doc, code)
    spk = pd.read_csv(out / "by_speaker.csv", dtype={"speaker": str}).set_index("speaker")
    assert list(spk.index) == sorted(spk.index, key=natural_key)
    for who in by_spk.index:
        for code in by_spk.columns:
            assert spk.at[who, code] == by_spk.at[who, code], (who, code)
    assert (spk.sum() == got.sum()).all()                                 # every coded segment has one speaker
    co = pd.read_csv(out / "cooccurrence.csv")
    for r in co.itertuples():
        both, ua, ub, docs = pairs[(r.code_a, r.code_b)]
        assert (r.segments, r.segments_a, r.segments_b, r.documents) == (both, ua, ub, docs)
        assert r.jaccard_segments == pytest.approx(both / (ua + ub - both) if ua + ub - both else 0.0, abs=1e-4)
    return got, spk, co


# --- demo interviews -----------------------------------------------------------------------------

def test_demo_matrices_match_segments(demo):
    result, tables, out = demo
    got, spk, co = check_matrices(result, out)
    assert list(got.index) == ["interview-01", "interview-02"]
    assert list(spk.index) == ["MA1", "MA2"]                              # the interviewer is not coded
    assert got.loc["interview-01"].sum() > 0 and len(co) > 0
    speakers = pd.read_csv(out / "speakers.csv", keep_default_na=False).set_index("speaker")
    assert speakers.at["Interviewer", "turns"] == 0 and speakers.at["Interviewer", "skipped"] > 10
    assert speakers.at["MA1", "gemeente"] == "centrumstad" and speakers.at["MA2", "turns"] > 10


def test_demo_breakdowns_by_speaker_attribute_and_document(demo):
    result, tables, out = demo
    b = pd.read_csv(out / "breakdown_gemeente.csv")
    assert set(b.group) == {"centrumstad", "landelijke gemeente"}
    seg = pd.read_csv(out / "segments.csv", keep_default_na=False)
    turns = {s.speaker: 0 for s in result.corpus.segments if s.coded}
    for s in result.corpus.segments:
        if s.coded:
            turns[s.speaker] += 1
    row = b[(b.code == "taal") & (b.group == "centrumstad")].iloc[0]
    assert row.turns == turns["MA1"]
    # turns of MA1 with 'taal': distinct turns holding a coded unit, found by offsets
    ma1 = [s for s in result.corpus.segments if s.speaker == "MA1"]
    hits = {next(i for i, t in enumerate(ma1) if t.start <= u < t.end)
            for u in seg[(seg.code == "taal") & (seg.speaker == "MA1")].unit_start}
    assert row.turns_with_code == len(hits) and row.pct == pytest.approx(100 * len(hits) / turns["MA1"])
    docs = pd.read_csv(out / "breakdown_document.csv")
    assert list(dict.fromkeys(docs.group)) == ["interview-01", "interview-02"]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_demo_report_wording(demo, lang):
    result, tables, _ = demo
    page = render_html(tables, result, lang=lang, quotes=3)
    text = text_of(page)
    assert not re.search(r"(?i)respondent", text)                        # interviews, turns and speakers
    words = {"nl": ("interviews", "beurten", "sprekers", "Codes per interview", "Wie werd gecodeerd", "fragmenten"),
             "en": ("interviews", "turns", "speakers", "Codes per interview", "Who was coded", "segments")}[lang]
    for w in words:
        assert w in text, w
    for section in ("summary", "results", "matrix", "cooccurrence", "speakers", "breakdowns", "quotes", "methods"):
        assert f'id="{section}"' in page
    methods = text_of(page[page.index('id="methods"'):])
    if lang == "nl":  # no English in the Dutch methods text
        for english in ("sentence", "segment ", "the ", "fallback", "lookup", "negation was", "were coded"):
            assert english not in methods, english
        assert "negation: false" in methods and "Taal" in methods  # per-code negation settings
        assert "Niet gecodeerd werden de beurten van Interviewer" in methods
    assert "activering-ocmw" in methods and "1.0.0" in methods


def test_demo_quotes_have_context_and_place(demo):
    result, tables, _ = demo
    page = render_html(tables, result, lang="nl", quotes=4)
    section = page[page.index('id="quotes"'):page.index('id="methods"')]
    quotes = re.findall(r"<blockquote.*?</blockquote>", section, re.S)
    assert quotes
    index = {}
    for s in result.corpus.segments:
        index.setdefault(s.doc_id, []).append(s)
    docs_seen = []
    for q in quotes:
        before = re.search(r'<p class="before"><b>(.*?)</b> (.*?)</p>', q, re.S)
        place = re.search(r"<footer>Interview (.*?), beurt (\d+)</footer>", q)
        assert before and place, q[:300]
        doc, n = place.group(1), int(place.group(2))
        turns = index[doc]
        assert text_of(before.group(1)) == turns[n - 2].speaker + ":"        # the turn before: the question
        assert text_of(before.group(2)).replace("…", "") in " ".join(turns[n - 2].text.split())
        docs_seen.append(doc)
    per_code = re.findall(r'<div class="code-quotes">(.*?)</div>', section, re.S)
    spread = [re.findall(r"<footer>Interview (.*?), beurt", block) for block in per_code]
    assert all(len(set(d)) == 2 for d in spread if len(d) >= 2)        # spread over both interviews


def test_speaker_errors(tmp_path, demo):
    result, _, _ = demo
    bad = tmp_path / "one.csv"
    bad.write_text("speaker\nMA1\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"\[QK606\] .*one.csv: not a speaker attribute table"):
        read_speakers(bad)
    twice = tmp_path / "twice.csv"
    twice.write_text("speaker,role\nMA1,a\nma1,b\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"\[QK607\] .*twice.csv, line 3: speaker listed twice \(first at line 2\)"):
        read_speakers(twice)
    with pytest.raises(AnalysisError, match=r"\[QK608\] --by 'rol': no such breakdown for transcripts. Use one of: "
                                            r"'document', 'speaker'.*Give speaker attributes with --speakers FILE."):
        build_tables(result, by=["rol"])


# --- real transcripts ------------------------------------------------------------------------------

def test_rust_interviews_natural_order_and_counts(rust):
    result, tables, out = rust
    got, spk, _ = check_matrices(result, out)
    assert list(got.index) == [str(i) for i in range(1, 20)]              # not 1, 10, 11, ...
    assert "Participant (1)" in spk.index and "Participant (19)" in spk.index   # one participant per interview
    page = render_html(tables, result, lang="en", quotes=3)
    assert not re.search(r"(?i)respondent", text_of(page))
    places = [int(m) for m in re.findall(r"<footer>Interview (\d+), turn \d+</footer>", page)]
    assert len(set(places)) >= 5                                           # quotes spread over the interviews


def test_parliament_skip_chair_and_counts(kamer):
    result, tables, out = kamer
    check_matrices(result, out)
    speakers = pd.read_csv(out / "speakers.csv", keep_default_na=False).set_index("speaker")
    assert speakers.at["Voorzitter", "turns"] == 0 and speakers.at["Voorzitter", "skipped"] == 144
    got = pd.read_csv(out / "by_document.csv", dtype={"document": str})
    assert len(got) == 229 and list(got.document) == sorted(got.document, key=natural_key)
    page = render_html(tables, result, quotes=2)
    text = text_of(page)
    assert "Niet gecodeerd werden de beurten van Voorzitter" in text and not re.search(r"(?i)respondent", text)


@pytest.mark.parametrize("fixture", ["demo", "rust", "kamer"])
def test_transcripts_without_cue_times_have_empty_time_columns(fixture, request):
    """Markdown, text and JSONL transcripts (the demo and the real ones) have no times: the
    columns are there and empty, and the report's places have no clock."""
    result, tables, out = request.getfixturevalue(fixture)
    seg = pd.read_csv(out / "segments.csv", dtype=str, keep_default_na=False)
    assert len(seg) and set(seg.time_start) == set(seg.time_end) == {""}
    assert not re.search(r"(?:turn|beurt) \d+, \d", render_html(tables, result))


# --- frequencies.csv of transcripts: segments, interviews, speakers (one counter) -------------

def test_transcript_frequencies_match_segments(rust):
    """frequencies.csv of a real interview study counts segments, interviews (with the Wilson
    interval of statsmodels) and speakers per code, as counted here from segments.csv alone,
    and the workbook's interviews sheet holds the same numbers."""
    import io

    import openpyxl
    from statsmodels.stats.proportion import proportion_confint

    result, tables, out = rust
    cb = result.codebook
    freq = pd.read_csv(out / "frequencies.csv", keep_default_na=False).set_index("code")
    assert list(freq.columns) == ["label", "category", "segments", "interviews", "pct", "ci_low", "ci_high", "base",
                                  "speakers", "speakers_base"]
    assert list(freq.index) == cb.ids
    seg = pd.read_csv(out / "segments.csv", dtype=str, keep_default_na=False)
    parent = {c.id: c.parent for c in cb.codes}
    rows = []
    for r in seg.itertuples():
        code = r.code
        while code:
            rows.append((r.doc_id, r.unit_start, r.unit_end, r.speaker, code))
            code = parent.get(code)
    long = pd.DataFrame(rows, columns=["doc", "start", "end", "speaker", "code"]).drop_duplicates()
    coded_docs = {s.doc_id for s in result.corpus.segments if s.coded}
    speakers = pd.read_csv(out / "speakers.csv", keep_default_na=False)
    assert (freq["base"] == len(coded_docs)).all() and (freq["speakers_base"] == (speakers.turns > 0).sum()).all()
    for code in cb.ids:
        mine = long[long.code == code]
        n = mine.doc.nunique()
        assert freq.at[code, "segments"] == len(mine.drop_duplicates(["doc", "start", "end"])), code
        assert freq.at[code, "interviews"] == n, code
        assert freq.at[code, "speakers"] == mine.speaker.nunique(), code
        low, high = proportion_confint(n, len(coded_docs), method="wilson")
        assert freq.at[code, "pct"] == pytest.approx(100 * n / len(coded_docs))
        assert (freq.at[code, "ci_low"], freq.at[code, "ci_high"]) == (pytest.approx(100 * low),
                                                                       pytest.approx(100 * high))
    assert freq["segments"].max() > 0 and freq["speakers"].max() > 1
    sheet = openpyxl.load_workbook(io.BytesIO((out / "qualkit.xlsx").read_bytes()))["interviews"]
    values = [r for r in sheet.iter_rows(values_only=True) if r and r[0] in cb.ids]
    assert [(r[0], r[3], r[4], r[8]) for r in values] == [
        (c, freq.at[c, "segments"], freq.at[c, "interviews"], freq.at[c, "speakers"]) for c in cb.ids]
    assert [r[6] for r in values] == pytest.approx([freq.at[c, "ci_low"] / 100 for c in cb.ids])


# --- a quote's context is the question, not the chair giving the floor -----------------------

def test_quote_context_passes_over_skipped_chair(kamer):
    """With --skip-speaker voorzitter the chair's turns are marked skipped, and the turn before
    a quote is the nearest earlier turn of another speaker (in the Kamer data the chair gives
    the floor between the question and the minister's answer)."""
    import re as _re

    from qualkit.stats.matrices import TurnIndex

    result, tables, _ = kamer
    segs = result.corpus.segments
    chair = [s for s in segs if s.speaker.casefold() == "voorzitter"]
    assert chair and all(s.skipped and not s.coded for s in chair)
    assert not any(s.skipped for s in segs if s.speaker.casefold() != "voorzitter")
    index = TurnIndex(segs)
    after_chair = 0
    for doc, turns in index.turns.items():
        for i, turn in enumerate(turns):
            if not turn.coded:
                continue
            _, found, before = index.find(doc, turn.start)
            assert found is turn
            if i and turns[i - 1].skipped:
                after_chair += 1
                earlier = [t for t in turns[:i] if not t.skipped]
                assert before is (earlier[-1] if earlier else None)
    assert after_chair > 50                                  # the chair often speaks just before an answer
    page = render_html(tables, result, quotes=3)
    befores = _re.findall(r'<p class="before"><b>([^<]*)</b>', page)
    assert befores and not any(b.casefold().startswith("voorzitter") for b in befores)


# --- one name per speaker in every output -------------------------------------------------------

def test_speaker_names_are_the_same_in_every_output(rust):
    """A role label ('Participant') is one speaker per interview: segments.csv, by_speaker.csv,
    speakers.csv, the workbook and the report all call it 'Participant (N)'."""
    import io
    import re as _re

    import openpyxl

    result, tables, out = rust
    seg = pd.read_csv(out / "segments.csv", dtype=str, keep_default_na=False)
    spk = pd.read_csv(out / "by_speaker.csv", dtype=str, keep_default_na=False)
    table = pd.read_csv(out / "speakers.csv", dtype=str, keep_default_na=False)
    names = set(seg.speaker)
    assert names == set(spk.speaker) and names <= set(table.speaker)
    assert {f"Participant ({d})" for d in seg.doc_id} == names          # no bare 'Participant' anywhere
    wb = openpyxl.load_workbook(io.BytesIO((out / "qualkit.xlsx").read_bytes()))
    for sheet in ("segments", "by speaker"):
        rows = [r for r in wb[sheet].iter_rows(values_only=True) if any(v is not None for v in r)]
        head = next(i for i, r in enumerate(rows) if "speaker" in r)
        col = rows[head].index("speaker")
        assert {r[col] for r in rows[head + 1:]} == names, sheet
    page = render_html(tables, result, quotes=2)
    quoted = set(_re.findall(r"<b>(Participant[^<]*):</b>", page))
    assert quoted and quoted <= names


# --- words per unit: QK440 for an interview field, 'qualkit export' counts ----------------------

def test_too_many_groups_is_worded_in_interviews(kamer):
    """An interview field with (almost) a value per discussion as --by: QK440 speaks of interviews."""
    from qualkit.stats import Counts

    result, _, _ = kamer
    counts = Counts(result.codebook, ["interview"], ["questioners"]).add(result.corpus, result.codings)
    with pytest.raises(AnalysisError) as err:
        counts.crosstab("interview", "questioners")
    n = result.corpus.respondents["questioners"].notna().sum()
    assert str(err.value).startswith(f"[QK440] breakdown variable 'questioners' has more than 20 groups for the "
                                     f"{n} interviews with a value: too many to read, so no table. ")
    assert "respondent" not in str(err.value) and "groups of several interviews each" in str(err.value)


def test_export_counts_one_source_in_the_singular(tmp_path):
    from typer.testing import CliRunner

    from qualkit.cli import app

    runner = CliRunner()
    out = tmp_path / "one.qdpx"
    res = runner.invoke(app, ["export", str(DEMO[0]), "-c", str(ACTIVERING), "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert f"Wrote {out}: 1 source, " in res.output and "1 sources" not in res.output
    res = runner.invoke(app, ["import", str(out), "-o", str(tmp_path / "imp")])
    assert res.exit_code == 0, res.output
    assert "Imported 1 source, " in res.output


# --- a speaker who talks once is merged into the turn before: a note says where ---------------

def test_one_time_name_label_gets_a_note(tmp_path, caplog):
    """'Els:' opens one line only, so (by the documented rule that keeps 'Kortom:' in an answer)
    her words join the interviewer's turn; a note gives the line number, never the text or name."""
    from qualkit.ingest import read_inputs

    p = tmp_path / "gesprek.txt"
    p.write_text("Interviewer: Wat zijn de drempels?\nJan: De taal.\nInterviewer: En jij?\nEls: De bus rijdt niet.\n"
                 "Interviewer: Dank je.\nJan: Graag.\n", encoding="utf-8")
    with caplog.at_level("WARNING", logger="qualkit"):
        corpus = read_inputs([p], ReadOptions())
    assert [s.speaker for s in corpus.segments] == ["Interviewer", "Jan", "Interviewer", "Interviewer", "Jan"]
    notes = [r.getMessage() for r in caplog.records if "capitalised name" in r.getMessage()]
    assert len(notes) == 1 and "1 line (line 4) starts with" in notes[0] and "--speaker-pattern" in notes[0]
    assert "Els" not in notes[0] and "bus" not in notes[0]
    caplog.clear()
    p.write_text("Interviewer: Wat zijn de drempels?\nJan: De taal.\nInterviewer: En jij?\nEls: De bus.\n"
                 "Els: En de taal.\nJan: Ja.\n", encoding="utf-8")
    with caplog.at_level("WARNING", logger="qualkit"):
        read_inputs([p], ReadOptions())
    assert not [r for r in caplog.records if "capitalised name" in r.getMessage()]
