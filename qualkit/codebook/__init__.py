"""Codebooks: the YAML format, validation, load and dump."""
from qualkit.codebook.io import dump as dump_codebook
from qualkit.codebook.io import dumps, load as load_codebook, loads
from qualkit.codebook.model import Code, Codebook, Rule

__all__ = ["Code", "Codebook", "Rule", "dump_codebook", "dumps", "load_codebook", "loads"]
