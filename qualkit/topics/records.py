"""What theme suggestion returns: :class:`Theme` records, code stubs, the comparison table.

A theme's YAML stub is one entry for a codebook's ``codes:`` list. Pasted
there, :func:`qualkit.codebook.io.loads` accepts it as it is:

>>> print(code_stub("wachttijd_zorg", "wachttijd, zorg", 12, ["wachttijd", "zorg"]), end="")
- id: wachttijd_zorg
  label: wachttijd, zorg
  description: Suggested by qualkit themes from 12 segments; review before use.
  include:
  - lemma:
    - wachttijd
    - zorg
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable, Sequence

import numpy as np
import pandas as pd
import yaml

from qualkit.codebook.model import Codebook
from qualkit.types import Segment
from qualkit.stats import UNCODED

NO_WORDS, OUTLIER, OTHER_LANGUAGE = "(no words)", "(unassigned)", "(other language: {})"
"""Labels of segments in no theme, in ``assignments_``."""
NEW_THEME_SHARE = 0.5
"""A theme counts as new when at least this share of its segments carries no code."""


@dataclass(frozen=True)
class Quote:
    """A representative segment: its index in the input (``segment``) and where it came from."""

    segment: int
    unit_id: str
    doc_id: str
    question: str
    text: str


@dataclass(frozen=True)
class Theme:
    """One suggested theme.

    ``keywords`` are the top words and phrases as written in the theme's segments (the
    stub's rules keep their lemmas), in the order chosen, with their c-TF-IDF weights; ``codes`` maps
    each codebook code found on the theme's segments to the share of segments
    carrying it, and ``stub`` is a YAML code entry ready to paste into a codebook.
    """

    id: int
    slug: str
    label: str
    keywords: list[tuple[str, float]]
    size: int
    quotes: list[Quote]
    codes: dict[str, float] = field(default_factory=dict)
    uncoded_share: float = 1.0
    stub: str = ""
    seed_code: str | None = None
    """In guided mode: the codebook code whose include terms seeded this theme, if any."""

    @property
    def new(self) -> bool:
        """True when mostly uncoded: something the codebook does not cover yet."""
        return self.uncoded_share >= NEW_THEME_SHARE

    @property
    def words(self) -> list[str]:
        return [w for w, _ in self.keywords]


def pick_keywords(candidates: Sequence[tuple[str, float]], n: int = 10) -> list[tuple[str, float]]:
    """The best ``n`` of ``candidates`` (term, c-TF-IDF weight; best first) that say something
    new (:func:`says_more`); a phrase that holds a chosen word takes that word's place.

    >>> pick_keywords([("pensioen", .9), ("pensioenen", .8), ("pensioen hervorming", .7), ("malus", .5),
    ...                ("pensioen malus", .4)])
    [('pensioen hervorming', 0.7), ('malus', 0.5)]
    >>> pick_keywords([("witwassen", .9), ("wassen", .8), ("zwart", .7), ("zwart geld", .6), ("geld", .5)])
    [('witwassen', 0.9), ('zwart geld', 0.6)]
    """
    out: list[tuple[str, float]] = []
    for term, score in candidates:
        if not says_more(term, [t for t, _ in out]):
            continue
        parts = term.split()
        held = [i for i, (t, _) in enumerate(out) if " " not in t and t in parts]
        if held:
            out[held[0]] = (term, score)
            out = [o for i, o in enumerate(out) if i not in held[1:]]
        else:
            out.append((term, score))
        if len(out) == n:
            break
    return out


def says_more(term: str, chosen: Sequence[str]) -> bool:
    """Whether ``term`` adds to the ``chosen`` keywords: not a phrase whose words are all
    chosen; not a word that is (an inflection of) a word of a chosen phrase (``ziek`` / ``langdurig zieken``),
    that only differs from a chosen word by an ending (``pensioen`` / ``pensioenen``), or that is
    the head or tail of a compound, or has one, of at least 4 letters (``wassen`` / ``witwassen``).

    >>> [says_more(w, ["witwassen", "langdurig zieken"]) for w in ("wassen", "zieken", "ziek", "wit", "ziekte")]
    [False, False, False, True, True]
    >>> says_more("zwart geld", ["zwart"]), says_more("zwart geld", ["zwart", "geld"])
    (True, False)
    """
    parts = term.split()
    if len(parts) > 1:
        words = {w for c in chosen for w in c.split()}
        return not all(p in words for p in parts)
    if any(term == p or _variant(term, p) for c in chosen if " " in c for p in c.split()):
        return False
    return not any(_variant(term, c) or _compound_part(term, c) for c in chosen if " " not in c)


def _variant(a: str, b: str) -> bool:
    short, long_ = sorted((a, b), key=len)
    return long_.startswith(short) and len(long_) - len(short) <= 3 and len(short) >= 3


def _compound_part(a: str, b: str) -> bool:
    """Whether the shorter of two words (at least 4 letters) is the head or tail of the longer."""
    short, long_ = sorted((a, b), key=len)
    return len(short) >= 4 and short != long_ and (long_.startswith(short) or long_.endswith(short))


def cut_quote(text: str, max_chars: int = 300) -> str:
    """``text`` cut to whole sentences of at most ``max_chars`` characters, or at a word
    boundary with "…" when the first sentence alone is longer (a cut quote must not read as whole).

    >>> cut_quote("Eerst dit. Dan nog iets heel anders dat te lang is", 20)
    'Eerst dit.'
    >>> cut_quote("een heel lange zin zonder einde", 20)
    'een heel lange zin…'
    """
    from qualkit.topics.embed import first_passage

    full = " ".join(text.split())
    cut = first_passage(full, max_chars)
    if cut == full or cut[-1:] in ".!?…":
        return cut
    return cut.rstrip(" ,;:-–—") + "…"


def label_terms(words: Sequence[str], n: int = 3) -> list[str]:
    """The top ``n`` keywords, where a phrase takes the place of a word it holds and a word
    already in a chosen phrase is skipped.

    >>> label_terms(["vegetarisch", "vegetarisch maaltijd", "maaltijd", "kantine"])
    ['vegetarisch maaltijd', 'kantine']
    """
    out: list[str] = []
    for w in words:
        parts = set(w.split())
        if any(parts <= set(o.split()) for o in out):
            continue
        out = [o for o in out if not set(o.split()) <= parts] + [w]
        if len(out) == n:
            break
    return out


def written_forms(terms: Sequence[str], lemmas: Sequence[Sequence[str]],
                  words: Sequence[Sequence[str]]) -> dict[str, str]:
    """Each of ``terms`` (lemmas or two-lemma phrases) in its most common written form in
    segments whose ``lemmas`` and written ``words`` go token by token; in lower case unless
    most of its uses start with a capital (``NMBS``, ``Nationale Bank``). A segment's first
    word says nothing about capitals (headlines and answers start with one) unless it has
    capitals after its first letter (``ECB``, ``PvdA``). Terms not found are left out.

    >>> lem = [["de", "nationaal", "bank", "betalen"], ["nationaal", "bank"], ["trein", "betalen"]]
    >>> wr = [["de", "Nationale", "Bank", "betaalt"], ["Nationale", "Bank"], ["treinen", "betalen"]]
    >>> written_forms(["nationaal bank", "trein"], lem, wr)
    {'nationaal bank': 'Nationale Bank', 'trein': 'treinen'}
    >>> written_forms(["huizenprijs"], [["huizenprijs", "stijgen"]] * 2 + [["hoog", "huizenprijs"]],
    ...               [["Huizenprijzen", "stijgen"]] * 2 + [["hoge", "huizenprijzen"]])
    {'huizenprijs': 'huizenprijzen'}
    """
    want = {tuple(t.split()) for t in terms}
    seen: dict[tuple[str, ...], Counter[str]] = {}
    upper: dict[tuple[str, ...], Counter[str]] = {}  # uses that tell whether it is written with a capital
    for lem, wr in zip(lemmas, words):
        lem = [x.lower() for x in lem]
        for k in range(min(len(lem), len(wr))):
            for size in (1, 2):
                key = tuple(lem[k:k + size])
                if len(key) == size and key in want and k + size <= len(wr):
                    form = " ".join(wr[k:k + size])
                    seen.setdefault(key, Counter())[form] += 1
                    if k > 0 or form[1:2].isupper():
                        upper.setdefault(key, Counter())[form] += 1
    out: dict[str, str] = {}
    for key, forms in seen.items():
        low: Counter[str] = Counter()
        for f, c in forms.items():
            low[f.lower()] += c
        best = low.most_common(1)[0][0]
        told = upper.get(key, Counter())
        capital = sum(c for f, c in told.items() if f[:1].isupper()) * 2 > sum(told.values())
        cased = Counter({f: c for f, c in forms.items() if f.lower() == best and f[:1].isupper()})
        out[" ".join(key)] = cased.most_common(1)[0][0] if capital and cased else best
    return {t: out[t] for t in terms if t in out}


def theme_label(words: Sequence[str], n: int = 3, shown: dict[str, str] | None = None) -> str:
    """The top keywords as a code name: ``"wachttijd, huisarts, afspraak"`` (see :func:`label_terms`),
    each in its written form when ``shown`` (lemma term -> written form) has one."""
    shown = shown or {}
    return ", ".join(shown.get(w, w) for w in label_terms(words, n)) or "(no keywords)"


def slugify(words: Sequence[str], taken: set[str], shown: dict[str, str] | None = None) -> str:
    """A codebook id from the top keywords (their written form in lower case when ``shown`` has
    one), unique among ``taken`` (which it extends)."""
    shown = shown or {}
    top = [shown.get(w, w).lower() for w in label_terms(words, 2)]
    base = "_".join(re.sub(r"[^\w]+", "_", w).strip("_") for w in top if w.strip()) or "thema"
    base = base.strip("_.-") or "thema"
    if not re.match(r"^[^\W_]", base):
        base = "thema_" + base
    slug, i = base, 2
    while slug in taken:
        slug, i = f"{base}_{i}", i + 1
    taken.add(slug)
    return slug


def code_entry(slug: str, label: str, size: int, rules: Sequence[str], examples: Sequence[str] = ()) -> dict:
    """A codebook code (as a dict) with lemma rules for words and phrase rules for phrases."""
    entry: dict = {"id": slug, "label": label,
                   "description": f"Suggested by qualkit themes from {size} segments; review before use."}
    lemmas = [w for w in rules if w and len(w.split()) == 1]
    phrases = [w for w in rules if len(w.split()) > 1]
    include = []
    if lemmas:
        include.append({"lemma": lemmas})
    if phrases:
        include.append({"phrase": phrases})
    if include:
        entry["include"] = include
    else:   # no word two of its segments share: a code to apply by hand, not a rule that means nothing
        entry["manual"] = True
    if examples:
        entry["examples"] = {"match": list(examples)}
    return entry


def code_stub(slug: str, label: str, size: int, rules: Sequence[str], examples: Sequence[str] = ()) -> str:
    """A YAML list entry for a codebook's ``codes:`` list (see :func:`code_entry`)."""
    return yaml.safe_dump([code_entry(slug, label, size, rules, examples)], sort_keys=False, allow_unicode=True,
                          width=100)


