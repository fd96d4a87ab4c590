"""Progress reports with rate and ETA, for long runs.

The library calls a callback with a :class:`ProgressEvent`; it never prints.
The CLI turns the events into a rich progress bar.

>>> events = []
>>> t = Tracker(events.append, "code", total=200, unit="answers", clock=iter([0.0, 2.0]).__next__)
>>> t.update(100)
>>> e = events[-1]
>>> (e.done, e.rate, e.eta, round(e.fraction, 2))
(100, 50.0, 2.0, 0.5)
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Callable


@dataclass(frozen=True)
class ProgressEvent:
    """Where a run is. ``stage``: ``read``, ``code``, ``count`` or ``write``.
    ``done``/``total`` are in ``unit`` (``answers``, ``bytes`` or ``partitions``);
    ``total`` is None when unknown. ``rate`` is units per second since the stage
    started and ``eta`` the seconds left at that rate (None when unknown)."""

    stage: str
    done: int
    total: int | None
    unit: str
    rate: float
    eta: float | None
    elapsed: float
    wave: str | None = None

    @property
    def fraction(self) -> float | None:
        return None if not self.total else min(self.done / self.total, 1.0)


ProgressCallback = Callable[[ProgressEvent], None]


class Tracker:
    """Turns counts into :class:`ProgressEvent` s for ``callback`` (which may be None)."""

    def __init__(self, callback: ProgressCallback | None, stage: str, *, total: int | None = None,
                 unit: str = "answers", wave: str | None = None, clock: Callable[[], float] = time.monotonic):
        self.callback, self.stage, self.total, self.unit, self.wave = callback, stage, total, unit, wave
        self.clock = clock
        self.start = clock() if callback is not None else 0.0
        self.done = 0

    def update(self, done: int, total: int | None = None) -> None:
        """Report ``done`` units so far (and a new ``total`` if it became known)."""
        self.done = done
        if total is not None:
            self.total = total
        if self.callback is None:
            return
        elapsed = max(self.clock() - self.start, 1e-9)
        rate = done / elapsed
        eta = (self.total - done) / rate if self.total is not None and rate > 0 else None
        self.callback(ProgressEvent(self.stage, done, self.total, self.unit, rate,
                                    None if eta is None else max(eta, 0.0), elapsed, self.wave))

    def advance(self, n: int) -> None:
        self.update(self.done + n)


class Position:
    """How far the reading is, in bytes: pass :meth:`update` as
    :func:`qualkit.ingest.read_chunks`' ``on_bytes`` and the object itself as
    :func:`qualkit.scale.engine.code_chunks`' ``position``, so progress (and its
    ETA) is measured over the input files.

    >>> pos = Position(); pos.update(50, 200); pos()
    (50, 200)
    """

    def __init__(self) -> None:
        self.done, self.total = 0, None

    def update(self, done: int, total: int) -> None:
        self.done, self.total = done, total

    def __call__(self) -> tuple[int, int | None]:
        return self.done, self.total
