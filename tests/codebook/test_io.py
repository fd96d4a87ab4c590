from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qualkit.codebook import Code, Codebook, Rule, dumps, load_codebook, loads
from qualkit.errors import CodebookError

GOOD = """
name: werkdruk
version: 1.2
language: nl
codes:
  - id: organisatie
    label: Organisatie
  - id: personeel
    label: Meer personeel
    parent: organisatie
    colour: "#1f77b4"
    questions: [Q23]
    include:
      - lemma: [personeel, collega]
        compound: true
      - phrase: extra handen
      - glob: aanwerv*
      - regex: 'bijkomende? (mensen|krachten)'
    exclude:
      - phrase: personeel dienst
    examples:
      match: [Meer personeel.]
      no_match: [We hebben geen extra personeel nodig.]
"""


def test_load_good(tmp_path):
    p = tmp_path / "cb.yaml"
    p.write_text(GOOD, encoding="utf-8")
    cb = load_codebook(p)
    assert cb.version == "1.2"
    assert [c.id for c in cb.codes] == ["organisatie", "personeel"]
    staff = cb.code("personeel")
    assert [(r.kind, r.pattern, r.compound) for r in staff.include] == [
        ("lemma", "personeel", True), ("lemma", "collega", True), ("phrase", "extra handen", False),
        ("glob", "aanwerv*", False), ("regex", "bijkomende? (mensen|krachten)", False)]
    assert cb.children("organisatie") == ["personeel"]
    assert loads(dumps(cb)) == cb.__class__(**{**cb.__dict__, "path": None})


def problems(text: str) -> list[str]:
    with pytest.raises(CodebookError) as e:
        loads(text, where="cb.yaml")
    assert str(e.value).startswith("[QK")
    return e.value.problems


def test_unknown_match_type_message():
    p = problems("""
name: x
version: "1"
codes:
  - id: personeel
    label: P
    include: [{lemma: a}, {lemma: b}, {globb: "aanwerv*"}]
""")
    assert p == ["cb.yaml, code 'personeel', include[2]: unknown match type 'globb'. Did you mean 'glob'? "
                 "Use one of: lemma, phrase, glob, regex."]


def test_every_problem_reported_at_once():
    p = problems("""
name: x
version: "1"
langauge: nl
codes:
  - id: a
    label: A
    include: [{regex: "(unclosed"}]
  - id: a
    label: A2
    include: [{lemma: "two words"}]
  - id: b
    parent: nope
    include: [{phrase: single}]
    colour: red
  - id: c
    label: C
""")
    text = "\n".join(p)
    assert "unknown key 'langauge'. Did you mean 'language'?" in text
    assert "code 'a', include[0]: invalid regex '(unclosed'" in text
    assert "code 'a': id used 2 times" in text
    assert "lemma 'two words' has several words. Use 'phrase'" in text
    assert "code 'b': 'label' is missing" in text
    assert "code 'b': parent 'nope' is not a code" in text
    assert "code 'b', include[0]: phrase 'single' has one word" in text
    assert "colour 'red' is not a '#rrggbb' hex colour" in text
    assert "code 'c': no include rules and no child codes" in text
    assert len(p) == 9


@pytest.mark.parametrize("text, code, fragment", [
    ("", 212, "file is empty"),
    ("name: [unclosed", 206, "line 1, column"),
    ("- just a list", 213, "top level must be a mapping"),
    ("name: x\nversion: 1\ncodes: []", 203, "'codes' must be a non-empty list"),
    ("name: x\nversion: 1\nlanguage: fr\ncodes: [{id: a, label: A, include: [{lemma: a}]}]", 203, "language 'fr' is not supported"),
    ("name: x\nversion: 1\ncodes: [{id: a, label: A, parent: b, include: [{lemma: a}]}, {id: b, label: B, parent: a}]", 203, "cycle"),
    ("name: x\nversion: 1\ncodes: [{id: a, label: A, include: [{glob: '*'}]}]", 203, "matches every word"),
    ("name: x\nversion: 1\ncodes: [{id: a, label: A, include: [{phrase: a b, compound: true}]}]", 203, "'compound' applies to lemma rules only"),
    ("name: x\nversion: 1\nnegation: {window: 99}\ncodes: [{id: a, label: A, include: [{lemma: a}]}]", 203, "'window' must be a whole number"),
    ("a:\n" + "".join("  " * i + f"- \n" for i in range(1, 40)), 208, "nested"),
])
def test_invalid(text, code, fragment):
    with pytest.raises(CodebookError) as e:
        loads(text, where="cb.yaml")
    assert e.value.code == code
    assert fragment in str(e.value)


