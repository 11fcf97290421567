"""Pronunciations from one grapheme-to-phoneme system (espeak-ng), cached per word.

Transcript words and lexicon terms both go through espeak-ng (driven by ``phonemizer``;
the ``espeakng-loader`` wheel ships the library and its data, so nothing is installed
on the system or downloaded). Comparing what both sides *sound* like, with the same
G2P, separates true sound-alikes (two common words heard for one name) from noise far
better than spelling or phonetic keys.

Pronunciations are cached per word in memory and on disk (``cleanup.soundalike.store``,
in the cache folder, keyed by the espeak-ng build), so a warm run calls espeak only for
words it has never seen and reads from disk only the words it meets.
"""

from __future__ import annotations

import importlib.util
import os
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path

from cleanup.cache import cache_file
from cleanup.soundalike.phones import WEAK_FORMS, Phones, humped, parse
from cleanup.soundalike.store import Store

# Pronunciations held in memory at most; past it, new ones are saved and memory starts
# afresh from the weak forms (a long-lived worker cleaning an archive stays bounded).
MAX_KNOWN = 200_000
# The version of what the cache holds: phones as ``cleanup.soundalike.phones.parse`` writes
# them (2: a coda r of its own).
PHONES_VERSION = 3


class G2P:
    """Word pronunciations from espeak-ng (American English), cached in memory (at most
    ``MAX_KNOWN``) and in the SQLite file ``cache_file`` (None: no disk cache)."""

    VOICE = "en-us"

    def __init__(self, cache_file: Path | None = None) -> None:
        self.store = Store(cache_file) if cache_file is not None else None
        self.known: dict[str, Phones] = dict(WEAK_FORMS)
        self.new: dict[str, Phones] = {}  # learnt since the last save
        self._lock = threading.Lock()
        self._backend: object | None = None

    @staticmethod
    def key(word: str) -> str:
        """Acronyms are spelled out and mixed-case words are read hump by hump ("AcelRx",
        "SiTime"), so their case matters; other words are case-folded."""
        letters = [c for c in word if c.isalpha()]
        if 2 <= len(letters) <= 5 and all(c.isupper() for c in letters):
            return word
        if humped(letters):
            return word.replace("\u2019", "'")
        return word.casefold().replace("\u2019", "'")

    def words(self, words: Iterable[str]) -> dict[str, Phones]:
        """Pronunciations of many words (one espeak call for all the unknown ones)."""
        keys = {word: self.key(word) for word in words}
        missing = sorted({k for k in keys.values() if k not in self.known})
        if missing and self.store is not None:
            self.known.update(self.store.get(missing))
            missing = [k for k in missing if k not in self.known]
        if missing:
            with self._lock:
                learnt = dict(zip(missing, self._phonemize(missing), strict=True))
                self.known.update(learnt)
                self.new.update(learnt)
        found = {word: self.known[key] for word, key in keys.items()}
        if len(self.known) > MAX_KNOWN:
            self.save()
            self.known = dict(WEAK_FORMS)
        return found

    def phrase(self, text: str) -> Phones:
        """The pronunciation of a phrase: its words' pronunciations, run together."""
        parts = text.replace("-", " ").split()
        found = self.words(parts)
        return tuple(p for part in parts for p in found[part])

    def _phonemize(self, words: Sequence[str]) -> list[Phones]:
        from phonemizer.separator import Separator  # noqa: PLC0415 (lazy: 160 ms import)

        backend = self._espeak()
        separator = Separator(phone=" ", word="|", syllable="")
        spoken = backend.phonemize(list(words), separator=separator, strip=True)  # type: ignore[attr-defined]
        return [parse(ipa.replace("|", " ")) for ipa in spoken]

    def _espeak(self) -> object:
        if self._backend is None:
            self._backend = _espeak_backend(self.VOICE)
        return self._backend

    def save(self) -> None:
        """Add the pronunciations learnt since the last save to the disk cache (other
        processes' additions are kept); errors are ignored (the cache is only a cache)."""
        if self.store is None or not self.new:
            return
        learnt = {k: v for k, v in self.new.items() if k not in WEAK_FORMS}
        if self.store.add(learnt):
            self.new = {}


def _espeak_backend(voice: str) -> object:
    # Imported here, not at the top: 160 ms that a run with every word cached never pays.
    import espeakng_loader  # noqa: PLC0415
    from phonemizer.backend import EspeakBackend  # noqa: PLC0415
    from phonemizer.backend.espeak.wrapper import EspeakWrapper  # noqa: PLC0415

    EspeakWrapper.set_library(espeakng_loader.get_library_path())
    os.environ.setdefault("ESPEAK_DATA_PATH", espeakng_loader.get_data_path())
    return EspeakBackend(
        voice, with_stress=False, language_switch="remove-flags", words_mismatch="ignore"
    )


def pronunciation_cache(folder: Path | None) -> Path | None:
    """The pronunciation cache file in the cache folder ``folder`` (None: no disk cache),
    keyed by the voice and the espeak-ng build that pronounces."""
    if folder is None:
        return None
    parts = [G2P.VOICE, PHONES_VERSION, *_espeak_build()]
    return cache_file(folder, "pronunciations", parts, "sqlite")


def _espeak_build() -> list[object]:
    """The size and time of the espeak-ng library ``espeakng-loader`` ships (found
    without importing it)."""
    spec = importlib.util.find_spec("espeakng_loader")
    if spec is None or not spec.submodule_search_locations:
        return ["espeak-ng: not installed"]
    library = Path(next(iter(spec.submodule_search_locations))) / "libespeak-ng.so"
    try:
        stat = library.stat()
    except OSError:
        return ["espeak-ng: unknown build"]
    return [stat.st_size, stat.st_mtime_ns]
