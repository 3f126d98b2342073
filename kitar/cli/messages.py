"""The library's error and warning messages in Danish, at the one place the CLI prints them.

The library raises KitarError with an English message (tests and scripts match on it, like a
gettext msgid, and `--json` keeps them); `danish` translates the known ones by pattern and leaves
any other unchanged. tests/test_messages_danish.py walks kitar/ for every KitarError raised and
warning appended and fails for one that has no Danish rendering here.
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
    (r"unsupported file type (.+?): kitar reads (.+) and (\S+)",
     r"ukendt filtype \1: kitar læser \2 og \3"),
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
    # Readers (kitar.read)
    (r"not a text file \(neither UTF-8 nor Windows-1252\)",
     "ikke en tekstfil (hverken UTF-8 eller Windows-1252)"),
    (r"reading (\S+) files is not available in this build",
     r"denne udgave af kitar kan ikke læse \1-filer"),
    (r"zip package without word/document\.xml", "zip-pakke uden word/document.xml"),
    (r"cannot read DOCX: (.+)", r"kan ikke læse DOCX: \1"),
    (r"headers and footers not read \((.+)\)", r"sidehoveder og sidefødder ikke læst (\1)"),
    (r"not an HTML page \(unknown encoding\)", "ikke en HTML-side (ukendt tegnsæt)"),
    (r"cannot read HTML: (.+)", r"kan ikke læse HTML: \1"),
    (r"no text in the page's content", "ingen tekst i sidens indhold"),
    (r"damaged PDF that cannot be read \((.+)\)", r"beskadiget PDF, der ikke kan læses (\1)"),
    (r"damaged PDF \((.+)\)", r"beskadiget PDF (\1)"),
    (r"page (\S+) cannot be read \((.+)\)", r"side \1 kan ikke læses (\2)"),
    (r"the PDF library reported (\d+) problem\(s\) reading it: (.*) \(\+(\d+) other kinds\)",
     r"PDF-biblioteket meldte \1 problem(er) under læsningen: \2 (+\3 andre slags)"),
    (r"the PDF library reported (\d+) problem\(s\) reading it: (.*)",
     r"PDF-biblioteket meldte \1 problem(er) under læsningen: \2"),
    # Agenda data, case system exports, answer keys (kitar.parse, kitar.ingest)
    (r"cannot load agenda forms: tables in two files: (.+)",
     r"kan ikke indlæse dagsordensformerne: tabeller i to filer: \1"),
    (r"cannot load agenda forms: (.+)", r"kan ikke indlæse dagsordensformerne: \1"),
    (r"unknown outcome (.+)", r"ukendt udfald \1"),
    (r"cannot read the export \((.+)\)", r"kan ikke læse eksporten (\1)"),
    (r"not a case system export of a meeting \(no agenda items\)",
     "ikke en eksport af et møde fra sagssystemet (ingen dagsordenspunkter)"),
    (r"not an answer key: (.+)", r"ikke en facitfil: \1"),
    (r"no answer keys \((.+)\) in the folder", r"ingen facitfiler (\1) i mappen"),
    # Ingesting a meeting folder (kitar.ingest.folder)
    (r"no text layer: kept with meeting (\S+), linked to no item \(nothing to go by; --export "
     r"gives the case system's link\)",
     r"intet tekstlag: gemt med møde \1, knyttet til intet punkt (intet at gå efter; --export "
     r"giver sagssystemets kobling)"),
    (r"no text layer: linked as annex of item (\S+) \((.+)\); not searchable until OCR'd",
     r"intet tekstlag: knyttet som bilag til punkt \1 (\2); kan ikke søges før OCR"),
    (r"linked as annex of item (\S+) \((.+)\)", r"knyttet som bilag til punkt \1 (\2)"),
    # The corpus (kitar.store)
    (r"the corpus database is read-only \(a read-only share, or an immutable file or folder\): "
     r"it can be searched, not changed",
     "korpusdatabasen er skrivebeskyttet (et skrivebeskyttet drev, eller en låst fil eller "
     "mappe): der kan søges i den, men den kan ikke ændres"),
    (r"the corpus database is read-only: it cannot be changed",
     "korpusdatabasen er skrivebeskyttet: den kan ikke ændres"),
    (r"database schema (\S+) is newer than this kitar \((\S+)\)",
     r"databaseskema \1 er nyere end denne kitar (\2)"),
    (r"migration (\S+) \((.+)\) failed: (.+)", r"migrering \1 (\2) mislykkedes: \3"),
    (r"unknown follow-up status (.+) \(use (.+)\)", r"ukendt opfølgningsstatus \1 (brug \2)"),
    (r"--kind must be one of (.+), not (.+)", r"--kind skal være en af \1, ikke \2"),
    (r"--limit must be between 1 and (\d+)", r"--limit skal være mellem 1 og \1"),
    (r"--(\S+) must be a date like 2016-08-29 \(or 2016-08, 2016\): (.+)",
     r"--\1 skal være en dato som 2016-08-29 (eller 2016-08, 2016): \2"),
    # Files that failed in a batch (kitar.ingest.batch, kitar.ingest.workers)
    (r"no files match", "ingen filer passer"),
    (r"cannot read: (.+)", r"kan ikke læse: \1"),
    (r"internal error: (.+)", r"intern fejl: \1"),
    (r"worker process failed: (.+)", r"arbejdsprocessen fejlede: \1"),
    # `kitar eval --min` (kitar.ingest.eval_set.parse_bars)
    (r"(.+): expected METRIC=VALUE with a metric of (.+)",
     r"\1: skriv MÅL=VÆRDI med et af målene \2"),
    (r"(.+): (.+) is not a number", r"\1: \2 er ikke et tal"),
    # `kitar eval --diff`: where a parse differs from its answer key (kitar.parse.answer_key)
    (r"missed item (\S+): (.+) got (.+)", r"punkt \1 ikke fundet: \2 (fandt \3)"),
    (r"presenters item (\S+): gold (.+) got (.+)",
     r"oplægsholdere, punkt \1: facit \2, fandt \3"),
    (r"recs item (\S+): (\d+)/(\d+) found, (\d+) predicted",
     r"indstillinger, punkt \1: \2/\3 fundet, \4 i alt"),
    (r"annexes item (\S+): gold (.+) got (.+)", r"bilag, punkt \1: facit \2, fandt \3"),
    (r"decision item (\S+): want (.+) got (.+)", r"beslutning, punkt \1: ventede \2, fandt \3"),
    (r"case id item (\S+): want (.+) got (.+)", r"sagsnr., punkt \1: ventede \2, fandt \3"),
    (r"meeting\.(\w+): want (.+) got (.+)", r"mødets \1: ventede \2, fandt \3"),
    (r"leak: (.+)", r"læk: \1"),
    # Outputs (kitar.minutes)
    (r"is (.+), not a regular file: kitar writes only files",
     r"er \1, ikke en almindelig fil: kitar skriver kun filer"),
    (r"exists \(a symbolic link\); use --force to replace the link",
     "findes allerede (et symbolsk link); brug --force for at erstatte linket"),
    (r"already holds an OParl export \(use --force\)",
     "indeholder allerede en OParl-eksport (brug --force)"),
    (r"publish writes a copy: give another file than the corpus",
     "publish skriver en kopi: angiv en anden fil end korpusset"),
]  # fmt: skip
_COMPILED = [(re.compile(rf"^{pattern}$", re.S), danish) for pattern, danish in _CATALOGUE]

# Phrases that fill a message's placeholder (an OS reason, a kind of file): in Danish when the
# whole placeholder is one of them (kitar.errors._OS_REASONS, kitar.minutes.output._KINDS,
# kitar.read.load._describe).
PHRASES = {
    "no space left on the device": "ingen plads tilbage på enheden",
    "disk quota exceeded": "diskkvoten er opbrugt",
    "permission denied": "adgang nægtet",
    "Permission denied": "adgang nægtet",
    "operation not permitted (a protected or immutable file?)":
        "handlingen er ikke tilladt (en beskyttet eller låst fil?)",
    "read-only file system": "skrivebeskyttet filsystem",
    "Read-only file system": "skrivebeskyttet filsystem",
    "is a directory": "er en mappe",
    "Is a directory": "er en mappe",
    "no such folder": "mappen findes ikke",
    "No such file or directory": "filen eller mappen findes ikke",
    "a part of the path is not a folder": "en del af stien er ikke en mappe",
    "a directory": "en mappe",
    "a character device": "en tegnenhed",
    "a block device": "en blokenhed",
    "a fifo (named pipe)": "en fifo (navngivet rør)",
    "a socket": "en socket",
    "(no extension)": "(ingen endelse)",
    "a PDF": "en PDF",
    "a Word document": "et Word-dokument",
    "plain text": "ren tekst",
    "a web page": "en webside",
    "not a PDF, DOCX or text file": "hverken PDF, DOCX eller tekst",
}  # fmt: skip
_GROUP = re.compile(r"\\(\d)")


def _render(match: re.Match[str], replacement: str) -> str:
    """`replacement` with its `\\1`… filled from `match`, known phrases in Danish."""

    def group(ref: re.Match[str]) -> str:
        text = match.group(int(ref[1])) or ""
        return PHRASES.get(text, text)

    return _GROUP.sub(group, replacement)


def danish(message: str, path: str | None = None) -> str:
    """`message` in Danish when it is a known one; a `path: ` in front stays as it is (given,
    or found: the known message may follow any `…: `)."""
    starts = [len(path) + 2] if path and message.startswith(path + ": ") else []
    starts += [m.end() for m in re.finditer(r": ", message)]
    for start in [0, *dict.fromkeys(starts)]:
        rest = message[start:]
        for pattern, replacement in _COMPILED:
            match = pattern.match(rest)
            if match:
                return message[:start] + _render(match, replacement)
    return message
