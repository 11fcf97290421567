"""Spelling suggestions that waste a reviewer's time: how many the review-only step makes.

On the Earnings-21 development references (``../shared/bench/e21/ref``, human transcripts:
nearly every suggestion there is false) it counts suggestions per 10,000 words (target:
at most 5), and on ``seeds/001``-``004`` lists every suggestion (target: only the seeds'
two real typos, ``onlie`` and ``tge``). The spelling step runs alone with the bundled
lexicons, as ``cleanup fix --select spelling`` would.

Usage: ``python3 bench/spelling.py [--data DIR] [--show N] [--no-record]``.
"""

from __future__ import annotations

import sys
from collections import Counter

from common import ROOT, command_line, print_table, record
from e21 import data_parser, missing_data

from cleanup.config import Config
from cleanup.context import Resources
from cleanup.document import Document
from cleanup.lexicon.files import bundled_paths, load_all
from cleanup.pipeline import run

SEEDS = ("001", "002", "003", "004")
TYPOS = frozenset({"onlie", "tge"})  # the seeds' real typos: the only suggestions wanted
TARGET_PER_10K = 5.0
SPELLING = Config().choose(select=["spelling"])


def suggestions(text: str, resources: Resources) -> list[tuple[str, str]]:
    """(before, after) of every spelling suggestion for ``text``."""
    result = run(Document(text), SPELLING, resources)
    return [(e.before, e.after) for e in result.edits if e.step == "spelling"]


def seed_texts() -> list[tuple[str, str]]:
    return [
        (path.name, path.read_text("utf-8"))
        for s in SEEDS
        for path in ROOT.glob(f"seeds/{s}_*.txt")
    ]


def main(argv: list[str] | None = None) -> int:
    parser = data_parser(__doc__.split("\n", 1)[0])
    parser.add_argument("--show", type=int, default=30, help="most common suggestions to print")
    args = parser.parse_args(argv)
    if missing_data(args.data):
        return 2
    resources = Resources(load_all(bundled_paths()))
    words, made = 0, Counter[tuple[str, str]]()
    for path in sorted((args.data / "ref").glob("*.txt"))[: args.limit]:
        text = path.read_text("utf-8")
        words += len(text.split())
        made.update(suggestions(text, resources))
    per_10k = 10_000 * sum(made.values()) / max(words, 1)
    print(f"Earnings-21 references: {words:,} words, {sum(made.values())} suggestions")
    print_table(
        ["count", "before", "after"], [[str(n), b, a] for (b, a), n in made.most_common(args.show)]
    )
    seeds = Counter[tuple[str, str]]()
    for _, text in seed_texts():
        seeds.update(suggestions(text, resources))
    print("seeds/001-004:", ", ".join(f"{b}->{a}" for (b, a) in sorted(seeds)) or "none")
    wrong = sorted({b for b, _ in seeds if b.casefold() not in TYPOS})
    missed = sorted(TYPOS - {b.casefold() for b, _ in seeds})
    ok = per_10k <= TARGET_PER_10K and not wrong and not missed
    row = [
        f"{words:,}",
        str(sum(made.values())),
        f"{per_10k:.2f}",
        ", ".join(sorted({b for b, _ in seeds})) or "none",
        ", ".join(wrong) or "none",
        "yes" if ok else "no",
    ]
    columns = ["E21 words", "suggestions", "per 10k words", "seed suggestions", "seed false", "ok"]
    print_table(columns, [row])
    if not args.no_record:
        record(
            "spelling",
            columns,
            [row],
            command=command_line(__file__, sys.argv[1:] if argv is None else argv),
            intro="`bench/spelling.py`: review-only spelling suggestions on the Earnings-21 "
            "development references (target: at most 5 per 10,000 words) and on seeds "
            "001-004 (target: only `onlie` and `tge`).",
        )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
