"""Export a coded corpus as a REFI-QDA project (``.qdpx``) for NVivo, ATLAS.ti, MAXQDA, QualCoder.

The archive holds ``project.qde`` and ``sources/<GUID>.txt``, one UTF-8 file
(no BOM) per document, written exactly as the code-point string in
``corpus.documents``. Each codings row becomes a ``PlainTextSelection`` over
``[unit_start, unit_end)`` with one ``Coding``; its ``Description`` records the
rule, method and confidence. Respondent variables become REFI ``Variables`` and
each respondent (or interview) a ``Case`` with its values and documents, so
breakdowns survive the trip. All GUIDs are uuid5 of stable ids: the same input
gives the same archive, byte for byte.

>>> import pandas as pd
>>> from qualkit.types import Corpus, Segment
>>> from qualkit.codebook.model import Code, Codebook, Rule
>>> text = "Eén ding: we hebben meer personeel nodig."
>>> corpus = Corpus([Segment(text, "R1/Q23", 0, len(text), "R1", "Q23", "s.csv")], {"R1/Q23": text},
...                 pd.DataFrame({"leeftijd": [34]}, index=pd.Index(["R1"], name="unit_id")), ["Q23"], "survey")
>>> cb = Codebook("demo", "1.0", [Code("personeel", "Meer personeel", include=[Rule("phrase", "meer personeel")])])
>>> codings = pd.DataFrame([{"unit_id": "R1", "doc_id": "R1/Q23", "unit_start": 20, "unit_end": 34,
...                          "code": "personeel", "method": "rule", "coder": "qualkit"}])
>>> data = qdpx_bytes(corpus, codings, cb, name="demo")
>>> data[:2]
b'PK'
"""
from __future__ import annotations

import io
import math
import zipfile
from pathlib import Path
from typing import Any

import pandas as pd
from lxml import etree

from qualkit.codebook.model import Codebook
from qualkit.errors import RefiError
from qualkit.refi.annotations import write_annotations, write_notes
from qualkit.refi.blocks import GuidPool, bad_xml_char, file_safe, unique, with_block, xml_clean
from qualkit.refi.meta import RefiMeta
from qualkit.refi.offsets import CONVENTIONS, from_codepoints
from qualkit.refi.variables import variables_of, write_values
from qualkit.refi.qdc import (ORIGIN, PROJECT_NS, append_codes, check_codebook, code_blocks, guid_map, settings,
                              sub)
from qualkit.types import CODING_COLUMNS, Corpus

NS = PROJECT_NS
_REQUIRED = ("doc_id", "unit_start", "unit_end", "code")
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
EXPORTED = "Exported by qualkit."
EXTRA_COLUMNS = ("guid", "coding_guid", "note")
"""Columns of imported codings besides the standard ones: the selection's and the coding's REFI GUIDs, the memo."""
"""Optional codings columns: the selection's REFI GUID and its memo (both kept by :func:`import_qdpx`)."""


def export_qdpx(corpus: Corpus, codings: pd.DataFrame, codebook: Codebook, path: str | Path, *,
                user: str | None = None, name: str | None = None, meta: RefiMeta | None = None,
                offsets: str = "codepoints") -> None:
    """Write ``corpus`` with its ``codings`` and ``codebook`` as a ``.qdpx`` project, atomically.

    ``user`` names the REFI user for codings without a ``coder`` (default ``qualkit``); ``name``
    is the project name (default: ``meta.name``, else the file name without extension).
    ``meta`` (from :func:`import_qdpx`) brings back the GUIDs, users, notes and source groups
    of an imported project. ``offsets="utf16"`` writes positions as NVivo counts them (see
    :mod:`qualkit.refi.offsets`); the default, code points, is what QualCoder and the REFI
    reading use. A ``guid`` and a ``note`` column in ``codings`` are kept as the selection's
    GUID and memo.
    """
    from qualkit.io import write_bytes

    path = Path(path)
    name = name or (meta.name if meta is not None and meta.name else path.stem)
    write_bytes(path, qdpx_bytes(corpus, codings, codebook, user=user, name=name, meta=meta, offsets=offsets,
                                 where=str(path)), inputs=[*corpus.sources, codebook.path])  # never over an input


