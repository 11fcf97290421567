"""House styles: how spoken numbers are written.

``news`` (the default) is AP-like: one to nine as words in prose, figures with units,
ages, percent, money, dates and times, figures from 10 up ("3,000", "25%", "May 3, 2020",
"5:30 p.m."), and AP's month abbreviations before a day ("Oct. 2"; March to July spelled
out). ``digits`` writes every number as figures (idioms and prose ordinals still
stay words). ``verbatim`` changes no number.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

DATE_ORDERS = ("mdy", "dmy")
PERCENT_SIGNS = ("%", "percent")
SEPARATORS = (",", ".", " ", "\u202f", "")


class StyleError(ValueError):
    """A style setting that cannot be used; the message says what to use instead."""


@dataclass(frozen=True, slots=True)
class Style:
    name: str = "news"
    convert: bool = True
    small_words: bool = True  # one to nine as words in prose
    ordinal_words: bool = True  # first to ninth as words in prose
    thousands: str = ","
    percent: str = "%"
    date_order: str = "mdy"
    month_abbreviations: bool = False  # AP: "Oct. 2", "Sept. 30, 2020" (month-day order only)

    def __post_init__(self) -> None:
        if self.thousands not in SEPARATORS:
            shown = ", ".join(repr(s) for s in SEPARATORS)
            raise StyleError(f"thousands separator {self.thousands!r} is not one of {shown}")
        if self.percent not in PERCENT_SIGNS:
            raise StyleError(
                f"percent sign {self.percent!r} is not one of {', '.join(PERCENT_SIGNS)}"
            )
        if self.date_order not in DATE_ORDERS:
            raise StyleError(
                f"date order {self.date_order!r} is not one of {', '.join(DATE_ORDERS)}"
            )


STYLES: dict[str, Style] = {
    "news": Style(month_abbreviations=True),
    "digits": Style("digits", small_words=False, ordinal_words=False),
    "verbatim": Style("verbatim", convert=False),
}
DEFAULT_STYLE = "news"


def style_for(
    name: str,
    thousands: str | None = None,
    percent: str | None = None,
    date_order: str | None = None,
    month_abbreviations: bool | None = None,
) -> Style:
    """A preset with any of its settings overridden (None keeps the preset's)."""
    if name not in STYLES:
        raise StyleError(f"unknown style {name!r}; use one of {', '.join(STYLES)}")
    style = STYLES[name]
    return replace(
        style,
        thousands=style.thousands if thousands is None else thousands,
        percent=style.percent if percent is None else percent,
        date_order=style.date_order if date_order is None else date_order,
        month_abbreviations=(
            style.month_abbreviations if month_abbreviations is None else month_abbreviations
        ),
    )
