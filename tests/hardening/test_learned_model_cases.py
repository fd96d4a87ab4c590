"""Hand-made damaged learned-model folders (#11 items 12 and 18): each is a [QK] error at load
time, never a model that loads and then fails inside scikit-learn, never a traceback."""
from __future__ import annotations

import json

import pandas as pd
import pytest

from hardening_corpus import model_files
from qualkit.coding.learned_store import load_model
from qualkit.errors import ModelError

BIG = "9" * 5000  # an integer of more digits than Python converts from text (4,300)


def _folder(tmp_path, edit=None):
    files = dict(model_files())
    if edit:
        edit(files)
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    return tmp_path


def _json_edit(name, change):
    def edit(files):
        files[name] = json.dumps(change(json.loads(files[name]))).replace('"BIG"', BIG).encode()
    return edit


def test_the_seed_model_loads_and_predicts(tmp_path):
    model = load_model(_folder(tmp_path))
    assert model.coder.predict(pd.DataFrame({"text": ["meer personeel"]})).shape == (1, 2)


@pytest.mark.parametrize("kind", ["word", "char"])
def test_duplicated_vocabulary_entry_is_an_error_at_load(tmp_path, kind):
    def dup(v):
        v[kind][1] = v[kind][0]
        return v

    with pytest.raises(ModelError) as e:
        load_model(_folder(tmp_path, _json_edit("vocabulary.json", dup)))
    assert e.value.code == 355 and f"the {kind} vocabulary lists a term twice (entry 1)" in e.value.message


BIG_PLACES = {
    "model.json format_version": ("model.json", lambda m: {**m, "format_version": "BIG"}),
    "model.json n_positives": ("model.json", lambda m: {**m, "codes": [{**m["codes"][0], "n_positives": "BIG"}]
                                                        + m["codes"][1:]}),
    "model.json params.cv": ("model.json", lambda m: {**m, "params": {**m["params"], "cv": "BIG"}}),
    "model.json info": ("model.json", lambda m: {**m, "info": {"n": "BIG"}}),
    "vocabulary.json": ("vocabulary.json", lambda v: {**v, "word": ["BIG"] + v["word"][1:]}),
}


@pytest.mark.parametrize("where", list(BIG_PLACES))
def test_integer_over_4300_digits_is_an_error(tmp_path, where):
    name, change = BIG_PLACES[where]
    with pytest.raises(ModelError) as e:
        load_model(_folder(tmp_path, _json_edit(name, change)))
    assert e.value.code == 356 and name in e.value.message and "more than 4,300 digits" in e.value.message


@pytest.mark.parametrize("value", ["1e999", "-1e999", "NaN", "-1", "2.5"])
def test_counts_that_are_not_whole_numbers_are_an_error(tmp_path, value):
    """A code's n_positives of 1e999 (infinity: OverflowError in int()), NaN, negative or a fraction:
    the fuzzer found the first as a traceback."""
    change = lambda m: {**m, "codes": [{**m["codes"][0], "n_positives": "BIG"}] + m["codes"][1:]}  # noqa: E731

    def edit(files):
        files["model.json"] = json.dumps(change(json.loads(files["model.json"]))).replace('"BIG"', value).encode()

    with pytest.raises(ModelError) as e:
        load_model(_folder(tmp_path, edit))
    assert e.value.code == 344
