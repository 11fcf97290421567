"""Lexicon files: reading one or many, and the bundled lexicons installed with the package.

``load_compiled`` keeps the built lexicon in the cache folder, keyed by the package
version and the bytes of every file, so a run whose lexicon files have not changed
reads one pickle instead of parsing and indexing them again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from importlib import resources
from pathlib import Path
from typing import cast

from cleanup.cache import cache_file, load_pickle, store_pickle
from cleanup.lexicon.model import Entry, Lexicon, LexiconError, Problem, Scan, build, raise_first


def load(path: Path) -> Lexicon:
    """Read and index one lexicon file."""
    return load_all([path])


def load_all(paths: Iterable[Path]) -> Lexicon:
    """Read and index lexicon files as one lexicon; ``LexiconError`` for the first error
    (naming the file and line)."""
    scans = [read(path) for path in paths]
    for scan in scans:
        raise_first(scan.problems)
    warnings = (summary for scan in scans if (summary := warning_summary(scan)))
    return build((entry for scan in scans for entry in scan.entries), warnings)


def load_compiled(paths: Sequence[Path], folder: Path | None) -> Lexicon:
    """``load_all(paths)``, read from the cache folder ``folder`` when no file changed.

    A file that cannot be read, or a cache that cannot be read or written, only means
    the lexicon is built as ``load_all`` builds it (and errors are raised as it raises
    them); a lexicon with errors is never stored.
    """
    try:
        parts = [(str(path), hashlib.sha256(path.read_bytes()).hexdigest()) for path in paths]
    except OSError:
        return load_all(paths)
    stored = None if folder is None else cache_file(folder, "lexicon", parts, "pickle")
    found = load_pickle(stored, "lexicon", _is_lexicon)
    if found is not None:
        return cast(Lexicon, found)
    lexicon = load_all(paths)
    store_pickle(stored, "lexicon", lexicon)
    return lexicon


def _is_lexicon(found: object) -> bool:
    """A lexicon of entries (what a stored lexicon must be)."""
    return isinstance(found, Lexicon) and all(isinstance(e, Entry) for e in found.entries)


def distinct_entries(paths: Iterable[Path]) -> list[Entry]:
    """The entries of every file, each term once (the first file's entry wins): lexicons
    that overlap, as a story's and a desk's may, for tools that read them together.
    ``LexiconError`` for a file that cannot be used on its own."""
    found: dict[str, Entry] = {}
    for path in paths:
        for entry in load(path).entries:
            found.setdefault(entry.term, entry)
    return list(found.values())


def read_entries(path: Path) -> list[Entry]:
    scan = read(path)
    raise_first(scan.problems)
    return list(scan.entries)


def read(path: Path) -> Scan:
    """Scan one lexicon file; a file that cannot be read is a scan with one error."""
    name = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return _unreadable(name, f"cannot read lexicon ({exc.strerror}); check the path")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return _unreadable(name, f"lexicon is not valid UTF-8 (byte {exc.start}); save it as UTF-8")
    lines = text.count("\n")
    if lines > MAX_LINES:
        return _unreadable(name, _too_big(lines))
    from cleanup.lexicon import parse  # noqa: PLC0415 (a compiled lexicon needs no parsing)

    return parse.scan(text, name)


# Lexicon lines read at most: 249,000 terms took 12 s of one core and 200 MB to load
# (2026-11-29, then about 20 s more for the sound-alike index, built once and cached); a
# lexicon of a million terms would take minutes and gigabytes, in every worker.
MAX_LINES = 250_000


def _too_big(lines: int) -> str:
    return (
        f"{lines:,} lines, more than the {MAX_LINES:,} a lexicon may have (a million terms "
        "would take minutes and gigabytes to load); split it by topic and pass with -l "
        "only those a batch needs, or keep the terms your transcripts mention "
        "(cleanup lexicon propose)"
    )


def _unreadable(name: str, message: str) -> Scan:
    return Scan(name, problems=(Problem(name, 0, message),))


def warning_summary(scan: Scan) -> str | None:
    """One line for a file's warnings: the first, and how many more there are."""
    warnings = scan.warnings
    if not warnings:
        return None
    if len(warnings) == 1:
        return str(warnings[0])
    return (
        f"{warnings[0]} (and {len(warnings) - 1} more; "
        f"'cleanup lexicon check {scan.name}' lists them)"
    )


def bundled_dir() -> Path:
    """The folder of bundled lexicons, in an installed package or a source checkout."""
    packaged = Path(str(resources.files("cleanup"))) / "_bundled_lexicons"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "lexicons"


def bundled_paths() -> list[Path]:
    folder = bundled_dir()
    paths = sorted(folder.glob("*.tsv")) + sorted(folder.glob("*.txt"))
    if not paths:
        raise LexiconError(
            f"no bundled lexicons found in {folder}; reinstall cleanup or pass --no-builtin"
        )
    return paths