def qdpx_bytes(corpus: Corpus, codings: pd.DataFrame, codebook: Codebook, *, user: str | None = None,
               name: str = "qualkit", meta: RefiMeta | None = None, offsets: str = "codepoints",
               where: str = "<qdpx>") -> bytes:
    """The ``.qdpx`` archive as bytes (see :func:`export_qdpx`)."""
    xml, files = project_xml(corpus, codings, codebook, user=user, name=name, meta=meta, offsets=offsets,
                             where=where)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for member, data in [("project.qde", xml), *files]:
            info = zipfile.ZipInfo(member, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, data)
    return buf.getvalue()


def project_xml(corpus: Corpus, codings: pd.DataFrame, codebook: Codebook, *, user: str | None = None,
                name: str = "qualkit", meta: RefiMeta | None = None, offsets: str = "codepoints",
                where: str = "<qdpx>") -> tuple[bytes, list[tuple[str, bytes]]]:
    """``project.qde`` bytes and the ``(member, bytes)`` of every source text file."""
    if offsets not in CONVENTIONS:
        raise RefiError(521, convention=repr(offsets), known=", ".join(CONVENTIONS))
    meta = meta or RefiMeta()
    check_codebook(codebook, where)
    _ok(name, where, "the project name")
    docs = corpus.documents
    default_user = user or "qualkit"
    rows = _rows(codings, docs, codebook, where, default_user)
    unit_of = _doc_units(corpus)
    coders = list(dict.fromkeys([*meta.users, *(r["coder"] for r in rows)]))
    if not coders and user:
        coders = [user]
    for c in coders:
        _ok(c, where, "a coder name")
    ids = GuidPool(guid_map(codebook).values())  # code GUIDs are unique (check_codebook): they go first
    note_guids = [ids.take(j.get("guid"), "note", meta.name, str(i)) for i, j in enumerate(meta.journals)]
    users = {c: ids.take(meta.users.get(c), "user", c) for c in coders}
    fresh = not meta.sources  # not a project imported from a QDA program
    creator = meta.creator if meta.creator in users else (
        (user if user in users else next(iter(users), None)) if fresh else None)
    root = etree.Element(f"{{{NS}}}Project", nsmap={None: NS}, name=name, origin=ORIGIN)
    if creator:
        root.set("creatingUserGUID", users[creator])
    if users:
        users_el = sub(root, NS, "Users")
        for c, g in users.items():
            sub(users_el, NS, "User", guid=g, name=c)
    if codebook.codes:
        code_notes: dict[str, list[str]] = {}  # memos linked to a code go back to it
        for j, g in zip(meta.journals, note_guids):
            if j.get("code"):
                code_notes.setdefault(j["code"], []).append(g)
        append_codes(sub(root, NS, "CodeBook"), codebook, NS, {r["code"] for r in rows}, blocks=False,
                     notes=code_notes)
    variables = variables_of(corpus.respondents, name, where, meta, ids)
    if variables:
        vs = sub(root, NS, "Variables")
        for var in variables:
            sub(vs, NS, "Variable", guid=var["guid"], name=var["name"], typeOfVariable=var["type"])
    units = list(dict.fromkeys([str(u) for u in corpus.respondents.index] + [unit_of[d] for d in docs]))
    on_sources = [v for v in variables if v["name"] in meta.source_variables]  # as the file had them
    on_cases = [v for v in variables if v not in on_sources]
    if not fresh:  # an imported project: no new cases for sources that had none
        units = [u for u in units if u in meta.cases or any(u in v["values"] for v in on_cases)]
    case_guid = {u: ids.take(meta.cases.get(u), "case", name, u) for u in units}
    source_guid = {d: ids.take(meta.sources.get(d), "source", name, d) for d in docs}
    docs_of: dict[str, list[str]] = {}
    for d in docs:
        docs_of.setdefault(unit_of[d], []).append(d)
    if units:
        cases = sub(root, NS, "Cases")
        for u in units:
            _ok(u, where, "a unit id")
            case = sub(cases, NS, "Case", guid=case_guid[u], name=u)
            if meta.case_notes.get(u):
                sub(case, NS, "Description", xml_clean(with_block(meta.case_notes[u], None)))
            write_values(case, on_cases, u)
            for d in docs_of.get(u, []):
                sub(case, NS, "SourceRef", targetGUID=source_guid[d])
    ctx = {"name": name, "where": where, "users": users, "creator": users.get(creator) if creator else None,
           "sources": source_guid, "offsets": offsets, "meta": meta, "ids": ids, "variables": on_sources,
           "cases": set(units), "kind": corpus.kind, "origin": corpus.sources[0] if len(corpus.sources) == 1 else None}
    ctx["anchored"] = []
    files = _sources(root, corpus, rows, codebook, unit_of, ctx) if docs else []
    _notes(root, meta, note_guids, ctx["anchored"])
    _groups(root, meta, source_guid, name, ids)
    block: dict[str, Any] = {"kind": corpus.kind, "questions": list(corpus.questions), "labels": dict(corpus.labels),
                             "sources": list(corpus.sources)}
    if offsets != "codepoints":
        block["offsets"] = offsets
    if codebook.codes:
        guids = guid_map(codebook)
        block["codebook"] = settings(codebook)
        block["codes"] = [{"guid": guids[cid], "name": codebook_label, **b} for (cid, b), codebook_label
                          in zip(code_blocks(codebook).items(), (c.label for c in codebook.codes))]
    sub(root, NS, "Description", xml_clean(with_block(meta.project_note or EXPORTED, block)))
    return etree.tostring(root, encoding="utf-8", xml_declaration=True, pretty_print=True), files


