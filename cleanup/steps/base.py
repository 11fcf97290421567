"""What every step receives and returns."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from cleanup.document import Document
from cleanup.edits import Edit, Tier
from cleanup.lexicon import Lexicon


@dataclass(frozen=True)
class Context:
    """Read-only inputs a step may use besides the document."""

    lexicon: Lexicon = field(default_factory=Lexicon)


StepFunction = Callable[[Document, Context], list[Edit]]


@dataclass(frozen=True, slots=True)
class Step:
    name: str
    function: StepFunction
    summary: str
    tier: Tier = "auto"
