"""One function over many items in worker processes, the results in the order of the items.

What ``-j/--jobs`` runs on (``cleanup fix``, ``review``, ``eval --clean``, ``lexicon
simulate``), built on pebble's ``ProcessPool``, which knows which item a dead worker held:

* results come back in the order of the items, whatever order the workers finish in;
  ``first`` says in which order to hand them out (largest first, say);
* a worker that dies (killed, out of memory) costs its item one retry in a new worker;
  a second death puts ``lost(item, why)`` in its place and the run goes on;
* an exception raised by the work itself (a bug) stops every worker and is raised here;
  so is Ctrl-C (``KeyboardInterrupt``), and a consumer that stops early stops them too;
* ``done(item)`` is called, in this process, as each item finishes (a progress bar), and
  ``arrived(result)`` with its result (to write it now, not after the items before it).

Workers are forked where that is safe and cheap (Linux): they start at once and share,
copy on write, everything the parent built before the pool started (``gc.freeze`` keeps
the garbage collector from copying it); ``setup(*args)`` then only checks what it
inherited. Elsewhere they are spawned, in the parent's folder and environment, and
``setup`` builds their state from ``args``. Workers ignore Ctrl-C: the parent stops them.
"""

from __future__ import annotations

import gc
import os
import sys
from collections import Counter, deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from types import TracebackType
from typing import TYPE_CHECKING, Any, Generic, TypeVar

if TYPE_CHECKING:  # imported when a pool starts: a run in one process never pays for them
    from concurrent.futures import Future

    import pebble

T = TypeVar("T")
R = TypeVar("R")
RETRIES = 1  # new tries of an item whose worker died


def cores() -> int:
    """The CPU cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def worker_count(jobs: int, items: int) -> int:
    """How many workers ``-j jobs`` gives for ``items`` items: ``jobs``, all cores for 0;
    never more than the cores (the work is CPU-bound: more processes than cores only
    cost memory, and ``-j 10000`` must not start 10,000 of them) nor than the items
    (1 means: no pool, work in this process).

    Raises ``ValueError`` for a negative ``jobs``.
    """
    if jobs < 0:
        raise ValueError(f"-j/--jobs must be 0 (all cores) or more, not {jobs}")
    available = cores()
    wanted = available if jobs == 0 else min(jobs, available)
    return max(1, min(wanted, items))


def forks() -> bool:
    """Are workers forked (they share what the parent built) rather than spawned?"""
    return sys.platform.startswith("linux")


def _context() -> Any:
    import multiprocessing  # noqa: PLC0415 (lazy, see the imports)

    return multiprocessing.get_context("fork" if forks() else "spawn")


class WorkerDied(RuntimeError):
    """A worker died twice on the same item; the message names the item (for ``lost``
    functions that cannot put a result in its place)."""


def _ready() -> None:
    """A task that does nothing: scheduling it starts the workers."""


def _why(died: pebble.ProcessExpired) -> str:
    code = died.exitcode
    how = f"killed by signal {-code}" if code < 0 else f"exit code {code}"
    return f"its worker process died twice ({how}: out of memory, or killed)"


@dataclass(frozen=True)
class Workers:
    """``count`` worker processes, each running ``setup(*args)`` first."""

    count: int
    setup: Callable[..., None] | None = None
    args: tuple[Any, ...] = ()


@dataclass
class _Run(Generic[T, R]):
    """The items handed out so far and what came back."""

    pool: pebble.ProcessPool
    work: Callable[[T], R]
    items: Sequence[T]
    lost: Callable[[T, str], R]
    done: Callable[[T], None] | None
    arrived: Callable[[R], None] | None = None
    running: dict[Future[R], int] = field(default_factory=dict)
    results: dict[int, R] = field(default_factory=dict)
    deaths: Counter[int] = field(default_factory=Counter)

    def submit(self, index: int) -> None:
        self.running[self.pool.schedule(self.work, (self.items[index],))] = index

    def settle(self) -> None:
        """Wait until at least one running item finishes, and keep what finished."""
        from concurrent.futures import FIRST_COMPLETED, wait  # noqa: PLC0415 (lazy)

        finished, _ = wait(self.running, return_when=FIRST_COMPLETED)
        for future in finished:
            self._keep(self.running.pop(future), future)

    def _keep(self, index: int, future: Future[R]) -> None:
        import pebble  # noqa: PLC0415 (lazy, see the imports)

        try:
            self.results[index] = future.result()
        except pebble.ProcessExpired as died:
            self.deaths[index] += 1
            if self.deaths[index] <= RETRIES:
                self.submit(index)
                return
            self.results[index] = self.lost(self.items[index], _why(died))
        if self.arrived is not None:
            self.arrived(self.results[index])
        if self.done is not None:
            self.done(self.items[index])


class Pool:
    """Worker processes for one run: ``with Pool(workers) as pool: pool.ordered(...)``.

    Leaving the block stops the workers at once: what they were still doing (after an
    exception, Ctrl-C included, or when the consumer stopped early) is dropped.
    """

    def __init__(self, workers: Workers) -> None:
        self.workers = workers
        self._pool: Any = None  # a pebble.ProcessPool (partly typed) while in the block

    def __enter__(self) -> Pool:
        import pebble  # noqa: PLC0415 (lazy, see the imports)

        if forks():
            gc.freeze()  # what the parent built stays shared with the workers
        self._pool = pebble.ProcessPool(
            max_workers=self.workers.count,
            initializer=self.workers.setup,
            initargs=self.workers.args,
            context=_context(),
        )
        self._pool.schedule(_ready)  # start the workers now, before any thread of ours
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        pool, self._pool = self._pool, None
        if pool is not None:  # what was not consumed (an error, a review quit) is dropped
            pool.stop()
            pool.join()
        if forks():
            gc.unfreeze()

    def ordered(
        self,
        work: Callable[[T], R],
        items: Sequence[T],
        lost: Callable[[T, str], R],
        *,
        first: Sequence[int] | None = None,
        ahead: int | None = None,
        done: Callable[[T], None] | None = None,
        arrived: Callable[[R], None] | None = None,
    ) -> Iterator[R]:
        """``work(item)`` for every item, in a worker, yielded in the order of ``items``.

        ``first``: the order to hand items out in (default: their order); ``ahead``: at
        most this many items handed out and not yet yielded (default: all at once; only
        in the items' own order); ``arrived(result)``: called as each result comes back,
        in the order they finish. ``work`` must be a module-level function. Raises what
        ``work`` raised, ``RuntimeError`` outside a ``with`` block.
        """
        if self._pool is None:
            raise RuntimeError("Pool.ordered runs inside 'with Pool(...) as pool:'")
        if ahead is not None and first is not None:
            raise ValueError("ahead keeps the items' own order: pass one of first and ahead")
        run = _Run(self._pool, work, items, lost, done, arrived)
        queue = deque(range(len(items)) if first is None else first)
        limit = len(items) if ahead is None else max(1, ahead)
        for index in range(len(items)):
            while index not in run.results:
                while queue and len(run.running) + len(run.results) < limit:
                    run.submit(queue.popleft())
                run.settle()
            yield run.results.pop(index)
