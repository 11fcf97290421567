"""What the step registry holds: a step's name, its function and how it is run."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from cleanup.context import Context
from cleanup.document import Document
from cleanup.edits import Edit, Tier

StepFunction = Callable[[Document, Context], list[Edit]]


@dataclass(frozen=True, slots=True)
class Step:
    """A registered step: ``function(document, context)`` returns its proposed edits."""

    name: str
    function: StepFunction
    summary: str
    tier: Tier = "auto"
    default: bool = True  # on in a plain run (tidying steps are off until --tidy)
