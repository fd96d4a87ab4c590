"""Annotations: a memo (or a bare mark) on words of a source that carries no code.

Programs write them two ways: a ``PlainTextSelection`` without a ``Coding`` (ATLAS.ti's free
quotations, with their comment as ``Description``), or, as QualCoder does, a ``Note`` that holds
the memo and a ``PlainTextSelection`` of the *source's* text, linked from the source by a
``NoteRef``. On import they become ``RefiMeta.annotations``: ``{doc_id, start, end, text, guid}``
(positions in code points, ``guid`` the selection's) plus ``note`` (the Note's GUID) for the
second kind; the export writes each back the way it came, in the export's position convention.

>>> from lxml import etree
>>> note = etree.fromstring('<Note xmlns="urn:QDA-XML:project:1.0" guid="N"><PlainTextContent>m</PlainTextContent>'
...                         '<PlainTextSelection guid="S" startPosition="3" endPosition="7"/></Note>')
>>> anchor(note)
(3, 7, 's')
"""
from __future__ import annotations

from typing import Any

from lxml import etree

from qualkit.refi.blocks import GuidPool, norm_guid, xml_clean
from qualkit.refi.offsets import from_codepoints
from qualkit.refi.safexml import first

NS = "urn:QDA-XML:project:1.0"


def anchor(note: etree._Element) -> tuple[int, int, str] | None:
    """``(start, end, selection GUID)`` of a Note that selects words of a source (QualCoder), else None."""
    sel = first(note, "PlainTextSelection")
    if sel is None:
        return None
    try:
        return int(sel.get("startPosition", "")), int(sel.get("endPosition", "")), norm_guid(sel.get("guid"))
    except ValueError:
        return None


def write_annotations(src: etree._Element, annotations: list[dict[str, Any]], text: str, offsets: str,
                      ids: GuidPool, user: str | None) -> list[dict[str, Any]]:
    """Free selections of one source under ``src`` (after its coded ones); returns the Note-style
    annotations with their positions and GUIDs settled, for :func:`write_notes` (their
    ``NoteRef`` s are written under ``src`` by the caller, after the selections)."""
    fits = [a for a in annotations if 0 <= a["start"] <= a["end"] <= len(text)]
    ends = from_codepoints(text, offsets, [p for a in fits for p in (a["start"], a["end"])])
    notes = []
    for i, a in enumerate(fits):
        sg = ids.take(a.get("guid"), "annotation", a["doc_id"], str(a["start"]), str(a["end"]), str(i))
        where = {"guid": sg, "startPosition": str(ends[2 * i]), "endPosition": str(ends[2 * i + 1])}
        if a.get("note"):
            notes.append({**a, **where, "note": ids.take(a["note"], "note", a["doc_id"], sg)})
            continue
        sel = etree.SubElement(src, f"{{{NS}}}PlainTextSelection", where)
        if user:
            sel.set("creatingUser", user)
        if a.get("text"):
            etree.SubElement(sel, f"{{{NS}}}Description").text = xml_clean(a["text"])
    return notes


def write_notes(notes: etree._Element, anchored: list[dict[str, Any]]) -> None:
    """The Note-style annotations under ``<Notes>``: the memo and the selection of the source's words."""
    for a in anchored:
        note = etree.SubElement(notes, f"{{{NS}}}Note", guid=a["note"])
        etree.SubElement(note, f"{{{NS}}}PlainTextContent").text = xml_clean(a.get("text") or "")
        etree.SubElement(note, f"{{{NS}}}PlainTextSelection", guid=a["guid"], startPosition=a["startPosition"],
                         endPosition=a["endPosition"])
