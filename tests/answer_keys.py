"""Read the case systems' XML exports (eDoc, Acadre) into expected values, at test time.

The exports are not always well-formed XML (Ballerup's holds a form-feed character reference),
so they are read with regular expressions over the text rather than an XML parser.
"""

from __future__ import annotations

import html
import re
from pathlib import Path


def _full_minutes_text(xml: str) -> str:
    """eDoc keeps the whole minutes as one FullText: the one with the table of contents."""
    texts = re.findall(r"<FullText>(.*?)</FullText>", xml, re.S)
    return html.unescape(next(t for t in texts if "INDHOLDSFORTEGNELSE" in t))


def ballerup_expected(folder: Path) -> dict:
    xml = (folder / "edoc-export.xml").read_text(encoding="utf-8")
    items: dict[str, dict] = {}
    for chunk in xml.split("<MeetingAgendaItem>")[1:]:
        number = re.search(r"<AgendaItemNumber>(\d+)", chunk)
        title = re.search(r"<Title>([^<]*)", chunk)
        if number and title:
            items[number.group(1)] = {
                "number": number.group(1),
                "title": html.unescape(title.group(1)).strip(),
            }
    text = _full_minutes_text(xml)
    body = text.split("Lukket referat", 1)[-1]  # after the table of contents
    for num, item in items.items():
        start = re.search(rf"(?:^|\D){num}\.\t{re.escape(item['title'][:25])}", body)
        assert start, f"item {num} not in the export's full text"
        rest = body[start.end() :]
        nxt = re.search(rf"{int(num) + 1}\.\t", rest)
        section = rest[: nxt.start()] if nxt else rest
        case = re.search(r"Sagsnr\.: ([\d\-]+)", section)
        doc = re.search(r"Dok\.nr\.: ([\d\-]+)", section)
        dec = re.search(rf"beslutning den [\d.]+ Punkt {num}(.*?)Følgende deltog", section, re.S)
        item["case_id"] = case.group(1) if case else None
        item["doc_id"] = doc.group(1) if doc else None
        item["decision"] = " ".join(dec.group(1).split()) if dec else None
        letters = re.findall(r"([a-h])\.\s*(?=[A-ZÆØÅ])", section[:3000])
        run: list[str] = []
        for letter in letters:  # keep the run a, b, c, … only
            if letter == chr(ord("a") + len(run)):
                run.append(letter)
        item["subitems"] = run
    return {"items": items}


def _acadre_fields(chunk: str) -> dict[str, str]:
    return {
        k: html.unescape(v)
        for k, v in re.findall(r'<field name="(\w+)"[^>]*>([^<]*)</field>', chunk)
    }


def syddjurs_expected(folder: Path) -> dict:
    xml = (folder / "acadre-export.xml").read_text(encoding="utf-8")
    item_chunk = xml.split('<table name="agendaitem">', 1)[1]
    fields = _acadre_fields(item_chunk.split("<table", 1)[0])
    bullets = re.findall(
        r'<field name="bulletname">([^<]*)</field><field name="bulletcontent">(.*?)</field>',
        xml,
        re.S,
    )
    decisions = []
    recommendation = None
    for name, content in bullets:
        plain = " ".join(re.sub(r"<[^>]+>", " ", html.unescape(html.unescape(content))).split())
        plain = plain.replace("\xa0", " ").strip()
        if name.startswith("Beslutning"):
            date = re.search(r"den (\d{2})-(\d{2})-(\d{4})", name)
            assert date
            decisions.append(
                {"date": f"{date.group(3)}-{date.group(2)}-{date.group(1)}", "text": plain}
            )
        elif name == "Indstilling":
            recommendation = plain
    number = re.search(
        r"(\d+)\.\s", re.sub(r"<[^>]+>", " ", xml.split("Kulturkommune", 1)[0][-400:])
    )
    annexes = []
    for chunk in xml.split('<table name="enclosure">')[1:]:
        enc = _acadre_fields(chunk.split("</fields>", 1)[0])
        annexes.append(
            {
                "number": int(enc["sort"]),
                "title": enc["name"],
                "ref": enc["fileno"],
                "confidential": enc["accessname"] != "Åben",
            }
        )
    return {
        "annexes": annexes,
        "title": fields["name"],
        "case_id": fields["caseno"],
        "committee": fields["comname"],
        "number_hint": number.group(1) if number else None,
        "recommendation": recommendation,
        "decisions": decisions,
    }
