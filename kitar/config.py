"""Paths and settings that come from the environment."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent


def pipelines_dir() -> Path:
    """Where the Danish vocabulary and the spaCy config live (`KITAR_PIPELINES` overrides)."""
    env = os.environ.get("KITAR_PIPELINES")
    return Path(env) if env else PROJECT_DIR / "pipelines"


def samples_dir() -> Path:
    """The real sample documents (`KITAR_SAMPLES`, default `../shared/samples`)."""
    env = os.environ.get("KITAR_SAMPLES")
    return Path(env) if env else PROJECT_DIR.parent / "shared" / "samples"


def default_db() -> Path:
    """The corpus database (`KITAR_DB`, default `corpus/kitar.db`)."""
    env = os.environ.get("KITAR_DB")
    return Path(env) if env else Path("corpus") / "kitar.db"
