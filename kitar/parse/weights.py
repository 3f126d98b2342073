"""Every weight and threshold of the item finder, in one place, each with the reason for its value.

A candidate heading's score is the sum of its evidence; the item chain is the run of consecutive
numbers with the highest total. The values are small integers on purpose: each says "how many
plain `N. Titel` lines is this clue worth", which is easy to reason about and to explain.
"""

from __future__ import annotations

# ---- the form of the heading itself ----------------------------------------------------------
FORM = {
    "numbered": 1.0,  # "12. Godkendelse af dagsorden": common, but numbered lists look the same
    "punkt": 2.0,  # "Pkt. 42 Beslutninger": the word says it is an item
    "paragraph_sign": 2.0,  # "§ 12. Budgetopfølgning": the sign says it, as the word does
    "numbered_paren": 0.5,  # "3) Meddelelser": a clause list "1) Planen godkendes" looks the same
    "numbered_dash": 0.5,  # "4 - Vejplan 2030": a range or a count may look the same
    "numbered_colon": 0.5,  # "3: Meddelelser": a count ("2: Anna Holm") may look the same
    "numbered_bracket": 0.5,  # "[3] Meddelelser": a footnote's reference looks the same
    "bare_number": -0.5,  # "1 First Agenda": a page number or a count looks the same
    "punkt_alone": 1.5,  # "Pkt. 42" then the title: the word again, title on the next line
    "number_alone": 0.5,  # "7." then the title: rare, and stray numbers exist
    "number_after_title": 1.5,  # "… vedtagelse Sag nr. 130": the label names the item number
    "number_line_after_title": 1.5,  # "Spørgetid" then "Sag nr. 129"
}

# ---- typography ---------------------------------------------------------------------------
HEADING_STYLE = 3.0  # a Word heading style or a reader heading: the author marked it
BOLD = 2.0  # bold heading in a PDF: strong, but bold lead-ins exist in body text
LARGER = 1.0  # larger than the body font
LIST_ITEM = -2.0  # a numbered list item inside text is the usual false candidate: one next to
# another numbered list item (a heading stands apart from the next, its item's text between)
PAGE_START = 1.0  # items often start a page
# ---- the text of the title ----------------------------------------------------------------
ROUTINE_TITLE = 2.0  # "Godkendelse af dagsorden", "Eventuelt": every agenda has them
SENTENCE_END = -1.0  # a title rarely ends with "." or ","
LONG_TITLE = -2.0  # over LONG_TITLE_CHARS: running text, not a heading
LONG_TITLE_CHARS = 160
QUOTED_REFERENCE = -4.0  # `Punkt 25 ”Titel” behandles efter punkt 21.`: a sentence naming an item
AFTER_COLON = -3.0  # "Initiativet består af tre elementer:" then "1. Fælles …": a list
# ---- what surrounds it --------------------------------------------------------------------
PRESENTER_NEXT = 3.0  # "v. Anna Holm, KL" right after: agenda items have presenters
CASE_ID_NEAR = 3.0  # "Sagsnr.: 2012-28504" just before or after: case systems print it
SECTION_NEXT = 1.0  # "Sagsfremstilling" right after
TITLE_REPEATED = 2.0  # "49. Godkendelse …" then "Godkendelse …" again (web templates)
IN_ITEM_LIST = 4.0  # the list of items at the top names this number and title
NOT_IN_ITEM_LIST = -3.0  # there is a list, and it does not name this number: a page number or
# a numbered paragraph ("2 Indholdsfortegnelse …" on a flattened page)
DECISION_IN_SEGMENT = 1.0  # a decision label before the next candidate
# How far ahead to look for that decision label (blocks): an item's text before its decision
# is rarely longer than this many paragraphs on the web or in print.
SEGMENT_LOOKAHEAD = 40
# A plain label (`Beslutning`, `Beslutning: Godkendt.`) counts as a line shorter than this.
DECISION_LINE_MAX_CHARS = 40
# A heading printed twice (`• Pkt. 42 Titel` then `Pkt. 42` / `Titel`) is one item when fewer
# than REPEAT_GAP blocks stand between, or up to REPEAT_GAP_SHORT_LINES lines each shorter than
# REPEAT_GAP_LINE_CHARS (an annex list, `Bilag:` and a file name a line, between the two).
REPEAT_GAP = 4
REPEAT_GAP_SHORT_LINES = 12
REPEAT_GAP_LINE_CHARS = 120
# How far ahead to look for a case number or a section heading (blocks).
LOOKAHEAD = 4

# A chain whose evidence sums to this or less is no chain: a lone "2 Indholdsfortegnelse …"
# (page number glued to text, -3.5) must not become item 2.
MIN_CHAIN_SCORE = 0.0

# A numbered annex list under `Bilag:` rarely runs longer; further back the heading is not
# this list's.
ANNEX_LIST_MAX_ENTRIES = 30

# ---- the list of items ---------------------------------------------------------------------
LIST_MIN_ENTRIES = 2  # two consecutive numbered lines is already a list
LIST_ENTRY_MAX_CHARS = 220  # a list entry is a title, maybe with a page reference
# A running header or footer left at a page break inside the list is a line at most this long.
PAGE_MARGIN_LINE_CHARS = 120
# Title similarity (0–1) above which a body heading and a list entry name the same item; the
# eval scorer uses 0.9 for the same question, list entries may lose a word to a page reference.
TITLE_MATCH = 0.8

# ---- is it a meeting at all? ---------------------------------------------------------------
# Share of items that carry case evidence (decision, recommendation, case number, presenter,
# case section) when the document has no title word and no list of items: a report's numbered
# chapters have none of these.
EVIDENCE_SHARE = 0.5
