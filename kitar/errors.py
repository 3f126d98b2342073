"""Domain exceptions. The CLI maps each to a one-line message and its exit code."""

from __future__ import annotations

import errno
from pathlib import Path


class KitarError(Exception):
    """Base class: a problem with the user's input or environment, never a bug."""

    exit_code = 1

    def __init__(self, message: str, path: str | Path | None = None) -> None:
        self.path = str(path) if path is not None else None
        super().__init__(f"{self.path}: {message}" if self.path else message)


class DocumentNotFound(KitarError):
    exit_code = 3


class EmptyDocument(KitarError):
    """A zero-byte file."""

    exit_code = 4


class UnsupportedFormat(KitarError):
    """Not a PDF, DOCX or text file, or its content does not match its name."""

    exit_code = 5


class EncryptedDocument(KitarError):
    exit_code = 6


class DamagedDocument(KitarError):
    """A file too damaged to read even in a lenient mode."""

    exit_code = 7


class NoTextLayer(KitarError):
    """A scanned PDF: pages carry images but no text."""

    exit_code = 8


class NothingToExtract(KitarError):
    """A document with no text and no images (e.g. a blank page)."""

    exit_code = 9


class CorpusError(KitarError):
    """Database problems: missing meeting, bad query, failed migration."""

    exit_code = 10


class QueryError(CorpusError):
    exit_code = 11


class OutputExists(KitarError):
    exit_code = 12


class PersonalDataFound(KitarError):
    """`kitar publish` found personal data in open items and was not told to replace it."""

    exit_code = 13


class OverBudget(KitarError):
    """A document that took longer than its time budget (`--timeout`) and was stopped."""

    exit_code = 14


class OutputError(KitarError):
    """An output that cannot be written: not a regular file, no permission, a read-only file
    system, a full disk (on a file or on standard output)."""

    exit_code = 15


EXIT_CODES: dict[int, str] = {
    0: "udført",
    1: "fejl (eller: en eller flere filer fejlede i en kørsel)",
    2: "forkert brug af kommandolinjen",
    DocumentNotFound.exit_code: "filen findes ikke",
    EmptyDocument.exit_code: "tom fil (0 byte)",
    UnsupportedFormat.exit_code: "ukendt eller forkert angivet format (en tekstfil kaldt .pdf)",
    EncryptedDocument.exit_code: "krypteret PDF",
    DamagedDocument.exit_code: "beskadiget fil, der ikke kan repareres",
    NoTextLayer.exit_code: "scannet PDF uden tekstlag (læs den med --ocr)",
    NothingToExtract.exit_code: "ingen tekst overhovedet (tomt dokument)",
    CorpusError.exit_code: "fejl i korpus/database",
    QueryError.exit_code: "ugyldig søgning",
    OutputExists.exit_code: "outputfilen findes allerede (brug --force)",
    PersonalDataFound.exit_code: "personoplysninger fundet, intet udgivet (--redact-personal)",
    OverBudget.exit_code: "dokumentet stoppet: over sin tidsgrænse (--timeout)",
    OutputError.exit_code: "output kan ikke skrives (ikke en almindelig fil, adgang, "
    "skrivebeskyttet filsystem, disken fuld)",
}


# Why a file (or standard output) cannot be written, in words a user acts on.
_OS_REASONS = {
    errno.ENOSPC: "no space left on the device",
    errno.EDQUOT: "disk quota exceeded",
    errno.EACCES: "permission denied",
    errno.EPERM: "operation not permitted (a protected or immutable file?)",
    errno.EROFS: "read-only file system",
    errno.EISDIR: "is a directory",
    errno.ENOENT: "no such folder",
    errno.ENOTDIR: "a part of the path is not a folder",
}


def os_error_reason(exc: OSError) -> str:
    """A short reason for an OSError (ENOSPC → "no space left on the device")."""
    return _OS_REASONS.get(exc.errno or 0) or exc.strerror or str(exc)


def exit_codes_help() -> str:
    """Exit codes as a help paragraph."""
    return "Slutkoder: " + "; ".join(f"{code} {text}" for code, text in EXIT_CODES.items()) + "."