def test_file_errors(tmp_path):
    with pytest.raises(CodebookError, match=r"^\[QK201\] .*not found"):
        load_codebook(tmp_path / "missing.yaml")
    bad = tmp_path / "latin1.yaml"
    bad.write_bytes("name: caf\xe9\n".encode("latin-1"))
    with pytest.raises(CodebookError, match=r"^\[QK202\] .*not UTF-8"):
        load_codebook(bad)


ident = st.from_regex(r"[a-z][a-z0-9_]{0,8}", fullmatch=True)
word = st.from_regex(r"[a-zë]{2,10}", fullmatch=True)
rules = st.one_of(
    st.builds(Rule, st.just("lemma"), word, st.booleans(), st.sampled_from([None, True, False])),
    st.builds(Rule, st.just("phrase"), st.lists(word, min_size=2, max_size=3).map(" ".join)),
    st.builds(Rule, st.just("glob"), word.map(lambda w: w + "*")),
    st.builds(Rule, st.just("regex"), word.map(lambda w: rf"\b{w}\w*")),
)
texts = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=30)


@st.composite
def codebooks(draw):
    ids = draw(st.lists(ident, min_size=1, max_size=5, unique=True))
    codes = [Code(id=i, label=draw(texts.filter(str.strip)), description=draw(texts),
                  parent=draw(st.sampled_from([None, *ids[:k]])),
                  colour=draw(st.sampled_from([None, "#aabbcc", "#102030"])),
                  questions=draw(st.lists(ident, max_size=2)), include=draw(st.lists(rules, min_size=1, max_size=4)),
                  exclude=draw(st.lists(rules.filter(lambda r: r.negation is None and not r.compound), max_size=2)),
                  negation=draw(st.booleans()), match=draw(st.lists(texts, max_size=2)),
                  no_match=draw(st.lists(texts, max_size=2)))
             for k, i in enumerate(ids)]
    return Codebook(name=draw(texts.filter(str.strip)), version=draw(st.sampled_from(["1", "1.0.2", "2026.1"])),
                    codes=codes, language=draw(st.sampled_from(["nl", "en"])),
                    description=draw(texts), unit=draw(st.sampled_from(["sentence", "segment"])),
                    negation_window=draw(st.integers(0, 10)), negation_after=draw(st.integers(0, 5)),
                    negation_cues=draw(st.sampled_from([None, ["geen", "niet"]])))


@settings(max_examples=150, deadline=None)
@given(codebooks())
def test_yaml_round_trip(cb):
    """codebook -> YAML -> codebook gives back the same codebook."""
    back = loads(dumps(cb))
    for c in cb.codes:  # exclude rules never carry options; labels are stored verbatim
        c.label = c.label
    assert back == cb
    assert dumps(back) == dumps(cb)


def test_stop_words_for_themes():
    cb = loads(GOOD.replace("language: nl\n", "language: nl\nstop_words: [OCMW, zeg maar, ocmw]\n"))
    assert cb.stop_words == ["ocmw", "zeg maar"]
    assert loads(dumps(cb)).stop_words == cb.stop_words
    assert "stop_words" not in dumps(loads(GOOD))
    p = problems(GOOD.replace("language: nl\n", "language: nl\nstop_words: [ok, {a: b}]\n"))
    assert p == ["cb.yaml, stop_words: must be a list of text items."]
    p = problems(GOOD.replace("language: nl\n", "language: nl\nstop_words: [ok, '  ']\nstopwords: [x]\n"))
    assert p == ["cb.yaml: unknown key 'stopwords'. Did you mean 'stop_words'? Allowed: name, version, language, "
                 "description, unit, negation, stop_words, codes.",
                 "cb.yaml, stop_words[1]: a stop word must be a word or short phrase on one line (1-100 characters)."]
