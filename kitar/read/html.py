"""Read a saved municipal agenda or minutes web page (.html, .htm) into blocks.

This module decodes the page and parses it; kitar.read.html_chrome says what of it is site
chrome, kitar.read.html_blocks makes the blocks of the rest.

lxml is the one importer of an HTML parser in kitar (see docs/html.md for the measurements).
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import lxml.html
from lxml import etree

from kitar.errors import NothingToExtract, UnsupportedFormat
from kitar.model import Block, Document
from kitar.read.html_blocks import page_blocks, text_of
from kitar.read.html_chrome import content_root
from kitar.text.normalize import normalize

_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.I)
_XML_DECL_RE = re.compile(r"^\s*<\?xml[^>]*\?>")


def decode_html(data: bytes, path: Path) -> str:
    """The page's text: a BOM, then the `<meta charset>`, then UTF-8, then Windows-1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    declared = _CHARSET_RE.search(data[:4096])
    candidates = [declared.group(1).decode("ascii")] if declared else []
    for encoding in [*candidates, "utf-8", "cp1252"]:
        try:
            return data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    raise UnsupportedFormat("not an HTML page (unknown encoding)", path)  # pragma: no cover


def parse_html(text: str, path: Path) -> tuple[list[Block], dict[str, str]]:
    """Blocks and metadata (the page `<title>` as `html_title`) of an HTML page's text."""
    text = _XML_DECL_RE.sub("", text)
    try:
        root = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise UnsupportedFormat(f"cannot read HTML: {exc}", path) from None
    meta: dict[str, str] = {}
    title = root.find(".//title")
    if title is not None and (value := text_of(title)):
        meta["html_title"] = normalize(value)
    lang = root.get("lang")
    if lang:
        meta["html_lang"] = lang
    content, has_main = content_root(root)
    return page_blocks(content, has_main), meta


def read_html(path: str | Path, data: bytes | None = None) -> Document:
    """Read a saved web page into a one-page Document (a page has no print pages)."""
    path = Path(path)
    data = path.read_bytes() if data is None else data
    blocks, meta = parse_html(decode_html(data, path), path)
    if not blocks:
        raise NothingToExtract("no text in the page's content", path)
    return Document(
        path=str(path),
        format="html",
        pages=1,
        blocks=blocks,
        metadata=meta,
        sha256=hashlib.sha256(data).hexdigest(),
    )
