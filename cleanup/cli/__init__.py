"""The ``cleanup`` command: parses arguments and calls the library, nothing more.

Each command lives in a module of its own (``fix``, ``review``, ``info``, ``evaluate``,
``lexicon``) and is imported only when it is run or listed, so ``cleanup --version``
imports none of them.
"""

from __future__ import annotations

import importlib
import os
import sys
import warnings
from collections.abc import Callable
from typing import Any

import click

from cleanup import exitcodes
from cleanup._version import __version__

# command name -> "module:attribute" of its click command
COMMANDS = {
    "config": "cleanup.cli.info:show_config",
    "eval": "cleanup.cli.evaluate:eval_command",
    "fix": "cleanup.cli.fix:fix",
    "lexicon": "cleanup.cli.lexicon:lexicon",
    "review": "cleanup.cli.review:review",
    "steps": "cleanup.cli.info:steps",
}


def _quiet_stdout() -> None:
    """Point stdout at the null device, so that nothing more (the interpreter's last
    flush) fails on the closed pipe."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
    except (OSError, ValueError):  # no real stdout (a test runner's): nothing to flush
        return


class LazyGroup(click.Group):
    """A group whose commands are imported when first asked for (click's lazy-loading
    pattern, "Advanced Groups" in the click documentation)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command; when stdout's reader has gone (``| head``), stop quietly."""
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            _quiet_stdout()
            sys.exit(exitcodes.CLOSED_OUTPUT)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module, name = target.split(":")
        command = getattr(importlib.import_module(module), name)
        assert isinstance(command, click.Command)
        return command


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="cleanup")
def main() -> None:
    """Clean up speech-recognition transcripts: lexicon terms, case, spacing.

    Every change is an edit record you can review; nothing is written unless asked.
    """
    if not getattr(warnings.showwarning, "one_line", False):  # once, however often run
        warnings.showwarning = _one_line(warnings.showwarning)


Show = Callable[..., None]


def _one_line(show: Show) -> Show:
    """``warnings.showwarning`` that prints the package's own warnings (a cache file
    rebuilt) as one ``warning:`` line on stderr, and others as ``show`` does."""

    def shown(message: Warning | str, category: type[Warning], *args: Any, **kwargs: Any) -> None:
        if category.__module__.startswith("cleanup."):
            click.echo(f"warning: {message}", err=True)
        else:
            show(message, category, *args, **kwargs)

    shown.one_line = True  # type: ignore[attr-defined]
    return shown
