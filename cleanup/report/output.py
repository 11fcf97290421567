"""What ``cleanup fix`` shows and writes, all derived from the outcomes' edit lists.

rich (and the views built on it: diffs, the report) is imported only by what uses it,
so a run that prints the cleaned text never pays for it.
"""

from __future__ import annotations

import errno
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import click

from cleanup import exitcodes
from cleanup.io.batch import Outcome, Summary, write_copy, write_in_place
from cleanup.io.discovery import InputFile
from cleanup.settings import Settings
from cleanup.textio import remove_stale, resolved, write_atomic

if TYPE_CHECKING:
    from rich.console import Console

FORMATS = ("text", "json", "jsonl")
T = TypeVar("T")
R = TypeVar("R")


class Consoles:
    """stdout and stderr as rich consoles, made when first used (rich takes a while to import)."""

    @cached_property
    def out(self) -> Console:
        from rich.console import Console  # noqa: PLC0415 (lazy: a plain run never needs it)

        return Console(highlight=False, soft_wrap=True)

    @cached_property
    def err(self) -> Console:
        from rich.console import Console  # noqa: PLC0415

        return Console(stderr=True, highlight=False, soft_wrap=True)


@dataclass(frozen=True)
class Plan:
    """The output choices of one ``cleanup fix`` run."""

    write: bool = False
    output_dir: Path | None = None
    diff_style: str | None = None
    check: bool = False
    fmt: str | None = None
    report: Path | None = None

    def problem(self, paths: Sequence[str]) -> str | None:
        """A usage problem with this combination of options, or None."""
        if self.write and self.output_dir is not None:
            return "-w and -o both say where to write; pass one of them"
        if self.check and (self.write or self.output_dir is not None):
            return "--check only reports; drop --check to write, or drop -w/-o to check"
        if self.diff_style and self.fmt:
            return "--diff and --format both print to stdout; pass one of them"
        if self.write and "-" in paths:
            return "-w cannot rewrite stdin; redirect stdout to a file instead"
        return None

    @property
    def prints_text(self) -> bool:
        quiet = self.write or self.output_dir is not None or self.check
        return not (quiet or self.diff_style or self.fmt)


def with_progress(items: Sequence[T], work: Callable[[T], R], consoles: Consoles) -> list[R]:
    """Run ``work`` on every item, with a progress bar on stderr on a terminal for many."""
    if len(items) < 2 or not consoles.err.is_terminal:
        return [work(item) for item in items]
    results = []
    from rich.progress import Progress  # noqa: PLC0415 (lazy, see the module docstring)

    console = consoles.err
    with Progress(console=console, transient=True) as progress:
        task = progress.add_task("cleaning", total=len(items))
        for item in items:
            results.append(work(item))
            progress.advance(task)
    return results


def with_progress_bar(
    items: Sequence[T],
    work: Callable[[Sequence[T], Callable[[int], None] | None], R],
    consoles: Consoles,
    label: str,
) -> R:
    """``work(items, advance)``, with a progress bar on stderr on a terminal that
    ``advance(n)`` moves by ``n`` items (``advance`` is None elsewhere)."""
    if not consoles.err.is_terminal:
        return work(items, None)
    from rich.progress import Progress  # noqa: PLC0415 (lazy, see the module docstring)

    with Progress(console=consoles.err, transient=True) as progress:
        task = progress.add_task(label, total=len(items))
        return work(items, lambda done: progress.advance(task, done))


def _color(console: Console) -> bool:
    return console.is_terminal and not console.no_color


def show_diffs(outcomes: Sequence[Outcome], style: str, console: Console) -> None:
    from cleanup.report import diff  # noqa: PLC0415 (lazy, see the module docstring)

    color = _color(console)
    for outcome in outcomes:
        result = outcome.result
        if result is None or not result.changed:
            continue
        if style == "unified":
            text = diff.unified(outcome.item.name, outcome.original, outcome.output)
            if color:
                console.print(diff.colour_unified(text), end="")
            else:
                echo_exact(text)  # exactly: the text's own escapes too
            continue
        shown = diff.inline(
            outcome.item.name, result.document.text, result.applied, color, result.document
        )
        for line in shown:
            if color:
                console.print(line)
            else:  # the characters exactly: rich would expand tabs to spaces
                click.echo(line.plain, color=True)


