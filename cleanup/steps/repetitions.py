"""The ``repetitions`` step (off unless ``--tidy``): a word said twice in a row dropped.

"I I think" -> "I think", "the the" -> "the"; never grammatical doubles ("had had",
"that that"), number words (the ``numbers`` step reads "one one two"), names ("Sirhan
Sirhan") or lexicon terms ("Duran Duran").
"""

from __future__ import annotations

from cleanup.context import Context
from cleanup.document import Document
from cleanup.edits import Edit
from cleanup.numbers import TRIGGERS
from cleanup.numbers.words import split_words

STEP = "repetitions"
# Doubled words that are grammar or emphasis, not a stumble ("I know that that is", "had had",
# "very very", "bye bye"); number words are never dropped ("one one two" may be digits,
# "minus minus" is for the numbers step to read).
KEEP_DOUBLED = split_words(
    "had that is was do did no yes yeah very really so bye ha ho well now there knock chop "
    "far again more many round over on blah la boo ding tick ta aye oh wow go come please "
    "quick bang night tut hush cha pom pee"
)


def remove_repetitions(doc: Document, ctx: Context) -> list[Edit]:
    protected = ctx.analysis.protected
    edits = []
    keys, tokens = doc.keys, doc.tokens
    for index in range(1, len(tokens)):
        if keys[index] != keys[index - 1] or not _droppable(doc, index, protected):
            continue
        start, end = tokens[index - 1].end, tokens[index].end
        reason = f"word said twice: {tokens[index].text!r}"
        edits.append(Edit(STEP, start, end, doc.text[start:end], "", reason))
    return edits


def _droppable(doc: Document, index: int, protected: frozenset[int]) -> bool:
    """May the second of two equal words go? Only a plain stumble: "I I", "the the"."""
    token, key = doc.tokens[index], doc.keys[index]
    gap = doc.text[doc.tokens[index - 1].end : token.start]
    if gap not in (" ", "  ") or not key.isalpha() or key in KEEP_DOUBLED:
        return False
    if index in protected or index - 1 in protected or key in TRIGGERS:
        return False
    return not (token.text[:1].isupper() and token.text != "I")  # "Sirhan Sirhan"
