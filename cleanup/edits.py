"""Edit records: the one list every output of cleanup is derived from.

An edit replaces ``text[start:end]`` of the *original* document with ``after``.
All edits of one run refer to the same original text and never overlap, so any
subset of them (the accepted ones, say) can be applied on its own.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, replace
from typing import Any, Literal

Tier = Literal["auto", "review"]
TIERS: tuple[Tier, ...] = ("auto", "review")


@dataclass(frozen=True, slots=True)
class Edit:
    """One proposed change, with the evidence for it."""

    step: str
    start: int
    end: int
    before: str
    after: str
    reason: str
    confidence: float = 1.0
    tier: Tier = "auto"
    entry: str | None = None
    source: str | None = None
    applied: bool = True

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad edit span {self.start}:{self.end}")
        if len(self.before) != self.end - self.start:
            raise ValueError(f"edit 'before' does not match its span {self.start}:{self.end}")
        if not 0.0 <= self.confidence <= 1.0:
            raise ValueError(f"edit confidence {self.confidence} is outside [0, 1]")
        if self.tier not in TIERS:
            raise ValueError(f"edit tier {self.tier!r} is not one of {', '.join(TIERS)}")

    def overlaps(self, other: Edit) -> bool:
        """True when the two edits touch the same characters (or insert at one point)."""
        if self.start == self.end or other.start == other.end:
            if self.start == self.end and other.start == other.end:
                return self.start == other.start
            point, span = (self, other) if self.start == self.end else (other, self)
            return span.start < point.start < span.end
        return self.start < other.end and other.start < self.end

    def with_applied(self, applied: bool) -> Edit:
        return replace(self, applied=applied)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Edit:
        return cls(**data)


def changed_span(edit: Edit) -> tuple[int, int, str]:
    """The part of ``edit`` that changes: its span and replacement without the characters
    ``before`` and ``after`` share at both ends ("two thousand" -> "two 1000": 4, 12, "1000")."""
    before, after = edit.before, edit.after
    head = 0
    limit = min(len(before), len(after))
    while head < limit and before[head] == after[head]:
        head += 1
    tail = 0
    while tail < limit - head and before[-1 - tail] == after[-1 - tail]:
        tail += 1
    return edit.start + head, edit.end - tail, after[head : len(after) - tail]


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """Apply non-overlapping edits (all referring to ``text``) and return the result."""
    ordered = sorted(edits, key=lambda e: (e.start, e.end))
    parts: list[str] = []
    cursor = 0
    previous: Edit | None = None
    for edit in ordered:
        # previous.overlaps: two insertions at one point have no order to apply them in
        if edit.start < cursor or (previous is not None and previous.overlaps(edit)):
            raise ValueError(f"overlapping edits at {edit.start}")
        if edit.end > len(text) or text[edit.start : edit.end] != edit.before:
            raise ValueError(f"edit at {edit.start} does not match the text it replaces")
        parts.append(text[cursor : edit.start])
        parts.append(edit.after)
        cursor = edit.end
        previous = edit
    parts.append(text[cursor:])
    return "".join(parts)


def applied(edits: Sequence[Edit]) -> list[Edit]:
    return [e for e in edits if e.applied]


def suggestions(edits: Sequence[Edit]) -> list[Edit]:
    return [e for e in edits if not e.applied]


def text_after(text: str, at: int, starting: dict[int, Edit]) -> str:
    """A few characters of ``text`` from offset ``at`` on as the edits in ``starting`` (by
    start offset) leave them: a deletion there is skipped, a rewrite's text comes first.
    For steps that judge the text as the earlier steps rewrote it."""
    made = starting.get(at)
    while made is not None and not made.after and made.end > at:
        at = made.end
        made = starting.get(at)
    if made is not None and made.after:
        return made.after + text[made.end : made.end + 2]
    return text[at : at + 3]


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset."""
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col