def show_records(outcomes: Sequence[Outcome], fmt: str) -> None:
    from cleanup.report import records  # noqa: PLC0415 (lazy, see the module docstring)

    if fmt == "json":
        echo_exact(records.to_json(outcomes) + "\n")
        return
    lines = records.to_jsonl(outcomes) if fmt == "jsonl" else records.to_text(outcomes)
    for line in lines:
        click.echo(line)


def print_text(outcomes: Sequence[Outcome]) -> None:
    for outcome in outcomes:
        if outcome.result is not None:
            echo_exact(outcome.output)


STDOUT_PIECE = 1 << 16  # bytes per write to stdout


def echo_exact(text: str) -> None:
    """Print ``text`` to stdout exactly (escape sequences too), in pieces: one large
    write to a pipe whose reader has gone can report a short count and no error, so a
    short count is taken as what it is. Raises ``BrokenPipeError`` then."""
    stream = sys.stdout
    stream.flush()
    binary = stream.buffer
    data = text.encode(stream.encoding or "utf-8", stream.errors or "strict")
    for start in range(0, len(data), STDOUT_PIECE):
        piece = data[start : start + STDOUT_PIECE]
        written = binary.write(piece)
        if written is not None and written < len(piece):
            raise BrokenPipeError(errno.EPIPE, "stdout was closed by its reader")
    binary.flush()


class Writer:
    """Writes each outcome as it arrives (``-w`` in place, ``-o`` a copy), atomically.

    Called once per outcome, in any order (workers finish in their own); ``record``
    (``--skip-unchanged``) is then told about it. A write error's line is kept and
    shown by ``emit`` in the inputs' order, so stderr does not depend on which worker
    finished first. ``written``/``failed``: counts so far. Before its first write in a
    folder, the stale temporaries an interrupted run left there are removed
    (``textio.remove_stale``).
    """

    def __init__(
        self,
        plan: Plan,
        targets: dict[InputFile, Path],
        record: Callable[[Outcome], None] | None = None,
    ) -> None:
        self.plan = plan
        self.targets = targets
        self.record = record
        self.written = 0
        self.errors: dict[InputFile, str] = {}
        self.swept: dict[Path, list[str]] = {}  # folder -> lines about temporaries kept

    @property
    def failed(self) -> int:
        return len(self.errors)

    def __call__(self, outcome: Outcome) -> None:
        plan = self.plan
        try:
            if plan.write and outcome.item.path is not None:
                self._sweep(resolved(outcome.item.path).parent)
                self.written += write_in_place(outcome)
            elif plan.output_dir is not None and outcome.result is not None:
                self._sweep(self.targets[outcome.item].parent)
                write_copy(outcome, self.targets[outcome.item])
                self.written += 1
        except OSError as exc:
            name = outcome.item.name
            self.errors[outcome.item] = f"error: {name}: cannot write ({exc}); nothing was changed"
            return
        if self.record is not None:
            self.record(outcome)

    def _sweep(self, folder: Path) -> None:
        if folder not in self.swept:
            self.swept[folder] = remove_stale(folder)

    def show_errors(self, outcomes: Sequence[Outcome], consoles: Consoles) -> None:
        """The temporaries that could not be removed, then the write errors, in the
        order of ``outcomes``."""
        for folder in sorted(self.swept):
            for problem in self.swept[folder]:
                consoles.err.print(f"warning: {problem}", markup=False, highlight=False)
        for outcome in outcomes:
            message = self.errors.get(outcome.item)
            if message is not None:
                consoles.err.print(message, markup=False, highlight=False)


