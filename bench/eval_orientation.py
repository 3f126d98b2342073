"""How sure is Tesseract of a page's orientation? Evidence for kitar.read.ocr.ROTATE_THRESHOLD.

Text pages (generated demo agendas, and the real samples when KITAR_SAMPLES has them) are
rendered at 300 dpi, turned by 0, 90, 180 and 270 degrees, and given to Tesseract's
orientation detection (`--psm 0`, as OCRmyPDF's --rotate-pages does). For each page and turn
it prints whether the detected rotation is right and its confidence: a threshold is safe
when every wrong detection scores below it. Run: `python -m bench.eval_orientation`.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path

from kitar.config import samples_dir

DPI = 300
SAMPLE_PAGES = [  # (file under KITAR_SAMPLES, page numbers): prose, tables, a letterhead,
    # a sparse signature page (Syddjurs p5), a cover and a photo page (KL report p1, p17)
    ("ballerup-sfu-2012-12-04/referat.pdf", [1, 2, 5, 15]),
    ("syddjurs-puk-2013-06-20/referat.pdf", [1, 3, 5]),
    ("edge-cases/notat-with-letterhead.pdf", [1]),
    ("edge-cases/kl-report-108-pages.pdf", [1, 5, 17, 40]),
]
_ROTATE_RE = re.compile(r"Rotate: (\d+)")
_CONFIDENCE_RE = re.compile(r"Orientation confidence: ([\d.]+)")


def _pages() -> list[tuple[str, object]]:
    """(label, PIL image) of every page to test."""
    import pypdfium2

    out: list[tuple[str, object]] = []
    sources: list[tuple[Path, list[int]]] = []
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [
                sys.executable,
                "-m",
                "kitar.demo.generate",
                "--out",
                tmp,
                "--count",
                "1",
                "--seed",
                "3",
            ],
            check=True,
            capture_output=True,
        )
        sources += [(p, [1, 2]) for p in sorted(Path(tmp).glob("*.pdf"))[:2]]
        sources += [(samples_dir() / f, n) for f, n in SAMPLE_PAGES if (samples_dir() / f).exists()]
        for path, numbers in sources:
            pdf = pypdfium2.PdfDocument(str(path))
            for n in numbers:
                if n <= len(pdf):
                    image = pdf[n - 1].render(scale=DPI / 72).to_pil().convert("L")
                    out.append((f"{path.name} p{n}", image))
            pdf.close()
    return out


def _osd(image_path: Path) -> tuple[int, float] | None:
    done = subprocess.run(
        ["tesseract", str(image_path), "-", "--psm", "0", "-l", "osd"],
        capture_output=True,
        text=True,
    )
    rotate, confidence = _ROTATE_RE.search(done.stdout), _CONFIDENCE_RE.search(done.stdout)
    if not rotate or not confidence:
        return None  # too little text to decide
    return int(rotate.group(1)), float(confidence.group(1))


def main() -> int:
    right: list[float] = []
    wrong: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        for label, image in _pages():
            for turn in (0, 90, 180, 270):
                path = Path(tmp) / "page.png"
                image.rotate(turn, expand=True).save(path)  # type: ignore[attr-defined]
                found = _osd(path)
                if found is None:
                    print(f"{label:40} turned {turn:3}: no decision")
                    continue
                rotate, confidence = found
                ok = rotate == turn  # PIL turns counter-clockwise, Tesseract says what undoes it
                (right if ok else wrong).append(confidence)
                print(f"{label:40} turned {turn:3}: rotate {rotate:3} conf {confidence:6.2f} "
                      f"{'right' if ok else 'WRONG'}")  # fmt: skip
    if right:
        print(f"right: {len(right)}, confidence {min(right):.2f} to {max(right):.2f}")
    if wrong:
        print(f"wrong: {len(wrong)}, confidence {min(wrong):.2f} to {max(wrong):.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
