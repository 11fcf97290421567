"""How fast ``cleanup lexicon simulate`` hears a lexicon, per term, on one core.

Usage (from the repository root, after ``python3 -m pip install '.[simulate]'``)::

    python3 bench/simulate.py                      # 24 terms of the bundled lexicon
    python3 bench/simulate.py --terms 60 --recogniser whisper --recogniser sphinx

The terms are said with no cache (every term is said and recognised again), by the
command's default voices and recognisers unless told otherwise, in one process. The
table gives CPU seconds per term (the process's own CPU time, so a loaded machine
inflates it less than wall time) and the heard forms found; a row goes to
``bench/RESULTS.md`` (``simulate``). Target: about 1-3 s of one core per term.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

BENCH = Path(__file__).resolve().parent
if str(BENCH) not in sys.path:
    sys.path.insert(0, str(BENCH))

from common import command_line, print_table, record  # noqa: E402

from cleanup.lexicon.files import bundled_paths, distinct_entries  # noqa: E402
from cleanup.simulate import DEFAULT_RECOGNISERS, DEFAULT_VOICES  # noqa: E402
from cleanup.simulate.heard import simulator  # noqa: E402

COLUMNS = ("terms", "voices", "recognisers", "CPU s / term", "wall s / term", "heard forms")


def parse(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--terms", type=int, default=24, help="how many terms to say")
    parser.add_argument("--voice", action="append", choices=("piper", "espeak"))
    parser.add_argument("--recogniser", action="append", choices=("whisper", "sphinx"))
    parser.add_argument("--no-record", action="store_true")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse(sys.argv[1:] if argv is None else argv)
    voices = tuple(args.voice or DEFAULT_VOICES)
    recognisers = tuple(args.recogniser or DEFAULT_RECOGNISERS)
    entries = distinct_entries(bundled_paths())[: args.terms]
    machine = simulator(voices, recognisers, None)
    machine.simulate(entries[:1])  # load the models before timing
    cpu, wall = time.process_time(), time.perf_counter()
    heard = machine.simulate(entries)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    row = [
        str(len(entries)),
        " ".join(voices),
        " ".join(recognisers),
        f"{cpu / len(entries):.2f}",
        f"{wall / len(entries):.2f}",
        str(sum(len(entry.heard) for entry in heard)),
    ]
    print_table(COLUMNS, [row])
    if not args.no_record:
        command = command_line("bench/simulate.py", sys.argv[1:] if argv is None else argv)
        intro = (
            "`cleanup lexicon simulate` on the first terms of the bundled lexicon, no cache, "
            "one process (`python3 bench/simulate.py`): CPU and wall seconds per term. "
            "Target: about 1-3 s of one core per term."
        )
        record("simulate", COLUMNS, [row], command=command, intro=intro)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
