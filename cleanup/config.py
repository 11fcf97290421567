"""Pipeline configuration: one switch per step, plus the apply threshold.

Modelled on ftfy's ``TextFixerConfig``: each step in ``cleanup.steps.STEPS`` has a
boolean field of the same name (hyphens become underscores).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields, replace
from typing import Any

from cleanup.numbers.style import DEFAULT_STYLE, STYLES, Style, StyleError, style_for
from cleanup.soundalike.decision import PRESETS, Params
from cleanup.steps import STEP_NAMES, STEPS, Step

# Steps a plain run leaves off; --tidy (``tidy = true``) turns them on.
TIDY_STEPS = tuple(step.name for step in STEPS if not step.default)

DEFAULT_PRESET = "default"


class ConfigError(Exception):
    """A setting that cannot be used; the message says which and what to try."""


@dataclass(frozen=True)
class Config:
    lexicon_variants: bool = True
    lexicon_case: bool = True
    soundalike: bool = True
    numbers: bool = True
    fillers: bool = False
    repetitions: bool = False
    spelling: bool = True
    spacing: bool = True
    punctuation: bool = True
    # None: the preset's operating point (``Params.operating_point``).
    min_confidence: float | None = None
    preset: str = DEFAULT_PRESET
    style: str = DEFAULT_STYLE
    thousands_separator: str | None = None
    percent_sign: str | None = None
    date_order: str | None = None
    month_abbreviations: bool | None = None  # None: the style's (news: AP's "Oct. 2")
    # The sound-alike engine's parameters when not a preset's (experiments, benchmarks).
    tuning: Params | None = None

    def __post_init__(self) -> None:
        if self.preset not in PRESETS:
            raise ConfigError(f"unknown preset {self.preset!r}; use one of {', '.join(PRESETS)}")
        if self.min_confidence is None:
            object.__setattr__(self, "min_confidence", self.params.operating_point)
        elif not 0.0 <= self.min_confidence <= 1.0:
            raise ConfigError(f"min-confidence {self.min_confidence} is outside 0..1; use e.g. 0.5")
        if self.style not in STYLES:
            raise ConfigError(f"unknown style {self.style!r}; use one of {', '.join(STYLES)}")
        _check(self.number_style)

    @property
    def threshold(self) -> float:
        """The confidence an edit needs to be applied: ``min_confidence`` or the preset's."""
        return self.params.operating_point if self.min_confidence is None else self.min_confidence

    @property
    def number_style(self) -> Style:
        """The house style for numbers: the ``style`` preset with any settings overridden."""
        try:
            return style_for(
                self.style,
                self.thousands_separator,
                self.percent_sign,
                self.date_order,
                self.month_abbreviations,
            )
        except StyleError as exc:
            raise ConfigError(f"{exc}; fix the setting or leave it out") from exc

    @property
    def params(self) -> Params:
        """The sound-alike engine's parameters: ``tuning`` if set, else the preset's."""
        return self.tuning if self.tuning is not None else PRESETS[self.preset]

    def enabled(self, step: Step) -> bool:
        return bool(getattr(self, field_name(step.name)))

    def steps(self) -> list[Step]:
        return [step for step in STEPS if self.enabled(step)]

    def choose(self, select: Iterable[str] = (), ignore: Iterable[str] = ()) -> Config:
        """Keep only ``select`` (when given) and drop ``ignore``; unknown names are errors."""
        select, ignore = list(select), list(ignore)
        check_step_names([*select, *ignore])
        wanted = set(select) if select else {s.name for s in STEPS if self.enabled(s)}
        wanted -= set(ignore)
        switches: dict[str, Any] = {field_name(name): name in wanted for name in STEP_NAMES}
        return replace(self, **switches)


def _check(style: Style) -> None:
    """Building the style is the check; nothing more to do with it here."""


def field_name(step_name: str) -> str:
    return step_name.replace("-", "_")


def step_fields() -> list[str]:
    return [f.name for f in fields(Config) if f.type in ("bool", bool)]


def check_step_names(names: Iterable[str]) -> None:
    for name in names:
        if name not in STEP_NAMES:
            raise ConfigError(
                f"unknown step {name!r}; known steps: {', '.join(STEP_NAMES)} (run 'cleanup steps')"
            )
