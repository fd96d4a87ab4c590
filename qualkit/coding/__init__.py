"""Coding: a codebook compiled to a fast matcher, applied to a corpus."""
from qualkit.coding.engine import CodingResult, ExampleCheck, check_examples, code_corpus
from qualkit.coding.matcher import CodebookMatcher

__all__ = ["CodebookMatcher", "CodingResult", "ExampleCheck", "check_examples", "code_corpus"]
