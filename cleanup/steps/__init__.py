"""The step registry: every step, by name, in the order the pipeline runs them.

Earlier steps win where two steps would change the same characters. To add a step,
write a pure function ``(Document, Context) -> list[Edit]`` and list it here; the
pipeline config gains a switch for it automatically (see ``cleanup.config``).
"""

from __future__ import annotations

from cleanup.steps import (
    fillers,
    lexicon_case,
    lexicon_variants,
    numbers,
    punctuation,
    repetitions,
    soundalike,
    spacing,
    spelling,
)
from cleanup.steps.base import Step, StepFunction

STEPS: tuple[Step, ...] = (
    Step(
        lexicon_variants.STEP,
        lexicon_variants.fix_variants,
        "Rewrite a lexicon's listed variants to the term.",
    ),
    Step(
        lexicon_case.STEP,
        lexicon_case.fix_case,
        "Repair the case of lexicon terms (Isis -> ISIS).",
    ),
    Step(
        soundalike.STEP,
        soundalike.fix_soundalike,
        "Restore lexicon terms the recogniser heard as words that sound alike.",
    ),
    Step(
        numbers.STEP,
        numbers.normalize_numbers,
        "Write spoken numbers, dates, money and times in the house style (--style).",
    ),
    Step(
        fillers.STEP,
        fillers.remove_fillers,
        "Drop filler words (um, uh, erm) with the comma they leave (off unless --tidy).",
        default=False,
    ),
    Step(
        repetitions.STEP,
        repetitions.remove_repetitions,
        "Drop a word said twice in a row (I I think; off unless --tidy).",
        default=False,
    ),
    Step(
        spelling.STEP,
        spelling.suggest_spelling,
        "Suggest the nearest dictionary word for a word in no dictionary (never applied).",
        tier="review",
    ),
    Step(
        spacing.STEP,
        spacing.fix_spacing,
        "Collapse repeated spaces; drop spaces at line ends and before punctuation.",
    ),
    Step(
        punctuation.STEP,
        punctuation.fix_punctuation,
        "Collapse doubled commas; add a missing space after punctuation.",
    ),
)

STEP_NAMES: tuple[str, ...] = tuple(step.name for step in STEPS)


def get(name: str) -> Step:
    for step in STEPS:
        if step.name == name:
            return step
    raise KeyError(name)


__all__ = ["STEPS", "STEP_NAMES", "Step", "StepFunction", "get"]