def yaml_entry(entry: dict) -> str:
    """One code entry as a YAML list item to paste into a codebook's ``codes:`` list."""
    return yaml.safe_dump([entry], sort_keys=False, allow_unicode=True, width=100)


def stub_rules(words: Sequence[str], codebook: Codebook | None, n: int) -> list[str]:
    """The top ``n`` keywords, leaving out those the codebook already has as lemma rules
    (unless nothing would be left)."""
    known: set[str] = set()
    if codebook is not None:
        known = {r.pattern.lower() for c in codebook.codes for r in c.include if r.kind in ("lemma", "phrase")}
    fresh = [w for w in words if w.lower() not in known]
    return (fresh or list(words))[:n]


def complete_rules(rules: Sequence[str], candidates: Sequence[str], example_lemmas: Sequence[set[str]]) -> list[str]:
    """``rules`` plus, for each example no rule's words all occur in, the first candidate term
    whose words do (so each quote shown as an example is caught by a rule of its own theme)."""
    out = list(rules)
    for lem in example_lemmas:
        if not any(set(r.split()) <= lem for r in out):
            extra = next((c for c in candidates if set(c.split()) <= lem and c not in out), None)
            if extra:
                out.append(extra)
    return out


def self_tested(entries: list[dict], language: str, pipeline: object = None) -> list[dict]:
    """The code entries with only those ``examples.match`` that the codebook's own self-test
    (:func:`qualkit.coding.check_examples`) codes with their code; entries are changed in place."""
    from qualkit.codebook.io import loads
    from qualkit.coding import check_examples

    if not entries:
        return entries
    cb = loads(yaml.safe_dump({"name": "stubs", "version": "0.1", "language": language, "codes": entries},
                              sort_keys=False, allow_unicode=True))
    failed = {(c.code, c.index) for c in check_examples(cb, pipeline) if c.expected and not c.passed}
    for e in entries:
        kept = [x for i, x in enumerate(e.get("examples", {}).get("match", [])) if (e["id"], i) not in failed]
        if kept:
            e["examples"] = {"match": kept}
        else:
            e.pop("examples", None)
    return entries


