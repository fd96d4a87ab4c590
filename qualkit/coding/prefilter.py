"""Literal prefilters: which words must occur for a pattern to match at all.

A regex engine call per answer costs more than reading the answer, and most
answers contain none of a rule's words. :func:`required` finds a set of
literal strings of which every match must contain one (as RE2 and ripgrep do);
texts without any of them are skipped without running the regex.

>>> sorted(required(r"\\b(meer|extra) (mensen|handen)\\b"))
['handen', 'mensen']
>>> required(r"\\w+") is None
True
"""
from __future__ import annotations

import re
import re._parser as sre  # the standard library's own regex parser (sre_parse)
from re._constants import AT, BRANCH, LITERAL, MAX_REPEAT, MIN_REPEAT, POSSESSIVE_REPEAT, SUBPATTERN

MIN_LEN = 3
FOLDS = ("\u0130", "\u0131", "\u017f", "\u212a")
"""The non-ASCII letters that IGNORECASE matches to ASCII ones (İ ı ſ K): a text with
any of them is never skipped, so the prefilter stays exact."""


def required(pattern: str) -> frozenset[str] | None:
    """Lower-case strings of which every match of ``pattern`` contains one, or
    None when no such set of strings of at least ``MIN_LEN`` characters is known."""
    try:
        parsed = sre.parse(pattern, re.IGNORECASE)
    except (re.error, RecursionError, OverflowError):
        return None
    got = _seq(list(parsed))
    return None if got is None else frozenset(got)


def _seq(items: list) -> set[str] | None:
    """Best required set for a sequence: a literal run, or a required group (ASCII
    words of at least ``MIN_LEN`` characters only, so lower-casing is exact)."""
    options: list[set[str]] = []
    run: list[str] = []

    def close() -> None:
        if run:
            options.append({"".join(run).lower()})
            run.clear()

    for op, av in items:
        if op is LITERAL:
            run.append(chr(av))
            continue
        close()
        sub = None
        if op is SUBPATTERN:
            sub = _seq(list(av[-1]))
        elif op is BRANCH:
            alts = [_seq(list(a)) for a in av[1]]
            sub = set().union(*alts) if alts and all(a is not None for a in alts) else None
        elif op in (MAX_REPEAT, MIN_REPEAT, POSSESSIVE_REPEAT) and av[0] >= 1:
            sub = _seq(list(av[2]))
        elif op is AT:
            continue  # \b and friends consume nothing
        if sub:
            options.append(sub)
    close()
    usable = [o for o in options if min(map(len, o)) >= MIN_LEN and all(w.isascii() for w in o)]
    if not usable:
        return None
    return max(usable, key=lambda o: min(map(len, o)))
