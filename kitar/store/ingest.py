"""Batch ingest: files, folders and globs → N reader/parser processes → one writer.

Documents are known by the SHA-256 of their bytes: an unchanged file is skipped before it is
parsed. Each document is written in its own SAVEPOINT, in input order, and committed within
0.25 s (`kitar.store.writer.Batch`), so a kill or Ctrl-C leaves every earlier document
complete or absent, never half written, and a re-run continues where it stopped.
"""

from __future__ import annotations

import contextlib
import glob
import hashlib
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from kitar.errors import DocumentNotFound, KitarError
from kitar.model import Document, Meeting
from kitar.store.fts import Analysed, catch_up
from kitar.store.migrations import open_migrated
from kitar.store.prepare import Prepared, prepare
from kitar.store.writer import Batch

SUFFIXES = (".pdf", ".docx", ".txt")
# Index this many new search units at a time (a few hundred documents' worth).
FTS_BATCH = 20_000
FileStatus = Literal["new", "updated", "unchanged", "failed"]
Processor = Callable[[str], tuple[Document, Meeting]]
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


def default_processor(path: str) -> tuple[Document, Meeting]:
    """The real pipeline, imported lazily so the search path never loads spaCy or pdfplumber."""
    from kitar.pipeline import process_file

    return process_file(path)


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


@dataclass
class _Outcome:
    path: str
    prepared: Prepared | None = None
    reason: str | None = None


def _failure(path: str, exc: BaseException) -> _Outcome:
    if isinstance(exc, KitarError):
        return _Outcome(path, reason=str(exc))
    return _Outcome(path, reason=f"internal error: {type(exc).__name__}: {exc}")


def _prepared(path: str, sha: str, doc: Document, meeting: Meeting) -> _Outcome:
    doc = replace(doc, blocks=[])  # the writer needs page texts, not blocks: less to pickle
    return _Outcome(path, prepared=prepare(doc, meeting, sha, path))


def _work(processor: Processor, path: str, sha: str) -> _Outcome:
    """Read, parse and analyse one file; any failure becomes a reason, never an exception."""
    try:
        return _prepared(path, sha, *processor(path))
    except Exception as exc:  # a parser bug must not abort the batch
        return _failure(path, exc)


def _read(path: str) -> Document | str:
    """Only read one file (in a worker): a Document, or the reason it failed."""
    from kitar.pipeline import read_file

    try:
        return read_file(path)
    except Exception as exc:
        return _failure(path, exc).reason or ""


def _warm_up() -> None:
    """Load spaCy and the lexicons in this process, while the workers read."""
    from kitar.pipeline import warm_up

    with contextlib.suppress(Exception):  # the real documents then report what is wrong
        prepare(*warm_up(), "", "<warm-up>")


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def _result(path: str, future: Future[Any]) -> Any:
    """A worker's result; if the worker died (e.g. out of memory) the exception is returned."""
    try:
        return future.result()
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:
        return exc


def _died(path: str, exc: BaseException) -> _Outcome:
    if isinstance(exc, KitarError):  # raised by a chunk reader
        return _Outcome(path, reason=str(exc))
    return _Outcome(path, reason=f"worker process failed: {type(exc).__name__}: {exc}")


@dataclass
class _Pending:
    """A file in the workers' hands. `kind` says what they return: the whole outcome, a read
    Document (finished here), or a long PDF's page chunks (assembled and finished here)."""

    path: str
    sha: str
    kind: Literal["outcome", "document", "pages"]
    parts: list[Future[Any]]
    outcome: _Outcome | None = None

    def read(self) -> bool:
        return all(f.done() for f in self.parts)

    def ready(self) -> bool:
        """Finishing it here takes no waiting for a worker and little time."""
        return self.outcome is not None or (self.read() and self.kind != "pages")

    def finish(self) -> _Outcome:
        """The outcome (waiting for the workers if needed), finished in this process."""
        if self.outcome is None:
            self.outcome = self._finish()
            self.parts = []  # the pages can go
        return self.outcome

    def _finish(self) -> _Outcome:
        from kitar.pipeline import finish_document, process_pdf_pages

        results = [_result(self.path, f) for f in self.parts]
        for got in results:
            if isinstance(got, BaseException):
                return _died(self.path, got)
        if self.kind == "outcome":
            return results[0]
        if isinstance(results[0], str):
            return _Outcome(self.path, reason=results[0])
        try:
            if self.kind == "document":
                return _prepared(self.path, self.sha, *finish_document(results[0]))
            pages = [page for got, _ in results for page in got]
            notes = [note for _, more in results for note in more]
            return _prepared(self.path, self.sha, *process_pdf_pages(self.path, pages, notes))
        except Exception as exc:
            return _failure(self.path, exc)


def _chunks(path: str, jobs: int, few: bool) -> list[list[int]] | None:
    """Page chunks for a PDF to read in several workers at once, or None to read it whole.

    A long PDF is always split; with only a few files a medium one (e.g. 15 pages) is split
    in `jobs` parts too, or it alone would keep one worker busy while the others idle.
    """
    from kitar.pipeline import MIN_SPLIT_PAGES, pdf_chunks

    chunks = pdf_chunks(path)
    if chunks is None and few:
        chunks = pdf_chunks(path, min_pages=MIN_SPLIT_PAGES, parts=jobs)
    return chunks if chunks is None or len(chunks) > 1 else None


