"""What the DOCX reader decides from a Word file's text alone, without python-docx: whether
its paragraphs are the lines of a text with its own line breaks, the metadata of its header
and footer lines, and list numbers in Word's formats."""

from __future__ import annotations

from kitar.read.letterhead import extract_fields, is_letterhead_line
from kitar.text.normalize import runs_on

# Text with its own line breaks pasted into Word (an extractor's text: every line a paragraph)
# is told by its paragraphs: many visibly run on into the next (`… digi-`, `… og`, a comma)
# and many next ones start in lower case. Measured on the layout zoo's Word files: 0.44 and
# 0.62 for such a text, at most 0.08 and 0.08 for 15 documents written as paragraphs and for
# an Acadre minutes DOCX.
LINE_BROKEN_RUN_ON = 0.2
LINE_BROKEN_LOWER_NEXT = 0.3
MIN_PARAGRAPHS_FOR_STATS = 12  # fewer say nothing about how a text was broken


def line_broken(texts: list[str]) -> bool:
    """Whether Word paragraphs are the lines of a text printed with its own line breaks."""
    lines = [t.strip() for t in texts if t.strip()]
    if len(lines) < MIN_PARAGRAPHS_FOR_STATS:
        return False
    run_on = sum(1 for line in lines[:-1] if runs_on(line)) / len(lines)
    lower = sum(1 for nxt in lines[1:] if nxt[:1].islower()) / len(lines)
    return run_on >= LINE_BROKEN_RUN_ON and lower >= LINE_BROKEN_LOWER_NEXT


def header_metadata(lines: list[str], default_header: list[str]) -> dict[str, str]:
    """Letterhead fields (date, case_id, doc_id …) of header and footer lines, and the
    default header's other lines as the running header ("Testrup Kommune | Økonomiudvalget")."""
    found = extract_fields(lines)
    if running := [line for line in default_header if not is_letterhead_line(line)]:
        found["running_header"] = " | ".join(running)
    return found


# Roman list numbers beyond 13 do not occur in meeting documents; they fall back to digits.
_ROMAN = ("", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii")


def format_number(n: int, fmt: str) -> str:
    """A Word list number in its format (`lowerLetter` 3 → "c", `upperRoman` 4 → "IV")."""
    if fmt in ("lowerLetter", "upperLetter"):
        s = chr(ord("a") + (n - 1) % 26)
    elif fmt in ("lowerRoman", "upperRoman"):
        s = _ROMAN[n] if 0 < n < len(_ROMAN) else str(n)
    else:
        return str(n)
    return s.upper() if fmt.startswith("upper") else s
