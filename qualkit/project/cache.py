"""Incremental coding: a cache of coding rows per segment, so a rerun only
recodes what changed.

Keys and rows are made by :mod:`qualkit.scale.cache` (the engine decides what
identifies a segment's coding); this module stores them. The value is the
segment's coding rows with offsets relative to the answer (an answer with no
code is stored too, as an empty list). The cache is one SQLite file, by
default ``<outputs>/.cache/codings.sqlite``; it holds matched words, so treat it
like the outputs (personal data).

>>> import tempfile, pathlib
>>> cache = CodingCache(pathlib.Path(tempfile.mkdtemp()) / "c.sqlite")
>>> k = bytes(32)
>>> cache.put_many([(k, [[0, 15, 5, 14, "personeel", "personeel", "personeel include[0] lemma:personeel"]])])
>>> cache.get_many([k])[k][0][5]
'personeel'
>>> cache.close()
"""
from __future__ import annotations

import json
import logging
import sqlite3
from pathlib import Path
from typing import Iterable, Sequence

from qualkit.errors import OutputError
from qualkit.io import replace_file

log = logging.getLogger("qualkit")
CACHE_FILE = "codings.sqlite"
_BATCH = 500


class CodingCache:
    """Coding rows per segment key in one SQLite file. A damaged file is set
    aside (renamed ``*.broken``) with a note and a fresh cache is started."""

    def __init__(self, path: str | Path, shown: str | Path | None = None):
        self.path = Path(path)
        self.shown = str(shown or path)  # the path named in messages (the cache may sit in a staging folder)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            try:
                self._db = self._open()
            except sqlite3.DatabaseError as e:
                if isinstance(e, sqlite3.OperationalError):  # full disk, read-only, locked: not damage
                    raise
                log.warning("the coding cache %s is damaged; set aside as %s.broken, starting a new one "
                            "(every segment is recoded once).", self.path, self.path.name)
                replace_file(self.path, self.path.with_name(self.path.name + ".broken"))
                self._db = self._open()
        except (OSError, sqlite3.Error) as e:
            raise self.error(e) from None

    def error(self, e: BaseException) -> OutputError:
        """QK910 for a failure of the cache file (full disk, permissions, locked, damaged)."""
        reason = getattr(e, "strerror", None) or (str(e).split(":")[0] if isinstance(e, sqlite3.Error) else "")
        return OutputError(910, path=self.shown, reason=reason or e.__class__.__name__)

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path)
        db.execute("CREATE TABLE IF NOT EXISTS codings (key BLOB PRIMARY KEY, rows TEXT NOT NULL) WITHOUT ROWID")
        db.execute("SELECT count(*) FROM (SELECT 1 FROM codings LIMIT 1)").fetchone()
        return db

    def get_many(self, keys: Sequence[bytes]) -> dict[bytes, list]:
        """The stored rows of those ``keys`` that are in the cache."""
        out: dict[bytes, list] = {}
        uniq = list(dict.fromkeys(keys))
        try:
            for i in range(0, len(uniq), _BATCH):
                part = uniq[i:i + _BATCH]
                marks = ",".join("?" * len(part))
                for k, rows in self._db.execute(f"SELECT key, rows FROM codings WHERE key IN ({marks})", part):
                    out[bytes(k)] = json.loads(rows)
        except sqlite3.Error as e:
            raise self.error(e) from None
        return out

    def put_many(self, items: Iterable[tuple[bytes, list]]) -> None:
        """Store rows per key (replacing what was there) in one transaction."""
        try:
            with self._db:
                self._db.executemany("INSERT OR REPLACE INTO codings (key, rows) VALUES (?, ?)",
                                     ((k, json.dumps(r, ensure_ascii=False, separators=(",", ":"))) for k, r in items))
        except sqlite3.Error as e:
            raise self.error(e) from None

    def __len__(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM codings").fetchone()[0])

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> "CodingCache":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
