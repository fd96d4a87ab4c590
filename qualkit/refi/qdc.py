"""REFI-QDA codebooks (``.qdc``): export and import, with qualkit's rules kept.

The code tree, labels (``name``), descriptions and colours map onto REFI
directly. What REFI has no field for travels in a ``[qualkit]`` YAML block at
the end of each code's ``Description``: the code id, include/exclude rules,
questions, negation and examples. Codebook name, version, language, unit and
negation settings go into the description of a ``Set`` named after the codebook
that holds every code (the only REFI element that can describe a whole
codebook). GUIDs are uuid5 of the codebook name and code id, so exporting the
same codebook twice gives the same file.

Codes from other programs have no rules. They are imported with ``manual: true``
and one problem line lists them: :func:`read_qdc` returns the problems,
:func:`import_qdc` only the codebook.

>>> from qualkit.codebook.model import Code, Codebook, Rule
>>> cb = Codebook(name="demo", version="1.0", codes=[
...     Code(id="personeel", label="Meer personeel", include=[Rule("lemma", "personeel")])])
>>> b"urn:QDA-XML:codebook:1.0" in qdc_bytes(cb)
True
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from qualkit.codebook.io import from_dict, to_dict
from qualkit.codebook.model import Code, Codebook
from qualkit.errors import CodebookError, RefiError
from qualkit.refi.blocks import bad_xml_char, good_guid, guid, norm_guid, slug, split_block, unique, with_block
from qualkit.refi.safexml import first, kids, local, parse_xml, read_file, text_of

CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
PROJECT_NS = "urn:QDA-XML:project:1.0"
ORIGIN = "qualkit"
_ID = re.compile(r"^[\w][\w.\-]*$", re.UNICODE)
_RGB = re.compile(r"^#([0-9A-Fa-f]{6}|[0-9A-Fa-f]{3})$")
_OWN_KEYS = ("label", "description", "parent", "colour")
_PLACEHOLDER = [{"lemma": "placeholder"}]


@dataclass
class RefiCodebook:
    """A codebook read from REFI XML, with what could not be carried over.

    ``guids`` maps each REFI code GUID (upper case, no braces) to its qualkit id.
    """

    codebook: Codebook
    problems: list[str] = field(default_factory=list)
    guids: dict[str, str] = field(default_factory=dict)


def code_guid(cb: Codebook, code_id: str) -> str:
    """The GUID of a code: the one it came with from a QDA program, else uuid5 of the codebook
    name and the code id (stable, so exporting twice gives the same file)."""
    return guid_map(cb)[code_id]


def guid_map(cb: Codebook) -> dict[str, str]:
    """code id -> GUID for every code (see :func:`code_guid`)."""
    return {c.id: c.guid or guid("code", cb.name, c.id) for c in cb.codes}


def codable_ids(cb: Codebook, coded: set[str] | frozenset[str] = frozenset()) -> set[str]:
    """Codes a QDA program should let people code: all but pure grouping codes (children, no
    rules, not ``manual``, nothing coded with them)."""
    parents = {c.parent for c in cb.codes}
    return {c.id for c in cb.codes if c.include or c.manual or c.id not in parents or c.id in coded}


def code_blocks(cb: Codebook) -> dict[str, dict[str, Any]]:
    """code id -> what REFI has no field for (rules, questions, examples, ...), for ``[qualkit]`` blocks."""
    return {c["id"]: {k: v for k, v in c.items() if k not in _OWN_KEYS} for c in to_dict(cb)["codes"]}


def settings(cb: Codebook) -> dict[str, Any]:
    """The codebook's own settings: name, version, language, unit, negation, description."""
    return {k: v for k, v in to_dict(cb).items() if k != "codes"}


