"""OCR for PDF pages without a text layer: OCRmyPDF with Tesseract's Danish model, cached.

The only module that runs OCRmyPDF. It runs the `ocrmypdf` program (Debian's package, or
pip's, whichever is on PATH) in a subprocess rather than importing its Python API: the API
starts its own process pool (not allowed inside kitar's `-j N` workers), and a crash or a
hang of Tesseract then ends a child process with a message, not kitar. The OCR'd copy is
cached under `KITAR_CACHE/ocr`, keyed by the file's SHA-256, the pages read and the settings,
so a re-ingest (or `--force`, or another corpus) never runs OCR on the same pages again.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

from kitar.budget import paused
from kitar.config import cache_dir
from kitar.errors import NoTextLayer

LANGUAGE = "dan"  # Tesseract's Danish model: æ, ø, å and Danish words (tesseract-ocr-dan)
INSTALL_HINT = "apt-get install ocrmypdf tesseract-ocr-dan"  # also brings Tesseract, Ghostscript
# Tesseract's orientation confidence above which a page is turned. OCRmyPDF's default, 14,
# left a quarter-turned page of a scanned building list (a council annex) sideways, read as
# single letters (its confidence: 13.8). Over 16 pages x 4 turns (bench/eval_orientation.py)
# the text pages' detections were all right, scoring 5.9 (a sparse signature page) to 18.2;
# the 6 wrong ones (a report cover, a photo page) scored 1.9 at most. 5 sits between.
ROTATE_THRESHOLD = 5.0
# Seconds per page before OCR of a file is given up: Tesseract takes 2 to 10 s on a dense
# A4 page at 300 dpi here, so this only ends a hung process.
TIMEOUT_PER_PAGE = 300
# The OCRmyPDF arguments besides the pages; changing them changes the cache key.
ARGS = (
    "-l", LANGUAGE,
    "--rotate-pages", "--rotate-pages-threshold", str(ROTATE_THRESHOLD),
    "--skip-text",  # a page that has text after all is copied, never OCR'd twice
    "--output-type", "pdf",  # no PDF/A conversion: kitar only reads the text back
    "-O", "0",  # no image optimisation: the copy is read, not published
)  # fmt: skip
STDERR_TAIL = 300  # characters of OCRmyPDF's message kept in an error


@dataclass(frozen=True)
class OcrEvent:
    """What the OCR runner reports: a file's OCR starts, ends, or comes from the cache."""

    path: str
    pages: int
    stage: Literal["start", "done", "cached"]
    seconds: float = 0.0


Notify = Callable[[OcrEvent], None]


@dataclass(frozen=True)
class OcrOptions:
    """OCR was asked for (`--ocr`). `jobs` is OCRmyPDF's own page parallelism (None: all
    cores; 1 inside kitar's worker processes, which already run one file each); `notify` gets
    progress events and must be a module-level function to reach worker processes."""

    jobs: int | None = None
    notify: Notify | None = None


class OcrFailed(NoTextLayer):
    """OCRmyPDF ran but failed on the file."""


@lru_cache(maxsize=1)
def _tesseract_languages() -> frozenset[str]:
    try:
        out = subprocess.run(
            ["tesseract", "--list-langs"], capture_output=True, text=True, timeout=30
        )
    except (OSError, subprocess.SubprocessError):
        return frozenset()
    return frozenset(line.strip() for line in out.stdout.splitlines()[1:] if line.strip())


def missing() -> str | None:
    """The Debian package OCR lacks on this machine (None when everything is there)."""
    for program, package in (("ocrmypdf", "ocrmypdf"), ("tesseract", "tesseract-ocr"),
                             ("gs", "ghostscript")):  # fmt: skip
        if shutil.which(program) is None:
            return package
    languages = _tesseract_languages()
    if LANGUAGE not in languages:
        return "tesseract-ocr-dan"  # the Danish model
    if "osd" not in languages:
        return "tesseract-ocr-osd"  # the orientation model --rotate-pages uses
    return None


def page_spec(pages: list[int]) -> str:
    """Pages as OCRmyPDF's --pages wants them: [1, 2, 3, 7] → "1-3,7"."""
    runs: list[list[int]] = []
    for n in sorted(set(pages)):
        if runs and n == runs[-1][1] + 1:
            runs[-1][1] = n
        else:
            runs.append([n, n])
    return ",".join(str(a) if a == b else f"{a}-{b}" for a, b in runs)


def _pages_of(spec: str) -> set[int]:
    """The inverse of `page_spec`, with `_` for `,` (as in cache names): "1-3_7" → {1, 2, 3, 7}."""
    out: set[int] = set()
    for run in spec.replace("_", ",").split(","):
        first, _, last = run.partition("-")
        out.update(range(int(first), int(last or first) + 1))
    return out


