"""``--skip-unchanged``: what earlier runs cleaned, so that a nightly run cleans only the new.

One small JSON state file per tree, ``.cleanup-state.json``: with ``-o DIR`` in ``DIR``;
with ``-w`` at the root of each folder argument (for a file argument, in its folder).
It holds a key of the run's settings (the cleanup version, every setting that changes
results, and the bytes of every file the settings read: lexicons, your lexicon, the
ignore list, ``--context`` documents) and, per file (its path below the tree), the
size, modification time and SHA-256 of the text as cleaned and the SHA-256 of its
review sidecar. A file is skipped when its record matches: same size and time (or, if
the time changed, the same hash), the same sidecar, and for ``-o`` its copy is still
there. Another key (a changed lexicon or setting) cleans everything again.

A file is recorded only when what the run should have left on disk is there (the file
rewritten by ``-w``, or the input and its ``-o`` copy): a failed write is cleaned again
next time. Deleting the state file starts afresh; it is hidden, so no run reads it as
an input.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from cleanup._version import __version__
from cleanup.cleaner import lexicon_paths
from cleanup.decisions import sidecar_path
from cleanup.io.batch import Outcome
from cleanup.io.discovery import InputFile
from cleanup.settings import Settings
from cleanup.textio import write_atomic

STATE_NAME = ".cleanup-state.json"
FORMAT = 1
SAVE_EVERY_S = 0.5  # while a run goes on, the state files are saved at most this often
# Settings that choose files, not what cleaning does to them.
NOT_IN_KEY = ("include", "exclude")


@dataclass(frozen=True)
class Stamp:
    """A file as cleaned: size (bytes), modification time (ns), SHA-256 of its bytes, and
    the SHA-256 of its review sidecar (None: none)."""

    size: int
    mtime_ns: int
    sha256: str
    sidecar: str | None


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_digest(path: Path) -> str | None:
    """SHA-256 of a file's bytes; None when it cannot be read."""
    try:
        return _digest(path.read_bytes())
    except OSError:
        return None


def settings_key(settings: Settings) -> str:
    """A key of everything that decides what cleaning does: the version, the settings
    (but ``include``/``exclude``) and the bytes of every file they read.

    Raises ``LexiconError`` when the bundled lexicons are missing (as a run would).
    """
    values = [(name, str(value)) for name, value, _ in settings.items() if name not in NOT_IN_KEY]
    read = [*lexicon_paths(settings), *settings.context]
    if settings.ignore_list is not None:
        read.append(settings.ignore_list)
    files = [(str(path), file_digest(path)) for path in read]
    return _digest(repr((__version__, values, files)).encode("utf-8"))


def _where(item: InputFile, out_dir: Path | None) -> tuple[Path, str]:
    """The state file that holds ``item`` and the item's name in it."""
    if out_dir is not None:
        return out_dir / STATE_NAME, item.relative().as_posix()
    assert item.path is not None  # --skip-unchanged refuses stdin
    root = item.root if item.root is not None else item.path.parent
    return root / STATE_NAME, item.path.relative_to(root).as_posix()


