"""Writing lexicons: entries as a sorted TSV lexicon, in the format ``parse`` reads.

Only the columns given are written, in that order; a cell holds what ``parse`` would read
back as the same value (lists joined by ``|``; a default, such as a prior of 1 or the
case policy a term gets by itself, is left empty).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from cleanup.lexicon.model import COLUMNS, LIST_SEPARATOR, Entry, default_case

_CELLS: dict[str, Callable[[Entry], str]] = {
    "term": lambda e: e.term,
    "variants": lambda e: LIST_SEPARATOR.join(e.variants),
    "accepted": lambda e: LIST_SEPARATOR.join(e.accepted),
    "sounds_like": lambda e: LIST_SEPARATOR.join(e.sounds_like),
    "pronunciation": lambda e: LIST_SEPARATOR.join(e.pronunciation),
    "category": lambda e: e.category,
    "prior": lambda e: "" if e.prior == 1.0 else f"{e.prior:g}",
    "context": lambda e: LIST_SEPARATOR.join(e.context),
    "exact": lambda e: {None: "", True: "yes", False: "no"}[e.exact],
    "case": lambda e: "" if e.case == default_case(e.term) else e.case,
    "note": lambda e: e.note,
    "heard": lambda e: LIST_SEPARATOR.join(map(str, e.heard)),
}
assert set(_CELLS) == set(COLUMNS), "every column has a writer"


def used_columns(entries: Iterable[Entry]) -> list[str]:
    """The columns that some entry has a value in (``term`` always), in ``COLUMNS`` order."""
    entries = list(entries)
    return [c for c in COLUMNS if c == "term" or any(_CELLS[c](e) for e in entries)]


def to_tsv(entries: Iterable[Entry], columns: Sequence[str] | None = None) -> str:
    """The entries as a TSV lexicon with a header, rows sorted by term ignoring case.

    ``columns`` defaults to ``used_columns``; an unknown column raises ``KeyError``.
    """
    entries = sorted(entries, key=lambda e: (e.term.casefold(), e.term))
    columns = list(columns) if columns is not None else used_columns(entries)
    rows = ["\t".join(columns)]
    rows += ["\t".join(_CELLS[column](e) for column in columns).rstrip("\t") for e in entries]
    return "\n".join(rows) + "\n"
