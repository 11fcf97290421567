"""Which files a run cleans: explicit files, directories searched recursively, or stdin."""

from __future__ import annotations

import errno
import fnmatch
import os
import stat
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from cleanup.decisions import SUFFIX as SIDECAR
from cleanup.settings import DEFAULT_INCLUDE
from cleanup.textio import InputError, looping, missing, resolved

STDIN = "-"


@dataclass(frozen=True)
class InputFile:
    """A file to clean; ``root`` is the directory argument it was found under (if any);
    ``problem``: why it cannot be cleaned (a missing file, an unreadable folder), reported
    as its outcome's error while the other inputs are cleaned."""

    path: Path | None
    name: str
    root: Path | None = None
    problem: str | None = None

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


def _inner(root: Path, skip: Path | None) -> Path | None:
    """``skip`` if it is a folder strictly inside ``root`` (an -o folder within the input).

    An -o folder that is the input folder itself or one of its parents skips nothing:
    the first is refused later (it would overwrite the inputs), the second is fine.
    """
    resolved = root.resolve()
    if skip is None or skip == resolved or not skip.is_relative_to(resolved):
        return None
    return skip


def _unreadable_folder(folder: Path, exc: OSError) -> str:
    return (
        f"{folder}: cannot read this folder ({exc.strerror}); the files in it were not "
        "cleaned; check its permissions"
    )


def _walk(
    root: Path, include: Sequence[str], exclude: Sequence[str], skip: Path | None
) -> list[InputFile]:
    """The files under ``root`` to clean, and an item with a ``problem`` per folder that
    cannot be read and per looping link; hidden folders (and ``skip``) are not entered."""
    found: list[InputFile] = []
    skip = _inner(root, skip)

    def unreadable(exc: OSError) -> None:
        folder = Path(exc.filename) if exc.filename else root
        found.append(InputFile(folder, str(folder), root, _unreadable_folder(folder, exc)))

    for folder, dirs, files in os.walk(root, onerror=unreadable):
        here = Path(folder)
        dirs[:] = [d for d in dirs if not d.startswith(".") and not _skipped(here / d, skip)]
        for name in files:
            path = here / name
            posix = path.relative_to(root).as_posix()
            if name.startswith(".") or not matches(posix, include) or matches(posix, exclude):
                continue
            if posix.endswith(SIDECAR):  # review decisions (FILE.cleanup.json), never an input
                continue
            if _skipped(path, skip):
                continue
            item = _file(path, root)
            if item is not None:
                found.append(item)
    return sorted(found, key=_by_path)


def _by_path(item: InputFile) -> Path:
    return item.path or Path()


def _skipped(path: Path, skip: Path | None) -> bool:
    return skip is not None and resolved(path).is_relative_to(skip)


def _file(path: Path, root: Path) -> InputFile | None:
    """A file found in a folder; a looping or dangling link is one with a problem; None
    for what is not a regular file (a pipe, a socket), left out as before."""
    try:
        regular = stat.S_ISREG(path.stat().st_mode)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return InputFile(path, str(path), root, looping(str(path)))
        if path.is_symlink():  # a link to nothing: reported, as on the command line
            return InputFile(path, str(path), root, missing(path, str(path)))
        return None
    return InputFile(path, str(path), root) if regular else None


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
        return [
            InputFile(
                path,
                argument,
                None,
                f"{argument}: cannot read ({exc.strerror}); check its permissions",
            )
        ]
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
    return [InputFile(path, argument, None, _no_file(path, argument))]


def _no_file(path: Path, argument: str) -> str:
    try:
        path.stat()
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return looping(argument)
    if path.is_symlink():
        return missing(path, argument)
    return f"{argument}: no such file or directory; check the path"


def collect(
    arguments: Sequence[str],
    include: Sequence[str] = DEFAULT_INCLUDE,
    exclude: Sequence[str] = (),
    skip: Path | None = None,
    *,
    keep_going: bool = False,
) -> list[InputFile]:
    """Expand the command's PATH arguments into files, in a stable order, each once.

    A path that names no file, a folder that cannot be read, a link that loops: with
    ``keep_going`` an item whose ``problem`` says so (the caller reports it and cleans
    the rest), else ``InputError``. Raises ``InputError`` for no arguments, stdin twice,
    an empty path or a folder with no matching file.
    """
    if not arguments:
        raise InputError("no input given; pass files, directories, or - for stdin")
    if list(arguments).count(STDIN) > 1:
        raise InputError("'-' (stdin) given more than once; pass it once")
    files: list[InputFile] = []
    seen: set[Path] = set()
    for argument in arguments:
        for item in _one(argument, include, exclude, skip):
            if item.problem is not None and not keep_going:
                raise InputError(item.problem)
            key = _key(item)
            if key not in seen:
                seen.add(key)
                files.append(item)
    return files


def _key(item: InputFile) -> Path:
    if item.path is None:
        return Path(STDIN)
    if item.problem is not None:
        return item.path.absolute()
    return item.path.resolve()
