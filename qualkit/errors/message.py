"""One entry of the error catalogue (:mod:`qualkit.errors.catalogue`)."""
from __future__ import annotations

from typing import NamedTuple


class Message(NamedTuple):
    """One catalogue entry: the message template (``str.format`` fields) and what
    happened / how to fix it, in a sentence or two, for the reference page."""

    template: str
    explain: str
