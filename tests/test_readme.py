"""The README's quick start is what CI runs, and what it documents exists."""

from __future__ import annotations

import re
from pathlib import Path

from cleanup import exitcodes
from cleanup.lexicon.model import COLUMNS
from cleanup.steps import STEP_NAMES

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def quick_start_commands() -> list[str]:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", section)


def test_quick_start_has_two_commands() -> None:
    commands = quick_start_commands()
    assert len(commands) == 2
    assert "cleanup fix seeds/" in commands[0]
    assert "pytest" in commands[1]


def test_ci_runs_the_readme_test_command() -> None:
    ci_lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert quick_start_commands()[1] in ci_lines


def test_readme_documents_every_step() -> None:
    for name in STEP_NAMES:
        assert f"`{name}`" in README


def test_readme_documents_every_lexicon_column() -> None:
    for column in COLUMNS:
        assert f"`{column}`" in README


def test_readme_documents_exit_codes() -> None:
    for name in ("CLEAN", "CHANGES_PENDING", "ERROR"):
        assert f"| {getattr(exitcodes, name)} | `{name}` |" in README