def _notes(root: etree._Element, meta: RefiMeta, note_guids: list[str], anchored: list[dict[str, Any]]) -> None:
    """Journals, memos on codes and annotations kept in notes (QualCoder) as REFI ``Note`` s."""
    if not meta.journals and not anchored:
        return
    notes = sub(root, NS, "Notes")
    for i, (j, g) in enumerate(zip(meta.journals, note_guids)):
        note = sub(notes, NS, "Note", guid=g, name=xml_clean(j.get("name") or f"note {i + 1}"))
        sub(note, NS, "PlainTextContent", xml_clean(j.get("text") or ""))
    write_notes(notes, anchored)


def _groups(root: etree._Element, meta: RefiMeta, source_guid: dict[str, str], name: str, ids: GuidPool) -> None:
    """Source groups (MAXQDA document sets) as REFI ``Set`` s of ``MemberSource`` s."""
    groups = {g: [source_guid[d] for d in docs if d in source_guid] for g, docs in meta.groups.items()}
    if not groups:
        return
    sets = sub(root, NS, "Sets")
    for g, members in groups.items():
        s = sub(sets, NS, "Set", guid=ids.take(meta.group_guids.get(g), "group", name, g), name=xml_clean(g))
        for m in members:
            sub(s, NS, "MemberSource", targetGUID=m)


