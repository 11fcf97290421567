"""Document-size scaling, for ``bench/speed.py --scaling``: words per CPU second and peak
memory of cleaning one document of each size, with the bundled lexicons.

Each document is made of the seeds' non-empty lines (``seeds/*.txt``) drawn at random
with a fixed seed until the size is reached (so no two sizes share a layout by chance),
written to a temporary file and cleaned in a fresh process as ``cleanup fix`` cleans one
file (``Cleaner().run``; warmed on a short text first, so that start-up and cache
building are not counted). Peak memory is that process's peak RSS (``ru_maxrss``). The
ratio column is each size's words per second over the smallest size's (target: within
20%, i.e. at least 0.8), measured in the same run.
"""

from __future__ import annotations

import random
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from common import ROOT, fmt_num

SCALING_SECTION = "document-size scaling"
SCALING_COLUMNS = (
    "size MB",
    "words",
    "seconds",
    "CPU s",
    "words/CPU s",
    "ratio",
    "peak MiB",
)
SCALING_INTRO = (
    "One document per size, cleaned in a fresh process with the bundled lexicons "
    "(bench/docsize.py); words per CPU second (wall seconds vary with the machine's load); "
    "ratio: over the smallest size's, same run (target >= 0.8); "
    "peak MiB: peak RSS (target < 500)."
)
DEFAULT_SIZES_MB = (1.0, 20.0)

SCRIPT = """
import resource, sys, time
from pathlib import Path
from cleanup.cleaner import Cleaner
cleaner = Cleaner()
cleaner.warm()
text = Path(sys.argv[1]).read_text(encoding="utf-8")
start, cpu = time.perf_counter(), time.process_time()
result = cleaner.run(text)
size = len(result.output)
seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
print(seconds, cpu, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, size)
"""


@dataclass(frozen=True)
class SizeRun:
    """One document: its size (MB), words, wall and CPU seconds to clean, peak RSS (MiB)."""

    mb: float
    words: int
    seconds: float
    cpu_s: float
    peak_mib: float

    @property
    def wps(self) -> float:
        """Words per CPU second."""
        return self.words / self.cpu_s


def document(megabytes: float, seed: int = 7) -> str:
    """Seed lines drawn at random (fixed seed) until ``megabytes`` MB of text."""
    lines = [
        line
        for path in sorted((ROOT / "seeds").glob("*.txt"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    draw = random.Random(seed)
    wanted, size, chosen = int(megabytes * 1_000_000), 0, []
    while size < wanted:
        line = draw.choice(lines)
        chosen.append(line)
        size += len(line.encode("utf-8")) + 1
    return "\n".join(chosen) + "\n"


def measure(megabytes: float, folder: Path, env: dict[str, str]) -> SizeRun:
    text = document(megabytes)
    path = folder / f"doc-{megabytes:g}mb.txt"
    path.write_text(text, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(path)],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    seconds, cpu, peak, _ = done.stdout.split()
    return SizeRun(megabytes, len(text.split()), float(seconds), float(cpu), float(peak))


def rows(runs: Sequence[SizeRun]) -> list[list[str]]:
    base = runs[0].wps
    return [
        [
            f"{run.mb:g}",
            f"{run.words:,}",
            fmt_num(run.seconds, 1),
            fmt_num(run.cpu_s, 1),
            fmt_num(run.wps),
            fmt_num(run.wps / base, 2),
            fmt_num(run.peak_mib),
        ]
        for run in runs
    ]
