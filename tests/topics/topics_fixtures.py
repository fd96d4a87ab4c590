"""Small synthetic Dutch answers for the theme tests (no real respondents)."""
from __future__ import annotations

import random

import pandas as pd

from qualkit.codebook.io import loads
from qualkit.types import CODING_COLUMNS, Corpus, Segment

THEMES = {
    "personeel": ["Er is te weinig personeel op de afdeling", "We hebben meer collega's nodig want het personeel is op",
                  "Het personeelstekort maakt het werk zwaar", "Meer personeel aannemen zou helpen",
                  "Nieuwe collega's inwerken kost tijd maar personeel is nodig"],
    "salaris": ["Het salaris is te laag voor dit werk", "Ik wil een hoger loon en een betere cao",
                "Mijn salaris stijgt niet mee met de prijzen", "Het loon moet omhoog, de cao is slecht",
                "Een eerlijk salaris zou fijn zijn"],
    "parkeren": ["Parkeren bij het gebouw is onmogelijk", "De parkeerplaats staat altijd vol met auto's",
                 "Er zijn te weinig parkeerplekken voor de auto", "Ik zoek elke ochtend een parkeerplaats",
                 "Parkeren kost veel geld en de garage is vol"],
    "kantine": ["Het eten in de kantine is koud", "De kantine heeft geen vegetarische maaltijd",
                "Koffie en eten in de kantine zijn duur", "De maaltijd in de kantine smaakt niet",
                "Betere broodjes in de kantine graag"],
}
EXTRA = ["echt", "vaak", "soms", "helaas", "eigenlijk", "natuurlijk", "gewoon", "zeker"]

CODEBOOK_YAML = """\
name: werk
version: "1.0"
language: nl
codes:
  - id: personeel
    label: Meer personeel
    include:
      - lemma: [personeel, collega]
        compound: true
  - id: salaris
    label: Salaris
    include:
      - lemma: [salaris, loon, cao]
"""


def answers(per_theme: int = 30, seed: int = 0) -> list[tuple[str, str]]:
    """(theme, text) pairs, shuffled deterministically."""
    rnd = random.Random(seed)
    out = []
    for theme, templates in THEMES.items():
        for i in range(per_theme):
            t = templates[i % len(templates)]
            out.append((theme, f"{t} {rnd.choice(EXTRA)}."))
    rnd.shuffle(out)
    return out


def corpus(per_theme: int = 30, seed: int = 0) -> tuple[Corpus, list[str]]:
    """A survey corpus of one question and the true theme of each segment."""
    pairs = answers(per_theme, seed)
    segs, docs = [], {}
    for i, (_, text) in enumerate(pairs):
        doc_id = f"R{i}/Q1"
        docs[doc_id] = text
        segs.append(Segment(text=text, doc_id=doc_id, start=0, end=len(text), unit_id=f"R{i}",
                            question="Q1", source="synthetic.csv"))
    resp = pd.DataFrame(index=pd.Index([s.unit_id for s in segs], name="unit_id"))
    corp = Corpus(segments=segs, documents=docs, respondents=resp, questions=["Q1"], kind="survey")
    return corp, [t for t, _ in pairs]


def codebook():
    return loads(CODEBOOK_YAML)


def codings(corp: Corpus, truth: list[str]) -> pd.DataFrame:
    """A codings frame as a coding run would give it: personeel and salaris answers coded."""
    rows = []
    for i, (seg, theme) in enumerate(zip(corp.segments, truth)):
        if theme in ("personeel", "salaris"):
            rows.append({"unit_id": seg.unit_id, "question": seg.question, "speaker": "", "doc_id": seg.doc_id,
                         "segment": i, "unit_start": 0, "unit_end": seg.end, "match_start": 0, "match_end": 1,
                         "matched": "x", "code": theme, "rule": f"{theme} include[0] lemma:{theme}",
                         "method": "rule", "confidence": 1.0, "coder": "qualkit"})
    return pd.DataFrame(rows, columns=CODING_COLUMNS)
