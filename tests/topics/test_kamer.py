"""Theme suggestion on real Dutch: Belgian parliament oral questions (shared test data)."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest
from spacy.lang.nl.stop_words import STOP_WORDS

from qualkit.codebook.io import loads
from qualkit.nlp import load_pipeline
from qualkit.topics import ThemeSuggester
from qualkit.types import CODING_COLUMNS, Segment

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"
KAMER = DATA / "nl-be-kamer-plenary-qa" / "plenary_questions_dutch.jsonl"
pytestmark = [pytest.mark.slow, pytest.mark.filterwarnings("ignore::UserWarning"),
              pytest.mark.skipif(not KAMER.exists(), reason=f"shared test data not found at {KAMER}")]

CODEBOOK = """\
name: kamer
version: "1.0"
codes:
  - id: migratie
    label: Migratie en asiel
    include:
      - lemma: [migratie, asiel, asielzoeker, asielzoekers, migrant, migranten, asielaanvraag]
  - id: energie
    label: Energie
    include:
      - lemma: [energie, kernenergie, kerncentrale, kerncentrales, energieprijs, stroom]
  - id: begroting
    label: Begroting en belasting
    include:
      - lemma: [begroting, belasting, begrotingstekort, belastingen, tekort]
"""


@pytest.fixture(scope="module")
def segments() -> list[Segment]:
    segs = []
    for line in KAMER.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        for j, turn in enumerate(rec["turns"]):
            if turn.get("lang") == "nl" and turn["text"].strip():
                segs.append(Segment(text=turn["text"], doc_id=f"{rec['question_id']}/{j}", start=0,
                                    end=len(turn["text"]), unit_id=rec["question_id"], question="mondelinge vraag",
                                    source=KAMER.name, speaker=turn["speaker"]))
    return segs


def _codings(segs: list[Segment], codebook) -> pd.DataFrame:
    """What a lemma coder would give: a code where one of its lemmas occurs (a stand-in for qualkit.coding)."""
    pipe = load_pipeline("nl")
    terms = {c.id: {r.pattern for r in c.include} for c in codebook.codes}
    rows = []
    for i, lemmas in enumerate(pipe.lemmas(s.text for s in segs)):
        found = set(lemmas)
        for code, words in terms.items():
            if found & words:
                s = segs[i]
                rows.append({"unit_id": s.unit_id, "question": s.question, "speaker": s.speaker, "doc_id": s.doc_id,
                             "segment": i, "unit_start": 0, "unit_end": s.end, "match_start": 0, "match_end": 0,
                             "matched": "", "code": code, "rule": "", "method": "rule", "confidence": 1.0,
                             "coder": "test"})
    return pd.DataFrame(rows, columns=CODING_COLUMNS)


def test_keywords_are_content_words(segments):
    ts = ThemeSuggester(mode="all", min_topic_size=8).fit(segments)
    assert len(ts.themes_) >= 10
    top = [w for t in ts.themes_ for w in t.words[:10]]
    assert all(re.fullmatch(r"[^\W\d_]{2,}", w) for w in top), "punctuation or numbers among keywords"
    share = sum(w in STOP_WORDS for w in top) / len(top)
    assert share < 0.10, f"{share:.0%} of top keywords are stop words"
    assert len(set(top)) / len(top) > 0.7  # themes differ
    again = ThemeSuggester(mode="all", min_topic_size=8).fit(segments)
    assert again.themes_ == ts.themes_ and again.assignments_.equals(ts.assignments_)


def test_guided_mode_puts_codebook_terms_in_matching_themes(segments):
    cb = loads(CODEBOOK)
    codings = _codings(segments, cb)
    ts = ThemeSuggester(mode="guided", min_topic_size=8).fit(segments, codings, cb)
    by_id = {t.id: t for t in ts.themes_}
    a = ts.assignments_
    for code in cb.codes:
        terms = {r.pattern for r in code.include}
        carrying = a[a.codes.str.split(";").apply(lambda cs, c=code.id: c in cs)]
        theme_id = carrying[carrying.theme >= 0].theme.value_counts().index[0]
        theme = by_id[int(theme_id)]
        assert terms & set(theme.words), f"{code.id}: theme {theme.label!r} lacks its terms"
        assert theme.codes.get(code.id, 0) > 0.5
        assert theme.seed_code == code.id
    comp = ts.comparison_
    assert set(cb.ids) <= set(comp.code)
    assert any(t.new for t in ts.themes_)
