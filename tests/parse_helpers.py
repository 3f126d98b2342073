"""Build reflowed Documents by hand for parser tests (fictitious text only)."""

from __future__ import annotations

from pathlib import Path

from kitar.model import Block, Document
from kitar.parse.vocabulary import is_section_heading
from kitar.text.normalize import split_bullet


def doc_from_lines(lines: list[str], path: str = "test.txt") -> Document:
    """One block per line; `# ` marks a heading, `@n` a page break, bullets become list items."""
    blocks: list[Block] = []
    page = 1
    for line in lines:
        if line.startswith("@"):
            page = int(line[1:])
            continue
        if line.startswith("# "):
            blocks.append(Block("heading", line[2:], page, bold=True))
            continue
        bullet = split_bullet(line)
        if bullet:
            blocks.append(
                Block("list_item", bullet.text, page, level=bullet.level, marker=bullet.marker)
            )
        elif is_section_heading(line):
            blocks.append(Block("heading", line, page))
        else:
            blocks.append(Block("paragraph", line, page))
    return Document(path=path, format="txt", pages=page, blocks=blocks)


def rerender_pdf(doc: Document, path: Path) -> Path:
    """A read and reflowed document laid out again as a PDF by the fixture generator (blocks,
    letterhead sidebar, page breaks), to be read back."""
    from kitar.demo.layout import sidebar_from_metadata
    from kitar.demo.render_pdf import render_blocks

    return render_blocks(
        doc.blocks, path, sidebar=sidebar_from_metadata(doc.metadata), page_breaks=True
    )
