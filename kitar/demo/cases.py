"""Fictitious documents of the kinds that failed on real files (issue 9), each with its answer
key, so that a fix is tested as a kind and not as one file:

- `paged_agenda_text`: a plain-text committee agenda where each item starts a page with its
  numbered heading and a labelled case-number line, under a running header and over a page
  footer (a running-header remover must keep the headings and case lines);
- `deciding_body_minutes`: minutes whose items 2-8 hold the section heading `Beslutningen
  træffes af` (a section, not a sub-item; the recommendations stay with the item);
- `signature_page_minutes`: minutes ending with an `Underskriftsside` (not a sub-item);
- the KL-like agenda printed with 1.5 line spacing is `kitar.demo.zoo` with a generated KL
  agenda (tests/test_layout_cases.py).
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any, Literal

from kitar.demo import vocab
from kitar.demo.layout import STYLE_LEFT, Part
from kitar.demo.text import long_date
from kitar.model import Block

HeadingForm = Literal["punkt", "numbered"]


def _meeting(seed: int) -> tuple[random.Random, date, str, list[tuple[str, str]]]:
    rng = random.Random(f"kitar-cases:{seed}")
    day = date(2015, 1, 5) + timedelta(weeks=rng.randrange(400), days=rng.randrange(4))
    body = rng.choice(vocab.COMMITTEES)
    topics = list(vocab.COMMITTEE_TOPICS)
    rng.shuffle(topics)
    return rng, day, body, topics


def _clauses(rng: random.Random, subject: str, day: date) -> list[str]:
    picks = rng.sample(vocab.COMMITTEE_CLAUSES, rng.randint(1, 2))
    return [c.format(subject=subject, month=vocab.MONTHS[day.month % 12]) for c in picks]


def _sentence(rng: random.Random, subject: str, day: date) -> str:
    text = rng.choice(vocab.COMMITTEE_SENTENCES)
    return text.format(subject=subject, month=vocab.MONTHS[day.month - 1], next_year=day.year + 1)


def paged_agenda_text(seed: int, form: HeadingForm, n_items: int = 6) -> tuple[str, dict[str, Any]]:
    """(text, answer key): pages separated by form feeds, each item on its own page."""
    rng, day, body, topics = _meeting(seed)
    header = f"{body} - Dagsorden - {day:%d.%m.%Y}"
    pages = [[header, "", "Dagsorden", "", body, "", f"{long_date(day, weekday=True)} kl. 16.00"]]
    items = []
    for n in range(1, n_items + 1):
        title, subject = topics[n - 1]
        case = f"{day.year % 100:02d}/{rng.randint(100, 29999):05d}"
        clauses = _clauses(rng, subject, day)
        head = [f"Punkt {n}", title] if form == "punkt" else [f"{n}. {title}"]
        label = "Sagsnr.:" if form == "punkt" else "Sag nr."
        page = [header, "", *head, "", f"{label} {case}", "", "Sagsfremstilling"]
        page += [_sentence(rng, subject, day) for _ in range(2)]
        page += ["", "Indstilling", "Forvaltningen indstiller, at", *[f"- {c}" for c in clauses]]
        pages.append(page)
        items.append(
            {"number": str(n), "title": title, "case_id": case, "recommendations": clauses}
        )
    total = len(pages)
    text = "\f".join(
        "\n".join([*page, "", f"Side {k} af {total}"]) + "\n" for k, page in enumerate(pages, 1)
    )
    meeting = {"kind": "agenda", "date": day.isoformat(), "body": body}
    return text, {"meeting": meeting, "items": items}


def _minutes_cover(body: str, day: date) -> Part:
    return Part(
        blocks=[
            Block("heading", "Referat", 0, level=0),
            Block("heading", body, 0, level=2),
            Block("paragraph", f"{long_date(day, weekday=True)} kl. 16.00", 0, style=STYLE_LEFT),
        ],
        new_page=True,
    )


def _minutes_item(
    rng: random.Random, day: date, body: str, n: int, topic: tuple[str, str], deciding: bool
) -> tuple[Part, dict[str, Any]]:
    title, subject = topic
    case = f"{day.year % 100:02d}/{rng.randint(100, 29999):05d}"
    clauses = _clauses(rng, subject, day)
    decision = rng.choice(("Indstillingen blev godkendt.", "Godkendt.", "Taget til efterretning."))
    head = [
        Block("heading", f"{n}. {title}", 0, level=1),
        Block("paragraph", f"Sagsnr.: {case}", 0, style=STYLE_LEFT),
    ]
    decided = [
        Block("heading", f"{body}s beslutning den {day:%d.%m.%Y} Punkt {n}", 0, level=3),
        Block("paragraph", decision, 0),
    ]
    recommended = [
        Block("heading", "Indstilling", 0, level=3),
        Block("paragraph", "Direktionen indstiller, at", 0),
        *[Block("list_item", c, 0, marker="-") for c in clauses],
    ]
    story = [
        Block("heading", "Sagsfremstilling", 0, level=3),
        Block("paragraph", " ".join(_sentence(rng, subject, day) for _ in range(3)), 0),
    ]
    if deciding:  # eDoc's order: the decision first, annexes, the deciding body, the case
        annex = f"{day.year}-{rng.randint(100000, 299999)} - {subject.capitalize()}, notat"
        decided = [  # eDoc prints the decision line as plain text, absentees after it
            Block("paragraph", f"{body}s beslutning den {day:%d.%m.%Y} Punkt {n}", 0),
            Block("paragraph", decision, 0),
            Block("paragraph", "Følgende deltog ikke i behandlingen af punktet:", 0),
        ]
        blocks = [
            *head, *decided,
            Block("heading", "Bilag", 0, level=3),
            Block("paragraph", annex, 0, style=STYLE_LEFT),
            Block("heading", "Beslutningen træffes af", 0, level=3),
            Block("paragraph", rng.choice((body, "Kommunalbestyrelsen", "Økonomiudvalget")), 0),
            *recommended, *story,
        ]  # fmt: skip
    else:
        blocks = [*head, *story, *recommended, *decided]
    key = {
        "number": str(n), "title": title, "case_id": case, "recommendations": clauses,
        "decision_contains": decision,
    }  # fmt: skip
    return Part(blocks=blocks, new_page=False), key


_NOTICES_KEY = {
    "number": "1",
    "title": "Meddelelser",
    "decision_contains": "Taget til efterretning",
}


def _notices(rng: random.Random, day: date, body: str) -> Part:
    """Item 1 `Meddelelser` with lettered sub-items `a.`, `b.`, … (real sub-items)."""
    blocks = [Block("heading", "1. Meddelelser", 0, level=1)]
    for letter, (title, subject) in zip("abc", rng.sample(vocab.COMMITTEE_TOPICS, 3), strict=True):
        blocks += [
            Block("list_item", f"Orientering om {title.lower()}", 0, marker=f"{letter}."),
            Block("paragraph", _sentence(rng, subject, day), 0),
        ]
    blocks += [
        Block("paragraph", f"{body}s beslutning den {day:%d.%m.%Y} Punkt 1", 0),
        Block("paragraph", "Taget til efterretning", 0),
    ]
    return Part(blocks=blocks, new_page=False)


def deciding_body_minutes(seed: int, n_items: int = 8) -> tuple[list[Part], dict[str, Any]]:
    """(parts, answer key): items 2..n carry a `Beslutningen træffes af` section."""
    rng, day, body, topics = _meeting(seed)
    parts, items = [_minutes_cover(body, day), _notices(rng, day, body)], [_NOTICES_KEY]
    for n in range(2, n_items + 1):
        part, key = _minutes_item(rng, day, body, n, topics[n - 1], deciding=True)
        parts.append(part)
        items.append(key)
    return parts, {
        "meeting": {"kind": "minutes", "date": day.isoformat(), "body": body},
        "items": items,
    }


def signature_page_minutes(seed: int, n_items: int = 4) -> tuple[list[Part], dict[str, Any]]:
    """(parts, answer key): minutes whose last page is an `Underskriftsside`."""
    rng, day, body, topics = _meeting(seed)
    parts, items = [_minutes_cover(body, day)], []
    for n in range(1, n_items + 1):
        part, key = _minutes_item(rng, day, body, n, topics[n - 1], deciding=False)
        parts.append(part)
        items.append(key)
    members = [f"{rng.choice(vocab.FIRST_NAMES)} {rng.choice(vocab.SURNAMES)}" for _ in range(5)]
    signatures = [Block("heading", "Underskriftsside", 0, level=1)]
    for name in members:
        signatures += [
            Block("paragraph", "_" * 30, 0, style=STYLE_LEFT),
            Block("paragraph", name, 0, style=STYLE_LEFT),
        ]
    parts.append(Part(blocks=signatures, new_page=True))
    return parts, {
        "meeting": {"kind": "minutes", "date": day.isoformat(), "body": body},
        "items": items,
    }
