"""A time budget per document: a damaged file that would keep a reader busy is stopped.

SIGALRM interrupts the pure-Python PDF parser between two bytecodes, so the budget costs
nothing while it is not spent. It needs the main thread of a process: `kitar parse` and each
ingest worker process read there; elsewhere (a thread) the budget is not applied.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kitar.errors import OverBudget

# Seconds `kitar ingest` gives one document (or one 16-page chunk of a long PDF) to read: a
# damaged file that would keep a reader busy is stopped and reported. The 108-page sample
# report reads in ~10 s on a busy machine, so 300 s stops only what is stuck.
DEFAULT_TIMEOUT_S = 300.0
# If library code swallows the interruption (pdfminer catches broad exceptions in places),
# it comes again this often until the document gives up.
REPEAT_S = 1.0


class _Overtime(BaseException):
    """Raised by the alarm; a BaseException so that `except Exception` in libraries lets
    it through. Turned into OverBudget where the budget was set."""


def _usable() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_budget(seconds: float | None, path: str | Path | None = None) -> Iterator[None]:
    """Raise OverBudget naming `path` when the block runs longer than `seconds` (None or 0:
    no budget)."""
    if not seconds or seconds <= 0 or not _usable():
        yield
        return
    state = {"active": True}

    def on_alarm(signum: int, frame: object) -> None:
        if state["active"]:
            raise _Overtime

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds, REPEAT_S)
    try:
        yield
    except _Overtime:
        state["active"] = False
        raise OverBudget(
            f"stopped after {seconds:g} s (its time budget, --timeout)", path
        ) from None
    finally:
        state["active"] = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def paused() -> Iterator[None]:
    """Stop the clock of a running budget while the block runs: OCR of a scan (which has its
    own limit per page) is slow by nature, and the budget is there for readers that are stuck."""
    if not _usable():
        yield
        return
    remaining, interval = signal.getitimer(signal.ITIMER_REAL)
    if remaining <= 0:
        yield
        return
    signal.setitimer(signal.ITIMER_REAL, 0)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, remaining, interval)
