"""Global -q/-v after the command too; --json summaries of `export` and `publish`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kitar.cli import common
from kitar.cli.app import app, hoist_global_flags
from tests.test_cli_danish import corpus  # noqa: F401  (the shared fixture)

runner = CliRunner()


@pytest.fixture(autouse=True)
def _reset_verbosity() -> object:
    yield
    common.verbosity.quiet = common.verbosity.verbose = False


@pytest.mark.parametrize(
    ("given", "parsed"),
    [
        (["ingest", "x", "-q"], ["-q", "ingest", "x"]),
        (["-v", "parse", "x"], ["-v", "parse", "x"]),
        (["search", "plan", "--verbose", "--db", "k.db"], ["--verbose", "search", "plan", "--db",
                                                            "k.db"]),
        (["search", "--", "-q"], ["search", "--", "-q"]),  # after `--` it is the query
        (["parse", "x", "-qv"], ["-qv", "parse", "x"]),
    ],
)  # fmt: skip
def test_global_flags_are_moved_before_the_command(given: list[str], parsed: list[str]) -> None:
    assert hoist_global_flags(given) == parsed


def test_an_options_value_is_not_taken_for_a_global_flag() -> None:
    args = ["followups", "--owner", "-v", "-q"]
    assert hoist_global_flags(args, {"--owner"}) == ["-q", "followups", "--owner", "-v"]
    result = runner.invoke(app, ["followups", "--db", "/nonexistent/k.db", "--owner", "-v"])
    assert result.exit_code == 10 and not common.verbosity.verbose  # -v was the owner


def test_quiet_after_the_command_hides_confirmations(corpus: Path, tmp_path: Path) -> None:  # noqa: F811
    out = tmp_path / "r.docx"
    result = runner.invoke(app, ["minutes", "1", "-o", str(out), "--db", str(corpus), "-q"])
    assert result.exit_code == 0 and out.exists() and result.stderr == ""
    common.verbosity.quiet = False
    result = runner.invoke(app, ["minutes", "1", "-o", str(out), "--force", "--db", str(corpus)])
    assert result.stderr.startswith("skrev ")


def test_verbose_after_the_command_shows_detail(corpus: Path) -> None:  # noqa: F811
    result = runner.invoke(app, ["search", "strategi OR plan", "--db", str(corpus), "-v"])
    assert result.exit_code == 0 and "FTS5: " in result.stderr


def test_export_json_says_what_was_written(corpus: Path, tmp_path: Path) -> None:  # noqa: F811
    out = tmp_path / "oparl"
    result = runner.invoke(app, ["export", str(out), "--db", str(corpus), "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["out"] == str(out) and summary["format"] == "oparl"
    assert summary["counts"]["Meeting"] >= 1 and summary["counts"]["AgendaItem"] > 0
    assert summary["files"] == len(list(out.rglob("*.json")))
    assert result.stderr == ""  # the text note is replaced by the JSON


def test_publish_json_says_what_was_written(corpus: Path, tmp_path: Path) -> None:  # noqa: F811
    out = tmp_path / "offentlig.db"
    result = runner.invoke(app, ["publish", str(out), "--db", str(corpus), "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["out"] == str(out) and summary["written"] is True and out.exists()
    assert summary["meetings"] == 2 and summary["units"] > 0 and summary["findings"] == []
