"""Ablation of the sound-alike engine on Earnings-21: what each part of the score adds.

Usage (from the repository root, after ``python3 -m pip install '.[bench]'``)::

    python3 bench/ablation.py                 # google and rev-kaldi, all calls; records rows
    python3 bench/ablation.py --limit 3 --no-record

Each variant is the default preset with one part of the score switched off; the figures
are pooled over all calls of a recogniser, with the oracle lexicon, as in ``e21.py``.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from common import RESULTS, command_line, fmt_pct, print_table, record  # noqa: E402
from e21 import (  # noqa: E402
    Measured,
    cleanup_cleaner,
    data_parser,
    load_pairs,
    measure,
    missing_data,
)

from cleanup.config import Config  # noqa: E402
from cleanup.eval.metrics import Scorer, phrases_from  # noqa: E402
from cleanup.lexicon.files import load  # noqa: E402
from cleanup.soundalike.decision import PRESETS, Params  # noqa: E402

SECTION = "ablation"
INTRO = (
    "Sound-alike engine on Earnings-21 (`bench/ablation.py`), oracle lexicon, all calls:\n"
    "the default preset with one part of the score switched off."
)
RECOGNISERS = ("google", "rev-kaldi")
BASE = PRESETS["default"]
VARIANTS: dict[str, Params] = {
    "default": BASE,
    "no language model": replace(BASE, lm_weight=0.0),
    "no mentions": replace(BASE, mention_weight=0.0, related_weight=0.0),
    "no unknown-word bonus": replace(BASE, unknown_bonus=0.0),
    "no self-mentions": replace(BASE, self_weight=0.0),
    "no same-letters bonus": replace(BASE, letters_bonus=0.0),
    "sound only (distance <= 0.1)": replace(
        BASE, lm_weight=0.0, mention_weight=0.0, unknown_bonus=0.0, change_cost=-1.4
    ),
}
RESULT_COLUMNS = ("variant", "recogniser", "B-WER raw / cleaned", "U-WER", "precision", "recall")


def config_for(params: Params) -> Config:
    """The default config with this variant's sound-alike parameters."""
    return Config(tuning=params)


def cells(name: str, raw: Measured, cleaned: Measured) -> tuple[str, ...]:
    c = cleaned.counts
    return (
        name,
        cleaned.recogniser,
        f"{fmt_pct(raw.counts.b_wer, sign='')} / {fmt_pct(c.b_wer, sign='')}",
        fmt_pct(c.u_wer),
        fmt_pct(c.precision),
        fmt_pct(c.recall),
    )


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = data_parser(__doc__.split("\n", 1)[0]).parse_args(argv)
    if missing_data(args.data):
        return 2
    lexicon = load(args.data / "lexicon" / "oracle.txt")
    scorer = Scorer(phrases_from(lexicon))
    shown, results = [], []
    for recogniser in RECOGNISERS:
        pairs = load_pairs(args.data, recogniser, args.limit)
        raw = measure(recogniser, "raw", None, pairs, scorer)
        for name, params in VARIANTS.items():
            cleaner = cleanup_cleaner(lexicon, config_for(params))
            cleaned = measure(recogniser, name, cleaner, pairs, scorer)
            results.append(cells(name, raw, cleaned))
            shown.append(results[-1])
    print_table(RESULT_COLUMNS, shown)
    if not args.no_record:
        command = command_line(__file__, argv)
        record(SECTION, RESULT_COLUMNS, results, command=command, intro=INTRO, path=RESULTS)
    return 0


if __name__ == "__main__":
    sys.exit(main())
