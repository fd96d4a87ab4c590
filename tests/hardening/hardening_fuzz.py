"""Mutations (Hypothesis strategies) and the case runner shared by the fuzz modules.

A case is a seed file, a list of byte mutations (flip, insert, delete, truncate,
duplicate or repeat a chunk, inject NUL/BOM/CRLF/invalid UTF-8/markup/huge runs)
and, for zip formats, member mutations (drop, duplicate, rename to a zip-slip
path, store uncompressed, inject a DTD, swap in random bytes). The runner calls
a reader on it and accepts a result or a ``QualkitError``; any other exception
fails the test, and a case running past ``HANG_S`` seconds of CPU time fails as a hang.

``QUALKIT_FUZZ_EXAMPLES`` sets the number of cases per reader (default 600: about 3 minutes on 2 cores).
Counts per reader are printed at the end of the session by ``hardening_plugin``.
"""
from __future__ import annotations

import contextlib
import io
import os
import signal
import time
import warnings
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from hardening_cases import HOSTILE_VALUES
from hardening_corpus import Seed
from qualkit.errors import QualkitError

EXAMPLES = int(os.environ.get("QUALKIT_FUZZ_EXAMPLES", "600"))
HANG_S = float(os.environ.get("QUALKIT_FUZZ_HANG_S", "30"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, database=None, print_blob=True,
                suppress_health_check=list(HealthCheck))


@dataclass
class Stats:
    cases: int = 0
    ok: int = 0
    qk: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    slowest: float = 0.0
    slowest_case: str = ""
    known: dict[str, int] = field(default_factory=dict)


STATS: dict[str, Stats] = {}
"""Reader name -> counts; read by hardening_plugin for the terminal summary."""


class Hang(BaseException):
    """A case ran past HANG_S. A BaseException, so readers' ``except Exception`` cannot hide it."""


WALL_FACTOR = 10
"""A case also fails as a hang after ``WALL_FACTOR * HANG_S`` seconds of wall time (a wait
that burns no CPU: a child process, a lock)."""


@contextlib.contextmanager
def time_limit(seconds: float, what: str):
    """Raise :class:`Hang` after ``seconds`` of this process's CPU time (so the load of a shared
    machine does not count, while a loop that never ends still does), or ``WALL_FACTOR`` times
    as many seconds of wall time."""
    def cpu(signum, frame):
        raise Hang(f"{what}: still running after {seconds:g} s of CPU time")

    def wall(signum, frame):
        raise Hang(f"{what}: still running after {seconds * WALL_FACTOR:g} s")

    old = signal.signal(signal.SIGPROF, cpu), signal.signal(signal.SIGALRM, wall)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    signal.setitimer(signal.ITIMER_REAL, seconds * WALL_FACTOR)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGPROF, old[0])
        signal.signal(signal.SIGALRM, old[1])


def run_case(reader: str, call: Callable[[], object], describe: str, check: Callable | None = None,
             known: tuple[type[BaseException], ...] = ()) -> object:
    """Run ``call``; return its result or the QualkitError. Anything else fails, with ``describe``,
    except ``known``: bugs reported to another module's owner, counted in the summary until fixed."""
    stats = STATS.setdefault(reader, Stats())
    stats.cases += 1
    t0 = time.perf_counter()
    try:
        with time_limit(HANG_S, f"{reader} on {describe}"), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                result = call()
            except QualkitError as e:
                stats.qk[f"QK{e.code:03d}"] = stats.qk.get(f"QK{e.code:03d}", 0) + 1
                assert str(e).startswith(f"[QK{e.code:03d}] "), str(e)[:200]
                return e
            except known as e:
                stats.known[type(e).__name__] = stats.known.get(type(e).__name__, 0) + 1
                return e
            except Exception as e:
                raise AssertionError(f"{reader}: {type(e).__name__} (not a QualkitError) on {describe}") from e
            stats.ok += 1
            if check is not None:
                check(result)
            return result
    finally:
        took = time.perf_counter() - t0
        stats.seconds += took
        if took > stats.slowest:
            stats.slowest, stats.slowest_case = took, describe