def _submit(
    pool: ProcessPoolExecutor, processor: Processor, path: str, sha: str, jobs: int, few: bool
) -> _Pending:
    """With the real pipeline the workers only read (no spaCy to load there); this process
    finishes. A custom processor runs whole in the workers."""
    if processor is not default_processor:
        return _Pending(path, sha, "outcome", [pool.submit(_work, processor, path, sha)])
    from kitar.pipeline import read_pdf_chunk

    chunks = _chunks(path, jobs, few)
    if chunks:
        return _Pending(path, sha, "pages", [pool.submit(read_pdf_chunk, path, c) for c in chunks])
    return _Pending(path, sha, "document", [pool.submit(_read, path)])


def _next_read(pending: dict[int, _Pending]) -> _Pending | None:
    """The earliest file whose reading is done but which is not finished yet."""
    for k in sorted(pending):
        if pending[k].outcome is None and pending[k].kind != "outcome" and pending[k].read():
            return pending[k]
    return None


def _outcomes(
    todo: list[tuple[str, str]], processor: Processor, jobs: int
) -> Iterator[tuple[_Outcome, bool]]:
    """(outcome, whether the next one is ready already), in input order (so ids are
    deterministic), from `jobs` worker processes.

    Files go to the workers in chunks, largest first within a chunk, so one big PDF does not
    start last and leave the other workers idle; a chunk bounds the results held in memory.
    With the real pipeline the workers only read, and this process loads spaCy once while
    they do, then finishes (reflows, parses, analyses) each file as its reading is done, in
    any order, while it waits for the next one in input order.
    """
    if jobs <= 1 or len(todo) <= 1:
        for path, sha in todo:
            yield _work(processor, path, sha), False  # the next one is parsed after
        return
    chunk = max(32, jobs * 8)
    few = len(todo) < 4 * jobs
    warm = processor is not default_processor
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        pending: dict[int, _Pending] = {}
        submitted = 0
        try:
            for n in range(len(todo)):
                if n >= submitted - chunk // 2 and submitted < len(todo):
                    batch = range(submitted, min(len(todo), submitted + chunk))
                    for k in sorted(batch, key=lambda k: -_size(todo[k][0])):
                        pending[k] = _submit(pool, processor, *todo[k], jobs, few)
                    submitted = batch.stop
                if not warm:
                    _warm_up()
                    warm = True
                current = pending.pop(n)
                while not current.read():  # finish the others meanwhile
                    other = _next_read(pending)
                    if other is not None:
                        other.finish()
                        continue
                    waiting = [f for p in (current, *pending.values()) for f in p.parts]
                    wait([f for f in waiting if not f.done()], return_when=FIRST_COMPLETED)
                outcome = current.finish()
                following = pending.get(n + 1)
                yield outcome, following is not None and following.ready()
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise


def ingest(
    paths: Iterable[str | Path],
    db_path: str | Path,
    jobs: int = 1,
    force: bool = False,
    progress: Progress | None = None,
    processor: Processor | None = None,
) -> IngestReport:
    """Ingest documents into the corpus at `db_path`; failures are reported per file.

    `processor(path) -> (Document, Meeting)` defaults to kitar.pipeline.process_file; tests
    pass a fake one. It must be picklable (a module-level function) when jobs > 1.
    """
    processor = processor or default_processor
    files, missing = collect_paths(paths)
    report = IngestReport(str(db_path), files=list(missing))
    db = open_migrated(db_path)
    conn = db.conn
    total = len(files) + len(missing)
    done = len(missing)

    def emit(result: FileResult) -> None:
        nonlocal done
        report.files.append(result)
        done += 1
        if progress:
            progress(result, done, total)

    todo: list[tuple[str, str]] = []
    for path in files:
        try:
            sha = file_sha256(path)
        except OSError as exc:
            emit(FileResult(str(path), "failed", reason=f"cannot read: {exc.strerror}"))
            continue
        row = conn.execute(
            "SELECT d.id, m.id, (SELECT count(*) FROM items i WHERE i.meeting_id = m.id) "
            "FROM documents d LEFT JOIN meetings m ON m.document_id = d.id WHERE d.sha256 = ?",
            (sha,),
        ).fetchone()
        if row and not force:
            emit(
                FileResult(
                    str(path), "unchanged", items=row[2] or 0, document_id=row[0], meeting_id=row[1]
                )
            )
        else:
            todo.append((str(path), sha))
    catch_up(conn)  # after a killed ingest
    ready: Analysed = {}  # analyses made by the workers, waiting for the next FTS batch
    written: list[FileResult] = []  # reported once committed
    try:
        with Batch(conn) as batch:
            for outcome, more in _outcomes(todo, processor, jobs):
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
    order = {str(p): n for n, p in enumerate(files)}
    report.files.sort(key=lambda f: order.get(f.path, -1))  # input order, missing inputs first
    return report
