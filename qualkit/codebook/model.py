"""The codebook as Python objects: a :class:`Codebook` of :class:`Code` s with :class:`Rule` s.

>>> cb = Codebook(name="demo", version="1.0", codes=[
...     Code(id="personeel", label="Meer personeel", include=[Rule("lemma", "personeel", compound=True)])])
>>> cb.code("personeel").label
'Meer personeel'
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

RULE_KINDS = ("lemma", "phrase", "glob", "regex")
UNITS = ("sentence", "segment")
LANGUAGES = ("nl", "en")

NEGATION_CUES = {
    "nl": ["geen", "niet", "nooit", "zonder", "niets", "niks", "nergens", "noch", "geenszins", "allerminst"],
    "en": ["no", "not", "n't", "never", "without", "nothing", "none", "nor", "neither", "hardly"],
}
"""Default negation cues per language (matched on lemma or lower-case form)."""

NEGATION_BOUNDARIES = {
    "nl": ["maar", "want", "omdat", "echter", "behalve", "doch", "wel", "dat", "die", "wat", "als", "wanneer",
           "terwijl", "hoewel", "zodat", "doordat", "waardoor", "waarbij", "tenzij", "zodra", "indien", "zolang"],
    "en": ["but", "because", "although", "however", "except", "though", "that", "which", "who", "when", "while",
           "if", "unless", "whereas"],
}
"""Words that end a negation's scope (a new clause starts), besides punctuation."""

PARTICLES = {
    "nl": frozenset("""aan achter achteruit af bij bijeen binnen boven buiten door heen in los mee na neer
        om onder op over rond samen tegen terecht terug teweeg thuis toe uit vast voor voorbij vooruit voort
        vrij weg""".split()),
    "en": frozenset(),
}
"""Separable verb particles: *neemt ... aan* is a form of *aannemen*."""

MODALS = {
    "nl": ["willen", "kunnen", "mogen", "moeten", "zullen", "durven", "hoeven", "gaan", "proberen", "weten",
           "lukken", "wensen", "kiezen", "plegen", "blijven"],
    "en": ["want", "can", "could", "may", "might", "must", "shall", "should", "will", "would", "dare", "try",
           "know", "wish", "manage", "like"],
}
"""Modal and attitude verbs (lemmas): a negation right before one of them is about the
verb (*niet durven aanspreken*), not about what follows it."""


@dataclass
class Rule:
    """One match rule.

    ``kind`` is ``lemma`` (one word, matched on lemma or lower-case form), ``phrase``
    (several words, matched on lemmas in order), ``glob`` (one word, ``*`` and ``?``
    wildcards) or ``regex`` (on the text, case-insensitive). A lemma may be written
    in any form (``huisartsen``), and a separable verb either way (``aannemen``,
    ``aan_nemen``, ``neemt aan``): it also matches the split verb (*neemt het voorstel
    aan*, *aan te nemen*). ``compound`` lets a lemma rule match as the first or last
    part of a longer Dutch compound whose other part is a word (``personeel`` in
    ``personeelstekort``, not ``last`` in ``laster``). ``exceptions`` lists words
    the rule never matches (``kantoor`` for ``oor``). ``negation`` overrides the
    code's setting for this rule.
    """

    kind: str
    pattern: str
    compound: bool = False
    negation: bool | None = None
    exceptions: tuple[str, ...] = ()

    def describe(self) -> str:
        return f"{self.kind}:{self.pattern}"


@dataclass
class Code:
    """A code: an id, a label, rules, and the questions it applies to (all if empty).

    A code without include rules is a category: it is coded when any of its
    children is. A ``manual`` code has no rules on purpose: it is applied by hand
    (in a QDA program or a coding spreadsheet), never by qualkit's rules.
    """

    id: str
    label: str
    description: str = ""
    parent: str | None = None
    colour: str | None = None
    questions: list[str] = field(default_factory=list)
    include: list[Rule] = field(default_factory=list)
    exclude: list[Rule] = field(default_factory=list)
    negation: bool = True
    match: list[str] = field(default_factory=list)
    no_match: list[str] = field(default_factory=list)
    manual: bool = False
    guid: str | None = None
    """The code's REFI-QDA GUID when it came from (or went to) a QDA program, so a re-export
    updates that program's code instead of adding a copy."""

    def applies_to(self, question: str) -> bool:
        return not self.questions or question in self.questions


@dataclass
class Codebook:
    """A named, versioned set of codes with its language and coding settings."""

    name: str
    version: str
    codes: list[Code]
    language: str = "nl"
    description: str = ""
    unit: str = "sentence"
    negation_window: int = 4
    negation_after: int = 2
    negation_cues: list[str] | None = None
    stop_words: list[str] = field(default_factory=list)
    """Words never to use in suggested theme labels and code stubs (``qualkit themes``)."""
    path: str | None = None

    def code(self, code_id: str) -> Code:
        for c in self.codes:
            if c.id == code_id:
                return c
        raise KeyError(code_id)

    @property
    def ids(self) -> list[str]:
        return [c.id for c in self.codes]

    @property
    def cues(self) -> list[str]:
        return self.negation_cues if self.negation_cues is not None else NEGATION_CUES[self.language]

    def children(self, code_id: str) -> list[str]:
        """Ids of all descendants of ``code_id``."""
        out, todo = [], [code_id]
        while todo:
            cur = todo.pop()
            kids = [c.id for c in self.codes if c.parent == cur]
            out += kids
            todo += kids
        return out

    @property
    def sha256(self) -> str:
        """Hash of the codebook's content (independent of file formatting)."""
        from qualkit.codebook.io import dumps

        return hashlib.sha256(dumps(self).encode("utf-8")).hexdigest()
