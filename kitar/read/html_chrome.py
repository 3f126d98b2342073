"""What of a saved web page is site chrome rather than meeting text.

Left out: scripts, styles, forms and buttons; navigation, cookie and consent banners, skip
links and share bars; outside `<main>` (when the page has one) everything; and toggle labels
such as "fold ud" / "fold dette punkt ind". Collapsed content (`hidden`, `display:none`) is
kept: a folded section is still part of the minutes. kitar.read.html_blocks asks these rules
while it walks the page.
"""

from __future__ import annotations

import re
from typing import Any

# Elements that never carry meeting text.
_SKIP_TAGS = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "iframe",
        "button",
        "input",
        "select",
        "textarea",
        "option",
        "object",
        "embed",
        "canvas",
        "map",
        "head",
        "link",
        "meta",
        "form",
        "dialog",
    }
)
# Page chrome by ARIA role: `<div role="navigation">`, `<div role="banner">`.
_CHROME_ROLES = frozenset({"navigation", "banner", "contentinfo", "search", "menubar", "menu"})
# Chrome anywhere, by class or id: `cookie-banner`, `CybotCookiebotDialog`, `consent-modal`,
# `skip-link`, `share-bar`, `breadcrumb`, `sr-only` (screen-reader labels like "Åbn punkt").
_CHROME_ANYWHERE_RE = re.compile(
    r"cookie|consent|gdpr|(?:^|[-_\s])(?:skip(?:-?link)?|share|social|breadcrumbs?|sr-only|"
    r"visually-hidden|screen-reader-text|print-only)(?:$|[-_\s])",
    re.I,
)
# Chrome outside the page's main content only (a page without `<main>`): `site-nav`, `menu`.
_CHROME_OUTSIDE_MAIN_RE = re.compile(
    r"(?:^|[-_\s])(?:nav|navbar|navigation|menu|mainmenu|megamenu|header|footer|sidebar)"
    r"(?:$|[-_\s])",
    re.I,
)
_PAGE_CHROME_TAGS = frozenset({"nav", "header", "footer", "aside"})
# Toggle labels of collapsible sections, as whole element texts or before a summary's title:
# "fold ud", "Fold dette punkt ind", "Luk alle punkter", "Vis mere".
TOGGLE_RE = re.compile(
    r"^(?:fold\s+(?:dette\s+punkt\s+|alle(?:\s+punkter)?\s+)?(?:ud|ind)|"
    r"(?:luk|åbn|udvid)\s+alle(?:\s+punkter)?|vis\s+(?:mere|mindre|alt)|læs\s+mere|"
    r"skjul|til\s+toppen)\b[\s:.–-]*",
    re.I,
)


def _classes(el: Any) -> str:
    return f"{el.get('class') or ''} {el.get('id') or ''}".strip()


def is_chrome(el: Any, has_main: bool, in_content: bool) -> bool:
    """Site chrome, not content; `in_content`: inside an `<article>`."""
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag in _SKIP_TAGS:
        return True
    role = (el.get("role") or "").lower()
    names = _classes(el)
    if _CHROME_ANYWHERE_RE.search(names) or role == "alertdialog":
        return True
    if has_main or in_content:
        return False  # inside <main> or an <article>, headers and menus are the page's own
    if tag in _PAGE_CHROME_TAGS or role in _CHROME_ROLES:
        return True
    return bool(names and _CHROME_OUTSIDE_MAIN_RE.search(names))


def content_root(root: Any) -> tuple[Any, bool]:
    """`<main>` (or role=main) when the page marks its content, else the body."""
    mains = root.xpath("//main | //*[@role='main']")
    if mains:
        return max(mains, key=lambda m: len(m.text_content())), True
    body = root.find("body")
    return (body if body is not None else root), False
