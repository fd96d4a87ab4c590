"""A progress bar with ETA on stderr, fed by the library's progress events.

The library reports :class:`qualkit.scale.ProgressEvent` s and never prints; this
turns them into a rich progress bar (rich's own columns do the percentage
and the ETA). A step that ends within ``delay`` seconds shows nothing,
so quick runs stay quiet; the bar is removed when the command ends.
"""
from __future__ import annotations

from typing import Any, Callable

from rich.console import Console
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeRemainingColumn

from qualkit.cli._common import console as plain_console

STAGES = {"code": "coding", "read": "reading", "count": "counting", "write": "writing"}


class ProgressBar:
    """Use as a context manager; the value it gives is the callback to pass to
    the library (None with ``quiet``)."""

    def __init__(self, quiet: bool = False, delay: float = 2.0, console: Console | None = None):
        self.quiet, self.delay = quiet, delay
        self.console = console or plain_console(stderr=True)
        self.bar: Progress | None = None
        self.tasks: dict[Any, Any] = {}

    def __enter__(self) -> Callable | None:
        return None if self.quiet else self.update

    def update(self, e) -> None:
        """Show one :class:`~qualkit.scale.ProgressEvent`."""
        if self.bar is None:
            if e.elapsed < self.delay or (e.total is not None and e.done >= e.total):
                return
            self.bar = Progress(TextColumn("{task.description}", markup=False), BarColumn(), TaskProgressColumn(),
                                TextColumn("ETA"), TimeRemainingColumn(),
                                console=self.console, transient=True)
            self.bar.start()
        key = (e.wave, e.stage)
        if key not in self.tasks:
            name = " ".join(x for x in (e.wave, STAGES.get(e.stage, e.stage)) if x)
            self.tasks[key] = self.bar.add_task(name, total=e.total)
        self.bar.update(self.tasks[key], completed=e.done, total=e.total)

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.stop()
