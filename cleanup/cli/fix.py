"""``cleanup fix``: clean files, directories or stdin, and show or write the result."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

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
from cleanup.io import parallel
from cleanup.io.batch import Outcome, clean_one
from cleanup.io.discovery import STDIN, InputFile
from cleanup.lexicon.model import LexiconError
from cleanup.pool import worker_count
from cleanup.report import output
from cleanup.report.output import Consoles
from cleanup.settings import Settings
from cleanup.textio import resolved

if TYPE_CHECKING:
    from cleanup.io.state import Tracker

Progress = Callable[[int], None] | None

DIFF_STYLES = ("inline", "unified")


class FixCommand(click.Command):
    """Lets ``--diff`` stand alone before a path: ``--diff seeds/`` means inline."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        return super().parse_args(ctx, bare_diff(args))


def bare_diff(args: list[str]) -> list[str]:
    fixed = list(args)
    for index, arg in enumerate(fixed):
        if arg == "--":  # the rest are paths, even one named --diff
            break
        following = fixed[index + 1] if index + 1 < len(fixed) else None
        if arg == "--diff" and following not in DIFF_STYLES:
            fixed[index] = "--diff=inline"
    return fixed


@click.command(cls=FixCommand)
@click.argument("paths", nargs=-1, required=True)
@click.option("-w", "--write", is_flag=True, help="Rewrite changed files in place (atomically).")
@click.option(
    "-o",
    "--output-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write cleaned copies here, mirroring the input tree.",
)
@click.option(
    "--diff",
    "diff_style",
    type=click.Choice(DIFF_STYLES),
    default=None,
    help="Show the changes: --diff (word level) or --diff=unified.",
)
@click.option("--check", is_flag=True, help="Exit 1 if any edit would be applied, 0 if none.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(output.FORMATS),
    default=None,
    help="Print the edit records: text, json or jsonl.",
)
@click.option(
    "--report",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write an HTML page listing every edit in context.",
)
@jobs_option("Clean")
@click.option(
    "--dask",
    "dask_address",
    metavar="ADDRESS",
    default=None,
    help="Clean on the Dask cluster whose scheduler is at ADDRESS (needs cleanup[dask]); "
    "files are read and written here.",
)
@click.option(
    "--skip-unchanged",
    is_flag=True,
    help="Skip files cleaned before with the same settings (with -w or -o; the state is "
    "kept in .cleanup-state.json).",
)
@common_options
def fix(paths: tuple[str, ...], **options: Any) -> None:
    """Clean PATHS (files, directories, or - for stdin).

    One input and no other flag prints the cleaned text to stdout.
    """
    run = Run(options.pop("jobs"), options.pop("dask_address"), options.pop("skip_unchanged"))
    settings = load_settings(options)
    plan = output.Plan(**options)
    problem = plan.problem(paths) or run.problem(plan, paths)
    if problem:
        raise click.UsageError(problem)
    items = collect_inputs(paths, settings, plan.output_dir, keep_going=True)
    targets = targets_for(items, plan.output_dir)
    _check_report_path(plan.report, items)
    consoles = Consoles()
    tracker = _tracker(run, settings, plan, targets)
    todo = items if tracker is None else tracker.todo(items)
    # each file is written, and recorded, as soon as it is cleaned: an interrupted
    # run keeps every file it finished
    writer = output.Writer(plan, targets, None if tracker is None else tracker.record_now)
    try:
        outcomes = clean_all(todo, settings, consoles, run, each=writer)
        code = output.emit(plan, outcomes, writer, consoles, len(items) - len(todo))
    except KeyboardInterrupt:
        interrupted(consoles.err, INTERRUPTED)
    finally:
        _save(tracker, consoles)
    sys.exit(code)


def _save(tracker: Tracker | None, consoles: Consoles) -> None:
    """Save the ``--skip-unchanged`` state (also after Ctrl-C or a crash)."""
    if tracker is None:
        return
    for problem in tracker.save():
        consoles.err.print(f"warning: {problem}", markup=False, highlight=False)


INTERRUPTED = (
    "no file is half-written (each is replaced whole); files written before stay "
    "written; run the same command again"
)


