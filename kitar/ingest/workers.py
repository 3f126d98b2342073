"""Worker processes for `kitar ingest -j N`: they read, this process parses and writes.

Reading (pdfplumber, python-docx) and reflowing is most of the work and needs no spaCy, so
the workers only do that; the main process builds spaCy's pipeline once (~1.5 s) while they
read, instead of once per worker, then parses and analyses each file as its reading ends, in
any order, while it waits for the next one in input order (the order of writing, so ids are
deterministic). A long PDF is read in page chunks by all the workers.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Literal

from kitar.budget import time_budget
from kitar.errors import KitarError
from kitar.model import Document, Meeting
from kitar.store.migrations import open_migrated
from kitar.store.prepare import Prepared, prepare

if TYPE_CHECKING:
    from kitar.read.ocr import OcrOptions

Processor = Callable[[str], tuple[Document, Meeting]]


@dataclass
class Outcome:
    path: str
    prepared: Prepared | None = None
    reason: str | None = None


def _failure(path: str, exc: BaseException) -> Outcome:
    if isinstance(exc, KitarError):
        return Outcome(path, reason=str(exc))
    return Outcome(path, reason=f"internal error: {type(exc).__name__}: {exc}")


def _prepared(path: str, sha: str, doc: Document, meeting: Meeting) -> Outcome:
    doc = replace(doc, blocks=[])  # the writer needs page texts, not blocks: less to pickle
    return Outcome(path, prepared=prepare(doc, meeting, sha, path))


def work(processor: Processor, path: str, sha: str, timeout: float | None = None) -> Outcome:
    """Read, parse and analyse one file; any failure (or more than `timeout` seconds)
    becomes a reason, never an exception."""
    try:
        with time_budget(timeout, path):
            return _prepared(path, sha, *processor(path))
    except Exception as exc:  # a parser bug must not abort the batch
        return _failure(path, exc)


def _read(path: str, timeout: float | None = None, ocr: OcrOptions | None = None) -> Document | str:
    """Read and reflow one file (in a worker): a Document, or the reason it failed."""
    from kitar.ingest.pipeline import read_and_reflow

    try:
        with time_budget(timeout, path):
            return read_and_reflow(path) if ocr is None else read_and_reflow(path, ocr=ocr)
    except Exception as exc:
        return _failure(path, exc).reason or ""


def _warm_up() -> None:
    """Load spaCy (and the compound vocabulary) in this process while the workers read."""
    from kitar.ingest.pipeline import warm_up

    with contextlib.suppress(Exception):  # the real documents then report what is wrong
        prepare(*warm_up(), "", "<warm-up>")


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def _result(future: Future[Any]) -> Any:
    """A worker's result; if the worker died (e.g. out of memory) the exception is returned."""
    try:
        return future.result()
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:
        return exc


def _died(path: str, exc: BaseException) -> Outcome:
    if isinstance(exc, KitarError):  # raised by a chunk reader
        return _failure(path, exc)
    return Outcome(path, reason=f"worker process failed: {type(exc).__name__}: {exc}")


@dataclass
class _Pending:
    """A file in the workers' hands. `kind` says what they return: the whole outcome, a read
    Document (finished here), or a long PDF's page chunks (assembled and finished here)."""

    path: str
    sha: str
    kind: Literal["outcome", "document", "pages"]
    parts: list[Future[Any]]
    outcome: Outcome | None = None
    timeout: float | None = None  # for the parsing here, as the workers have for reading

    def read(self) -> bool:
        return all(f.done() for f in self.parts)

    def ready(self) -> bool:
        """Its outcome is there: no waiting for a worker, nor for parsing it here."""
        return self.outcome is not None or (self.kind == "outcome" and self.read())

    def finish(self) -> Outcome:
        """The outcome (waiting for the workers if needed), finished in this process."""
        if self.outcome is None:
            self.outcome = self._finish()
            self.parts = []  # the pages can go
        return self.outcome

    def _finish(self) -> Outcome:
        from kitar.ingest.pipeline import finish_document, process_pdf_pages

        results = [_result(f) for f in self.parts]
        for got in results:
            if isinstance(got, BaseException):
                return _died(self.path, got)
        if self.kind == "outcome":
            return results[0]
        if isinstance(results[0], str):
            return Outcome(self.path, reason=results[0])
        try:
            with time_budget(self.timeout, self.path):
                if self.kind == "document":
                    return _prepared(self.path, self.sha, *finish_document(results[0]))
                pages = [page for got, _ in results for page in got]
                notes = [note for _, more in results for note in more]
                return _prepared(self.path, self.sha, *process_pdf_pages(self.path, pages, notes))
        except Exception as exc:
            return _failure(self.path, exc)


def _read_chunk(
    path: str, numbers: list[int], timeout: float | None, ocr: OcrOptions | None = None
) -> Any:
    """Some pages of a long PDF (in a worker), within the time budget."""
    from kitar.ingest.pipeline import read_pdf_chunk

    with time_budget(timeout, path):
        return read_pdf_chunk(path, numbers) if ocr is None else read_pdf_chunk(path, numbers, ocr)