def _sources(root: etree._Element, corpus: Corpus, rows: list[dict[str, Any]], cb: Codebook,
             unit_of: dict[str, str], ctx: dict[str, Any]) -> list[tuple[str, bytes]]:
    name, where, meta = ctx["name"], ctx["where"], ctx["meta"]
    by_doc: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        by_doc.setdefault(r["doc_id"], []).append(r)
    segs: dict[str, list[tuple[int, Any]]] = {}
    for i, s in enumerate(corpus.segments):
        if s.doc_id not in corpus.documents:
            raise RefiError(512, where=where, segment=i, unit=s.unit_id, document=s.doc_id)
        segs.setdefault(s.doc_id, []).append((i, s))
    sources = sub(root, NS, "Sources")
    codes = guid_map(cb)
    files: list[tuple[str, bytes]] = []
    taken_names: set[str] = set()
    tried: dict[str, int] = {}
    for doc_id, text in corpus.documents.items():
        _ok(doc_id, where, "a document id")
        g = ctx["sources"][doc_id]
        try:
            data = ("\ufeff" + text if text.startswith("\ufeff") else text).encode("utf-8")
        except UnicodeEncodeError as e:
            raise RefiError(531, where=where, document=doc_id, position=e.start) from None
        files.append((f"sources/{g}.txt", data))
        label = unique(file_safe(doc_id), taken_names, tried=tried)
        src = sub(sources, NS, "TextSource", guid=g, name=label, plainTextPath=f"internal://{g}.txt",
                  creatingUser=ctx["creator"])
        seg_list = segs.get(doc_id, [])
        block = _source_block(doc_id, label, text, seg_list, unit_of[doc_id], ctx)
        note = xml_clean(with_block(meta.source_notes.get(doc_id, ""), block))
        if note:
            sub(src, NS, "Description", note)
        doc_rows = by_doc.get(doc_id, [])
        ends = from_codepoints(text, ctx["offsets"], [p for r in doc_rows for p in (r["unit_start"], r["unit_end"])])
        seen: dict[tuple[Any, ...], int] = {}
        sels: dict[tuple[Any, ...], etree._Element] = {}  # one selection per GUID and span: a quotation with several codes
        for k, r in enumerate(doc_rows):
            span = (r.get("guid"), ends[2 * k], ends[2 * k + 1])
            ug = ctx["users"][r["coder"]]
            sel = sels.get(span) if r.get("guid") else None
            if sel is None:
                key = (doc_id, r["unit_start"], r["unit_end"], r["code"], r["coder"])
                seen[key] = seen.get(key, 0) + 1
                sg = ctx["ids"].take(r.get("guid"), "selection", name, *map(str, key), str(seen[key]))
                sel = sels[span] = sub(src, NS, "PlainTextSelection", guid=sg, startPosition=str(span[1]),
                                       endPosition=str(span[2]), creatingUser=ug)
                note = xml_clean(with_block(r.get("note") or _human(r), _selection_block(r, text, unit_of, seg_list)))
                if note:
                    sub(sel, NS, "Description", note)
            coding = sub(sel, NS, "Coding", guid=ctx["ids"].take(r.get("coding_guid"), "coding", sel.get("guid")),
                         creatingUser=ug)
            sub(coding, NS, "CodeRef", targetGUID=codes[r["code"]])
        anchored = write_annotations(src, [a for a in meta.annotations if a["doc_id"] == doc_id], text,
                                     ctx["offsets"], ctx["ids"], ctx["creator"])
        for a in anchored:
            sub(src, NS, "NoteRef", targetGUID=a["note"])
        ctx["anchored"] += anchored
        write_values(src, ctx["variables"], unit_of[doc_id])
    return files


def _human(r: dict[str, Any]) -> str:
    if r.get("method") in ("rule", "model") and r.get("rule"):
        return f"qualkit {r['method']}: {r['rule']}"
    return ""


def _source_block(doc_id: str, label: str, text: str, seg_list: list[tuple[int, Any]], unit: str,
                  ctx: dict[str, Any]) -> dict[str, Any] | None:
    """What a source's ``[qualkit]`` block must say: its segments, id and unit. None when an import
    would find the same without it (a source from another program: one segment, the whole text), so
    a project that only passed through qualkit gets no block in its source memos."""
    common = seg_list[0][1].source if seg_list else ""
    entries = []
    for i, s in seg_list:
        extra = {k: v for k, v in (("source", s.source if s.source != common else None),
                                   ("text", s.text if s.text != text[s.start:s.end] else None),
                                   ("time", [s.time_start, s.time_end] if s.time_start or s.time_end else None))
                 if v is not None}
        entries.append([i, int(s.start), int(s.end), _py(s.question), _py(s.speaker), bool(s.coded)]
                       + ([extra] if extra else []))
    survey = ctx["kind"] == "survey" and "/" in doc_id
    if len(entries) == 1 and label == doc_id and common == ctx["origin"]:
        seg = seg_list[0][1]
        whole = entries[0][1:] == [0, len(text), doc_id.split("/", 1)[1] if survey else "interview", "", True]
        derived_unit = doc_id.split("/", 1)[0] if survey else doc_id
        if whole and seg.text == text and (unit in ctx["cases"] or unit == derived_unit):
            return None
    return {"doc_id": doc_id, "unit_id": unit, "source": common, "segments": entries}


