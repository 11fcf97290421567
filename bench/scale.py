"""Scale-out benchmark: ``-j 1`` against ``-j 2`` in one run, memory, Dask, ``--skip-unchanged``.

Run from anywhere (paths are relative to the repository):

    python3 bench/scale.py                       # 400 transcripts, several minutes, records a row
    python3 bench/scale.py --files 40 --no-record

Data: ``--files`` transcripts (default 400) of 200-2,000 words each (lengths drawn with a
fixed seed), cut in order from the Earnings-21 dev hypotheses of google and rev-kaldi in
``../shared/bench/e21/hyp`` (``--data``), written to a temporary folder.

Every run is the command line, ``python3 -m cleanup fix DIR -o OUT`` with the bundled
lexicons and default settings, in a fresh process, the cache folder warm (an uncounted
run first). ``-j 1`` and ``-j 2`` run interleaved (1, 2, 2, 1, ... for ``--rounds``) and
each figure is the median, so that the ratio compares runs made under the same load.
Memory is the peak, over the run, of the proportional set size (PSS) summed over the
command's process and all its descendants (``psutil``, sampled every 0.1 s): shared
pages (the memory-mapped language model, what forked workers inherit) count once in
total. The outputs of every run are compared byte for byte with the first ``-j 1``'s.

Also measured: ``--dask ADDRESS`` on a ``LocalCluster`` of 2 worker processes of one
thread (needs ``cleanup[dask]``; skipped without it), its outputs compared too, and the
command's own CPU time (the client reads and writes every file); a ``--skip-unchanged``
run over the tree and a second one (target: under 5% of the first's time); the set-up of
one worker that builds its own cleaner (a fresh process: import, lexicons, warm-up), and
the scheduler's overhead per task (500 empty tasks on the cluster). From those, a
projection for a cluster of 100 cores cleaning a million such transcripts.

Targets (issue #16): ``-j 2`` at least 1.8 times the files per second of ``-j 1``; summed
PSS of ``-j 2`` at most 1.5 times that of ``-j 1``; the same outputs everywhere; the
second ``--skip-unchanged`` run under 5% of the first. The load average before the run
is recorded: on a busy machine the ratio of ``-j 2`` to ``-j 1`` says little.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
if str(BENCH) not in sys.path:
    sys.path.insert(0, str(BENCH))

from common import RESULTS, ROOT, command_line, format_table, record  # noqa: E402
from scale_model import (  # noqa: E402
    CLUSTER_COLUMNS,
    CLUSTER_CORES,
    CLUSTER_FILES,
    CLUSTER_INTRO,
    Costs,
    projection,
    projection_cells,
)

DATA = ROOT.parent / "shared" / "bench" / "e21" / "hyp"
RECOGNISERS = ("google", "rev-kaldi")
FILES = 400
WORDS = (200, 2_000)
SEED = 16
ROUNDS = 2
SAMPLE_S = 0.1
TARGETS = {"speed-up": 1.8, "memory": 1.5, "skip": 0.05}
SECTION = "scale"
INTRO = (
    "Scale-out (`bench/scale.py`): files/s of `cleanup fix DIR -o OUT` with `-j 1` and `-j 2`\n"
    "measured in the same run (interleaved, medians), the peak PSS summed over all processes,\n"
    "`--dask` on a LocalCluster of 2 workers, and the second of two `--skip-unchanged` runs as\n"
    "a share of the first. Transcripts cut from the Earnings-21 dev hypotheses; load = the\n"
    "1-minute load average before the run (2 cores: above ~0.5 the machine was busy, and the\n"
    "wall-time ratio j2/j1 says little); CPU j2/j1: CPU time of all of -j 2's processes over\n"
    "-j 1's, what the pool adds to the work whatever the load."
)
COLUMNS = (
    "files",
    "words",
    "load",
    "j1 files/s",
    "j2 files/s",
    "j2/j1",
    "CPU j2/j1",
    "PSS j1 MiB",
    "PSS j2 MiB",
    "PSS j2/j1",
    "same output",
    "dask files/s",
    "skip 2nd/1st",
    "worker set-up s",
    "task overhead ms",
    "verdict",
)

WORKER_COLUMNS = ("files", "load", "run", "files/s", "efficiency", "CPU ms/file")
WORKER_INTRO = (
    "How throughput grows with workers (`bench/scale.py`, the runs of `## scale`): files/s\n"
    "per setting, the efficiency (files/s per worker against `-j 1`) and the CPU time per\n"
    "file summed over the run's processes (not the Dask workers'; n/a)."
)


# -- data -----------------------------------------------------------------------------


def cut(source: Path, out: Path, files: int, seed: int = SEED) -> int:
    """Write ``files`` transcripts of 200-2,000 words cut from the hypotheses under
    ``source`` (one folder per recogniser) to ``out``; returns the words written."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    written = words_total = 0
    for recogniser in RECOGNISERS:
        for path in sorted((source / recogniser).glob("*.txt")):
            words = path.read_text(encoding="utf-8").split()
            at = 0
            while written < files:
                size = rng.randint(*WORDS)
                piece = words[at : at + size]
                if len(piece) < WORDS[0]:
                    break
                name = f"{recogniser}-{path.stem}-{at:06d}.txt"
                (out / name).write_text(" ".join(piece) + "\n", encoding="utf-8")
                at, written, words_total = at + size, written + 1, words_total + len(piece)
    if written < files:
        raise SystemExit(f"only {written} transcripts could be cut from {source}; pass --files")
    return words_total


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file below ``folder`` (but the --skip-unchanged state), by relative path."""
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not path.name.startswith(".")
    }


# -- one run --------------------------------------------------------------------------


@dataclass(frozen=True)
class Timed:
    """One run of the command: wall seconds, peak summed PSS (MiB, None without psutil),
    CPU seconds of the command's own process, and its exit code."""

    seconds: float
    pss_mib: float | None
    cpu_s: float
    code: int


