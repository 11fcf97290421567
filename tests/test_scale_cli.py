"""What a new user may get wrong with ``-j`` and ``--dask``: each is one line saying what
to do, never a traceback, and ``-j`` never starts more workers than there are cores; a real
Ctrl-C stops every worker and leaves each file whole."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_parallel import LEXICON, make_tree, run_in

import cleanup
from cleanup import pool
from cleanup.exitcodes import ERROR, INTERRUPTED

SEEDS = Path(__file__).parent.parent / "seeds"


@pytest.mark.parametrize("value", ["-1", "abc", "1.5", "", "two"])
def test_a_bad_number_of_jobs_says_what_to_give(tmp_path: Path, value: str) -> None:
    code, out, err, _ = run_in(make_tree(tmp_path), ["fix", *LEXICON, "docs", "-j", value])
    assert code == ERROR and out == ""
    assert f"'{value}' is not a number of worker processes" in err
    assert "or 0 for one per core" in err and "Traceback" not in err


def test_more_jobs_than_cores_start_one_worker_per_core(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pool, "cores", lambda: 2)
    assert pool.worker_count(100_000, 500) == 2
    assert pool.worker_count(0, 500) == 2
    assert pool.worker_count(2, 1) == 1


def test_a_huge_number_of_jobs_cleans_as_one(tmp_path: Path) -> None:
    args = ["fix", *LEXICON, "docs", "--format", "json"]
    serial = run_in(make_tree(tmp_path / "serial"), [*args, "-j", "1"])
    assert run_in(make_tree(tmp_path / "huge"), [*args, "-j", "99999"]) == serial


def test_dask_without_the_extra_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # as if it were not installed
    monkeypatch.delitem(sys.modules, "cleanup.dask", raising=False)
    monkeypatch.delattr(cleanup, "dask", raising=False)
    code, out, err, _ = run_in(
        make_tree(tmp_path), ["fix", *LEXICON, "docs", "--dask", "tcp://127.0.0.1:8786"]
    )
    assert code == 2 and out == ""
    assert err.startswith("error: --dask: distributed is not installed")
    assert "pip install 'cleanup[dask]'" in err


def _children(pid: int) -> list[int]:
    ps = ["ps", "--ppid", str(pid), "-o", "pid="]
    found = subprocess.run(ps, capture_output=True, text=True, check=False)
    return [int(child) for child in found.stdout.split()]


@pytest.mark.skipif(
    not pool.forks() or not shutil.which("ps") or pool.cores() < 2,
    reason="Linux process groups, two cores (-j is capped by the cores)",
)
def test_a_real_ctrl_c_stops_every_worker_and_leaves_whole_files(tmp_path: Path) -> None:
    seeds = sorted(SEEDS.glob("*.txt"))
    text = "\n".join(path.read_text(encoding="utf-8") for path in seeds) * 3
    for number in range(40):
        (tmp_path / f"t{number:02d}.txt").write_text(text, encoding="utf-8")
    before = {path.name: path.read_bytes() for path in tmp_path.iterdir()}
    process = subprocess.Popen(
        [sys.executable, "-m", "cleanup", "fix", ".", "-w", "-j", "2"],
        cwd=tmp_path,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group, as a terminal's foreground job
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),  # noqa: PLW1509
    )
    deadline = time.monotonic() + 60
    while len(_children(process.pid)) < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    workers = _children(process.pid)
    time.sleep(1)  # the workers are cleaning
    os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C does: the whole group
    _, err = process.communicate(timeout=30)
    assert process.returncode == INTERRUPTED, err.decode()
    assert b"interrupted: no file is half-written" in err and b"Traceback" not in err
    time.sleep(0.5)
    assert not [pid for pid in workers if Path(f"/proc/{pid}").exists()]
    after = {path.name: path.read_bytes() for path in tmp_path.iterdir()}
    assert after.keys() == before.keys()  # no temporary file left
