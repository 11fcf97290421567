"""``cleanup lexicon check`` and ``cleanup lexicon build``: tools for lexicon keepers."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import click

from cleanup import exitcodes
from cleanup.cache import cache_dir
from cleanup.cli.options import fail, interrupted, jobs_option, make_cleaner, read_documents
from cleanup.config import ConfigError
from cleanup.lexicon import build as proposal
from cleanup.lexicon import check as checking
from cleanup.lexicon import vendors
from cleanup.lexicon.files import distinct_entries
from cleanup.lexicon.model import Entry, LexiconError
from cleanup.lexicon.write import to_tsv, used_columns
from cleanup.pool import WorkerDied, worker_count
from cleanup.report import output
from cleanup.report.output import Consoles
from cleanup.settings import Settings, resolve
from cleanup.simulate import DEFAULT_RECOGNISERS, DEFAULT_VOICES, MissingExtra
from cleanup.simulate.heard import Simulator, chunks, simulate_spread, simulator, simulators
from cleanup.textio import write_atomic

VOICE_NAMES = ("piper", "espeak")
RECOGNISER_NAMES = ("whisper", "sphinx")


@click.group()
def lexicon() -> None:
    """Check lexicon files, propose one from documents, or convert vendor vocabularies."""


@lexicon.command(name="check")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
def lexicon_check(files: tuple[Path, ...]) -> None:
    """Check lexicon FILES and list every problem, with its file and line.

    Exits 0 when every file is clean, 2 when there is any problem.
    """
    checked = checking.check(files)
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
    default=proposal.DEFAULT_MIN_COUNT,
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
    cleaner = make_cleaner(settings)
    texts = read_documents(documents, settings)
    candidates = proposal.propose(texts, cleaner.lexicon, cleaner.resources.lm.is_word, min_count)
    tsv = proposal.render(candidates)
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


@lexicon.command(name="simulate")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    "target",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the lexicon with its heard forms here.",
)
@click.option("--force", is_flag=True, help="Overwrite the -o file if it exists.")
@click.option(
    "--voice",
    "voices",
    multiple=True,
    type=click.Choice(VOICE_NAMES),
    help="Say the terms with this voice (default: all); repeatable.",
)
@click.option(
    "--recogniser",
    "recognisers",
    multiple=True,
    type=click.Choice(RECOGNISER_NAMES),
    help="Recognise them with this recogniser (default: whisper); repeatable.",
)
@click.option(
    "--carriers",
    type=click.IntRange(1, 3),
    default=2,
    show_default=True,
    help="Carrier sentences per term, voice and recogniser.",
)
@jobs_option("Say and recognise the terms")
def lexicon_simulate(
    files: tuple[Path, ...],
    target: Path,
    *,
    force: bool,
    voices: tuple[str, ...],
    recognisers: tuple[str, ...],
    carriers: int,
    jobs: int,
) -> None:
    """Say every term of lexicon FILES, recognise it, and write how it was heard.

    Needs the optional extra: python3 -m pip install 'cleanup[simulate]'. Writes a TSV
    lexicon (the entries of FILES) with a heard column: what each recogniser wrote when
    each voice said the term, and how often.
    """
    destination = None if str(target) == "-" else target
    _refuse_existing(destination, force)
    spec = (voices or DEFAULT_VOICES, recognisers or DEFAULT_RECOGNISERS, cache_dir(), carriers)
    try:
        entries = distinct_entries(files)
        machine = simulator(*spec)
    except (LexiconError, MissingExtra) as exc:
        fail(str(exc))
    consoles = Consoles()
    try:
        heard = _hear(entries, machine, spec, jobs, consoles)
    except WorkerDied as exc:
        fail(str(exc))
    except KeyboardInterrupt:
        interrupted(consoles.err, "nothing was written; what was heard so far is cached")
    # The heard column is always there, even when every term was heard right.
    table = to_tsv(heard, [*(c for c in used_columns(heard) if c != "heard"), "heard"])
    forms = sum(len(entry.heard) for entry in heard)
    terms, heard_forms = output.plural(len(heard), "term"), output.plural(forms, "heard form")
    _emit(table, destination, f"{terms}, {heard_forms}", vendors.Notes())


Command = Callable[..., None]


def _converts(
    flag: str, choices: Sequence[str], what: str, written: str
) -> Callable[[Command], Command]:
    """What import and export share: FILES, the format option ``flag``, ``-o`` and ``--force``."""
    decorators = (
        click.argument(
            "files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path)
        ),
        click.option(flag, "fmt", required=True, type=click.Choice(choices), help=what),
        click.option(
            "-o",
            "--output",
            "target",
            type=click.Path(dir_okay=False, path_type=Path),
            help=f"Write {written} here (default: stdout).",
        ),
        click.option("--force", is_flag=True, help="Overwrite the -o file if it exists."),
    )

    def decorate(command: Command) -> Command:
        for decorator in reversed(decorators):
            command = decorator(command)
        return command

    return decorate


@lexicon.command(name="import")
@_converts("--from", vendors.IMPORTS, "The vendor format of FILES.", "the lexicon")
def lexicon_import(files: tuple[Path, ...], fmt: str, target: Path | None, force: bool) -> None:
    """Convert vendor vocabulary FILES (one format) into a TSV lexicon.

    Says on stderr what the format could not carry over; the README's "Vendor
    vocabularies" maps every field.
    """
    _refuse_existing(target, force)
    try:
        entries, notes = vendors.import_files(fmt, files)
    except vendors.VendorError as exc:
        fail(str(exc))
    _emit(to_tsv(entries), target, output.plural(len(entries), "entry", "entries"), notes)


@lexicon.command(name="export")
@_converts("--to", vendors.EXPORTS, "The vendor format to write.", "the vendor file")
@click.option(
    "--max-tokens",
    type=click.IntRange(min=1),
    default=vendors.whisper.MAX_TOKENS,
    show_default=True,
    help="whisper: the prompt's length in tokens.",
)
def lexicon_export(
    files: tuple[Path, ...], fmt: str, target: Path | None, force: bool, max_tokens: int
) -> None:
    """Write the entries of lexicon FILES as a vendor's vocabulary file.

    Says on stderr what the format could not hold; the README's "Vendor vocabularies"
    maps every field.
    """
    _refuse_existing(target, force)
    try:
        entries = distinct_entries(files)
    except LexiconError as exc:
        fail(str(exc))
    text, notes = vendors.export(fmt, entries, max_tokens)
    _emit(text, target, output.plural(len(entries), "entry", "entries"), notes)


def _refuse_existing(target: Path | None, force: bool) -> None:
    if target is not None and target.exists() and not force:
        fail(f"{target} exists; pass --force to overwrite it, or name another file")


def _emit(text: str, target: Path | None, what: str, notes: vendors.Notes) -> None:
    """The converted file to ``target`` (atomically) or stdout; the notes on stderr."""
    if target is None:
        click.echo(text, nl=False)
    else:
        try:
            write_atomic(target, text.encode("utf-8"))
        except OSError as exc:
            fail(f"{target}: cannot write ({exc.strerror}); check the folder and its permissions")
    click.echo(f"wrote {target or 'standard output'}: {what}", err=True)
    for line in notes.lines():
        click.echo(line, err=True)


def _hear(
    entries: list[Entry],
    machine: Simulator,
    spec: tuple[Sequence[str], Sequence[str], Path | None, int],
    jobs: int,
    consoles: Consoles,
) -> list[Entry]:
    """The entries with their heard forms: here, or in ``jobs`` worker processes."""
    count = worker_count(jobs, len(chunks(entries)))
    if count == 1:
        return output.with_progress_bar(entries, machine.simulate, consoles, "hearing")
    with simulators(*spec, jobs=count) as pool:

        def work(todo: Sequence[Entry], done: Callable[[int], None] | None) -> list[Entry]:
            return simulate_spread(pool, todo, done)

        return output.with_progress_bar(entries, work, consoles, "hearing")


def _lexicon_settings(options: dict[str, Any]) -> Settings:
    cli = {"lexicons": options.pop("lexicons"), "builtin": options.pop("builtin")}
    try:
        return resolve(cli)
    except ConfigError as exc:
        fail(str(exc))
