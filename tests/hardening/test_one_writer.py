"""One writer: only ``qualkit/io`` removes, renames or replaces a file (SECURITY.md: qualkit
never deletes a user file). Every other module goes through its helpers: ``output_dir``,
``write_bytes``, ``replacing``, ``replace_file`` and ``scratch_dir``."""
from __future__ import annotations

import ast
import os
from pathlib import Path

import pandas as pd
import pytest

import qualkit.io as qio
from qualkit.errors import OutputError

PKG = Path(__file__).resolve().parents[2] / "qualkit"
WRITER = PKG / "io"
MODULE_CALLS = {"os": {"remove", "unlink", "rmdir", "removedirs", "rename", "renames", "replace"},
                "shutil": {"rmtree", "move"}}
"""``os.remove(p)``, ``shutil.rmtree(p)`` ... and the same names imported (``from os import remove``)."""
ANY_RECEIVER = {"unlink", "rmdir", "rmtree"}
"""``Path.unlink()``, ``Path.rmdir()``: no other method has these names."""
ONE_TARGET = {"rename", "replace"}
"""``Path.rename(target)``, ``Path.replace(target)``: one positional argument that is not a string
literal, no keywords (``str.replace`` takes two, ``DataFrame.rename`` keywords, ``Series.rename`` a
label)."""


