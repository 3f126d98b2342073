"""Fictitious meetings and a fake processor for the corpus tests (no parser needed).

A fake document is a .txt file holding `meeting_to_dict(...)` plus "pages" as JSON; the fake
processor reads it back. `"fail": "reason"` makes it raise NoTextLayer like a scanned PDF.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from kitar.errors import NoTextLayer
from kitar.model import (
    Annex,
    Decision,
    Document,
    Item,
    Meeting,
    MeetingInfo,
    Presenter,
    Section,
    SourceInfo,
)
from kitar.parse.serialize import meeting_from_dict, meeting_to_dict
from kitar.store.analyze import analyze, compound_parts, stem


def fake_processor(path: str) -> tuple[Document, Meeting]:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    if data.get("fail"):
        raise NoTextLayer(data["fail"], path)
    stop_at = os.environ.get("KITAR_TEST_CRASH_AT")  # simulate a crash in the middle
    if stop_at and Path(path).name == stop_at:
        raise KeyboardInterrupt
    meeting = meeting_from_dict(data)
    pages = data.get("pages") or []
    doc = Document(path=path, format="txt", pages=len(pages), page_texts=pages)
    return doc, meeting


def make_meeting(
    body: str = "Fiktivt Udvalg",
    date: str = "2024-03-12",
    kind: str = "agenda",
    n_items: int = 3,
    variant: str = "",
) -> Meeting:
    """A fictitious meeting: item 2 is closed, item 1 has sub-items and a confidential annex."""
    items = []
    for n in range(1, n_items + 1):
        item = Item(
            number=str(n),
            title=f"Punkt {n} om digitaliseringsstrategien {variant}".strip(),
            closed=n == 2,
            page=n,
            presenters=[Presenter("Anna Testesen", "Testkommunen"), Presenter("Bo Prøvesen")],
            recommendations=[f"at udvalget godkender forslag {n}"],
            decisions=[Decision("Taget til efterretning.", body, date)]
            if kind == "minutes"
            else [],
            annexes=[
                Annex(1, f"Notat om sikkerhedsarkitektur {n}"),
                Annex(2, f"Hemmeligt bilag om lønforhold {n}", confidential=n == 1),
            ],
            sections=[
                Section("Sagsfremstilling", "Kommunerne har brug for en fælles It-arkitektur."),
                Section("Økonomi", f"Udgiften er {n}00.000 kr. i {date[:4]}."),
            ],
        )
        if n == 1:
            item.subitems = [Item(number="1.a", title="Orientering fra formanden", page=1)]
        items.append(item)
    return Meeting(
        source=SourceInfo(path="", sha256="", format="txt", pages=n_items),
        meeting=MeetingInfo(
            kind=kind,  # type: ignore[arg-type]
            body=body,
            date=date,
            time="13:00",
            attendees=["Anna Testesen"],
            absent=["Cai Fraværsen"],
        ),
        items=items,
    )


def write_fake(path: Path, meeting: Meeting | None = None, fail: str | None = None) -> Path:
    data = meeting_to_dict(meeting) if meeting else {}
    if meeting:
        # Each item's title on the page it starts on, as a reader would give them.
        last = max((i.page or 1 for i in meeting.items), default=1)
        data["pages"] = [
            "\n".join(
                [f"Side {n}"]
                + [f"{i.title}. Kommunerne drøfter sagen." for i in meeting.items if i.page == n]
            )
            for n in range(1, last + 1)
        ]
    if fail:
        data["fail"] = fail
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


# ---- tests of the analysis the fakes rely on ---------------------------------------


def test_stem_joins_danish_inflections() -> None:
    assert stem("kommunernes") == stem("kommunerne") == stem("kommune")


def test_compound_parts_split_at_linking_s() -> None:
    assert compound_parts("digitaliseringsstrategi") == ("digitaliserings", "strategi")
    assert compound_parts("sikkerhedsarkitektur") == ("sikkerheds", "arkitektur")


def test_compound_parts_leave_plain_words_alone() -> None:
    for word in ("forslaget", "kommunernes", "organisationer", "efterretning"):
        assert compound_parts(word) == (), word


def test_analyze_aligns_stems_and_adds_parts() -> None:
    stems, parts = analyze("Kommunernes It-arkitektur og digitaliseringsstrategien")
    assert stems.split() == ["kommun", "it", "arkitektur", "og", "digitaliseringsstrategi"]
    assert "strategi" in parts.split()
    assert stem("itarkitektur") in parts.split()
