"""``cleanup review``: decide each proposed edit with one key, file by file."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from cleanup.cleaner import Cleaner
from cleanup.cli.options import (
    collect_inputs,
    common_options,
    fail,
    interrupted,
    jobs_option,
    load_settings,
    make_cleaner,
    read_stdin,
    targets_for,
)
from cleanup.io.batch import Outcome, clean_one
from cleanup.io.discovery import STDIN, InputFile
from cleanup.pool import worker_count
from cleanup.report.output import Consoles
from cleanup.review import run as reviews
from cleanup.review.keys import for_stdin
from cleanup.review.session import ORDERS


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "-o",
    "--output-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write the reviewed copies here, mirroring the input tree (default: in place).",
)
@click.option("--all", "ask_all", is_flag=True, help="Ask about every edit, not only suggestions.")
@click.option(
    "--order",
    type=click.Choice(ORDERS),
    default="confidence",
    show_default=True,
    help="Ask lowest confidence first, or in document order.",
)
@click.option(
    "--discard-decisions",
    "discard",
    is_flag=True,
    help="Forget the decisions saved for these files and review them afresh.",
)
@jobs_option("Prepare the files")
@common_options
def review(
    paths: tuple[str, ...],
    output_dir: Path | None,
    ask_all: bool,
    order: reviews.Order,
    discard: bool,
    *,
    jobs: int,
    **options: Any,
) -> None:
    """Review the edits proposed for PATHS (files or directories), one key per decision.

    Confident edits are applied without asking (--all asks about them too); decisions
    are saved next to each file (FILE.cleanup.json), so q and a later run resume, and
    'cleanup fix' honours them. Press ? at a question for the keys.
    """
    settings = load_settings(options)
    if STDIN in paths:
        fail("review reads your answers from stdin; pass files or directories, not -")
    items = collect_inputs(paths, settings, output_dir)
    targets = targets_for(items, output_dir)
    cleaner = make_cleaner(settings)
    plan = reviews.Plan(ask_all, order, discard, settings.user_lexicon, settings.ignore_list)
    consoles = Consoles()
    keys = for_stdin(sys.stdin)
    reviewer = reviews.Reviewer(keys, consoles.out, plan, cleaner)
    try:
        with cleaner, prepared(items, cleaner, jobs) as outcomes:
            tally = reviews.review_all(outcomes, targets, reviewer, cleaner.ignore, consoles.err)
    except KeyboardInterrupt:
        interrupted(
            consoles.err,
            "every decision made so far is saved next to its file; run the same command to resume",
        )
    consoles.err.print(tally.line(), markup=False, highlight=False)
    sys.exit(tally.code)


@contextmanager
def prepared(items: list[InputFile], cleaner: Cleaner, jobs: int) -> Iterator[Iterator[Outcome]]:
    """The files' outcomes (decisions not yet honoured), prepared as the review reaches
    them: here, or in ``jobs`` worker processes a few files ahead of the one asked about."""
    count = worker_count(jobs, len(items))
    if count == 1:
        yield (clean_one(item, cleaner, read_stdin, reviewed=False) for item in items)
        return
    from cleanup.io import parallel  # noqa: PLC0415 (only with -j)

    with parallel.workers(cleaner, count) as pool:
        yield parallel.outcomes(pool, items, reviewed=False, in_order=True)
