"""Spoken numbers, dates, money and times -> written form, in a house style.

Pure Python over a document's words: :func:`find_conversions` reads the number phrases
of a document and says how each is written; the ``numbers`` step turns them into edits.
"""

from __future__ import annotations

from cleanup.document import Document
from cleanup.numbers.parse import Words, words_of
from cleanup.numbers.reader import NUMBER_WORDS, Conversion
from cleanup.numbers.scan import TRIGGERS, Scanner
from cleanup.numbers.style import DEFAULT_STYLE, STYLES, Style, StyleError, style_for


def find_conversions(doc: Document, style: Style) -> tuple[Words, list[Conversion]]:
    """The document's words and every number phrase found in them (written None: left)."""
    words = words_of(doc)
    return words, Scanner(words, style).scan()


__all__ = [
    "DEFAULT_STYLE",
    "NUMBER_WORDS",
    "STYLES",
    "TRIGGERS",
    "Conversion",
    "Style",
    "StyleError",
    "Words",
    "find_conversions",
    "style_for",
]