# -- byte mutations ------------------------------------------------------------------------------

HUGE = 1_000_010  # just over MAX_CELL
TOKENS = [b"\x00", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\r\n", b"\r", b"\n", b"\n\n\n", b'"', b'""', b";",
          b",", b"\t", b"|", b"\xff", b"\xc3", b"\xc3(", b"\xed\xa0\x80", b"\xe2\x80\xa8", b"\x85", b"\xe9",
          "😀".encode(), b"\x1b[31m", b"<", b">", b"&", b"&amp;", b"&#0;", b"&#x1F;", b"]]>", b"<![CDATA[",
          b'<!DOCTYPE x [<!ENTITY a "aaaa">]>', b"&a;", b"*", b":", b": ", b"-->", b"WEBVTT\n\n",
          b"\n00:00.000 --> 00:01.000\n", b"<v Jan>", b"</v>", b"{", b"}", b"[", b"]", b'"turns":', b"null",
          b"&x", b"*x", b"- ", b"  ", b"\t\t", b"NA", b"=HYPERLINK(\"http://x\")", b"\\", b"%s", b"{0}",
          b"Interviewer: ", b"**R**\\\n", b"[00:01:02] Jan: ", b"sep=;\n", b'{"ImportId":"Q1"}', b"1e999",
          b"-0", b"9" * 30, b"\xd8\x00", b"\x00\x00\x00\x80", b"\xff\xff\xff\x7f", b"\xff\xff\xff\xff",
          *HOSTILE_VALUES]
"""Byte strings the mutations insert: parser-breaking tokens and the hand-made hostile values
(:data:`hardening_cases.HOSTILE_VALUES`: huge integers, impossible dates, markup, formulas, surrogates)."""
RUNS = [b"x", b"a ", b'"', b"\n", b";", b"(", b"[", b"<a>", b"- ", b"*", b"\t", b"&a;"]

POS = st.integers(0, 1 << 16)
BYTE_OPS = st.one_of(
    st.tuples(st.just("flip"), POS, st.integers(0, 7)),
    st.tuples(st.just("insert"), POS, st.one_of(st.sampled_from(TOKENS), st.binary(min_size=1, max_size=12))),
    st.tuples(st.just("delete"), POS, st.integers(1, 400)),
    st.tuples(st.just("truncate"), POS),
    st.tuples(st.just("duplicate"), POS, st.integers(1, 4000), POS),
    st.tuples(st.just("repeat"), POS, st.integers(1, 80), st.integers(2, 300)),
    st.tuples(st.just("run"), POS, st.sampled_from(RUNS), st.sampled_from([300, 70_000, HUGE])),
)


