"""The library's entry point: a ``Cleaner`` built from settings, holding the run's resources.

``cleanup fix`` is a thin layer over a ``Cleaner``: it resolves the settings from the
nearest config file and the command line, builds one cleaner, and cleans every file
with it. From Python, the same::

    from cleanup import Cleaner

    cleaner = Cleaner()              # settings from the nearest cleanup.toml / pyproject.toml
    cleaner.clean("the bike dad attack")        # -> cleaned text
    cleaner.run("the bike dad attack").edits    # -> the edit records
    df["clean"] = df["text"].map(cleaner.clean) # pandas: nothing is reloaded per row

``cleanup.clean(text)`` uses a default cleaner built once (see ``default_cleaner``).
Settings are resolved once, when the cleaner is built, so a worker elsewhere that is
handed the same ``Settings`` cleans the same way.
"""

from __future__ import annotations

import functools
import weakref
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType

from cleanup import pipeline
from cleanup.cache import cache_dir
from cleanup.context import Related, Resources, related_from
from cleanup.decisions.honour import honour, honour_file
from cleanup.decisions.ignore import IgnoreList, load_ignore
from cleanup.document import Document
from cleanup.lexicon.files import bundled_paths, load_compiled
from cleanup.lexicon.model import Lexicon
from cleanup.pipeline import Result
from cleanup.settings import Settings, find_config_file, resolve
from cleanup.textio import read_path


def lexicon_paths(settings: Settings) -> list[Path]:
    """The lexicons a run loads: bundled, configured, given, then the user lexicon if any.

    Raises ``LexiconError`` when the bundled lexicons are missing from the installation.
    """
    bundled = bundled_paths() if settings.builtin else []
    paths = [*bundled, *settings.lexicons]
    user = settings.user_lexicon
    if user is not None and user.is_file() and user not in paths:
        paths.append(user)
    return paths


def load_lexicon(settings: Settings, cache: Path | None = None) -> Lexicon:
    """The run's lexicon; the user lexicon's rows for known terms add variants to them.
    The compiled lexicon is kept in the cache folder ``cache`` (None: default folder).

    Raises ``LexiconError`` (naming the file and line) for a lexicon that cannot be used.
    """
    folder = cache or cache_dir()
    paths = lexicon_paths(settings)
    user = settings.user_lexicon
    if user is None or user in settings.lexicons or user not in paths:
        return load_compiled(paths, folder)
    from cleanup.lexicon.user import with_user_lexicon  # noqa: PLC0415 (only with one)

    base = load_compiled([path for path in paths if path != user], folder)
    return with_user_lexicon(base, user)


def related_documents(paths: Iterable[Path], lexicon: Lexicon) -> Related:
    """Lexicon mentions in the related documents (``--context``); ``InputError`` if one
    cannot be read."""
    return related_from((read_path(path).text for path in paths), lexicon)


class Cleaner:
    """Cleans texts and files with one set of settings.

    Building it loads the lexicons, the ignore list and the related documents, so a bad
    one fails here: ``ConfigError`` (settings), ``LexiconError`` (a lexicon or the ignore
    list), ``InputError`` (a ``--context`` document). Everything expensive (the language
    model, pronunciations, the sound-alike index) is built on first use, once
    (``resources``). ``lexicon`` replaces the lexicons the settings name. New
    pronunciations are written to the cache folder by ``close`` (a ``with`` block does
    it), or when the cleaner is garbage-collected or the process exits.
    """

    def __init__(self, settings: Settings | None = None, *, lexicon: Lexicon | None = None) -> None:
        self.settings = settings if settings is not None else resolve({})
        self.config = self.settings.config()
        self.lexicon = lexicon if lexicon is not None else load_lexicon(self.settings)
        self.ignore: IgnoreList = load_ignore(self.settings.ignore_list)
        related = related_documents(self.settings.context, self.lexicon)
        self.resources = Resources(self.lexicon, related)
        self._finalizer = weakref.finalize(self, self.resources.save)

    def run_document(self, doc: Document) -> Result:
        """The pipeline's edits for ``doc`` (applied and suggested), no decision honoured."""
        return pipeline.run(doc, self.config, self.resources)

    def decided(self, result: Result, path: Path | None = None) -> Result:
        """``result`` with the ignore list and, for a file ``path``, its review decisions
        (``FILE.cleanup.json``) honoured; ``SidecarError`` if those cannot be used."""
        if path is None:
            return honour(result, None, self.ignore)
        return honour_file(path, result, self.ignore)

    def run(self, text: str, name: str = "<text>") -> Result:
        """Clean one text as ``cleanup fix -`` would: the edit records (applied and
        suggested, the ignore list honoured) and, in ``.output``, the cleaned text."""
        return self.decided(self.run_document(Document(text, name=name)))

    def clean(self, text: str) -> str:
        """The cleaned text of ``text`` (characters in, characters out)."""
        return self.run(text).output

    def clean_all(self, texts: Iterable[str]) -> list[str]:
        """The cleaned text of each of ``texts``, in order (a column of a data frame, say)."""
        return [self.clean(text) for text in texts]

    def close(self) -> None:
        """Write what the run learnt (new pronunciations) to the cache folder."""
        self._finalizer()

    def __enter__(self) -> Cleaner:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()


def _config_stamp(cwd: Path) -> tuple[Path | None, int | None]:
    found = find_config_file(cwd.resolve())
    return found, (found.stat().st_mtime_ns if found is not None else None)


@functools.lru_cache(maxsize=1)
def _default_for(found: Path | None, stamp: int | None) -> Cleaner:
    return Cleaner(resolve({}, found.parent if found is not None else None))


def default_cleaner() -> Cleaner:
    """The cleaner ``cleanup.clean`` uses: settings from the nearest config file of the
    working directory, bundled lexicons. One is kept (an ``lru_cache`` of size 1); it is
    built again when another config file applies or the file changed."""
    return _default_for(*_config_stamp(Path.cwd()))


def clean(text: str) -> str:
    """Clean ``text`` with the default cleaner: the same text ``cleanup fix`` gives for it
    with the same settings (see ``Cleaner`` for the errors a first call may raise)."""
    return default_cleaner().clean(text)
