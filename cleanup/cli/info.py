"""``cleanup steps`` and ``cleanup config``: what the pipeline does and with which settings."""

from __future__ import annotations

from typing import Any

import click

from cleanup.cleaner import lexicon_paths
from cleanup.cli.options import common_options, fail, load_settings
from cleanup.lexicon.model import LexiconError
from cleanup.report import output
from cleanup.report.output import Consoles
from cleanup.steps import STEPS


@click.command()
def steps() -> None:
    """List the pipeline's steps, in the order they run."""
    width = max(len(step.name) for step in STEPS)
    for step in STEPS:
        click.echo(f"{step.name.ljust(width)}  [{step.tier}]  {step.summary}")


@click.command(name="config")
@common_options
def show_config(**options: Any) -> None:
    """Show the effective settings and where each came from."""
    settings = load_settings(options)
    try:
        in_use = lexicon_paths(settings)
    except LexiconError as exc:
        fail(str(exc))
    output.show_settings(settings, Consoles().out, in_use)