def _submit(
    pool: ProcessPoolExecutor,
    processor: Processor,
    split: bool,
    path: str,
    sha: str,
    timeout: float | None = None,
    ocr: OcrOptions | None = None,
) -> _Pending:
    """With the real pipeline the workers only read (no spaCy to load there); this process
    finishes. A custom processor runs whole in the workers. Each task in a worker has the
    time budget `timeout`: a file (or a long PDF's chunk) over it is reported failed. With
    `ocr`, the workers also run OCR on scanned pages (a long scan's chunks in parallel)."""
    if not split:
        return _Pending(path, sha, "outcome", [pool.submit(work, processor, path, sha, timeout)])
    from kitar.ingest.pipeline import pdf_chunks

    chunks = pdf_chunks(path)  # a long PDF: its page chunks are read by all the workers
    if chunks:
        parts = [pool.submit(_read_chunk, path, c, timeout, ocr) for c in chunks]
        return _Pending(path, sha, "pages", parts, timeout=timeout)
    return _Pending(
        path, sha, "document", [pool.submit(_read, path, timeout, ocr)], timeout=timeout
    )


def _next_read(pending: dict[int, _Pending]) -> _Pending | None:
    """The earliest file whose reading is done but which is not finished yet."""
    for k in sorted(pending):
        if pending[k].outcome is None and pending[k].kind != "outcome" and pending[k].read():
            return pending[k]
    return None


def _watch_parent(parent: int) -> None:
    """In a worker: exit once the main process is gone (e.g. SIGKILLed), instead of waiting
    forever for work that will never come."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def migrate(db_path: str) -> None:
    """Create a new corpus's schema (in a worker, while this process loads spaCy)."""
    open_migrated(db_path).conn.close()


class Readers:
    """`jobs` worker processes reading files for this one, which writes them in input order.

    Files go to the workers in windows, largest first within a window, so one big PDF does
    not start last and leave the other workers idle; a window bounds the results held in
    memory. With the real pipeline the workers only read and reflow, and this process loads
    spaCy once while they do (`warm_up`), then parses and analyses each file as its reading
    ends, in any order, while it waits for the next one in input order.
    """

    def __init__(
        self,
        processor: Processor,
        jobs: int,
        split: bool,
        pdfs: bool = False,
        timeout: float | None = None,
        ocr: OcrOptions | None = None,
    ) -> None:
        self.timeout = timeout
        self.pdfs = split and pdfs
        # One OCRmyPDF page at a time in each worker: the workers already share the cores.
        self.ocr = replace(ocr, jobs=1) if ocr is not None else None
        self.processor = processor
        self.split = split
        self.window = max(32, jobs * 8)
        self.pool = ProcessPoolExecutor(jobs, initializer=_watch_parent, initargs=(os.getpid(),))
        self.files: list[tuple[str, str]] = []
        self.pending: dict[int, _Pending] = {}
        self.submitted = 0
        self.warm = not split

    def _fork(self) -> None:
        """Before the first task forks the workers: this process counts the PDFs' pages
        anyway, so the workers start with both PDF readers imported."""
        if self.pdfs:
            import kitar.read.pdf
            import kitar.read.pdfium  # noqa: F401

            self.pdfs = False

    def migrate(self, db_path: str) -> Future[None]:
        """Create a new corpus in a worker (first, before any reading)."""
        self._fork()
        return self.pool.submit(migrate, db_path)

    def read(self, files: list[tuple[str, str]]) -> None:
        """Start reading `files` (path, sha256), in this order of writing."""
        self._fork()
        self.files = files
        self._fill(0)

    def _fill(self, n: int) -> None:
        if n >= self.submitted - self.window // 2 and self.submitted < len(self.files):
            batch = range(self.submitted, min(len(self.files), self.submitted + self.window))
            for k in sorted(batch, key=lambda k: -_size(self.files[k][0])):
                self.pending[k] = _submit(
                    self.pool, self.processor, self.split, *self.files[k], self.timeout, self.ocr
                )
            self.submitted = batch.stop

    def warm_up(self) -> None:
        if not self.warm:
            _warm_up()
            self.warm = True

    def skip(self, paths: set[str]) -> list[tuple[str, str]]:
        """Write none of `paths` (found unchanged after all); returns the files left."""
        keep = [n for n, (path, _) in enumerate(self.files) if path not in paths]
        for n in set(range(len(self.files))) - set(keep):
            for future in getattr(self.pending.pop(n, None), "parts", []):
                future.cancel()  # or, if it runs already, its result is ignored
        self.submitted = sum(1 for n in keep if n < self.submitted)
        self.pending = {
            new: self.pending[old] for new, old in enumerate(keep) if old in self.pending
        }
        self.files = [self.files[n] for n in keep]
        return self.files

    def outcomes(self) -> Iterator[tuple[Outcome, bool]]:
        """(outcome, whether the next one is ready already), in input order."""
        for n in range(len(self.files)):
            self._fill(n)
            self.warm_up()
            current = self.pending.pop(n)
            while not current.read():  # parse the others meanwhile
                other = _next_read(self.pending)
                if other is not None:
                    other.finish()
                    continue
                waiting = [f for p in (current, *self.pending.values()) for f in p.parts]
                wait([f for f in waiting if not f.done()], return_when=FIRST_COMPLETED)
            outcome = current.finish()
            following = self.pending.get(n + 1)
            yield outcome, following is not None and following.ready()

    def close(self, failed: bool) -> None:
        self.pool.shutdown(wait=not failed, cancel_futures=failed)
