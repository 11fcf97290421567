"""Decisions made elsewhere (the HTML report's review desk), stored beside the documents.

A bundle (``cleanup-decisions.json``) holds, per document, the name it was given on the
command line when the report was written and its sidecar, exactly as ``cleanup review``
writes one; a single sidecar file (``talk.txt.cleanup.json``) names its document by file
name. ``import_decisions`` checks that each document is unchanged (the sidecar's SHA-256)
and merges the decisions into the document's own sidecar (the imported ones win), so the
next ``cleanup fix`` honours them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cleanup.decisions import SUFFIX, SidecarError
from cleanup.decisions import sidecar as sidecars
from cleanup.textio import InputError, read_path

KIND = "cleanup decisions"


@dataclass(frozen=True)
class Imported:
    """What was imported for one document, or why not."""

    name: str
    decisions: int = 0
    error: str | None = None


def documents(raw: str, where: Path) -> list[tuple[str, dict[str, Any]]]:
    """(document name, sidecar data) for each document of a bundle or a single sidecar."""
    try:
        data = json.loads(raw)
    except ValueError as exc:
        raise SidecarError(f"{where}: not JSON ({exc}); export the decisions again") from exc
    if isinstance(data, dict) and data.get("kind") == KIND:
        found = data.get("documents")
        if data.get("version") != sidecars.VERSION or not isinstance(found, list):
            raise SidecarError(f"{where}: not a version {sidecars.VERSION} decisions bundle")
        return [_named(item, where) for item in found]
    if isinstance(data, dict) and "sha256" in data:
        name = where.name.removesuffix(SUFFIX) if where.name.endswith(SUFFIX) else ""
        name = name or str(data.get("document") or "")
        return [(str(where.with_name(name)), data)]
    raise SidecarError(
        f"{where}: neither a decisions bundle nor a sidecar; export it from the report again"
    )


def _named(item: Any, where: Path) -> tuple[str, dict[str, Any]]:
    if (
        not isinstance(item, dict)
        or not isinstance(item.get("name"), str)
        or not isinstance(item.get("sidecar"), dict)
    ):
        raise SidecarError(f"{where}: a document in the bundle has no name or sidecar")
    return item["name"], item["sidecar"]


def import_one(name: str, data: dict[str, Any], path: Path) -> Imported:
    """Merge the decisions ``data`` into the sidecar of the document at ``path``."""
    try:
        text = read_path(path, name).text
    except InputError as exc:
        return Imported(name, error=f"{exc}; run from the folder the report was made in")
    if data.get("sha256") != sidecars.digest(text):
        return Imported(
            name,
            error=f"{name}: the document changed since the report was written, so its "
            "decisions are not imported; write a new report and decide again",
        )
    try:
        found = sidecars.parse(json.dumps(data), text, name)
        own = sidecars.load(path, text) or sidecars.fresh(path, text)
    except SidecarError as exc:
        return Imported(name, error=str(exc))
    for decision in found.decisions.values():
        own.put(decision)
    sidecars.save(path, own)
    return Imported(name, len(found.decisions))


def import_decisions(source: Path, only: Iterable[Path] | None = None) -> list[Imported]:
    """Import a bundle or sidecar ``source``. A bundle's document names are taken from the
    current folder (as on the command line that wrote the report), a single sidecar's
    document is beside it. With ``only``, just the documents among those paths (matched
    by path, or else by file name)."""
    try:
        raw = source.read_bytes().decode("utf-8")
    except OSError as exc:
        raise SidecarError(f"{source}: cannot read ({exc.strerror}); check the path") from exc
    except UnicodeDecodeError as exc:
        raise SidecarError(f"{source}: not UTF-8; export the decisions again") from exc
    inputs = None if only is None else list(only)
    results = []
    for name, data in documents(raw, source):
        path = Path(name) if inputs is None else _among(Path(name), inputs)
        if path is not None:
            results.append(import_one(name, data, path))
    return results


def _among(path: Path, inputs: list[Path]) -> Path | None:
    """The input that is ``path``, or else the only input of its file name."""
    for candidate in inputs:
        if candidate.resolve() == path.resolve():
            return candidate
    named = [candidate for candidate in inputs if candidate.name == path.name]
    return named[0] if len(named) == 1 else None
