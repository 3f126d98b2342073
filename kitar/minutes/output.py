"""The one file writer of every command that writes a file (minutes, follow-up lists, …).

A temporary file in the target's folder, then an atomic rename: a reader never sees half a
file, and a failure leaves the old file as it was. The new file gets the umask's mode (not
mkstemp's 0600). Only regular files are written: a directory, a device (`-o /dev/full`), a
fifo or a socket is refused with one line, whatever `--force` says. A symbolic link counts
as an existing file: refused without `--force`; with it the link itself is replaced, never
written through (so a link cannot redirect the output somewhere else). The same for every
format: the content comes as bytes, text or a function that writes into a binary file.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from kitar.errors import OutputError, OutputExists, os_error_reason

Content = bytes | str | Callable[[BinaryIO], object]

_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISFIFO, "a fifo (named pipe)"),
    (stat.S_ISSOCK, "a socket"),
)


def check_target(path: str | Path, force: bool) -> None:
    """Refuse a target that must not be written: anything but a regular file or a symbolic
    link (always), an existing file or link (without `force`)."""
    path = Path(path)
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise OutputError(f"cannot write: {os_error_reason(exc)}", path) from None
    if stat.S_ISLNK(info.st_mode):
        if not force:
            raise OutputExists("exists (a symbolic link); use --force to replace the link", path)
        return
    for test, kind in _KINDS:
        if test(info.st_mode):
            raise OutputError(f"is {kind}, not a regular file: kitar writes only files", path)
    if not force:
        raise OutputExists("exists; use --force to overwrite", path)


def _umask_mode() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def _write_all(fh: BinaryIO, content: Content) -> None:
    if isinstance(content, str):
        fh.write(content.encode("utf-8"))
    elif isinstance(content, bytes):
        fh.write(content)
    else:
        content(fh)
    fh.flush()
    os.fsync(fh.fileno())


def _publish(tmp: str, path: Path, force: bool) -> None:
    """Move the finished temporary file into place. Without `force` a hard link does it, which
    fails if something appeared at `path` meanwhile; where links are not supported (some
    network shares) the checked rename does."""
    if force:
        os.replace(tmp, path)
        return
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise OutputExists("exists; use --force to overwrite", path) from None
    except OSError:
        check_target(path, force)
        os.replace(tmp, path)


def write_output(path: str | Path, content: Content, *, force: bool = False) -> Path:
    """Write `content` to `path` atomically; OutputExists / OutputError name the file."""
    path = Path(path)
    check_target(path, force)
    tmp: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as fh:
            _write_all(fh, content)
        os.chmod(tmp, _umask_mode())
        _publish(tmp, path, force)
    except OSError as exc:
        raise OutputError(f"cannot write: {os_error_reason(exc)}", path) from None
    finally:
        if tmp is not None and os.path.lexists(tmp):
            os.unlink(tmp)
    return path


def install(finished: str | Path, path: str | Path, *, force: bool = False) -> Path:
    """Move a file finished elsewhere in the target's folder (a database written by SQLite,
    say) into place by the same rules as `write_output`; the file is gone afterwards."""
    path = Path(path)
    try:
        check_target(path, force)
        os.chmod(finished, _umask_mode())
        _publish(str(finished), path, force)
    except OSError as exc:
        raise OutputError(f"cannot write: {os_error_reason(exc)}", path) from None
    finally:
        if os.path.lexists(finished):
            os.unlink(finished)
    return path
