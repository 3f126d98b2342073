"""Reflow throughput (MB/s of text) once the lexicon is loaded; the load time on its own.

Text: the KL agenda sample when KITAR_SAMPLES has it, else a generated fictitious agenda in
the same extractor layout; repeated to about 4 MB so the timing is not noise.
"""

from __future__ import annotations

import time

from bench.timing import best_time
from kitar.config import samples_dir
from kitar.read.txt import parse_text
from kitar.text import lexicon as lexicon_module
from kitar.text.reflow import reflow_document

TARGET_MB_S = 2.0
TARGET_LOAD_S = 10.0
TARGET_READ_MB_S = 0.7
SIZE = 4_000_000


def _fictitious() -> str:
    lines: list[str] = []
    for n in range(1, 30):
        lines += [f" {n}. Orientering om den fælleskommunale digi-", "taliseringsstrategi"]
        lines += ["v. Anna Eksempel, KL", " ", "Baggrund", " "]
        for _ in range(6):
            lines += ["Udvalget skal tage stilling til en række leverancer og en tids-", ""]
            lines += ["plan for den kommende periode, herunder e-", ""]
            lines += ["handel og it-arkitekter i kommunerne og Børne-", ""]
            lines += ["og Ungeudvalgets arbejde med økonomi-", "", "styring.", "", " ", ""]
        lines += ["\uf0b7 udvalget godkender planen", "", " "]
    return "\n".join(lines) + "\n"


def _text() -> tuple[str, str]:
    path = samples_dir() / "kl-itarkitekturraad-2016-08-29-agenda.txt"
    if path.exists():
        return path.read_text(encoding="utf-8"), "KL sample"
    return _fictitious(), "fictitious agenda"


def run() -> list[dict]:
    """Lexicon load time and reflow throughput."""
    lexicon_module.load_spacy_lemmas.cache_clear()
    start = time.perf_counter()
    lexicon = lexicon_module.default_lexicon()
    load_s = time.perf_counter() - start

    text, source = _text()
    repeat = max(1, SIZE // len(text.encode("utf-8")))
    big = text * repeat
    doc = parse_text(big)
    size_mb = len(big.encode("utf-8")) / 1e6
    reflow_document(doc, lexicon)  # warm-up: organisation list, regexes
    # CPU seconds of this process: on a shared machine the wall clock also counts the time
    # other processes hold the CPU.
    reflow_s = best_time(lambda: reflow_document(doc, lexicon), 3, time.process_time)
    total_s = best_time(lambda: reflow_document(parse_text(big), lexicon), 2, time.process_time)
    throughput = size_mb / reflow_s
    read_throughput = size_mb / total_s
    return [
        _row(
            "lexicon load (spaCy Danish forms)", load_s, "s", TARGET_LOAD_S, load_s < TARGET_LOAD_S
        ),
        _row(
            f"reflow throughput, CPU time ({source}, {size_mb:.1f} MB)",
            throughput,
            "MB/s",
            TARGET_MB_S,
            throughput > TARGET_MB_S,
        ),
        # reading has no target of its own; it should not cost more than twice the reflow
        _row(
            "TXT read + reflow throughput, CPU time",
            read_throughput,
            "MB/s",
            TARGET_READ_MB_S,
            read_throughput > TARGET_READ_MB_S,
        ),
    ]


def _row(name: str, value: float, unit: str, target: float, ok: bool) -> dict:
    return {"name": name, "value": round(value, 2), "unit": unit, "target": target, "ok": ok}


if __name__ == "__main__":
    for row in run():
        print(row)
