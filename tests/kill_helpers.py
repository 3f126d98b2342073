"""Run a kitar script in a subprocess and SIGKILL it midway, for the kill-safety tests."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def spawn(script: str, *args: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-c", script, *args], cwd=ROOT, env=env)


def kill_when(proc: subprocess.Popen, ready: Callable[[], bool], timeout: float) -> None:
    """SIGKILL `proc` as soon as `ready()` holds (the database may be locked meanwhile)."""
    deadline = time.time() + timeout
    while time.time() < deadline and proc.poll() is None:
        try:
            if ready():
                break
        except sqlite3.OperationalError:
            pass
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
