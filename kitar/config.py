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


def pipeline_entries(name: str, directory: Path | None = None) -> list[str]:
    """Entries of a vocabulary file in `pipelines/` (one per line; `#` starts a comment)."""
    path = (directory or pipelines_dir()) / name
    if not path.exists():
        return []
    lines = (raw.split("#", 1)[0].strip() for raw in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line]


def samples_dir() -> Path:
    """The real sample documents (`KITAR_SAMPLES`, default `../shared/samples`)."""
    env = os.environ.get("KITAR_SAMPLES")
    return Path(env) if env else PROJECT_DIR.parent / "shared" / "samples"


def default_db() -> Path:
    """The corpus database (`KITAR_DB`, default `corpus/kitar.db`)."""
    env = os.environ.get("KITAR_DB")
    return Path(env) if env else Path("corpus") / "kitar.db"


def cache_dir() -> Path:
    """Where derived data is cached: word lists, OCR'd copies (`KITAR_CACHE`, default
    ~/.cache/kitar)."""
    env = os.environ.get("KITAR_CACHE")
    return Path(env) if env else Path.home() / ".cache" / "kitar"


def eval_dir() -> Path:
    """The evaluation sets with answer keys (`KITAR_EVAL`, default `../shared/eval`)."""
    env = os.environ.get("KITAR_EVAL")
    return Path(env) if env else PROJECT_DIR.parent / "shared" / "eval"


def default_organisation() -> str | None:
    """The organisation of meetings whose documents do not name one (`KITAR_ORGANISATION`)."""
    return os.environ.get("KITAR_ORGANISATION") or None


# The PDF character sources (kitar.read.pdf, kitar.read.pdfium). PDFium is the default: it
# reads 5-6x the pages per CPU-second and scores the same as pdfplumber on the sample tests,
# ../shared/eval/pdf and the layout zoo (issue 15); pdfplumber stays as `--reader pdfplumber`
# and for `kitar inspect`.
PDF_READERS = ("pdfplumber", "pdfium")
DEFAULT_PDF_READER = "pdfium"


def pdf_reader() -> str:
    """The PDF reader (`KITAR_READER`: pdfplumber or pdfium; unknown names fall back to the
    default)."""
    env = os.environ.get("KITAR_READER", "").strip().lower()
    return env if env in PDF_READERS else DEFAULT_PDF_READER


def set_pdf_reader(name: str) -> None:
    """Choose the PDF reader for this process and the workers it starts (they inherit the
    environment)."""
    if name not in PDF_READERS:
        raise ValueError(f"unknown PDF reader {name!r}")
    os.environ["KITAR_READER"] = name
