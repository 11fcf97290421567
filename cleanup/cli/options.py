"""What the commands share: errors, the pipeline options, settings, inputs and consoles."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, NoReturn, TypeVar

import click

from cleanup import exitcodes, formats
from cleanup.cleaner import Cleaner
from cleanup.config import ConfigError
from cleanup.io.batch import output_targets, read
from cleanup.io.discovery import InputFile, collect
from cleanup.lexicon.model import LexiconError
from cleanup.numbers.style import STYLES
from cleanup.settings import INPUT_FORMATS, Settings, resolve
from cleanup.soundalike.decision import PRESETS
from cleanup.textio import InputError

if TYPE_CHECKING:
    from rich.console import Console

F = TypeVar("F", bound=Callable[..., Any])


class CleanupError(click.ClickException):
    """A run-stopping error: printed as one line, exit code 2."""

    exit_code = exitcodes.ERROR

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(f"error: {self.format_message()}", file=file or sys.stderr)


def fail(message: str) -> NoReturn:
    raise CleanupError(message)


def split_names(values: Sequence[str]) -> tuple[str, ...]:
    """``--select a,b --select c`` -> ("a", "b", "c")."""
    return tuple(n.strip() for v in values for n in v.split(",") if n.strip())


COMMON_OPTIONS: list[Callable[[F], F]] = [
    click.option(
        "-l",
        "--lexicon",
        "lexicons",
        multiple=True,
        type=click.Path(),
        help="Add a lexicon file (TSV or one term per line); repeatable.",
    ),
    click.option(
        "--no-builtin",
        "builtin",
        flag_value=False,
        default=None,
        help="Do not use the bundled lexicons.",
    ),
    click.option(
        "--select",
        multiple=True,
        metavar="STEP,...",
        help="Run only these steps (see 'cleanup steps').",
    ),
    click.option("--ignore", multiple=True, metavar="STEP,...", help="Skip these steps."),
    click.option(
        "--min-confidence",
        type=click.FloatRange(0, 1),
        default=None,
        help="Apply edits at least this confident (a probability); report the rest as "
        "suggestions. Default: the preset's (conservative 0.8, default 0.5, aggressive 0.3).",
    ),
    click.option(
        "--preset",
        type=click.Choice(sorted(PRESETS)),
        default=None,
        help="How readily edits are applied: the default --min-confidence (default: "
        "default); clean: as default, plus --tidy.",
    ),
    click.option(
        "--style",
        type=click.Choice(list(STYLES)),
        default=None,
        help="House style for numbers: news (default), digits or verbatim.",
    ),
    click.option(
        "--tidy/--no-tidy",
        default=None,
        help="Also drop filler words and doubled words (the fillers and repetitions steps).",
    ),
    click.option(
        "--context",
        multiple=True,
        type=click.Path(),
        metavar="FILE",
        help="A related document (e.g. the article); its lexicon terms count as evidence.",
    ),
    click.option(
        "--include",
        multiple=True,
        metavar="GLOB",
        help="File names to take from directories (default *.txt *.srt *.vtt *.json); repeatable.",
    ),
    click.option(
        "--input-format",
        type=click.Choice(INPUT_FORMATS),
        default=None,
        help="Read inputs as this format (default auto: by extension and content).",
    ),
    click.option(
        "--encoding",
        default=None,
        metavar="NAME",
        help="Decode inputs without a BOM with this encoding (default UTF-8); files are "
        "written back in their own encoding.",
    ),
    click.option(
        "--exclude",
        multiple=True,
        metavar="GLOB",
        help="File names to leave out of directories; repeatable.",
    ),
]


def _jobs(ctx: click.Context, param: click.Parameter, value: str) -> int:
    """The number ``-j/--jobs`` was given: a whole number, 0 or more."""
    try:
        jobs = int(value.strip())
    except ValueError:
        jobs = -1
    if jobs < 0:
        raise click.BadParameter(
            f"{value!r} is not a number of worker processes; give a whole number: "
            "1 (one process, the default), 2 or more, or 0 for one per core"
        )
    return jobs


def jobs_option(what: str) -> Callable[[F], F]:
    """``-j/--jobs N``: ``what`` in N worker processes (0: one per core; at most one per
    core; default 1)."""
    return click.option(
        "-j",
        "--jobs",
        default="1",
        callback=_jobs,
        show_default=True,
        metavar="N",
        help=f"{what} in N worker processes; 0: one per core (more than the cores are not used).",
    )


def interrupted(err: Console, what: str) -> NoReturn:
    """Ctrl-C: one line saying what was kept, exit code ``INTERRUPTED``."""
    err.print(f"\ninterrupted: {what}", markup=False, highlight=False)
    sys.exit(exitcodes.INTERRUPTED)


def common_options(function: F) -> F:
    """The options every command that runs the pipeline takes (``COMMON_OPTIONS``)."""
    for option in reversed(COMMON_OPTIONS):
        function = option(function)
    return function


def load_settings(options: dict[str, Any]) -> Settings:
    cli = {
        "lexicons": options.pop("lexicons"),
        "builtin": options.pop("builtin"),
        "select": split_names(options.pop("select")),
        "ignore": split_names(options.pop("ignore")),
        "min_confidence": options.pop("min_confidence"),
        "include": options.pop("include"),
        "exclude": options.pop("exclude"),
        "preset": options.pop("preset"),
        "context": options.pop("context"),
        "style": options.pop("style"),
        "tidy": options.pop("tidy"),
        "input_format": options.pop("input_format"),
        "encoding": options.pop("encoding"),
    }
    try:
        return resolve(cli)
    except ConfigError as exc:
        fail(str(exc))


def collect_inputs(
    paths: Sequence[str], settings: Settings, out_dir: Path | None, *, keep_going: bool = False
) -> list[InputFile]:
    """The files PATHS name (directories searched as the settings say); fails on a bad
    selection (no path, stdin twice, a folder with no matching file) and, unless
    ``keep_going``, on a path that cannot be read (else an item with a ``problem``)."""
    skip = out_dir.resolve() if out_dir is not None else None
    try:
        return sift(
            collect(paths, settings.include, settings.exclude, skip, keep_going=keep_going),
            settings,
        )
    except InputError as exc:
        fail(str(exc))


def sift(items: list[InputFile], settings: Settings) -> list[InputFile]:
    """``items`` without the JSON files found in folders that are no transcript (a
    one-line warning each); one named on the command line is cleaned, and fails there."""
    kept = []
    for item in items:
        if item.root is not None and item.path is not None and item.path.suffix == ".json":
            try:
                read(item, read_stdin, settings)
            except formats.UnknownTranscript as exc:
                click.echo(f"warning: skipped {str(exc).split(';')[0]}", err=True)
                continue
            except InputError:
                pass  # reported when it is cleaned
        kept.append(item)
    return kept


def targets_for(items: list[InputFile], out_dir: Path | None) -> dict[InputFile, Path]:
    """Where ``-o DIR`` writes each input; fails on a collision."""
    if out_dir is None:
        return {}
    try:
        return output_targets(items, out_dir)
    except InputError as exc:
        fail(str(exc))


def make_cleaner(settings: Settings) -> Cleaner:
    """The run's cleaner; its lexicon warnings (one line per file) go to stderr."""
    try:
        cleaner = Cleaner(settings)
    except (LexiconError, ConfigError) as exc:
        fail(str(exc))
    except InputError as exc:
        fail(f"--context {exc}")
    for warning in cleaner.lexicon.warnings:
        click.echo(f"warning: {warning}", err=True)
    return cleaner


def read_stdin() -> bytes:
    return sys.stdin.buffer.read()


def read_documents(paths: Sequence[str], settings: Settings) -> list[str]:
    """The texts of the documents PATHS name; fails on one that cannot be read."""
    try:
        items = sift(collect(paths, settings.include, settings.exclude), settings)
        return [read(item, read_stdin, settings).document().text for item in items]
    except InputError as exc:
        fail(str(exc))
