"""Each rule type, compounds and negation, with the failing cases they prevent."""
from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qualkit.codebook import loads
from qualkit import code_corpus
from qualkit.coding import CodebookMatcher, check_examples
from qualkit.errors import LimitError
from qualkit.types import Corpus, Segment


def corpus_of(*answers: str, question: str = "Q23") -> Corpus:
    segs, docs = [], {}
    for k, text in enumerate(answers, 1):
        raw = "  " + text + " "   # offsets must point into the raw cell, not the stripped text
        doc_id = f"R{k}/{question}"
        docs[doc_id] = raw
        segs.append(Segment(text=text, doc_id=doc_id, start=2, end=2 + len(text), unit_id=f"R{k}",
                            question=question, source="t.csv"))
    resp = pd.DataFrame(index=pd.Index([f"R{k}" for k in range(1, len(answers) + 1)], name="unit_id"))
    return Corpus(segments=segs, documents=docs, respondents=resp, questions=[question], kind="survey")


def book(rules: str, extra: str = "", code_extra: str = "") -> str:
    return f"""
name: t
version: "1"
{extra}
codes:
  - id: x
    label: X
{code_extra}
    include:
{rules}
"""


def coded(rules: str, *answers: str, extra: str = "", code_extra: str = "", nlp=None) -> list[bool]:
    cb = loads(book(rules, extra, code_extra))
    res = code_corpus(corpus_of(*answers), cb, nlp)
    hit = set(res.codings.unit_id)
    return [f"R{k}" in hit for k in range(1, len(answers) + 1)]


def test_lemma_matches_inflections(nl):
    r = "      - lemma: collega"
    assert coded(r, "Meer collega's aub", "Een nieuwe collega", "Collegiale steun", nlp=nl) == [True, True, False]


def test_compound_only_when_asked(nl):
    plain = "      - lemma: personeel"
    comp = "      - lemma: personeel\n        compound: true"
    texts = ("Er is een personeelstekort.", "Te weinig personeel.", "Werkdrukverlaging.")
    assert coded(plain, *texts, nlp=nl) == [False, True, False]
    assert coded(comp, *texts, nlp=nl) == [True, True, False]
    assert coded("      - lemma: werkdruk\n        compound: true", *texts, nlp=nl) == [False, False, True]
    # suffix position too: 'last' in 'administratielast'; but never a short rest ('personeels' is 1 char more)
    assert coded("      - lemma: last\n        compound: true", "De administratielast.", "Laster.", nlp=nl) == [True, False]


def test_phrase_on_lemmas_in_order(nl):
    r = "      - phrase: extra collega"
    assert coded(r, "Extra collega's zouden helpen.", "Collega's extra.", "extra, collega", nlp=nl) == [True, False, False]


def test_glob(nl):
    r = "      - glob: aanwerv*"
    assert coded(r, "Aanwerven van mensen", "De aanwerving loopt", "waarvan", nlp=nl) == [True, True, False]


def test_regex_and_offsets(nl):
    cb = loads(book("      - regex: 'bijkomende? (mensen|krachten)'"))
    c = corpus_of("Wij willen bijkomende krachten. Ook vorming.")
    res = code_corpus(c, cb, nl)
    row = res.codings.iloc[0]
    doc = c.documents[row.doc_id]
    assert doc[row.match_start:row.match_end] == "bijkomende krachten"
    assert doc[row.unit_start:row.unit_end] == "Wij willen bijkomende krachten."
    assert row.rule == "x include[0] regex:bijkomende? (mensen|krachten)"


@pytest.mark.parametrize("text, expected", [
    ("We hebben geen extra personeel nodig.", False),       # cue 2 tokens before
    ("Personeel is niet het probleem.", False),              # cue after, within 2
    ("Nooit genoeg personeel!", False),
    ("Zonder bijkomend personeel lukt het niet.", False),
    ("Niet meer vergaderen maar meer personeel.", True),     # 'maar' ends the negation's scope
    ("Geen vergaderingen. Meer personeel.", True),          # sentence boundary
    ("Geen tijd, meer personeel nodig.", True),             # comma ends the scope
    ("We willen meer personeel.", True),
])
def test_negation(nl, text, expected):
    assert coded("      - lemma: personeel", text, nlp=nl) == [expected]


