"""The error catalogue (qualkit.errors.MESSAGES, kept in qualkit/errors/catalogue_*.py, one file per range of
codes): every raise names a catalogued code and fills exactly the fields of its template; every code is used;
docs/errors.md is current."""
from __future__ import annotations

import ast
import re
import string
from pathlib import Path

from qualkit import errors
from qualkit.errors import MESSAGES

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "qualkit"
# Packages still raising with a ready text (the legacy form); none left.
LEGACY: tuple[str, ...] = ()
# Codes used without a raise of their own (say, only logged as a warning); none today. QK440 is
# raised, caught per breakdown and logged: the raise counts.
INDIRECT: set[int] = set()


def _calls(any_call: bool = False):
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and (any_call or node.args and isinstance(node.args[0], ast.Constant)
                                               and type(node.args[0].value) is int):
                yield path.relative_to(ROOT).as_posix(), node


def _raises():
    """``XError(code, ...)``, and ``self.add(code, ...)`` of validators that collect problems."""
    for where, node in _calls():
        if isinstance(node.func, ast.Name) and node.func.id.endswith("Error") \
                or isinstance(node.func, ast.Attribute) and node.func.attr == "add":
            yield where, node


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_raise_uses_the_catalogue():
    legacy = [f"{where}:{node.lineno}" for where, node in _raises()
              if len(node.args) > 1 and not where.startswith(LEGACY)]
    assert not legacy, "raise with a ready text instead of the template's fields:\n" + "\n".join(legacy)


def test_catalogued_raises_fill_their_template():
    bad = []
    for where, node in _raises():
        if len(node.args) > 1 and where.startswith(LEGACY):
            continue
        code = node.args[0].value
        if code not in MESSAGES:
            bad.append(f"{where}:{node.lineno}: QK{code} is not in the catalogue")
            continue
        given = {k.arg for k in node.keywords}
        if None in given or given != _fields(MESSAGES[code].template):
            bad.append(f"{where}:{node.lineno}: QK{code} gets {sorted(map(str, given))}, template asks "
                       f"{sorted(_fields(MESSAGES[code].template))}")
    assert not bad, "\n".join(bad)


def test_every_code_is_used():
    used = {node.args[0].value for _, node in _raises()} | INDIRECT
    used |= {k.value.value for _, node in _calls(any_call=True) for k in node.keywords
             if k.arg == "code" and isinstance(k.value, ast.Constant)}
    unused = sorted(set(MESSAGES) - used)
    assert not unused, f"catalogued but never raised: {unused}"


def test_one_entry_per_code_and_templates_differ():
    """Read from the files' text, since a code listed twice would silently keep only its last entry in MESSAGES."""
    keys = []
    parts = sorted((PACKAGE / "errors").glob("catalogue_*.py"))
    assert parts, "no catalogue files qualkit/errors/catalogue_*.py"
    for path in parts:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        table = next(n.value for n in tree.body if isinstance(n, ast.AnnAssign) and n.target.id == "MESSAGES")
        own = [k.value for k in table.keys]
        hundreds = [int(h) for h in re.findall(r"_(\d)xx", path.stem)]   # catalogue_2xx_3xx.py: QK200-QK399
        outside = [k for k in own if not min(hundreds) <= k // 100 <= max(hundreds)]
        assert not outside, f"{path.name} holds codes outside its range: {outside}"
        keys += own
    assert len(keys) == len(set(keys)), f"codes listed twice: {sorted({k for k in keys if keys.count(k) > 1})}"
    assert keys == sorted(keys), "keep MESSAGES sorted by code"
    assert keys == list(MESSAGES), "every catalogue_*.py file is merged into MESSAGES (qualkit/errors/catalogue.py)"
    seen: dict[str, int] = {}
    for code, msg in MESSAGES.items():
        assert msg.template not in seen, f"QK{code} and QK{seen[msg.template]} have the same template"
        seen[msg.template] = code


class _Any:
    def __format__(self, spec: str) -> str:
        return "x"

    __repr__ = __str__ = lambda self: "x"


def test_every_entry_explains_itself():
    for code, msg in MESSAGES.items():
        assert 100 <= code <= 999 and msg.template and msg.explain, code
        assert msg.template.format(**{f: _Any() for f in _fields(msg.template)}), code


def test_reference_page_is_current():
    """docs/errors.md is generated: ``python docs/make_errors.py``."""
    page = (ROOT / "docs" / "errors.md").read_text(encoding="utf-8")
    assert page == errors.reference_page(), "docs/errors.md is stale: run python docs/make_errors.py"
    assert all(f"### QK{code:03d}\n" in page for code in MESSAGES)
