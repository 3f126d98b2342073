"""A case system's export of a meeting: which file is which item's annex.

eDoc's `eDocAgendaPublishing.xml` lists each `<MeetingAgendaItem>` with its
`<AgendaItemNumber>` and, under `<Attachments>`, each `<Attachment>` with its `<Title>` and its
file (`<PDFDocument>1548227.PDF</PDFDocument>`). Exports are not always well-formed XML (one
holds a form-feed character reference), so they are read with patterns over the text.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

from kitar.errors import UnsupportedFormat

_ITEM_SPLIT = "<MeetingAgendaItem>"
_NUMBER_RE = re.compile(r"<AgendaItemNumber>\s*(\d+)")
_ATTACHMENT_RE = re.compile(r"<Attachment\b[^>]*>(.*?)</Attachment>", re.S)
_TITLE_RE = re.compile(r"<Title>([^<]*)</Title>")
_FILE_RE = re.compile(r"<PDFDocument>([^<]+)</PDFDocument>")


@dataclass
class ExportedAnnex:
    item_number: str
    file_name: str
    title: str


def read_case_export(path: str | Path) -> list[ExportedAnnex]:
    """The annex files an export assigns to items; UnsupportedFormat if it names none."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise UnsupportedFormat(f"cannot read the export ({exc.strerror})", path) from None
    out: list[ExportedAnnex] = []
    for chunk in text.split(_ITEM_SPLIT)[1:]:
        number = _NUMBER_RE.search(chunk)
        if not number:
            continue
        for body in _ATTACHMENT_RE.findall(chunk):
            name, title = _FILE_RE.search(body), _TITLE_RE.search(body)
            if name:
                out.append(
                    ExportedAnnex(
                        number.group(1),
                        name.group(1).strip(),
                        html.unescape(title.group(1)).strip() if title else "",
                    )
                )
    if not out and _ITEM_SPLIT not in text:
        raise UnsupportedFormat("not a case system export of a meeting (no agenda items)", path)
    return out
