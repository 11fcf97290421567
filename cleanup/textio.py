"""Reading input text safely and writing output atomically, keeping what the file had."""

from __future__ import annotations

import contextlib
import errno
import os
import re
import shutil
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from cleanup.document import Document
from cleanup.edits import Edit, apply_edits

BOM = "\ufeff"
NEW_FILE_MODE = 0o666


class InputError(Exception):
    """An input that cannot be cleaned; the message names it and says what to try."""


class Transcript(Protocol):
    """A file read in its format (``cleanup.formats.model.Transcript``)."""

    warnings: list[str]

    def document(self, name: str) -> Document:
        """The flowing text the steps clean."""

    def write(self, edits: Sequence[Edit]) -> str:
        """The file's text with the applied ``edits`` written in."""


@dataclass(frozen=True)
class SourceText:
    """One input's text exactly as read (newlines untouched), whether it had a BOM, its
    encoding, and (``cleanup.formats``) the transcript read from it: the document the
    steps clean, and how edits are written back into the file."""

    name: str
    text: str
    bom: bool = False
    path: Path | None = None
    encoding: str = "utf-8"
    transcript: Transcript | None = None

    def encode(self, text: str) -> bytes:
        return ((BOM if self.bom else "") + text).encode(self.encoding)

    def document(self) -> Document:
        """The document to clean: the transcript's flowing text, or the text itself."""
        if self.transcript is not None:
            return self.transcript.document(self.name)
        return Document(self.text, name=self.name)

    def render(self, edits: Sequence[Edit]) -> bytes:
        """The file's bytes with the applied ``edits`` (on ``document().text``) written in."""
        if self.transcript is not None:
            return self.encode(self.transcript.write(edits))
        return self.encode(apply_edits(self.text, edits))


UTF16 = {b"\xff\xfe": "utf-16-le", b"\xfe\xff": "utf-16-be"}


def decode_as(raw: bytes, name: str, encoding: str | None) -> tuple[str, bool, str]:
    """Decode input: UTF-16 with a BOM, else ``encoding`` (None: UTF-8, with or without a
    BOM); returns the text, whether it had a BOM, and the encoding to write it back in.
    Raises InputError for binary input or bytes the encoding cannot decode."""
    for mark, utf16 in UTF16.items():
        if raw.startswith(mark):
            return _decoded(raw[2:], name, utf16), True, utf16
    if encoding is None or encoding == "utf-8":
        text, bom = decode(raw, name)
        return text, bom, "utf-8"
    return _decoded(raw, name, encoding), False, encoding


def _decoded(raw: bytes, name: str, encoding: str) -> str:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{name}: not valid {encoding} (byte {exc.start}); pass the file's encoding "
            "with --encoding"
        ) from exc


