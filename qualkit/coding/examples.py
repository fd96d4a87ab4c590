"""A codebook's examples as a self-test (``qualkit codebook check``).

Each code may list ``examples: {match: [...], no_match: [...]}``: sentences that
must, or must not, get the code. A ``match`` example that fails because a
negation cancelled its match says which cue did it and where, so the author
sees *why* (``'vriendschap' negated by 'niet' (word 3)``) and can set
``negation: false`` or reword the rule.

>>> checks = check_examples(load_codebook("codebooks/werkdruk.yaml"))   # doctest: +SKIP
>>> [c.describe() for c in checks if not c.passed]                       # doctest: +SKIP
"""
from __future__ import annotations

from dataclasses import dataclass

from qualkit.codebook.model import Codebook
from qualkit.coding.engine import matched_words
from qualkit.coding.matcher import CodebookMatcher, Hit
from qualkit.errors import CodebookError
from qualkit.nlp import Pipeline, load_pipeline


@dataclass
class ExampleCheck:
    code: str
    expected: bool
    passed: bool
    index: int
    """Position of the example in the code's ``match`` or ``no_match`` list."""
    text: str = ""
    negated: list[str] | None = None
    """For a failed ``match`` example: each match a negation cancelled, as
    ``'vriendschap' negated by 'niet' (word 3)``."""

    def describe(self) -> str:
        """One line for a failed example: which, what was wanted, and why it failed when known."""
        kind = "match" if self.expected else "no_match"
        want = "should get" if self.expected else "should not get"
        line = f"code '{self.code}', examples.{kind}[{self.index}] {self.text!r}: {want} the code"
        return line + (f"; {'; '.join(self.negated)}." if self.negated else ".")


def check_examples(codebook: Codebook, pipeline: Pipeline | None = None) -> list[ExampleCheck]:
    """Run every code's examples as a self-test: ``match`` sentences must get the
    code, ``no_match`` sentences must not (questions are ignored here)."""
    pipeline = pipeline or load_pipeline(codebook.language)
    matcher = CodebookMatcher(codebook, pipeline)
    out = []
    for code in codebook.codes:
        wanted = frozenset([code.id, *codebook.children(code.id)])
        for expected, examples in ((True, code.match), (False, code.no_match)):
            for k, text in enumerate(examples):
                trace: list[Hit] = []
                hits = matcher.match(pipeline.nlp(text), wanted, text, None, trace)
                excluded = {(h.sent_start, h.code) for h in hits if h.exclude}
                got = any(not h.exclude and (h.sent_start, h.code) not in excluded for h in hits)
                why = [f"{matched_words(text, h)!r} {h.why()}" for h in trace] if expected and not got else []
                out.append(ExampleCheck(code=code.id, expected=expected, passed=got == expected, index=k,
                                        text=text, negated=why or None))
    return out


def verify_examples(codebook: Codebook, checks: list[ExampleCheck]) -> None:
    """Raise ``[QK210]`` when any of ``checks`` failed (after the caller has shown them)."""
    failed = sum(not c.passed for c in checks)
    if failed:
        raise CodebookError(210, path=codebook.path or codebook.name, failed=failed)
