"""Danish reflow: a block's source lines become one line, line-end hyphens resolved.

`reflow_document` reflows every block of a read Document (hyphens decided by
kitar.text.hyphen from the document's own vocabulary, a lexicon and spelling rules) and fills
`page_texts` for search; `render_body` prints what `kitar reflow` shows.
"""

from __future__ import annotations

import copy
import dataclasses
import re
from collections.abc import Mapping

from kitar.model import Block, Document
from kitar.text.hyphen import HyphenChoice, decide
from kitar.text.lexicon import (
    Lexicon,
    document_vocabulary,
    organisation_words,
)
from kitar.text.normalize import strip_private_use

_PUA_OR_CID_RE = re.compile(r"[\ue000-\uf8ff]|\(cid:\d+\)")
_EOL_HYPHEN_RE = re.compile(r"\w-\s*[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]")


def _is_line_end_hyphen(line: str) -> bool:
    """`digi-` ends in a hyphen; `Høringssvar -` ends in a dash used as punctuation."""
    return len(line) >= 2 and line[-1] == "-" and line[-2].isalnum()


def reflow_text(
    text: str,
    vocab: Mapping[str, int] | None = None,
    lexicon: Lexicon | None = None,
    orgs: frozenset[str] | None = None,
    strict: bool = False,
) -> str:
    """One block's raw text as one line: lines joined by a space, line-end hyphens decided.

    `vocab` is the document's vocabulary (kitar.text.lexicon.document_vocabulary); without it
    the block's own text serves. `lexicon=None` loads the default lexicon the first time a
    hyphen needs it. `strict` (OCR text) joins a hyphen only when the lexicon knows the
    joined word. Private-use glyphs and `(cid:N)` placeholders are removed.
    """
    if _PUA_OR_CID_RE.search(text):
        text = strip_private_use(text)
    if not _EOL_HYPHEN_RE.search(text):
        return " ".join(text.split())  # the common case: no hyphen at a line end
    lines = [ln.strip() for ln in text.splitlines()]
    lines = [ln for ln in lines if ln]
    if not lines:
        return ""
    if vocab is None and any(ln.endswith("-") for ln in lines):
        vocab = document_vocabulary([text])
    if orgs is None:
        orgs = organisation_words()
    out = lines[0]
    for nxt in lines[1:]:
        # Only a word can continue a hyphenated word: a next line of "-" or "–" is a dash.
        if _is_line_end_hyphen(out) and nxt[:1].isalnum():
            left = out.rsplit(None, 1)[-1]
            right = nxt.split(None, 1)[0]
            decision: HyphenChoice = decide(left, right, vocab, lexicon, orgs=orgs, strict=strict)
            if decision == "join":
                out = out[:-1] + nxt
            elif decision == "keep":
                out = out + nxt
            else:
                out = out + " " + nxt
        else:
            out = out + " " + nxt
    return " ".join(out.split())


def join_split_words(blocks: list[Block]) -> list[Block]:
    """Blocks where a word hyphenated at a line end goes on in the next block are one block:
    `4. Sikkerhedsprojekt på tværs af brugerportalsiniti-` + `ativet` (a text printed with
    every line a paragraph of its own, or a heading whose second line lost its bold)."""
    out: list[Block] = []
    for block in blocks:
        prev = out[-1] if out else None
        if (
            prev is not None
            and block.kind != "list_item"
            and block.page in (prev.page, prev.page + 1)
            and _is_line_end_hyphen(prev.text.rstrip())
            and block.text.lstrip()[:1].islower()
        ):
            merged = copy.copy(prev)
            merged.text = prev.text.rstrip() + "\n" + block.text.lstrip()
            out[-1] = merged
            continue
        out.append(block)
    return out


# No word is longer than this: the longest Danish compounds have ~50 letters, a URL or a file
# name rarely 200. A damaged or hostile file's 300 000-letter "word" is cut into pieces this
# long before any pattern sees it: a regex that backtracks over a run of word characters
# (`[\w.-]+\.pdf`) is quadratic in the run's length, and took minutes on one such word.
MAX_WORD_CHARS = 200
_LONG_RUN = re.compile(rf"\S{{{MAX_WORD_CHARS + 1},}}")


def bound_words(text: str) -> str:
    """`text` with every run of more than MAX_WORD_CHARS non-space characters broken up."""
    if len(text) <= MAX_WORD_CHARS:
        return text
    return _LONG_RUN.sub(
        lambda m: " ".join(
            m[0][i : i + MAX_WORD_CHARS] for i in range(0, len(m[0]), MAX_WORD_CHARS)
        ),
        text,
    )


def reflow_document(doc: Document, lexicon: Lexicon | None = None) -> Document:
    """A new Document whose blocks are one reflowed line each, and `page_texts` per page.

    Blocks on pages read by OCR (`doc.ocr_pages`) join line-end hyphens strictly."""
    raw = join_split_words(doc.blocks)
    vocab = document_vocabulary(bound_words(b.text) for b in raw)
    orgs = organisation_words()
    ocr = set(doc.ocr_pages)
    blocks: list[Block] = []
    for block in raw:
        text = reflow_text(bound_words(block.text), vocab, lexicon, orgs, strict=block.page in ocr)
        if text:
            new = copy.copy(block)  # cheaper than dataclasses.replace on many blocks
            new.text = text
            blocks.append(new)
    pages = max([doc.pages, *(b.page for b in blocks)]) if blocks else doc.pages
    per_page: list[list[str]] = [[] for _ in range(max(pages, 0))]
    for block in blocks:
        if 1 <= block.page <= pages:
            per_page[block.page - 1].append(block.text)
    return dataclasses.replace(
        doc,
        blocks=blocks,
        page_texts=["\n".join(texts) for texts in per_page],
    )


def render_block(block: Block) -> str:
    """One block as `kitar reflow` prints it: bullets as `- ` indented by level."""
    text = block.text if "\n" not in block.text else reflow_text(block.text)
    if block.kind == "list_item":
        marker = block.marker if block.marker and block.marker[:1].isdigit() else "-"
        return "  " * max(block.level, 0) + f"{marker} {text}"
    return text


def render_body(doc: Document) -> str:
    """The body text: one block per line, a blank line between paragraphs (not between the
    items of one list)."""
    parts: list[str] = []
    previous: Block | None = None
    for block in doc.blocks:
        line = render_block(block)
        if not line:
            continue
        if previous is not None and not (
            previous.kind == "list_item" and block.kind == "list_item"
        ):
            parts.append("")
        parts.append(line)
        previous = block
    return "\n".join(parts) + ("\n" if parts else "")
