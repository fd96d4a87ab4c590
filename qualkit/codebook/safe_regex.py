"""Codebook regexes on untrusted text, with a time limit.

Patterns compile with the ``regex`` engine and every search runs with a timeout,
so a pattern with catastrophic backtracking (``(a+)+$``) cannot hang a run.

>>> check("bijkomende? (mensen|krachten)") is None
True
>>> check("(unclosed")
"invalid regex '(unclosed': missing ) at position 9. Check brackets and escape special characters with a backslash."
"""
from __future__ import annotations

import regex

from qualkit.errors import LimitError

TIMEOUT_S = 1.0
MAX_PATTERN = 1000


def check(pattern: str) -> str | None:
    """A problem description for an invalid pattern, or None."""
    if len(pattern) > MAX_PATTERN:
        return f"regex is {len(pattern)} characters long, over the {MAX_PATTERN} limit. Split it into several rules."
    try:
        regex.compile(pattern, regex.IGNORECASE | regex.V0)
    except regex.error as e:
        return (f"invalid regex {pattern!r}: {e.msg} at position {e.pos}. "
                "Check brackets and escape special characters with a backslash.")
    return None


def compile(pattern: str) -> regex.Pattern:
    return regex.compile(pattern, regex.IGNORECASE | regex.V0)


def too_slow(pattern: regex.Pattern, rule) -> LimitError:
    """The QK801 error for a ``rule`` whose regex ran out of time (search with ``timeout=TIMEOUT_S``)."""
    where = f"code '{rule.code}', rule {rule.name.split(' ', 1)[1]}"
    return LimitError(801, where=where, pattern=pattern.pattern, seconds=TIMEOUT_S)
