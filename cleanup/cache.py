"""The cache folder: compiled resources, built once per version and input, always safe to delete.

Where: ``$CLEANUP_CACHE_DIR``, else ``$XDG_CACHE_HOME/cleanup``, else ``~/.cache/cleanup``.
Every file name carries a key made of the package version and what the file was built
from, so a new version or a changed input never reads a stale file; old files are simply
never read again. Every file is checked when read (``seal``: a header and a SHA-256 of
the content, then its shape), and one that does not fit is rebuilt with one warning
(``CacheWarning``), never a crash or different edits.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from cleanup._version import __version__
from cleanup.textio import remove_stale, write_atomic

ENV = "CLEANUP_CACHE_DIR"


def cache_dir() -> Path:
    """The cache folder this process uses (it may not exist yet)."""
    configured = os.environ.get(ENV)
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "cleanup"


def cached(path: Path | None) -> bool:
    """Is there a cache file at ``path``? A folder that cannot be searched has none."""
    if path is None:
        return False
    try:
        return path.is_file()
    except OSError:
        return False


def cache_key(parts: Iterable[object]) -> str:
    """A short hex digest of the package version and ``parts`` (their ``repr``)."""
    import hashlib  # noqa: PLC0415 (lazy: start-up time; only a cache look-up needs it)

    digest = hashlib.sha256(__version__.encode())
    for part in parts:
        digest.update(b"\0" + repr(part).encode())
    return digest.hexdigest()[:20]


def cache_file(folder: Path, stem: str, parts: Iterable[object], suffix: str) -> Path:
    """``folder/stem-KEY.suffix``, where KEY is ``cache_key(parts)``."""
    return folder / f"{stem}-{cache_key(parts)}.{suffix}"


class CacheWarning(UserWarning):
    """A cache file did not fit (damaged, of another shape or version) and was rebuilt;
    the command line shows it as one ``warning:`` line."""


# A sealed cache file: MAGIC, the kind's name and a NUL, the SHA-256 of the payload, then
# the payload. A file cut short, written over or not written by this code never unseals.
MAGIC = b"CLEANUP-CACHE\x01"
_DIGEST = 32


def seal(kind: str, payload: bytes) -> bytes:
    """``payload`` with a header naming ``kind`` and a checksum (see ``unseal``)."""
    import hashlib  # noqa: PLC0415 (lazy, as in cache_key)

    return MAGIC + kind.encode() + b"\0" + hashlib.sha256(payload).digest() + payload


def unseal(data: bytes, kind: str) -> bytes | None:
    """The payload of a ``seal``-ed ``kind`` file; None when the header or the checksum
    does not match."""
    import hashlib  # noqa: PLC0415 (lazy, as in cache_key)

    head = MAGIC + kind.encode() + b"\0"
    if not data.startswith(head) or len(data) < len(head) + _DIGEST:
        return None
    digest, payload = data[len(head) : len(head) + _DIGEST], data[len(head) + _DIGEST :]
    return payload if hashlib.sha256(payload).digest() == digest else None


def rebuilt(path: Path, why: str) -> None:
    """Say (one ``CacheWarning``) that the cache file ``path`` is being rebuilt."""
    import warnings  # noqa: PLC0415 (lazy: only a bad cache file needs it)

    message = f"{path}: cache file {why}; rebuilding it (safe to delete the cache folder)"
    warnings.warn(message, CacheWarning, stacklevel=3)


def load_pickle(path: Path | None, kind: str, fits: Callable[[Any], bool]) -> Any:
    """The object in the sealed pickle ``path`` if it is there and ``fits(object)``;
    else None, with a ``CacheWarning`` when a file was there but did not fit (to be
    rebuilt and stored again by the caller). Never raises for a bad file."""
    import pickle  # noqa: PLC0415 (lazy: only a cache look-up needs it)

    if path is None or not cached(path):
        return None
    try:
        payload = unseal(path.read_bytes(), kind)
    except OSError as exc:
        rebuilt(path, f"cannot be read ({exc.strerror})")
        return None
    if payload is None:
        rebuilt(path, f"is not a {kind} cache of this version (damaged or foreign)")
        return None
    try:
        found = pickle.loads(payload)
        ok = fits(found)
    except Exception:  # any error of a bad payload means: rebuild it
        ok = False
    if not ok:
        rebuilt(path, f"holds a {kind} of the wrong shape")
        return None
    return found


def store_pickle(path: Path | None, kind: str, value: object) -> None:
    """Store ``value`` sealed at ``path``, atomically; a folder that cannot be written
    only means the next run builds it again."""
    import pickle  # noqa: PLC0415 (lazy, see load_pickle)

    if path is None:
        return
    remove_stale(path.parent)  # what a run killed while storing left
    with contextlib.suppress(OSError):
        write_atomic(path, seal(kind, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)))
