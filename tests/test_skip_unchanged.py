"""``cleanup fix --skip-unchanged``: a second run cleans only what changed since the first."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from cleanup.cli import main
from cleanup.exitcodes import CLEAN, ERROR
from cleanup.io.state import STATE_NAME

DATA = Path(__file__).parent / "data" / "cli"
LEXICON = ("--no-builtin", "-l", "lexicon.tsv")
DIRTY = "The  group Isis met in Bagdad.\n"
FIXED = "The group ISIS met in Baghdad.\n"


@pytest.fixture(autouse=True)
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    shutil.copy(DATA / "lexicon.tsv", tmp_path / "lexicon.tsv")
    for name in ("a.txt", "b.txt", "sub/c.txt"):
        path = tmp_path / "docs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(DIRTY, encoding="utf-8")
    return tmp_path


def fix(*args: str) -> Result:
    result = CliRunner().invoke(main, ["fix", *LEXICON, "--skip-unchanged", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result


def closing(result: Result) -> str:
    return result.stderr.strip().splitlines()[-1]


def test_a_second_run_skips_what_the_first_wrote(work: Path) -> None:
    first = fix("docs", "-o", "out")
    assert first.exit_code == CLEAN
    assert closing(first) == (
        "3 files, 3 changed, 9 edits applied (lexicon-case 3, lexicon-variants 3, spacing 3), "
        "0 suggestions not applied; wrote 3 files"
    )
    assert (work / "out" / "sub" / "c.txt").read_text(encoding="utf-8") == FIXED
    state = json.loads((work / "out" / STATE_NAME).read_text(encoding="utf-8"))
    assert sorted(state["files"]) == ["a.txt", "b.txt", "sub/c.txt"]
    second = fix("docs", "-o", "out")
    assert second.exit_code == CLEAN
    assert closing(second) == (
        "0 files, 0 changed, 0 edits applied, 0 suggestions not applied; wrote 0 files; "
        "skipped 3 unchanged files"
    )


def test_a_changed_file_a_touched_one_and_a_lost_copy(work: Path) -> None:
    fix("docs", "-o", "out")
    (work / "docs" / "a.txt").write_text("Isis again.\n", encoding="utf-8")  # changed
    os.utime(work / "docs" / "b.txt", ns=(1, 1))  # touched: same bytes, other time
    (work / "out" / "sub" / "c.txt").unlink()  # its copy is gone
    again = fix("docs", "-o", "out")
    assert "2 files" in closing(again) and "skipped 1 unchanged file" in closing(again)
    assert (work / "out" / "a.txt").read_text(encoding="utf-8") == "ISIS again.\n"
    assert (work / "out" / "sub" / "c.txt").read_text(encoding="utf-8") == FIXED
    assert "skipped 3 unchanged files" in closing(fix("docs", "-o", "out"))


def test_other_settings_or_a_changed_lexicon_clean_everything_again(work: Path) -> None:
    fix("docs", "-o", "out")
    assert "3 files" in closing(fix("docs", "-o", "out", "--style", "digits"))
    assert "skipped 3" in closing(fix("docs", "-o", "out", "--style", "digits"))
    with (work / "lexicon.tsv").open("a", encoding="utf-8") as lexicon:
        lexicon.write("Mosul\t\t\t\n")
    assert "3 files" in closing(fix("docs", "-o", "out", "--style", "digits"))


def test_in_place_the_state_lives_at_the_root_of_the_tree(work: Path) -> None:
    assert fix("docs", "-w").exit_code == CLEAN
    assert (work / "docs" / "a.txt").read_text(encoding="utf-8") == FIXED
    assert (work / "docs" / STATE_NAME).is_file()
    assert "skipped 3 unchanged files" in closing(fix("docs", "-w"))
    assert "skipped 1 unchanged file" in closing(fix("docs/a.txt", "-w"))  # its folder's state
    assert (work / "docs" / STATE_NAME).is_file()


def test_new_review_decisions_clean_the_file_again(work: Path) -> None:
    fix("docs", "-w")
    sidecar = work / "docs" / "a.txt.cleanup.json"
    sidecar.write_text("{}", encoding="utf-8")  # decisions appeared (broken ones, here)
    again = fix("docs", "-w")
    assert again.exit_code == ERROR and "a.txt.cleanup.json" in again.stderr
    assert "skipped 2 unchanged files" in closing(again)


def test_a_file_that_failed_is_cleaned_again(work: Path) -> None:
    (work / "docs" / "bad.txt").write_bytes(b"caf\xe9\n")  # not UTF-8
    assert fix("docs", "-o", "out").exit_code == ERROR
    again = fix("docs", "-o", "out")
    assert again.exit_code == ERROR and "bad.txt" in again.stderr
    assert "skipped 3 unchanged files" in closing(again)


@pytest.mark.parametrize(
    ("args", "needle"),
    [(("docs",), "needs -w or -o"), (("-", "-o", "out"), "cannot skip stdin")],
)
def test_skip_unchanged_needs_a_written_result(args: tuple[str, ...], needle: str) -> None:
    result = fix(*args)
    assert result.exit_code == ERROR and needle in result.stderr
