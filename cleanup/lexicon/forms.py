"""Forms derived from a term itself, indexed where no listed form has their key.

An ampersand initialism heard letter by letter ("SG&A" said "S G and A", written "SGNA"
or "SGA"), and a term's inner "and" written "&" or the reverse ("Bed Bath & Beyond").
Pure string functions, no lexicon needed.
"""

from __future__ import annotations

import regex

# An initialism joined by ampersands: Q&A, SG&A, AT&T (not "Johnson&Johnson").
AMPERSAND_RE = regex.compile(r"[A-Z]{1,3}(?:&[A-Z]{1,3})+")


def ampersand_swapped(term: str) -> tuple[str, ...]:
    """The term with a word "and" written "&", or "&" written "and": the same words.

    "Bed Bath and Beyond" is also written "Bed Bath & Beyond", "Standard & Poor's"
    "Standard and Poor's". Like the spoken forms, these never displace a listed form.
    """
    words = term.split(" ")
    inner = range(1, len(words) - 1)
    swapped = {i: SWAP_AND[words[i]] for i in inner if words[i] in SWAP_AND}
    if not swapped:
        return ()
    return (" ".join(swapped.get(i, word) for i, word in enumerate(words)),)


SWAP_AND = {"and": "&", "&": "and"}


def spoken_letters(term: str) -> tuple[str, ...]:
    """How a recogniser writes an ampersand initialism it heard letter by letter.

    "SG&A" is said "S G and A" and written "SGNA" or "SGA". These derived forms never
    displace a listed one (they are indexed last, where their key is still free).
    """
    if AMPERSAND_RE.fullmatch(term) is None:
        return ()
    parts = term.split("&")
    return ("".join(parts), "N".join(parts))


def letters(text: str) -> str:
    """The letters and digits of a text, case-folded: "Sure smile" -> "suresmile"."""
    return "".join(c for c in text.casefold() if c.isalnum())
