"""Batch ingest: files, folders and globs → N reader processes → one parser and writer.

Documents are known by the SHA-256 of their bytes: an unchanged file is skipped before it is
parsed. Each document is written in its own SAVEPOINT, in input order, and committed within
0.25 s (`kitar.store.writer.Batch`), so a kill or Ctrl-C leaves every earlier document
complete or absent, never half written, and a re-run continues where it stopped.
With -j N the files are read by worker processes (`kitar.store.workers`).
"""

from __future__ import annotations

import functools
import glob
import hashlib
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import wait
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from kitar.errors import DocumentNotFound
from kitar.model import Document, Meeting
from kitar.store.fts import Analysed, catch_up
from kitar.store.migrations import open_migrated
from kitar.store.workers import Outcome, Processor, Readers, work
from kitar.store.writer import Batch

if TYPE_CHECKING:
    from kitar.read.ocr import OcrOptions

SUFFIXES = (".pdf", ".docx", ".txt")
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
    from kitar.pipeline import process_file

    return process_file(path) if ocr is None else process_file(path, ocr=ocr)


def collect_paths(inputs: Iterable[str | Path]) -> tuple[list[Path], list[FileResult]]:
    """Expand files, folders (recursively) and globs; missing inputs become failures."""
    found: list[Path] = []
    missing: list[FileResult] = []
    for raw in inputs:
        path = Path(raw)
        if path.is_dir():
            found.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.is_file() and p.suffix.lower() in SUFFIXES and not p.name.startswith(".")
                )
            )
        elif path.is_file():
            found.append(path)  # named explicitly: the reader judges its format
        elif any(c in str(raw) for c in "*?["):
            matches = sorted(Path(m) for m in glob.glob(str(raw), recursive=True))
            hits = [m for m in matches if m.is_file() and m.suffix.lower() in SUFFIXES]
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
    todo: list[tuple[str, str]], processor: Processor, readers: Readers | None
) -> Iterator[tuple[Outcome, bool]]:
    """(outcome, whether the next one is ready already), in input order (so ids are
    deterministic): from the worker processes, or one by one in this process."""
    if readers is None:
        for path, sha in todo:
            yield work(processor, path, sha), False  # the next one is parsed after
        return
    yield from readers.outcomes()


def ingest(
    paths: Iterable[str | Path],
    db_path: str | Path,
    jobs: int = 1,
    force: bool = False,
    progress: Progress | None = None,
    processor: Processor | None = None,
    ocr: OcrOptions | None = None,
) -> IngestReport:
    """Ingest documents into the corpus at `db_path`; failures are reported per file.

    `processor(path) -> (Document, Meeting)` defaults to kitar.pipeline.process_file; tests
    pass a fake one. It must be picklable (a module-level function) when jobs > 1. With
    `ocr`, scanned PDF pages are read by OCR (in the worker processes when jobs > 1).
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
    readers = (
        Readers(processor, jobs, split, any(_is_pdf(p) for p in files), ocr=ocr)
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
        _write(hashed, db_path, processor, readers, force, emit)
    except BaseException:
        if readers is not None:
            readers.close(failed=True)
        raise
    if readers is not None:
        readers.close(failed=False)
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
) -> None:
    """Skip unchanged files, then write the outcomes in input order (the writer loop)."""
    db = open_migrated(db_path)
    conn = db.conn
    todo: list[tuple[str, str]] = []
    for path, sha in hashed:
        row = conn.execute(
            "SELECT d.id, m.id, (SELECT count(*) FROM items i WHERE i.meeting_id = m.id) "
            "FROM documents d LEFT JOIN meetings m ON m.document_id = d.id WHERE d.sha256 = ?",
            (sha,),
        ).fetchone()
        if row and not force:
            emit(
                FileResult(
                    path, "unchanged", items=row[2] or 0, document_id=row[0], meeting_id=row[1]
                )
            )
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
            for outcome, more in _outcomes(todo, processor, readers):
                prep = outcome.prepared
                if prep is None:
                    written.append(FileResult(outcome.path, "failed", reason=outcome.reason))
                else:
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
                            meeting_id=meeting_id,
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
