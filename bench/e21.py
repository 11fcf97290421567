"""Earnings-21 benchmark: raw ASR output vs `cleanup fix` vs a naive symspellpy peer.

Usage (from the repository root, after ``python3 -m pip install '.[bench]'``)::

    python3 bench/e21.py                      # all recognisers, oracle lexicon, records rows
    python3 bench/e21.py --lexicon distractor # the list with unused entries added
    python3 bench/e21.py --limit 3 --no-record

Data: ``../shared/bench/e21`` (Earnings-21, CC BY-SA 4.0; see its README and LICENSE.md).
Cleaning uses only the benchmark's lexicon (no bundled lexicons), default settings.
Metrics are those of ``cleanup eval`` (README, "Evaluation").
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

BENCH = Path(__file__).resolve().parent
if str(BENCH) not in sys.path:
    sys.path.insert(0, str(BENCH))

from common import RESULTS, ROOT, command_line, fmt_num, fmt_pct, print_table, record  # noqa: E402
from peers import SymSpellPeer  # noqa: E402

from cleanup.config import Config  # noqa: E402
from cleanup.context import Resources  # noqa: E402
from cleanup.document import Document  # noqa: E402
from cleanup.eval.metrics import Counts, Scorer, phrases_from  # noqa: E402
from cleanup.lexicon.files import load  # noqa: E402
from cleanup.lexicon.model import Lexicon  # noqa: E402
from cleanup.pipeline import run  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "bench" / "e21"
RECOGNISERS = ("google", "rev-kaldi", "kaldi-librispeech")
TARGET_RECOGNISERS = ("google", "rev-kaldi")
SYSTEMS = ("raw", "cleanup", SymSpellPeer.name)
# The targets for cleanup against the raw output (checked on google and rev-kaldi).
TARGET_B_WER_RATIO = Fraction(3, 4)  # B-WER down by 25% (relative) at least
TARGET_U_WER_RISE = Fraction(5, 10_000)  # U-WER up by 0.05 percentage points at most
TARGET_PRECISION = Fraction(9, 10)  # phrase precision 90% at least
SECTION = "e21"
INTRO = """\
Earnings-21 calls (`bench/e21.py`; all 33 unless the command has `--limit`): raw
recogniser output vs `cleanup fix` with the benchmark's lexicon only vs a naive symspellpy
peer (`bench/peers.py`). One row per recogniser; each metric cell is raw / cleanup / peer
in percent (B-WER, U-WER, WER: lower is better). Targets (google, rev-kaldi): cleanup
B-WER -25% relative, U-WER +0.05 points at most, precision >= 90%."""
RESULT_COLUMNS = (
    "lexicon",
    "recogniser",
    "B-WER",
    "U-WER",
    "precision",
    "recall",
    "cased recall",
    "WER raw / cleanup",
    "cleanup words/s",
    "peer words/s",
    "targets",
)
Cleaner = Callable[[str], str]


@dataclass(frozen=True)
class Pair:
    name: str
    reference: str
    hypothesis: str


@dataclass(frozen=True)
class Measured:
    recogniser: str
    system: str
    counts: Counts
    words: int
    seconds: float

    @property
    def words_per_second(self) -> float | None:
        return self.words / self.seconds if self.seconds > 0 else None


def load_pairs(data: Path, recogniser: str, limit: int | None) -> list[Pair]:
    folder = data / "hyp" / recogniser
    pairs = []
    for hyp in sorted(folder.glob("*.txt"))[:limit]:
        ref = data / "ref" / hyp.name
        pairs.append(Pair(hyp.name, ref.read_text("utf-8"), hyp.read_text("utf-8")))
    return pairs


def measure(
    recogniser: str, system: str, clean: Cleaner | None, pairs: Sequence[Pair], scorer: Scorer
) -> Measured:
    total = Counts()
    words, seconds = 0, 0.0
    for pair in pairs:
        hypothesis = pair.hypothesis
        if clean is not None:
            started = time.perf_counter()
            hypothesis = clean(pair.hypothesis)
            seconds += time.perf_counter() - started
            words += len(pair.hypothesis.split())
        total = total + scorer.score(pair.reference, hypothesis)
    return Measured(recogniser, system, total, words, seconds)


def cleanup_cleaner(lexicon: Lexicon, config: Config) -> Cleaner:
    """What ``cleanup fix --no-builtin -l LEXICON`` writes (no user lexicon or ignore list)."""
    resources = Resources(lexicon)
    return lambda text: run(Document(text), config, resources).output


def _ratio(numerator: int, denominator: int) -> Fraction | None:
    return Fraction(numerator, denominator) if denominator else None


def verdict(raw: Counts, cleaned: Counts) -> str:
    """The issue's targets: B-WER -25% relative, U-WER +0.05 points at most, precision >= 90%.

    Exact (fractions of the counts, no rounding). ``n/a`` when raw or cleaned text has no
    biased or no unbiased reference words; no phrase in the cleaned text is precision 0.
    """
    raw_b = _ratio(raw.biased_errors, raw.biased_words)
    raw_u = _ratio(raw.unbiased_errors, raw.unbiased_words)
    clean_b = _ratio(cleaned.biased_errors, cleaned.biased_words)
    clean_u = _ratio(cleaned.unbiased_errors, cleaned.unbiased_words)
    if raw_b is None or raw_u is None or clean_b is None or clean_u is None:
        return "n/a"
    precision = _ratio(cleaned.correct_hyp_phrases, cleaned.hyp_phrases) or Fraction(0)
    checks = [
        clean_b <= TARGET_B_WER_RATIO * raw_b,
        clean_u - raw_u <= TARGET_U_WER_RISE,
        precision >= TARGET_PRECISION,
    ]
    return "met" if all(checks) else "not met"


HEADER = (
    "recogniser",
    "system",
    "WER",
    "B-WER",
    "U-WER",
    "recall",
    "precision",
    "cased recall",
    "words/s",
    "targets",
)


def row(m: Measured, raw: Counts) -> tuple[str, ...]:
    c = m.counts
    target = "" if m.system == "raw" or m.recogniser not in TARGET_RECOGNISERS else verdict(raw, c)
    wps = m.words_per_second
    return (
        m.recogniser,
        m.system,
        fmt_pct(c.wer),
        fmt_pct(c.b_wer),
        fmt_pct(c.u_wer),
        fmt_pct(c.recall),
        fmt_pct(c.precision),
        fmt_pct(c.cased_recall),
        fmt_num(wps, missing=""),
        target,
    )


def result_row(lexicon: str, recogniser: str, measured: Sequence[Measured]) -> list[str]:
    """One RESULTS.md row (RESULT_COLUMNS) from the raw, cleanup and peer runs of a recogniser."""
    by_system = {m.system: m for m in measured}
    raw, cleaned, peer = (by_system[name] for name in SYSTEMS)

    def points(metric: Callable[[Counts], float | None], runs: Sequence[Measured]) -> str:
        return " / ".join(fmt_pct(metric(m.counts), sign="") for m in runs)

    three = (raw, cleaned, peer)
    return [
        lexicon,
        recogniser,
        points(lambda c: c.b_wer, three),
        points(lambda c: c.u_wer, three),
        points(lambda c: c.precision, three),
        points(lambda c: c.recall, three),
        points(lambda c: c.cased_recall, three),
        points(lambda c: c.wer, (raw, cleaned)),
        fmt_num(cleaned.words_per_second),
        fmt_num(peer.words_per_second),
        verdict(raw.counts, cleaned.counts) if recogniser in TARGET_RECOGNISERS else "-",
    ]


def data_parser(description: str) -> argparse.ArgumentParser:
    """The options every Earnings-21 script takes: --data, --limit, --no-record."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=None, help="at most N calls per recogniser")
    parser.add_argument("--no-record", action="store_true", help="do not append to RESULTS.md")
    return parser