def codes_by_segment(codings: pd.DataFrame | None) -> dict[int, set[str]]:
    """Segment index -> the set of codes the codings frame gives it."""
    if codings is None or len(codings) == 0:
        return {}
    out: dict[int, set[str]] = {}
    for seg, code in zip(codings["segment"].to_numpy(), codings["code"].astype(str).to_numpy()):
        out.setdefault(int(seg), set()).add(code)
    return out


def code_shares(segments: Iterable[int], coded: dict[int, set[str]]) -> tuple[dict[str, float], float]:
    """Share of ``segments`` carrying each code (highest first) and the share with none."""
    segs = list(segments)
    if not segs:
        return {}, 1.0
    counts: dict[str, int] = {}
    none = 0
    for s in segs:
        codes = coded.get(s)
        if not codes:
            none += 1
        for c in codes or ():
            counts[c] = counts.get(c, 0) + 1
    shares = {c: n / len(segs) for c, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))}
    return shares, none / len(segs)


def comparison_frame(themes: Sequence[Theme]) -> pd.DataFrame:
    """For each theme, one row per code on its segments plus one for ``uncoded`` (:data:`qualkit.stats.UNCODED`):
    ``theme, label, size, new, code, segments, share``."""
    rows = []
    for t in themes:
        for code, share in [*t.codes.items(), (UNCODED, t.uncoded_share)]:
            if code == UNCODED and share == 0:
                continue
            rows.append({"theme": t.id, "label": t.label, "size": t.size, "new": t.new, "code": code,
                         "segments": int(round(share * t.size)), "share": round(float(share), 4)})
    cols = ["theme", "label", "size", "new", "code", "segments", "share"]
    return pd.DataFrame(rows, columns=cols)