def mutate(data: bytes, ops) -> bytes:
    b = bytearray(data)
    for op in ops:
        kind, pos = op[0], op[1] % (len(b) + 1)
        if kind == "flip" and b:
            b[pos % len(b)] ^= 1 << op[2]
        elif kind == "insert":
            b[pos:pos] = op[2]
        elif kind == "delete":
            del b[pos:pos + op[2]]
        elif kind == "truncate":
            del b[pos:]
        elif kind == "duplicate":
            chunk = bytes(b[pos:pos + op[2]])
            at = op[3] % (len(b) + 1)
            b[at:at] = chunk
        elif kind == "repeat":
            chunk = bytes(b[pos:pos + op[2]])
            b[pos:pos] = chunk * op[3]
        elif kind == "run":
            b[pos:pos] = op[2] * (op[3] // len(op[2]) + 1)
    return bytes(b)


@dataclass(frozen=True)
class Case:
    seed: Seed
    data: bytes
    kwargs: dict
    describe: str

    def __repr__(self) -> str:  # Hypothesis prints failing cases: keep them readable
        return f"Case({self.describe})"


def text_cases(seeds: tuple[Seed, ...]):
    """Cases: mostly mutated seeds, sometimes random bytes."""
    if not seeds:
        return st.nothing()

    @st.composite
    def build(draw):
        seed = draw(st.sampled_from(seeds))
        kwargs = dict(draw(st.sampled_from(seed.kwargs)))
        if draw(st.integers(0, 19)) == 0:
            data = draw(st.binary(max_size=3000))
            return Case(seed, data, kwargs, f"{seed.name} replaced by random bytes {data!r}, {kwargs}")
        ops = draw(st.lists(BYTE_OPS, max_size=5))
        return Case(seed, mutate(seed.data, ops), kwargs, f"{seed.name} with {_short(ops)}, {kwargs}")

    return build()


# -- zip member mutations ------------------------------------------------------------------------

EVIL_NAMES = ["../evil.xml", "/abs.xml", "C:/x.xml", "a/../../b.xml", "x" * 300, "", "sources/", "\\..\\x.xml",
              "word/document.xml", "xl/worksheets/sheet1.xml", "project.qde", "PROJECT.QDE", "sources/a.txt"]
DTD = b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
MEMBER_OPS = st.one_of(
    st.tuples(st.just("bytes"), POS, st.lists(BYTE_OPS, min_size=1, max_size=4)),
    st.tuples(st.just("drop"), POS),
    st.tuples(st.just("dup"), POS),
    st.tuples(st.just("rename"), POS, st.sampled_from(EVIL_NAMES)),
    st.tuples(st.just("stored"), POS),
    st.tuples(st.just("dtd"), POS),
    st.tuples(st.just("random"), POS, st.binary(max_size=200)),
    st.tuples(st.just("add"), st.sampled_from(EVIL_NAMES), st.binary(max_size=200)),
)


def _members(data: bytes) -> list[list]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return [[i.filename, z.read(i), i.compress_type] for i in z.infolist()]


def mutate_zip(data: bytes, ops, raw_ops) -> bytes:
    members = _members(data)
    for op in ops:
        if op[0] == "add":
            members.append([op[1], op[2], zipfile.ZIP_DEFLATED])
            continue
        if not members:
            continue
        i = op[1] % len(members)
        m = members[i]
        if op[0] == "bytes":
            m[1] = mutate(m[1], op[2])
        elif op[0] == "drop":
            del members[i]
        elif op[0] == "dup":
            members.insert(i, list(m))
        elif op[0] == "rename":
            m[0] = op[2]
        elif op[0] == "stored":
            m[2] = zipfile.ZIP_STORED
        elif op[0] == "dtd":
            body = m[1]
            if body.startswith(b"<?xml"):
                body = body[body.find(b"?>") + 2:]
            m[1] = DTD + body.replace(b">", b">&b;", 1)
        elif op[0] == "random":
            m[1] = op[2]
    buf = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # duplicate names
        with zipfile.ZipFile(buf, "w") as z:
            for name, body, how in members:
                if name:
                    z.writestr(zipfile.ZipInfo(name, (2026, 1, 1, 0, 0, 0)), body, compress_type=how)
    return mutate(buf.getvalue(), raw_ops)


def zip_cases(seeds: tuple[Seed, ...]):
    if not seeds:
        return st.nothing()

    @st.composite
    def build(draw):
        seed = draw(st.sampled_from(seeds))
        kwargs = dict(draw(st.sampled_from(seed.kwargs)))
        ops = draw(st.lists(MEMBER_OPS, max_size=4))
        raw = draw(st.lists(BYTE_OPS, max_size=2)) if draw(st.integers(0, 4)) == 0 else []
        return Case(seed, mutate_zip(seed.data, ops, raw), kwargs,
                    f"{seed.name} with members {_short(ops)} raw {_short(raw)}, {kwargs}")

    return build()


def _short(ops) -> str:
    def one(x):
        if isinstance(x, bytes):
            return repr(x[:20]) + (f"..({len(x)})" if len(x) > 20 else "")
        if isinstance(x, (list, tuple)):
            return "(" + ", ".join(one(y) for y in x) + ")"
        return repr(x)

    return one(ops)


def write_case(folder: Path, name: str, data: bytes) -> Path:
    p = folder / name
    p.write_bytes(data)
    return p
