"""Shared fixtures: the real samples live outside the project (KITAR_SAMPLES)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

from kitar.config import samples_dir

# CI runs the property tests with a fixed seed, so a landing never depends on the draw;
# locally they draw fresh examples each run and keep finding new cases.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


@pytest.fixture(scope="session")
def samples() -> Path:
    """The real sample folder; tests that need it skip cleanly when it is absent."""
    path = samples_dir()
    if not (path / "README.md").exists():
        pytest.skip(f"real samples not found at {path} (set KITAR_SAMPLES)")
    return path


@pytest.fixture(scope="session")
def kl_agenda_txt(samples: Path) -> Path:
    return samples / "kl-itarkitekturraad-2016-08-29-agenda.txt"


@pytest.fixture(scope="session")
def kl_expected(samples: Path) -> dict:
    import json

    return json.loads((samples / "kl-itarkitekturraad-2016-08-29-agenda.expected.json").read_text())
