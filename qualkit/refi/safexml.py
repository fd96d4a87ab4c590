"""Reading untrusted REFI files safely: XML without DTDs or entities, zips with limits.

A ``.qdc``/``.qde`` with a DOCTYPE or ENTITY declaration is refused before it is
parsed (no billion laughs, no external entities). A ``.qdpx`` archive is checked
as a whole before any member is read: member count, absolute or ``..`` paths
(zip slip), encryption, total size and compression ratio.

>>> root = parse_xml(b'<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes/></CodeBook>', "x.qdc")
>>> local(root), [local(k) for k in root]
('CodeBook', ['Codes'])
>>> parse_xml(b'<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>', "x.qdc")
Traceback (most recent call last):
...
qualkit.errors.RefiError: [QK507] x.qdc: has a DOCTYPE or ENTITY declaration, which REFI-QDA files never need and which can hide an entity bomb. Export the file again from its program; qualkit does not read DTDs.
"""
from __future__ import annotations

import re
import stat
import zipfile
import zlib
from pathlib import Path
from typing import Iterator

from lxml import etree

from qualkit.errors import LimitError, RefiError

MAX_MEMBERS = 100_000
MAX_TOTAL_BYTES = 500_000_000
MAX_RATIO = 200
RATIO_FLOOR = 1_000_000
"""Members smaller than this (uncompressed) are not ratio-checked: tiny files compress well."""
MAX_XML_BYTES = 200_000_000
_CHUNK = 1 << 20
_DRIVE = re.compile(r"^[A-Za-z]:")
_DECLS = tuple(s.encode(enc) for s in ("<!DOCTYPE", "<!ENTITY") for enc in ("utf-8", "utf-16-le", "utf-16-be"))


def local(el: etree._Element) -> str:
    """An element's tag without its namespace (files without namespaces are read too)."""
    tag = el.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def kids(el: etree._Element | None, name: str) -> list[etree._Element]:
    """Child elements of ``el`` named ``name``, in any namespace or none."""
    if el is None:
        return []
    return [k for k in el if local(k) == name]


def first(el: etree._Element | None, name: str) -> etree._Element | None:
    found = kids(el, name)
    return found[0] if found else None


def text_of(el: etree._Element | None, name: str) -> str:
    """Text of the child ``name`` of ``el`` (``''`` if absent)."""
    k = first(el, name)
    return "" if k is None else (k.text or "")


def parse_xml(data: bytes, where: str) -> etree._Element:
    """Parse REFI XML with entities, DTDs and network access off; refuse any DTD."""
    if any(d in data for d in _DECLS):
        raise RefiError(507, where=where)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False,
                             dtd_validation=False, remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as e:
        line, col = (e.position if e.position else (e.lineno, 0))
        kind = e.error_log[-1].type_name if len(e.error_log) else "syntax error"
        raise RefiError(506, where=where, line=line, column=col, kind=kind) from None
    info = root.getroottree().docinfo
    if info.internalDTD is not None or info.doctype:
        raise RefiError(527, where=where)
    return root


def read_file(path: str | Path, limit: int | None = None) -> bytes:
    """Bytes of a file, with QK501 if it cannot be read and QK807 if it passes ``limit``."""
    path = Path(path)
    limit = MAX_XML_BYTES if limit is None else limit
    _regular(path)
    try:
        size = path.stat().st_size
        if size > limit:
            raise LimitError(807, path=path, size=size, limit=limit)
        return path.read_bytes()
    except FileNotFoundError:
        raise RefiError(501, path=path) from None
    except IsADirectoryError:
        raise RefiError(518, path=path) from None
    except OSError as e:
        raise RefiError(509, path=path, strerror=e.strerror) from None


def _regular(path: Path) -> None:
    """Refuse a named pipe, device or socket before opening it (a FIFO would block the read forever).
    A missing path or a folder is left to the caller's own message."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        kind = ("a named pipe (FIFO)" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode)
                else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "a special file")
        raise RefiError(523, path=str(path), kind=kind)


class Archive:
    """A checked ``.qdpx`` zip. Use :func:`open_archive`; close it (or use ``with``)."""

    def __init__(self, path: Path, zf: zipfile.ZipFile):
        self.path = path
        self._zf = zf
        self._infos = {i.filename: i for i in zf.infolist()}
        self._lower: dict[str, str] = {}
        for n in self._infos:
            self._lower.setdefault(n.lower(), n)
        self._read = 0

    @property
    def names(self) -> list[str]:
        return list(self._infos)

    def find(self, name: str, folder: str | None = None) -> str | None:
        """The member ``folder/name`` (exact case first, then any case), or None."""
        want = f"{folder}/{name}" if folder else name
        if want in self._infos:
            return want
        return self._lower.get(want.lower())

    def read(self, name: str) -> bytes:
        """A member's bytes; the running total is held to :data:`MAX_TOTAL_BYTES`."""
        info = self._infos[name]
        parts: list[bytes] = []
        try:
            with self._zf.open(info) as f:
                while chunk := f.read(_CHUNK):
                    self._read += len(chunk)
                    if self._read > MAX_TOTAL_BYTES:
                        raise LimitError(805, path=self.path, name=name, limit=MAX_TOTAL_BYTES)
                    parts.append(chunk)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as e:
            if isinstance(e, LimitError):
                raise
            raise RefiError(502, path=self.path, name=name) from None
        except NotImplementedError:
            raise RefiError(525, path=self.path, name=name) from None
        return b"".join(parts)

    def close(self) -> None:
        self._zf.close()

    def __enter__(self) -> "Archive":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_archive(path: str | Path) -> Archive:
    """Open a ``.qdpx`` zip after checking every member's path, flags and sizes."""
    path = Path(path)
    _regular(path)
    try:
        zf = zipfile.ZipFile(path)
    except FileNotFoundError:
        raise RefiError(501, path=path) from None
    except IsADirectoryError:
        raise RefiError(519, path=path) from None
    except (zipfile.BadZipFile, EOFError, ValueError):
        raise RefiError(526, path=path) from None
    except OSError as e:
        raise RefiError(509, path=path, strerror=e.strerror) from None
    try:
        _check(path, zf.infolist())
    except BaseException:
        zf.close()
        raise
    return Archive(path, zf)


def _check(path: Path, infos: list[zipfile.ZipInfo]) -> None:
    if len(infos) > MAX_MEMBERS:
        raise LimitError(804, path=path, members=len(infos), limit=MAX_MEMBERS)
    total = 0
    for info in infos:
        name = info.filename
        parts = name.replace("\\", "/").split("/")
        if name.startswith(("/", "\\")) or _DRIVE.match(name) or ".." in parts or "\x00" in name:
            raise RefiError(503, path=path, name=_safe_name(name))
        if info.flag_bits & 0x1:
            raise RefiError(504, path=path, name=_safe_name(name))
        total += info.file_size
        if total > MAX_TOTAL_BYTES:
            raise LimitError(805, path=path, name=_safe_name(name), limit=MAX_TOTAL_BYTES)
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            ratio = info.file_size / max(info.compress_size, 1)
            raise LimitError(806, path=path, name=_safe_name(name), ratio=ratio, limit=MAX_RATIO)


def _safe_name(name: str) -> str:
    return name.encode("unicode_escape").decode("ascii")[:200]


def iter_elements(root: etree._Element, name: str) -> Iterator[etree._Element]:
    """All descendants of ``root`` named ``name`` (any namespace)."""
    for el in root.iter():
        if local(el) == name:
            yield el
