"""The seeds as an editor reads them: a check, never a tuning target.

Usage (from the repository root)::

    python3 bench/seeds.py            # print the report, record a row in bench/RESULTS.md
    python3 bench/seeds.py --no-record

1. ``seeds/000_*`` (a real ASR transcript of a news podcast) cleaned with default
   settings and only ``bench/seeds/newsroom.txt``: the story's canonical names as a
   newsroom writes them, with no variant or heard form of any misrecognition in that
   transcript. ``bench/seeds/editor_fixes.tsv`` is an editor's answer key, written apart
   from the engine: where the transcript's words are a misheard name (each row is
   *fixed*, *suggested*, *missed* or *wrong*), and where ordinary words that sound like
   a name must stay (*kept* or *touched*).
2. ``seeds/001``-``004`` (clean news articles): every edit of a default run with the
   newsroom list and with the bundled lexicons, printed with its reason, so that each can
   be checked by eye. A good corrector changes almost nothing in them.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
if str(BENCH) not in sys.path:
    sys.path.insert(0, str(BENCH))

from common import RESULTS, ROOT, command_line, print_table, record  # noqa: E402

from cleanup.cleaner import Cleaner  # noqa: E402
from cleanup.edits import Edit  # noqa: E402
from cleanup.settings import Settings  # noqa: E402

SEEDS = ROOT / "seeds"
DATA = BENCH / "seeds"
SECTION = "seeds"
INTRO = """\
`seeds/000_*` (a real news-podcast transcript) cleaned with default settings and only a
newsroom's plain list of the story's names (`bench/seeds/newsroom.txt`), scored against
an editor's answer key (`bench/seeds/editor_fixes.tsv`); and the number of edits in the
clean articles `seeds/001`-`004` with that list and with the bundled lexicons
(`python3 bench/seeds.py` prints each with its reason). A check, never a tuning target."""
COLUMNS = (
    "names to fix",
    "fixed",
    "suggested",
    "missed",
    "wrong",
    "kept",
    "touched",
    "001-004 edits (list)",
    "001-004 edits (bundled)",
)


@dataclass(frozen=True)
class Key:
    """One row of the answer key: ``heard`` on ``line`` (1-based) should be ``term``, or
    stay as it is when ``term`` is empty."""

    line: int
    heard: str
    term: str
    nth: int  # which occurrence of ``heard`` on the line (1-based)


def read_key(path: Path) -> list[Key]:
    """The answer key's rows. Raises ValueError naming the file and line of a bad row."""
    keys: list[Key] = []
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.reader(
            (r for r in handle if r.strip() and not r.startswith("#")), delimiter="\t"
        )
        for number, row in enumerate(rows, start=1):
            if number == 1:
                continue  # the header
            if len(row) < 3:
                raise ValueError(f"{path}: row {number}: want line, heard, term, note")
            note = row[3] if len(row) > 3 else ""
            nth = 2 if "#2" in note else 1
            keys.append(Key(int(row[0]), row[1], row[2], nth))
    return keys


def span_of(text: str, key: Key) -> tuple[int, int]:
    """Character span of the key's words in ``text``. Raises ValueError when absent."""
    lines = text.split("\n")
    offset = sum(len(line) + 1 for line in lines[: key.line - 1])
    at = -1
    for _ in range(key.nth):
        at = lines[key.line - 1].find(key.heard, at + 1)
        if at < 0:
            raise ValueError(f"line {key.line}: {key.heard!r} is not on that line")
    return offset + at, offset + at + len(key.heard)


def verdict(key: Key, span: tuple[int, int], edits: Sequence[Edit]) -> str:
    start, end = span
    near = [e for e in edits if e.step == "soundalike" and e.start < end and start < e.end]
    if not key.term:
        return "touched" if near else "kept"
    wanted = {key.term.casefold(), f"{key.term}'s".casefold()}  # a possessive heard as such
    right = [e for e in near if e.after.casefold() in wanted]
    if any(e.applied for e in right):
        return "fixed"
    if right:
        return "suggested"
    return "wrong" if any(e.applied for e in near) else "missed"


def cleaner(lexicons: tuple[Path, ...], builtin: bool) -> Cleaner:
    settings = Settings(lexicons=lexicons, builtin=builtin, user_lexicon=None, ignore_list=None)
    return Cleaner(settings)


def seed_000(report: list[list[str]]) -> Counter[str]:
    (path,) = SEEDS.glob("000_*.txt")
    text = path.read_text(encoding="utf-8")
    result = cleaner((DATA / "newsroom.txt",), builtin=False).run(text, path.name)
    counts: Counter[str] = Counter()
    for key in read_key(DATA / "editor_fixes.tsv"):
        span = span_of(text, key)
        found = verdict(key, span, result.edits)
        counts[found] += 1
        report.append([str(key.line), key.heard, key.term or "(stay)", found])
    return counts


def clean_articles(lexicons: tuple[Path, ...], builtin: bool, label: str) -> int:
    run = cleaner(lexicons, builtin)
    total = 0
    for path in sorted(SEEDS.glob("00[1-4]_*.txt")):
        result = run.run(path.read_text(encoding="utf-8"), path.name)
        for edit in result.edits:
            if not edit.applied:
                continue
            total += 1
            print(
                f"  [{label}] {path.name[:3]} {edit.step}: {edit.before!r} -> {edit.after!r}"
                f" ({edit.confidence:.2f}) {edit.reason[:160]}"
            )
    return total


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--no-record", action="store_true")
    args = parser.parse_args(argv)
    report: list[list[str]] = []
    counts = seed_000(report)
    print_table(("line", "heard", "should be", "result"), report)
    print("edits in the clean articles (applied):")
    listed = clean_articles((DATA / "newsroom.txt",), builtin=False, label="list")
    bundled = clean_articles((), builtin=True, label="bundled")
    names = sum(counts[k] for k in ("fixed", "suggested", "missed", "wrong"))
    row = [
        str(names),
        *(str(counts[k]) for k in ("fixed", "suggested", "missed", "wrong", "kept", "touched")),
        str(listed),
        str(bundled),
    ]
    print_table(COLUMNS, [row])
    if not args.no_record:
        record(
            SECTION, COLUMNS, [row], command=command_line(__file__, argv), intro=INTRO, path=RESULTS
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
