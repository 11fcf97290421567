"""Values -> written forms in a house style."""

from __future__ import annotations

from cleanup.numbers.style import Style

SCALE_NAMES = {10**6: "million", 10**9: "billion", 10**12: "trillion"}


def grouped(digits: str, style: Style) -> str:
    """Thousands separators in the whole part of a plain digit string ("15000" -> "15,000")."""
    sign = "-" if digits.startswith("-") else ""
    digits = digits.lstrip("-")
    whole, dot, decimals = digits.partition(".")
    if len(whole) > 4 or (len(whole) == 4 and style.thousands not in (" ", "\u202f")):
        head = len(whole) % 3 or 3
        parts = [whole[:head]] + [whole[k : k + 3] for k in range(head, len(whole), 3)]
        whole = style.thousands.join(parts)
    return sign + whole + dot + decimals


def integer(value: int, style: Style, tail_scale: int = 1) -> str:
    """A whole number; a round number of millions and up keeps its scale ("2 million")."""
    if tail_scale in SCALE_NAMES and value % tail_scale == 0 and value // tail_scale < 1000:
        return f"{value // tail_scale} {SCALE_NAMES[tail_scale]}"
    return grouped(str(value), style)


def ordinal(value: int) -> str:
    if value % 100 in (11, 12, 13):
        return f"{value}th"
    return f"{value}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(value % 10, 'th') }"


def percent(figure: str, style: Style) -> str:
    return f"{figure}%" if style.percent == "%" else f"{figure} percent"


# AP style: these months are abbreviated before a day ("Oct. 2"); March to July never are.
AP_MONTHS = {
    "January": "Jan.",
    "February": "Feb.",
    "August": "Aug.",
    "September": "Sept.",
    "October": "Oct.",
    "November": "Nov.",
    "December": "Dec.",
}


def date(month: str, day: int | None, year: str | None, style: Style) -> str:
    """ "May 3, 2020", "Oct. 2" (AP abbreviations, month-day order), "3 May 2020", "May 2020"."""
    if day is None:
        return f"{month} {year}"
    if style.date_order == "dmy":
        return f"{day} {month}" + (f" {year}" if year else "")
    if style.month_abbreviations:
        month = AP_MONTHS.get(month, month)
    return f"{month} {day}" + (f", {year}" if year else "")


def clock(hour: int, minute: int | None, meridiem: str) -> str:
    text = str(hour) if minute is None else f"{hour}:{minute:02d}"
    return f"{text} {meridiem}" if meridiem else text


def phone(digits: str) -> str:
    """Digits said one by one, grouped like a North American number when they fit."""
    if len(digits) == 10:
        return f"{digits[:3]}-{digits[3:6]}-{digits[6:]}"
    if len(digits) == 11 and digits.startswith("1"):
        return f"1-{digits[1:4]}-{digits[4:7]}-{digits[7:]}"
    if len(digits) == 7:
        return f"{digits[:3]}-{digits[3:]}"
    return digits
