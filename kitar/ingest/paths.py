"""Folders and globs walked without loops: a directory reached twice (a symlink to a parent,
two links to one folder) is walked once.

`glob.glob(recursive=True)` follows directory symlinks at every level and so never ends on
a folder holding a link to its parent (`kitar ingest 'dir/**/*.txt'` grew past 600 MB);
`Path.rglob` does not follow them at all. Here a linked folder is walked, once.
"""

from __future__ import annotations

import fnmatch
import os
import re
from collections.abc import Iterator
from pathlib import Path

_MAGIC = re.compile(r"[*?[]")


def has_magic(pattern: str) -> bool:
    return bool(_MAGIC.search(pattern))


def walk_files(root: Path) -> Iterator[Path]:
    """Every file under `root` (sorted per folder), following directory symlinks but never
    into a directory already walked (known by device and inode)."""
    seen: set[tuple[int, int]] = set()
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            info = folder.stat()
        except OSError:
            continue  # a dangling link, or no permission
        key = (info.st_dev, info.st_ino)
        if key in seen:
            continue
        seen.add(key)
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            continue
        subfolders = []
        for entry in entries:
            try:
                is_dir = entry.is_dir()  # follows a symlink
            except OSError:
                continue
            if is_dir:
                subfolders.append(Path(entry.path))
            elif entry.is_file():
                yield Path(entry.path)
        stack.extend(reversed(subfolders))


def _split(pattern: str) -> tuple[Path, list[str]]:
    """The literal folder a pattern starts from, and its remaining parts."""
    parts = Path(pattern).parts
    base: list[str] = []
    for part in parts:
        if has_magic(part):
            break
        base.append(part)
    rest = list(parts[len(base) :])
    return (Path(*base) if base else Path(".")), rest


def _matches(parts: tuple[str, ...], pattern: list[str]) -> bool:
    """`parts` (a path below the base) against pattern parts; `**` is any number of folders."""
    if not pattern:
        return not parts
    head, tail = pattern[0], pattern[1:]
    if head == "**":  # as glob: `**` crosses no hidden folder
        visible = next((i for i, part in enumerate(parts) if part.startswith(".")), len(parts))
        return any(_matches(parts[i:], tail) for i in range(visible + 1))
    if not parts:
        return False
    hidden = parts[0].startswith(".") and not head.startswith(".")
    return not hidden and fnmatch.fnmatchcase(parts[0], head) and _matches(parts[1:], tail)


def expand_glob(pattern: str) -> list[Path]:
    """The files matching `pattern` (`*`, `?`, `[…]`, `**` for any depth), as glob.glob with
    recursive=True finds them, but walking each directory once."""
    base, rest = _split(pattern)
    if not base.is_dir():
        return []
    if len(rest) == 1 and "**" not in rest:  # the common case: one folder, no walk
        return sorted(p for p in base.iterdir() if _matches((p.name,), rest) and p.is_file())
    found = []
    for path in walk_files(base):
        if _matches(path.relative_to(base).parts, rest):
            found.append(path)
    return sorted(found)
