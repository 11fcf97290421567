"""The cluster model of ``bench/scale.py``: what a cluster would do with many transcripts.

From four measured costs (the work per file on one core, a worker's set-up, the
scheduler's cost per task, the ``--dask`` client's CPU per file): the files per task that
keep the scheduler's cost under 5%, the wall time and the files per second of
``CLUSTER_CORES`` cores cleaning ``CLUSTER_FILES`` transcripts. A model on paper: it
assumes the work divides evenly and the network costs nothing.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

CLUSTER_CORES, CLUSTER_FILES = 100, 1_000_000
CLUSTER_COLUMNS = (
    "ms per file",
    "worker set-up s",
    "ms per task",
    "files per task",
    "hours",
    "files/s",
    "client files/s",
)
CLUSTER_INTRO = (
    f"Projection from the run of `## scale` for {CLUSTER_CORES} cores and {CLUSTER_FILES:,}\n"
    "transcripts: the work per file on one core (CPU time), a worker's set-up, the\n"
    "scheduler's cost per task (empty tasks on the LocalCluster), the files per task that\n"
    "keep that cost under 5% with every core asking, the wall time and files/s; client\n"
    "files/s: what one `cleanup fix --dask` client can read and write (its CPU per file)."
)


@dataclass(frozen=True)
class Costs:
    """What the projection is made of, in seconds: the work per file on one core, the
    set-up of one worker, the scheduler's cost per task, the client's per file."""

    per_file: float
    setup: float
    per_task: float
    client_per_file: float | None


def batch_for(costs: Costs, cores: int = CLUSTER_CORES, share: float = 0.05) -> int:
    """Files per task that keep the scheduler's cost under ``share`` of the work: each
    task's overhead under ``share`` of its work, and the scheduler (one process) busy
    under ``share`` of its time with ``cores`` workers asking."""
    per_task = costs.per_task / (share * costs.per_file)
    scheduler = cores * costs.per_task / (share * costs.per_file)
    return max(1, math.ceil(max(per_task, scheduler) - 1e-9))


@dataclass(frozen=True)
class Projection:
    """``files`` transcripts on ``cores`` cores: files per task, and seconds of set-up,
    work and scheduling (the wall time is their sum)."""

    cores: int
    files: int
    batch: int
    setup: float
    work: float
    overhead: float

    @property
    def total(self) -> float:
        return self.setup + self.work + self.overhead


def project(costs: Costs, files: int = CLUSTER_FILES, cores: int = CLUSTER_CORES) -> Projection:
    batch = batch_for(costs, cores)
    work = files * costs.per_file / cores
    overhead = files / batch * costs.per_task / cores
    return Projection(cores, files, batch, costs.setup, work, overhead)


def projection(costs: Costs, files: int = CLUSTER_FILES, cores: int = CLUSTER_CORES) -> list[str]:
    """Lines on what ``cores`` cores would do with ``files`` such transcripts."""
    p = project(costs, files, cores)
    lines = [
        f"per file {costs.per_file * 1000:.0f} ms on one core; worker set-up {costs.setup:.1f} s; "
        f"scheduler {costs.per_task * 1000:.2f} ms per task",
        f"batch of {p.batch} files per task keeps the scheduler's cost under 5% "
        f"({cores} workers asking); the command line's batches are 64 KiB (about 10 files)",
        f"{cores} cores, {files:,} transcripts: about {p.total / 3600:.1f} h "
        f"({p.setup:.0f} s set-up, {p.work / 3600:.2f} h work, {p.overhead:.0f} s scheduling), "
        f"{files / p.total:,.0f} files/s",
    ]
    if costs.client_per_file is not None:
        limit = 1 / costs.client_per_file
        lines.append(
            f"cleanup fix --dask: the client reads and writes every file itself, "
            f"{costs.client_per_file * 1000:.1f} ms of CPU each, so at most {limit:,.0f} files/s "
            "through one client; past that, clean from Python (cleanup.dask.clean_bag over a "
            "bag read on the workers) so no one process handles every file"
        )
    return lines


def projection_cells(costs: Costs) -> list[str]:
    """The cells of ``CLUSTER_COLUMNS``."""
    p = project(costs)
    client = None if not costs.client_per_file else 1 / costs.client_per_file
    return [
        f"{costs.per_file * 1000:.0f}",
        f"{costs.setup:.2f}",
        f"{costs.per_task * 1000:.2f}",
        str(p.batch),
        f"{p.total / 3600:.2f}",
        f"{p.files / p.total:,.0f}",
        "n/a" if client is None else f"{client:,.0f}",
    ]
