"""The pronunciation cache on disk: one SQLite file, looked up word by word.

A run reads only the words it meets (a warm one-line run reads a handful, however many
words earlier runs taught the cache) and adds what it learnt in one transaction, so
several processes share the file without overwriting each other (SQLite's own locking).
Every value is checked when read: a damaged or foreign row is treated as missing and
learnt again, and a file that is not a database is replaced on the next save. Errors
never stop a run: the cache is only a cache.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterable, Mapping
from pathlib import Path

from cleanup.cache import rebuilt
from cleanup.soundalike.phones import CODA_R, Phones

SCHEMA = "CREATE TABLE IF NOT EXISTS phones (word TEXT PRIMARY KEY, phones TEXT NOT NULL)"
BATCH = 500  # words per look-up query (SQLite's variable limit is 999 on old builds)
TIMEOUT_S = 10.0  # seconds to wait for another process's write


class Store:
    """Pronunciations kept in the SQLite file ``path``, read and written on demand."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def get(self, words: Iterable[str]) -> dict[str, Phones]:
        """The stored pronunciations of ``words`` (those stored and well formed)."""
        wanted = list(dict.fromkeys(words))
        if not wanted or not self.path.is_file():
            return {}
        found: dict[str, Phones] = {}
        rows = 0
        try:
            with contextlib.closing(self._connect()) as db:
                for at in range(0, len(wanted), BATCH):
                    part = wanted[at : at + BATCH]
                    marks = ",".join("?" * len(part))
                    query = f"SELECT word, phones FROM phones WHERE word IN ({marks})"
                    got = db.execute(query, part).fetchall()
                    rows += len(got)
                    found.update(_checked(got))
        except (sqlite3.Error, OSError):
            return {}
        if rows > len(found):  # learnt again, and written over, by this run
            rebuilt(self.path, f"has {rows - len(found)} damaged pronunciations")
        return found

    def add(self, learnt: Mapping[str, Phones]) -> bool:
        """Store ``learnt``; True when written. A file that is no database is replaced."""
        rows = [(word, " ".join(phones)) for word, phones in learnt.items() if phones]
        if not rows:
            return True
        for attempt in range(2):
            try:
                self._write(rows)
                return True
            except sqlite3.DatabaseError:
                if attempt == 0:
                    with contextlib.suppress(OSError):
                        self.path.unlink()
            except (sqlite3.Error, OSError):
                return False
        return False

    def _write(self, rows: list[tuple[str, str]]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with contextlib.closing(self._connect()) as db, db:
            db.execute(SCHEMA)
            db.executemany("INSERT OR REPLACE INTO phones VALUES (?, ?)", rows)

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self.path, timeout=TIMEOUT_S)


def _checked(rows: Iterable[tuple[object, object]]) -> dict[str, Phones]:
    """The rows that are a word and a non-empty space-separated list of phones (each phone
    has a letter: IPA symbols are letters, digits and punctuation are not phones; the one
    exception is ``CODA_R``, the r after a vowel, a modifier sign)."""
    good: dict[str, Phones] = {}
    for word, text in rows:
        if not isinstance(word, str) or not isinstance(text, str):
            continue
        phones = tuple(text.split())
        if phones and all(p == CODA_R or any(c.isalpha() for c in p) for p in phones):
            good[word] = phones
    return good
