"""Negation scope: which cue, if any, cancels a match.

A cue (*geen*, *niet*, *nooit* ...) cancels a match within ``window`` words before
it or ``after`` words after it, in the same clause. Two refinements keep codes
that a negation does not deny:

* a cue after the match that is followed by a verb belongs to that verb: in *de
  vriendschap niet willen schaden* or *personeel niet te vinden* the negation is
  about wanting or finding, so *vriendschap* and *personeel* keep their codes;
* a cue followed by a modal or attitude verb (*willen, durven, kunnen, weten* ...)
  before the match belongs to that verb: in *niet durven aanspreken* the match is
  what they do not dare, so *aanspreken* keeps its code. A cue right before the
  matched word still cancels it (*niet aanspreken*, *geen personeel*, *don't need
  more workers*);
* *niet alleen* ("not only ... but also") is no negation.

The clause ends at punctuation and at boundary words (*maar*, *omdat*, *dat* ...),
see :data:`qualkit.codebook.model.NEGATION_BOUNDARIES`; only after *denken, geloven,
vinden* does a negation reach into the next clause (*ik denk niet dat meer personeel
helpt*).

>>> Cue(index=2, text="niet", start=15, end=19).describe(words_before=2)
"'niet' (word 3)"
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import Protocol, Sequence

from qualkit.codebook.model import PARTICLES

NOT_NEGATING = {
    "nl": frozenset(["alleen", "enkel", "slechts"]),
    "en": frozenset(["only", "just", "merely"]),
}
"""Words that make a following-cue phrase no negation of what comes next (*niet alleen*)."""
VERB_LINKS = {"nl": frozenset(["te", "er", "meer", "langer", "graag", "goed", "echt", "zomaar"]),
              "en": frozenset(["to"])}
"""Words that may stand between a cue and the verb it belongs to (*niet te schaden*, *niet meer
willen*); separable-verb particles too (*niet aan te spreken*)."""


NEG_RAISING = {"nl": frozenset(["denken", "geloven", "vinden", "verwachten", "menen"]),
               "en": frozenset(["think", "believe", "expect", "suppose"])}
"""Verbs whose negation reaches into the clause after them: *ik denk niet dat X helpt* denies X helps."""
THAT = {"nl": frozenset(["dat"]), "en": frozenset(["that"])}


class Word(Protocol):
    lower: str
    lemma: str
    cue: bool
    boundary: bool
    verbal: bool
    modal: bool
    length: int
    upper: bool


@dataclass(frozen=True, slots=True)
class Cue:
    """The negation cue that cancelled a match: its token index, text and character span."""

    index: int
    text: str
    start: int
    end: int

    def describe(self, words_before: int) -> str:
        """``'niet' (word 3)``: the cue and its 1-based word position in its unit."""
        return f"{self.text!r} (word {words_before + 1})"


class Scope:
    """The negation rule of one codebook (its window, cues and boundaries)."""

    def __init__(self, window: int, after: int, language: str):
        self.window, self.after = window, after
        self.raising = NEG_RAISING.get(language, frozenset())
        self.that = THAT.get(language, frozenset())
        self.not_negating = NOT_NEGATING.get(language, frozenset())
        self.links = VERB_LINKS.get(language, frozenset()) | PARTICLES.get(language, frozenset())

    def _owned_by_verb(self, words: Sequence[Word], j: int, limit: int, modal: bool) -> bool:
        """Whether cue ``j`` belongs to a verb right after it (``niet willen``, ``niet te
        schaden``; only modal and attitude verbs when ``modal``), before ``limit``."""
        k = j + 1
        while k < limit and words[k].lower in self.links:
            k += 1
        return k < limit and (words[k].modal if modal else words[k].verbal)

    @staticmethod
    def _modal_before(words: Sequence[Word], sent: int, j: int) -> bool:
        """A modal verb earlier in the clause of cue ``j`` (up to 10 words back; punctuation
        such as *vriend(in)* does not end the search, a boundary word does)."""
        for t in range(j - 1, max(sent, j - 10) - 1, -1):
            w = words[t]
            if w.modal:
                return True
            if w.boundary and any(ch.isalnum() for ch in w.lower):
                return False
        return False

    def cue(self, words: Sequence[Word], starts: list[int], first: int, last: int) -> int | None:
        """The index of the cue that negates tokens ``first..last``, or None."""
        n = len(words)
        sent = starts[bisect_right(starts, first) - 1]
        nxt = bisect_right(starts, last)
        end = starts[nxt] if nxt < len(starts) else n
        j = first - 1
        while j >= max(sent, first - self.window):
            w = words[j]
            if w.boundary or _full_stop(words, j):
                if w.lower in self.that and j >= 2 and words[j - 1].cue and words[j - 2].lemma in self.raising:
                    return j - 1   # ik denk niet dat [personeel] ...: the negation reaches into the clause
                break
            if w.cue:
                if j + 1 < n and words[j + 1].lower in self.not_negating:
                    return None
                if self._owned_by_verb(words, j, first, modal=True):
                    return None   # niet durven [aanspreken]: the cue is the verb's
                if any(words[t].verbal for t in range(first, last + 1)) and self._modal_before(words, sent, j):
                    return None   # ze durven hem niet [aan te spreken]: the cue goes with the modal verb
                return j          # cue, then (adverbs, nouns ...) the match: negated
            j -= 1
        j = last + 1
        while j < min(end, last + 1 + self.after) and not _full_stop(words, j - 1):
            w = words[j]
            if w.boundary:
                break
            if w.cue:
                if j + 1 < n and words[j + 1].lower in self.not_negating:
                    return None
                if self._owned_by_verb(words, j, end, modal=False):
                    return None   # [vriendschap] niet willen schaden: the negation goes with the verb
                return j
            j += 1
        return None


def _full_stop(words: Sequence[Word], j: int) -> bool:
    """Whether word ``j`` ends its sentence with its own full stop: spaCy keeps Dutch
    abbreviations whole (*vol.*, *top.*, *pers.*), so in "het zit niet vol. Personeel ..."
    the stop is no token of its own; a capital after it starts the next sentence."""
    w = words[j]
    return (w.lower[-1:] == "." and len(w.lower) > 2 and w.lower[:-1].isalpha()
            and j + 1 < len(words) and words[j + 1].upper)
