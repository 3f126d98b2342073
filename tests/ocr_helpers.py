"""Generated scanned pages (fictitious Danish text rendered to an image, no text layer)."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest

# A fictitious council memo: Danish letters, numbers, a case number, hyphenated compounds.
SCAN_TEXT = [
    "Notat til Teknik- og Miljøudvalget",
    "Sagsnr. 2024-01873, mødet den 14. marts 2024",
    "Forvaltningen har gennemgået kommunens bygninger og vurderer, at tagene på",
    "Søndervang Skole og Hybenhuset skal udskiftes inden for de næste to år.",
    "Udgifterne til vedligeholdelse er steget med 12 procent siden sidste år,",
    "især på grund af fugtskader, ældre ventilationsanlæg og højere priser på",
    "materialer. Udvalget bedes tage stilling til, om arbejdet skal udbydes",
    "samlet eller i to etaper, og om der skal afsættes midler til energirenovering.",
    "Direktøren indstiller, at udvalget godkender en anlægsbevilling på",
    "4,5 mio. kr. til tagudskiftning og at forvaltningen udarbejder en plan for",
    "de øvrige bygninger, som forelægges udvalget i efteråret.",
    "Bilag: Oversigt over bygningernes tilstand og prioriterede opgaver.",
]
WORD_RE = re.compile(r"\w+")
DPI = 300  # a common scanner setting; Tesseract reads best from about 300 dpi
SKEW_DEGREES = 0.4  # a sheet fed slightly askew, as scanners do


def needs_ocr_tools() -> None:
    """Skip unless OCRmyPDF, Tesseract's Danish model and Ghostscript are installed."""
    from kitar.read.ocr import missing

    lacking = missing()
    if lacking:
        pytest.skip(f"OCR not available: {lacking}")


def words(text: str) -> list[str]:
    return [w.casefold() for w in WORD_RE.findall(text)]


def _text_pdf(lines: list[str]) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=A4)
    y = A4[1] - 90
    for n, line in enumerate(lines):
        c.setFont("Helvetica-Bold" if n == 0 else "Helvetica", 14 if n == 0 else 11)
        c.drawString(72, y, line)
        y -= 24 if n == 0 else 16
    c.save()
    return out.getvalue()


def scan_image(lines: list[str]) -> object:
    """The lines as a scanned page: rendered at DPI, grey, a little askew (a PIL image)."""
    import pypdfium2

    pdf = pypdfium2.PdfDocument(_text_pdf(lines))
    image = pdf[0].render(scale=DPI / 72).to_pil().convert("L")
    pdf.close()
    return image.rotate(SKEW_DEGREES, expand=False, fillcolor=255)


def write_scanned_pdf(path: Path, pages: list[list[str] | None]) -> Path:
    """A PDF whose pages are scans of `pages` (no text layer) or, for None, a page of real
    text ("Forside med tekst"): a mixed file."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4)
    for lines in pages:
        if lines is None:
            c.setFont("Helvetica", 12)
            c.drawString(
                72, A4[1] - 90, "Forside med tekst: Dagsorden for Teknik- og Miljøudvalget"
            )
        else:
            buffer = io.BytesIO()
            scan_image(lines).save(buffer, format="JPEG", quality=85)  # type: ignore[attr-defined]
            buffer.seek(0)
            c.drawImage(ImageReader(buffer), 0, 0, A4[0], A4[1])
        c.showPage()
    c.save()
    return path


def copy_folder(source: Path, target: Path) -> Path:
    """A writable copy of a real meeting folder (never committed: tests use tmp paths)."""
    shutil.copytree(source, target)
    for p in target.iterdir():
        p.chmod(0o644)
    return target
