"""The coder's token path (no ``Doc``: spaCy once per distinct run, qualkit.coding.tokens)
gives exactly spaCy's tokens, and coding through it gives exactly the ``Doc`` path's
codings (codes, offsets, match_spans, negated matches), on real answers in Dutch and
English and on hostile strings."""
from __future__ import annotations

import itertools
import json

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import shared
from qualkit.codebook import load_codebook, loads
from qualkit.coding import CodebookMatcher, matcher as matcher_module
from qualkit.coding.engine import _negated_rows, _rows, code_segments
from qualkit.coding.tokens import Runs, edge_tokens, special_pairs, tokenise
from qualkit.types import Segment

HOSTILE = [
    "", " ", "  ", "   ", "\t", "\n", "\n\n", "\r\n", " \r\n ", "\r", "\u00a0", " \u00a0 ", "\u202f", "\u2009", "\u3000",
    "\x85", "\u2028", "\u2029", "\x1c\x1d\x1e\x1f", "\x0b\x0c", "\u200b", "\u200c", "\u200d", "\ufeff", "\u2060",
    "\u200f", "\x00", "😀", "👩‍⚕️", "👍🏽", "🇧🇪", "❤️", "😀😀😀",
    "https://www.vlaanderen.be/ocmw?q=personeel&x=1.", "www.ocmw.be/personeel", "personeel@ocmw.be",
    "mailto:jan.peeters@gent.be", "e-mail", "-personeel-", "personeels-tekort", "personeel—collega",
    "zorg- en welzijnssector", "'s avonds", "’s morgens", "'t", "collega's", "collega’s", "z'n", "OCMW's", "zzp'er",
    "10km", "3de", "2x", "24/7", "1.000", "€5", "5€", "COVID-19", "#personeel", "@minister", ":-)", ":(", "> :(",
    ":'(", "(:", "<3", "bijv.", "bijv .", "o.a.", "o. a.", "enz.", "v.Chr.", "v. Chr.", "20° C.", "° c.", "...", "…",
    "!!!", "?!", '"personeel"', "«personeel»", "(personeel)", "[personeel]", "personeel.Collega", "personeel,collega",
    "PERSONEEL", "pErSoNeEl", "ﬁnanciën", "İstanbul", "straße", "شكرا", "人员", "e\u0301", "don't", "can't", "U.S.",
    "- te duur\n- vergeten", "1. personeel\n2. collega's", "**Interviewer**\\", "geen personeel", "niet genoeg mensen",
]
"""Emoji, URLs, e-mails, hyphens, apostrophes, digits with letters, CRLF, tabs, NBSP and
other Unicode spaces, zero-width and control characters, special cases cut by a space."""

LONG = ["personeel" * 2000, "x" * 20000 + " personeel", "-" * 3000, "." * 3000, "😀" * 2000, " " * 3000,
        "\n" * 2000, "personeel " * 2000, "geen personeel. " * 500]
"""Very long runs and texts."""

CROSS = {"nl": ["crt .A.g.j.b.:( (Mhd.", "Bull.inf.inami.O.regl.° c.No."], "en": ["> :(Daren’t", "o. Oyoure° c.Havin’"]}
"""Texts where a special case across two runs changes a run's tokens (found by fuzzing)."""

EN_BOOK = """
name: en-test
version: "1"
language: en
unit: sentence
codes:
  - id: safety
    label: Safety
    include: [{lemma: safe, compound: true}, {glob: ["unsaf*", "sound*"]}, {phrase: [memory safety]}]
    exclude: [{phrase: [not safe at all]}]
  - id: speed
    label: Performance
    include: [{lemma: [performance, speed]}, {regex: "\\\\bfast(er|est)?\\\\b"}]
  - id: learn
    label: Learning
    include: [{lemma: learn}, {phrase: [learning curve]}, {glob: "learn*"}]
"""


def hostile_texts() -> list[str]:
    out = HOSTILE + LONG
    for h in HOSTILE:
        out += [f"Meer {h}personeel{h} nodig.", f"{h} geen personeel {h}", f"personeel{h}", f"{h}collega's ",
                f"We don't feel safe{h}at all.{h}Learning{h}", f"{h}\r\nzonder extra personeel{h}"]
    out += ["".join(p) for p in itertools.product(HOSTILE[::3], repeat=2)]
    out += [" ".join(p) for p in itertools.product(HOSTILE[1::3], repeat=2)]
    return out + CROSS["nl"] + CROSS["en"]


def dutch_texts() -> list[str]:
    out = []
    with open(shared("nl-be-kamer-plenary-qa", "plenary_questions_dutch.jsonl"), encoding="utf-8") as f:
        for line in f:
            out += [t["text"] for t in json.loads(line)["turns"]]
    out += pd.read_csv(shared("nl-ecosent", "metadata.csv"))["headline"].dropna().astype(str).tolist()[:2500]
    for path in sorted(shared("nl-partypanel-openanswers").glob("pp1*.csv")):
        cells = pd.read_csv(path, dtype=str, keep_default_na=False).to_numpy().ravel()
        out += [c for c in cells if " " in c]
    return out


def english_texts() -> list[str]:
    out = []
    for path in sorted(shared("en-rust-unsafe-interviews", "interviews", "transcripts").glob("*.md")):
        out += path.read_text(encoding="utf-8").split("\n\n")
    return out


def spacy_tokens(doc) -> tuple[list[str], list[int]]:
    return [t.text for t in doc], [t.idx for t in doc]


