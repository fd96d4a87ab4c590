"""Bulk regex search (joined texts, literal prefilters) finds exactly what a
search of each text on its own finds."""
from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from qualkit.codebook import load_codebook, loads
from qualkit.coding import CodebookMatcher
from qualkit.coding.prefilter import required

ROOT = Path(__file__).resolve().parents[2]
PATTERNS = [r"\b(meer|extra) (mensen|handen)\b", r"^meer", r"personeel$", r"(?<=geen )tijd", r"a\s+b",
            r"minder\W+regels", r"[^x]{3}staf", r"(?i)ſtaf", r"\bzonder (extra )?personeel\b", r"x\x00?y"]
WORDS = ["meer", "extra", "mensen", "handen", "personeel", "minder", "regels", "geen", "tijd", "a", "b",
         "zonder", "staf", "ſtaf", "İ", "K", "MEER", "x", "y", "\n", "\x00", " ", ".", ","]
texts = st.lists(st.lists(st.sampled_from(WORDS), max_size=12).map(" ".join), min_size=1, max_size=8)


def naive(m: CodebookMatcher, ts: list[str]):
    return [sorted((x.start(), x.end(), ref.name) for pat, ref, _ in m._regexes for x in pat.finditer(t)
                   if x.end() > x.start()) for t in ts]


def bulk(m: CodebookMatcher, ts: list[str]):
    return [sorted((s, e, ref.name) for s, e, ref in spans) for spans in m.regex_spans(ts)]


@settings(max_examples=300, deadline=None)
@given(texts)
def test_bulk_equals_naive(nl, ts):
    rules = ", ".join(f"{{regex: {p!r}}}" for p in PATTERNS).replace("\\", "\\\\")
    cb = loads(f"{{name: t, version: '1', codes: [{{id: x, label: X, include: [{rules}]}}]}}")
    m = CodebookMatcher(cb, nl)
    assert bulk(m, ts) == naive(m, ts)


def test_bulk_equals_naive_on_demo_codebook(nl):
    import pandas as pd

    cb = load_codebook(ROOT / "codebooks" / "werkdruk.yaml")
    m = CodebookMatcher(cb, nl)
    df = pd.read_csv(ROOT / "corpora" / "ocmw-werkdruk-2026.csv", sep=";", encoding="utf-8-sig")
    ts = [str(t) for q in ("Q23", "Q24", "Q25") for t in df[q].dropna()]
    assert sum(map(len, bulk(m, ts))) > 50
    assert bulk(m, ts) == naive(m, ts)


def test_required_words():
    assert required(r"\bminder regels\b") == {"minder regels"}
    assert required(r"(financiële|materiële|aanvullende) (steun|ondersteuning)") == {"steun", "ondersteuning"}
    assert required(r"\b(aantal|max(imum)?) dossiers") == {" dossiers"}
    assert required(r"\w+ing") == {"ing"} and required(r"(mensen)?handen?") == {"hande"}
    for p in (r"ab", r"(", r"meer|\w+", r"x*", r"[a-z]{5}", r"\p{L}+personeel"):
        assert required(p) is None, p
