"""Review decisions that every run honours: the sidecar beside a document and your ignore list.

``sidecar`` (decisions per occurrence, stored as ``FILE.cleanup.json``), ``ignore`` (your
ignore list), ``honour`` (applying both to a run's edits: the one place that does).
"""

from __future__ import annotations

from pathlib import Path

SUFFIX = ".cleanup.json"


class SidecarError(Exception):
    """A sidecar that cannot be used; the message says what happened and what to do."""


def sidecar_path(document: Path) -> Path:
    """Where the decisions for ``document`` are kept: ``FILE.cleanup.json`` beside it."""
    return document.with_name(document.name + SUFFIX)
