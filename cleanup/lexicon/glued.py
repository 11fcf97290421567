"""A lexicon name glued to an English word ("buybuybaby" = "buybuy" + "baby").

The tables are built once per run (the step asks ``Resources.get`` for them) from the
lexicon and a word test (``is_word``, the English word list); the split itself is a
pure function.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from cleanup.lexicon.forms import letters
from cleanup.lexicon.model import Entry, Lexicon

# A term glued to a word ("buybuybaby"): both parts at least this long.
GLUED_TERM, GLUED_WORD = 4, 3


@dataclass(frozen=True)
class GluedTables:
    """What the glued split looks words up in, built once per lexicon."""

    names: dict[str, Entry]  # a one-word spelling in no dictionary, folded -> its entry
    whole: frozenset[str]  # the letters of every form ("omnichannel")
    phrase_words: frozenset[str]  # every word of every lexicon phrase


def glued_tables(lexicon: Lexicon, is_word: Callable[[str], bool]) -> GluedTables:
    """The tables of ``lexicon``; ``is_word`` says whether a word is an English word."""
    names = {
        form.text.casefold(): form.entry
        for form in lexicon.index.values()
        if form.kind == "spelling"
        and form.text.isalpha()
        and len(form.text) >= GLUED_TERM
        and not is_word(form.text)
    }
    whole = frozenset(letters(form.text) for form in lexicon.index.values())
    return GluedTables(names, whole, frozenset(word for key in lexicon.index for word in key))


def split_glued(
    text: str, spelled: dict[str, Entry], is_word: Callable[[str], bool]
) -> tuple[str, str, Entry] | None:
    """(term part, word part, entry) when ``text`` is a term and a word glued, either way."""
    folded = text.casefold()
    for cut in range(GLUED_TERM, len(text) - GLUED_WORD + 1):
        entry = spelled.get(folded[:cut])
        if entry is not None and is_word(text[cut:]):
            return entry.term, text[cut:], entry
    for cut in range(GLUED_WORD, len(text) - GLUED_TERM + 1):
        entry = spelled.get(folded[cut:])
        if entry is not None and is_word(text[:cut]):
            return text[:cut], entry.term, entry
    return None
