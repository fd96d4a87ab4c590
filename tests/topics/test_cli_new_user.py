"""What a new user sees from `qualkit themes` on real material the other tests do not use: survey
answers without a codebook (no empty "new"/"codes" columns, counts that add up to the input, no
library warnings on screen), headline capitals, and stubs only for themes with keywords."""
from __future__ import annotations

import csv
import dataclasses
import warnings
from collections import Counter
from types import SimpleNamespace

import numpy as np
import pytest
from typer.testing import CliRunner

from conftest import shared
from qualkit.cli import app
from qualkit.codebook import loads
from qualkit.topics.output import plot_html, stubs_yaml
from qualkit.topics.records import Quote, Theme, code_stub, written_forms

runner = CliRunner()


def test_headline_capitals_do_not_make_a_keyword_capitalised(nl):
    """Headlines start with a capital: a word written in lower case wherever it is not first is
    shown in lower case; acronyms keep their capitals."""
    path = shared("nl-ecosent", "metadata.csv")
    with path.open(encoding="utf-8", newline="") as f:
        heads = [r["headline"] for r, _ in zip(csv.DictReader(f), range(3000))]
    lemmas, words = [], []
    for doc in nl.pipe(heads):
        toks = [t for t in doc if t.is_alpha]
        lemmas.append([nl.lemma(t) for t in toks])
        words.append([t.text for t in toks])
    counts = Counter(x.lower() for lem in lemmas for x in lem)
    terms = [w for w, n in counts.most_common(300) if len(w) > 3]
    shown = written_forms(terms, lemmas, words)
    first_cap = later_low = 0
    for term in terms:
        starts = [wr[0] for lem, wr in zip(lemmas, words) if lem and lem[0].lower() == term]
        later = [wr[k] for lem, wr in zip(lemmas, words) for k in range(1, len(lem)) if lem[k].lower() == term]
        low = sum(not w[:1].isupper() for w in later)
        if later and low * 2 > len(later):  # mostly lower case where a capital means something
            later_low += 1
            first_cap += any(w[:1].isupper() for w in starts)
            assert shown[term] == shown[term].lower(), term
        if term in shown and shown[term].isupper() and len(shown[term]) > 1:
            assert any(w.isupper() for w in later + starts)
    assert later_low > 50 and first_cap > 20  # the rule was exercised on many words that open a headline


def _theme(i: int, keywords: list[tuple[str, float]], codes: dict[str, float] | None = None) -> Theme:
    words = [w for w, _ in keywords]
    quote = Quote(segment=i, unit_id=str(i), doc_id=str(i), question="Q1", text=f"antwoord {i}")
    return Theme(id=i, slug=f"t{i}", label=", ".join(words) or "(no keywords)", keywords=keywords, size=20 - i,
                 quotes=[quote], codes=codes or {}, uncoded_share=1.0 - sum((codes or {}).values()),
                 stub=code_stub(f"t{i}", ", ".join(words), 20 - i, words or [f"t{i}"]))


def _fitted(themes: list[Theme]) -> SimpleNamespace:
    n = sum(t.size for t in themes)
    return SimpleNamespace(themes_=themes, language_="nl", random_state=42, centroids_=np.eye(len(themes), 4),
                           summary_={"segments": n + 3, "analysed": n + 1, "assigned": n, "unassigned": 1,
                                     "other_language": {}, "no_words": 2})


def test_a_theme_without_keywords_gets_no_stub_and_says_why():
    ts = _fitted([_theme(0, [("wachttijd", .5), ("huisarts", .4)]), _theme(1, [])])
    text = stubs_yaml(ts)
    cb = loads(text)
    assert [c.id for c in cb.codes] == ["t0"]            # no made-up rule for the theme without words
    assert "# theme 1: 19 segments; no stub: none of its words is left as a keyword" in text
    assert "uncoded" not in text                          # nothing was coded: no "100% uncoded; codes: none"
    assert "\ncodes: []\n" in stubs_yaml(_fitted([_theme(1, [])]))
    html = plot_html(ts)
    assert "no keywords: its words are stop words or names" in html


def test_html_says_new_and_coded_only_when_a_codebook_coded_something():
    plain = plot_html(_fitted([_theme(0, [("wachttijd", .5)]), _theme(1, [("loket", .4)])]))
    assert 'class="new"' not in plain and "mostly coded" not in plain
    assert '<div class="kw">wachttijd</div>' not in plain   # a keyword line that only repeats the label is left out
    assert "analysed: " in plain
    assert plain.rfind("<circle") < plain.find("<text")  # every theme's number drawn over every circle: none hidden
    coded = plot_html(_fitted([_theme(0, [("wachttijd", .5)], {"personeel": .8}), _theme(1, [("loket", .4)])]))
    assert coded.count('<span class="new">new</span>') == 1 and "mostly coded" in coded


@pytest.mark.slow
def test_survey_answers_without_codebook(tmp_path):
    """Real LimeSurvey answers (14 respondents, several questions), no codebook: the table has no
    "new" or "codes" column, every non-empty answer is counted once, no warning reaches the screen."""
    path = shared("nl-partypanel-openanswers", "pp18.1_pre2_survey_180102.csv")
    questions = ["adviseFriend*", "disclose*", "recruitment", "expertise"]
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    cols = [c for c in rows[0] if c.startswith(("adviseFriend", "disclose")) or c in ("recruitment", "expertise")]
    answers = sum(1 for r in rows for c in cols if r[c].strip() and r[c].strip() != "NA")
    out = tmp_path / "out"
    args = ["themes", str(path), "-i", "id", *[x for q in questions for x in ("-q", q)], "--min-topic-size", "5",
            "-o", str(out)]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        res = runner.invoke(app, args)
    assert res.exit_code == 0, res.output
    assert not [w for w in caught if issubclass(w.category, RuntimeWarning)]
    assert "themes (no codebook)" in res.output and "codes carried" not in res.output
    assert "│ new" not in res.output and "leftovers" not in res.output
    import pandas as pd

    a = pd.read_csv(out / "assignments.csv")
    assert len(a) == answers                              # each answer once, empty and NA ones not
    first = res.output.split(" segments analysed;")[0].split("\n")[-1]
    assert first == f"{(a.label != '(no words)').sum():,} of {answers:,}"
    themes = pd.read_csv(out / "themes.csv")
    assert themes["size"].sum() == (a.theme >= 0).sum()
    assert loads((out / "code_stubs.yaml").read_text(encoding="utf-8")).codes
    html = (out / "themes.html").read_text(encoding="utf-8")
    assert 'class="new"' not in html and "mostly coded" not in html
