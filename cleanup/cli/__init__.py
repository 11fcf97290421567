"""The ``cleanup`` command: parses arguments and calls the library, nothing more."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, Any, NoReturn, TypeVar

import click
from rich.console import Console

from cleanup import exitcodes
from cleanup._version import __version__
from cleanup.config import ConfigError
from cleanup.decisions.ignore import IgnoreList, load_ignore
from cleanup.eval import report as evalreport
from cleanup.eval import runner as evalrun
from cleanup.eval.metrics import Scorer, phrases_from
from cleanup.io.batch import (
    Outcome,
    clean_one,
    lexicon_paths,
    load_lexicon,
    output_targets,
    read,
    related_documents,
)
from cleanup.io.discovery import STDIN, InputFile, collect
from cleanup.lexicon import build as lexicon_tools
from cleanup.lexicon.model import Lexicon, LexiconError, load_all
from cleanup.numbers.style import STYLES
from cleanup.report import output
from cleanup.review import run as reviews
from cleanup.review.keys import for_stdin
from cleanup.review.session import ORDERS
from cleanup.settings import Settings, resolve
from cleanup.soundalike.index import PRESETS
from cleanup.steps import STEPS
from cleanup.textio import InputError, write_atomic

F = TypeVar("F", bound=Callable[..., Any])
DIFF_STYLES = ("inline", "unified")


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


def common_options(function: F) -> F:
    """Options shared by every command that runs the pipeline."""
    options = [
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
            help="Apply edits at least this confident; report the rest as suggestions.",
        ),
        click.option(
            "--preset",
            type=click.Choice(sorted(PRESETS)),
            default=None,
            help="How readily sound-alikes are rewritten (default: default); clean: as "
            "default, plus --tidy.",
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
            help="File names to take from directories (default *.txt); repeatable.",
        ),
        click.option(
            "--exclude",
            multiple=True,
            metavar="GLOB",
            help="File names to leave out of directories; repeatable.",
        ),
    ]
    for option in reversed(options):
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
    }
    try:
        return resolve(cli)
    except ConfigError as exc:
        fail(str(exc))


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


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="cleanup")
def main() -> None:
    """Clean up speech-recognition transcripts: lexicon terms, case, spacing.

    Every change is an edit record you can review; nothing is written unless asked.
    """


@main.command(cls=FixCommand)
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
    items = _collect(paths, settings, plan.output_dir)
    targets = _targets(items, plan.output_dir)
    _check_report_path(plan.report, items)
    outcomes = _clean_all(items, settings)
    code = output.emit(plan, outcomes, targets, _consoles())
    sys.exit(code)


def _check_report_path(report: Path | None, items: Sequence[InputFile]) -> None:
    if report is None:
        return
    inputs = {item.path.resolve() for item in items if item.path is not None}
    if report.resolve() in inputs:
        fail(f"{report}: --report would overwrite an input; name another file for the report")


def _collect(paths: Sequence[str], settings: Settings, out_dir: Path | None) -> list[InputFile]:
    skip = out_dir.resolve() if out_dir is not None else None
    try:
        return collect(paths, settings.include, settings.exclude, skip)
    except InputError as exc:
        fail(str(exc))


def _targets(items: list[InputFile], out_dir: Path | None) -> dict[InputFile, Path]:
    if out_dir is None:
        return {}
    try:
        return output_targets(items, out_dir)
    except InputError as exc:
        fail(str(exc))


def _consoles() -> output.Consoles:
    return output.Consoles(
        out=Console(highlight=False, soft_wrap=True),
        err=Console(stderr=True, highlight=False, soft_wrap=True),
    )


def _clean_all(items: list[InputFile], settings: Settings) -> list[Outcome]:
    clean = _clean_function(settings, _load_lexicon(settings), _load_ignore(settings))
    return output.with_progress(items, clean, _consoles().err)


def _clean_function(
    settings: Settings, lexicon: Lexicon, ignore: IgnoreList, reviewed: bool = True
) -> Callable[[InputFile], Outcome]:
    """Cleans one input as the settings say (``reviewed``: honouring review decisions)."""
    config = settings.config()
    try:
        related = related_documents(settings.context, lexicon)
    except InputError as exc:
        fail(f"--context {exc}")
    return functools.partial(
        clean_one,
        config=config,
        lexicon=lexicon,
        stdin=read_stdin,
        related=related,
        ignore=ignore,
        reviewed=reviewed,
    )


def _load_ignore(settings: Settings) -> IgnoreList:
    try:
        return load_ignore(settings.ignore_list)
    except LexiconError as exc:
        fail(str(exc))


def _load_lexicon(settings: Settings) -> Lexicon:
    """The run's lexicon; its warnings (one line per file) go to stderr."""
    try:
        lexicon = load_lexicon(settings)
    except LexiconError as exc:
        fail(str(exc))
    for warning in lexicon.warnings:
        click.echo(f"warning: {warning}", err=True)
    return lexicon


def read_stdin() -> bytes:
    return sys.stdin.buffer.read()


