"""Shared helpers for the ingest tests (imported by name: tests/ingest is on sys.path)."""
from __future__ import annotations

from pathlib import Path

import pytest

from qualkit.types import Corpus

DATA = Path(__file__).parents[1] / "data" / "ingest"
REAL = Path(__file__).parents[2].parent / "shared" / "data"
SECRET = "GEHEIM-a7f3-privé"
"""Marked respondent text: it must never appear in an error message."""

needs_real = pytest.mark.skipif(not REAL.is_dir(), reason=f"real data folder {REAL} is absent "
                                "(it sits beside the checkout as ../shared/data in CI)")


def assert_offsets(corpus: Corpus) -> None:
    """Every segment's text is its document's slice, stripped and non-empty."""
    for s in corpus:
        assert corpus.documents[s.doc_id][s.start:s.end] == s.text
        assert s.text and s.text == s.text.strip()
