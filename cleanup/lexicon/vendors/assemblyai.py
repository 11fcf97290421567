"""AssemblyAI: ``keyterms_prompt``, ``word_boost`` with ``boost_param``, ``custom_spelling``.

The file is a JSON object shaped like the transcription request's parameters (other keys
are ignored). ``keyterms_prompt`` (Slam-1, Universal-3 Pro and streaming models: up to
1,000 phrases of at most 6 words) and ``word_boost`` (older models; one ``boost_param``,
``low``, ``default`` or ``high``, for the whole list) name correct forms;
``custom_spelling`` maps wrong forms (``from``) to a written form (``to``): our variants.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import regex

from cleanup.lexicon.model import Entry, phrase_key
from cleanup.lexicon.vendors.common import (
    Collector,
    Notes,
    VendorError,
    dumps,
    kind,
    load_json,
    spellings,
    strings,
    where,
)

MAX_KEYTERMS = 1000
MAX_KEYTERM_WORDS = 6
BOOST_PRIORS = {"low": 0.5, "default": 1.0, "high": 1.0}
KEYS = ("keyterms_prompt", "word_boost", "boost_param", "custom_spelling")
_PUNCTUATION = regex.compile(r"[^\w\s']+")


def read(text: str, name: str, found: Collector) -> None:
    data = load_json(text, name)
    if not isinstance(data, dict) or not any(key in data for key in KEYS):
        raise VendorError(
            f"{name}: no AssemblyAI vocabulary here; expected a JSON object with {', '.join(KEYS)}"
        )
    for term in strings(data, "keyterms_prompt", name):
        found.term(term, name)
    spelled = _spellings(data, name)
    written = {boost_form(to) for to, _ in spelled}
    prior = _boost_prior(data, name, found)
    for term in strings(data, "word_boost", name):
        if term not in written:  # else the word_boost form of a custom_spelling 'to'
            found.term(term, name, prior)
    for to, wrong in spelled:
        key = found.term(to, name)
        if key is not None:
            for variant in wrong:
                found.variant(key, variant)


def _boost_prior(data: dict[str, Any], name: str, found: Collector) -> float:
    param = data.get("boost_param", "default")
    if not isinstance(param, str) or param not in BOOST_PRIORS:
        raise VendorError(
            f"{where(name, data, 'boost_param')}: boost_param {json.dumps(param)} is not "
            '"low", "default" or "high"; write one of those'
        )
    if param == "high":
        found.notes.add("approximated: boost_param high read as prior 1 (as default)", param)
    return BOOST_PRIORS[param]


def _spellings(data: dict[str, Any], name: str) -> list[tuple[str, list[str]]]:
    """``custom_spelling`` as (to, from) pairs: the API's list of objects, or the Python
    SDK's ``{to: [from, ...]}``."""
    value = data.get("custom_spelling", [])
    if isinstance(value, dict):
        return [(to, strings(value, to, name)) for to in value]
    if not isinstance(value, list):
        raise VendorError(
            f"{where(name, data, 'custom_spelling')}: custom_spelling is {kind(value)}, not a "
            'list of {"from": [...], "to": ...} objects; fix the file there'
        )
    pairs = []
    for index, item in enumerate(value):
        if not isinstance(item, dict) or not isinstance(item.get("to"), str):
            raise VendorError(
                f"{where(name, item if isinstance(item, dict) else data, 'to')}: "
                f'custom_spelling[{index}] has no "to" text; add it, or delete the item'
            )
        pairs.append((item["to"], strings(item, "from", name)))
    return pairs


def _custom_spelling(entries: Sequence[Entry]) -> list[dict[str, Any]]:
    return [{"from": list(e.variants), "to": e.term} for e in entries if e.variants]


def write_keyterms(entries: Sequence[Entry], notes: Notes) -> str:
    """``keyterms_prompt`` (correct forms) and ``custom_spelling`` (variants)."""
    terms: list[str] = []
    for text, _ in spellings(entries):
        if len(text.split()) > MAX_KEYTERM_WORDS:
            notes.add(f"left out of keyterms_prompt: more than {MAX_KEYTERM_WORDS} words", text)
        elif len(terms) >= MAX_KEYTERMS:
            notes.add(f"left out of keyterms_prompt: over the limit of {MAX_KEYTERMS}", text)
        else:
            terms.append(text)
    data: dict[str, Any] = {"keyterms_prompt": terms}
    if spelled := _custom_spelling(entries):
        data["custom_spelling"] = spelled
    return dumps(data)


def boost_form(text: str) -> str:
    """A term as AssemblyAI asks for word_boost: punctuation but apostrophes dropped."""
    return " ".join(_PUNCTUATION.sub(" ", text).split())


def write_word_boost(entries: Sequence[Entry], notes: Notes) -> str:
    """``word_boost`` with one ``boost_param`` (``low`` when every prior is 0.5 or less)."""
    wrong = {phrase_key(variant) for entry in entries for variant in entry.variants}
    boosted: list[str] = []
    for text, _ in spellings(entries):
        form = boost_form(text)
        if phrase_key(form) in wrong:
            notes.add("left out of word_boost: without punctuation it is a variant", text)
            continue
        if form != text:
            notes.add("approximated: punctuation dropped for word_boost", text)
        if form and form not in boosted:
            boosted.append(form)
    priors = {entry.prior for entry in entries}
    if len(priors) > 1:
        notes.add("approximated: per-term priors as one boost_param", f"{len(priors)} priors")
    low = bool(priors) and max(priors) <= BOOST_PRIORS["low"]
    data: dict[str, Any] = {"word_boost": boosted, "boost_param": "low" if low else "default"}
    if spelled := _custom_spelling(entries):
        data["custom_spelling"] = spelled
    return dumps(data)
