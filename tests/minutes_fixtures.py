"""A fictitious meeting for the minutes, follow-up and compare tests (no real people)."""

from __future__ import annotations

from kitar.model import (
    Annex,
    Decision,
    Item,
    Meeting,
    MeetingInfo,
    Presenter,
    Section,
    SourceInfo,
)

CLOSED_BODY = "Forhandlingsoplæg om lejekontrakten for Solsikkevej 9"
SECRET_ANNEX = "Fortroligt tilbud fra Byggefirmaet Nordlys"


def fictional_agenda() -> Meeting:
    """An agenda of the fictitious `Udvalget for Digital Udvikling` on 12 March 2024."""
    return Meeting(
        source=SourceInfo(path="fiktiv-dagsorden.pdf", sha256="0" * 64, format="pdf", pages=4),
        meeting=MeetingInfo(
            kind="agenda",
            body="Udvalget for Digital Udvikling",
            date="2024-03-12",
            time="14:00",
            location="Mødelokale 2, Rådhuset i Fiktivby",
            attendees=["Anna Testesen (formand)", "Bo Eksempel"],
            absent=[],
        ),
        items=[
            Item(
                number="1",
                title="Meddelelser",
                presenters=[Presenter("Anna Testesen", role="formand")],
                recommendations=["Orienteringen tages til efterretning"],
            ),
            Item(
                number="2",
                title="Ny strategi for selvbetjening",
                case_id="24/0042",
                presenters=[Presenter("Carl Prøvesen", organisation="KL")],
                recommendations=[
                    "Udvalget godkender strategien",
                    "Administrationen forelægger en handleplan ultimo maj 2024",
                ],
                annexes=[
                    Annex(1, "Strategi for selvbetjening 2024-2027"),
                    Annex(2, SECRET_ANNEX, confidential=True),
                ],
                sections=[
                    Section(
                        "Sagsfremstilling",
                        "KL har udsendt en vejledning. Strategien bygger bl.a. på den.",
                    ),
                    Section("Videre proces", "KOMBIT sender en tidsplan i uge 20."),
                ],
            ),
            Item(
                number="3",
                title="Høringssager",
                subitems=[
                    Item(
                        number=None,
                        title="Høringssvar om digital post",
                        recommendations=["Udvalget godkender høringssvaret"],
                    ),
                    Item(
                        number=None,
                        title="Høringssvar om adgangsstyring",
                        recommendations=["Udvalget drøfter udkastet"],
                    ),
                ],
            ),
            Item(
                number="4",
                title="Lejemål til borgerservice",
                closed=True,
                recommendations=[CLOSED_BODY + " godkendes"],
                annexes=[Annex(1, "Lejekontrakt, udkast", confidential=True)],
            ),
            Item(number="5", title="Eventuelt"),
        ],
    )


def fictional_minutes() -> Meeting:
    """The same meeting's minutes: decisions that approve, amend, postpone and reject."""
    m = fictional_agenda()
    m.meeting.kind = "minutes"
    decide = {
        "1": "Taget til efterretning.",
        "2": "Godkendt med den bemærkning, at handleplanen også skal omfatte skoleområdet.",
        "4": "Udsat til næste møde.",
        "5": "Ingen bemærkninger.",
    }
    for item in m.items:
        if item.number in decide:
            item.decisions = [
                Decision(decide[item.number], body=m.meeting.body, date=m.meeting.date)
            ]
    m.items[2].subitems[0].decisions = [Decision("Godkendt.")]
    m.items[2].subitems[1].decisions = [Decision("Ikke godkendt. Udkastet omarbejdes.")]
    return m
