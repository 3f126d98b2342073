"""The one output writer: atomic, umask mode, only regular files, links never written through,
and every write failure as one line with exit code 15, in every format.

CI runs as root, which ignores permission bits: the OS errors (EACCES, EROFS, ENOSPC) are
raised by mocks inside the writer, the one place every command writes through.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kitar.cli.app import app
from kitar.errors import OutputError, OutputExists
from kitar.ingest.batch import ingest
from kitar.minutes import output
from kitar.minutes.output import check_target, write_output
from kitar.model import Document, Meeting
from tests.minutes_fixtures import fictional_agenda, fictional_minutes

runner = CliRunner()
FORMATS = ("docx", "csv", "xlsx", "json", "md")


def _leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]


# ---- the writer itself ------------------------------------------------------------------


def test_new_file_gets_the_umask_mode_and_no_temp_file_is_left(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        path = write_output(tmp_path / "ud" / "a.csv", "a;b\n")
    finally:
        os.umask(old)
    assert path.read_text() == "a;b\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert _leftovers(path.parent) == []


def test_existing_file_kept_without_force_replaced_with_it(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("gammel")
    with pytest.raises(OutputExists):
        write_output(path, "ny")
    assert path.read_text() == "gammel"
    write_output(path, b"ny", force=True)
    assert path.read_text() == "ny" and _leftovers(tmp_path) == []


def test_dangling_link_refused_without_force_and_never_followed(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere.csv"
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    with pytest.raises(OutputExists, match="symbolic link"):
        write_output(link, "x")
    assert not target.exists() and link.is_symlink()
    write_output(link, "x", force=True)
    assert not link.is_symlink() and link.read_text() == "x"
    assert not target.exists()  # the link was replaced, not written through


def test_link_to_a_file_replaced_with_force_the_file_untouched(tmp_path: Path) -> None:
    target = tmp_path / "precious.json"
    target.write_text("{}")
    link = tmp_path / "out.json"
    link.symlink_to(target)
    write_output(link, "[1]", force=True)
    assert target.read_text() == "{}" and link.read_text() == "[1]" and not link.is_symlink()


@pytest.mark.parametrize("force", [False, True])
def test_directory_device_and_fifo_are_refused_whatever_force_says(
    tmp_path: Path, force: bool
) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    folder = tmp_path / "mappe"
    folder.mkdir()
    for target, kind in ((folder, "a directory"), (Path("/dev/null"), "a character device"),
                         (fifo, "a fifo")):  # fmt: skip
        with pytest.raises(OutputError, match=kind) as info:
            write_output(target, "x", force=force)
        assert info.value.exit_code == 15
    assert folder.is_dir() and stat.S_ISFIFO(fifo.lstat().st_mode)
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_device_node_made_here_is_not_replaced(tmp_path: Path) -> None:
    node = tmp_path / "full"
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 7))
    except PermissionError:
        pytest.skip("cannot make a device node here")
    with pytest.raises(OutputError, match="character device"):
        check_target(node, force=True)
    assert stat.S_ISCHR(node.lstat().st_mode)


@pytest.mark.parametrize(
    ("err", "words"),
    [
        (errno.EACCES, "permission denied"),
        (errno.EROFS, "read-only file system"),
        (errno.ENOSPC, "no space left on the device"),
    ],
)
def test_os_errors_become_one_output_error_and_the_old_file_stays(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, err: int, words: str
) -> None:
    path = tmp_path / "a.csv"
    path.write_text("gammel")
    place = "_write_all" if err == errno.ENOSPC else "_publish"

    def boom(*args: object) -> None:
        raise OSError(err, os.strerror(err))

    monkeypatch.setattr(output, place, boom)
    with pytest.raises(OutputError, match=words):
        write_output(path, "ny", force=True)
    assert path.read_text() == "gammel" and _leftovers(tmp_path) == []


def test_temp_file_refused_by_the_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(**kwargs: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(output.tempfile, "mkstemp", refuse)
    with pytest.raises(OutputError, match="permission denied"):
        write_output(tmp_path / "new.docx", b"x")


# ---- every format, through the commands -------------------------------------------------


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("writer-corpus")
    meetings = {"dagsorden.txt": fictional_agenda(), "referat.txt": fictional_minutes()}

    def processor(path: str) -> tuple[Document, Meeting]:
        doc = Document(path=path, format="txt", pages=1, page_texts=["fiktiv side"])
        return doc, meetings[Path(path).name]

    files = []
    for name in meetings:
        (folder / name).write_text(f"fiktivt dokument {name}\n", encoding="utf-8")
        files.append(folder / name)
    db = folder / "kitar.db"
    ingest(files, db, processor=processor)
    return db


def _write(corpus: Path, fmt: str, out: Path, *extra: str) -> tuple[int, str]:
    if fmt == "docx":
        args = ["minutes", "1", "-o", str(out), "--db", str(corpus), *extra]
    else:
        args = ["followups", "-f", fmt, "-o", str(out), "--db", str(corpus), *extra]
    result = runner.invoke(app, args)
    assert "Traceback" not in result.output
    return result.exit_code, result.output


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_treats_links_alike(corpus: Path, tmp_path: Path, fmt: str) -> None:
    target = tmp_path / f"target.{fmt}"
    link = tmp_path / f"link.{fmt}"
    link.symlink_to(target)
    code, text = _write(corpus, fmt, link)
    assert code == 12 and "symbolsk link" in text
    assert not target.exists()
    code, text = _write(corpus, fmt, link, "--force")
    assert code == 0, text
    assert not target.exists() and link.is_file() and not link.is_symlink()


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_refuses_a_directory_and_a_device(
    corpus: Path, tmp_path: Path, fmt: str
) -> None:
    for target in (tmp_path, Path("/dev/full")):
        code, text = _write(corpus, fmt, target, "--force")
        assert code == 15, text
        assert "ikke en almindelig fil" in text and len(text.strip().splitlines()) == 1


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("err", [errno.EACCES, errno.EROFS, errno.ENOSPC])
def test_every_format_reports_write_failures_in_one_line(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str, err: int
) -> None:
    def boom(*args: object) -> None:
        raise OSError(err, os.strerror(err))

    monkeypatch.setattr(output, "_write_all" if err == errno.ENOSPC else "_publish", boom)
    code, text = _write(corpus, fmt, tmp_path / f"ud.{fmt}")
    assert code == 15, text
    assert text.startswith("kitar: ") and "kan ikke skrive" in text
    assert len(text.strip().splitlines()) == 1
    assert list(tmp_path.iterdir()) == []


# ---- the corpus copies: publish (a database) and the OParl export (a folder of files) -------


def test_publish_treats_links_and_devices_like_every_output(corpus: Path, tmp_path: Path) -> None:
    target = tmp_path / "elsewhere.db"
    link = tmp_path / "offentlig.db"
    link.symlink_to(target)
    args = ["publish", str(link), "--redact-personal", "--db", str(corpus)]
    result = runner.invoke(app, args)
    assert result.exit_code == 12 and "symbolsk link" in result.output
    result = runner.invoke(app, [*args, "--force"])
    assert result.exit_code == 0, result.output
    assert not target.exists() and link.is_file() and not link.is_symlink()
    result = runner.invoke(app, ["publish", "/dev/null", "--force", "--db", str(corpus)])
    assert result.exit_code == 15 and "tegnenhed" in result.output
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_oparl_export_never_writes_through_a_link(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "oparl"
    assert runner.invoke(app, ["export", str(out), "--db", str(corpus)]).exit_code == 0
    victim = tmp_path / "victim.json"
    victim.write_text("uændret")
    system = out / "system.json"
    system.unlink()
    system.symlink_to(victim)
    result = runner.invoke(app, ["export", str(out), "--force", "--db", str(corpus)])
    assert result.exit_code == 0, result.output
    assert victim.read_text() == "uændret" and not system.is_symlink()