def missing_data(data: Path) -> bool:
    """Say so on stderr when there is no Earnings-21 data in ``data``."""
    if (data / "ref").is_dir():
        return False
    print(f"error: no Earnings-21 data in {data}; pass --data DIR", file=sys.stderr)
    return True


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = data_parser(__doc__.split("\n", 1)[0])
    parser.add_argument("--lexicon", choices=("oracle", "distractor"), default="oracle")
    parser.add_argument("--recogniser", action="append", choices=RECOGNISERS)
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = parse(argv)
    if missing_data(args.data):
        return 2
    lexicon = load(args.data / "lexicon" / f"{args.lexicon}.txt")
    phrases = phrases_from(lexicon)
    scorer = Scorer(phrases)
    cleaners: tuple[Cleaner | None, ...] = (
        None,
        cleanup_cleaner(lexicon, Config()),
        SymSpellPeer(phrases).clean,
    )
    rows, results = [], []
    for recogniser in args.recogniser or RECOGNISERS:
        pairs = load_pairs(args.data, recogniser, args.limit)
        measured = [
            measure(recogniser, name, clean, pairs, scorer)
            for name, clean in zip(SYSTEMS, cleaners, strict=True)
        ]
        rows += [row(m, measured[0].counts) for m in measured]
        results.append(result_row(args.lexicon, recogniser, measured))
    print_table(HEADER, rows)
    if not args.no_record:
        command = command_line(__file__, argv)
        path = record(SECTION, RESULT_COLUMNS, results, command=command, intro=INTRO, path=RESULTS)
        print(f"\nrecorded in {path} under '## {SECTION}'")
    return 0


if __name__ == "__main__":
    sys.exit(main())
