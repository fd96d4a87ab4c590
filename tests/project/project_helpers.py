"""Synthetic survey waves with known code shares, and a project around them."""
from __future__ import annotations

import random
from pathlib import Path

import pandas as pd

SECRET = "GEHEIM-antwoord-Peeters"

CODEBOOK_V1 = """
name: t
version: "1.0"
codes:
  - id: capaciteit
    label: Capaciteit
  - id: personeel
    label: Meer personeel
    parent: capaciteit
    include: [{lemma: personeel, compound: true}]
  - id: admin
    label: Minder administratie
    include: [{lemma: administratie, compound: true}]
"""

CODEBOOK_V2 = CODEBOOK_V1.replace('version: "1.0"', 'version: "2.0"') + """
  - id: uitval
    label: Ziekte en uitval
    include: [{lemma: uitval}, {lemma: ziekte}]
"""

PHRASES = {
    "personeel": ["Meer personeel.", "Het personeelstekort aanpakken.", "Extra personeel aub, nummer {i}."],
    "admin": ["Minder administratie.", "Minder administratielast, zegt {i}.", "Minder administratie!"],
    "uitval": ["Er is veel uitval door ziekte."],
    "none": ["Niets te melden.", "Goed zo, dank u {i}.", "Geen idee eigenlijk.", "Nee."],
}


def answers(n: int, shares: dict[str, float], seed: int) -> list[str]:
    """``n`` answers in which exactly ``round(share * n)`` carry each code."""
    rng = random.Random(seed)
    chosen = {code: set(rng.sample(range(n), round(share * n))) for code, share in shares.items()}
    out = []
    for i in range(n):
        parts = [rng.choice(PHRASES[c]).format(i=i) for c in shares if i in chosen[c]]
        out.append(" ".join(parts) or rng.choice(PHRASES["none"]).format(i=i))
    return out


def write_wave(path: Path, prefix: str, n: int, shares: dict[str, float], seed: int, *,
               question: str = "Q1", q2_shares: dict[str, float] | None = None) -> Path:
    rng = random.Random(seed + 1)
    df = pd.DataFrame({
        "respondent": [f"{prefix}{i:04d}" for i in range(n)],
        "regio": [rng.choice(["Noord", "Zuid", "Oost"]) for _ in range(n)],
        question: answers(n, shares, seed),
        "Q2": answers(n, q2_shares or {"admin": 0.25}, seed + 2),
    })
    df.loc[0, question] = f"  {df.loc[0, question]} {SECRET}"    # leading spaces, and text never to be shown
    df.loc[n] = [f"{prefix}{n:04d}", "Noord", "   ", "NA"]              # whitespace-only and NA: no answers
    df.to_csv(path, sep=";", index=False, encoding="utf-8-sig")
    return path


def make_project(root: Path, *, pin_v2: bool = True, rename: bool = False, n: int = 200,
                 engine: str | None = None) -> Path:
    """Two waves A (personeel 20%) and B (personeel 60%); admin 30% in both.
    Wave B pins codebook v2 (adds 'uitval') when ``pin_v2``; with ``rename`` its
    question column is called 'Q1_nieuw'."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "cb1.yaml").write_text(CODEBOOK_V1, encoding="utf-8")
    (root / "cb2.yaml").write_text(CODEBOOK_V2, encoding="utf-8")
    write_wave(root / "a.csv", "A", n, {"personeel": 0.20, "admin": 0.30}, seed=1)
    write_wave(root / "b.csv", "B", n, {"personeel": 0.60, "admin": 0.30, "uitval": 0.10}, seed=2,
               question="Q1_nieuw" if rename else "Q1")
    wave_b = '  - name: B\n    inputs: [b.csv]\n    id_column: respondent\n'
    if pin_v2:
        wave_b += "    codebook: cb2.yaml\n"
    if rename:
        wave_b += "    rename: {Q1_nieuw: Q1}\n"
    scale = f"scale: {{engine: {engine}, chunksize: 100}}\n" if engine else ""
    (root / "qualkit.yaml").write_text(
        "name: synthetisch\ncodebook: cb1.yaml\nquestions: [Q1, Q2]\nbreakdowns: [regio]\noutputs: out\n"
        + scale + "waves:\n  - name: A\n    inputs: [a.csv]\n    id_column: respondent\n" + wave_b,
        encoding="utf-8")
    return root / "qualkit.yaml"


def table_bytes(out: Path) -> dict[str, bytes]:
    """Every output file except manifests and the cache, by relative path."""
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and p.name != "manifest.json" and ".cache" not in p.parts}
