"""A page's characters → model words → lines over whole-page arrays (numpy: this package is
the only one that imports it).

kitar.read.pdfium hands over what PDFium gives in bulk (the page's text, each character's
text object and loose box, each text object's font, size and matrix); this package turns it
into the words pdfplumber's `extract_words` makes with kitar's settings and into the lines
`kitar.read.words.lines_from_words` makes of them, step for step the same rules, as array
operations rather than one Python step per character or word.

`chars` takes the characters, `words` groups them into words, `lines` into lines and makes
the model's Word and Line objects.
"""

from kitar.read.char_arrays.chars import RawChars
from kitar.read.char_arrays.lines import pages_lines

__all__ = ["RawChars", "pages_lines"]