def sub(parent: etree._Element, ns: str, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    el = etree.SubElement(parent, f"{{{ns}}}{tag}", {k: v for k, v in attrs.items() if v is not None})
    if text is not None:
        el.text = text
    return el


def check_codebook(cb: Codebook, where: str) -> None:
    """Raise QK515/QK516 if the codebook cannot be written as a REFI code tree."""
    ids = Counter(c.id for c in cb.codes)
    problems = [f"code '{i}': id used {n} times" for i, n in sorted(ids.items()) if n > 1]
    guids = Counter(c.guid for c in cb.codes if c.guid)
    problems += [f"GUID {g} is given to {n} codes" for g, n in sorted(guids.items()) if n > 1]
    known = set(ids)
    for c in cb.codes:
        if c.parent is not None and c.parent not in known:
            problems.append(f"code '{c.id}': parent '{c.parent}' is not a code in this codebook")
        if c.colour and not _RGB.match(c.colour):
            problems.append(f"code '{c.id}': colour {c.colour!r} is not a '#rrggbb' hex colour")
    if not problems:
        reached = {c.id for c in _tree_order(cb)}
        problems += [f"code '{c.id}': its parents form a cycle" for c in cb.codes if c.id not in reached]
    if problems:
        raise RefiError(536, where=where, problems="; ".join(problems))
    for c in cb.codes:
        for what, value in (("label", c.label), ("description", c.description)):
            bad = bad_xml_char(value)
            if bad:
                raise RefiError(515, where=where, code=c.id, what=what, bad=bad)
    for what, value in (("name", cb.name), ("version", cb.version), ("description", cb.description)):
        bad = bad_xml_char(value)
        if bad:
            raise RefiError(530, where=where, what=what, bad=bad)


def _tree_order(cb: Codebook) -> list[Code]:
    kids_of: dict[str | None, list[Code]] = {}
    for c in cb.codes:
        kids_of.setdefault(c.parent, []).append(c)
    out: list[Code] = []
    stack = list(reversed(kids_of.get(None, [])))
    while stack:
        c = stack.pop()
        out.append(c)
        stack.extend(reversed(kids_of.get(c.id, [])))
    return out


def append_codes(parent: etree._Element, cb: Codebook, ns: str, coded: set[str] | None = None,
                 blocks: bool = True, notes: dict[str, list[str]] | None = None) -> None:
    """Write ``<Codes>`` with the code tree under ``parent``: leaf codes and codes with rules,
    ``manual`` or ``coded`` ones codable, pure grouping codes not. With ``blocks`` each code's
    rules ride in a ``[qualkit]`` block in its description (a ``.qdc`` has no other place);
    a project keeps them in its own description instead, out of sight of code memos. ``notes``
    maps a code GUID to the GUIDs of the project notes linked to it (``NoteRef``)."""
    codable = codable_ids(cb, coded or set())
    data = code_blocks(cb) if blocks else {}
    guids = guid_map(cb)
    codes = sub(parent, ns, "Codes")
    made: dict[str, etree._Element] = {}
    for c in _tree_order(cb):
        host = codes if c.parent is None else made[c.parent]
        el = sub(host, ns, "Code", guid=guids[c.id], name=c.label,
                 isCodable="true" if c.id in codable else "false", color=c.colour or None)
        block = data.get(c.id)
        if block is not None and not made and ns == CODEBOOK_NS:
            block = {**block, "codebook": settings(cb)}  # the one home a .qdc keeps through QualCoder
        text = with_block(c.description, block)
        if text:
            sub(el, ns, "Description", text)
        for n in (notes or {}).get(guids[c.id], []):
            sub(el, ns, "NoteRef", targetGUID=n)
        made[c.id] = el


def codebook_set(parent: etree._Element, cb: Codebook, ns: str) -> None:
    """A ``Set`` named after the codebook, holding every code and the codebook settings."""
    meta = {k: v for k, v in settings(cb).items() if k != "description"}
    s = sub(parent, ns, "Set", guid=guid("codebook", cb.name), name=cb.name)
    sub(s, ns, "Description", with_block(cb.description, meta))
    guids = guid_map(cb)
    for c in _tree_order(cb):
        if ns == CODEBOOK_NS:
            sub(s, ns, "MemberCode", guid=guids[c.id])
        else:
            sub(s, ns, "MemberCode", targetGUID=guids[c.id])


def qdc_bytes(codebook: Codebook, where: str = "<codebook>") -> bytes:
    """The ``.qdc`` XML of ``codebook`` (deterministic: same codebook, same bytes)."""
    check_codebook(codebook, where)
    if not codebook.codes:
        raise RefiError(516, where=where)
    root = etree.Element(f"{{{CODEBOOK_NS}}}CodeBook", nsmap={None: CODEBOOK_NS}, origin=ORIGIN)
    append_codes(root, codebook, CODEBOOK_NS)
    codebook_set(sub(root, CODEBOOK_NS, "Sets"), codebook, CODEBOOK_NS)
    return etree.tostring(root, encoding="utf-8", xml_declaration=True, pretty_print=True)


def export_qdc(codebook: Codebook, path: str | Path) -> None:
    """Write ``codebook`` as a REFI-QDA codebook file (``.qdc``), atomically.

    >>> import tempfile, pathlib
    >>> from qualkit.codebook.model import Code, Codebook, Rule
    >>> cb = Codebook(name="demo", version="1.0", codes=[Code(id="p", label="P", include=[Rule("lemma", "p")])])
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "demo.qdc"
    >>> export_qdc(cb, out)
    >>> import_qdc(out).code("p").include[0].pattern
    'p'
    """
    from qualkit.io import write_bytes

    write_bytes(path, qdc_bytes(codebook, str(path)), inputs=[codebook.path])  # never over the YAML it came from


def read_qdc(path: str | Path) -> RefiCodebook:
    """Read a ``.qdc`` file: the codebook, what could not be carried over, and the GUID map."""
    path = Path(path)
    data = read_file(path)
    if data.startswith(b"PK\x03\x04"):
        raise RefiError(524, path=str(path))
    root = parse_xml(data, str(path))
    if local(root) != "CodeBook":
        hint = " It is a project: use import_qdpx on the .qdpx file." if local(root) == "Project" else ""
        raise RefiError(508, path=path, local=local(root), hint=hint)
    return codebook_from_xml(first(root, "Codes"), kids(first(root, "Sets"), "Set"), str(path),
                             default_name=path.stem, origin=root.get("origin") or "")


def import_qdc(path: str | Path) -> Codebook:
    """The codebook in a ``.qdc`` file. Use :func:`read_qdc` to also get the problems."""
    return read_qdc(path).codebook


def codebook_from_xml(codes_el: etree._Element | None, sets: list[etree._Element], where: str,
                      default_name: str, origin: str = "", stored: dict[str, Any] | None = None) -> RefiCodebook:
    """Build a codebook from REFI ``<Codes>`` (and ``<Set>`` s), validating qualkit's rules.

    qualkit's rules and settings are looked up in each code's own ``[qualkit]`` block (``.qdc``,
    older projects), else in ``stored`` (a project's own block: ``codebook`` settings and
    ``codes`` by GUID, or by name when another program gave the codes new GUIDs)."""
    problems: list[str] = []
    stored = stored or {}
    meta: dict[str, Any] | None = None
    meta_text = ""
    others = 0
    for s in sets:
        human, data, _ = split_block(text_of(s, "Description"))
        if meta is None and data and "name" in data and "version" in data:
            meta, meta_text = data, human
        elif kids(s, "MemberCode") or not kids(s, "MemberSource"):
            others += 1
    if others:
        problems.append(f"{where}: {others} code set(s) not imported; qualkit codebooks have no code sets.")
    codes, guids, found = _codes(codes_el, where, problems, _stored_codes(stored))
    if meta is None and isinstance(stored.get("codebook"), dict):
        meta = dict(stored["codebook"])
        meta_text = str(meta.pop("description", "") or "")
    if meta is None and found.get("codebook"):
        meta = dict(found["codebook"])
        meta_text = str(meta.pop("description", "") or "")
    if meta is None and found.get("qualkit"):
        problems.append(f"{where}: the codes carry qualkit rules but the codebook settings (name, version, language, "
                        "unit, negation) are missing: the program this file passed through dropped them. Defaults "
                        f"used (name '{default_name}', version 1.0, language nl, unit sentence); check them in the "
                        "codebook YAML.")
    data = dict(meta or {"name": default_name, "version": "1.0"})
    if meta_text:
        data["description"] = meta_text
    parents = {c.get("parent") for c in codes}
    unruled = [c["id"] for c in codes if not c.get("include") and not c.get("_qualkit")
               and (c["id"] not in parents or c["_codable"])]
    manual = set(unruled)
    for c in codes:
        del c["_codable"], c["_qualkit"]
        if c["id"] in manual:
            c["manual"] = True
    data["codes"] = codes or [{"id": "placeholder", "label": "placeholder", "include": _PLACEHOLDER}]
    try:
        cb = from_dict(data, where)
    except CodebookError as e:
        raise RefiError(510, where=where, count=len(e.problems), problems="\n  - ".join(e.problems)) from None
    for c in cb.codes:
        if c.guid == guid("code", cb.name, c.id):
            c.guid = None  # qualkit's own: derived again on export, so the YAML stays as it was
    if not codes:
        cb.codes = []
        problems.append(f"{where}: no codes to import.")
    if unruled:
        shown = ", ".join(unruled[:20]) + (f", ... ({len(unruled)} in all)" if len(unruled) > 20 else "")
        problems.append(f"{where}: {len(unruled)} code(s) have no include rules (coded by hand in "
                        f"{origin or 'another program'}): {shown}. They are imported with 'manual: true': "
                        "they keep imported codings, but qualkit cannot auto-code them until you add rules.")
    return RefiCodebook(cb, problems, guids)


def _stored_codes(stored: dict[str, Any]) -> tuple[dict[str, dict[str, Any]], dict[str, dict[str, Any]]]:
    """A project block's code blocks by GUID and by name (names used once only)."""
    by_guid: dict[str, dict[str, Any]] = {}
    names: dict[str, list[dict[str, Any]]] = {}
    raw = stored.get("codes")
    for b in raw if isinstance(raw, list) else []:
        if isinstance(b, dict):
            b = dict(b)
            g, name = b.pop("guid", None), b.pop("name", None)
            if isinstance(g, str):
                by_guid[norm_guid(g)] = b
            if isinstance(name, str):
                names.setdefault(name, []).append(b)
    return by_guid, {n: bs[0] for n, bs in names.items() if len(bs) == 1}


def _codes(codes_el: etree._Element | None, where: str, problems: list[str],
           stored: tuple[dict[str, dict[str, Any]], dict[str, dict[str, Any]]],
           ) -> tuple[list[dict[str, Any]], dict[str, str], dict[str, Any]]:
    out: list[dict[str, Any]] = []
    guids: dict[str, str] = {}
    found: dict[str, Any] = {}
    taken: set[str] = set()
    tried: dict[str, int] = {}
    by_guid, by_name = stored
    stack: list[tuple[etree._Element, str | None]] = [(el, None) for el in reversed(kids(codes_el, "Code"))]
    while stack:
        el, parent = stack.pop()
        g = norm_guid(el.get("guid"))
        name = el.get("name") or ""
        if not g:
            raise RefiError(517, where=where, line=el.sourceline)
        if g in guids:
            raise RefiError(534, where=where, line=el.sourceline, guid=g)
        human, block, prob = split_block(text_of(el, "Description"))
        if prob:
            problems.append(f"{where}, code '{name}': {prob}; kept as description text.")
        if not block:  # none, or the empty one that guards a memo quoting a [qualkit] line
            block = by_guid.get(g) or by_name.get(name)
        block = dict(block or {})
        ours = bool(block)  # qualkit wrote this code: its block says what it is
        if ours:
            found["qualkit"] = True
        if isinstance(block.get("codebook"), dict) and "codebook" not in found:
            found["codebook"] = block["codebook"]
        block.pop("codebook", None)
        cid = block.pop("id", None)
        cid = cid if isinstance(cid, str) or (isinstance(cid, int) and not isinstance(cid, bool)
                                               and abs(cid) < 10 ** 100) else None
        cid = str(cid) if cid is not None else None
        if cid is None or not _ID.match(cid):
            cid = slug(name)
        if cid in taken:
            problems.append(f"{where}, code '{name}': id '{cid}' is already used; imported as "
                            f"'{unique(cid, set(taken), tried=dict(tried))}'.")
        cid = unique(cid, taken, tried=tried)
        d: dict[str, Any] = {"id": cid, "label": name or cid}
        if good_guid(g):
            d["guid"] = good_guid(g)
        if human:
            d["description"] = human
        if parent is not None:
            d["parent"] = parent
        colour = _colour(el.get("color"))
        if colour:
            d["colour"] = colour
        elif el.get("color"):
            problems.append(f"{where}, code '{cid}': colour {el.get('color')!r} is not '#rrggbb'; left out.")
        d.update({k: v for k, v in block.items() if k not in _OWN_KEYS and k != "guid"})
        d["_codable"] = el.get("isCodable", "true").strip().lower() not in ("false", "0")
        d["_qualkit"] = ours
        out.append(d)
        guids[g] = cid
        stack.extend((k, cid) for k in reversed(kids(el, "Code")))
    return out, guids, found


def _colour(value: str | None) -> str | None:
    value = (value or "").strip()
    if not _RGB.match(value):
        return None
    return value if len(value) == 7 else "#" + "".join(ch * 2 for ch in value[1:])
