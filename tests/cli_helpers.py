"""Assertions shared by the command-line tests."""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path

import pytest
from click.testing import Result

from cleanup.exitcodes import ERROR


def one_line_error(result: Result, *needles: str) -> str:
    """The run failed with exit 2 and exactly one line on stderr naming every needle."""
    assert result.exit_code == ERROR, result.output
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    for needle in needles:
        assert needle in lines[0]
    return lines[0]


def plain_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Output as to a wide terminal with no colour settings inherited from the caller."""
    for name in ("FORCE_COLOR", "NO_COLOR", "CLICOLOR_FORCE", "TTY_COMPATIBLE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COLUMNS", "400")


CLI_DATA = Path(__file__).parent / "data" / "cli"
LEXICON = ("--no-builtin", "-l", "lexicon.tsv")
DIRTY = "The  group Isis met in Bagdad.\n"
FIXED = "The group ISIS met in Baghdad.\n"


def workspace(folder: Path, names: Sequence[str]) -> Path:
    """``folder`` with the small CLI lexicon and a file holding ``DIRTY`` per name."""
    shutil.copy(CLI_DATA / "lexicon.tsv", folder / "lexicon.tsv")
    for name in names:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(DIRTY, encoding="utf-8")
    return folder
