"""More ways of writing the same meeting down, as other Danish publishing systems and tools do
(issue 9's kinds the first set of rewrites, `test_text_variants.py`, does not cover): access and
case notes in a heading's brackets, other closed markers, section labels in capitals or with
colons, decision and recommendation wordings, clause markers, annex lists, text copied from a
web page (non-breaking spaces, soft hyphens, zero-width spaces, tabs, a BOM, decomposed
letters), page footers and form feeds, dates and case numbers in other systems' forms, a list
of the items at the top. A rewrite may change the answer key with the text (a case number in
another shape, an item marked closed). Each rewritten eval text must score as its source.
The eval texts are read at run time only (`KITAR_EVAL`); the test skips without them."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from tests.rewrite_scoring import rewrite_shortfall, web_folder
from tests.system_rewrites import (
    MONTHS,
    SEC_RX,
    WEEKDAYS,
    Rewrite,
    add_toc,
    case_after_heading,
    case_in_heading,
    case_on_heading_line,
    close_some,
    decision_committee_date,
    decision_date_only,
    decision_line,
    heads,
    presenter_line,
    rec_bullets,
    rec_clauses,
    reclose,
    redate,
    relabel_case,
    reshape_case,
    retitle,
    running_headers,
    soft_hyphens,
    sub_lines,
    textonly,
    title_case,
)

REWRITES: dict[str, Rewrite] = {
    # --- item headings
    "tab-after-number": heads(lambda m: f"{m[1]}{m[2]}.\t{m[3]}"),
    "tab-no-dot": heads(lambda m: f"{m[1]}{m[2]}\t{m[3]}"),
    "leading-zero": heads(lambda m: f"{m[1]}{int(m[2]):02d}. {m[3]}"),
    "pkt-dot": heads(lambda m: f"{m[1]}Pkt. {m[2]}. {m[3]}"),
    "punkt-dash": heads(lambda m: f"{m[1]}Punkt {m[2]} - {m[3]}"),
    "sag-nr-dash": heads(lambda m: f"{m[1]}Sag nr. {m[2]} - {m[3]}"),
    "dagsordenspunkt": heads(lambda m: f"{m[1]}Dagsordenspunkt {m[2]}: {m[3]}"),
    "number-dash": heads(lambda m: f"{m[1]}{m[2]} - {m[3]}"),
    "number-colon": heads(lambda m: f"{m[1]}{m[2]}: {m[3]}"),
    "number-bracket": heads(lambda m: f"{m[1]}[{m[2]}] {m[3]}"),
    "nbsp-after-number": heads(lambda m: f"{m[1]}{m[2]}.\u00a0{m[3]}"),
    "open-suffix": heads(lambda m: f"{m[1]}{m[2]}. {m[3]} (Åben)"),
    "open-suffix-dash": heads(lambda m: f"{m[1]}{m[2]}. {m[3]} - Åbent punkt"),
    "open-prefix": heads(lambda m: f"{m[1]}{m[2]}. Åbent punkt: {m[3]}"),
    "punkt-open-paren": heads(lambda m: f"{m[1]}Punkt {m[2]} (Åben): {m[3]}"),
    "title-case": heads(lambda m: f"{m[1]}{m[2]}. {title_case(m[3])}"),
    "running-number": heads(lambda m: f"{m[1]}{m[2]}. (Sag nr. {int(m[2]) + 200}) {m[3]}"),
    "case-in-title-kk": case_in_heading(
        lambda m, cid: f"{m[1]}{m[2]}. {m[3]} ({cid})", lambda n: f"2025-0{int(n) + 123400:06d}"
    ),
    "case-in-punkt-paren": case_in_heading(
        lambda m, cid: f"{m[1]}Punkt {m[2]} (Sagsnr. {cid}): {m[3]}",
        lambda n: f"25/{int(n) + 1200}",
    ),
    "markdown-h2": heads(lambda m: f"## {m[2]}. {m[3]}"),
    "markdown-bold": heads(lambda m: f"{m[1]}**{m[2]}. {m[3]}**"),
    "underlined": heads(lambda m: f"{m[1]}{m[2]}. {m[3]}\n{m[1]}" + "=" * min(60, len(m[3]) + 4)),
    "punkt-own-line": heads(lambda m: f"{m[1]}Punkt {m[2]}\n\n{m[1]}{m[3]}"),
    "sag-nr-no-dash": heads(lambda m: f"{m[1]}Sag nr. {m[2]} {m[3]}"),
    "punkt-en-dash": heads(lambda m: f"{m[1]}Punkt {m[2]} – {m[3]}"),
    "pkt-no-dot": heads(lambda m: f"{m[1]}Pkt {m[2]} {m[3]}"),
    "caps-punkt": heads(lambda m: f"{m[1]}PUNKT {m[2]}: {m[3].upper()}"),
    "open-line-after": heads(
        lambda m: f"{m[1]}{m[2]}. {m[3]}\n\n{m[1]}Åbent punkt", body_only=True
    ),
    "case-on-heading-line": case_on_heading_line,
    "indstilling-inline": sub_lines(r"^(\s*)Indstilling\s*\n\s*\n?\s*(?=\S)", r"\1Indstilling: "),
    "title-referat-af-moede": retitle(lambda b, d, w, n: f"Referat af møde i {b} den {d}"),
    "title-protokol-lines": retitle(
        lambda b, d, w, n: f"Beslutningsprotokol\n\n{b}\n\n{w.capitalize()} den {d} kl. 16.00"
    ),
    "title-body-then-kind": retitle(lambda b, d, w, n: f"{b}\n\nReferat fra mødet {w} den {d}"),
    "title-moedereferat-dots": retitle(lambda b, d, w, n: f"Mødereferat – {b} – {n}"),
    "title-labels": retitle(
        lambda b, d, w, n: f"Referat\n\nUdvalg: {b}\nMødedato: {n}\nMødested: Rådhuset, lokale 2"
    ),
    "toc-spaces-page": add_toc(lambda n, t, i: f"{n}. {t}{' ' * max(2, 70 - len(t))}{i + 3}"),
    "presenter-v-line": presenter_line(lambda n: f"v. {n}"),
    "presenter-oplaeg-ved": presenter_line(lambda n: f"Oplæg ved {n}"),
    "presenter-fremlaegges": presenter_line(lambda n: f"Fremlægges af {n}"),
    "decision-committee-date": decision_committee_date,
    "decision-beslutning-dot": sub_lines(r"^(\s*)Beslutning\s*$", r"\1Beslutning."),
    "decision-underlined": sub_lines(r"^(\s*)Beslutning\s*$", r"\1Beslutning\n\1----------"),
    "indstilling-genitive": sub_lines(r"^(\s*)Indstilling\s*$", r"\1Forvaltningens indstilling"),
    "indstilling-administrationens": sub_lines(
        r"^(\s*)Indstilling\s*$", r"\1Administrationens indstilling:"
    ),
    "sagsfremstilling-caps-colon": sub_lines(r"^(\s*)Sagsfremstilling\s*$", r"\1SAGSFREMSTILLING:"),
    "item-text-indented-tab": textonly(lambda t: re.sub(r"(?m)^(?!\s*\d{1,4}\.\s)(?=\S)", "\t", t)),
    "annex-lines-plain": sub_lines(
        r"^(\s*)((?:\S+\.pdf ?)+)$",
        lambda m: m[1] + "Bilag\n" + "\n".join(f"{m[1]}{f}" for f in m[2].split()),
    ),
    "annex-bilagsliste": sub_lines(
        r"^(\s*)((?:\S+\.pdf ?)+)$",
        lambda m: m[1] + "Bilagsliste:\n\n" + "\n\n".join(f"{m[1]}- {f}" for f in m[2].split()),
    ),
    "heading-time-suffix": heads(lambda m: f"{m[1]}{m[2]}. {m[3]} (kl. 16.00-16.15)"),
    "heading-time-prefix": heads(lambda m: f"{m[1]}{m[2]}. Kl. 16.00 {m[3]}"),
    "tid-line": heads(
        lambda m: f"{m[1]}{m[2]}. {m[3]}\n\n{m[1]}Tid: 16.00 - 16.15", body_only=True
    ),
    "sagsgang-line": heads(
        lambda m: f"{m[1]}{m[2]}. {m[3]}\n\n{m[1]}Sagsgang: ØU, BY", body_only=True
    ),
    "running-headers": running_headers,
    "decision-date-only": decision_date_only,
    "bare-number-space": heads(lambda m: f"{m[1]}{m[2]} {m[3]}"),
    "punkt-nr": heads(lambda m: f"{m[1]}Punkt nr. {m[2]}: {m[3]}"),
    "dagsordenspunkt-own-line": heads(lambda m: f"{m[1]}Dagsordenspunkt {m[2]}\n\n{m[1]}{m[3]}"),
    "dash-bullet": heads(lambda m: f"{m[1]}- {m[2]}. {m[3]}"),
    "number-right": heads(lambda m: f"{m[1]}{m[3]}   Punkt {m[2]}"),
    # --- closed markers
    "closed-paren": reclose(lambda t: f"{t} (Lukket punkt)"),
    "closed-prefix-lukket": reclose(lambda t: f"Lukket punkt: {t}"),
    "closed-fortroligt": reclose(lambda t: f"Fortroligt: {t}"),
    "closed-dash-suffix": reclose(lambda t: f"{t} - LUKKET"),
    "closed-lukket-dash": reclose(lambda t: f"Lukket - {t}"),
    "add-closed-paren": close_some(lambda m: f"{m[1]}{m[2]}. {m[3]} (Lukket punkt)"),
    "add-closed-line": close_some(
        lambda m: f"{m[1]}{m[2]}. {m[3]}\n\nLukket punkt", body_only=True
    ),
    "add-closed-prefix": close_some(lambda m: f"{m[1]}{m[2]}. Lukket punkt: {m[3]}"),
    "add-closed-fortroligt": close_some(lambda m: f"{m[1]}{m[2]}. Fortroligt - {m[3]}"),
    "add-closed-lukket-sag": close_some(lambda m: f"{m[1]}{m[2]}. {m[3]} - Lukket sag"),
    # --- section labels
    "labels-colon": sub_lines(rf"^(\s*)({SEC_RX})\s*$", r"\1\2:"),
    "labels-caps": sub_lines(rf"^(\s*)({SEC_RX})\s*$", lambda m: m[1] + m[2].upper()),
    "labels-caps-colon": sub_lines(rf"^(\s*)({SEC_RX})\s*$", lambda m: m[1] + m[2].upper() + ":"),
    "decision-colon-inline": textonly(
        lambda t: re.sub(r"(?m)^(\s*)Beslutning\s*\n\s*\n?(\s*)(?=\S)", r"\1Beslutning: ", t)
    ),
    "decision-udvalgets": decision_line("Udvalgets beslutning"),
    "decision-afgoerelse": decision_line("Afgørelse"),
    "decision-dated": decision_line("Beslutning i Udvalget den {d}:"),
    "decision-dated-numeric": decision_line("Beslutning den {dots}"),
    "decision-caps": decision_line("BESLUTNING"),
    "decision-referat": decision_line("Referat"),
    "decision-beslutninger": decision_line("Beslutninger"),
    "indstilling-forslag": sub_lines(r"^(\s*)Indstilling\s*$", r"\1Forslag til beslutning"),
    "indstilling-removed": sub_lines(r"^(\s*)Indstilling\s*\n", ""),
    "indstiller-det": sub_lines(r"^(\s*)[A-ZÆØÅ][\wæøå ]+ indstiller,", r"\1Det indstilles,"),
    "indstiller-over-for": sub_lines(
        r"^(\s*)([A-ZÆØÅ][\wæøå ]+) indstiller,", r"\1\2 indstiller over for udvalget,"
    ),
    "indstiller-til-udvalget": sub_lines(
        r"^(\s*)([A-ZÆØÅ][\wæøå ]+) indstiller,", r"\1\2 indstiller til Økonomiudvalget og Byrådet,"
    ),
    "rec-bullets": rec_bullets("• "),
    "rec-dashes": rec_bullets("- "),
    "rec-en-dash": rec_bullets("– "),
    "rec-letters": rec_clauses(lambda n: "abcdefghij"[n - 1] + ")"),
    "rec-letters-dot": rec_clauses(lambda n: "ABCDEFGHIJ"[n - 1] + "."),
    "rec-at-paren": rec_clauses(lambda n: f"At {n})"),
    "rec-numbers-paren": textonly(
        lambda t: re.sub(r"(?m)^(\s*)(\d)\.\s+(?=at |At )", lambda m: m[1] + m[2] + ") ", t)
    ),
    # --- HTML copy artefacts
    "nbsp-everywhere": textonly(lambda t: t.replace(" ", "\u00a0")),
    "nbsp-some": textonly(lambda t: re.sub(r"(\d\.) ", "\\1\u00a0", t)),
    "soft-hyphens": textonly(soft_hyphens),
    "zero-width": textonly(lambda t: re.sub(r"(?m)^(\s*)(?=\S)", "\\1\u200b", t)),
    "zwsp-in-words": textonly(
        lambda t: re.sub(r"(?<=[a-zæøå])(?=[a-zæøå]{8})", "", t).replace("ing ", "ing\u200b ")
    ),
    "bom": textonly(lambda t: "\ufeff" + t),
    "nfd": textonly(lambda t: unicodedata.normalize("NFD", t)),
    "tabs-indent": textonly(lambda t: re.sub(r"(?m)^(?=\S)", "\t", t)),
    "trailing-spaces": textonly(lambda t: re.sub(r"(?m)$", "   ", t)),
    "double-spaces": textonly(lambda t: re.sub(r"(?<=\w) (?=\w)", "  ", t)),
    "blank-between-all": textonly(lambda t: re.sub(r"\n+", "\n\n", t)),
    "form-feeds": textonly(lambda t: re.sub(r"\n\n(?=\s*\d{1,3}\.\s)", "\n\f\n", t)),
    "page-footers": textonly(
        lambda t: "\n".join(
            line + (f"\n\nSide {n // 25 + 1} af 9\n" if n % 25 == 24 else "")
            for n, line in enumerate(t.split("\n"))
        )
    ),
    "cr-only": textonly(lambda t: t.replace("\n", "\r")),
    "indent4": textonly(lambda t: re.sub(r"(?m)^(?=.)", "    ", t)),
    "bullets-to-stars": textonly(lambda t: t.replace("•", "*")),
    "bullets-to-dash": textonly(lambda t: t.replace("•", "-")),
    "bullets-to-middot": textonly(lambda t: t.replace("•", "·")),
    # --- dates
    "date-slash": redate(lambda d: f"d. {d.day}/{d.month}-{d.year}"),
    "date-kl": redate(lambda d: f"{d.day}. {MONTHS[d.month - 1]} {d.year} kl. 16.00"),
    "date-weekday": redate(
        lambda d: f"{WEEKDAYS[d.weekday()]} den {d.day}. {MONTHS[d.month - 1]} {d.year}"
    ),
    "date-Weekday": redate(
        lambda d: f"{WEEKDAYS[d.weekday()].capitalize()} d. {d.day}. {MONTHS[d.month - 1]} {d.year}"
    ),
    "date-caps": redate(lambda d: f"{d.day}. {MONTHS[d.month - 1].upper()} {d.year}"),
    "date-iso": redate(lambda d: d.isoformat()),
    "date-dots": redate(lambda d: f"{d.day:02d}.{d.month:02d}.{d.year}"),
    "date-short-dots": redate(lambda d: f"{d.day}.{d.month}.{d.year}"),
    "date-abbrev": redate(lambda d: f"{d.day}. {MONTHS[d.month - 1][:3]}. {d.year}"),
    "date-slash-full": redate(lambda d: f"{d.day:02d}/{d.month:02d}/{d.year}"),
    # --- case numbers
    "case-sagsnr-colon": relabel_case("Sagsnr.:"),
    "case-sags-nr": relabel_case("Sags nr."),
    "case-journalnr": relabel_case("Journalnr.:"),
    "case-jnr": relabel_case("J.nr."),
    "case-acadre": relabel_case("Acadre sagsnr.:"),
    "case-sagsnummer": relabel_case("Sagsnummer"),
    "case-sag-colon": relabel_case("Sag:"),
    "case-sagsid": relabel_case("Sags-id:"),
    "case-after-heading": case_after_heading,
    "case-shape-sag": reshape_case(lambda n: f"SAG-2025-0{n}123"),
    "case-shape-kle": reshape_case(lambda n: f"00.01.00-A00-{n}-25"),
    "case-shape-emn": reshape_case(lambda n: f"EMN-2025-0{n}234"),
    # --- lists of items at the top
    "toc-dots": add_toc(lambda n, t, i: f"{n}. {t} ........ {i + 1}"),
    "toc-plain": add_toc(lambda n, t, i: f"{n}. {t}"),
    "toc-punkt": add_toc(lambda n, t, i: f"Punkt {n}: {t}"),
    "toc-dagsorden": add_toc(lambda n, t, i: f"{n}. {t}", head="Dagsorden:"),
    "toc-tab-page": add_toc(lambda n, t, i: f"{n}\t{t}\t{i + 2}"),
    "toc-bullets": add_toc(lambda n, t, i: f"• {n}. {t}"),
    # --- annexes
    "annex-bullets": sub_lines(
        r"^(\s*)((?:\S+\.pdf ?)+)$",
        lambda m: m[1] + "Bilag:\n" + "\n".join(f"{m[1]}• {f}" for f in m[2].split()),
    ),
    "annex-numbered": sub_lines(
        r"^(\s*)((?:\S+\.pdf ?)+)$",
        lambda m: (
            m[1] + "Bilag\n" + "\n".join(f"{m[1]}{n}. {f}" for n, f in enumerate(m[2].split(), 1))
        ),
    ),
    "annex-bilag-n": sub_lines(
        r"^(\s*)((?:\S+\.pdf ?)+)$",
        lambda m: "\n".join(f"{m[1]}Bilag {n} - {f}" for n, f in enumerate(m[2].split(), 1)),
    ),
    "annex-bilag-colon": sub_lines(
        r"^(\s*)((?:\S+\.pdf ?)+)$",
        lambda m: "\n".join(f"{m[1]}Bilag {n}: {f}" for n, f in enumerate(m[2].split(), 1)),
    ),
}


@pytest.fixture(scope="module")
def web() -> Path:
    return web_folder()


@pytest.mark.parametrize("rewrite", sorted(REWRITES))
def test_eval_texts_written_by_other_systems_parse_like_their_source(
    web: Path, rewrite: str, tmp_path: Path
) -> None:
    changed, short = rewrite_shortfall(web, REWRITES[rewrite], tmp_path)
    assert changed > 0
    assert short == {}