def _selection_block(r: dict[str, Any], text: str, unit_of: dict[str, str],
                     seg_list: list[tuple[int, Any]]) -> dict[str, Any] | None:
    """What a selection's ``[qualkit]`` block must say (None: nothing an import would not find itself,
    as for a human coding of a one-segment source)."""
    out = {k: r[k] for k in ("method", "rule", "confidence", "question", "speaker", "segment",
                             "match_start", "match_end") if r.get(k) not in (None, "")}
    if out.get("method") == "human":
        del out["method"]
    if (out.get("match_start"), out.get("match_end")) == (r["unit_start"], r["unit_end"]):
        out.pop("match_start"), out.pop("match_end")
    if len(seg_list) == 1:  # the one segment an import would find
        i, seg = seg_list[0]
        for k, v in (("segment", i), ("question", seg.question), ("speaker", seg.speaker)):
            if out.get(k) == v:
                del out[k]
    if isinstance(r.get("match_spans"), str) and r["match_spans"]:
        out["match_spans"] = r["match_spans"]
    if r.get("unit_id") is not None and r["unit_id"] != unit_of[r["doc_id"]]:
        out["unit_id"] = r["unit_id"]
    ms, me = r.get("match_start"), r.get("match_end")
    if r.get("matched") is not None and (ms is None or me is None or r["matched"] != text[ms:me]):
        out["matched"] = r["matched"]
    return out or None


def _py(v: Any) -> Any:
    """A plain Python value for YAML (None for missing)."""
    if v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA or v is pd.NaT:
        return None
    if hasattr(v, "item") and not isinstance(v, (str, bytes)):
        v = v.item()
    if isinstance(v, float) and math.isnan(v):
        return None
    return v


def _rows(codings: pd.DataFrame, docs: dict[str, str], cb: Codebook, where: str,
          user: str) -> list[dict[str, Any]]:
    missing = [c for c in _REQUIRED if c not in codings.columns]
    if missing:
        raise RefiError(514, where=where, missing=', '.join(missing), columns=', '.join(CODING_COLUMNS))
    known = set(cb.ids)
    cols = [c for c in [*CODING_COLUMNS, *EXTRA_COLUMNS] if c in codings.columns]
    out: list[dict[str, Any]] = []
    for label, values in zip(codings.index, codings[cols].itertuples(index=False, name=None)):
        r = {c: _py(v) for c, v in zip(cols, values)}
        here = f"{where}, codings row {label!r}"
        if r["code"] not in known:
            raise RefiError(511, here=here, code=r['code'], codebook=cb.name)
        doc = docs.get(r["doc_id"]) if isinstance(r["doc_id"], str) else None
        if doc is None:
            raise RefiError(529, here=here, document=r['doc_id'])
        s, e = (int(v) if isinstance(v, float) and v.is_integer() else v for v in (r["unit_start"], r["unit_end"]))
        r["unit_start"], r["unit_end"] = s, e
        for k in ("segment", "match_start", "match_end"):
            if isinstance(r.get(k), float) and r[k].is_integer():
                r[k] = int(r[k])
        if not (isinstance(s, int) and isinstance(e, int) and 0 <= s <= e <= len(doc)):
            raise RefiError(513, here=here, start=s, end=e, document=r['doc_id'], length=len(doc))
        r["coder"] = str(r["coder"]) if r.get("coder") not in (None, "") else user
        out.append(r)
    return out


def _ok(value: str, where: str, what: str) -> None:
    bad = bad_xml_char(str(value))
    if bad:
        raise RefiError(532, where=where, what=what, bad=bad)


def _doc_units(corpus: Corpus) -> dict[str, str]:
    unit_of: dict[str, str] = {}
    for s in corpus.segments:
        unit_of.setdefault(s.doc_id, str(s.unit_id))
    for d in corpus.documents:
        if d not in unit_of:
            unit_of[d] = d.split("/", 1)[0] if corpus.kind == "survey" and "/" in d else d
    return unit_of
