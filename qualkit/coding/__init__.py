"""Coding: a codebook compiled to a fast matcher, and the learned coder: what the
engine (:mod:`qualkit.scale`) runs on every chunk. ``qualkit.code_corpus`` codes a
whole corpus.

Imported lazily, so reading a codebook (which checks its regexes) does not load spaCy.
"""
from __future__ import annotations

import importlib

_EXPORTS = {
    "CodebookMatcher": "qualkit.coding.matcher",
    "CodingResult": "qualkit.coding.engine", "ExampleCheck": "qualkit.coding.examples",
    "check_examples": "qualkit.coding.examples",
}
__all__ = list(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'qualkit.coding' has no attribute {name!r}")
