"""The cache folder: compiled resources, built once per version and input, always safe to delete.

Where: ``$CLEANUP_CACHE_DIR``, else ``$XDG_CACHE_HOME/cleanup``, else ``~/.cache/cleanup``.
Every file name carries a key made of the package version and what the file was built
from, so a new version or a changed input never reads a stale file; old files are simply
never read again.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from cleanup._version import __version__

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
