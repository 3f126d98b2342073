"""The one timing helper the benchmarks share."""

from __future__ import annotations

import time
from collections.abc import Callable


def best_time(
    work: Callable[[], object], repeat: int = 3, clock: Callable[[], float] = time.perf_counter
) -> float:
    """The fastest of `repeat` runs: the one least disturbed by other work on the machine.

    Pass `clock=time.process_time` to count this process's CPU seconds only.
    """
    best = float("inf")
    for _ in range(repeat):
        start = clock()
        work()
        best = min(best, clock() - start)
    return best
