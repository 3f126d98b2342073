"""Regular expressions for Danish agenda and minutes structure, each with a real example."""

from __future__ import annotations

import re

# "1. Velkommen og siden sidst", "715. Kulturkommune 2017. Politiske fokusområder", "11. Evt."
ITEM_NUMBERED = re.compile(r"^(?P<num>\d{1,4})\s*\.\s+(?P<title>\S.*)$", re.S)
# "Punkt 3: Budgetopfølgning", "Pkt. 4 - Status"
ITEM_PUNKT = re.compile(
    r"^(?:Punkt|Pkt\.?)\s*(?P<num>\d{1,4})\s*[:.\-–]?\s+(?P<title>\S.*)$", re.S | re.I
)
# "3.1 Arkitekturrapport for FLIS"
SUBITEM_DECIMAL = re.compile(r"^(?P<parent>\d{1,4})\.(?P<sub>\d{1,2})\.?\s+(?P<title>\S.*)$", re.S)
# "a. Møder og konferencer", "b) Konference den 23. januar 2012 - …"
SUBITEM_LETTER = re.compile(r"^(?P<letter>[a-h])[.)]\s+(?P<title>\S.*)$", re.S)
# Table of contents: "INDHOLDSFORTEGNELSE", "Indholdsfortegnelse"
TOC_HEADING = re.compile(r"^\s*(indholdsfortegnelse|indhold)\s*:?\s*$", re.I)
# "Kulturkommune 2017. Politiske fokusområder.........2", "Meddelelser 3"
DOT_LEADER = re.compile(r"\.{4,}|…{2,}|(?:\. ){4,}")
TRAILING_PAGE = re.compile(r"\s\d{1,3}$")
TOC_COLUMN_HEADER = re.compile(r"^Punkt nr\.?\s+Side$", re.I)

# "– LUKKET PUNKT", "(Lukket punkt)", "- Lukket"
CLOSED_MARK = re.compile(
    r"\s*(?:[-–—]\s*LUKKET(?:\s+PUNKT)?|\(\s*lukket(?:\s+punkt)?\s*\))\s*$", re.I
)
# A line of its own under the title: "Lukket punkt", "(Lukket punkt)", "LUKKET PUNKT"
CLOSED_LINE = re.compile(r"^\(?\s*lukket\s+punkt\s*\)?\.?$", re.I)
# "Lukket: Personalesag"
CLOSED_PREFIX = re.compile(r"^\s*Lukket\s*:\s*", re.I)
# A part of the agenda that is closed: "Lukket dagsorden", "Lukket referat", "Lukkede punkter"
CLOSED_PART = re.compile(r"^(lukket\s+(dagsorden|referat|møde)|lukkede\s+punkter)\s*:?$", re.I)
OPEN_PART = re.compile(r"^(åben|åbent)\s+(dagsorden|referat|møde)\s*:?$", re.I)

# "v. Anna Holm, Formand for …", "v/ Bo Lind, KL", "Ved Carl Berg, KL"
PRESENTER = re.compile(r"^(?:v\.|v/|ved)\s+(?P<rest>\S.*)$", re.S | re.I)

# Recommendation lead-ins:
# "Det indstilles, at It-Arkitekturrådet …", "Det indstilles, at:", "Det indstilles:"
# "Direktøren indstiller, at …", "Center for Ejendomme indstiller, at", "Forvaltningen indstiller"
RECOMMEND_LEAD = re.compile(
    r"^(?P<who>Det|[A-ZÆØÅ][^.:;!?]{0,80}?)"
    r"\s+(?:indstilles|indstiller|foreslår|anbefaler)"
    r"(?:\s+(?:hermed|overfor|over for|til)\s+[^,:]{1,60}?)?"
    r"\s*(?:,\s*at|:)?\s*:?\s*(?P<rest>.*)$",
    re.S,
)
# Clauses inside one recommendation paragraph: "A) …  B) …", "1) …", "At 1) …", "1. … 2. …"
CLAUSE_SPLIT = re.compile(
    r"(?:^|\s)(?:[Aa]t\s+)?(?:(?:[A-H]|\d{1,2})\)|\d{1,2}\.(?=\s+[A-ZÆØÅa-zæøå]))\s+"
)

