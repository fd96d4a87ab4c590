"""The error catalogue (qualkit.errors.MESSAGES): every raise that names its fields
uses a catalogued code, with exactly the fields its template asks for."""
from __future__ import annotations

import ast
import string
from pathlib import Path

from qualkit.errors import MESSAGES

PACKAGE = Path(__file__).resolve().parents[1] / "qualkit"


def _raises():
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id.endswith("Error") \
                    and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, int):
                yield path.relative_to(PACKAGE.parent), node


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_catalogued_raises_fill_their_template():
    bad = []
    for where, node in _raises():
        if len(node.args) > 1 or any(k.arg is None for k in node.keywords):
            continue  # legacy form: a ready message text
        code = node.args[0].value
        if code not in MESSAGES:
            bad.append(f"{where}:{node.lineno}: QK{code} is not in the catalogue")
            continue
        given = {k.arg for k in node.keywords}
        if given != _fields(MESSAGES[code].template):
            bad.append(f"{where}:{node.lineno}: QK{code} gets {sorted(given)}, template asks {sorted(_fields(MESSAGES[code].template))}")
    assert not bad, "\n".join(bad)


def test_every_entry_explains_itself():
    for code, msg in MESSAGES.items():
        assert 100 <= code <= 999 and msg.template and msg.explain, code
