"""`read_document`: validate a file (or stdin) and dispatch it to the PDF, DOCX, TXT or HTML
reader."""

from __future__ import annotations

import codecs
import hashlib
import io
import re
import sys
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from kitar.errors import DocumentNotFound, EmptyDocument, KitarError, UnsupportedFormat
from kitar.model import DocFormat, Document

if TYPE_CHECKING:
    from kitar.read.ocr import OcrOptions

SUFFIXES: dict[str, DocFormat] = {
    ".pdf": "pdf",
    ".docx": "docx",
    ".txt": "txt",
    ".text": "txt",
    ".md": "txt",
    ".html": "html",
    ".htm": "html",
}
# A saved web page starts (after a BOM, an XML declaration or a comment) like this.
_HTML_START_RE = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
    re.I | re.S,
)
STDIN_NAME = "<stdin>"
# The UTF-32 LE mark starts with the UTF-16 LE one.
_TEXT_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_BE)


def sniff(data: bytes) -> DocFormat | None:
    """The format the bytes are: `%PDF` magic, a zip holding word/document.xml, or UTF-8 text."""
    head = data[:1024]
    if head.lstrip(b"\x00\t\r\n ").startswith(b"%PDF"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                return "docx" if "word/document.xml" in z.namelist() else None
        except zipfile.BadZipFile:
            return None
    if _HTML_START_RE.match(data[:4096]):
        return "html"
    if head.startswith(_TEXT_BOMS):
        return "txt"  # UTF-8, UTF-16 or UTF-32 with a byte order mark
    if b"\x00" in head:
        return None  # binary
    for encoding in ("utf-8", "cp1252"):
        try:
            data[:65536].decode(encoding)
            return "txt"
        except UnicodeDecodeError:
            continue
    return None


def _describe(kind: DocFormat | None) -> str:
    return {
        "pdf": "a PDF",
        "docx": "a Word document",
        "txt": "plain text",
        "html": "a web page",
    }.get(kind or "", "not a PDF, DOCX or text file")


def detect_format(path: Path, data: bytes) -> DocFormat:
    """The format to read, checking the content against the file name."""
    content = sniff(data)
    expected = SUFFIXES.get(path.suffix.lower())
    if expected is None:
        if content is None:
            raise UnsupportedFormat(
                f"unsupported file type {path.suffix or '(no extension)'}: "
                "kitar reads .pdf, .docx, .txt and .html",
                path,
            )
        return content
    if content != expected:
        raise UnsupportedFormat(
            f"named {path.suffix} but the content is {_describe(content)}", path
        )
    return expected


def _read_bytes(path: str | Path) -> tuple[Path, bytes]:
    if str(path) == "-":
        return Path(STDIN_NAME), sys.stdin.buffer.read()
    p = Path(path)
    if not p.exists():
        raise DocumentNotFound("no such file", p)
    if p.is_dir():
        raise UnsupportedFormat("is a directory, not a document", p)
    try:
        return p, p.read_bytes()
    except OSError as exc:
        raise DocumentNotFound(f"cannot read file ({exc.strerror})", p) from None


def validate(path: str | Path) -> tuple[Path, bytes, DocFormat]:
    """Check that a file ("-" = stdin) exists, is not empty and is what its name says."""
    p, data = _read_bytes(path)
    if not data:
        raise EmptyDocument("empty file (0 bytes)", p)
    if p.name == STDIN_NAME:
        kind = sniff(data)
        if kind is None:
            raise UnsupportedFormat("stdin is not a PDF, DOCX or text document", p)
        return p, data, kind
    return p, data, detect_format(p, data)


def read_document(path: str | Path, ocr: OcrOptions | None = None) -> Document:
    """Read a PDF, DOCX or TXT file ("-" reads stdin) into a Document with its sha256; with
    `ocr`, a PDF's pages without a text layer are read by OCR."""
    p, data, kind = validate(path)
    digest = hashlib.sha256(data).hexdigest()
    if kind == "pdf":
        from kitar.read.pdf import read_pdf

        # A PDF on disk is opened by its path: its bytes (3 MB for a 100-page report) need not
        # stay in memory while every page is read; stdin has only the bytes.
        kept = data if p.name == STDIN_NAME else None
        del data
        doc = read_pdf(p, data=kept, ocr=ocr, sha256=digest)
        doc.path = str(p)
        return doc
    elif kind == "docx":
        doc = _read_via_file(p, data, ".docx", "docx")
    elif kind == "html":
        from kitar.read.html import read_html

        doc = read_html(p, data=data)
    else:
        doc = _read_via_file(p, data, ".txt", "txt")
    doc.sha256 = digest
    doc.path = str(p)
    return doc


def _read_via_file(p: Path, data: bytes, suffix: str, kind: DocFormat) -> Document:
    """The DOCX and TXT readers take a path; stdin goes through a temporary file."""
    reader: Callable[[Path], Document]
    try:
        if kind == "docx":
            from kitar.read.docx import read_docx

            reader = read_docx
        else:
            from kitar.read.txt import read_txt

            reader = read_txt
    except ImportError:
        raise KitarError(
            f"reading {kind.upper()} files is not available in this build", p
        ) from None
    if p.name != STDIN_NAME:
        return reader(p)
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp) / f"stdin{suffix}"
        tmp_path.write_bytes(data)
        return reader(tmp_path)
