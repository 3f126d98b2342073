"""Damaged and hostile input for the fuzz suite, made at test time from a fixed seed.

Seeds are generated fixtures (a demo agenda PDF, an uncompressed PDF whose content-stream
numbers can be mutated, a DOCX, a KL-style text) and, when `KITAR_SAMPLES` is there, the
real sample documents. Nothing here is committed: mutations of the real documents exist only
in the test's temporary folder. Each mutation is a named function of (rng, bytes).
"""

from __future__ import annotations

import io
import random
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

Mutation = Callable[[random.Random, bytes], bytes]

# Samples used as seeds (paths under KITAR_SAMPLES): the quick set takes the short ones; the
# longer ones (a case of the 15-page minutes takes ~2 s, of the 108-page report ~10 s) only
# run in `make fuzz`, the report with a fifth of the cases of the others.
QUICK_SAMPLES = (
    "syddjurs-puk-2013-06-20/referat.pdf",
    "ballerup-sfu-2012-12-04/referat-punkt01.pdf",
    "syddjurs-puk-2013-06-20/referat.docx",
    "kl-itarkitekturraad-2016-08-29-agenda.txt",
)
SLOW_SAMPLES = (
    "ballerup-sfu-2012-12-04/referat.pdf",
    "edge-cases/notat-with-letterhead.pdf",
    "edge-cases/blank-page.pdf",
    "edge-cases/kl-report-108-pages.pdf",
)
SHARE = {"edge-cases/kl-report-108-pages.pdf": 0.2}


@dataclass(frozen=True)
class Seed:
    name: str
    suffix: str
    data: bytes
    share: float = 1.0  # of the cases an ordinary seed gets


@dataclass(frozen=True)
class Case:
    name: str  # seed__mutation__n: says how to make it again
    suffix: str
    data: bytes

    def write(self, folder: Path) -> Path:
        path = folder / f"{self.name}{self.suffix}"
        path.write_bytes(self.data)
        return path


# ---- generated seeds (fictitious text) -----------------------------------------------------

LINES = [
    "1. Godkendelse af dagsorden",
    "Sagsnr. 2024-0042 · Oplæg ved Anna Testesen, Testkommunen",
    "Direktøren indstiller, at udvalget godkender forslaget om en fælles it-arkitektur,",
    "og at forvaltningen arbejder videre med digitaliserings-",
    "strategien for de kommende år i samarbejde med fagcentrene.",
    "Beslutning: Godkendt.",
    "Bilag 1: Notat om sikkerhedsarkitektur (fortroligt)",
]


def raw_pdf() -> bytes:
    """Two pages, uncompressed streams: a heading, two columns of body text, a footer."""
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=(595, 842), pageCompression=0, invariant=1)
    for page in (1, 2):
        c.setFont("Helvetica-Bold", 14)
        c.drawString(57, 780, f"{page}. Punkt om den fælles it-arkitektur")
        c.setFont("Helvetica", 9)
        for row in range(40):
            for col, x in enumerate((57, 310)):
                c.drawString(x, 750 - 14 * row, LINES[(row + col) % len(LINES)][:48])
        c.drawString(480, 30, f"Side {page} af 2")
        c.showPage()
    c.save()
    return out.getvalue()


def generated_seeds(folder: Path) -> list[Seed]:
    from docx import Document as new_docx

    from kitar.demo.content import generate
    from kitar.demo.generate import write_pdf, write_text

    agenda = write_pdf(generate(4, "committee", "agenda", n_items=3), folder / "agenda.pdf")
    text = write_text(generate(5, "kl", "agenda", n_items=3), folder / "agenda.txt", seed=5)
    d = new_docx()
    d.add_heading("Referat", level=1)
    for n, line in enumerate(LINES):
        d.add_paragraph(line, style="List Number" if n % 3 == 0 else None)
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(1, 1).text = "Tilstede", "Anna Testesen"
    buf = io.BytesIO()
    d.save(buf)
    return [
        Seed("gen-agenda", ".pdf", agenda.read_bytes()),
        Seed("gen-raw", ".pdf", raw_pdf()),
        Seed("gen-doc", ".docx", buf.getvalue()),
        Seed("gen-text", ".txt", text.read_bytes()),
    ]


