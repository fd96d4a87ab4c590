"""The import graph follows the layers drawn in ARCHITECTURE.md.

Every ``import`` of a qualkit module counts, wherever it is written (module
level, inside a function, under ``TYPE_CHECKING``), and so do the names a
package exports lazily (``_EXPORTS``): a lazy import hides a dependency, it does
not remove it. A subpackage may import from its own subpackage and from lower
layers only, so there can be no cycle between subpackages.
"""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parents[1] / "qualkit"

LAYERS = [
    {"errors", "types"},
    {"io", "privacy"},
    {"codebook"},
    {"nlp"},
    {"stats"},
    {"ingest"},
    {"coding"},
    {"scale"},
    {"report", "refi", "topics"},
    {"agree"},
    {"workflow"},
    {"project"},
    {"cli"},
    {"__main__"},
]
"""Lowest first. ``qualkit/__init__.py`` (the public API, imported lazily) sits above them all."""
LAYER = {name: i for i, names in enumerate(LAYERS) for name in names}
TOP = len(LAYERS)


def part(module: str) -> str:
    """The subpackage (or top-level module) a module belongs to: ``qualkit.stats.frequency`` -> ``stats``."""
    bits = module.split(".")
    return bits[1] if len(bits) > 1 else "qualkit"


def module_name(path: Path) -> str:
    rel = path.relative_to(PKG.parent).with_suffix("")
    bits = list(rel.parts)
    return ".".join(bits[:-1] if bits[-1] == "__init__" else bits)


def imports(path: Path) -> list[tuple[str, int, str]]:
    """``(imported module, line, names)`` for every qualkit import in ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    me = module_name(path)
    package = me if path.name == "__init__.py" else me.rsplit(".", 1)[0]
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(a.name, node.lineno, "") for a in node.names if a.name.split(".")[0] == "qualkit"]
        elif isinstance(node, ast.ImportFrom):
            mod = node.module or ""
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                mod = ".".join([*base, mod] if mod else base)
            if mod.split(".")[0] == "qualkit":
                out.append((mod, node.lineno, ",".join(a.name for a in node.names)))
        elif isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "_EXPORTS" for t in node.targets):
            for v in ast.walk(node.value):   # lazy exports name their modules in full: "qualkit.stats.counts"
                if isinstance(v, ast.Constant) and isinstance(v.value, str) and v.value.startswith("qualkit."):
                    out.append((v.value, node.lineno, "_EXPORTS"))
    return out


def violations() -> list[str]:
    bad = []
    for path in sorted(PKG.rglob("*.py")):
        me = module_name(path)
        src = part(me)
        for mod, line, names in imports(path):
            dst = part(mod)
            if src == dst or src == "qualkit":
                continue
            if dst == "qualkit" and names == "__version__":
                continue  # a constant of the root package, which imports nothing eagerly
            if LAYER.get(dst, TOP) >= LAYER.get(src, TOP):
                where = path.relative_to(PKG.parent)
                bad.append(f"{where}:{line}: {src} (layer {LAYER.get(src, TOP)}) imports {mod} "
                           f"(layer {LAYER.get(dst, TOP)})")
    return bad


def test_every_subpackage_has_a_layer():
    parts = {part(module_name(p)) for p in PKG.rglob("*.py")} - {"qualkit"}
    assert parts <= set(LAYER), f"add {sorted(parts - set(LAYER))} to LAYERS (and to ARCHITECTURE.md)"


def test_imports_only_go_down_the_layers():
    assert violations() == []


def test_the_check_finds_a_function_level_import_upwards(tmp_path, monkeypatch):
    """The test itself can fail: an import inside a function, against the layers, is reported."""
    pkg = tmp_path / "qualkit"
    (pkg / "stats").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "stats" / "__init__.py").write_text("def f():\n    from qualkit.report import files\n")
    monkeypatch.setattr(sys.modules[__name__], "PKG", pkg)
    assert violations() == ["qualkit/stats/__init__.py:2: stats (layer 4) imports qualkit.report (layer 8)"]


@pytest.mark.parametrize("module, absent", [
    ("qualkit", ["pandas", "spacy", "typer"]),
    ("qualkit.cli", ["pandas", "spacy", "scipy", "torch"]),
    ("qualkit.codebook", ["spacy", "torch"]),
])
def test_lazy_imports_keep_start_up_light(module, absent):
    """Where start-up needs it (the CLI, ``import qualkit``, reading a codebook), heavy
    packages are imported only when a command or function uses them."""
    code = f"import sys, {module}; print(' '.join(m for m in {absent!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == []
