"""The agenda items of a generated meeting: KL council style and municipal committee style."""

from __future__ import annotations

from kitar.demo import vocab
from kitar.demo.builder import Builder, Kind, Style, bullet, decision, para, recommendation
from kitar.model import Decision, Item


def _head(b: Builder, item: Item, text: str, level: int) -> None:
    b.ph.new_item()
    b.doc.item_heads.append((item, b.add("heading", text, level=level)))


def _body_section(b: Builder, item: Item, subject: str, style: str, memo: dict | None) -> None:
    """`Sagsfremstilling`: paragraphs, sometimes a bullet list or a numbered list."""

    rng, ph = b.rng, b.ph
    pool = vocab.SENTENCES if style == "kl" else vocab.COMMITTEE_SENTENCES
    blocks = [para(ph.paragraph(subject, rng.randint(3, 5), pool))]
    kl = style == "kl"
    if rng.random() < 0.5:  # a numbered list inside the text is not a list of items
        lead = "Initiativet består af tre hovedelementer:" if kl else "Forslaget har tre dele:"
        blocks.append(para(lead))
        picks = rng.sample(vocab.NUMBERED_PHRASES if kl else vocab.COMMITTEE_NUMBERED, 3)
        blocks += [bullet(p, f"{n}.") for n, p in enumerate(picks, 1)]
    blocks.append(para(ph.paragraph(subject, rng.randint(2, 4), pool)))
    if rng.random() < 0.6:
        blocks.append(para("Arbejdet omfatter bl.a. følgende indsatsområder:"))
        marker = rng.choice((None, "•"))
        phrases = vocab.BULLET_PHRASES if kl else vocab.COMMITTEE_BULLETS
        for phrase in rng.sample(phrases, rng.randint(2, 4)):
            blocks.append(bullet(phrase, marker))
            if rng.random() < 0.2:
                blocks.append(bullet(ph.fill(rng.choice(pool), subject), level=1))
    memo_at = None
    if memo is not None:  # the rest of the section is a memo with its own letterhead
        memo_at = len(blocks)
        blocks.append(para(ph.paragraph(subject, 4)))
        blocks += [bullet(ph.fill(s, subject)) for s in rng.sample(vocab.SENTENCES, 3)]
        blocks.append(para(ph.paragraph(subject, 3)))
    b.section(item, "Sagsfremstilling", blocks, memo_at, sidebar=memo)


def _topic_item(
    b: Builder, number: int, topic: tuple[str, str], closed: bool, kind: Kind, style: Style,
    body: str, memo: dict | None,
) -> Item:  # fmt: skip

    rng, ph = b.rng, b.ph
    title, subject = topic
    item = Item(str(number), title, closed=closed)
    b.part(new_page=style == "kl")
    if style == "kl":
        _head(b, item, f"{number}. {title}" + (" – LUKKET PUNKT" if closed else ""), 1)
        line, item.presenters = ph.presenters()
        b.add("paragraph", line, style="left")
        b.section(item, "Baggrund", [para(ph.paragraph(subject, rng.randint(3, 5)))])
        recommendation(b, item, subject, style)
        _body_section(b, item, subject, style, memo)
    else:
        _head(b, item, f"{number}. {title}" + (" (Lukket punkt)" if closed else ""), 1)
        item.case_id = f"{ph.date.year % 100:02d}/{rng.randint(100, 29999):05d}"
        b.add("paragraph", f"Sagsnr.: {item.case_id}", style="left")
        _body_section(b, item, subject, style, None)
        text = ph.paragraph(subject, 2, vocab.COMMITTEE_SENTENCES)
        b.section(item, "Økonomi", [para(text)])
        recommendation(b, item, subject, style)
    if rng.random() < 0.6:
        b.annexes(item, subject, rng.randint(1, 2), confidential_ok=True)
    if kind == "minutes":
        decision(b, item, subject, style, str(number), body)
    return item


