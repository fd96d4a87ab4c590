"""Codebook YAML: load with full validation, dump back.

Validation reports every problem in one :class:`~qualkit.errors.CodebookError`
(``[QK203]``), each with the file, the code and the rule position::

    codebooks/werkdruk.yaml, code 'personeel', include[2]: unknown match type 'globb'. Use one of: lemma, phrase, glob, regex.

>>> cb = loads('''
... name: demo
... version: "1.0"
... codes:
...   - id: personeel
...     label: Meer personeel
...     include:
...       - lemma: [personeel, collega]
...         compound: true
... ''')
>>> [r.pattern for r in cb.code("personeel").include]
['personeel', 'collega']
"""
from __future__ import annotations

import difflib
import fnmatch
import re
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

from qualkit.codebook.model import LANGUAGES, PARTICLES, RULE_KINDS, UNITS, Code, Codebook, Rule
from qualkit.codebook.safe_regex import check as check_regex
from qualkit.errors import CodebookError

TOP_KEYS = ("name", "version", "language", "description", "unit", "negation", "stop_words", "codes")
NEGATION_KEYS = ("window", "after", "cues")
CODE_KEYS = ("id", "label", "description", "parent", "colour", "questions",
             "include", "exclude", "negation", "examples", "manual", "guid")
RULE_OPTIONS = ("compound", "negation", "exceptions")
EXAMPLE_KEYS = ("match", "no_match")
MAX_BYTES = 5_000_000
MAX_DEPTH = 20
MAX_VALUES = 1_000_000
"""Most values a codebook may expand to: YAML aliases (``*a``) repeat anchored parts, and nested
aliases ("billion laughs") would otherwise expand a few hundred bytes to billions of values."""
MAX_PATTERN = 1000
_INT_BITS = 14_000
"""Longer integers have more than 4,214 decimal digits: Python will not write them as text."""
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
_ID = re.compile(r"^[\w][\w.\-]*$", re.UNICODE)
_GUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")


def load(path: str | Path) -> Codebook:
    """Read and validate a codebook YAML file."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise CodebookError(201, path=path) from None
    except OSError as e:
        raise CodebookError(204, path=path, strerror=e.strerror) from None
    if len(raw) > MAX_BYTES:
        raise CodebookError(205, path=path, size=len(raw), limit=MAX_BYTES)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise CodebookError(202, path=path, byte=e.start) from None
    cb = loads(text, where=str(path))
    cb.path = str(path)
    return cb


def loads(text: str, where: str = "<codebook>") -> Codebook:
    """Parse and validate codebook YAML text. ``where`` names it in messages."""
    try:
        data = _load_yaml(text)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark
        pos = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "unknown position"
        raise CodebookError(206, where=where, place=pos, problem=e.problem) from None
    except yaml.YAMLError:
        raise CodebookError(207, where=where) from None
    except RecursionError:
        raise CodebookError(208, where=where) from None
    except ValueError:  # a number of over 4,300 digits (decimal), an impossible date
        raise CodebookError(180, where=where) from None
    if data is None:
        raise CodebookError(212, path=where)
    depth, values, huge = _measure(data)
    if huge:  # a hexadecimal or octal number reads, but has no decimal text
        raise CodebookError(180, where=where)
    if depth > MAX_DEPTH:
        raise CodebookError(209, where=where, limit=MAX_DEPTH)
    if values > MAX_VALUES:
        raise CodebookError(211, where=where, limit=MAX_VALUES)
    return from_dict(data, where)


_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_OPEN = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
_CLOSE = (yaml.SequenceEndEvent, yaml.MappingEndEvent)


def _load_yaml(text: str) -> Any:
    """Safe YAML, with libyaml where installed (a 40,000-code codebook reads in seconds, not
    minutes). libyaml builds nested values recursively in C and some 25,000 levels overflow
    the C stack (a crash), so nesting is measured on the parser's events first."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, _OPEN):
                depth += 1
                if depth > MAX_DEPTH:
                    raise RecursionError
            elif isinstance(event, _CLOSE):
                depth -= 1
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - a safe loader
    except yaml.YAMLError:
        if _Loader is yaml.SafeLoader:
            raise
        return yaml.safe_load(text)  # the pure-Python parser names the place of a mistake better