# Decisions:
# "Beslutning:", "Beslutning", "Beslutninger"
DECISION_PLAIN = re.compile(r"^Beslutning(?:er)?(?![\wæøå])\s*:?\s*(?P<rest>.*)$", re.S)
# "Beslutning i Udvalget for plan, udvikling og kultur (PUK) den 10-04-2013"
DECISION_DATED = re.compile(
    r"^Beslutning\s+i\s+(?P<body>.+?)\s+den\s+(?P<date>\d{1,2}[-./]\d{1,2}[-./]\d{2,4}"
    r"|\d{1,2}\.\s*\w+\s+\d{4})\s*:?\s*(?P<rest>.*)$",
    re.S,
)
# "Sundheds- og Forebyggelsesudvalgets beslutning den 04.12.2012 Punkt 1"
DECISION_GENITIVE = re.compile(
    r"^(?P<body>[A-ZÆØÅ].{2,120}?)s\s+beslutning\s+den\s+(?P<date>\d{1,2}[-./]\d{1,2}[-./]\d{2,4}"
    r"|\d{1,2}\.\s*\w+\s+\d{4})(?:\s+Punkt\s+\d+)?\s*:?\s*(?P<rest>.*)$",
    re.S,
)
# "Fraværende: Ole Hansen (V)", "Følgende deltog ikke i behandlingen af punktet: …"
ABSENT_LEAD = re.compile(
    r"^(?:Fraværende|Afbud|Følgende deltog ikke i behandlingen af punktet)\s*:?\s*(?P<rest>.*)$",
    re.S | re.I,
)

# Annexes:
# "Bilag 1: Leveranceplan for initiativ 8.1 - FORTROLIGT",
# "Bilag 2: Høringssvar – samarbejdsplatformen"
ANNEX_NUMBERED = re.compile(r"^Bilag\s+(?P<num>\d{1,3})\s*[:.\-–]?\s+(?P<title>\S.*)$", re.S)
# eDoc: "2012-208960 - Hvordan udvikler vi det nære sundhedsvæsen sammen?"
ANNEX_EDOC = re.compile(r"^(?P<ref>\d{4}-\d{3,})\s+[-–]\s+(?P<title>\S.*)$", re.S)
# FirstAgenda: "1. Åben - Notat om budget.pdf", "2. Lukket - Tilbud"
ANNEX_ACCESS = re.compile(
    r"^(?P<num>\d{1,3})\.?\s+(?P<access>Åben|Lukket)\s*[-–]?\s+(?P<title>\S.*?)"
    r"(?:\s+(?P<ref>\d{3,}/\d{2}))?$",
    re.S,
)
CONFIDENTIAL_MARK = re.compile(
    r"\s*(?:[-–—]\s*|\(\s*)(?:FORTROLIGT|fortroligt|Fortroligt|LUKKET|Lukket)\s*\)?\s*$"
)

# Ids: "Sagsnr.: 2011-29298", "Sags ID: SAG-2015-05445", "Sagsnr. 12/27845", "EMN-2024-01234"
CASE_ID = re.compile(
    r"\b(?:Sagsnr|Sags\s?nr|Sags\s?ID|Sagsnummer|J\.\s?nr)\.?\s*:?\s*(?P<id>[A-ZÆØÅ]*-?[\d][\d\-/.]*\d|EMN-[\d\-]+)",
    re.I,
)
DOC_ID = re.compile(r"\b(?:Dok\.?\s?nr|Dok\.?\s?ID|Dokumentnr)\.?\s*:?\s*(?P<id>[\w\-/]*\d)", re.I)
# A label alone in its table cell: "Sagsnr.:", "Dok.nr.:"
ID_LABEL_ONLY = re.compile(
    r"^(?:Sagsnr|Sags\s?ID|Sagsnummer|Dok\.?\s?nr|Dok\.?\s?ID)\.?\s*:?$", re.I
)
EMN_ID = re.compile(r"\bEMN-\d{4}-\d+\b")

# Meeting metadata labels.
ATTENDEES_LABEL = re.compile(
    r"^(?:Tilstede|Til stede|Deltagere|Medlemmer|Mødedeltagere|Deltagende)\s*:?\s*(?P<rest>.*)$",
    re.I | re.S,
)
ABSENT_LABEL = re.compile(
    r"^(?:Afbud\s*/\s*Fraværende|Afbud|Fraværende)\s*:?\s*(?P<rest>.*)$", re.I | re.S
)
OTHER_LABEL = re.compile(
    r"^(?:Sekretær|Referent|Mødeleder|Formand|Indholdsfortegnelse|Dagsorden|Referat|"
    r"Underskriftsside|Mødested|Sted|Tidspunkt|Dato|Mødedato)\b",
    re.I,
)
LOCATION_LABEL = re.compile(r"^(?:Mødested|Sted|Lokale)\s*:\s*(?P<rest>.+)$", re.I)
