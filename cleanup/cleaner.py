"""The library's entry point: a ``Cleaner`` built from settings, holding the run's resources.

``cleanup fix`` is a thin layer over a ``Cleaner``: it resolves the settings from the
nearest config file and the command line, builds one cleaner, and cleans every file
with it. From Python, the same::

    from cleanup import Cleaner

    cleaner = Cleaner()              # settings from the nearest cleanup.toml / pyproject.toml
    cleaner.clean("a transcript to clean")      # -> cleaned text
    cleaner.run("a transcript to clean").edits  # -> the edit records
    df["clean"] = df["text"].map(cleaner.clean) # pandas: nothing is reloaded per row

``cleanup.clean(text)`` uses a default cleaner built once (see ``default_cleaner``).
Settings are resolved once, when the cleaner is built, so a worker elsewhere that is
handed the same ``Settings`` cleans the same way.
"""

from __future__ import annotations

import functools
import weakref
from collections.abc import Callable, Iterable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from cleanup import formats, pipeline
from cleanup.cache import cache_dir
from cleanup.context import Related, Resources, related_from
from cleanup.decisions.honour import load_sidecar, verdict
from cleanup.decisions.ignore import IgnoreList, load_ignore
from cleanup.document import Document
from cleanup.lexicon.files import bundled_paths, load_compiled
from cleanup.lexicon.model import Lexicon, LexiconError
from cleanup.pipeline import Result
from cleanup.settings import Settings, find_config_file, resolve
from cleanup.textio import read_path

if TYPE_CHECKING:
    from cleanup.decisions.sidecar import Sidecar

# A sample that makes every default step build what it uses (``Cleaner.warm``): a lexicon
# term in the wrong case, a sound-alike, a misspelling, numbers, fillers and a repeat.
WARM_UP = "The goverment met in twenty twenty , um, the the mayor said."


def lexicon_paths(settings: Settings) -> list[Path]:
    """The lexicons a run loads: bundled, configured, given, then the user lexicon if any.

    Raises ``LexiconError`` when the bundled lexicons are missing from the installation.
    """
    bundled = bundled_paths() if settings.builtin else []
    paths = [*bundled, *settings.lexicons]
    user = settings.user_lexicon
    if user is not None and _exists(user) and user not in paths:
        paths.append(user)
    return paths


def _exists(user: Path) -> bool:
    try:
        return user.is_file()
    except OSError as exc:
        raise LexiconError(
            f"{user}: cannot look for your lexicon ({exc.strerror}); fix the folder's "
            'permissions, or set user-lexicon = "" in cleanup.toml'
        ) from exc


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
    texts = (formats.attach(read_path(path)).document().text for path in paths)
    return related_from(texts, lexicon)


