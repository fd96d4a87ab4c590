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
import ctypes
import errno
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Iterator

from qualkit.errors import OutputError

STAGING = ".staging"
TMP = ".tmp"


def write_bytes(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temporary file and an atomic rename."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _clean_stale(path, TMP)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=TMP, dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, path)
            _sync_dir(path.parent)
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
    previous contents. The new files are flushed to disk first; on Linux the two
    folders are then swapped in one atomic step;
    elsewhere a crash between two renames leaves ``<path>.old``, which the next
    call restores first. Staging folders a killed run left behind are removed by
    the next call.
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
        _clean_stale(path, STAGING)
        stage = Path(tempfile.mkdtemp(prefix=f".{path.name}.{os.getpid()}.", suffix=STAGING, dir=path.parent))
    except OSError as e:
        raise OutputError(901, f"{path}: cannot prepare the output folder ({e.strerror}). Check free disk space and permissions.") from None
    try:
        yield stage
        _sync(stage)
        if path.exists() and _exchange(stage, path):
            shutil.rmtree(stage, ignore_errors=True)  # it now holds the previous outputs
        else:
            if path.exists():
                path.rename(old)
            stage.rename(path)
            if old.exists():
                shutil.rmtree(old, ignore_errors=True)
        _sync_dir(path.parent)
    except BaseException as e:
        shutil.rmtree(stage, ignore_errors=True)
        if old.exists() and not path.exists():
            old.rename(path)
        if isinstance(e, OSError) and not isinstance(e, OutputError):
            raise OutputError(901, f"{path}: cannot write output ({e.strerror}). Check free disk space and permissions.") from None
        raise


def _sync(folder: Path) -> None:
    """Flush every file in ``folder`` to disk before it replaces the outputs (a full disk shows here too)."""
    for p in sorted(folder.rglob("*")):
        if p.is_file() and not p.is_symlink():
            fd = os.open(p, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
    _sync_dir(folder)


def _sync_dir(folder: Path) -> None:
    """Flush a folder's entries (the renames); not every platform can, which is fine."""
    with contextlib.suppress(OSError, AttributeError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders atomically (Linux ``renameat2(RENAME_EXCHANGE)``); False where unsupported."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        fn = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):  # glibc < 2.28, musl
        return False
    fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    at_fdcwd, rename_exchange = -100, 2
    if fn(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):  # old kernel, or a file system without it
        return False
    raise OSError(err, os.strerror(err), str(b))


def _clean_stale(path: Path, suffix: str) -> None:
    """Remove ``.<name>.<pid>.*<suffix>`` left next to ``path`` by a process that no longer runs."""
    if os.name != "posix":
        return
    head = f".{path.name}."
    with contextlib.suppress(OSError):
        for entry in path.parent.iterdir():
            name = entry.name
            if not (name.startswith(head) and name.endswith(suffix)):
                continue
            pid = name[len(head):].split(".", 1)[0]
            if pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)):
                if entry.is_dir() and not entry.is_symlink():
                    shutil.rmtree(entry, ignore_errors=True)
                else:
                    with contextlib.suppress(OSError):
                        entry.unlink()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # EPERM: another user's process
        return True
    return True
