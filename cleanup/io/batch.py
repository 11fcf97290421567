"""Cleaning many inputs with one ``Cleaner``: read each, clean it, plan and write the outputs."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from cleanup import formats
from cleanup.cleaner import Cleaner
from cleanup.decisions import SidecarError
from cleanup.decisions import honour as decisions
from cleanup.io.discovery import InputFile
from cleanup.pipeline import Result
from cleanup.settings import Settings
from cleanup.textio import InputError, SourceText, read_bytes, read_path, resolved, write_atomic


@dataclass(frozen=True)
class Outcome:
    """What happened to one input: a result, or the error that stopped it."""

    item: InputFile
    source: SourceText | None = None
    result: Result | None = None
    error: str | None = None

    @property
    def empty(self) -> bool:
        return self.source is not None and not self.source.text

    @property
    def changed(self) -> bool:
        return self.result is not None and self.result.changed

    @property
    def original(self) -> str:
        """The input's text as read ("" when it could not be)."""
        return "" if self.source is None else self.source.text

    @property
    def output(self) -> str:
        """The input's text with the applied edits written in (a subtitle or recogniser
        file: in its own layout, ``cleanup.formats``)."""
        if self.result is None or self.source is None:
            return self.original
        if self.source.transcript is None:
            return self.result.output
        return self.source.transcript.write(self.result.applied)

    @property
    def warnings(self) -> list[str]:
        """What writing the edits warned about (an edit left out, a line made longer)."""
        if self.source is None or self.source.transcript is None:
            return []
        _ = self.output  # writing is what finds them
        return list(dict.fromkeys(self.source.transcript.warnings))


def read(
    item: InputFile, stdin: Callable[[], bytes], settings: Settings | None = None
) -> SourceText:
    """Read one input and its transcript (its format and encoding as ``settings`` say);
    ``InputError`` if it cannot be read (or discovery found a ``problem`` with it)."""
    if item.problem is not None:
        raise InputError(item.problem)
    encoding = None if settings is None else settings.encoding
    if item.path is None:
        source = read_bytes(stdin(), item.name, encoding)
    else:
        source = read_path(item.path, item.name, encoding)
    return formats.attach(source, "auto" if settings is None else settings.input_format)


def clean_one(
    item: InputFile, cleaner: Cleaner, stdin: Callable[[], bytes], *, reviewed: bool = True
) -> Outcome:
    """Clean one input; with ``reviewed``, honour its review decisions and the ignore list.

    Never raises for a bad input: the outcome carries the error message instead.
    """
    try:
        source = read(item, stdin, cleaner.settings)
    except InputError as exc:
        return Outcome(item, error=str(exc))
    document = source.document()
    try:
        return Outcome(item, source, cleaner.run_document(document, item.path, decided=reviewed))
    except SidecarError as exc:
        return Outcome(item, source, error=str(exc))


def output_targets(items: Sequence[InputFile], out_dir: Path) -> dict[InputFile, Path]:
    """Where -o writes each input; refuses collisions and writing over an input."""
    if any(item.is_stdin for item in items):
        raise InputError("-o/--output-dir cannot name a file for stdin; redirect stdout instead")
    targets = {item: out_dir / item.relative() for item in items}
    inputs = {resolved(item.path) for item in items if item.path is not None}
    seen: dict[Path, InputFile] = {}
    for item, target in targets.items():
        where = resolved(target)
        if where in inputs:
            raise InputError(
                f"{item.name}: -o would overwrite the input itself ({target}); "
                "choose another output directory, or use -w to rewrite in place"
            )
        if where in seen:
            raise InputError(
                f"{item.name} and {seen[where].name} would both be written to {target}; "
                "pass their common parent directory instead"
            )
        seen[where] = item
    return targets


def write_in_place(outcome: Outcome) -> bool:
    """Rewrite a changed input atomically; returns whether it was written."""
    if outcome.result is None or outcome.source is None or outcome.item.path is None:
        return False
    if not outcome.result.changed:
        return False
    path = outcome.item.path
    rebased = decisions.rebased(path, outcome.result.document.text, outcome.result)
    write_atomic(path, outcome.source.render(outcome.result.applied))
    if rebased is not None:  # the decisions still to remember, anchored in the new text
        from cleanup.decisions import sidecar as sidecars  # noqa: PLC0415 (rarely needed)

        sidecars.save(path, rebased)
    return True


def write_copy(outcome: Outcome, target: Path) -> None:
    if outcome.result is None or outcome.source is None:
        return
    data = outcome.source.render(outcome.result.applied)
    write_atomic(target, data, like=outcome.item.path)


@dataclass(frozen=True)
class Summary:
    files: int
    changed: int
    errors: int
    empty: int
    applied_by_step: Counter[str]
    suggested: int

    @classmethod
    def of(cls, outcomes: Iterable[Outcome]) -> Summary:
        outcomes = list(outcomes)
        by_step: Counter[str] = Counter()
        suggested = 0
        for outcome in outcomes:
            if outcome.result is not None:
                by_step.update(e.step for e in outcome.result.applied)
                suggested += len(outcome.result.suggestions)
        return cls(
            files=len(outcomes),
            changed=sum(o.changed for o in outcomes),
            errors=sum(o.error is not None for o in outcomes),
            empty=sum(o.empty for o in outcomes),
            applied_by_step=by_step,
            suggested=suggested,
        )
