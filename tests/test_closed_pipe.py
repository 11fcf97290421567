"""``cleanup fix big.txt | head``: when stdout's reader goes away the run stops quietly
(no traceback, no summary) with the status a shell gives a command stopped by SIGPIPE.

The class: any output larger than the pipe's buffer whose reader stops early.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from cli_helpers import CLI_DATA

from cleanup.exitcodes import CLOSED_OUTPUT
from cleanup.report import output

ROOT = Path(__file__).resolve().parent.parent
LINE = "The  group Isis met in Bagdad  again.\n"


def head(args: list[str], folder: Path, take: int = 100) -> subprocess.CompletedProcess[bytes]:
    """Run ``cleanup ARGS``, read ``take`` bytes of its stdout, then close the pipe."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "cleanup", "fix", "--no-builtin", "-l", "lexicon.tsv"]
    with subprocess.Popen(
        [*command, "--select", "spacing", *args],
        cwd=folder,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        first = process.stdout.read(take)
        process.stdout.close()
        error = process.stderr.read()
        code = process.wait(timeout=300)
    return subprocess.CompletedProcess(command, code, first, error)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "lexicon.tsv").write_bytes((CLI_DATA / "lexicon.tsv").read_bytes())
    for name in ("big.txt", "big2.txt"):
        (tmp_path / name).write_text(LINE * 20_000, encoding="utf-8")  # 780 KB
    return tmp_path


@pytest.mark.parametrize(
    "args",
    [
        ["big.txt"],
        ["big.txt", "--format", "json"],
        ["big.txt", "big2.txt", "--format", "jsonl", "-j", "2"],
        ["big.txt", "--diff=unified"],
    ],
    ids=["text", "json", "jsonl-j2", "unified"],
)
def test_a_closed_pipe_ends_the_run_quietly(folder: Path, args: list[str]) -> None:
    result = head(args, folder)
    assert result.stdout  # it did print before the reader left
    assert result.stderr == b""  # no traceback, no summary
    assert result.returncode == CLOSED_OUTPUT


class ShortWriter(io.BytesIO):
    """A pipe whose reader left after ``room`` bytes: a short count, no error."""

    def __init__(self, room: int) -> None:
        super().__init__()
        self.room = room

    def write(self, data: bytes) -> int:  # type: ignore[override]
        taken = min(len(data), self.room)
        self.room -= taken
        return super().write(bytes(data[:taken]))


def test_a_short_write_is_a_broken_pipe(monkeypatch: pytest.MonkeyPatch) -> None:
    stream = io.TextIOWrapper(ShortWriter(100_000), encoding="utf-8")
    monkeypatch.setattr(sys, "stdout", stream)
    with pytest.raises(BrokenPipeError):
        output.echo_exact("x" * 300_000)
