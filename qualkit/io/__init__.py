"""Safe, atomic outputs: a file or a folder of files appears whole or not at all,
and nothing the user owns is replaced. Every writer in qualkit goes through here.

The rules, checked before anything is written:

* A folder output (``--out DIR``) is replaced as a whole, and only when ``DIR`` is
  new, empty, or a folder qualkit wrote: it holds the marker file
  ``.qualkit-output`` (the command, the qualkit version and the files written) and
  no file qualkit did not write. ``DIR`` must not hold an input (a survey export, the
  codebook, the project file ...) and must not be the current folder or one above it.
* A single-file output (``-o report.html``) replaces only a regular file (or makes
  a new one), never an input; a symbolic link to a regular file is followed.
* New outputs are built under a unique temporary name beside the target, flushed to
  disk and swapped in as a whole (one atomic step on Linux). An error, Ctrl-C or
  ``kill -9`` leaves the previous outputs; the next call removes what a killed run
  left, and only that (qualkit's naming pattern, a process that has ended, and for
  folders qualkit's marker inside).
* Files and folders follow the user's umask, like any other program's outputs.
* Nothing else in qualkit removes, renames or replaces a file (a test reads every
  module for it): intermediate files go in a :func:`scratch_dir` that is removed
  here, a finished file moves into place with :func:`replace_file` or is written
  through :func:`replacing`.

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> write_text(d / "a.txt", "hallo")
>>> (d / "a.txt").read_text()
'hallo'
>>> with output_dir(d / "out", inputs=[d / "a.txt"], command="demo") as stage:
...     _ = (stage / "t.csv").write_text("x")
>>> sorted(p.name for p in (d / "out").iterdir())
['.qualkit-output', 't.csv']
>>> with output_dir(d, inputs=[d / "a.txt"]) as stage:   # doctest: +ELLIPSIS
...     pass
Traceback (most recent call last):
...
qualkit.errors.OutputError: [QK903] ...
"""
from __future__ import annotations

import contextlib
import ctypes
import errno
import json
import os
import shutil
import stat
import sys
import tempfile
from pathlib import Path
from typing import Iterable, Iterator

from qualkit.errors import OutputError

HTML_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
"""The Content-Security-Policy of every HTML page qualkit writes (the report, the themes map):
no scripts, no frames or forms, nothing loaded from elsewhere."""
MARKER = ".qualkit-output"
"""The file that marks a folder as written by qualkit (JSON: command, version, files)."""
STAGING = ".staging"
OLD = ".old"
TMP = ".tmp"
SCRATCH = ".scratch"
PathLike = str | os.PathLike


def check_output_dir(path: PathLike, inputs: Iterable[PathLike | None] = (), *, option: str = "--out") -> Path:
    """The absolute path of the output folder ``path``, or a QK error when writing it
    would replace something the user owns (see the module docstring). ``inputs`` are
    every file or folder the command reads; ``option`` names the setting in messages.
    """
    out = _abs(path)
    real = _real(out)
    try:
        cwd: Path | None = _real(Path.cwd())
    except OSError:  # the current folder was removed
        cwd = None
    if cwd is not None and (real == cwd or real in cwd.parents):
        raise OutputError(904, path=str(path), option=option)
    for f in _inputs(inputs):
        rf = _real(_abs(f))
        if rf == real or real in rf.parents:
            raise OutputError(903, path=str(path), input=str(f), option=option)
    try:
        if out.is_symlink():
            raise OutputError(907, path=str(path), option=option)
        if not out.exists():
            return out
        if not out.is_dir():
            raise OutputError(902, path=str(path), option=option)
        if not any(out.iterdir()):
            return out
        marker = read_marker(out)
        if marker is None:
            raise OutputError(905, path=str(path), option=option)
        foreign = _foreign(out, marker)
    except OutputError:
        raise
    except OSError as e:
        raise OutputError(901, path=str(path), reason=_reason(e)) from None
    if foreign:
        more = f" and {len(foreign) - 3} more" if len(foreign) > 3 else ""
        raise OutputError(906, path=str(path), files=", ".join(foreign[:3]) + more, option=option)
    return out


def check_output_file(path: PathLike, inputs: Iterable[PathLike | None] = (), *, option: str = "--out") -> Path:
    """Where a single-file output ``path`` is written (a symbolic link to a regular file is
    followed), or a QK error: the path is a folder, a named pipe, a device or a socket, or
    one of the ``inputs``."""
    target = _abs(path)
    real = _real(target)
    for f in _inputs(inputs):
        if _real(_abs(f)) == real:
            raise OutputError(909, path=str(path), option=option)
    try:
        st = os.stat(target)
    except FileNotFoundError:
        return real if target.is_symlink() else target  # new file; a dangling link is written through
    except OSError as e:
        raise OutputError(901, path=str(path), reason=_reason(e)) from None
    if not stat.S_ISREG(st.st_mode):
        raise OutputError(908, path=str(path), kind=_kind(st.st_mode), option=option)
    return real


