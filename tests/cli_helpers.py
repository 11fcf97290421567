"""Assertions shared by the command-line tests."""

from __future__ import annotations

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
