"""After an ingest: a meeting's folder becomes one meeting with its item extracts and annexes.

In a folder holding a meeting document with annex references (the main document), another
document of the same meeting and kind whose items are some of the main one's is an item
extract (eDoc publishes each item as its own PDF): it is folded into the meeting. Documents
without a meeting of their own (no case numbers, recommendations or decisions) and files
without a text layer are annex candidates, linked to the annex references by
kitar.parse.annex_links (or by a case system's export, `--export FILE`); a linked file's pages
become its item's `annex` search units.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from kitar.parse.annex_links import AnnexRef, Candidate, Link, assign
from kitar.store import annexes as store
from kitar.store.fts import catch_up
from kitar.store.migrations import open_corpus

# Titles of an item extract's items and the meeting's match at least this well (difflib ratio).
EXTRACT_TITLE_SIMILARITY = 0.9
NO_TEXT = "no text layer"
# An export's annex title and a Bilag entry this similar are one annex ("Forslag til
# takstreduktion aflastningstilbuddet Torvevej 2013" / "Forslag til taksreduktioner
# aflastningstilbuddet Torvevej": 0.89); below, the export's file is a further annex of the item.
EXPORT_TITLE_SIMILARITY = 0.6


@dataclass
class FolderResult:
    folder: str
    meeting_id: int
    extracts: dict[str, int] = field(default_factory=dict)  # path → meeting id folded into
    links: list[Link] = field(default_factory=list)
    unlinked_refs: list[str] = field(default_factory=list)
    unplaced: list[str] = field(default_factory=list)  # files without a text layer, no link


def _label(number: Any, parent: Any) -> str:
    """`4`; a sub-item `1.b` (as stored, or `b` under `1`)."""
    number = str(number or "")
    if parent and number and not number.startswith(f"{parent}."):
        return f"{parent}.{number}"
    return number or str(parent or "")


def _is_extract(conn: Any, doc: store.StoredDoc, main: store.StoredDoc) -> bool:
    if doc.meeting_id is None or doc.meeting_key != main.meeting_key or not doc.items:
        return False
    kinds = conn.execute(
        "SELECT kind FROM meetings WHERE id IN (?, ?)", (doc.meeting_id, main.meeting_id)
    ).fetchall()
    if len({k[0] for k in kinds}) > 1:
        return False  # the agenda of a meeting is no extract of its minutes
    mine = store.top_items(conn, doc.meeting_id)
    whole = store.top_items(conn, main.meeting_id or 0)
    if not mine or len(mine) >= len(whole):
        return False
    return all(
        any(
            n == m
            and SequenceMatcher(None, t.casefold(), u.casefold()).ratio()
            >= EXTRACT_TITLE_SIMILARITY
            for m, u in whole
        )
        for n, t in mine
    )


def _export_links(
    exported: list[Any], refs: list[AnnexRef], items: dict[str, int], candidates: list[Candidate]
) -> list[Link]:
    """The export's assignments: file name → item number (+ title → which of its annexes; an
    item whose Bilag list the parser did not find gets a new annex)."""
    by_name = {Path(c.path).name.casefold(): c for c in candidates}
    links: list[Link] = []
    taken: set[int] = set()

    def similar(ref: AnnexRef, title: str) -> float:
        return SequenceMatcher(None, ref.title.casefold(), title.casefold()).ratio()

    for entry in exported:
        cand = by_name.get(entry.file_name.casefold())
        if cand is None or entry.item_number not in items:
            continue
        mine = [
            r
            for r in refs
            if r.item_label.split(".")[0] == entry.item_number and id(r) not in taken
        ]
        best = max(mine, key=lambda r: similar(r, entry.title), default=None)
        if best is not None and similar(best, entry.title) >= EXPORT_TITLE_SIMILARITY:
            taken.add(id(best))
            links.append(Link(best, cand, "eksport", 1.0))
        else:
            new = AnnexRef(None, items[entry.item_number], entry.item_number, None, "", None)
            links.append(Link(new, cand, "eksport", 1.0, entry.title))
    return links


def link_folder(
    conn: Any, paths: list[str], unreadable: list[str], exported: list[Any] | None = None
) -> FolderResult | None:
    """Fold extracts and link annexes among the documents stored under `paths` (one folder);
    `unreadable` are files of the folder without a text layer. None: not one meeting's folder
    (no meeting with annex references, or several)."""
    docs = store.folder_documents(conn, paths)
    mains = [d for d in docs if d.annex_refs and d.role is None and d.meeting_id]
    if not mains:
        return None
    main = max(mains, key=lambda d: (d.items, d.annex_refs))
    assert main.meeting_id is not None
    if any(d.meeting_key != main.meeting_key for d in mains):
        return None  # several meetings' documents: which file is whose annex is not the folder's
    result = FolderResult(str(Path(main.path).parent), main.meeting_id)
    candidates: list[Candidate] = []
    for doc in docs:
        if doc.id == main.id:
            continue
        if doc.role == "item-extract" or _is_extract(conn, doc, main):
            if doc.role != "item-extract":
                store.fold_extract(conn, doc.id, main.meeting_id)
            result.extracts[doc.path] = main.meeting_id
        elif doc.role == "annex" or not doc.evidence:
            candidates.append(Candidate(doc.path, doc.id, doc.first_page, doc.case_id, doc.doc_id))
    for path in unreadable:
        candidates.append(Candidate(path, None))
    refs = [
        AnnexRef(
            r["id"],
            r["item_id"],
            _label(r["number"], r["parent_number"]),
            r["case_id"] or r["parent_case"],
            r["title"] or "",
            r["ref"],
        )
        for r in store.annex_refs(conn, main.meeting_id)
    ]
    items = store.meeting_items(conn, main.meeting_id)
    with_refs = {r.item_id for r in refs}
    # items without a Bilag list still take a file whose letterhead names their case number
    refs_for_case = refs + [
        AnnexRef(None, r["id"], _label(r["number"], r["parent_number"]), r["case_id"], "", None)
        for r in items
        if r["id"] not in with_refs and r["case_id"]
    ]
    top = {str(r["number"]): r["id"] for r in items if r["parent_number"] is None and r["number"]}
    links = _export_links(exported or [], refs, top, candidates)
    done = {id(k.candidate) for k in links}
    used = {k.ref.annex_id for k in links if k.ref.annex_id is not None}
    rest = [c for c in candidates if id(c) not in done]
    open_refs = [r for r in refs_for_case if r.annex_id is None or r.annex_id not in used]
    links += [k for k in assign(open_refs, rest) if k.ref.annex_id is not None or k.title]
    for link in links:
        cand = link.candidate
        doc_id = cand.document_id
        if doc_id is None:
            doc_id = store.register_file(conn, Path(cand.path), NO_TEXT)
        store.attach_annex(
            conn, doc_id, main.meeting_id, link.ref.item_id, link.ref.annex_id, link.method,
            link.confidence, link.title,
        )  # fmt: skip
    result.links = links
    done_paths = {k.candidate.path for k in links}
    for path in unreadable:  # a file of the meeting's folder, just not one we can place
        if path not in done_paths:
            store.keep_unplaced(
                conn, store.register_file(conn, Path(path), NO_TEXT), main.meeting_id
            )
            result.unplaced.append(path)
    linked = {k.ref.annex_id for k in links}
    result.unlinked_refs = [r.title for r in refs if r.annex_id not in linked]
    catch_up(conn)
    return result


def link_folders(
    db_path: str | Path, files: list[Any], export: str | Path | None = None
) -> list[FolderResult]:
    """Link every folder of an ingest's files (FileResults); updates their status and
    warnings: an extract or annex says where it went, a linked file without a text layer is
    no longer a failure."""
    exported = None
    if export is not None:
        from kitar.parse.case_export import read_case_export

        exported = read_case_export(export)
    folders: dict[Path, list[Any]] = defaultdict(list)
    for f in files:
        folders[Path(f.path).parent].append(f)
    results = []
    conn = open_corpus(db_path, readonly=False)
    try:
        for group in folders.values():
            stored = [f.path for f in group if f.status != "failed"]
            unreadable = [
                f.path for f in group if f.status == "failed" and NO_TEXT in (f.reason or "")
            ]
            if len(stored) + len(unreadable) < 2:
                continue
            res = link_folder(conn, stored, unreadable, exported)
            if res is None:
                continue
            results.append(res)
            _report(group, res)
    finally:
        conn.close()
    return results


def _report(group: list[Any], res: FolderResult) -> None:
    by_path = {f.path: f for f in group}
    for path in res.unplaced:
        f = by_path[path]
        f.status, f.reason = "new", None
        f.warnings.append(
            f"{NO_TEXT}: kept with meeting {res.meeting_id}, linked to no item (nothing to go "
            "by; --export gives the case system's link)"
        )
    for path, meeting_id in res.extracts.items():
        if path in by_path:
            by_path[path].warnings.append(f"item extract: part of meeting {meeting_id}")
    for link in res.links:
        f = by_path.get(link.candidate.path)
        if f is None:
            continue
        label, how = link.ref.item_label, f"{link.method}, {link.confidence:.2f}"
        if f.status == "failed":
            f.status, f.reason = "new", None
            f.warnings.append(
                f"{NO_TEXT}: linked as annex of item {label} ({how}); not searchable until OCR'd"
            )
        else:
            f.warnings.append(f"linked as annex of item {label} ({how})")
