"""Run manifests: what produced a set of tables, provably.

``manifest.json`` records the sha256 of every input file, the codebook (name,
version, sha256) per wave, the pipeline and package versions, the settings and
seed, the sha256 of every table written, and the date. The date lives only
here: table files carry no timestamps, so a rerun on the same inputs gives
byte-identical tables (compare their hashes across manifests).

>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "a.csv"
>>> _ = p.write_bytes(b"id;Q1\\n")
>>> file_sha256(p)[:12]
'e3418615095e'
>>> sorted(software())[:3]
['dask', 'distributed', 'numpy']
"""
from __future__ import annotations

import hashlib
import json
import platform
import sys
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path
from typing import Any

from qualkit.codebook.model import Codebook
from qualkit.errors import ProjectError

MANIFEST = "manifest.json"
MANIFEST_VERSION = 1
PACKAGES = ("numpy", "pandas", "scipy", "scikit-learn", "spacy", "spacy-lookups-data", "pyyaml",
            "openpyxl", "pyarrow", "dask", "distributed", "regex")


def file_sha256(path: str | Path) -> str:
    """sha256 of a file's bytes, read in blocks (any size)."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def software() -> dict[str, str | None]:
    """Versions of qualkit, Python and the packages that shape the results."""
    from qualkit import __version__

    out: dict[str, str | None] = {"qualkit": __version__, "python": platform.python_version(),
                                  "platform": f"{sys.platform}-{platform.machine()}"}
    for name in PACKAGES:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = None
    return dict(sorted(out.items()))


def codebook_record(cb: Codebook, rel_path: str | None) -> dict[str, Any]:
    return {"name": cb.name, "version": cb.version, "path": rel_path, "sha256": cb.sha256,
            "codes": len(cb.codes)}


def now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


def codebook_changes(waves: dict[str, dict]) -> list[dict[str, Any]]:
    """Consecutive waves coded with a different codebook (by sha256), in wave order.

    >>> codebook_changes({"a": {"codebook": {"sha256": "1", "version": "1.0"}},
    ...                   "b": {"codebook": {"sha256": "2", "version": "1.1"}}})[0]["message"]
    "wave 'b' is coded with codebook version 1.1 (sha256 2), wave 'a' with version 1.0 (sha256 1): shares may differ because the codebook changed, not only the answers."
    """
    names = list(waves)
    out = []
    for a, b in zip(names, names[1:]):
        ca, cb = waves[a]["codebook"], waves[b]["codebook"]
        if ca["sha256"] != cb["sha256"]:
            same = " (same version number: bump 'version' when you edit a codebook)" if ca["version"] == cb["version"] else ""
            out.append({"wave": b, "previous_wave": a, "from": ca, "to": cb, "message": (
                f"wave {b!r} is coded with codebook version {cb['version']} (sha256 {cb['sha256'][:12]}), "
                f"wave {a!r} with version {ca['version']} (sha256 {ca['sha256'][:12]}){same}: shares may differ "
                "because the codebook changed, not only the answers.")})
    return out


def changes_since(previous: dict | None, waves: dict[str, dict]) -> list[dict[str, Any]]:
    """What changed per wave since the manifest of the previous run (inputs or codebook)."""
    if not previous:
        return []
    out = []
    for name, cur in waves.items():
        old = (previous.get("waves") or {}).get(name)
        if not old:
            continue
        if (old.get("codebook") or {}).get("sha256") != cur["codebook"]["sha256"]:
            ov = (old.get("codebook") or {}).get("version")
            out.append({"wave": name, "what": "codebook", "message": (
                f"wave {name!r}: codebook changed since the last run (version {ov} -> {cur['codebook']['version']}); "
                "its tables were recomputed and differ from the ones the previous manifest describes.")})
        old_inputs = {i["path"]: i["sha256"] for i in old.get("inputs", [])}
        new_inputs = {i["path"]: i["sha256"] for i in cur.get("inputs", [])}
        if old_inputs != new_inputs:
            out.append({"wave": name, "what": "inputs", "message": (
                f"wave {name!r}: input files changed since the last run.")})
    return out


def read_manifest(path: str | Path) -> dict | None:
    """A manifest written earlier, or None when there is none (or it is unreadable)."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):  # ValueError: also bad UTF-8 and numbers of 4,300+ digits
        return None
    return data if _well_formed(data) else None