@dataclass(frozen=True)
class Run:
    """Where and how ``fix`` cleans: ``jobs`` processes or the Dask scheduler at ``dask``;
    ``skip``: leave out files unchanged since they were cleaned."""

    jobs: int = 1
    dask: str | None = None
    skip: bool = False

    def problem(self, plan: output.Plan, paths: Sequence[str]) -> str | None:
        """A usage problem with these options, or None."""
        if self.dask is not None and self.jobs != 1:
            return "--dask and -j both say where to clean; pass one of them"
        if self.skip and not (plan.write or plan.output_dir is not None):
            return "--skip-unchanged needs -w or -o: only what was written can be skipped later"
        if self.skip and STDIN in paths:
            return "--skip-unchanged cannot skip stdin; pass files or folders"
        return None


def _tracker(
    run: Run, settings: Settings, plan: output.Plan, targets: dict[InputFile, Path]
) -> Tracker | None:
    if not run.skip:
        return None
    from cleanup.io import state  # noqa: PLC0415 (only with --skip-unchanged)

    try:
        return state.tracker(settings, plan.output_dir, targets)
    except LexiconError as exc:
        fail(str(exc))


def _check_report_path(report: Path | None, items: Sequence[InputFile]) -> None:
    if report is None:
        return
    inputs = {resolved(item.path) for item in items if item.path is not None}
    if report.resolve() in inputs:
        fail(f"{report}: --report would overwrite an input; name another file for the report")


def clean_all(
    items: list[InputFile],
    settings: Settings,
    consoles: Consoles,
    run: Run | None = None,
    each: Callable[[Outcome], None] | None = None,
) -> list[Outcome]:
    """Clean every input with one cleaner: here, in ``run.jobs`` worker processes, or on
    the Dask cluster ``run.dask``; with a progress bar on a terminal. ``each(outcome)``
    is called as each input is done (in the order they finish); the list returned is in
    the inputs' order."""
    if all(item.problem is not None for item in items):  # nothing to build a cleaner for
        return _passed([Outcome(item, error=item.problem) for item in items], each)
    run = run or Run()
    cluster = None if run.dask is None else _cluster_cleaning()  # the extra is checked first
    with make_cleaner(settings) as cleaner:
        if cluster is not None and run.dask is not None:
            return _passed(_on_cluster(items, cleaner, cluster, run.dask, consoles), each)
        count = worker_count(run.jobs, len(items))
        if count == 1:
            clean = functools.partial(clean_one, cleaner=cleaner, stdin=read_stdin)
            return output.with_progress(items, _then(clean, each), consoles)
        with parallel.workers(cleaner, count) as pool:

            def work(todo: Sequence[InputFile], done: Progress) -> list[Outcome]:
                found = parallel.outcomes(pool, todo, stdin=read_stdin, done=done, each=each)
                return list(found)

            return output.with_progress_bar(items, work, consoles, "cleaning")


def _then(
    clean: Callable[[InputFile], Outcome], each: Callable[[Outcome], None] | None
) -> Callable[[InputFile], Outcome]:
    """``clean``, then ``each`` on its outcome."""
    if each is None:
        return clean

    def both(item: InputFile) -> Outcome:
        outcome = clean(item)
        each(outcome)
        return outcome

    return both


def _passed(outcomes: list[Outcome], each: Callable[[Outcome], None] | None) -> list[Outcome]:
    """``outcomes``, each passed to ``each`` (the cluster gives them all at the end)."""
    for outcome in outcomes:
        if each is not None:
            each(outcome)
    return outcomes


def _cluster_cleaning() -> ModuleType:
    """``cleanup.dask``; fails, saying what to install, without the ``dask`` extra."""
    try:
        from cleanup import dask  # noqa: PLC0415 (the optional extra)
    except ImportError as exc:
        fail(f"--dask: {exc}")
    return dask


def _on_cluster(
    items: list[InputFile], cleaner: Cleaner, cluster: ModuleType, address: str, consoles: Consoles
) -> list[Outcome]:
    def work(todo: Sequence[InputFile], done: Progress) -> list[Outcome]:
        outcomes: list[Outcome] = cluster.clean_files(todo, cleaner, address, read_stdin, done)
        return outcomes

    try:
        return output.with_progress_bar(items, work, consoles, "cleaning")
    except cluster.ClusterError as exc:
        fail(f"--dask {address}: {exc}")
