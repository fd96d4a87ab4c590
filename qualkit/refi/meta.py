"""What a REFI-QDA project holds besides texts, codings and codes: identities, notes, groups.

Kept on import and written back on export, so a project that goes NVivo -> qualkit -> NVivo
updates the original users, codes, sources and selections instead of duplicating them, and
nobody's memos are lost. ``qualkit import`` writes it to ``refi.yaml`` beside the codings.

>>> m = RefiMeta(name="studie", users={"Eva": "8ca3a2c1-8b7a-41c3-a9dd-a8fb46caa645"})
>>> RefiMeta.from_dict(m.to_dict()) == m
True
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any

from qualkit.refi.blocks import good_guid


@dataclass
class RefiMeta:
    """Identities (GUIDs by name), notes and source groups of a REFI-QDA project."""

    name: str = ""
    origin: str = ""
    creator: str = ""
    """Name of the project's creating user."""
    users: dict[str, str] = field(default_factory=dict)
    """Every user (also those without codings): name -> GUID."""
    sources: dict[str, str] = field(default_factory=dict)
    """doc_id -> source GUID."""
    cases: dict[str, str] = field(default_factory=dict)
    """unit_id -> case GUID."""
    variables: dict[str, str] = field(default_factory=dict)
    """variable name -> GUID."""
    variable_types: dict[str, str] = field(default_factory=dict)
    """variable name -> the REFI type the file declared (``Float``, ``DateTime`` ...): written back as declared
    where the values allow it (QualCoder's Float 34 reads as an integer, and is written back a Float)."""
    source_variables: list[str] = field(default_factory=list)
    """Variables the file gave its sources, not its cases (MAXQDA document variables, QualCoder file
    attributes): written back on the sources."""
    groups: dict[str, list[str]] = field(default_factory=dict)
    """Source groups (MAXQDA document sets, NVivo/ATLAS.ti document groups): name -> doc_ids."""
    group_guids: dict[str, str] = field(default_factory=dict)
    project_note: str = ""
    source_notes: dict[str, str] = field(default_factory=dict)
    case_notes: dict[str, str] = field(default_factory=dict)
    annotations: list[dict[str, Any]] = field(default_factory=list)
    """Memos on words that carry no code (free quotations, QualCoder annotations): ``{doc_id, start, end,
    text, guid}`` in code points, plus ``note`` (a Note's GUID) when the file kept the memo in a Note
    (see :mod:`qualkit.refi.annotations`)."""
    journals: list[dict[str, str]] = field(default_factory=list)
    """Notes that belong to no source, case or coding: QualCoder's journals, and memos linked to a code
    (``{name, text, guid}``, plus ``code``: the code's GUID)."""

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v}

    @classmethod
    def from_dict(cls, data: Any) -> "RefiMeta":
        """Read back :meth:`to_dict` output, dropping what has the wrong shape or is not a GUID."""
        data = data if isinstance(data, dict) else {}
        out = cls()
        for f in fields(cls):
            value = data.get(f.name)
            if f.name in ("name", "origin", "creator", "project_note"):
                if isinstance(value, str):
                    setattr(out, f.name, value)
            elif f.name == "journals":
                if isinstance(value, list):
                    out.journals = [{k: str(v) for k, v in j.items() if k in ("name", "text", "guid", "code")}
                                    for j in value if isinstance(j, dict)]
            elif f.name == "annotations":
                if isinstance(value, list):
                    out.annotations = [_annotation(a) for a in value if _annotation(a)]
            elif f.name == "source_variables":
                if isinstance(value, list):
                    out.source_variables = [str(x) for x in value]
            elif f.name == "groups":
                if isinstance(value, dict):
                    out.groups = {str(k): [str(x) for x in v] for k, v in value.items() if isinstance(v, list)}
            elif isinstance(value, dict):
                keep_guid = f.name in ("users", "sources", "cases", "variables", "group_guids")
                setattr(out, f.name, {str(k): (good_guid(v) if keep_guid else str(v)) for k, v in value.items()
                                      if not keep_guid or good_guid(v)})
        return out


def _annotation(a: Any) -> dict[str, Any] | None:
    """One annotation of ``refi.yaml`` as written by :meth:`RefiMeta.to_dict`, or None if malformed."""
    if not (isinstance(a, dict) and isinstance(a.get("doc_id"), str) and type(a.get("start")) is int
            and type(a.get("end")) is int and 0 <= a["start"] <= a["end"]):
        return None
    out = {"doc_id": a["doc_id"], "start": a["start"], "end": a["end"], "text": str(a.get("text") or "")}
    for k in ("guid", "note"):
        if good_guid(a.get(k)):
            out[k] = good_guid(a[k])
    return out
