"""The questions of one file's review and what each answer does, with undo.

Identical suggestions (same step, span text and replacement) in one file are one
question (an ``Item``), answered for all its occurrences unless the reviewer expands it.
Every answer is written to the sidecar at once, so nothing is lost on an interrupt.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from cleanup.decisions.sidecar import Anchor, Decision, Sidecar, Verdict, decision_for
from cleanup.document import Document
from cleanup.edits import Edit
from cleanup.linefiles import FileChange, restore_all

Status = Literal["pending", "accept", "reject", "edit", "skip"]
Scope = Literal["item", "mapping", "entry"]
Order = Literal["confidence", "document"]
ORDERS: tuple[Order, ...] = ("confidence", "document")


@dataclass(frozen=True)
class Item:
    """One question: one or more identical suggestions, in document order."""

    number: int
    edits: tuple[Edit, ...]

    @property
    def edit(self) -> Edit:
        return self.edits[0]

    @property
    def confidence(self) -> float:
        return min(edit.confidence for edit in self.edits)

    @property
    def mapping(self) -> tuple[str, str]:
        return self.edit.before, self.edit.after

    @property
    def entry(self) -> str:
        """What ``a``/``d`` decide together: the lexicon entry, else the step's replacement."""
        return (
            self.edit.entry
            if self.edit.entry is not None
            else f"{self.edit.step}:{self.edit.after}"
        )


def heard(doc: Document | None, edit: Edit) -> float:
    """The recogniser's lowest word confidence in ``edit``'s span (1.0 where none is given)."""
    if doc is None or not doc.confidences:
        return 1.0
    given = [
        t.confidence
        for t in doc.tokens
        if t.confidence is not None
        and t.start < max(edit.end, edit.start + 1)
        and edit.start < t.end
    ]
    return min(given, default=1.0)


def group(
    edits: Iterable[Edit], order: Order = "confidence", doc: Document | None = None
) -> list[Item]:
    """The questions for ``edits``: identical ones together, lowest confidence first: the
    recogniser's word confidence in the span (``doc``'s, where its format gives one),
    then the edit's."""
    groups: dict[tuple[str, str, str], list[Edit]] = {}
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        groups.setdefault((edit.step, edit.before, edit.after), []).append(edit)
    items = [Item(number, tuple(found)) for number, found in enumerate(groups.values())]
    if order == "confidence":
        items.sort(
            key=lambda item: (
                min(heard(doc, edit) for edit in item.edits),
                item.confidence,
                item.edit.start,
            )
        )
    return items


@dataclass
class Undo:
    """What one answer changed, to put back."""

    number: int
    statuses: dict[int, Status]
    decisions: dict[Anchor, Decision | None]
    changes: Sequence[FileChange] = ()


@dataclass
class Session:
    """The queue of one file's questions, the answers so far and how to undo them."""

    items: list[Item]
    text: str
    sidecar: Sidecar
    save: Callable[[Sidecar], None] = lambda sidecar: None
    status: dict[int, Status] = field(default_factory=dict)
    history: list[Undo] = field(default_factory=list)
    index: int = 0

    def pending(self, item: Item) -> bool:
        return self.status.get(item.number, "pending") == "pending"

    def current(self) -> Item | None:
        while self.index < len(self.items) and not self.pending(self.items[self.index]):
            self.index += 1
        return self.items[self.index] if self.index < len(self.items) else None

    def _current(self) -> Item:
        item = self.current()
        if item is None:
            raise IndexError("no question left")
        return item

    def scope(self, kind: Scope) -> list[Item]:
        """The current question and, for ``mapping``/``entry``, the pending ones like it."""
        item = self._current()
        if kind == "item":
            return [item]
        later = [other for other in self.items[self.index + 1 :] if self.pending(other)]
        if kind == "mapping":
            return [item, *(other for other in later if other.mapping == item.mapping)]
        return [item, *(other for other in later if other.entry == item.entry)]

    def waiting(self) -> int:
        """How many other pending occurrences share the current question's entry."""
        item = self._current()
        return sum(len(other.edits) for other in self.scope("entry")) - len(item.edits)

    def decide(
        self,
        verdict: Verdict,
        scope: Scope = "item",
        replacement: str | None = None,
        changes: Sequence[FileChange] = (),
    ) -> list[Item]:
        """Answer the current question (and those in ``scope``); returns the items answered."""
        items = self.scope(scope)
        undo = Undo(items[0].number, {}, {}, changes)
        for item in items:
            undo.statuses[item.number] = self.status.get(item.number, "pending")
            self.status[item.number] = verdict
            for edit in item.edits:
                decision = decision_for(self.text, edit, verdict, replacement)
                undo.decisions.setdefault(decision.anchor, self.sidecar.get(decision.anchor))
                self.sidecar.put(decision)
        self.history.append(undo)
        self.save(self.sidecar)
        return items

    def skip(self) -> None:
        item = self._current()
        self.history.append(Undo(item.number, {item.number: "pending"}, {}))
        self.status[item.number] = "skip"

    def undo(self) -> Item | None:
        """Take back the last answer; returns its question (asked again), or None."""
        if not self.history:
            return None
        undo = self.history.pop()
        self.status.update(undo.statuses)
        for anchor, previous in undo.decisions.items():
            if previous is None:
                self.sidecar.remove(anchor)
            else:
                self.sidecar.put(previous)
        restore_all(undo.changes)
        self.save(self.sidecar)
        self.index = next(i for i, item in enumerate(self.items) if item.number == undo.number)
        return self.items[self.index]

    def expand(self) -> bool:
        """Split the current question into one per occurrence; False if it has one."""
        item = self._current()
        if len(item.edits) < 2:
            return False
        start = max(item.number for item in self.items) + 1
        singles = [Item(start + i, (edit,)) for i, edit in enumerate(item.edits)]
        self.items[self.index : self.index + 1] = singles
        return True

    def counts(self) -> Counter[str]:
        """Occurrences per answer (accept, reject, edit, skip) and still pending."""
        found: Counter[str] = Counter()
        for item in self.items:
            found[self.status.get(item.number, "pending")] += len(item.edits)
        return found

    @property
    def asked(self) -> int:
        """The current question's place in the queue, from 1."""
        return self.index + 1
