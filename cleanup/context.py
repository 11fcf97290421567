"""What a step receives besides the document: the run's resources and the document's analysis.

Three objects, from the longest-lived to the shortest:

* ``Resources``, one per run (per ``Cleaner``): the lexicon and everything expensive that
  is built from it or beside it (the English language model, the pronunciations, the
  compiled sound-alike index, a step's own tables). Each is built on first use and at
  most once, so a run that never asks for the language model never loads it
  (``--select punctuation`` builds neither the index nor the model).
* ``Analysis``, one per document: what several steps read of the same document (the
  lexicon mentions in it, the spans around them that spell a longer term, the tokens no
  step may touch), computed on first use and then shared.
* ``Context``, one per step call: the two above, the run's options (sound-alike
  parameters, number style, ``min_confidence``) and the edits the earlier steps of the
  pipeline kept (``earlier``), so a step may judge the text as they leave it without
  calling them.

Nothing here is a module-level cache: whoever holds a ``Resources`` owns what it built.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TypeVar, cast

from cleanup.cache import cache_dir
from cleanup.document import Document
from cleanup.edits import Edit
from cleanup.lexicon.match import PhraseMatch, find_phrases, regrouped
from cleanup.lexicon.model import Lexicon
from cleanup.numbers.style import Style
from cleanup.soundalike.decision import Params
from cleanup.soundalike.features import FEATURES
from cleanup.soundalike.g2p import G2P, pronunciation_cache
from cleanup.soundalike.index import SoundIndex, cached_index
from cleanup.soundalike.langmodel import LanguageModel, load_english
from cleanup.soundalike.model import LinearModel, load_model
from cleanup.soundalike.trigram import TrigramModel

T = TypeVar("T")


@dataclass(frozen=True)
class Related:
    """Exact lexicon mentions in documents related to the ones cleaned (``--context``).

    ``mentions`` counts each term's mentions; ``words`` is the documents' length in tokens.
    """

    mentions: Mapping[str, int] = field(default_factory=dict)
    words: int = 0


def related_from(texts: Iterable[str], lexicon: Lexicon) -> Related:
    """Count the lexicon terms mentioned (exactly) in ``texts``."""
    counts: Counter[str] = Counter()
    words = 0
    for text in texts:
        doc = Document(text)
        words += len(doc.tokens)
        counts.update(match.form.entry.term for match in find_phrases(doc, lexicon))
    return Related(dict(counts), words)


class Resources:
    """The run's lexicon and its expensive companions, each built on first use, once.

    ``cache`` is the folder for compiled forms on disk (default: ``cleanup.cache.
    cache_dir()``; None: build everything in memory, write nothing). Not shared between
    processes: a worker builds its own, from the same disk cache.
    """

    def __init__(
        self,
        lexicon: Lexicon | None = None,
        related: Related | None = None,
        cache: Path | None = None,
        *,
        use_disk: bool = True,
        model: LinearModel | None = None,
    ) -> None:
        self.lexicon = lexicon if lexicon is not None else Lexicon()
        if model is not None:
            self.__dict__["model"] = model
        self.related = related if related is not None else Related()
        self.cache: Path | None = (cache or cache_dir()) if use_disk else None
        self._built: dict[Callable[[Resources], object], object] = {}

    @cached_property
    def lm(self) -> LanguageModel:
        """The English word and word-pair model (symspellpy's counts)."""
        return load_english(self.cache)

    @cached_property
    def trigram(self) -> TrigramModel:
        """The trigram model of US English that pocketsphinx ships (memory-mapped)."""
        return TrigramModel.load()

    @cached_property
    def model(self) -> LinearModel:
        """The sound-alike decision model (``decision_model.json``, or the one given)."""
        return load_model(known=FEATURES)

    @cached_property
    def g2p(self) -> G2P:
        """Pronunciations, with the on-disk pronunciation cache (``save`` writes new ones)."""
        return G2P(pronunciation_cache(self.cache))

    @cached_property
    def sound_index(self) -> SoundIndex:
        """The lexicon's compiled sound-alike index (disk-cached)."""
        folder = None if self.cache is None else self.cache / "index"
        return cached_index(self.lexicon, self.g2p, folder)

    def get(self, build: Callable[[Resources], T]) -> T:
        """What ``build(self)`` returns, built once: a step's own tables (``build`` is a
        module-level function of the step, so the number kept is the number of steps)."""
        if build not in self._built:
            self._built[build] = build(self)
        return cast(T, self._built[build])

    @property
    def built(self) -> frozenset[str]:
        """The names of what has been built so far: "lm", "g2p", "trigram", "index"
        and step tables."""
        names: set[str] = {n for n in ("lm", "g2p", "trigram") if n in self.__dict__}
        if "sound_index" in self.__dict__:
            names.add("index")
        names.update(build.__name__ for build in self._built)
        return frozenset(names)

    def save(self) -> None:
        """Write what was learnt during the run (new pronunciations) to the disk cache."""
        if "g2p" in self.__dict__:
            self.g2p.save()


class Analysis:
    """What the steps read of one document, computed on first use and shared."""

    def __init__(
        self, doc: Document, lexicon: Lexicon, mentions: Counter[str] | None = None
    ) -> None:
        """``mentions``: the counts of the whole document when ``doc`` is one window of
        it (``cleanup.windows``); by default counted in ``doc``."""
        self.doc = doc
        self.lexicon = lexicon
        if mentions is not None:
            self.__dict__["mentions"] = mentions

    @cached_property
    def phrases(self) -> tuple[PhraseMatch, ...]:
        """Lexicon forms in the text, longest first, never overlapping (``find_phrases``)."""
        return tuple(find_phrases(self.doc, self.lexicon))

    @cached_property
    def regrouped(self) -> tuple[tuple[int, int], ...]:
        """(first, last) token spans that spell a longer term with other word breaks."""
        return tuple(regrouped(self.doc, self.lexicon, self.phrases))

    @cached_property
    def in_regrouped(self) -> frozenset[int]:
        """The tokens of every ``regrouped`` span."""
        return frozenset(i for first, last in self.regrouped for i in range(first, last + 1))

    @cached_property
    def in_phrases(self) -> frozenset[int]:
        """The tokens of every lexicon mention."""
        return frozenset(i for m in self.phrases for i in range(m.first, m.last + 1))

    @cached_property
    def protected(self) -> frozenset[int]:
        """Tokens of lexicon mentions and of web and e-mail addresses."""
        return self.in_phrases | self.doc.in_address

    @cached_property
    def mentions(self) -> Counter[str]:
        """How often each term is mentioned exactly (in the whole document)."""
        return Counter(m.form.entry.term for m in self.phrases)


@dataclass(frozen=True)
class Context:
    """Everything a step may use besides the document (see the module docstring).

    ``min_confidence`` is the run's threshold in [0, 1]; ``earlier`` the edits kept so far
    from the steps that ran before this one, all referring to the original text.
    """

    resources: Resources
    analysis: Analysis
    params: Params = field(default_factory=Params)
    style: Style = field(default_factory=Style)
    min_confidence: float = 0.5
    earlier: tuple[Edit, ...] = ()

    @property
    def lexicon(self) -> Lexicon:
        return self.resources.lexicon

    @property
    def related(self) -> Related:
        return self.resources.related

    @classmethod
    def of(cls, doc: Document, resources: Resources | None = None, **options: object) -> Context:
        """A context for ``doc`` on its own (tests, one step by hand): a fresh analysis."""
        resources = resources if resources is not None else Resources()
        analysis = Analysis(doc, resources.lexicon)
        return cls(resources, analysis, **options)  # type: ignore[arg-type]
