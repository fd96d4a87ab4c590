"""A learned model as a folder of plain data: no pickle, nothing executable.

``model.json`` (parameters, codes with status, cut-off and scores, training data
hash, codebook name/version/hash), ``vocabulary.json`` (the word and character
n-grams), ``weights.npz`` (float arrays only, read with ``allow_pickle=False``),
``codebook.yaml`` when the model uses codebook rules, and ``scores.csv`` (the
cross-validated scores, for people). The same model gives the same bytes (no
time stamps), so a model folder can be checked into version control.
Loading checks every part and raises ``ModelError`` QK340-QK344 and QK355 on a
missing, corrupt, tampered or newer-format folder; saving refuses (QK353) to
replace a folder that is not a model.

>>> import tempfile, pathlib, pandas as pd
>>> from qualkit.coding.learned import CodingModel, LearnedCoder
>>> X = pd.DataFrame({"text": ["meer personeel", "veel administratie"] * 6})
>>> Y = pd.DataFrame({"personeel": [1, 0] * 6})
>>> model = CodingModel(LearnedCoder(min_positives=2).fit(X, Y))
>>> d = pathlib.Path(tempfile.mkdtemp()) / "model"
>>> save_model(model, d)
>>> load_model(d).coder.predict(X.head(2))["personeel"].tolist()
[1, 0]
"""
from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any

import numpy as np

from qualkit.coding.learned import STATUSES, CodingModel, LearnedCoder
from qualkit.errors import ModelError, QualkitError

FORMAT = "qualkit-learned-coder"
FORMAT_VERSION = 2
_ARRAYS = ("coef", "intercept", "platt", "word_idf", "char_idf")
MAX_WEIGHTS = 2_000_000_000
MAX_JSON = 500_000_000
"""model.json and vocabulary.json at most (a vocabulary of ``max_features=None`` on a large corpus stays far below)."""
_PARAMS = ("C", "min_positives", "word_ngrams", "char_ngrams", "min_df", "max_features", "threshold", "rule_weight",
           "exclusive", "cv", "random_state")


def is_model_dir(path: str | Path) -> bool:
    """True when ``path`` is a folder with a ``model.json`` (to tell a learned model from a spaCy pipeline)."""
    return (Path(path) / "model.json").is_file()


