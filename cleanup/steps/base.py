"""What every step receives and returns."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from cleanup.document import Document
from cleanup.edits import Edit, Tier
from cleanup.lexicon.model import Lexicon
from cleanup.numbers.style import Style
from cleanup.soundalike.index import Params


@dataclass(frozen=True)
class Context:
    """Read-only inputs a step may use besides the document.

    ``related`` counts exact lexicon mentions in related documents (``--context``),
    ``related_words`` their length in words; ``style`` is the house style for numbers.
    """

    lexicon: Lexicon = field(default_factory=Lexicon)
    params: Params = field(default_factory=Params)
    related: Mapping[str, int] = field(default_factory=dict)
    related_words: int = 0
    style: Style = field(default_factory=Style)


StepFunction = Callable[[Document, Context], list[Edit]]


@dataclass(frozen=True, slots=True)
class Step:
    name: str
    function: StepFunction
    summary: str
    tier: Tier = "auto"
    default: bool = True  # on in a plain run (tidying steps are off until --tidy)
