"""``cleanup review``: decide each proposed edit with one key, file by file."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn

import click

from cleanup import exitcodes
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
from cleanup.decisions import SidecarError
from cleanup.decisions.bundle import import_decisions
from cleanup.io.batch import Outcome, clean_one
from cleanup.io.discovery import STDIN, InputFile
from cleanup.pool import worker_count
from cleanup.report import output
from cleanup.report.output import Consoles
from cleanup.review import run as reviews
from cleanup.review.keys import for_stdin
from cleanup.review.session import ORDERS
from cleanup.settings import Settings


@click.command()
@click.argument("paths", nargs=-1)
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
@click.option(
    "--import-decisions",
    "bundle",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE",
    help="Store the decisions exported from the HTML report (a bundle or a sidecar) "
    "beside their documents, and stop; PATHS, if given, limit it to those documents.",
)
@jobs_option("Prepare the files")
@common_options
def review(
    paths: tuple[str, ...],
    *,
    output_dir: Path | None,
    ask_all: bool,
    order: reviews.Order,
    discard: bool,
    bundle: Path | None,
    jobs: int,
    **options: Any,
) -> None:
    """Review the edits proposed for PATHS (files or directories), one key per decision.

    Confident edits are applied without asking (--all asks about them too); decisions
    are saved next to each file (FILE.cleanup.json), so q and a later run resume, and
    'cleanup fix' honours them. Press ? at a question for the keys.
    """
    settings = load_settings(options)
    if bundle is not None:
        import_and_stop(bundle, paths, settings)
    if not paths:
        raise click.UsageError("Missing argument 'PATHS...'.")
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


def import_and_stop(bundle: Path, paths: tuple[str, ...], settings: Settings) -> NoReturn:
    """``--import-decisions``: store the decisions, say what was stored, exit."""
    only = None
    if paths:
        only = [item.path for item in collect_inputs(paths, settings, None) if item.path]
    try:
        results = import_decisions(bundle, only)
    except SidecarError as exc:
        fail(str(exc))
    for result in results:
        if result.error is not None:
            click.echo(f"error: {result.error}", err=True)
        else:
            decisions = output.plural(result.decisions, "decision")
            replaced = (
                " (replacing those stored for an older or unreadable version)"
                if result.replaced
                else ""
            )
            click.echo(f"{result.name}: imported {decisions}{replaced}", err=True)
    stored = [r for r in results if r.error is None]
    total = sum(r.decisions for r in stored)
    click.echo(
        f"imported {output.plural(total, 'decision')} for {output.plural(len(stored), 'file')}; "
        "'cleanup fix -w' applies them, 'cleanup review' asks the rest",
        err=True,
    )
    sys.exit(exitcodes.ERROR if len(stored) < len(results) else exitcodes.CLEAN)


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
