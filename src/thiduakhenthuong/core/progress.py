"""Progress of a long run, reported by the library and shown by whoever listens (the command
line's progress bar). Nothing is shown unless a listener is installed, so the library stays
silent for applications.

>>> seen = []
>>> with listening(lambda phase, done, total: seen.append((phase, done, total))):
...     with phase("reading", total=2) as step:
...         step(1); step(2)
>>> seen
[('reading', 0, 2), ('reading', 1, 2), ('reading', 2, 2)]
"""
from __future__ import annotations

import contextvars
from contextlib import contextmanager
from typing import Callable, Iterator, Optional

#: phase ('reading', 'validating', 'evaluating', 'writing <file>'), rows done, rows in all
Listener = Callable[[str, int, Optional[int]], None]

_LISTENER: contextvars.ContextVar[Optional[Listener]] = contextvars.ContextVar(
    "tdkt_progress", default=None)


@contextmanager
def listening(listener: Listener) -> Iterator[None]:
    """Send every progress report made inside the block to ``listener``."""
    token = _LISTENER.set(listener)
    try:
        yield
    finally:
        _LISTENER.reset(token)


def report(name: str, done: int, total: Optional[int] = None) -> None:
    """Say that ``done`` of ``total`` rows of phase ``name`` are done."""
    listener = _LISTENER.get()
    if listener is not None:
        listener(name, done, total)


@contextmanager
def phase(name: str, total: Optional[int] = None) -> Iterator[Callable[[int], None]]:
    """A phase of ``total`` rows; the block gets a function to call with the rows done. The
    phase is reported complete when the block ends."""
    report(name, 0, total)
    last = [0]

    def step(done: int) -> None:
        last[0] = done
        report(name, done, total)
    yield step
    if total is not None and last[0] != total:
        report(name, total, total)
