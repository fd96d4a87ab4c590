"""Atomic output: a file or a folder of files appears whole or not at all.

Inputs are never modified. Every writer in qualkit goes through here, so an
interrupted run leaves the previous outputs or the new ones, never a mix.

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> write_text(d / "a.txt", "hallo")
>>> (d / "a.txt").read_text()
'hallo'
"""
from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path
from typing import Iterator

from qualkit.errors import OutputError


def write_bytes(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temporary file and an atomic rename."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
    except OSError as e:
        raise OutputError(901, f"{path}: cannot write output ({e.strerror}). Check free disk space and permissions.") from None


def write_text(path: str | Path, text: str) -> None:
    write_bytes(path, text.encode("utf-8"))


@contextlib.contextmanager
def output_dir(path: str | Path) -> Iterator[Path]:
    """Yield a fresh staging folder; on success it replaces ``path`` as a whole.

    On any error (or Ctrl-C) the staging folder is removed and ``path`` keeps its
    previous contents. A crash between the two renames leaves ``<path>.old``,
    which the next call restores first.
    """
    path = Path(path)
    old = path.with_name(path.name + ".old")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if old.exists() and not path.exists():
            old.rename(path)
        elif old.exists():
            shutil.rmtree(old)
        if path.exists() and not path.is_dir():
            raise OutputError(902, f"{path}: exists and is not a folder. Choose another --out folder.")
        stage = Path(tempfile.mkdtemp(prefix=f".{path.name}.", dir=path.parent))
    except OSError as e:
        raise OutputError(901, f"{path}: cannot prepare the output folder ({e.strerror}). Check free disk space and permissions.") from None
    try:
        yield stage
        if path.exists():
            path.rename(old)
        stage.rename(path)
        if old.exists():
            shutil.rmtree(old, ignore_errors=True)
    except BaseException as e:
        shutil.rmtree(stage, ignore_errors=True)
        if old.exists() and not path.exists():
            old.rename(path)
        if isinstance(e, OSError) and not isinstance(e, OutputError):
            raise OutputError(901, f"{path}: cannot write output ({e.strerror}). Check free disk space and permissions.") from None
        raise
