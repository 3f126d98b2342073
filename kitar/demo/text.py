"""Seeded Danish phrase making for the demo generator: names, dates, sentences, presenters."""

from __future__ import annotations

import random
from datetime import date, timedelta

from kitar.demo import vocab
from kitar.model import Presenter


def long_date(d: date, weekday: bool = False) -> str:
    """`29. august 2016`, or with the weekday `Mandag den 29. august 2016`."""
    text = f"{d.day}. {vocab.MONTHS[d.month - 1]} {d.year}"
    return f"{vocab.WEEKDAYS[d.weekday()]} den {text}" if weekday else text


class Phrases:
    """Fills the templates of `vocab` from one random generator, so a seed fixes everything."""

    def __init__(self, rng: random.Random, meeting_date: date) -> None:
        self.rng = rng
        self.date = meeting_date
        self.used_names: set[str] = set()
        self.used_sentences: set[str] = set()

    def name(self) -> str:
        """A fresh invented full name, sometimes with a middle name (`Ida Skov Lindholt`)."""
        rng = self.rng
        for _ in range(50):
            parts = [rng.choice(vocab.FIRST_NAMES)]
            if rng.random() < 0.3:
                parts.append(rng.choice(vocab.MIDDLE_NAMES))
            parts.append(rng.choice(vocab.SURNAMES))
            name = " ".join(parts)
            if name not in self.used_names:
                self.used_names.add(name)
                return name
        return name

    def fill(self, template: str, subject: str, org: str = "KL") -> str:
        later = self.date + timedelta(days=self.rng.randint(20, 120))
        return template.format(
            org=org,
            subject=subject,
            month=vocab.MONTHS[later.month - 1],
            year=self.date.year,
            next_year=self.date.year + 1,
        )

    def new_item(self) -> None:
        """Sentences may repeat across items but not within one."""
        self.used_sentences.clear()

    def paragraph(self, subject: str, n: int, pool: tuple[str, ...] = vocab.SENTENCES) -> str:
        org = self.rng.choice(("KL", "KOMBIT", "Digitaliseringsstyrelsen"))
        fresh = [s for s in pool if s not in self.used_sentences]
        if len(fresh) < n:
            self.used_sentences.clear()
            fresh = list(pool)
        picks = self.rng.sample(fresh, n)
        self.used_sentences.update(picks)
        return " ".join(self.fill(s, subject, org) for s in picks)

    def presenters(self, chair: bool = False) -> tuple[str, list[Presenter]]:
        """A presenter line and the people in it.

        `v. A, KL og B og C, Digitaliseringsstyrelsen`: an organisation after a group of names
        applies to the whole group; `v. A, Formand for … og B, KL` gives A a role.
        """
        rng = self.rng
        if chair:
            role = rng.choice(vocab.COUNCIL_ROLES)
            a, b = self.name(), self.name()
            return f"v. {a}, {role} og {b}, KL", [Presenter(a, None, role), Presenter(b, "KL")]
        shape = rng.randrange(4)
        if shape == 0:
            a, org = self.name(), rng.choice(vocab.PRESENTER_ORGS)
            return f"v. {a}, {org}", [Presenter(a, org)]
        if shape == 1:
            a, b, c = self.name(), self.name(), self.name()
            org = rng.choice(("Digitaliseringsstyrelsen", "KOMBIT", "STIL"))
            line = f"v. {a}, KL og {b} og {c}, {org}"
            return line, [Presenter(a, "KL"), Presenter(b, org), Presenter(c, org)]
        if shape == 2:
            a, b = self.name(), self.name()
            org = rng.choice(("KOMBIT", "KL"))
            return f"v. {a} og {b}, {org}", [Presenter(a, org), Presenter(b, org)]
        a, b = self.name(), self.name()
        return f"v. {a}, KOMBIT og {b}, KL", [Presenter(a, "KOMBIT"), Presenter(b, "KL")]

    def email(self, name: str) -> str:
        initials = "".join(p[0] for p in name.split()).upper()
        return f"{initials}{self.rng.randint(1, 9)}@kl.dk"

    def phone(self) -> str:
        return f"3371 {self.rng.randint(1000, 9999)}"

    def follow_up(self, subject: str, council: bool = True) -> str:
        """A sentence that makes an action with an owner and a deadline."""
        deadline = self.date + timedelta(days=self.rng.randint(21, 60))
        if not council:
            month = vocab.MONTHS[deadline.month - 1]
            return self.rng.choice(
                (
                    f"Forvaltningen udarbejder en evaluering af {subject} til udvalgets møde i "
                    f"{month}.",
                    f"Administrationen sender en status for {subject} til udvalget senest den "
                    f"{long_date(deadline)}.",
                )
            )
        return self.rng.choice(
            (
                f"KL sender en revideret plan for {subject} til rådets medlemmer senest den "
                f"{long_date(deadline)}.",
                f"KOMBIT forelægger en status for {subject} på næste møde.",
                f"Sekretariatet udarbejder et notat om {subject} inden {long_date(deadline)}.",
            )
        )