def load(path: Path, key: str) -> dict[str, Stamp]:
    """The records of a state file made with ``key``; none when it is missing, unreadable,
    of another format, or made with other settings."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != FORMAT or data.get("settings") != key:
            return {}
        return {name: Stamp(**stamp) for name, stamp in data["files"].items()}
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return {}


def _stat(path: Path) -> tuple[int, int] | None:
    try:
        found = path.stat()
    except OSError:
        return None
    return found.st_size, found.st_mtime_ns


def _current(path: Path, known: Stamp) -> Stamp | None:
    """``known`` (its time refreshed) if the file at ``path`` still matches it, else None."""
    stat = _stat(path)
    if stat is None or stat[0] != known.size:
        return None
    if stat[1] != known.mtime_ns and file_digest(path) != known.sha256:
        return None
    if file_digest(sidecar_path(path)) != known.sidecar:
        return None
    return Stamp(stat[0], stat[1], known.sha256, known.sidecar)


@dataclass
class Tracker:
    """The state files of one run: which inputs to skip, and what to record after it."""

    key: str
    out_dir: Path | None
    targets: dict[InputFile, Path]
    files: dict[Path, dict[str, Stamp]] = field(default_factory=dict)
    saved_at: float | None = None  # time.monotonic() of the last save; None: not yet
    dirty: set[Path] = field(default_factory=set)  # state files with records not saved

    def _records(self, path: Path) -> dict[str, Stamp]:
        if path not in self.files:
            self.files[path] = load(path, self.key)
        return self.files[path]

    def unchanged(self, item: InputFile) -> bool:
        """Was ``item`` cleaned with these settings, and is it as that run left it?"""
        if item.path is None:
            return False
        state, name = _where(item, self.out_dir)
        records = self._records(state)
        known = records.get(name)
        target = self.targets.get(item)
        now = None if known is None else _current(item.path, known)
        if now is None or (target is not None and not target.exists()):
            return False
        records[name] = now
        self.dirty.add(state)
        return True

    def todo(self, items: Sequence[InputFile]) -> list[InputFile]:
        """The items to clean: those not ``unchanged``."""
        return [item for item in items if not self.unchanged(item)]

    def record(self, outcomes: Iterable[Outcome]) -> None:
        """Record every outcome whose result is on disk as it should be."""
        for outcome in outcomes:
            stamp = self._verified(outcome)
            if stamp is not None:
                state, name = _where(outcome.item, self.out_dir)
                self._records(state)[name] = stamp
                self.dirty.add(state)

    def record_now(self, outcome: Outcome) -> None:
        """Record one outcome as it is written, and save the state files if the last save
        is ``SAVE_EVERY_S`` old: a run killed outright loses at most that much of its
        records (those files are cleaned again, to no change, next time)."""
        self.record([outcome])
        now = time.monotonic()
        if self.saved_at is None or now - self.saved_at >= SAVE_EVERY_S:
            self.save()

    def _verified(self, outcome: Outcome) -> Stamp | None:
        path, source, result = outcome.item.path, outcome.source, outcome.result
        if path is None or source is None or result is None or outcome.error is not None:
            return None
        original, cleaned = source.encode(source.text), source.render(result.applied)
        target = self.targets.get(outcome.item)
        if target is not None:  # -o: the input as read, and its copy as cleaned
            ok = file_digest(target) == _digest(cleaned) and file_digest(path) == _digest(original)
        else:  # -w: the file as cleaned
            ok = file_digest(path) == _digest(cleaned)
        stat = _stat(path)
        if not ok or stat is None:
            return None
        sha = _digest(original if target is not None else cleaned)
        return Stamp(stat[0], stat[1], sha, file_digest(sidecar_path(path)))

    def save(self) -> list[str]:
        """Write every state file; returns a warning per file that could not be written."""
        problems = []
        self.saved_at = time.monotonic()
        for path, records in self.files.items():
            if path not in self.dirty:
                continue
            data = {
                "format": FORMAT,
                "settings": self.key,
                "files": {name: asdict(stamp) for name, stamp in sorted(records.items())},
            }
            try:
                write_atomic(path, (json.dumps(data, indent=1) + "\n").encode("utf-8"))
            except OSError as exc:
                problems.append(
                    f"{path}: cannot write the --skip-unchanged state ({exc.strerror}); "
                    "the next run cleans these files again"
                )
                continue
            self.dirty.discard(path)
        return problems


def tracker(settings: Settings, out_dir: Path | None, targets: dict[InputFile, Path]) -> Tracker:
    """The run's tracker (``settings_key`` may raise ``LexiconError``)."""
    return Tracker(settings_key(settings), out_dir, targets)
