"""Bad inputs among good ones: each is reported (exit 2) and the others are still cleaned.

The class: a path that cannot be cleaned (missing, a dangling or looping link, an
unreadable folder, a binary file) must never stop, or silently shrink, the run.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from cli_helpers import DIRTY, FIXED, LEXICON, one_line_error, workspace
from click.testing import CliRunner, Result

from cleanup.cli import main
from cleanup.exitcodes import ERROR
from cleanup.io.discovery import collect
from cleanup.lexicon import files
from cleanup.lexicon.model import LexiconError
from cleanup.settings import resolve
from cleanup.textio import InputError, read_path


@pytest.fixture(autouse=True)
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return workspace(tmp_path, ("good.txt", "docs/a.txt", "docs/locked/b.txt", "docs/z/c.txt"))


def fix(*args: str) -> Result:
    result = CliRunner().invoke(main, ["fix", *LEXICON, *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


def text(path: str) -> str:
    return Path(path).read_text(encoding="utf-8")


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_missing_file_is_reported_and_the_others_are_cleaned(jobs: str) -> None:
    result = fix("nope.txt", "good.txt", "-w", "-j", jobs)
    assert result.exit_code == ERROR
    assert "error: nope.txt: no such file or directory; check the path" in result.stderr
    assert text("good.txt") == FIXED
    assert "2 files, 1 changed" in result.stderr and "1 with errors; wrote 1 file" in result.stderr


def test_a_dangling_link_says_where_it_points_and_the_folder_is_still_copied() -> None:
    os.symlink("gone.txt", "link.txt")
    result = fix("link.txt", "docs", "-o", "out")
    assert result.exit_code == ERROR
    assert "error: link.txt: a symbolic link to gone.txt, which does not exist" in result.stderr
    assert text("out/a.txt") == FIXED and text("out/z/c.txt") == FIXED


def test_only_missing_files_is_one_line_per_file() -> None:
    result = fix("nope.txt")
    one_line_error(result, "nope.txt: no such file or directory")


@pytest.fixture
def locked(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """docs/locked cannot be listed (as with mode 000 for a user other than root)."""
    real = os.scandir

    def scandir(path: str) -> object:
        if os.path.basename(os.fspath(path)) == "locked":
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    yield


@pytest.mark.usefixtures("locked")
def test_an_unreadable_subfolder_is_reported_and_the_rest_cleaned() -> None:
    result = fix("docs", "-w")
    assert result.exit_code == ERROR
    locked = Path("docs", "locked")
    assert f"error: {locked}: cannot read this folder (Permission denied)" in result.stderr
    assert text("docs/a.txt") == FIXED and text("docs/z/c.txt") == FIXED
    assert text("docs/locked/b.txt") == DIRTY


@pytest.mark.usefixtures("locked")
def test_an_unreadable_folder_argument_is_reported_beside_a_good_file() -> None:
    result = fix("docs/locked", "good.txt", "-o", "out")
    assert result.exit_code == ERROR
    assert "docs/locked: cannot read this folder (Permission denied)" in result.stderr
    assert text("out/good.txt") == FIXED


@pytest.mark.usefixtures("locked")
def test_commands_that_need_every_file_stop_at_an_unreadable_folder() -> None:
    with pytest.raises(InputError, match="cannot read this folder"):
        collect(["docs"])


def test_a_looping_link_is_named_as_one() -> None:
    os.symlink("loop.txt", "loop.txt")
    one_line_error(fix("loop.txt"), "loop.txt: a symbolic link that loops")


@pytest.mark.parametrize("where", [["-w"], ["-o", "docs/out"], ["-o", "out", "-j", "2"]])
def test_a_loop_of_two_links_in_a_folder_is_reported_and_the_rest_cleaned(
    where: list[str],
) -> None:
    os.symlink("y.txt", "docs/x.txt")
    os.symlink("x.txt", "docs/y.txt")
    result = fix("docs", *where)
    assert result.exit_code == ERROR
    assert f"error: {Path('docs', 'x.txt')}: a symbolic link that loops" in result.stderr
    assert f"error: {Path('docs', 'y.txt')}: a symbolic link that loops" in result.stderr
    assert text("docs/a.txt" if where == ["-w"] else f"{where[1]}/a.txt") == FIXED


def test_a_dangling_link_in_a_folder_is_reported_and_the_rest_cleaned() -> None:
    os.symlink("nowhere.txt", "docs/dangling.txt")
    result = fix("docs", "-w")
    assert result.exit_code == ERROR
    assert f"error: {Path('docs', 'dangling.txt')}: a symbolic link to nowhere.txt" in (
        result.stderr
    )
    assert text("docs/a.txt") == FIXED


@pytest.mark.parametrize("where", [8192, 20000, 100_000])
def test_a_nul_byte_anywhere_is_caught(work: Path, where: int) -> None:
    line = b"plain words\n"
    data = bytearray(line * (where // len(line) + 1))
    data[where] = 0
    (work / "late.txt").write_bytes(bytes(data))
    with pytest.raises(InputError, match=r"^late\.txt: looks like a binary file .*on line \d+"):
        read_path(work / "late.txt", "late.txt")
    result = fix("late.txt", "good.txt", "-w")
    assert result.exit_code == ERROR
    assert (work / "late.txt").read_bytes() == bytes(data)  # never written back
    assert text("good.txt") == FIXED


def test_a_nul_in_the_last_byte_of_stdin_is_caught() -> None:
    result = CliRunner().invoke(main, ["fix", *LEXICON, "-"], input=DIRTY.encode() * 2000 + b"\0")
    one_line_error(result, "<stdin>: looks like a binary file")


CONFIGS = [
    ("cleanup.toml", b'preset = "clean"\n# caf\xe9\n', "not valid UTF-8 (line 2, byte 22)"),
    ("pyproject.toml", b"[tool.cleanup]\n# caf\xe9\n", "not valid UTF-8 (line 2, byte 20)"),
    ("cleanup.toml", '\ufeffpreset = "clean"\n'.encode("utf-16"), "UTF-16 text; convert it"),
    ("pyproject.toml", b'[tool.cleanup]\nstyle = "d\xefgits"\n', "not valid UTF-8 (line 2"),
]


@pytest.mark.parametrize(("name", "data", "said"), CONFIGS)
@pytest.mark.parametrize("command", [["fix", "good.txt"], ["config"], ["review", "good.txt"]])
def test_a_config_file_not_in_utf8_is_a_one_line_error(
    work: Path, name: str, data: bytes, said: str, command: list[str]
) -> None:
    (work / name).write_bytes(data)
    result = CliRunner().invoke(main, command)
    assert not isinstance(result.exception, UnicodeError)
    one_line_error(result, name, said, "iconv")


def test_a_config_file_with_a_byte_order_mark_is_read(work: Path) -> None:
    (work / "cleanup.toml").write_bytes(b'\xef\xbb\xbfpreset = "clean"\n')
    settings = resolve({}, cwd=work)
    assert settings.preset == "clean"
    assert settings.source("preset") == str(work / "cleanup.toml")


@pytest.mark.parametrize("command", [["fix", "--no-builtin", "-l", "huge.tsv", "good.txt"]])
def test_a_lexicon_too_big_to_load_is_refused_with_advice(
    work: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    monkeypatch.setattr(files, "MAX_LINES", 1000)
    (work / "huge.tsv").write_text("".join(f"Term{n:05d}\n" for n in range(1500)), "utf-8")
    one_line_error(CliRunner().invoke(main, command), "huge.tsv", "1,500 lines", "split it")
    with pytest.raises(LexiconError, match="more than the 1,000"):
        files.load(work / "huge.tsv")
    (work / "fits.tsv").write_text("".join(f"Term{n:05d}\n" for n in range(900)), "utf-8")
    assert len(files.load(work / "fits.tsv").entries) == 900
