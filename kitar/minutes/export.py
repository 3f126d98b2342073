"""The follow-up list as CSV, JSON, Markdown, Excel or Word (the only openpyxl importer)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from kitar.minutes.output import check_target, write_output
from kitar.store.followups import StoredFollowUp

COLUMNS = ["id", "status", "overdue", "due", "owner", "action", "meeting", "item", "closed",
           "source"]  # fmt: skip
HEADERS_DA = {"id": "Nr.", "status": "Status", "overdue": "Overskredet", "due": "Frist",
              "owner": "Ansvarlig", "action": "Handling", "meeting": "Møde", "item": "Punkt",
              "closed": "Lukket punkt", "source": "Kilde"}  # fmt: skip
CLOSED_MARK = "LUKKET"  # the item a follow-up comes from is closed: internal only
FORMATS = ("table", "csv", "json", "md", "xlsx", "docx")
BINARY_FORMATS = ("xlsx", "docx")


def rows(followups: Sequence[StoredFollowUp], today: date | None = None) -> list[dict[str, Any]]:
    """One flat dict per follow-up, in COLUMNS order."""
    today = today or date.today()
    return [
        {
            "id": f.id,
            "status": f.status,
            "overdue": f.overdue(today),
            "due": f.due or "",
            "owner": f.owner or "",
            "action": f.action,
            "meeting": " ".join(x for x in (f.meeting_date, f.meeting_body) if x),
            "item": f.item_number or "",
            "closed": f.closed,
            "source": f.source,
        }
        for f in followups
    ]


def write_text(text: str, out: Path, *, force: bool = False) -> Path:
    """CSV, JSON or Markdown to a file (UTF-8)."""
    return write_output(out, text, force=force)


def to_csv(data: list[dict[str, Any]]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(data)
    return buf.getvalue()


def to_json(data: list[dict[str, Any]]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


def _cell(row: dict[str, Any], column: str) -> str:
    if column == "closed":
        return CLOSED_MARK if row["closed"] else ""
    return str(row[column])


def to_markdown(data: list[dict[str, Any]]) -> str:
    """A Markdown table; overdue deadlines in bold."""
    cols = [c for c in COLUMNS if c not in ("overdue", "source")]
    lines = ["| " + " | ".join(HEADERS_DA[c] for c in cols) + " |", "|" + "---|" * len(cols)]
    for row in data:
        cells = [_cell(row, c).replace("|", "\\|").replace("\n", " ") for c in cols]
        if row["overdue"]:
            cells[cols.index("due")] = f"**{row['due']}**"
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def write_xlsx(data: list[dict[str, Any]], out: Path, *, force: bool = False) -> Path:
    """An Excel sheet with a header row, filters and overdue deadlines in red."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    check_target(out, force)  # before the work
    wb = Workbook()
    ws = wb.active
    ws.title = "Opfølgning"
    ws.append([HEADERS_DA[c] for c in COLUMNS])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in data:
        ws.append([("ja" if row[c] else "") if c == "overdue" else _cell(row, c) for c in COLUMNS])
        if row["overdue"]:
            ws.cell(ws.max_row, COLUMNS.index("due") + 1).font = Font(color="C00000", bold=True)
    ws.auto_filter.ref = ws.dimensions
    for letter, width in zip("ABCDEFGHIJ", (6, 8, 11, 11, 22, 60, 36, 7, 9, 60), strict=True):
        ws.column_dimensions[letter].width = width
    return write_output(out, wb.save, force=force)


def write_docx(data: list[dict[str, Any]], out: Path, *, force: bool = False) -> Path:
    """A Word document with the follow-up table (overdue deadlines marked `!`)."""
    from kitar.minutes.docx_write import DocxWriter

    check_target(out, force)
    w = DocxWriter()
    w.add_heading("Opfølgningsliste", 1)
    w.add_paragraph(f"Udskrevet {date.today().isoformat()}; ! = fristen er overskredet.")
    cols = ["id", "due", "owner", "action", "meeting", "closed", "status"]
    body = [[_cell(r, c) + (" !" if c == "due" and r["overdue"] else "") for c in cols]
            for r in data]  # fmt: skip
    w.add_table([HEADERS_DA[c] for c in cols], body)
    w.set_properties(title="Opfølgningsliste", category="Opfølgning", language="da-DK")
    return w.save(out, force=force)
