"""Honouring review decisions and the ignore list: the one place a run applies them.

``verdict`` turns a document's decisions (its sidecar) and the ignore list into the
pipeline's verdict on each edit it keeps (``cleanup.pipeline.run``): rejected and ignored
edits are dropped as if never proposed, accepted suggestions are applied, edited ones
carry the reviewer's text. Because the pipeline asks before the next steps run, a later
step (punctuation) judges the text as the decisions leave it, and every output (text,
diffs, records, report, ``--check``) derives from the one list of edits it keeps.
"""

from __future__ import annotations

import functools
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from cleanup.decisions import sidecar_path
from cleanup.decisions.ignore import IgnoreList
from cleanup.edits import Edit
from cleanup.pipeline import Result, Verdict

if TYPE_CHECKING:
    from cleanup.decisions.sidecar import Sidecar


def decide_edit(edit: Edit, text: str, sidecar: Sidecar | None, ignore: IgnoreList) -> Edit | None:
    """The edit as the decisions have it, or None when it is not to be proposed."""
    decision = None
    if sidecar is not None:
        from cleanup.decisions.sidecar import edit_anchor  # noqa: PLC0415 (see load_sidecar)

        decision = sidecar.get(edit_anchor(text, edit))
    if decision is None or not decision.matches(edit):
        return None if ignore.ignores(edit) else edit
    if decision.verdict == "reject" or decision.text == edit.before:
        return None
    if decision.verdict == "edit":
        reason = f"{edit.reason}; edited in review (proposed {edit.after!r})"
        return replace(edit, after=decision.text, reason=reason, applied=True)
    return edit.with_applied(True)


def verdict(text: str, sidecar: Sidecar | None, ignore: IgnoreList) -> Verdict | None:
    """The pipeline's verdict for a document of ``text``; None when nothing is decided."""
    if sidecar is None and not (ignore.pairs or ignore.texts):
        return None
    return functools.partial(decide_edit, text=text, sidecar=sidecar, ignore=ignore)


def load_sidecar(path: Path | None, text: str) -> Sidecar | None:
    """The decisions stored beside the document ``path`` (None: none, or no file);
    ``SidecarError`` if they cannot be used."""
    if path is None or not sidecar_path(path).exists():
        return None
    # Imported only when a document has decisions: most runs have none (start-up time).
    from cleanup.decisions import sidecar as sidecars  # noqa: PLC0415

    return sidecars.load(path, text)


def rebased(path: Path, old_text: str, result: Result) -> Sidecar | None:
    """The sidecar of ``path`` re-anchored on ``result.output``, to save once it is written."""
    found = load_sidecar(path, old_text)
    if found is None:
        return None
    from cleanup.decisions import sidecar as sidecars  # noqa: PLC0415 (see load_sidecar)

    return sidecars.rebase(found, result.edits, result.output)
