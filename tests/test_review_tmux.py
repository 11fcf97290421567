"""``cleanup review`` in a real terminal: tmux types single keys, no Enter (skipped without tmux).

The pane's content is polled until what is expected shows, with a generous time limit;
no assertion depends on how long anything takes.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).parent / "data" / "cli"
TMUX = shutil.which("tmux")
LIMIT = 60.0
TEXT = "Hizbollah met Hizballah in Bagdad.  The unsecurity was high.\n"

pytestmark = pytest.mark.skipif(TMUX is None, reason="tmux is not installed")


class Pane:
    def __init__(self, socket: str) -> None:
        self.socket = socket

    def tmux(self, *args: str) -> str:
        assert TMUX is not None
        done = subprocess.run(
            [TMUX, "-L", self.socket, *args], capture_output=True, text=True, check=False
        )
        return done.stdout

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-J", "-S", "-200", "-t", "review")

    def wait_for(self, needle: str, count: int = 1) -> str:
        deadline = time.monotonic() + LIMIT
        while time.monotonic() < deadline:
            screen = self.screen()
            if screen.count(needle) >= count:
                return screen
            time.sleep(0.05)
        raise AssertionError(f"{needle!r} x{count} never showed; the pane:\n{self.screen()}")

    def press(self, key: str) -> None:
        self.tmux("send-keys", "-t", "review", "-l", key)


@pytest.fixture
def pane(tmp_path: Path) -> Iterator[Pane]:
    shutil.copy(DATA / "lexicon.tsv", tmp_path / "lexicon.tsv")
    (tmp_path / "t.txt").write_text(TEXT, encoding="utf-8")
    env = {
        "PYTHONPATH": str(ROOT),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "TERM": "xterm-256color",
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(tmp_path),
    }
    command = " ".join(
        [
            "env",
            *(shlex.quote(f"{k}={v}") for k, v in env.items()),
            shlex.quote(sys.executable),
            "-m cleanup review --no-builtin -l lexicon.tsv --min-confidence 0.96",
            '--order document t.txt; echo DONE""=$?',
        ]
    )
    socket = f"cleanup-test-{uuid.uuid4().hex[:8]}"
    found = Pane(socket)
    found.tmux("-f", "/dev/null", "new-session", "-d", "-s", "review", "-x", "220", "-y", "50")
    found.tmux("set-option", "-t", "review", "remain-on-exit", "on")
    found.tmux(
        "send-keys", "-t", "review", f"cd {shlex.quote(str(tmp_path))} && {command}", "Enter"
    )
    try:
        yield found
    finally:
        found.tmux("kill-server")


def test_review_in_a_terminal_takes_single_keys(pane: Pane, tmp_path: Path) -> None:
    question = "Apply this change ["
    pane.wait_for(question)
    pane.press("?")
    pane.wait_for("u - undo the last decision")
    pane.wait_for(question, 2)
    pane.press("y")  # Hizbollah
    pane.wait_for(question, 3)
    pane.press("n")  # Hizballah
    pane.wait_for(question, 4)
    pane.press("u")  # takes the n back
    pane.wait_for("is asked again")
    pane.wait_for(question, 5)
    pane.press("y")  # Hizballah
    pane.wait_for(question, 6)
    pane.press("q")
    screen = pane.wait_for("DONE=")
    assert "DONE=1" in screen
    assert "run the same command to resume" in screen
    assert "[-Hizbollah-]" not in screen  # a terminal: colours, not markers
    saved = (tmp_path / "t.txt.cleanup.json").read_text(encoding="utf-8")
    assert saved.count('"decision": "accept"') == 2
    assert (tmp_path / "t.txt").read_text(encoding="utf-8") == TEXT