@main.command()
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
@common_options
def review(
    paths: tuple[str, ...],
    output_dir: Path | None,
    ask_all: bool,
    order: reviews.Order,
    discard: bool,
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
    items = _collect(paths, settings, output_dir)
    targets = _targets(items, output_dir)
    lexicon, ignore = _load_lexicon(settings), _load_ignore(settings)
    clean = _clean_function(settings, lexicon, ignore, reviewed=False)
    plan = reviews.Plan(ask_all, order, discard, settings.user_lexicon, settings.ignore_list)
    consoles = _consoles()
    keys = for_stdin(sys.stdin)
    reviewer = reviews.Reviewer(keys, consoles.out, plan, lexicon)
    outcomes = (clean(item) for item in items)
    try:
        tally = reviews.review_all(outcomes, targets, reviewer, ignore, consoles.err)
    except KeyboardInterrupt:
        consoles.err.print(
            "\ninterrupted: every decision made so far is saved next to its file; "
            "run the same command to resume",
            markup=False,
            highlight=False,
        )
        sys.exit(exitcodes.INTERRUPTED)
    consoles.err.print(tally.line(), markup=False, highlight=False)
    sys.exit(tally.code)


@main.command()
def steps() -> None:
    """List the pipeline's steps, in the order they run."""
    width = max(len(step.name) for step in STEPS)
    for step in STEPS:
        click.echo(f"{step.name.ljust(width)}  [{step.tier}]  {step.summary}")


@main.command(name="config")
@common_options
def show_config(**options: Any) -> None:
    """Show the effective settings and where each came from."""
    settings = load_settings(options)
    try:
        in_use = lexicon_paths(settings)
    except LexiconError as exc:
        fail(str(exc))
    output.show_settings(settings, _consoles().out, in_use)


@main.command(name="eval")
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
@common_options
def eval_command(
    hypotheses: tuple[str, ...], reference: str, clean: bool, fmt: str, **options: Any
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
        cleaner = _cleaner(settings) if clean else None
        scores = evalrun.score_groups(groups, scorer, cleaner)
    except InputError as exc:
        fail(str(exc))
    consoles = _consoles()
    for note in evalreport.notes(scores):
        consoles.err.print(note, markup=False, highlight=False)
    view = evalreport.View(reference, biasing, clean)
    evalreport.show(scores, view, fmt, consoles.out)
    sys.exit(exitcodes.CLEAN)


def _scorer(paths: Sequence[str]) -> Scorer:
    try:
        lexicon = load_all(Path(p) for p in paths)
    except LexiconError as exc:
        fail(str(exc))
    return Scorer(phrases_from(lexicon))


def _cleaner(settings: Settings) -> evalrun.Cleaner:
    lexicon = _load_lexicon(settings)
    return evalrun.cleaner(settings.config(), lexicon)


@main.group()
def lexicon() -> None:
    """Check lexicon files, or propose one from documents."""


@lexicon.command(name="check")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
def lexicon_check(files: tuple[Path, ...]) -> None:
    """Check lexicon FILES and list every problem, with its file and line.

    Exits 0 when every file is clean, 2 when there is any problem.
    """
    checked = lexicon_tools.check(files)
    for found in checked:
        if found.ok:
            click.echo(f"{found.name}: {output.plural(found.entries, 'entry', 'entries')}, ok")
        for problem in found.problems:
            click.echo(str(problem))
    problems = sum(len(found.problems) for found in checked)
    if problems:
        files_with = sum(not found.ok for found in checked)
        summary = f"{output.plural(problems, 'problem')} in {files_with} of {len(checked)} files"
        click.echo(summary, err=True)
    sys.exit(exitcodes.ERROR if problems else exitcodes.CLEAN)


@lexicon.command(name="build")
@click.argument("documents", nargs=-1, required=True, metavar="DOC...")
@click.option(
    "-o",
    "--output",
    "target",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the proposed lexicon here (default: stdout).",
)
@click.option("--force", is_flag=True, help="Overwrite the -o file if it exists.")
@click.option(
    "--min-count",
    type=click.IntRange(min=1),
    default=lexicon_tools.DEFAULT_MIN_COUNT,
    show_default=True,
    help="Propose only what is seen at least this many times.",
)
@click.option(
    "-l",
    "--lexicon",
    "lexicons",
    multiple=True,
    type=click.Path(),
    help="Also leave out what this lexicon has; repeatable.",
)
@click.option(
    "--no-builtin",
    "builtin",
    flag_value=False,
    default=None,
    help="Do not leave out what the bundled lexicons have.",
)
def lexicon_build(
    documents: tuple[str, ...], target: Path | None, force: bool, min_count: int, **options: Any
) -> None:
    """Propose a lexicon from clean documents DOC... (files or directories) for you to curate.

    Lists names (runs of capitalised words, such as Abu Bakr al-Baghdadi) and acronyms
    that the lexicons in use do not have yet, with how often each was seen.
    """
    if target is not None and target.exists() and not force:
        fail(f"{target} exists; pass --force to overwrite it, or name another file")
    settings = _lexicon_settings(options)
    known = _load_lexicon(settings)
    texts = _read_documents(documents, settings)
    candidates = lexicon_tools.propose(texts, known, min_count)
    tsv = lexicon_tools.render(candidates)
    if target is None:
        click.echo(tsv, nl=False)
        return
    try:
        write_atomic(target, tsv.encode("utf-8"))
    except OSError as exc:
        fail(f"{target}: cannot write ({exc.strerror}); check the folder and its permissions")
    click.echo(
        f"wrote {target}: {output.plural(len(candidates), 'entry', 'entries')} to curate", err=True
    )


def _lexicon_settings(options: dict[str, Any]) -> Settings:
    cli = {"lexicons": options.pop("lexicons"), "builtin": options.pop("builtin")}
    try:
        return resolve(cli)
    except ConfigError as exc:
        fail(str(exc))


def _read_documents(paths: Sequence[str], settings: Settings) -> list[str]:
    try:
        items = collect(paths, settings.include, settings.exclude)
        return [read(item, read_stdin).text for item in items]
    except InputError as exc:
        fail(str(exc))