def from_dict(data: Any, where: str = "<codebook>") -> Codebook:
    """Build a :class:`Codebook` from plain data, reporting every problem at once."""
    problems: list[str] = []
    if not isinstance(data, dict):
        raise CodebookError(213, where=where)
    _unknown(data, TOP_KEYS, where, problems)
    name = _str(data, "name", where, problems, required=True)
    version = _str(data, "version", where, problems, required=True, coerce=True)
    language = data.get("language", "nl")
    if language not in LANGUAGES:
        problems.append(f"{where}: language {language!r} is not supported. Use one of: {', '.join(LANGUAGES)}.")
        language = "nl"
    unit = data.get("unit", "sentence")
    if unit not in UNITS:
        problems.append(f"{where}: unit {unit!r} is not known. Use one of: {', '.join(UNITS)}.")
        unit = "sentence"
    neg = data.get("negation") or {}
    window, after, cues = 4, 2, None
    if not isinstance(neg, dict):
        problems.append(f"{where}: 'negation' must be a mapping with window, after and cues.")
    else:
        _unknown(neg, NEGATION_KEYS, f"{where}, negation", problems)
        window = _int(neg, "window", 4, f"{where}, negation", problems)
        after = _int(neg, "after", 2, f"{where}, negation", problems)
        if "cues" in neg:
            cues = _strlist(neg["cues"], f"{where}, negation.cues", problems)
    stops = _stop_words(data.get("stop_words"), f"{where}, stop_words", problems)
    codes: list[Code] = []
    raw_codes = data.get("codes")
    if not isinstance(raw_codes, list) or not raw_codes:
        problems.append(f"{where}: 'codes' must be a non-empty list of codes.")
        raw_codes = []
    for i, rc in enumerate(raw_codes):
        code = _code(rc, i, where, problems)
        if code is not None:
            codes.append(code)
    declared = {str(rc.get("id")) for rc in raw_codes
                if isinstance(rc, dict) and (rc.get("include") or rc.get("manual") is True)}
    _check_graph(codes, declared, where, problems)
    if problems:
        listed = problems[0] if len(problems) == 1 else \
            f"{len(problems)} problems in {where}:\n  - " + "\n  - ".join(problems)
        err = CodebookError(203, problems=listed)
        err.problems = problems
        raise err
    return Codebook(name=name, version=version, codes=codes, language=language,
                    description=str(data.get("description") or ""), unit=unit,
                    negation_window=window, negation_after=after, negation_cues=cues, stop_words=stops)


