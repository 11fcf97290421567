"""The standard ``json`` parser, made to tell where each string, object and array is.

``parse`` runs ``json``'s own pure-Python scanner with its string, object and array
parsers wrapped, so every string value in the result is a ``Str`` (a ``str``), every
object an ``Obj`` (a ``dict``) and every array an ``Arr`` (a ``list``), each with
``span``: its start and end offsets in the text (quotes and brackets included). The
values are what ``json.loads`` gives; only where they were is added.
"""

from __future__ import annotations

import json
import json.decoder
import json.scanner
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


def parse(text: str) -> Any:
    """``json.loads(text)`` with positions; raises ``json.JSONDecodeError`` as it does."""
    decoder = json.JSONDecoder()
    vars(decoder).update(parse_string=_string, parse_object=_object, parse_array=_array)
    vars(decoder)["scan_once"] = json.scanner.py_make_scanner(decoder)  # type: ignore[attr-defined]
    return decoder.decode(text)