def _well_formed(m: Any) -> bool:
    """The shape qualkit writes (what the run and the status read from a previous manifest)."""
    def is_file(i: Any) -> bool:
        return isinstance(i, dict) and isinstance(i.get("path"), str) and isinstance(i.get("sha256"), str)

    if not isinstance(m, dict) or m.get("manifest_version") != MANIFEST_VERSION or not isinstance(m.get("waves"), dict):
        return False
    for w in m["waves"].values():
        if not (isinstance(w, dict) and isinstance(w.get("inputs", []), list) and all(map(is_file, w.get("inputs", [])))
                and isinstance(w.get("codebook", {}), dict) and isinstance(w.get("tables", {}), dict)):
            return False
    return True


def dumps(manifest: dict) -> str:
    return json.dumps(manifest, indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def check_manifest(manifest: dict, root: str | Path, outputs: str | Path | None = None) -> list[str]:
    """Problems found when re-hashing a manifest's inputs and tables under ``root``
    (the project folder) and ``outputs`` (default: the manifest's own ``outputs``
    under ``root``); empty when everything still matches. Only files inside ``root``
    and ``outputs`` are read: a path that leads elsewhere is a problem itself.

    Raises ``[QK726]`` when the manifest is not a qualkit manifest.
    """
    if not _well_formed(manifest):
        raise ProjectError(726, path=MANIFEST)
    root = Path(root)
    out_dir = Path(outputs) if outputs is not None else root / str(manifest.get("outputs", "out"))
    problems = []
    for name, wave in manifest["waves"].items():
        files = [("input", i["path"], i["sha256"], root) for i in wave.get("inputs", [])]
        files += [("table", rel, digest, out_dir / str(name)) for rel, digest in wave.get("tables", {}).items()]
        for kind, rel, digest, base in files:
            p = _inside(base, rel)
            if p is None:
                problems.append(f"wave {name!r}: {kind} {rel!r} lies outside the project (the manifest was edited).")
            elif not p.is_file():
                problems.append(f"wave {name!r}: {kind} {rel} is missing.")
            elif file_sha256(p) != digest:
                problems.append(f"wave {name!r}: {kind} {rel} has changed.")
    return problems


def verify_outputs(project) -> int:
    """Check a :class:`~qualkit.project.Project`'s outputs against the manifest of its last
    run: every input and table re-hashed. Returns how many files were checked.

    Raises ``[QK721]`` when there is no manifest yet, ``[QK726]`` when it cannot be read,
    ``[QK724]`` naming every file that is missing or differs.
    """
    path = project.outputs / MANIFEST
    if not path.exists():
        raise ProjectError(721, path=project.rel(path))
    manifest = read_manifest(path)
    if manifest is None:
        raise ProjectError(726, path=project.rel(path))
    try:
        problems = check_manifest(manifest, project.root, project.outputs)
    except OSError as e:
        raise ProjectError(901, path=project.rel(path), reason=e.strerror or type(e).__name__) from None
    if problems:
        shown = problems[:20] + ([f"... and {len(problems) - 20} more"] if len(problems) > 20 else [])
        raise ProjectError(724, count=len(problems), problems="\n  ".join(["", *shown]))
    return sum(len(w.get("inputs", [])) + len(w.get("tables", {})) for w in manifest["waves"].values())


def _inside(base: Path, rel: object) -> Path | None:
    """``base / rel`` when ``rel`` is a relative path that stays inside ``base``, else None."""
    if not isinstance(rel, str) or not rel or "\0" in rel:
        return None
    p = Path(rel)
    if p.is_absolute() or ".." in p.parts:
        return None
    return base / p
