"""Process start-up: keep PyTorch out of processes that only code by rules.

spaCy imports thinc, and thinc's ``thinc.compat`` imports PyTorch whenever it is
installed (BERTopic pulls it in here): about 2.5 s and 200 MiB per process that
rule coding never uses, and thinc has no switch for it. :func:`keep_torch_out`
makes that one import fail, so thinc sets ``has_torch = False`` and spaCy runs
as it does without PyTorch. Any other ``import torch`` (BERTopic's, a
notebook's) still works.

qualkit calls it only in processes it owns: the ``qualkit`` command (unless a
transformer pipeline is asked for) and the worker processes it starts. A
notebook is left alone, since a transformer pipeline loaded later in the same
process would need thinc's PyTorch support.

>>> keep_torch_out()                                   # doctest: +SKIP
>>> import spacy, sys; "torch" in sys.modules         # doctest: +SKIP
False
"""
from __future__ import annotations

import importlib.abc
import sys


class _ThincWithoutTorch(importlib.abc.MetaPathFinder):
    """Refuses ``torch`` while ``thinc.compat`` is being imported (it is in
    ``sys.modules`` but has not set ``has_torch`` yet); lets every other import through."""

    def find_spec(self, name, path=None, target=None):
        if name != "torch":
            return None
        compat = sys.modules.get("thinc.compat")
        if compat is not None and not hasattr(compat, "has_torch"):
            raise ModuleNotFoundError("No module named 'torch' (kept out of thinc by qualkit)", name=name)
        return None


def keep_torch_out(model: str | None = None) -> bool:
    """Make thinc load without PyTorch in this process, unless ``model`` names a
    transformer pipeline (``*trf*``) or thinc is loaded already. True when it took effect."""
    if "thinc.compat" in sys.modules or (model and "trf" in model):
        return False
    if not any(isinstance(f, _ThincWithoutTorch) for f in sys.meta_path):
        sys.meta_path.insert(0, _ThincWithoutTorch())
    return True