@pytest.fixture(scope="module")
def data(nl, en):
    """Per language: the pipeline, the texts and their spaCy ``Doc`` s (the fast path: tokenizer only)."""
    out = {}
    for lang, pipeline, texts in [("nl", nl, dutch_texts() + hostile_texts()), ("en", en, english_texts() + hostile_texts())]:
        out[lang] = (pipeline, texts, list(pipeline.pipe(texts)))
    return out


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_text_gets_spacys_tokens(data, lang, monkeypatch):
    """Word records and offsets of every text equal spaCy's tokens (text, idx), with the
    caches starting again many times (a small limit) and texts in batches."""
    pipeline, texts, docs = data[lang]
    monkeypatch.setattr(matcher_module, "MAX_WORDS", 3000)
    m = CodebookMatcher(load_codebook("codebooks/werkdruk.yaml") if lang == "nl" else loads(EN_BOOK), pipeline)
    m._runs.limit = 2000
    assert all(d.text == t for d, t in zip(docs, texts)) and len(docs) == len(texts)
    for start in range(0, len(texts), 300):
        batch = texts[start:start + 300]
        for text, doc, got in zip(batch, docs[start:start + 300], m.tokens(batch, every=True)):
            assert ([w.text for w in got.words], got.idx) == spacy_tokens(doc), repr(text[:80])
            assert got.where == [i for i, w in enumerate(got.words) if w.interesting]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_special_case_across_runs_is_left_to_spacy(lang, nl, en):
    """Where spaCy's special cases join tokens of two runs, the runs' own tokens side by
    side would be wrong: the layout says so (None) and the coder asks spaCy."""
    tok = (nl if lang == "nl" else en).nlp.tokenizer
    runs = Runs(tok, str, lambda w: True)
    for text in CROSS[lang]:
        pieces = runs.split([text])[0]
        apart = [t for run in text.split(" ") for t, _ in tokenise(tok, [run])[0]]
        assert apart != spacy_tokens(tok(text))[0]   # a real case
        assert runs.layout(pieces) is None
    # spaCy's final pass over special cases saw ':' '(' where ':(' stands now
    assert ":" in edge_tokens(tok)[0][":("] and (":", "(") in special_pairs(tok)
    assert [t.text for t in tok(":(x")] == [":(", "x"]


FRAGMENTS = ["personeel", "collega", "geen", "niet", "Meer", "bijv", "o", "a", "c", "Chr", "O", "no", "don", "t",
             ".", ",", ":", ";", "(", ")", "'", "’", "-", "°", "<", ">", "=", "_", "3", "10", "km", "s", "😀",
             " ", " ", " ", "  ", "\n", "\r\n", "\t", "\u00a0", "\u200b"]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(["nl", "en"]), st.lists(st.sampled_from(FRAGMENTS), max_size=14).map("".join))
def test_runs_side_by_side_are_spacys_tokens(nl, en, lang, text):
    """Any text from fragments where special cases, affixes and whitespace meet: the
    layout is spaCy's tokens, or None (spaCy asked)."""
    tok = (nl if lang == "nl" else en).nlp.tokenizer
    runs = Runs(tok, str, lambda w: False)
    laid = runs.layout(runs.split([text])[0])
    if laid is not None:
        assert laid == spacy_tokens(tok(text)), repr(text)


def doc_path(m: CodebookMatcher, segs: list[tuple[int, Segment]], docs: list) -> tuple[list[dict], list[dict]]:
    """Codings rows and negated rows the way the coder made them before the token path:
    one spaCy ``Doc`` per text (the pipeline's fast path, the tokenizer only)."""
    cb = m.codebook
    rows: list[dict] = []
    negated: list[dict] = []
    texts = [s.text for _, s in segs]
    for (i, seg), doc, sp in zip(segs, docs, m.regex_spans(texts)):
        codes = frozenset(c.id for c in cb.codes if c.applies_to(seg.question))
        trace: list = []
        rows += _rows(i, seg, m.match(doc, codes, seg.text, sp, trace), cb.unit)
        negated += _negated_rows(i, seg, trace, cb.unit)
    return rows, negated


@pytest.mark.parametrize("lang, book", [("nl", "codebooks/werkdruk.yaml"), ("nl", "codebooks/activering.yaml"),
                                        ("nl", "bench/bench_lemmas_codebook.yaml"), ("en", None)])
def test_codings_equal_on_both_paths(data, lang, book):
    """Every answer: the same codes, offsets, matched words, match_spans and negated
    matches through the token path (code_segments) as through a ``Doc`` per text."""
    pipeline, texts, docs = data[lang]
    cb = load_codebook(book) if book else loads(EN_BOOK)
    segs = [(i, Segment(text=t, doc_id=f"d{i}", start=3, end=3 + len(t), unit_id=f"r{i}", question="Q23",
                        source="t")) for i, t in enumerate(texts)]
    expected = doc_path(CodebookMatcher(cb, pipeline), segs, docs)
    negated: list[dict] = []
    m = CodebookMatcher(cb, pipeline)
    m._runs.limit = 5000   # the run cache starts again along the way
    rows = list(code_segments(segs, m, batch_size=200, negated=negated))
    assert len(expected[0]) > 50 and (rows, negated) == expected
    skipped = sum(t is None for t in m.tokens(texts, m.regex_spans(texts)))
    assert skipped > len(texts) // 5   # texts no rule can match are never laid out
