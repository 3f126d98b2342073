"""The follow-up list as CSV, JSON, Markdown, Excel or Word (the only openpyxl importer)."""

from __future__ import annotations

import csv
import io
import json
import re
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
STATUS_DA = {"open": "åben", "done": "udført"}
# A follow-up's source starts with where it was found: `decision: …`, `section:Baggrund: …`.
ORIGIN_DA = {"decision": "beslutning", "recommendation": "indstilling", "section:": "afsnit "}
_ORIGIN = re.compile(r"^(decision|recommendation|section:)")
FORMATS = ("table", "csv", "json", "md", "xlsx", "docx")
# The file name's ending for each format written with --output (table is terminal only).
SUFFIXES = {"csv": ".csv", "json": ".json", "md": ".md", "xlsx": ".xlsx", "docx": ".docx"}
# Column widths in the Excel sheet (characters), in COLUMNS order.
XLSX_WIDTHS = (6, 8, 12, 12, 22, 60, 36, 7, 9, 60)
DATE_FORMAT_XLSX = "dd-mm-yyyy"  # how Danish Excel writes a date
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
    """CSV, JSON or Markdown to a file (UTF-8, line ends as given)."""
    return write_output(out, text, force=force)


def _cell(column: str, value: Any) -> str:
    """A cell as a person reads it: `ja`/`nej`, `åben`/`udført`."""
    if column == "overdue":
        return "ja" if value else "nej"
    if column == "closed":
        return CLOSED_MARK if value else ""
    if column == "status":
        return STATUS_DA.get(value, value)
    if column == "source":
        return _ORIGIN.sub(lambda m: ORIGIN_DA[m.group(1)], str(value), count=1)
    return "" if value is None else str(value)


def to_csv(data: list[dict[str, Any]], *, excel: bool = True) -> str:
    """CSV as Danish Excel opens it: a BOM (so æøå are read as UTF-8), `;` between fields
    (`,` is the decimal comma), CRLF, Danish headers and `ja`/`nej`. `excel=False`: RFC 4180
    CSV with `,`, the JSON's English keys and values, for scripts."""
    buf = io.StringIO()
    if not excel:
        writer = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(data)
        return buf.getvalue()
    out = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    out.writerow([HEADERS_DA[c] for c in COLUMNS])
    out.writerows([[_cell(c, row[c]) for c in COLUMNS] for row in data])
    return "\ufeff" + buf.getvalue()


def to_json(data: list[dict[str, Any]]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


def to_markdown(data: list[dict[str, Any]]) -> str:
    """A Markdown table; overdue deadlines in bold."""
    cols = [c for c in COLUMNS if c not in ("overdue", "source")]
    lines = ["| " + " | ".join(HEADERS_DA[c] for c in cols) + " |", "|" + "---|" * len(cols)]
    for row in data:
        cells = [_cell(c, row[c]).replace("|", "\\|").replace("\n", " ") for c in cols]
        if row["overdue"]:
            cells[cols.index("due")] = f"**{row['due']}**"
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def _xlsx_value(column: str, value: Any) -> Any:
    if column == "due" and value:
        return date.fromisoformat(value)  # a real date: sortable and filterable in Excel
    return _cell(column, value) if column in ("overdue", "status", "closed", "source") else value


def write_xlsx(data: list[dict[str, Any]], out: Path, *, force: bool = False) -> Path:
    """An Excel sheet: Danish headers, frozen and filtered header row, deadlines as real
    dates (overdue ones in red)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    check_target(out, force)  # before the work
    wb = Workbook()
    ws = wb.active
    ws.title = "Opfølgning"
    ws.append([HEADERS_DA[c] for c in COLUMNS])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    due_col = COLUMNS.index("due") + 1
    for row in data:
        ws.append([_xlsx_value(c, row[c]) for c in COLUMNS])
        due = ws.cell(ws.max_row, due_col)
        if row["due"]:
            due.number_format = DATE_FORMAT_XLSX
        if row["overdue"]:
            due.font = Font(color="C00000", bold=True)
    ws.freeze_panes = "A2"  # the header row stays when scrolling
    ws.auto_filter.ref = ws.dimensions
    for n, width in enumerate(XLSX_WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(n)].width = width
    return write_output(out, wb.save, force=force)


def write_docx(data: list[dict[str, Any]], out: Path, *, force: bool = False) -> Path:
    """A Word document with the follow-up table (overdue deadlines marked `!`)."""
    from kitar.minutes.docx_write import DocxWriter

    check_target(out, force)
    w = DocxWriter()
    w.add_heading("Opfølgningsliste", 1)
    w.add_paragraph(f"Udskrevet {date.today().isoformat()}; ! = fristen er overskredet.")
    cols = ["id", "due", "owner", "action", "meeting", "closed", "status"]
    body = [[_cell(c, r[c]) + (" !" if c == "due" and r["overdue"] else "") for c in cols]
            for r in data]  # fmt: skip
    w.add_table([HEADERS_DA[c] for c in cols], body)
    w.set_properties(title="Opfølgningsliste", category="Opfølgning", language="da-DK")
    return w.save(out, force=force)