def decode(raw: bytes, name: str, *, encoding_option: bool = True) -> tuple[str, bool]:
    """Decode UTF-8 input (with or without BOM); raise InputError for binary or other
    encodings. ``encoding_option``: may the message suggest ``--encoding`` (inputs may;
    settings files may not, it does not apply to them)?"""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(
            f"{name}: UTF-16 text; convert it to UTF-8 first, e.g. {_iconv('utf-16', name)}"
        )
    nul = raw.find(b"\x00")  # anywhere, not only near the start (memchr: fast)
    if nul >= 0:
        line = raw.count(b"\n", 0, nul) + 1
        raise InputError(
            f"{name}: looks like a binary file (it has NUL bytes, the first on line {line}); "
            "pass text files only, or narrow the selection with --include/--exclude (in a "
            "pre-commit hook, with its exclude: pattern)"
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        option = "pass its encoding (--encoding cp1252, say) or " if encoding_option else ""
        raise InputError(
            f"{name}: not valid UTF-8 (line {line}, byte {exc.start}); {option}"
            f"convert it first, e.g. {_iconv('latin1', name)}"
        ) from exc
    if text.startswith(BOM):
        return text[1:], True
    return text, False


def _iconv(encoding: str, name: str) -> str:
    """How to convert the input to UTF-8: a file, or a pipe for stdin ("<stdin>")."""
    if name.startswith("<"):
        return f"pipe it through iconv -f {encoding} -t utf-8"
    return f"iconv -f {encoding} -t utf-8 {name} > fixed.txt"


def read_path(path: Path, name: str | None = None, encoding: str | None = None) -> SourceText:
    shown = name or str(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError as exc:
        raise InputError(missing(path, shown)) from exc
    except IsADirectoryError as exc:
        raise InputError(f"{shown}: is a directory; pass it as a directory argument") from exc
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise InputError(looping(shown)) from exc
        raise InputError(f"{shown}: cannot read ({exc.strerror}); check its permissions") from exc
    text, bom, used = decode_as(raw, shown, encoding)
    return SourceText(shown, text, bom, path, used)


def resolved(path: Path) -> Path:
    """``path.resolve()``, or its absolute path where links loop (resolve raises then)."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path.absolute()


def looping(shown: str) -> str:
    """The message for a symbolic link that leads back to itself."""
    return (
        f"{shown}: a symbolic link that loops (it leads back to itself, directly or "
        "through other links); fix or remove the link"
    )


def missing(path: Path, shown: str) -> str:
    """The message for a path with no file: a dangling symbolic link says where it points."""
    if path.is_symlink():
        return (
            f"{shown}: a symbolic link to {os.readlink(path)}, which does not exist; "
            "fix or remove the link"
        )
    return f"{shown}: no such file; check the path"


def read_bytes(raw: bytes, name: str = "<stdin>", encoding: str | None = None) -> SourceText:
    text, bom, used = decode_as(raw, name, encoding)
    return SourceText(name, text, bom, None, used)


def current_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_atomic(path: Path, data: bytes, like: Path | None = None) -> None:
    """Write ``data`` to ``path`` via a temporary file and a rename, never half-written.

    Permissions are copied from ``like`` (or the file being replaced); a new file gets
    the usual mode for the umask. The owner and group of the file being replaced are
    kept where this process may set them (root: both; others: a group they are in).
    A symlink is followed, so the link stays and its target is rewritten; a hard link
    is not (the path gets a new file, the other names keep the old one).
    The temporary file is ``.NAME.XXXXXXXX.tmp`` beside it (see ``remove_stale``).
    """
    target = path.resolve() if path.is_symlink() else path
    target.parent.mkdir(parents=True, exist_ok=True)
    template = like if like is not None and like.exists() else target
    fd, temp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=TEMP)
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if template.exists():
            shutil.copymode(template, temp)
        else:
            temp.chmod(NEW_FILE_MODE & ~current_umask())
        _keep_owner(target, temp)
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise


def _keep_owner(target: Path, temp: Path) -> None:
    """Give ``temp`` the owner and group of ``target`` (if it exists) where allowed."""
    try:
        old, new = target.stat(), temp.stat()
    except OSError:
        return
    if (old.st_uid, old.st_gid) == (new.st_uid, new.st_gid):
        return
    try:
        os.chown(temp, old.st_uid, old.st_gid)  # root may
    except PermissionError:
        with contextlib.suppress(PermissionError):
            os.chown(temp, -1, old.st_gid)  # a member of the group may


# The temporaries ``write_atomic`` makes: ``.NAME.`` + mkstemp's 8 characters + ``.tmp``.
TEMP = ".tmp"
TEMP_RE = re.compile(r"^\..+\.[a-z0-9_]{8}\.tmp$")
STALE_AFTER_S = 600  # a temporary this old was left by a process that was killed


def stale_temporaries(folder: Path, now: float | None = None) -> list[Path]:
    """The temporaries of ``write_atomic`` in ``folder`` (not below it) older than
    ``STALE_AFTER_S``: left by a process killed while writing (one still writing has a
    fresh one). ``now``: the time to compare with (seconds, default: now)."""
    moment = time.time() if now is None else now
    found = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    for entry in entries:
        if not TEMP_RE.match(entry.name):
            continue
        with contextlib.suppress(OSError):
            age = moment - entry.stat(follow_symlinks=False).st_mtime
            if entry.is_file(follow_symlinks=False) and age > STALE_AFTER_S:
                found.append(Path(entry.path))
    return sorted(found)


def remove_stale(folder: Path) -> list[str]:
    """Remove ``stale_temporaries(folder)``; a warning line per one that stays."""
    problems = []
    for path in stale_temporaries(folder):
        try:
            path.unlink()
        except OSError as exc:
            problems.append(
                f"{path}: a temporary file left by an interrupted run, which cannot be "
                f"removed ({exc.strerror}); delete it by hand"
            )
    return problems
