"""Reading input files safely: existence, decoding, size limits, zip guards, crash isolation.

Decoding tries, in order: a byte-order mark (UTF-8, UTF-16), strict UTF-8,
cp1252 (Windows Excel in Western Europe), and only then charset-normalizer.
A user-given encoding always wins. Messages name files and line numbers,
never the text itself.

>>> decode("Caf\\xe9 ok".encode("cp1252"), "a.csv", None)
'Café ok'
>>> decode("\\ufeffid;Q1".encode("utf-8"), "a.csv", None)
'id;Q1'
"""
from __future__ import annotations

import codecs
import contextlib
import io
import os
import pickle
import re
import select
import signal
import sys
import threading
import time
import zipfile
from pathlib import Path
from typing import Any, Callable, Iterator

from qualkit.errors import InputError, LimitError

MAX_CELL = 1_000_000
"""Longest cell or line (characters) read from any input."""
MAX_UNZIPPED = 200 * 1024 * 1024
"""Largest total uncompressed size of a .docx or .xlsx."""
MAX_RATIO = 100
"""Largest uncompressed/compressed ratio of a .docx or .xlsx over 1 MiB unpacked."""
MAX_ZIP_ENTRIES = 10_000

_NEWLINE = re.compile(r"\r\n|\r|\n")


def read_bytes(path: str | Path) -> bytes:
    """The bytes of ``path``; QK101 if missing, QK126 if not a readable file, QK102 if empty."""
    p = _a_file(path)
    try:
        data = p.read_bytes()
    except OSError as e:
        raise InputError(166, path=p, strerror=e.strerror) from None
    if not data.strip():
        raise InputError(102, path=p)
    return data


def check_file(path: str | Path) -> Path:
    """``path`` as a Path, after the checks of :func:`read_bytes` (without reading it all)."""
    p = _a_file(path)
    try:
        size = p.stat().st_size
    except OSError as e:  # pragma: no cover - races with deletion
        raise InputError(166, path=p, strerror=e.strerror) from None
    if size == 0:
        raise InputError(102, path=p)
    return p


def _a_file(path: str | Path) -> Path:
    """``path`` as a Path; QK101 if it does not exist, QK126 if it is not a file."""
    p = Path(path)
    if not p.exists():
        raise InputError(101, path=p)
    if not p.is_file():
        raise InputError(126, path=p)
    return p


def _line_of(data: bytes, pos: int) -> int:
    return data.count(b"\n", 0, pos) + 1


BLOCK = 1 << 20
"""Bytes read at a time when a file is checked or read in a stream."""
_NOT_TEXT = {"punycode", "undefined", "idna", "unicode-escape", "raw-unicode-escape", "mbcs", "oem"}
_SURROGATE = re.compile("[\ud800-\udfff]")


def text_codec(encoding: str, where: str) -> str:
    """The codec name for a user-given ``encoding``: QK106 if unknown, QK129 if it is not
    a text encoding (``rot13``, ``base64``, ``zlib``, ``punycode``, ``undefined`` ...)."""
    try:
        info = codecs.lookup(encoding)
    except LookupError:
        raise InputError(106, where=where, encoding=encoding) from None
    if not getattr(info, "_is_text_encoding", True) or info.name in _NOT_TEXT:
        raise InputError(129, where=where, encoding=encoding)
    return info.name


class _Blocks:
    """The bytes of a file (or of one bytes object) in blocks, with the offset of the current one."""

    def __init__(self, source: Path | bytes):
        self.source = source

    def __iter__(self):
        if isinstance(self.source, bytes):
            yield 0, self.source
            return
        with open(self.source, "rb") as f:
            offset = 0
            while block := f.read(BLOCK):
                yield offset, block
                offset += len(block)


def _check_strict(blocks: _Blocks, encoding: str, skip: int, where: str, given: bool) -> None:
    """QK104 at the first bytes that ``encoding`` cannot decode (from byte ``skip`` on)."""
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    lines = 1
    for offset, block in blocks:
        if offset + len(block) <= skip:
            continue
        part = block[max(skip - offset, 0):]
        pending = decoder.getstate()[0]
        try:
            decoder.decode(part)
        except UnicodeDecodeError as e:
            start = max(offset, skip) - len(pending) + e.start
            lines += block.count(b"\n", 0, max(start - offset, 0))
            raise _undecodable(lines, encoding, where, given) from None
        except UnicodeError:   # no position: 'utf-16' without a byte-order mark
            raise _undecodable(lines, encoding, where, given) from None
        lines += block.count(b"\n")
    try:
        decoder.decode(b"", final=True)
    except UnicodeError:
        raise _undecodable(lines, encoding, where, given) from None