def write_bytes(path: PathLike, data: bytes, *, inputs: Iterable[PathLike | None] = (), option: str = "--out") -> None:
    """Write ``data`` to ``path`` through a temporary file and an atomic rename, after
    :func:`check_output_file` (:func:`replacing`)."""
    try:
        with replacing(path, inputs=inputs, option=option) as tmp, open(tmp, "wb") as f:
            f.write(data)
    except OSError as e:
        if isinstance(e, OutputError):
            raise
        raise OutputError(901, path=str(path), reason=_reason(e)) from None


def write_text(path: PathLike, text: str, *, inputs: Iterable[PathLike | None] = (), option: str = "--out") -> None:
    """:func:`write_bytes` of ``text`` as UTF-8."""
    write_bytes(path, text.encode("utf-8"), inputs=inputs, option=option)


@contextlib.contextmanager
def replacing(path: PathLike, *, inputs: Iterable[PathLike | None] = (), option: str = "--out") -> Iterator[Path]:
    """Yield a new temporary file beside ``path`` to write the new contents to; when the block
    ends without error it is flushed to disk and replaces ``path`` in one atomic rename. The
    guards of :func:`check_output_file` are checked first; on any error the temporary file
    is removed and ``path`` is as it was. A file system error is an ``OSError``."""
    target = check_output_file(path, inputs, option=option)
    target.parent.mkdir(parents=True, exist_ok=True)
    _clean_stale(target, TMP)
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}.", suffix=TMP, dir=target.parent)
    tmp = Path(name)
    try:
        try:
            if hasattr(os, "fchmod"):  # mkstemp makes 0600; a new file follows the umask
                os.fchmod(fd, 0o666 & ~umask())
        finally:
            os.close(fd)
        yield tmp
        _sync_file(tmp)
        _replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def replace_file(src: PathLike, path: PathLike, *, inputs: Iterable[PathLike | None] = (),
                 option: str = "--out") -> None:
    """Move the file ``src`` (one qualkit wrote: a part, a file set aside) to ``path`` in
    one atomic rename, after the guards of :func:`check_output_file`. A symbolic link at
    ``path`` is replaced itself, not the file it points to. A file system error is an
    ``OSError`` (inside :func:`output_dir`, a QK901 error naming the output folder)."""
    check_output_file(path, inputs, option=option)
    _replace(Path(src), _abs(path))


@contextlib.contextmanager
def scratch_dir(near: PathLike) -> Iterator[Path]:
    """A new, empty folder beside ``near`` for intermediate files (``.<name>.<pid>.*.scratch``),
    removed with what is in it when the block ends."""
    near = _abs(near)
    folder = Path(tempfile.mkdtemp(prefix=f".{near.name}.{os.getpid()}.", suffix=SCRATCH, dir=near.parent))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@contextlib.contextmanager
def output_dir(path: PathLike, *, inputs: Iterable[PathLike | None] = (), command: str = "qualkit",
               option: str = "--out", carry: Iterable[str] = ()) -> Iterator[Path]:
    """Yield an empty staging folder; on success it replaces the folder ``path`` as a whole.

    ``path`` is checked first (:func:`check_output_dir` with ``inputs``). ``command``
    is recorded in the marker file. ``carry`` names entries of the previous folder
    that move into the staging folder at the start and live on in the new one (a
    cache): they go back if the run fails. On any error (or Ctrl-C) the staging
    folder is removed and ``path`` keeps its previous contents.

    The new files are flushed to disk first; on Linux the two folders are then
    swapped in one atomic step; elsewhere the previous folder is renamed to a unique
    ``.<name>.<pid>.<random>.old`` first, which the next call restores if a crash
    fell between the two renames.
    """
    out = check_output_dir(path, inputs, option=option)
    carry = [c for c in dict.fromkeys(carry) if c and c != MARKER]
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        _clean_stale(out, OLD)
        _clean_stale(out, STAGING)
        stage = Path(tempfile.mkdtemp(prefix=f".{out.name}.{os.getpid()}.", suffix=STAGING, dir=out.parent))
    except OSError as e:
        raise OutputError(901, path=str(path), reason=_reason(e)) from None
    try:
        os.chmod(stage, 0o777 & ~umask())
        _write_marker(stage, command, [], carry)
        for c in carry:
            if (out / c).exists():
                os.rename(out / c, stage / c)
        yield stage
        files = sorted(_files(stage, carry))
        _write_marker(stage, command, files, carry)
        _sync(stage)
        _publish(stage, out)
    except BaseException as e:
        for c in carry:
            if (stage / c).exists() and out.is_dir() and not (out / c).exists():
                with contextlib.suppress(OSError):
                    os.rename(stage / c, out / c)
        shutil.rmtree(stage, ignore_errors=True)
        if isinstance(e, OSError) and not isinstance(e, OutputError):
            raise OutputError(901, path=str(path), reason=_reason(e)) from None
        raise


