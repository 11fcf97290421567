"""Review decisions stored per occurrence in a sidecar file next to the document.

``notes.txt`` keeps its decisions in ``notes.txt.cleanup.json``: the SHA-256 of the text
they were made on, and per decision the occurrence's anchor (the span's text, a few
words either side and the ordinal of that context in the document), what was proposed
and what the reviewer said. Anchors do not depend on which edits a run proposes, so
decisions survive re-runs with other lexicons or options. A sidecar whose hash does not
match the document (the document changed) or that cannot be read is an error, never
applied. After the document is rewritten with the decisions applied, the sidecar is
rebased onto the new text (``rebase``).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from cleanup.decisions import SidecarError, sidecar_path
from cleanup.edits import Edit, applied
from cleanup.textio import write_atomic

VERSION = 1
CONTEXT_WORDS = 4
WINDOW = 160
WORD = re.compile(r"\S+")

Verdict = Literal["accept", "reject", "edit"]
VERDICTS: tuple[Verdict, ...] = ("accept", "reject", "edit")


@dataclass(frozen=True, slots=True)
class Anchor:
    """Where an occurrence is, independent of offsets: its text and its surroundings."""

    before: str
    left: str
    right: str
    ordinal: int = 0


@dataclass(frozen=True, slots=True)
class Decision:
    """What the reviewer said about one occurrence of a proposed edit."""

    anchor: Anchor
    verdict: Verdict
    after: str
    step: str
    entry: str | None = None
    replacement: str | None = None
    start: int = 0

    def matches(self, edit: Edit) -> bool:
        """Does this decision answer ``edit`` (same proposal; any proposal for an edit)?"""
        return self.verdict == "edit" or self.after == edit.after

    @property
    def text(self) -> str:
        """What the span becomes when the decision is honoured."""
        if self.verdict == "edit" and self.replacement is not None:
            return self.replacement
        return self.after


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _left_start(text: str, start: int) -> int:
    window = max(0, start - WINDOW)
    words = list(WORD.finditer(text, window, start))
    return words[-CONTEXT_WORDS:][0].start() if words else start


def _right_end(text: str, end: int) -> int:
    words = list(WORD.finditer(text, end, min(len(text), end + WINDOW)))
    return words[:CONTEXT_WORDS][-1].end() if words else end


def anchor_at(text: str, start: int, end: int) -> Anchor:
    """The anchor of ``text[start:end]``: the span, its context, and which such context."""
    left_start, right_end = _left_start(text, start), _right_end(text, end)
    needle = text[left_start:right_end]
    ordinal = _count(text, needle, left_start) if needle else 0
    return Anchor(text[start:end], text[left_start:start], text[end:right_end], ordinal)


def _count(text: str, needle: str, before: int) -> int:
    """How many times ``needle`` starts before offset ``before`` (overlaps counted)."""
    count, at = 0, text.find(needle)
    while 0 <= at < before:
        count += 1
        at = text.find(needle, at + 1)
    return count


def edit_anchor(text: str, edit: Edit) -> Anchor:
    return anchor_at(text, edit.start, edit.end)


def decision_for(
    text: str, edit: Edit, verdict: Verdict, replacement: str | None = None
) -> Decision:
    return Decision(
        edit_anchor(text, edit),
        verdict,
        edit.after,
        edit.step,
        edit.entry,
        replacement if verdict == "edit" else None,
        edit.start,
    )


@dataclass
class Sidecar:
    """The decisions about one document, keyed by anchor."""

    sha256: str
    decisions: dict[Anchor, Decision] = field(default_factory=dict)
    document: str = ""

    def get(self, anchor: Anchor) -> Decision | None:
        return self.decisions.get(anchor)

    def put(self, decision: Decision) -> None:
        self.decisions[decision.anchor] = decision

    def remove(self, anchor: Anchor) -> None:
        self.decisions.pop(anchor, None)

    def to_json(self) -> str:
        data = {
            "version": VERSION,
            "document": self.document,
            "sha256": self.sha256,
            "decisions": [_decision_data(d) for d in self._ordered()],
        }
        return json.dumps(data, ensure_ascii=False, indent=1) + "\n"

    def _ordered(self) -> list[Decision]:
        return sorted(self.decisions.values(), key=lambda d: (d.start, d.anchor.ordinal))


def _decision_data(decision: Decision) -> dict[str, Any]:
    data: dict[str, Any] = {
        "start": decision.start,
        "before": decision.anchor.before,
        "left": decision.anchor.left,
        "right": decision.anchor.right,
        "ordinal": decision.anchor.ordinal,
        "step": decision.step,
        "entry": decision.entry,
        "after": decision.after,
        "decision": decision.verdict,
    }
    if decision.replacement is not None:
        data["replacement"] = decision.replacement
    return data


def _decision_from(data: Any) -> Decision:
    if not isinstance(data, dict):
        raise ValueError("a decision is not an object")
    anchor = Anchor(
        _text(data, "before"), _text(data, "left"), _text(data, "right"), _int(data, "ordinal")
    )
    verdict = data.get("decision")
    if verdict not in VERDICTS:
        raise ValueError(f"decision {verdict!r} is not one of {', '.join(VERDICTS)}")
    replacement = data.get("replacement")
    if verdict == "edit" and not isinstance(replacement, str):
        raise ValueError("an 'edit' decision has no replacement text")
    entry = data.get("entry")
    return Decision(
        anchor,
        verdict,
        _text(data, "after"),
        _text(data, "step"),
        entry if isinstance(entry, str) else None,
        replacement if verdict == "edit" else None,
        _int(data, "start"),
    )


def _text(data: dict[str, Any], name: str) -> str:
    value = data.get(name)
    if not isinstance(value, str):
        raise ValueError(f"{name!r} is missing or not a string")
    return value


def _int(data: dict[str, Any], name: str) -> int:
    value = data.get(name)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"{name!r} is missing or not a whole number")
    return value


DISCARD = "delete it, or run cleanup review with --discard-decisions to start the review afresh"


def parse(raw: str, text: str, where: str, how: str = DISCARD) -> Sidecar:
    """The sidecar in ``raw`` for a document whose text is ``text``; SidecarError if unusable
    (the message names ``where`` and ends with ``how`` to go on)."""
    try:
        data = json.loads(raw)
        sidecar = _sidecar_from(data)
    except (ValueError, TypeError) as exc:  # JSONDecodeError is a ValueError
        raise SidecarError(f"{where}: broken review decisions ({exc}); {how}") from exc
    if sidecar.sha256 != digest(text):
        raise SidecarError(
            f"{where}: the document changed since these review decisions were made, so "
            f"they are not applied; {how}"
        )
    return sidecar


def _sidecar_from(data: Any) -> Sidecar:
    if not isinstance(data, dict) or data.get("version") != VERSION:
        raise ValueError(f"not a version {VERSION} cleanup review file")
    decisions = data.get("decisions")
    if not isinstance(decisions, list):
        raise ValueError("'decisions' is not a list")
    document = data.get("document")
    sidecar = Sidecar(_text(data, "sha256"), document=document if isinstance(document, str) else "")
    for number, item in enumerate(decisions, 1):
        try:
            sidecar.put(_decision_from(item))
        except ValueError as exc:
            raise ValueError(f"decision {number}: {exc}") from exc
    return sidecar


def load(document: Path, text: str) -> Sidecar | None:
    """The document's sidecar, or None when it has none."""
    path = sidecar_path(document)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise SidecarError(f"{path}: cannot read ({exc.strerror}); check its permissions") from exc
    try:
        decoded = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SidecarError(f"{path}: broken review decisions (not UTF-8); {DISCARD}") from exc
    return parse(decoded, text, str(path))