def _settings() -> str:
    return hashlib.sha256(" ".join(ARGS).encode()).hexdigest()[:8]


def cache_path(sha256: str, pages: list[int]) -> Path:
    """Where the OCR'd copy of these pages of this file is kept."""
    spec = page_spec(pages).replace(",", "_")
    return cache_dir() / "ocr" / f"{sha256}-{_settings()}-p{spec}.pdf"


def _cached(sha256: str) -> list[tuple[Path, set[int]]]:
    """The cached copies of this file (with these settings) and the pages each holds."""
    found = []
    for path in (cache_dir() / "ocr").glob(f"{sha256}-{_settings()}-p*.pdf"):
        try:
            found.append((path, _pages_of(path.stem.rsplit("-p", 1)[1])))
        except ValueError:
            continue  # not a name this module wrote
    return found


def _run(source: Path, target: Path, pages: list[int], jobs: int | None) -> None:
    """One OCRmyPDF run; raises OcrFailed with the end of its message."""
    command = ["ocrmypdf", *ARGS, "--pages", page_spec(pages)]
    if jobs:
        command += ["--jobs", str(jobs)]
    try:
        done = subprocess.run(
            [*command, str(source), str(target)],
            capture_output=True,
            text=True,
            timeout=TIMEOUT_PER_PAGE * len(pages) + 60,
            stdin=subprocess.DEVNULL,
        )
    except subprocess.TimeoutExpired:
        raise OcrFailed(f"OCR gave up after {TIMEOUT_PER_PAGE} s per page", source) from None
    except OSError as exc:
        raise OcrFailed(f"cannot run OCRmyPDF ({exc.strerror}); {INSTALL_HINT}", source) from None
    if done.returncode != 0:
        tail = " ".join(done.stderr.split())[-STDERR_TAIL:]
        raise OcrFailed(f"OCR failed (OCRmyPDF exit {done.returncode}): {tail}", source)


def ocr_copies(
    path: str | Path, data: bytes, pages: list[int], options: OcrOptions
) -> list[tuple[bytes, list[int]]]:
    """OCR'd copies of the PDF covering `pages` (1-based): (the copy, the pages to read from
    it). Pages OCR'd before, in any grouping (a whole file, or the chunks `-j` workers read),
    come from the cache; the others are OCR'd now, in one run, and cached.

    Raises NoTextLayer naming what is missing when OCR cannot run here.
    """
    sha = hashlib.sha256(data).hexdigest()
    notify = options.notify or (lambda event: None)
    wanted = set(pages)
    copies: list[tuple[bytes, list[int]]] = []
    for cached, held in sorted(_cached(sha), key=lambda c: -len(c[1] & set(pages))):
        if held & wanted:
            try:
                copies.append((cached.read_bytes(), sorted(held & wanted)))
            except OSError:
                continue
            wanted -= held
    if copies:
        notify(OcrEvent(str(path), len(pages) - len(wanted), "cached"))
    if wanted:
        copies.append((_ocr(path, data, sorted(wanted), options, sha), sorted(wanted)))
    return copies


def _ocr(path: str | Path, data: bytes, pages: list[int], options: OcrOptions, sha: str) -> bytes:
    """Run OCR on `pages` and cache the copy."""
    notify = options.notify or (lambda event: None)
    lacking = missing()
    if lacking:
        raise NoTextLayer(
            f"no text layer, and OCR cannot run: {lacking} is not installed ({INSTALL_HINT})", path
        )
    notify(OcrEvent(str(path), len(pages), "start"))
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="kitar-ocr-") as tmp:
        source, target = Path(tmp) / "in.pdf", Path(tmp) / "out.pdf"
        source.write_bytes(data)  # also for stdin and repaired reads: OCRmyPDF takes a file
        try:
            with paused():  # OCR time is not reading time: --timeout does not count it
                _run(source, target, pages, options.jobs)
        except OcrFailed as exc:
            raise OcrFailed(str(exc).replace(str(source), "").lstrip(": "), path) from None
        copy = target.read_bytes()
    notify(OcrEvent(str(path), len(pages), "done", time.perf_counter() - start))
    cached = cache_path(sha, pages)
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        tmp_file = cached.with_suffix(f".{os.getpid()}.tmp")
        tmp_file.write_bytes(copy)
        tmp_file.replace(cached)  # atomic: a parallel run never reads half a copy
    except OSError:
        pass  # a read-only cache still reads the file, only without caching
    return copy