class Cleaner:
    """Cleans texts and files with one set of settings.

    Building it loads the lexicons, the ignore list and the related documents, so a bad
    one fails here: ``ConfigError`` (settings), ``LexiconError`` (a lexicon or the ignore
    list), ``InputError`` (a ``--context`` document). Everything expensive (the language
    model, pronunciations, the sound-alike index) is built on first use, once
    (``resources``). ``lexicon``, ``ignore`` and ``related`` replace what the settings
    name (the lexicons, the ignore list, the ``--context`` documents' mentions). New
    pronunciations are written to the cache folder by ``close`` (a ``with`` block does
    it), or when the cleaner is garbage-collected or the process exits.
    """

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        lexicon: Lexicon | None = None,
        ignore: IgnoreList | None = None,
        related: Related | None = None,
    ) -> None:
        self.settings = settings if settings is not None else resolve({})
        self.config = self.settings.config()
        self.lexicon = lexicon if lexicon is not None else load_lexicon(self.settings)
        self.ignore: IgnoreList = (
            ignore if ignore is not None else load_ignore(self.settings.ignore_list)
        )
        if related is None:
            related = related_documents(self.settings.context, self.lexicon)
        self.resources = Resources(self.lexicon, related)
        self._finalizer = weakref.finalize(self, self.resources.save)

    def __reduce__(self) -> tuple[Callable[..., Cleaner], tuple[object, ...]]:
        """Pickling a cleaner ships its settings and what it read from files (lexicons,
        ignore list, related documents' mentions), not what it built: the process that
        unpickles it needs none of those files and builds the rest from its own cache
        folder, once (how a cluster's workers get theirs: ``cleanup.dask``)."""
        return (_rebuilt, (self.settings, self.lexicon, self.ignore, self.resources.related))

    def warm(self) -> None:
        """Build now what cleaning needs (the language model, the sound-alike index, the
        spelling dictionary: whatever the enabled steps use) by cleaning a short sample,
        so that worker processes forked next share them instead of each building its own."""
        self.run_document(Document(WARM_UP, name="<warm-up>"), decided=False)

    def run_document(
        self,
        doc: Document,
        path: Path | None = None,
        *,
        decided: bool = True,
        sidecar: Sidecar | None = None,
        ignore: IgnoreList | None = None,
    ) -> Result:
        """The edits for ``doc`` (applied and suggested). With ``decided``, the ignore list
        (``ignore``, default the settings') and the review decisions (``sidecar``, default
        those stored beside the file ``path``) are honoured as the steps run;
        ``SidecarError`` if the stored ones cannot be used."""
        if not decided:
            return pipeline.run(doc, self.config, self.resources)
        if sidecar is None:
            sidecar = load_sidecar(path, doc.text)
        rule = verdict(doc.text, sidecar, self.ignore if ignore is None else ignore)
        return pipeline.run(doc, self.config, self.resources, rule)

    def run(self, text: str, name: str = "<text>") -> Result:
        """Clean one text as ``cleanup fix -`` would: the edit records (applied and
        suggested, the ignore list honoured) and, in ``.output``, the cleaned text."""
        return self.run_document(Document(text, name=name))

    def clean(self, text: str) -> str:
        """The cleaned text of ``text`` (characters in, characters out)."""
        return self.run(text).output

    def clean_all(self, texts: Iterable[str]) -> list[str]:
        """The cleaned text of each of ``texts``, in order (a column of a data frame, say)."""
        return [self.clean(text) for text in texts]

    def close(self) -> None:
        """Write what the run learnt so far (new pronunciations) to the cache folder. The
        cleaner may still be used; what it learns later is written by the next ``close``,
        or when it is garbage-collected or the process exits."""
        self.resources.save()

    def __enter__(self) -> Cleaner:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()


def _rebuilt(settings: Settings, lexicon: Lexicon, ignore: IgnoreList, related: Related) -> Cleaner:
    """A cleaner made from a pickled one's parts (``Cleaner.__reduce__``)."""
    return Cleaner(settings, lexicon=lexicon, ignore=ignore, related=related)


def _stamp(path: Path | None) -> tuple[str, int | None]:
    """A file's path and modification time (None when it is missing or unreadable)."""
    if path is None:
        return ("", None)
    try:
        return (str(path), path.stat().st_mtime_ns)
    except OSError:
        return (str(path), None)


@functools.lru_cache(maxsize=1)
def _default_for(settings: Settings, stamps: tuple[tuple[str, int | None], ...]) -> Cleaner:
    return Cleaner(settings)


def default_cleaner() -> Cleaner:
    """The cleaner ``cleanup.clean`` uses: settings from the nearest config file of the
    working directory, bundled lexicons. One is kept (an ``lru_cache`` of size 1); it is
    built again when the settings differ or a file it read changed since (the config
    file, a lexicon, your lexicon, the ignore list, a ``--context`` document)."""
    settings = resolve({})
    found = find_config_file(Path.cwd().resolve())
    files = [found, settings.ignore_list, settings.user_lexicon, *settings.lexicons]
    files += settings.context
    return _default_for(settings, tuple(_stamp(path) for path in files))


def clean(text: str) -> str:
    """Clean ``text`` with the default cleaner: the same text ``cleanup fix`` gives for it
    with the same settings (see ``Cleaner`` for the errors a first call may raise)."""
    return default_cleaner().clean(text)
