"""Punctuation: doubled commas and semicolons, and a missing space after punctuation."""

from __future__ import annotations

import regex

from cleanup.document import Document
from cleanup.edits import Edit
from cleanup.steps.base import Context

STEP = "punctuation"
DOUBLED_RE = regex.compile(r"([,;])\1+")
# "word,word" or "word;word" (letters on both sides: 3,500 is a number, not a typo)
NO_SPACE_AFTER_COMMA_RE = regex.compile(r"(?<=\p{L}[ \t]*)[,;](?=\p{L})")
# "end.Next": two lower-case letters, a sentence end, a capitalised word (U.S. or e.g. don't match)
NO_SPACE_AFTER_STOP_RE = regex.compile(r"(?<=\p{Ll}\p{Ll})[.?!](?=\p{Lu}\p{Ll})")


def _doubled(text: str) -> list[Edit]:
    edits = []
    for match in DOUBLED_RE.finditer(text):
        mark = match.group(1)
        spaced = text[: match.start()].rstrip(" \t")[-1:].isalpha()
        follows = text[match.end() : match.end() + 1]
        after = mark + " " if spaced and follows.isalpha() else mark
        edits.append(
            Edit(STEP, match.start(), match.end(), match.group(), after, f"repeated {mark!r}")
        )
    return edits


def _missing_space(text: str) -> list[Edit]:
    edits = []
    for pattern in (NO_SPACE_AFTER_COMMA_RE, NO_SPACE_AFTER_STOP_RE):
        for match in pattern.finditer(text):
            point = match.end()
            reason = f"no space after {match.group()!r}"
            edits.append(Edit(STEP, point, point, "", " ", reason, confidence=0.9))
    return edits


def fix_punctuation(doc: Document, ctx: Context) -> list[Edit]:
    return _doubled(doc.text) + _missing_space(doc.text)
