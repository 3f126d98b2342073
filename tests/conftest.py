"""Shared fixtures: the real samples live outside the project (KITAR_SAMPLES)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import settings

from kitar.config import samples_dir

if TYPE_CHECKING:
    from kitar.ingest.batch import IngestReport
    from kitar.model import Document, Meeting, Page

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


# ---- expensive readings, shared by every test that needs them (one per session) ----------


@pytest.fixture(scope="session")
def kl_report_path(samples: Path) -> Path:
    return samples / "edge-cases" / "kl-report-108-pages.pdf"


@pytest.fixture(scope="session")
def kl_report_pages(kl_report_path: Path) -> tuple[Page, ...]:
    """The 108-page report as the PDFium reader reads it (no roles yet), read once a session.

    Tests only look: layout analysis sets roles in place, so a test that analyses reads its own.
    """
    from kitar.read.pdf import read_pages

    return tuple(read_pages(kl_report_path, reader="pdfium"))


@pytest.fixture(scope="session")
def kl_report_processed(kl_report_path: Path) -> tuple[Document, Meeting]:
    """The report read, reflowed and parsed (`process_file`) once a session; tests only look."""
    from kitar.ingest.pipeline import process_file

    return process_file(kl_report_path)


@pytest.fixture(scope="session")
def ingested_samples(
    samples: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, IngestReport]:
    """The whole sample folder ingested once a session with -j 2 (the report read in page
    chunks by the workers). Tests may ingest into it again only where nothing changes."""
    from kitar.ingest.batch import ingest

    db = tmp_path_factory.mktemp("samples-ingested") / "kitar.db"
    return db, ingest([samples], db, jobs=2)