class PssSampler(threading.Thread):
    """The peak, while it runs, of the PSS summed over a process and its descendants."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak, self.done = pid, 0.0, threading.Event()

    def total(self) -> float:
        import psutil  # noqa: PLC0415 (bench extra)

        try:
            root = psutil.Process(self.pid)
            tree = [root, *root.children(recursive=True)]
        except psutil.Error:
            return 0.0
        found = 0.0
        for process in tree:
            try:
                found += process.memory_full_info().pss
            except psutil.Error:
                continue
        return found / 2**20

    def run(self) -> None:
        while not self.done.wait(SAMPLE_S):
            self.peak = max(self.peak, self.total())


def has(module: str) -> bool:
    import importlib.util  # noqa: PLC0415

    return importlib.util.find_spec(module) is not None


def run_fix(data: Path, out: Path, *options: str) -> Timed:
    """``cleanup fix DATA -o OUT OPTIONS`` in a fresh process, timed and sampled."""
    command = [sys.executable, "-m", "cleanup", "fix", str(data), "-o", str(out), *options]
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    sampler = PssSampler(process.pid) if has("psutil") else None
    if sampler is not None:
        sampler.start()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if sampler is not None:
        sampler.done.set()
        sampler.join()
    error = process.stderr.read().decode() if process.stderr else ""
    if process.returncode not in (0, 1):
        raise SystemExit(f"cleanup fix {' '.join(options)} failed: {error.strip()[-400:]}")
    cpu = usage.ru_utime + usage.ru_stime
    return Timed(seconds, sampler.peak if sampler else None, cpu, process.returncode)


def interleaved(jobs: Sequence[int], rounds: int) -> list[int]:
    """1, 2, 2, 1, 1, 2, ...: each pair of rounds gives every setting both places."""
    order: list[int] = []
    for number in range(rounds):
        order += list(jobs) if number % 2 == 0 else list(jobs)[::-1]
    return order


def measure_jobs(
    data: Path, tmp: Path, jobs: Sequence[int], rounds: int
) -> tuple[dict[int, list[Timed]], bool]:
    """Runs per ``-j`` setting (interleaved), and whether every output was the same."""
    runs: dict[int, list[Timed]] = {count: [] for count in jobs}
    reference: dict[str, bytes] | None = None
    same = True
    for number, count in enumerate(interleaved(jobs, rounds)):
        out = tmp / f"out-j{count}-{number}"
        runs[count].append(run_fix(data, out, "-j", str(count)))
        found = snapshot(out)
        reference = found if reference is None else reference
        same = same and found == reference
        print(f"  -j {count}: {runs[count][-1].seconds:.1f} s", file=sys.stderr)
    return runs, same


# -- Dask -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Cluster:
    """The Dask run: the command's run, whether its outputs were the same, and the
    scheduler's overhead per empty task (seconds)."""

    run: Timed
    same: bool
    overhead_s: float


def task_overhead_s(client: Any, tasks: int = 500) -> float:
    """Seconds per task of ``tasks`` empty tasks through the scheduler (after a warm-up)."""
    client.gather(client.map(_nothing, range(20), pure=False))
    started = time.perf_counter()
    client.gather(client.map(_nothing, range(tasks), pure=False))
    return (time.perf_counter() - started) / tasks


