"""Cleaning many inputs in worker processes (``-j/--jobs``), with the outcomes of one process.

Each worker cleans with one cleaner made from the parent's settings. Where workers are
forked (Linux, ``cleanup.pool``) they inherit the parent's own cleaner, warmed first, so
the language model, the sound-alike index and the spelling dictionary are built once and
shared; spawned workers build their own from the settings, in the parent's folder (so
relative paths mean the same). Workers read and clean the inputs, largest first; the
outcomes come back in the inputs' order, and everything is written by the parent.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

from cleanup.cleaner import Cleaner
from cleanup.io.batch import Outcome, clean_one
from cleanup.io.discovery import InputFile
from cleanup.pool import Pool, WorkerDied, Workers, forks
from cleanup.settings import Settings

# This process's cleaner while it is a worker of a pool, or the parent about to fork
# them (one cleaner per process; ``workers`` sets and clears it).
_cleaner: Cleaner | None = None

# (input, honour review decisions?, stdin's bytes for the stdin input)
Job = tuple[InputFile, bool, bytes | None]


def _setup(settings: Settings) -> None:
    """In a worker: keep the cleaner inherited from the parent, or build one."""
    global _cleaner  # noqa: PLW0603 (one cleaner per worker process)
    if _cleaner is None or _cleaner.settings != settings:
        _cleaner = Cleaner(settings)


def _worker_cleaner() -> Cleaner:
    if _cleaner is None:
        raise RuntimeError("cleanup.io.parallel: a task ran outside a worker of 'workers'")
    return _cleaner


def _clean_job(job: Job) -> Outcome:
    """In a worker: read and clean one input (``io.batch.clean_one``)."""
    item, reviewed, data = job
    cleaner = _worker_cleaner()
    try:
        return clean_one(item, cleaner, lambda: data or b"", reviewed=reviewed)
    finally:
        cleaner.close()  # new pronunciations to the shared cache folder, now


def _lost_job(job: Job, why: str) -> Outcome:
    item = job[0]
    return Outcome(item, error=f"{item.name}: {why}; skipped it (try it alone with -j 1)")


def _clean_named(named: tuple[str, str]) -> str:
    """In a worker: the cleaned text of a (name, text) pair."""
    cleaner = _worker_cleaner()
    try:
        return cleaner.clean(named[1])
    finally:
        cleaner.close()


def _lost_named(named: tuple[str, str], why: str) -> str:
    raise WorkerDied(f"{named[0]}: {why} while cleaning it; try it alone with -j 1")


@contextmanager
def workers(cleaner: Cleaner, count: int) -> Iterator[Pool]:
    """``count`` worker processes that clean as ``cleaner`` does; stopped on leaving.

    Forked workers inherit ``cleaner``, warmed here first (``Cleaner.warm``).
    """
    global _cleaner  # noqa: PLW0603 (what forked workers inherit)
    if forks():
        cleaner.warm()
        cleaner.close()  # the warm-up's pronunciations saved once, not once per worker
        _cleaner = cleaner
    try:
        with Pool(Workers(count, _setup, (cleaner.settings,))) as pool:
            yield pool
    finally:
        _cleaner = None


def _size(item: InputFile) -> int:
    if item.path is None:
        return 0
    try:
        return os.stat(item.path).st_size
    except OSError:
        return 0  # reported as unreadable by the worker


def largest_first(items: Sequence[InputFile]) -> list[int]:
    """The items' indices, largest file first (ties in their order): no large file is
    started last, when the other workers would have to wait for it."""
    sizes = [_size(item) for item in items]
    return sorted(range(len(items)), key=lambda index: -sizes[index])


def outcomes(
    pool: Pool,
    items: Sequence[InputFile],
    *,
    reviewed: bool = True,
    stdin: Callable[[], bytes] | None = None,
    in_order: bool = False,
    done: Callable[[int], None] | None = None,
    each: Callable[[Outcome], None] | None = None,
) -> Iterator[Outcome]:
    """The outcome of every item, as ``clean_one`` gives it, in the items' order;
    ``each(outcome)`` is called as each comes back (in the order they finish).

    Items are handed out largest first, or with ``in_order`` in their order and only a
    few ahead of the one consumed (``cleanup review`` asks about the first while the
    next are prepared). Stdin, if among the items, is read here (``stdin()``). A file
    whose worker died twice is an outcome with an error. ``done(n)``: progress.
    """
    jobs: list[Job] = [
        (item, reviewed, (stdin or _no_stdin)() if item.is_stdin else None) for item in items
    ]
    finished = None if done is None else _counting(done)
    if in_order:
        ahead = 2 * pool.workers.count
        return pool.ordered(_clean_job, jobs, _lost_job, ahead=ahead, done=finished, arrived=each)
    first = largest_first(items)
    return pool.ordered(_clean_job, jobs, _lost_job, first=first, done=finished, arrived=each)


def _counting(done: Callable[[int], None]) -> Callable[[object], None]:
    """``done(1)`` per finished item."""
    return lambda _: done(1)


def _no_stdin() -> bytes:
    return b""


def cleaned_texts(
    pool: Pool, named: Sequence[tuple[str, str]], done: Callable[[int], None] | None = None
) -> list[str]:
    """The cleaned text of each (name, text) pair, in order, the longest handed out first.

    Raises ``WorkerDied`` (naming the text) when a worker died twice cleaning one.
    """
    first = sorted(range(len(named)), key=lambda index: -len(named[index][1]))
    finished = None if done is None else _counting(done)
    return list(pool.ordered(_clean_named, named, _lost_named, first=first, done=finished))