def sample_seeds(samples: Path | None, names: tuple[str, ...]) -> list[Seed]:
    if samples is None:
        return []
    out = []
    for name in names:
        path = samples / name
        if path.exists():
            *folder, file = name.lower().split("/")
            short = "-".join([folder[0].split("-")[0], file] if folder else [file])
            stem = re.sub(r"[^a-z0-9]+", "-", short)  # "syddjurs-referat-pdf"
            out.append(Seed(f"sample-{stem}", path.suffix, path.read_bytes(), SHARE.get(name, 1)))
    return out


# ---- byte-level mutations (any format) -----------------------------------------------------


def flip(rng: random.Random, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def digit(rng: random.Random, data: bytes) -> bytes:
    """One ASCII digit changed (one changed byte is enough to break a real PDF)."""
    spots = [m.start() for m in re.finditer(rb"\d", data[:400_000])]
    if not spots:
        return flip(rng, data)
    out = bytearray(data)
    out[rng.choice(spots)] = ord(rng.choice("0123456789"))
    return bytes(out)


def truncate(rng: random.Random, data: bytes) -> bytes:
    return data[: rng.randrange(1, len(data))]


def garbage(rng: random.Random, data: bytes) -> bytes:
    return data + rng.randbytes(rng.randint(1, 20_000))


def zeros(rng: random.Random, data: bytes) -> bytes:
    start = rng.randrange(len(data))
    return data[:start] + b"\x00" * rng.randint(1, 4096) + data[start + 4096 :]


def swap(rng: random.Random, data: bytes) -> bytes:
    """Two 1 KB blocks exchanged (a bad disk or a broken download)."""
    if len(data) < 4096:
        return data[::-1]
    a, b = sorted(rng.sample(range(0, len(data) - 1024, 1024), 2))
    return (
        data[:a] + data[b : b + 1024] + data[a + 1024 : b] + data[a : a + 1024] + data[b + 1024 :]
    )


# ---- PDF structure ------------------------------------------------------------------------


def _sub(pattern: bytes, repl: bytes, data: bytes, rng: random.Random) -> bytes:
    hits = list(re.finditer(pattern, data))
    if not hits:
        return flip(rng, data)
    m = rng.choice(hits)
    return data[: m.start()] + m.expand(repl) + data[m.end() :]


def xref_broken(rng: random.Random, data: bytes) -> bytes:
    return _sub(rb"xref\s+\d+ \d+", b"xref\n0 99999999", data, rng)


def xref_twice(rng: random.Random, data: bytes) -> bytes:
    at = data.rfind(b"xref")
    return data + data[at:] if at >= 0 else flip(rng, data)


def startxref_wrong(rng: random.Random, data: bytes) -> bytes:
    return _sub(rb"startxref\s+\d+", b"startxref\n%d" % rng.randrange(10**12), data, rng)


def no_trailer(rng: random.Random, data: bytes) -> bytes:
    return data.replace(b"trailer", b"tr4iler")


def empty_stream(rng: random.Random, data: bytes) -> bytes:
    return _sub(rb"(stream\r?\n)(.*?)(endstream)", rb"\1\3", data, rng) if len(data) < 5e6 else data


def stream_cut(rng: random.Random, data: bytes) -> bytes:
    """A stream's compressed data cut short ("Data-loss while decompressing")."""
    hits = list(re.finditer(rb"stream\r?\n", data))
    if not hits:
        return flip(rng, data)
    m = rng.choice(hits)
    cut = m.end() + rng.randint(1, 64)
    return data[:cut] + data[cut + rng.randint(16, 512) :]


def huge_number(rng: random.Random, data: bytes) -> bytes:
    """A number in a content stream or dictionary made absurd (coordinates near 1e12, a
    negative size, a page box larger than any page)."""
    value = rng.choice([b"480000000000", b"-99999999999999", b"1e308", b"0.000000001", b"-0"])
    return _sub(rb"(?<![\w.])\d+(?:\.\d+)?(?= )", value, data, rng)


def huge_box(rng: random.Random, data: bytes) -> bytes:
    box = rng.choice([b"[0 0 99999999999 842]", b"[0 0 -5 -5]", b"[0 0 0 0]", b"[0 0 a b]"])
    return _sub(rb"\[\s*0 0 595(?:\.\d+)? 842(?:\.\d+)?\s*\]", box, data, rng)


def deep_nesting(rng: random.Random, data: bytes) -> bytes:
    """A content stream opening thousands of graphic states or arrays."""
    what = rng.choice([b"q ", b"[", b"<<", b"BT "])
    return _sub(rb"(stream\r?\n)", rb"\1" + what * rng.randint(1000, 50_000), data, rng)


def page_count(rng: random.Random, data: bytes) -> bytes:
    count = rng.choice([b"0", b"-1", b"999999999"])
    return _sub(rb"/Count \d+", b"/Count " + count, data, rng)


# ---- DOCX packages ------------------------------------------------------------------------


def _rezip(data: bytes, change: Callable[[str, bytes], bytes | None]) -> bytes:
    try:
        src = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        return data
    out = io.BytesIO()
    with src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = change(info.filename, src.read(info.filename))
            if body is not None:
                dst.writestr(info.filename, body)
    return out.getvalue()


def _part(name: str, fn: Callable[[random.Random, bytes], bytes | None]) -> Mutation:
    def mutate(rng: random.Random, data: bytes) -> bytes:
        return _rezip(data, lambda n, body: fn(rng, body) if n == name else body)

    mutate.__name__ = f"{name.rsplit('/', 1)[-1].split('.')[0]}_{fn.__name__}"
    return mutate


def xml_cut(rng: random.Random, body: bytes) -> bytes:
    return body[: rng.randrange(1, len(body))]


def xml_flip(rng: random.Random, body: bytes) -> bytes:
    return flip(rng, body)


def xml_gone(rng: random.Random, body: bytes) -> None:
    return None


def xml_nested(rng: random.Random, body: bytes) -> bytes:
    depth = rng.choice([500, 5000])
    nest = b"<w:tbl><w:tr><w:tc>" * depth + b"<w:p/>" + b"</w:tc></w:tr></w:tbl>" * depth
    return body.replace(b"<w:body>", b"<w:body>" + nest, 1)


def xml_numbers(rng: random.Random, body: bytes) -> bytes:
    """Numbering with impossible levels and starts (ilvl 99, start "x")."""
    value = rng.choice([b"99", b"-1", b"x", b""])
    return re.sub(rb'(w:(?:ilvl|val|numId)=")\d+(")', rb"\g<1>" + value + rb"\2", body, count=3)


def styles_loop(rng: random.Random, body: bytes) -> bytes:
    """A style based on itself (Word refuses it; a careless writer does not)."""
    return re.sub(
        rb'(<w:style [^>]*w:styleId="([^"]+)"[^>]*>)', rb'\1<w:basedOn w:val="\2"/>', body
    )


# ---- text ---------------------------------------------------------------------------------


def _text(data: bytes) -> str:
    return data.decode("utf-8", "replace")


def utf16(rng: random.Random, data: bytes) -> bytes:
    return _text(data).encode(rng.choice(["utf-16", "utf-16-be", "utf-32"]))


def utf16_bom(rng: random.Random, data: bytes) -> bytes:
    return rng.choice([b"\xff\xfe", b"\xfe\xff"]) + _text(data).encode("utf-16-le")


def cp1252(rng: random.Random, data: bytes) -> bytes:
    return _text(data).encode("cp1252", "replace")


def nul_bytes(rng: random.Random, data: bytes) -> bytes:
    at = rng.randrange(len(data))
    return data[:at] + b"\x00" * rng.randint(1, 8) + data[at:]


def one_long_line(rng: random.Random, data: bytes) -> bytes:
    return data.replace(b"\n", b" ") * rng.randint(1, 20)


def many_blank_lines(rng: random.Random, data: bytes) -> bytes:
    return data + b"\n" * rng.choice([10_000, 200_000]) + b"\f" * 2000


def long_word(rng: random.Random, data: bytes) -> bytes:
    return data + (b"a" * rng.choice([10_000, 300_000])) + b"-\n" + b"-" * 50_000 + b"\n"


def controls(rng: random.Random, data: bytes) -> bytes:
    junk = "\u202e\u2028\u200b\ufeff\x0b\x1b[31m\r\u0301" * 50
    at = rng.randrange(len(data))
    return data[:at] + junk.encode("utf-8") + data[at:]


def random_bytes(rng: random.Random, data: bytes) -> bytes:
    return rng.randbytes(rng.randint(1, 50_000))


BYTES: list[Mutation] = [flip, digit, truncate, garbage, zeros, swap]
PDF: list[Mutation] = [
    xref_broken, xref_twice, startxref_wrong, no_trailer, empty_stream, stream_cut,
    huge_number, huge_number, huge_number, huge_box, deep_nesting, page_count,
]  # fmt: skip
DOCX: list[Mutation] = [
    _part("word/document.xml", xml_cut),
    _part("word/document.xml", xml_flip),
    _part("word/document.xml", xml_gone),
    _part("word/document.xml", xml_nested),
    _part("word/document.xml", xml_numbers),
    _part("word/numbering.xml", xml_numbers),
    _part("word/numbering.xml", xml_cut),
    _part("word/styles.xml", styles_loop),
    _part("word/styles.xml", xml_gone),
    _part("[Content_Types].xml", xml_gone),
]
TEXT: list[Mutation] = [
    utf16, utf16_bom, cp1252, nul_bytes, one_long_line, many_blank_lines, long_word, controls,
    random_bytes,
]  # fmt: skip
MUTATIONS = {".pdf": BYTES + PDF, ".docx": BYTES + DOCX, ".txt": BYTES + TEXT}


def cases(seeds: list[Seed], total: int, seed: int = 12) -> list[Case]:
    """About `total` mutated cases spread over the seeds, the same ones for the same seed."""
    rng = random.Random(f"kitar-fuzz:{seed}")
    per_share = total / max(1.0, sum(s.share for s in seeds))
    out: list[Case] = []
    for s in seeds:
        kinds = MUTATIONS[s.suffix]
        for n in range(max(1, round(per_share * s.share))):
            mutate = kinds[n % len(kinds)] if n < len(kinds) else rng.choice(kinds)
            data = mutate(rng, s.data)
            out.append(Case(f"{s.name}__{mutate.__name__}__{n:03d}", s.suffix, data))
    assert len({c.name + c.suffix for c in out}) == len(out), "two seeds share a name"
    return out


def regression_cases(samples: Path | None) -> list[Case]:
    """The files of issue 12: Syddjurs with byte 21582 set to "9" (an index-sized integer
    overflow in the column finder) and the Ballerup minutes cut in half."""
    if samples is None:
        return []
    out = []
    syddjurs = samples / "syddjurs-puk-2013-06-20/referat.pdf"
    if syddjurs.exists():
        data = bytearray(syddjurs.read_bytes())
        data[21582] = ord("9")
        out.append(Case("regression-syddjurs-byte-21582", ".pdf", bytes(data)))
    ballerup = samples / "ballerup-sfu-2012-12-04/referat.pdf"
    if ballerup.exists():
        data = ballerup.read_bytes()
        out.append(Case("regression-ballerup-truncated", ".pdf", data[: len(data) // 2]))
    return out
