"""What every vendor format shares: notes on what was lost, collecting entries, boosts.

``Notes`` gathers what a conversion approximated or lost, one line per kind with a count
and a few examples. ``Collector`` builds entries from vendor rows in file order and keeps
the result loadable: a term listed twice is merged, and a variant that would make the
lexicon fail to load (listed twice, a chain, a case-only variant) is left out with a note.
A vendor's boost maps to our ``prior`` linearly against a reference boost (README,
"Vendor vocabularies").
"""

from __future__ import annotations

import json
import json.decoder
import json.scanner
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from cleanup.lexicon.model import Entry, Key, default_case, phrase_key

EXAMPLES = 3


class VendorError(ValueError):
    """A vendor file that cannot be converted; the message names the file (and line)."""


@dataclass
class Notes:
    """What a conversion approximated or lost: message -> the items it concerns."""

    items: dict[str, list[str]] = field(default_factory=dict)
    said: list[str] = field(default_factory=list)

    def add(self, message: str, item: str) -> None:
        self.items.setdefault(message, []).append(item)

    def say(self, line: str) -> None:
        """A line of its own (how something was done), shown before the counted ones."""
        self.said.append(line)

    def lines(self) -> list[str]:
        """The lines said, then one per message: ``message: 3 ('a', 'b', 'c', ...)``."""
        shown = list(self.said)
        for message, items in self.items.items():
            examples = ", ".join(repr(item) for item in items[:EXAMPLES])
            more = ", ..." if len(items) > EXAMPLES else ""
            shown.append(f"{message}: {len(items)} ({examples}{more})")
        return shown


def boost_to_prior(boost: float, reference: float) -> float:
    """A vendor boost as a prior: ``boost / reference``, at most 1 (and above 0)."""
    return max(0.001, min(1.0, round(boost / reference, 3)))


def prior_to_boost(prior: float, reference: float) -> float | int:
    """A prior as a vendor boost: ``prior * reference`` (2 decimals; whole numbers as int)."""
    boost = round(prior * reference, 2)
    return int(boost) if boost.is_integer() else boost


def number(value: float) -> str:
    """A boost as written in a file: ``10``, ``2.5``."""
    return f"{value:g}"


def spellings(entries: Iterable[Entry]) -> list[tuple[str, Entry]]:
    """Every correct spelling (the term, then its accepted spellings) with its entry."""
    return [(text, entry) for entry in entries for text in entry.spellings]


@dataclass
class _Draft:
    term: str
    source: str
    prior: float
    variants: list[str] = field(default_factory=list)
    sounds_like: list[str] = field(default_factory=list)
    pronunciation: list[str] = field(default_factory=list)


@dataclass
class Collector:
    """Entries in the order first seen, kept loadable; what is left out goes to ``notes``."""

    notes: Notes
    drafts: dict[Key, _Draft] = field(default_factory=dict)
    variants: dict[Key, Key] = field(default_factory=dict)  # variant key -> its term's key
    whole: list[Entry] = field(default_factory=list)  # entries read whole (CSV lexicons)

    def term(self, text: str, source: str, prior: float = 1.0) -> Key | None:
        """Add a term (or find it again); its key, or None when it has no words."""
        text = " ".join(text.split())
        key = phrase_key(text)
        if not key:
            self.notes.add("left out: no letters or digits", text)
            return None
        if key in self.variants:
            self.notes.add("left out: listed both as a term and as a variant", text)
            return None
        found = self.drafts.get(key)
        if found is None:
            self.drafts[key] = _Draft(text, source, prior)
        elif found.term != text:
            self.notes.add("merged into an earlier term written in another case", text)
        elif prior > found.prior:
            found.prior = prior
        return key

    def hint(
        self, key: Key, sounds_like: Sequence[str] = (), pronunciation: Sequence[str] = ()
    ) -> None:
        draft = self.drafts[key]
        draft.sounds_like += [s for s in sounds_like if s and s not in draft.sounds_like]
        draft.pronunciation += [p for p in pronunciation if p and p not in draft.pronunciation]

    def variant(self, key: Key, text: str) -> None:
        """Add a wrong form of the term ``key``, unless the lexicon could not load it."""
        text = " ".join(text.split())
        own = phrase_key(text)
        if not own or own == key:
            self.notes.add("left out: variants that differ from their term only in case", text)
        elif own in self.drafts:
            self.notes.add("left out: variants that are themselves terms", text)
        elif own in self.variants:
            if self.variants[own] != key:
                self.notes.add("left out: variants listed for two terms (kept the first)", text)
        else:
            self.variants[own] = key
            self.drafts[key].variants.append(text)

    def entries(self) -> list[Entry]:
        return [
            Entry(
                term=draft.term,
                variants=tuple(draft.variants),
                case=default_case(draft.term),
                source=draft.source,
                sounds_like=tuple(draft.sounds_like),
                pronunciation=tuple(draft.pronunciation),
                prior=draft.prior,
            )
            for draft in self.drafts.values()
        ] + self.whole


