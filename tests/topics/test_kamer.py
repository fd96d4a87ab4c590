"""Themes on real material: Belgian parliament questions (Dutch, with French turns) and English
research interviews. Labels and stubs hold no stop word, filler, procedure or name; French turns
are set apart; the outlier report adds up; the same input gives the same themes."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from conftest import shared
from qualkit.codebook.io import loads
from qualkit.topics import ThemeSuggester
from qualkit.topics.text import names, stop_words
from qualkit.types import Segment

pytestmark = [pytest.mark.slow, pytest.mark.filterwarnings("ignore::UserWarning")]


def kamer_segments() -> list[Segment]:
    path = shared("nl-be-kamer-plenary-qa", "plenary_questions_dutch.jsonl")
    segs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        for j, turn in enumerate(rec["turns"]):
            if turn["text"].strip():
                segs.append(Segment(text=turn["text"], doc_id=rec["question_id"], start=j, end=j + 1,
                                    unit_id=rec["question_id"], question="mondelinge vraag", source=path.name,
                                    speaker=turn["speaker"]))
    return segs


@pytest.fixture(scope="module")
def kamer():
    segs = kamer_segments()
    return segs, ThemeSuggester(mode="all").fit(segs)


def _terms(ts) -> list[str]:
    """Every word of every label, keyword and stub rule."""
    out = []
    for t in ts.themes_:
        out += t.label.split(", ") + t.words
        for entry in yaml.safe_load(t.stub):
            for rule in entry["include"]:
                out += [w for ws in rule.values() for w in ws]
    return [w for term in out for w in term.split()]


def _hygiene(ts, language: str, segs: list[Segment]) -> None:
    stops = stop_words(language)
    people = names([s.text for s in segs], {s.speaker for s in segs if s.speaker})
    words = _terms(ts)
    assert words
    bad = sorted({w for w in words if w.lower() in stops or w.lower() in people or not re.fullmatch(r"[^\W\d_]{2,}", w)})
    assert not bad, f"stop, filler, procedural, number or name tokens in labels or stubs: {bad}"


def test_kamer_labels_and_stubs_are_clean(kamer):
    segs, ts = kamer
    _hygiene(ts, "nl", segs)
    assert len(ts.themes_) >= 8
    labels = {t.label for t in ts.themes_}
    assert len(labels) == len(ts.themes_)


def test_kamer_french_turns_are_set_apart(kamer):
    segs, ts = kamer
    s = ts.summary_
    assert s["other_language"].get("fr", 0) >= 20
    a = ts.assignments_
    french = a[a.label == "(other language: fr)"]
    assert len(french) == s["other_language"]["fr"] and (french.theme == -1).all()
    assert not {w for t in ts.themes_ for w in t.words} & {"le", "la", "les", "de la", "monsieur", "vous"}


def test_kamer_outlier_report_adds_up(kamer):
    segs, ts = kamer
    s = ts.summary_
    a = ts.assignments_
    assert s["segments"] == len(a) == len(segs)
    assert s["analysed"] == s["assigned"] + s["unassigned"]
    assert s["segments"] == s["analysed"] + sum(s["other_language"].values()) + s["no_words"]
    assert s["assigned"] == (a.theme >= 0).sum() == sum(t.size for t in ts.themes_)
    assert 0 < s["reassigned"] <= s["outliers_found"]
    assert s["unassigned"] / s["analysed"] <= 0.2
    assert ts.min_topic_size_ == max(10, round(0.01 * s["analysed"]))  # the default: 1% of what is fitted
    assert (a[a.theme == -1].label == "(unassigned)").sum() == s["unassigned"]


def test_kamer_stubs_pass_their_own_self_test(kamer):
    from qualkit.coding import check_examples

    _, ts = kamer
    body = "".join(t.stub for t in ts.themes_)
    cb = loads("name: s\nversion: '1'\nlanguage: nl\ncodes:\n" + "".join("  " + ln + "\n" for ln in body.splitlines()))
    checks = check_examples(cb)
    assert checks and all(c.passed for c in checks)
    assert sum(len(c.match) for c in cb.codes) >= 2 * len(cb.codes)


def test_kamer_same_input_same_themes(kamer):
    segs, ts = kamer
    again = ThemeSuggester(mode="all").fit(segs)
    assert again.themes_ == ts.themes_
    assert again.assignments_.equals(ts.assignments_)


def test_english_interviews_labels_are_clean():
    from qualkit.ingest import read_inputs

    folder = shared("en-rust-unsafe-interviews", "interviews", "transcripts")
    corpus = read_inputs([folder / f"{i}.md" for i in (1, 2, 3, 10)])
    ts = ThemeSuggester(mode="all", language="en", min_topic_size=8).fit(corpus)
    assert len(ts.themes_) >= 3
    _hygiene(ts, "en", list(corpus.segments))
    # keywords read together are said together: each pair in at least one of the theme's turns
    lemmas = list(ts.pipeline_.lemmas(ts.assignments_.text.tolist()))
    for t in ts.themes_:
        terms = [w for w, _ in ts.model_.get_topic(t.id)]
        rows = [set(lemmas[i]) | {" ".join(p) for p in zip(lemmas[i], lemmas[i][1:])}
                for i in range(len(lemmas)) if ts.assignments_.theme.iat[i] == t.id]
        for a in terms:
            for b in terms:
                assert any(a in r and b in r for r in rows), (t.id, a, b)


def test_guided_mode_moves_themes_towards_the_codebook():
    """On real interviews, guided themes line up with the codebook's codes better than unguided ones
    (BERTopic's own guided mode moved no segment at all here)."""
    from sklearn.metrics import normalized_mutual_info_score

    from qualkit import code_corpus
    from qualkit.codebook.io import load
    from qualkit.ingest import read_inputs

    folder = shared("en-rust-unsafe-interviews", "interviews", "transcripts")
    corpus = read_inputs([folder / f"{i}.md" for i in range(11, 20)])
    cb = load(Path(__file__).parents[1] / "data" / "codebooks" / "rust-unsafe.yaml")
    codings = code_corpus(corpus, cb).codings
    codes: dict[int, set[str]] = {}
    for seg, code in zip(codings.segment, codings.code):
        codes.setdefault(int(seg), set()).add(code)
    agreement = {}
    for mode in ("all", "guided"):
        ts = ThemeSuggester(mode=mode, language="en").fit(corpus, codings, cb)
        theme = dict(zip(ts.assignments_.segment, ts.assignments_.theme))
        pairs = [(theme[s], min(c)) for s, c in codes.items() if len(c) == 1 and s in theme]
        agreement[mode] = normalized_mutual_info_score([c for _, c in pairs], [t for t, _ in pairs])
    assert ts.guided_ > 50 and any(t.seed_code for t in ts.themes_)
    assert agreement["guided"] > agreement["all"] + 0.1, agreement
