"""``cleanup eval``: WER, B-WER, U-WER and lexicon-phrase metrics of hypotheses."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import click

from cleanup import exitcodes
from cleanup.cli.options import (
    common_options,
    fail,
    interrupted,
    jobs_option,
    load_settings,
    make_cleaner,
)
from cleanup.eval import report as evalreport
from cleanup.eval import runner as evalrun
from cleanup.eval.metrics import Scorer, phrases_from
from cleanup.lexicon.files import load_all
from cleanup.lexicon.model import LexiconError
from cleanup.pool import WorkerDied, worker_count
from cleanup.report.output import Consoles
from cleanup.settings import Settings
from cleanup.textio import InputError


@click.command(name="eval")
@click.argument("hypotheses", nargs=-1, required=True, metavar="HYP...")
@click.option(
    "-r",
    "--reference",
    required=True,
    metavar="REF",
    help="The reference transcript: a file, or a folder of files named like the hypotheses.",
)
@click.option(
    "--clean",
    "--before",
    "clean",
    is_flag=True,
    help="Also score each hypothesis as 'cleanup fix' would clean it, and show the change.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(evalreport.FORMATS),
    default="table",
    help="table (default) or json.",
)
@jobs_option("Clean (--clean)")
@common_options
def eval_command(
    hypotheses: tuple[str, ...], reference: str, clean: bool, fmt: str, jobs: int, **options: Any
) -> None:
    """Score hypothesis transcripts HYP... (files or folders) against references.

    Prints WER per file and pooled in total; with -l lexicons also B-WER, U-WER and the
    lexicon phrases' recall, precision and cased recall. The -l files are the biasing
    list; --no-builtin, --select, --ignore and --min-confidence only matter for --clean.
    """
    biasing = tuple(options["lexicons"])
    settings = load_settings(options)
    scorer = _scorer(biasing)
    try:
        groups = evalrun.pair_up(reference, hypotheses, settings.include, settings.exclude)
        with ExitStack() as stack:
            cleaning = _cleaning(stack, settings, jobs) if clean else None
            scores = evalrun.score_groups(groups, scorer, cleaning)
    except (InputError, WorkerDied) as exc:
        fail(str(exc))
    except KeyboardInterrupt:
        interrupted(Consoles().err, "nothing was scored")
    consoles = Consoles()
    for note in evalreport.notes(scores):
        consoles.err.print(note, markup=False, highlight=False)
    view = evalreport.View(reference, biasing, clean)
    evalreport.show(scores, view, fmt, consoles.out)
    sys.exit(exitcodes.CLEAN)


def _cleaning(stack: ExitStack, settings: Settings, jobs: int) -> evalrun.CleanAll:
    """How ``--clean`` cleans the hypotheses: here, or in ``jobs`` worker processes."""
    cleaner = stack.enter_context(make_cleaner(settings))

    def clean_all(named: Sequence[tuple[str, str]]) -> list[str]:
        count = worker_count(jobs, len(named))
        if count == 1:
            return [cleaner.clean(text) for _, text in named]
        from cleanup.io import parallel  # noqa: PLC0415 (only with -j)

        with parallel.workers(cleaner, count) as pool:
            return parallel.cleaned_texts(pool, named)

    return clean_all


def _scorer(paths: Sequence[str]) -> Scorer:
    try:
        lexicon = load_all(Path(p) for p in paths)
    except LexiconError as exc:
        fail(str(exc))
    return Scorer(phrases_from(lexicon))