def representative(members: np.ndarray, embeddings: np.ndarray, texts: Sequence[str], n: int) -> list[int]:
    """Up to ``n`` members closest to the theme's mean embedding, distinct texts only."""
    if len(members) == 0:
        return []
    vecs = embeddings[members]
    centre = vecs.mean(axis=0)
    norm = np.linalg.norm(centre)
    scores = vecs @ (centre / norm) if norm > 0 else np.zeros(len(members))
    order = np.argsort(-scores, kind="stable")
    out: list[int] = []
    seen: set[str] = set()
    for i in order:
        key = " ".join(texts[members[i]].lower().split())
        if key in seen:
            continue
        seen.add(key)
        out.append(int(members[i]))
        if len(out) == n:
            break
    return out


def seed_for(words: list[str], seeds: list[tuple[str, tuple[str, ...]]]) -> str | None:
    """The seed code (guided mode) whose terms share the most with a theme's keywords ``words``
    (a keyword phrase counts with each of its words).

    >>> seed_for(["personeel aannemen", "helpen"], [("salaris", ("loon",)), ("personeel", ("personeel", "collega"))])
    'personeel'
    """
    best, score = None, 0
    for code, seed in seeds:
        s = sum(1 for w in words if w in seed or any(p in seed for p in w.split()))
        if s > score:
            best, score = code, s
    return best


def assignments_frame(segments: list[Segment], cand: list[int], pos: np.ndarray, topics: np.ndarray,
                      emb: np.ndarray, labels: dict[int, str], coded: dict[int, set[str]],
                      other: dict[int, str]) -> pd.DataFrame:
    """``assignments_``: one row per segment considered (``cand``), with its theme (``-1``: none), label
    (a theme's, or why it has none), cosine to its theme's mean vector, codes and text."""
    theme = np.full(len(cand), -1, dtype=int)
    theme[pos] = topics
    score = np.full(len(cand), np.nan)
    for t in labels:
        members = np.flatnonzero(topics == t)
        centre = emb[members].mean(axis=0)
        norm = np.linalg.norm(centre)
        if norm > 0:
            score[pos[members]] = np.round(emb[members] @ (centre / norm), 4)
    analysed = np.zeros(len(cand), bool)
    analysed[pos] = True
    rows = {"segment": cand, "unit_id": [segments[i].unit_id for i in cand],
            "question": [segments[i].question for i in cand], "speaker": [segments[i].speaker for i in cand],
            "doc_id": [segments[i].doc_id for i in cand], "theme": theme,
            "label": [labels.get(int(t), OUTLIER) if a else
                      OTHER_LANGUAGE.format(other[i]) if i in other else NO_WORDS
                      for i, t, a in zip(cand, theme, analysed)],
            "score": score, "codes": [";".join(sorted(coded.get(i, ()))) for i in cand],
            "text": [segments[i].text for i in cand]}
    return pd.DataFrame(rows)
