"""Shared fixtures. Real data lives in ../shared/data (beside the checkout, never copied in)."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

# CI replays the same generated cases every run (a landing must not hinge on a lucky
# draw); locally each run draws new ones, and a failure prints its seed.
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
REFI = ROOT.parent / "shared" / "refi"


STAFF_ADMIN = """
name: t
version: "1.0"
codes:
  - id: personeel
    label: Meer personeel
    include: [{lemma: personeel, compound: true}]
  - id: admin
    label: Minder administratie
    include: [{lemma: administratie, compound: true}]
"""
"""A two-code codebook for the small CLI surveys of several test folders."""


@pytest.fixture(autouse=True, scope="session")
def _embedding_cache(tmp_path_factory):
    """Embeddings cached per text (qualkit.topics.embed) go to a temporary folder, not ~/.cache."""
    old = os.environ.get("QUALKIT_CACHE_DIR")
    os.environ["QUALKIT_CACHE_DIR"] = str(tmp_path_factory.mktemp("qualkit-cache"))
    yield
    if old is None:
        os.environ.pop("QUALKIT_CACHE_DIR", None)
    else:
        os.environ["QUALKIT_CACHE_DIR"] = old


def shared(*parts: str) -> Path:
    """A path under ../shared/data; the test is skipped when it is absent."""
    p = SHARED.joinpath(*parts)
    if not p.exists():
        pytest.skip(f"real data {p} not available (../shared/data beside the checkout)")
    return p


@pytest.fixture(scope="session")
def nl():
    from qualkit.nlp import load_pipeline

    return load_pipeline("nl")


@pytest.fixture(scope="session")
def en():
    from qualkit.nlp import load_pipeline

    return load_pipeline("en")
