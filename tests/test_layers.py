"""Layers point one way: every import in kitar, module-level or inside a function, goes down.

The flow of data is file → `read/` → `text/` (reflow) → `parse/` → `store/` → outputs, with
ingest orchestration above `parse/` and `store/`. The imports follow it, with one choice:
`text/` (character normalisation, reflow, Danish dates) sits *below* the readers, because the
readers normalise characters and read dates in letterheads with it, and nothing in `text/`
needs a reader. A module may import its own layer and any layer below; never one above.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "kitar"

# Bottom to top. A module belongs to the entry with its longest dotted prefix.
LAYERS: list[tuple[str, ...]] = [
    # Shared by all: the package itself, errors, settings, the dataclasses passed between stages.
    # kitar.redact: what a public reader may see, a rule over the model that the store (each
    # unit's visibility) and every output apply. kitar.budget: the time budget per document
    # (reading and ingest both set it).
    ("kitar", "kitar.errors", "kitar.config", "kitar.model", "kitar.redact", "kitar.budget"),
    # Characters, line-end hyphens, reflow, Danish dates and deadlines: plain text in, text out.
    ("kitar.text",),
    # Typography only: pages, lines, fonts, positions, blocks (PDF, DOCX, TXT).
    ("kitar.read",),
    # All agenda knowledge: the meeting, its follow-ups, a filled-in draft read back, spaCy.
    ("kitar.parse",),
    # Stores and queries only (SQLite, search index, follow-up status).
    ("kitar.store",),
    # Orchestration: read → reflow → parse each file, worker processes, hand over to the store.
    ("kitar.ingest",),
    # Outputs: minutes drafts, follow-up lists, comparison, export, the DOCX writer.
    ("kitar.minutes",),
    # Entry points and the generator of fictitious demo documents.
    ("kitar.cli", "kitar.datasette_plugin", "kitar.demo"),
]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_module(name: str) -> bool:
    path = ROOT.joinpath(*name.split("."))
    return path.with_suffix(".py").exists() or (path / "__init__.py").exists()


def imports_of(module: str, source: str, is_package: bool = False) -> list[tuple[str, int]]:
    """Every kitar module that `source` imports, anywhere in it (functions, TYPE_CHECKING
    blocks, try/except), as (module, line)."""
    found: list[tuple[str, int]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.extend((alias.name, node.lineno) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolved against this module's package
                base = module.split(".") if is_package else module.split(".")[:-1]
                base = base[: len(base) - node.level + 1]
                target = ".".join([*base, *([node.module] if node.module else [])])
            else:
                target = node.module or ""
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                # `from kitar.parse import nlp` imports the module kitar.parse.nlp
                found.append((sub if _is_module(sub) else target, node.lineno))
    kept = [(m, line) for m, line in found if m == "kitar" or m.startswith("kitar.")]
    return sorted(set(kept), key=lambda pair: (pair[1], pair[0]))


def layer_of(module: str) -> int:
    best, rank = -1, -1
    for index, prefixes in enumerate(LAYERS):
        for prefix in prefixes:
            inside = module == prefix or (prefix != "kitar" and module.startswith(prefix + "."))
            if inside and len(prefix) > best:
                best, rank = len(prefix), index
    return rank


def import_graph() -> dict[str, list[tuple[str, int]]]:
    graph = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        name = module_name(path)
        graph[name] = imports_of(name, path.read_text(encoding="utf-8"), path.stem == "__init__")
    return graph


def against_the_flow(graph: dict[str, list[tuple[str, int]]]) -> list[str]:
    """`importer:line → imported` for every import of a higher layer."""
    return [
        f"{module}:{line} → {target}"
        for module, targets in graph.items()
        for target, line in targets
        if layer_of(target) > layer_of(module)
    ]


def cycles(graph: dict[str, list[tuple[str, int]]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    edges = {m: sorted({t for t, _ in ts if t in graph and t != m}) for m, ts in graph.items()}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in edges[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in edges:
        if node not in index:
            visit(node)
    return found


@pytest.fixture(scope="module")
def graph() -> dict[str, list[tuple[str, int]]]:
    return import_graph()


def test_every_module_has_a_layer(graph: dict[str, list[tuple[str, int]]]) -> None:
    assert [m for m in graph if layer_of(m) < 0] == []


def test_no_import_runs_against_the_flow(graph: dict[str, list[tuple[str, int]]]) -> None:
    assert against_the_flow(graph) == []


def test_no_import_cycles(graph: dict[str, list[tuple[str, int]]]) -> None:
    assert cycles(graph) == []


def test_the_checks_catch_a_hidden_upward_import() -> None:
    source = "from kitar.model import Line\n\ndef f():\n    from kitar.parse import nlp\n"
    found = imports_of("kitar.read.layout", source)
    assert ("kitar.parse.nlp", 4) in found  # function-local, `from package import module`
    assert against_the_flow({"kitar.read.layout": found}) == [
        "kitar.read.layout:4 → kitar.parse.nlp"
    ]
    relative = imports_of("kitar.store.db", "from .migrations import LATEST\n")
    assert relative == [("kitar.store.migrations", 1)]
    circle = {"kitar.store.a": [("kitar.store.b", 1)], "kitar.store.b": [("kitar.store.a", 1)]}
    assert cycles(circle) == [["kitar.store.a", "kitar.store.b"]]


def test_layer_order_is_the_documented_flow() -> None:
    order = ["kitar.model", "kitar.text.reflow", "kitar.read.pdf", "kitar.parse.meeting",
             "kitar.store.search", "kitar.ingest.batch", "kitar.minutes.draft",
             "kitar.cli.app"]  # fmt: skip
    assert [layer_of(m) for m in order] == sorted(layer_of(m) for m in order)
    assert len({layer_of(m) for m in order}) == len(order)


# Files that still read `Document.metadata` by key, waiting for their rewrite (issue 9): each
# should read `doc.date`, `doc.case_id`, `doc.doc_id` instead. Remove an entry once it does.
METADATA_READERS_PENDING: set[str] = set()


def test_parsing_reads_typed_document_fields_not_metadata_keys() -> None:
    """`Document.metadata` is for people and tools; the parser reads the typed fields."""
    readers = set()
    for path in sorted((PACKAGE / "parse").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        if any(isinstance(n, ast.Attribute) and n.attr == "metadata" for n in ast.walk(tree)):
            readers.add(str(path.relative_to(ROOT)))
    assert readers == METADATA_READERS_PENDING


# The CLI's own libraries belong to the kitar.cli package as a whole, numpy to the PDFium
# reader's array grouping (one package of three modules).
CLI_LIBRARIES = {"typer", "rich", "click"}
PACKAGE_LIBRARIES = {"numpy": "kitar.read.char_arrays"}


def _runtime_imports(tree: ast.Module) -> list[str]:
    """Top-level names of absolute imports, leaving out `if TYPE_CHECKING:` blocks."""
    skipped = {
        id(inner)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
        for inner in ast.walk(node)
    }
    names: list[str] = []
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            names.extend(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            names.append(node.module.split(".")[0])
    return names


def test_each_third_party_library_is_imported_in_one_module() -> None:
    import sys

    users: dict[str, set[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        module = module_name(path)
        for name in _runtime_imports(ast.parse(path.read_text(encoding="utf-8"))):
            if name in sys.stdlib_module_names or name in ("kitar", "__future__"):
                continue
            in_cli = name in CLI_LIBRARIES and module.startswith("kitar.cli")
            package = PACKAGE_LIBRARIES.get(name, "")
            in_package = bool(package) and module.startswith(package + ".")
            owner = "kitar.cli" if in_cli else package if in_package else module
            users.setdefault(name, set()).add(owner)
    shared = {name: sorted(owners) for name, owners in users.items() if len(owners) > 1}
    assert shared == {}
    assert users["spacy"] == {"kitar.parse.nlp"} and users["sqlite_utils"] == {"kitar.store.db"}
    assert users["numpy"] == {"kitar.read.char_arrays"}


def test_one_place_writes_a_line_role() -> None:
    """Layout passes report what they find; only kitar.read.roles.assign_roles sets Line.role."""
    writers = set()
    for path in sorted((PACKAGE / "read").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets = node.targets if isinstance(node, ast.Assign) else []
            if isinstance(node, ast.AugAssign | ast.AnnAssign):
                targets = [node.target]
            if any(isinstance(t, ast.Attribute) and t.attr == "role" for t in targets):
                writers.add(module_name(path))
    assert writers == {"kitar.read.roles"}