def save_model(model: CodingModel, path: str | Path, *, inputs: Any = ()) -> None:
    """Write ``model`` to the folder ``path`` atomically (the folder is replaced as a whole;
    it may not hold any of ``inputs``, see :func:`qualkit.io.output_dir`)."""
    from qualkit.codebook import dumps
    from qualkit.io import output_dir

    coder = model.coder
    coder._check_fitted()
    path = Path(path)
    if path.exists() and (not path.is_dir() or (any(path.iterdir()) and not (path / "model.json").exists())):
        raise ModelError(353, path=path)
    meta = {
        "format": FORMAT, "format_version": FORMAT_VERSION,
        "language": model.language, "unit": model.unit,
        "params": {k: _plain(getattr(coder, k)) for k in _PARAMS},
        "codes": [{"id": c, "status": coder.status_[c], "n_positives": coder.n_positives_[c],
                   "threshold": coder.threshold_[c]} for c in coder.codes_],
        "model_codes": coder.model_codes_, "rule_features": coder.rule_features_,
        "categories": {c: [code, _plain(v)] for c, (code, v) in model.categories.items()},
        "codebook": None if model.codebook is None else {
            "name": model.codebook.name, "version": model.codebook.version, "sha256": model.codebook.sha256},
        "info": _plain(model.info),
    }
    weights = _npz({"coef": coder.coef_, "intercept": coder.intercept_, "platt": coder.platt_,
                    "word_idf": coder.word_idf_, "char_idf": coder.char_idf_})
    vocab = {"word": coder.word_vocabulary_, "char": coder.char_vocabulary_}
    with output_dir(path, inputs=inputs, command="learn") as stage:
        (stage / "model.json").write_text(json.dumps(meta, indent=1, ensure_ascii=False), encoding="utf-8")
        (stage / "vocabulary.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
        (stage / "weights.npz").write_bytes(weights)
        if model.codebook is not None:
            (stage / "codebook.yaml").write_text(dumps(model.codebook), encoding="utf-8")
        if model.info.get("scores"):
            import pandas as pd

            pd.DataFrame(model.info["scores"]).to_csv(stage / "scores.csv", index=False, encoding="utf-8")


def _npz(arrays: dict[str, np.ndarray]) -> bytes:
    """An .npz (zip of .npy, deflated) with fixed member dates: the same arrays give the same bytes."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, arr in arrays.items():
            member = io.BytesIO()
            np.lib.format.write_array(member, np.ascontiguousarray(arr, dtype=float), allow_pickle=False)
            info = zipfile.ZipInfo(name + ".npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, member.getvalue())
    return buf.getvalue()


def load_model(path: str | Path) -> CodingModel:
    """Read a model folder written by :func:`save_model`, checking every part."""
    path = Path(path)
    if not (path / "model.json").is_file():
        what = "does not exist" if not path.exists() else "has no model.json"
        raise ModelError(340, path=path, what=what)
    for name in ("model.json", "vocabulary.json", "weights.npz", "codebook.yaml"):
        _plain_file(path / name)
    meta = _json(path / "model.json")
    if not isinstance(meta, dict) or meta.get("format") != FORMAT:
        raise ModelError(342, path=path / 'model.json', format=meta.get('format') if isinstance(meta, dict) else None)
    if meta.get("format_version") != FORMAT_VERSION:
        raise ModelError(357, path=path / 'model.json', version=meta.get('format_version'), supported=FORMAT_VERSION)
    vocab = _json(path / "vocabulary.json")
    arrays = _arrays(path / "weights.npz")
    try:
        coder = _coder(meta, vocab, arrays, path / "vocabulary.json")
        codebook = _codebook(path, meta.get("codebook"))
        cats = {str(c): (str(v[0]), v[1]) for c, v in meta.get("categories", {}).items()}
        info = dict(meta.get("info") or {})
        if not isinstance(info.get("scores", []), list) or not all(isinstance(r, dict) for r in info.get("scores", [])):
            raise ValueError("scores")
        return CodingModel(coder=coder, language=str(meta["language"]), unit=str(meta["unit"]),
                           codebook=codebook, categories=cats, info=info)
    except QualkitError:
        raise
    except (KeyError, TypeError, ValueError, AttributeError, IndexError):
        raise ModelError(344, path=path) from None


def _coder(meta: dict, vocab: Any, arrays: dict[str, np.ndarray], where: Path) -> LearnedCoder:
    params = dict(meta["params"])
    params["word_ngrams"] = tuple(params["word_ngrams"])
    params["char_ngrams"] = None if params["char_ngrams"] is None else tuple(params["char_ngrams"])
    _check_params(params)
    coder = LearnedCoder(**{k: params[k] for k in _PARAMS})
    codes = meta["codes"]
    for kind in ("word", "char"):
        terms = vocab[kind]
        if not isinstance(terms, list) or not all(isinstance(t, str) for t in terms):
            raise ValueError("vocabulary")
        seen: set[str] = set()
        for i, t in enumerate(terms):
            if t in seen:
                raise ModelError(355, path=str(where), kind=kind, position=i)
            seen.add(t)
        setattr(coder, f"{kind}_vocabulary_", terms)
        setattr(coder, f"{kind}_idf_", arrays[f"{kind}_idf"])
    coder.platt_ = arrays["platt"]
    coder.rule_features_ = [str(r) for r in meta["rule_features"]]
    coder.codes_ = [str(c["id"]) for c in codes]
    coder.status_ = {str(c["id"]): str(c["status"]) for c in codes}
    coder.n_positives_ = {str(c["id"]): _count(c["n_positives"]) for c in codes}
    coder.threshold_ = {str(c["id"]): float(c["threshold"]) for c in codes}
    coder.model_codes_ = [str(c) for c in meta["model_codes"]]
    coder.coef_, coder.intercept_ = arrays["coef"], arrays["intercept"]
    n_feat = len(coder.word_vocabulary_) + len(coder.char_vocabulary_) + len(coder.rule_features_)
    ok = (all(getattr(coder, f"{k}_idf_").shape == (len(getattr(coder, f"{k}_vocabulary_")),) for k in ("word", "char"))
          and coder.coef_.shape == (len(coder.model_codes_), n_feat)
          and coder.intercept_.shape == (len(coder.model_codes_),) and coder.platt_.shape == (len(coder.model_codes_), 2)
          and np.isfinite(coder.coef_).all() and np.isfinite(coder.platt_).all()
          and all(0 <= t <= 1 for t in coder.threshold_.values())
          and set(coder.status_.values()) <= set(STATUSES)
          and [c for c in coder.codes_ if coder.status_[c] == "model"] == coder.model_codes_
          and len(set(coder.codes_)) == len(coder.codes_)
          and all(c in coder.status_ for g in coder.exclusive or [] for c in g))
    if not ok:
        raise ValueError("shapes")
    return coder


def _plain_file(where: Path) -> None:
    """Refuse a part of the folder that is a link, a pipe, a device or a folder (it could point outside
    the folder, block for ever or never end); a missing part is reported where it is read."""
    import stat

    try:
        st = where.lstat()
    except FileNotFoundError:
        return
    except OSError:
        raise ModelError(376, where=where) from None
    if not stat.S_ISREG(st.st_mode):
        raise ModelError(376, where=where)
    if where.suffix == ".json" and st.st_size > MAX_JSON:
        raise ModelError(377, where=where, size=st.st_size, limit=MAX_JSON)


def _count(value: Any) -> int:
    """A count as saved: a whole number of at least 0 (not 2.5, -1 or 1e999, which JSON reads as infinity)."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError("count")
    return value


def _codebook(path: Path, info: Any):
    if info is None:
        return None
    from qualkit.codebook import loads

    where = path / "codebook.yaml"
    try:
        cb = loads(where.read_text(encoding="utf-8"), str(where))
    except (OSError, UnicodeDecodeError, QualkitError):
        raise ModelError(343, where=where, codebook=info.get('name')) from None
    if cb.sha256 != info.get("sha256"):
        raise ModelError(358, where=where)
    return cb


def _json(where: Path) -> Any:
    try:
        return json.loads(where.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise ModelError(341, where=where) from None
    except ValueError:  # an integer of more digits than Python converts (sys.get_int_max_str_digits)
        raise ModelError(356, path=str(where)) from None


def _check_params(p: dict) -> None:
    """Parameters as ``save_model`` writes them; anything else is a damaged model.json."""
    num = (int, float)

    def ngrams(ng) -> bool:
        return (len(ng) == 2 and all(isinstance(n, int) and not isinstance(n, bool) and 1 <= n <= 8 for n in ng)
                and ng[0] <= ng[1])

    ok = (ngrams(p["word_ngrams"]) and (p["char_ngrams"] is None or ngrams(p["char_ngrams"]))
          and isinstance(p["cv"], int) and p["cv"] >= 2
          and isinstance(p["C"], num) and not isinstance(p["C"], bool) and 0 < p["C"] < float("inf")
          and isinstance(p["min_positives"], int) and isinstance(p["min_df"], int) and p["min_df"] >= 1
          and (p["max_features"] is None or (isinstance(p["max_features"], int) and p["max_features"] >= 1))
          and (p["threshold"] == "auto" or (isinstance(p["threshold"], num) and 0 <= p["threshold"] <= 1))
          and isinstance(p["rule_weight"], num) and abs(p["rule_weight"]) < float("inf")
          and isinstance(p["random_state"], int) and 0 <= p["random_state"] < 2 ** 32
          and (p["exclusive"] is None or (isinstance(p["exclusive"], list)
                                          and all(isinstance(g, list) and all(isinstance(c, str) for c in g)
                                                  for g in p["exclusive"]))))
    if not ok:
        raise ValueError("params")


def _arrays(where: Path) -> dict[str, np.ndarray]:
    try:
        with zipfile.ZipFile(where) as zf:
            if sum(i.file_size for i in zf.infolist()) > MAX_WEIGHTS:
                raise ModelError(359, where=where, limit=MAX_WEIGHTS)
        with np.load(where, allow_pickle=False) as npz:
            arrays = {k: npz[k] for k in _ARRAYS}
    except ModelError:
        raise
    except Exception:  # noqa: BLE001 - any failure to parse a damaged file (zlib, tokenize, header, memory) is corruption
        raise ModelError(360, where=where) from None
    if any(not isinstance(a, np.ndarray) or a.dtype.kind != "f" for a in arrays.values()):
        raise ModelError(361, where=where)
    return arrays


def _plain(v: Any) -> Any:
    """JSON-safe copy: tuples -> lists, numpy scalars -> Python, NaN -> None."""
    if isinstance(v, dict):
        return {str(k): _plain(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [_plain(x) for x in v]
    if isinstance(v, np.generic):
        v = v.item()
    if isinstance(v, float) and v != v:
        return None
    return v
