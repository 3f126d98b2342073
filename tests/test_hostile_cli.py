"""Hostile use of the commands: standard output that fails, `--`, paths from stdin, folders
with symlink loops, text in other encodings, malformed answer files. One line, never a
traceback, nothing created that should not be."""

from __future__ import annotations

import codecs
import errno
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kitar.cli.app import app
from kitar.ingest.batch import collect_paths, ingest
from kitar.ingest.paths import expand_glob
from kitar.read.load import sniff
from kitar.read.txt import read_txt
from tests.test_store_fakes import fake_processor, make_meeting, write_fake

runner = CliRunner()
AGENDA = "1. Godkendelse af dagsorden\n\nØkonomiudvalget godkendte dagsordenen på mødet.\n"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    files = [write_fake(folder / f"m{n}.txt", make_meeting(variant=str(n))) for n in range(3)]
    db = folder / "kitar.db"
    ingest(files, db, processor=fake_processor)
    (folder / "dagsorden.txt").write_text(AGENDA, encoding="utf-8")
    return db


def kitar(*args: str, stdout: object = subprocess.PIPE) -> subprocess.CompletedProcess[str]:
    """The real entry point in a child process (stdout handling lives in `main`)."""
    code = "from kitar.cli.app import main; main()"
    return subprocess.run(
        [sys.executable, "-c", code, *args], stdout=stdout, stderr=subprocess.PIPE, text=True,
        timeout=120, check=False,
    )  # fmt: skip


# ---- standard output ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["search", "digitaliseringsstrategien"],
        ["search", "digitaliseringsstrategien", "--json"],
        ["followups"],
        ["followups", "-f", "csv"],
        ["parse", "dagsorden.txt"],
    ],
)
def test_full_disk_on_stdout_is_one_line_and_exit_15(corpus: Path, args: list[str]) -> None:
    if args[0] == "parse":
        args = ["parse", str(corpus.parent / args[1])]
    with open("/dev/full", "w") as full:
        done = (
            kitar(*args, "--db", str(corpus), stdout=full)
            if args[0] != "parse"
            else kitar(*args, stdout=full)
        )
    assert done.returncode == 15, done.stderr
    lines = done.stderr.strip().splitlines()
    assert lines == ["kitar: kan ikke skrive til standard output: ingen plads tilbage på enheden"]


@pytest.mark.parametrize("args", [["search", "digitaliseringsstrategien"], ["meetings"]])
def test_broken_pipe_ends_quietly(corpus: Path, args: list[str]) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-c", "from kitar.cli.app import main; main()", *args, "--db",
         str(corpus)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # the reader is gone before anything is written (`| head -0`)
    err = proc.stderr.read()
    assert proc.wait(timeout=120) == 0
    assert err == ""


# ---- options and arguments ----------------------------------------------------------------


def test_double_dash_ends_options(corpus: Path) -> None:
    result = runner.invoke(app, ["search", "--db", str(corpus), "--", "-digitaliseringsstrategien"])
    assert result.exit_code == 0, result.output
    assert "No such option" not in result.output
    assert "`--` afslutter tilvalgene" in " ".join(runner.invoke(app, ["--help"]).output.split())


def test_ingest_dash_reads_paths_from_stdin(corpus: Path, tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    a.write_text(AGENDA, encoding="utf-8")
    db = tmp_path / "new.db"
    result = runner.invoke(app, ["ingest", "-", "--db", str(db), "--json"], input=f"{a}\n\n")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["counts"]["new"] == 1


def test_ingest_without_files_creates_no_database(tmp_path: Path) -> None:
    db = tmp_path / "k.db"
    result = runner.invoke(app, ["ingest", "-", "--db", str(db)], input="")
    assert result.exit_code == 2 and "ingen stier på standard input" in result.output
    result = runner.invoke(app, ["ingest", str(tmp_path / "findes-ikke.pdf"), "--db", str(db)])
    assert result.exit_code == 1 and "filen findes ikke" in result.output
    assert not db.exists()


# ---- folders and globs with symlink loops -------------------------------------------------


@pytest.fixture()
def loop(tmp_path: Path) -> Path:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "x.txt").write_text(AGENDA, encoding="utf-8")
    (tmp_path / "top.txt").write_text(AGENDA, encoding="utf-8")
    (tmp_path / "a" / "b" / "up").symlink_to("../..")  # a loop back to the top
    (tmp_path / "a" / "b" / "again").symlink_to("../../a")
    (tmp_path / "dangling").symlink_to(tmp_path / "nowhere")
    return tmp_path


