"""Rev.ai custom vocabularies: ``{"custom_vocabularies": [{"phrases": [...]}]}``.

Phrases are correct forms, with no boost. Rev.ai accepts at most 12 words of at most 34
characters per phrase, letters of the Basic Latin set and no digits.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from cleanup.lexicon.model import Entry
from cleanup.lexicon.vendors.common import (
    Collector,
    Notes,
    VendorError,
    dumps,
    load_json,
    spellings,
    strings,
    where,
)

MAX_WORDS = 12
MAX_WORD_CHARS = 34


def read(text: str, name: str, found: Collector) -> None:
    data = load_json(text, name)
    vocabularies = data.get("custom_vocabularies") if isinstance(data, dict) else data
    if not isinstance(vocabularies, list) or not all(isinstance(v, dict) for v in vocabularies):
        raise VendorError(
            f"{name}: no Rev.ai vocabulary here; expected "
            '{"custom_vocabularies": [{"phrases": [...]}]}'
        )
    for index, vocabulary in enumerate(vocabularies):
        if "phrases" not in vocabulary:
            raise VendorError(
                f'{where(name, vocabulary)}: custom_vocabularies[{index}] has no "phrases"; '
                "name its list of phrases so, or delete it"
            )
        for phrase in strings(vocabulary, "phrases", name):
            found.term(phrase, name)


def problem(phrase: str) -> str | None:
    """Why Rev.ai would refuse a phrase, or None."""
    words = phrase.split()
    if any(c.isdigit() for c in phrase):
        return "digits"
    if not phrase.isascii():
        return "characters outside Basic Latin"
    if len(words) > MAX_WORDS:
        return f"more than {MAX_WORDS} words"
    if any(len(word) > MAX_WORD_CHARS for word in words):
        return f"a word longer than {MAX_WORD_CHARS} characters"
    return None


def write(entries: Sequence[Entry], notes: Notes) -> str:
    phrases: list[str] = []
    for text, _ in spellings(entries):
        why = problem(text)
        if why is None:
            phrases.append(text)
        else:
            notes.add(f"left out: Rev.ai refuses phrases with {why}", text)
    data: dict[str, Any] = {"custom_vocabularies": [{"phrases": phrases}]}
    return dumps(data)
