"""Fuzz: a learned-coder model folder (from a colleague, or damaged) gives a model or a [QK] error.

The folder's files are mutated one at a time: model.json and vocabulary.json as
bytes or as JSON (a value replaced anywhere), weights.npz member by member. A model
that loads must also predict (it is used next).
"""
from __future__ import annotations

import json
import shutil

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hardening_corpus import model_files
from hardening_fuzz import BYTE_OPS, FUZZ, MEMBER_OPS, _short, mutate, mutate_zip, run_case
from hardening_generate import HOSTILE_TEXT, JSON, RAW_NUMBERS

pytest_plugins = ["hardening_plugin"]
learned = pytest.importorskip("qualkit.coding.learned_store")


def _replace_somewhere(value, path: list[int], new):
    """``value`` (JSON data) with the node reached by ``path`` (indices taken modulo) replaced by ``new``."""
    if not path or not isinstance(value, (dict, list)) or not value:
        return new
    keys = list(value) if isinstance(value, dict) else list(range(len(value)))
    k = keys[path[0] % len(keys)]
    value[k] = _replace_somewhere(value[k], path[1:], new)
    return value


class ModelCase(tuple):
    def __repr__(self) -> str:  # the files are long; the description says what changed
        return f"ModelCase({self[1]})"


@st.composite
def model_cases(draw):
    files = dict(model_files())
    name = draw(st.sampled_from(sorted(files)))
    how = draw(st.sampled_from(["bytes", "json", "zip"] if name.endswith(".npz") else ["bytes", "json", "hostile"]))
    if how == "hostile":  # a hand-made hostile value (hardening_cases.HOSTILE_VALUES) anywhere, raw or as text
        path = draw(st.lists(st.integers(0, 50), max_size=4))
        raw = draw(st.one_of(st.sampled_from(RAW_NUMBERS).map(bytes.decode),
                             st.sampled_from(HOSTILE_TEXT).map(json.dumps)))
        files[name] = json.dumps(_replace_somewhere(json.loads(files[name]), path, "__RAW__")).replace(
            '"__RAW__"', raw).encode()
        what = f"{name}: value at {path} replaced by {raw[:40]!r}"
    elif how == "json" and name.endswith(".json"):
        path, new = draw(st.lists(st.integers(0, 50), max_size=4)), draw(JSON)
        files[name] = json.dumps(_replace_somewhere(json.loads(files[name]), path, new)).encode()
        what = f"{name}: value at {path} replaced by {new!r}"
    elif how == "zip":
        ops = draw(st.lists(MEMBER_OPS, min_size=1, max_size=3))
        files[name] = mutate_zip(files[name], ops, [])
        what = f"{name}: members {_short(ops)}"
    else:
        ops = draw(st.lists(BYTE_OPS, min_size=1, max_size=4))
        files[name] = mutate(files[name], ops)
        what = f"{name}: bytes {_short(ops)}"
    if draw(st.integers(0, 9)) == 0:
        gone = draw(st.sampled_from(sorted(files)))
        del files[gone]
        what += f", {gone} removed"
    return ModelCase((files, what))


@pytest.fixture(scope="module")
def work(tmp_path_factory):
    return tmp_path_factory.mktemp("fuzz-models")


@FUZZ
@given(case=model_cases())
def test_fuzz_learned_model_folder(work, case):
    import pandas as pd

    files, what = case
    folder = work / "model"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    for name, data in files.items():
        (folder / name).write_bytes(data)
    model = run_case("learned model folder", lambda: learned.load_model(folder), what)
    if not isinstance(model, Exception):
        frame = pd.DataFrame({"text": ["meer personeel", "", "x" * 500]})
        run_case("learned model: predict", lambda: model.coder.predict(frame), what)