def test_glob_over_a_symlink_loop_finds_each_file_once(loop: Path) -> None:
    start = time.monotonic()
    found = expand_glob(f"{loop}/**/*.txt")
    assert found == [loop / "a" / "b" / "x.txt", loop / "top.txt"]
    files, missing = collect_paths([f"{loop}/**/*.txt", loop])
    assert sorted(files) == sorted(p.resolve() for p in found) and missing == []
    assert time.monotonic() - start < 5


def test_glob_matches_like_glob_without_loops(tmp_path: Path) -> None:
    for name in ("a/x.txt", "a/b/y.txt", "a/b/c/z.pdf", ".skjult/w.txt", "v.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    import glob

    for pattern in ("**/*.txt", "a/*.txt", "a/**/*.pdf", "*.txt", "a/?/*.txt"):
        expected = sorted(Path(p) for p in glob.glob(f"{tmp_path}/{pattern}", recursive=True))
        assert expand_glob(f"{tmp_path}/{pattern}") == expected, pattern


# ---- text encodings -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [
        ("utf-16-le", codecs.BOM_UTF16_LE),
        ("utf-16-be", codecs.BOM_UTF16_BE),
        ("utf-32-le", codecs.BOM_UTF32_LE),
        ("utf-32-be", codecs.BOM_UTF32_BE),
        ("utf-8", codecs.BOM_UTF8),
    ],
)
def test_text_with_a_byte_order_mark(tmp_path: Path, encoding: str, bom: bytes) -> None:
    path = tmp_path / "dagsorden.txt"
    data = bom + AGENDA.encode(encoding)
    path.write_bytes(data)
    assert sniff(data) == "txt"
    doc = read_txt(path)
    assert "Økonomiudvalget godkendte" in " ".join(b.text for b in doc.blocks)
    assert doc.warnings == []


def test_cp1252_text_reads_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "gammel.txt"
    path.write_bytes(AGENDA.encode("cp1252"))
    doc = read_txt(path)
    assert "Økonomiudvalget" in " ".join(b.text for b in doc.blocks)
    assert any("Windows-1252" in w for w in doc.warnings)


def test_utf16_bom_file_through_parse(tmp_path: Path) -> None:
    path = tmp_path / "unicode.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + AGENDA.encode("utf-16-le"))
    result = runner.invoke(app, ["parse", str(path), "--json"])
    assert result.exit_code == 0, result.output
    assert '"title": "Godkendelse af dagsorden"' in result.output


def test_binary_named_txt_is_refused_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "binær.txt"
    path.write_bytes(b"\x00\x01\x02\x03" * 100)
    result = runner.invoke(app, ["parse", str(path)])
    assert result.exit_code == 5 and len(result.output.strip().splitlines()) == 1


# ---- malformed answer files ---------------------------------------------------------------


@pytest.mark.parametrize(
    "content", ["[]", '{"items": "x"}', '{"items": [{"number": "1"}]}', "{", '"tekst"']
)
def test_eval_with_a_malformed_answer_file_gives_one_line(
    corpus: Path, tmp_path: Path, content: str
) -> None:
    answer = tmp_path / "forventet.json"
    answer.write_text(content, encoding="utf-8")
    result = runner.invoke(app, ["eval", str(corpus.parent / "dagsorden.txt"), str(answer)])
    assert result.exit_code == 5, result.output
    assert len(result.output.strip().splitlines()) == 1 and "Traceback" not in result.output


class _FailingStream:
    """A standard output whose writes fail with `err` (EPIPE: the reader went away)."""

    encoding = "utf-8"

    def __init__(self, err: int) -> None:
        self.err = err

    def write(self, text: str) -> int:
        raise OSError(self.err, os.strerror(self.err))

    def flush(self) -> None:
        raise OSError(self.err, os.strerror(self.err))


@pytest.mark.parametrize(
    ("err", "words"),
    [
        (errno.EACCES, "permission denied"),
        (errno.EROFS, "read-only file system"),
        (errno.ENOSPC, "no space left on the device"),
    ],
)
def test_stdout_errors_become_output_errors(err: int, words: str) -> None:
    from kitar.cli.common import GuardedStdout
    from kitar.errors import OutputError

    guarded = GuardedStdout(_FailingStream(err))
    with pytest.raises(OutputError, match=f"standard output: {words}") as info:
        guarded.write("x")
    assert info.value.exit_code == 15
    with pytest.raises(BrokenPipeError):  # not an error to report: `| head` stopped reading
        GuardedStdout(_FailingStream(errno.EPIPE)).flush()