def report_problems(outcomes: Sequence[Outcome], consoles: Consoles) -> None:
    """An error or warning line on stderr per bad or empty input (rich only if there is one)."""
    for outcome in outcomes:
        if outcome.error is not None:
            consoles.err.print(f"error: {outcome.error}", markup=False, highlight=False)
        elif outcome.empty:
            message = f"warning: {outcome.item.name}: empty file, nothing to clean"
            consoles.err.print(message, markup=False)


def plural(count: int, noun: str, many: str | None = None) -> str:
    """``3 files``; ``many`` is the plural where it is not ``noun`` + s (``entries``)."""
    return f"{count} {noun if count == 1 else many or noun + 's'}"


def summary_line(summary: Summary) -> str:
    steps = ", ".join(f"{name} {count}" for name, count in sorted(summary.applied_by_step.items()))
    applied = sum(summary.applied_by_step.values())
    parts = [
        plural(summary.files, "file"),
        f"{summary.changed} changed",
        plural(applied, "edit") + " applied" + (f" ({steps})" if steps else ""),
        plural(summary.suggested, "suggestion") + " not applied",
    ]
    if summary.errors:
        parts.append(f"{summary.errors} with errors")
    return ", ".join(parts)


def write_report(path: Path, outcomes: Sequence[Outcome], err: Console) -> bool:
    from cleanup.report import html as report  # noqa: PLC0415 (lazy, see the module docstring)

    items = [(o.item.name, o.result) for o in outcomes if o.result is not None]
    warnings = {o.item.name: o.warnings for o in outcomes if o.warnings}
    try:
        write_atomic(path, report.html_report(items, warnings=warnings).encode("utf-8"))
    except OSError as exc:
        message = f"error: {path}: cannot write the report ({exc}); choose another path"
        err.print(message, markup=False, highlight=False)
        return False
    return True


def emit(
    plan: Plan,
    outcomes: Sequence[Outcome],
    writer: Writer,
    consoles: Consoles,
    skipped: int = 0,
) -> int:
    """Show everything the plan asks for, ``writer`` having written the outcomes as they
    arrived; return the exit code. ``skipped``: the inputs left out as unchanged
    (``--skip-unchanged``), for the closing line."""
    report_problems(outcomes, consoles)
    writer.show_errors(outcomes, consoles)
    if plan.fmt:
        show_records(outcomes, plan.fmt)
    elif plan.diff_style:
        show_diffs(outcomes, plan.diff_style, consoles.out)
    elif plan.prints_text and len(outcomes) == 1:
        print_text(outcomes)
    failed = writer.failed
    if plan.report is not None and not write_report(plan.report, outcomes, consoles.err):
        failed += 1
    summary = Summary.of(outcomes)
    if len(outcomes) > 1 or not plan.prints_text:
        line = closing(plan, summary, writer.written)
        if skipped:
            line += f"; skipped {plural(skipped, 'unchanged file')}"
        consoles.err.print(line, markup=False, highlight=False)
    if summary.errors or failed:
        return exitcodes.ERROR
    return exitcodes.CHANGES_PENDING if plan.check and summary.changed else exitcodes.CLEAN


def closing(plan: Plan, summary: Summary, written: int) -> str:
    line = summary_line(summary)
    if plan.write or plan.output_dir is not None:
        return f"{line}; wrote {plural(written, 'file')}"
    if plan.check:
        verdict = "would change" if summary.changed else "nothing to change"
        return f"{line}; {verdict}"
    if plan.prints_text:
        return f"{line}; pass --diff to see the changes, -w to write them, -o DIR for copies"
    return line


def show_settings(settings: Settings, console: Console, in_use: Sequence[Path]) -> None:
    """The settings table, then the lexicon files a run would load, in order."""
    from rich.table import Table  # noqa: PLC0415 (lazy, see the module docstring)
    from rich.text import Text  # noqa: PLC0415

    table = Table("setting", "value", "from")
    for name, value, source in settings.items():
        shown = ", ".join(map(str, value)) if isinstance(value, tuple) else str(value)
        table.add_row(name, Text(shown), Text(source))  # Text: no markup in paths or globs
    console.print(table)
    console.print(Text("lexicon files in use:" + "".join(f"\n  {p}" for p in in_use)))
