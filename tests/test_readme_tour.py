"""The README's tour runs exactly as written on a fresh demo corpus (as `make demo` makes it).

Like sqlite-utils checking its docs against its CLI: the tour's lines are read from README.md
and run by bash, so a renamed option, file or meeting id fails here, not for a new user.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from kitar.config import PROJECT_DIR

README = PROJECT_DIR / "README.md"
# The demo as the Makefile's `demo` target makes it.
DEMO = ("--out", "corpus/demo", "--count", "6", "--seed", "7")


def tour_lines() -> list[str]:
    """The command lines of the README's `## A short tour` block, comments removed."""
    text = README.read_text(encoding="utf-8")
    block = re.search(r"^## A short tour\n.*?^```sh\n(.*?)^```", text, re.S | re.M)
    assert block, "README.md has no ```sh block under ## A short tour"
    lines = [re.sub(r"\s+#\s.*$", "", line).strip() for line in block.group(1).splitlines()]
    return [line for line in lines if line]


def test_readme_keeps_make_demo_and_make_test_first() -> None:
    head = README.read_text(encoding="utf-8").split("```", 2)[1]
    assert "make demo" in head and "make test" in head


def test_makefile_demo_ends_by_saying_how_to_run_kitar() -> None:
    recipe = (PROJECT_DIR / "Makefile").read_text(encoding="utf-8").split("\ndemo:", 1)[1]
    recipe = recipe.split("\n\n", 1)[0]
    last = recipe.strip().splitlines()[-3:]
    assert any(".venv/bin/kitar" in line and "source .venv/bin/activate" in line for line in last)


def test_tour_lines_are_found() -> None:
    lines = tour_lines()
    assert lines[0].startswith("source .venv/bin/activate")
    assert any(line.startswith("export KITAR_DB=corpus/demo/kitar.db") for line in lines)
    assert sum(line.startswith("kitar ") for line in lines) >= 15


@pytest.fixture(scope="module")
def demo_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder laid out like the project after `make demo`: corpus/demo ingested, and a
    .venv/bin with `activate` and `kitar` (this interpreter's)."""
    root = tmp_path_factory.mktemp("tour")
    bin_dir = root / ".venv" / "bin"
    bin_dir.mkdir(parents=True)
    scripts = Path(sys.executable).parent
    (bin_dir / "activate").write_text(f'export PATH="{scripts}:$PATH"\n', encoding="utf-8")
    (bin_dir / "kitar").symlink_to(scripts / "kitar")
    run = {"cwd": root, "check": True, "capture_output": True, "text": True}
    subprocess.run([sys.executable, "-m", "kitar.demo.generate", *DEMO], **run)  # type: ignore[call-overload]
    ingest = [str(bin_dir / "kitar"), "ingest", "corpus/demo", "--db", "corpus/demo/kitar.db"]
    subprocess.run([*ingest, "-j", "2"], **run)  # type: ignore[call-overload]
    return root


def test_the_tour_runs_as_written(demo_folder: Path) -> None:
    script = "\n".join(
        ["set -e", "trap 'echo \"README tour line failed: $BASH_COMMAND\" >&2' ERR", *tour_lines()]
    )
    env = {k: v for k, v in os.environ.items() if k not in ("KITAR_DB", "VIRTUAL_ENV")}
    env["COLUMNS"] = "80"
    result = subprocess.run(
        ["bash", "-c", script], cwd=demo_folder, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert not (demo_folder / "corpus" / "kitar.db").exists()  # demo kept out of the real corpus
    for name in ("referat-4.docx", "opfølgning.xlsx", "opfølgning.csv"):
        assert (demo_folder / "corpus" / "udkast" / name).stat().st_size > 0, name
    out = result.stdout
    assert "opfølgning 7 er nu udført" in out and "opfølgning 7 er nu åben" in out
    assert "ingen hits" not in out  # each search of the tour finds something
    assert "Traceback" not in result.stderr