def _code(rc: Any, i: int, where: str, problems: list[str]) -> Code | None:
    if not isinstance(rc, dict):
        problems.append(f"{where}, codes[{i}]: each code must be a mapping with at least 'id' and 'label'.")
        return None
    cid = rc.get("id")
    if cid is None or not _ID.match(str(cid)):
        problems.append(f"{where}, codes[{i}]: missing or invalid 'id' (letters, digits, _ . - only).")
        cid = f"codes[{i}]"
    cid = str(cid)
    here = f"{where}, code '{cid}'"
    _unknown(rc, CODE_KEYS, here, problems)
    label = _str(rc, "label", here, problems, required=True)
    colour = rc.get("colour")
    if colour is not None and not (isinstance(colour, str) and _COLOUR.match(colour)):
        problems.append(f"{here}: colour {colour!r} is not a '#rrggbb' hex colour.")
        colour = None
    questions = _strlist(rc.get("questions", []), f"{here}, questions", problems)
    negation = rc.get("negation", True)
    if not isinstance(negation, bool):
        problems.append(f"{here}: 'negation' must be true or false.")
        negation = True
    include = _rules(rc.get("include", []), f"{here}, include", problems)
    exclude = _rules(rc.get("exclude", []), f"{here}, exclude", problems)
    ex = rc.get("examples") or {}
    match: list[str] = []
    no_match: list[str] = []
    if not isinstance(ex, dict):
        problems.append(f"{here}: 'examples' must be a mapping with 'match' and 'no_match' lists.")
    else:
        _unknown(ex, EXAMPLE_KEYS, f"{here}, examples", problems)
        match = _strlist(ex.get("match", []), f"{here}, examples.match", problems)
        no_match = _strlist(ex.get("no_match", []), f"{here}, examples.no_match", problems)
    manual = rc.get("manual", False)
    if not isinstance(manual, bool):
        problems.append(f"{here}: 'manual' must be true or false.")
        manual = False
    guid = rc.get("guid")
    if guid is not None and not (isinstance(guid, str) and _GUID.match(guid.strip().strip("{}"))):
        problems.append(f"{here}: 'guid' {guid!r} is not a GUID like 0b7c4f1e-2d3a-4b5c-8d9e-0f1a2b3c4d5e.")
        guid = None
    parent = rc.get("parent")
    return Code(manual=manual, guid=guid.strip().strip("{}").lower() if guid else None, id=cid, label=label, description=str(rc.get("description") or ""),
                parent=None if parent is None else str(parent), colour=colour, questions=questions,
                include=include, exclude=exclude, negation=negation, match=match, no_match=no_match)


def _rules(raw: Any, here: str, problems: list[str]) -> list[Rule]:
    if raw is None:
        return []
    if not isinstance(raw, list):
        problems.append(f"{here}: must be a list of rules such as '- lemma: personeel'.")
        return []
    out: list[Rule] = []
    for j, item in enumerate(raw):
        pos = f"{here}[{j}]"
        if not isinstance(item, dict):
            problems.append(f"{pos}: a rule is a mapping such as 'lemma: personeel'. Use one of: {', '.join(RULE_KINDS)}.")
            continue
        kinds = [k for k in item if k not in RULE_OPTIONS]
        if len(kinds) != 1:
            problems.append(f"{pos}: a rule needs exactly one match type, found {len(kinds)}. Use one of: {', '.join(RULE_KINDS)}.")
            continue
        kind = kinds[0]
        if kind not in RULE_KINDS:
            hint = difflib.get_close_matches(str(kind), RULE_KINDS, n=1)
            did = f" Did you mean '{hint[0]}'?" if hint else ""
            problems.append(f"{pos}: unknown match type {str(kind)!r}.{did} Use one of: {', '.join(RULE_KINDS)}.")
            continue
        compound = item.get("compound", False)
        negation = item.get("negation")
        if not isinstance(compound, bool):
            problems.append(f"{pos}: 'compound' must be true or false.")
            compound = False
        if compound and kind != "lemma":
            problems.append(f"{pos}: 'compound' applies to lemma rules only; use a glob such as '*{item[kind]}*' for {kind} rules.")
        if negation is not None and not isinstance(negation, bool):
            problems.append(f"{pos}: 'negation' must be true or false.")
            negation = None
        exceptions = tuple(w.strip().lower() for w in _strlist(item.get("exceptions"), f"{pos}, exceptions", problems))
        patterns = item[kind] if isinstance(item[kind], list) else [item[kind]]
        for p in patterns:
            if not isinstance(p, (str, int, float)) or isinstance(p, bool) or not str(p).strip():
                problems.append(f"{pos}: {kind} pattern must be a non-empty string.")
                continue
            p = str(p).strip()
            err = _check_pattern(kind, p)
            if err:
                problems.append(f"{pos}: {err}")
                continue
            out.append(Rule(kind=kind, pattern=p, compound=compound, negation=negation, exceptions=exceptions))
    return out


