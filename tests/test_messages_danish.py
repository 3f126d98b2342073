"""Every message the library raises or warns reaches a person in Danish.

The library keeps English messages (tests, scripts and `--json` match on them, like a gettext
msgid); kitar.cli.messages renders them in Danish where the CLI prints. This test walks the
sources (ast) for the messages a person can read — KitarError raised anywhere in kitar/, warnings
and notes added to their lists, a failed file's `reason=`, the `eval --min` ValueErrors, what the
CLI's fail/warn/note/detail print — and fails for one without a Danish rendering (or with English
words left in it), so the table cannot fall behind the code.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from kitar.cli.messages import PHRASES, danish

ROOT = Path(__file__).resolve().parent.parent / "kitar"
# What a `{…}` in an f-string stands for when a message is checked: digits match every
# placeholder pattern in the table (`(\d+)`, `(\S+)`, `(.+)`).
SAMPLE = "7"
# The CLI's own one-line printers (kitar.cli.common): what they are given is read too.
PRINTERS = {"fail", "warn", "note", "detail"}
# Modules whose ValueError a person reads (the CLI shows it as a usage error: `eval --min`).
USER_VALUE_ERRORS = {"eval_set.py"}
# Words that tell the two languages apart in a short message (function words, and the words
# kitar's messages are made of); a message is Danish when it has more Danish ones.
_DANISH = """ikke ingen intet en et er og i på til af med for som kan kun findes fil filen
    filer mappen mappe punkt punkter møde side sider læse læses skrive brug angiv har denne den
    der eller men før efter gemt uden fundet kør se skrev rækker bemærk afbrudt kravet"""
_ENGLISH = """not no is a an the and of on with as can only file files folder item items
    meeting page pages read write use give has this that or but before after kept without found
    run see cannot must be failed"""  # not `for`, `to`: Danish words too
DANISH_WORDS, ENGLISH_WORDS = set(_DANISH.split()), set(_ENGLISH.split())


def _error_classes(trees: dict[Path, ast.Module]) -> set[str]:
    """KitarError and the names of its subclasses anywhere in kitar/ (by their bases)."""
    names = {"KitarError"}
    while True:
        found = {node.name for tree in trees.values() for node in ast.walk(tree)
                 if isinstance(node, ast.ClassDef) and any(
                     isinstance(b, ast.Name) and b.id in names for b in node.bases)}  # fmt: skip
        if found <= names:
            return names
        names |= found


def _constants(tree: ast.Module) -> dict[str, ast.expr]:
    """Module-level `NAME = <expr>` (messages kept in a constant, such as OCR_HINT)."""
    out: dict[str, ast.expr] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
            if isinstance(target, ast.Name):
                out[target.id] = node.value
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value:
            out[node.target.id] = node.value
    return out


def _text(node: ast.expr, constants: dict[str, ast.expr]) -> str | None:
    """The message an expression builds, placeholders as SAMPLE; None when it only passes on
    a message made elsewhere (`str(exc)`, a variable)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):  # a `{CONSTANT}` is filled in, anything else is SAMPLE
        parts = [_text(v.value if isinstance(v, ast.FormattedValue) else v, constants)
                 for v in node.values]  # fmt: skip
        return "".join(SAMPLE if p is None else p for p in parts)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _text(node.left, constants), _text(node.right, constants)
        return None if left is None or right is None else left + right
    if isinstance(node, ast.Name) and node.id in constants:
        return _text(constants[node.id], constants)
    return None


LISTS = ("warnings", "notes")  # what a person reads: warnings, notes (`eval --diff`, minutes)


def _is_warning_append(call: ast.Call) -> bool:
    """`warnings.append(…)`, `x.warnings.append(…)`, the same for `notes`."""
    func = call.func
    if not (isinstance(func, ast.Attribute) and func.attr == "append"):
        return False
    owner = func.value
    return (isinstance(owner, ast.Name) and owner.id in LISTS) or (
        isinstance(owner, ast.Attribute) and owner.attr in LISTS
    )


def _added_to_a_list(node: ast.AST) -> ast.expr | None:
    """The element of `notes += [f"…" for …]`."""
    if (isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name)
            and node.target.id in LISTS and isinstance(node.value, ast.ListComp)):  # fmt: skip
        return node.value.elt
    return None


def library_messages() -> list[tuple[str, str]]:
    """(where, message) for every KitarError raised, warning or note added and failed file's
    reason in kitar/."""
    trees = {p: ast.parse(p.read_text(encoding="utf-8")) for p in sorted(ROOT.rglob("*.py"))}
    errors = _error_classes(trees)
    found: list[tuple[str, str]] = []
    for path, tree in trees.items():
        constants = _constants(tree)
        for node in ast.walk(tree):
            added = _added_to_a_list(node)
            text = _text(added, constants) if added is not None else None
            if text is not None:
                found.append((f"{path.relative_to(ROOT.parent)}:{node.lineno}", text))
            if not isinstance(node, ast.Call):
                continue
            for kw in node.keywords:  # a failed file's reason: FileResult(…, reason="…")
                text = _text(kw.value, constants) if kw.arg == "reason" else None
                if text is not None and re.search(r"[^\W\d]", text):
                    found.append((f"{path.relative_to(ROOT.parent)}:{node.lineno}", text))
            if not node.args:
                continue
            func = node.func
            raised = isinstance(func, ast.Name) and (
                func.id in errors
                or func.id in PRINTERS
                or (func.id == "ValueError" and path.name in USER_VALUE_ERRORS)
            )
            if raised or _is_warning_append(node):
                text = _text(node.args[0], constants)
                # a message made elsewhere, passed on with its path (`f"{path}: {message}"`)
                if text is not None and re.search(r"[^\W\d]", text):
                    found.append((f"{path.relative_to(ROOT.parent)}:{node.lineno}", text))
    return found


