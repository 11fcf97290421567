"""``cleanup fix -w/-o`` writes each file, and records it, as soon as it is cleaned.

A run stopped after N files (Ctrl-C, or a crash) keeps those N files written and their
``--skip-unchanged`` records saved, with no half-written file; the next run cleans only
the rest. Serial and ``-j 2`` runs alike.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_helpers import DIRTY, FIXED, LEXICON, workspace
from click.testing import CliRunner, Result

from cleanup.cli import main
from cleanup.exitcodes import CLEAN, INTERRUPTED
from cleanup.io.state import STATE_NAME
from cleanup.report import output

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
