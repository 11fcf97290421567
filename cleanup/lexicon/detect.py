"""Files that are not lexicons but vendor vocabularies or CSV: told apart so that loading
refuses them with the import command to run, instead of reading their lines as terms.

``foreign(text)`` names the ``cleanup lexicon import`` format a text looks like: a JSON
object of AssemblyAI, Deepgram, Google or Rev.ai keys, an AWS table (``Phrase`` and the
other AWS columns), a Deepgram query string, or a CSV with this lexicon's column names.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import PurePath
from typing import Any

from cleanup.lexicon.model import COLUMNS

# JSON keys -> the import format they belong to
JSON_KEYS: dict[str, str] = {
    "keyterms_prompt": "assemblyai",
    "word_boost": "assemblyai",
    "custom_spelling": "assemblyai",
    "boost_param": "assemblyai",
    "keyterm": "deepgram",
    "keywords": "deepgram",
    "replace": "deepgram",
    "custom_vocabularies": "revai",
    "phrases": "google",
    "phraseSet": "google",
    "phraseSets": "google",
    "speechContexts": "google",
    "adaptation": "google",
}
AWS_COLUMNS = {"phrase", "soundslike", "ipa", "displayas"}
QUERY_KEYS = ("keyterm=", "keywords=", "replace=")
_KEY = re.compile(r'"(\w+)"\s*:')


def _json_format(data: Any) -> str:
    objects = [data] if isinstance(data, dict) else [d for d in data if isinstance(d, dict)]
    objects += [v for d in list(objects) for v in d.values() if isinstance(v, dict)]
    for found in objects:
        for key in found:
            if key in JSON_KEYS:
                return JSON_KEYS[key]
    return "FORMAT"


def _first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            return line.strip()
    return ""


def _json(text: str) -> tuple[str, str] | None:
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped[:1] not in ("{", "["):
        return None
    try:
        data = json.loads(stripped)
    except json.JSONDecodeError as exc:
        if stripped[0] != "{":  # a term list may start with [, never with {
            return None
        keys = (JSON_KEYS[key] for key in _KEY.findall(stripped) if key in JSON_KEYS)
        return f"broken JSON (line {exc.lineno}: {exc.msg})", next(keys, "FORMAT")
    except RecursionError:
        return "JSON nested too deeply to read", "FORMAT"
    return ("JSON", _json_format(data)) if isinstance(data, dict | list) else None


def _table(line: str) -> tuple[str, str] | None:
    if line.startswith(QUERY_KEYS):
        return "a Deepgram query string", "deepgram"
    if "\t" in line:
        cells = _cells(line, "\t")
        aws = "phrase" in cells and "term" not in cells
        return ("an AWS Transcribe vocabulary table", "aws") if aws else None
    return _csv(line) if "," in line or ";" in line else None


def _cells(line: str, delimiter: str) -> set[str]:
    return {cell.strip().casefold() for cell in next(csv.reader([line], delimiter=delimiter), [])}


def csv_delimiter(line: str) -> str:
    """The delimiter of a CSV header line: ``;`` (spreadsheets in many locales) when it has
    semicolons and no commas, else ``,``."""
    return ";" if ";" in line and "," not in line else ","


def _csv(line: str) -> tuple[str, str] | None:
    delimiter = csv_delimiter(line)
    cells = _cells(line, delimiter)
    kind = "comma" if delimiter == "," else "semicolon"
    if "phrase" in cells and cells <= AWS_COLUMNS:
        return f"an AWS Transcribe vocabulary table ({kind}-separated)", "aws"
    if "term" in cells and cells <= set(COLUMNS):
        return f"CSV ({kind}-separated)", "csv"
    return None


def foreign(text: str) -> tuple[str, str] | None:
    """(what the text looks like, its import format), or None for a lexicon."""
    return _json(text) or _table(_first_line(text))


def refusal(text: str, name: str) -> str | None:
    """Why ``text`` is no lexicon and the command that converts it, or None. A file named
    ``*.csv`` whose first line has a comma or semicolon is CSV even without our header."""
    found = foreign(text)
    first = _first_line(text)
    if found is None and name.casefold().endswith(".csv") and ("," in first or ";" in first):
        found = (
            f"CSV ({'semicolon' if csv_delimiter(first) == ';' else 'comma'}-separated)",
            "csv",
        )
    if found is None:
        return None
    what, fmt = found
    target = PurePath(name).with_suffix(".tsv")
    if str(target) == name:
        target = target.with_name(f"{target.stem}.lexicon.tsv")
    return (
        f"this is {what}, not a lexicon (TSV with a header, or one term per line); "
        f"convert it with: cleanup lexicon import --from {fmt} {name} -o {target}"
    )