def _undecodable(line: int, encoding: str, where: str, given: bool) -> InputError:
    fix = ("Leave --encoding out to detect the encoding, or try --encoding utf-8 or --encoding cp1252." if given
           else "Re-save the file as UTF-8, or name its encoding with --encoding (for example --encoding cp1252).")
    return InputError(104, where=where, line=line, encoding=encoding, fix=fix)


def detect_encoding(source: Path | bytes, where: str, encoding: str | None) -> tuple[str, int]:
    """(codec, bytes of byte-order mark to skip) for ``source``, checked over all its bytes.

    The order is the module docstring's; ``source`` is read in blocks, never whole.
    """
    blocks = _Blocks(source)
    head = next(iter(blocks), (0, b""))[1][:65536]
    if encoding:
        codec = text_codec(encoding, where)
        _check_strict(blocks, codec, 0, where, given=True)
        return codec, 0
    if head.startswith(codecs.BOM_UTF8):
        _check_strict(blocks, "utf-8", 3, where, given=False)
        return "utf-8", 3
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        _check_strict(blocks, "utf-16", 0, where, given=False)
        return "utf-16", 0
    if b"\x00" in head:
        hint = " It looks like a zip archive (.xlsx or .docx): give it that suffix." if head[:4] == b"PK\x03\x04" else ""
        raise InputError(107, where=where, hint=hint)
    decoder = codecs.getincrementaldecoder("utf-8")("strict")
    lines, ascii_so_far, total = 1, True, 0
    for offset, block in blocks:
        pending = decoder.getstate()[0]
        data = pending + block if pending else block
        try:
            decoder.decode(block, final=False)
        except UnicodeDecodeError as e:
            bad = offset - len(pending) + e.start
            lines += block.count(b"\n", 0, max(bad - offset, 0))
            if not ascii_so_far or not data[:e.start].isascii():
                raise _mixed(where, lines) from None
            return _fallback(source, blocks, bad, lines, where)
        left = decoder.getstate()[0]
        ascii_so_far = ascii_so_far and (data[:len(data) - len(left)] if left else data).isascii()
        lines += block.count(b"\n")
        total = offset + len(block)
    left = decoder.getstate()[0]
    if not left:
        return "utf-8", 0
    if not ascii_so_far:  # the file ends inside a character
        raise _mixed(where, lines)
    return _fallback(source, blocks, total - len(left), lines, where)


def _mixed(where: str, line: int) -> InputError:
    # Valid UTF-8 with non-ASCII characters up to here, then invalid bytes: mixed encodings.
    return InputError(105, where=where, line=line)


def _fallback(source: Path | bytes, blocks: _Blocks, bad: int, line: int, where: str) -> tuple[str, int]:
    """Not UTF-8 from byte ``bad`` on (ASCII before it): cp1252, else charset-normalizer's guess."""
    try:
        _check_strict(blocks, "cp1252", bad, where, given=False)
        return "cp1252", 0
    except InputError:
        pass
    from charset_normalizer import from_bytes

    sample = source[:SAMPLE_BYTES] if isinstance(source, bytes) else _head(source, SAMPLE_BYTES)
    best = from_bytes(sample).best()
    if best is None or best.encoding is None:
        raise InputError(130, where=where, line=line)
    codec = codecs.lookup(best.encoding).name
    _check_strict(blocks, codec, 0, where, given=False)
    return codec, 0


SAMPLE_BYTES = 4 << 20
"""Bytes charset-normalizer looks at when a file is neither UTF-8 nor cp1252."""


def _head(path: Path, n: int) -> bytes:
    with open(path, "rb") as f:
        return f.read(n)


def decode(data: bytes, where: str, encoding: str | None) -> str:
    """Decode ``data`` (see the module docstring); a leading BOM is removed."""
    codec, skip = detect_encoding(data, where, encoding)
    text = data[skip:].decode(codec)
    return text[1:] if text.startswith("\ufeff") else text