class Located(dict[str, Any]):
    """A JSON object read by ``load_json``: it knows where it stands in its file."""

    text: str = ""
    start: int = 0  # the offset of its ``{``

    def line(self, key: str | None = None) -> int:
        """The line (from 1) of the object's ``{``, or of ``key`` inside it."""
        at = self.start
        if key is not None:
            found = self.text.find(json.dumps(key, ensure_ascii=False), self.start)
            at = found if found >= 0 else at
        return self.text.count("\n", 0, at) + 1


def _located_object(s_and_end: tuple[str, int], *args: Any) -> tuple[Located, int]:
    found, end = json.decoder.JSONObject(s_and_end, *args)  # type: ignore[attr-defined]
    located = Located(found)
    located.text, located.start = s_and_end[0], s_and_end[1] - 1
    return located, end


def load_json(text: str, name: str) -> Any:
    """The JSON in ``text``, its objects ``Located``; VendorError naming the file and line
    when it is not JSON."""
    decoder = json.JSONDecoder()
    decoder.parse_object = _located_object  # type: ignore[attr-defined]
    decoder.scan_once = json.scanner.py_make_scanner(decoder)  # type: ignore[attr-defined]
    try:
        return decoder.decode(text)
    except json.JSONDecodeError as exc:
        raise VendorError(
            f"{name}:{exc.lineno}: not JSON ({exc.msg}, column {exc.colno}); fix the file there"
        ) from exc
    except RecursionError as exc:
        raise VendorError(
            f"{name}: JSON nested too deeply to read; check that this is the vocabulary file "
            "you meant"
        ) from exc


def kind(value: Any) -> str:
    """What a JSON value is, in words: ``a number``, ``an object``."""
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "text"
    if isinstance(value, bool):
        return "a boolean"
    return "null" if value is None else "a number"


def where(name: str, data: Any, key: str | None = None) -> str:
    """``file:line`` of a JSON object read by ``load_json``, or of ``key`` inside it."""
    return f"{name}:{data.line(key)}" if isinstance(data, Located) else f"{name}:1"


def strings(data: Any, key: str, name: str) -> list[str]:
    """The strings under ``key`` of the JSON object ``data`` (none when it is absent; a
    single string is a list of one); VendorError naming the file and line otherwise."""
    value = data.get(key, []) if isinstance(data, dict) else []
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list):
        raise VendorError(
            f"{where(name, data, key)}: {key} is {kind(value)}, not a list of strings; "
            "fix the file there"
        )
    for index, item in enumerate(value):
        if not isinstance(item, str):
            raise VendorError(
                f"{where(name, data, key)}: {key}[{index}] is {json.dumps(item)}, not text; "
                "write it as a string in quotes, or delete it"
            )
    return list(value)


def without_source(entries: Iterable[Entry]) -> list[Entry]:
    """The entries with no ``source`` (sources name the file read, not the data)."""
    return [replace(entry, source="") for entry in entries]


def dumps(data: Any) -> str:
    """JSON as the export files are written: UTF-8 text, two-space indents, a final newline."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