MESSAGES = library_messages()


def test_the_walk_finds_the_library_messages() -> None:
    texts = {text for _, text in MESSAGES}
    assert len(MESSAGES) > 80  # every reader, the store, OCR, output, ingest
    assert "no agenda items found; is this a meeting document?" in {
        t.split(": ", 1)[-1] for t in texts
    }
    assert f"is {SAMPLE}, not a regular file: kitar writes only files" in texts


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W\d_]+", text.lower())


def english_words(text: str) -> list[str]:
    """English words as written in lower case (`NOT`, the search operator, is not one)."""
    return [w for w in re.findall(r"[^\W\d_]+", text) if w in ENGLISH_WORDS]


def is_danish(text: str) -> bool:
    """More Danish words than English; or no word in lower case to translate (`FTS5: …`)."""
    if not re.search(r"[a-zæøå]{2,}", text):
        return True
    return sum(w in DANISH_WORDS for w in _words(text)) > len(english_words(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [("filen findes ikke", True), ("no such file", False), ("møde 7 har intet punkt 7", True),
     ("is a directory, not a regular file: kitar writes only files", False)],
)  # fmt: skip
def test_is_danish_tells_the_languages_apart(text: str, expected: bool) -> None:
    assert is_danish(text) is expected


@pytest.mark.parametrize(("where", "message"), MESSAGES, ids=[w for w, _ in MESSAGES])
def test_every_library_message_has_a_danish_rendering(where: str, message: str) -> None:
    """Danish at the source (the CLI's own), or through the table in kitar/cli/messages.py."""
    rendered = danish(message)
    assert rendered != message or is_danish(message), f"{where}: no Danish for {message!r}"
    assert not english_words(rendered), f"{where}: English left in {rendered!r}"


def test_messages_built_outside_a_raise_have_danish_renderings() -> None:
    from kitar.read.guards import _summary

    quoted = ["Ignoring wrong pointing object 6 0 (offset 0)", "Cannot set gray color"]
    for message in (_summary(3, quoted[:1]), _summary(12, quoted, 4)):
        rendered = danish(f"x.pdf: {message}")
        assert rendered.startswith("x.pdf: PDF-biblioteket") and not english_words(rendered)


def test_os_reasons_and_kinds_of_files_are_danish_in_a_message() -> None:
    """The phrases that fill a placeholder: every one kitar uses has its Danish."""
    from kitar.errors import _OS_REASONS
    from kitar.minutes.output import _KINDS
    from kitar.read.load import _describe

    kinds = [_describe(k) for k in ("pdf", "docx", "txt", "html", None)]
    for phrase in [*_OS_REASONS.values(), *(kind for _, kind in _KINDS), *kinds]:
        assert phrase in PHRASES, phrase
    assert danish("r.docx: cannot write: no space left on the device", "r.docx") == (
        "r.docx: kan ikke skrive: ingen plads tilbage på enheden"
    )


# --- where the CLI prints them ------------------------------------------------------------------


def test_a_warning_is_printed_in_danish(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from kitar.cli.app import app

    text = tmp_path / "brev.txt"
    text.write_text("Kære borger\n\nTak for dit brev om vejene.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["parse", str(text)])
    assert result.exit_code == 0
    assert "advarsel: " in result.stderr and "er det et mødedokument?" in result.stderr
    assert "meeting document" not in result.stderr


def test_an_output_that_is_a_folder_is_refused_in_danish(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from kitar.cli.app import app

    folder = tmp_path / "referat.docx"
    folder.mkdir()
    text = tmp_path / "dagsorden.txt"
    text.write_text("Fiktiv tekst\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["minutes", str(text), "-o", str(folder)])
    assert result.exit_code == 15, result.output  # OutputError
    assert "er en mappe, ikke en almindelig fil" in result.stderr, result.stderr


def test_ingest_shows_each_warning_in_danish(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from kitar.cli.app import app

    text = tmp_path / "brev.txt"
    text.write_text("Kære borger\n\nTak for dit brev om vejene.\n", encoding="utf-8")
    db = tmp_path / "k.db"
    result = CliRunner().invoke(app, ["ingest", str(text), "--db", str(db)],
                                env={"COLUMNS": "200"})  # fmt: skip
    assert "ingen dagsordenspunkter fundet" in result.stdout, result.stdout
    assert "meeting document" not in result.stdout
    json_run = CliRunner().invoke(app, ["ingest", str(text), "--db", str(db), "--force", "--json"])
    assert "is this a meeting document?" in json_run.stdout  # JSON keeps the library's words