class TextLines:
    """The lines of a text file (line endings kept, a leading BOM removed), decoded in a
    stream with the encoding :func:`detect_encoding` chose; ``tell()`` is the byte position.

    A physical line over ``max_line`` characters is QK803, before it is held in memory whole.
    """

    def __init__(self, path: Path, encoding: str | None, max_line: int, newline: str = ""):
        self.codec, skip = detect_encoding(path, str(path), encoding)
        self.path, self.max_line = path, max_line
        self._raw = open(path, "rb")
        self._raw.seek(skip)
        self._text = io.TextIOWrapper(self._raw, encoding=self.codec, errors="strict", newline=newline)

    def __iter__(self):
        first, n = True, 0
        while line := self._text.readline(self.max_line + 1):
            n += 1
            if len(line) > self.max_line:
                raise LimitError(811, path=self.path, line=n, limit=self.max_line)
            if first:
                first = False
                if line.startswith("\ufeff"):
                    line = line[1:]
            yield line

    def tell(self) -> int:
        return self._raw.tell()

    def close(self) -> None:
        self._text.close()


def without_surrogates(text: str) -> str:
    """``text`` with lone surrogates (from a JSON ``"\\ud800"`` escape) replaced by U+FFFD,
    which spaCy, pyarrow and every writer can encode; offsets stay the same."""
    return text if text.isascii() or not _SURROGATE.search(text) else _SURROGATE.sub("\ufffd", text)


def show_id(value: str) -> str:
    """An id for a message: quoted if it looks like one (short, no spaces), else only its length.

    An id column can be the wrong column (an answer), and answers never go into messages.

    >>> show_id("R017"), show_id("geen idee eigenlijk")
    ("'R017'", '(a value of 19 characters)')
    """
    if len(value) <= 40 and not any(ch.isspace() for ch in value):
        return repr(value)
    return f"(a value of {len(value)} characters)"


_DATA_CELL = re.compile(r"[-+]?\d+(?:[.,]\d+)*%?|\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?"
                        r"|\d{1,2}:\d{2}(?::\d{2})?|[^@\s]+@[^@\s]+\.\w+")


def header_is_data(headers: list[str]) -> bool:
    """True when a header row looks like a row of answers (a file exported without its
    header row): a cell that is a number, a date or time, or an e-mail address."""
    return any(_DATA_CELL.fullmatch(str(h).strip()) for h in headers if str(h).strip())


def show_columns(headers: list[str], limit: int = 10) -> str:
    """Column names for a message, never cell contents: names of at most 40 characters on
    one line, ``colN`` for longer ones, and only positions when the header row looks like
    data (a file without a header row would otherwise show its first respondent's answers).

    >>> show_columns(["id", "leeftijd", "Wat vindt u van de plannen van de gemeente?"])
    "'id', 'leeftijd', 'col3'"
    >>> print(show_columns(["17", "34", "Te druk op het werk"]))
    col1, col2, col3 (the first row looks like data: is the header row missing?)
    """
    if header_is_data(headers):
        shown = ", ".join(f"col{i}" for i in range(1, min(len(headers), limit) + 1))
        more = f", ... ({len(headers)} in all)" if len(headers) > limit else ""
        return f"{shown}{more} (the first row looks like data: is the header row missing?)"
    names = [h if h and len(h) <= 40 and "\n" not in h and "\r" not in h else f"col{i}"
             for i, h in enumerate((str(h).strip() for h in headers), 1)]
    more = f", ... ({len(names)} in all)" if len(names) > limit else ""
    return ", ".join(repr(n) for n in names[:limit]) + more


