"""Reviewing files end to end: ask the questions, store the answers, write the result."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console
from rich.text import Text

from cleanup import exitcodes
from cleanup.cleaner import Cleaner
from cleanup.decisions import sidecar as sidecars
from cleanup.document import Document
from cleanup.edits import Edit
from cleanup.io.batch import Outcome, write_copy, write_in_place
from cleanup.io.discovery import InputFile
from cleanup.review import prompt
from cleanup.review.keys import EndOfInput, Keys
from cleanup.review.session import Item, Order, Scope, Session, group

__all__ = ["Order", "Plan", "Reviewer", "Tally", "review_all"]
from cleanup.decisions import SidecarError
from cleanup.decisions.ignore import IgnoreList, save_ignore
from cleanup.decisions.sidecar import Sidecar, Verdict, decision_for
from cleanup.lexicon.user import save_variant
from cleanup.linefiles import FileChange, SaveError


@dataclass(frozen=True)
class Plan:
    """The choices of one ``cleanup review`` run."""

    ask_all: bool = False
    order: Order = "confidence"
    discard: bool = False
    user_lexicon: Path | None = None
    ignore_list: Path | None = None


@dataclass
class Reviewer:
    """Everything the key handlers need, for the file under review."""

    keys: Keys
    out: Console
    plan: Plan
    cleaner: Cleaner
    session: Session = field(default_factory=lambda: Session([], "", Sidecar("")))
    always: set[tuple[str, str]] = field(default_factory=set)
    never: set[tuple[str, str]] = field(default_factory=set)

    @property
    def color(self) -> bool:
        return self.out.is_terminal and not self.out.no_color

    def say(self, message: str) -> None:
        self.out.print(Text(message))

    def item(self) -> Item:
        item = self.session.current()
        assert item is not None
        return item


Handler = Callable[[Reviewer], bool]  # False: stop the review


def _answer(verdict: Verdict, scope: Scope) -> Handler:
    def handle(reviewer: Reviewer) -> bool:
        reviewer.session.decide(verdict, scope)
        return True

    return handle


def _edit(reviewer: Reviewer) -> bool:
    edit = reviewer.item().edit
    asked = f"replacement for {edit.before!r} (proposed {edit.after!r}): "
    text = reviewer.keys.text(asked, edit.after, edit.before)
    if text is None:
        reviewer.say("edit cancelled")
    elif text == edit.after:
        reviewer.session.decide("accept")
    else:
        reviewer.session.decide("edit", replacement=text)
    return True


def _saved(
    reviewer: Reviewer,
    path: Path | None,
    save: Callable[[Path], FileChange],
    unset: str,
    hint: str = "",
) -> FileChange | None:
    """Save a mapping to the user's file at ``path``; None (and why, said) when it cannot be."""
    if path is None:
        reviewer.say(unset)
        return None
    try:
        return save(path)
    except SaveError as exc:
        reviewer.say(f"{exc}{hint}")
        return None


def _always(reviewer: Reviewer) -> bool:
    edit = reviewer.item().edit
    path = reviewer.plan.user_lexicon
    change = _saved(
        reviewer,
        path,
        lambda where: save_variant(where, edit, reviewer.cleaner.lexicon.entries),
        "no user lexicon is set (user-lexicon in cleanup.toml); press y or a",
        "; press y or a instead",
    )
    if change is None:
        return True
    reviewer.session.decide("accept", "mapping", changes=[change])
    reviewer.always.add((edit.before, edit.after))
    reviewer.say(f"saved {edit.before!r} as a variant of {edit.after!r} in {path}")
    return True


def _never(reviewer: Reviewer) -> bool:
    edit = reviewer.item().edit
    path = reviewer.plan.ignore_list
    change = _saved(
        reviewer,
        path,
        lambda where: save_ignore(where, edit),
        "no ignore list is set (ignore-list in cleanup.toml); press n or d",
    )
    if change is None:
        return True
    reviewer.session.decide("reject", "mapping", changes=[change])
    reviewer.never.add((edit.before, edit.after))
    reviewer.say(f"saved {edit.before!r} -> {edit.after!r} to the ignore list {path}")
    return True


def _expand(reviewer: Reviewer) -> bool:
    if not reviewer.session.expand():
        _help(reviewer)
    return True


def _undo(reviewer: Reviewer) -> bool:
    item = reviewer.session.undo()
    if item is None:
        reviewer.say("nothing to undo in this file")
    else:
        reviewer.say(f"undone: {item.edit.before!r} -> {item.edit.after!r} is asked again")
    return True


def _skip(reviewer: Reviewer) -> bool:
    reviewer.session.skip()
    return True


def _quit(reviewer: Reviewer) -> bool:
    return False


def _help(reviewer: Reviewer) -> bool:
    for line in prompt.help_lines():
        reviewer.out.print(line)
    return True


HANDLERS: dict[str, Handler] = {
    "y": _answer("accept", "item"),
    "n": _answer("reject", "item"),
    "e": _edit,
    "a": _answer("accept", "entry"),
    "d": _answer("reject", "entry"),
    "A": _always,
    "N": _never,
    "x": _expand,
    "u": _undo,
    "s": _skip,
    "q": _quit,
    "?": _help,
}


def ask_all(reviewer: Reviewer, document: Document) -> bool:
    """Ask until no question is left (True) or the reviewer stops (False)."""
    session = reviewer.session
    while (item := session.current()) is not None:
        view = prompt.View(
            document.name,
            document,
            item,
            session.asked,
            len(session.items),
            session.waiting(),
            reviewer.color,
        )
        for line in prompt.render(view):
            reviewer.out.print(line)
        try:
            key = reviewer.keys.key(prompt.question(item))
            handled = HANDLERS.get(key, _help)(reviewer)  # "e" reads a line too
        except EndOfInput:
            return False
        if not handled:
            return False
    return True