def _nothing(number: int) -> int:
    return number


def measure_dask(data: Path, tmp: Path, reference: dict[str, bytes]) -> Cluster | None:
    """``--dask`` on a LocalCluster of 2 single-thread workers; None without the extra."""
    if not has("distributed"):
        print("  dask: not installed (cleanup[dask]); skipped", file=sys.stderr)
        return None
    from distributed import Client, LocalCluster  # noqa: PLC0415

    with (
        LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster,
        Client(cluster) as client,
    ):
        address = cluster.scheduler_address
        run_fix(data, tmp / "out-dask-warm", "--dask", address)  # workers build their cleaner
        timed = run_fix(data, tmp / "out-dask", "--dask", address)
        overhead = task_overhead_s(client)
    print(f"  --dask: {timed.seconds:.1f} s", file=sys.stderr)
    return Cluster(timed, snapshot(tmp / "out-dask") == reference, overhead)


# -- skip-unchanged, worker set-up ------------------------------------------------------


def measure_skip(data: Path, tmp: Path) -> tuple[Timed, Timed]:
    """A ``--skip-unchanged -j 2`` run over the tree, then the same again."""
    first = run_fix(data, tmp / "out-skip", "--skip-unchanged", "-j", "2")
    second = run_fix(data, tmp / "out-skip", "--skip-unchanged", "-j", "2")
    print(
        f"  --skip-unchanged: {first.seconds:.1f} s, then {second.seconds:.2f} s", file=sys.stderr
    )
    return first, second


SETUP_PROBE = """
import time
started = time.perf_counter()
from cleanup import Cleaner
Cleaner().warm()
print(time.perf_counter() - started)
"""


def worker_setup_s() -> float:
    """Seconds a fresh worker takes to import cleanup, load the lexicons and build what
    cleaning needs from the warm cache (a spawned or Dask worker; a forked one inherits)."""
    done = subprocess.run(
        [sys.executable, "-c", SETUP_PROBE], capture_output=True, text=True, check=True
    )
    return float(done.stdout.split()[-1])


# -- report ---------------------------------------------------------------------------


def median(runs: Sequence[Timed], pick: str) -> float | None:
    values = [getattr(run, pick) for run in runs if getattr(run, pick) is not None]
    return statistics.median(values) if values else None


def fmt(value: float | None, digits: int = 1) -> str:
    return "n/a" if value is None else f"{value:,.{digits}f}"


def verdict(speed_up: float, memory: float | None, same: bool, skip: float) -> str:
    """Which targets a run met."""
    misses = []
    if speed_up < TARGETS["speed-up"]:
        misses.append(f"speed-up {speed_up:.2f} < {TARGETS['speed-up']}")
    if memory is None or memory > TARGETS["memory"]:
        misses.append(f"PSS ratio {fmt(memory, 2)} > {TARGETS['memory']}")
    if not same:
        misses.append("outputs differ")
    if skip > TARGETS["skip"]:
        misses.append(f"skip {skip:.1%} > 5%")
    return "all targets met" if not misses else "missed: " + "; ".join(misses)


@dataclass(frozen=True)
class Measured:
    files: int
    words: int
    load: float
    runs: dict[int, list[Timed]]
    same: bool
    cluster: Cluster | None
    skip: tuple[Timed, Timed]
    setup_s: float


def row(m: Measured) -> list[str]:
    """The cells of ``COLUMNS`` for one run."""
    one, two = (median(m.runs[count], "seconds") or 1.0 for count in (1, 2))
    pss_one, pss_two = (median(m.runs[count], "pss_mib") for count in (1, 2))
    memory = pss_two / pss_one if pss_one and pss_two else None
    skip = m.skip[1].seconds / m.skip[0].seconds
    same = m.same and (m.cluster is None or m.cluster.same)
    dask = None if m.cluster is None else m.files / m.cluster.run.seconds
    overhead = None if m.cluster is None else m.cluster.overhead_s * 1000
    return [
        str(m.files),
        f"{m.words:,}",
        f"{m.load:.2f}",
        fmt(m.files / one),
        fmt(m.files / two),
        f"{one / two:.2f}",
        fmt(cpu_ratio(m), 2),
        fmt(pss_one, 0),
        fmt(pss_two, 0),
        fmt(memory, 2),
        "yes" if same else "NO",
        fmt(dask),
        f"{skip:.1%}",
        f"{m.setup_s:.2f}",
        fmt(overhead, 2),
        verdict(one / two, memory, same, skip),
    ]


