"""Import a REFI-QDA project (``.qdpx``) from NVivo, ATLAS.ti, MAXQDA, QualCoder or qualkit.

Reads ``project.qde`` (any case) and text sources from ``sources/`` (any case),
either ``internal://`` files or inline ``PlainTextContent``. Selections count
code points from 0, end exclusive, in the text without its BOM. What cannot be
imported is listed in :attr:`RefiProject.problems` (by source name and count,
never with text): non-text sources, texts outside the archive, selections out
of range, codings to unknown codes, notes, links and graphs.

A project qualkit wrote comes back whole: the ``[qualkit]`` blocks restore the
corpus kind, segments, code ids and rules, and each coding's rule, method and
confidence. From other programs every text source is one document (and one
segment); its case gives the ``unit_id``; codings get ``method="human"``.

>>> import tempfile, pathlib, pandas as pd
>>> from qualkit.types import Corpus, Segment
>>> from qualkit.codebook.model import Code, Codebook, Rule
>>> from qualkit.refi.qdpx import export_qdpx
>>> t = "Eén ding: we hebben meer personeel nodig."
>>> corpus = Corpus([Segment(t, "R1/Q23", 0, len(t), "R1", "Q23", "s.csv")], {"R1/Q23": t},
...                 pd.DataFrame(index=pd.Index(["R1"], name="unit_id")), ["Q23"], "survey")
>>> cb = Codebook("demo", "1.0", [Code("personeel", "Meer personeel", include=[Rule("phrase", "meer personeel")])])
>>> rows = pd.DataFrame([{"unit_id": "R1", "doc_id": "R1/Q23", "unit_start": 20, "unit_end": 34, "code": "personeel"}])
>>> out = pathlib.Path(tempfile.mkdtemp()) / "demo.qdpx"
>>> export_qdpx(corpus, rows, cb, out)
>>> p = import_qdpx(out)
>>> r = p.codings.iloc[0]
>>> p.corpus.documents[r.doc_id][r.unit_start:r.unit_end]
'meer personeel'
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
from lxml import etree

from qualkit.codebook.model import Codebook
from qualkit.errors import RefiError
from qualkit.refi.blocks import norm_guid, split_block, unique
from qualkit.refi.qdc import codebook_from_xml
from qualkit.refi.safexml import Archive, first, kids, local, open_archive, parse_xml, text_of
from qualkit.types import CODING_COLUMNS, Corpus, Segment, empty_codings

_NUMERIC = {"segment": "int64", "unit_start": "int64", "unit_end": "int64",
            "match_start": "int64", "match_end": "int64", "confidence": "float64"}
_DTYPES = {"Integer": "Int64", "Boolean": "boolean", "Float": "float64"}


@dataclass
class RefiProject:
    """What :func:`import_qdpx` read: the corpus, codings, codebook and every problem."""

    corpus: Corpus
    codings: pd.DataFrame
    codebook: Codebook
    problems: list[str] = field(default_factory=list)
    name: str = ""
    origin: str = ""


def import_qdpx(path: str | Path) -> RefiProject:
    """Read a ``.qdpx`` project safely (see :mod:`qualkit.refi.safexml` for the limits)."""
    path = Path(path)
    with open_archive(path) as arc:
        qde = [n for n in arc.names if n.lower() == "project.qde"]
        qde = qde or [n for n in arc.names if n.lower().endswith(".qde") and "/" not in n.strip("/")]
        if len(qde) != 1:
            raise RefiError(505, f"{path}: {'no' if not qde else 'more than one'} project.qde in the archive, "
                                 "so it is not a REFI-QDA project. Export the project again as .qdpx.")
        root = parse_xml(arc.read(qde[0]), f"{path}, member '{qde[0]}'")
        if local(root) != "Project":
            raise RefiError(508, f"{path}, member '{qde[0]}': the root element is <{local(root)}>, not "
                                 "<Project>. Export the project again as REFI-QDA Project (.qdpx).")
        return _Reader(path, arc, root).run()


class _Reader:
    def __init__(self, path: Path, arc: Archive, root: etree._Element):
        self.path, self.arc, self.root = path, arc, root
        self.where = str(path)
        self.problems: list[str] = []
        self.counts: dict[str, list[str]] = {}

    def note(self, kind: str, what: str) -> None:
        self.counts.setdefault(kind, []).append(what)

    def run(self) -> RefiProject:
        root = self.root
        name, origin = root.get("name") or self.path.stem, root.get("origin") or ""
        self.users = {norm_guid(u.get("guid")): u.get("name") or norm_guid(u.get("guid"))
                      for u in kids(first(root, "Users"), "User")}
        book = first(root, "CodeBook")
        if book is None:
            self.problems.append(f"{self.where}: the project has no codebook.")
        cbr = codebook_from_xml(first(book, "Codes"), kids(first(root, "Sets"), "Set"), self.where,
                                default_name=name, origin=origin)
        self.problems += [p for p in cbr.problems if book is not None or "no codes" not in p]
        self.guids = cbr.guids
        _, meta, _ = split_block(text_of(root, "Description"))
        meta = meta if meta and meta.get("kind") in ("survey", "transcript") else {}
        self.variables = {norm_guid(v.get("guid")): (v.get("name") or "", v.get("typeOfVariable") or "Text")
                          for v in kids(first(root, "Variables"), "Variable")}
        self.values: dict[str, dict[str, Any]] = {}
        case_of = self._cases()
        docs, infos = self._sources(case_of)
        kind = meta.get("kind") or _guess_kind(infos)
        segments = self._segments(infos, kind)
        rows = self._codings(infos, segments)
        labels = meta.get("labels") if isinstance(meta.get("labels"), dict) else {}
        corpus = Corpus(segments=segments, documents=docs, respondents=self._respondents(segments),
                        questions=_strs(meta.get("questions")) or list(dict.fromkeys(s.question for s in segments)),
                        kind=kind, labels={str(k): str(v) for k, v in labels.items()},
                        sources=_strs(meta.get("sources")) or [self.path.name])
        for what in ("Notes", "Links", "Graphs"):
            n = len(_children(first(root, what)))
            if n:
                self.note("project", f"{n} {what.lower()}")
        self._summarise()
        codings = pd.DataFrame(rows, columns=CODING_COLUMNS).astype(_NUMERIC) if rows else empty_codings()
        return RefiProject(corpus, codings, cbr.codebook, self.problems, name, origin)

    def _cases(self) -> dict[str, str]:
        case_of: dict[str, str] = {}
        taken: set[str] = set()
        for case in kids(first(self.root, "Cases"), "Case"):
            cname = case.get("name") or norm_guid(case.get("guid"))
            if cname in taken:
                self.problems.append(f"{self.where}: case name '{cname}' is used twice; the second is imported "
                                     f"as '{unique(cname, set(taken), '#')}'.")
            cname = unique(cname, taken, "#")
            self.values.setdefault(cname, {})
            for vv in kids(case, "VariableValue"):
                self._value(vv, cname, "case")
            for ref in kids(case, "SourceRef"):
                g = norm_guid(ref.get("targetGUID"))
                if g in case_of and case_of[g] != cname:
                    self.note("multicase", cname)
                case_of.setdefault(g, cname)
            if kids(case, "CodeRef") or kids(case, "SelectionRef"):
                self.note("casecodes", cname)
        return case_of

    def _value(self, vv: etree._Element, unit: str, level: str) -> None:
        ref = first(vv, "VariableRef")
        var = self.variables.get(norm_guid(ref.get("targetGUID")) if ref is not None else "")
        val_el = next((k for k in vv if local(k).endswith("Value")), None)
        if var is None or val_el is None:
            self.note("badvalue", unit)
            return
        try:
            value = _parse_value(local(val_el), val_el.text or "")
        except (ValueError, OverflowError):
            self.note("badvalue", unit)
            return
        have = self.values.setdefault(unit, {})
        if level == "source" and var[0] in have and have[var[0]] != value:
            self.note("conflict", unit)
            return
        have.setdefault(var[0], value)

    def _sources(self, case_of: dict[str, str]) -> tuple[dict[str, str], list[dict[str, Any]]]:
        docs: dict[str, str] = {}
        infos: list[dict[str, Any]] = []
        taken: set[str] = set()
        for el in _children(first(self.root, "Sources")):
            kind = local(el)
            label = el.get("name") or norm_guid(el.get("guid"))
            if kind != "TextSource":
                if kind:
                    self.note("nontext", f"{label} ({kind})")
                continue
            text = self._text(el, label)
            if text is None:
                continue
            _, block, _ = split_block(text_of(el, "Description"))
            block = block or {}
            doc_id = str(block.get("doc_id") or label)
            if doc_id in taken:
                self.note("dupname", doc_id)
            doc_id = unique(doc_id, taken, " #")
            docs[doc_id] = text
            unit = block.get("unit_id") if isinstance(block.get("unit_id"), str) else None
            infos.append({"el": el, "doc_id": doc_id, "text": text, "block": block,
                          "case": case_of.get(norm_guid(el.get("guid"))), "unit": unit})
        return docs, infos

    def _text(self, el: etree._Element, label: str) -> str | None:
        path = (el.get("plainTextPath") or "").strip()
        if not path:
            content = first(el, "PlainTextContent")
            if content is None:
                self.note("notext", label)
                return None
            return content.text or ""
        if not path.lower().startswith("internal://"):
            self.note("external", label)
            return None
        rel = path[len("internal://"):]
        parts = rel.replace("\\", "/").split("/")
        if rel.startswith(("/", "\\")) or ".." in parts or ":" in rel:
            self.note("external", label)
            return None
        member = self.arc.find(rel, "sources") or self.arc.find(rel)
        if member is None:
            self.note("missing", label)
            return None
        data = self.arc.read(member)
        try:
            if data.startswith((b"\xff\xfe", b"\xfe\xff")):
                return data.decode("utf-16")
            return data[3:].decode("utf-8") if data.startswith(b"\xef\xbb\xbf") else data.decode("utf-8")
        except UnicodeDecodeError:
            self.note("encoding", label)
            return None

    def _segments(self, infos: list[dict[str, Any]], kind: str) -> list[Segment]:
        pending: list[tuple[int | None, Segment]] = []
        for info in infos:
            doc_id, text, block = info["doc_id"], info["text"], info["block"]
            if info["unit"] is None:
                if info["case"] is not None:
                    info["unit"] = info["case"]
                else:
                    info["unit"] = doc_id.split("/", 1)[0] if kind == "survey" and "/" in doc_id else doc_id
            question = doc_id.split("/", 1)[1] if kind == "survey" and "/" in doc_id else "interview"
            source = str(block.get("source") or self.path.name)
            own = _block_segments(block.get("segments"), text, doc_id, info["unit"], source)
            if own is None and "segments" in block:
                self.note("badsegments", doc_id)
            if own is None:
                own = [(None, Segment(text, doc_id, 0, len(text), info["unit"], question, source))]
            info["pending"] = list(range(len(pending), len(pending) + len(own)))
            pending += own
            for vv in kids(info["el"], "VariableValue"):
                self._value(vv, info["unit"], "source")
        keys = [k for k, _ in pending]
        order = list(range(len(pending)))
        self.ordered = bool(pending) and None not in keys and sorted(keys) == order  # segment ids are trusted
        if self.ordered:
            order.sort(key=lambda p: keys[p])
        final = {p: i for i, p in enumerate(order)}
        for info in infos:
            info["segs"] = [final[p] for p in info["pending"]]
        return [pending[p][1] for p in order]

    def _codings(self, infos: list[dict[str, Any]], segments: list[Segment]) -> list[dict[str, Any]]:
        rows: list[dict[str, Any]] = []
        for info in infos:
            el, doc_id, text = info["el"], info["doc_id"], info["text"]
            for coding in kids(el, "Coding"):
                self._row(rows, info, segments, coding, el, 0, len(text), {})
            for sel in kids(el, "PlainTextSelection"):
                try:
                    start, end = int(sel.get("startPosition", "")), int(sel.get("endPosition", ""))
                except ValueError:
                    self.note("range", doc_id)
                    continue
                if not 0 <= start <= end <= len(text):
                    self.note("range", doc_id)
                    continue
                codings = kids(sel, "Coding")
                if not codings:
                    self.note("uncoded", doc_id)
                _, block, _ = split_block(text_of(sel, "Description"))
                for coding in codings:
                    self._row(rows, info, segments, coding, sel, start, end, block or {})
            if any(kids(x, "NoteRef") for x in [el, *kids(el, "PlainTextSelection")]):
                self.note("notes", doc_id)
        return rows

    def _row(self, rows: list[dict[str, Any]], info: dict[str, Any], segments: list[Segment],
             coding: etree._Element, sel: etree._Element, start: int, end: int, block: dict[str, Any]) -> None:
        ref = first(coding, "CodeRef")
        code = self.guids.get(norm_guid(ref.get("targetGUID")) if ref is not None else "")
        if code is None:
            self.note("unknown", info["doc_id"])
            return
        user = norm_guid(coding.get("creatingUser") or sel.get("creatingUser") or info["el"].get("creatingUser"))
        text = info["text"]
        own = info["segs"]
        seg = block.get("segment")
        if not (self.ordered and isinstance(seg, int) and seg in own):
            seg = next((i for i in own if segments[i].start <= start < segments[i].end), own[0] if own else -1)
        ms, me = block.get("match_start"), block.get("match_end")
        if not (isinstance(ms, int) and isinstance(me, int) and 0 <= ms <= me <= len(text)):
            ms, me = start, end
        method = block.get("method") if block.get("method") in ("rule", "model") else "human"
        conf = block.get("confidence")
        segment = segments[seg] if seg >= 0 else None
        rows.append({
            "unit_id": _str(block.get("unit_id"), info["unit"]), "doc_id": info["doc_id"],
            "question": _str(block.get("question"), segment.question if segment else ""),
            "speaker": _str(block.get("speaker"), segment.speaker if segment else ""),
            "segment": seg, "unit_start": start, "unit_end": end, "match_start": ms, "match_end": me,
            "matched": _str(block.get("matched"), text[ms:me]), "match_spans": _str(block.get("match_spans"), ""),
            "code": code, "rule": _str(block.get("rule"), ""),
            "method": method, "confidence": float(conf) if isinstance(conf, (int, float)) else math.nan,
            "coder": self.users.get(user, user or "unknown"),
        })

    def _respondents(self, segments: list[Segment]) -> pd.DataFrame:
        units = list(dict.fromkeys([*self.values, *(s.unit_id for s in segments)]))
        names = list(dict.fromkeys(n for n, _ in self.variables.values()))
        frame = pd.DataFrame({n: [self.values.get(u, {}).get(n) for u in units] for n in names},
                             index=pd.Index(units, name="unit_id"), columns=names)
        types = {n: t for n, t in self.variables.values()}
        for n in names:
            t = types[n]
            try:
                if t in _DTYPES:
                    frame[n] = frame[n].astype(_DTYPES[t])
                elif t in ("Date", "DateTime"):
                    frame[n] = pd.to_datetime(frame[n])
            except (ValueError, TypeError):
                self.note("badtype", n)
        return frame

    def _summarise(self) -> None:
        for kind, items in self.counts.items():
            shown = ", ".join(dict.fromkeys(items[:10])) + (", ..." if len(items) > 10 else "")
            self.problems.append(f"{self.where}: " + _PROBLEMS[kind].format(n=len(items), shown=shown))


_PROBLEMS = {
    "nontext": "{n} source(s) are not text (PDF, picture, audio or video) and were skipped with their codings "
               "({shown}). qualkit reads text sources only.",
    "notext": "{n} text source(s) have neither a plainTextPath nor PlainTextContent ({shown}); skipped.",
    "external": "{n} text source(s) point outside the archive with an absolute, relative:// or '..' path "
                "({shown}); skipped. Export the project with its sources embedded.",
    "missing": "{n} text source(s) name a file that is not in the archive's sources/ folder ({shown}); skipped.",
    "encoding": "{n} text source(s) are not UTF-8 or UTF-16 text ({shown}); skipped. Save them as UTF-8.",
    "dupname": "{n} source name(s) are used twice ({shown}); later ones get ' #2', ' #3'.",
    "range": "{n} selection(s) lie outside their text or end before they start (in {shown}); skipped.",
    "uncoded": "{n} selection(s) have no code (in {shown}); skipped.",
    "unknown": "{n} coding(s) refer to a code that is not in the codebook (in {shown}); skipped.",
    "notes": "{n} source(s) have notes (memos), which qualkit does not import ({shown}).",
    "badsegments": "{n} source(s) have an unreadable qualkit segment list ({shown}); each was read as one segment.",
    "multicase": "{n} case(s) share a source with another case ({shown}); the source goes to the first case.",
    "casecodes": "{n} case(s) are coded directly ({shown}); those codings are not imported.",
    "badvalue": "{n} variable value(s) refer to an unknown variable or cannot be read (cases {shown}); skipped.",
    "conflict": "{n} source variable value(s) contradict their case's value (cases {shown}); the case's value is kept.",
    "badtype": "{n} variable(s) have values that do not match their type ({shown}); kept as read.",
    "project": "project notes, links and graphs have no place in qualkit and were not imported ({shown}).",
}


def _parse_value(tag: str, text: str) -> Any:
    text = text.strip() if tag != "TextValue" else text
    if tag == "BooleanValue":
        if text.lower() not in ("true", "false", "1", "0"):
            raise ValueError(tag)
        return text.lower() in ("true", "1")
    if tag == "IntegerValue":
        return int(text)
    if tag == "FloatValue":
        return float(text)
    if tag in ("DateValue", "DateTimeValue"):
        return pd.Timestamp(text)
    return text


def _block_segments(raw: Any, text: str, doc_id: str, unit: str,
                    source: str) -> list[tuple[int | None, Segment]] | None:
    """Segments stored by qualkit as ``[index, start, end, question, speaker, coded, {extra}]``."""
    if not isinstance(raw, list) or not raw:
        return None
    out: list[tuple[int | None, Segment]] = []
    for e in raw:
        if not (isinstance(e, list) and len(e) in (6, 7) and all(type(x) is int for x in e[:3])
                and 0 <= e[1] <= e[2] <= len(text) and isinstance(e[5], bool)):
            return None
        extra = e[6] if len(e) == 7 and isinstance(e[6], dict) else {}
        out.append((e[0], Segment(_str(extra.get("text"), text[e[1]:e[2]]), doc_id, e[1], e[2], unit,
                                  _str(e[3], ""), _str(extra.get("source"), source), _str(e[4], ""), e[5])))
    return out


def _guess_kind(infos: list[dict[str, Any]]) -> str:
    """``survey`` when every source is named ``<unit>/<question>`` after its case, else ``transcript``."""
    if infos and all("/" in i["doc_id"] and i["case"] in (None, i["doc_id"].split("/", 1)[0]) for i in infos):
        return "survey"
    return "transcript"


def _children(el: etree._Element | None) -> list[etree._Element]:
    return [] if el is None else [k for k in el if isinstance(k.tag, str)]


def _str(v: Any, default: str) -> str:
    return v if isinstance(v, str) else default


def _strs(v: Any) -> list[str]:
    return [str(x) for x in v] if isinstance(v, list) else []
