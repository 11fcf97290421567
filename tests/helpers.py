"""Test helpers: one ``Resources`` per lexicon for the whole session, and a step run by hand.

Building resources (the language model, the sound index) once per lexicon keeps the
suite fast; they live in the session's own cache folder (see conftest.py).
"""

from __future__ import annotations

from collections.abc import Callable

from cleanup.config import Config
from cleanup.context import Context, Resources
from cleanup.document import Document
from cleanup.edits import Edit
from cleanup.lexicon.model import Lexicon
from cleanup.pipeline import Result, run

_EMPTY = Lexicon()
_KEPT: dict[int, tuple[Lexicon, Resources]] = {}


def resources_for(lexicon: Lexicon | None = None) -> Resources:
    """The session's resources for ``lexicon`` (the same object gives the same resources;
    every empty lexicon shares one)."""
    lexicon = _EMPTY if lexicon is None or not lexicon.entries else lexicon
    kept = _KEPT.get(id(lexicon))
    if kept is None or kept[0] is not lexicon:
        kept = (lexicon, Resources(lexicon))
        _KEPT[id(lexicon)] = kept
    return kept[1]


def clean_with(text: str, config: Config | None = None, lexicon: Lexicon | None = None) -> Result:
    """The pipeline's result for ``text`` (no review decisions, no ignore list)."""
    return run(Document(text), config or Config(), resources_for(lexicon))


def context_for(doc: Document, lexicon: Lexicon | None = None, **options: object) -> Context:
    """A step context for ``doc`` alone, as the pipeline would make it for its first step."""
    return Context.of(doc, resources_for(lexicon), **options)


def call_step(
    step: Callable[[Document, Context], list[Edit]],
    doc: Document | str,
    lexicon: Lexicon | None = None,
    **options: object,
) -> list[Edit]:
    """One step's edits for ``doc`` (a Document or a text)."""
    doc = doc if isinstance(doc, Document) else Document(doc)
    return step(doc, context_for(doc, lexicon, **options))