def removals(path: Path, root: Path = PKG.parent) -> list[str]:
    """``file:line: call`` for every call in ``path`` that removes, renames or replaces a file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        name = None
        if isinstance(node, ast.ImportFrom) and node.module in MODULE_CALLS:
            hit = sorted({a.name for a in node.names} & MODULE_CALLS[node.module])
            name = f"from {node.module} import {', '.join(hit)}" if hit else None
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            attr, owner = node.func.attr, node.func.value
            module = owner.id if isinstance(owner, ast.Name) and owner.id in MODULE_CALLS else None
            if module is not None:
                name = f"{module}.{attr}" if attr in MODULE_CALLS[module] else None
            elif attr in ANY_RECEIVER:
                name = f".{attr}()"
            elif attr in ONE_TARGET and len(node.args) == 1 and not node.keywords \
                    and not (isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
                name = f".{attr}(target)"
        if name:
            found.append(f"{path.relative_to(root).as_posix()}:{node.lineno}: {name}")
    return found


def test_only_the_writer_removes_renames_or_replaces_files():
    outside = [hit for p in sorted(PKG.rglob("*.py")) if WRITER not in p.parents for hit in removals(p)]
    assert outside == [], "use qualkit.io (scratch_dir, replace_file, replacing, output_dir):\n" + "\n".join(outside)


def test_the_scan_finds_every_form(tmp_path):
    """The check itself can fail: each way of removing or moving a file is reported, and the
    look-alikes (str.replace, DataFrame.rename, dataclasses.replace) are not."""
    mod = tmp_path / "m.py"
    mod.write_text("import os, shutil\nfrom os import remove\nfrom shutil import rmtree\n"
                   "os.remove(p)\nshutil.rmtree(d)\np.unlink()\np.replace(q)\np.rename(q)\nos.replace(a, b)\n"
                   "d.rmdir()\nshutil.move(a, b)\n"
                   "s.replace('a', 'b')\ndf.rename(columns={})\ns.rename('label')\ndataclasses.replace(x, a=1)\n"
                   "dt.replace(microsecond=0)\nos.getpid()\nitems.remove(x)\n", encoding="utf-8")
    got = [hit.split(": ", 1)[1] for hit in removals(mod, tmp_path)]
    assert sorted(got) == sorted(["from os import remove", "from shutil import rmtree", "os.remove", "shutil.rmtree",
                                  ".unlink()", ".replace(target)", ".rename(target)", "os.replace", ".rmdir()",
                                  "shutil.move"])


def test_replace_file_keeps_the_guards(tmp_path):
    src = tmp_path / "part.csv"
    src.write_text("nieuw", encoding="utf-8")
    (tmp_path / "folder").mkdir()
    with pytest.raises(OutputError) as e:
        qio.replace_file(src, tmp_path / "folder")
    assert e.value.code == 908
    data = tmp_path / "s.csv"
    data.write_text("invoer", encoding="utf-8")
    with pytest.raises(OutputError) as e:
        qio.replace_file(src, data, inputs=[data])
    assert e.value.code == 909 and data.read_text(encoding="utf-8") == "invoer" and src.exists()
    qio.replace_file(src, tmp_path / "out.csv")
    assert (tmp_path / "out.csv").read_text(encoding="utf-8") == "nieuw" and not src.exists()


def test_replacing_leaves_the_old_file_and_no_leftovers_on_error(tmp_path):
    target = tmp_path / "codings.parquet"
    target.write_bytes(b"vorige")
    with pytest.raises(RuntimeError), qio.replacing(target) as tmp:
        tmp.write_bytes(b"half")
        raise RuntimeError("stopped")
    assert target.read_bytes() == b"vorige" and os.listdir(tmp_path) == ["codings.parquet"]
    with qio.replacing(target) as tmp:
        pd.DataFrame({"a": [1]}).to_parquet(tmp, index=False)
    assert pd.read_parquet(target)["a"].tolist() == [1] and os.listdir(tmp_path) == ["codings.parquet"]


def test_a_scratch_folder_is_removed_even_on_error(tmp_path):
    with pytest.raises(RuntimeError), qio.scratch_dir(tmp_path / "matrix.csv") as folder:
        (folder / "0.csv").write_text("x", encoding="utf-8")
        assert folder.parent == tmp_path and folder.name.startswith(".matrix.csv.")
        raise RuntimeError("stopped")
    assert os.listdir(tmp_path) == []


def test_a_matrix_in_parts_leaves_only_the_matrix(tmp_path, nl):
    """Later inputs bring a new question: the matrix is written in parts (in a scratch folder) and
    joined on close; nothing else is left beside it."""
    from qualkit.codebook import loads
    from qualkit.ingest import ReadOptions, read_chunks
    from qualkit.report.sinks import MatrixCSV
    from qualkit.scale import code_chunks

    cb = loads("name: s\nversion: '1'\ncodes:\n  - {id: personeel, label: P, include: [{lemma: personeel}]}\n")
    (tmp_path / "in").mkdir()
    a, b = tmp_path / "in" / "a.csv", tmp_path / "in" / "b.csv"
    a.write_text("id;Q1\nR1;Meer personeel.\nR2;Niets.\n", encoding="utf-8")
    b.write_text("id;Q1;Q2\nR3;Niets.;Meer personeel.\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    matrix = MatrixCSV(out / "matrix.csv", cb)
    code_chunks(read_chunks([a, b], ReadOptions(id_column="id", questions=["Q*"]), chunksize=1), cb, [matrix], pipeline=nl)
    assert len(matrix._parts) == 2
    matrix.close()
    assert os.listdir(out) == ["matrix.csv"]
    got = pd.read_csv(out / "matrix.csv", dtype={"unit_id": str}).set_index("unit_id")
    assert got.to_dict("index") == {"R1": {"Q1.personeel": 1, "Q2.personeel": 0},
                                    "R2": {"Q1.personeel": 0, "Q2.personeel": 0},
                                    "R3": {"Q1.personeel": 0, "Q2.personeel": 1}}


def test_replace_file_replaces_a_link_not_what_it_points_to(tmp_path):
    """A link planted where qualkit sets a file aside (the cache's ``.broken``) is replaced
    itself: the user's file it points to is not touched."""
    users = tmp_path / "thesis.docx"
    users.write_text("mijn thesis", encoding="utf-8")
    link = tmp_path / "codings.sqlite.broken"
    link.symlink_to(users)
    src = tmp_path / "codings.sqlite"
    src.write_text("kapot", encoding="utf-8")
    qio.replace_file(src, link)
    assert users.read_text(encoding="utf-8") == "mijn thesis"
    assert not link.is_symlink() and link.read_text(encoding="utf-8") == "kapot"
