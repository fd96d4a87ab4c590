"""Pieces of the ``.qdpx`` reader: problem texts, variable values, qualkit's stored segments."""
from __future__ import annotations

import re
from typing import Any

import pandas as pd
from lxml import etree

from qualkit.types import Segment

PROBLEMS = {
    "nontext": "{n} source(s) are not text (PDF, picture, audio or video) and were skipped with their codings "
               "({shown}). qualkit reads text sources only.",
    "notext": "{n} text source(s) have neither a plainTextPath nor PlainTextContent ({shown}); skipped.",
    "external": "{n} text source(s) point outside the archive with an absolute, relative:// or '..' path "
                "({shown}); skipped. Export the project with its sources embedded.",
    "missing": "{n} text source(s) name a file that is not in the archive's sources/ folder ({shown}); skipped.",
    "encoding": "{n} text source(s) are not UTF-8 or UTF-16 text ({shown}); skipped. Save them as UTF-8.",
    "dupname": "{n} source name(s) are used twice ({shown}); later ones get ' #2', ' #3'.",
    "range": "{n} selection(s) lie outside their text or end before they start (in {shown}); skipped.",
    "unknown": "{n} coding(s) refer to a code that is not in the codebook (in {shown}); skipped.",
    "caseref": "{n} case source reference(s) point to no source in the file (cases {shown}); those links are left out.",
    "casefile": "{n} case source reference(s) name a text file instead of its source, as QualCoder writes them "
                "(cases {shown}); matched to the source with the same text.",
    "nonote": "{n} note reference(s) point to no note ({shown}); left out.",
    "badsegments": "{n} source(s) have an unreadable qualkit segment list ({shown}); each was read as one segment.",
    "multicase": "{n} case(s) share a source with another case ({shown}); the source goes to the first case.",
    "casecodes": "{n} case(s) are coded directly ({shown}); those codings are not imported.",
    "badvalue": "{n} variable value(s) refer to an unknown variable or cannot be read (cases {shown}); skipped.",
    "conflict": "{n} source variable value(s) contradict their case's value (cases {shown}); the case's value is kept.",
    "badtype": "{n} variable(s) have values that do not match their type ({shown}); kept as read.",
    "project": "links and graphs have no place in qualkit and were not imported ({shown}).",
    "dupguid": "{n} GUID(s) are given to more than one element ({shown}); all were imported, and an export gives "
               "the later ones new GUIDs.",
    "nouser": "{n} coder(s) are referred to by GUID but not listed in <Users> ({shown}); their codings keep the GUID "
              "as the coder's name, and an export lists them as users.",
}


_TIME = re.compile(r"\d{2,9}:[0-5]\d:[0-5]\d\.\d{3}", re.ASCII)
"""A WebVTT turn time as qualkit writes it (``extra["time"]``: start and end)."""


def block_segments(raw: Any, text: str, doc_id: str, unit: str,
                    source: str) -> list[tuple[int | None, Segment]] | None:
    """Segments stored by qualkit as ``[index, start, end, question, speaker, coded, {extra}]``;
    ``extra``: ``source`` and ``text`` when they differ from the source's, ``time`` (WebVTT turn start, end)."""
    if not isinstance(raw, list) or not raw:
        return None
    out: list[tuple[int | None, Segment]] = []
    for e in raw:
        if not (isinstance(e, list) and len(e) in (6, 7) and all(type(x) is int for x in e[:3])
                and 0 <= e[1] <= e[2] <= len(text) and isinstance(e[5], bool)):
            return None
        extra = e[6] if len(e) == 7 and isinstance(e[6], dict) else {}
        times = extra.get("time")
        times = [t if isinstance(t, str) and _TIME.fullmatch(t) else "" for t in times[:2]] \
            if isinstance(times, list) and len(times) == 2 else ["", ""]
        out.append((e[0], Segment(as_str(extra.get("text"), text[e[1]:e[2]]), doc_id, e[1], e[2], unit,
                                  as_str(e[3], ""), as_str(extra.get("source"), source), as_str(e[4], ""), e[5],
                                  *times)))
    return out


def guess_kind(infos: list[dict[str, Any]]) -> str:
    """``survey`` when every source is named ``<unit>/<question>`` after its case, else ``transcript``."""
    if infos and all("/" in i["doc_id"] and i["case"] in (None, i["doc_id"].split("/", 1)[0]) for i in infos):
        return "survey"
    return "transcript"


def children(el: etree._Element | None) -> list[etree._Element]:
    return [] if el is None else [k for k in el if isinstance(k.tag, str)]


def as_str(v: Any, default: str) -> str:
    return v if isinstance(v, str) else default


def as_strs(v: Any) -> list[str]:
    return [str(x) for x in v] if isinstance(v, list) else []
