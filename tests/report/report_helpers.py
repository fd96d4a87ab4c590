"""A small hand-built coding run for report tests: Dutch answers, some of them hostile."""
from __future__ import annotations

import re

import pandas as pd

from qualkit.codebook.model import Code, Codebook
from qualkit.coding.engine import CodingResult, frame
from qualkit.types import Corpus, Segment

PWN_IMG = "<img src=x onerror=\"document.title='PWNED'\">"
PWN_SCRIPT = "<script>document.body.setAttribute('data-pwned','1')</script>"
PWN_LINK = "<a href=\"javascript:document.title='PWNED'\">klik hier</a>"
HOSTILE = [
    f"Meer personeel aub {PWN_IMG} echt waar.",
    f"Minder administratie. {PWN_SCRIPT}",
    f"Meer overleg met het team, zie {PWN_LINK}.",
    "=HYPERLINK(\"http://x\",\"administratie\") is te veel",
]
PRIVATE = [
    "Meer personeel! Bel mevrouw Van den Bossche op 0470 12 34 56 of mail an.peeters@ocmw.be.",
    "Minder administratie, schrijf naar Kerkstraat 12, 9000 Gent; mijn rekening BE68 5390 0754 7034.",
]
PLAIN = [
    "Meer personeel zou helpen, we zijn met te weinig collega's voor te veel dossiers.",
    "Minder administratie en minder registratie in drie systemen.",
    "Meer personeel en minder administratie.",
    "Betere software.",
    "Meer overleg met de leidinggevende over de caseload.",
    "Minder administratie, dan blijft er tijd voor de cliënten.",
    "Ik weet het niet.",
    "Meer personeel, want vervanging bij ziekte ontbreekt.",
    "Overleg met het team is te weinig; meer personeel ook.",
    "De administratie rond leefloondossiers is te zwaar.",
]
KEYWORDS = {"personeel": ["personeel", "collega's"], "admin": ["administratie", "registratie"],
            "overleg": ["overleg"]}


def codebook(hostile: bool = True) -> Codebook:
    return Codebook(
        name="werkdruk-test", version="1.2", language="nl",
        description="Testcodeboek <script>alert(1)</script>" if hostile else "Testcodeboek",
        codes=[
            Code("capaciteit", "Capaciteit", colour="#1f77b4"),
            Code("personeel", "Meer personeel", parent="capaciteit"),
            Code("admin", 'Minder <b>administratie</b> & "last"' if hostile else "Minder administratie",
                 colour="red;}</style><script>alert(1)</script>" if hostile else "#e07b39"),
            Code("overleg", "Meer overleg", questions=["Q23"]),
        ])


def corpus(hostile: bool = True) -> Corpus:
    answers = PLAIN + PRIVATE + (HOSTILE if hostile else [])
    segs, docs, resp = [], {}, []
    for i, text in enumerate(answers, 1):
        unit = f"R{i:03d}"
        for q, t in (("Q23", text), ("Q24", answers[-i])):
            doc = f"{unit}/{q}"
            docs[doc] = t
            segs.append(Segment(t, doc, 0, len(t), unit, q, "survey.csv"))
        regio = ["Oost", "West", PWN_IMG if hostile else "Noord"][i % 3]
        resp.append({"unit_id": unit, "admin_uren": "<10u" if i % 2 else ">20u", "regio": regio})
    respondents = pd.DataFrame(resp).set_index("unit_id")
    labels = {"Q23": "Wat zou de werkdruk verlagen? <script>x</script>" if hostile else "Wat zou de werkdruk verlagen?",
              "Q24": "Wat heeft u nodig?"}
    return Corpus(segs, docs, respondents, ["Q23", "Q24"], "survey", labels=labels, sources=["survey.csv"])


def codings(c: Corpus, cb: Codebook) -> pd.DataFrame:
    """One coding per sentence and code whose keyword occurs in it (whole answer as unit here)."""
    rows = []
    for i, s in enumerate(c.segments):
        for code, words in KEYWORDS.items():
            if not cb.code(code).applies_to(s.question):
                continue
            hits = [m for w in words for m in re.finditer(re.escape(w), s.text, re.IGNORECASE)]
            if not hits:
                continue
            first = min(hits, key=lambda m: m.start())
            rows.append({"unit_id": s.unit_id, "question": s.question, "speaker": "", "doc_id": s.doc_id,
                         "segment": i, "unit_start": s.start, "unit_end": s.end,
                         "match_start": s.start + first.start(), "match_end": s.start + first.end(),
                         "matched": " | ".join(dict.fromkeys(m.group(0) for m in hits)), "code": code,
                         "rule": f"{code} include[1] lemma:{words[0]}", "method": "rule", "confidence": 1.0,
                         "coder": "qualkit"})
    return frame(rows)


def result(hostile: bool = True) -> CodingResult:
    c, cb = corpus(hostile), codebook(hostile)
    return CodingResult(corpus=c, codebook=cb, codings=codings(c, cb), pipeline="test pipeline 1.0")
