"""Earnings-21 benchmark: raw ASR output vs `cleanup fix` vs a naive symspellpy peer.

Usage (from the repository root, after ``python3 -m pip install '.[bench]'``)::

    python3 bench/e21.py                      # all recognisers, oracle lexicon, records a row
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
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))

from common import fmt_pct, print_table, record  # noqa: E402
from peers import SymSpellPeer  # noqa: E402

from cleanup.config import Config  # noqa: E402
from cleanup.document import Document  # noqa: E402
from cleanup.evaluate import Counts, Scorer, phrases_from  # noqa: E402
from cleanup.lexicon import Lexicon, load  # noqa: E402
from cleanup.pipeline import run  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "bench" / "e21"
RECOGNISERS = ("google", "rev-kaldi", "kaldi-librispeech")
TARGET_RECOGNISERS = ("google", "rev-kaldi")
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
    return lambda text: run(Document(text), config, lexicon).output


def verdict(raw: Counts, cleaned: Counts) -> str:
    """The issue's targets: B-WER -25% relative, U-WER +0.05 points at most, precision >= 90%."""
    if raw.b_wer is None or cleaned.b_wer is None or raw.u_wer is None or cleaned.u_wer is None:
        return "n/a"
    checks = [
        cleaned.b_wer <= 0.75 * raw.b_wer,
        cleaned.u_wer - raw.u_wer <= 0.0005,
        (cleaned.precision or 0.0) >= 0.90,
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
        "" if wps is None else f"{wps:,.0f}",
        target,
    )


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--lexicon", choices=("oracle", "distractor"), default="oracle")
    parser.add_argument("--recogniser", action="append", choices=RECOGNISERS)
    parser.add_argument("--limit", type=int, default=None, help="at most N calls per recogniser")
    parser.add_argument("--no-record", action="store_true", help="do not append to RESULTS.md")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse(argv)
    if not (args.data / "ref").is_dir():
        print(f"error: no Earnings-21 data in {args.data}; pass --data DIR", file=sys.stderr)
        return 2
    lexicon = load(args.data / "lexicon" / f"{args.lexicon}.txt")
    phrases = phrases_from(lexicon)
    scorer = Scorer(phrases)
    systems: dict[str, Cleaner | None] = {
        "raw": None,
        "cleanup": cleanup_cleaner(lexicon, Config()),
        SymSpellPeer.name: SymSpellPeer(phrases).clean,
    }
    rows = []
    for recogniser in args.recogniser or RECOGNISERS:
        pairs = load_pairs(args.data, recogniser, args.limit)
        measured = [
            measure(recogniser, name, clean, pairs, scorer) for name, clean in systems.items()
        ]
        rows += [row(m, measured[0].counts) for m in measured]
    print_table(HEADER, rows)
    if not args.no_record:
        extra = f"lexicon {args.lexicon}" + (f", {args.limit} calls" if args.limit else "")
        record("e21", HEADER, rows, note=extra)
    return 0


if __name__ == "__main__":
    sys.exit(main())
