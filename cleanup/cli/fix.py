"""``cleanup fix``: clean files, directories or stdin, and show or write the result."""

from __future__ import annotations

import functools
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from cleanup.cli.options import (
    collect_inputs,
    common_options,
    fail,
    load_settings,
    make_cleaner,
    read_stdin,
    targets_for,
)
from cleanup.io.batch import Outcome, clean_one
from cleanup.io.discovery import InputFile
from cleanup.report import output
from cleanup.report.output import Consoles
from cleanup.settings import Settings

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
@common_options
def fix(paths: tuple[str, ...], **options: Any) -> None:
    """Clean PATHS (files, directories, or - for stdin).

    One input and no other flag prints the cleaned text to stdout.
    """
    settings = load_settings(options)
    plan = output.Plan(**options)
    problem = plan.problem(paths)
    if problem:
        raise click.UsageError(problem)
    items = collect_inputs(paths, settings, plan.output_dir)
    targets = targets_for(items, plan.output_dir)
    _check_report_path(plan.report, items)
    consoles = Consoles()
    outcomes = clean_all(items, settings, consoles)
    sys.exit(output.emit(plan, outcomes, targets, consoles))


def _check_report_path(report: Path | None, items: Sequence[InputFile]) -> None:
    if report is None:
        return
    inputs = {item.path.resolve() for item in items if item.path is not None}
    if report.resolve() in inputs:
        fail(f"{report}: --report would overwrite an input; name another file for the report")


def clean_all(items: list[InputFile], settings: Settings, consoles: Consoles) -> list[Outcome]:
    """Clean every input with one cleaner, with a progress bar on a terminal."""
    with make_cleaner(settings) as cleaner:
        clean = functools.partial(clean_one, cleaner=cleaner, stdin=read_stdin)
        return output.with_progress(items, clean, consoles)
