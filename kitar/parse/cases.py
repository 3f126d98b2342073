"""Case numbers in their systems' shapes, and the organisation a meeting document belongs to.

One case is printed in several ways: `Sagsnr.: 12/27845`, `J.nr. 12/ 27845`, `Sags nr 12/027845`
are one Acadre case; `330-2018-3619` and `330 - 2018 - 03619` one SBSYS case. `case_key` strips
the label, folds spacing, dashes and leading zeros within the number's shape, and keeps the
shape's separators: `12/27845` and `12-27845` stay apart (two systems write them).
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable
from typing import Any

from kitar.parse.agenda import agenda

# The labels, shapes and keys are data: `[case_key]` in pipelines/wordings.toml.
_DASHES = str.maketrans({c: "-" for c in "‐‑‒–—−"})
_SPACE_RE = re.compile(r"\s+")


class _KeyFormatter(string.Formatter):
    """A shape's `key`: `{5!i}` is group 5 as a number, so its leading zeros go (`04` → `4`)."""

    def convert_field(self, value: Any, conversion: str | None) -> Any:
        return int(value) if conversion == "i" else super().convert_field(value, conversion)


_KEY = _KeyFormatter()


def _bare(text: str) -> str:
    text = agenda().case_key_label.sub("", text.translate(_DASHES).strip())
    return _SPACE_RE.sub("", text).rstrip(".,;:").upper()


def case_shape(text: str) -> str | None:
    """The system shape a case number has ("year/serial", "kle", …), or None."""
    bare = _bare(text)
    return next((s.name for s in agenda().case_key_shapes if s.pattern.fullmatch(bare)), None)


def is_case_number(text: str) -> bool:
    """`12/27845`, `Sagsnr. 330-2018-3619`, `00.01.00-G01-4-24` are; `Kulturkommune 2017` is not."""
    return case_shape(text) is not None


def case_key(text: str | None) -> str | None:
    """The case's key within its shape: `J.nr. 12/ 027845` → `12/27845`; None for no number.

    A number of no known shape keeps its characters, spacing folded and upper-cased.
    """
    if not text or not text.strip():
        return None
    bare = _bare(text)
    if not bare:
        return None
    for shape in agenda().case_key_shapes:
        if m := shape.pattern.fullmatch(bare):
            return _KEY.format(shape.key, m.group(0), *m.groups())
    return bare


# The header: an organisation named in the first lines of a document (or its page title) is
# its own. Further in, a text names others ("i samarbejde med Region Sjælland"): a KL agenda
# names another region three times, so mentions in the body are no evidence.
HEADER_BLOCKS = 15


def find_organisation(header: Iterable[str]) -> str | None:
    """The first municipality or region the header names (`Testrup Kommune`), or None."""
    for text in header:
        if m := agenda().organisation.search(text):
            return " ".join(m.group(0).split())
    return None