def line_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line of ``text``, newline excluded (\\n, \\r\\n and \\r all count)."""
    spans, pos = [], 0
    for m in _NEWLINE.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    return spans


def check_line_lengths(text: str, where: str) -> None:
    """LimitError QK803 naming the first line over :data:`MAX_CELL` characters."""
    if len(text) <= MAX_CELL:
        return
    for i, (a, b) in enumerate(line_spans(text), 1):
        if b - a > MAX_CELL:
            raise LimitError(812, where=where, line=i, length=b - a, limit=MAX_CELL)


def check_cell(value: str, where: str) -> str:
    """``value`` unchanged, or LimitError QK803 if it is over :data:`MAX_CELL` characters."""
    if len(value) > MAX_CELL:
        raise LimitError(813, where=where, length=len(value), limit=MAX_CELL)
    return value


def check_zip(path: Path, app: str) -> None:
    """Refuse zip bombs (QK802) and non-zip files (QK181 workbook, QK182 Word) before a library opens them."""
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):  # NotImplementedError:
        if app == "Word":                                                             # a damaged zip version field
            raise InputError(182, path=path, suffix=path.suffix) from None
        raise InputError(181, path=path, suffix=path.suffix) from None
    total = sum(i.file_size for i in infos)
    packed = max(path.stat().st_size, 1)
    if len(infos) > MAX_ZIP_ENTRIES or total > MAX_UNZIPPED or (total > 1024 * 1024 and total / packed > MAX_RATIO):
        raise LimitError(802, path=path, total=total, entries=len(infos), packed=packed, max_bytes=MAX_UNZIPPED,
                         max_ratio=MAX_RATIO, max_entries=MAX_ZIP_ENTRIES, app=app)


def isolated(fn: Callable[[str], Any], arg: str, timeout: float) -> tuple[str, Any]:
    """``("ok", fn(arg))``, ``("error", exception type name)``, ``("crash", None)`` or ``("timeout", None)``.

    ``fn`` runs in a forked child (see :func:`isolated_iter`).
    """
    result = None
    for status, value in isolated_iter(lambda a: iter([fn(a)]), arg, timeout):
        if status != "item":
            return status, value
        result = value
    return "ok", result


def isolated_iter(fn: Callable[[str], Iterator[Any]], arg: str, timeout: float) -> Iterator[tuple[str, Any]]:
    """``("item", x)`` for each item ``fn(arg)`` yields, then nothing if all went well, or one last
    ``("error", exception type name)``, ``("crash", None)`` or ``("timeout", None)``.

    ``fn`` runs in a forked child whose items come back pickled over a pipe, one at a
    time (the child is this same program; nothing else is unpickled), so a C library
    that crashes on a damaged file cannot take this process down. ``timeout`` bounds
    the time spent waiting for the child, not the time the caller spends on the items.
    On Linux only (macOS system libraries do not survive a fork), and only while no
    other thread runs (forking them is unsafe); otherwise it runs in-process.
    """
    if not sys.platform.startswith("linux") or threading.active_count() > 1:
        try:
            for item in fn(arg):
                yield "item", item
        except Exception as e:
            yield "error", type(e).__name__
        return
    size = os.path.getsize(arg) if os.path.exists(arg) else 0
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        code = 0
        try:
            os.close(r)
            _child_setup(size)
            try:
                for item in fn(arg):
                    _send(w, ("item", item))
                _send(w, ("end", None))
            except Exception as e:
                _send(w, ("error", type(e).__name__))
        except BaseException:
            code = 1
        finally:
            os._exit(code)
    os.close(w)
    buf = bytearray()
    waited, ended, final = 0.0, False, None
    try:
        while not ended:
            t0 = time.monotonic()
            ready = select.select([r], [], [], max(0.0, min(timeout - waited, 1.0)))[0]
            waited += time.monotonic() - t0
            if not ready:
                if waited >= timeout:
                    final = ("timeout", None)
                    break
                continue
            chunk = os.read(r, 1 << 20)
            if not chunk:
                break
            buf += chunk
            while len(buf) >= 8 and len(buf) >= 8 + int.from_bytes(buf[:8], "little"):
                n = int.from_bytes(buf[:8], "little")
                status, value = pickle.loads(bytes(buf[8:8 + n]))
                del buf[:8 + n]
                if status == "end":
                    ended = True
                elif status == "error":
                    final, ended = (status, value), True
                else:
                    yield status, value
    finally:
        os.close(r)
        if not ended:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
        status = os.waitpid(pid, 0)[1]
    if final is not None:
        yield final
    elif not ended or status != 0:
        yield "crash", None


def _send(fd: int, payload: tuple) -> None:  # pragma: no cover - runs in the child
    data = pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL)
    view = memoryview(len(data).to_bytes(8, "little") + data)
    while view:
        view = view[os.write(fd, view):]


def _child_setup(size: int) -> None:  # pragma: no cover - runs in the child
    """Quiet (a C library may print), no faulthandler dump, and a memory cap."""
    import faulthandler

    faulthandler.disable()
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 1)
    os.dup2(null, 2)
    with contextlib.suppress(Exception):
        import resource

        with open("/proc/self/status") as f:
            vm = next(int(line.split()[1]) * 1024 for line in f if line.startswith("VmSize:"))
        cap = vm + max(8 << 30, 40 * size)
        resource.setrlimit(resource.RLIMIT_AS, (cap, resource.getrlimit(resource.RLIMIT_AS)[1]))