def _check_pattern(kind: str, p: str) -> str | None:
    if len(p) > MAX_PATTERN and kind != "regex":  # regexes: safe_regex.check says it
        return f"{kind} pattern is {len(p):,} characters long, over the {MAX_PATTERN:,} limit. Split it into several rules."
    words = p.split()
    if kind == "lemma" and len(words) == 2 and words[1].lower() in PARTICLES["nl"]:
        return None   # a separable verb written as it is used: 'neemt aan'
    if kind in ("lemma", "glob") and len(words) > 1:
        return f"{kind} {p!r} has several words. Use 'phrase' for multiword expressions."
    if kind == "phrase" and len(p.split()) < 2:
        return f"phrase {p!r} has one word. Use 'lemma' for single words."
    if kind == "glob" and p.strip("*?") == "":
        return f"glob {p!r} matches every word. Add letters, as in 'aanwerv*'."
    if kind == "glob":
        fnmatch.translate(p)
    if kind == "regex":
        return check_regex(p)
    return None


def _check_graph(codes: list[Code], declared: set[str], where: str, problems: list[str]) -> None:
    ids = [c.id for c in codes]
    counts = Counter(ids)
    for dup in sorted(i for i, n in counts.items() if n > 1):
        problems.append(f"{where}, code '{dup}': id used {counts[dup]} times. Give each code its own id.")
    known = set(ids)
    parents = {c.id: c.parent for c in codes}
    for c in codes:
        if c.parent is not None and c.parent not in known:
            hint = difflib.get_close_matches(c.parent, ids, n=1)
            did = f" Did you mean '{hint[0]}'?" if hint else ""
            problems.append(f"{where}, code '{c.id}': parent '{c.parent}' is not a code in this codebook.{did}")
            continue
        seen, cur = {c.id}, c.parent
        while cur is not None:
            if cur in seen:
                problems.append(f"{where}, code '{c.id}': parents form a cycle. A code cannot be its own ancestor.")
                break
            seen.add(cur)
            cur = parents.get(cur)
    has_children = {c.parent for c in codes if c.parent is not None}
    for c in codes:
        if c.id not in declared and c.id not in has_children:
            problems.append(f"{where}, code '{c.id}': no include rules and no child codes, so it can never be coded. Add an 'include:' list, or 'manual: true' for a code applied by hand only.")


def _unknown(d: dict, allowed: tuple[str, ...], here: str, problems: list[str]) -> None:
    for k in d:
        if k not in allowed:
            hint = difflib.get_close_matches(str(k), allowed, n=1)
            did = f" Did you mean '{hint[0]}'?" if hint else ""
            problems.append(f"{here}: unknown key {str(k)!r}.{did} Allowed: {', '.join(allowed)}.")


def _str(d: dict, key: str, here: str, problems: list[str], required: bool = False, coerce: bool = False) -> str:
    v = d.get(key)
    if v is None:
        if required:
            problems.append(f"{here}: '{key}' is missing. Add '{key}: ...'.")
        return ""
    if coerce and isinstance(v, (int, float)) and not isinstance(v, bool):
        return str(v)
    if not isinstance(v, str):
        problems.append(f"{here}: '{key}' must be text.")
        return str(v)
    return v


def _int(d: dict, key: str, default: int, here: str, problems: list[str]) -> int:
    v = d.get(key, default)
    if not isinstance(v, int) or isinstance(v, bool) or not 0 <= v <= 50:
        problems.append(f"{here}: '{key}' must be a whole number from 0 to 50.")
        return default
    return v


def _strlist(v: Any, here: str, problems: list[str]) -> list[str]:
    if v is None:
        return []
    if isinstance(v, (str, int)) and not isinstance(v, bool):
        v = [v]
    if not isinstance(v, list) or not all(isinstance(x, (str, int)) and not isinstance(x, bool) for x in v):
        problems.append(f"{here}: must be a list of text items.")
        return []
    return [str(x) for x in v]


def _stop_words(v: Any, here: str, problems: list[str]) -> list[str]:
    """``stop_words:`` a list of words (or short phrases) kept out of theme labels and stubs."""
    words = _strlist(v, here, problems)
    bad = [i for i, w in enumerate(words) if not w.strip() or len(w) > 100 or "\n" in w]
    if bad:
        problems.append(f"{here}[{bad[0]}]: a stop word must be a word or short phrase on one line "
                        "(1-100 characters).")
    return list(dict.fromkeys(w.strip().lower() for w in words if w.strip()))