def read_marker(folder: PathLike) -> dict | None:
    """The marker of a folder qualkit wrote (command, version, files), or None."""
    try:
        data = json.loads((Path(folder) / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    ok = isinstance(data, dict) and isinstance(data.get("files"), list) and isinstance(data.get("folders", []), list)
    return data if ok else None


def umask() -> int:
    """The process's umask (read without changing it where the system allows)."""
    with contextlib.suppress(OSError, ValueError):
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _publish(stage: Path, out: Path) -> None:
    if out.exists() and _exchange(stage, out):
        shutil.rmtree(stage, ignore_errors=True)  # it now holds the previous outputs
    elif out.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{out.name}.{os.getpid()}.", suffix=OLD, dir=out.parent))
        old.rmdir()  # a unique name, free again
        out.rename(old)
        try:
            stage.rename(out)
        except BaseException:
            old.rename(out)
            raise
        shutil.rmtree(old, ignore_errors=True)
    else:
        stage.rename(out)
    _sync_dir(out.parent)


def _write_marker(folder: Path, command: str, files: list[str], carry: list[str]) -> None:
    from qualkit import __version__

    data = {"written_by": "qualkit", "qualkit": __version__, "command": command,
            "note": "qualkit replaces this folder as a whole on the next run into it.",
            "files": files, "folders": carry}
    (folder / MARKER).write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def _files(folder: Path, skip: Iterable[str] = ()) -> Iterator[str]:
    """Every entry of ``folder`` that is not a folder (files, links), as relative '/' paths,
    leaving out the marker and the folders in ``skip``."""
    skip = set(skip)
    for root, dirs, names in os.walk(folder):
        rel = Path(root).relative_to(folder)
        if rel == Path("."):
            dirs[:] = [d for d in dirs if d not in skip]
            names = [n for n in names if n != MARKER and n not in skip]
        links = [d for d in dirs if os.path.islink(os.path.join(root, d))]
        for n in [*names, *links]:
            yield (rel / n).as_posix()


def _foreign(out: Path, marker: dict) -> list[str]:
    known = set(map(str, marker.get("files", [])))
    return sorted(f for f in _files(out, map(str, marker.get("folders", []))) if f not in known)


def _abs(path: PathLike) -> Path:
    """An absolute, normalised path ('.' and '..' resolved, symbolic links kept)."""
    return Path(os.path.abspath(os.fspath(path)))


def _real(path: Path) -> Path:
    with contextlib.suppress(OSError, ValueError):
        return Path(os.path.realpath(path))
    return path


def _inputs(inputs: Iterable[PathLike | None]) -> list[PathLike]:
    return [f for f in inputs if f is not None and os.fspath(f) != ""]


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _reason(e: OSError) -> str:
    return e.strerror or e.__class__.__name__


def _sync(folder: Path) -> None:
    """Flush every file in ``folder`` to disk before it replaces the outputs (a full disk shows here too)."""
    for p in sorted(folder.rglob("*")):
        if p.is_file() and not p.is_symlink():
            _sync_file(p)
    _sync_dir(folder)


def _sync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _replace(src: Path, target: Path) -> None:
    os.replace(src, target)
    _sync_dir(target.parent)


def _sync_dir(folder: Path) -> None:
    """Flush a folder's entries (the renames); not every platform can, which is fine."""
    with contextlib.suppress(OSError, AttributeError):
        _sync_file(folder)


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
    """Deal with ``.<name>.<pid>.*<suffix>`` left next to ``path`` by a process that no longer
    runs: a previous folder (``.old``) goes back to ``path`` if ``path`` is missing (a crash
    between two renames); other leftovers are removed, folders only when they hold qualkit's
    marker (or nothing). Anything else is left alone."""
    if os.name != "posix":
        return
    head = f".{path.name}."
    with contextlib.suppress(OSError):
        for entry in sorted(path.parent.iterdir(), key=lambda e: e.name):
            name = entry.name
            if not (name.startswith(head) and name.endswith(suffix)):
                continue
            pid = name[len(head):].split(".", 1)[0]
            if not pid.isdigit() or int(pid) == os.getpid() or _alive(int(pid)):
                continue
            if entry.is_dir() and not entry.is_symlink():
                if read_marker(entry) is None and any(entry.iterdir()):
                    continue
                if suffix == OLD and not os.path.lexists(path):
                    entry.rename(path)
                else:
                    shutil.rmtree(entry, ignore_errors=True)
            elif suffix == TMP:
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
