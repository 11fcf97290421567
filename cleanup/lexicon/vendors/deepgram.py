"""Deepgram: ``keyterm`` (Nova-3), ``keywords`` with intensifiers (Nova-2 and earlier),
and find-and-replace pairs (``replace``).

The file is a JSON object with those keys (each a string or a list of strings, as the
SDKs' options take them) or a query string (``keyterm=Hamrin&replace=bagdad:Baghdad``).
A keyword is ``TERM`` or ``TERM:INTENSIFIER`` (default 1; 0 or less suppresses or does
nothing); a replacement is ``FIND:REPLACE``, the find side in lower case.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Sequence
from typing import Any

from cleanup.lexicon.model import Entry
from cleanup.lexicon.vendors.common import (
    Collector,
    Notes,
    VendorError,
    boost_to_prior,
    dumps,
    load_json,
    number,
    spellings,
    strings,
    where,
)

KEYS = ("keyterm", "keywords", "replace")
REFERENCE = 1.0  # the intensifier of a plain keyword: prior 1
MAX_TERMS = 100  # what Deepgram documents for keyterm and keywords


def _options(text: str, name: str) -> dict[str, list[tuple[str, str]]]:
    """Each key's values, each with where it is (``file:line``)."""
    if text.lstrip().startswith("{"):
        data = load_json(text, name)
        if not isinstance(data, dict):
            return {}
        return {
            key: [(value, where(name, data, key)) for value in strings(data, key, name)]
            for key in KEYS
            if key in data
        }
    found: dict[str, list[tuple[str, str]]] = {}
    for line_number, line in enumerate(text.splitlines(), 1):
        query = line.strip().split("?", 1)[-1]
        for key, value in urllib.parse.parse_qsl(query, keep_blank_values=False):
            if key in KEYS:
                found.setdefault(key, []).append((value, f"{name}:{line_number}"))
    return found


def read(text: str, name: str, found: Collector) -> None:
    options = _options(text, name)
    if not options:
        raise VendorError(
            f"{name}: no Deepgram vocabulary here; expected keyterm, keywords or replace "
            "(a JSON object, or a query string)"
        )
    for term, _ in options.get("keyterm", []):
        found.term(term, name)
    for keyword, _ in options.get("keywords", []):
        _keyword(keyword, name, found)
    for pair, at in options.get("replace", []):
        wrong, colon, right = pair.partition(":")
        if not colon or not wrong.strip() or not right.strip():
            raise VendorError(
                f"{at}: replacement {pair!r} is not FIND:REPLACE; write it as "
                "wrong:Right, or delete it"
            )
        key = found.term(right, name)
        if key is not None:
            found.variant(key, wrong)


def _keyword(keyword: str, name: str, found: Collector) -> None:
    term, colon, boost = keyword.rpartition(":")
    intensifier = 1.0
    try:
        intensifier = float(boost) if colon and term else 1.0
    except ValueError:
        colon = ""
    term = term if colon and term else keyword
    if intensifier <= 0:
        found.notes.add(
            "left out: keywords suppressed or not boosted (intensifier 0 or less)", term
        )
        return
    if intensifier > REFERENCE:
        found.notes.add("approximated: intensifiers above 1 read as prior 1", keyword)
    found.term(term, name, boost_to_prior(intensifier, REFERENCE))


def _replacements(entries: Sequence[Entry], notes: Notes) -> list[str]:
    pairs = []
    for entry in entries:
        for variant in entry.variants:
            if ":" in variant:
                notes.add("left out of replace: a colon in the find side", variant)
            else:
                pairs.append(f"{variant.casefold()}:{entry.term}")
    return pairs


def _limit(count: int, key: str, notes: Notes) -> None:
    if count > MAX_TERMS:
        notes.say(
            f"note: Deepgram documents at most {MAX_TERMS} {key} per request; this has {count}"
        )


def write_keyterm(entries: Sequence[Entry], notes: Notes) -> str:
    """Nova-3: ``keyterm`` (correct forms) and ``replace`` (variants)."""
    terms = [text for text, _ in spellings(entries)]
    _limit(len(terms), "keyterm", notes)
    data: dict[str, Any] = {"keyterm": terms}
    if pairs := _replacements(entries, notes):
        data["replace"] = pairs
    return dumps(data)


def write_keywords(entries: Sequence[Entry], notes: Notes) -> str:
    """Nova-2 and earlier: ``keywords`` with the prior as intensifier, and ``replace``."""
    keywords = []
    for text, entry in spellings(entries):
        boost = round(entry.prior * REFERENCE, 3)
        keywords.append(text if boost == REFERENCE else f"{text}:{number(boost)}")
    _limit(len(keywords), "keywords", notes)
    data: dict[str, Any] = {"keywords": keywords}
    if pairs := _replacements(entries, notes):
        data["replace"] = pairs
    return dumps(data)
