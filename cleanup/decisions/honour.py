"""Honouring review decisions and the ignore list: the one place a run applies them.

``cleanup fix`` and ``cleanup review`` both call ``honour`` on a run's result, so the
cleaned text, diffs, records, report and ``--check`` all derive from the one list of
edits it returns: rejected and ignored edits are gone, accepted suggestions are applied,
edited ones carry the reviewer's text.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from cleanup.decisions import sidecar_path
from cleanup.decisions.ignore import IgnoreList

if TYPE_CHECKING:
    from cleanup.decisions.sidecar import Sidecar
from cleanup.edits import Edit
from cleanup.pipeline import Result


def decide_edit(edit: Edit, text: str, sidecar: Sidecar | None, ignore: IgnoreList) -> Edit | None:
    """The edit as the decisions have it, or None when it is not to be proposed."""
    decision = None
    if sidecar is not None:
        from cleanup.decisions.sidecar import edit_anchor  # noqa: PLC0415 (see honour_file)

        decision = sidecar.get(edit_anchor(text, edit))
    if decision is None or not decision.matches(edit):
        return None if ignore.ignores(edit) else edit
    if decision.verdict == "reject" or decision.text == edit.before:
        return None
    if decision.verdict == "edit":
        reason = f"{edit.reason}; edited in review (proposed {edit.after!r})"
        return replace(edit, after=decision.text, reason=reason, applied=True)
    return edit.with_applied(True)


def honour(result: Result, sidecar: Sidecar | None, ignore: IgnoreList | None = None) -> Result:
    ignore = ignore or IgnoreList()
    if sidecar is None and not (ignore.pairs or ignore.texts):
        return result
    text = result.document.text
    kept = (decide_edit(edit, text, sidecar, ignore) for edit in result.edits)
    return Result(result.document, tuple(edit for edit in kept if edit is not None))


def honour_file(path: Path | None, result: Result, ignore: IgnoreList | None = None) -> Result:
    """``honour`` with the decisions stored next to ``path``; SidecarError if unusable."""
    if path is None or not sidecar_path(path).exists():
        return honour(result, None, ignore)
    # Imported only when a document has decisions: most runs have none (start-up time).
    from cleanup.decisions import sidecar as sidecars  # noqa: PLC0415

    return honour(result, sidecars.load(path, result.document.text), ignore)


def rebased(path: Path, old_text: str, result: Result) -> Sidecar | None:
    """The sidecar of ``path`` re-anchored on ``result.output``, to save once it is written."""
    from cleanup.decisions import sidecar as sidecars  # noqa: PLC0415 (see honour_file)

    found = sidecars.load(path, old_text)
    return None if found is None else sidecars.rebase(found, result.edits, result.output)