def fresh(document: Path, text: str) -> Sidecar:
    return Sidecar(digest(text), document=document.name)


def save(document: Path, sidecar: Sidecar) -> None:
    """Write the sidecar atomically; with no decisions left, remove it."""
    path = sidecar_path(document)
    if not sidecar.decisions:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
        return
    write_atomic(path, sidecar.to_json().encode("utf-8"))


def discard(document: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        sidecar_path(document).unlink()


def _shift(start: int, end: int, edits: Sequence[Edit]) -> int | None:
    """Where span ``start:end`` of the old text starts in the new one; None if edited."""
    delta = 0
    for edit in edits:
        if edit.start == edit.end == start == end:
            return None
        if edit.end <= start:
            delta += len(edit.after) - len(edit.before)
        elif edit.start < end:
            return None
    return start + delta


def rebase(sidecar: Sidecar, edits: Iterable[Edit], new_text: str) -> Sidecar:
    """The decisions still to remember once the applied ``edits`` are written.

    Applied decisions are in the text now and are dropped; the others (rejections) are
    re-anchored in ``new_text``, so they are still honoured on the next run.
    """
    done = sorted(applied(list(edits)), key=lambda e: (e.start, e.end))
    rebased = Sidecar(digest(new_text), document=sidecar.document)
    for decision in sidecar.decisions.values():
        if decision.verdict != "reject":
            continue
        before = decision.anchor.before
        start = _shift(decision.start, decision.start + len(before), done)
        if start is None or new_text[start : start + len(before)] != before:
            continue
        end = start + len(before)
        anchor = anchor_at(new_text, start, end)
        rebased.put(replace(decision, anchor=anchor, start=start))
    return rebased