def _measure(data: Any) -> tuple[int, int, bool]:
    """(nesting depth, number of values once aliases are expanded, whether a number is too
    long to write as text), in time linear in the distinct objects: an alias is the same
    Python object, measured once. A cycle (``&a [*a]``) counts as too deep. Depth stops
    being exact past MAX_DEPTH."""
    memo: dict[int, tuple[int, int]] = {}
    busy: set[int] = set()
    stack: list[tuple[Any, bool]] = [(data, False)]
    huge = False
    while stack:
        x, done = stack.pop()
        key = id(x)
        if isinstance(x, int) and x.bit_length() > _INT_BITS:
            huge = True
        if not isinstance(x, (dict, list)) or key in memo:
            continue
        kids = list(x.values()) if isinstance(x, dict) else x
        if done:
            busy.discard(key)
            sub = [memo.get(id(k), (0, 1)) for k in kids]
            memo[key] = (1 + max((d for d, _ in sub), default=0), 1 + sum(n for _, n in sub))
            continue
        if key in busy:
            return MAX_DEPTH + 1, 0, huge
        busy.add(key)
        stack.append((x, True))
        for k in kids:
            if isinstance(k, (dict, list)):
                if id(k) in busy:
                    return MAX_DEPTH + 1, 0, huge
                stack.append((k, False))
            elif isinstance(k, int) and k.bit_length() > _INT_BITS:
                huge = True
        if isinstance(x, dict):
            huge = huge or any(isinstance(k, int) and k.bit_length() > _INT_BITS for k in x)
    return (*memo.get(id(data), (0, 1)), huge)


def to_dict(cb: Codebook) -> dict[str, Any]:
    """The codebook as plain data, in the YAML layout ``from_dict`` reads."""
    out: dict[str, Any] = {"name": cb.name, "version": cb.version, "language": cb.language}
    if cb.description:
        out["description"] = cb.description
    out["unit"] = cb.unit
    neg: dict[str, Any] = {"window": cb.negation_window, "after": cb.negation_after}
    if cb.negation_cues is not None:
        neg["cues"] = list(cb.negation_cues)
    out["negation"] = neg
    if cb.stop_words:
        out["stop_words"] = list(cb.stop_words)
    out["codes"] = [_code_dict(c) for c in cb.codes]
    return out


def _code_dict(c: Code) -> dict[str, Any]:
    d: dict[str, Any] = {"id": c.id, "label": c.label}
    if c.description:
        d["description"] = c.description
    if c.parent is not None:
        d["parent"] = c.parent
    if c.colour:
        d["colour"] = c.colour
    if c.questions:
        d["questions"] = list(c.questions)
    if not c.negation:
        d["negation"] = False
    if c.manual:
        d["manual"] = True
    if c.guid:
        d["guid"] = c.guid
    for key in ("include", "exclude"):
        rules = getattr(c, key)
        if rules:
            d[key] = [_rule_dict(r) for r in rules]
    if c.match or c.no_match:
        d["examples"] = {k: list(getattr(c, k)) for k in EXAMPLE_KEYS if getattr(c, k)}
    return d


def _rule_dict(r: Rule) -> dict[str, Any]:
    d: dict[str, Any] = {r.kind: r.pattern}
    if r.compound:
        d["compound"] = True
    if r.negation is not None:
        d["negation"] = r.negation
    if r.exceptions:
        d["exceptions"] = list(r.exceptions)
    return d


def dumps(cb: Codebook) -> str:
    """The codebook as YAML text that :func:`loads` reads back to an equal codebook."""
    return yaml.safe_dump(to_dict(cb), sort_keys=False, allow_unicode=True, width=100)


def dump(cb: Codebook, path: str | Path, *, inputs: Any = ()) -> None:
    """Write the codebook as YAML, atomically; never over a special file or one of ``inputs``."""
    from qualkit.io import write_text

    write_text(path, dumps(cb), inputs=inputs)
