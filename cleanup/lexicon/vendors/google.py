"""Google Cloud Speech-to-Text phrase sets: phrases with boosts.

A phrase set is a JSON object with ``phrases``, each ``{"value": ..., "boost": ...}``,
and an optional ``boost`` for the set (API v1 and v2 alike). Phrase sets are also found
inside a create request (``phraseSet``), inline adaptation (``adaptation.phraseSets``) and
v1 ``speechContexts`` (``phrases`` as plain strings with one ``boost``). A boost maps to
a prior against a reference of 10: ``prior = boost / 10``, at most 1; a phrase without a
boost (and no set boost) is a curated term, prior 1. Custom classes are not read.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import Any

from cleanup.lexicon.model import Entry
from cleanup.lexicon.vendors.common import (
    Collector,
    Notes,
    VendorError,
    boost_to_prior,
    dumps,
    kind,
    load_json,
    prior_to_boost,
    spellings,
    where,
)

REFERENCE = 10.0  # the boost of prior 1 (Google allows 0 to 20)


def _phrase_sets(data: Any) -> Iterator[dict[str, Any]]:
    """Every object with a ``phrases`` list, anywhere in the JSON, in file order."""
    stack = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            if isinstance(value.get("phrases"), list):
                yield value
            stack.extend(reversed(value.values()))
        elif isinstance(value, list):
            stack.extend(reversed(value))


def _boost(data: dict[str, Any], name: str) -> float | None:
    value = data.get("boost")
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise VendorError(
            f"{where(name, data, 'boost')}: boost {json.dumps(value)} is {kind(value)}, not a "
            "number; write a number (0 to 20), or delete it"
        )
    return float(value) if value > 0 else None


def read(text: str, name: str, found: Collector) -> None:
    sets = list(_phrase_sets(load_json(text, name)))
    if not sets:
        raise VendorError(
            f"{name}: no Google phrase set here; expected a JSON object with 'phrases' "
            "(a PhraseSet, or speechContexts)"
        )
    for phrase_set in sets:
        default = _boost(phrase_set, name)
        for index, phrase in enumerate(phrase_set["phrases"]):
            value, boost = _phrase(phrase, index, where(name, phrase_set, "phrases"), name)
            boost = boost if boost is not None else default
            if "${" in value:
                found.notes.add("left out: phrases with custom class references", value)
                continue
            if boost is not None and boost > REFERENCE:
                found.notes.add(f"approximated: boosts above {REFERENCE:g} read as prior 1", value)
            prior = 1.0 if boost is None else boost_to_prior(boost, REFERENCE)
            found.term(value, name, prior)


def _phrase(phrase: Any, index: int, at: str, name: str) -> tuple[str, float | None]:
    if isinstance(phrase, str):
        return phrase, None
    if isinstance(phrase, dict) and isinstance(phrase.get("value"), str):
        return phrase["value"], _boost(phrase, name)
    at = where(name, phrase) if isinstance(phrase, dict) else at
    raise VendorError(
        f'{at}: phrases[{index}] is neither text nor {{"value": ..., "boost": ...}}; give it '
        'a "value", or delete it'
    )


def write(entries: Sequence[Entry], notes: Notes) -> str:
    """A phrase set: every correct form with the boost of its entry's prior."""
    phrases = [
        {"value": text, "boost": prior_to_boost(entry.prior, REFERENCE)}
        for text, entry in spellings(entries)
    ]
    return dumps({"phrases": phrases})
