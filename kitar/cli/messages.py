"""The library's error and warning messages in Danish, at the one place the CLI prints them.

The library raises KitarError with an English message (tests and scripts match on it, like a
gettext msgid); `danish` translates the known ones by pattern and leaves any other unchanged.
"""

from __future__ import annotations

import re

# (English pattern, Danish): a whole message, or its start when the pattern ends in `(.*)`.
_CATALOGUE = [
    (r"no such file", "filen findes ikke"),
    (r"file not found", "filen findes ikke"),
    (r"folder not found", "mappen findes ikke"),
    (r"is a directory, not a document", "er en mappe, ikke et dokument"),
    (r"cannot read file \((.+)\)", r"kan ikke læse filen (\1)"),
    (r"empty file \(0 bytes\)", "tom fil (0 byte)"),
    (r"no text in file", "ingen tekst i filen"),
    (r"no text in the document body", "ingen tekst i dokumentet"),
    (r"no text and no images: nothing to extract", "ingen tekst og ingen billeder: intet at finde"),
    (r"not a text file \(binary content\)", "ikke en tekstfil (binært indhold)"),
    (r"not a text file \(unknown encoding\)", "ikke en tekstfil (ukendt tegnsæt)"),
    (r"unsupported file type (.+?): kitar reads (.+)", r"ukendt filtype \1: kitar læser \2"),
    (r"named (\S+) but the content is (.+)", r"hedder \1, men indholdet er \2"),
    (r"stdin is not a PDF, DOCX or text document",
     "stdin er ikke et PDF-, DOCX- eller tekstdokument"),
    (r"encrypted PDF: remove the password first", "krypteret PDF: fjern adgangskoden først"),
    (r"damaged PDF that cannot be repaired \((.+)\)",
     r"beskadiget PDF, der ikke kan repareres (\1)"),
    (r"damaged PDF, read from a repaired copy", "beskadiget PDF, læst fra en repareret kopi"),
    (r"password-protected DOCX; save an unprotected copy",
     "DOCX med adgangskode; gem en kopi uden"),
    (r"legacy Word \.doc file; save it as \.docx first", "gammel Word .doc-fil; gem den som .docx"),
    (r"not a DOCX file \(not a zip package\)", "ikke en DOCX-fil (ikke en zip-pakke)"),
    (r"no corpus database at (.+) \(run `kitar ingest` first\)",
     r"ingen korpusdatabase i \1 (kør `kitar ingest` først)"),
    (r"cannot open corpus database: (.+)", r"kan ikke åbne korpusdatabasen: \1"),
    (r"corpus database is busy: (.+)", r"korpusdatabasen er optaget: \1"),
    (r"not a kitar corpus database \(no schema\)", "ikke en kitar-korpusdatabase (intet skema)"),
    (r"corpus has no followups table \(run `kitar ingest` first\)",
     "korpusset har ingen opfølgninger (kør `kitar ingest` først)"),
    (r"no meeting with id (\S+) \(see `kitar meetings`\)",
     r"intet møde med nr. \1 (se `kitar meetings`)"),
    (r"no meeting matches (.+) \(see `kitar meetings`\)",
     r"intet møde passer til \1 (se `kitar meetings`)"),
    (r"meeting reference (.+): give an id, a date \(YYYY-MM-DD\) or body and date",
     r"mødet \1: angiv et nr., en dato (ÅÅÅÅ-MM-DD) eller udvalg og dato"),
    (r"(.+) matches several meetings \((.+)\); add the body or use the id",
     r"\1 passer til flere møder (\2); tilføj udvalget eller brug nummeret"),
    (r"no follow-up with id (\d+) \(see `kitar followups`\)",
     r"ingen opfølgning med nr. \1 (se `kitar followups`)"),
    (r"nothing to search for in (.+): give at least one word",
     r"intet at søge efter i \1: skriv mindst ét ord"),
    (r"nothing to search for in (.+): NOT only leaves words out",
     r"intet at søge efter i \1: NOT udelader kun ord"),
    (r"query too long: (\d+) terms \(at most (\d+)\)", r"søgningen er for lang: \1 ord (højst \2)"),
    (r"cannot run this query: (.+)", r"kan ikke køre søgningen: \1"),
    (r"exists; use --force to overwrite", "findes allerede; brug --force for at overskrive"),
    (r"answer key not found", "facitfilen findes ikke"),
    (r"no agenda items found; is this a meeting document\?",
     "ingen dagsordenspunkter fundet; er det et mødedokument?"),
    (r"item extract: part of meeting (\S+)", r"udtræk af et punkt: del af møde \1"),
    (r"pages without a text layer \(OCR needed\): (.+)",
     r"sider uden tekstlag (kræver OCR): \1"),
    (r"numbered headings found, but no agenda structure \(presenters, recommendations, "
     r"decisions, case numbers\); not treated as a meeting document",
     "nummererede overskrifter fundet, men ingen dagsordensstruktur (oplægsholdere, "
     "indstillinger, beslutninger, sagsnumre); ikke behandlet som et mødedokument"),
    (r"cannot write to standard output: (.+)", r"kan ikke skrive til standard output: \1"),
    (r"cannot write: (.+)", r"kan ikke skrive: \1"),
    (r"stopped after (\S+) s \(its time budget, --timeout\)",
     r"stoppet efter \1 s (dets tidsgrænse, --timeout)"),
    (r"(\d+) pieces of personal data in open items; nothing written \(use --redact-personal "
     r"to replace them\)",
     r"\1 personoplysninger i åbne punkter; intet skrevet (brug --redact-personal for at "
     r"erstatte dem)"),
    (r"not a JSON file \((.+)\)", r"ikke en JSON-fil (\1)"),
    (r"(.+) is an agenda \((\d+)\) and its minutes \((\d+)\): follow-ups from the minutes",
     r"\1 er en dagsorden (\2) og dens referat (\3): opfølgningen kommer fra referatet"),
    # Scanned PDFs and OCR (kitar.read.pdf, kitar.read.ocr)
    (r"no text layer: read it with --ocr \(needs OCRmyPDF and Tesseract's Danish model: "
     r"apt-get install ocrmypdf tesseract-ocr-dan\), or run OCR first: (`.+`)",
     r"intet tekstlag: læs den med --ocr (kræver OCRmyPDF og Tesseracts danske model: "
     r"apt-get install ocrmypdf tesseract-ocr-dan), eller kør OCR først: \1"),
    (r"no text layer, and OCR cannot run: (\S+) is not installed \((.+)\)",
     r"intet tekstlag, og OCR kan ikke køre: \1 er ikke installeret (\2)"),
    (r"OCR failed \(OCRmyPDF exit (-?\d+)\): (.*)", r"OCR mislykkedes (OCRmyPDF slutkode \1): \2"),
    (r"OCR gave up after (\d+) s per page", r"OCR opgav efter \1 s pr. side"),
    (r"cannot run OCRmyPDF \((.+)\); (.+)", r"kan ikke køre OCRmyPDF (\1); \2"),
    (r"scanned pages where OCR found no text", "scannede sider, hvor OCR ikke fandt tekst"),
    (r"pages without a text layer \(read them with --ocr\): (.+)",
     r"sider uden tekstlag (læs dem med --ocr): \1"),
]  # fmt: skip
_COMPILED = [(re.compile(rf"^{pattern}$", re.S), danish) for pattern, danish in _CATALOGUE]


def danish(message: str, path: str | None = None) -> str:
    """`message` in Danish when it is a known one; a `path: ` in front stays as it is (given,
    or found: the known message may follow any `…: `)."""
    starts = [len(path) + 2] if path and message.startswith(path + ": ") else []
    starts += [m.end() for m in re.finditer(r": ", message)]
    for start in [0, *dict.fromkeys(starts)]:
        rest = message[start:]
        for pattern, replacement in _COMPILED:
            if pattern.match(rest):
                return message[:start] + pattern.sub(replacement, rest)
    return message