def test_negation_window_and_switch(nl):
    text = "Niet echt heel veel extra personeel."
    r = "      - lemma: personeel"
    assert coded(r, text, nlp=nl) == [True]                                    # cue 5 tokens away
    assert coded(r, text, extra="negation: {window: 8}", nlp=nl) == [False]
    assert coded(r, "Geen personeel.", code_extra="    negation: false", nlp=nl) == [True]
    assert coded("      - lemma: personeel\n        negation: false", "Geen personeel.", nlp=nl) == [True]


def test_exclude_cancels_code_in_that_sentence(nl):
    cb = loads("""
name: t
version: "1"
codes:
  - id: admin
    label: Admin
    include: [{lemma: administratie, compound: true}]
    exclude: [{phrase: administratief bediende}]
""")
    c = corpus_of("Een administratief bediende doet de administratie. Minder administratielast!")
    res = code_corpus(c, cb, nl)
    assert len(res.codings) == 1
    assert res.codings.iloc[0].matched == "administratielast"


def test_units_sentence_and_segment(nl):
    r = "      - lemma: [personeel, collega]"
    text = "Meer personeel. En meer collega's."
    assert len(code_corpus(corpus_of(text), loads(book(r)), nl).codings) == 2
    res = code_corpus(corpus_of(text), loads(book(r, extra="unit: segment")), nl)
    assert len(res.codings) == 1
    assert res.codings.iloc[0].matched == "personeel | collega's"


def test_questions_restrict_codes(nl):
    cb = loads(book("      - lemma: personeel", code_extra="    questions: [Q24]"))
    assert code_corpus(corpus_of("Meer personeel."), cb, nl).codings.empty
    assert len(code_corpus(corpus_of("Meer personeel.", question="Q24"), cb, nl).codings) == 1


def test_interviewer_turns_not_coded(nl):
    c = corpus_of("Meer personeel.", "Meer personeel.")
    c.segments[1] = Segment(**{**{f: getattr(c.segments[1], f) for f in c.segments[1].__slots__}, "coded": False})
    res = code_corpus(c, loads(book("      - lemma: personeel")), nl)
    assert list(res.codings.unit_id) == ["R1"]


def test_catastrophic_regex_is_bounded(nl):
    cb = loads(book("      - regex: '(a|aa)+$'"))
    with pytest.raises(LimitError, match=r"^\[QK801\] code 'x', rule include\[0\] regex"):
        code_corpus(corpus_of("a" * 40 + "!"), cb, nl)


def test_examples_self_test(nl):
    cb = loads(book("      - lemma: personeel", code_extra="    examples: {match: [Meer personeel.], no_match: [Geen personeel., Personeel!]}"))
    got = [(c.expected, c.index, c.passed) for c in check_examples(cb, nl)]
    assert got == [(True, 0, True), (False, 0, True), (False, 1, False)]


def test_english(en):
    cb = loads("""
name: t
version: "1"
language: en
codes: [{id: staff, label: Staff, include: [{lemma: worker}]}]
""")
    res = code_corpus(corpus_of("We need more workers.", "We don't need more workers."), cb, en)
    assert list(res.codings.unit_id) == ["R1"]


WORDS = ["Meer", "personeel", ".", "!", "?", "\n", "\n\n", " ", "geen", "maar", "-", "collega's", "Ja", "…", ":)"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=20).map(" ".join))
def test_same_units_with_and_without_sentencizer(nl, text):
    """The coder's own sentence split (coding) equals spaCy's sentencizer (examples self-test)."""
    m = CodebookMatcher(loads(book("      - lemma: [personeel, collega]")), nl)
    a = [(h.start, h.end, h.sent_start, h.sent_end) for h in m.match(nl.nlp(text), None, text)]
    b = [(h.start, h.end, h.sent_start, h.sent_end) for h in m.match(next(nl.pipe([text])), None, text)]
    assert a == b
    assert all(not text[s:e][:1].isspace() and not text[s:e][-1:].isspace() for *_, s, e in a)
