"""Which files a run cleans: explicit files, directories searched recursively, or stdin."""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from cleanup.decisions import SUFFIX as SIDECAR
from cleanup.settings import DEFAULT_INCLUDE
from cleanup.textio import InputError

STDIN = "-"


@dataclass(frozen=True)
class InputFile:
    """A file to clean; ``root`` is the directory argument it was found under (if any)."""

    path: Path | None
    name: str
    root: Path | None = None

    @property
    def is_stdin(self) -> bool:
        return self.path is None

    def relative(self) -> Path:
        """Its path below the directory argument, or its own name, for mirroring with -o."""
        if self.path is None:
            return Path("stdin.txt")
        if self.root is None:
            return Path(self.path.name)
        return self.path.relative_to(self.root)


def matches(relative: str, patterns: Iterable[str]) -> bool:
    name = relative.rsplit("/", 1)[-1]
    return any(fnmatch.fnmatch(relative, p) or fnmatch.fnmatch(name, p) for p in patterns)


def _hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts)


def _inner(root: Path, skip: Path | None) -> Path | None:
    """``skip`` if it is a folder strictly inside ``root`` (an -o folder within the input).

    An -o folder that is the input folder itself or one of its parents skips nothing:
    the first is refused later (it would overwrite the inputs), the second is fine.
    """
    resolved = root.resolve()
    if skip is None or skip == resolved or not skip.is_relative_to(resolved):
        return None
    return skip


def _walk(
    root: Path, include: Sequence[str], exclude: Sequence[str], skip: Path | None
) -> list[InputFile]:
    found = []
    skip = _inner(root, skip)
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if not path.is_file() or _hidden(relative):
            continue
        if skip is not None and path.resolve().is_relative_to(skip):
            continue
        posix = relative.as_posix()
        if posix.endswith(SIDECAR):  # review decisions (FILE.cleanup.json), never an input
            continue
        if matches(posix, include) and not matches(posix, exclude):
            found.append(InputFile(path, str(path), root))
    return found


def _one(
    argument: str, include: Sequence[str], exclude: Sequence[str], skip: Path | None
) -> list[InputFile]:
    if argument == STDIN:
        return [InputFile(None, "<stdin>")]
    if not argument:
        # Path("") is the current folder: an unset shell variable must not clean it all.
        raise InputError("an empty path was given; pass '.' for the current folder")
    path = Path(argument)
    try:
        is_dir, exists = path.is_dir(), path.exists()
    except OSError as exc:
        raise InputError(
            f"{argument}: cannot read ({exc.strerror}); check its permissions"
        ) from exc
    if is_dir:
        found = _walk(path, include, exclude, skip)
        if not found:
            raise InputError(
                f"{argument}: no files match --include {' '.join(include)} "
                f"(excluding {' '.join(exclude) or 'nothing'}); pass --include '*.ext'"
            )
        return found
    if exists:
        return [InputFile(path, argument)]
    raise InputError(f"{argument}: no such file or directory; check the path")


def collect(
    arguments: Sequence[str],
    include: Sequence[str] = DEFAULT_INCLUDE,
    exclude: Sequence[str] = (),
    skip: Path | None = None,
) -> list[InputFile]:
    """Expand the command's PATH arguments into files, in a stable order, each once."""
    if not arguments:
        raise InputError("no input given; pass files, directories, or - for stdin")
    if list(arguments).count(STDIN) > 1:
        raise InputError("'-' (stdin) given more than once; pass it once")
    files: list[InputFile] = []
    seen: set[Path] = set()
    for argument in arguments:
        for item in _one(argument, include, exclude, skip):
            key = item.path.resolve() if item.path is not None else Path(STDIN)
            if key not in seen:
                seen.add(key)
                files.append(item)
    return files
