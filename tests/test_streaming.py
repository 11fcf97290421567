"""``cleanup fix -w/-o`` writes each file, and records it, as soon as it is cleaned.

A run stopped after N files (Ctrl-C, or a crash) keeps those N files written and their
``--skip-unchanged`` records saved, with no half-written file; the next run cleans only
the rest. Serial and ``-j 2`` runs alike. What a killed run leaves (temporaries) is
removed by a later run; a rewritten file keeps its owner and group.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from cli_helpers import DIRTY, FIXED, LEXICON, workspace
from click.testing import CliRunner, Result

from cleanup.cli import main
from cleanup.exitcodes import CLEAN, INTERRUPTED
from cleanup.io.state import STATE_NAME
from cleanup.report import output
from cleanup.textio import STALE_AFTER_S, stale_temporaries

NAMES = ("a.txt", "b.txt", "c.txt", "d.txt", "e.txt")
JOBS = ("1", "2")
WRITE_IN_PLACE = output.write_in_place


@pytest.fixture(autouse=True)
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return workspace(tmp_path, [f"docs/{name}" for name in NAMES])


def fix(*args: str) -> Result:
    return CliRunner().invoke(main, ["fix", *LEXICON, "--skip-unchanged", "docs", *args])


def stop_after(monkeypatch: pytest.MonkeyPatch, count: int, error: BaseException) -> None:
    """The (count + 1)th write raises ``error`` before writing anything."""
    calls = []
    real = output.write_in_place

    def write(outcome: output.Outcome) -> bool:
        calls.append(outcome)
        if len(calls) > count:
            raise error
        return real(outcome)

    monkeypatch.setattr(output, "write_in_place", write)


def cleaned(work: Path) -> list[str]:
    texts = {name: (work / "docs" / name).read_text(encoding="utf-8") for name in NAMES}
    assert set(texts.values()) <= {DIRTY, FIXED}  # never half-written
    return sorted(name for name, text in texts.items() if text == FIXED)


def recorded(work: Path) -> list[str]:
    return sorted(json.loads((work / "docs" / STATE_NAME).read_text(encoding="utf-8"))["files"])


@pytest.mark.parametrize("jobs", JOBS)
def test_ctrl_c_after_two_files_keeps_them_written_and_recorded(
    work: Path, monkeypatch: pytest.MonkeyPatch, jobs: str
) -> None:
    stop_after(monkeypatch, 2, KeyboardInterrupt())
    result = fix("-w", "-j", jobs)
    assert result.exit_code == INTERRUPTED, result.output
    assert "interrupted: no file is half-written" in result.stderr
    done = cleaned(work)
    assert len(done) == 2
    assert recorded(work) == done
    assert not list(work.rglob("*.tmp"))
    monkeypatch.setattr(output, "write_in_place", WRITE_IN_PLACE)
    again = fix("-w", "-j", jobs)
    assert again.exit_code == CLEAN
    assert again.stderr.strip().endswith("wrote 3 files; skipped 2 unchanged files")
    assert cleaned(work) == list(NAMES)


@pytest.mark.parametrize("jobs", JOBS)
def test_a_crash_after_three_files_keeps_their_records(
    work: Path, monkeypatch: pytest.MonkeyPatch, jobs: str
) -> None:
    stop_after(monkeypatch, 3, RuntimeError("a bug"))
    result = fix("-w", "-j", jobs)
    assert isinstance(result.exception, RuntimeError)
    done = cleaned(work)
    assert len(done) == 3
    assert recorded(work) == done


def test_outputs_are_written_before_the_run_ends(
    work: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """-o: by the time the last file is cleaned, the others' copies are on disk."""
    seen: list[list[str]] = []
    real = output.write_copy

    def write(outcome: output.Outcome, target: Path) -> None:
        seen.append(sorted(path.name for path in (work / "out").glob("*.txt")))
        real(outcome, target)

    monkeypatch.setattr(output, "write_copy", write)
    result = fix("-o", "out")
    assert result.exit_code == CLEAN
    assert seen == [sorted(NAMES[:index]) for index in range(len(NAMES))]


def stale(folder: Path, name: str, age_s: float) -> Path:
    """A temporary as ``write_atomic`` names them, last written ``age_s`` ago."""
    path = folder / f".{name}.k2x_9ab0.tmp"
    path.write_text("half", encoding="utf-8")
    when = time.time() - age_s
    os.utime(path, (when, when))
    return path


@pytest.mark.parametrize("where", ["-w", "-o"])
def test_stale_temporaries_of_a_killed_run_are_removed(work: Path, where: str) -> None:
    folder = work / ("docs" if where == "-w" else "out")
    folder.mkdir(exist_ok=True)
    old = [stale(folder, "a.txt", STALE_AFTER_S + 60), stale(folder, "zz.txt", 86400)]
    fresh = stale(folder, "b.txt", 5)  # another process may be writing it now
    other = folder / ".notes.tmp"  # not one of ours
    other.write_text("keep", encoding="utf-8")
    os.utime(other, (0, 0))
    result = fix(*([where] if where == "-w" else ["-o", "out"]))
    assert result.exit_code == CLEAN
    assert not any(path.exists() for path in old)
    assert fresh.exists() and other.exists()


def test_a_stale_temporary_that_cannot_be_removed_is_reported(
    work: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    left = stale(work / "docs", "a.txt", STALE_AFTER_S + 60)
    real = Path.unlink

    def unlink(path: Path, missing_ok: bool = False) -> None:
        if path == left:
            raise PermissionError(13, "Permission denied")
        real(path, missing_ok)

    monkeypatch.setattr(Path, "unlink", unlink)
    result = fix("-w")
    assert result.exit_code == CLEAN
    assert f"warning: {left}: a temporary file left by an interrupted run" in result.stderr
    assert stale_temporaries(work / "docs") == [left]


@pytest.mark.skipif(os.geteuid() != 0, reason="only root may give a file to another user")
def test_write_in_place_keeps_owner_and_group(work: Path) -> None:
    path = work / "docs" / "a.txt"
    os.chown(path, 1234, 4321)
    assert fix("-w").exit_code == CLEAN
    assert path.read_text(encoding="utf-8") == FIXED
    assert (path.stat().st_uid, path.stat().st_gid) == (1234, 4321)


def test_a_hard_link_keeps_the_old_text(work: Path) -> None:
    """As README says: -w gives the path a new file; another name keeps the old one."""
    os.link(work / "docs" / "a.txt", work / "other-name.txt")
    assert fix("-w").exit_code == CLEAN
    assert (work / "docs" / "a.txt").read_text(encoding="utf-8") == FIXED
    assert (work / "other-name.txt").read_text(encoding="utf-8") == DIRTY
