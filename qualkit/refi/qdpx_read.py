"""Import a REFI-QDA project (``.qdpx``) from NVivo, ATLAS.ti, MAXQDA, QualCoder or qualkit.

Reads ``project.qde`` (any case) and text sources from ``sources/`` (any case),
either ``internal://`` files or inline ``PlainTextContent``. Selection positions
are read in the file's own convention (NVivo counts UTF-16 code units, ATLAS.ti a
Windows line break as one: see :mod:`qualkit.refi.offsets`) and converted to code
points in the text without its BOM. GUIDs, every user, memos on the project,
sources, cases and codings, annotations (memos on uncoded words), journals and source groups are kept in
:attr:`RefiProject.meta` and the codings' ``guid``/``note`` columns, so
:meth:`RefiProject.export` writes them back. What cannot be imported is listed in
:attr:`RefiProject.problems` (by source name and count, never with text).

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

import hashlib
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
from lxml import etree

from qualkit.codebook.model import Codebook
from qualkit.errors import RefiError
from qualkit.refi.annotations import anchor
from qualkit.refi.blocks import good_guid, guid, norm_guid, split_block, unique
from qualkit.refi.meta import RefiMeta
from qualkit.refi.offsets import CONVENTIONS, detect, to_codepoints
from qualkit.refi.qdc import codebook_from_xml
from qualkit.refi.qdpx import EXPORTED, EXTRA_COLUMNS, export_qdpx
from qualkit.refi.qdpx_parts import PROBLEMS, as_str, as_strs, block_segments, children, guess_kind
from qualkit.refi.variables import parse_value, respondents_frame
from qualkit.refi.safexml import Archive, first, iter_elements, kids, local, open_archive, parse_xml, text_of
from qualkit.types import CODING_COLUMNS, Corpus, Segment, empty_codings

_NUMERIC = {"segment": "int64", "unit_start": "int64", "unit_end": "int64",
            "match_start": "int64", "match_end": "int64", "confidence": "float64"}
_DESCRIBED = {"codepoints-crlf1": "code points with a Windows line break (\\r\\n) counted as one",
              "utf16": "UTF-16 code units (an emoji counts 2)",
              "utf16-crlf1": "UTF-16 code units with a Windows line break counted as one"}


@dataclass
class RefiProject:
    """What :func:`import_qdpx` read: the corpus, codings, codebook, every problem, and the
    project's identities and notes (``meta``). ``codings`` has two columns besides the
    standard ones: ``guid`` (the selection's REFI GUID) and ``note`` (its memo)."""

    corpus: Corpus
    codings: pd.DataFrame
    codebook: Codebook
    problems: list[str] = field(default_factory=list)
    name: str = ""
    origin: str = ""
    meta: RefiMeta = field(default_factory=RefiMeta)
    offsets: str = "codepoints"
    """The position convention the file was written in (converted to code points on import)."""

    def export(self, path: str | Path, **kw: Any) -> None:
        """Write the project back as ``.qdpx`` with its GUIDs, users, notes and groups.

        Positions are counted the way the file was read (:attr:`offsets`), so the program
        it came from finds every selection where it was: UTF-16 for NVivo. Pass
        ``offsets="codepoints"`` to send an NVivo project to QualCoder instead."""
        kw.setdefault("offsets", self.offsets)
        export_qdpx(self.corpus, self.codings, self.codebook, path, meta=self.meta, **kw)


def import_qdpx(path: str | Path) -> RefiProject:
    """Read a ``.qdpx`` project safely (see :mod:`qualkit.refi.safexml` for the limits)."""
    path = Path(path)
    with open_archive(path) as arc:
        qde = [n for n in arc.names if n.lower() == "project.qde"]
        qde = qde or [n for n in arc.names if n.lower().endswith(".qde") and "/" not in n.strip("/")]
        if len(qde) != 1:
            raise RefiError(505, path=path, detail='no' if not qde else 'more than one')
        root = parse_xml(arc.read(qde[0]), f"{path}, member '{qde[0]}'")
        if local(root) != "Project":
            raise RefiError(528, path=path, member=qde[0], local=local(root))
        return _Reader(path, arc, root).run()


class _Reader:
    def __init__(self, path: Path, arc: Archive, root: etree._Element):
        self.path, self.arc, self.root = path, arc, root
        self.where = str(path)
        self.problems: list[str] = []
        self.counts: dict[str, list[str]] = {}
        self.used_notes: set[str] = set()

    def note(self, kind: str, what: str) -> None:
        self.counts.setdefault(kind, []).append(what)

    def run(self) -> RefiProject:
        root = self.root
        name, origin = root.get("name") or self.path.stem, root.get("origin") or ""
        self.meta = RefiMeta(name=name, origin=origin)
        self._duplicates()
        self._users()
        self.anchors: dict[str, tuple[int, int, str]] = {}  # Notes that select words of a source (QualCoder)
        self.notes = self._note_index()
        human, pmeta, _ = split_block(text_of(root, "Description"))
        pmeta = pmeta or {}
        self.meta.project_note = self._memo(root, "" if human.strip() == EXPORTED else human)
        book = first(root, "CodeBook")
        if book is None:
            self.problems.append(f"{self.where}: the project has no codebook.")
        cbr = codebook_from_xml(first(book, "Codes"), kids(first(root, "Sets"), "Set"), self.where,
                                default_name=name, origin=origin, stored=pmeta)
        self.problems += [p for p in cbr.problems if book is not None or "no codes" not in p]
        self.guids = cbr.guids
        meta = pmeta if pmeta.get("kind") in ("survey", "transcript") else {}
        self.variables: dict[str, tuple[str, str]] = {}
        names: set[str] = set()
        for v in kids(first(root, "Variables"), "Variable"):
            g = norm_guid(v.get("guid"))
            if g not in self.variables:  # two variables of one name both come in: 'v', 'v #2'
                vname = v.get("name") or g or "variable"
                self.variables[g] = (unique(vname, names, " #"), v.get("typeOfVariable") or "Text")
                if self.variables[g][0] != vname:
                    self.problems.append(f"{self.where}: variable name '{vname}' is used twice; the second is "
                                         f"imported as '{self.variables[g][0]}'.")
        self.meta.variables = {n: g for g, (n, _) in self.variables.items() if n}
        self.meta.variable_types = {n: t for n, t in self.variables.values() if n}
        self.values: dict[str, dict[str, Any]] = {}
        self.levels: dict[str, set[str]] = {}  # variable -> where its values were: case, source
        cases = self._cases()
        docs, infos = self._sources()
        self._link_cases(cases, infos)
        kind = meta.get("kind") or guess_kind(infos)
        files = as_strs(meta.get("sources"))  # the files qualkit read: one is every segment's source
        self.origin_file = files[0] if len(files) == 1 else self.path.name
        segments = self._segments(infos, kind)
        # qualkit's own file says how it counted; a program that re-exported it counts its own way
        stored = pmeta.get("offsets", "codepoints") if origin == "qualkit" else None
        self.offsets = self._convention(infos, stored, origin)
        rows = self._codings(infos, segments)
        self._groups(infos)
        self.meta.source_variables = [n for n, where in self.levels.items() if where == {"source"}]
        labels = meta.get("labels") if isinstance(meta.get("labels"), dict) else {}
        corpus = Corpus(segments=segments, documents=docs, respondents=self._respondents(segments),
                        questions=as_strs(meta.get("questions")) or list(dict.fromkeys(s.question for s in segments)),
                        kind=kind, labels={str(k): str(v) for k, v in labels.items()},
                        sources=as_strs(meta.get("sources")) or [self.path.name])
        on_code = {norm_guid(r.get("targetGUID")): norm_guid(c.get("guid")) for c in iter_elements(book, "Code")
                   for r in kids(c, "NoteRef")} if book is not None else {}
        self.meta.journals = [{"name": n, "text": t, "guid": g, **({"code": on_code[g]} if g in on_code else {})}
                              for g, (n, t) in self.notes.items() if g not in self.used_notes]
        for what in ("Links", "Graphs"):
            n = len(children(first(root, what)))
            if n:
                self.note("project", f"{n} {what.lower()}")
        self._summarise()
        columns = [*CODING_COLUMNS, *EXTRA_COLUMNS]
        codings = (pd.DataFrame(rows, columns=columns).astype(_NUMERIC) if rows
                   else empty_codings().assign(**{c: pd.Series(dtype="object") for c in EXTRA_COLUMNS}))
        return RefiProject(corpus, codings, cbr.codebook, self.problems, name, origin, self.meta, self.offsets)

    def _duplicates(self) -> None:
        seen: dict[str, int] = {}
        for el in self.root.iter():
            g = norm_guid(el.get("guid")) if isinstance(el.tag, str) else ""
            if g:
                seen[g] = seen.get(g, 0) + 1
                if seen[g] == 2:
                    self.note("dupguid", g)

    def _users(self) -> None:
        self.users: dict[str, str] = {}
        taken: set[str] = set()
        for u in kids(first(self.root, "Users"), "User"):
            g = norm_guid(u.get("guid"))
            if not g or g in self.users:
                continue
            uname = unique(u.get("name") or g, taken, "#")
            self.users[g] = uname
            self.meta.users[uname] = good_guid(g) or guid("user", uname)
        self.meta.creator = self.users.get(norm_guid(self.root.get("creatingUserGUID")), "")

    def _note_index(self) -> dict[str, tuple[str, str]]:
        """guid -> (name, text) of every REFI ``Note``."""
        out: dict[str, tuple[str, str]] = {}
        for n in kids(first(self.root, "Notes"), "Note"):
            g = norm_guid(n.get("guid"))
            label = n.get("name") or ""
            text: str | None = text_of(n, "PlainTextContent") if first(n, "PlainTextContent") is not None else None
            if text is None and n.get("plainTextPath"):
                text = self._text(n, label or g)
            if g:
                out[g] = (label, text or "")
                if anchor(n) is not None:
                    self.anchors[g] = anchor(n)
        return out

    def _memo(self, el: etree._Element, human: str, skip: dict[str, Any] | None = None) -> str:
        """``human`` (the element's description text) with the texts of the notes it refers to
        (but those in ``skip``)."""
        parts = [human.strip()] if human.strip() else []
        for ref in kids(el, "NoteRef"):
            g = norm_guid(ref.get("targetGUID"))
            if skip and g in skip:
                continue
            if g not in self.notes:
                self.note("nonote", g)
                continue
            self.used_notes.add(g)
            label, text = self.notes[g]
            if text.strip():
                parts.append(text.strip())
        return "\n\n".join(parts)

    def _cases(self) -> list[tuple[str, list[str]]]:
        out: list[tuple[str, list[str]]] = []
        taken: set[str] = set()
        tried: dict[str, int] = {}
        for case in kids(first(self.root, "Cases"), "Case"):
            cname = case.get("name") or norm_guid(case.get("guid"))
            if cname in taken:
                self.problems.append(f"{self.where}: case name '{cname}' is used twice; the second is imported "
                                     f"as '{unique(cname, set(taken), '#', dict(tried))}'.")
            cname = unique(cname, taken, "#", tried)
            self.values.setdefault(cname, {})
            g = norm_guid(case.get("guid"))
            if g:
                self.meta.cases[cname] = g
            memo = self._memo(case, split_block(text_of(case, "Description"))[0])
            if memo:
                self.meta.case_notes[cname] = memo
            for vv in kids(case, "VariableValue"):
                self._value(vv, cname, "case")
            out.append((cname, [norm_guid(r.get("targetGUID")) for r in kids(case, "SourceRef")]))
            if kids(case, "CodeRef") or kids(case, "SelectionRef"):
                self.note("casecodes", cname)
        return out

    def _link_cases(self, cases: list[tuple[str, list[str]]], infos: list[dict[str, Any]]) -> None:
        """Each source's case, from the cases' ``SourceRef`` s. QualCoder 4 refers to a copy of the
        source's text file instead of the source: such refs are matched by the file's content."""
        by_guid = {i["guid"]: i for i in infos}
        by_hash = {i["hash"]: i for i in infos if i.get("hash")}
        for cname, refs in cases:
            for g in refs:
                info = by_guid.get(g)
                if info is None:
                    member = self.arc.find(f"{g}.txt", "sources")
                    info = by_hash.get(hashlib.sha256(self.arc.read(member)).hexdigest()) if member else None
                    self.note("casefile" if info else "caseref", cname)
                if info is None:
                    continue
                if info["case"] is not None and info["case"] != cname:
                    self.note("multicase", cname)
                    continue
                info["case"] = cname

    def _value(self, vv: etree._Element, unit: str, level: str) -> None:
        ref = first(vv, "VariableRef")
        var = self.variables.get(norm_guid(ref.get("targetGUID")) if ref is not None else "")
        val_el = next((k for k in vv if local(k).endswith("Value")), None)
        if var is None or val_el is None:
            self.note("badvalue", unit)
            return
        try:
            value = parse_value(local(val_el), val_el.text or "")
        except (ValueError, OverflowError):
            self.note("badvalue", unit)
            return
        self.levels.setdefault(var[0], set()).add(level)
        have = self.values.setdefault(unit, {})
        if level == "source" and var[0] in have and have[var[0]] != value:
            self.note("conflict", unit)
            return
        have.setdefault(var[0], value)

    def _sources(self) -> tuple[dict[str, str], list[dict[str, Any]]]:
        docs: dict[str, str] = {}
        infos: list[dict[str, Any]] = []
        taken: set[str] = set()
        tried: dict[str, int] = {}
        for el in children(first(self.root, "Sources")):
            kind = local(el)
            label = el.get("name") or norm_guid(el.get("guid"))
            if kind != "TextSource":
                if kind:
                    self.note("nontext", f"{label} ({kind})")
                continue
            text = self._text(el, label, keep_hash=True)
            if text is None:
                continue
            human, block, _ = split_block(text_of(el, "Description"))
            block = block or {}
            doc_id = str(block.get("doc_id") or label) if isinstance(block.get("doc_id"), (str, type(None))) else label
            if doc_id in taken:
                self.note("dupname", doc_id)
            doc_id = unique(doc_id, taken, " #", tried)
            docs[doc_id] = text
            g = norm_guid(el.get("guid"))
            if g:
                self.meta.sources[doc_id] = g
            memo = self._memo(el, human, skip=self.anchors)
            if memo:
                self.meta.source_notes[doc_id] = memo
            unit = block.get("unit_id") if isinstance(block.get("unit_id"), str) else None
            anchored = [n for r in kids(el, "NoteRef") if (n := norm_guid(r.get("targetGUID"))) in self.anchors]
            self.used_notes.update(anchored)
            infos.append({"el": el, "doc_id": doc_id, "text": text, "block": block, "guid": g,
                          "hash": self._hash, "case": None, "unit": unit, "anchored": anchored})
        return docs, infos

    def _text(self, el: etree._Element, label: str, keep_hash: bool = False) -> str | None:
        self._hash = None
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
        if keep_hash:
            self._hash = hashlib.sha256(data).hexdigest()
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
            source = str(block.get("source") or self.origin_file)
            own = block_segments(block.get("segments"), text, doc_id, info["unit"], source)
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

    def _convention(self, infos: list[dict[str, Any]], stored: Any, origin: str) -> str:
        """Parse every selection's positions and pick the file's position convention."""
        for info in infos:
            sels = []
            for sel in kids(info["el"], "PlainTextSelection"):
                try:
                    sels.append((sel, int(sel.get("startPosition", "")), int(sel.get("endPosition", ""))))
                except ValueError:
                    self.note("range", info["doc_id"])
            info["sels"] = sels
        if stored in CONVENTIONS:
            return str(stored)
        conv, scores = detect(origin, [(i["text"], [(s, e) for _, s, e in i["sels"]]) for i in infos])
        if conv != "codepoints":
            n = sum(len(i["sels"]) for i in infos)
            self.problems.append(
                f"{self.where}: selection positions count {_DESCRIBED[conv]}, as {origin or 'the program'} writes "
                f"them: read that way {scores[conv]} of {n} selections start and end on word boundaries, as code "
                f"points {scores['codepoints']}. They were converted to code points.")
        return conv

    def _codings(self, infos: list[dict[str, Any]], segments: list[Segment]) -> list[dict[str, Any]]:
        rows: list[dict[str, Any]] = []
        for info in infos:
            el, doc_id, text = info["el"], info["doc_id"], info["text"]
            table = to_codepoints(text, self.offsets)
            for g in info["anchored"]:
                start, end, sg = self.anchors[g]
                if table is not None:
                    start, end = (table[p] if 0 <= p < len(table) else -1 for p in (start, end))
                if 0 <= start <= end <= len(text):
                    self._annotate(doc_id, start, end, self.notes[g][1].strip(), sg, note=g)
                else:
                    self.note("range", doc_id)
            for coding in kids(el, "Coding"):
                self._row(rows, info, segments, coding, el, 0, len(text), {}, "")
            for sel, start, end in info["sels"]:
                if table is not None:
                    start, end = (table[p] if 0 <= p < len(table) else -1 for p in (start, end))
                if not 0 <= start <= end <= len(text):
                    self.note("range", doc_id)
                    continue
                codings = kids(sel, "Coding")
                human, block, _ = split_block(text_of(sel, "Description"))
                memo = self._memo(sel, human)
                if not codings:  # a free quotation, an annotation: kept on its words
                    self._annotate(doc_id, start, end, memo, sel.get("guid"))
                for coding in codings:
                    self._row(rows, info, segments, coding, sel, start, end, block or {}, memo)
        return rows

    def _annotate(self, doc_id: str, start: int, end: int, text: str, sel_guid: str | None,
                  note: str | None = None) -> None:
        a = {"doc_id": doc_id, "start": start, "end": end, "text": text, "guid": good_guid(sel_guid), "note": note}
        self.meta.annotations.append({k: v for k, v in a.items() if v is not None})

    def _row(self, rows: list[dict[str, Any]], info: dict[str, Any], segments: list[Segment],
             coding: etree._Element, sel: etree._Element, start: int, end: int, block: dict[str, Any],
             memo: str) -> None:
        ref = first(coding, "CodeRef")
        code = self.guids.get(norm_guid(ref.get("targetGUID")) if ref is not None else "")
        if code is None:
            self.note("unknown", info["doc_id"])
            return
        user = norm_guid(coding.get("creatingUser") or sel.get("creatingUser") or info["el"].get("creatingUser"))
        if user and user not in self.users:  # a coder the file does not list: named by the GUID, kept as a user
            self.users[user] = unique(user, set(self.meta.users), "#")
            self.meta.users[self.users[user]] = good_guid(user) or guid("user", self.users[user])
            self.note("nouser", user)
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
        rule = as_str(block.get("rule"), "")
        if method != "human" and memo == f"qualkit {method}: {rule}":
            memo = ""  # qualkit's own description of the rule, not a memo
        memo = self._memo(coding, memo)  # a memo on the coding itself (NVivo)
        rows.append({
            "unit_id": as_str(block.get("unit_id"), info["unit"]), "doc_id": info["doc_id"],
            "question": as_str(block.get("question"), segment.question if segment else ""),
            "speaker": as_str(block.get("speaker"), segment.speaker if segment else ""),
            "segment": seg, "unit_start": start, "unit_end": end, "match_start": ms, "match_end": me,
            "matched": as_str(block.get("matched"), text[ms:me]), "match_spans": as_str(block.get("match_spans"), ""),
            "code": code, "rule": rule,
            "method": method, "confidence": float(conf) if isinstance(conf, (int, float)) else math.nan,
            "coder": self.users.get(user, user or "unknown"),
            "guid": norm_guid(sel.get("guid")) or None if local(sel) == "PlainTextSelection" else None,
            "coding_guid": norm_guid(coding.get("guid")) or None,
            "note": memo or None,
        })

    def _groups(self, infos: list[dict[str, Any]]) -> None:
        """Sets of sources (MAXQDA document sets) as source groups."""
        doc_of = {i["guid"]: i["doc_id"] for i in infos}
        taken: set[str] = set()
        for s in kids(first(self.root, "Sets"), "Set"):
            members = [norm_guid(m.get("targetGUID")) for m in kids(s, "MemberSource")]
            if not members:
                continue
            gname = unique(s.get("name") or norm_guid(s.get("guid")) or "group", taken, " #")
            self.meta.groups[gname] = [doc_of[m] for m in members if m in doc_of]
            if norm_guid(s.get("guid")):
                self.meta.group_guids[gname] = norm_guid(s.get("guid"))

    def _respondents(self, segments: list[Segment]) -> pd.DataFrame:
        units = list(dict.fromkeys([*self.values, *(s.unit_id for s in segments)]))
        frame, bad = respondents_frame(units, self.values, dict(self.variables.values()))
        for n in bad:
            self.note("badtype", n)
        return frame

    def _summarise(self) -> None:
        for kind, items in self.counts.items():
            shown = ", ".join(dict.fromkeys(items[:10])) + (", ..." if len(items) > 10 else "")
            self.problems.append(f"{self.where}: " + PROBLEMS[kind].format(n=len(items), shown=shown))