def cpu_ratio(m: Measured) -> float | None:
    """CPU seconds of ``-j 2`` (all its processes) over those of ``-j 1``: what the pool
    adds to the work, whatever the load (1.00: nothing; wall times depend on the load)."""
    one, two = (median(m.runs[count], "cpu_s") for count in (1, 2))
    return two / one if one and two else None


def growth(m: Measured) -> list[list[str]]:
    """Files per second per number of workers, the efficiency against one, and the CPU
    milliseconds per file of all the run's processes."""
    base = m.files / (median(m.runs[1], "seconds") or 1.0)
    rows = []
    for count, runs in sorted(m.runs.items()):
        rate = m.files / (median(runs, "seconds") or 1.0)
        cpu = 1000 * (median(runs, "cpu_s") or 0.0) / m.files
        rows.append([f"-j {count}", fmt(rate), f"{rate / base / count:.0%}", fmt(cpu, 0)])
    if m.cluster is not None:
        rate = m.files / m.cluster.run.seconds
        rows.append(["--dask (2 workers)", fmt(rate), f"{rate / base / 2:.0%}", "n/a"])
    return rows


def costs_of(m: Measured) -> Costs:
    """The projection's costs; the work per file is CPU time (a busy machine stretches
    the wall time, not the CPU time), less a worker's set-up."""
    one = median(m.runs[1], "cpu_s") or 0.0
    per_file = max(one - m.setup_s, 0.0) / m.files
    per_task = m.cluster.overhead_s if m.cluster is not None else 0.002
    # the client's own CPU per file, less its start (imports, lexicons: about a set-up)
    client = max(m.cluster.run.cpu_s - m.setup_s, 0.0) / m.files if m.cluster else None
    return Costs(per_file, m.setup_s, per_task, client)


# -- main -----------------------------------------------------------------------------


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--files", type=int, default=FILES, help="transcripts to cut")
    parser.add_argument("--rounds", type=int, default=ROUNDS, help="runs of each -j setting")
    parser.add_argument("--jobs", default="1,2", help="the -j settings to compare (with 1, 2)")
    parser.add_argument("--data", type=Path, default=DATA, help="Earnings-21 hyp folder")
    parser.add_argument("--no-dask", action="store_true", help="leave out the Dask run")
    parser.add_argument("--no-record", action="store_true", help=f"do not append to {RESULTS}")
    return parser.parse_args(argv)


def measure(args: argparse.Namespace, tmp: Path) -> Measured:
    load = os.getloadavg()[0]
    data = tmp / "transcripts"
    words = cut(args.data, data, args.files)
    jobs = sorted({1, 2, *(int(j) for j in args.jobs.split(","))})
    run_fix(data, tmp / "out-warm", "-j", "1")  # builds any cache; not counted
    runs, same = measure_jobs(data, tmp, jobs, args.rounds)
    reference = snapshot(tmp / "out-j1-0")
    cluster = None if args.no_dask else measure_dask(data, tmp, reference)
    skip = measure_skip(data, tmp)
    same = same and snapshot(tmp / "out-skip") == reference
    return Measured(args.files, words, load, runs, same, cluster, skip, worker_setup_s())


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="cleanup-scale-") as tmp:
        measured = measure(args, Path(tmp))
    cells = row(measured)
    print(format_table(COLUMNS, [cells]))
    print("\nthroughput by workers (efficiency: files/s per worker against -j 1):")
    print(format_table(WORKER_COLUMNS[2:], growth(measured)))
    print(f"\nprojection ({CLUSTER_CORES} cores, {CLUSTER_FILES:,} transcripts):")
    for line in projection(costs_of(measured)):
        print(f"  {line}")
    if measured.load > 0.5:
        print(f"\nnote: load average {measured.load:.2f} before the run: the machine was busy")
    if not args.no_record:
        command = command_line(__file__, argv)
        path = record(SECTION, COLUMNS, [cells], command=command, intro=INTRO)
        rows = [[str(measured.files), f"{measured.load:.2f}", *r] for r in growth(measured)]
        record(f"{SECTION}-workers", WORKER_COLUMNS, rows, command=command, intro=WORKER_INTRO)
        cluster = [projection_cells(costs_of(measured))]
        record(f"{SECTION}-cluster", CLUSTER_COLUMNS, cluster, command=command, intro=CLUSTER_INTRO)
        print(f"recorded in {path} under '## {SECTION}', '-workers' and '-cluster'")
    return 0


if __name__ == "__main__":
    sys.exit(main())
