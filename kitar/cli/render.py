"""Tables that fit the terminal: a rich table when wide, a list with hanging indents when narrow.

At 80 columns a 7-column rich table squeezes each cell to ~11 characters and a row grows 10-13
lines tall; below NARROW_COLUMNS each row becomes a headline and `Label  value` lines whose
wrapped continuation lines stay indented under the value. No line ends in spaces.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from rich.console import Console
from rich.segment import Segment, Segments
from rich.table import Table
from rich.text import Text

# Below this many columns tables turn into lists: a 6-7 column table needs ~100 columns before
# its text column is wider than ~30 characters (measured on the demo's follow-ups and people).
NARROW_COLUMNS = 100
# The list form indents a record's fields by this much under its headline.
FIELD_INDENT = 3

# Narrower than this, a value column would wrap a word per line: let it run past the edge.
MIN_ROOM = 20

Cell = str | Text
UNBOUNDED = 10_000
_MEASURE = Console(width=UNBOUNDED)  # Text.wrap measures cells with a console; its width is unused


@dataclass
class Column:
    """A column's header, alignment, and whether the narrow list puts it in the headline."""

    header: str
    justify: str = "left"
    headline: bool = False
    max_width: int | None = None
    # short values (numbers, flags) share one `label value  label value` line in the list
    inline: bool = False


def is_narrow(console: Console) -> bool:
    return console.width < NARROW_COLUMNS


def _fits(console: Console, table: Table) -> bool:
    """Whether the table needs no cell wrapped at this width."""
    from rich.measure import Measurement

    unbounded = console.options.update_width(UNBOUNDED)  # the width it wants, not the one it has
    return Measurement.get(console, unbounded, table).maximum <= console.width


def _text(cell: Cell) -> Text:
    return cell if isinstance(cell, Text) else Text(cell)


def hanging(text: Text, width: int, indent: int, first: Text | None = None) -> list[Text]:
    """`first` + `text` wrapped to `width`, continuation lines indented by `indent`; no
    trailing spaces."""
    head = first.copy() if first is not None else Text()
    head_room = max(MIN_ROOM, width - len(head.plain))
    room = max(MIN_ROOM, width - indent)
    lines = list(text.wrap(_MEASURE, head_room, justify="default"))
    if lines:
        head.append_text(lines[0])
    head.rstrip()
    out = [head]
    if len(lines) > 1:
        rest = Text(" ").join(lines[1:])
        for line in rest.wrap(_MEASURE, room, justify="default"):
            line.rstrip()
            out.append(Text(" " * indent) + line)
    return out


def as_list(columns: Sequence[Column], rows: Sequence[Sequence[Cell]], width: int) -> list[Text]:
    """The narrow form: per row a bold headline of the headline columns, then its fields."""
    label_width = max((len(c.header) for c in columns if not (c.headline or c.inline)),
                      default=0)  # fmt: skip
    out: list[Text] = []
    for n, row in enumerate(rows):
        if n:
            out.append(Text())
        head = Text("  ").join(
            _text(cell) for col, cell in zip(columns, row, strict=True) if col.headline
        )
        head.stylize("bold", 0, len(head))
        out.extend(hanging(head, width, FIELD_INDENT))
        pairs = [Text(f"{col.header} ", style="dim") + _text(cell)
                 for col, cell in zip(columns, row, strict=True)
                 if col.inline and _text(cell).plain.strip()]  # fmt: skip
        if pairs:
            line = Text("  ").join(pairs)
            out.extend(hanging(line, width, FIELD_INDENT, Text(" " * FIELD_INDENT)))
        for col, cell in zip(columns, row, strict=True):
            value = _text(cell)
            if col.headline or col.inline or not value.plain.strip():
                continue
            label = Text(" " * FIELD_INDENT + col.header.ljust(label_width) + "  ", style="dim")
            out.extend(hanging(value, width, FIELD_INDENT + label_width + 2, first=label))
    return out


def as_table(columns: Sequence[Column], rows: Sequence[Sequence[Cell]], title: str | None) -> Table:
    table = Table(title=Text(title) if title else None)
    for col in columns:
        table.add_column(col.header, justify=col.justify, max_width=col.max_width)  # type: ignore[arg-type]
    for row in rows:
        table.add_row(*(_text(cell) for cell in row))  # text as typed: no rich markup
    return table


def print_records(
    console: Console,
    columns: Sequence[Column],
    rows: Sequence[Sequence[Cell]],
    title: str | None = None,
) -> None:
    """Rows as a table on a wide terminal, as a list with hanging indents on a narrow one
    (unless the table fits unwrapped, as a table of numbers does)."""
    table = as_table(columns, rows, title)
    if not is_narrow(console) or _fits(console, table):
        console.print(table)
        return
    if title:
        console.print(Text(title, style="bold"), soft_wrap=True)
    for line in as_list(columns, rows, console.width):
        console.print(line, soft_wrap=True)


def print_wrapped(console: Console, text: Text, indent: int, first: Text | None = None) -> None:
    """A paragraph wrapped to the terminal with its continuation lines indented."""
    for line in hanging(text, console.width, indent, first):
        console.print(line, soft_wrap=True)


def print_trimmed(console: Console, renderable: Any) -> None:
    """Print a rich renderable (a Tree) without the spaces rich leaves at wrapped line ends."""
    lines = console.render_lines(renderable, console.options, pad=False, new_lines=False)
    out: list[Segment] = []
    for line in lines:
        while line and not line[-1].control and not line[-1].text.rstrip():
            line.pop()
        if line and not line[-1].control:
            last = line.pop()
            line.append(Segment(last.text.rstrip(), last.style))
        out.extend(line)
        out.append(Segment.line())
    console.print(Segments(out), end="")
