"""The process pool under ``-j``: order, retries of dead workers, stopping on errors and Ctrl-C."""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
from pathlib import Path

import pytest

from cleanup.pool import Pool, WorkerDied, Workers, forks, worker_count

MARKS = Path()  # where _die_once leaves its marks (set by the tests; inherited by forks)


def _square(number: int) -> int:
    time.sleep(0.01 * (number % 3))  # finish out of order
    return number * number


def _die_once(number: int) -> int:
    """Dies the first time it sees 3 (a mark file says it did), and always on 5."""
    mark = MARKS / f"{number}.died"
    if number == 5 or (number == 3 and not mark.exists()):
        mark.touch()
        os.kill(os.getpid(), signal.SIGKILL)
    return number


def _fails(number: int) -> int:
    if number == 2:
        raise ValueError("a bug in the work")
    return number


def _slow(number: int) -> int:
    if number:
        time.sleep(5)
    return number


def _lost(number: int, why: str) -> int:
    return -number


def _refuse(number: int, why: str) -> int:
    raise WorkerDied(f"{number}: {why}")


def test_how_many_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("cleanup.pool.cores", lambda: 4)
    assert worker_count(1, 100) == 1
    assert worker_count(4, 2) == 2  # never more than the items
    assert worker_count(0, 1000) == 4 and worker_count(9, 1000) == 4  # at most the cores
    assert worker_count(3, 0) == 1
    with pytest.raises(ValueError, match="-j/--jobs"):
        worker_count(-1, 5)


def test_results_come_in_the_items_order_whatever_order_they_are_handed_out() -> None:
    numbers = list(range(12))
    finished: list[int] = []
    with Pool(Workers(2)) as pool:
        got = list(pool.ordered(_square, numbers, _lost, first=numbers[::-1], done=finished.append))
        kept = list(pool.ordered(_square, numbers, _lost, ahead=2))
    assert got == kept == [n * n for n in numbers]
    assert sorted(finished) == numbers


@pytest.mark.skipif(not forks(), reason="the test's marks folder reaches forked workers only")
def test_a_dead_worker_costs_one_retry_then_the_item_is_lost(tmp_path: Path) -> None:
    global MARKS  # noqa: PLW0603 (read by the forked workers)
    MARKS = tmp_path
    with Pool(Workers(2)) as pool:
        got = list(pool.ordered(_die_once, list(range(7)), _lost))
    assert got == [0, 1, 2, 3, 4, -5, 6]  # 3 died once and was retried; 5 died twice
    with Pool(Workers(2)) as pool, pytest.raises(WorkerDied, match="died twice"):
        list(pool.ordered(_die_once, [5], _refuse))


def test_an_error_in_the_work_stops_the_workers_and_is_raised_here() -> None:
    with pytest.raises(ValueError, match="a bug"), Pool(Workers(2)) as pool:
        list(pool.ordered(_fails, [0, 1, 2, 3], _lost))
    assert not multiprocessing.active_children()


def test_ctrl_c_stops_every_worker_at_once() -> None:
    def interrupt(_: int) -> None:
        raise KeyboardInterrupt

    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt), Pool(Workers(2)) as pool:
        list(pool.ordered(_slow, [0, 1, 2, 3], _lost, done=interrupt))  # 1 is running
    assert time.monotonic() - started < 4
    assert not multiprocessing.active_children()


def test_a_consumer_that_stops_early_stops_the_workers() -> None:
    with Pool(Workers(2)) as pool:
        results = pool.ordered(_square, list(range(20)), _lost, ahead=2)
        assert next(results) == 0
        results.close()
    assert not multiprocessing.active_children()


def test_ordered_runs_only_inside_the_block() -> None:
    pool = Pool(Workers(2))
    with pytest.raises(RuntimeError, match="inside"):
        list(pool.ordered(_square, [1], _lost))