def _hearings_item(b: Builder, number: int, kind: Kind) -> Item:
    """KL's `Høringssager:` with two unnumbered sub-items, the presenter on the first."""

    item = Item(str(number), "Høringssager")
    b.part(new_page=True)
    _head(b, item, f"{number}. Høringssager:", 1)
    for n, system in enumerate(b.rng.sample(vocab.SYSTEMS, 2)):
        sub = Item(None, f"Arkitekturrapport for {system}")
        _head(b, sub, sub.title, 2)
        if n == 0:
            line, sub.presenters = b.ph.presenters()
            b.add("paragraph", line, style="left")
        clause = (
            f"{vocab.COUNCIL_SHORT} orienteres om arkitekturrapporten for {system} og de "
            f"{b.rng.randint(2, 9)} indkomne høringssvar fra netværket af kommunale it-arkitekter"
        )
        b.section(sub, "Indstilling", [para(f"Det indstilles, at {clause}.")])
        sub.recommendations.append(clause)
        hearing = f"Høringssvar – {system.lower()}"
        b.annexes(sub, f"rapporten for {system}", 1, confidential_ok=False, title=hearing)
        if kind == "minutes":
            decision(b, sub, f"rapporten for {system}", "kl", str(number), "")
        item.subitems.append(sub)
    return item


def _notices_item(b: Builder, number: int, kind: Kind) -> Item:
    """A committee's `Meddelelser` with lettered sub-items `a.`, `b.`, …"""
    item = Item(str(number), "Meddelelser")
    b.part(new_page=False)
    _head(b, item, f"{number}. Meddelelser", 1)
    for letter, (_title, subject) in zip(
        "abc", b.rng.sample(vocab.COMMITTEE_TOPICS, 3), strict=True
    ):
        sub = Item(letter, f"Orientering om {subject}")
        _head(b, sub, f"{letter}. {sub.title}", 2)
        b.add("paragraph", b.ph.paragraph(subject, 2, vocab.COMMITTEE_SENTENCES))
        item.subitems.append(sub)
    if kind == "minutes":
        b.add("heading", "Beslutning", level=3)
        b.add("paragraph", "Orienteringen blev taget til efterretning.")

        item.decisions.append(Decision("Orienteringen blev taget til efterretning."))
    return item


def _simple_item(b: Builder, number: int, title: str, style: Style, kind: Kind) -> Item:
    """Item 1 (`Velkommen og siden sidst`, with the chair) or the last (`Evt.`)."""
    item = Item(str(number), title)
    b.part(new_page=False)
    _head(b, item, f"{number}. {title}", 1)
    if number == 1 and style == "kl":
        line, item.presenters = b.ph.presenters(chair=True)
        b.add("paragraph", line, style="left")
    if kind == "minutes" and number == 1:
        text = "Dagsordenen blev godkendt." if style == "committee" else "Intet at bemærke."
        b.add("heading", "Beslutning", level=3)
        b.add("paragraph", text)

        item.decisions.append(Decision(text))
    return item


def build_items(
    b: Builder, style: Style, kind: Kind, n_items: int, body: str, sidebar: dict | None
) -> None:
    """Fill `b.doc` with `n_items` items (at least 4): first, topics, specials, last."""
    rng = b.rng
    n_items = max(4, n_items)
    items = b.doc.meeting.items
    first = "Velkommen og siden sidst" if style == "kl" else "Godkendelse af dagsorden"
    items.append(_simple_item(b, 1, first, style, kind))
    middle = list(range(2, n_items))
    special = middle[1] if len(middle) > 2 else None  # hearings / notices
    closed = middle[-2] if len(middle) > 3 else None
    memo = middle[-1] if style == "kl" and len(middle) > 4 and rng.random() < 0.7 else None
    topics = list(vocab.COUNCIL_TOPICS if style == "kl" else vocab.COMMITTEE_TOPICS)
    rng.shuffle(topics)
    for number in middle:
        if number == special:
            build = _hearings_item if style == "kl" else _notices_item
            items.append(build(b, number, kind))
            continue
        if number == closed:
            pool = vocab.CLOSED_COUNCIL_TOPICS if style == "kl" else vocab.CLOSED_COMMITTEE_TOPICS
            topic = rng.choice(pool)
        else:
            fallback = vocab.COUNCIL_TOPICS if style == "kl" else vocab.COMMITTEE_TOPICS
            topic = topics.pop() if topics else rng.choice(fallback)
        items.append(
            _topic_item(
                b,
                number,
                topic,
                number == closed,
                kind,
                style,
                body,
                sidebar if number == memo else None,
            )
        )
    items.append(_simple_item(b, n_items, "Evt." if style == "kl" else "Eventuelt", style, kind))
