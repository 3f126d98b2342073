"""Batch ingest: files, folders and globs → N reader processes → one parser and writer.

Documents are known by the SHA-256 of their bytes: an unchanged file is skipped before it is
parsed. Each document is written in its own SAVEPOINT, in input order, and committed within
0.25 s (`kitar.store.writer.Batch`), so a kill or Ctrl-C leaves every earlier document
complete or absent, never half written, and a re-run continues where it stopped.
With -j N the files are read by worker processes (`kitar.ingest.workers`).
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import wait
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from kitar.budget import DEFAULT_TIMEOUT_S
from kitar.config import default_organisation
from kitar.errors import DocumentNotFound
from kitar.ingest.paths import expand_glob, has_magic, walk_files
from kitar.ingest.workers import Outcome, Processor, Readers, work
from kitar.model import Document, Meeting
from kitar.store.fts import Analysed, catch_up
from kitar.store.migrations import open_migrated
from kitar.store.queries import stored_document
from kitar.store.writer import Batch

if TYPE_CHECKING:
    from kitar.read.ocr import OcrOptions

SUFFIXES = (".pdf", ".docx", ".txt", ".html", ".htm")
# Index this many new search units at a time (a few hundred documents' worth).
FTS_BATCH = 20_000
FileStatus = Literal["new", "updated", "unchanged", "failed"]
Progress = Callable[["FileResult", int, int], None]


@dataclass
class FileResult:
    path: str
    status: FileStatus
    items: int = 0
    warnings: list[str] = field(default_factory=list)
    reason: str | None = None
    document_id: int | None = None
    meeting_id: int | None = None


@dataclass
class IngestReport:
    db_path: str
    files: list[FileResult] = field(default_factory=list)

    def count(self, status: FileStatus) -> int:
        return sum(1 for f in self.files if f.status == status)

    @property
    def failed(self) -> bool:
        return any(f.status == "failed" for f in self.files)

    def to_dict(self) -> dict[str, Any]:
        counts = {s: self.count(s) for s in ("new", "updated", "unchanged", "failed")}
        return {"db": self.db_path, "counts": counts, "files": [asdict(f) for f in self.files]}


def default_processor(path: str, ocr: OcrOptions | None = None) -> tuple[Document, Meeting]:
    """The real pipeline, imported lazily so the search path never loads spaCy or pdfplumber."""
    from kitar.ingest.pipeline import process_file

    return process_file(path) if ocr is None else process_file(path, ocr=ocr)


def collect_paths(inputs: Iterable[str | Path]) -> tuple[list[Path], list[FileResult]]:
    """Expand files, folders (recursively) and globs; missing inputs become failures."""
    found: list[Path] = []
    missing: list[FileResult] = []
    for raw in inputs:
        path = Path(raw)
        if path.is_dir():  # every directory once, also through symlinks (no loops)
            found.extend(
                p
                for p in walk_files(path)
                if p.suffix.lower() in SUFFIXES
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        elif path.is_file():
            found.append(path)  # named explicitly: the reader judges its format
        elif has_magic(str(raw)):
            hits = [m for m in expand_glob(str(raw)) if m.suffix.lower() in SUFFIXES]
            if not hits:
                missing.append(FileResult(str(raw), "failed", reason="no files match"))
            found.extend(hits)
        else:
            missing.append(
                FileResult(str(raw), "failed", reason=str(DocumentNotFound("no such file", raw)))
            )
    seen: set[Path] = set()
    unique = []
    for p in found:
        key = p.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(key)
    return unique, missing


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _is_pdf(path: Path) -> bool:
    return path.suffix.lower() == ".pdf"


def _outcomes(
    todo: list[tuple[str, str]],
    processor: Processor,
    readers: Readers | None,
    timeout: float | None = None,
) -> Iterator[tuple[Outcome, bool]]:
    """(outcome, whether the next one is ready already), in input order (so ids are
    deterministic): from the worker processes, or one by one in this process."""
    if readers is None:
        for path, sha in todo:
            yield work(processor, path, sha, timeout), False  # the next one is parsed after
        return
    yield from readers.outcomes()


def ingest(
    paths: Iterable[str | Path],
    db_path: str | Path,
    jobs: int = 1,
    force: bool = False,
    progress: Progress | None = None,
    processor: Processor | None = None,
    timeout: float | None = DEFAULT_TIMEOUT_S,
    organisation: str | None = None,
    export: str | Path | None = None,
    ocr: OcrOptions | None = None,
) -> IngestReport:
    """Ingest documents into the corpus at `db_path`; failures are reported per file.

    `processor(path) -> (Document, Meeting)` defaults to kitar.ingest.pipeline.process_file;
    tests pass a fake one. It must be picklable (a module-level function) when jobs > 1. A
    document that takes longer than `timeout` seconds to read (None: no limit) is stopped and
    reported. `organisation` names the municipality or organisation of every meeting
    ingested; without it, each document's own (its header) counts, else `KITAR_ORGANISATION`.
    Afterwards each folder holding a meeting with annex references becomes one meeting: its
    item extracts folded in, its annex files linked (kitar.ingest.folder; `export` is a case
    system's export of the meeting, whose links come first). With `ocr`, scanned PDF pages
    are read by OCR (in the worker processes when jobs > 1; OCR time does not count against
    `timeout`, OCR has its own limit per page).
    """
    split = processor is None or processor is default_processor
    processor = processor or default_processor
    if ocr is not None and processor is default_processor:
        processor = functools.partial(default_processor, ocr=ocr)
    files, missing = collect_paths(paths)
    report = IngestReport(str(db_path), files=list(missing))
    total = len(files) + len(missing)
    done = len(missing)

    def emit(result: FileResult) -> None:
        nonlocal done
        report.files.append(result)
        done += 1
        if progress:
            progress(result, done, total)

    hashed: list[tuple[str, str]] = []
    for path in files:
        try:
            hashed.append((str(path), file_sha256(path)))
        except OSError as exc:
            emit(FileResult(str(path), "failed", reason=f"cannot read: {exc.strerror}"))
    if not hashed and not Path(db_path).exists():
        return report  # nothing to read: no empty corpus is created for it
    readers = (
        Readers(
            processor,
            jobs,
            split,
            any(_is_pdf(p) for p in files),
            timeout,
            ocr=ocr,
        )
        if jobs > 1 and len(hashed) > 1
        else None
    )
    try:
        if readers is not None and not Path(db_path).exists():
            # A new corpus: every file is new, so the workers start reading at once while
            # one of them creates the schema and this process loads spaCy.
            migrating = readers.migrate(str(db_path))
            readers.read(hashed)
            readers.warm_up()
            wait([migrating])  # a failure is raised again by open_migrated here
        _write(hashed, db_path, processor, readers, force, emit, timeout, organisation)
    except BaseException:
        if readers is not None:
            readers.close(failed=True)
        raise
    if readers is not None:
        readers.close(failed=False)
    from kitar.ingest.folder import link_folders

    link_folders(db_path, report.files, export)
    order = {str(p): n for n, p in enumerate(files)}
    report.files.sort(key=lambda f: order.get(f.path, -1))  # input order, missing inputs first
    return report


def _write(
    hashed: list[tuple[str, str]],
    db_path: str | Path,
    processor: Processor,
    readers: Readers | None,
    force: bool,
    emit: Callable[[FileResult], None],
    timeout: float | None = None,
    organisation: str | None = None,
) -> None:
    """Skip unchanged files, then write the outcomes in input order (the writer loop)."""
    db = open_migrated(db_path)
    conn = db.conn
    fallback = default_organisation()
    todo: list[tuple[str, str]] = []
    for path, sha in hashed:
        stored = stored_document(conn, sha)
        if stored and not force:
            doc_id, meeting_id, items = stored
            if organisation and meeting_id:  # naming it is no reason to parse again
                conn.execute(  # autocommit: one statement
                    "UPDATE meetings SET organisation = ? WHERE id = ?", (organisation, meeting_id)
                )
            emit(FileResult(path, "unchanged", items, document_id=doc_id, meeting_id=meeting_id))
        else:
            todo.append((path, sha))
    if readers is not None and readers.files:  # reading already, perhaps some not needed
        todo = readers.skip({path for path, _ in hashed} - {path for path, _ in todo})
    elif readers is not None and len(todo) > 1:
        readers.read(todo)
    elif readers is not None:
        readers = None  # one file: read here
    catch_up(conn)  # after a killed ingest
    ready: Analysed = {}  # analyses made by the workers, waiting for the next FTS batch
    written: list[FileResult] = []  # reported once committed
    try:
        with Batch(conn) as batch:
            for outcome, more in _outcomes(todo, processor, readers, timeout):
                prep = outcome.prepared
                if prep is None:
                    written.append(FileResult(outcome.path, "failed", reason=outcome.reason))
                else:
                    prep.organisation = organisation or prep.organisation or fallback
                    status, doc_id, meeting_id = batch.write(prep, force=force, ready=ready)
                    if len(ready) >= FTS_BATCH:
                        catch_up(conn, ready)
                    written.append(
                        FileResult(
                            outcome.path,
                            status,
                            items=len(prep.items),
                            warnings=prep.doc_warnings + prep.meeting.warnings,
                            document_id=doc_id,
                            meeting_id=meeting_id or None,  # 0: a document, not a meeting
                        )
                    )
                # Never hold the write lock while waiting for a parser, nor longer than 0.25 s.
                if not more or batch.due():
                    batch.commit()
                    for result in written:
                        emit(result)
                    written.clear()
            catch_up(conn, ready)
        for result in written:
            emit(result)
    finally:
        conn.close()
