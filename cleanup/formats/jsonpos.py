"""The standard ``json`` parser, made to tell where each string, object and array is.

In the result of ``parse`` every string value is a ``Str`` (a ``str``), every object an
``Obj`` (a ``dict``) and every array an ``Arr`` (a ``list``), each with ``span``: its
start and end offsets in the text (quotes and brackets included). The values are what
``json.loads`` gives; only where they were is added. ``json.loads`` (its C scanner)
parses and validates; the spans come from walking its result beside the text's strings
and brackets, in order (a regular expression finds them). Where the two do not agree (an
object with a key twice, whose first value ``json`` drops), ``json``'s pure-Python
scanner is run instead, with its string, object and array parsers wrapped: the same
result, five times slower.
"""

from __future__ import annotations

import json
import json.decoder
import json.scanner
import re
from collections.abc import Iterator
from typing import Any

# json.decoder's pure-Python parsers (not in its stubs: they are no documented API, but
# are what json.scanner.py_make_scanner calls, and have been since Python 2.6).
_PARSERS = vars(json.decoder)
_scanstring = _PARSERS["scanstring"]
_json_object = _PARSERS["JSONObject"]
_json_array = _PARSERS["JSONArray"]


class Str(str):
    """A JSON string value and its ``span`` in the text (quotes included)."""

    __slots__ = ("span",)
    span: tuple[int, int]


class Obj(dict[str, Any]):
    """A JSON object and its ``span`` in the text."""

    span: tuple[int, int] = (0, 0)


class Arr(list[Any]):
    """A JSON array and its ``span`` in the text."""

    span: tuple[int, int] = (0, 0)


def _string(text: str, end: int, strict: bool) -> tuple[Str, int]:
    value, after = _scanstring(text, end, strict)
    found = Str(value)
    found.span = (end - 1, after)
    return found, after


def _object(text_end: tuple[str, int], *args: Any) -> tuple[Obj, int]:
    value, after = _json_object(text_end, *args)
    found = Obj(value)
    found.span = (text_end[1] - 1, after)
    return found, after


def _array(text_end: tuple[str, int], scan_once: Any) -> tuple[Arr, int]:
    value, after = _json_array(text_end, scan_once)
    found = Arr(value)
    found.span = (text_end[1] - 1, after)
    return found, after


TOKENS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[{}\[\]]')  # a string (unrolled), a bracket


class _Mismatch(Exception):
    """The text's strings and brackets are not the parsed value's, in order."""


def _located(value: str, tokens: Iterator[re.Match[str]]) -> Str:
    token = next(tokens, None)
    if token is None or token.group()[0] != '"':
        raise _Mismatch
    found = Str(value)
    found.span = token.span()
    return found


def _bracket(tokens: Iterator[re.Match[str]], kind: str) -> re.Match[str]:
    token = next(tokens, None)
    if token is None or token.group() != kind:
        raise _Mismatch
    return token


def _build(value: Any, tokens: Iterator[re.Match[str]]) -> Any:
    """``value`` (parsed) with the spans of its strings, objects and arrays."""
    if isinstance(value, str):
        return _located(value, tokens)
    if isinstance(value, dict):
        start = _bracket(tokens, "{").start()
        obj = Obj()
        for key, item in value.items():
            token = next(tokens, None)  # the key's
            if token is None or token.group()[0] != '"':
                raise _Mismatch
            obj[key] = item if item is None or isinstance(item, SCALARS) else _build(item, tokens)
        obj.span = (start, _bracket(tokens, "}").end())
        return obj
    if isinstance(value, list):
        start = _bracket(tokens, "[").start()
        array = Arr(
            [
                item if item is None or isinstance(item, SCALARS) else _build(item, tokens)
                for item in value
            ]
        )
        array.span = (start, _bracket(tokens, "]").end())
        return array
    return value


SCALARS = (int, float)  # bool is an int


def parse(text: str) -> Any:
    """``json.loads(text)`` with positions; raises ``json.JSONDecodeError`` as it does."""
    data = json.loads(text)
    tokens = TOKENS.finditer(text)
    try:
        found = _build(data, tokens)
    except _Mismatch:
        return parse_slowly(text)
    if next(tokens, None) is not None:
        return parse_slowly(text)
    return found


def parse_slowly(text: str) -> Any:
    """``parse`` by ``json``'s pure-Python scanner, its parsers wrapped."""
    decoder = json.JSONDecoder()
    vars(decoder).update(parse_string=_string, parse_object=_object, parse_array=_array)
    vars(decoder)["scan_once"] = json.scanner.py_make_scanner(decoder)  # type: ignore[attr-defined]
    return decoder.decode(text)