@dataclass
class Tally:
    """What a review run did, for its closing line."""

    answers: Counter[str] = field(default_factory=Counter)
    files: int = 0
    written: int = 0
    errors: int = 0
    silent: int = 0
    stopped: str | None = None

    def line(self) -> str:
        shown = ", ".join(
            f"{self.answers[key]} {word}"
            for key, word in (
                ("accept", "accepted"),
                ("reject", "rejected"),
                ("edit", "edited"),
                ("skip", "skipped"),
            )
        )
        parts = [f"reviewed {self.files} file{'s' if self.files != 1 else ''}: {shown}"]
        parts.append(f"{self.silent} applied without asking")
        parts.append(f"wrote {self.written} file{'s' if self.written != 1 else ''}")
        if self.errors:
            parts.append(f"{self.errors} with errors")
        line = "; ".join(parts)
        if self.stopped is not None:
            left = self.answers["pending"]
            line += (
                f"; stopped in {self.stopped} with {left} left to decide: decisions are saved, "
                "run the same command to resume"
            )
        return line

    @property
    def code(self) -> int:
        if self.errors:
            return exitcodes.ERROR
        return exitcodes.CHANGES_PENDING if self.stopped is not None else exitcodes.CLEAN


def open_sidecar(path: Path, text: str, discard: bool) -> Sidecar:
    """The document's decisions so far (SidecarError if unusable), or a fresh sidecar."""
    if discard:
        sidecars.discard(path)
        return sidecars.fresh(path, text)
    return sidecars.load(path, text) or sidecars.fresh(path, text)


def questions(result_edits: Sequence[Edit], text: str, sidecar: Sidecar, plan: Plan) -> list[Edit]:
    """The edits to ask about: undecided ones, suggestions only unless ``--all``."""
    undecided = []
    for edit in result_edits:
        decision = sidecar.get(sidecars.edit_anchor(text, edit))
        if decision is not None and decision.matches(edit):
            continue
        if plan.ask_all or not edit.applied:
            undecided.append(edit)
    return undecided


def _preset(session: Session, always: set[tuple[str, str]], never: set[tuple[str, str]]) -> None:
    """Answer the questions already answered with A or N in an earlier file of this run."""
    answered = False
    for item in session.items:
        verdict: Verdict | None = (
            "accept" if item.mapping in always else "reject" if item.mapping in never else None
        )
        if verdict is None:
            continue
        session.status[item.number] = verdict
        for edit in item.edits:
            session.sidecar.put(decision_for(session.text, edit, verdict))
        answered = True
    if answered:
        session.save(session.sidecar)


@dataclass(frozen=True)
class Job:
    """One file to review: its cleaned outcome, where to write it, what to ignore."""

    outcome: Outcome
    target: Path | None
    ignore: IgnoreList


def review_file(job: Job, reviewer: Reviewer, tally: Tally) -> bool:
    """Review one file and write it when every question is answered; False: stop."""
    outcome = job.outcome
    path, source, result = outcome.item.path, outcome.source, outcome.result
    assert path is not None and source is not None and result is not None
    text = result.document.text  # a subtitle or JSON file: its flowing text
    sidecar = open_sidecar(path, text, reviewer.plan.discard)
    ignore = IgnoreList(job.ignore.pairs | reviewer.never, job.ignore.texts)
    edits = [e for e in result.edits if not ignore.ignores(e)]
    asked = questions(edits, text, sidecar, reviewer.plan)
    session = Session(
        group(asked, reviewer.plan.order, result.document),
        text,
        sidecar,
        lambda found: sidecars.save(path, found),
    )
    _preset(session, reviewer.always, reviewer.never)
    reviewer.session = session
    finished = ask_all(reviewer, result.document)
    tally.answers.update(session.counts())
    tally.silent += sum(e.applied for e in edits if e not in asked)
    if not finished:
        tally.stopped = outcome.item.name
        return False
    # The pipeline again, now with the decisions: later steps (punctuation) see them, so
    # the file written is what ``cleanup fix`` writes next time.
    decided = reviewer.cleaner.run_document(result.document, sidecar=sidecar, ignore=ignore)
    final = Outcome(outcome.item, source, decided)
    if job.target is not None:
        write_copy(final, job.target)
        tally.written += 1
    else:
        tally.written += write_in_place(final)
    for warning in final.warnings:  # a subtitle line made longer than the file's longest
        reviewer.out.print(f"warning: {outcome.item.name}: {warning}", markup=False)
    return True


def review_all(
    outcomes: Iterable[Outcome],
    targets: dict[InputFile, Path],
    reviewer: Reviewer,
    ignore: IgnoreList,
    err: Console,
) -> Tally:
    """Review every file in turn, until the end or until the reviewer stops."""
    tally = Tally()
    for outcome in outcomes:
        tally.files += 1
        if outcome.error is not None:
            _error(err, outcome.error, tally)
            continue
        try:
            going = review_file(Job(outcome, targets.get(outcome.item), ignore), reviewer, tally)
        except (SidecarError, OSError) as exc:
            _error(
                err, f"{outcome.item.name}: {exc}" if isinstance(exc, OSError) else str(exc), tally
            )
            continue
        if not going:
            break
    return tally


def _error(err: Console, message: str, tally: Tally) -> None:
    err.print(Text(f"error: {message}"))
    tally.errors += 1
