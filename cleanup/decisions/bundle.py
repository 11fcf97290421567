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

from cleanup.decisions import SUFFIX, SidecarError, sidecar_path
from cleanup.decisions import sidecar as sidecars
from cleanup.decisions.sidecar import Decision, Sidecar, anchor_at
from cleanup.textio import InputError, decode, read_path

KIND = "cleanup decisions"


@dataclass(frozen=True)
class Imported:
    """What was imported for one document, or why not."""

    name: str
    decisions: int = 0
    error: str | None = None
    replaced: bool = False  # the document's own sidecar was stale or broken, and replaced


AGAIN = "export the decisions from the report again"


def documents(raw: str, where: Path) -> list[tuple[str, dict[str, Any]]]:
    """(document name, sidecar data) for each document of a bundle or a single sidecar."""
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise SidecarError(f"{where}:{exc.lineno}: not JSON ({exc.msg}); {AGAIN}") from exc
    except RecursionError as exc:
        raise SidecarError(f"{where}: JSON nested too deeply to read; {AGAIN}") from exc
    if isinstance(data, dict) and data.get("kind") == KIND:
        found = data.get("documents")
        if data.get("version") != sidecars.VERSION or not isinstance(found, list):
            raise SidecarError(
                f"{where}: not a version {sidecars.VERSION} decisions bundle; export it from a "
                "report of this version of cleanup"
            )
        return [_named(item, index, where) for index, item in enumerate(found)]
    if isinstance(data, dict) and "sha256" in data:
        name = where.name.removesuffix(SUFFIX) if where.name.endswith(SUFFIX) else ""
        name = name or str(data.get("document") or "")
        return [(str(where.with_name(name)), data)]
    raise SidecarError(f"{where}: neither a decisions bundle nor a sidecar; {AGAIN}")


def _named(item: Any, index: int, where: Path) -> tuple[str, dict[str, Any]]:
    if (
        not isinstance(item, dict)
        or not isinstance(item.get("name"), str)
        or not isinstance(item.get("sidecar"), dict)
    ):
        raise SidecarError(f"{where}: document {index + 1} of the bundle has no name or sidecar")
    return item["name"], item["sidecar"]


def _misfit(found: Sidecar, text: str) -> Decision | None:
    """The first decision whose anchor is not where it says in ``text`` (a hand-edited or
    damaged export), or None when all fit."""
    for decision in found.decisions.values():
        end = decision.start + len(decision.anchor.before)
        if end > len(text) or anchor_at(text, decision.start, end) != decision.anchor:
            return decision
    return None


def _checked(name: str, data: dict[str, Any], path: Path, source: Path) -> tuple[Sidecar, str]:
    """(the decisions ``data`` from ``source``, the document's text) when the document at
    ``path`` is the one they were made on and every decision fits it; SidecarError else."""
    if not path.exists():
        raise SidecarError(
            f"{name} (named in {source}): no such file here; run the import from the folder "
            f"the report was made in, or give the document's path after {source}"
        )
    try:
        text = read_path(path, name).text
    except InputError as exc:
        raise SidecarError(str(exc)) from exc
    if data.get("sha256") != sidecars.digest(text):
        raise SidecarError(
            f"{name}: not the text the report was made on (changed since, or another file of "
            f"that name), so its decisions in {source} are not imported; write a new report "
            "and decide again"
        )
    found = sidecars.parse(json.dumps(data), text, f"{source} ({name})", AGAIN)
    misfit = _misfit(found, text)
    if misfit is not None:
        raise SidecarError(
            f"{source} ({name}): the decision on {misfit.anchor.before!r} at offset "
            f"{misfit.start} does not fit the document (edited by hand?), so none of its "
            f"decisions are imported; {AGAIN}"
        )
    return found, text


def import_one(name: str, data: dict[str, Any], path: Path, source: Path) -> Imported:
    """Merge the decisions ``data`` (from the file ``source``) into the sidecar of the
    document at ``path``; what was imported, or why not."""
    try:
        found, text = _checked(name, data, path, source)
    except SidecarError as exc:
        return Imported(name, error=str(exc))
    try:
        own = sidecars.load(path, text)
    except SidecarError:  # made on an older text, or broken: it can never be applied
        own = None
    replaced = own is None and sidecar_path(path).exists()
    own = own or sidecars.fresh(path, text)
    for decision in found.decisions.values():
        own.put(decision)
    sidecars.save(path, own)
    return Imported(name, len(found.decisions), replaced=replaced)


def import_decisions(source: Path, only: Iterable[Path] | None = None) -> list[Imported]:
    """Import a bundle or sidecar ``source``. A bundle's document names are taken from the
    current folder (as on the command line that wrote the report), a single sidecar's
    document is beside it. With ``only``, just the documents among those paths (matched
    by path, or else by file name); SidecarError when none of them is."""
    try:
        raw = decode(source.read_bytes(), str(source))[0]
    except OSError as exc:
        raise SidecarError(f"{source}: cannot read ({exc.strerror}); check the path") from exc
    except InputError as exc:
        raise SidecarError(f"{exc}; or {AGAIN}") from exc
    inputs = None if only is None else list(only)
    results = []
    named = documents(raw, source)
    for name, data in named:
        path = Path(name) if inputs is None else _among(Path(name), inputs)
        if path is not None:
            results.append(import_one(name, data, path, source))
    if named and not results:
        names = ", ".join(name for name, _ in named[:3]) + (", ..." if len(named) > 3 else "")
        raise SidecarError(
            f"{source}: none of its documents ({names}) is among the paths given; name them, "
            "or leave the paths out and run from the folder the report was made in"
        )
    return results


def _among(path: Path, inputs: list[Path]) -> Path | None:
    """The input that is ``path``, or else the only input of its file name."""
    for candidate in inputs:
        if candidate.resolve() == path.resolve():
            return candidate
    named = [candidate for candidate in inputs if candidate.name == path.name]
    return named[0] if len(named) == 1 else None
