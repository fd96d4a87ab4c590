"""The error tree under hostile conditions: errors cross process boundaries, and hide
the exception they replace (which can hold the input)."""
from __future__ import annotations

import copy
import pickle
import traceback

import pytest

from hardening_build import MARK
from qualkit import errors
from qualkit.ingest._text import show_id

ALL = [cls for cls in vars(errors).values() if isinstance(cls, type) and issubclass(cls, errors.QualkitError)]


@pytest.mark.parametrize("cls", ALL, ids=lambda c: c.__name__)
def test_errors_survive_pickling(cls):
    """Dask and multiprocessing workers send errors back pickled."""
    e = cls(101, path="bestand.csv")
    for back in (pickle.loads(pickle.dumps(e)), copy.deepcopy(e)):
        assert type(back) is cls and back.code == 101 and str(back) == str(e) and back.message == e.message
    if cls is errors.CodebookError:
        e = cls(203, problems="2 problems in x.yaml:\n  - a\n  - b")
        e.problems = ["a", "b"]
        assert pickle.loads(pickle.dumps(e)).problems == ["a", "b"]


def _raise(suppress: bool):
    try:
        (MARK + " \xff").encode("latin-1").decode("utf-8")
    except UnicodeDecodeError:
        if suppress:
            raise errors.InputError(104, where="x.csv", line=1, encoding="utf-8", fix="Re-save it as UTF-8.") from None
        raise errors.InputError(104, where="x.csv", line=1, encoding="utf-8", fix="Re-save it as UTF-8.")


def test_raised_from_none_hides_the_caught_exception():
    with pytest.raises(errors.InputError) as info:
        _raise(suppress=True)
    e = info.value
    assert e.__context__ is None and e.__cause__ is None
    assert MARK not in "".join(traceback.format_exception(e))


def test_without_from_none_the_chain_stays():
    with pytest.raises(errors.InputError) as info:
        _raise(suppress=False)
    assert isinstance(info.value.__context__, UnicodeDecodeError)
    assert "During handling" in "".join(traceback.format_exception(info.value))


@pytest.mark.parametrize("value, shown", [("R017", "'R017'"), ("deelnemer-0042", "'deelnemer-0042'"),
                                          (f"{MARK} te druk", "(a value of 19 characters)"), ("x" * 41, "(a value of 41 characters)")])
def test_ids_in_messages(value, shown):
    assert show_id(value) == shown
