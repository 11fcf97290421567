"""Run the enabled steps over a document and collect one list of non-overlapping edits."""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property

from cleanup.config import Config
from cleanup.document import Document
from cleanup.edits import Edit, applied, apply_edits, suggestions
from cleanup.lexicon.match import find_phrases
from cleanup.lexicon.model import Lexicon
from cleanup.steps import Context


@dataclass(frozen=True)
class Result:
    document: Document
    edits: tuple[Edit, ...] = field(default=())

    @cached_property
    def output(self) -> str:
        """The cleaned text: the original with every applied edit replayed."""
        return apply_edits(self.document.text, applied(self.edits))

    @property
    def applied(self) -> list[Edit]:
        return applied(self.edits)

    @property
    def suggestions(self) -> list[Edit]:
        return suggestions(self.edits)

    @property
    def changed(self) -> bool:
        return self.output != self.document.text


class _Claims:
    """Edits kept so far, sorted by span, for fast overlap checks.

    Sorted by (start, end), an insertion comes before a span starting at the same point,
    so ends never decrease either and only the nearest neighbours can overlap a new edit.
    """

    def __init__(self) -> None:
        self.edits: list[Edit] = []
        self.spans: list[tuple[int, int]] = []

    def free(self, edit: Edit) -> bool:
        at = bisect.bisect_left(self.spans, (edit.start, edit.end))
        neighbours = self.edits[max(at - 1, 0) : at + 2]
        return not any(edit.overlaps(other) for other in neighbours)

    def add(self, edit: Edit) -> None:
        at = bisect.bisect_left(self.spans, (edit.start, edit.end))
        self.spans.insert(at, (edit.start, edit.end))
        self.edits.insert(at, edit)


def decide(edit: Edit, config: Config) -> Edit:
    """Apply an edit only when its tier is ``auto`` and it is confident enough."""
    return edit.with_applied(edit.tier == "auto" and edit.confidence >= config.min_confidence)


def run(doc: Document, config: Config, lexicon: Lexicon, related: Related | None = None) -> Result:
    """Run the enabled steps; ``related`` are lexicon mentions in related documents."""
    related = related or Related()
    context = Context(lexicon, config.params, related.mentions, related.words, config.number_style)
    claims = _Claims()
    for step in config.steps():
        for edit in step.function(doc, context):
            if edit.before != edit.after and claims.free(edit):
                claims.add(decide(edit, config))
    return Result(doc, tuple(claims.edits))


@dataclass(frozen=True)
class Related:
    """Exact lexicon mentions in documents related to the one cleaned (``--context``)."""

    mentions: Mapping[str, int] = field(default_factory=dict)
    words: int = 0


def related_from(texts: Iterable[str], lexicon: Lexicon) -> Related:
    counts: Counter[str] = Counter()
    words = 0
    for text in texts:
        doc = Document(text)
        words += len(doc.tokens)
        counts.update(match.form.entry.term for match in find_phrases(doc, lexicon))
    return Related(dict(counts), words)


def clean(text: str, config: Config | None = None, lexicon: Lexicon | None = None) -> Result:
    """Clean one text: the library's main entry point."""
    return run(Document(text), config or Config(), lexicon or Lexicon())
