"""Personal data that must not be published: CPR numbers, and e-mail addresses and phone
numbers of private persons (a citizen named in an open item), as opposed to the work
addresses of staff and organisations that meeting documents print in their letterheads."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Kind = Literal["cpr", "email", "phone"]
REPLACEMENT: dict[Kind, str] = {
    "cpr": "[CPR-nummer]",
    "email": "[e-mail]",
    "phone": "[telefonnummer]",
}
# "010190-1234" or "0101901234": a date of birth (ddmmyy) and four digits.
_CPR = re.compile(r"(?<![\d-])(?P<d>[0-3]\d)(?P<m>[01]\d)\d{2}[- ]?\d{4}(?![\d-])")
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@(?P<domain>[\w-]+(?:\.[\w-]+)+)", re.UNICODE)
# "+45 22 33 44 55", "2233 4455", "22334455" (Danish numbers start with 2-9). A number counts
# only after +45 or a phone word ("tlf. 22 33 44 55", "kan træffes på mobil 2233 4455"): bare
# digit groups are chart axes and table columns ("20 25 30 35") far more often than phones.
_PHONE = re.compile(r"(?:\+45[ \u00a0]?)?(?<!\d)[2-9]\d(?:(?:[ \u00a0]?\d{2}){3})(?!\d)")
_PHONE_WORD = re.compile(r"(?:\+45|tlf|telefon\w*|mobil\w*|ring\w*|sms|kontakt\w*|træffes)"
                         r"[^\n\d]{0,20}$", re.I)  # fmt: skip
PHONE_CONTEXT = 30  # characters before the number searched for a phone word
# Mail services of private persons: "anne.holm@gmail.com" is a citizen, "ah@kl.dk" staff.
PRIVATE_MAIL_DOMAINS = frozenset({
    "gmail.com", "googlemail.com", "hotmail.com", "hotmail.dk", "live.dk", "live.com",
    "outlook.com", "outlook.dk", "msn.com", "yahoo.com", "yahoo.dk", "icloud.com", "me.com",
    "mail.dk", "jubii.dk", "ofir.dk", "webspeed.dk", "stofanet.dk", "get2net.dk", "post.tele.dk",
    "youmail.dk", "privat.dk", "protonmail.com", "proton.me", "gmx.com", "gmx.net",
})  # fmt: skip
# Words before a number that make it an office's: "Direkte 3370 3000", "Hovednummer 4477 2000".
_WORK_PHONE = re.compile(r"(?:direkte|dir\.|hovednr\.?|hovednummer|omstilling|fax|"
                         r"sekretariat\w*|telefontid)[\s:.]*$", re.I)  # fmt: skip
WORK_CONTEXT = 30  # characters before the number that are searched for such a word
# "2013 2014" is two years, not a phone number.
_YEARS = re.compile(r"^(?:19|20)\d\d\s(?:19|20)\d\d$")


@dataclass
class Finding:
    kind: Kind
    value: str
    where: str = ""  # e.g. "sections 12 (meeting 3, punkt 4)"


def _valid_cpr(m: re.Match[str]) -> bool:
    return 1 <= int(m.group("d")) <= 31 and 1 <= int(m.group("m")) <= 12


def find_personal(text: str) -> list[tuple[Kind, int, int]]:
    """(kind, start, end) of each piece of personal data in `text`."""
    if not text:
        return []
    spans: list[tuple[Kind, int, int]] = []
    for m in _CPR.finditer(text):
        if _valid_cpr(m):
            spans.append(("cpr", m.start(), m.end()))
    for m in _EMAIL.finditer(text):
        if m.group("domain").casefold() in PRIVATE_MAIL_DOMAINS:
            spans.append(("email", m.start(), m.end()))
    for m in _PHONE.finditer(text):
        before = text[max(0, m.start() - max(WORK_CONTEXT, PHONE_CONTEXT)) : m.start()]
        phone = m.group(0).startswith("+45") or _PHONE_WORD.search(before)
        if not phone or _YEARS.match(m.group(0)) or _WORK_PHONE.search(before):
            continue
        if any(a <= m.start() < b for _, a, b in spans):  # inside a CPR number
            continue
        spans.append(("phone", m.start(), m.end()))
    return sorted(spans, key=lambda s: s[1])


def scan(text: str) -> list[Finding]:
    return [Finding(kind, text[a:b]) for kind, a, b in find_personal(text)]


def replace_personal(text: str) -> str:
    """`text` with each piece of personal data replaced by a bracketed label."""
    out, last = [], 0
    for kind, a, b in find_personal(text):
        if a < last:
            continue
        out.append(text[last:a])
        out.append(REPLACEMENT[kind])
        last = b
    out.append(text[last:])
    return "".join(out)
