"""The pre-commit hooks of ``.pre-commit-hooks.yaml``: ``cleanup-check`` and ``cleanup-fix``.

Two tests: one runs each hook's ``entry`` on a file as pre-commit would (the entry, then
the staged file names), always; the other runs the hooks through ``pre-commit try-repo``
from a clone of this repository, where pre-commit and git are installed (it builds the
hooks' environment with pip, about a minute; skipped when pip reaches no package index).
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from cleanup.exitcodes import CHANGES_PENDING, CLEAN

yaml = pytest.importorskip("yaml", reason="PyYAML (the test extra) reads the hook definitions")

ROOT = Path(__file__).resolve().parent.parent
HOOKS = ROOT / ".pre-commit-hooks.yaml"
DIRTY = "The fighters entered bagdad ,then left.\n"
CLEANED = "The fighters entered Baghdad, then left.\n"


def hooks() -> dict[str, dict[str, Any]]:
    return {hook["id"]: hook for hook in yaml.safe_load(HOOKS.read_text(encoding="utf-8"))}


def test_hook_definitions() -> None:
    found = hooks()
    assert set(found) == {"cleanup-check", "cleanup-fix"}
    for hook in found.values():
        assert hook["language"] == "python"
        assert hook["entry"].startswith("cleanup fix ")
        assert hook["name"] and hook["description"]


def run_entry(entry: str, *files: Path) -> subprocess.CompletedProcess[str]:
    """The hook's command as pre-commit runs it, with ``python -m cleanup`` for ``cleanup``."""
    words = shlex.split(entry)
    assert words[0] == "cleanup"
    return subprocess.run(
        [sys.executable, "-m", "cleanup", *words[1:], "--no-builtin", *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        cwd=files[0].parent,
    )


def test_hooks_check_then_fix(tmp_path: Path) -> None:
    transcript = tmp_path / "talk.txt"
    transcript.write_text(DIRTY, encoding="utf-8")
    check = run_entry(hooks()["cleanup-check"]["entry"], transcript)
    assert check.returncode == CHANGES_PENDING, check.stderr
    assert transcript.read_text(encoding="utf-8") == DIRTY
    fix = run_entry(hooks()["cleanup-fix"]["entry"], transcript)
    assert fix.returncode == CLEAN, fix.stderr
    assert transcript.read_text(encoding="utf-8") != DIRTY
    again = run_entry(hooks()["cleanup-check"]["entry"], transcript)
    assert again.returncode == CLEAN, again.stderr


def index_reachable(tmp_path: Path, env: dict[str, str]) -> bool:
    """Can pip fetch the build backend here (pre-commit builds the hooks with pip)?"""
    probe = ["download", "--no-deps", "--no-cache-dir", "-q", "-d", str(tmp_path / "probe")]
    fetched = subprocess.run(
        [sys.executable, "-m", "pip", *probe, "hatchling>=1.21"],
        capture_output=True,
        check=False,
        env=env,
        timeout=300,
    )
    return fetched.returncode == 0


@pytest.mark.skipif(shutil.which("pre-commit") is None, reason="pre-commit is not installed")
@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_pre_commit_try_repo(tmp_path: Path) -> None:
    """Both hooks from a clone of this repository, as a user's pre-commit would run them, in
    a repository that also has binary files: a ``*.png`` is not given to the hooks; a
    binary ``*.txt`` is (pre-commit types a file by its name), and is named in an error
    that says how to leave it out, while the transcript is still checked and fixed."""
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout: pre-commit try-repo needs one")
    repo = tmp_path / "work"
    repo.mkdir()
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "PIP_RETRIES": "0"}
    env.pop("PYTHONPATH", None)
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid"]
    subprocess.run([*git, "init", "-q"], cwd=repo, check=True)
    (repo / "talk.txt").write_text(DIRTY, encoding="utf-8")
    (repo / "scan.txt").write_bytes(b"PK\x03\x04\x00\x00binary\xff\xfe")
    (repo / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    subprocess.run([*git, "add", "."], cwd=repo, check=True)
    tried = subprocess.run(
        ["pre-commit", "try-repo", str(ROOT), "--all-files"],
        cwd=repo,
        capture_output=True,
        text=True,
        check=False,
        env=env,
        timeout=600,
    )
    output = tried.stdout + tried.stderr
    if tried.returncode == 3 and "-mpip" in output and not index_reachable(tmp_path, env):
        pytest.skip("pre-commit could not build the hooks' environment: pip reaches no index")
    assert tried.returncode == 1, output  # both fail: edits pending, a binary file
    assert "cleanup check" in output and "cleanup fix" in output, output
    assert "would change" in output, output
    assert "photo.png" not in output, output
    assert "scan.txt: looks like a binary file" in output and "exclude:" in output, output
    assert (repo / "talk.txt").read_text(encoding="utf-8") == CLEANED
